use proptest::prelude::*;

use super::*;

fn check(original: &str, edits: &[Edit], normalized: &str, probes: &[(&str, &str)]) {
    let mut text = NormalizedText::new(original);
    text.apply(edits);
    assert_eq!(text.as_str(), normalized);
    for (needle, expected) in probes {
        let at = text.as_str().find(needle).unwrap_or_else(|| panic!("{needle:?} not in {normalized:?}"));
        let range = text.original_range(at..at + needle.len());
        assert_eq!(&original[range], *expected, "{needle:?} maps back wrongly");
    }
}

#[test]
fn unchanged_text_is_borrowed_and_identity() {
    let mut text = NormalizedText::new("Moscou");
    text.apply(&[]);
    text.apply(&[Edit::new(0..1, "M")]);
    assert!(text.is_unchanged());
    assert_eq!(text.original_range(1..3), 1..3);
}

#[test]
fn replacement_maps_to_replaced_text() {
    check("d\u{2019}État", &[Edit::new(1..4, "'")], "d'État", &[("État", "État"), ("'", "\u{2019}")]);
}

#[test]
fn deletion_and_insertion() {
    check("a\u{AD}b", &[Edit::new(1..3, "")], "ab", &[("ab", "a\u{AD}b"), ("b", "b")]);
    check("ab", &[Edit::new(1..1, " ")], "a b", &[("a", "a"), ("b", "b")]);
}

#[test]
fn empty_range_maps_to_position() {
    let mut text = NormalizedText::new("x\u{2019}y");
    text.apply(&[Edit::new(1..4, "'")]);
    assert_eq!(text.original_range(2..2), 4..4);
    assert_eq!(text.original_range(3..3), 5..5);
    assert_eq!(text.original_range(10..12), 5..5);
}

#[test]
fn multi_char_to_one() {
    // "e" + combining acute becomes "é": the single char maps to both original chars.
    check("Tokae\u{301}v", &[Edit::new(4..7, "é")], "Tokaév", &[("é", "e\u{301}"), ("Tokaév", "Tokae\u{301}v")]);
}

#[test]
fn same_length_characters_are_replaced_in_place_and_keep_their_alignment() {
    let original = "L\u{2019}Équipe De Russie";
    let mut text = NormalizedText::new(original);
    text.apply(&[Edit::new(1..4, "'")]);
    // A second pass lower-cases one letter in place ("De" → "de").
    let at = text.as_str().find("De").unwrap();
    text.apply(&[Edit::new(at..at + 1, "d")]);
    assert_eq!(text.as_str(), "L'Équipe de Russie");
    let de = text.as_str().find("de").unwrap();
    assert_eq!(&original[text.original_range(de..de + 2)], "De");
    assert_eq!(&original[text.original_range(1..2)], "\u{2019}");
    assert_alignment_valid(&text);
}

#[test]
fn invalid_edits_are_skipped_in_release() {
    if cfg!(debug_assertions) {
        return;
    }
    let mut text = NormalizedText::new("abc");
    text.apply(&[Edit::new(2..3, "X"), Edit::new(0..1, "Y")]);
    assert_eq!(text.as_str(), "abX");
}

/// A random edit script over `text`: at each char boundary, maybe replace the next chars.
fn edits_for(text: &str, picks: &[(u8, u8, u8)]) -> Vec<Edit> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let mut edits = Vec::new();
    let mut at = 0usize; // index into bounds
    for &(skip, take, what) in picks {
        at += skip as usize % 4;
        if at >= bounds.len() {
            break;
        }
        let end = (at + take as usize % 3).min(bounds.len() - 1);
        let replacement = match what % 5 {
            0 => "",
            1 => " ",
            2 => "'",
            3 => "é",
            _ => "\u{2026}x",
        };
        edits.push(Edit::new(bounds[at]..bounds[end], replacement));
        at = end + 1;
    }
    edits
}

fn assert_alignment_valid(text: &NormalizedText<'_>) {
    let original = text.original();
    let normalized = text.as_str();
    let mut last_start = 0;
    for (i, _) in normalized.char_indices() {
        let r = text.alignment(i);
        assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
        assert!(r.start <= r.end && r.end <= original.len());
        assert!(r.start >= last_start, "alignment decreases at {i}");
        last_start = r.start;
    }
}

proptest! {
    #[test]
    fn mapped_ranges_lie_on_char_boundaries(
        original in "\\PC{0,40}",
        picks in proptest::collection::vec(any::<(u8, u8, u8)>(), 0..8),
        a in any::<usize>(), b in any::<usize>(),
    ) {
        let mut text = NormalizedText::new(&original);
        text.apply(&edits_for(&original, &picks));
        assert_alignment_valid(&text);
        let len = text.as_str().len() + 1;
        let (s, e) = ((a % len).min(b % len), (a % len).max(b % len));
        let r = text.original_range(s..e);
        prop_assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end) && r.start <= r.end);
    }

    #[test]
    fn identity_gives_identity_map(original in "\\PC{0,40}", a in any::<usize>(), b in any::<usize>()) {
        let mut text = NormalizedText::new(&original);
        // Edits that change nothing keep the identity.
        let same: Vec<Edit> = original.char_indices().map(|(i, c)| Edit::new(i..i + c.len_utf8(), c.to_string())).collect();
        text.apply(&same);
        prop_assert!(text.is_unchanged());
        let bounds: Vec<usize> = original.char_indices().map(|(i, _)| i).chain(std::iter::once(original.len())).collect();
        let (s, e) = (bounds[a % bounds.len()].min(bounds[b % bounds.len()]), bounds[a % bounds.len()].max(bounds[b % bounds.len()]));
        prop_assert_eq!(text.original_range(s..e), s..e);
    }

    #[test]
    fn composed_normalizers_compose(
        original in "\\PC{0,40}",
        first in proptest::collection::vec(any::<(u8, u8, u8)>(), 0..6),
        second in proptest::collection::vec(any::<(u8, u8, u8)>(), 0..6),
    ) {
        // Chain: both edit scripts applied to one NormalizedText.
        let mut chained = NormalizedText::new(&original);
        chained.apply(&edits_for(&original, &first));
        let middle = chained.as_str().to_owned();
        let second_edits = edits_for(&middle, &second);
        chained.apply(&second_edits);

        // Separately: original -> middle, then middle -> final.
        let mut step1 = NormalizedText::new(&original);
        step1.apply(&edits_for(&original, &first));
        let mut step2 = NormalizedText::new(&middle);
        step2.apply(&second_edits);

        prop_assert_eq!(chained.as_str(), step2.as_str());
        for (i, _) in step2.as_str().char_indices() {
            let via_middle = step2.alignment(i);
            let composed = step1.original_range(via_middle);
            prop_assert_eq!(chained.alignment(i), composed, "byte {}", i);
        }
    }
}
