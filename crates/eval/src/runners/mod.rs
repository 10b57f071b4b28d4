//! One runner per nutgraf stage.
//!
//! Each runner takes the cases of a data set and the system under test as a
//! closure, so the same scoring applies to nutgraf and to any other system a
//! researcher wants to compare. The `nutgraf eval` command wires nutgraf's
//! stages into them.

pub mod clean;
pub mod lang;
pub mod repair;
pub mod rouge;
pub mod split;
pub mod summarize;

use std::collections::BTreeMap;

/// Share `num / den`, 0 when `den` is 0.
pub(crate) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Precision, recall and F1 from counts (0 where undefined).
pub(crate) fn prf(tp: f64, fp: f64, fn_: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Accumulates (hits, total) per key, in key order.
#[derive(Debug, Default)]
pub(crate) struct Tally(BTreeMap<String, (usize, usize)>);

impl Tally {
    pub(crate) fn add(&mut self, key: &str, hit: bool) {
        let e = self.0.entry(key.to_string()).or_default();
        e.0 += usize::from(hit);
        e.1 += 1;
    }
    pub(crate) fn rates(&self) -> BTreeMap<String, f64> {
        self.0
            .iter()
            .map(|(k, &(h, n))| (k.clone(), ratio(h, n)))
            .collect()
    }
}
