//! Throughput of `Cleaner::clean` on the dev pages, on the seeds and on
//! the synthetic pages of `benches/clean.rs` (an article and a portal page
//! of short menu and teaser lines), in MB
//! per second of this thread's CPU time (from `/proc/thread-self/schedstat`,
//! so that other jobs on a shared machine do not count; wall clock where
//! that file is missing).
//!
//! `cargo run -p nutgraf-clean --release --example clean_speed`
mod common;
use nutgraf_text::normalize::{normalize, NormalizeConfig};
use std::time::{Duration, Instant};

/// CPU time of this thread, if the kernel reports it.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Seconds spent in `f`: thread CPU time, else wall clock.
fn timed(f: impl FnOnce()) -> f64 {
    let (c0, w0) = (thread_cpu(), Instant::now());
    f();
    match (c0, thread_cpu()) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => w0.elapsed().as_secs_f64(),
    }
}

const EN_PARA: &str = "The harbour authority said on Thursday that the tidal array had delivered more power than planned in its first month, and that two more towns had asked to join the scheme before the winter storms.";

/// The article page of `benches/clean.rs`.
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

/// The portal page of `benches/clean.rs`.
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
    let secs = timed(|| {
        for _ in 0..300 {
            for s in &seeds {
                std::hint::black_box(c.clean(s));
            }
        }
    });
    println!("seeds: {:.1} MB/s", 300.0 * bytes as f64 / secs / 1e6);
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
    for (name, page, reps) in [
        ("article_en", article(EN_PARA, &nav, &footer), 3000),
        ("portal_en", portal(), 300),
    ] {
        let secs = timed(|| {
            for _ in 0..reps {
                std::hint::black_box(c.clean(&page));
            }
        });
        println!(
            "{name}: {:.1} MB/s",
            reps as f64 * page.len() as f64 / secs / 1e6
        );
    }
    let docs = common::load();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 5;
    let secs = timed(|| {
        for _ in 0..rounds {
            for d in &docs {
                std::hint::black_box(c.clean(&d.text));
            }
        }
    });
    println!(
        "dev pages: {:.1} MB/s",
        rounds as f64 * bytes as f64 / secs / 1e6
    );
}
