use crate::Lang;

/// One input document.
///
/// `text` is the original text: every offset in the output points into it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Stable identifier: given by the input, or derived from its path (and line for JSON Lines).
    pub id: String,
    /// The original text.
    pub text: String,
    /// The title, when the input gives one (it may also be the first line of `text`).
    pub title: Option<String>,
    /// The language when the input states it; the pipeline then trusts it and does not detect.
    pub lang_hint: Option<Lang>,
    /// ISO 8601 time relative dates are resolved against (`reference_time` or `published_at`).
    pub reference_time: Option<String>,
    /// Where the document came from (URL or path).
    pub url: Option<String>,
    /// Publisher or feed name.
    pub source: Option<String>,
    /// The language this text was translated from, when known.
    pub translated_from: Option<Lang>,
}

impl Document {
    /// A document with an id and text and nothing else.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document { id: id.into(), text: text.into(), ..Document::default() }
    }
}
