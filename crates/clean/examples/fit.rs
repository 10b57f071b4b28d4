//! Fits the block classifier's weights on the dev sets in
//! `../shared/data/clean/` and writes them to `src/weights.rs`.
//!
//! ```text
//! cargo run -p nutgraf-clean --release --example fit            # report only
//! cargo run -p nutgraf-clean --release --example fit -- --write # also write src/weights.rs
//! ```
//!
//! Reproducible: documents are assigned to 5 folds by a fixed-seed shuffle,
//! the fit is full-batch gradient descent (Adam) from zeros, no randomness
//! elsewhere. It reports the cross-validated figures (each page cleaned by a
//! model fitted without it) and the held-in figures (fitted on everything),
//! separately.
//!
//! Model: two logistic regressions. Stage 1 scores a block from its own
//! features; stage 2 rescores it with its neighbours' stage-1 scores and the
//! main content region. Training rows are the blocks no rule removed, with a
//! label from the gold article (dev.jsonl: the block is in the gold body) or
//! the snippets (snippets_dev.jsonl: the block holds a `with` or a `without`
//! snippet). A `dev.jsonl` page weighs [`DEV_WEIGHT`] times a snippet page
//! (its labels are complete); within a dev page a block weighs by its words
//! (the metric counts tokens). The thresholds (0 to 0.48 inside the main
//! region, 0.3 to 0.9 outside) and the region offset are picked on the
//! training pages: mean token F1 + snippet F1, minus a penalty when token
//! recall falls under [`RECALL_FLOOR`]. The simulated output drops repeats
//! as the cleaner does (`features::duplicates`).
mod common;

use common::Doc;
use nutgraf_clean::features::{
    decode, dot, duplicates, margin, sigmoid, IN_REGION, N1, N2, NAMES1, NAMES2,
};
use nutgraf_clean::{BlockKind, Cleaner, Model, Trace};

const FOLDS: usize = 5;
/// How much a `dev.jsonl` page weighs against a snippet page (chosen by the
/// cross-validated figures among 1, 2, 3, 4, 6 and 8: 4 to 8 were best).
const DEV_WEIGHT: f64 = 6.0;
/// Keep/drop switch costs tried by the sequence decoder (chosen on the
/// training pages of each fold, like the thresholds). Larger grids did not
/// pay off in cross-validation: with the plain margins and costs
/// 0, 0.5, 1, 2, 3 dev.jsonl went to F1 0.878 but recall 0.957; with
/// length-weighted margins and 0, 1, 2, 4, 6 to F1 0.870, recall 0.959;
/// with 0, 0.25, 0.5, 1 to F1 0.875, recall 0.966 (cost 0: F1 0.876,
/// recall 0.969). So the decoder is fitted, but with cost 0 only.
const SWITCH_COSTS: [f64; 1] = [0.0];
/// Training-page token recall under which the threshold search is penalised
/// (the target; a floor of 0.975 was tried and lowered cross-validated F1
/// without raising cross-validated recall).
const RECALL_FLOOR: f64 = 0.97;
const SEED: u64 = 0x006e_7574_6772_6166; // "nutgraf"

struct Item<'a> {
    doc: &'a Doc,
    trace: Trace,
    labels: Vec<Option<bool>>,
    weights: Vec<f64>,
}

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

/// Weighted L2-regularised logistic regression; weights on the raw scale.
fn fit(x: &[Vec<f64>], y: &[f64], w: &[f64], l2: f64, iters: usize) -> Vec<f64> {
    let d = x[0].len();
    let n = x.len();
    let mut mean = vec![0.0; d];
    let mut sd = vec![1.0; d];
    let wsum: f64 = w.iter().sum();
    for j in 1..d {
        let m = x.iter().zip(w).map(|(r, wi)| r[j] * wi).sum::<f64>() / wsum;
        let v = x
            .iter()
            .zip(w)
            .map(|(r, wi)| (r[j] - m).powi(2) * wi)
            .sum::<f64>()
            / wsum;
        mean[j] = m;
        sd[j] = if v > 1e-12 { v.sqrt() } else { 1.0 };
    }
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|r| {
            (0..d)
                .map(|j| {
                    if j == 0 {
                        1.0
                    } else {
                        (r[j] - mean[j]) / sd[j]
                    }
                })
                .collect()
        })
        .collect();
    let mut b = vec![0.0; d];
    let (mut m1, mut m2) = (vec![0.0; d], vec![0.0; d]);
    let (lr, b1, b2) = (0.05, 0.9, 0.999);
    for t in 1..=iters {
        let mut g = vec![0.0; d];
        for i in 0..n {
            let p = sigmoid(dot(&b, &z[i]));
            let e = (p - y[i]) * w[i] / wsum;
            for j in 0..d {
                g[j] += e * z[i][j];
            }
        }
        for j in 1..d {
            g[j] += l2 * b[j];
        }
        for j in 0..d {
            m1[j] = b1 * m1[j] + (1.0 - b1) * g[j];
            m2[j] = b2 * m2[j] + (1.0 - b2) * g[j] * g[j];
            let mh = m1[j] / (1.0 - b1.powi(t as i32));
            let vh = m2[j] / (1.0 - b2.powi(t as i32));
            b[j] -= lr * mh / (vh.sqrt() + 1e-8);
        }
    }
    // Back to the raw scale.
    let mut raw = vec![0.0; d];
    raw[0] = b[0];
    for j in 1..d {
        raw[j] = b[j] / sd[j];
        raw[0] -= b[j] * mean[j] / sd[j];
    }
    raw
}

fn trainable(it: &Item<'_>, i: usize) -> bool {
    !it.trace.rule_hit[i]
        && it.trace.article.blocks[i].kind != BlockKind::Title
        && it.labels[i].is_some()
}

/// Simulated output (kept non-title blocks) at thresholds (inside, outside
/// the region) and a keep/drop switch cost.
fn simulate(it: &Item<'_>, probs: &[(f64, bool)], thr: f64, out_thr: f64, switch: f64) -> String {
    let blocks = &it.trace.article.blocks;
    let margins: Vec<Option<f64>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (p, inside) = probs[i];
            (b.kind != BlockKind::Title && !it.trace.rule_hit[i])
                .then(|| margin(p, if inside { thr } else { out_thr }, it.trace.words[i]))
        })
        .collect();
    let keep = decode(&margins, switch);
    let kept: Vec<bool> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| b.kind != BlockKind::Title && !it.trace.rule_hit[i] && keep[i])
        .collect();
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let dup = duplicates(&texts, &kept, it.trace.article.title.as_deref());
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !kept[i] || dup[i] {
            continue;
        }
        out.push(b.text.as_str());
    }
    out.join("\n\n")
}

fn stage2_probs(it: &Item<'_>, w1: &[f64], w2: &[f64], off: f64) -> Vec<(f64, bool)> {
    let l: Vec<f64> = it.trace.stage1.iter().map(|x| dot(w1, x)).collect();
    Cleaner::trace_stage2(&it.trace, &l, off)
        .iter()
        .map(|x| (sigmoid(dot(w2, x)), x[IN_REGION] > 0.5))
        .collect()
}

fn fit_all(items: &[&Item<'_>]) -> Model {
    let (mut x, mut y, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for it in items {
        for i in 0..it.trace.stage1.len() {
            if trainable(it, i) {
                x.push(it.trace.stage1[i].to_vec());
                y.push(f64::from(u8::from(it.labels[i] == Some(true))));
                w.push(it.weights[i]);
            }
        }
    }
    let w1 = fit(&x, &y, &w, 1e-3, 400);
    let docs: Vec<&Doc> = items.iter().map(|it| it.doc).collect();
    let mut best: (f64, Option<Model>) = (f64::NEG_INFINITY, None);
    for off in [0.2, 0.3, 0.4, 0.5] {
        let (mut x2, mut y2, mut ww2) = (Vec::new(), Vec::new(), Vec::new());
        for it in items {
            let l: Vec<f64> = it.trace.stage1.iter().map(|x| dot(&w1, x)).collect();
            let f2 = Cleaner::trace_stage2(&it.trace, &l, off);
            for (i, row) in f2.iter().enumerate() {
                if trainable(it, i) {
                    x2.push(row.to_vec());
                    y2.push(f64::from(u8::from(it.labels[i] == Some(true))));
                    ww2.push(it.weights[i]);
                }
            }
        }
        let w2 = fit(&x2, &y2, &ww2, 1e-3, 400);
        // Thresholds on the training pages.
        let probs: Vec<Vec<(f64, bool)>> = items
            .iter()
            .map(|it| stage2_probs(it, &w1, &w2, off))
            .collect();
        for switch in SWITCH_COSTS {
            for out_thr in [0.3, 0.5, 0.7, 0.9] {
                for k in 0..=12 {
                    let thr = k as f64 * 0.04;
                    let outs: Vec<String> = items
                        .iter()
                        .zip(&probs)
                        .map(|(it, p)| simulate(it, p, thr, out_thr, switch))
                        .collect();
                    let r = common::report(&docs, &outs);
                    let obj = r.dev_f + r.snip.prf().2 - 3.0 * (RECALL_FLOOR - r.dev_r).max(0.0);
                    if obj > best.0 {
                        best = (
                            obj,
                            Model::new(w1.clone(), w2.clone(), thr, out_thr, off)
                                .and_then(|m| m.with_switch_cost(switch)),
                        );
                    }
                }
            }
        }
    }
    best.1.expect("model shape")
}

fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let docs = common::load();
    let tracer = Cleaner::new();
    let items: Vec<Item<'_>> = docs
        .iter()
        .map(|d| {
            let trace = tracer.trace(&d.text);
            let gl = common::gold_lines(d);
            let labels: Vec<Option<bool>> = trace
                .article
                .blocks
                .iter()
                .map(|b| common::label(d, &b.text, &gl))
                .collect();
            let raw: Vec<f64> = trace
                .article
                .blocks
                .iter()
                .map(|b| {
                    if d.gold.is_some() {
                        b.word_count().max(1) as f64
                    } else {
                        1.0
                    }
                })
                .collect();
            let total: f64 = raw
                .iter()
                .zip(&labels)
                .filter(|(_, l)| l.is_some())
                .map(|(r, _)| r)
                .sum();
            let scale = if d.gold.is_some() { DEV_WEIGHT } else { 1.0 };
            let weights = raw.iter().map(|r| scale * r / total.max(1.0)).collect();
            Item {
                doc: d,
                trace,
                labels,
                weights,
            }
        })
        .collect();
    let n_rows: usize = items
        .iter()
        .map(|it| (0..it.labels.len()).filter(|&i| trainable(it, i)).count())
        .sum();
    println!("{} pages, {} labelled training blocks", items.len(), n_rows);

    // Fold assignment: fixed-seed shuffle.
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut st = SEED;
    for i in (1..order.len()).rev() {
        let j = (lcg(&mut st) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let mut fold = vec![0; items.len()];
    for (k, &i) in order.iter().enumerate() {
        fold[i] = k % FOLDS;
    }
    let mut cv_out = vec![String::new(); items.len()];
    for f in 0..FOLDS {
        let train: Vec<&Item<'_>> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| fold[*i] != f)
            .map(|(_, it)| it)
            .collect();
        let model = fit_all(&train);
        println!(
            "fold {f}: threshold {:.2} outside {:.2} region offset {:.2} switch {:.2}",
            model.threshold(),
            model.outside_threshold(),
            model.region_offset(),
            model.switch_cost()
        );
        let cleaner = Cleaner::builder().model(model).build().expect("cleaner");
        for (i, it) in items.iter().enumerate() {
            if fold[i] == f {
                cv_out[i] = cleaner.clean(&it.doc.text).article.text();
            }
        }
    }
    let refs: Vec<&Doc> = docs.iter().collect();
    common::print_report("cross-validated (5 folds)", &common::report(&refs, &cv_out));

    let all: Vec<&Item<'_>> = items.iter().collect();
    let model = fit_all(&all);
    let cleaner = Cleaner::builder()
        .model(model.clone())
        .build()
        .expect("cleaner");
    common::print_report(
        "held-in (fitted on all)",
        &common::report(&refs, &common::run(&cleaner, &refs)),
    );
    println!(
        "threshold {:.2} outside {:.2} region offset {:.2} switch {:.2}",
        model.threshold(),
        model.outside_threshold(),
        model.region_offset(),
        model.switch_cost()
    );
    for (n, w) in NAMES1.iter().zip(model.stage1()) {
        println!("  s1 {n:28} {w:+.4}");
    }
    for (n, w) in NAMES2.iter().zip(model.stage2()) {
        println!("  s2 {n:28} {w:+.4}");
    }
    if write {
        let fmt = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{x:.6}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let src = format!(
            "// @generated by `cargo run -p nutgraf-clean --release --example fit -- --write` — do not edit.\n\
             //! Shipped classifier weights (plain data), fitted on the dev sets in\n\
             //! `../shared/data/clean/` (see `examples/fit.rs`).\n\n\
             /// Stage-1 weights (raw feature scale), in the order of `features::NAMES1`.\n\
             pub const STAGE1: [f64; crate::features::N1] = [{}];\n\
             /// Stage-2 weights, in the order of `features::NAMES2`.\n\
             pub const STAGE2: [f64; crate::features::N2] = [{}];\n\
             /// Decision threshold on the stage-2 probability inside the main content region.\n\
             pub const THRESHOLD: f64 = {:.2};\n\
             /// Decision threshold outside the main content region.\n\
             pub const OUTSIDE_THRESHOLD: f64 = {:.2};\n\
             /// Probability a block must beat to count towards the main content region.\n\
             pub const REGION_OFFSET: f64 = {:.2};\n\
             /// Cost of switching between keep and drop in the sequence decoder.\n\
             pub const SWITCH_COST: f64 = {:.2};\n",
            fmt(model.stage1()),
            fmt(model.stage2()),
            model.threshold(),
            model.outside_threshold(),
            model.region_offset(),
            model.switch_cost()
        );
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/weights.rs");
        std::fs::write(&path, src).expect("write weights");
        // Keep the generated file in rustfmt's layout (when rustfmt is there).
        let _ = std::process::Command::new("rustfmt")
            .args(["--edition", "2021"])
            .arg(&path)
            .status();
        println!("wrote {}", path.display());
    }
    let _ = (N1, N2);
}
