//! Does every stage stay linear on adversarial input?
//!
//! For each hostile input of issue 11 the bench measures each stage (and the
//! whole pipeline) at 1×, 10× and 100× of a base size, where 100× is the
//! issue's full size (a 50 MB single line, 1 M blank lines, 100 000 × "Dr. ",
//! a 1 MB word, …, a 100 MB JSON Lines record). Throughput is reported in
//! bytes, so a linear stage shows the same MB/s at every size; a quadratic
//! one loses a factor 10 per step. After each input the peak resident
//! memory of the process (`VmHWM`) is printed.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial
//! # only 1× and 10× (quick):
//! NUTGRAF_ADV_MAX=10 CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial
//! # one input:
//! CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial -- single_line
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nutgraf::text::normalize::{decode, normalize, NormalizeConfig};
use nutgraf::text::sentences;
use nutgraf::{Cleaner, Detector, Language, Pipeline};

#[allow(dead_code)]
#[path = "../crates/cli/src/jsonl.rs"]
mod jsonl;

#[path = "../tests/support/inputs.rs"]
mod inputs;
use inputs::*;

/// An input generator: (name, full size in its unit, text of a given size).
type Gen = (&'static str, usize, fn(usize) -> String);

const INPUTS: &[Gen] = &[
    ("single_line_bytes", 50_000_000, single_line),
    ("blank_lines", 1_000_000, blank_lines),
    ("dr_abbreviations", 100_000, doctors),
    ("long_word_bytes", 1_000_000, long_word),
    ("punctuation_bytes", 1_000_000, punctuation),
    ("random_bytes_lossy", 10_000_000, |n| {
        decode(&random_bytes(n, 7), true)
            .map(|d| d.text)
            .unwrap_or_default()
    }),
    ("nesting_depth", 100_000, nesting),
    ("combining_bidi_bytes", 10_000_000, combining_invisible_bidi),
    ("rtl_cjk_bytes", 10_000_000, rtl_and_cjk),
];

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "?".into())
}

fn max_factor() -> usize {
    std::env::var("NUTGRAF_ADV_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

fn adversarial(c: &mut Criterion) {
    let pipeline = Pipeline::default();
    let cleaner = Cleaner::new();
    let detector = Detector::new();
    let config = NormalizeConfig::default();
    for &(name, full, gen) in INPUTS {
        let mut group = c.benchmark_group(name);
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(2));
        for factor in [1usize, 10, 100].into_iter().filter(|f| *f <= max_factor()) {
            let size = full / 100 * factor;
            let text = gen(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let id = |stage: &str| BenchmarkId::new(stage, format!("{factor}x"));
            group.bench_function(id("normalize"), |b| {
                b.iter(|| normalize(black_box(&text), &config).text().len())
            });
            let norm = normalize(&text, &config).text().to_string();
            group.bench_function(id("split"), |b| {
                b.iter(|| sentences::split(black_box(&norm), Language::En).len())
            });
            group.bench_function(id("parse"), |b| {
                b.iter(|| nutgraf::article::parse(black_box(&norm)).blocks.len())
            });
            group.bench_function(id("clean"), |b| {
                b.iter(|| cleaner.clean(black_box(&norm)).removed.len())
            });
            group.bench_function(id("lang"), |b| {
                b.iter(|| detector.detect(black_box(&norm)).confidence())
            });
            group.bench_function(id("pipeline"), |b| {
                b.iter(|| {
                    pipeline
                        .run(black_box(&text))
                        .map(|d| d.summary.sentences.len())
                        .map_err(|e| e.to_string())
                })
            });
        }
        group.finish();
        eprintln!("{name}: peak RSS so far {}", peak_rss());
    }

    // One JSON Lines record of 1, 10, 100 MB: the CLI's line parser, then
    // the pipeline (which answers with a typed error above 64 MiB).
    let mut group = c.benchmark_group("jsonl_record_bytes");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for factor in [1usize, 10, 100].into_iter().filter(|f| *f <= max_factor()) {
        let text = repeat_to(
            "The council voted. Critics said \"it was rushed\". ",
            1_000_000 * factor,
        );
        let line = serde_json::json!({"id": 1, "text": text}).to_string();
        group.throughput(Throughput::Bytes(line.len() as u64));
        group.bench_function(
            BenchmarkId::new("parse_line+pipeline", format!("{factor}x")),
            |b| {
                b.iter(|| {
                    let (_, t) = jsonl::parse_line(black_box(line.as_bytes()), false)
                        .map_err(|e| e.message)
                        .unwrap();
                    pipeline
                        .run(&t)
                        .map(|d| d.sentences.len())
                        .map_err(|e| e.to_string())
                })
            },
        );
    }
    group.finish();
    eprintln!("jsonl: peak RSS so far {}", peak_rss());
}

criterion_group!(benches, adversarial);
criterion_main!(benches);
