/// Converts UTF-8 byte offsets of one text into Unicode code-point offsets.
///
/// Output records carry both, since Python and JavaScript consumers count code points.
/// Pure-ASCII text needs no table; other text gets one checkpoint every 256 bytes, so a lookup
/// counts at most 256 bytes.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before each 256-byte block; empty for ASCII text.
    checkpoints: Vec<u32>,
}

const BLOCK: usize = 256;

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex { text, checkpoints: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for block in bytes.chunks(BLOCK) {
            checkpoints.push(count);
            count += block.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        CharIndex { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte`.
    ///
    /// A `byte` inside a character counts that character as started; past the end, the text's
    /// length in code points.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        let start = block * BLOCK;
        let base = if block < self.checkpoints.len() {
            self.checkpoints[block] as usize
        } else {
            // byte == len, and len is a multiple of BLOCK.
            return self.checkpoints.last().copied().unwrap_or(0) as usize
                + count_chars(&self.text.as_bytes()[(self.checkpoints.len() - 1) * BLOCK..]);
        };
        base + count_chars(&self.text.as_bytes()[start..byte])
    }
}

fn is_continuation(b: u8) -> bool {
    (b & 0xC0) == 0x80
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("hello");
        assert_eq!(idx.char_offset(3), 3);
        assert_eq!(idx.char_offset(5), 5);
    }

    #[test]
    fn counts_code_points() {
        let text = "Tokaïev à Moscou";
        let idx = CharIndex::new(text);
        let b = text.find("Moscou").unwrap();
        assert_eq!(idx.char_offset(b), 10);
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    proptest! {
        #[test]
        fn agrees_with_naive_count(text in "\\PC{0,700}") {
            let idx = CharIndex::new(&text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                prop_assert_eq!(idx.char_offset(b), naive(&text, b));
            }
        }
    }
}
