use super::*;

fn source(text: &str) -> ConfigSource {
    ConfigSource { name: "test.toml".into(), base_dir: PathBuf::from("."), text: text.into() }
}

/// Loads `text` and returns each problem as `LINE:COL: MESSAGE`.
fn problems(text: &str) -> Vec<String> {
    match load(&source(text)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .iter()
            .map(|p| {
                let (line, col) = p.span.as_ref().map_or((0, 0), |s| line_col(text, s.start));
                format!("{line}:{col}: {}", p.message)
            })
            .collect(),
    }
}

const GOOD: &str = "schema_version = 1\nlanguages = [\"fr\", \"en\"]\n[detect]\nkind = \"whatlang\"\n[[normalize]]\nkind = \"unicode\"\n[extract]\nkind = \"rules\"\n[link]\nkind = \"kb\"\n";

#[test]
fn shipped_configs_load() {
    assert!(load(&ConfigSource::embedded()).is_ok());
    for path in [
        "../../config/examples/fr-only.toml",
        "../../config/examples/annotated.toml",
        "../../config/examples/whatlang.toml",
        "../../config/examples/detect-12.toml",
    ] {
        let src = ConfigSource::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path).as_path()).unwrap();
        let spec = load(&src).unwrap_or_else(|p| panic!("{path}: {p:?}"));
        crate::build::pipeline(&spec).unwrap_or_else(|p| panic!("{path}: {p:?}"));
    }
    assert!(problems(GOOD).is_empty());
}

#[test]
fn unknown_key_names_key_and_line() {
    let text = GOOD.replace("kind = \"rules\"", "kind = \"rules\"\ncolour = 3");
    assert_eq!(problems(&text), ["9:1: unknown field `colour`, expected `kind` or `params`"]);
    let text = GOOD.replace("[link]", "bogus = true\n[link]");
    assert_eq!(problems(&text)[0].split(':').next(), Some("9"));
    assert!(problems(&text)[0].contains("`bogus`"));
}

#[test]
fn wrong_type_names_the_key() {
    let text = GOOD.replace("kind = \"whatlang\"", "kind = \"whatlang\"\nparams = { min_confidence = \"high\" }");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("5:29: detect.params.min_confidence: invalid type"), "{p:?}");
}

#[test]
fn unknown_kind_and_bad_languages() {
    let p = problems(&GOOD.replace("\"whatlang\"", "\"lingua\""));
    assert!(p[0].starts_with("4:8: ") && p[0].contains("unknown variant `lingua`"), "{p:?}");
    let p = problems(&GOOD.replace("[\"fr\", \"en\"]", "[\"fr\", \"xx-!!\", \"ms\", \"fr-CA\"]"));
    assert_eq!(
        p,
        [
            "2:20: languages: `xx-!!` is not a valid BCP-47 language tag",
            "2:35: languages: `fr-CA` is listed twice",
            "2:29: languages: `ms` is not supported by the `whatlang` detector",
        ]
    );
}

#[test]
fn range_checks_collect_all() {
    let text = GOOD
        .replace("schema_version = 1", "schema_version = 2\npivot = \"de\"")
        .replace("kind = \"whatlang\"", "kind = \"whatlang\"\n[detect.params]\nmin_confidence = 7.5");
    let p = problems(&text);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p.iter().any(|m| m.contains("min_confidence: expected 0.0..=1.0, got 7.5")));
}

#[test]
fn key_paths() {
    let text = "[a]\nx = 1\n[b.params]\ny = { z = \"q\" }\n";
    assert_eq!(key_at(text, text.find("1").unwrap()).as_deref(), Some("a.x"));
    assert_eq!(key_at(text, text.find("\"q\"").unwrap()).as_deref(), Some("b.params.y.z"));
}

/// Loads and builds `text`; returns each problem of either step as `LINE:COL: MESSAGE`.
fn build_problems(text: &str) -> Vec<String> {
    let located = |problems: Vec<ConfigProblem>| -> Vec<String> {
        problems
            .iter()
            .map(|p| {
                let (line, col) = p.span.as_ref().map_or((0, 0), |s| line_col(text, s.start));
                format!("{line}:{col}: {}", p.message)
            })
            .collect()
    };
    match load(&source(text)) {
        Ok(spec) => crate::build::pipeline(&spec).err().map(located).unwrap_or_default(),
        Err(problems) => located(problems),
    }
}

#[test]
fn model_files_add_languages_and_bad_ones_are_named() {
    let latin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../entente-detect-ngram/data/optional/la.bin");
    let config = |file: &str| {
        GOOD.replace("[\"fr\", \"en\"]", "[\"fr\", \"la\"]")
            .replace("kind = \"whatlang\"", &format!("kind = \"ngram\"\nparams.model_files.la = {file:?}"))
    };
    assert!(build_problems(&config(latin.to_str().unwrap())).is_empty());
    // Without the file, Latin is refused at its place in the language list.
    let without = GOOD.replace("[\"fr\", \"en\"]", "[\"fr\", \"la\"]").replace("\"whatlang\"", "\"ngram\"");
    assert_eq!(build_problems(&without), ["2:20: languages: `la` is not supported by the `ngram` detector"]);
    let p = build_problems(&config("/nonexistent/la.bin"));
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("5:25: detect.params.model_files.la: cannot read /nonexistent/la.bin"), "{p:?}");
    // A file that is not a model, and a model of another language.
    let not_model = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let p = build_problems(&config(not_model.to_str().unwrap()));
    assert!(p[0].starts_with("5:25: detect.params.model_files.la: ") && p[0].ends_with("wrong magic"), "{p:?}");
    let as_malay = config(latin.to_str().unwrap())
        .replace("[\"fr\", \"la\"]", "[\"fr\", \"ms\"]")
        .replace("model_files.la", "model_files.ms");
    let p = build_problems(&as_malay);
    assert!(p[0].ends_with("the model file given for `ms` is a model of `la`"), "{p:?}");
}

#[test]
fn every_kind_of_every_stage_is_listed() {
    // The kinds a configuration accepts, read from the error that lists them.
    for (stage, section) in
        [("detect", "[detect]"), ("normalize", "[[normalize]]"), ("extract", "[extract]"), ("link", "[link]")]
    {
        let text = GOOD.replace(&format!("{section}\nkind = \""), &format!("{section}\nkind = \"nonesuch"));
        let problem = problems(&text).join(" ");
        let expected = problem.split("expected").nth(1).unwrap_or_else(|| panic!("{stage}: {problem}"));
        for kind in expected.split('`').skip(1).step_by(2) {
            assert!(
                crate::build::STAGES.iter().any(|(s, k, _)| *s == stage && *k == kind),
                "{stage} kind `{kind}` is missing from `entente list-stages`"
            );
        }
    }
}
