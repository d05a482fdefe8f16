//! End-to-end tests: they run the built `entente` binary and read its records.
//!
//! One test binary for the whole workspace's end-to-end behaviour (matklad's "delete Cargo
//! integration tests"); each module is one area.

mod bad_input;
mod cluster;
mod config;
mod fetch;
mod news;
mod seed;
mod store;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// Runs `entente ARGS` with `stdin` as standard input.
pub fn entente(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("entente starts");
    child.stdin.take().expect("stdin").write_all(stdin).expect("write stdin");
    child.wait_with_output().expect("entente ends")
}

/// The JSON records on stdout; fails on a line that is not JSON.
pub fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Checks that every span of an ok record slices `text` to the span's `text`, in code points
/// and in bytes.
pub fn assert_spans_exact(text: &str, record: &Value) {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<&Value> = Vec::new();
    for e in record["entities"].as_array().expect("entities") {
        spans.extend(e["mentions"].as_array().expect("mentions"));
    }
    spans.extend(record["values"].as_array().expect("values"));
    spans.extend(record["quotes"].as_array().expect("quotes"));
    for span in spans {
        let n = |k: &str| span[k].as_u64().unwrap_or_else(|| panic!("{k} in {span}")) as usize;
        let by_chars: String = chars[n("char_start")..n("char_end")].iter().collect();
        assert_eq!(by_chars, span["text"].as_str().unwrap(), "char offsets of {span}");
        assert_eq!(&text[n("byte_start")..n("byte_end")], span["text"].as_str().unwrap(), "byte offsets of {span}");
    }
}
