//! Bootstrap confidence intervals over documents.
//!
//! Like `rouge-score`'s `scoring.BootstrapAggregator`: draw `samples`
//! resamples of the documents with replacement, take the mean of each
//! resample, and report the 2.5th, 50th and 97.5th percentiles of those
//! means (NumPy's default linear interpolation) as `low`, `mid` and `high`.
//! Unlike `rouge-score`, the random numbers come from a seeded SplitMix64
//! generator, so a run is reproducible (and differs from Python's in the
//! last digits, as any two bootstrap runs do). One resample of documents is
//! shared by all twelve measures.
//!
//! For a comparison of two systems on the same documents use
//! [`paired_bootstrap`] ("margin over Lead-3 with a 95 % interval"), and
//! [`differences`] for the per-document differences a significance test
//! needs.
//!
//! # Example
//! ```
//! use nutgraf_eval::rouge::{bootstrap, RougeConfig, Scorer};
//! let scorer = Scorer::new(RougeConfig::default());
//! let docs = [("a b c", "a b d"), ("x y", "x y"), ("p", "q"), ("m n", "m o")];
//! let scores: Vec<_> = docs.iter().map(|(c, r)| scorer.score(c, r)).collect();
//! let ci = bootstrap::bootstrap(&scores, 1000, 42);
//! assert!(ci.rouge1.low.fmeasure <= ci.rouge1.mid.fmeasure);
//! assert!(ci.rouge1.mid.fmeasure <= ci.rouge1.high.fmeasure);
//! assert_eq!(ci, bootstrap::bootstrap(&scores, 1000, 42)); // same seed, same numbers
//! ```

use serde::{Deserialize, Serialize};

use super::{Error, RougeScores, Score};

/// `rouge-score`'s default number of resamples.
pub const DEFAULT_SAMPLES: usize = 1000;

/// The seed nutgraf's runners use unless told otherwise.
pub const DEFAULT_SEED: u64 = 0x6e75_7467_7261_6621;

/// Low (2.5th percentile), mid (median) and high (97.5th percentile) of
/// the bootstrap means of one ROUGE type (`rouge-score`'s `AggregateScore`).
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{bootstrap, RougeScores};
/// let ci = bootstrap::bootstrap(&[RougeScores::default()], 10, 1);
/// assert_eq!(ci.rouge2.high.recall, 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct AggregateScore {
    /// Lower bound of the 95 % interval.
    pub low: Score,
    /// Median of the bootstrap means.
    pub mid: Score,
    /// Upper bound of the 95 % interval.
    pub high: Score,
}

/// Intervals for all four ROUGE types, serialized with `rouge-score`'s names.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{bootstrap, RougeScores};
/// let ci = bootstrap::bootstrap(&[], 100, 1);
/// let json = serde_json::to_value(ci).unwrap();
/// assert_eq!(json["rougeLsum"]["mid"]["fmeasure"], 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Intervals {
    /// ROUGE-1.
    pub rouge1: AggregateScore,
    /// ROUGE-2.
    pub rouge2: AggregateScore,
    /// ROUGE-L.
    #[serde(rename = "rougeL")]
    pub rouge_l: AggregateScore,
    /// ROUGE-Lsum.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: AggregateScore,
}

/// 95 % bootstrap intervals of the mean of per-document `scores`, from
/// `samples` resamples drawn with a generator seeded by `seed`.
///
/// With no documents every bound is 0; with `samples == 0` every bound is
/// the plain mean.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{bootstrap, RougeConfig, Scorer};
/// let s = Scorer::new(RougeConfig::default());
/// let scores = vec![s.score("a", "a"); 5];
/// let ci = bootstrap::bootstrap(&scores, bootstrap::DEFAULT_SAMPLES, bootstrap::DEFAULT_SEED);
/// assert_eq!(ci.rouge1.low.fmeasure, 1.0);
/// assert_eq!(ci.rouge1.high.fmeasure, 1.0);
/// ```
pub fn bootstrap(scores: &[RougeScores], samples: usize, seed: u64) -> Intervals {
    let rows: Vec<[f64; 12]> = scores.iter().map(flatten).collect();
    resample(&rows, samples, seed)
}

/// Per-document differences `system - baseline` (every measure), for
/// paired significance tests. The two slices must score the same
/// documents in the same order.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{bootstrap, RougeConfig, Scorer};
/// let s = Scorer::new(RougeConfig::default());
/// let sys = [s.score("a b", "a b")];
/// let lead = [s.score("a c", "a b")];
/// let d = bootstrap::differences(&sys, &lead).unwrap();
/// assert_eq!(d[0].rouge1.fmeasure, 0.5);
/// ```
pub fn differences(
    system: &[RougeScores],
    baseline: &[RougeScores],
) -> Result<Vec<RougeScores>, Error> {
    if system.len() != baseline.len() {
        return Err(Error::length_mismatch(system.len(), baseline.len()));
    }
    Ok(system
        .iter()
        .zip(baseline)
        .map(|(s, b)| s.map2(b, |x, y| x - y))
        .collect())
}

/// 95 % bootstrap interval of the mean per-document difference
/// `system - baseline` (the margin of a system over a baseline such as
/// Lead-3). Documents are resampled in pairs. An interval whose `low` is
/// above 0 means the system is better at the 2.5 % level (one-sided).
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{bootstrap, RougeConfig, Scorer};
/// let s = Scorer::new(RougeConfig::default());
/// let refs = ["a b c d", "e f g h", "i j k l", "m n o p"];
/// let sys: Vec<_> = refs.iter().map(|r| s.score(&r[..5], r)).collect();
/// let lead: Vec<_> = refs.iter().map(|r| s.score(&r[..1], r)).collect();
/// let ci = bootstrap::paired_bootstrap(&sys, &lead, 1000, 7).unwrap();
/// assert!(ci.rouge1.low.recall > 0.0);
/// assert!(bootstrap::paired_bootstrap(&sys, &lead[..2], 1000, 7).is_err());
/// ```
pub fn paired_bootstrap(
    system: &[RougeScores],
    baseline: &[RougeScores],
    samples: usize,
    seed: u64,
) -> Result<Intervals, Error> {
    Ok(bootstrap(&differences(system, baseline)?, samples, seed))
}

fn flatten(s: &RougeScores) -> [f64; 12] {
    let mut out = [0.0; 12];
    for (k, sc) in s.as_array().iter().enumerate() {
        out[3 * k] = sc.precision;
        out[3 * k + 1] = sc.recall;
        out[3 * k + 2] = sc.fmeasure;
    }
    out
}

fn unflatten(v: &[f64; 12]) -> RougeScores {
    let sc = |k: usize| Score {
        precision: v[3 * k],
        recall: v[3 * k + 1],
        fmeasure: v[3 * k + 2],
    };
    RougeScores {
        rouge1: sc(0),
        rouge2: sc(1),
        rouge_l: sc(2),
        rouge_lsum: sc(3),
    }
}

fn resample(rows: &[[f64; 12]], samples: usize, seed: u64) -> Intervals {
    let n = rows.len();
    if n == 0 {
        return Intervals::default();
    }
    if samples == 0 {
        let mut mean = [0.0; 12];
        for r in rows {
            for (m, x) in mean.iter_mut().zip(r) {
                *m += x;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let m = unflatten(&mean);
        return assemble(&m, &m, &m);
    }
    let mut rng = SplitMix64(seed);
    // means[measure][sample]
    let mut means: Vec<Vec<f64>> = (0..12).map(|_| Vec::with_capacity(samples)).collect();
    for _ in 0..samples {
        let mut sum = [0.0; 12];
        for _ in 0..n {
            let r = &rows[rng.below(n as u64) as usize];
            for (s, x) in sum.iter_mut().zip(r) {
                *s += x;
            }
        }
        for (col, s) in means.iter_mut().zip(sum) {
            col.push(s / n as f64);
        }
    }
    let mut lo = [0.0; 12];
    let mut mid = [0.0; 12];
    let mut hi = [0.0; 12];
    for (k, col) in means.iter_mut().enumerate() {
        col.sort_by(f64::total_cmp);
        lo[k] = percentile(col, 2.5);
        mid[k] = percentile(col, 50.0);
        hi[k] = percentile(col, 97.5);
    }
    assemble(&unflatten(&lo), &unflatten(&mid), &unflatten(&hi))
}

fn assemble(lo: &RougeScores, mid: &RougeScores, hi: &RougeScores) -> Intervals {
    let agg = |f: fn(&RougeScores) -> Score| AggregateScore {
        low: f(lo),
        mid: f(mid),
        high: f(hi),
    };
    Intervals {
        rouge1: agg(|s| s.rouge1),
        rouge2: agg(|s| s.rouge2),
        rouge_l: agg(|s| s.rouge_l),
        rouge_lsum: agg(|s| s.rouge_lsum),
    }
}

/// `np.percentile(sorted, q)` with the default "linear" method.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let pos = q / 100.0 * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let t = pos - lo as f64;
    let (a, b) = (sorted[lo], sorted[hi]);
    // NumPy's _lerp, which is exact at both ends.
    if t >= 0.5 {
        b - (b - a) * (1.0 - t)
    } else {
        a + (b - a) * t
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and good enough to
/// draw bootstrap indices.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), Lemire's multiply-and-reject.
    fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 50.0), 2.5);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 100.0), 4.0);
        assert!((percentile(&v, 2.5) - 1.075).abs() < 1e-12);
    }

    #[test]
    fn interval_covers_the_mean() {
        let rows: Vec<RougeScores> = (0..50)
            .map(|i| {
                let x = (i % 7) as f64 / 7.0;
                let s = Score::from_precision_recall(x, x);
                RougeScores {
                    rouge1: s,
                    rouge2: s,
                    rouge_l: s,
                    rouge_lsum: s,
                }
            })
            .collect();
        let mean = RougeScores::mean(&rows).rouge1.fmeasure;
        let ci = bootstrap(&rows, 2000, 3);
        assert!(ci.rouge1.low.fmeasure < mean && mean < ci.rouge1.high.fmeasure);
        assert!((ci.rouge1.mid.fmeasure - mean).abs() < 0.02);
        assert_ne!(ci, bootstrap(&rows, 2000, 4));
    }

    #[test]
    fn indices_are_in_range_and_cover() {
        let mut r = SplitMix64(9);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            let i = r.below(7) as usize;
            seen[i] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
