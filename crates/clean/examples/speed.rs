mod common;
fn main() {
    let docs = common::load();
    let c = nutgraf_clean::Cleaner::new();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 { for d in &docs { n += c.clean(&d.text).article.blocks.len(); } }
    let s = t.elapsed().as_secs_f64();
    println!("{:.1} MB/s ({n})", 3.0 * bytes as f64 / s / 1e6);
    let t = std::time::Instant::now();
    for d in &docs { n += nutgraf_clean::parse(&d.text).blocks.len(); }
    println!("parse only {:.1} MB/s", bytes as f64 / t.elapsed().as_secs_f64() / 1e6);
}
