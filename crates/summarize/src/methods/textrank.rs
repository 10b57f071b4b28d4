//! TextRank (Mihalcea & Tarau 2004, "TextRank: Bringing Order into Texts",
//! EMNLP).
//!
//! Sentences are vertices; the edge between *Sᵢ* and *Sⱼ* weighs their
//! content overlap normalized by length,
//! `|{w : w ∈ Sᵢ ∧ w ∈ Sⱼ}| / (ln|Sᵢ| + ln|Sⱼ|)` (§4.1; words are stemmed
//! content words, `|S|` counts them with repetitions). The score is weighted
//! PageRank with damping *d* = 0.85 (§2.2), iterated to convergence. No
//! self-loops. Edges come from an inverted index of shared terms, never a
//! dense matrix; at most [`graph_max_sentences`] candidates enter the graph, and a
//! graph keeps at most [`graph_max_links`] links (the leading candidates
//! whose links fit).
//!
//! [`graph_max_sentences`]: crate::SummarizerConfig::graph_max_sentences
//! [`graph_max_links`]: crate::SummarizerConfig::graph_max_links

use crate::methods::{fit_links, pad, pagerank_upper};
use crate::prep::{sparse_products, Doc, Rows};
use crate::SummarizerConfig;

pub(crate) fn score(doc: &Doc, config: &SummarizerConfig) -> Vec<f64> {
    let m = doc.n().min(config.graph_max_sentences);
    // Binary term indicators: the product of two rows counts shared types.
    let mut vecs: Rows<(u32, f64)> = Rows::with_capacity(m, 0);
    for row in doc.tf.iter().take(m) {
        for &(t, _) in row {
            vecs.push((t, 1.0));
        }
        vecs.end_row();
    }
    // The upper triangle of the (symmetric) overlaps, and so of the graph.
    let overlap = sparse_products(&vecs, m, doc.vocab(), config.graph_max_df);
    let logs: Vec<f64> = doc
        .terms
        .iter()
        .take(m)
        .map(|t| (t.len().max(1) as f64).ln())
        .collect();
    let mut adj: Rows<(u32, f64)> = Rows::with_capacity(m, 0);
    for (i, row) in overlap.iter().enumerate() {
        for &(j, o) in row {
            if j as usize != i && o > 0.0 {
                let norm = logs[i] + logs[j as usize];
                adj.push((j, if norm > 0.0 { o / norm } else { o }));
            }
        }
        adj.end_row();
    }
    let adj = fit_links(adj, config.graph_max_links);
    pad(pagerank_upper(&adj, config.damping), doc.n())
}
