//! Sentence-splitting and word-token benchmarks.
//!
//! Question answered: how many bytes per second do
//! `nutgraf_text::sentences::split` and the word features the summarizer
//! uses (`tokens::words`, folding, stop words, stemming: `tokens::terms`)
//! handle on news-like English and German prose, and is the time linear in
//! the input? Target for splitting: >= 50 MB/s per core.
//!
//! Throughput is in decimal MB/s (10^6 bytes) of *CPU time of the
//! benchmarking thread* where Linux reports it (`/proc/thread-self/schedstat`),
//! so the figure is per core even on a busy machine; elsewhere, or with
//! `NUTGRAF_BENCH_WALL=1`, it is wall time. The first line on stderr says
//! which.
//!
//! * `split/example_en`, `split/example_de`: the bundled articles
//!   `examples/sample-article.txt` and `examples/beispiel-artikel.txt` (a
//!   few KB each: page furniture, headings, short paragraphs).
//! * `split/en_100k`, `split/en_1m`, `split/de_100k`, `split/de_1m`:
//!   generated prose of 100 KB and 1 MB: sentences drawn by a fixed-seed
//!   generator from a pool written for this bench (abbreviations, numbers,
//!   money, ordinals, quotes, ellipses, URLs, lists), in paragraphs with
//!   headings. The per-byte time of `_100k` and `_1m` should be the same
//!   (linearity).
//! * `split/dr_100k`: 100 KB of "Dr. " (a pathological run of abbreviations).
//! * `tokens/words_en_100k`, `tokens/terms_en_100k`, `tokens/terms_de_100k`,
//!   `tokens/terms_en_1m`: word tokens, and index terms (words folded, stop
//!   words dropped, stemmed) of the generated text.
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nutgraf_text::{sentences::split, tokens, Language};

/// Time on the CPU of the calling thread, or wall time where that is not
/// available.
struct CpuTime {
    /// Read `/proc/thread-self/schedstat`.
    cpu: bool,
    wall: WallTime,
}

/// Nanoseconds the calling thread has run on a CPU (Linux' scheduler
/// statistics: `sum_exec_runtime`). The kernel brings it up to date at
/// scheduler events, so the thread yields first: that makes the reading
/// exact to about a microsecond, and time spent waiting is not counted.
fn thread_cpu_ns() -> Option<u64> {
    std::thread::yield_now();
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl CpuTime {
    fn new() -> CpuTime {
        let wall_wanted = std::env::var_os("NUTGRAF_BENCH_WALL").is_some_and(|v| v == "1");
        let cpu = !wall_wanted && thread_cpu_ns().is_some();
        eprintln!(
            "split bench: measuring {}",
            if cpu {
                "CPU time of the benchmarking thread (per core)"
            } else {
                "wall time"
            }
        );
        CpuTime {
            cpu,
            wall: WallTime,
        }
    }
}

impl Measurement for CpuTime {
    type Intermediate = (Option<u64>, Instant);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (self.cpu.then(thread_cpu_ns).flatten(), Instant::now())
    }

    fn end(&self, (cpu, wall): Self::Intermediate) -> Duration {
        match (cpu, self.cpu.then(thread_cpu_ns).flatten()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => wall.elapsed(),
        }
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, as for wall time.
        self.wall.formatter()
    }
}

const EXAMPLE_EN: &str = include_str!("../examples/sample-article.txt");
const EXAMPLE_DE: &str = include_str!("../examples/beispiel-artikel.txt");

const EN: &[&str] = &[
    "The central bank kept its key rate unchanged on Thursday, Dr. Jane Miller said in Washington.",
    "Inflation eased to 2.4% in Jan. and wages rose by $12.50 an hour, e.g. in retail.",
    "“We will stay vigilant,” the governor said.",
    "Did markets move?",
    "Barely!",
    "Analysts at Smith & Co. Inc. expected the decision...",
    "The U.S. Treasury will publish its report at 9 a.m. on Friday.",
    "Shares in J. R. R. Holdings rose 3.5 per cent (the most since Oct. 2019).",
    "See www.example.com/report.html for details, or write to press@example.com.",
    "Mr. Smith, who joined the company in 2004, declined to comment on the figures.",
    "The plan has three parts: 1. lower fees 2. faster payments 3. better support.",
    "“Is this the end?” asked one trader.",
    "Prices fell . . . and then recovered by the close.",
    "Version 2.1.3 of the software fixed the bug, according to the release notes.",
    "Revenue grew to €4.2bn (£3.6bn) in the third quarter, up from €3.9bn a year earlier.",
    "Storms closed schools across the region on Monday; officials expect them to reopen soon.",
    "He said the vote would be held “as soon as possible” but gave no date.",
    "Why now?!",
    "The report, published by the Institute for Fiscal Studies, runs to 240 pages.",
    "Prof. Alan Brown of St. Andrews called the result “a surprise to nobody”.",
];

const EN_HEADINGS: &[&str] = &[
    "Markets",
    "What happens next",
    "Key figures at a glance",
    "Related stories",
];

const DE: &[&str] = &[
    "Die Bürgermeisterin erklärte am 3. Oktober 2019, die Straßenbahn werde ab März häufiger fahren.",
    "„Wir müssen schneller werden“, sagte sie – und kündigte z. B. für Ärzte u. a. günstigere Tickets an.",
    "Im 19. Jahrhundert war das anders.",
    "Die Kosten liegen bei ca. 1,5 Mio. Euro bzw. 3.000 Euro pro Tag.",
    "Dr. med. Meyer wohnt in der Berliner Str. 5.",
    "Das ist alles.",
    "Nach dem 2. Weltkrieg wurde die Stadt fast vollständig neu aufgebaut.",
    "Warum dauert das so lange?",
    "Der Vorstand der Stadtwerke GmbH will die Pläne am Montag vorstellen, d. h. noch vor der Wahl.",
    "Weitere Informationen gibt es unter www.example.de/verkehr oder per E-Mail an info@example.de.",
    "Prof. Dr. Anna Schulz von der Universität Hamburg hält die Zahlen für plausibel.",
    "»Das war knapp«, räumte der Sprecher ein.",
    "Die Preise stiegen im Jan. um 2,4 Prozent, wie das Statistische Bundesamt mitteilte.",
    "Der Ausbau soll bis zum 31. Dezember abgeschlossen sein.",
    "Niemand hatte damit gerechnet!",
    "Die Linie 7 fährt künftig alle zehn Minuten, die Linie 12 alle zwanzig.",
];

const DE_HEADINGS: &[&str] = &[
    "Verkehr",
    "Wie es weitergeht",
    "Die wichtigsten Zahlen",
    "Mehr zum Thema",
];

/// About `size` bytes of prose: paragraphs of 2-6 sentences drawn from
/// `pool`, now and then a heading; a fixed seed, so every run is the same.
fn generate(pool: &[&str], headings: &[&str], size: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    };
    let mut out = String::with_capacity(size + 256);
    while out.len() < size {
        if next(4) == 0 {
            out.push_str(headings[next(headings.len())]);
            out.push_str("\n\n");
        }
        let sentences = 2 + next(5);
        for k in 0..sentences {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(pool[next(pool.len())]);
        }
        out.push_str("\n\n");
    }
    out
}

fn bench_split(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("split");
    for (name, text, lang) in [
        ("example_en", EXAMPLE_EN.to_string(), Language::En),
        ("example_de", EXAMPLE_DE.to_string(), Language::De),
        ("en_100k", generate(EN, EN_HEADINGS, 100_000), Language::En),
        ("en_1m", generate(EN, EN_HEADINGS, 1_000_000), Language::En),
        ("de_100k", generate(DE, DE_HEADINGS, 100_000), Language::De),
        ("de_1m", generate(DE, DE_HEADINGS, 1_000_000), Language::De),
        ("dr_100k", "Dr. ".repeat(25_000), Language::En),
    ] {
        g.throughput(Throughput::BytesDecimal(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| split(black_box(&text), lang)));
    }
    g.finish();
}

fn bench_tokens(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("tokens");
    let en = generate(EN, EN_HEADINGS, 100_000);
    let de = generate(DE, DE_HEADINGS, 100_000);
    let en_1m = generate(EN, EN_HEADINGS, 1_000_000);
    g.throughput(Throughput::BytesDecimal(en.len() as u64));
    g.bench_function("words_en_100k", |b| {
        b.iter(|| tokens::words(black_box(&en)))
    });
    for (name, text, lang) in [
        ("terms_en_100k", &en, Language::En),
        ("terms_de_100k", &de, Language::De),
        ("terms_en_1m", &en_1m, Language::En),
    ] {
        g.throughput(Throughput::BytesDecimal(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| tokens::terms(black_box(text), lang)));
    }
    g.finish();
}

fn config() -> Criterion<CpuTime> {
    Criterion::default().with_measurement(CpuTime::new())
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_split, bench_tokens
}
criterion_main!(benches);
