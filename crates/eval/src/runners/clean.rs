//! `clean`: boilerplate stripping, in the two formats of the clean data sets.
//!
//! * Gold article bodies (`{id, text, article}`): bag of whitespace tokens
//!   with multiplicity; per document precision = overlap / predicted tokens,
//!   recall = overlap / gold tokens, F1; averaged over documents; plus the
//!   share of documents with F1 > 0.9.
//! * Snippets (`{id, lang, text, with, without}`): a snippet is present when
//!   its whitespace-normalised form is a substring of the whitespace-normalised
//!   output; pooled over snippets: tp = `with` present, fn = `with` missing,
//!   fp = `without` present, tn = `without` missing; P, R, F1 and accuracy,
//!   overall and per `lang`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::prf;

/// One case, in either format (told apart by its fields).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CleanCase {
    /// A page with its gold article body.
    Article {
        /// Case id.
        id: String,
        /// The page text.
        text: String,
        /// The gold article body.
        article: String,
    },
    /// A page with snippets that must stay and snippets that must go.
    Snippets {
        /// Case id.
        id: String,
        /// Language guess of the page.
        #[serde(default)]
        lang: Option<String>,
        /// The page text.
        text: String,
        /// Snippets of the main text.
        with: Vec<String>,
        /// Boilerplate snippets.
        without: Vec<String>,
    },
}

impl CleanCase {
    /// The page text.
    pub fn text(&self) -> &str {
        match self {
            CleanCase::Article { text, .. } | CleanCase::Snippets { text, .. } => text,
        }
    }
    /// The case id.
    pub fn id(&self) -> &str {
        match self {
            CleanCase::Article { id, .. } | CleanCase::Snippets { id, .. } => id,
        }
    }
}

/// Precision, recall, F1 and accuracy of one group of snippets.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct SnippetScores {
    /// Pages in the group.
    pub cases: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Accuracy over all snippets.
    pub accuracy: f64,
}

/// The figures of a `clean` run.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct CleanReport {
    /// Cases scored.
    pub cases: usize,
    /// `"article"` (token level) or `"snippets"` (snippet level).
    pub format: &'static str,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Article format: share of documents with F1 > 0.9.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_f1_above_0_9: Option<f64>,
    /// Snippet format: accuracy over all snippets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
    /// Snippet format: the figures per page language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_lang: Option<BTreeMap<String, SnippetScores>>,
}

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Token-level P/R/F1 of one document (bag of whitespace tokens).
pub fn token_prf(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in gold.split_whitespace() {
        *counts.entry(t).or_default() += 1;
    }
    let (mut overlap, mut npred) = (0usize, 0usize);
    for t in predicted.split_whitespace() {
        npred += 1;
        if let Some(c) = counts.get_mut(t) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    let ngold = gold.split_whitespace().count();
    prf(
        overlap as f64,
        (npred - overlap) as f64,
        (ngold - overlap) as f64,
    )
}

#[derive(Default)]
struct Pool {
    pages: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Pool {
    fn scores(&self) -> SnippetScores {
        let (p, r, f) = prf(self.tp as f64, self.fp as f64, self.fn_ as f64);
        let all = self.tp + self.fp + self.fn_ + self.tn;
        SnippetScores {
            cases: self.pages,
            precision: p,
            recall: r,
            f1: f,
            accuracy: super::ratio(self.tp + self.tn, all),
        }
    }
}

/// Scores a cleaner (a closure from page text to clean text) on `cases`.
/// The format is that of the first case; mixing formats in one run scores
/// each case by its own format but reports the first case's figures.
///
/// # Example
/// ```
/// use nutgraf_eval::runners::clean::{evaluate, CleanCase};
/// let cases: Vec<CleanCase> = serde_json::from_str(
///     r#"[{"id":"1","text":"Menu\nThe body text.","article":"The body text."}]"#).unwrap();
/// let r = evaluate(&cases, |t| t.lines().skip(1).collect::<Vec<_>>().join("\n"));
/// assert_eq!(r.f1, 1.0);
/// ```
pub fn evaluate<F>(cases: &[CleanCase], clean: F) -> CleanReport
where
    F: Fn(&str) -> String,
{
    let snippets = matches!(cases.first(), Some(CleanCase::Snippets { .. }));
    let (mut sp, mut sr, mut sf, mut above, mut ndocs) = (0.0, 0.0, 0.0, 0usize, 0usize);
    let mut all = Pool::default();
    let mut langs: BTreeMap<String, Pool> = BTreeMap::new();
    for c in cases {
        let out = clean(c.text());
        match c {
            CleanCase::Article { article, .. } => {
                let (p, r, f) = token_prf(&out, article);
                sp += p;
                sr += r;
                sf += f;
                above += usize::from(f > 0.9);
                ndocs += 1;
            }
            CleanCase::Snippets {
                lang,
                with,
                without,
                ..
            } => {
                let out = norm_ws(&out);
                let lang = lang.clone().unwrap_or_else(|| "und".into());
                let group = langs.entry(lang).or_default();
                all.pages += 1;
                group.pages += 1;
                for (snips, keep) in [(with, true), (without, false)] {
                    for s in snips {
                        let present = out.contains(&norm_ws(s));
                        for pool in [&mut all, &mut *group] {
                            match (keep, present) {
                                (true, true) => pool.tp += 1,
                                (true, false) => pool.fn_ += 1,
                                (false, true) => pool.fp += 1,
                                (false, false) => pool.tn += 1,
                            }
                        }
                    }
                }
            }
        }
    }
    if snippets {
        let s = all.scores();
        CleanReport {
            cases: cases.len(),
            format: "snippets",
            precision: s.precision,
            recall: s.recall,
            f1: s.f1,
            share_f1_above_0_9: None,
            accuracy: Some(s.accuracy),
            by_lang: Some(langs.iter().map(|(k, v)| (k.clone(), v.scores())).collect()),
        }
    } else {
        let n = ndocs.max(1) as f64;
        CleanReport {
            cases: cases.len(),
            format: "article",
            precision: sp / n,
            recall: sr / n,
            f1: sf / n,
            share_f1_above_0_9: Some(super::ratio(above, ndocs)),
            accuracy: None,
            by_lang: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_overlap_counts_multiplicity() {
        // gold: a a b (3), pred: a b b c (4): overlap a, b = 2.
        let (p, r, f) = token_prf("a b b c", "a a b");
        assert_eq!(p, 0.5);
        assert_eq!(r, 2.0 / 3.0);
        assert!((f - 4.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn snippets_pooled() {
        let cases: Vec<CleanCase> = serde_json::from_str(
            r#"[{"id":"1","lang":"de","text":"x","with":["gut  text","fehlt"],"without":["menü"]},
                {"id":"2","lang":"en","text":"y","with":["kept"],"without":["ad"]}]"#,
        )
        .unwrap();
        let r = evaluate(&cases, |t| {
            if t == "x" {
                "gut text menü".into()
            } else {
                "kept".into()
            }
        });
        // tp 2 (gut text, kept), fn 1 (fehlt), fp 1 (menü), tn 1 (ad).
        assert_eq!(r.precision, 2.0 / 3.0);
        assert_eq!(r.recall, 2.0 / 3.0);
        assert_eq!(r.accuracy, Some(3.0 / 5.0));
        assert_eq!(r.by_lang.unwrap()["en"].f1, 1.0);
    }
}
