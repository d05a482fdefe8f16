//! The model files written by `tools/train_langid.py`, and the merged in-memory model.

use rustc_hash::FxHashMap;

const MAGIC: &[u8; 8] = b"ENTLID01";
/// Symbol of the word boundary.
pub const BOUNDARY: u8 = 1;
/// Symbol of letters outside the alphabet.
pub const OTHER: u8 = 2;
/// Stored value meaning "not in this language's model".
pub const ABSENT: u8 = 255;
/// `q = round(-ln p * scale)` for words and for n-grams.
pub const WORD_SCALE: f32 = 8.0;
/// See [`WORD_SCALE`].
pub const GRAM_SCALE: f32 = 16.0;

/// A malformed model file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad language model: {0}")]
pub struct ModelError(pub String);

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn magic(&mut self) -> Result<(), ModelError> {
        if self.take(8)? == MAGIC { Ok(()) } else { Err(ModelError("wrong magic".into())) }
    }
}

/// The word list of one language's model file: each word with its quantized negative log
/// frequency (`q = round(-ln p * WORD_SCALE)`), most frequent first; at most `most` of them.
///
/// # Errors
/// Returns an error when the file is malformed.
pub fn word_list(bytes: &[u8], most: usize) -> Result<Vec<(&str, u8)>, ModelError> {
    let mut r = Reader { bytes, at: 0 };
    read_words(&mut r, most)
}

/// The language tag written in a language's model file.
///
/// # Errors
/// Returns an error when the file does not start like a model file.
pub fn file_tag(bytes: &[u8]) -> Result<&str, ModelError> {
    let mut r = Reader { bytes, at: 0 };
    r.magic()?;
    let tag_len = r.u8()? as usize;
    std::str::from_utf8(r.take(tag_len)?).map_err(|_| ModelError("language tag is not UTF-8".into()))
}

/// Reads a language file's header and word list, leaving `r` at the n-gram table.
fn read_words<'a>(r: &mut Reader<'a>, most: usize) -> Result<Vec<(&'a str, u8)>, ModelError> {
    read_word_bytes(r, most)?
        .into_iter()
        .map(|(w, q)| std::str::from_utf8(w).map(|w| (w, q)).map_err(|_| ModelError("word is not UTF-8".into())))
        .collect()
}

/// [`read_words`] without checking that the words are UTF-8, for the word table, which keys
/// them by a hash of their bytes.
fn read_word_bytes<'a>(r: &mut Reader<'a>, most: usize) -> Result<Vec<(&'a [u8], u8)>, ModelError> {
    r.magic()?;
    let tag_len = r.u8()? as usize;
    r.take(tag_len)?;
    let n_words = (r.u32()? as usize).min(most);
    let mut words = Vec::with_capacity(n_words);
    for _ in 0..n_words {
        let len = r.u8()? as usize;
        words.push((r.take(len)?, r.u8()?));
    }
    Ok(words)
}

/// Models of several languages merged into one pair of tables, so that each word and each
/// n-gram costs one hash lookup whatever the number of languages.
#[derive(Debug, Default)]
pub struct Model {
    /// Number of languages (columns of the tables).
    pub n_langs: usize,
    /// Character -> symbol, for the first 0x250 code points.
    ascii_symbols: Vec<u8>,
    /// Character -> symbol, for the others.
    other_symbols: FxHashMap<char, u8>,
    /// Hash of a word ([`word_key`]) -> row of `word_q`. Keyed by a 64-bit hash, not the
    /// word: no string is stored or compared (two listed words sharing a hash is as good as
    /// impossible; a word outside the lists that shares one with a listed word would get that
    /// word's frequencies).
    words: FxHashMap<u64, u32>,
    /// `n_langs` quantized log-probabilities per word row.
    word_q: Vec<u8>,
    /// Packed n-gram -> row of `gram_q`.
    grams: FxHashMap<u32, u32>,
    /// `n_langs` quantized conditional log-probabilities per n-gram row.
    gram_q: Vec<u8>,
}

impl Model {
    /// Merges the model files of several languages, in the given column order.
    ///
    /// # Errors
    /// Returns an error when a file is malformed.
    pub fn load(alphabet: &[u8], languages: &[&[u8]]) -> Result<Model, ModelError> {
        let mut model = Model { n_langs: languages.len(), ascii_symbols: vec![OTHER; 0x250], ..Model::default() };
        let mut r = Reader { bytes: alphabet, at: 0 };
        r.magic()?;
        let n = r.u32()? as usize;
        for index in 0..n {
            let code = r.u32()?;
            let c = char::from_u32(code).ok_or_else(|| ModelError(format!("bad char {code}")))?;
            let symbol = u8::try_from(index + 3).map_err(|_| ModelError("alphabet too large".into()))?;
            if (code as usize) < model.ascii_symbols.len() {
                model.ascii_symbols[code as usize] = symbol;
            } else {
                model.other_symbols.insert(c, symbol);
            }
        }
        let mut word_rows = 0u32;
        let mut gram_rows = 0u32;
        let mut parsed = Vec::with_capacity(languages.len());
        for bytes in languages {
            let mut r = Reader { bytes, at: 0 };
            let words = read_word_bytes(&mut r, usize::MAX)?;
            let n_grams = r.u32()? as usize;
            let mut grams = Vec::with_capacity(n_grams);
            for _ in 0..n_grams {
                grams.push((r.u32()?, r.u8()?));
            }
            parsed.push((words, grams));
        }
        let total_words: usize = parsed.iter().map(|p| p.0.len()).sum();
        let total_grams: usize = parsed.iter().map(|p| p.1.len()).sum();
        model.words.reserve(total_words);
        model.grams.reserve(total_grams);
        for (lang, (words, grams)) in parsed.iter().enumerate() {
            for &(w, q) in words {
                let row = *model.words.entry(key_of_bytes(w)).or_insert_with(|| {
                    word_rows += 1;
                    word_rows - 1
                });
                let at = row as usize * model.n_langs + lang;
                if model.word_q.len() <= at {
                    model.word_q.resize((row as usize + 1) * model.n_langs, ABSENT);
                }
                model.word_q[at] = q;
            }
            for &(key, q) in grams {
                let row = *model.grams.entry(key).or_insert_with(|| {
                    gram_rows += 1;
                    gram_rows - 1
                });
                let at = row as usize * model.n_langs + lang;
                if model.gram_q.len() <= at {
                    model.gram_q.resize((row as usize + 1) * model.n_langs, ABSENT);
                }
                model.gram_q[at] = q;
            }
        }
        Ok(model)
    }

    /// The symbol of a (lower-case) letter.
    #[inline]
    pub fn symbol(&self, c: char) -> u8 {
        match self.ascii_symbols.get(c as usize) {
            Some(&s) => s,
            None => self.other_symbols.get(&c).copied().unwrap_or(OTHER),
        }
    }

    /// The per-language quantized log-probabilities of a word, if any language lists it.
    #[inline]
    pub fn word(&self, word: &str) -> Option<&[u8]> {
        let row = *self.words.get(&word_key(word))? as usize;
        Some(&self.word_q[row * self.n_langs..(row + 1) * self.n_langs])
    }

    /// The per-language quantized conditional log-probabilities of a packed n-gram.
    #[inline]
    pub fn gram(&self, key: u32) -> Option<&[u8]> {
        let row = *self.grams.get(&key)? as usize;
        Some(&self.gram_q[row * self.n_langs..(row + 1) * self.n_langs])
    }
}

/// The key of a word in [`Model`]'s word table (and, mixed with a detector's id, in the word
/// cache): a 64-bit hash of its bytes, finalized so that every bit depends on every byte.
pub(crate) fn word_key(word: &str) -> u64 {
    key_of_bytes(word.as_bytes())
}

/// [`word_key`] of a word's bytes.
fn key_of_bytes(word: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word);
    let x = h.finish();
    let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
