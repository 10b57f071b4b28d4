//! Per-block view of one dev page: label, rule, stage-1 and final
//! probability, region flag and the cleaner's decision.
//!
//! `cargo run -p nutgraf-clean --release --example dev_blocks -- <page id>`
mod common;

use nutgraf_clean::features::{dot, sigmoid, IN_REGION};
use nutgraf_clean::{Cleaner, Model};

fn main() {
    let id = std::env::args().nth(1).unwrap_or_default();
    let docs = common::load();
    let Some(d) = docs.iter().find(|d| d.id == id) else {
        eprintln!("no page {id}");
        std::process::exit(2);
    };
    let cleaner = Cleaner::new();
    let m = Model::shipped();
    let tr = cleaner.trace(&d.text);
    let l: Vec<f64> = tr.stage1.iter().map(|x| dot(m.stage1(), x)).collect();
    let f2 = Cleaner::trace_stage2(&tr, &l, m.region_offset());
    let kept: Vec<String> = cleaner
        .clean(&d.text)
        .article
        .blocks
        .iter()
        .map(|b| b.text.clone())
        .collect();
    let gl = common::gold_lines(d);
    for (i, b) in tr.article.blocks.iter().enumerate() {
        let lab = match common::label(d, &b.text, &gl) {
            Some(true) => "G",
            Some(false) => "-",
            None => "?",
        };
        let k = if kept.contains(&b.text) { "K" } else { " " };
        let t: String = b.text.chars().take(80).collect();
        println!(
            "{i:3} {lab}{k} {:4}w {} p1 {:.2} p2 {:.2} {} {:9} {t}",
            b.word_count(),
            if tr.rule_hit[i] { "R" } else { " " },
            sigmoid(l[i]),
            sigmoid(dot(m.stage2(), &f2[i])),
            if f2[i][IN_REGION] > 0.5 { "in " } else { "out" },
            b.kind.name(),
        );
    }
}
