//! nutgraf's default: position-augmented, directed centrality with title
//! similarity, in the spirit of PacSum (Zheng & Lapata 2019, "Sentence
//! Centrality Revisited for Unsupervised Summarization", ACL), followed by
//! MMR (Carbonell & Goldstein 1998).
//!
//! See [`DefaultWeights`](crate::DefaultWeights) for the formula and every
//! weight. Edges are tf-idf cosines from a sparse inverted index (at most
//! [`graph_max_sentences`] candidates enter the graph).
//!
//! [`graph_max_sentences`]: crate::SummarizerConfig::graph_max_sentences

use crate::prep::{dot, normalize, sparse_products, tfidf, Doc};
use crate::SummarizerConfig;

pub(crate) fn score(doc: &Doc, config: &SummarizerConfig) -> Vec<f64> {
    let w = &config.weights;
    let n = doc.n();
    let idf = doc.idf();
    let vecs = doc.tfidf_vectors(&idf);
    let mut cent = vec![0.0; n];
    if w.centrality != 0.0 {
        let m = n.min(config.graph_max_sentences);
        let sims = sparse_products(&vecs, m, doc.vocab(), config.graph_max_df);
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for (i, row) in sims.iter().enumerate() {
            for &(j, s) in row {
                if j as usize != i {
                    lo = lo.min(s);
                    hi = hi.max(s);
                }
            }
        }
        if hi.is_finite() {
            // Pairs without a shared term have similarity 0.
            let lo = if m > 1 { lo.min(0.0) } else { lo };
            let cut = lo + w.edge_threshold * (hi - lo);
            // `sims` is the upper triangle: the pair (i, j), i < j, is
            // i's forward edge and j's backward one. Walking the rows in
            // order, every sentence receives its edges in increasing order
            // of the other end, as a walk over its full row would.
            for (i, row) in sims.iter().enumerate() {
                for &(j, s) in row {
                    let j = j as usize;
                    let e = s - cut;
                    if j == i || e <= 0.0 {
                        continue;
                    }
                    cent[i] += w.forward * e;
                    cent[j] += w.backward * e;
                }
            }
            normalize(&mut cent);
        }
    }
    let title = tfidf(&doc.title, &idf);
    let cover = title_cover(doc, &idf);
    let first_block = doc.block.first().copied();
    (0..n)
        .map(|i| {
            let words = doc.words[i];
            let mut s = w.position * (1.0 + i as f64).powf(-w.position_decay)
                + if Some(doc.block[i]) == first_block {
                    w.lead_block
                } else {
                    0.0
                }
                + w.centrality * cent[i]
                + w.title * dot(&title, &vecs[i])
                + w.title_cover * cover[i]
                + w.length * (words.min(w.length_cap) as f64 / w.length_cap.max(1) as f64);
            if words < w.min_words {
                s *= w.short_penalty;
            }
            if doc.lead_in[i] {
                s *= w.lead_in_penalty;
            }
            if doc.quote[i] {
                s *= w.quote_penalty;
            }
            if doc.question[i] {
                s *= w.question_penalty;
            }
            s
        })
        .collect()
}

/// Idf-weighted share of the title's distinct terms that each candidate
/// contains, in [0, 1] (all 0 without a title). Unlike the cosine it does
/// not fall with the sentence's length: it asks how much of the headline a
/// sentence restates, which is what a teaser paraphrases.
pub(crate) fn title_cover(doc: &Doc, idf: &[f64]) -> Vec<f64> {
    let idf_of = |t: u32| idf.get(t as usize).copied().unwrap_or(1.0);
    let total: f64 = doc.title.iter().map(|&(t, _)| idf_of(t)).sum();
    doc.tf
        .iter()
        .map(|row| {
            if total <= 0.0 {
                return 0.0;
            }
            let hit: f64 = doc
                .title
                .iter()
                .filter(|(t, _)| row.binary_search_by_key(t, |&(u, _)| u).is_ok())
                .map(|&(t, _)| idf_of(t))
                .sum();
            hit / total
        })
        .collect()
}
