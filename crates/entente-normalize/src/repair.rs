//! Repairs of text that went through the wrong decoder or an HTML escaper: UTF-8 read as
//! Windows-1252 or Latin-1 ("Ã©" → "é", "â€™" → "’"), and HTML character references
//! ("&eacute;", "&#233;", "&amp;").

use std::borrow::Cow;

use entente_core::{Edit, Lang, NormalizedText, Normalizer};

/// Which repairs [`RepairNormalizer`] makes. Both are on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepairOptions {
    /// UTF-8 that was decoded as Windows-1252 or Latin-1, repaired where every byte of a
    /// multi-byte sequence is there.
    pub mojibake: bool,
    /// HTML named and numeric character references, decoded.
    pub entities: bool,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions { mojibake: true, entities: true }
    }
}

/// Repairs mis-decoded text and HTML character references, the same for every language.
#[derive(Debug, Clone)]
pub struct RepairNormalizer {
    options: RepairOptions,
}

impl RepairNormalizer {
    /// A normalizer making the repairs `options` selects.
    pub fn new(options: RepairOptions) -> RepairNormalizer {
        RepairNormalizer { options }
    }
}

impl Normalizer for RepairNormalizer {
    fn name(&self) -> &'static str {
        "repair"
    }

    fn normalize(&self, text: &mut NormalizedText<'_>, _lang: &Lang) {
        let mut edits = Vec::new();
        if self.options.entities && text.as_str().contains('&') {
            entity_edits(text.as_str(), &mut edits);
            text.apply(&edits);
        }
        // Twice: text encoded twice ("ÃƒÂ©") comes back in two steps.
        for _ in 0..2 {
            if !self.options.mojibake || text.as_str().is_ascii() {
                break;
            }
            edits.clear();
            mojibake_edits(text.as_str(), &mut edits);
            if edits.is_empty() {
                break;
            }
            text.apply(&edits);
        }
    }
}

/// The Windows-1252 byte a character stands for, when it stands for one: Latin-1 characters
/// and C1 controls as themselves, and the 27 characters Windows-1252 puts in 0x80–0x9F.
fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// Edits replacing each mis-decoded UTF-8 sequence: a character standing for a lead byte
/// (0xC2–0xF4) followed by exactly the continuation bytes (0x80–0xBF) it announces, which
/// decode to one character. Anything else is left alone, so real "Ã" or "©" stay.
fn mojibake_edits(text: &str, edits: &mut Vec<Edit>) {
    // A lead byte read as Windows-1252 is a character from U+00C2 to U+00F4, whose UTF-8 starts
    // with 0xC3: only those places are looked at.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == 0xC3) {
        let at = from + offset;
        let mut chars = text[at..].char_indices().map(|(o, c)| (at + o, c));
        let Some((_, c)) = chars.next() else { break };
        from = at + c.len_utf8();
        let Some(lead) = cp1252_byte(c).filter(|b| (0xC2..=0xF4).contains(b)) else {
            continue;
        };
        let needed = match lead {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            _ => 3,
        };
        let mut encoded = [lead, 0, 0, 0];
        let mut n = 1;
        for _ in 0..needed {
            match chars.next().map(|(_, c)| (c, cp1252_byte(c))) {
                Some((c, Some(b))) if (0x80..=0xBF).contains(&b) => {
                    encoded[n] = b;
                    n += 1;
                    from += c.len_utf8();
                }
                _ => break,
            }
        }
        if n == needed + 1
            && let Ok(decoded) = std::str::from_utf8(&encoded[..n])
        {
            edits.push(Edit::new(at..from, Cow::Owned(decoded.to_owned())));
        } else {
            from = at + c.len_utf8();
        }
    }
}

/// Edits decoding each HTML character reference: `&name;`, `&#233;`, `&#xE9;`.
fn entity_edits(text: &str, edits: &mut Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = text[i..].find('&') {
        let start = i + offset;
        // A reference is short and ends with ';'.
        let end = bytes[start + 1..]
            .iter()
            .take(32)
            .position(|&b| b == b';')
            .map(|p| start + 1 + p + 1)
            .filter(|&e| bytes[start + 1..e - 1].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#'));
        match end {
            Some(end) if end > start + 2 => {
                let reference = &text[start..end];
                let decoded = html_escape::decode_html_entities(reference);
                if decoded != reference {
                    edits.push(Edit::new(start..end, Cow::Owned(decoded.into_owned())));
                }
                i = end;
            }
            _ => i = start + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(text: &str) -> String {
        let mut normalized = NormalizedText::new(text);
        RepairNormalizer::new(RepairOptions::default()).normalize(&mut normalized, &Lang::parse("fr").unwrap());
        normalized.as_str().to_owned()
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(repair("Le prÃ©sident kazakh"), "Le président kazakh");
        assert_eq!(repair("lâ€™OTSC et Â«\u{a0}cÅ“urÂ\u{a0}Â»"), "l’OTSC et «\u{a0}cœur\u{a0}»");
        assert_eq!(repair("TokaÃ¯ev Ã\u{a0} Astana"), "Tokaïev à Astana");
        // Encoded twice.
        assert_eq!(repair("prÃƒÂ©sident"), "président");
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in ["Ça va, Â est une lettre, © 2022", "Éric à l'été", "naïve café", "Ã la carte", "Å"] {
            assert_eq!(repair(text), text);
        }
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            repair("Poutine &amp; Tokaïev&nbsp;: &laquo;&#160;paix&#xA0;&raquo; &eacute;t&eacute;"),
            "Poutine & Tokaïev\u{a0}: «\u{a0}paix\u{a0}» été"
        );
        assert_eq!(repair("AT&T & co; &unknown; &#;"), "AT&T & co; &unknown; &#;");
    }

    #[test]
    fn offsets_point_into_the_original() {
        let original = "Le prÃ©sident &amp; lâ€™OTSC";
        let mut normalized = NormalizedText::new(original);
        RepairNormalizer::new(RepairOptions::default()).normalize(&mut normalized, &Lang::parse("fr").unwrap());
        let text = normalized.as_str();
        let at = text.find("président").unwrap();
        let range = normalized.original_range(at..at + "président".len());
        assert_eq!(&original[range], "prÃ©sident");
        let at = text.find("OTSC").unwrap();
        assert_eq!(&original[normalized.original_range(at..at + 4)], "OTSC");
    }
}
