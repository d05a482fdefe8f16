//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::input::StdinFormat;

/// entente: French and English news text to language-neutral structured data.
#[derive(Debug, Parser)]
#[command(name = "entente", version, about)]
pub struct Cli {
    /// More logging on stderr (-v info, -vv debug); RUST_LOG overrides it.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Process documents and write one JSON record per document to stdout.
    Run(RunArgs),
    /// Check a configuration file without processing anything.
    Validate {
        /// The configuration file.
        #[arg(short, long)]
        config: PathBuf,
    },
    /// Find the stored documents that mention what TEXT names, in any language.
    Query {
        /// The store written by `run --store`.
        #[arg(long)]
        store: PathBuf,
        /// The configuration whose knowledge base resolves TEXT; the embedded default when absent.
        #[arg(short, long)]
        config: Option<PathBuf>,
        /// A name, alias or acronym: "OTSC", "CSTO", "Poutine".
        text: String,
    },
    /// Write predictions in the format of the evaluation scorers (`../shared/eval`).
    Predict(PredictArgs),
    /// Send synthetic documents through the pipeline (and a store) and report throughput and
    /// memory as JSON.
    Soak(crate::soak::SoakArgs),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
    /// List the implementations available for each stage.
    ListStages,
    /// Print the default configuration.
    ExampleConfig,
}

/// Arguments of `entente run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The configuration file; the embedded default (fr + en) when absent.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// How to read `-` (standard input).
    #[arg(long, value_enum, default_value_t = StdinFormat::Text)]
    pub stdin_format: StdinFormat,
    /// ISO 8601 date or date-time relative dates resolve against, for documents without their
    /// own `reference_time` (overrides `input.reference_time`).
    #[arg(long)]
    pub reference_time: Option<String>,
    /// Also write the records to this SQLite store (overrides `output.store`).
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// Worker threads for the CPU stages (0: one per core). Output order does not depend on it.
    #[arg(short = 'j', long, default_value_t = 0)]
    pub threads: usize,
    /// No progress bar, even when stderr is a terminal.
    #[arg(short, long)]
    pub quiet: bool,
    /// Text files, directories (their *.txt and *.jsonl files, recursively), .jsonl files of
    /// documents, `http(s)://` URLs of pages, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// What `entente predict` predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PredictTask {
    /// `{"id", "lang"}` per document, for score_langid.py.
    Langid,
    /// `{"id", "segments": [{"start", "end", "lang"}]}` in code points, for score_langid.py on
    /// mixed-language files.
    Segments,
    /// `{"id", "entities": [{"start", "end", "label"}]}` in code points, for score_ner.py.
    Ner,
    /// `{"id", "values": [{"dim", "value"}]}`, for score_values.py.
    Values,
}

/// Arguments of `entente predict`.
#[derive(Debug, clap::Args)]
pub struct PredictArgs {
    /// What to predict.
    #[arg(value_enum)]
    pub task: PredictTask,
    /// The configuration file; the embedded default when absent.
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// A JSON Lines file of documents (`{"id", "text"}`; other fields are ignored), or `-`
    /// for standard input.
    pub input: PathBuf,
}

/// What `entente train` trains.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// The statistical named-entity tagger of one language.
    Ner(crate::train::TrainNerArgs),
}
