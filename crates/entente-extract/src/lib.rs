//! Mention, value and quotation extraction for entente, by rules and a gazetteer.
//!
//! [`RuleExtractor`] is the first extractor: it finds
//! - names from a gazetteer (the knowledge base's aliases, handed over by the driver, so this
//!   crate depends on `entente-core` alone), matched on word boundaries with each alias's case
//!   rule;
//! - other names as sequences of capitalized words, with evidence from the rest of the document
//!   deciding whether a capitalized word in a Title-Case headline or at a sentence start is a
//!   name at all, and typed by cues (titles before people, organisation head nouns);
//! - numerals written with French or English digit grouping;
//! - direct quotations with their speaker, when a person is named next to them.
//!
//! It is deliberately simple; a statistical tagger will replace the capitalization rules.
#![deny(missing_docs)]

mod gazetteer;
mod lexicon;
mod numbers;
mod quotes;
mod ranges;
mod rules;
pub mod tagger;
mod tokens;
mod values;

pub use gazetteer::{Gazetteer, GazetteerEntry, GazetteerMatch, fold};
pub use rules::{RuleExtractor, uninformative_lines};
pub use tokens::{Token, tokenize};
pub use values::{Direction, find as find_values, reference};
