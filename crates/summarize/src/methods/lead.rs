//! Lead-k: the first *k* sentences, the classic news baseline (see e.g.
//! Nenkova 2005, "Automatic text summarization of newswire: lessons learned
//! from the Document Understanding Conference").
//!
//! Score: `1 / (1 + position)`.

use crate::prep::Doc;

pub(crate) fn score(doc: &Doc) -> Vec<f64> {
    (0..doc.n()).map(|i| 1.0 / (1.0 + i as f64)).collect()
}
