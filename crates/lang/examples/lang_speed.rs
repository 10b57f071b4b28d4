//! Rough throughput of `Detector::detect_document` on the pages of a
//! directory, one block per non-empty line (default: the seed pages):
//! `cargo run --release -p nutgraf-lang --example lang_speed [DIR] [ROUNDS]`.
//!
//! Prints MB/s by wall clock and by on-CPU time of this thread (Linux), which
//! a loaded machine disturbs less. The criterion bench (`cargo bench --bench
//! lang`) is the measurement of record.
use std::time::{Duration, Instant};

fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/seeds".to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(200);
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
    // Load the tables before timing.
    let _ = det.detect("warm up");
    let blocks: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.lines().filter(|l| !l.trim().is_empty()).collect())
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let cpu0 = thread_cpu();
    let t = Instant::now();
    for _ in 0..rounds {
        for b in &blocks {
            std::hint::black_box(det.detect_document(b));
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    match (cpu0, thread_cpu()) {
        (Some(a), Some(b)) if b > a => println!(
            "{:.1} MB/s wall, {:.1} MB/s CPU",
            mb / wall,
            mb / (b - a).as_secs_f64()
        ),
        _ => println!("{:.1} MB/s wall", mb / wall),
    }
}
