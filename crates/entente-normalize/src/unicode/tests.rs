use proptest::prelude::*;

use super::*;

fn fr() -> Lang {
    Lang::parse("fr").unwrap()
}

/// Normalizes `original` with all repairs and checks the result and that `needle` maps back.
fn check(original: &str, expected: &str, needle: &str, needle_original: &str) {
    let mut text = NormalizedText::new(original);
    UnicodeNormalizer::new(UnicodeOptions::default()).normalize(&mut text, &fr());
    assert_eq!(text.as_str(), expected);
    let at = text.as_str().find(needle).expect("needle in normalized text");
    assert_eq!(&original[text.original_range(at..at + needle.len())], needle_original);
}

#[test]
fn apostrophes_and_spaces() {
    check("Département d\u{2019}État", "Département d'État", "d'État", "d\u{2019}État");
    check("2\u{202F}030 soldats", "2 030 soldats", "2 030", "2\u{202F}030");
    check("«\u{00A0}Jusqu\u{2019}à\u{00A0}»", "« Jusqu'à »", "Jusqu'à", "Jusqu\u{2019}à");
}

#[test]
fn nfc_composes_and_then_repairs() {
    check(
        "Toka\u{0308}\u{0131}ev l\u{2019}e\u{0301}te\u{0301}",
        "Tokä\u{0131}ev l'été",
        "l'été",
        "l\u{2019}e\u{0301}te\u{0301}",
    );
    check("Tokai\u{0308}ev", "Tokaïev", "Tokaïev", "Tokai\u{0308}ev");
}

#[test]
fn invisibles_removed() {
    check("Kaza\u{00AD}khstan\u{200B} \u{0007}ok", "Kazakhstan ok", "Kazakhstan", "Kaza\u{00AD}khstan");
}

#[test]
fn ascii_text_is_not_copied() {
    let mut text = NormalizedText::new("Plain ASCII text, nothing to do.\n");
    UnicodeNormalizer::new(UnicodeOptions::default()).normalize(&mut text, &fr());
    assert!(text.is_unchanged());
}

#[test]
fn options_turn_repairs_off() {
    let options = UnicodeOptions { apostrophes: false, ..UnicodeOptions::default() };
    let mut text = NormalizedText::new("l\u{2019}OTSC\u{00A0}!");
    UnicodeNormalizer::new(options).normalize(&mut text, &fr());
    assert_eq!(text.as_str(), "l\u{2019}OTSC !");
}

proptest! {
    #[test]
    fn never_panics_and_alignment_is_valid(original in "(\\PC|[\u{00A0}\u{202F}\u{2019}\u{0301}\u{0308}\u{00AD}\u{200B}\u{0007}e]){0,60}") {
        let mut text = NormalizedText::new(&original);
        UnicodeNormalizer::new(UnicodeOptions::default()).normalize(&mut text, &fr());
        for (i, _) in text.as_str().char_indices() {
            let r = text.alignment(i);
            prop_assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
        }
        // Idempotent.
        let once = text.as_str().to_owned();
        let mut again = NormalizedText::new(&once);
        UnicodeNormalizer::new(UnicodeOptions::default()).normalize(&mut again, &fr());
        prop_assert_eq!(again.as_str(), once.as_str());
    }
}

#[test]
fn dashes_and_ellipsis_and_optional_quotes() {
    check("du 13\u{2013}15 juillet\u{2026}", "du 13-15 juillet...", "13-15", "13\u{2013}15");
    let mut text = NormalizedText::new("«\u{00A0}paix\u{00A0}»");
    let options = UnicodeOptions { quotes: true, ..UnicodeOptions::default() };
    UnicodeNormalizer::new(options).normalize(&mut text, &fr());
    assert_eq!(text.as_str(), "\" paix \"");
    // Off by default: the quotation finder tells « from ».
    check("«\u{00A0}paix\u{00A0}»", "« paix »", "paix", "paix");
}
