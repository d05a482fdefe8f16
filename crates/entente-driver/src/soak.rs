//! `entente soak`: many synthetic documents through the same path as `run --store`, to show
//! that throughput holds and memory stays flat over a long batch.
//!
//! The documents are paragraphs of the bundled example articles (French and English), with their
//! numbers varied so that no two are the same, plus one malformed item in a thousand. Records go
//! to the store (when given) and are serialized to a sink, as `run` would write them.

use std::time::Instant;

use entente_core::Document;

use crate::input::Item;

const SEED_FR: &str = include_str!("../../../examples/seed-fr.txt");
const SEED_EN: &str = include_str!("../../../examples/seed-en.txt");

/// Arguments of `entente soak`.
#[derive(Debug, clap::Args)]
pub struct SoakArgs {
    /// How many documents.
    #[arg(short = 'n', long, default_value_t = 100_000)]
    pub documents: usize,
    /// The configuration file; the embedded default when absent.
    #[arg(short, long)]
    pub config: Option<std::path::PathBuf>,
    /// Write the records to this SQLite store too.
    #[arg(long)]
    pub store: Option<std::path::PathBuf>,
    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    pub threads: usize,
}

/// The `n`th synthetic item: a paragraph or two of an example article with varied numbers, or
/// (one in a thousand) a document without text.
pub fn item(n: usize) -> Item {
    let id = format!("soak-{n:07}");
    if n % 1000 == 999 {
        return Item::Error { id, kind: "missing_text", message: "synthetic malformed item".into() };
    }
    let source = if n.is_multiple_of(2) { SEED_FR } else { SEED_EN };
    let paragraphs: Vec<&str> = source.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let first = (n / 2) % paragraphs.len();
    let take = 1 + n % 3;
    let mut text = String::new();
    for p in paragraphs.iter().cycle().skip(first).take(take) {
        text.push_str(p);
        text.push_str("\n\n");
    }
    // Vary the digits so that documents differ: replace each digit d by (d + n) mod 10.
    let shift = (n % 10) as u8;
    let text: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { (b'0' + (c as u8 - b'0' + shift) % 10) as char } else { c })
        .collect();
    let mut doc = Document::new(id, text);
    doc.reference_time = Some("2022-01-11".into());
    Item::Doc(doc)
}

/// This process's resident set size and its peak, in KiB, from /proc (Linux); zeros elsewhere.
pub fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A progress sample: documents done, seconds since the start, resident memory in KiB.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Sample {
    /// Documents processed so far.
    pub documents: usize,
    /// Seconds since the first document.
    pub seconds: f64,
    /// Resident set size.
    pub rss_kib: u64,
}

/// Sampling points: every tenth of the batch.
pub fn sampler(total: usize) -> impl FnMut(usize, Instant) -> Option<Sample> {
    let step = (total / 10).max(1);
    move |done, started| {
        (done.is_multiple_of(step) || done == total).then(|| Sample {
            documents: done,
            seconds: started.elapsed().as_secs_f64(),
            rss_kib: memory_kib().0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_vary_and_some_are_errors() {
        let texts: Vec<String> = (0..20)
            .filter_map(|n| match item(n) {
                Item::Doc(d) => Some(d.text),
                Item::Error { .. } => None,
            })
            .collect();
        assert_eq!(texts.len(), 20);
        let distinct: std::collections::HashSet<_> = texts.iter().collect();
        assert_eq!(distinct.len(), 20);
        assert!(matches!(item(999), Item::Error { .. }));
    }
}
