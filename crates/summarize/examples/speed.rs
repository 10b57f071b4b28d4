//! Measuring tool: CPU time per document of `Summarizer::summarize_text`
//! over a JSON Lines corpus (`{id, text}`), on this thread
//! (`/proc/thread-self/schedstat`, so other load on the machine does not
//! count), best of several passes.
//!
//! ```text
//! cargo run --release -p nutgraf-summarize --example speed -- FILE [METHOD] [PASSES] [units]
//! ```
//! `speed curve METHOD PASSES FILE…` instead times each plain-text file
//! (one article each, e.g. the cost-curve articles of benches/pipeline.rs),
//! the files taken in turn in every pass so that they share the machine's
//! noise, and prints the fastest time of each and its ratio to the first.
//!
//! With `units`, the articles are split into units once beforehand and only
//! `Summarizer::summarize` is timed (the summarizer without sentence
//! splitting; all sentences in one block).

use std::io::BufRead;
use std::time::Duration;

use nutgraf_summarize::{
    Budget, Input, Language, Method, Summarizer, SummarizerConfig, Unit, UnitKind,
};

fn thread_cpu() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns: u64 = s
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

/// `speed curve METHOD PASSES FILE…`.
fn curve(args: &[String]) {
    let method: Method = args[0].parse().expect("method");
    let passes: usize = args[1].parse().expect("passes");
    let texts: Vec<String> = args[2..]
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("file"))
        .collect();
    let s = Summarizer::new(
        SummarizerConfig::default()
            .method(method)
            .budget(Budget::Sentences(3)),
    )
    .expect("config");
    let mut best = vec![Duration::MAX; texts.len()];
    let largest = texts.iter().map(String::len).max().unwrap_or(0);
    for _ in 0..passes {
        for (t, b) in texts.iter().zip(best.iter_mut()) {
            // Each timing covers about as much text as the largest file
            // (the thread's CPU clock advances in coarse steps).
            let reps = (largest / t.len().max(1)).max(1);
            let t0 = thread_cpu();
            for _ in 0..reps {
                let sum = s.summarize_text(t, None, Language::En).expect("summary");
                assert!(!sum.sentences.is_empty());
            }
            *b = (*b).min((thread_cpu() - t0) / reps as u32);
        }
    }
    for ((f, t), b) in args[2..].iter().zip(&texts).zip(&best) {
        println!(
            "{} {f} ({} bytes): {:.3} ms, {:.1}x the first",
            method.name(),
            t.len(),
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / best[0].as_secs_f64()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "curve") {
        return curve(&args[2..]);
    }
    let path = args
        .get(1)
        .expect("usage: speed FILE [METHOD] [PASSES] [units]");
    let method: Method = args
        .get(2)
        .map(|m| m.parse().expect("method"))
        .unwrap_or(Method::Default);
    let passes: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let units_only = args.get(4).is_some_and(|s| s == "units");
    let texts: Vec<String> = std::io::BufReader::new(std::fs::File::open(path).expect("file"))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            v["text"].as_str().expect("text").to_string()
        })
        .collect();
    let s = Summarizer::new(
        SummarizerConfig::default()
            .method(method)
            .budget(Budget::Sentences(3)),
    )
    .expect("config");
    let inputs: Vec<Input<'_>> = if units_only {
        texts
            .iter()
            .map(|t| Input {
                title: None,
                language: Language::En,
                units: nutgraf_text::sentences::split(t, Language::En)
                    .into_iter()
                    .map(|s| Unit {
                        text: s.text,
                        span: s.span,
                        kind: UnitKind::Body,
                        block: 0,
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut best = Duration::MAX;
    let mut check = 0usize;
    for _ in 0..passes {
        let t0 = thread_cpu();
        if units_only {
            for i in &inputs {
                check += s.summarize(i).expect("summary").sentences.len();
            }
        } else {
            for t in &texts {
                check += s
                    .summarize_text(t, None, Language::En)
                    .expect("summary")
                    .sentences
                    .len();
            }
        }
        best = best.min(thread_cpu() - t0);
    }
    println!(
        "{} {}: {:.1} us/doc CPU (best of {passes} passes over {} docs; check {check})",
        method.name(),
        if units_only {
            "summarize"
        } else {
            "summarize_text"
        },
        best.as_secs_f64() * 1e6 / texts.len() as f64,
        texts.len()
    );
}
