use std::borrow::Cow;
use std::ops::Range;

/// One replacement in a [`NormalizedText`]: the bytes `range` of the current normalized text
/// become `replacement`.
///
/// An empty `range` inserts; an empty `replacement` deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the current normalized text; must lie on char boundaries.
    pub range: Range<usize>,
    /// The text that replaces it.
    pub replacement: Cow<'static, str>,
}

impl Edit {
    /// An edit replacing `range` by `replacement`.
    pub fn new(range: Range<usize>, replacement: impl Into<Cow<'static, str>>) -> Edit {
        Edit { range, replacement: replacement.into() }
    }
}

/// Text as normalizers rewrote it, aligned to the original.
///
/// Modelled on the `NormalizedString` of Hugging Face tokenizers: every byte of the normalized
/// text knows the byte range of the original text it comes from. Edits go only through
/// [`NormalizedText::apply`], so the alignment cannot drift from the text.
///
/// **Invariant:** every original range recorded lies on char boundaries of the original, and the
/// ranges never decrease along the normalized text. So [`NormalizedText::original_range`] of
/// any range on normalized char boundaries is a valid range of the original.
///
/// Nothing is copied while no normalizer changes anything: the text is borrowed and the
/// alignment is the identity, stored as `None`.
#[derive(Debug, Clone)]
pub struct NormalizedText<'a> {
    original: &'a str,
    normalized: Cow<'a, str>,
    /// Original byte range of each normalized byte; `None` while the text is unchanged.
    alignments: Option<Vec<(u32, u32)>>,
}

impl<'a> NormalizedText<'a> {
    /// Wraps `original`, unchanged.
    ///
    /// Texts up to 4 GiB are supported (the alignment stores `u32` offsets); the driver refuses
    /// larger documents long before this.
    pub fn new(original: &'a str) -> NormalizedText<'a> {
        NormalizedText { original, normalized: Cow::Borrowed(original), alignments: None }
    }

    /// The original text.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.normalized
    }

    /// True when no edit changed anything so far.
    pub fn is_unchanged(&self) -> bool {
        self.alignments.is_none()
    }

    /// The original byte range that normalized byte `index` comes from.
    ///
    /// # Panics
    /// Panics when `index` is not less than the normalized length.
    pub fn alignment(&self, index: usize) -> Range<usize> {
        match &self.alignments {
            Some(al) => al[index].0 as usize..al[index].1 as usize,
            None => {
                let start = floor_char_boundary(self.original, index);
                let len = self.original[start..].chars().next().map_or(0, char::len_utf8);
                start..start + len
            }
        }
    }

    /// Maps a byte range of the normalized text to the original text.
    ///
    /// A non-empty range maps to the smallest original range covering all its bytes; an empty
    /// one to an empty range at the corresponding original position. Ranges that do not lie on
    /// normalized char boundaries are widened to them first; out-of-bounds ends are clamped.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.normalized.len();
        let start = floor_char_boundary(&self.normalized, range.start.min(len));
        let end = ceil_char_boundary(&self.normalized, range.end.min(len)).max(start);
        let Some(al) = &self.alignments else {
            return start..end;
        };
        if start < end {
            al[start].0 as usize..al[end - 1].1 as usize
        } else {
            let at = self.original_position(start, al);
            at..at
        }
    }

    fn original_position(&self, normalized_byte: usize, al: &[(u32, u32)]) -> usize {
        if normalized_byte < al.len() {
            al[normalized_byte].0 as usize
        } else {
            al.last().map_or(self.original.len(), |last| last.1 as usize)
        }
    }

    /// Applies edits, given in increasing order of `range` and not overlapping.
    ///
    /// Each byte of a replacement maps to the whole original range of the text it replaces; an
    /// insertion maps to an empty original range. Edits that are out of order, overlap, fall
    /// outside the text or off char boundaries are skipped (a debug build panics on them, as
    /// they are bugs in the calling normalizer).
    pub fn apply(&mut self, edits: &[Edit]) {
        let current: &str = &self.normalized;
        let effective = edits.iter().any(|e| current.get(e.range.clone()) != Some(&*e.replacement));
        if !effective {
            return;
        }
        // One character for another of the same length ("T" → "t"), in a text already rewritten:
        // in place, as every byte keeps its alignment.
        let one_char = |s: &str| s.chars().nth(1).is_none() && !s.is_empty();
        let in_place = self.alignments.is_some()
            && edits.windows(2).all(|w| w[0].range.end <= w[1].range.start)
            && edits.iter().all(|e| {
                current.get(e.range.clone()).is_some_and(|old| one_char(old) && old.len() == e.replacement.len())
                    && one_char(&e.replacement)
            });
        if in_place {
            let text = self.normalized.to_mut();
            for edit in edits {
                text.replace_range(edit.range.clone(), &edit.replacement);
            }
            return;
        }
        let mut text = String::with_capacity(current.len() + 16);
        let mut alignments: Vec<(u32, u32)> = Vec::with_capacity(current.len() + 16);
        let mut copied_to = 0;
        for edit in edits {
            let Range { start, end } = edit.range.clone();
            let valid = start >= copied_to
                && start <= end
                && end <= current.len()
                && current.is_char_boundary(start)
                && current.is_char_boundary(end);
            debug_assert!(valid, "invalid edit {edit:?} on a text of {} bytes", current.len());
            if !valid {
                continue;
            }
            self.push_unchanged(copied_to..start, &mut text, &mut alignments);
            let source = if start < end {
                let first = self.alignment(start);
                let last = self.alignment(end - 1);
                (first.start as u32, last.end as u32)
            } else {
                let at = match &self.alignments {
                    Some(al) => self.original_position(start, al),
                    None => start,
                } as u32;
                (at, at)
            };
            text.push_str(&edit.replacement);
            alignments.extend(std::iter::repeat_n(source, edit.replacement.len()));
            copied_to = end;
        }
        self.push_unchanged(copied_to..current.len(), &mut text, &mut alignments);
        self.normalized = Cow::Owned(text);
        self.alignments = Some(alignments);
    }

    fn push_unchanged(&self, range: Range<usize>, text: &mut String, alignments: &mut Vec<(u32, u32)>) {
        let piece = &self.normalized[range.clone()];
        text.push_str(piece);
        match &self.alignments {
            Some(al) => alignments.extend_from_slice(&al[range]),
            None => {
                // The identity: each byte maps to its character, read from the UTF-8 lead byte.
                let bytes = piece.as_bytes();
                let mut k = 0;
                while k < bytes.len() {
                    let len = match bytes[k] {
                        0..0x80 => 1,
                        0xF0.. => 4,
                        0xE0.. => 3,
                        _ => 2,
                    };
                    let s = (range.start + k) as u32;
                    alignments.extend(std::iter::repeat_n((s, s + len as u32), len));
                    k += len;
                }
            }
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests;
