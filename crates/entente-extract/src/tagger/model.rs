//! The trained tagger model and greedy decoding.

use std::ops::Range;

use entente_core::EntityKind;
use rustc_hash::FxHashMap;

use super::N_LABELS;
use super::features::{CODED, Prepared, coded_value, feature, label_pair_features};

/// The current format: it records the lexicon length and skip class the model was trained with.
const MAGIC: &[u8; 8] = b"ENTNER02";
/// The first format, read with [`V1_LEXICON_WORDS`] and [`default_skip_class`].
const MAGIC_V1: &[u8; 8] = b"ENTNER01";
/// The lexicon length every model of the first format was trained with.
const V1_LEXICON_WORDS: u32 = 40_000;
/// In a model file, the skip class that skips nothing.
const NO_SKIP: u8 = u8::MAX;

/// Something that adds a feature's weights to label scores.
pub(crate) trait Weights {
    fn add(&self, feature: u32, scores: &mut [f32; N_LABELS]);

    /// Tokens of at most this skip class (see [`Prepared::skippable`]) that follow a token
    /// labelled O are labelled O without being scored; `None` scores every token.
    fn skip_class(&self) -> Option<u8> {
        None
    }

    /// The label scores of token `i`'s static features.
    fn static_scores(&self, prepared: &Prepared, i: usize) -> [f32; N_LABELS] {
        let mut scores = [0.0f32; N_LABELS];
        for f in prepared.static_features(i) {
            self.add(f, &mut scores);
        }
        scores
    }

    /// Adds the weights of the features of the two previous labels alone.
    fn add_label_pair(&self, prev: usize, prev2: usize, scores: &mut [f32; N_LABELS]) {
        for f in label_pair_features(prev, prev2) {
            self.add(f, scores);
        }
    }
}

/// Slots of the per-thread cache of local scores (a power of two): 768 KB, which stays in the
/// processor's cache.
const LOCAL_CACHE_SLOTS: usize = 1 << 14;

/// A slot no key fills.
const EMPTY: u64 = u64::MAX;

thread_local! {
    /// The summed weights of a token's local features, by (model, local key): running text
    /// repeats its words, so a frequent word's local features are looked up once per thread.
    /// Direct-mapped: a key has one slot, and a new key takes it over. Scores are sums of
    /// integers far below 2^24, exact in `f32` in any order, so the cache changes no result.
    static LOCAL_SCORES: std::cell::RefCell<Vec<(u64, [f32; N_LABELS])>> =
        std::cell::RefCell::new(vec![(EMPTY, [0.0; N_LABELS]); LOCAL_CACHE_SLOTS]);
}

/// Source of model ids, which keep the cache entries of two models apart.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A trained tagger: quantized weights of hashed features.
#[derive(Debug, Clone, Default)]
pub struct TaggerModel {
    weights: FxHashMap<u32, [i16; N_LABELS]>,
    scale: f32,
    language: String,
    /// Unique per loaded model, for the cache of local scores.
    id: u64,
    /// See [`Weights::skip_class`]; chosen at training (`entente train ner --skip-class`).
    skip_class: Option<u8>,
    /// How many words of the language's word list the lexicon held at training (0: no
    /// lexicon); tagging must use the same.
    lexicon_words: u32,
    /// The weights of the coded context features ([`CODED`]), by template then code, and of
    /// the label pairs, by `prev * N_LABELS + prev2`: looked up by index rather than by hash.
    /// Built from `weights` by [`TaggerModel::with_tables`].
    tables: Tables,
}

/// See [`TaggerModel::tables`].
#[derive(Debug, Clone, Default)]
struct Tables {
    coded: Vec<[f32; N_LABELS]>,
    /// Where each coded template's table starts in `coded`.
    coded_start: [usize; CODED.len()],
    label_pairs: Vec<[f32; N_LABELS]>,
}

/// The skip class `entente train ner` gives a model of `language` unless told otherwise, and
/// the one every first-format model (which did not record it) was trained with. English names
/// are capitalized, so every lower-case word of its lexicon is skipped (15); French names often
/// begin with a common noun in lower case ("mer Morte", "guerre d'Espagne"), so only the most
/// frequent words are (3), as in any other language. Chosen on the tuning splits, where no
/// English mention and one French mention in 3,522 changed.
pub fn default_skip_class(language: &str) -> u8 {
    match language {
        "en" => 15,
        _ => 3,
    }
}

/// A malformed model file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad tagger model: {0}")]
pub struct ModelError(pub String);

impl Weights for TaggerModel {
    fn skip_class(&self) -> Option<u8> {
        self.skip_class
    }

    #[inline]
    fn add(&self, feature: u32, scores: &mut [f32; N_LABELS]) {
        // Scores stay in quantized units: one scale for all weights leaves the argmax unchanged.
        if let Some(w) = self.weights.get(&feature) {
            for (s, &w) in scores.iter_mut().zip(w) {
                *s += f32::from(w);
            }
        }
    }

    fn static_scores(&self, prepared: &Prepared, i: usize) -> [f32; N_LABELS] {
        let key = prepared.local_key(i) ^ self.id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let sum_local = || {
            let mut scores = [0.0f32; N_LABELS];
            for f in prepared.local_features(i) {
                self.add(f, &mut scores);
            }
            scores
        };
        let mut scores = if key == EMPTY {
            sum_local()
        } else {
            LOCAL_SCORES.with(|c| {
                let mut c = c.borrow_mut();
                let slot = &mut c[(key >> 40) as usize & (LOCAL_CACHE_SLOTS - 1)];
                if slot.0 != key {
                    *slot = (key, sum_local());
                }
                slot.1
            })
        };
        for f in prepared.hashed_context_features(i) {
            self.add(f, &mut scores);
        }
        for (k, code) in prepared.context_codes(i).into_iter().enumerate() {
            match self.tables.coded.get(self.tables.coded_start[k] + code) {
                Some(w) if code < CODED[k].1 => add_to(&mut scores, w),
                _ => self.add(feature(CODED[k].0, coded_value(k, code)), &mut scores),
            }
        }
        scores
    }

    fn add_label_pair(&self, prev: usize, prev2: usize, scores: &mut [f32; N_LABELS]) {
        match self.tables.label_pairs.get(prev * N_LABELS + prev2) {
            Some(w) if prev2 < N_LABELS => add_to(scores, w),
            _ => label_pair_features(prev, prev2).into_iter().for_each(|f| self.add(f, scores)),
        }
    }
}

fn add_to(scores: &mut [f32; N_LABELS], weights: &[f32; N_LABELS]) {
    for (s, w) in scores.iter_mut().zip(weights) {
        *s += w;
    }
}

impl TaggerModel {
    /// A model from float weights, quantized to 16 bits; weights whose largest magnitude is below
    /// `prune` are dropped.
    pub fn from_weights(
        language: &str,
        weights: impl Iterator<Item = (u32, [f32; N_LABELS])>,
        prune: f32,
    ) -> TaggerModel {
        let kept: Vec<(u32, [f32; N_LABELS])> =
            weights.filter(|(_, w)| w.iter().any(|v| v.abs() >= prune && v.is_finite())).collect();
        let max = kept.iter().flat_map(|(_, w)| w.iter()).fold(0.0f32, |m, v| m.max(v.abs())).max(f32::MIN_POSITIVE);
        let scale = max / f32::from(i16::MAX);
        let weights = kept
            .into_iter()
            .map(|(f, w)| {
                let mut q = [0i16; N_LABELS];
                for (q, v) in q.iter_mut().zip(w) {
                    *q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                (f, q)
            })
            .collect();
        TaggerModel {
            weights,
            scale,
            language: language.to_owned(),
            id: next_id(),
            skip_class: None,
            lexicon_words: 0,
            tables: Tables::default(),
        }
        .with_tables()
    }

    /// The model with its tables of coded features and label pairs (see
    /// [`TaggerModel::tables`]), summed from its weights: each entry is the sum the hashed
    /// look-ups would give, in quantized units.
    fn with_tables(mut self) -> TaggerModel {
        let summed = |features: &[u32]| {
            let mut scores = [0.0f32; N_LABELS];
            features.iter().for_each(|&f| self.add(f, &mut scores));
            scores
        };
        let mut tables = Tables::default();
        for (k, &(template, codes)) in CODED.iter().enumerate() {
            tables.coded_start[k] = tables.coded.len();
            for code in 0..codes {
                tables.coded.push(summed(&[feature(template, coded_value(k, code))]));
            }
        }
        for prev in 0..N_LABELS {
            for prev2 in 0..N_LABELS {
                tables.label_pairs.push(summed(&label_pair_features(prev, prev2)));
            }
        }
        self.tables = tables;
        self
    }

    /// The model with its record of training: the lexicon length the sentences were prepared
    /// with (0: none) and the skip class for tagging: lower-case words of at most this
    /// frequency class, and separating punctuation, that follow a token outside any name are
    /// labelled O without being scored (`None` scores every token).
    pub fn with_training(mut self, lexicon_words: u32, skip_class: Option<u8>) -> TaggerModel {
        self.lexicon_words = lexicon_words;
        self.skip_class = skip_class.filter(|&c| c != NO_SKIP);
        self
    }

    /// How many words of its language's list the lexicon held when the model was trained (0:
    /// it was trained without a lexicon). Tagging must use a lexicon of the same length.
    pub fn lexicon_words(&self) -> u32 {
        self.lexicon_words
    }

    /// The language the model was trained for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True for a model without weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The model as bytes: magic, language, scale, lexicon length (u32), skip class (u8, 255
    /// for none), then the number of rows and the sorted (feature, weights) rows.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(&u32, &[i16; N_LABELS])> = self.weights.iter().collect();
        rows.sort_by_key(|(f, _)| **f);
        let mut out = Vec::with_capacity(24 + rows.len() * (4 + 2 * N_LABELS));
        out.extend_from_slice(MAGIC);
        out.push(self.language.len() as u8);
        out.extend_from_slice(self.language.as_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.lexicon_words.to_le_bytes());
        out.push(self.skip_class.unwrap_or(NO_SKIP));
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (f, w) in rows {
            out.extend_from_slice(&f.to_le_bytes());
            for v in w {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`TaggerModel::to_bytes`], or by its first format (which did
    /// not record the lexicon length and skip class: 40,000 words and the default of its
    /// language then).
    ///
    /// # Errors
    /// Returns an error when the bytes are not such a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<TaggerModel, ModelError> {
        let err = |m: &str| ModelError(m.to_owned());
        let v1 = bytes.get(..8) == Some(&MAGIC_V1[..]);
        if bytes.len() < 17 || (!v1 && &bytes[..8] != MAGIC) {
            return Err(err("wrong magic"));
        }
        let lang_len = bytes[8] as usize;
        let mut at = 9 + lang_len;
        let language = std::str::from_utf8(bytes.get(9..at).ok_or_else(|| err("truncated"))?)
            .map_err(|_| err("language is not UTF-8"))?
            .to_owned();
        let word = |at: usize| -> Result<[u8; 4], ModelError> {
            bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).ok_or_else(|| err("truncated"))
        };
        let scale = f32::from_le_bytes(word(at)?);
        at += 4;
        let (lexicon_words, skip_class) = if v1 {
            (V1_LEXICON_WORDS, Some(default_skip_class(&language)))
        } else {
            let lexicon_words = u32::from_le_bytes(word(at)?);
            let skip = *bytes.get(at + 4).ok_or_else(|| err("truncated"))?;
            at += 5;
            (lexicon_words, (skip != NO_SKIP).then_some(skip))
        };
        let n = u32::from_le_bytes(word(at)?) as usize;
        at += 4;
        let row = 4 + 2 * N_LABELS;
        if bytes.len() != at + n * row {
            return Err(err("wrong length"));
        }
        let mut weights = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for chunk in bytes[at..].chunks_exact(row) {
            let f = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            let mut w = [0i16; N_LABELS];
            for (k, v) in w.iter_mut().enumerate() {
                *v = i16::from_le_bytes([chunk[4 + 2 * k], chunk[5 + 2 * k]]);
            }
            weights.insert(f, w);
        }
        Ok(TaggerModel {
            weights,
            scale,
            language,
            id: next_id(),
            skip_class,
            lexicon_words,
            tables: Tables::default(),
        }
        .with_tables())
    }

    /// Tags a prepared text and returns its mentions as token ranges with their kind and a
    /// score (the margin of the first token's label, squashed to `0.0..1.0`).
    pub fn tag(&self, prepared: &Prepared, n_tokens: usize) -> Vec<(Range<usize>, EntityKind, f32)> {
        let labels = decode(self, prepared, n_tokens);
        spans(&labels).into_iter().map(|(range, kind)| (range, kind, 0.8)).collect()
    }
}

/// True when label `next` may follow label `prev` in BIO.
#[inline]
pub(crate) fn allowed(prev: usize, next: usize) -> bool {
    // I-X (even index >= 2) must follow B-X (next - 1) or I-X (next).
    next == 0 || next % 2 == 1 || prev == next || prev + 1 == next
}

/// Greedy left-to-right decoding: the label of each token.
pub(crate) fn decode(weights: &impl Weights, prepared: &Prepared, n_tokens: usize) -> Vec<usize> {
    let mut labels = Vec::with_capacity(n_tokens);
    for i in 0..n_tokens {
        let prev = labels.last().copied().unwrap_or(0);
        if prev == 0 && prepared.skippable(i, weights.skip_class()) {
            labels.push(0);
            continue;
        }
        let scores = token_scores(weights, prepared, i, &labels);
        let best =
            (0..N_LABELS).filter(|&y| allowed(prev, y)).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(0);
        labels.push(best);
    }
    labels
}

/// Label scores of token `i` given the labels chosen before it.
pub(crate) fn token_scores(weights: &impl Weights, prepared: &Prepared, i: usize, labels: &[usize]) -> [f32; N_LABELS] {
    let mut scores = weights.static_scores(prepared, i);
    let prev = labels.last().copied().unwrap_or(0);
    let prev2 = if labels.len() >= 2 { labels[labels.len() - 2] } else { 0 };
    weights.add_label_pair(prev, prev2, &mut scores);
    for f in prepared.label_word_features(i, prev) {
        weights.add(f, &mut scores);
    }
    scores
}

/// Mentions as token ranges from BIO labels.
pub(crate) fn spans(labels: &[usize]) -> Vec<(Range<usize>, EntityKind)> {
    let kind_of = |label: usize| match (label - 1) / 2 {
        0 => EntityKind::Per,
        1 => EntityKind::Loc,
        2 => EntityKind::Org,
        _ => EntityKind::Misc,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        if labels[i] == 0 || labels[i].is_multiple_of(2) {
            // O, or an I- without B- (decoding forbids it; gold may have it): starts a span too.
            if labels[i] == 0 {
                i += 1;
                continue;
            }
        }
        let kind = kind_of(labels[i]);
        let inside = if labels[i] % 2 == 1 { labels[i] + 1 } else { labels[i] };
        let start = i;
        i += 1;
        while i < labels.len() && labels[i] == inside {
            i += 1;
        }
        out.push((start..i, kind));
    }
    out
}
