use std::sync::Arc;

use entente_core::output::Record;
use entente_extract::{Gazetteer, GazetteerEntry, RuleExtractor};
use entente_link::KbLinker;
use entente_link::kb::KnowledgeBase;
use entente_normalize::{UnicodeNormalizer, UnicodeOptions};
use proptest::prelude::*;

use super::*;

const SEED_FR: &str = include_str!("../../../examples/seed-fr.txt");
const SEED_EN: &str = include_str!("../../../examples/seed-en.txt");

fn pipeline() -> Pipeline {
    let langs = vec![Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
    let kb = Arc::new(KnowledgeBase::embedded());
    let entries = kb
        .entries()
        .iter()
        .flat_map(|e| {
            e.all_aliases().map(|(alias, fold_initial)| GazetteerEntry {
                alias: alias.to_owned(),
                fold_initial,
                kind: e.kind,
                key: e.id.clone(),
                prior: e.prior,
                demonym: false,
            })
        })
        .collect();
    Pipeline::new(
        Box::new(entente_detect_whatlang::WhatlangDetector::new(&langs, 0.0).unwrap()),
        vec![Box::new(UnicodeNormalizer::new(UnicodeOptions::default()))],
        Box::new(RuleExtractor::new(Arc::new(Gazetteer::new(entries)))),
        Box::new(KbLinker::new(kb, langs[1].clone(), langs)),
        PipelineOptions::default(),
    )
}

/// Every span of the record slices the original text to its own `text`, in bytes and in chars.
fn assert_offsets_exact(text: &str, record: &Record) {
    let by_chars = |start: usize, end: usize| text.chars().skip(start).take(end - start).collect::<String>();
    let mut spans = Vec::new();
    for e in &record.entities {
        for m in &e.mentions {
            spans.push((m.offsets, m.text.clone()));
        }
    }
    spans.extend(record.values.iter().map(|v| (v.offsets, v.text.clone())));
    spans.extend(record.quotes.iter().map(|q| (q.offsets, q.text.clone())));
    for (o, surface) in spans {
        assert_eq!(&text[o.byte_start..o.byte_end], surface);
        assert_eq!(by_chars(o.char_start, o.char_end), surface);
    }
    let segments = &record.language.as_ref().unwrap().segments;
    assert_eq!(segments.first().map_or(0, |s| s.offsets.byte_start), 0);
    assert_eq!(segments.last().map_or(0, |s| s.offsets.byte_end), text.len());
    for pair in segments.windows(2) {
        assert_eq!(pair[0].offsets.byte_end, pair[1].offsets.byte_start);
    }
}

fn mentions_of(record: &Record) -> Vec<(String, String)> {
    record.entities.iter().flat_map(|e| e.mentions.iter().map(move |m| (m.text.clone(), e.id.clone()))).collect()
}

#[test]
fn seed_articles_find_places_with_exact_offsets() {
    let p = pipeline();
    for (id, text, lang, places) in [
        (
            "seed-fr",
            SEED_FR,
            "fr",
            &["Russie", "Kazakhstan", "États-Unis", "JAKARTA", "Moscou", "Asie centrale", "Washington"],
        ),
        (
            "seed-en",
            SEED_EN,
            "en",
            &["Russia", "Kazakhstan", "United States", "JAKARTA", "Moscow", "Central Asian", "Washington"],
        ),
    ] {
        let record = p.process(&Document::new(id, text));
        assert_eq!(record.language.as_ref().unwrap().tag, lang);
        assert_offsets_exact(text, &record);
        let found = mentions_of(&record);
        for place in places {
            assert!(found.iter().any(|(t, _)| t == place), "{id}: {place} not found in {found:?}");
        }
    }
}

#[test]
fn same_ids_across_languages() {
    let p = pipeline();
    let fr = p.process(&Document::new("fr", SEED_FR));
    let en = p.process(&Document::new("en", SEED_EN));
    for id in ["loc:russia", "loc:kazakhstan", "loc:united-states", "loc:moscow", "org:csto", "org:us-state-department"]
    {
        assert!(fr.entities.iter().any(|e| e.id == id), "fr lacks {id}");
        assert!(en.entities.iter().any(|e| e.id == id), "en lacks {id}");
    }
}

#[test]
fn quote_speaker_is_linked() {
    let record = pipeline().process(&Document::new("fr", SEED_FR));
    let quote = record.quotes.iter().find(|q| q.text.starts_with("Jusqu’à ce que ce processus")).expect("quote");
    assert_eq!(quote.speaker.as_deref(), Some("per:ned-price"));
}

#[test]
fn given_language_is_trusted_and_empty_text_is_fine() {
    let p = pipeline();
    let mut doc = Document::new("x", "The troops will leave.");
    doc.lang_hint = Some(Lang::parse("fr").unwrap());
    let record = p.process(&doc);
    assert_eq!(record.language.as_ref().unwrap().tag, "fr");
    assert_eq!(record.language.as_ref().unwrap().source, "given");
    let empty = p.process(&Document::new("empty", ""));
    assert!(empty.entities.is_empty() && empty.values.is_empty());
    assert_eq!(empty.language.unwrap().tag, "und");
}

#[test]
fn quoted_english_sentence_in_french_text_is_an_english_segment() {
    let text = "Le porte-parole du ministère a répondu aux journalistes réunis devant le bâtiment. \
                Il a rappelé que les forces de maintien de la paix devaient quitter le pays dans les deux jours. \
                « We will keep calling on all the forces to respect international human rights », a-t-il dit.";
    let record = pipeline().process(&Document::new("mixed", text));
    let language = record.language.unwrap();
    assert_eq!(language.tag, "fr");
    assert!(language.segments.iter().any(|s| s.tag == "en"), "{:?}", language.segments);
}

/// An extractor with a defect: it panics on any text holding "boom".
#[derive(Debug)]
struct Defective;

impl Extractor for Defective {
    fn extract(&self, text: &NormalizedText<'_>, _: &ExtractContext<'_>, _: &mut Extraction) {
        assert!(!text.as_str().contains("boom"), "defective extractor met {:?}", text.as_str());
    }
}

#[test]
fn a_panicking_stage_costs_only_its_document() {
    let langs = vec![Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
    let kb = Arc::new(KnowledgeBase::embedded());
    let p = Pipeline::new(
        Box::new(entente_detect_whatlang::WhatlangDetector::new(&langs, 0.0).unwrap()),
        Vec::new(),
        Box::new(Defective),
        Box::new(KbLinker::new(kb, langs[1].clone(), langs)),
        PipelineOptions::default(),
    );
    let failed = p.process(&Document::new("bad", "the boom of the market"));
    assert_eq!(failed.status, Status::Error);
    let error = failed.error.expect("an error");
    assert_eq!((failed.id.as_str(), error.kind.as_str()), ("bad", "internal_error"));
    assert!(error.message.contains("defective extractor"), "{}", error.message);
    assert_eq!(p.process(&Document::new("good", "a quiet market")).status, Status::Ok);
}

#[test]
fn sentence_ranges_cover_text() {
    let text = "Un. « Deux » trois?\nQuatre";
    let ranges = sentence_ranges(text);
    let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(joined, text);
}

/// The character-by-character cutting that [`sentence_ranges`] does on the bytes that matter.
fn sentence_ranges_by_chars(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let cut_after = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' => next.is_none_or(char::is_whitespace),
            '»' | '”' | '"' => true,
            _ => false,
        };
        if matches!(c, '«' | '“' | '"') && at > start {
            ranges.push(start..at);
            start = at;
        }
        if cut_after {
            ranges.push(start..at + c.len_utf8());
            start = at + c.len_utf8();
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

proptest! {
    #[test]
    fn sentence_ranges_cut_as_a_character_scan_does(
        text in "([a-zé \n.!?\"«»“”…\u{2018}\u{00A0}\u{3000}\u{2029}]|Ĉ|ࠀ){0,60}"
    ) {
        prop_assert_eq!(sentence_ranges(&text), sentence_ranges_by_chars(&text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn offsets_are_exact_on_any_text(text in "([A-ZÉa-zé\u{2019}\u{202F}\u{00A0}\u{0301}«»\"., 0-9\n-]|Russie|OTSC|Ned Price|2 030){0,80}") {
        let record = pipeline().process(&Document::new("p", text.clone()));
        assert_offsets_exact(&text, &record);
    }
}
