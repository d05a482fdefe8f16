//! Runs entente's stages on one document and builds its output record.
//!
//! ```text
//! Document ─ detect ─ normalize ─ extract ─ link ─ map back ─ Record
//! ```
//! A [`Pipeline`] owns one implementation of each stage, as trait objects chosen by the driver
//! from configuration. It is `Send + Sync`: threads share one pipeline. Processing never fails:
//! whatever the text, [`Pipeline::process`] returns one record (an error record if a stage
//! panics).
//!
//! **Offsets:** stages report byte ranges in normalized text; this crate alone maps them back
//! to the original text (through [`NormalizedText::original_range`]) and adds code-point
//! offsets.
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::ops::Range;

use entente_core::output::{
    DemonymRecord, DucklingBound, DucklingValue, EntityRecord, LanguageReport, MentionRecord, Normalized, NumberOrText,
    Offsets, QuoteRecord, Record, SCHEMA_VERSION, SegmentRecord, Status, ValueRecord,
};
use entente_core::{
    Amount, CharIndex, Detection, Document, Extent, ExtractContext, Extraction, Extractor, Lang, LanguageDetector,
    Linker, NormalizedText, Normalizer, TimePoint, ValueData,
};

/// Tuning of the pipeline itself (each stage has its own parameters).
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineOptions {
    /// Put the normalized text in each record.
    pub emit_normalized_text: bool,
    /// Put the sentences' offsets in each record.
    pub emit_sentences: bool,
    /// Segments with fewer letters than this take the document's language.
    pub segment_min_letters: usize,
    /// A segment needs at least this confidence to differ from the document's language.
    pub segment_min_confidence: f32,
    /// Document-level detection reads at most this many bytes from the start of the text.
    pub detect_max_bytes: usize,
    /// Relative dates of documents without their own reference time resolve against this
    /// ISO 8601 date or date-time; without either they are not resolved.
    pub reference_time: Option<String>,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            emit_normalized_text: false,
            emit_sentences: false,
            segment_min_letters: 20,
            segment_min_confidence: 0.9,
            detect_max_bytes: 16 * 1024,
            reference_time: None,
        }
    }
}

/// The stages, ready to run.
#[derive(Debug)]
pub struct Pipeline {
    detector: Box<dyn LanguageDetector>,
    normalizers: Vec<Box<dyn Normalizer>>,
    extractor: Box<dyn Extractor>,
    linker: Box<dyn Linker>,
    options: PipelineOptions,
}

impl Pipeline {
    /// A pipeline of these stages; normalizers run in the order given.
    pub fn new(
        detector: Box<dyn LanguageDetector>,
        normalizers: Vec<Box<dyn Normalizer>>,
        extractor: Box<dyn Extractor>,
        linker: Box<dyn Linker>,
        options: PipelineOptions,
    ) -> Pipeline {
        Pipeline { detector, normalizers, extractor, linker, options }
    }

    /// The languages the detector chooses among.
    pub fn languages(&self) -> &[Lang] {
        self.detector.languages()
    }

    /// Processes one document. A stage that panics (a defect, never expected) costs only its
    /// document: the record is an error of kind `internal_error` with the panic's message, and
    /// the next document is processed as usual.
    #[tracing::instrument(level = "debug", skip_all, fields(doc_id = %doc.id))]
    pub fn process(&self, doc: &Document) -> Record {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process_unguarded(doc))) {
            Ok(record) => record,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a stage panicked".to_owned());
                tracing::error!(doc_id = %doc.id, error = %message, "internal error: document not processed");
                Record::error(doc.id.clone(), "internal_error", format!("internal error (please report it): {message}"))
            }
        }
    }

    fn process_unguarded(&self, doc: &Document) -> Record {
        let text = doc.text.as_str();
        let chars = CharIndex::new(text);
        let offsets = |range: Range<usize>| Offsets {
            char_start: chars.char_offset(range.start),
            char_end: chars.char_offset(range.end),
            byte_start: range.start,
            byte_end: range.end,
        };

        let (language, segments, source) = match &doc.lang_hint {
            Some(lang) => {
                (Detection { lang: lang.clone(), confidence: 1.0 }, vec![(0..text.len(), lang.clone(), 1.0)], "given")
            }
            None => {
                let (language, segments) = self.language(text);
                (language, segments, "detected")
            }
        };
        let lang = &language.lang;
        tracing::debug!(lang = %lang, confidence = language.confidence, "language");

        let mut normalized = NormalizedText::new(text);
        for normalizer in &self.normalizers {
            normalizer.normalize(&mut normalized, lang);
        }
        let mut found = Extraction::default();
        let context = ExtractContext {
            lang,
            reference_time: doc.reference_time.as_deref().or(self.options.reference_time.as_deref()),
            translated_from: doc.translated_from.as_ref(),
        };
        self.extractor.extract(&normalized, &context, &mut found);
        let mut entities = self.linker.link(&normalized, lang, &found.mentions);
        entities.sort_by_key(|e| e.mentions.iter().map(|&m| found.mentions[m].byte_range.start).min());

        // The original text and offsets of a range of the normalized text.
        let span = |range: Range<usize>| {
            let range = normalized.original_range(range);
            (text[range.clone()].to_owned(), offsets(range))
        };
        // The entity of each mention, for quotations' speakers.
        let mut entity_of_mention = BTreeMap::new();
        let entity_records = entities
            .iter()
            .enumerate()
            .map(|(e, entity)| {
                for &m in &entity.mentions {
                    entity_of_mention.insert(m, e);
                }
                EntityRecord {
                    id: entity.id.clone(),
                    kind: entity.kind.label().to_owned(),
                    canonical: entity.canonical.clone(),
                    names: entity.names.iter().map(|(l, n)| (l.to_string(), n.clone())).collect(),
                    in_kb: entity.in_kb,
                    mentions: entity
                        .mentions
                        .iter()
                        .filter_map(|&m| found.mentions.get(m))
                        .map(|m| {
                            let (text, offsets) = span(m.byte_range.clone());
                            MentionRecord { text, label: m.kind.label().to_owned(), offsets }
                        })
                        .collect(),
                }
            })
            .collect();
        let values = found
            .values
            .iter()
            .map(|v| {
                let (text, offsets) = span(v.byte_range.clone());
                ValueRecord { dim: v.data.dim().to_owned(), text, offsets, value: duckling_value(&v.data) }
            })
            .collect();
        let quotes = found
            .quotes
            .iter()
            .map(|q| {
                let (text, offsets) = span(q.byte_range.clone());
                QuoteRecord {
                    text,
                    offsets,
                    speaker: q.speaker.and_then(|m| entity_of_mention.get(&m)).map(|&e| entities[e].id.clone()),
                }
            })
            .collect();

        Record {
            schema_version: SCHEMA_VERSION,
            id: doc.id.clone(),
            status: Status::Ok,
            error: None,
            title: doc.title.clone(),
            language: Some(LanguageReport {
                tag: lang.to_string(),
                confidence: language.confidence,
                source: source.to_owned(),
                segments: segments
                    .into_iter()
                    .map(|(range, lang, confidence)| SegmentRecord {
                        offsets: offsets(range),
                        tag: lang.to_string(),
                        confidence,
                    })
                    .collect(),
            }),
            normalized_text: self.options.emit_normalized_text.then(|| normalized.as_str().to_owned()),
            sentences: self
                .options
                .emit_sentences
                .then(|| entente_core::sentences(normalized.as_str()).into_iter().map(|r| span(r).1).collect()),
            demonyms: found
                .demonyms
                .iter()
                .map(|d| {
                    let (text, offsets) = span(d.byte_range.clone());
                    DemonymRecord { text, offsets, country: d.country.clone() }
                })
                .collect(),
            entities: entity_records,
            values,
            quotes,
        }
    }

    /// The language of `text` and its language segments, byte ranges covering the whole text.
    ///
    /// Each sentence or quotation with enough letters is detected on its own; the document's
    /// language is the one most letters were confidently given, so a long quotation does not
    /// outvote its host unless it is most of the text. Pieces too short to judge take the
    /// document's language; neighbours with the same language are merged. A text without any
    /// piece long enough is detected as a whole (its first `detect_max_bytes`).
    pub fn language(&self, text: &str) -> (Detection, Vec<(Range<usize>, Lang, f32)>) {
        let pieces: Vec<(Range<usize>, Option<Detection>, usize)> = sentence_ranges(text)
            .into_iter()
            .map(|range| {
                let piece = &text[range.clone()];
                let letters = if piece.is_ascii() {
                    piece.bytes().filter(u8::is_ascii_alphabetic).count()
                } else {
                    piece.chars().filter(|c| c.is_alphabetic()).count()
                };
                let found = (letters >= self.options.segment_min_letters)
                    .then(|| self.detector.detect(piece))
                    .flatten()
                    .filter(|d| !d.lang.is_und() && d.confidence >= self.options.segment_min_confidence);
                (range, found, letters)
            })
            .collect();
        let mut votes: Vec<(Lang, f32, f32)> = Vec::new(); // (language, letters, letters x confidence)
        for (_, found, letters) in &pieces {
            if let Some(d) = found {
                let weight = *letters as f32;
                match votes.iter_mut().find(|v| v.0 == d.lang) {
                    Some(v) => {
                        v.1 += weight;
                        v.2 += weight * d.confidence;
                    }
                    None => votes.push((d.lang.clone(), weight, weight * d.confidence)),
                }
            }
        }
        let total: f32 = votes.iter().map(|v| v.1).sum();
        let document = match votes.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
            Some((lang, _, weighted)) => Detection { lang: lang.clone(), confidence: weighted / total },
            None => {
                let sample = &text[..floor_boundary(text, self.options.detect_max_bytes)];
                self.detector.detect(sample).unwrap_or(Detection { lang: Lang::und(), confidence: 0.0 })
            }
        };
        let mut segments: Vec<(Range<usize>, Lang, f32)> = Vec::new();
        for (range, found, _) in pieces {
            let (lang, confidence) = match found {
                Some(d) => (d.lang, d.confidence),
                None => (document.lang.clone(), document.confidence),
            };
            match segments.last_mut() {
                Some(last) if last.1 == lang => {
                    last.0.end = range.end;
                    last.2 = last.2.max(confidence);
                }
                _ => segments.push((range, lang, confidence)),
            }
        }
        if segments.is_empty() {
            segments.push((0..text.len(), document.lang.clone(), document.confidence));
        }
        (document, segments)
    }
}

/// Duckling's JSON shape of a value.
fn duckling_value(data: &ValueData) -> DucklingValue {
    let plain = DucklingValue::plain;
    let time = |t: &TimePoint| DucklingBound {
        value: NumberOrText::Text(t.value.clone()),
        unit: None,
        grain: Some(t.grain.to_owned()),
        product: None,
    };
    let amount = |a: &Amount| DucklingBound {
        value: NumberOrText::Number(a.value),
        unit: Some(a.unit.clone()),
        grain: None,
        product: a.product.clone(),
    };
    match data {
        ValueData::Numeral { value } | ValueData::Ordinal { value } => plain(NumberOrText::Number(*value)),
        ValueData::Quantity { value, unit, approximate } => {
            DucklingValue { unit: Some(unit.clone()), approximate: *approximate, ..plain(NumberOrText::Number(*value)) }
        }
        ValueData::Duration { value, unit, seconds } => DucklingValue {
            unit: Some((*unit).to_owned()),
            normalized: Some(Normalized { unit: "second".into(), value: *seconds }),
            ..plain(NumberOrText::Number(*value))
        },
        ValueData::Time { value, grain } => {
            DucklingValue { grain: Some((*grain).to_owned()), ..plain(NumberOrText::Text(value.clone())) }
        }
        ValueData::TimeInterval { from, to } => DucklingValue::interval(from.as_ref().map(time), to.as_ref().map(time)),
        ValueData::Measure { extent: Extent::Exact(a), .. } => DucklingValue {
            unit: Some(a.unit.clone()),
            product: a.product.clone(),
            ..plain(NumberOrText::Number(a.value))
        },
        ValueData::Measure { extent: Extent::Interval { from, to }, .. } => {
            DucklingValue::interval(from.as_ref().map(amount), to.as_ref().map(amount))
        }
    }
}

/// Consecutive byte ranges covering `text`, cut after sentence ends, line ends and around
/// quotation marks.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < text.len() {
        // Only these bytes begin a character that cuts: ASCII marks, and the first bytes of
        // « and » (C2) and of …, “ and ” (E2). Every other byte is skipped, so `at` stops on a
        // character's first byte only.
        if !matches!(text.as_bytes()[at], b'\n' | b'.' | b'!' | b'?' | b'"' | 0xC2 | 0xE2) {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let next = text[at + c.len_utf8()..].chars().next();
        let cut_after = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' => next.is_none_or(char::is_whitespace),
            '»' | '”' | '"' => true,
            _ => false,
        };
        let cut_before = matches!(c, '«' | '“' | '"') && at > start;
        if cut_before {
            ranges.push(start..at);
            start = at;
        }
        if cut_after {
            let end = at + c.len_utf8();
            ranges.push(start..end);
            start = end;
        }
        at += c.len_utf8();
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests;
