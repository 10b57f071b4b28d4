//! Sentence-splitting benchmarks.
//!
//! Question answered: how many bytes per second does
//! `nutgraf_text::sentences::split` handle on news-like English and German
//! prose (abbreviations, numbers, quotes, ordinals), and is the time linear
//! in the input? Target: >= 50 MB/s per core.
//!
//! * `split/en_64k`, `split/de_64k`: about 64 KiB of prose.
//! * `split/en_1m`: the same English text at about 1 MiB (compare the
//!   per-byte figure with `en_64k` to see linearity).
//! * `split/dr_100k`: 100,000 × "Dr. " (a pathological run of abbreviations).
//!
//! Texts are written for this bench; each is repeated to the wanted size.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nutgraf_text::{sentences::split, Language};

const EN: &str = "The central bank kept its key rate unchanged on Thursday, Dr. Jane Miller said in Washington. Inflation eased to 2.4% in Jan. and wages rose by $12.50 an hour, e.g. in retail. “We will stay vigilant,” the governor said. Did markets move? Barely! Analysts at Smith & Co. Inc. expected the decision... The U.S. Treasury will publish its report at 9 a.m. on Friday.\nMarkets\n\nShares in J. R. R. Holdings rose 3.5 per cent (the most since Oct. 2019). See www.example.com/report.html. for details.\n";
const DE: &str = "Die Bürgermeisterin erklärte am 3. Oktober 2019, die Straßenbahn werde ab März häufiger fahren. „Wir müssen schneller werden“, sagte sie – und kündigte z. B. für Ärzte u. a. günstigere Tickets an. Im 19. Jahrhundert war das anders. Die Kosten liegen bei ca. 1,5 Mio. Euro bzw. 3.000 Euro pro Tag. Dr. med. Meyer wohnt in der Berliner Str. 5. Das ist alles.\n";

fn repeat(s: &str, size: usize) -> String {
    s.repeat(size / s.len() + 1)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("split");
    for (name, text, lang) in [
        ("en_64k", repeat(EN, 64 * 1024), Language::En),
        ("de_64k", repeat(DE, 64 * 1024), Language::De),
        ("en_1m", repeat(EN, 1024 * 1024), Language::En),
        ("dr_100k", "Dr. ".repeat(100_000), Language::En),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| split(black_box(&text), lang)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
