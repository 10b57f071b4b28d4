//! How fast is language identification on article text? (issue 8 target:
//! ≥ 10 MB/s per core; the pipeline target of 20 MB/s needs much more.)
//!
//! * `lang/examples/<file>`: `Detector::detect_document` on the blocks
//!   (non-empty lines) of the bundled example pages (`examples/*.txt`).
//! * `lang/seeds`: the same on the five seed pages in `../shared/seeds`
//!   (skipped when the shared data is not present).
//! * `lang-cost/document/<bytes>`: `detect_document` on the blocks of a
//!   generated article (as parsed by `nutgraf::article::parse`, like the
//!   pipeline does) of 10 KB, 100 KB and 1 MB (1×, 10×, 100×);
//!   `lang-cost/text/<bytes>`: `Detector::detect` on the whole article as
//!   one text.
//! * `lang-short`: `detect` on a headline and a word pair.
//!
//! Throughput is in bytes of input. After the groups a table prints the cost
//! curve: the fastest per-run time seen for each size (on-CPU time of the
//! benchmark thread on Linux, so that preemption on a loaded machine does not
//! skew the ratios), MB/s, and the 10× / 100× time ratios against 10 KB
//! (target: 100× input ≤ 120× time).
//!
//! The generated article is the one of `benches/pipeline.rs` (English
//! function words with a Zipf-distributed vocabulary of made-up content
//! words) with every fourth paragraph taken from the bundled example pages,
//! so that both real English and real German prose are in the mix.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use criterion::{black_box, criterion_group, BenchmarkId, Criterion, Throughput};
use nutgraf_lang::Detector;

#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;
use generate::*;

const EXAMPLES: [(&str, &str); 2] = [
    (
        "sample-article",
        include_str!("../examples/sample-article.txt"),
    ),
    (
        "beispiel-artikel",
        include_str!("../examples/beispiel-artikel.txt"),
    ),
];

/// The prose paragraphs (≥ 200 bytes) of the example pages.
fn example_paragraphs() -> Vec<&'static str> {
    EXAMPLES
        .iter()
        .flat_map(|(_, t)| t.lines())
        .map(str::trim)
        .filter(|l| l.len() >= 200)
        .collect()
}

/// A generated article of at least `bytes` bytes (see the module docs):
/// made-up paragraphs, every fourth one a real paragraph of the examples.
fn long_article(bytes: usize) -> String {
    let zipf = Zipf::new();
    let real = example_paragraphs();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("A generated long article for benchmarks\n\n");
    let mut para = 0usize;
    while out.len() < bytes {
        para += 1;
        if para % 4 == 0 && !real.is_empty() {
            out.push_str(real[rng.below(real.len())]);
            out.push_str("\n\n");
            continue;
        }
        madeup_paragraph(&mut out, &mut rng, &zipf);
    }
    out
}

/// The seed pages in `../shared/seeds`, sorted by name (empty when absent).
fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The non-empty lines of a page.
fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// The fastest time per run seen for each (case, size), filled by [`timed`].
static BEST: Mutex<BTreeMap<(String, usize), Duration>> = Mutex::new(BTreeMap::new());

/// Times `f` the criterion way (wall clock) and records the fastest per-run
/// CPU time for the cost curve.
fn timed<O>(b: &mut criterion::Bencher<'_>, case: &str, size: usize, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let (d, spent) = run_timed(iters, &mut f);
        let per = spent / u32::try_from(iters.max(1)).unwrap_or(u32::MAX);
        let mut best = BEST.lock().unwrap_or_else(|e| e.into_inner());
        let e = best.entry((case.to_string(), size)).or_insert(per);
        *e = (*e).min(per);
        d
    });
}

fn pages(c: &mut Criterion) {
    let det = Detector::new();
    let _ = det.detect("warm up the tables");
    let mut g = c.benchmark_group("lang");
    for (name, text) in EXAMPLES {
        let blocks = lines(text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("examples/{name}"), |b| {
            b.iter(|| det.detect_document(black_box(&blocks)))
        });
    }
    let docs = seeds();
    if !docs.is_empty() {
        let blocks: Vec<Vec<&str>> = docs.iter().map(|d| lines(d)).collect();
        let bytes: usize = docs.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("seeds", |b| {
            b.iter(|| {
                for bl in &blocks {
                    black_box(det.detect_document(bl));
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("lang-short");
    g.bench_function("detect/headline", |b| {
        b.iter(|| det.detect(black_box("Regierung beschließt neuen Haushalt für 2025")))
    });
    g.bench_function("detect/pair", |b| {
        b.iter(|| det.detect(black_box("political party")))
    });
    g.finish();
}

fn cost(c: &mut Criterion) {
    let det = Detector::new();
    let _ = det.detect("warm up the tables");
    let texts: Vec<String> = SIZES.iter().map(|&n| long_article(n)).collect();
    let mut g = c.benchmark_group("lang-cost");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    for (&size, text) in SIZES.iter().zip(&texts) {
        let text = text.as_str();
        let article = nutgraf::article::parse(text);
        let blocks: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::new("document", size), |b| {
            timed(b, "document", size, || {
                det.detect_document(black_box(&blocks))
            })
        });
        g.bench_function(BenchmarkId::new("text", size), |b| {
            timed(b, "text", size, || det.detect(black_box(text)))
        });
    }
    g.finish();
}

/// Prints the cost curve from the fastest times seen.
fn cost_curve() {
    let best = BEST.lock().unwrap_or_else(|e| e.into_inner());
    if best.is_empty() {
        return;
    }
    let bytes: Vec<usize> = SIZES.iter().map(|&n| long_article(n).len()).collect();
    let mut cases: Vec<&str> = Vec::new();
    for (case, _) in best.keys() {
        if !cases.contains(&case.as_str()) {
            cases.push(case);
        }
    }
    println!();
    println!(
        "lang cost curve (fastest run, {}; input {} / {} / {} bytes):",
        if thread_cpu().is_some() {
            "thread CPU time"
        } else {
            "wall clock"
        },
        bytes[0],
        bytes[1],
        bytes[2]
    );
    println!(
        "{:<10} {}",
        "case",
        cost_heading(["10 KB", "100 KB", "1 MB"], "MB/s@1MB")
    );
    for case in cases {
        let t: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&n| best.get(&(case.to_string(), n)).map(|d| d.as_secs_f64()))
            .collect();
        println!(
            "{:<10} {}",
            case,
            cost_cells(
                [t[0], t[1], t[2]],
                t[2].map(|s| bytes[2] as f64 / 1e6 / s),
                ratio(t[0], t[1]),
                ratio(t[0], t[2]),
            )
        );
    }
}

criterion_group!(benches, pages, cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cost_curve();
}
