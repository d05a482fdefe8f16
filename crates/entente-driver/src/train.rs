//! `entente train ner`: trains the statistical tagger from JSON Lines corpora.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use entente_core::EntityKind;
use entente_extract::Gazetteer;
use entente_extract::tagger::{Augmentation, TrainOptions, Trainer, augment, default_skip_class, training_sentence};
use serde_json::Value;

/// Arguments of `entente train ner`.
#[derive(Debug, clap::Args)]
pub struct TrainNerArgs {
    /// Language of the corpora (the model's language).
    #[arg(long)]
    pub lang: String,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Averaged weights below this magnitude are dropped from the model.
    #[arg(long, default_value_t = TrainOptions::default().prune)]
    pub prune: f32,
    /// Seed of the order in which sentences are visited.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Every N-th sentence is also added in Title Case (0: never).
    #[arg(long, default_value_t = 10)]
    pub title_case_every: usize,
    /// Every N-th sentence is also added in capitals (0: never).
    #[arg(long, default_value_t = 25)]
    pub capitals_every: usize,
    /// Every N-th sentence is also added in lower case (0: never).
    #[arg(long, default_value_t = 0)]
    pub lower_case_every: usize,
    /// How many of the language's most frequent words (the language detector's list) the
    /// tagger's lexicon holds; recorded in the model, which tags with the same.
    #[arg(long, default_value_t = 40_000)]
    pub lexicon_words: u32,
    /// Lower-case words of at most this frequency class (0 to 15, rarer words higher) and
    /// separating punctuation that follow a token outside any name are labelled O without
    /// being scored; 255 scores every token. Recorded in the model. Default: 15 for English
    /// (names are capitalized), 3 for any other language (French names often begin with a
    /// common noun in lower case: "mer Morte"); see `tagger::default_skip_class`.
    #[arg(long)]
    pub skip_class: Option<u8>,
    /// JSON Lines files: `{"text", "entities": [{"start", "end", "label"}]}`, code-point offsets.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// A corpus sentence: text and gold spans as byte ranges.
type Sentence = (String, Vec<(std::ops::Range<usize>, EntityKind)>);

fn read_corpus(path: &Path, out: &mut Vec<Sentence>) -> Result<usize, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut skipped = 0;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            skipped += 1;
            continue;
        };
        let Some(text) = v["text"].as_str() else {
            skipped += 1;
            continue;
        };
        let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let mut spans = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t), Some(kind)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str().and_then(EntityKind::from_label))
            else {
                continue;
            };
            if let (Some(&s), Some(&t)) = (byte_of.get(s as usize), byte_of.get(t as usize)) {
                spans.push((s..t, kind));
            }
        }
        out.push((text.to_owned(), spans));
    }
    Ok(skipped)
}

/// Runs the training and writes the model.
///
/// # Errors
/// Returns a message when a corpus cannot be read or the model cannot be written.
pub fn train_ner(args: &TrainNerArgs, gazetteer: &Gazetteer) -> Result<(), String> {
    let lexicon = crate::build::lexicon(&args.lang, args.lexicon_words);
    let started = Instant::now();
    let mut corpus = Vec::new();
    for path in &args.inputs {
        let skipped = read_corpus(path, &mut corpus)?;
        if skipped > 0 {
            tracing::warn!(path = %path.display(), skipped, "lines without text skipped");
        }
    }
    let mut trainer = Trainer::new();
    let mut misaligned = 0;
    let mut n_spans = 0;
    for (index, (text, spans)) in corpus.iter().enumerate() {
        n_spans += spans.len();
        let (sentence, bad) = training_sentence(gazetteer, lexicon.as_deref(), text, spans);
        misaligned += bad;
        trainer.add(sentence);
        for (every, how) in [
            (args.title_case_every, Augmentation::TitleCase),
            (args.capitals_every, Augmentation::Capitals),
            (args.lower_case_every, Augmentation::LowerCase),
        ] {
            if every > 0 && index % every == every - 1 {
                trainer.add(training_sentence(gazetteer, lexicon.as_deref(), &augment(text, how), spans).0);
            }
        }
    }
    eprintln!(
        "{} sentences ({} with augmented copies), {n_spans} spans, {misaligned} not on token boundaries; prepared in {:.1?}",
        corpus.len(),
        trainer.len(),
        started.elapsed()
    );
    let skip_class = args.skip_class.unwrap_or_else(|| default_skip_class(&args.lang));
    let options = TrainOptions {
        epochs: args.epochs,
        prune: args.prune,
        seed: args.seed,
        // The lexicon actually built: a language without a word list has none.
        lexicon_words: if lexicon.is_some() { args.lexicon_words } else { 0 },
        skip_class: Some(skip_class),
    };
    let (model, report) = trainer.train(&args.lang, &options);
    for (epoch, accuracy) in report.epoch_accuracy.iter().enumerate() {
        eprintln!("epoch {}: training token accuracy {:.4}", epoch + 1, accuracy);
    }
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} features, {:.1} MB) in {:.1?}",
        args.out.display(),
        report.features,
        bytes.len() as f64 / 1e6,
        started.elapsed()
    );
    Ok(())
}
