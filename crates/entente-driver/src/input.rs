//! Reading inputs: text files, directories, standard input and JSON Lines, each turned into
//! documents or, when unreadable, into error items that become error records.
//!
//! **Invariant:** every document of the input yields exactly one [`Item`], in input order.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use entente_core::{Document, Lang};
use serde_json::Value;

use crate::config::InputParams;

/// A document, or why a document could not be read.
#[derive(Debug)]
pub enum Item {
    /// A document to process.
    Doc(Document),
    /// A document that could not be read.
    Error {
        /// The document's id (its path, or path:line).
        id: String,
        /// Stable error kind.
        kind: &'static str,
        /// Explanation.
        message: String,
    },
}

/// How standard input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StdinFormat {
    /// One text document.
    #[default]
    Text,
    /// JSON Lines, one document a line.
    Jsonl,
}

/// Reads every input in order and hands each item to `sink`; `fetch` turns an `http(s)://`
/// input into items (one for a page, one per entry for a feed).
pub fn read_all(
    inputs: &[String],
    stdin_format: StdinFormat,
    params: &InputParams,
    fetch: &mut dyn FnMut(&str) -> Vec<Item>,
    sink: &mut dyn FnMut(Item),
) {
    for input in inputs {
        if is_url(input) {
            for item in fetch(input) {
                sink(item);
            }
            continue;
        }
        if input == "-" {
            match stdin_format {
                StdinFormat::Text => {
                    let mut bytes = Vec::new();
                    let item = match std::io::stdin()
                        .lock()
                        .take(params.max_document_bytes as u64 + 1)
                        .read_to_end(&mut bytes)
                    {
                        Ok(_) => text_item("stdin".into(), bytes, params),
                        Err(e) => Item::Error { id: "stdin".into(), kind: "io", message: e.to_string() },
                    };
                    sink(item);
                }
                StdinFormat::Jsonl => read_jsonl("stdin", std::io::stdin().lock(), params, sink),
            }
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let mut files = Vec::new();
            collect_dir(path, &mut files, sink);
            files.sort();
            for file in files {
                read_file(&file, params, sink);
            }
        } else {
            read_file(path, params, sink);
        }
    }
}

/// True for inputs that name a URL (`scheme://…`) rather than a path; only http and https are
/// fetched, other schemes give a `bad_url` error record.
pub fn is_url(input: &str) -> bool {
    input.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, sink: &mut dyn FnMut(Item)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            sink(Item::Error {
                id: dir.display().to_string(),
                kind: "io",
                message: format!("cannot read directory: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_dir(&path, files, sink);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            files.push(path);
        }
    }
}

fn read_file(path: &Path, params: &InputParams, sink: &mut dyn FnMut(Item)) {
    let id = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink(Item::Error { id, kind: "io", message: format!("cannot open: {e}") });
            return;
        }
    };
    if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        read_jsonl(&id, BufReader::new(file), params, sink);
        return;
    }
    let mut bytes = Vec::new();
    let item = match file.take(params.max_document_bytes as u64 + 1).read_to_end(&mut bytes) {
        Ok(_) => text_item(id, bytes, params),
        Err(e) => Item::Error { id, kind: "io", message: format!("cannot read: {e}") },
    };
    sink(item);
}

/// A text document from raw bytes: refused when too large, binary or not UTF-8.
fn text_item(id: String, bytes: Vec<u8>, params: &InputParams) -> Item {
    if bytes.len() > params.max_document_bytes {
        return Item::Error {
            id,
            kind: "too_large",
            message: format!("document is larger than input.max_document_bytes = {}", params.max_document_bytes),
        };
    }
    if looks_binary(&bytes) {
        return Item::Error {
            id,
            kind: "binary",
            message: "input looks binary (it contains NUL bytes), not text".into(),
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Item::Error {
                id,
                kind: "invalid_utf8",
                message: format!("input is not valid UTF-8 (first bad byte at offset {at})"),
            };
        }
    };
    let mut doc = Document::new(id, text);
    if params.title_first_line
        && let Some((first, rest)) = doc.text.split_once('\n')
        && !first.trim().is_empty()
        && !rest.trim().is_empty()
    {
        doc.title = Some(first.trim().to_owned());
    }
    Item::Doc(doc)
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Reads JSON Lines; a line that is not a document becomes an error item with id `name:line`.
pub fn read_jsonl(name: &str, mut reader: impl BufRead, params: &InputParams, sink: &mut dyn FnMut(Item)) {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        // The id of a line that has none, made only when needed.
        let id = || format!("{name}:{number}");
        // Read at most the size limit (plus the line's own JSON overhead) into memory.
        let limit = params.max_document_bytes as u64 * 2 + 4096;
        let read = (&mut reader).take(limit).read_until(b'\n', &mut line);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                sink(Item::Error { id: id(), kind: "io", message: format!("cannot read: {e}") });
                break;
            }
        }
        if !line.ends_with(b"\n") && line.len() as u64 >= limit {
            // Skip the rest of an oversized line.
            let mut rest = Vec::new();
            while let Ok(n) = reader.read_until(b'\n', &mut rest) {
                if n == 0 || rest.ends_with(b"\n") {
                    break;
                }
                rest.clear();
            }
            sink(Item::Error {
                id: id(),
                kind: "too_large",
                message: "JSON line is larger than the document size limit".into(),
            });
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink(jsonl_item(id, &line, params));
    }
}

fn jsonl_item(fallback_id: impl FnOnce() -> String, line: &[u8], params: &InputParams) -> Item {
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return Item::Error {
                id: fallback_id(),
                kind: "invalid_utf8",
                message: format!("line is not valid UTF-8 (first bad byte at offset {})", e.valid_up_to()),
            };
        }
    };
    // Most lines are well-formed documents: read them straight into their fields, borrowing
    // the line's strings. Anything else takes the general path, which says what is wrong.
    match serde_json::from_str::<DocumentLine<'_>>(text) {
        Ok(mut fields) => {
            let id = fields.id.take().and_then(|id| id.0).unwrap_or_else(fallback_id);
            fields.into_item(id, params)
        }
        Err(_) => general_item(fallback_id, text, params),
    }
}

/// [`jsonl_item`] for any UTF-8 line, through a `serde_json::Value`.
fn general_item(fallback_id: impl FnOnce() -> String, text: &str, params: &InputParams) -> Item {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Item::Error {
                id: fallback_id(),
                kind: "malformed_json",
                message: format!("line is not JSON: {e}"),
            };
        }
    };
    let Value::Object(obj) = value else {
        return Item::Error {
            id: fallback_id(),
            kind: "malformed_json",
            message: "line is JSON but not an object".into(),
        };
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id(),
    };
    let Some(body) = obj.get("text").and_then(Value::as_str) else {
        let message = match obj.get("text") {
            None => "document has no `text` field".to_owned(),
            Some(other) => format!("`text` must be a string, not {}", json_kind(other)),
        };
        return Item::Error { id, kind: "missing_text", message };
    };
    let str_of = |key: &str| obj.get(key).and_then(Value::as_str).map(Cow::Borrowed);
    let fields = DocumentLine {
        id: None,
        text: Cow::Borrowed(body),
        title: str_of("title"),
        lang: str_of("lang"),
        translated_from: str_of("translated_from"),
        reference_time: str_of("reference_time"),
        published_at: str_of("published_at"),
        url: str_of("url"),
        source: str_of("source"),
    };
    fields.into_item(id, params)
}

/// The fields of a well-formed document line; strings without escapes are borrowed from it.
/// A field of an unexpected type fails the whole parse, and the line then takes the general
/// path of [`jsonl_item`], which reads the fields it can into this same struct or says what is
/// wrong.
#[derive(serde::Deserialize)]
struct DocumentLine<'a> {
    #[serde(default)]
    id: Option<LineId>,
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    lang: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    translated_from: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reference_time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    published_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
}

/// A line's `id` when it is text or an integer (`None` for empty text); any other type fails the
/// parse.
struct LineId(Option<String>);

impl<'de> serde::Deserialize<'de> for LineId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<LineId, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = LineId;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or an integer")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LineId, E> {
                Ok(LineId((!v.is_empty()).then(|| v.to_owned())))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<LineId, E> {
                Ok(LineId(Some(v.to_string())))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<LineId, E> {
                Ok(LineId(Some(v.to_string())))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl DocumentLine<'_> {
    /// The document with id `id` (the line's, or the one made for it), or why there is none.
    fn into_item(self, id: String, params: &InputParams) -> Item {
        if self.text.len() > params.max_document_bytes {
            return Item::Error {
                id,
                kind: "too_large",
                message: format!("document is larger than input.max_document_bytes = {}", params.max_document_bytes),
            };
        }
        let lang = |key: &str, tag: Option<Cow<'_, str>>| -> Result<Option<Lang>, String> {
            tag.map(|tag| Lang::parse(&tag).map_err(|e| format!("`{key}`: {e}"))).transpose()
        };
        let (lang_hint, translated_from) =
            match (lang("lang", self.lang), lang("translated_from", self.translated_from)) {
                (Ok(hint), Ok(from)) => (hint, from),
                (Err(message), _) | (_, Err(message)) => {
                    return Item::Error { id, kind: "invalid_lang", message };
                }
            };
        Item::Doc(Document {
            id,
            text: self.text.into_owned(),
            title: self.title.map(Cow::into_owned),
            lang_hint,
            reference_time: self.reference_time.or(self.published_at).map(Cow::into_owned),
            url: self.url.map(Cow::into_owned),
            source: self.source.map(Cow::into_owned),
            translated_from,
        })
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(jsonl: &str) -> Vec<Item> {
        let mut out = Vec::new();
        read_jsonl("f.jsonl", jsonl.as_bytes(), &InputParams::default(), &mut |i| out.push(i));
        out
    }

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Doc(d) => format!("doc {}", d.id),
                Item::Error { id, kind, .. } => format!("{kind} {id}"),
            })
            .collect()
    }

    #[test]
    fn the_fast_path_reads_lines_as_the_general_one_does() {
        let params = InputParams { max_document_bytes: 40, ..InputParams::default() };
        for line in [
            r#"{"id":"a","text":"x"}"#,
            r#"{"id":"","text":"x"}"#,
            r#"{"id":7,"text":"x"}"#,
            r#"{"id":-7,"text":"x"}"#,
            r#"{"id":1.5,"text":"x"}"#,
            r#"{"id":true,"text":"x"}"#,
            r#"{"id":null,"text":"x"}"#,
            r#"{"id":"é\u00e9\n","text":"caf\u00e9 \"quoted\""}"#,
            r#"{"text":"x","title":"T","lang":"fr","translated_from":"en-GB","url":"u","source":"s"}"#,
            r#"{"text":"x","title":5,"lang":null}"#,
            r#"{"text":"x","reference_time":"2022-01-12","published_at":"2021-01-01"}"#,
            r#"{"text":"x","published_at":"2021-01-01"}"#,
            r#"{"text":"x","reference_time":3,"published_at":"2021-01-01"}"#,
            r#"{"text":"x","lang":"!!"}"#,
            r#"{"text":"x","translated_from":"??"}"#,
            r#"{"text":5}"#,
            r#"{"id":"a"}"#,
            r#"{"text":"x","text":"y"}"#,
            r#"{"text":"0123456789012345678901234567890123456789_too_long"}"#,
            r#"{"text":"x","extra":{"deep":[1,2,{"a":null}]}}"#,
            r#"[1]"#,
            r#"not json"#,
        ] {
            let fast = format!("{:?}", jsonl_item(|| "f:1".to_owned(), line.as_bytes(), &params));
            let general = format!("{:?}", general_item(|| "f:1".to_owned(), line, &params));
            assert_eq!(fast, general, "{line}");
        }
    }

    #[test]
    fn each_line_is_one_item() {
        let got = items(
            "{\"id\":\"a\",\"text\":\"x\"}\n\nnot json\n{\"text\":\"y\",\"lang\":\"fr\"}\n{\"id\":3}\n[1]\n{\"id\":\"b\",\"text\":\"z\",\"lang\":\"!!\"}\n",
        );
        assert_eq!(
            summary(&got),
            [
                "doc a",
                "malformed_json f.jsonl:3",
                "doc f.jsonl:4",
                "missing_text 3",
                "malformed_json f.jsonl:6",
                "invalid_lang b"
            ]
        );
    }

    #[test]
    fn invalid_utf8_line() {
        let mut out = Vec::new();
        read_jsonl("f", &b"{\"text\":\"\xff\"}\n{\"text\":\"ok\"}"[..], &InputParams::default(), &mut |i| out.push(i));
        assert_eq!(summary(&out), ["invalid_utf8 f:1", "doc f:2"]);
    }

    #[test]
    fn text_items() {
        let p = InputParams::default();
        assert!(matches!(text_item("b".into(), vec![0, 1, 2], &p), Item::Error { kind: "binary", .. }));
        assert!(matches!(text_item("u".into(), vec![b'a', 0xC3], &p), Item::Error { kind: "invalid_utf8", .. }));
        let Item::Doc(doc) = text_item("t".into(), b"Title\nBody".to_vec(), &p) else { panic!("not a doc") };
        assert_eq!(doc.title.as_deref(), Some("Title"));
        let Item::Doc(doc) = text_item("e".into(), Vec::new(), &p) else { panic!("not a doc") };
        assert_eq!(doc.text, "");
        let small = InputParams { max_document_bytes: 3, ..p };
        assert!(matches!(text_item("l".into(), b"long".to_vec(), &small), Item::Error { kind: "too_large", .. }));
    }
}
