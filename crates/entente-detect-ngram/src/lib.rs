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
//! two.
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

/// Probability floor of one character.
const CHAR_FLOOR: f32 = 1e-7;

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
}

impl Default for NgramOptions {
    fn default() -> Self {
        NgramOptions { min_confidence: 0.0, word_weight: 0.9, order_weights: [0.02, 0.08, 0.3, 0.6], temperature: 2.0 }
    }
}

/// The language detector of this crate. See the crate documentation.
#[derive(Debug)]
pub struct NgramDetector {
    languages: Vec<Lang>,
    model: Model,
    options: NgramOptions,
    /// `exp(-q / GRAM_SCALE)` for each quantized n-gram value.
    gram_prob: [f32; 256],
}

/// Why a detector could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NgramError {
    /// No model is built in for this language.
    Unsupported(Lang),
    /// A model file is malformed (a build defect).
    Model(ModelError),
}

impl std::fmt::Display for NgramError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NgramError::Unsupported(lang) => write!(
                f,
                "the ngram detector has no model for `{lang}` (it has: {})",
                NgramDetector::supported().collect::<Vec<_>>().join(", ")
            ),
            NgramError::Model(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for NgramError {}

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
        let mut files = Vec::with_capacity(languages.len());
        for lang in languages {
            let file = MODELS.iter().find(|(tag, _)| *tag == lang.primary()).map(|(_, f)| *f);
            files.push(file.ok_or_else(|| NgramError::Unsupported(lang.clone()))?);
        }
        let model = Model::load(ALPHABET, &files).map_err(NgramError::Model)?;
        let mut gram_prob = [0.0f32; 256];
        for (q, p) in gram_prob.iter_mut().enumerate() {
            *p = if q as u8 == ABSENT { 0.0 } else { (-(q as f32) / GRAM_SCALE).exp() };
        }
        Ok(NgramDetector { languages: languages.to_vec(), model, options, gram_prob })
    }

    /// The primary subtags of the languages with a built-in model.
    pub fn supported() -> impl Iterator<Item = &'static str> {
        MODELS.iter().map(|(tag, _)| *tag)
    }

    /// The built-in word list of a language (lower-case words with their quantized negative log
    /// frequency, `round(-ln p * 8)`), for other stages that want a lexicon.
    pub fn word_list(lang: &str) -> Option<Vec<(&'static str, u8)>> {
        let bytes = MODELS.iter().find(|(tag, _)| *tag == lang)?.1;
        model::word_list(bytes).ok()
    }

    /// True when a model for `lang` is built in.
    pub fn supports(lang: &Lang) -> bool {
        MODELS.iter().any(|(tag, _)| *tag == lang.primary())
    }

    /// Adds to `scores` (one per configured language) the log-likelihood of `text`; returns the
    /// number of words read.
    pub fn score(&self, text: &str, scores: &mut [f32]) -> usize {
        let n = self.languages.len();
        let mut word = String::with_capacity(32);
        let mut symbols: Vec<u8> = Vec::with_capacity(34);
        let mut char_log = vec![0.0f32; n];
        let mut mix = vec![0.0f32; n];
        let mut n_words = 0;
        let mut chars = text.chars().peekable();
        while chars.peek().is_some() {
            word.clear();
            for c in chars.by_ref() {
                if c.is_alphabetic() {
                    if c.is_uppercase() {
                        word.extend(c.to_lowercase());
                    } else {
                        word.push(c);
                    }
                } else {
                    break;
                }
            }
            if word.is_empty() {
                continue;
            }
            n_words += 1;
            // Character model.
            symbols.clear();
            symbols.push(BOUNDARY);
            symbols.extend(word.chars().map(|c| self.model.symbol(c)));
            symbols.push(BOUNDARY);
            char_log.iter_mut().for_each(|v| *v = 0.0);
            for i in 1..symbols.len() {
                mix.iter_mut().for_each(|v| *v = CHAR_FLOOR);
                let mut key = 0u32;
                for (order, weight) in self.options.order_weights.iter().enumerate() {
                    if order > i {
                        break;
                    }
                    key |= u32::from(symbols[i - order]) << (8 * order);
                    if let Some(q) = self.model.gram(key) {
                        for (m, &q) in mix.iter_mut().zip(q) {
                            *m += weight * self.gram_prob[q as usize];
                        }
                    }
                }
                for (c, m) in char_log.iter_mut().zip(&mix) {
                    *c += m.ln();
                }
            }
            // Word model, mixed in.
            let listed = self.model.word(&word);
            for lang in 0..n {
                let char_part = (1.0 - self.options.word_weight).ln() + char_log[lang];
                let word_part = match listed.map(|q| q[lang]) {
                    Some(q) if q != ABSENT => self.options.word_weight.ln() - f32::from(q) / WORD_SCALE,
                    _ => f32::NEG_INFINITY,
                };
                scores[lang] += log_add(char_part, word_part);
            }
        }
        n_words
    }

    /// The posterior probability of each configured language.
    pub fn posteriors(&self, text: &str) -> Option<Vec<f32>> {
        let mut scores = vec![0.0f32; self.languages.len()];
        if self.score(text, &mut scores) == 0 {
            return None;
        }
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0;
        for s in &mut scores {
            *s = ((*s - max) / self.options.temperature).exp();
            total += *s;
        }
        scores.iter_mut().for_each(|s| *s /= total);
        Some(scores)
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
        let posteriors = self.posteriors(text)?;
        let (best, &confidence) = posteriors.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        if confidence < self.options.min_confidence {
            return Some(Detection { lang: Lang::und(), confidence });
        }
        Some(Detection { lang: self.languages[best].clone(), confidence })
    }
}

#[cfg(test)]
mod tests;
