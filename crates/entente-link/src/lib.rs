//! Knowledge base and entity linking for entente.
//!
//! [`KbLinker`] groups the mentions of a document into entities with stable, language-neutral
//! ids: a mention found in the [`kb::KnowledgeBase`] takes the entry's id (`loc:russia` for
//! "Russie" and "Russia" alike); other mentions get an id derived from their name, and a
//! surname alone joins the full name mentioned in the same document ("Tokayev" joins
//! "Kassym-Jomart Tokayev").
#![deny(missing_docs)]

pub mod kb;
mod linker;
pub mod translit;

pub use linker::KbLinker;
