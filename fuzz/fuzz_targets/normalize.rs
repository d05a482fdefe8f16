//! Arbitrary text through every normalizer (repair, unicode with all options, titlecase) and
//! the sentence segmenter: no panic, and the alignment stays valid: every normalized range maps
//! to an original range on char boundaries, in order.
#![no_main]

use entente_core::{Lang, NormalizedText, Normalizer, sentences};
use entente_normalize::{RepairNormalizer, RepairOptions, TitleCaseNormalizer, UnicodeNormalizer, UnicodeOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else { return };
    let normalizers: [Box<dyn Normalizer>; 3] = [
        Box::new(RepairNormalizer::new(RepairOptions::default())),
        Box::new(UnicodeNormalizer::new(UnicodeOptions { quotes: true, ..UnicodeOptions::default() })),
        Box::new(TitleCaseNormalizer::new(vec!["fr".into(), "en".into()])),
    ];
    for lang in ["fr", "en"] {
        let lang = Lang::parse(lang).expect("lang");
        let mut text = NormalizedText::new(original);
        for n in &normalizers {
            n.normalize(&mut text, &lang);
        }
        let normalized = text.as_str();
        let boundaries: Vec<usize> =
            normalized.char_indices().map(|(i, _)| i).chain(std::iter::once(normalized.len())).collect();
        let mut last_start = 0;
        for window in boundaries.windows(2) {
            let range = text.original_range(window[0]..window[1]);
            assert!(original.get(range.clone()).is_some(), "{range:?} is not on char boundaries");
            assert!(range.start >= last_start, "ranges go backwards");
            last_start = range.start;
        }
        for s in sentences(normalized) {
            assert!(normalized.get(s).is_some());
        }
    }
});
