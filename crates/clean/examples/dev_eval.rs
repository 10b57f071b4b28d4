//! Measures the cleaner on the dev sets in `../shared/data/clean/` with the
//! shipped weights (held-in figures: the weights were fitted on these sets;
//! the cross-validated figures come from `examples/fit.rs`).
//!
//! `cargo run -p nutgraf-clean --release --example dev_eval [-- --seeds] [-- --worst N [--show]] [-- --dump FILE]`
mod common;

use nutgraf_clean::Cleaner;
use nutgraf_text::normalize::{normalize, NormalizeConfig};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cleaner = Cleaner::new();
    if args.iter().any(|a| a == "--seeds") {
        let dir = common::shared_dir().join("seeds");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("seeds")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let raw = std::fs::read_to_string(&f).expect("seed");
            let n = normalize(&raw, &NormalizeConfig::default());
            let c = cleaner.clean(n.text());
            println!("=== {}", f.file_name().unwrap().to_string_lossy());
            println!(
                "title: {:?} | byline: {:?} | source: {:?} | lang: {:?}",
                c.article.title, c.article.byline, c.article.source, c.article.language
            );
            println!(
                "summary: {:?}",
                c.summary.as_deref().map(|s| &s[..s.len().min(60)])
            );
            println!("key_takeaways: {}", c.key_takeaways.len());
            for r in &c.removed {
                println!(
                    "  - [{}{}] {:?}",
                    r.reason.rule,
                    r.reason
                        .score
                        .map(|s| format!(" {s:.2}"))
                        .unwrap_or_default(),
                    &n.text()[r.span.clone()]
                );
            }
            for b in &c.article.blocks {
                let t: String = b.text.chars().take(70).collect();
                println!("  + {:9} {}", b.kind.name(), t);
            }
        }
        return;
    }
    let docs = common::load();
    let refs: Vec<&common::Doc> = docs.iter().collect();
    let t = std::time::Instant::now();
    let outs = common::run(&cleaner, &refs);
    let secs = t.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let r = common::report(&refs, &outs);
    common::print_report("shipped (held-in)", &r);
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        // One JSON line per page: id, the clean text and every removal, to
        // check that a speed-up leaves the output unchanged.
        let path = args.get(i + 1).expect("--dump FILE");
        let mut out = String::new();
        for d in &refs {
            let c = cleaner.clean(&d.text);
            let removed: Vec<serde_json::Value> = c
                .removed
                .iter()
                .map(|r| {
                    serde_json::json!([r.span.start, r.span.end, r.reason.rule, r.reason.score])
                })
                .collect();
            out.push_str(
                &serde_json::json!({"id": d.id, "text": c.article.text(), "title": c.article.title, "language": format!("{:?}", c.article.language), "source": c.article.source, "byline": c.article.byline, "summary": c.summary, "key_takeaways": c.key_takeaways, "removed": removed})
                    .to_string(),
            );
            out.push('\n');
        }
        std::fs::write(path, out).expect("write dump");
    }
    println!(
        "throughput: {:.1} MB/s over {} docs ({:.2} ms/doc)",
        bytes as f64 / secs / 1e6,
        docs.len(),
        secs * 1e3 / docs.len() as f64
    );
    let rules_only = Cleaner::builder().classifier(false).build().unwrap();
    let r = common::report(&refs, &common::run(&rules_only, &refs));
    common::print_report("rules only", &r);
    if let Some(i) = args.iter().position(|a| a == "--worst") {
        let k: usize = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(10);
        let mut scored: Vec<(f64, f64, f64, &common::Doc)> = refs
            .iter()
            .zip(&outs)
            .filter_map(|(d, o)| {
                d.gold_raw.as_ref().map(|g| {
                    let (p, r, f) = common::prf_tokens(o, g);
                    (f, p, r, *d)
                })
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, d) in scored.iter().take(k) {
            println!("{} F1 {f:.3} P {p:.3} R {r:.3}", d.id);
            if args.iter().any(|a| a == "--show") {
                let gl = common::gold_lines(d);
                for b in &cleaner.clean(&d.text).article.blocks {
                    if common::label(d, &b.text, &gl) != Some(true) {
                        let t: String = b.text.chars().take(90).collect();
                        println!("    x [{:2}w] {t}", b.word_count());
                    }
                }
            }
        }
    }
}
