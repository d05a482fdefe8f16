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
    c.bench_function("load-default-pipeline", |b| b.iter(|| pipeline(DEFAULT_CONFIG)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
