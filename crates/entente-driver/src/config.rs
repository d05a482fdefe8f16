//! The TOML configuration: parsed with spans ([`PipelineConfig`]), checked into a
//! [`PipelineSpec`], then built into a running [`entente_pipeline::Pipeline`] by
//! [`crate::build`].
//!
//! Each stage slot is a closed enum tagged by `kind` with its parameters under `params`, so
//! errors point at the offending key. Unknown keys are errors.

use std::ops::Range;
use std::path::{Path, PathBuf};

use entente_core::Lang;
use serde::Deserialize;
use toml::Spanned;

/// The configuration file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineConfig {
    /// Must be 1.
    pub schema_version: Spanned<u32>,
    /// BCP-47 tags of the languages this deployment handles.
    pub languages: Spanned<Vec<Spanned<String>>>,
    /// The language of canonical entity names (default `en`).
    #[serde(default)]
    pub pivot: Option<Spanned<String>>,
    /// The language detector.
    pub detect: DetectConfig,
    /// Normalizers, run in order.
    #[serde(default)]
    pub normalize: Vec<NormalizeConfig>,
    /// The extractor.
    pub extract: ExtractConfig,
    /// The linker.
    pub link: LinkConfig,
    /// Input handling.
    #[serde(default)]
    pub input: InputParams,
    /// Output handling.
    #[serde(default)]
    pub output: OutputParams,
}

/// Language detectors.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "snake_case", deny_unknown_fields)]
pub enum DetectConfig {
    /// whatlang's trigram model, restricted to the configured languages.
    Whatlang(#[serde(default)] Option<WhatlangParams>),
    /// entente's word-frequency and character n-gram model.
    Ngram(#[serde(default)] Option<NgramParams>),
}

/// Parameters of the detectors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatlangParams {
    /// Below this confidence the answer is `und` (0.0..=1.0, default 0.0).
    #[serde(default)]
    pub min_confidence: Option<Spanned<f32>>,
}

/// Parameters of the ngram detector; see `entente_detect_ngram::NgramOptions`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NgramParams {
    /// Below this confidence the answer is `und` (0.0..=1.0, default 0.0).
    #[serde(default)]
    pub min_confidence: Option<Spanned<f32>>,
    /// Weight of word frequencies against character n-grams (0.0..1.0, default 0.9).
    pub word_weight: Option<Spanned<f32>>,
    /// Weights of character contexts of 0..=3 letters.
    pub order_weights: Option<[f32; 4]>,
    /// Divides scores before the softmax that gives confidences (default 2.0).
    pub temperature: Option<Spanned<f32>>,
    /// A text of twelve words or more with a smaller share than this in the configured
    /// languages' word lists is in another language, `und` (0.0..1.0, default 0.5; 0 turns it
    /// off).
    pub foreign_share: Option<Spanned<f32>>,
    /// Log-odds favouring the language configured first on short, ambiguous text.
    pub primary_prior: Option<Spanned<f32>>,
    /// Model files read at start-up, by language (`la = "path/la.bin"`, relative to the
    /// config file): languages without a built-in model, such as Latin, whose licence keeps
    /// it out of the binary.
    #[serde(default)]
    pub model_files: std::collections::BTreeMap<String, Spanned<String>>,
}

/// Normalizers.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "snake_case", deny_unknown_fields)]
pub enum NormalizeConfig {
    /// Lossless typographic repairs: NFC, spaces, apostrophes, invisible characters.
    Unicode(#[serde(default)] Option<UnicodeParams>),
    /// Title-Case headlines back to sentence case, from the document's own evidence.
    Titlecase(#[serde(default)] Option<TitlecaseParams>),
    /// UTF-8 read as Windows-1252 or Latin-1 ("Ã©"), and HTML character references.
    Repair(#[serde(default)] Option<RepairParams>),
}

/// Parameters of the repair normalizer; both repairs default to on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairParams {
    /// Repair UTF-8 that was decoded as Windows-1252 or Latin-1.
    pub mojibake: Option<bool>,
    /// Decode HTML character references ("&eacute;", "&#233;").
    pub entities: Option<bool>,
}

/// Parameters of the Title-Case repair.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitlecaseParams {
    /// Languages whose Title-Case lines are repaired (default `["fr", "en"]`, the languages with
    /// a case lexicon: French Title Case is a translation artefact, English a headline style,
    /// and both fool the tagger).
    pub languages: Option<Vec<String>>,
    /// Use the case lexicon learnt from the training corpora as second evidence (default true).
    pub corpus: Option<bool>,
    /// Keep the capitals of the knowledge base's names in a repaired line ("South Korea" in
    /// "Trump Says He Will Meet Xi In South Korea"; default true).
    pub known_names: Option<bool>,
}

/// Parameters of the Unicode normalizer; every repair defaults to on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnicodeParams {
    /// Compose to NFC.
    pub nfc: Option<bool>,
    /// Exotic spaces to plain spaces.
    pub spaces: Option<bool>,
    /// Typographic apostrophes to `'`.
    pub apostrophes: Option<bool>,
    /// Remove soft hyphens, zero-width and control characters.
    pub invisibles: Option<bool>,
    /// En and em dashes, minus signs to `-` (default on).
    pub dashes: Option<bool>,
    /// The ellipsis character to `...` (default on).
    pub ellipsis: Option<bool>,
    /// Quotation marks to `"` (default off).
    pub quotes: Option<bool>,
}

/// Extractors.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExtractConfig {
    /// Gazetteer from the knowledge base plus capitalization rules.
    Rules(#[serde(default)] Option<RulesParams>),
}

/// Parameters of the rule extractor; everything defaults to on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesParams {
    /// Find capitalized names the gazetteer does not know.
    pub capitalized: Option<bool>,
    /// Find numerals.
    pub values: Option<bool>,
    /// Find quotations.
    pub quotes: Option<bool>,
    /// Which occurrence an incomplete date ("Tuesday", "12 January", "3pm") names: `past`, the
    /// last one not after the reference (default, for news), or `future`, the next one (Duckling).
    pub dates: Option<DateDirection>,
    /// Use the statistical taggers built in for the languages that have one (default true).
    pub tagger: Option<bool>,
    /// Tagger model files (from `entente train ner`) used instead of the built-in ones,
    /// relative to the configuration file.
    #[serde(default)]
    pub tagger_models: Vec<Spanned<String>>,
}

/// See [`RulesParams::dates`].
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateDirection {
    /// The last occurrence not after the reference.
    Past,
    /// The next occurrence from the reference.
    Future,
}

/// Linkers.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "snake_case", deny_unknown_fields)]
pub enum LinkConfig {
    /// Knowledge-base aliases, then names.
    Kb(#[serde(default)] Option<KbParams>),
}

/// Parameters of the knowledge-base linker.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbParams {
    /// A knowledge-base TSV file used instead of the embedded one (relative to the config file).
    pub kb_file: Option<Spanned<String>>,
    /// Entries added to the knowledge base (or merged into entries with the same id).
    #[serde(default)]
    pub entries: Vec<Spanned<UserEntry>>,
}

/// A knowledge-base entry written in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    /// Stable id, `kind:name`.
    pub id: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub kind: String,
    /// English name.
    #[serde(default)]
    pub en: String,
    /// French name.
    #[serde(default)]
    pub fr: String,
    /// Other names; a leading `~` lets the first letter match in either case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Prior among homonyms (default 0.5).
    pub prior: Option<f32>,
}

/// How inputs are read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputParams {
    /// Documents larger than this many bytes get an error record (default 16 MiB).
    pub max_document_bytes: usize,
    /// Treat the first line of a text file as its title when more lines follow (default true).
    pub title_first_line: bool,
    /// ISO 8601 date or date-time that relative dates ("mardi", "3 days ago") of documents
    /// without their own `reference_time` resolve against.
    pub reference_time: Option<String>,
    /// Timeout of one HTTP request, in milliseconds (default 10,000).
    pub fetch_timeout_ms: u64,
    /// Retries of a request that failed to connect, timed out or got a 5xx (default 2).
    pub fetch_retries: u32,
    /// Redirects followed at most (default 5).
    pub max_redirects: usize,
    /// Feed items fetched at the same time, at most (default 8).
    pub fetch_concurrency: usize,
    /// Requests to one host at the same time, at most (default 2).
    pub per_host_concurrency: usize,
    /// Milliseconds between the starts of two requests to one host, at least (default 100).
    pub per_host_interval_ms: u64,
}

impl Default for InputParams {
    fn default() -> Self {
        InputParams {
            max_document_bytes: 16 * 1024 * 1024,
            title_first_line: true,
            reference_time: None,
            fetch_timeout_ms: 10_000,
            fetch_retries: 2,
            max_redirects: 5,
            fetch_concurrency: 8,
            per_host_concurrency: 2,
            per_host_interval_ms: 100,
        }
    }
}

/// What records contain, and where they also go.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputParams {
    /// Add the normalized text to each record.
    pub normalized_text: bool,
    /// Add the sentences' offsets to each record (abbreviation- and quotation-aware).
    pub sentences: bool,
    /// Also write records to this SQLite store (relative to the configuration file).
    pub store: Option<String>,
}

/// The default configuration, embedded in the binary.
pub const DEFAULT_CONFIG: &str = include_str!("../../../config/default.toml");

/// Where a configuration came from, and its text: what error messages quote.
#[derive(Debug, Clone)]
pub struct ConfigSource {
    /// The file name shown in messages.
    pub name: String,
    /// The directory relative paths in the file are resolved against.
    pub base_dir: PathBuf,
    /// The text.
    pub text: String,
}

impl ConfigSource {
    /// The embedded default configuration.
    pub fn embedded() -> ConfigSource {
        ConfigSource {
            name: "config/default.toml (embedded)".into(),
            base_dir: PathBuf::from("."),
            text: DEFAULT_CONFIG.into(),
        }
    }

    /// Reads a configuration file.
    ///
    /// # Errors
    /// Returns a message naming the file when it cannot be read.
    pub fn read(path: &Path) -> Result<ConfigSource, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
        Ok(ConfigSource {
            name: path.display().to_string(),
            base_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            text,
        })
    }
}

/// One problem in a configuration file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong, naming the key.
    pub message: String,
}

/// The configuration, checked: what [`crate::build`] needs to build the pipeline.
#[derive(Debug, Clone)]
pub struct PipelineSpec {
    /// Configured languages.
    pub languages: Vec<Lang>,
    /// Pivot language of canonical names.
    pub pivot: Lang,
    /// The file as parsed.
    pub config: PipelineConfig,
    /// Directory for relative paths.
    pub base_dir: PathBuf,
}

/// Parses and checks a configuration, collecting every problem found.
///
/// # Errors
/// Returns all problems: a syntax or type error stops parsing, so it comes alone; semantic
/// problems (bad language tags, values out of range) are all reported together.
pub fn load(source: &ConfigSource) -> Result<PipelineSpec, Vec<ConfigProblem>> {
    let config: PipelineConfig = toml::from_str(&source.text).map_err(|e| {
        let span = e.span();
        let key = span.as_ref().and_then(|s| key_at(&source.text, s.start));
        let message = unknown_stage_key(e.message()).unwrap_or_else(|| e.message().to_owned());
        let message = match key {
            Some(key) if !message.contains(&format!("`{}`", key.rsplit('.').next().unwrap_or(&key))) => {
                format!("{key}: {message}")
            }
            _ => message,
        };
        vec![ConfigProblem { span, message }]
    })?;
    let mut problems = Vec::new();
    if *config.schema_version.get_ref() != 1 {
        problems.push(ConfigProblem {
            span: Some(config.schema_version.span()),
            message: format!("schema_version: expected 1, got {}", config.schema_version.get_ref()),
        });
    }
    let mut languages = Vec::new();
    let mut language_spans = Vec::new();
    for tag in config.languages.get_ref() {
        match Lang::parse(tag.get_ref()) {
            Ok(lang) if lang.is_und() => problems.push(ConfigProblem {
                span: Some(tag.span()),
                message: "languages: `und` is not a language a deployment can handle".into(),
            }),
            Ok(lang) if languages.iter().any(|l: &Lang| l.same_language(&lang)) => problems.push(ConfigProblem {
                span: Some(tag.span()),
                message: format!("languages: `{}` is listed twice", tag.get_ref()),
            }),
            Ok(lang) => {
                languages.push(lang);
                language_spans.push(tag.span());
            }
            Err(e) => problems.push(ConfigProblem { span: Some(tag.span()), message: format!("languages: {e}") }),
        }
    }
    if config.languages.get_ref().is_empty() {
        problems.push(ConfigProblem {
            span: Some(config.languages.span()),
            message: "languages: at least one language is needed".into(),
        });
    }
    let pivot = match &config.pivot {
        None => Lang::parse("en").unwrap_or_else(|_| Lang::und()),
        Some(tag) => match Lang::parse(tag.get_ref()) {
            Ok(lang) if matches!(lang.primary(), "en" | "fr") => lang,
            Ok(_) => {
                problems.push(ConfigProblem {
                    span: Some(tag.span()),
                    message: format!(
                        "pivot: `{}` is not supported; the knowledge base has names in `en` and `fr`",
                        tag.get_ref()
                    ),
                });
                Lang::und()
            }
            Err(e) => {
                problems.push(ConfigProblem { span: Some(tag.span()), message: format!("pivot: {e}") });
                Lang::und()
            }
        },
    };
    let mut read_at_start: Vec<&str> = Vec::new();
    let (detector_name, min_confidence, supports): (&str, _, fn(&Lang) -> bool) = match &config.detect {
        DetectConfig::Whatlang(p) => (
            "whatlang",
            p.as_ref().and_then(|p| p.min_confidence.as_ref()),
            entente_detect_whatlang::WhatlangDetector::supports,
        ),
        DetectConfig::Ngram(p) => {
            if let Some(p) = p {
                read_at_start.extend(p.model_files.keys().map(String::as_str));
                check_open_unit(&mut problems, "detect.params.word_weight", p.word_weight.as_ref());
                check_open_unit(&mut problems, "detect.params.foreign_share", p.foreign_share.as_ref());
                if let Some(t) = &p.temperature
                    && *t.get_ref() <= 0.0
                {
                    problems.push(ConfigProblem {
                        span: Some(t.span()),
                        message: format!("detect.params.temperature: expected a positive number, got {}", t.get_ref()),
                    });
                }
            }
            ("ngram", p.as_ref().and_then(|p| p.min_confidence.as_ref()), entente_detect_ngram::NgramDetector::supports)
        }
    };
    for (span, lang) in language_spans.iter().zip(&languages) {
        if !supports(lang) && !read_at_start.contains(&lang.primary()) {
            problems.push(ConfigProblem {
                span: Some(span.clone()),
                message: format!("languages: `{lang}` is not supported by the `{detector_name}` detector"),
            });
        }
    }
    if let Some(min) = min_confidence
        && !(0.0..=1.0).contains(min.get_ref())
    {
        problems.push(ConfigProblem {
            span: Some(min.span()),
            message: format!("detect.params.min_confidence: expected 0.0..=1.0, got {}", min.get_ref()),
        });
    }
    if let LinkConfig::Kb(Some(params)) = &config.link {
        for entry in &params.entries {
            let e = entry.get_ref();
            if entente_core::EntityKind::from_label(&e.kind).is_none() {
                problems.push(ConfigProblem {
                    span: Some(entry.span()),
                    message: format!("link.params.entries: kind `{}` is not one of PER, ORG, LOC, MISC", e.kind),
                });
            }
            if !e.id.contains(':') {
                problems.push(ConfigProblem {
                    span: Some(entry.span()),
                    message: format!("link.params.entries: id `{}` must look like `kind:name`", e.id),
                });
            }
        }
    }
    if let Some(reference) = &config.input.reference_time
        && entente_extract::reference(Some(reference)).is_none()
    {
        let span = source.text.find("reference_time").map(|at| at..at + "reference_time".len());
        problems.push(ConfigProblem {
            span,
            message: format!("input.reference_time: `{reference}` is not an ISO 8601 date or date-time"),
        });
    }
    if problems.is_empty() {
        Ok(PipelineSpec { languages, pivot, config, base_dir: source.base_dir.clone() })
    } else {
        Err(problems)
    }
}

fn check_open_unit(problems: &mut Vec<ConfigProblem>, key: &str, value: Option<&Spanned<f32>>) {
    if let Some(v) = value
        && !(0.0..1.0).contains(v.get_ref())
    {
        problems.push(ConfigProblem {
            span: Some(v.span()),
            message: format!("{key}: expected 0.0..1.0, got {}", v.get_ref()),
        });
    }
}

/// serde's message for an unknown key in a `kind`/`params` table is about a "value"; say "field".
fn unknown_stage_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid value: string \"")?;
    let (key, expected) = rest.split_once("\", expected ")?;
    Some(format!("unknown field `{key}`, expected {}", expected.replace('"', "`")))
}

/// The dotted key at byte `offset` of a TOML text: the table header above it plus the key
/// on its line (`detect.params.min_confidence`). Best effort, for messages.
pub fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    let line = &text[line_start..line_end];
    let trimmed = line.trim();
    if trimmed.starts_with('[') {
        return Some(trimmed.trim_matches(|c| c == '[' || c == ']').trim().to_owned());
    }
    let key = line.split('=').next()?.trim();
    if key.is_empty() || !line.contains('=') {
        return None;
    }
    // Inline table on this line: `params = { min_confidence = "x" }` names the inner key.
    let inner = line[..offset - line_start].rsplit(['{', ',']).next().and_then(|s| s.split('=').next()).map(str::trim);
    let header = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned());
    let mut path = header.map(|h| format!("{h}.")).unwrap_or_default();
    path.push_str(key);
    if let Some(inner) = inner.filter(|i| !i.is_empty() && *i != key && line[..offset - line_start].contains('{')) {
        path.push('.');
        path.push_str(inner);
    }
    Some(path)
}

/// Line and column (1-based, column in characters) of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests;
