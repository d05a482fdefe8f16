//! Normalization and value extraction alone, on the bundled reference articles (French and
//! English), one thread. Baseline measured in the same run: `str::to_lowercase` over the same
//! text, a lower bound of what any pass over the text costs.
//!
//! `cargo bench -p entente-extract --bench values`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use entente_core::{ExtractContext, Lang, NormalizedText, Normalizer};
use entente_extract::{Direction, find_values};
use entente_normalize::{RepairNormalizer, RepairOptions, TitleCaseNormalizer, UnicodeNormalizer, UnicodeOptions};

const ARTICLES: [(&str, &str); 2] =
    [("fr", include_str!("../../../examples/seed-fr.txt")), ("en", include_str!("../../../examples/seed-en.txt"))];

fn bench(c: &mut Criterion) {
    let docs: Vec<(Lang, &str)> = ARTICLES.iter().map(|(l, t)| (Lang::parse(l).expect("lang"), *t)).collect();
    let bytes: usize = ARTICLES.iter().map(|(_, t)| t.len()).sum();
    let normalizers: Vec<Box<dyn Normalizer>> = vec![
        Box::new(RepairNormalizer::new(RepairOptions::default())),
        Box::new(UnicodeNormalizer::new(UnicodeOptions::default())),
        Box::new(TitleCaseNormalizer::new(vec!["fr".into()])),
    ];
    let normalize = |lang: &Lang, text: &'static str| {
        let mut normalized = NormalizedText::new(text);
        for n in &normalizers {
            n.normalize(&mut normalized, lang);
        }
        normalized
    };
    let mut group = c.benchmark_group("normalize-values");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("baseline-to_lowercase", |b| {
        b.iter(|| docs.iter().map(|(_, t)| t.to_lowercase().len()).sum::<usize>())
    });
    group.bench_function("normalize", |b| {
        b.iter(|| docs.iter().map(|(l, t)| normalize(l, t).as_str().len()).sum::<usize>())
    });
    let values = |lang: &Lang, text: &str| {
        let context = ExtractContext { lang, reference_time: Some("2022-01-12"), translated_from: None };
        let mut out = Vec::new();
        find_values(text, &context, Direction::Past, &mut out);
        out.len()
    };
    group.bench_function("values", |b| b.iter(|| docs.iter().map(|(l, t)| values(l, t)).sum::<usize>()));
    let normalized: Vec<(Lang, String)> =
        docs.iter().map(|(l, t)| (l.clone(), normalize(l, t).as_str().to_owned())).collect();
    group.bench_function("values-of-normalized", |b| {
        b.iter(|| normalized.iter().map(|(l, t)| values(l, t)).sum::<usize>())
    });
    group.bench_function("normalize+values", |b| {
        b.iter(|| docs.iter().map(|(l, t)| values(l, normalize(l, t).as_str())).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
