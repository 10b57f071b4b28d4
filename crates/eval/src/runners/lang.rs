//! `lang`: language identification accuracy, overall, per gold language and
//! per kind of text (sentence, word pair, word, mixed paragraph), plus the
//! share of other languages called English or German (`fp_ende`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ratio, Tally};

/// One case: a text and its gold language.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct LangCase {
    /// Case id.
    pub id: String,
    /// Gold ISO 639-1 code.
    pub lang: String,
    /// Kind of text (`sentence`, `pair`, `word`, `mixed`, `document`, …).
    #[serde(default = "document")]
    pub kind: String,
    /// The text to classify.
    pub text: String,
}

fn document() -> String {
    "document".to_string()
}

/// The figures of a `lang` run.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct LangReport {
    /// Cases scored.
    pub cases: usize,
    /// Share of cases whose predicted code equals the gold code.
    pub accuracy: f64,
    /// Accuracy per gold language.
    pub by_lang: BTreeMap<String, f64>,
    /// Accuracy per kind.
    pub by_kind: BTreeMap<String, f64>,
    /// Accuracy per `lang.kind`.
    pub by_lang_kind: BTreeMap<String, f64>,
    /// Mean accuracy over the gold languages.
    pub macro_accuracy: f64,
    /// Share of cases of other languages than English and German that were
    /// called English or German.
    pub fp_ende: f64,
}

/// Scores a detector (a closure returning an ISO 639-1 code) on `cases`.
///
/// # Example
/// ```
/// use nutgraf_eval::runners::lang::{evaluate, LangCase};
/// let cases: Vec<LangCase> = serde_json::from_str(
///     r#"[{"id":"1","lang":"de","kind":"word","text":"Haus"},
///         {"id":"2","lang":"fr","kind":"word","text":"maison"}]"#).unwrap();
/// let r = evaluate(&cases, |_| "de".to_string());
/// assert_eq!(r.accuracy, 0.5);
/// assert_eq!(r.fp_ende, 1.0);
/// ```
pub fn evaluate<F>(cases: &[LangCase], detect: F) -> LangReport
where
    F: Fn(&str) -> String,
{
    let (mut hits, mut other, mut other_ende) = (0usize, 0usize, 0usize);
    let (mut by_lang, mut by_kind, mut by_lk) =
        (Tally::default(), Tally::default(), Tally::default());
    for c in cases {
        let pred = detect(&c.text);
        let hit = pred == c.lang;
        hits += usize::from(hit);
        by_lang.add(&c.lang, hit);
        by_kind.add(&c.kind, hit);
        by_lk.add(&format!("{}.{}", c.lang, c.kind), hit);
        if c.lang != "en" && c.lang != "de" {
            other += 1;
            other_ende += usize::from(pred == "en" || pred == "de");
        }
    }
    let by_lang = by_lang.rates();
    let macro_accuracy = if by_lang.is_empty() {
        0.0
    } else {
        by_lang.values().sum::<f64>() / by_lang.len() as f64
    };
    LangReport {
        cases: cases.len(),
        accuracy: ratio(hits, cases.len()),
        by_lang,
        by_kind: by_kind.rates(),
        by_lang_kind: by_lk.rates(),
        macro_accuracy,
        fp_ende: ratio(other_ende, other),
    }
}
