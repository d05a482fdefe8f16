use entente_core::{EntityKind, Mention, Quote};

/// How far from a quotation its speaker may be named, in bytes.
const SPEAKER_WINDOW: usize = 300;

/// Finds direct quotations in « », “ ” and " " with at least three words, and attributes each
/// to the nearest person named after it on the same line ("…», a déclaré … Ned Price"), or else
/// just before it.
pub fn find(text: &str, mentions: &[Mention], out: &mut Vec<Quote>) {
    let mut i = 0;
    while let Some(offset) = text[i..].find(['«', '“', '"']) {
        let open = i + offset;
        let open_char = text[open..].chars().next().unwrap_or('"');
        let close_char = match open_char {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let inner_start = open + open_char.len_utf8();
        let Some(close_offset) = text[inner_start..].find(close_char) else {
            i = inner_start;
            continue;
        };
        let close = inner_start + close_offset;
        let inner = &text[inner_start..close];
        i = close + close_char.len_utf8();
        if inner.contains("\n\n") {
            i = inner_start;
            continue;
        }
        let trimmed_start = inner_start + (inner.len() - inner.trim_start().len());
        let trimmed_end = inner_start + inner.trim_end().len();
        if inner.split_whitespace().count() < 3 {
            continue;
        }
        out.push(Quote { byte_range: trimmed_start..trimmed_end, speaker: speaker(text, mentions, open, i) });
    }
}

fn speaker(text: &str, mentions: &[Mention], open: usize, after_close: usize) -> Option<usize> {
    let line_end = text[after_close..].find('\n').map_or(text.len(), |n| after_close + n);
    let line_start = text[..open].rfind('\n').map_or(0, |n| n + 1);
    let after = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.byte_range.start >= after_close && m.byte_range.start < line_end.min(after_close + SPEAKER_WINDOW)
        })
        .find(|(_, m)| m.kind == EntityKind::Per);
    if let Some((index, _)) = after {
        return Some(index);
    }
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.byte_range.end <= open && m.byte_range.end + SPEAKER_WINDOW >= open && m.byte_range.start >= line_start
        })
        .rfind(|(_, m)| m.kind == EntityKind::Per)
        .map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> Mention {
        let at = text.find(name).unwrap();
        Mention { byte_range: at..at + name.len(), kind: EntityKind::Per, score: 1.0, kb_key: None }
    }

    #[test]
    fn quote_with_speaker_after() {
        let text = "« Nous continuerons d'appeler au calme », a déclaré le porte-parole, Ned Price.";
        let mut out = Vec::new();
        find(text, &[person(text, "Ned Price")], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].byte_range.clone()], "Nous continuerons d'appeler au calme");
        assert_eq!(out[0].speaker, Some(0));
    }

    #[test]
    fn speaker_before_and_short_quotes_skipped() {
        let text = "Ned Price said: \"We will keep calling on them.\" A \"so-called\" force.";
        let mut out = Vec::new();
        find(text, &[person(text, "Ned Price")], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].speaker, Some(0));
    }

    #[test]
    fn unclosed_quote_is_ignored() {
        let mut out = Vec::new();
        find("« jamais fermé", &[], &mut out);
        assert!(out.is_empty());
    }
}
