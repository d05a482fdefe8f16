//! The output record of `../shared/DESIGN.md`: one per input document, serialized as one JSON
//! line. This module is the only serde interface of the core crate, versioned by
//! [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize, Serializer};

/// The version of the record layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One output record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`] when written by this version.
    pub schema_version: u32,
    /// The document id.
    pub id: String,
    /// `ok`, or `error` with [`Record::error`] set.
    pub status: Status,
    /// Why the document could not be processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// The document title, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document's language; absent on error records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageReport>,
    /// The text after normalization, when the run asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized_text: Option<String>,
    /// Where the sentences are, when the run asked for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Offsets>>,
    /// Linked entities with their mentions.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Numbers, quantities, dates and the like.
    #[serde(default)]
    pub values: Vec<ValueRecord>,
    /// Direct quotations.
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
    /// Nationality adjectives and nouns, with the country they point at.
    #[serde(default)]
    pub demonyms: Vec<DemonymRecord>,
}

impl Record {
    /// An error record for document `id`.
    pub fn error(id: impl Into<String>, kind: impl Into<String>, message: impl Into<String>) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            status: Status::Error,
            error: Some(ErrorInfo { kind: kind.into(), message: message.into() }),
            title: None,
            language: None,
            normalized_text: None,
            sentences: None,
            entities: Vec::new(),
            values: Vec::new(),
            quotes: Vec::new(),
            demonyms: Vec::new(),
        }
    }
}

/// Whether a document was processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Processed; the lists may still be empty.
    Ok,
    /// Not processed; see [`Record::error`].
    Error,
}

/// Why a document could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A stable, snake_case kind: `invalid_utf8`, `binary`, `malformed_json`, `missing_text`…
    pub kind: String,
    /// A human-readable explanation.
    pub message: String,
}

/// Offsets of a span in the original text, in code points and in UTF-8 bytes, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offsets {
    /// Code-point start.
    pub char_start: usize,
    /// Code-point end.
    pub char_end: usize,
    /// Byte start.
    pub byte_start: usize,
    /// Byte end.
    pub byte_end: usize,
}

/// The document's language and its segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageReport {
    /// BCP-47 tag, `und` when undetermined.
    pub tag: String,
    /// Confidence in `0.0..=1.0`; 1.0 when the input stated the language.
    pub confidence: f32,
    /// `detected`, or `given` when the input stated it.
    pub source: String,
    /// Consecutive segments covering the whole text.
    pub segments: Vec<SegmentRecord>,
}

/// One language segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRecord {
    /// Where the segment is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// Its language.
    pub tag: String,
    /// The detector's confidence for it.
    pub confidence: f32,
}

/// One entity and its mentions in this document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Stable, language-neutral id.
    pub id: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The name in the pivot language.
    pub canonical: String,
    /// Names by language tag.
    pub names: std::collections::BTreeMap<String, String>,
    /// True when the entity comes from the knowledge base.
    pub in_kb: bool,
    /// Where it is mentioned.
    pub mentions: Vec<MentionRecord>,
}

/// One mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// The original text of the mention, exactly as sliced by its offsets.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
}

/// One value, with Duckling's `value` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueRecord {
    /// Duckling dimension: `numeral`, `quantity`…
    pub dim: String,
    /// The original text of the value.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// Duckling's value object.
    pub value: DucklingValue,
}

/// Duckling's `value` object: `{"type": "value", "value": 2030}` for numbers and quantities,
/// `{"type": "value", "value": 2, "unit": "day", "normalized": {...}}` for durations,
/// `{"type": "value", "value": "2022-01-11T00:00:00.000+00:00", "grain": "day"}` for times,
/// `{"type": "interval", "from": {...}, "to": {...}}` for ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DucklingValue {
    /// `value` or `interval`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A number, or an ISO 8601 time; absent for intervals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<NumberOrText>,
    /// The unit or counted noun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The grain of a time: `day`, `month`…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grain: Option<String>,
    /// What a quantity measures out ("strawberries").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// A duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
    /// An interval's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DucklingBound>,
    /// An interval's end (exclusive for times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<DucklingBound>,
    /// Set for approximations ("près de", "nearly").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

impl DucklingValue {
    /// `{"type": "value", "value": value}` and nothing else.
    pub fn plain(value: NumberOrText) -> DucklingValue {
        DucklingValue {
            kind: "value".into(),
            value: Some(value),
            unit: None,
            grain: None,
            product: None,
            normalized: None,
            from: None,
            to: None,
            approximate: false,
        }
    }

    /// `{"type": "interval", "from": from, "to": to}`.
    pub fn interval(from: Option<DucklingBound>, to: Option<DucklingBound>) -> DucklingValue {
        DucklingValue {
            kind: "interval".into(),
            value: None,
            from,
            to,
            ..DucklingValue::plain(NumberOrText::Number(0.0))
        }
    }
}

/// One bound of an interval: `{"value": 10, "unit": "$"}`, `{"value": "2013-07-13T…", "grain": "day"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DucklingBound {
    /// A number or an ISO 8601 time.
    pub value: NumberOrText,
    /// The unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The grain of a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grain: Option<String>,
    /// What a quantity measures out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

/// A number or a text, as a value's `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberOrText {
    /// A number; whole numbers are written without a fraction.
    Number(#[serde(serialize_with = "number")] f64),
    /// An ISO 8601 time.
    Text(String),
}

/// Duckling's normalized duration: `{"unit": "second", "value": 172800}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normalized {
    /// Always `second`.
    pub unit: String,
    /// The duration in that unit.
    #[serde(serialize_with = "number")]
    pub value: f64,
}

fn number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Where the quoted words are, without the quotation marks.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// The entity id of the speaker, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
}

/// One nationality adjective or noun.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemonymRecord {
    /// The word as written.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// The entity id of the country.
    pub country: String,
}
