//! `rouge`: ROUGE of given (candidate, reference) pairs, one result per pair
//! and, last, their mean.

use serde::{Deserialize, Serialize};

use crate::rouge::{RougeScores, Scorer};

/// One pair; sentences separated by newlines.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct RougeCase {
    /// Pair id.
    pub id: String,
    /// The candidate summary.
    pub candidate: String,
    /// The reference summary.
    pub reference: String,
}

/// The scores of one pair (or, with id `"mean"`, of all pairs).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct PairScores {
    /// Pair id, or `"mean"`.
    pub id: String,
    /// The scores.
    #[serde(flatten)]
    pub scores: RougeScores,
}

/// Scores every pair with `scorer`; the last element is the mean, with id `"mean"`.
///
/// # Example
/// ```
/// use nutgraf_eval::{rouge::{RougeConfig, Scorer}, runners::rouge::{evaluate, RougeCase}};
/// let cases: Vec<RougeCase> = serde_json::from_str(
///     r#"[{"id":"a","candidate":"the cat","reference":"the cat sat"}]"#).unwrap();
/// let out = evaluate(&cases, &Scorer::new(RougeConfig::default()));
/// assert_eq!(out.last().unwrap().id, "mean");
/// assert_eq!(out[0].scores.rouge1.precision, 1.0);
/// ```
pub fn evaluate(cases: &[RougeCase], scorer: &Scorer) -> Vec<PairScores> {
    let mut out: Vec<PairScores> = cases
        .iter()
        .map(|c| PairScores {
            id: c.id.clone(),
            scores: scorer.score(&c.candidate, &c.reference),
        })
        .collect();
    let all: Vec<RougeScores> = out.iter().map(|p| p.scores).collect();
    out.push(PairScores {
        id: "mean".into(),
        scores: RougeScores::mean(&all),
    });
    out
}
