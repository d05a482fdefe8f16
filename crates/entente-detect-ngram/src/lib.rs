//! entente's own language detector: a word-frequency model backed off to a character n-gram
//! model, trained from the wordfreq lists by `tools/train_langid.py`.
//!
//! For each word of the text and each configured language the detector mixes two estimates of
//! how likely the word is in that language: its frequency when the language's list has it, and
//! the probability of its spelling under a 4-gram character model. The language with the
//! highest total wins; the confidence is a tempered posterior over the configured languages.
//! Short texts (one or two words), where trigram profiles fail, are where the word model helps.
//!
//! Only the configured languages' models are loaded and merged, so a fr+en deployment pays for
//! two. A text in none of them would still get one of them with a posterior near 1, so a text
//! of twelve lower-case words or more of which fewer than half are frequent words of a
//! configured language is `und` ([`NgramOptions::foreign_share`]): on the language-id dev
//! file, with French and English configured, no French or English text of twelve words or more
//! became `und`, and 46 % of the other languages' sentences and paragraphs did.
//!
//! ```
//! use entente_core::{Lang, LanguageDetector};
//! use entente_detect_ngram::NgramDetector;
//! let langs = [Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
//! let detector = NgramDetector::new(&langs, 0.0).unwrap();
//! assert_eq!(detector.detect("gouvernement").unwrap().lang.to_string(), "fr");
//! assert_eq!(detector.detect("government").unwrap().lang.to_string(), "en");
//! ```
#![deny(missing_docs)]

mod model;

use entente_core::{Detection, Lang, LanguageDetector};

use model::{ABSENT, BOUNDARY, GRAM_SCALE, WORD_SCALE};
pub use model::{Model, ModelError};

const ALPHABET: &[u8] = include_bytes!("../data/alphabet.bin");

/// The languages with a model built into this crate, and the model files.
const MODELS: &[(&str, &[u8])] = &[
    ("fr", include_bytes!("../data/fr.bin")),
    ("en", include_bytes!("../data/en.bin")),
    ("es", include_bytes!("../data/es.bin")),
    ("it", include_bytes!("../data/it.bin")),
    ("pt", include_bytes!("../data/pt.bin")),
    ("de", include_bytes!("../data/de.bin")),
    ("nl", include_bytes!("../data/nl.bin")),
    ("ca", include_bytes!("../data/ca.bin")),
    ("ro", include_bytes!("../data/ro.bin")),
    ("id", include_bytes!("../data/id.bin")),
    ("ms", include_bytes!("../data/ms.bin")),
];

/// Detectors with fewer than this many languages cache word scores per thread (an entry holds
/// one score per language and whether a list has the word).
const CACHED_LANGS: usize = 16;
/// Detectors with fewer than this many languages use the smaller cache, whose entries fit more
/// words in the processor's caches.
const SMALL_CACHED_LANGS: usize = 4;
/// A per-thread cache is emptied when it holds this many words.
const CACHE_CAPACITY: usize = 1 << 17;

type WordCache<const N: usize> = std::cell::RefCell<rustc_hash::FxHashMap<u64, [f32; N]>>;

thread_local! {
    /// Word scores by (detector, word) key: running text repeats its words, so most words are
    /// scored once per thread. One cache for deployments of up to four languages, one for up
    /// to sixteen.
    static SMALL_WORD_CACHE: WordCache<SMALL_CACHED_LANGS> = WordCache::default();
    static WORD_CACHE: WordCache<CACHED_LANGS> = WordCache::default();
}

/// Source of detector ids, which keep the cache entries of two detectors apart.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Quantized word values at or below this (frequency above about 6e-6) count as frequent.
const FREQUENT: u8 = 96;
/// Probability floor of one character.
const CHAR_FLOOR: f32 = 1e-7;

/// Default of [`NgramOptions::primary_prior`].
pub const PRIMARY_PRIOR: f32 = 0.5;
/// Default of [`NgramOptions::foreign_share`]: half the words.
pub const FOREIGN_SHARE: f32 = 0.5;
/// Texts with fewer words in lower case than this are never said to be in another language:
/// a few rare words are in no list.
pub const FOREIGN_MIN_WORDS: usize = 12;

/// Tuning of [`NgramDetector`].
#[derive(Debug, Clone, PartialEq)]
pub struct NgramOptions {
    /// Below this confidence the answer is `und`.
    pub min_confidence: f32,
    /// Weight of the word-frequency model against the character model, in `0.0..1.0`.
    pub word_weight: f32,
    /// Interpolation weights of the character model, for contexts of 0, 1, 2 and 3 letters.
    pub order_weights: [f32; 4],
    /// Naive Bayes counts every word as independent evidence, so scores are divided by this
    /// before the softmax that gives confidences.
    pub temperature: f32,
    /// A text of at least [`FOREIGN_MIN_WORDS`] words in lower case of which a smaller share
    /// than this is among the frequent words (probability above about 6e-6) of some configured
    /// language's list is in another language: `und`. 0 turns it off.
    pub foreign_share: f32,
    /// Log-odds added to the score of the language configured first, the deployment's main
    /// language: a prior that decides words spelled alike in two languages ("festival",
    /// "version") and fades as the text grows, since word evidence adds up and the prior does not.
    pub primary_prior: f32,
}

impl Default for NgramOptions {
    fn default() -> Self {
        NgramOptions {
            min_confidence: 0.0,
            word_weight: 0.9,
            order_weights: [0.02, 0.08, 0.3, 0.6],
            temperature: 2.0,
            foreign_share: FOREIGN_SHARE,
            primary_prior: PRIMARY_PRIOR,
        }
    }
}

/// The language detector of this crate. See the crate documentation.
#[derive(Debug)]
pub struct NgramDetector {
    languages: Vec<Lang>,
    model: Model,
    options: NgramOptions,
    /// Unique per detector, for the word cache.
    id: u64,
    /// `exp(-q / GRAM_SCALE)` for each quantized n-gram value.
    gram_prob: [f32; 256],
}

/// Why a detector could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NgramError {
    /// No model is built in for this language.
    #[error("the ngram detector has no model for `{0}` (it has: {list})", list = supported_list())]
    Unsupported(Lang),
    /// A built-in model file is malformed (a build defect).
    #[error(transparent)]
    Model(ModelError),
    /// A model file given at run time for `lang` is malformed or made for another language.
    #[error("{error}")]
    ModelFile {
        /// The language the file was given for.
        lang: String,
        /// What is wrong with it.
        error: ModelError,
    },
}

/// Checks that the model file `bytes` is one of the language `tag`.
fn expect_tag(tag: &str, bytes: &[u8]) -> Result<(), ModelError> {
    let found = model::file_tag(bytes)?;
    if found == tag {
        Ok(())
    } else {
        Err(ModelError(format!("the model file given for `{tag}` is a model of `{found}`")))
    }
}

fn supported_list() -> String {
    NgramDetector::supported().collect::<Vec<_>>().join(", ")
}

impl NgramDetector {
    /// A detector choosing among `languages`; below `min_confidence` it answers `und`.
    ///
    /// # Errors
    /// Returns the first language without a model.
    pub fn new(languages: &[Lang], min_confidence: f32) -> Result<NgramDetector, NgramError> {
        NgramDetector::with_options(languages, NgramOptions { min_confidence, ..NgramOptions::default() })
    }

    /// A detector choosing among `languages`, tuned by `options`.
    ///
    /// # Errors
    /// Returns the first language without a model.
    pub fn with_options(languages: &[Lang], options: NgramOptions) -> Result<NgramDetector, NgramError> {
        NgramDetector::with_models(languages, options, &[])
    }

    /// A detector choosing among `languages`, tuned by `options`, with models read at run time
    /// (`(primary subtag, file bytes)`, as written by `tools/train_langid.py` against the
    /// built-in alphabet) for languages that have none built in, or to replace a built-in one.
    /// The Latin model is shipped this way: its licence (GPL, from Collatinus's lexicon) keeps
    /// it out of the binary.
    ///
    /// # Errors
    /// Returns the first language without a model, or the first model file given here that is
    /// malformed or made for another language ([`NgramError::ModelFile`]).
    pub fn with_models(
        languages: &[Lang],
        options: NgramOptions,
        models: &[(&str, &[u8])],
    ) -> Result<NgramDetector, NgramError> {
        let bad_file = |tag: &str, error| NgramError::ModelFile { lang: tag.to_owned(), error };
        for (tag, bytes) in models {
            expect_tag(tag, bytes).map_err(|e| bad_file(tag, e))?;
        }
        let mut files = Vec::with_capacity(languages.len());
        for lang in languages {
            let file = models.iter().chain(MODELS).find(|(tag, _)| *tag == lang.primary()).map(|(_, f)| *f);
            files.push(file.ok_or_else(|| NgramError::Unsupported(lang.clone()))?);
        }
        let model = Model::load(ALPHABET, &files).map_err(|error| {
            // Only on failure: which of the files given here, if any, is the bad one.
            let given = models.iter().find_map(|(tag, bytes)| Self::check_model(tag, bytes).err().map(|e| (tag, e)));
            given.map_or(NgramError::Model(error), |(tag, e)| bad_file(tag, e))
        })?;
        let mut gram_prob = [0.0f32; 256];
        for (q, p) in gram_prob.iter_mut().enumerate() {
            *p = if q as u8 == ABSENT { 0.0 } else { (-(q as f32) / GRAM_SCALE).exp() };
        }
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(NgramDetector { languages: languages.to_vec(), model, options, gram_prob, id })
    }

    /// Checks that `bytes` is a well-formed model file of the language `tag`, as
    /// [`NgramDetector::with_models`] wants it (which calls this to name a bad file).
    ///
    /// # Errors
    /// Says what is wrong with the file.
    pub fn check_model(tag: &str, bytes: &[u8]) -> Result<(), ModelError> {
        expect_tag(tag, bytes)?;
        Model::load(ALPHABET, &[bytes]).map(drop)
    }

    /// Forgets the word scores this thread has cached, for every detector (for benchmarks of
    /// first sightings; results do not depend on the cache).
    pub fn clear_word_cache() {
        SMALL_WORD_CACHE.with(|c| c.borrow_mut().clear());
        WORD_CACHE.with(|c| c.borrow_mut().clear());
    }

    /// The primary subtags of the languages with a built-in model.
    pub fn supported() -> impl Iterator<Item = &'static str> {
        MODELS.iter().map(|(tag, _)| *tag)
    }

    /// The `most` most frequent words of a language's built-in list (lower case, with their
    /// quantized negative log frequency, `round(-ln p * 8)`), for other stages that want a
    /// lexicon.
    pub fn word_list(lang: &str, most: usize) -> Option<Vec<(&'static str, u8)>> {
        let bytes = MODELS.iter().find(|(tag, _)| *tag == lang)?.1;
        model::word_list(bytes, most).ok()
    }

    /// True when a model for `lang` is built in.
    pub fn supports(lang: &Lang) -> bool {
        MODELS.iter().any(|(tag, _)| *tag == lang.primary())
    }

    /// Adds to `scores` (one per configured language) the log-likelihood of `text`; returns the
    /// number of words read.
    pub fn score(&self, text: &str, scores: &mut [f32]) -> usize {
        self.score_listed(text, scores).0
    }

    /// [`NgramDetector::score`], and, of the words written in lower case (names aside), how
    /// many there are and how many some configured language's word list has among its
    /// frequent words: the words read, the lower-case ones, the listed ones.
    pub fn score_listed(&self, text: &str, scores: &mut [f32]) -> (usize, usize, usize) {
        let n = self.languages.len();
        let mut word = String::with_capacity(32);
        // Scratch space of the character model, allocated only when a word is not cached.
        let mut symbols: Vec<u8> = Vec::new();
        let mut char_log: Vec<f32> = Vec::new();
        let mut mix: Vec<f32> = Vec::new();
        let (mut n_words, mut n_lower, mut n_listed) = (0, 0, 0);
        let mut at = 0;
        while at < text.len() {
            let start = at;
            next_word(text, &mut at, &mut word);
            if word.is_empty() {
                continue;
            }
            n_words += 1;
            let lower = !text[start..].starts_with(char::is_uppercase);
            // The word's scores, and after them, when the cache entry has room, whether a list
            // has the word (1.0) or not (0.0).
            let mut score = |out: &mut [f32]| {
                let listed = self.word_score(&word, &mut symbols, &mut char_log, &mut mix, &mut out[..n]);
                out[n] = if listed { 1.0 } else { 0.0 };
            };
            let listed = if n < SMALL_CACHED_LANGS {
                add_cached(&SMALL_WORD_CACHE, self.cache_key(&word), n, &mut score, scores)
            } else if n < CACHED_LANGS {
                add_cached(&WORD_CACHE, self.cache_key(&word), n, &mut score, scores)
            } else {
                let mut contribution = vec![0.0f32; n + 1];
                score(&mut contribution);
                scores.iter_mut().zip(&contribution).for_each(|(s, c)| *s += c);
                contribution[n]
            };
            n_lower += usize::from(lower);
            n_listed += usize::from(lower && listed > 0.5);
        }
        (n_words, n_lower, n_listed)
    }

    /// A 64-bit key for `word` scored by this detector, for the per-thread cache.
    fn cache_key(&self, word: &str) -> u64 {
        model::word_key(word) ^ self.id.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The log-likelihood contribution of one lower-case word, per language, into `out`; true
    /// when a configured language's word list has the word.
    fn word_score(
        &self,
        word: &str,
        symbols: &mut Vec<u8>,
        char_log: &mut Vec<f32>,
        mix: &mut Vec<f32>,
        out: &mut [f32],
    ) -> bool {
        let listed = self.model.word(word);
        // A frequent word (p > 6e-6) in every language is scored by its frequencies alone:
        // the character model's share of the mixture is then negligible.
        let everywhere = listed.is_some_and(|q| q.iter().all(|&q| q <= FREQUENT));
        if !everywhere {
            self.char_model(word, symbols, char_log, mix);
        }
        for (lang, out) in out.iter_mut().enumerate() {
            let char_part =
                if everywhere { f32::NEG_INFINITY } else { (1.0 - self.options.word_weight).ln() + char_log[lang] };
            let word_part = match listed.map(|q| q[lang]) {
                Some(q) if q != ABSENT => self.options.word_weight.ln() - f32::from(q) / WORD_SCALE,
                _ => f32::NEG_INFINITY,
            };
            *out = log_add(char_part, word_part);
        }
        listed.is_some_and(|q| q.iter().any(|&q| q != ABSENT && q <= FREQUENT))
    }

    /// The log-probability of `word`'s spelling in each language, into `char_log`.
    fn char_model(&self, word: &str, symbols: &mut Vec<u8>, char_log: &mut Vec<f32>, mix: &mut Vec<f32>) {
        char_log.resize(self.languages.len(), 0.0);
        mix.resize(self.languages.len(), 0.0);
        symbols.clear();
        symbols.push(BOUNDARY);
        symbols.extend(word.chars().map(|c| self.model.symbol(c)));
        symbols.push(BOUNDARY);
        // Probabilities are multiplied in f64 and logged every 32 letters (each is at least
        // CHAR_FLOOR, so 32 of them stay far above f64's smallest normal number).
        let mut product = [1.0f64; 16];
        let n = char_log.len();
        let wide = n > product.len();
        char_log.iter_mut().for_each(|v| *v = 0.0);
        for i in 1..symbols.len() {
            mix.iter_mut().for_each(|v| *v = CHAR_FLOOR);
            let mut key = 0u32;
            for (order, weight) in self.options.order_weights.iter().enumerate() {
                if order > i {
                    break;
                }
                key |= u32::from(symbols[i - order]) << (8 * order);
                // A longer context is rarer than the one it extends, in every language, and
                // training drops the rarest: once a context is missing, so are all longer ones.
                let Some(q) = self.model.gram(key) else { break };
                for (m, &q) in mix.iter_mut().zip(q) {
                    *m += weight * self.gram_prob[q as usize];
                }
            }
            if wide {
                for (c, m) in char_log.iter_mut().zip(mix.iter()) {
                    *c += m.ln();
                }
            } else {
                for (p, m) in product.iter_mut().zip(mix.iter()) {
                    *p *= f64::from(*m);
                }
                if i % 32 == 0 || i + 1 == symbols.len() {
                    for (c, p) in char_log.iter_mut().zip(product.iter_mut()).take(n) {
                        *c += p.ln() as f32;
                        *p = 1.0;
                    }
                }
            }
        }
    }

    /// The posterior probability of each configured language.
    pub fn posteriors(&self, text: &str) -> Option<Vec<f32>> {
        self.posteriors_listed(text).map(|(posteriors, _, _)| posteriors)
    }

    /// [`NgramDetector::posteriors`], the number of words in lower case, and the share of them
    /// that some configured language's list has among its frequent words.
    fn posteriors_listed(&self, text: &str) -> Option<(Vec<f32>, usize, f32)> {
        let mut scores = vec![0.0f32; self.languages.len()];
        let (n_words, n_lower, n_listed) = self.score_listed(text, &mut scores);
        if n_words == 0 {
            return None;
        }
        let listed = n_listed as f32 / n_lower.max(1) as f32;
        if let Some(first) = scores.first_mut() {
            *first += self.options.primary_prior;
        }
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0;
        for s in &mut scores {
            *s = ((*s - max) / self.options.temperature).exp();
            total += *s;
        }
        scores.iter_mut().for_each(|s| *s /= total);
        Some((scores, n_lower, listed))
    }
}

/// Adds to `scores` the scores of the word whose key is `key` in `n` languages (fewer than
/// `N`), from `cache`, or computed by `score` (which also fills entry `n`) and remembered;
/// returns entry `n`.
fn add_cached<const N: usize>(
    cache: &'static std::thread::LocalKey<WordCache<N>>,
    key: u64,
    n: usize,
    score: &mut impl FnMut(&mut [f32]),
    scores: &mut [f32],
) -> f32 {
    let contribution = match cache.with(|c| c.borrow().get(&key).copied()) {
        Some(c) => c,
        None => {
            let mut c = [0.0f32; N];
            score(&mut c[..=n]);
            cache.with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.len() >= CACHE_CAPACITY {
                    cache.clear();
                }
                cache.insert(key, c);
            });
            c
        }
    };
    scores.iter_mut().zip(&contribution[..n]).for_each(|(s, c)| *s += c);
    contribution[n]
}

/// Reads the word of `text` at byte `at` into `word`, lower-cased: the run of letters there,
/// ended by any other character, which is read too (`word` is empty when `at` is on one).
/// Moves `at` past what it read.
fn next_word(text: &str, at: &mut usize, word: &mut String) {
    word.clear();
    while *at < text.len() {
        let b = text.as_bytes()[*at];
        if b.is_ascii() {
            *at += 1;
            if !b.is_ascii_alphabetic() {
                return;
            }
            word.push(char::from(b.to_ascii_lowercase()));
            continue;
        }
        let Some(c) = text[*at..].chars().next() else { return };
        *at += c.len_utf8();
        if !c.is_alphabetic() {
            return;
        }
        if c.is_uppercase() {
            word.extend(c.to_lowercase());
        } else {
            word.push(c);
        }
    }
}

fn log_add(a: f32, b: f32) -> f32 {
    if b == f32::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

impl LanguageDetector for NgramDetector {
    fn languages(&self) -> &[Lang] {
        &self.languages
    }

    fn detect(&self, text: &str) -> Option<Detection> {
        let (posteriors, n_lower, listed) = self.posteriors_listed(text)?;
        // A text of some length whose lower-case words are mostly frequent in none of the lists
        // is in none of the configured languages (Indonesian in a French and English
        // deployment): the posterior, which only compares the configured languages, would still
        // be near 1. Capitalized words, names mostly, are left out ("Stars such as Dilip Kumar,
        // Dharmendra, Amitabh Bachchan…").
        if listed < self.options.foreign_share && n_lower >= FOREIGN_MIN_WORDS {
            return Some(Detection { lang: Lang::und(), confidence: 1.0 - listed });
        }
        // Ties (a word as frequent in both languages: "version", "budget") go to the language
        // configured first, the deployment's main one.
        let (best, &confidence) =
            posteriors.iter().enumerate().reduce(|best, next| if next.1 > best.1 { next } else { best })?;
        if confidence < self.options.min_confidence {
            return Some(Detection { lang: Lang::und(), confidence });
        }
        Some(Detection { lang: self.languages[best].clone(), confidence })
    }
}

#[cfg(test)]
mod tests;
