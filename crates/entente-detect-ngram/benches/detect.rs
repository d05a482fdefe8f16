//! Speed of the ngram detector, with whatlang measured in the same run as the baseline.
//! Single thread, on the sentences of the bundled reference articles (French and English):
//! `ngram` with its per-thread word cache warm (the sentences repeat), `ngram-cold` with every
//! word scored for the first time.
//!
//! `cargo bench -p entente-detect-ngram`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use entente_core::{Lang, LanguageDetector};
use entente_detect_ngram::NgramDetector;
use entente_detect_whatlang::WhatlangDetector;

const ARTICLES: [&str; 2] =
    [include_str!("../../../examples/seed-fr.txt"), include_str!("../../../examples/seed-en.txt")];

fn bench(c: &mut Criterion) {
    let langs = [Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
    let sentences: Vec<&str> =
        ARTICLES.iter().flat_map(|a| a.split_inclusive(['.', '\n'])).filter(|s| s.trim().len() > 20).collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let mut group = c.benchmark_group("detect-sentences");
    group.throughput(Throughput::Bytes(bytes as u64));
    let ngram = NgramDetector::new(&langs, 0.0).unwrap();
    let whatlang = WhatlangDetector::new(&langs, 0.0).unwrap();
    group.bench_function("ngram", |b| b.iter(|| sentences.iter().filter_map(|s| ngram.detect(s)).count()));
    // Every word scored as if for the first time: the per-thread word cache is emptied before
    // each pass.
    group.bench_function("ngram-cold", |b| {
        b.iter(|| {
            NgramDetector::clear_word_cache();
            sentences.iter().filter_map(|s| ngram.detect(s)).count()
        })
    });
    group.bench_function("whatlang", |b| b.iter(|| sentences.iter().filter_map(|s| whatlang.detect(s)).count()));
    group.finish();
    c.bench_function("load-ngram-fr-en", |b| b.iter(|| NgramDetector::new(&langs, 0.0).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
