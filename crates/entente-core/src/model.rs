use std::fmt;
use std::ops::Range;

use crate::Lang;

/// A language decision with its confidence in `0.0..=1.0`.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The detected language, one of the configured ones, or `und`.
    pub lang: Lang,
    /// How sure the detector is; calibrated so that higher means more often right.
    pub confidence: f32,
}

/// A stretch of the original text and its language.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the original text.
    pub byte_range: Range<usize>,
    /// The language of that stretch.
    pub lang: Lang,
    /// The detector's confidence for this segment.
    pub confidence: f32,
}

/// The type of a named entity, in the CoNLL tradition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organisation: company, agency, government body, party, alliance.
    Org,
    /// A location: country, region, city, geographic feature.
    Loc,
    /// Any other name: events, works, nationalities used as nouns.
    Misc,
}

impl EntityKind {
    /// The label as the scorers and the output write it: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    /// The prefix of entity ids of this kind: `per`, `org`, `loc`, `misc`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityKind::Per => "per",
            EntityKind::Org => "org",
            EntityKind::Loc => "loc",
            EntityKind::Misc => "misc",
        }
    }

    /// Parses a label, case-insensitively; `PERSON`, `GPE` and `LOCATION` are accepted too.
    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityKind::Per),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityKind::Org),
            "LOC" | "LOCATION" | "GPE" => Some(EntityKind::Loc),
            "MISC" => Some(EntityKind::Misc),
            _ => None,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A name found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range in the text the extractor read (the normalized text).
    pub byte_range: Range<usize>,
    /// The entity type.
    pub kind: EntityKind,
    /// The extractor's confidence in `0.0..=1.0`.
    pub score: f32,
    /// The knowledge-base key the extractor matched, when it matched a gazetteer entry.
    pub kb_key: Option<String>,
}

/// What a value means, in the shapes Duckling gives.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueData {
    /// A plain number (`dim = "numeral"`).
    Numeral {
        /// The number.
        value: f64,
    },
    /// A number of things (`dim = "quantity"`): "2 030 soldats".
    Quantity {
        /// The number.
        value: f64,
        /// The counted noun as written.
        unit: String,
        /// True for "près de", "nearly", "about" and the like.
        approximate: bool,
    },
    /// A length of time (`dim = "duration"`): "deux jours", "10 days".
    Duration {
        /// How many units.
        value: f64,
        /// Duckling's unit name: `second`, `minute`, `hour`, `day`, `week`, `month`, `year`.
        unit: &'static str,
        /// The length in seconds (months count 30 days, years 365).
        seconds: f64,
    },
    /// A point in time (`dim = "time"`): "12 janvier", "mardi", resolved against the
    /// document's reference time.
    Time {
        /// ISO 8601 with milliseconds and the reference time's UTC offset, as Duckling writes it:
        /// `2022-01-11T00:00:00.000+00:00`.
        value: String,
        /// `day`, `month`, `year`…
        grain: &'static str,
    },
    /// A stretch of time (`dim = "time"`): "from 13 to 15 July", "tonight", "last 2 weeks";
    /// `to` is exclusive, as Duckling writes it. One bound may be open ("after 5pm").
    TimeInterval {
        /// The start.
        from: Option<TimePoint>,
        /// The end (exclusive).
        to: Option<TimePoint>,
    },
    /// A rank (`dim = "ordinal"`): "3rd", "troisième".
    Ordinal {
        /// The rank.
        value: f64,
    },
    /// Money (`dim = "amount_of_money"`), a distance (`dim = "distance"`) or a measured
    /// quantity of stuff (`dim = "quantity"`: "2 grams", "3 tasses de café").
    Measure {
        /// Which of the three.
        dim: MeasureDim,
        /// The amount, or the bounds of a range ("between 10 and 20 dollars", "under 7€").
        extent: Extent<Amount>,
    },
}

/// What a [`ValueData::Measure`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureDim {
    /// Money: unit `$`, `EUR`, `GBP`…
    Money,
    /// Length: unit `kilometre`, `mile`, `inch`…
    Distance,
    /// Mass and volume of stuff: unit `gram`, `cup`…
    Quantity,
}

/// An exact amount or a range of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent<T> {
    /// One amount.
    Exact(T),
    /// Between bounds; either may be open.
    Interval {
        /// The lower bound.
        from: Option<T>,
        /// The upper bound.
        to: Option<T>,
    },
}

/// A number with its unit, and what it measures out ("of strawberries").
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// The number.
    pub value: f64,
    /// Duckling's unit name.
    pub unit: String,
    /// The stuff measured, when named.
    pub product: Option<String>,
}

/// A time as Duckling writes it, with its grain.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    /// ISO 8601 with milliseconds and a UTC offset.
    pub value: String,
    /// `second`, `minute`, `hour`, `day`, `week`, `month`, `quarter`, `year`.
    pub grain: &'static str,
}

/// What an extractor knows about the document besides its text.
#[derive(Debug, Clone, Copy)]
pub struct ExtractContext<'a> {
    /// The language the text is processed as.
    pub lang: &'a Lang,
    /// ISO 8601 date or date-time relative dates resolve against, when known.
    pub reference_time: Option<&'a str>,
    /// The language the text was translated from, when known.
    pub translated_from: Option<&'a Lang>,
}

impl ValueData {
    /// The Duckling dimension name.
    pub fn dim(&self) -> &'static str {
        match self {
            ValueData::Numeral { .. } => "numeral",
            ValueData::Quantity { .. } => "quantity",
            ValueData::Duration { .. } => "duration",
            ValueData::Time { .. } | ValueData::TimeInterval { .. } => "time",
            ValueData::Ordinal { .. } => "ordinal",
            ValueData::Measure { dim: MeasureDim::Money, .. } => "amount_of_money",
            ValueData::Measure { dim: MeasureDim::Distance, .. } => "distance",
            ValueData::Measure { dim: MeasureDim::Quantity, .. } => "quantity",
        }
    }
}

/// A value found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Byte range in the normalized text.
    pub byte_range: Range<usize>,
    /// What it means.
    pub data: ValueData,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte range of the quoted words, without the quotation marks, in the normalized text.
    pub byte_range: Range<usize>,
    /// The index in [`Extraction::mentions`] of the person who said it, when the text says.
    pub speaker: Option<usize>,
}

/// A nationality adjective or noun ("kazakhe", "Russian") and the country it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct Demonym {
    /// Byte range in the normalized text.
    pub byte_range: Range<usize>,
    /// The knowledge-base id of the country.
    pub country: String,
}

/// Everything an extractor found in one text. Callers own it and reuse it between documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Names, in text order, not overlapping.
    pub mentions: Vec<Mention>,
    /// Values, in text order.
    pub values: Vec<Value>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
    /// Nationality adjectives and nouns, in text order.
    pub demonyms: Vec<Demonym>,
}

impl Extraction {
    /// Empties all lists, keeping their capacity.
    pub fn clear(&mut self) {
        self.mentions.clear();
        self.values.clear();
        self.quotes.clear();
        self.demonyms.clear();
    }
}

/// A real-world thing, with the mentions that refer to it in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable, language-neutral id such as `loc:russia` or `per:ned-price`.
    pub id: String,
    /// The entity type.
    pub kind: EntityKind,
    /// The name in the pivot language.
    pub canonical: String,
    /// Names in each configured language, when known.
    pub names: Vec<(Lang, String)>,
    /// Indices into [`Extraction::mentions`].
    pub mentions: Vec<usize>,
    /// True when the entity was found in the knowledge base.
    pub in_kb: bool,
}
