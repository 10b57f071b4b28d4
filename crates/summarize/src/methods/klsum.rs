//! KL-Sum (Haghighi & Vanderwende 2009, "Exploring Content Models for
//! Multi-Document Summarization", NAACL-HLT), the greedy criterion of §3.
//!
//! Greedily add the sentence that makes the summary's unigram distribution
//! `P_S` closest to the article's `P_D`: minimize `KL(P_D ‖ P_S)`, with
//! `P_S` Laplace-smoothed (add-one, δ = 1 per vocabulary word) so the
//! divergence is finite. Words are stemmed content words. The score of a
//! sentence is its pick order; sentences without content words come last.
//! Each greedy step is incremental (only the candidate's own words are
//! touched), so a step is linear in the article's length.

use crate::prep::Doc;

const DELTA: f64 = 1.0;

// Parallel per-sentence arrays are indexed by sentence number.
#[allow(clippy::needless_range_loop)]
pub(crate) fn score(doc: &Doc, picks: usize) -> Vec<f64> {
    let n = doc.n();
    let total: f64 = doc.cf.iter().map(|&c| f64::from(c)).sum();
    if n == 0 || total == 0.0 {
        return super::lead::score(doc);
    }
    let pd: Vec<f64> = doc.cf.iter().map(|&c| f64::from(c) / total).collect();
    let v = doc.vocab() as f64;
    let mut c = vec![0.0f64; doc.vocab()];
    let mut len = 0.0f64;
    let mut picked = vec![false; n];
    let mut ranking = Vec::new();
    let want = picks.min(n);
    while ranking.len() < want {
        let base = (len + DELTA * v).ln();
        let mut best: Option<(usize, f64)> = None;
        for i in 0..n {
            if picked[i] || doc.tf[i].is_empty() {
                continue;
            }
            let added = doc.terms[i].len() as f64;
            let mut gain = 0.0;
            for &(t, k) in &doc.tf[i] {
                let ct = c[t as usize];
                gain += pd[t as usize] * ((ct + f64::from(k) + DELTA).ln() - (ct + DELTA).ln());
            }
            gain -= (len + added + DELTA * v).ln() - base;
            if best.map_or(true, |(_, b)| gain > b) {
                best = Some((i, gain));
            }
        }
        let Some((i, _)) = best else { break };
        picked[i] = true;
        ranking.push(i);
        for &(t, k) in &doc.tf[i] {
            c[t as usize] += f64::from(k);
        }
        len += doc.terms[i].len() as f64;
    }
    // Sentences without content words, if still needed, in document order.
    super::fill_in_document_order(&mut ranking, &mut picked, want);
    super::from_ranking(n, &ranking)
}
