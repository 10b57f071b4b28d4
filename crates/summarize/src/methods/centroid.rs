//! Centroid (Radev, Jing, Styś & Tam 2004, "Centroid-based summarization of
//! multiple documents", Information Processing & Management 40), the
//! centroid feature of MEAD.
//!
//! The centroid is the article's tf·idf pseudo-document (tf = occurrences in
//! the article, idf = `ln(N / df)` over its sentences); words whose value
//! is below `KEEP` × the largest are dropped (the paper's threshold). A
//! sentence scores the sum of the centroid values of its distinct words.

use crate::prep::Doc;

/// Share of the largest centroid value below which a word leaves the
/// centroid.
const KEEP: f64 = 0.1;

pub(crate) fn score(doc: &Doc) -> Vec<f64> {
    let n = doc.n().max(1) as f64;
    let values: Vec<f64> = doc
        .cf
        .iter()
        .zip(&doc.df)
        .map(|(&c, &d)| f64::from(c) * (n / f64::from(d.max(1))).ln())
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let cut = KEEP * max;
    doc.tf
        .iter()
        .map(|row| {
            row.iter()
                .map(|&(t, _)| values[t as usize])
                .filter(|&v| v >= cut && v > 0.0)
                .sum()
        })
        .collect()
}
