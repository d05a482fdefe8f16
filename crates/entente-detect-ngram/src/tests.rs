use super::*;

fn detector(tags: &[&str]) -> NgramDetector {
    let langs: Vec<Lang> = tags.iter().map(|t| Lang::parse(t).unwrap()).collect();
    NgramDetector::new(&langs, 0.0).unwrap()
}

fn check(d: &NgramDetector, text: &str, expected: &str) {
    let found = d.detect(text).map(|d| d.lang.to_string());
    assert_eq!(found.as_deref(), Some(expected), "{text:?}");
}

#[test]
fn words_pairs_sentences() {
    let d = detector(&["fr", "en"]);
    for (text, lang) in [
        ("gouvernement", "fr"),
        ("government", "en"),
        ("troupes", "fr"),
        ("withdrawal", "en"),
        ("maintien de", "fr"),
        ("peacekeeping force", "en"),
        ("Les troupes quitteront le Kazakhstan dans deux jours.", "fr"),
        ("The troops will leave Kazakhstan within two days.", "en"),
    ] {
        check(&d, text, lang);
    }
}

#[test]
fn no_letters_no_answer() {
    let d = detector(&["fr", "en"]);
    assert!(d.detect("2 030 - 250 !").is_none());
    assert!(d.detect("").is_none());
}

#[test]
fn confidence_grows_with_evidence() {
    let d = detector(&["fr", "en"]);
    let short = d.detect("gouvernement").unwrap().confidence;
    let long =
        d.detect("Le gouvernement du pays a demandé aux forces de maintien de la paix de partir.").unwrap().confidence;
    assert!(long > short && long > 0.99, "{short} {long}");
}

#[test]
fn unsupported_language_is_refused() {
    let err = NgramDetector::new(&[Lang::parse("tlh").unwrap()], 0.0).unwrap_err();
    assert!(err.to_string().contains("`tlh`"));
}

#[test]
fn region_subtags_are_kept() {
    let d = detector(&["fr-CA", "en-GB"]);
    check(&d, "gouvernement", "fr-CA");
}

#[test]
fn a_tie_goes_to_the_language_configured_first() {
    // "budget" is as frequent in French as in English: no evidence either way.
    let fr_first = detector(&["fr", "en"]).detect("budget").unwrap();
    let en_first = detector(&["en", "fr"]).detect("budget").unwrap();
    assert!((fr_first.confidence - 0.5).abs() < 1e-3, "{}", fr_first.confidence);
    assert_eq!(fr_first.lang.to_string(), "fr");
    assert_eq!(en_first.lang.to_string(), "en");
}
