//! How fast is language identification on article text? (issue 8 target:
//! ≥ 10 MB/s per core). Measures `Detector::detect_document` on the blocks
//! (lines) of the five seed pages in `../shared/seeds`, and `Detector::detect`
//! on short texts (a headline, a word pair). Falls back to a built-in
//! paragraph when the shared seeds are not present.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nutgraf_lang::Detector;

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(p) {
                out.push(t);
            }
        }
    }
    if out.is_empty() {
        out.push(
            "Die Bewegung markiert einen Wendepunkt in der Beziehung zwischen Blockchain-Technologie \
             und künstlicher Intelligenz.\nThe alliance targets countries seeking to reduce reliance \
             on American and European AI ecosystems."
                .repeat(20),
        );
    }
    out
}

fn bench(c: &mut Criterion) {
    let det = Detector::new();
    let docs = seeds();
    let blocks: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.lines().filter(|l| !l.trim().is_empty()).collect())
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let _ = det.detect("warm up the tables");

    let mut g = c.benchmark_group("lang");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("detect_document/seeds", |b| {
        b.iter(|| {
            for bl in &blocks {
                std::hint::black_box(det.detect_document(bl));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("lang-short");
    g.bench_function("detect/headline", |b| {
        b.iter(|| {
            det.detect(std::hint::black_box(
                "Regierung beschließt neuen Haushalt für 2025",
            ))
        })
    });
    g.bench_function("detect/pair", |b| {
        b.iter(|| det.detect(std::hint::black_box("political party")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
