//! The `entente` command: configuration, inputs and outputs around [`entente_pipeline`].
//!
//! This is the only crate that knows TOML, the command line and the process's I/O. `main.rs`
//! parses arguments and calls [`run`]; everything else lives here so tests can call it.

pub mod build;
pub mod cli;
pub mod config;
pub mod fetch;
pub mod input;
pub mod parallel;
mod report;
pub mod soak;
pub mod store;
pub mod train;

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use entente_core::output::Record;

use crate::cli::{Cli, Command, PredictArgs, PredictTask, RunArgs};
use crate::config::{ConfigSource, PipelineSpec};
use crate::input::Item;

/// Exit code for a bad invocation or configuration.
pub const EXIT_USAGE: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run(args) => run_documents(&args),
        Command::Validate { config } => match load_spec(Some(&config)) {
            Ok((spec, source)) => match build_pipeline(&spec, &source) {
                Ok(_) => {
                    println!("{}: ok ({} languages: {})", source.name, spec.languages.len(), join(&spec.languages));
                    ExitCode::SUCCESS
                }
                Err(code) => code,
            },
            Err(code) => code,
        },
        Command::Predict(args) => predict(&args),
        Command::Soak(args) => soak(&args),
        Command::Query { store, config, text } => query(&store, config.as_deref(), &text),
        Command::Train(cli::TrainCommand::Ner(args)) => {
            let kb = entente_link::kb::KnowledgeBase::embedded();
            match train::train_ner(&args, &build::gazetteer(&kb)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    report::error(&message);
                    ExitCode::FAILURE
                }
            }
        }
        Command::ListStages => {
            for (stage, kind, what) in build::STAGES {
                println!("{stage:<10} {kind:<10} {what}");
            }
            ExitCode::SUCCESS
        }
        Command::ExampleConfig => {
            print!("{}", config::DEFAULT_CONFIG);
            ExitCode::SUCCESS
        }
    }
}

fn join(langs: &[entente_core::Lang]) -> String {
    langs.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Loads and checks the configuration, reporting problems on stderr.
fn load_spec(path: Option<&std::path::Path>) -> Result<(PipelineSpec, ConfigSource), ExitCode> {
    let source = match path {
        None => ConfigSource::embedded(),
        Some(path) => ConfigSource::read(path).map_err(|message| {
            report::error(&message);
            ExitCode::from(EXIT_USAGE)
        })?,
    };
    match config::load(&source) {
        Ok(spec) => Ok((spec, source)),
        Err(problems) => {
            report::config_problems(&source, &problems);
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// Builds the pipeline of a checked configuration, reporting problems on stderr.
/// Loads the configuration (the embedded default when `path` is `None`) and builds its pipeline,
/// reporting problems on stderr.
fn load_pipeline(path: Option<&std::path::Path>) -> Result<(PipelineSpec, entente_pipeline::Pipeline), ExitCode> {
    let (spec, source) = load_spec(path)?;
    let pipeline = build_pipeline(&spec, &source)?;
    Ok((spec, pipeline))
}

fn build_pipeline(spec: &PipelineSpec, source: &ConfigSource) -> Result<entente_pipeline::Pipeline, ExitCode> {
    build::pipeline(spec).map_err(|problems| {
        report::config_problems(source, &problems);
        ExitCode::from(EXIT_USAGE)
    })
}

fn run_documents(args: &RunArgs) -> ExitCode {
    let (mut spec, source) = match load_spec(args.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if let Some(reference) = &args.reference_time {
        if entente_extract::reference(Some(reference)).is_none() {
            report::error(&format!("--reference-time: `{reference}` is not an ISO 8601 date or date-time"));
            return ExitCode::from(EXIT_USAGE);
        }
        spec.config.input.reference_time = Some(reference.clone());
    }
    let started = Instant::now();
    let pipeline = match build_pipeline(&spec, &source) {
        Ok(p) => p,
        Err(code) => return code,
    };
    tracing::info!(config = %source.name, languages = %join(&spec.languages), elapsed_ms = started.elapsed().as_millis() as u64, "pipeline ready");

    let store_path = args.store.clone().or_else(|| spec.config.output.store.as_ref().map(|s| spec.base_dir.join(s)));
    let mut store = match store_path.as_deref().map(store::Store::open).transpose() {
        Ok(store) => store,
        Err(e) => {
            report::error(&format!("cannot open the store {}: {e}", store_path.unwrap_or_default().display()));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let started = Instant::now();
    let params = spec.config.input.clone();
    let (inputs, stdin_format) = (&args.inputs, args.stdin_format);
    let produce = move |sink: &mut dyn FnMut(Item)| {
        let mut fetcher: Option<Result<fetch::Fetcher, String>> = None;
        let mut fetch = |url: &str| -> Vec<Item> {
            let fetcher = fetcher.get_or_insert_with(|| fetch::Fetcher::new(&params));
            match fetcher {
                Ok(f) => f.fetch_all(url),
                Err(message) => vec![Item::Error { id: url.to_owned(), kind: "unreachable", message: message.clone() }],
            }
        };
        input::read_all(inputs, stdin_format, &params, &mut fetch, sink);
    };
    let threads = parallel::threads(args.threads);
    let progress = std::io::stderr().is_terminal() && !args.quiet;
    let tally = process_batch(&pipeline, threads, produce, store.as_mut(), &mut out, progress);
    let (n_docs, n_errors, mut write_failed) = (tally.documents, tally.errors, tally.write_failed);
    if write_failed.is_none()
        && let Err(e) = out.flush()
    {
        write_failed = Some(e);
    }
    if let Some(e) = write_failed {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        report::error(&format!("cannot write output: {e}"));
        return ExitCode::FAILURE;
    }
    tracing::info!(
        documents = n_docs,
        errors = n_errors,
        elapsed_ms = started.elapsed().as_millis() as u64,
        threads,
        "run complete"
    );
    ExitCode::SUCCESS
}

/// `entente soak`: synthetic documents through `process_batch`, with throughput and memory.
fn soak(args: &soak::SoakArgs) -> ExitCode {
    let (_, pipeline) = match load_pipeline(args.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut store = match args.store.as_deref().map(store::Store::open).transpose() {
        Ok(store) => store,
        Err(e) => {
            report::error(&format!("cannot open the store: {e}"));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (rss_before, _) = soak::memory_kib();
    let total = args.documents;
    let threads = parallel::threads(args.threads);
    let mut samples = Vec::new();
    let mut bytes = 0usize;
    let started = Instant::now();
    let produce = |sink: &mut dyn FnMut(Item)| {
        let mut sample = soak::sampler(total);
        for n in 0..total {
            let item = soak::item(n);
            if let Item::Doc(doc) = &item {
                bytes += doc.text.len();
            }
            sink(item);
            samples.extend(sample(n + 1, started));
        }
    };
    let tally = process_batch(&pipeline, threads, produce, store.as_mut(), &mut std::io::sink(), false);
    let seconds = started.elapsed().as_secs_f64();
    let (_, peak) = soak::memory_kib();
    let summary = serde_json::json!({
        "documents": tally.documents,
        "errors": tally.errors,
        "threads": threads,
        "store": args.store.is_some(),
        "seconds": seconds,
        "documents_per_second": tally.documents as f64 / seconds,
        "mb_per_second": bytes as f64 / 1e6 / seconds,
        "rss_kib_before": rss_before,
        "peak_rss_kib": peak,
        "samples": samples,
    });
    println!("{summary:#}");
    ExitCode::SUCCESS
}

/// A processed item, as a worker hands it to the writer.
enum Done {
    /// A record for the writer to serialize (one thread).
    Record(Record),
    /// A record a worker serialized (several threads); the record itself when a store keeps it.
    Serialized { failed: bool, line: serde_json::Result<Vec<u8>>, record: Option<Record> },
}

/// What a batch did.
#[derive(Debug, Default)]
struct Tally {
    documents: usize,
    errors: usize,
    /// The first error writing the output; later records are not written.
    write_failed: Option<std::io::Error>,
}

/// Processes what `produce` emits on `threads` threads and writes one JSON line per item to
/// `out` (and `store`), in input order.
fn process_batch(
    pipeline: &entente_pipeline::Pipeline,
    threads: usize,
    produce: impl FnOnce(&mut dyn FnMut(Item)) + Send,
    mut store: Option<&mut store::Store>,
    out: &mut dyn Write,
    progress: bool,
) -> Tally {
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents, {per_sec}, {msg} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar.set_message("0 errors");
        bar
    });
    let mut tally = Tally::default();
    let keep_records = store.is_some();
    // On several threads, workers serialize the records they make, so that the thread writing
    // them in order does little, and drop them there unless the store needs them: memory is
    // freed by the thread that allocated it. Each worker serializes into a buffer of its own
    // and hands on an exact copy; on one thread, the writer serializes into one buffer.
    let in_workers = !parallel::runs_inline(threads);
    thread_local! {
        static LINE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let work = |item: Item| {
        let record = match item {
            Item::Doc(doc) => pipeline.process(&doc),
            Item::Error { id, kind, message } => {
                tracing::warn!(doc_id = %id, kind, error = %message, "document not processed");
                Record::error(id, kind, message)
            }
        };
        if !in_workers {
            return Done::Record(record);
        }
        let line = LINE.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            buffer.clear();
            serde_json::to_writer(&mut *buffer, &record).map(|()| {
                buffer.push(b'\n');
                buffer.to_vec()
            })
        });
        Done::Serialized { failed: record.error.is_some(), line, record: keep_records.then_some(record) }
    };
    // Each record is serialized into this buffer when no worker did, then written at once:
    // serde_json writes many small pieces, cheap into a `Vec`, dear through `dyn Write`.
    let mut line: Vec<u8> = Vec::with_capacity(4096);
    // 32 documents in flight per thread: a worker takes up to 16 at once, and with 16 per
    // thread the workers' batches left none queued, so they waited on the writer in turn.
    parallel::ordered_map(threads, threads * 32, produce, work, |done: Done| {
        // The record's line: a worker's bytes, or (`None`) the writer's buffer.
        let (failed, record, serialized) = match done {
            Done::Record(record) => {
                line.clear();
                let result = serde_json::to_writer(&mut line, &record).map(|()| line.push(b'\n'));
                (record.error.is_some(), Some(record), result.map(|()| None))
            }
            Done::Serialized { failed, line: bytes, record } => (failed, record, bytes.map(Some)),
        };
        tally.documents += 1;
        if failed {
            tally.errors += 1;
            if let Some(bar) = &bar {
                bar.set_message(format!("{} errors", tally.errors));
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        if tally.write_failed.is_some() {
            return;
        }
        if let (Some(store), Some(record)) = (store.as_deref_mut(), &record)
            && let Err(error) = store.put(record)
        {
            tracing::error!(doc_id = %record.id, %error, "cannot store the record");
        }
        let written =
            serialized.map_err(std::io::Error::from).and_then(|bytes| out.write_all(bytes.as_deref().unwrap_or(&line)));
        if let Err(e) = written {
            tally.write_failed = Some(e);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    tally
}

/// One prediction line in the scorer's format for `task`.
fn prediction(
    pipeline: &entente_pipeline::Pipeline,
    task: PredictTask,
    doc: &entente_core::Document,
) -> serde_json::Value {
    match task {
        PredictTask::Langid => {
            let (language, _) = pipeline.language(&doc.text);
            serde_json::json!({"id": doc.id, "lang": language.lang.to_string(), "confidence": language.confidence})
        }
        PredictTask::Segments => {
            let (_, segments) = pipeline.language(&doc.text);
            let chars = entente_core::CharIndex::new(&doc.text);
            let segments: Vec<_> = segments
                .iter()
                .map(|(range, lang, _)| {
                    serde_json::json!({
                        "start": chars.char_offset(range.start),
                        "end": chars.char_offset(range.end),
                        "lang": lang.to_string(),
                    })
                })
                .collect();
            serde_json::json!({"id": doc.id, "segments": segments})
        }
        PredictTask::Ner => {
            let record = pipeline.process(doc);
            let mut entities: Vec<(usize, usize, &str)> = record
                .entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.offsets.char_start, m.offsets.char_end, m.label.as_str())))
                .collect();
            entities.sort();
            let entities: Vec<_> =
                entities.into_iter().map(|(s, e, l)| serde_json::json!({"start": s, "end": e, "label": l})).collect();
            serde_json::json!({"id": doc.id, "entities": entities})
        }
        PredictTask::Values => {
            let record = pipeline.process(doc);
            let values: Vec<_> =
                record.values.iter().map(|v| serde_json::json!({"dim": v.dim, "value": v.value})).collect();
            serde_json::json!({"id": doc.id, "values": values})
        }
    }
}

/// Writes predictions for a scorer: one JSON line per input line, in order.
fn predict(args: &PredictArgs) -> ExitCode {
    let (spec, pipeline) = match load_pipeline(args.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let reader: Box<dyn std::io::BufRead> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(&args.input) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                report::error(&format!("cannot open {}: {e}", args.input.display()));
                return ExitCode::from(EXIT_USAGE);
            }
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = None;
    let name = if args.input.as_os_str() == "-" { "stdin".to_owned() } else { args.input.display().to_string() };
    let params = &spec.config.input;
    input::read_jsonl(&name, reader, params, &mut |item| {
        let line = match item {
            Item::Doc(doc) => prediction(&pipeline, args.task, &doc),
            Item::Error { id, .. } => serde_json::json!({"id": id, "lang": null}),
        };
        if failed.is_none()
            && let Err(e) = writeln!(out, "{line}")
        {
            failed = Some(e);
        }
    });
    match failed.map_or_else(|| out.flush(), Err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report::error(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// `entente query`: resolves `text` through the knowledge base and the id rules, then lists the
/// stored documents that mention the entities found.
fn query(store_path: &std::path::Path, config: Option<&std::path::Path>, text: &str) -> ExitCode {
    let (spec, source) = match load_spec(config) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let kb = match build::knowledge_base(&spec) {
        Ok(kb) => kb,
        Err(problems) => {
            report::config_problems(&source, &problems);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let store = match store::Store::open(store_path) {
        Ok(s) => s,
        Err(e) => {
            report::error(&format!("cannot open the store {}: {e}", store_path.display()));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut ids: Vec<String> = kb.lookup(text).into_iter().map(|e| e.id.clone()).collect();
    ids.extend(kb.lookup_person(text).into_iter().map(|e| e.id.clone()));
    let local = [
        format!("per:{}", entente_link::translit::name_key(text)),
        format!("org:{}", entente_link::kb::slug(text)),
        format!("loc:{}", entente_link::kb::slug(text)),
        format!("misc:{}", entente_link::kb::slug(text)),
    ];
    for id in local {
        if store.has_entity(&id).unwrap_or(false) {
            ids.push(id);
        }
    }
    ids.sort();
    ids.dedup();
    match store.documents_mentioning(&ids) {
        Ok(hits) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            for hit in hits {
                if serde_json::to_writer(&mut out, &hit).is_err() || out.write_all(b"\n").is_err() {
                    return ExitCode::SUCCESS;
                }
            }
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            report::error(&format!("cannot read the store: {e}"));
            ExitCode::FAILURE
        }
    }
}
