//! How fast is nutgraf's summarizer next to the `lede` crate (a
//! deterministic TF-IDF extractive summarizer, our closest Rust peer) on the
//! same documents, in the same run?
//!
//! Corpus: the 300 documents of `../shared/data/summ/en.dev.jsonl` (BBC
//! News), 3-sentence summaries (lede: the character length of nutgraf's
//! default summary, see `lede_budgets`). One iteration summarizes every
//! document once, so the time per iteration / 300 is ms per document;
//! throughput is reported in bytes of article text.
//!
//! * `peers/nutgraf_default`, `peers/nutgraf_textrank`: `Summarizer::summarize_text`
//!   (sentence split + scoring + selection), language fixed to English.
//!   nutgraf's per-thread term cache (`SummarizerConfig::term_cache`) is on,
//!   as it is by default, so after the first pass every word form of the
//!   corpus is looked up rather than stemmed;
//!   `peers/nutgraf_default_cold` turns it off (every document stems its
//!   words afresh), the figure for a stream of never-seen vocabulary.
//! * `peers/lede`: `lede::summarize(text, budget, Mode::Default)`.
//! * `peers/nutgraf_pipeline`: the whole `Pipeline::run` (normalize → parse →
//!   clean → lang → split → summarize) with the default method.
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nutgraf::{Budget, Language, Method, Pipeline, SummarizerConfig};
use nutgraf_compare::{lede_budgets, load, summarizer};

fn peers(c: &mut Criterion) {
    let docs = load();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let budgets = lede_budgets(&docs);
    eprintln!("corpus: {} documents, {} bytes", docs.len(), bytes);

    let mut g = c.benchmark_group("peers");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));

    for (name, method) in [
        ("nutgraf_default", Method::Default),
        ("nutgraf_textrank", Method::TextRank),
    ] {
        let s = summarizer(method);
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(
                        s.summarize_text(black_box(&d.text), None, Language::En)
                            .expect("a summary"),
                    );
                }
            })
        });
    }
    let cold = nutgraf::Summarizer::new(
        SummarizerConfig::default()
            .budget(Budget::Sentences(3))
            .term_cache(false),
    )
    .expect("a valid config");
    g.bench_function("nutgraf_default_cold", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(
                    cold.summarize_text(black_box(&d.text), None, Language::En)
                        .expect("a summary"),
                );
            }
        })
    });
    g.bench_function("lede", |b| {
        b.iter(|| {
            for (d, &budget) in docs.iter().zip(&budgets) {
                black_box(lede::summarize(
                    black_box(&d.text),
                    budget,
                    lede::Mode::Default,
                ));
            }
        })
    });
    let pipeline = Pipeline::builder()
        .summarizer(SummarizerConfig::default().budget(Budget::Sentences(3)))
        .build()
        .expect("a pipeline");
    g.bench_function("nutgraf_pipeline", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(pipeline.run(black_box(&d.text)).expect("a document"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, peers);
criterion_main!(benches);
