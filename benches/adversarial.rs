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
//! At the end a table gives the cost curve in the CPU time of the benchmark
//! thread (mean per run; see `thread_cpu` in `benches/support/generate.rs`)
//! with the 10× and 100× ratios against 1× (target: 100× input ≤ 120× time
//! for every stage). On a loaded machine the wall-clock figures of
//! criterion overstate the large inputs — a long run is preempted more, and
//! its data is pushed out of the shared caches by the other processes — so
//! the ratios are taken from CPU time.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial
//! # only 1× and 10× (quick):
//! NUTGRAF_ADV_MAX=10 CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial
//! # one input:
//! CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial -- single_line
//! ```

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Mutex;
use std::time::Duration;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use nutgraf::text::normalize::{decode, normalize, NormalizeConfig};
use nutgraf::text::sentences;
use nutgraf::{Cleaner, Detector, Language, Pipeline};

#[allow(dead_code)]
#[path = "../crates/cli/src/jsonl.rs"]
mod jsonl;

#[path = "../tests/support/inputs.rs"]
mod inputs;
use inputs::*;

#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;
use generate::{cost_cells, cost_heading, run_timed, thread_cpu};

/// Time spent (thread CPU time when the system reports it, else wall time)
/// and runs done, per (input, stage, factor), filled by [`timed`].
type Spent = BTreeMap<(String, String, usize), (Duration, u64, u64)>;
static SPENT: Mutex<Spent> = Mutex::new(BTreeMap::new());

/// Times `f` the criterion way (wall clock) and records its CPU time and the
/// input size for the cost curve.
fn timed<O>(
    b: &mut criterion::Bencher<'_>,
    key: (&str, &str, usize),
    bytes: usize,
    mut f: impl FnMut() -> O,
) {
    b.iter_custom(|iters| {
        let (d, spent) = run_timed(iters, &mut f);
        let mut all = SPENT.lock().unwrap_or_else(|e| e.into_inner());
        let e = all
            .entry((key.0.to_string(), key.1.to_string(), key.2))
            .or_insert((Duration::ZERO, 0, bytes as u64));
        e.0 += spent;
        e.1 += iters;
        d
    });
}

/// Prints the cost curve: mean time per run of every stage at 1×, 10× and
/// 100×, and the ratios against 1×.
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
    let mean = |k: &(String, String, usize)| {
        all.get(k)
            .filter(|e| e.1 > 0)
            .map(|e| (e.0.as_secs_f64() / e.1 as f64, e.2))
    };
    println!();
    println!("cost curve (mean per run, {clock}):");
    println!(
        "{:<22} {:<10} {}",
        "input",
        "stage",
        cost_heading(["1x", "10x", "100x"], "MB/s@max")
    );
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for (input, stage, _) in all.keys() {
        if !rows.contains(&(input.as_str(), stage.as_str())) {
            rows.push((input, stage));
        }
    }
    for (input, stage) in rows {
        let t: Vec<Option<(f64, u64)>> = [1, 10, 100]
            .iter()
            .map(|&f| mean(&(input.to_string(), stage.to_string(), f)))
            .collect();
        // Time per byte at 10× and 100× against 1×, times the factor.
        let ratio = |i: usize| match (t[0], t[i]) {
            (Some((a, na)), Some((b, nb))) if a > 0.0 && na > 0 => {
                Some(b / a * (10f64.powi(i as i32)) * na as f64 / nb.max(1) as f64)
            }
            _ => None,
        };
        let mb_s = t
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|x| x.1 as f64 / 1e6 / x.0);
        println!(
            "{:<22} {:<10} {}",
            input,
            stage,
            cost_cells(
                [t[0].map(|x| x.0), t[1].map(|x| x.0), t[2].map(|x| x.0)],
                mb_s,
                ratio(1),
                ratio(2),
            )
        );
    }
}

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
            let n = text.len();
            group.bench_function(id("normalize"), |b| {
                timed(b, (name, "normalize", factor), n, || {
                    normalize(black_box(&text), &config).text().len()
                })
            });
            // Normalized once, before the first stage that needs it is timed:
            // a run filtered to other stages (`-- random_bytes/normalize`)
            // does not pay for it.
            let norm_cell = std::cell::OnceCell::new();
            let norm = || -> &str {
                norm_cell.get_or_init(|| normalize(&text, &config).text().to_string())
            };
            group.bench_function(id("split"), |b| {
                let norm = norm();
                timed(b, (name, "split", factor), n, || {
                    sentences::split(black_box(norm), Language::En).len()
                })
            });
            group.bench_function(id("parse"), |b| {
                let norm = norm();
                timed(b, (name, "parse", factor), n, || {
                    nutgraf::article::parse(black_box(norm)).blocks.len()
                })
            });
            group.bench_function(id("clean"), |b| {
                let norm = norm();
                timed(b, (name, "clean", factor), n, || {
                    cleaner.clean(black_box(norm)).removed.len()
                })
            });
            group.bench_function(id("lang"), |b| {
                let norm = norm();
                timed(b, (name, "lang", factor), n, || {
                    detector.detect(black_box(norm)).confidence()
                })
            });
            group.bench_function(id("pipeline"), |b| {
                timed(b, (name, "pipeline", factor), n, || {
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
                timed(
                    b,
                    ("jsonl_record_bytes", "parse_line+pipeline", factor),
                    line.len(),
                    || {
                        let (_, t) = jsonl::parse_line(black_box(line.as_bytes()), false)
                            .map_err(|e| e.message)
                            .unwrap();
                        pipeline
                            .run(&t)
                            .map(|d| d.sentences.len())
                            .map_err(|e| e.to_string())
                    },
                )
            },
        );
    }
    group.finish();
    eprintln!("jsonl: peak RSS so far {}", peak_rss());
}

criterion_group!(benches, adversarial);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cost_curve();
}
