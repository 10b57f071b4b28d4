//! Rough throughput of `Detector::detect_document` on the seed pages:
//! `cargo run --release -p nutgraf-lang --example lang_speed [DIR]`.
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/seeds".to_string());
    let mut docs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                docs.push(t);
            }
        }
    }
    if docs.is_empty() {
        eprintln!("no files in {dir}");
        return;
    }
    let det = nutgraf_lang::Detector::new();
    let blocks: Vec<Vec<&str>> = docs.iter().map(|d| d.lines().collect()).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let rounds = 200;
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        for b in &blocks {
            std::hint::black_box(det.detect_document(b));
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{:.1} MB/s", (bytes * rounds) as f64 / s / 1e6);
}
