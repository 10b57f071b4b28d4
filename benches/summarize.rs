//! How long does each summarization method take on a news-sized article
//! (English and German, ~40 sentences), and does the default stay fast on a
//! huge document (5,000 sentences, where graph methods must stay sparse)?
//!
//! * `summarize/40-sentences/{en,de}/<method>`: every method on a
//!   news-sized article.
//! * `summarize/5000-sentences/<method>`: the graph methods (with 5 key
//!   terms) on a huge article built from a few repeated sentence patterns.
//! * `summarize/cost/<method>/<bytes>`: every method (3 sentences, plain
//!   text in, so sentence splitting included) on a generated article of
//!   10 KB, 100 KB and 1 MB (1×, 10×, 100×), the article generator of
//!   `benches/pipeline.rs` (a Zipf vocabulary that grows with the length,
//!   as real text does).
//!
//! After the groups, a table prints the cost curve: the fastest per-run CPU
//! time of the benchmark thread seen per size, and the 10× / 100× ratios
//! against the 10 KB run (target of issue 10: 100× input ≤ 120× time).
//!
//! The articles are generated here (no third-party text).
//!
//! ```text
//! CARGO_TARGET_DIR=/tmp/t cargo bench --bench summarize -- cost   # the cost curve only
//! ```

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use criterion::{black_box, criterion_group, BenchmarkId, Criterion, Throughput};
use nutgraf::summarize::{Budget, Language, Method, Summarizer, SummarizerConfig};

#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;
use generate::*;

const EN_TOPICS: &[&str] = &[
    "the city council",
    "the new tram line",
    "local businesses",
    "the regional budget",
    "commuters",
    "the transport minister",
    "construction workers",
    "the opposition party",
];
const EN_VERBS: &[&str] = &[
    "criticised",
    "welcomed",
    "delayed",
    "approved",
    "questioned",
    "funded",
];
const DE_TOPICS: &[&str] = &[
    "die Stadtverwaltung",
    "die neue Straßenbahnlinie",
    "der Einzelhandel",
    "der Landeshaushalt",
    "die Pendler",
    "das Verkehrsministerium",
    "die Bauarbeiter",
    "die Bundesregierung",
];
const DE_VERBS: &[&str] = &[
    "kritisierte",
    "begrüßte",
    "verzögerte",
    "genehmigte",
    "prüfte",
    "finanzierte",
];

/// A deterministic article of `n` sentences in paragraphs of four.
fn article(n: usize, topics: &[&str], verbs: &[&str], de: bool) -> String {
    let mut s = String::new();
    for i in 0..n {
        let a = topics[i % topics.len()];
        let b = topics[(i * 3 + 1) % topics.len()];
        let v = verbs[(i * 7 + 2) % verbs.len()];
        if de {
            s.push_str(&format!(
                "Am Tag {i} {v} {a} den Plan, sagte {b} am Abend. "
            ));
        } else {
            s.push_str(&format!(
                "On day {i}, {a} {v} the plan, {b} said in the evening. "
            ));
        }
        if i % 4 == 3 {
            s.push_str("\n\n");
        }
    }
    s
}

fn methods(c: &mut Criterion) {
    let en = article(40, EN_TOPICS, EN_VERBS, false);
    let de = article(40, DE_TOPICS, DE_VERBS, true);
    let mut g = c.benchmark_group("summarize/40-sentences");
    for &m in Method::ALL {
        let s = Summarizer::new(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(3)),
        )
        .unwrap();
        g.bench_with_input(BenchmarkId::new("en", m.name()), &en, |b, t| {
            b.iter(|| {
                s.summarize_text(black_box(t), Some("Tram line plan"), Language::En)
                    .unwrap()
            })
        });
        g.bench_with_input(BenchmarkId::new("de", m.name()), &de, |b, t| {
            b.iter(|| {
                s.summarize_text(black_box(t), Some("Plan für die Straßenbahn"), Language::De)
                    .unwrap()
            })
        });
    }
    g.finish();
}

fn huge(c: &mut Criterion) {
    let text = article(5_000, EN_TOPICS, EN_VERBS, false);
    let mut g = c.benchmark_group("summarize/5000-sentences");
    g.sample_size(10);
    for m in [Method::Default, Method::TextRank, Method::LexRank] {
        let s = Summarizer::new(SummarizerConfig::default().method(m).key_terms(5)).unwrap();
        g.bench_function(m.name(), |b| {
            b.iter(|| {
                s.summarize_text(black_box(&text), None, Language::En)
                    .unwrap()
            })
        });
    }
    g.finish();
}

/// The fastest time per run seen for each (stage, size), filled by [`timed`]:
/// on-CPU time of the benchmark thread when the system reports it, else wall
/// time.
static BEST: Mutex<BTreeMap<(String, usize), Duration>> = Mutex::new(BTreeMap::new());

/// Times `f` the criterion way (wall clock) and records the fastest per-run
/// CPU time for the cost curve.
fn timed<O>(b: &mut criterion::Bencher<'_>, stage: &str, size: usize, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let (d, spent) = run_timed(iters, &mut f);
        let per = spent / u32::try_from(iters.max(1)).unwrap_or(u32::MAX);
        let mut best = BEST.lock().unwrap_or_else(|e| e.into_inner());
        let e = best.entry((stage.to_string(), size)).or_insert(per);
        *e = (*e).min(per);
        d
    });
}

fn cost(c: &mut Criterion) {
    let texts: Vec<String> = SIZES.iter().map(|&n| madeup_article(n)).collect();
    let mut g = c.benchmark_group("summarize/cost");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    for &m in Method::ALL {
        let s = Summarizer::new(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(3)),
        )
        .unwrap();
        for (&size, text) in SIZES.iter().zip(&texts) {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(m.name(), size), text, |b, t| {
                timed(b, m.name(), size, || {
                    s.summarize_text(black_box(t), None, Language::En).unwrap()
                })
            });
        }
    }
    g.finish();
}

/// Prints the cost curve from the fastest times seen.
fn cost_curve() {
    let best = BEST.lock().unwrap_or_else(|e| e.into_inner());
    if best.is_empty() {
        return;
    }
    let bytes: Vec<usize> = SIZES.iter().map(|&n| madeup_article(n).len()).collect();
    let mut stages: Vec<&str> = Vec::new();
    for &m in Method::ALL {
        if best.keys().any(|(s, _)| s == m.name()) {
            stages.push(m.name());
        }
    }
    println!();
    println!(
        "summarizer cost curve (fastest run, {}; input {} / {} / {} bytes):",
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
        "{:<12} {}",
        "method",
        cost_heading(["10 KB", "100 KB", "1 MB"], "MB/s@1MB")
    );
    for stage in stages {
        let t: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&n| best.get(&(stage.to_string(), n)).map(|d| d.as_secs_f64()))
            .collect();
        println!(
            "{:<12} {}",
            stage,
            cost_cells(
                [t[0], t[1], t[2]],
                t[2].map(|s| bytes[2] as f64 / 1e6 / s),
                ratio(t[0], t[1]),
                ratio(t[0], t[2]),
            )
        );
    }
}

criterion_group!(benches, methods, huge, cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cost_curve();
}
