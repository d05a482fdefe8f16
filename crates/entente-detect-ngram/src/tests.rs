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
    assert_eq!(fr_first.lang.to_string(), "fr");
    assert_eq!(en_first.lang.to_string(), "en");
    // Without the prior it is an even call, still given to the first language.
    let langs = [Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
    let flat = NgramDetector::with_options(&langs, NgramOptions { primary_prior: 0.0, ..NgramOptions::default() });
    let even = flat.unwrap().detect("budget").unwrap();
    assert!((even.confidence - 0.5).abs() < 1e-3, "{}", even.confidence);
    assert_eq!(even.lang.to_string(), "fr");
    // With it, the first language is favoured by exactly the prior (a logistic of prior / temperature).
    let o = NgramOptions::default();
    let expected = 1.0 / (1.0 + (-o.primary_prior / o.temperature).exp());
    assert!((fr_first.confidence - expected).abs() < 1e-3, "{} vs {expected}", fr_first.confidence);
}

#[test]
fn the_prior_of_the_first_language_fades_with_evidence() {
    let d = detector(&["fr", "en"]);
    check(&d, "government", "en");
    let sentence = d.detect("The government asked the peacekeeping forces to leave the country.").unwrap();
    assert_eq!(sentence.lang.to_string(), "en");
    assert!(sentence.confidence > 0.999, "{}", sentence.confidence);
}

/// The Latin model, which ships as a file beside the crate rather than inside it.
fn latin_model() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/optional/la.bin")).unwrap()
}

#[test]
fn a_model_read_at_run_time_adds_its_language() {
    let latin = latin_model();
    let tags = ["fr", "en", "it", "es", "la"];
    let langs: Vec<Lang> = tags.iter().map(|t| Lang::parse(t).unwrap()).collect();
    assert!(matches!(NgramDetector::new(&langs, 0.0), Err(NgramError::Unsupported(l)) if l.primary() == "la"));
    let d = NgramDetector::with_models(&langs, NgramOptions::default(), &[("la", &latin)]).unwrap();
    for (text, lang) in [
        ("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.", "la"),
        ("Urbs in ripa fluminis sita est et multos incolas habet.", "la"),
        ("La città si trova sulla riva del fiume.", "it"),
        ("Les troupes quitteront le Kazakhstan dans deux jours.", "fr"),
    ] {
        check(&d, text, lang);
    }
    assert_eq!(NgramDetector::check_model("la", &latin), Ok(()));
}

#[test]
fn a_bad_model_file_is_refused_with_a_reason() {
    let latin = latin_model();
    let langs = [Lang::parse("fr").unwrap(), Lang::parse("ms").unwrap()];
    let err = NgramDetector::with_models(&langs, NgramOptions::default(), &[("ms", &latin)]).unwrap_err();
    assert_eq!(err.to_string(), "bad language model: the model file given for `ms` is a model of `la`");
    let err = NgramDetector::check_model("la", &latin[..latin.len() / 2]).unwrap_err();
    assert!(err.0.starts_with("truncated at byte"), "{err}");
    assert_eq!(NgramDetector::check_model("la", b"not a model").unwrap_err().0, "wrong magic");
}

/// The words of `text` as the character-by-character reading that [`next_word`] speeds up.
fn words_by_chars(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut word = String::new();
        for c in chars.by_ref() {
            if !c.is_alphabetic() {
                break;
            }
            if c.is_uppercase() {
                word.extend(c.to_lowercase());
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

proptest::proptest! {
    #[test]
    fn words_are_those_a_character_reading_finds(text in "([a-zA-Zé É'.,-]|İ|Σ|ǅ|ß|ﬁ|Ⅻ|日本|٣|\u{0301}){0,40}") {
        let mut words = Vec::new();
        let (mut at, mut word) = (0, String::new());
        while at < text.len() {
            next_word(&text, &mut at, &mut word);
            if !word.is_empty() {
                words.push(word.clone());
            }
        }
        proptest::prop_assert_eq!(words, words_by_chars(&text));
    }
}

#[test]
fn a_text_in_none_of_the_languages_is_und() {
    let d = detector(&["fr", "en"]);
    let indonesian = "Menteri Keuangan mengatakan defisit anggaran masih terkendali dan pemerintah akan terus \
                      mempercepat program makan bergizi gratis di seluruh daerah tahun ini.";
    let found = d.detect(indonesian).unwrap();
    assert_eq!(found.lang.to_string(), "und");
    assert!(found.confidence > 0.5, "{}", found.confidence);
    // Names are left out of the count; a short text is never "und".
    check(
        &d,
        "Stars such as Dilip Kumar, Dharmendra, Amitabh Bachchan, Rajesh Khanna, Anil Kapoor, Sridevi, Madhuri \
         Dixit, Aishwarya Rai and Shah Rukh Khan lacked show-business connections.",
        "en",
    );
    check(&d, "Menteri Keuangan mengatakan defisit anggaran masih terkendali.", "en");
    // Turned off, the nearest configured language answers; with the language configured, it.
    let langs = [Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
    let off = NgramDetector::with_options(&langs, NgramOptions { foreign_share: 0.0, ..NgramOptions::default() });
    assert_ne!(off.unwrap().detect(indonesian).unwrap().lang.to_string(), "und");
    check(&detector(&["fr", "en", "id", "ms"]), indonesian, "id");
}
