//! Averaged-perceptron training.

use entente_core::EntityKind;
use rustc_hash::FxHashMap;

use super::N_LABELS;
use super::features::Prepared;
use super::model::{TaggerModel, Weights, allowed, token_scores};

/// One training sentence, already prepared, with its gold label per token.
#[derive(Debug)]
pub struct TrainSentence {
    /// Features.
    pub prepared: Prepared,
    /// Gold label index per token.
    pub labels: Vec<usize>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Weights whose averaged magnitude stays below this are dropped from the model.
    pub prune: f32,
    /// How many words of the language's list the lexicon held when the sentences were
    /// prepared (0: none), recorded in the model: tagging must use the same.
    pub lexicon_words: u32,
    /// The skip class the model tags with (see [`TaggerModel::with_training`]; `None` scores
    /// every token), recorded in the model.
    pub skip_class: Option<u8>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 20, seed: 7, prune: 1.0, lexicon_words: 0, skip_class: None }
    }
}

/// What training did, per epoch.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    /// Token accuracy on the training data, per epoch (before averaging).
    pub epoch_accuracy: Vec<f32>,
    /// Features in the final model.
    pub features: usize,
}

#[derive(Default)]
struct Averaged {
    weights: FxHashMap<u32, [f32; N_LABELS]>,
    /// Sum of updates times their timestamp, for lazy averaging.
    totals: FxHashMap<u32, [f32; N_LABELS]>,
    step: f32,
}

impl Weights for Averaged {
    #[inline]
    fn add(&self, feature: u32, scores: &mut [f32; N_LABELS]) {
        if let Some(w) = self.weights.get(&feature) {
            for (s, w) in scores.iter_mut().zip(w) {
                *s += w;
            }
        }
    }
}

impl Averaged {
    fn update(&mut self, feature: u32, label: usize, delta: f32) {
        self.weights.entry(feature).or_insert([0.0; N_LABELS])[label] += delta;
        self.totals.entry(feature).or_insert([0.0; N_LABELS])[label] += self.step * delta;
    }

    /// Averaged weights: w - totals / step.
    fn averaged(&self) -> impl Iterator<Item = (u32, [f32; N_LABELS])> + '_ {
        self.weights.iter().map(move |(f, w)| {
            let t = self.totals.get(f).copied().unwrap_or([0.0; N_LABELS]);
            let mut out = [0.0; N_LABELS];
            for k in 0..N_LABELS {
                out[k] = w[k] - t[k] / self.step.max(1.0);
            }
            (*f, out)
        })
    }
}

/// Trains a [`TaggerModel`].
#[derive(Debug, Default)]
pub struct Trainer {
    sentences: Vec<TrainSentence>,
}

impl Trainer {
    /// An empty trainer.
    pub fn new() -> Trainer {
        Trainer::default()
    }

    /// Adds a sentence.
    pub fn add(&mut self, sentence: TrainSentence) {
        self.sentences.push(sentence);
    }

    /// Number of sentences added.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when no sentence was added.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Trains and returns the model for `language`.
    pub fn train(&self, language: &str, options: &TrainOptions) -> (TaggerModel, TrainReport) {
        let mut model = Averaged { step: 1.0, ..Averaged::default() };
        let mut order: Vec<usize> = (0..self.sentences.len()).collect();
        let mut rng = options.seed.max(1);
        let mut report = TrainReport::default();
        for _ in 0..options.epochs {
            // Fisher-Yates with xorshift.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            let (mut right, mut total) = (0usize, 0usize);
            for &s in &order {
                let sentence = &self.sentences[s];
                let n = sentence.labels.len();
                let mut predicted: Vec<usize> = Vec::with_capacity(n);
                for i in 0..n {
                    let scores = token_scores(&model, &sentence.prepared, i, &predicted);
                    let prev = predicted.last().copied().unwrap_or(0);
                    let guess = (0..N_LABELS)
                        .filter(|&y| allowed(prev, y))
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
                        .unwrap_or(0);
                    let gold = sentence.labels[i];
                    if guess != gold {
                        let prev2 = if predicted.len() >= 2 { predicted[predicted.len() - 2] } else { 0 };
                        let label_features = sentence.prepared.label_features(i, prev, prev2);
                        for &f in sentence.prepared.static_features(i).iter().chain(label_features.iter()) {
                            model.update(f, gold, 1.0);
                            model.update(f, guess, -1.0);
                        }
                    } else {
                        right += 1;
                    }
                    total += 1;
                    model.step += 1.0;
                    // The history of the next token is the gold label (teacher forcing): on the
                    // tuning split it gives a better and smaller model than the model's own guess.
                    predicted.push(gold);
                }
            }
            report.epoch_accuracy.push(right as f32 / total.max(1) as f32);
        }
        let tagger = TaggerModel::from_weights(language, model.averaged(), options.prune)
            .with_training(options.lexicon_words, options.skip_class);
        report.features = tagger.len();
        (tagger, report)
    }
}

/// Gold BIO labels for tokens, from spans given as token ranges.
pub fn bio_labels(n_tokens: usize, spans: &[(std::ops::Range<usize>, EntityKind)]) -> Vec<usize> {
    let mut labels = vec![0; n_tokens];
    for (range, kind) in spans {
        let base = match kind {
            EntityKind::Per => 1,
            EntityKind::Loc => 3,
            EntityKind::Org => 5,
            EntityKind::Misc => 7,
        };
        for (k, t) in range.clone().enumerate() {
            if t < n_tokens {
                labels[t] = if k == 0 { base } else { base + 1 };
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::super::model::{decode, spans};
    use super::*;

    #[test]
    fn bio_round_trip() {
        let gold = vec![(1..3, EntityKind::Per), (3..4, EntityKind::Loc), (5..6, EntityKind::Misc)];
        let labels = bio_labels(6, &gold);
        assert_eq!(labels, [0, 1, 2, 3, 0, 7]);
        assert_eq!(spans(&labels), gold);
    }

    #[test]
    fn bio_constraints() {
        assert!(allowed(0, 1) && allowed(1, 2) && allowed(2, 2) && !allowed(0, 2) && !allowed(3, 2));
    }

    #[test]
    fn decode_is_used() {
        // Keeps `decode` exercised in unit tests: an empty model labels everything O.
        let p = Prepared::default();
        assert!(decode(&TaggerModel::default(), &p, 0).is_empty());
    }
}
