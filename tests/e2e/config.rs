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
