//! A statistical named-entity tagger: an averaged perceptron over BIO labels, decoded greedily
//! left to right, with hashed features of the word, its shape and affixes, its neighbours, the
//! gazetteer and the previous labels.
//!
//! - [`TaggerModel`] is the trained model: quantized weights of hashed features. It loads from
//!   bytes in milliseconds.
//! - [`Trainer`] learns one from sentences with gold spans (`entente train ner`).
//! - [`TaggerModel::tag`] finds mentions in a text.
//!
//! Robustness to Title-Case headlines and lines in capitals comes from training: a share of the
//! training sentences is rewritten in Title Case or capitals (keeping their labels), and a
//! feature tells the model when a line's capitalization carries no information.

mod features;
mod model;
mod train;

pub use features::Prepared;
pub use model::{ModelError, TaggerModel, default_skip_class};
pub use train::{TrainOptions, TrainReport, TrainSentence, Trainer, bio_labels};

/// The labels, in weight-vector order.
pub const LABELS: [&str; 9] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
/// Number of labels.
pub const N_LABELS: usize = LABELS.len();

use std::ops::Range;

use entente_core::EntityKind;

use crate::gazetteer::{Gazetteer, GazetteerMatch, fold};
use crate::rules::uninformative_lines;
use crate::tokens::tokenize;

/// Lower-case words of a language with a frequency class (0 = most frequent), a feature the
/// tagger uses to tell common words from names.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Keyed by the word's hash, the one the tagger's features compute anyway.
    classes: rustc_hash::FxHashMap<u64, u8>,
    /// Place names, shared by the lexicons of every language.
    places: Option<std::sync::Arc<PlaceNames>>,
}

/// Place names the tagger reads as a feature: hashes of their lower-case text without white
/// space.
#[derive(Debug, Clone, Default)]
pub struct PlaceNames {
    keys: rustc_hash::FxHashSet<u64>,
}

impl PlaceNames {
    /// Place names from a list, one per line, any case.
    pub fn parse(names: &str) -> PlaceNames {
        let mut keys = rustc_hash::FxHashSet::with_capacity_and_hasher(names.len() / 10, Default::default());
        let mut key = String::new();
        for name in names.lines().map(str::trim).filter(|n| !n.is_empty()) {
            key.clear();
            // Lower-cased as tokens are, so that a name's key is its tokens' concatenation.
            name.split_whitespace().for_each(|word| features::push_lower(&mut key, word));
            keys.insert(place_key(&key));
        }
        PlaceNames { keys }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no names.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Longest place name, in tokens, that the tagger looks up.
pub(crate) const PLACE_TOKENS: usize = 4;

/// The key of a place name: the hash of its lower-case text without white space, which is
/// also the concatenation of its tokens' lower-case texts.
pub(crate) fn place_key(lower_without_spaces: &str) -> u64 {
    features::word_hash(lower_without_spaces) ^ 0x5_1ACE
}

impl Lexicon {
    /// A lexicon from words and their negative log frequency, quantized (`round(-ln p * 8)`).
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, u8)>) -> Lexicon {
        let classes = words.into_iter().map(|(w, q)| (features::word_hash(w), q / 16)).collect();
        Lexicon { classes, places: None }
    }

    /// Adds place names, a feature the tagger uses to tell places from people and
    /// organisations.
    pub fn with_places(mut self, places: std::sync::Arc<PlaceNames>) -> Lexicon {
        self.places = Some(places);
        self
    }

    /// True when `key` (see [`place_key`]) is a place name.
    pub(crate) fn is_place(&self, key: u64) -> bool {
        self.places.as_ref().is_some_and(|p| p.keys.contains(&key))
    }

    /// The frequency class of a lower-case word; 255 when the word is not listed.
    pub fn class(&self, lower: &str) -> u8 {
        self.class_of_hash(features::word_hash(lower))
    }

    /// The frequency class of the word whose [`features::word_hash`] is `hash`.
    pub(crate) fn class_of_hash(&self, hash: u64) -> u8 {
        self.classes.get(&hash).copied().unwrap_or(255)
    }
}

/// The models built into this crate, by primary language subtag.
const EMBEDDED: &[(&str, &[u8])] =
    &[("fr", include_bytes!("../../data/ner-fr.bin")), ("en", include_bytes!("../../data/ner-en.bin"))];

/// The built-in model for a language, if there is one.
pub fn embedded(lang: &str) -> Option<TaggerModel> {
    let bytes = EMBEDDED.iter().find(|(l, _)| *l == lang)?.1;
    // The embedded files are checked by the tests; a bad one is a build defect.
    TaggerModel::from_bytes(bytes).ok()
}

/// Everything the tagger needs about a text: tokens and prepared features.
pub fn prepare(gazetteer: &Gazetteer, lexicon: Option<&Lexicon>, text: &str) -> (Vec<crate::Token>, Prepared) {
    let tokens = tokenize(text);
    let mut hits: Vec<GazetteerMatch> = Vec::new();
    gazetteer.find(text, &fold(text), &mut hits);
    let typed: Vec<(GazetteerMatch, EntityKind)> = hits
        .into_iter()
        .map(|h| {
            let kind = gazetteer.entries()[h.entry].kind;
            (h, kind)
        })
        .collect();
    let flat = uninformative_lines(text, &tokens);
    let prepared = Prepared::new(text, &tokens, &typed, &flat, lexicon);
    (tokens, prepared)
}

/// A training sentence from a text and its gold spans (byte ranges), and the number of spans
/// whose ends do not fall on token boundaries (they are labelled on the tokens they overlap).
pub fn training_sentence(
    gazetteer: &Gazetteer,
    lexicon: Option<&Lexicon>,
    text: &str,
    gold: &[(Range<usize>, EntityKind)],
) -> (TrainSentence, usize) {
    let (tokens, prepared) = prepare(gazetteer, lexicon, text);
    let mut misaligned = 0;
    let mut token_spans = Vec::with_capacity(gold.len());
    for (range, kind) in gold {
        let first = tokens.iter().position(|t| t.range.end > range.start);
        let last = tokens.iter().rposition(|t| t.range.start < range.end);
        match (first, last) {
            (Some(first), Some(last)) if first <= last => {
                if tokens[first].range.start != range.start || tokens[last].range.end != range.end {
                    misaligned += 1;
                }
                token_spans.push((first..last + 1, *kind));
            }
            _ => misaligned += 1,
        }
    }
    let labels = bio_labels(tokens.len(), &token_spans);
    (TrainSentence { prepared, labels }, misaligned)
}

/// How [`augment`] rewrites a training text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Augmentation {
    /// Every word capitalized, as machine-translated headlines are.
    TitleCase,
    /// Everything in capitals, as datelines and some headlines are.
    Capitals,
    /// Everything in lower case, as informal web text often is.
    LowerCase,
}

/// Rewrites `text` in Title Case, capitals or lower case, changing only characters whose other
/// case has the same UTF-8 length, so byte offsets stay valid.
pub fn augment(text: &str, how: Augmentation) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        let change = match how {
            Augmentation::Capitals | Augmentation::LowerCase => true,
            Augmentation::TitleCase => word_start,
        };
        let mut upper =
            if how == Augmentation::LowerCase { either_case(c.to_lowercase()) } else { either_case(c.to_uppercase()) };
        match (change, upper.next(), upper.next()) {
            (true, Some(u), None) if u.len_utf8() == c.len_utf8() => out.push(u),
            _ => out.push(c),
        }
        word_start = !c.is_alphanumeric() && c != '\'' && c != '\u{2019}';
    }
    out
}

/// The characters of a case mapping, as one iterator type.
fn either_case(chars: impl Iterator<Item = char>) -> std::vec::IntoIter<char> {
    chars.collect::<Vec<char>>().into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn augmentation_keeps_lengths() {
        let text = "l'Organisation du traité à Moscou, ß";
        let title = augment(text, Augmentation::TitleCase);
        assert_eq!(title, "L'Organisation Du Traité À Moscou, ß");
        assert_eq!(title.len(), text.len());
        assert_eq!(augment(text, Augmentation::Capitals).len(), text.len());
        assert_eq!(augment("Ned Price", Augmentation::LowerCase), "ned price");
    }

    #[test]
    fn learns_a_toy_language() {
        let g = Gazetteer::new(Vec::new());
        let mut trainer = Trainer::new();
        for (text, name) in [("Alice went home", "Alice"), ("then Bob went home", "Bob"), ("Carol went out", "Carol")] {
            let at = text.find(name).unwrap();
            trainer.add(training_sentence(&g, None, text, &[(at..at + name.len(), EntityKind::Per)]).0);
        }
        let (model, report) = trainer.train("xx", &TrainOptions { epochs: 5, ..TrainOptions::default() });
        assert!(report.epoch_accuracy.last().copied().unwrap_or(0.0) > 0.9);
        let restored = TaggerModel::from_bytes(&model.to_bytes()).unwrap();
        let (tokens, prepared) = prepare(&g, None, "Dave went home");
        let found = restored.tag(&prepared, tokens.len());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 0..1);
    }

    #[test]
    fn the_model_records_its_lexicon_length_and_skip_class() {
        use model::Weights;
        let weights = [(7u32, [1.0f32; N_LABELS])];
        let model = TaggerModel::from_weights("fr", weights.into_iter(), 0.0).with_training(25_000, Some(5));
        let restored = TaggerModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!((restored.lexicon_words(), restored.skip_class()), (25_000, Some(5)));
        let never = TaggerModel::from_weights("fr", weights.into_iter(), 0.0).with_training(0, Some(255));
        let restored = TaggerModel::from_bytes(&never.to_bytes()).unwrap();
        assert_eq!((restored.lexicon_words(), restored.skip_class()), (0, None));
        // A first-format file: no record, so the lengths and classes its models were trained with.
        let v2 = model.to_bytes();
        let header = 9 + 2 + 4;
        let v1 = [&b"ENTNER01"[..], &v2[8..header], &v2[header + 5..]].concat();
        let restored = TaggerModel::from_bytes(&v1).unwrap();
        assert_eq!((restored.lexicon_words(), restored.skip_class(), restored.len()), (40_000, Some(3), 1));
        assert!(TaggerModel::from_bytes(&v2[..v2.len() - 1]).is_err());
        // The shipped models record what they were trained with.
        for (lang, skip) in [("fr", 3), ("en", 15)] {
            let shipped = embedded(lang).unwrap();
            assert_eq!((shipped.lexicon_words(), shipped.skip_class()), (40_000, Some(skip)));
        }
    }

    #[test]
    fn place_names_are_marked_longest_first() {
        let lexicon = Lexicon::new([("york", 40)])
            .with_places(std::sync::Arc::new(PlaceNames::parse("New York\nYork\nSaint-Louis\nParis\n")));
        let g = Gazetteer::new(Vec::new());
        let text = "From New York to Saint-Louis, then paris and Paris.\nNew\nYork";
        let (tokens, prepared) = prepare(&g, Some(&lexicon), text);
        let marked: Vec<(&str, u8)> = (0..tokens.len())
            .filter(|&i| prepared.place_code(i) > 0)
            .map(|i| (&text[tokens[i].range.clone()], prepared.place_code(i)))
            .collect();
        // "paris" in lower case is not looked up; a name does not run across a line break.
        let expected = [("New", 1), ("York", 2), ("Saint-Louis", 1), ("Paris", 1), ("York", 1)];
        assert_eq!(marked, expected);
    }

    #[test]
    fn cached_local_scores_equal_the_sum_of_all_weights() {
        use model::Weights;
        let model = embedded("en").expect("embedded English model");
        let entry = |alias: &str, kind| crate::gazetteer::GazetteerEntry {
            alias: alias.to_owned(),
            fold_initial: false,
            kind,
            key: alias.to_owned(),
            prior: 1.0,
            demonym: false,
        };
        let g = Gazetteer::new(vec![entry("Vladimir Putin", EntityKind::Per), entry("Moscow", EntityKind::Loc)]);
        let places = std::sync::Arc::new(PlaceNames::parse("Moscow\nAstana\nNew York"));
        let lexicon = Lexicon::new([("met", 40), ("in", 8), ("said", 30)]).with_places(places);
        // Words repeat, so the second time round the local scores come from the cache; the
        // gazetteer, place names, runs of capitals and a Title-Case line give the coded
        // features values other than 0.
        let text = "Putin Meets Tokayev In New York\nVladimir Putin met Kassym-Jomart Tokayev in Moscow. \
                    Putin said Moscow and Astana (\"the Bank of England\") agree.";
        let (tokens, prepared) = prepare(&g, Some(&lexicon), text);
        for _ in 0..2 {
            for i in 0..tokens.len() {
                let mut direct = [0.0f32; N_LABELS];
                for f in prepared.static_features(i) {
                    model.add(f, &mut direct);
                }
                assert_eq!(model.static_scores(&prepared, i), direct, "token {i}");
            }
        }
        for k in 0..features::CODED.len() {
            assert!((0..tokens.len()).any(|i| prepared.context_codes(i)[k] > 0), "coded template {k}");
        }
        // The labels' table gives what their hashed features give.
        for prev in 0..N_LABELS {
            for prev2 in 0..N_LABELS {
                let (mut direct, mut tabled) = ([0.0f32; N_LABELS], [0.0f32; N_LABELS]);
                features::label_pair_features(prev, prev2).into_iter().for_each(|f| model.add(f, &mut direct));
                model.add_label_pair(prev, prev2, &mut tabled);
                assert_eq!(tabled, direct, "labels {prev} {prev2}");
            }
        }
    }

    #[test]
    fn coded_features_have_the_values_the_models_were_trained_with() {
        use features::{CODED, coded_value};
        // Gazetteer codes (1 + 2 × kind + inside) are their own values.
        for code in 0..9 {
            assert_eq!(coded_value(0, code), code as u64);
            assert_eq!(coded_value(1, code), code as u64);
        }
        // Place codes of the next token and the token: next.rotate_left(3) ^ this.
        for (next, this) in (0..3u64).flat_map(|n| (0..3u64).map(move |t| (n, t))) {
            assert_eq!(coded_value(2, (next * 3 + this) as usize), next.rotate_left(3) ^ this);
        }
        // Run length (at most 6) << 8, position (0 to 4), flat line << 4.
        let mut seen = std::collections::HashSet::new();
        for length in 0..7u64 {
            for flat in 0..2u64 {
                for position in 0..5u64 {
                    let code = ((length * 2 + flat) * 5 + position) as usize;
                    assert!(code < CODED[3].1);
                    assert_eq!(coded_value(3, code), (length << 8) ^ position ^ (flat << 4));
                    assert!(seen.insert(code));
                }
            }
        }
    }

    #[test]
    fn only_common_lower_case_words_and_separators_are_skipped() {
        use model::Weights;
        // Classes: "de" 0 (q 8 / 16), "mer" 4 (q 70 / 16).
        let lexicon = Lexicon::new([("de", 8), ("mer", 70), ("morte", 100)]);
        let g = Gazetteer::new(Vec::new());
        let (tokens, prepared) = prepare(&g, Some(&lexicon), "la mer Morte , de & Cie zyx");
        let words: Vec<&str> = tokens.iter().map(|t| &"la mer Morte , de & Cie zyx"[t.range.clone()]).collect();
        assert_eq!(words, ["la", "mer", "Morte", ",", "de", "&", "Cie", "zyx"]);
        let skipped = |max| (0..tokens.len()).filter(|&i| prepared.skippable(i, max)).collect::<Vec<_>>();
        // French: only the most frequent words; "la" and "zyx" are not in this lexicon.
        assert_eq!(skipped(Some(3)), [3, 4]);
        // English: every listed lower-case word; never a capitalized one, "&" or an unlisted word.
        assert_eq!(skipped(Some(15)), [1, 3, 4]);
        assert_eq!(skipped(None), Vec::<usize>::new());
        // A listed lower-case word of any class is skipped when no capitalized word follows
        // within four tokens (the second "mer"); the first is not, before "Morte".
        let text = "la mer Morte et la mer de là";
        let (tokens, prepared) = prepare(&g, Some(&lexicon), text);
        let skipped: Vec<&str> = (0..tokens.len())
            .filter(|&i| prepared.skippable(i, Some(3)))
            .map(|i| &text[tokens[i].range.clone()])
            .collect();
        assert_eq!(skipped, ["mer", "de"]);
        // The French model keeps "mer Morte" whole: "mer" (class 4) is scored.
        let model = embedded("fr").expect("embedded French model");
        let (tokens, prepared) = prepare(&g, Some(&lexicon), "Les eaux de la mer Morte baissent.");
        assert!(!prepared.skippable(4, model.skip_class()));
        let found = model.tag(&prepared, tokens.len());
        assert!(found.iter().any(|(r, k, _)| *k == EntityKind::Loc && r.len() == 2), "{found:?}");
    }
}
