//! Feature extraction. Features are 32-bit hashes of a template number and its values, so no
//! string is built per token.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::FxHasher;

use crate::gazetteer::GazetteerMatch;
use crate::tokens::{Token, TokenKind};
use entente_core::EntityKind;

/// What the features of one text need, computed once per text: one record per token, and the
/// tokens' lower-case texts.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Lower-cased token texts, concatenated; each token's `lower` is its part.
    lower: String,
    tokens: Vec<TokenFacts>,
}

/// What the features read of one token.
#[derive(Debug, Clone, Copy, Default)]
struct TokenFacts {
    /// The token's lower-case text: a byte range of [`Prepared::lower`].
    lower_start: u32,
    lower_end: u32,
    /// Shape: case classes, runs collapsed ("Xx", "X", "d", "Xx-Xx").
    shape: u64,
    /// Hash of the lower-case text.
    word_hash: u64,
    /// The capitalized run the token belongs to.
    run: Run,
    /// Lexicon frequency class (255: not listed, or no lexicon).
    class: u8,
    /// Gazetteer code: 0 none, else 1 + 2 * kind + (inside ? 1 : 0).
    gazetteer: u8,
    /// Place-name code: 0 none, 1 first token of a known place name, 2 inside one.
    place: u8,
    /// The token's kind (`TokenKind as u8`).
    kind: u8,
    /// How common a word it is when it can only be outside a name that has not begun: a
    /// lower-case word's frequency class, 0 for punctuation that ends or separates ("," "." ";"
    /// ":" "?" "!" "(" ")"), [`NEVER_SKIPPED`] for every other token. See
    /// [`Prepared::skippable`].
    skip_class: u8,
    /// 1 inside quotation marks, 2 inside parentheses, 3 both, 0 neither.
    enclosed: u8,
    /// True when the token's line is Title Case or capitals.
    flat: bool,
    /// True when the token starts with a capital letter.
    capitalized: bool,
    /// True when a line break separates the token from the one before.
    newline_before: bool,
    /// True when the token starts a sentence.
    sentence_start: bool,
}

/// What a token's local features read (see [`Prepared::local_features`]), as feature values.
#[derive(Debug, Clone, Copy)]
struct LocalInputs {
    wh: u64,
    shape: u64,
    flat: u64,
    gaz: u64,
    start: u64,
    kind: u64,
    place: u64,
}

/// A run of capitalized words, as seen from one of its tokens.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    /// Hashes of the run's first and last words (0 outside a run).
    first: u64,
    last: u64,
    /// Words in the run.
    length: u8,
    /// 0 outside a run, 1 alone, 2 first, 3 inside, 4 last.
    position: u8,
}

/// Number of static features per token that read the token alone.
pub(crate) const LOCAL: usize = 19;
/// Number of static features per token that read its context.
pub(crate) const CONTEXT: usize = HASHED_CONTEXT + CODED.len();
/// Number of context features whose values are hashed.
pub(crate) const HASHED_CONTEXT: usize = 16;

/// The context templates whose values are few, with their number of values: the gazetteer
/// codes of the next and previous tokens (9 each), the place codes of the token and the next
/// (3 × 3), and the capitalized run's length, position and line (7 × 2 × 5). A feature's value
/// is given as a code below that number ([`Prepared::context_codes`]), so that a model can
/// keep their weights in small tables indexed by code instead of looking them up by hash.
pub(crate) const CODED: [(u32, usize); 4] = [(19, 9), (20, 9), (34, 9), (37, 70)];

/// The feature value of code `code` of the `k`-th coded template (see [`CODED`]).
pub(crate) fn coded_value(k: usize, code: usize) -> u64 {
    let code = code as u64;
    match k {
        // Gazetteer codes are their own values.
        0 | 1 => code,
        // The next token's place code, then the token's.
        2 => (code / 3).rotate_left(3) ^ (code % 3),
        // Run length (at most 6), line (flat or not) and position.
        _ => ((code / 10) << 8) ^ (code % 5) ^ ((code / 5 % 2) << 4),
    }
}
/// Number of static features per token.
pub const STATIC: usize = LOCAL + CONTEXT;
/// The skip class of tokens that are always scored.
const NEVER_SKIPPED: u8 = u8::MAX;

const BOS: &str = "<s>";
const EOS: &str = "</s>";

fn hash(parts: &[&[u8]]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        h.write(p);
        h.write_u8(0xff);
    }
    h.finish()
}

/// The hash of a lower-case word, as the word features and the lexicon key it (64 bits: two
/// words of a language's list sharing one is as good as impossible).
pub(crate) fn word_hash(lower: &str) -> u64 {
    hash(&[lower.as_bytes()])
}

/// Appends `word` in lower case to `out`, as the features see words (and place names).
pub(crate) fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        // Most words: ASCII upper case has one lower case, of the same length.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

fn shape(word: &str) -> u64 {
    let mut out = [0u8; 12];
    let mut n = 0;
    let mut last = 0u8;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if class != last && n < out.len() {
            out[n] = class;
            n += 1;
        }
        last = class;
    }
    hash(&[&out[..n]])
}

fn kind_code(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Per => 0,
        EntityKind::Loc => 1,
        EntityKind::Org => 2,
        EntityKind::Misc => 3,
    }
}

/// Mixes a template number into a value hash.
#[inline]
pub fn feature(template: u32, value: u64) -> u32 {
    let x = value ^ (u64::from(template).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let x = (x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x ^ (x >> 32)) as u32
}

impl Prepared {
    /// Prepares `text`, tokenized as `tokens`, with gazetteer hits `hits` and the byte ranges
    /// of its uninformative (Title-Case or capitals) lines, both in text order.
    pub fn new(
        text: &str,
        tokens: &[Token],
        hits: &[(GazetteerMatch, EntityKind)],
        flat_lines: &[Range<usize>],
        lexicon: Option<&super::Lexicon>,
    ) -> Prepared {
        let mut p = Prepared { lower: String::with_capacity(text.len()), tokens: Vec::with_capacity(tokens.len()) };
        let mut previous_end = None;
        let mut hit_index = 0;
        let mut flat_index = 0;
        for t in tokens {
            let word = &text[t.range.clone()];
            let start = p.lower.len();
            push_lower(&mut p.lower, word);
            let word_hash = word_hash(&p.lower[start..]);
            let class = lexicon.map_or(255, |l| l.class_of_hash(word_hash));
            // Flat lines (disjoint) and gazetteer hits come in text order, as tokens do: the
            // first line not ending before the token is the only one that may hold it.
            while flat_index < flat_lines.len() && flat_lines[flat_index].end <= t.range.start {
                flat_index += 1;
            }
            while hit_index < hits.len() && hits[hit_index].0.range.end <= t.range.start {
                hit_index += 1;
            }
            let gazetteer = match hits.get(hit_index) {
                Some((hit, kind)) if hit.range.start <= t.range.start && t.range.end <= hit.range.end => {
                    1 + 2 * kind_code(*kind) + u8::from(hit.range.start < t.range.start)
                }
                _ => 0,
            };
            p.tokens.push(TokenFacts {
                lower_start: start as u32,
                lower_end: p.lower.len() as u32,
                shape: shape(word),
                word_hash,
                run: Run::default(),
                class,
                gazetteer,
                place: 0,
                kind: t.kind as u8,
                skip_class: match t.kind {
                    TokenKind::Word if word.chars().all(char::is_lowercase) => class,
                    TokenKind::Punct if matches!(word, "," | "." | ";" | ":" | "?" | "!" | "(" | ")") => 0,
                    _ => NEVER_SKIPPED,
                },
                enclosed: 0,
                flat: flat_lines.get(flat_index).is_some_and(|r| r.contains(&t.range.start)),
                capitalized: word.starts_with(char::is_uppercase),
                newline_before: previous_end.is_some_and(|end| text[end..t.range.start].contains('\n')),
                sentence_start: t.sentence_start,
            });
            previous_end = Some(t.range.end);
        }
        if let Some(lexicon) = lexicon {
            p.mark_places(lexicon);
        }
        p.mark_runs();
        p.mark_enclosed();
        p
    }

    /// Token `i`'s place-name code: 0 none, 1 first token of a known place name, 2 inside one.
    #[cfg(test)]
    pub(crate) fn place_code(&self, i: usize) -> u8 {
        self.tokens[i].place
    }

    /// Marks, for each token, the run of capitalized words it belongs to: words starting with a
    /// capital, joined by connectors ("Bank of England", "Banque de France") or `&`, on one line.
    fn mark_runs(&mut self) {
        let n_tokens = self.tokens.len();
        let mut i = 0;
        while i < n_tokens {
            if !self.tokens[i].capitalized {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            let capitalized = |i: usize| self.tokens[i].capitalized;
            let same_line = |k: usize| !self.tokens[k].newline_before;
            loop {
                if end < n_tokens && capitalized(end) && same_line(end) {
                    end += 1;
                } else if end + 1 < n_tokens
                    && (crate::lexicon::CONNECTORS.contains(&self.lower(end as isize))
                        || self.lower(end as isize) == "&")
                    && capitalized(end + 1)
                    && same_line(end)
                    && same_line(end + 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let first = self.tokens[start].word_hash;
            let last = self.tokens[end - 1].word_hash;
            let length = (end - start).min(usize::from(u8::MAX)) as u8;
            for (k, token) in self.tokens[start..end].iter_mut().enumerate() {
                let position = match (k, end - start) {
                    (_, 1) => 1,
                    (0, _) => 2,
                    (k, n) if k + 1 == n => 4,
                    _ => 3,
                };
                token.run = Run { first, last, length, position };
            }
            i = end;
        }
    }

    /// Marks each token inside quotation marks (1), parentheses (2), both (3) or neither (0).
    fn mark_enclosed(&mut self) {
        let (mut quoted, mut parens) = (false, 0u32);
        for i in 0..self.tokens.len() {
            match self.lower(i as isize) {
                "«" | "“" => quoted = true,
                "»" | "”" => quoted = false,
                "\"" => quoted = !quoted,
                "(" => parens += 1,
                ")" => parens = parens.saturating_sub(1),
                _ => {}
            }
            let token = &mut self.tokens[i];
            if token.newline_before {
                quoted = false;
                parens = 0;
            }
            token.enclosed = u8::from(quoted) | (u8::from(parens > 0) << 1);
        }
    }

    /// Marks place names (see [`TokenFacts::place`]): the longest known place name starting at
    /// each capitalized token.
    fn mark_places(&mut self, lexicon: &super::Lexicon) {
        let n_tokens = self.tokens.len();
        let mut i = 0;
        while i < n_tokens {
            let longest = if self.tokens[i].capitalized {
                (1..=super::PLACE_TOKENS.min(n_tokens - i))
                    .take_while(|&n| n == 1 || !self.tokens[i + n - 1].newline_before)
                    .filter(|&n| {
                        let from = self.tokens[i].lower_start as usize;
                        let to = self.tokens[i + n - 1].lower_end as usize;
                        lexicon.is_place(super::place_key(&self.lower[from..to]))
                    })
                    .last()
            } else {
                None
            };
            match longest {
                Some(n) => {
                    self.tokens[i].place = 1;
                    self.tokens[i + 1..i + n].iter_mut().for_each(|t| t.place = 2);
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    fn lower(&self, i: isize) -> &str {
        if i < 0 {
            BOS
        } else {
            self.tokens.get(i as usize).map_or(EOS, |t| &self.lower[t.lower_start as usize..t.lower_end as usize])
        }
    }

    fn class_at(&self, i: isize) -> u64 {
        if i < 0 { 254 } else { self.tokens.get(i as usize).map_or(254, |t| u64::from(t.class)) }
    }

    fn shape_at(&self, i: isize) -> u64 {
        if i < 0 { 0x5EED } else { self.tokens.get(i as usize).map_or(0x5EED, |t| t.shape) }
    }

    /// The hash of token `i`'s lower-case text (fixed values before and after the text).
    fn word_hash(&self, i: isize) -> u64 {
        if i < 0 { 0xB05 } else { self.tokens.get(i as usize).map_or(0xE05, |t| t.word_hash) }
    }

    /// Everything the local features of token `index` read, besides its lower-case text
    /// (which its hash and shape stand for in [`Prepared::local_key`]).
    fn local_inputs(&self, index: usize) -> LocalInputs {
        let token = &self.tokens[index];
        LocalInputs {
            wh: token.word_hash,
            shape: token.shape,
            flat: u64::from(token.flat),
            gaz: u64::from(token.gazetteer),
            start: u64::from(token.sentence_start),
            kind: u64::from(token.kind),
            place: u64::from(token.place),
        }
    }

    /// The features of token `index` that read the token alone.
    pub(crate) fn local_features(&self, index: usize) -> [u32; LOCAL] {
        let i = index as isize;
        let lower = self.lower(i);
        let LocalInputs { wh, shape, flat, gaz, start, kind, place } = self.local_inputs(index);
        let char_prefix = |n: usize| {
            let end = lower.char_indices().nth(n).map_or(lower.len(), |(b, _)| b);
            hash(&[&lower.as_bytes()[..end]])
        };
        let char_suffix = |n: usize| {
            let start = lower.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(b, _)| b);
            hash(&[&lower.as_bytes()[start..]])
        };
        let len_bucket = lower.chars().count().min(8) as u64;
        [
            feature(0, 0),
            feature(1, wh),
            feature(2, shape),
            feature(3, char_prefix(2)),
            feature(4, char_prefix(3)),
            feature(5, char_suffix(2)),
            feature(6, char_suffix(3)),
            feature(7, char_suffix(4)),
            feature(14, shape ^ start),
            feature(17, gaz),
            feature(18, gaz.rotate_left(9) ^ shape),
            feature(21, flat.rotate_left(3) ^ shape),
            feature(22, if flat == 1 { wh } else { 1 }),
            feature(23, len_bucket.rotate_left(11) ^ shape),
            feature(24, kind.rotate_left(5) ^ start ^ (flat << 1)),
            feature(26, self.class_at(i).rotate_left(13) ^ shape),
            feature(29, self.class_at(i).rotate_left(13) ^ start ^ (flat << 2)),
            feature(32, place.rotate_left(9) ^ shape),
            feature(33, place.rotate_left(5) ^ gaz),
        ]
    }

    /// The features of token `index` that read its context: the hashed ones, then the coded
    /// ones (see [`CODED`]) as hashed features.
    pub(crate) fn context_features(&self, index: usize) -> [u32; CONTEXT] {
        let mut out = [0; CONTEXT];
        out[..HASHED_CONTEXT].copy_from_slice(&self.hashed_context_features(index));
        for (k, code) in self.context_codes(index).into_iter().enumerate() {
            out[HASHED_CONTEXT + k] = feature(CODED[k].0, coded_value(k, code));
        }
        out
    }

    /// The context features of token `index` whose values are many (words, shapes, classes).
    pub(crate) fn hashed_context_features(&self, index: usize) -> [u32; HASHED_CONTEXT] {
        let i = index as isize;
        let token = &self.tokens[index];
        let wh = token.word_hash;
        let shape = token.shape;
        let run = token.run;
        [
            feature(8, self.word_hash(i - 1)),
            feature(9, self.word_hash(i + 1)),
            feature(10, self.word_hash(i - 2)),
            feature(11, self.word_hash(i + 2)),
            feature(12, self.shape_at(i - 1).rotate_left(7) ^ shape),
            feature(13, shape.rotate_left(7) ^ self.shape_at(i + 1)),
            feature(15, self.word_hash(i - 1).rotate_left(21) ^ wh),
            feature(16, wh.rotate_left(21) ^ self.word_hash(i + 1) ^ 0x16),
            feature(25, self.shape_at(i - 1).rotate_left(7) ^ shape ^ self.shape_at(i + 1).rotate_left(17)),
            feature(27, self.class_at(i - 1).rotate_left(13) ^ self.class_at(i)),
            feature(28, self.class_at(i + 1).rotate_left(13) ^ self.class_at(i) ^ (1 << 40)),
            feature(30, self.shape_at(i - 2).rotate_left(7) ^ self.shape_at(i - 1)),
            feature(31, self.shape_at(i + 1).rotate_left(7) ^ self.shape_at(i + 2)),
            // The capitalized run around the token: its last and first words ("… Farmers
            // Union", "Lake …").
            feature(35, run.last.rotate_left(3) ^ u64::from(run.position)),
            feature(36, run.first.rotate_left(5) ^ u64::from(run.position)),
            // Inside quotation marks or parentheses (titles of works, acronyms).
            feature(38, u64::from(token.enclosed).rotate_left(20) ^ shape),
        ]
    }

    /// The codes of token `index`'s coded context features, in [`CODED`] order.
    pub(crate) fn context_codes(&self, index: usize) -> [usize; CODED.len()] {
        let token = &self.tokens[index];
        let gazetteer_at = |k: usize| usize::from(self.tokens.get(k).map_or(0, |t| t.gazetteer));
        let next_place = usize::from(self.tokens.get(index + 1).map_or(0, |t| t.place));
        let run = token.run;
        [
            gazetteer_at(index + 1),
            if index > 0 { gazetteer_at(index - 1) } else { 0 },
            next_place * 3 + usize::from(token.place),
            // The capitalized run's length, the token's position in it, and its line.
            (usize::from(run.length.min(6)) * 2 + usize::from(token.flat)) * 5 + usize::from(run.position),
        ]
    }

    /// A key of everything token `index`'s local features read: the word (its lower-case hash
    /// and its shape, which decide affixes, length and frequency class), its line, its
    /// gazetteer code, its token kind and whether it starts a sentence. Two tokens with the same
    /// key have the same local features.
    pub(crate) fn local_key(&self, index: usize) -> u64 {
        let LocalInputs { wh, shape, flat, gaz, start, kind, place } = self.local_inputs(index);
        let local =
            wh.rotate_left(17) ^ shape ^ (flat << 1) ^ (gaz << 2) ^ (start << 10) ^ (kind << 11) ^ (place << 14);
        u64::from(feature(99, local)) << 32 | u64::from(feature(98, local))
    }

    /// True when token `index` is certainly outside any name if the token before it is: a
    /// word of the lexicon written in lower case whose frequency class is at most `max_class`,
    /// or any other lower-case word of the lexicon that no capitalized word follows within four
    /// tokens, or punctuation that ends or separates (never, without `max_class`). The tagger
    /// then labels it O without scoring it.
    pub(crate) fn skippable(&self, index: usize, max_class: Option<u8>) -> bool {
        let Some(max) = max_class else { return false };
        let class = self.tokens[index].skip_class;
        if class <= max {
            return true;
        }
        // Any listed lower-case word that no capitalized word follows within four tokens starts
        // no name: French names that open with common nouns end with a capitalized one ("mer
        // Morte", "parc national naturel de Paramillo" are scored). Measured on the French dev
        // sets: no gold mention lost, four wrong ones ("guerre de l'indépendance") gone.
        class <= 15 && (index + 1..(index + 5).min(self.tokens.len())).all(|k| !self.tokens[k].capitalized)
    }

    /// All static features of token `i`: those that read the token alone, then those of its
    /// context.
    pub fn static_features(&self, i: usize) -> [u32; STATIC] {
        let mut out = [0; STATIC];
        out[..LOCAL].copy_from_slice(&self.local_features(i));
        out[LOCAL..].copy_from_slice(&self.context_features(i));
        out
    }

    /// Features that depend on the two previous labels: those of the labels alone, then
    /// those of the previous label and the token.
    pub fn label_features(&self, i: usize, prev: usize, prev2: usize) -> [u32; 4] {
        let [a, b] = label_pair_features(prev, prev2);
        let [c, d] = self.label_word_features(i, prev);
        [a, b, c, d]
    }

    /// Features of the previous label and token `i`.
    pub(crate) fn label_word_features(&self, i: usize, prev: usize) -> [u32; 2] {
        let p = prev as u64;
        [feature(102, self.word_hash(i as isize) ^ (p << 56)), feature(103, self.tokens[i].shape ^ (p << 56))]
    }
}

/// Features of the two previous labels alone.
pub(crate) fn label_pair_features(prev: usize, prev2: usize) -> [u32; 2] {
    let p = prev as u64;
    [feature(100, p), feature(101, p * 16 + prev2 as u64)]
}
