//! SumBasic (Nenkova & Vanderwende 2005, "The Impact of Frequency on
//! Summarization", Microsoft Research tech. report MSR-TR-2005-101).
//!
//! 1. `p(w) = n(w) / N` over the article's content words (stemmed);
//! 2. a sentence weighs the average `p(w)` of its words;
//! 3. among the sentences that contain the currently most probable word,
//!    pick the heaviest;
//! 4. square `p(w)` for every word of the picked sentence (redundancy);
//! 5. repeat until the budget is filled.
//!
//! The score of a sentence is its pick order (first pick highest); at most
//! a few more sentences than the budget needs are ranked, the rest score 0.
//! Ties go to the earlier word id / sentence.

use crate::prep::Doc;

// Parallel per-sentence arrays are indexed by sentence number.
#[allow(clippy::needless_range_loop)]
pub(crate) fn score(doc: &Doc, picks: usize) -> Vec<f64> {
    let n = doc.n();
    let total: f64 = doc.cf.iter().map(|&c| f64::from(c)).sum();
    if n == 0 || total == 0.0 {
        return super::lead::score(doc);
    }
    let mut p: Vec<f64> = doc.cf.iter().map(|&c| f64::from(c) / total).collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); doc.vocab()];
    for (i, row) in doc.tf.iter().enumerate() {
        for &(t, _) in row {
            postings[t as usize].push(i as u32);
        }
    }
    let mut picked = vec![false; n];
    // How many unpicked sentences still contain each word.
    let mut live: Vec<u32> = doc.df.clone();
    let mut ranking = Vec::new();
    let want = picks.min(n);
    while ranking.len() < want {
        // The most probable word still available in an unpicked sentence.
        let mut best_w: Option<usize> = None;
        for (w, &pw) in p.iter().enumerate() {
            if live[w] > 0 && best_w.map_or(true, |b| pw > p[b]) {
                best_w = Some(w);
            }
        }
        let Some(w) = best_w else { break };
        let mut best: Option<(usize, f64)> = None;
        for &i in &postings[w] {
            let i = i as usize;
            if picked[i] {
                continue;
            }
            let terms = &doc.terms[i];
            let avg = terms.iter().map(|&t| p[t as usize]).sum::<f64>() / terms.len() as f64;
            if best.map_or(true, |(_, b)| avg > b) {
                best = Some((i, avg));
            }
        }
        let Some((i, _)) = best else { break };
        picked[i] = true;
        ranking.push(i);
        for &(t, _) in &doc.tf[i] {
            live[t as usize] -= 1;
            let pt = &mut p[t as usize];
            *pt *= *pt;
        }
    }
    // Sentences without content words, if still needed, in document order.
    super::fill_in_document_order(&mut ranking, &mut picked, want);
    super::from_ranking(n, &ranking)
}
