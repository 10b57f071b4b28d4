//! TextRank (Mihalcea & Tarau 2004, "TextRank: Bringing Order into Texts",
//! EMNLP).
//!
//! Sentences are vertices; the edge between *Sᵢ* and *Sⱼ* weighs their
//! content overlap normalized by length,
//! `|{w : w ∈ Sᵢ ∧ w ∈ Sⱼ}| / (ln|Sᵢ| + ln|Sⱼ|)` (§4.1; words are stemmed
//! content words, `|S|` counts them with repetitions). The score is weighted
//! PageRank with damping *d* = 0.85 (§2.2), iterated to convergence. No
//! self-loops. Edges come from an inverted index of shared terms, never a
//! dense matrix; at most [`graph_max_sentences`] candidates enter the graph.
//!
//! [`graph_max_sentences`]: crate::SummarizerConfig::graph_max_sentences

use crate::methods::{pad, pagerank};
use crate::prep::{sparse_products, Doc};
use crate::SummarizerConfig;

pub(crate) fn score(doc: &Doc, config: &SummarizerConfig) -> Vec<f64> {
    let m = doc.n().min(config.graph_max_sentences);
    // Binary term indicators: the product of two rows counts shared types.
    let vecs: Vec<Vec<(u32, f64)>> = doc.tf[..m]
        .iter()
        .map(|row| row.iter().map(|&(t, _)| (t, 1.0)).collect())
        .collect();
    let overlap = sparse_products(&vecs, doc.vocab());
    let logs: Vec<f64> = doc.terms[..m]
        .iter()
        .map(|t| (t.len().max(1) as f64).ln())
        .collect();
    let adj: Vec<Vec<(u32, f64)>> = overlap
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            row.into_iter()
                .filter(|&(j, o)| j as usize != i && o > 0.0)
                .map(|(j, o)| {
                    let norm = logs[i] + logs[j as usize];
                    (j, if norm > 0.0 { o / norm } else { o })
                })
                .collect()
        })
        .collect();
    pad(pagerank(&adj, config.damping), doc.n())
}
