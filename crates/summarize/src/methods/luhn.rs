//! Luhn (1958, "The Automatic Creation of Literature Abstracts", IBM
//! Journal of Research and Development 2(2)).
//!
//! Significant words are the content words (stop words removed, stemmed)
//! that occur more than once in the article. In each sentence, clusters are
//! spans that start and end with significant words and contain no run of
//! more than four non-significant words; a cluster scores
//! `significant² / span length` and a sentence scores its best cluster.
//! Clusters with a single significant word score 0 (as in sumy).

use crate::prep::Doc;

/// Largest run of insignificant words inside a cluster (Luhn's "four or
/// five"; sumy uses 4).
const MAX_GAP: usize = 4;

pub(crate) fn score(doc: &Doc) -> Vec<f64> {
    let significant: Vec<bool> = doc.cf.iter().map(|&c| c > 1).collect();
    doc.seq
        .iter()
        .map(|flags| {
            let flags: Vec<bool> = flags
                .iter()
                .map(|f| matches!(f, Some(t) if significant[*t as usize]))
                .collect();
            best_cluster(&flags)
        })
        .collect()
}

fn best_cluster(flags: &[bool]) -> f64 {
    let mut best = 0.0f64;
    let mut i = 0;
    while i < flags.len() {
        if !flags[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        let mut sig = 1usize;
        let mut j = i + 1;
        while j < flags.len() && j - last <= MAX_GAP {
            if flags[j] {
                sig += 1;
                last = j;
            }
            j += 1;
        }
        let len = last - start + 1;
        if sig > 1 {
            best = best.max((sig * sig) as f64 / len as f64);
        }
        i = last + 1;
    }
    best
}
