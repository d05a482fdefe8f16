//! Whole-pipeline speed (detection, normalization, extraction, linking, JSON output) on the
//! bundled reference articles, with the default configuration, one thread. The rule-based
//! extractor (`tagger = false`) is measured in the same run as a baseline.
//!
//! `cargo bench -p entente-driver --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use entente_core::Document;
use entente_driver::build;
use entente_driver::config::{ConfigSource, DEFAULT_CONFIG, load};

const ARTICLES: [&str; 2] =
    [include_str!("../../../examples/seed-fr.txt"), include_str!("../../../examples/seed-en.txt")];

fn pipeline(text: &str) -> entente_pipeline::Pipeline {
    let source = ConfigSource { name: "bench".into(), base_dir: ".".into(), text: text.into() };
    build::pipeline(&load(&source).expect("config")).expect("pipeline")
}

fn bench(c: &mut Criterion) {
    let docs: Vec<Document> = ARTICLES.iter().enumerate().map(|(i, t)| Document::new(format!("d{i}"), *t)).collect();
    let bytes: usize = ARTICLES.iter().map(|a| a.len()).sum();
    let words: usize = ARTICLES.iter().map(|a| a.split_whitespace().count()).sum();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    let rules_config = DEFAULT_CONFIG
        .replace("[extract]\nkind = \"rules\"", "[extract]\nkind = \"rules\"\nparams = { tagger = false }");
    for (name, config) in [("default", DEFAULT_CONFIG.to_owned()), ("rules-only", rules_config)] {
        let p = pipeline(&config);
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 * 1024);
                for doc in &docs {
                    serde_json::to_writer(&mut out, &p.process(doc)).expect("json");
                    out.push(b'\n');
                }
                out.len()
            })
        });
    }
    group.finish();
    eprintln!("({words} words per iteration)");
    long_documents(c);
    c.bench_function("load-default-pipeline", |b| b.iter(|| pipeline(DEFAULT_CONFIG)));
}

/// One long document, at two lengths: a pipeline whose time grows faster than the text (a
/// quadratic step) shows a lower throughput at the longer one. The reference articles repeated
/// (quotations, values, recurring names), and a text naming thousands of different people,
/// places and organisations.
fn long_documents(c: &mut Criterion) {
    let p = pipeline(DEFAULT_CONFIG);
    let mut group = c.benchmark_group("long-document");
    group.sample_size(10);
    for target in [64 * 1024usize, 1024 * 1024] {
        let articles = ARTICLES.concat();
        // A sentence of `many_names` is about 75 bytes.
        let texts =
            [("articles", articles.repeat(target.div_ceil(articles.len()))), ("many-names", many_names(target / 75))];
        for (name, text) in texts {
            let doc = Document::new(format!("{name}-{}", text.len()), text);
            group.throughput(Throughput::Bytes(doc.text.len() as u64));
            group.bench_function(format!("{name}/{}KiB", target / 1024), |b| {
                b.iter(|| serde_json::to_vec(&p.process(&doc)).expect("json").len())
            });
        }
    }
    group.finish();
}

/// French sentences naming `n` times two people, a place and an organisation, with made-up
/// names that hardly repeat.
fn many_names(n: usize) -> String {
    const SYLLABLES: [&str; 12] = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "da", "pe", "zo", "ri"];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut name = || {
        let mut word = String::new();
        for _ in 0..3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.push_str(SYLLABLES[(state % 12) as usize]);
        }
        word[..1].to_uppercase() + &word[1..]
    };
    (0..n)
        .map(|_| {
            format!(
                "{} {} a rencontré {} {} à {}ville et chez {} Corporation. ",
                name(),
                name(),
                name(),
                name(),
                name(),
                name()
            )
        })
        .collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
