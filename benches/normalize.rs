//! Normalize benchmarks.
//!
//! Questions answered:
//! * `fix_encoding/clean_*`: how fast is the fast path on text that needs no
//!   repair (English ASCII-heavy, German with umlauts and typographic quotes,
//!   Greek)? Target: >= 500 MB/s.
//! * `fix_encoding/mangled_*`: how fast is the repair on text mangled through
//!   Windows-1252 and the Greek code page? Target: >= 50 MB/s.
//! * `normalize/default`: the full default pipeline (repair + hygiene) on a
//!   page with a mangled line.
//!
//! Texts are written for this bench (no third-party corpus is needed to
//! measure throughput); each is repeated to about 64 KiB.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nutgraf_text::normalize::{fix_encoding, normalize, NormalizeConfig};

const EN: &str = "The central bank kept its key rate unchanged on Thursday, saying inflation had eased for a third month while wages kept rising. Analysts had expected the decision; markets barely moved. “We will stay vigilant,” the governor said.\n";
const DE: &str = "Die Bürgermeisterin erklärte am Donnerstag, die Straßenbahn werde ab März häufiger fahren. „Wir müssen schneller werden“, sagte sie – und kündigte für Ärzte und Pflegekräfte günstigere Tickets an.\n";
const EL: &str = "Η Αθήνα και η Θεσσαλονίκη θα αποκτήσουν νέες γραμμές μετρό έως το 2030, δήλωσε ο υπουργός Μεταφορών.\n";

fn repeat(s: &str) -> String {
    s.repeat(64 * 1024 / s.len() + 1)
}

/// Windows-1252 for bytes 0x80..=0x9F (undefined bytes as their own code point).
const CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// UTF-8 bytes read as Windows-1252.
fn cp1252_mangle(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            0x80..=0x9F => CP1252_C1[(b - 0x80) as usize],
            _ => char::from(b),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("fix_encoding");
    for (name, text) in [
        ("clean_en", repeat(EN)),
        ("clean_de", repeat(DE)),
        ("clean_el", repeat(EL)),
    ] {
        assert!(
            matches!(fix_encoding(&text), std::borrow::Cow::Borrowed(_)),
            "{name} must stay clean"
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| fix_encoding(black_box(&text)).len()));
    }
    let mangled_de = cp1252_mangle(&repeat(DE));
    assert_eq!(fix_encoding(&mangled_de), repeat(DE));
    let greek_line = "Key points\n  \u{2022} \u{3B2}\u{2020}\u{2019}Rates unchanged \u{3B2}\u{20AC}\u{201D} for now\n";
    let mangled_el = repeat(greek_line);
    for (name, text) in [
        ("mangled_de_cp1252", mangled_de),
        ("mangled_line_cp1253", mangled_el),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| fix_encoding(black_box(&text)).len()));
    }
    g.finish();

    let mut g = c.benchmark_group("normalize");
    let page = format!(
        "{}{}{}",
        repeat(EN),
        "  \u{2022} \u{3B2}\u{2020}\u{2019}Next\u{A0}\u{A0}step\r\n",
        repeat(DE)
    );
    let config = NormalizeConfig::default();
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("default", |b| {
        b.iter(|| normalize(black_box(&page), &config).text().len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
