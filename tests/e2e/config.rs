//! Bad configuration stops the run with exit code 2 and a message naming file, line and key.

use std::fs;

use crate::entente;

fn config_with(extra: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let default = fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    let text = default.replace("[extract]\nkind = \"rules\"", &format!("[extract]\nkind = \"rules\"\n{extra}"));
    let path = dir.path().join("bad.toml");
    fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

#[test]
fn unknown_key_fails_run_and_validate() {
    let (_dir, path) = config_with("colour = \"blue\"");
    let line = fs::read_to_string(&path).unwrap().lines().position(|l| l.starts_with("colour")).unwrap() + 1;
    for args in [vec!["run", "-c", &path, "examples/seed-fr.txt"], vec!["validate", "-c", &path]] {
        let output = entente(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("{path}:{line}:1: unknown field `colour`")), "{args:?}: {stderr}");
    }
}

#[test]
fn shipped_configs_validate() {
    for path in [
        "config/default.toml",
        "config/examples/fr-only.toml",
        "config/examples/annotated.toml",
        "config/examples/whatlang.toml",
        "config/examples/detect-12.toml",
    ] {
        let output = entente(&["validate", "-c", path], b"");
        assert!(output.status.success(), "{path}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn bad_invocations_exit_2() {
    assert_eq!(entente(&["run"], b"").status.code(), Some(2));
    assert_eq!(entente(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(entente(&["run", "-c", "/nonexistent.toml", "-"], b"").status.code(), Some(2));
}

#[test]
fn unsupported_language_names_the_tag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ms.toml");
    let default = fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    fs::write(&path, default.replace("languages = [\"fr\", \"en\"]", "languages = [\"fr\", \"la\"]")).unwrap();
    let output = entente(&["validate", "-c", path.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(":6:20: languages: `la` is not supported by the `ngram` detector"), "{stderr}");
}

#[test]
fn twelve_languages_with_the_latin_model_file() {
    // The example configuration reads the Latin model from a file next to the crate; run from
    // another directory, the path is still relative to the configuration file.
    let input = concat!(
        "{\"id\":\"la\",\"text\":\"Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.\"}\n",
        "{\"id\":\"it\",\"text\":\"La città si trova sulla riva sinistra del fiume.\"}\n",
        "{\"id\":\"fr\",\"text\":\"Les troupes quitteront le Kazakhstan dans deux jours.\"}\n",
    );
    let config = crate::root().join("config/examples/detect-12.toml");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["predict", "langid", "-c", config.to_str().unwrap(), "-"])
        .current_dir(std::env::temp_dir())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .expect("entente runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let langs: Vec<(String, String)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_owned(), v["lang"].as_str().unwrap().to_owned())
        })
        .collect();
    let expected = [("la", "la"), ("it", "it"), ("fr", "fr")].map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(langs, expected);
}

#[test]
fn a_trained_model_records_its_lexicon_length_and_serves_a_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("train.jsonl");
    let mut lines = String::new();
    for (name, rest) in
        [("Alice Martin", " est arrivée hier."), ("Paul Durand", " a parlé à Lyon."), ("Marie Curie", " a gagné.")]
    {
        for _ in 0..5 {
            let end = name.chars().count();
            lines.push_str(&format!(
                "{{\"text\":\"{name}{rest}\",\"entities\":[{{\"start\":0,\"end\":{end},\"label\":\"PER\"}}]}}\n"
            ));
        }
    }
    fs::write(&corpus, lines).unwrap();
    let model = dir.path().join("tiny.bin");
    let trained = entente(
        &[
            "train",
            "ner",
            "--lang",
            "fr",
            "--epochs",
            "3",
            "--lexicon-words",
            "1000",
            "--skip-class",
            "255",
            "--out",
            model.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ],
        b"",
    );
    assert!(trained.status.success(), "{}", String::from_utf8_lossy(&trained.stderr));
    let loaded = entente_extract::tagger::TaggerModel::from_bytes(&fs::read(&model).unwrap()).unwrap();
    assert_eq!(loaded.lexicon_words(), 1000);
    // The configuration uses it in place of the built-in French model.
    let (_config_dir, config) = config_with(&format!("params = {{ tagger_models = [{:?}] }}", model.to_str().unwrap()));
    let output =
        entente(&["predict", "ner", "-c", &config, "-"], b"{\"id\":\"a\",\"text\":\"Marie Curie est partie hier.\"}\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("PER"), "{}", String::from_utf8_lossy(&output.stdout));
}
