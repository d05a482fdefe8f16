//! The four stage traits.
//!
//! Each is object-safe, `Send + Sync` and synchronous: stages are CPU-bound, and the driver
//! decides how to run them on threads. Problems with one document are never errors here: a stage
//! does what it can and returns what it found.

use std::fmt::Debug;

use crate::{Detection, Entity, ExtractContext, Extraction, Lang, Mention, NormalizedText};

/// Tells which language a text is in, among the languages the deployment configured.
pub trait LanguageDetector: Send + Sync + Debug {
    /// The languages this detector chooses among, fixed when it was built.
    fn languages(&self) -> &[Lang];

    /// The language of `text`, or `None` when the text gives no evidence (no letters, say).
    fn detect(&self, text: &str) -> Option<Detection>;
}

/// Repairs text in place, through [`NormalizedText::apply`], so the alignment stays exact.
pub trait Normalizer: Send + Sync + Debug {
    /// A short name for logs and `list-stages`.
    fn name(&self) -> &'static str;

    /// Normalizes `text`, written in `lang`.
    fn normalize(&self, text: &mut NormalizedText<'_>, lang: &Lang);
}

/// Finds names, values and quotations.
pub trait Extractor: Send + Sync + Debug {
    /// Reads `text` (normalized) and pushes what it finds into `out`. Ranges are byte ranges
    /// of `text.as_str()`.
    fn extract(&self, text: &NormalizedText<'_>, context: &ExtractContext<'_>, out: &mut Extraction);
}

/// Groups mentions into entities with stable, language-neutral ids.
pub trait Linker: Send + Sync + Debug {
    /// Links `mentions` of `text` (in `lang`); every mention index appears in exactly one entity.
    fn link(&self, text: &NormalizedText<'_>, lang: &Lang, mentions: &[Mention]) -> Vec<Entity>;
}
