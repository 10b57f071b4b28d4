//! LexRank (Erkan & Radev 2004, "LexRank: Graph-based Lexical Centrality as
//! Salience in Text Summarization", JAIR 22).
//!
//! Edges are idf-modified cosine similarities of the sentences' tf-idf
//! vectors (eq. 3; idf from the document's sentences, since there is no
//! corpus). *Thresholded* LexRank (Algorithm 3) keeps an unweighted edge
//! wherever the cosine exceeds the threshold (0.1 by default, the paper's
//! best); *continuous* LexRank (§3.3) keeps the cosines as weights. As in
//! the paper's cosine matrix, a sentence's similarity with itself counts.
//! The score is the stationary distribution of the damped random walk
//! (eq. 5, *d* = 0.85 here as the probability of following an edge).
//! Similarities come from a sparse inverted index; at most
//! [`graph_max_sentences`] candidates enter the graph, and a
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
    let idf = lexrank_idf(doc);
    let vecs = doc.tfidf_vectors(&idf);
    // The upper triangle of the (symmetric) similarities, and so of the
    // graph.
    let sims = sparse_products(&vecs, m, doc.vocab(), config.graph_max_df);
    let mut adj: Rows<(u32, f64)> = Rows::with_capacity(m, 0);
    for row in sims.iter() {
        for &(j, s) in row {
            match config.lexrank_threshold {
                Some(t) if s > t => adj.push((j, 1.0)),
                None if s > 0.0 => adj.push((j, s)),
                _ => {}
            }
        }
        adj.end_row();
    }
    let adj = fit_links(adj, config.graph_max_links);
    pad(pagerank_upper(&adj, config.damping), doc.n())
}

/// `ln(N / df)` over the document's sentences, floored at a small positive
/// value so that a term in every sentence does not vanish entirely.
fn lexrank_idf(doc: &Doc) -> Vec<f64> {
    let n = doc.n().max(1) as f64;
    doc.df
        .iter()
        .map(|&d| (n / f64::from(d.max(1))).ln().max(0.01))
        .collect()
}
