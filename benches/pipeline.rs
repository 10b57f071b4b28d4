//! How fast is the whole pipeline (normalize → parse → clean → lang → split →
//! summarize) and each of its stages, and does every stage's cost grow
//! linearly with the input?
//!
//! * `pipeline/sample_en`, `pipeline/sample_de`: the bundled example pages.
//! * `pipeline/en_dev`: every document of `../shared/data/summ/en.dev.jsonl`
//!   (real news, 2–10 KB each) run one after the other, when that file is
//!   there; throughput is the bytes of the whole set. Real traffic is many
//!   small pages, so this is the figure that counts most.
//! * `cost/<stage>/<bytes>`: each stage alone (and `pipeline`) on a
//!   generated article of 10 KB, 100 KB and 1 MB (1×, 10×, 100×), throughput
//!   in bytes/s. Stages: `normalize`, `parse`, `clean`, `lang`
//!   (`detect_document` on the parsed blocks), `split`, `summarize-<method>`
//!   for every method (3 sentences), and `pipeline` (`Pipeline::run`).
//! * `cost-madeup/<stage>/<bytes>`: the adversarial variant of the long
//!   article, made of made-up words (see below), for the stages whose cost
//!   depends on the words: `lang` and `pipeline`.
//!
//! After the groups, two tables print the mean time per run (CPU time of the
//! benchmark thread on Linux, see [`thread_cpu`] and [`SPENT`]): the pipeline
//! on the pages, and the cost curve per stage with MB/s and the 10× / 100×
//! time ratios against the 10 KB run (target: 100× input ≤ 120× time for
//! every stage).
//!
//! The long article is generated (no third-party text) from the real
//! English sentences of the bundled example page: paragraphs of 2–5 of its
//! body sentences, drawn deterministically, so that every stage, language
//! detection above all, sees real news prose. Some sentences get one of
//! their words replaced by a made-up content word drawn from a Zipf
//! vocabulary, so that the vocabulary still grows with the length as real
//! text does (a text that only repeats a few sentences would make every
//! sentence similar to a fixed share of all others).
//!
//! The adversarial variant (`cost-madeup`): English function words with a
//! Zipf-distributed vocabulary of made-up content words, in sentences of
//! 8–30 words and paragraphs of 2–5 sentences. Its words look like no
//! language, which sends language detection to its slow fallback.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use criterion::{black_box, criterion_group, BenchmarkId, Criterion, Throughput};

use nutgraf::summarize::{Budget, Language, Method, Summarizer, SummarizerConfig};
use nutgraf::text::normalize::{normalize, NormalizeConfig};
use nutgraf::{BlockKind, Cleaner, Detector, Pipeline};

#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;
use generate::*;

const SAMPLE_EN: &str = include_str!("../examples/sample-article.txt");
const SAMPLE_DE: &str = include_str!("../examples/beispiel-artikel.txt");

/// The body sentences of the English example page (those of its kept
/// paragraphs that end in a full stop), in page order.
fn real_sentences() -> Vec<String> {
    let doc = Pipeline::default()
        .run(SAMPLE_EN)
        .expect("the example page runs");
    doc.sentences
        .into_iter()
        .filter(|s| {
            doc.article.blocks[s.block].kind == BlockKind::Paragraph
                && s.text.ends_with('.')
                && s.text.len() >= 40
        })
        .map(|s| s.text)
        .collect()
}

/// A generated article of at least `bytes` bytes from the real sentences of
/// the example page (see the module docs).
fn long_article(bytes: usize) -> String {
    let pool = real_sentences();
    assert!(pool.len() >= 5, "too few example sentences: {}", pool.len());
    let zipf = Zipf::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("Coastal towns test tidal turbines through the winter\n\n");
    while out.len() < bytes {
        for k in 0..2 + rng.below(4) {
            if k > 0 {
                out.push(' ');
            }
            let sentence = &pool[rng.below(pool.len())];
            if rng.below(2) == 0 {
                out.push_str(sentence);
                continue;
            }
            // Replace one word (not the first) with a made-up one.
            let words: Vec<&str> = sentence.split(' ').collect();
            let at = 1 + rng.below(words.len() - 1);
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if i == at && w.chars().all(char::is_alphabetic) {
                    out.push_str(zipf.draw(&mut rng));
                } else {
                    out.push_str(w);
                }
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Time spent and runs done for each (stage, size), filled by [`timed`]:
/// on-CPU time of the benchmark thread when the system reports it, else wall
/// time. The kernel brings a running thread's CPU time up to date only at a
/// scheduler tick or switch (every few ms), so a short sample is off by up to
/// a tick; the sum over all samples divided by all runs (the mean) is not
/// biased that way, where the fastest sample would be.
static SPENT: Mutex<BTreeMap<(String, usize), (Duration, u64)>> = Mutex::new(BTreeMap::new());

/// Times `f` the criterion way (wall clock) and records its CPU time for the
/// cost curve.
fn timed<O>(b: &mut criterion::Bencher<'_>, stage: &str, size: usize, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let (d, spent) = run_timed(iters, &mut f);
        let mut all = SPENT.lock().unwrap_or_else(|e| e.into_inner());
        let e = all
            .entry((stage.to_string(), size))
            .or_insert((Duration::ZERO, 0));
        e.0 += spent;
        e.1 += iters;
        d
    });
}

fn pipeline(c: &mut Criterion) {
    let p = Pipeline::default();
    let mut g = c.benchmark_group("pipeline");
    for (name, text) in [("sample_en", SAMPLE_EN), ("sample_de", SAMPLE_DE)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            timed(b, &format!("page:{name}"), text.len(), || {
                p.run(black_box(text)).unwrap()
            })
        });
    }
    let dev = dev_texts();
    if !dev.is_empty() {
        g.sample_size(10);
        g.throughput(Throughput::Bytes(dev.iter().map(|t| t.len() as u64).sum()));
        let bytes = dev.iter().map(String::len).sum();
        g.bench_function("en_dev", |b| {
            timed(b, "page:en_dev", bytes, || {
                dev.iter()
                    .map(|t| p.run(black_box(t)).unwrap().sentences.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// The texts of `../shared/data/summ/en.dev.jsonl` (none when the file is
/// not there).
fn dev_texts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/summ/en.dev.jsonl"
    );
    let Ok(data) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .collect()
}

fn cost(c: &mut Criterion) {
    let texts: Vec<String> = SIZES.iter().map(|&n| long_article(n)).collect();
    let norm_config = NormalizeConfig::default();
    let cleaner = Cleaner::new();
    let detector = Detector::new();
    let pipeline = Pipeline::default();
    let summarizers: Vec<(String, Summarizer)> = Method::ALL
        .iter()
        .map(|&m| {
            let config = SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(3));
            (
                format!("summarize-{}", m.name()),
                Summarizer::new(config).unwrap(),
            )
        })
        .collect();

    let mut g = c.benchmark_group("cost");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    for (&size, text) in SIZES.iter().zip(&texts) {
        let text = text.as_str();
        g.throughput(Throughput::Bytes(text.len() as u64));
        let id = |stage: &str| BenchmarkId::new(stage.to_string(), size);
        g.bench_function(id("normalize"), |b| {
            timed(b, "normalize", size, || {
                normalize(black_box(text), &norm_config).text().len()
            })
        });
        g.bench_function(id("parse"), |b| {
            timed(b, "parse", size, || {
                nutgraf::article::parse(black_box(text))
            })
        });
        g.bench_function(id("clean"), |b| {
            timed(b, "clean", size, || cleaner.clean(black_box(text)))
        });
        let article = nutgraf::article::parse(text);
        let blocks: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        g.bench_function(id("lang"), |b| {
            timed(b, "lang", size, || {
                detector.detect_document(black_box(&blocks))
            })
        });
        g.bench_function(id("split"), |b| {
            timed(b, "split", size, || {
                nutgraf::text::sentences::split(black_box(text), Language::En).len()
            })
        });
        for (name, s) in &summarizers {
            g.bench_function(id(name), |b| {
                timed(b, name, size, || {
                    s.summarize_text(black_box(text), None, Language::En)
                        .unwrap()
                })
            });
        }
        g.bench_function(id("pipeline"), |b| {
            timed(b, "pipeline", size, || {
                pipeline.run(black_box(text)).unwrap()
            })
        });
    }
    g.finish();

    // The adversarial made-up-word article, for the stages whose cost
    // depends on the words.
    let mut g = c.benchmark_group("cost-madeup");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    for &size in &SIZES {
        let text = madeup_article(size);
        let text = text.as_str();
        g.throughput(Throughput::Bytes(text.len() as u64));
        let id = |stage: &str| BenchmarkId::new(stage.to_string(), size);
        let article = nutgraf::article::parse(text);
        let blocks: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        g.bench_function(id("lang"), |b| {
            timed(b, "madeup:lang", size, || {
                detector.detect_document(black_box(&blocks))
            })
        });
        g.bench_function(id("pipeline"), |b| {
            timed(b, "madeup:pipeline", size, || {
                pipeline.run(black_box(text)).unwrap()
            })
        });
    }
    g.finish();
}

/// Prints the CPU cost of the pages and the cost curve (mean time per run).
fn cost_curve() {
    let all = SPENT.lock().unwrap_or_else(|e| e.into_inner());
    if all.is_empty() {
        return;
    }
    let clock = if thread_cpu().is_some() {
        "thread CPU time"
    } else {
        "wall clock"
    };
    let mean = |k: &(String, usize)| {
        all.get(k)
            .filter(|e| e.1 > 0)
            .map(|e| e.0 / u32::try_from(e.1).unwrap_or(u32::MAX))
    };
    let pages: Vec<&(String, usize)> = all.keys().filter(|k| k.0.starts_with("page:")).collect();
    if !pages.is_empty() {
        println!();
        println!("pipeline on pages (mean per run, {clock}):");
        println!(
            "{:<22} {:>10} {:>12} {:>9}",
            "page", "bytes", "time", "MB/s"
        );
        for k in pages {
            if let Some(d) = mean(k) {
                println!(
                    "{:<22} {:>10} {:>10.3}ms {:>9.1}",
                    &k.0["page:".len()..],
                    k.1,
                    d.as_secs_f64() * 1e3,
                    k.1 as f64 / 1e6 / d.as_secs_f64()
                );
            }
        }
    }
    let texts: Vec<usize> = SIZES.iter().map(|&n| long_article(n).len()).collect();
    let madeup: Vec<usize> = SIZES.iter().map(|&n| madeup_article(n).len()).collect();
    let mut stages: Vec<&str> = Vec::new();
    for (stage, _) in all.keys().filter(|k| !k.0.starts_with("page:")) {
        if !stages.contains(&stage.as_str()) {
            stages.push(stage);
        }
    }
    println!();
    println!(
        "cost curve (mean per run, {}; input {} / {} / {} bytes, made-up words {} / {} / {}):",
        clock, texts[0], texts[1], texts[2], madeup[0], madeup[1], madeup[2]
    );
    println!(
        "{:<22} {}",
        "stage",
        cost_heading(["10 KB", "100 KB", "1 MB"], "MB/s@1MB")
    );
    for stage in stages {
        let t: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&n| mean(&(stage.to_string(), n)).map(|d| d.as_secs_f64()))
            .collect();
        let len = if stage.starts_with("madeup:") {
            madeup[2]
        } else {
            texts[2]
        };
        println!(
            "{:<22} {}",
            stage,
            cost_cells(
                [t[0], t[1], t[2]],
                t[2].map(|s| len as f64 / 1e6 / s),
                ratio(t[0], t[1]),
                ratio(t[0], t[2]),
            )
        );
    }
}

criterion_group!(benches, pipeline, cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cost_curve();
}
