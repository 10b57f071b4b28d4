//! How long does each summarization method take on a news-sized article
//! (English and German, ~40 sentences), and does the default stay fast on a
//! huge document (5,000 sentences, where graph methods must stay sparse)?
//!
//! The articles are generated here (no third-party text).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use nutgraf::summarize::{Budget, Language, Method, Summarizer, SummarizerConfig};

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

criterion_group!(benches, methods, huge);
criterion_main!(benches);
