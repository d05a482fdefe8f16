//! Normalizers for French and English news text.
//!
//! Every normalizer rewrites a [`NormalizedText`](entente_core::NormalizedText) through its `apply`, so the
//! alignment back to the original text stays exact. A normalizer that finds nothing to change
//! allocates nothing.
//!
//! - [`UnicodeNormalizer`]: lossless typographic repairs: NFC, exotic spaces, apostrophes,
//!   invisible and control characters.
//! - [`RepairNormalizer`]: UTF-8 read as Windows-1252 or Latin-1 ("Ã©" → "é") and HTML
//!   character references ("&eacute;", "&#233;").
//! - [`TitleCaseNormalizer`]: Title-Case headlines back to sentence case, from the evidence of
//!   the document itself.
//!
//! ```
//! use entente_core::{Lang, NormalizedText, Normalizer};
//! use entente_normalize::{UnicodeNormalizer, UnicodeOptions};
//! let original = "l\u{2019}OTSC\u{202F}:";
//! let mut text = NormalizedText::new(original);
//! UnicodeNormalizer::new(UnicodeOptions::default()).normalize(&mut text, &Lang::parse("fr").unwrap());
//! assert_eq!(text.as_str(), "l'OTSC :");
//! ```
#![deny(missing_docs)]

mod repair;
mod titlecase;
mod unicode;

pub use repair::{RepairNormalizer, RepairOptions};
pub use titlecase::TitleCaseNormalizer;
pub use unicode::{UnicodeNormalizer, UnicodeOptions};
