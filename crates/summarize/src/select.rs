//! Selection shared by every method: query bias, budget, MMR and order.

use crate::prep::{dot, normalize, Doc};
use crate::{Budget, Method, SummarizerConfig};

/// How many sentences a budget allows at most, for `n` candidates.
pub(crate) fn max_count(budget: Budget, n: usize) -> usize {
    match budget {
        Budget::Sentences(k) => k.min(n),
        Budget::Words(w) => w.min(n),
        Budget::Ratio(r) => ((r * n as f64).ceil() as usize).clamp(1, n.max(1)).min(n),
    }
}

/// Adds the query bias: max-normalized scores plus `query_weight` times the
/// share of query terms each sentence contains. No-op without a query.
pub(crate) fn apply_query(doc: &Doc, config: &SummarizerConfig, scores: &mut [f64]) {
    if doc.query_len == 0 {
        return;
    }
    normalize(scores);
    for (i, s) in scores.iter_mut().enumerate() {
        let row = &doc.tf[i];
        let hits = doc
            .query
            .iter()
            .filter(|q| row.binary_search_by_key(*q, |&(t, _)| t).is_ok())
            .count();
        *s += config.query_weight * hits as f64 / doc.query_len as f64;
    }
}

/// The MMR λ in force, if any.
pub(crate) fn mmr_lambda(config: &SummarizerConfig) -> Option<f64> {
    match config.mmr {
        Some(l) => Some(l),
        None if config.method == Method::Default && config.weights.mmr_lambda < 1.0 => {
            Some(config.weights.mmr_lambda)
        }
        None => None,
    }
}

/// Picks candidates (indices into `doc.cand`) within the budget, best
/// first. With `mmr = Some(λ)`, picks by Maximal Marginal Relevance
/// (Carbonell & Goldstein 1998): `λ · rel(i) − (1 − λ) · max_{j ∈ S} cos(i, j)`,
/// `rel` max-normalized, `cos` over tf-idf vectors. Ties go to the earlier
/// sentence.
pub(crate) fn select(doc: &Doc, scores: &[f64], config: &SummarizerConfig) -> Vec<usize> {
    let n = doc.n();
    let limit = max_count(config.budget, n);
    let words_cap = match config.budget {
        Budget::Words(w) => Some(w),
        _ => None,
    };
    let mut used_words = 0usize;
    let fits = |i: usize, used: usize| words_cap.map_or(true, |cap| used + doc.words[i] <= cap);
    let mut out = Vec::new();
    match mmr_lambda(config) {
        None => {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            for i in order {
                if out.len() >= limit {
                    break;
                }
                if fits(i, used_words) {
                    used_words += doc.words[i];
                    out.push(i);
                }
            }
        }
        Some(lambda) => {
            let mut rel = scores.to_vec();
            normalize(&mut rel);
            let idf = doc.idf();
            let vecs = doc.tfidf_vectors(&idf);
            let mut max_sim = vec![0.0f64; n];
            let mut taken = vec![false; n];
            while out.len() < limit {
                let mut best: Option<(usize, f64)> = None;
                for i in 0..n {
                    if taken[i] || !fits(i, used_words) {
                        continue;
                    }
                    let v = lambda * rel[i] - (1.0 - lambda) * max_sim[i];
                    if best.map_or(true, |(_, b)| v > b) {
                        best = Some((i, v));
                    }
                }
                let Some((i, _)) = best else { break };
                taken[i] = true;
                used_words += doc.words[i];
                out.push(i);
                for j in 0..n {
                    if !taken[j] {
                        max_sim[j] = max_sim[j].max(dot(&vecs[i], &vecs[j]));
                    }
                }
            }
        }
    }
    out
}
