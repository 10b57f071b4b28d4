//! Throughput of `Cleaner::clean` on the dev pages and on the seeds.
//! `cargo run -p nutgraf-clean --release --example clean_speed`
mod common;
use nutgraf_text::normalize::{normalize, NormalizeConfig};
fn main() {
    let c = nutgraf_clean::Cleaner::new();
    let dir = common::shared_dir().join("seeds");
    let seeds: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            normalize(
                &std::fs::read_to_string(e.path()).unwrap(),
                &NormalizeConfig::default(),
            )
            .text()
            .to_string()
        })
        .collect();
    let bytes: usize = seeds.iter().map(|s| s.len()).sum();
    let t = std::time::Instant::now();
    for _ in 0..300 {
        for s in &seeds {
            std::hint::black_box(c.clean(s));
        }
    }
    println!(
        "seeds: {:.1} MB/s",
        300.0 * bytes as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    let docs = common::load();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = std::time::Instant::now();
    for d in &docs {
        std::hint::black_box(c.clean(&d.text));
    }
    println!(
        "dev pages: {:.1} MB/s",
        bytes as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}
