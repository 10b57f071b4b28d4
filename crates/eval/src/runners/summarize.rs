//! `summarize`: ROUGE of extractive summaries against reference summaries.
//!
//! Each predicted summary is joined with `"\n"` (one sentence a line, as
//! ROUGE-Lsum expects) and scored against the case's `summary`; the four
//! measures are averaged over documents. The tokenizer follows the data
//! set's conventions: `rouge-score`'s (ASCII, with its Porter stemmer unless
//! switched off) for English, or the Unicode tokenizer (no stemming unless
//! asked, then Snowball in the case's language) for German.

use serde::{Deserialize, Serialize};

use crate::rouge::{RougeConfig, RougeScores, Scorer, Tokenizer};
use nutgraf_text::Language;

/// One document with its reference summary.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct SummCase {
    /// Document id.
    pub id: String,
    /// Language code.
    pub lang: String,
    /// Headline, if any.
    #[serde(default)]
    pub title: Option<String>,
    /// Article body; paragraphs separated by blank lines.
    pub text: String,
    /// Reference summary, one sentence a line.
    pub summary: String,
}

impl SummCase {
    /// The case language ([`Language::Und`] when the code is unknown).
    pub fn language(&self) -> Language {
        Language::from_code(&self.lang).unwrap_or(Language::Und)
    }
}

/// Which tokenizer ROUGE uses in a `summarize` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenizerChoice {
    /// `rouge-score`'s tokenizer (drops non-ASCII letters); stemming on by default.
    #[default]
    RougeScore,
    /// UAX #29 words, lowercased; stemming off by default.
    Unicode,
}

/// Settings of a `summarize` run's scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SummScoring {
    /// The tokenizer.
    pub tokenizer: TokenizerChoice,
    /// Stemming: `None` = the tokenizer's default (on for `rouge-score`,
    /// off for Unicode).
    pub stemmer: Option<bool>,
}

impl SummScoring {
    /// Scoring with `tokenizer` and its default stemming.
    pub fn new(tokenizer: TokenizerChoice) -> Self {
        SummScoring {
            tokenizer,
            stemmer: None,
        }
    }

    /// Overrides stemming.
    pub fn stemmer(mut self, on: bool) -> Self {
        self.stemmer = Some(on);
        self
    }

    /// The ROUGE scorer for documents in `lang`.
    pub fn scorer(&self, lang: Language) -> Scorer {
        let config = match self.tokenizer {
            TokenizerChoice::RougeScore => {
                RougeConfig::default().stemmer(self.stemmer.unwrap_or(true))
            }
            TokenizerChoice::Unicode => {
                let stem = if self.stemmer.unwrap_or(false) {
                    Some(lang)
                } else {
                    None
                };
                RougeConfig::default().tokenizer(Tokenizer::Unicode { stem })
            }
        };
        Scorer::new(config)
    }
}

/// The scores of one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct DocScores {
    /// Document id.
    pub id: String,
    /// Its ROUGE scores.
    #[serde(flatten)]
    pub scores: RougeScores,
}

/// The figures of a `summarize` run for one method.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct SummReport {
    /// Documents scored.
    pub cases: usize,
    /// Method name.
    pub method: String,
    /// Mean scores over documents (`rouge1`, `rouge2`, `rougeL`, `rougeLsum`).
    #[serde(flatten)]
    pub mean: RougeScores,
    /// Per-document scores, in input order (for bootstrap intervals and
    /// significance tests).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_document: Vec<DocScores>,
}

/// Scores `summarize` (a closure returning the selected sentences of a
/// case) on `cases`.
///
/// # Example
/// ```
/// use nutgraf_eval::runners::summarize::{evaluate, SummCase, SummScoring, TokenizerChoice};
/// let cases: Vec<SummCase> = serde_json::from_str(
///     r#"[{"id":"1","lang":"en","title":null,"text":"Cats sleep. Dogs bark.","summary":"Cats sleep."}]"#).unwrap();
/// let r = evaluate(&cases, "first", SummScoring::new(TokenizerChoice::RougeScore), |c| {
///     vec![c.text.split_inclusive(". ").next().unwrap().trim().to_string()]
/// });
/// assert_eq!(r.mean.rouge1.fmeasure, 1.0);
/// ```
pub fn evaluate<F>(
    cases: &[SummCase],
    method: &str,
    scoring: SummScoring,
    summarize: F,
) -> SummReport
where
    F: Fn(&SummCase) -> Vec<String>,
{
    let mut per_document = Vec::with_capacity(cases.len());
    let mut scorers: Vec<(Language, Scorer)> = Vec::new();
    for c in cases {
        let lang = c.language();
        let idx = match scorers.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                scorers.push((lang, scoring.scorer(lang)));
                scorers.len() - 1
            }
        };
        let candidate = summarize(c).join("\n");
        per_document.push(DocScores {
            id: c.id.clone(),
            scores: scorers[idx].1.score(&candidate, &c.summary),
        });
    }
    let all: Vec<RougeScores> = per_document.iter().map(|d| d.scores).collect();
    SummReport {
        cases: cases.len(),
        method: method.to_string(),
        mean: RougeScores::mean(&all),
        per_document,
    }
}
