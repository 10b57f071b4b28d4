//! How fast is the whole pipeline (normalize → parse → clean → lang → split →
//! summarize) on a typical page, and does its cost grow linearly with the
//! input? Reports throughput in bytes/s for the bundled examples and for a
//! generated long article at 1×, 10× and 100× size.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use nutgraf::Pipeline;

const SAMPLE_EN: &str = include_str!("../examples/sample-article.txt");
const SAMPLE_DE: &str = include_str!("../examples/beispiel-artikel.txt");

/// A long article made of the English sample's body paragraphs, repeated
/// with varied numbers so no two paragraphs are identical.
fn long_article(bytes: usize) -> String {
    let paras: Vec<&str> = SAMPLE_EN.split("\n\n").filter(|p| p.split_whitespace().count() > 25).collect();
    let mut out = String::from("A generated long article for benchmarks\n\n");
    let mut i = 0usize;
    while out.len() < bytes {
        out.push_str(&paras[i % paras.len()].replace("Three", &format!("{} of the", i + 3)));
        out.push_str("\n\n");
        i += 1;
    }
    out
}

fn pipeline(c: &mut Criterion) {
    let p = Pipeline::default();
    let mut g = c.benchmark_group("pipeline");
    for (name, text) in [("sample_en", SAMPLE_EN), ("sample_de", SAMPLE_DE)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| p.run(std::hint::black_box(text)).unwrap()));
    }
    for size in [10_000usize, 100_000, 1_000_000] {
        let text = long_article(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_with_input(BenchmarkId::new("long", size), &text, |b, t| b.iter(|| p.run(t).unwrap()));
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
