//! Builds the running pipeline from a checked [`PipelineSpec`]: one `match` per stage slot.

use std::sync::Arc;

use entente_core::{EntityKind, LanguageDetector, Normalizer};
use entente_detect_ngram::{NgramDetector, NgramError, NgramOptions};
use entente_detect_whatlang::WhatlangDetector;
use entente_extract::tagger::{Lexicon, PlaceNames, TaggerModel};
use entente_extract::{Gazetteer, GazetteerEntry, RuleExtractor};
use entente_link::KbLinker;
use entente_link::kb::{KbEntry, KnowledgeBase};
use entente_normalize::{RepairNormalizer, RepairOptions, TitleCaseNormalizer, UnicodeNormalizer, UnicodeOptions};
use entente_pipeline::{Pipeline, PipelineOptions};

use crate::config::{ConfigProblem, DetectConfig, ExtractConfig, LinkConfig, NormalizeConfig, PipelineSpec};

/// The names of the implementations of each stage, for `entente list-stages`.
pub const STAGES: &[(&str, &str, &str)] = &[
    (
        "detect",
        "ngram",
        "word frequencies and character 4-grams, per sentence (default); fr en es it pt de nl ca ro id ms, more from model_files",
    ),
    ("detect", "whatlang", "whatlang trigram model restricted to the configured languages"),
    ("normalize", "repair", "UTF-8 read as Windows-1252/Latin-1 (mojibake), HTML character references"),
    ("normalize", "unicode", "NFC, spaces, apostrophes, dashes, ellipsis, invisible characters; quotes optional"),
    ("normalize", "titlecase", "Title-Case headlines to sentence case, from the document's evidence"),
    ("extract", "rules", "statistical tagger (fr, en), knowledge-base gazetteer, values, quotations and speakers"),
    ("link", "kb", "knowledge-base aliases (embedded or kb_file, plus entries), then names"),
];

/// Builds the pipeline.
///
/// # Errors
/// Returns problems found only when building: an unreadable or malformed `kb_file`, or a
/// detector refusing a language.
pub fn pipeline(spec: &PipelineSpec) -> Result<Pipeline, Vec<ConfigProblem>> {
    let config = &spec.config;
    let refused = |e: &dyn std::fmt::Display| {
        vec![ConfigProblem { span: Some(config.languages.span()), message: format!("languages: {e}") }]
    };
    let detector: Box<dyn LanguageDetector> = match &config.detect {
        DetectConfig::Whatlang(params) => {
            let min = params.as_ref().and_then(|p| p.min_confidence.as_ref()).map_or(0.0, |m| *m.get_ref());
            Box::new(WhatlangDetector::new(&spec.languages, min).map_err(|e| refused(&e))?)
        }
        DetectConfig::Ngram(params) => {
            let p = params.clone().unwrap_or_default();
            let d = NgramOptions::default();
            let options = NgramOptions {
                min_confidence: p.min_confidence.map_or(d.min_confidence, |v| *v.get_ref()),
                word_weight: p.word_weight.map_or(d.word_weight, |v| *v.get_ref()),
                order_weights: p.order_weights.unwrap_or(d.order_weights),
                temperature: p.temperature.map_or(d.temperature, |v| *v.get_ref()),
                foreign_share: p.foreign_share.map_or(d.foreign_share, |v| *v.get_ref()),
                primary_prior: p.primary_prior.map_or(d.primary_prior, |v| *v.get_ref()),
            };
            // A problem with one of the files, at its entry: "cannot read PATH: …" or "PATH: …".
            let file_problem = |tag: &str, doing: &str, error: &dyn std::fmt::Display| {
                let file = &p.model_files[tag];
                let path = spec.base_dir.join(file.get_ref());
                vec![ConfigProblem {
                    span: Some(file.span()),
                    message: format!("detect.params.model_files.{tag}: {doing}{}: {error}", path.display()),
                }]
            };
            let mut files = Vec::with_capacity(p.model_files.len());
            for (tag, file) in &p.model_files {
                let bytes = std::fs::read(spec.base_dir.join(file.get_ref()))
                    .map_err(|e| file_problem(tag, "cannot read ", &e))?;
                files.push((tag.as_str(), bytes));
            }
            let files: Vec<(&str, &[u8])> = files.iter().map(|(tag, bytes)| (*tag, bytes.as_slice())).collect();
            let detector = NgramDetector::with_models(&spec.languages, options, &files).map_err(|e| match e {
                NgramError::ModelFile { lang, error } => file_problem(&lang, "", &error),
                e => refused(&e),
            })?;
            Box::new(detector)
        }
    };
    let kb = Arc::new(knowledge_base(spec)?);
    let mut normalizers: Vec<Box<dyn Normalizer>> = Vec::new();
    for normalizer in &config.normalize {
        match normalizer {
            NormalizeConfig::Titlecase(params) => {
                let languages =
                    params.as_ref().and_then(|p| p.languages.clone()).unwrap_or_else(|| vec!["fr".into(), "en".into()]);
                let corpus = params.as_ref().and_then(|p| p.corpus).unwrap_or(true);
                let mut normalizer = TitleCaseNormalizer::new(languages).with_corpus(corpus);
                if params.as_ref().and_then(|p| p.known_names).unwrap_or(true) {
                    // Names and aliases, and the nationality words English capitalizes ("Israeli").
                    let names = kb.entries().iter().flat_map(|e| {
                        e.all_aliases().map(|(alias, _)| alias).chain(e.demonyms.iter().map(String::as_str))
                    });
                    normalizer = normalizer.with_names(names);
                }
                normalizers.push(Box::new(normalizer));
            }
            NormalizeConfig::Unicode(params) => {
                let p = params.clone().unwrap_or_default();
                let d = UnicodeOptions::default();
                normalizers.push(Box::new(UnicodeNormalizer::new(UnicodeOptions {
                    nfc: p.nfc.unwrap_or(d.nfc),
                    spaces: p.spaces.unwrap_or(d.spaces),
                    apostrophes: p.apostrophes.unwrap_or(d.apostrophes),
                    invisibles: p.invisibles.unwrap_or(d.invisibles),
                    dashes: p.dashes.unwrap_or(d.dashes),
                    ellipsis: p.ellipsis.unwrap_or(d.ellipsis),
                    quotes: p.quotes.unwrap_or(d.quotes),
                })));
            }
            NormalizeConfig::Repair(params) => {
                let p = params.clone().unwrap_or_default();
                let d = RepairOptions::default();
                normalizers.push(Box::new(RepairNormalizer::new(RepairOptions {
                    mojibake: p.mojibake.unwrap_or(d.mojibake),
                    entities: p.entities.unwrap_or(d.entities),
                })));
            }
        }
    }
    let extractor = match &config.extract {
        ExtractConfig::Rules(params) => {
            let p = params.clone().unwrap_or_default();
            let mut extractor = RuleExtractor::new(Arc::new(gazetteer(&kb)))
                .with_capitalized(p.capitalized.unwrap_or(true))
                .with_values(p.values.unwrap_or(true))
                .with_quotes(p.quotes.unwrap_or(true))
                .with_dates(match p.dates {
                    Some(crate::config::DateDirection::Future) => entente_extract::Direction::Future,
                    _ => entente_extract::Direction::Past,
                });
            if p.tagger.unwrap_or(true) {
                for lang in &spec.languages {
                    if let Some(model) = entente_extract::tagger::embedded(lang.primary()) {
                        let lexicon = lexicon(lang.primary(), model.lexicon_words());
                        extractor = extractor.with_tagger(Arc::new(model), lexicon);
                    }
                }
            }
            for file in &p.tagger_models {
                let path = spec.base_dir.join(file.get_ref());
                let problem = |message: String| vec![ConfigProblem { span: Some(file.span()), message }];
                let bytes = std::fs::read(&path).map_err(|e| {
                    problem(format!("extract.params.tagger_models: cannot read {}: {e}", path.display()))
                })?;
                let model = TaggerModel::from_bytes(&bytes)
                    .map_err(|e| problem(format!("extract.params.tagger_models: {}: {e}", path.display())))?;
                let lexicon = lexicon(model.language(), model.lexicon_words());
                extractor = extractor.with_tagger(Arc::new(model), lexicon);
            }
            extractor
        }
    };
    let linker = match &config.link {
        LinkConfig::Kb(_) => KbLinker::new(kb, spec.pivot.clone(), spec.languages.clone()),
    };
    let options = PipelineOptions {
        emit_normalized_text: config.output.normalized_text,
        emit_sentences: config.output.sentences,
        reference_time: config.input.reference_time.clone(),
        ..PipelineOptions::default()
    };
    Ok(Pipeline::new(detector, normalizers, Box::new(extractor), Box::new(linker), options))
}

/// The knowledge base the configuration asks for: embedded or `kb_file`, plus `entries`.
///
/// # Errors
/// Returns a problem when `kb_file` cannot be read or parsed.
pub fn knowledge_base(spec: &PipelineSpec) -> Result<KnowledgeBase, Vec<ConfigProblem>> {
    let LinkConfig::Kb(params) = &spec.config.link;
    let Some(params) = params else {
        return Ok(KnowledgeBase::embedded());
    };
    let mut kb = match &params.kb_file {
        None => KnowledgeBase::embedded(),
        Some(file) => {
            let path = spec.base_dir.join(file.get_ref());
            let problem = |message: String| vec![ConfigProblem { span: Some(file.span()), message }];
            let text = std::fs::read_to_string(&path)
                .map_err(|e| problem(format!("link.params.kb_file: cannot read {}: {e}", path.display())))?;
            KnowledgeBase::parse(&text).map_err(|e| problem(format!("link.params.kb_file: {}: {e}", path.display())))?
        }
    };
    for entry in &params.entries {
        let e = entry.get_ref();
        let mut kb_entry = KbEntry::new(e.id.clone(), EntityKind::from_label(&e.kind).unwrap_or(EntityKind::Misc));
        kb_entry.name_en = e.en.clone();
        kb_entry.name_fr = e.fr.clone();
        kb_entry.prior = e.prior.unwrap_or(0.5);
        for alias in &e.aliases {
            match alias.strip_prefix('~') {
                Some(a) => kb_entry.add_alias(a, true),
                None => kb_entry.add_alias(alias, false),
            }
        }
        kb.insert(kb_entry);
    }
    Ok(kb)
}

/// The lexicon a tagger of `lang` uses: the `words` most frequent words of the ngram detector's
/// model (the length the tagger was trained with, which its model records; the detector's
/// French and English lists are longer, for single words) and the place names of
/// `entente_link::kb::PLACE_NAMES`. None without words or without a word list.
pub fn lexicon(lang: &str, words: u32) -> Option<Arc<Lexicon>> {
    if words == 0 {
        return None;
    }
    NgramDetector::word_list(lang, words as usize).map(|words| Arc::new(Lexicon::new(words).with_places(place_names())))
}

/// The place names, parsed once per process and shared by every language's lexicon.
fn place_names() -> Arc<PlaceNames> {
    static PLACES: std::sync::OnceLock<Arc<PlaceNames>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| Arc::new(PlaceNames::parse(entente_link::kb::PLACE_NAMES))).clone()
}

/// The gazetteer of every name, alias and demonym of the knowledge base.
pub fn gazetteer(kb: &KnowledgeBase) -> Gazetteer {
    let mut entries = Vec::new();
    for e in kb.entries() {
        for (alias, fold_initial) in e.all_aliases() {
            let (key, prior) = (e.id.clone(), e.prior);
            entries.push(GazetteerEntry {
                alias: alias.to_owned(),
                fold_initial,
                kind: e.kind,
                key,
                prior,
                demonym: false,
            });
        }
        for demonym in &e.demonyms {
            // Nationality words are MISC in the CoNLL tradition; they point at their country.
            let (key, prior) = (e.id.clone(), e.prior);
            let fold_initial = demonym.chars().next().is_some_and(char::is_lowercase);
            let alias = demonym.clone();
            entries.push(GazetteerEntry { alias, fold_initial, kind: EntityKind::Misc, key, prior, demonym: true });
        }
    }
    Gazetteer::new(entries)
}
