//! Clean benchmarks.
//!
//! Question answered: how many MB/s of page text does `Cleaner::clean`
//! (parse + rules + classifier) process on one core? Target: >= 20 MB/s.
//!
//! * `clean/article_en`, `clean/article_de`: article-shaped pages (a little
//!   navigation, a title, a byline, body paragraphs, a list, a related-links
//!   footer), written for this bench.
//! * `clean/portal_en`: a page dominated by short menu and teaser lines, the
//!   worst case for per-block overhead (scraped portal pages look like this).
//! * `clean/seeds`: the five seed pages of `../shared/seeds/`, normalized,
//!   when that directory exists (skipped otherwise).
//! * `parse/article_en`: `nutgraf_article::parse` alone, for comparison.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nutgraf::clean::Cleaner;

const EN_PARA: &str = "The harbour authority said on Thursday that the tidal array had delivered more power than planned in its first month, and that two more towns had asked to join the scheme before the winter storms.";
const DE_PARA: &str = "Die Stadtwerke teilten am Donnerstag mit, die Gezeitenanlage habe im ersten Monat mehr Strom geliefert als geplant, und zwei weitere Gemeinden wollten sich noch vor den Winterstürmen anschließen.";

fn article(para: &str, nav: &[&str], extra: &[&str]) -> String {
    let mut s = String::new();
    for n in nav {
        s.push_str(n);
        s.push('\n');
    }
    s.push_str(
        "Tidal turbines light up the harbour\nHarbor Ledger|Newsroom|\nImage via Harbor Ledger\n\n",
    );
    for i in 0..12 {
        s.push_str(para);
        s.push_str(if i % 3 == 0 {
            "\n\nWhat changes next\n\n"
        } else {
            "\n\n"
        });
    }
    for i in 0..5 {
        s.push_str(&format!(
            "• Point number {i} of the list, short and to the point\n"
        ));
    }
    for e in extra {
        s.push_str(e);
        s.push('\n');
    }
    s
}

fn portal() -> String {
    let mut s = String::new();
    for i in 0..150 {
        s.push_str(&format!(
            "Section {i}\nHeadline of teaser number {i} about the harbour\n"
        ));
    }
    s.push_str(&article(EN_PARA, &[], &[]));
    for i in 0..60 {
        s.push_str(&format!("Footer link {i}\n"));
    }
    s
}

fn seeds() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let cfg = nutgraf::NormalizeConfig::default();
    let mut all = String::new();
    for f in files {
        let raw = std::fs::read_to_string(f).ok()?;
        all.push_str(nutgraf::text::normalize::normalize(&raw, &cfg).text());
        all.push('\u{0}');
    }
    Some(all)
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::new();
    let nav = [
        "sitename",
        "← Back to feed",
        "Home",
        "News",
        "Sport",
        "Culture",
    ];
    let footer = [
        "Related Articles",
        "Wind farm opens in the north",
        "Solar roofs for schools",
        "© 2024 Harbor Ledger. All rights reserved.",
    ];
    let pages = [
        ("article_en", article(EN_PARA, &nav, &footer)),
        (
            "article_de",
            article(
                DE_PARA,
                &["Startseite", "Zurück zur Übersicht"],
                &["Mehr zum Thema", "Windpark im Norden eröffnet", "Impressum"],
            ),
        ),
        ("portal_en", portal()),
    ];
    let mut g = c.benchmark_group("clean");
    for (name, page) in &pages {
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(*name, |b| b.iter(|| cleaner.clean(black_box(page))));
    }
    if let Some(all) = seeds() {
        let pages: Vec<&str> = all.split('\u{0}').filter(|p| !p.is_empty()).collect();
        g.throughput(Throughput::Bytes(
            pages.iter().map(|p| p.len() as u64).sum(),
        ));
        g.bench_function("seeds", |b| {
            b.iter(|| {
                for p in &pages {
                    black_box(cleaner.clean(black_box(p)));
                }
            })
        });
    } else {
        eprintln!("clean/seeds skipped: ../shared/seeds not found");
    }
    g.finish();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(pages[0].1.len() as u64));
    g.bench_function("article_en", |b| {
        b.iter(|| nutgraf::article::parse(black_box(&pages[0].1)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
