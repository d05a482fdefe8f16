use std::borrow::Cow;

use entente_core::{Edit, Lang, NormalizedText, Normalizer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class, is_nfc_quick};

/// Which repairs [`UnicodeNormalizer`] makes. All are on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnicodeOptions {
    /// Compose to Unicode NFC (feeds mix decomposed accents).
    pub nfc: bool,
    /// No-break, narrow no-break, thin and other fixed-width spaces become a plain space.
    pub spaces: bool,
    /// Typographic apostrophes (’ ʼ ‘ ′) become `'`.
    pub apostrophes: bool,
    /// Soft hyphens, zero-width characters, the BOM and control characters (but tab, line feed
    /// and carriage return) are removed.
    pub invisibles: bool,
    /// En and em dashes, figure dashes, the minus sign and non-breaking hyphens become `-`.
    pub dashes: bool,
    /// The ellipsis character becomes `...`.
    pub ellipsis: bool,
    /// Quotation marks (« » “ ” „ ‟ ‹ ›) become `"` (off by default: the quotation finder
    /// tells opening from closing marks).
    pub quotes: bool,
}

impl Default for UnicodeOptions {
    fn default() -> Self {
        UnicodeOptions {
            nfc: true,
            spaces: true,
            apostrophes: true,
            invisibles: true,
            dashes: true,
            ellipsis: true,
            quotes: false,
        }
    }
}

/// Lossless typographic normalization, the same for every language.
#[derive(Debug, Clone)]
pub struct UnicodeNormalizer {
    options: UnicodeOptions,
}

impl UnicodeNormalizer {
    /// A normalizer making the repairs `options` selects.
    pub fn new(options: UnicodeOptions) -> UnicodeNormalizer {
        UnicodeNormalizer { options }
    }

    /// Edits for the character repairs (all but NFC) on `text`, in order.
    fn char_edits(&self, text: &str, edits: &mut Vec<Edit>) {
        let o = self.options;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Printable ASCII, most of the text, is skipped byte by byte.
            if (0x20..0x7f).contains(&bytes[at]) || matches!(bytes[at], b'\n' | b'\t' | b'\r') {
                at += 1;
                continue;
            }
            let Some(c) = text[at..].chars().next() else { break };
            let replacement: Option<&'static str> = match c {
                '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{2002}' | '\u{2003}'
                | '\u{2004}' | '\u{2005}' | '\u{2006}' | '\u{2008}' | '\u{205F}' | '\u{3000}'
                    if o.spaces =>
                {
                    Some(" ")
                }
                '\u{2019}' | '\u{02BC}' | '\u{2018}' | '\u{2032}' if o.apostrophes => Some("'"),
                '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2015}' | '\u{2212}' | '\u{2011}' | '\u{2010}'
                    if o.dashes =>
                {
                    Some("-")
                }
                '\u{2026}' if o.ellipsis => Some("..."),
                '«' | '»' | '“' | '”' | '„' | '‟' | '‹' | '›' if o.quotes => Some("\""),
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' if o.invisibles => Some(""),
                '\t' | '\n' | '\r' => None,
                c if o.invisibles && c.is_control() => Some(""),
                _ => None,
            };
            if let Some(replacement) = replacement {
                edits.push(Edit::new(at..at + c.len_utf8(), replacement));
            }
            at += c.len_utf8();
        }
    }
}

/// Edits that compose `text` to NFC, one per run of characters that changes.
///
/// A run starts at a character of combining class 0 and takes the marks after it; a run that
/// might compose with the previous one (Hangul, some Indic vowel signs) is merged with it.
fn nfc_edits(text: &str, edits: &mut Vec<Edit>) {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let starts_run = canonical_combining_class(c) == 0 && !composes_with_previous(c);
        match runs.last_mut() {
            Some(last) if !starts_run => last.1 = end,
            _ => runs.push((at, end)),
        }
    }
    for (start, end) in runs {
        let piece = &text[start..end];
        if piece.is_ascii() {
            continue;
        }
        let composed: String = piece.nfc().collect();
        if composed != piece {
            edits.push(Edit::new(start..end, Cow::Owned(composed)));
        }
    }
}

/// Characters of class 0 that can still compose with what precedes them.
fn composes_with_previous(c: char) -> bool {
    matches!(
        c as u32,
        0x1161
            ..=0x11C2
                | 0x0B3E
                | 0x0BBE
                | 0x0CC2
                | 0x0CD5
                | 0x0CD6
                | 0x0D3E
                | 0x0DCF
                | 0x0DDF
                | 0x102E
                | 0x09BE
                | 0x09D7
                | 0x0B56
                | 0x0B57
                | 0x0BD7
                | 0x0D57
                | 0x1B35
    )
}

impl Normalizer for UnicodeNormalizer {
    fn name(&self) -> &'static str {
        "unicode"
    }

    fn normalize(&self, text: &mut NormalizedText<'_>, _lang: &Lang) {
        let mut edits = Vec::new();
        let compose = |text: &mut NormalizedText<'_>, edits: &mut Vec<Edit>| {
            if self.options.nfc && quick_nfc(text.as_str()) != IsNormalized::Yes {
                edits.clear();
                nfc_edits(text.as_str(), edits);
                text.apply(edits);
            }
        };
        compose(text, &mut edits);
        edits.clear();
        self.char_edits(text.as_str(), &mut edits);
        if !edits.is_empty() {
            // Removing an invisible character can bring a mark next to its base.
            let removed = edits.iter().any(|e| e.replacement.is_empty());
            text.apply(&edits);
            if removed {
                compose(text, &mut edits);
            }
        }
    }
}

/// The NFC quick check of `text`, looking only at characters from U+0300 on (their UTF-8 lead
/// byte is 0xCC or more). The others are starters, always allowed, and stand as one `a`
/// between the characters looked at.
fn quick_nfc(text: &str) -> IsNormalized {
    let bytes = text.as_bytes();
    let mut last_end = 0;
    let high = bytes.iter().enumerate().filter(|(_, b)| **b >= 0xCC).flat_map(move |(at, _)| {
        let c = text[at..].chars().next().unwrap_or('a');
        let gap = at != last_end;
        last_end = at + c.len_utf8();
        [gap.then_some('a'), Some(c)].into_iter().flatten()
    });
    is_nfc_quick(high)
}

#[cfg(test)]
mod tests;
