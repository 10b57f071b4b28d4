//! The algorithms, one module each, with the paper each one follows.
//!
//! Every method turns the prepared candidates into one score per sentence
//! (higher is better); the shared selection step (budget, MMR, query hint,
//! order) lives in the crate root. Sequential methods (SumBasic, KL-Sum)
//! score by the order in which they pick sentences.

pub mod centroid;
pub mod default;
pub mod klsum;
pub mod lead;
pub mod lexrank;
pub mod luhn;
pub mod sumbasic;
pub mod textrank;

use crate::prep::{Doc, Rows};
use crate::{Method, SummarizerConfig};

/// Scores of every candidate under `method`. `picks` is how many sentences
/// a sequential method must rank at least.
pub(crate) fn score(
    method: Method,
    doc: &Doc,
    config: &SummarizerConfig,
    picks: usize,
) -> Vec<f64> {
    match method {
        Method::Lead => lead::score(doc),
        Method::TextRank => textrank::score(doc, config),
        Method::LexRank => lexrank::score(doc, config),
        Method::Luhn => luhn::score(doc),
        Method::SumBasic => sumbasic::score(doc, picks),
        Method::KlSum => klsum::score(doc, picks),
        Method::Centroid => centroid::score(doc),
        Method::Default => default::score(doc, config),
    }
}

/// Scores from a ranking: the first picked gets `len`, the next `len − 1`,
/// …; unranked candidates get 0.
pub(crate) fn from_ranking(n: usize, ranking: &[usize]) -> Vec<f64> {
    let mut s = vec![0.0; n];
    let k = ranking.len();
    for (r, &i) in ranking.iter().enumerate() {
        s[i] = (k - r) as f64;
    }
    s
}

/// PageRank by power iteration over a sparse weighted graph (rows need not
/// be normalized; each row is divided by its sum). Dangling rows spread
/// their mass evenly. Stops when the L1 change is below 1e-8 or after 200
/// iterations.
pub(crate) fn pagerank(adj: &Rows<(u32, f64)>, damping: f64) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let sums: Vec<f64> = adj.iter().map(|r| r.iter().map(|(_, w)| w).sum()).collect();
    let mut p = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..200 {
        let mut dangling = 0.0;
        next.iter_mut().for_each(|x| *x = 0.0);
        for (i, row) in adj.iter().enumerate() {
            if sums[i] <= 0.0 {
                dangling += p[i];
                continue;
            }
            let share = p[i] / sums[i];
            for &(j, w) in row {
                next[j as usize] += share * w;
            }
        }
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        let mut delta = 0.0;
        for i in 0..n {
            let v = base + damping * next[i];
            delta += (v - p[i]).abs();
            p[i] = v;
        }
        if delta < 1e-8 {
            break;
        }
    }
    p
}

/// Pads graph scores of the first `m` candidates to `n` (later ones 0).
pub(crate) fn pad(mut s: Vec<f64>, n: usize) -> Vec<f64> {
    s.resize(n, 0.0);
    s
}

/// Completes a ranking up to `want` sentences with the ones not yet picked,
/// in document order (sentences a method could not score, e.g. without
/// content words).
pub(crate) fn fill_in_document_order(ranking: &mut Vec<usize>, picked: &mut [bool], want: usize) {
    for (i, p) in picked.iter_mut().enumerate() {
        if ranking.len() >= want {
            break;
        }
        if !*p {
            *p = true;
            ranking.push(i);
        }
    }
}
