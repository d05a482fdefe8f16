//! Core types of entente, the bilingual news-text pipeline.
//!
//! This crate is the stable API that every stage implementation depends on, and nothing else:
//! it does no I/O, starts no runtime and knows no backend library.
//! It holds
//! - [`Document`], the input to the pipeline;
//! - [`Lang`], a validated BCP-47 language tag;
//! - [`NormalizedText`], text rewritten by normalizers that still knows, for every byte, where it
//!   came from in the original;
//! - the things stages find: [`Detection`], [`Mention`], [`Value`], [`Quote`], [`Entity`];
//! - the four stage traits: [`LanguageDetector`], [`Normalizer`], [`Extractor`], [`Linker`];
//! - with the `serde` feature, the output record of `../shared/DESIGN.md` in [`output`].
//!
//! # Offsets
//! Stages work on normalized text and report byte ranges into it.
//! [`NormalizedText::original_range`] maps such a range back into the original text; the
//! pipeline does that in one place, so that no stage does its own offset arithmetic.
//!
//! ```
//! use entente_core::{Edit, NormalizedText};
//! let original = "l\u{2019}OTSC";
//! let mut text = NormalizedText::new(original);
//! text.apply(&[Edit::new(1..4, "'")]);
//! assert_eq!(text.as_str(), "l'OTSC");
//! let otsc = text.original_range(2..6);
//! assert_eq!(&original[otsc], "OTSC");
//! ```
#![deny(missing_docs)]

mod chars;
mod document;
mod lang;
mod model;
mod names;
mod normalized;
#[cfg(feature = "serde")]
pub mod output;
mod sentences;
mod stage;

pub use chars::CharIndex;
pub use document::Document;
pub use lang::{Lang, LangError};
pub use model::{
    Amount, Demonym, Detection, Entity, EntityKind, Extent, ExtractContext, Extraction, MeasureDim, Mention, Quote,
    Segment, TimePoint, Value, ValueData,
};
pub use names::alias_matches;
pub use normalized::{Edit, NormalizedText};
pub use sentences::{ABBREVIATIONS, sentences};
pub use stage::{Extractor, LanguageDetector, Linker, Normalizer};
