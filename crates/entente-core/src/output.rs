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
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SegmentRecord {
    /// Where the segment is (its fields are written inline).
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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

/// `Serialize` for a record whose `offsets` are written inline among its fields, as
/// `#[serde(flatten)]` writes them (which `Deserialize` still uses), without flatten's detour
/// through a map serializer on every record: the fields before the offsets, then those after.
/// (`QuoteRecord`, with an optional field, has its own.)
macro_rules! serialize_with_offsets {
    ($record:ident { $($before:ident),* ; $($after:ident),* }) => {
        impl Serialize for $record {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let len = 4 + [$(stringify!($before),)* $(stringify!($after),)*].len();
                let mut fields = serializer.serialize_struct(stringify!($record), len)?;
                $(fields.serialize_field(stringify!($before), &self.$before)?;)*
                serialize_offsets(&self.offsets, &mut fields)?;
                $(fields.serialize_field(stringify!($after), &self.$after)?;)*
                fields.end()
            }
        }
    };
}

serialize_with_offsets!(SegmentRecord { ; tag, confidence });
serialize_with_offsets!(MentionRecord { text, label ; });
serialize_with_offsets!(ValueRecord { dim, text ; value });
serialize_with_offsets!(DemonymRecord { text ; country });

impl Serialize for QuoteRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("QuoteRecord", 5 + usize::from(self.speaker.is_some()))?;
        serialize_offsets(&self.offsets, &mut fields)?;
        match &self.speaker {
            Some(speaker) => fields.serialize_field("speaker", speaker)?,
            None => fields.skip_field("speaker")?,
        }
        fields.serialize_field("text", &self.text)?;
        fields.end()
    }
}

/// The fields of `offsets`, inline in a record.
fn serialize_offsets<S: serde::ser::SerializeStruct>(offsets: &Offsets, fields: &mut S) -> Result<(), S::Error> {
    fields.serialize_field("char_start", &offsets.char_start)?;
    fields.serialize_field("char_end", &offsets.char_end)?;
    fields.serialize_field("byte_start", &offsets.byte_start)?;
    fields.serialize_field("byte_end", &offsets.byte_end)
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DemonymRecord {
    /// The word as written.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub offsets: Offsets,
    /// The entity id of the country.
    pub country: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records with inline offsets are written field by field in declaration order, the
    /// offsets where `#[serde(flatten)]` puts them, and read back the same.
    #[test]
    fn inline_offsets_are_written_in_order_and_read_back() {
        let at = |start| Offsets { char_start: start, char_end: start + 1, byte_start: start, byte_end: start + 2 };
        let offsets_json = |start| {
            format!(r#""char_start":{start},"char_end":{},"byte_start":{start},"byte_end":{}"#, start + 1, start + 2)
        };
        let mention = MentionRecord { text: "Ned".into(), label: "PER".into(), offsets: at(1) };
        let json = serde_json::to_string(&mention).unwrap();
        assert_eq!(json, format!(r#"{{"text":"Ned","label":"PER",{}}}"#, offsets_json(1)));
        assert_eq!(serde_json::from_str::<MentionRecord>(&json).unwrap(), mention);

        let segment = SegmentRecord { offsets: at(2), tag: "fr".into(), confidence: 0.5 };
        let json = serde_json::to_string(&segment).unwrap();
        assert_eq!(json, format!(r#"{{{},"tag":"fr","confidence":0.5}}"#, offsets_json(2)));
        assert_eq!(serde_json::from_str::<SegmentRecord>(&json).unwrap(), segment);

        let value = DucklingValue::plain(NumberOrText::Number(2030.0));
        let value = ValueRecord { dim: "number".into(), text: "2 030".into(), offsets: at(3), value };
        let json = serde_json::to_string(&value).unwrap();
        let expected = r#"{"dim":"number","text":"2 030","#.to_owned()
            + &offsets_json(3)
            + r#","value":{"type":"value","value":2030}}"#;
        assert_eq!(json, expected);
        assert_eq!(serde_json::from_str::<ValueRecord>(&json).unwrap(), value);

        let demonym = DemonymRecord { text: "russe".into(), offsets: at(4), country: "russia".into() };
        let json = serde_json::to_string(&demonym).unwrap();
        assert_eq!(json, format!(r#"{{"text":"russe",{},"country":"russia"}}"#, offsets_json(4)));
        assert_eq!(serde_json::from_str::<DemonymRecord>(&json).unwrap(), demonym);

        for speaker in [None, Some("ned-price".to_owned())] {
            let quote = QuoteRecord { offsets: at(5), speaker: speaker.clone(), text: "Oui".into() };
            let json = serde_json::to_string(&quote).unwrap();
            let said = speaker.map_or(String::new(), |s| format!(r#","speaker":"{s}""#));
            assert_eq!(json, format!(r#"{{{}{said},"text":"Oui"}}"#, offsets_json(5)));
            assert_eq!(serde_json::from_str::<QuoteRecord>(&json).unwrap(), quote);
        }
    }
}
