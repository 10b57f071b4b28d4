//! `repair`: encoding (mojibake) repair against expected outputs.
//!
//! `fixed_rate` is the share of corrupted cases (every kind but `clean`)
//! whose output equals `expected` byte for byte; `false_positive_rate` the
//! share of `clean` cases whose output differs from the input.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ratio, Tally};

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct RepairCase {
    /// Case id.
    pub id: String,
    /// The (possibly mangled) input.
    pub text: String,
    /// What a repair must return.
    pub expected: String,
    /// Corruption kind (`clean` for the false-positive check).
    pub kind: String,
}

/// The figures of a `repair` run.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct RepairReport {
    /// Cases scored.
    pub cases: usize,
    /// Share of corrupted cases repaired exactly.
    pub fixed_rate: f64,
    /// Share of clean cases changed.
    pub false_positive_rate: f64,
    /// Share of cases whose output equals `expected`, per kind.
    pub by_kind: BTreeMap<String, f64>,
    /// Ids of the cases whose output differs from `expected`.
    pub failures: Vec<String>,
}

/// Scores a repair function on `cases`.
///
/// # Example
/// ```
/// use nutgraf_eval::runners::repair::{evaluate, RepairCase};
/// let cases: Vec<RepairCase> = serde_json::from_str(
///     r#"[{"id":"1","text":"cafÃ©","expected":"café","kind":"latin-1"},
///         {"id":"2","text":"ok","expected":"ok","kind":"clean"}]"#).unwrap();
/// let r = evaluate(&cases, |t| t.replace("Ã©", "é"));
/// assert_eq!((r.fixed_rate, r.false_positive_rate), (1.0, 0.0));
/// ```
pub fn evaluate<F>(cases: &[RepairCase], fix: F) -> RepairReport
where
    F: Fn(&str) -> String,
{
    let (mut corrupted, mut fixed, mut clean, mut changed) = (0usize, 0usize, 0usize, 0usize);
    let mut by_kind = Tally::default();
    let mut failures = Vec::new();
    for c in cases {
        let out = fix(&c.text);
        let ok = out == c.expected;
        by_kind.add(&c.kind, ok);
        if !ok {
            failures.push(c.id.clone());
        }
        if c.kind == "clean" {
            clean += 1;
            changed += usize::from(out != c.text);
        } else {
            corrupted += 1;
            fixed += usize::from(ok);
        }
    }
    RepairReport {
        cases: cases.len(),
        fixed_rate: ratio(fixed, corrupted),
        false_positive_rate: ratio(changed, clean),
        by_kind: by_kind.rates(),
        failures,
    }
}
