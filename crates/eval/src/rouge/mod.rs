//! ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum with the numbers of Google's
//! `rouge-score`.
//!
//! `rouge-score` (the Python package `rouge_score`, version 0.1.2, by
//! Google Research) is the implementation that summarization papers report
//! against. [`Scorer`] is a port of its `rouge_scorer.RougeScorer` with the
//! types `rouge1`, `rouge2`, `rougeL` and `rougeLsum`:
//!
//! * **tokens** (`tokenize.py`): the text is lowercased, every character
//!   other than `a`–`z` and `0`–`9` becomes a break, and with stemming on
//!   every token longer than three characters goes through NLTK's Porter
//!   stemmer ([`porter`], the `NLTK_EXTENSIONS` mode that `rouge-score`
//!   gets by calling `PorterStemmer()` without arguments);
//! * **ROUGE-N**: clipped n-gram overlap (`min` of the two counts),
//!   precision = overlap / candidate n-grams, recall = overlap / reference
//!   n-grams, F = 2PR / (P + R), and 0 when P + R = 0;
//! * **ROUGE-L**: longest common subsequence of the two token lists;
//! * **ROUGE-Lsum**: texts are split into sentences at `"\n"` (empty lines
//!   dropped, as in `rouge-score`), and for each reference sentence the
//!   union of its LCS with every candidate sentence counts as hits, each
//!   token at most as often as it occurs in the candidate and in the
//!   reference (`_summary_level_lcs`, the bookkeeping of ROUGE-1.5.5).
//!   Put one sentence on each line.
//!
//! The crate's test `tests/rouge_fixture.rs` checks every measure against
//! `rouge-score`'s own numbers on more than 1,000 pairs to 1e-9.
//!
//! ## Tokenizers
//!
//! `rouge-score`'s tokenizer deletes every letter outside `a`–`z`, so German
//! `"Größe"` is scored as the two tokens `gr` and `e`. That is the default
//! ([`Tokenizer::RougeScore`]), because published numbers use it. For
//! German and other languages choose a Unicode tokenizer explicitly:
//!
//! | [`Tokenizer`] | `"Größe: it's 3.5"` gives | use |
//! |---|---|---|
//! | [`RougeScore`](Tokenizer::RougeScore) | `gr e it s 3 5` | comparable with published numbers |
//! | [`Unicode`](Tokenizer::Unicode) | `größe it s 3 5` | the README's "unicode" figures: Python `re.findall(r"\w+", text.lower())` |
//! | [`Uax29`](Tokenizer::Uax29) | `größe it's 3.5` | UAX #29 words (`unicode_words`) |
//!
//! The two Unicode tokenizers can stem each token with the Snowball
//! stemmer of a language.
//!
//! # Example
//! ```
//! use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
//! use nutgraf_text::Language;
//!
//! let scorer = Scorer::new(RougeConfig::default().stemmer(true));
//! let s = scorer.score("The cats sat on the mat.", "A cat was sitting on the mat.");
//! assert!((s.rouge1.recall - 4.0 / 7.0).abs() < 1e-12);
//!
//! // "Größe" under rouge-score's tokenizer and under the Unicode one.
//! let default = Scorer::new(RougeConfig::default());
//! assert_eq!(default.tokenize("Größe"), ["gr", "e"]);
//! let unicode = Scorer::new(RougeConfig::default().tokenizer(Tokenizer::Unicode { stem: None }));
//! assert_eq!(unicode.tokenize("Größe"), ["größe"]);
//! let german = Scorer::new(
//!     RougeConfig::default().tokenizer(Tokenizer::Unicode { stem: Some(Language::De) }),
//! );
//! assert_eq!(german.tokenize("Häuser"), ["haus"]);
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub mod bootstrap;
mod lcs;
pub mod porter;
mod tokenize;
mod word_chars;

use nutgraf_text::Language;

/// How texts are cut into tokens.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
/// let t = Tokenizer::Unicode { stem: None };
/// let scorer = Scorer::new(RougeConfig::default().tokenizer(t));
/// assert_eq!(scorer.tokenize("Müller's 3.5"), ["müller", "s", "3", "5"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Tokenizer {
    /// `rouge-score`'s tokenizer: lowercase, keep `[a-z0-9]` runs. With
    /// [`RougeConfig::stemmer`] on, tokens longer than three characters are
    /// Porter-stemmed. Non-ASCII letters are breaks ("Größe" → `gr e`).
    #[default]
    RougeScore,
    /// Python's `re.findall(r"\w+", text.lower())`: runs of letters,
    /// numbers and `_` (exactly the characters Python's `\w` matches, see
    /// `word_chars.rs`). Combining marks are breaks, as in Python, so keep
    /// text NFC. "it's" gives `it s`, "3.5" gives `3 5`. Optionally each
    /// token is stemmed with the Snowball stemmer of `stem`.
    Unicode {
        /// The language whose Snowball stemmer to apply, if any.
        stem: Option<Language>,
    },
    /// UAX #29 words (`unicode-segmentation`'s `unicode_words`) of the
    /// lowercased text: like [`Tokenizer::Unicode`], but "it's" and "3.5"
    /// stay one word each and combining marks stay in their word.
    /// Optionally Snowball-stemmed.
    Uax29 {
        /// The language whose Snowball stemmer to apply, if any.
        stem: Option<Language>,
    },
}

/// Configuration of a [`Scorer`]. The default is `rouge-score`'s
/// tokenizer without stemming, i.e. `RougeScorer(types)` in Python.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{RougeConfig, Tokenizer};
/// let c = RougeConfig::default().stemmer(true);
/// assert!(c.get_stemmer());
/// assert_eq!(c.get_tokenizer(), Tokenizer::RougeScore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct RougeConfig {
    /// Porter stemming in the [`Tokenizer::RougeScore`] tokenizer
    /// (`use_stemmer=True`). The Unicode tokenizers take their stemmer
    /// from their own `stem` field and ignore this.
    pub stemmer: bool,
    /// The tokenizer.
    pub tokenizer: Tokenizer,
}

impl RougeConfig {
    /// The default configuration (same as [`RougeConfig::default`]).
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::RougeConfig;
    /// assert_eq!(RougeConfig::new(), RougeConfig::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns `rouge-score`'s Porter stemming on or off.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer};
    /// let s = Scorer::new(RougeConfig::new().stemmer(true));
    /// assert_eq!(s.tokenize("running dogs ran"), ["run", "dog", "ran"]);
    /// ```
    pub fn stemmer(mut self, yes: bool) -> Self {
        self.stemmer = yes;
        self
    }

    /// Whether `rouge-score`'s Porter stemming is on.
    ///
    /// # Example
    /// ```
    /// assert!(!nutgraf_eval::rouge::RougeConfig::new().get_stemmer());
    /// ```
    pub fn get_stemmer(&self) -> bool {
        self.stemmer
    }

    /// Sets the tokenizer.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Tokenizer};
    /// let c = RougeConfig::new().tokenizer(Tokenizer::Uax29 { stem: None });
    /// assert_eq!(c.get_tokenizer(), Tokenizer::Uax29 { stem: None });
    /// ```
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> Self {
        self.tokenizer = tokenizer;
        self
    }

    /// The tokenizer.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Tokenizer};
    /// assert_eq!(RougeConfig::new().get_tokenizer(), Tokenizer::RougeScore);
    /// ```
    pub fn get_tokenizer(&self) -> Tokenizer {
        self.tokenizer
    }
}

/// The error for a configuration that cannot be honoured or inputs that
/// do not fit together.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
/// use nutgraf_text::Language;
/// let c = RougeConfig::new().tokenizer(Tokenizer::Unicode { stem: Some(Language::Ja) });
/// let err = Scorer::try_new(c).unwrap_err();
/// assert!(err.to_string().contains("Snowball"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum ErrorKind {
    #[error("no Snowball stemmer for language {0}")]
    NoStemmer(Language),
    #[error(
        "paired scores need equal lengths, got {system} system and {baseline} baseline documents"
    )]
    LengthMismatch { system: usize, baseline: usize },
}

impl Error {
    /// For a "no Snowball stemmer" error, the language asked for.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
    /// use nutgraf_text::Language;
    /// let c = RougeConfig::new().tokenizer(Tokenizer::Uax29 { stem: Some(Language::Ja) });
    /// assert_eq!(Scorer::try_new(c).unwrap_err().language(), Some(Language::Ja));
    /// ```
    pub fn language(&self) -> Option<Language> {
        match self.kind {
            ErrorKind::NoStemmer(l) => Some(l),
            ErrorKind::LengthMismatch { .. } => None,
        }
    }

    /// For a length mismatch of paired scores, `(system, baseline)` lengths.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{bootstrap, RougeScores};
    /// let err = bootstrap::differences(&[RougeScores::default()], &[]).unwrap_err();
    /// assert_eq!(err.lengths(), Some((1, 0)));
    /// ```
    pub fn lengths(&self) -> Option<(usize, usize)> {
        match self.kind {
            ErrorKind::LengthMismatch { system, baseline } => Some((system, baseline)),
            ErrorKind::NoStemmer(_) => None,
        }
    }

    pub(crate) fn length_mismatch(system: usize, baseline: usize) -> Self {
        Error {
            kind: ErrorKind::LengthMismatch { system, baseline },
        }
    }
}

/// Precision, recall and F-measure of one ROUGE type, each in `[0, 1]`.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::Score;
/// let s = Score::from_precision_recall(0.5, 1.0);
/// assert!((s.fmeasure - 2.0 / 3.0).abs() < 1e-15);
/// assert_eq!(Score::from_precision_recall(0.0, 0.0).fmeasure, 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Score {
    /// Matched units / candidate units.
    pub precision: f64,
    /// Matched units / reference units.
    pub recall: f64,
    /// `2PR / (P + R)`, 0 when `P + R = 0`.
    pub fmeasure: f64,
}

impl Score {
    /// The score with F-measure computed as `rouge-score` does
    /// (`scoring.fmeasure`).
    ///
    /// # Example
    /// ```
    /// let s = nutgraf_eval::rouge::Score::from_precision_recall(1.0, 0.25);
    /// assert_eq!(s.fmeasure, 0.4);
    /// ```
    pub fn from_precision_recall(precision: f64, recall: f64) -> Self {
        let fmeasure = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Score {
            precision,
            recall,
            fmeasure,
        }
    }

    fn from_counts(hits: usize, candidate: usize, reference: usize) -> Self {
        Score::from_precision_recall(
            hits as f64 / candidate.max(1) as f64,
            hits as f64 / reference.max(1) as f64,
        )
    }

    fn map2(self, other: Score, f: impl Fn(f64, f64) -> f64) -> Score {
        Score {
            precision: f(self.precision, other.precision),
            recall: f(self.recall, other.recall),
            fmeasure: f(self.fmeasure, other.fmeasure),
        }
    }
}

/// The four ROUGE scores of one (candidate, reference) pair. Serializes
/// with `rouge-score`'s names: `rouge1`, `rouge2`, `rougeL`, `rougeLsum`.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{RougeConfig, Scorer};
/// let s = Scorer::new(RougeConfig::default()).score("the cat", "the cat sat");
/// let json = serde_json::to_value(&s).unwrap();
/// assert_eq!(json["rougeL"]["precision"], 1.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RougeScores {
    /// Unigram overlap.
    pub rouge1: Score,
    /// Bigram overlap.
    pub rouge2: Score,
    /// Longest common subsequence of the whole texts.
    #[serde(rename = "rougeL")]
    pub rouge_l: Score,
    /// Summary-level union LCS over newline-separated sentences.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Score,
}

impl RougeScores {
    /// The mean of each measure over `scores` (all zero for an empty
    /// slice). Sums left to right, so the last bits can differ from
    /// NumPy's pairwise `np.mean`.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, RougeScores, Scorer};
    /// let s = Scorer::new(RougeConfig::default());
    /// let all = [s.score("a b", "a b"), s.score("c", "d")];
    /// assert_eq!(RougeScores::mean(&all).rouge1.fmeasure, 0.5);
    /// assert_eq!(RougeScores::mean(&[]), RougeScores::default());
    /// ```
    pub fn mean(scores: &[RougeScores]) -> RougeScores {
        if scores.is_empty() {
            return RougeScores::default();
        }
        let n = scores.len() as f64;
        let sum = scores
            .iter()
            .fold(RougeScores::default(), |acc, s| acc.map2(s, |a, b| a + b));
        sum.map2(&sum, |a, _| a / n)
    }

    /// The scores as `[rouge1, rouge2, rougeL, rougeLsum]`.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::RougeScores;
    /// assert_eq!(RougeScores::default().as_array().len(), 4);
    /// ```
    pub fn as_array(&self) -> [Score; 4] {
        [self.rouge1, self.rouge2, self.rouge_l, self.rouge_lsum]
    }

    /// The names `rouge-score` uses, in the order of [`RougeScores::as_array`].
    pub const NAMES: [&'static str; 4] = ["rouge1", "rouge2", "rougeL", "rougeLsum"];

    pub(crate) fn map2(&self, other: &RougeScores, f: impl Fn(f64, f64) -> f64) -> RougeScores {
        RougeScores {
            rouge1: self.rouge1.map2(other.rouge1, &f),
            rouge2: self.rouge2.map2(other.rouge2, &f),
            rouge_l: self.rouge_l.map2(other.rouge_l, &f),
            rouge_lsum: self.rouge_lsum.map2(other.rouge_lsum, &f),
        }
    }
}

/// Scores candidate summaries against references.
///
/// A `Scorer` is cheap to share across threads; scoring never panics and
/// never fails.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::{RougeConfig, Scorer};
/// let scorer = Scorer::new(RougeConfig::default());
/// let s = scorer.score("the cat sat\non the mat", "the cat lay on the mat");
/// assert!((s.rouge1.fmeasure - 5.0 / 6.0).abs() < 1e-12);
/// assert!((s.rouge2.recall - 3.0 / 5.0).abs() < 1e-12);
/// ```
#[derive(Debug)]
pub struct Scorer {
    config: RougeConfig,
    snowball: Option<nutgraf_text::tokens::Stemmer>,
}

impl Scorer {
    /// A scorer for `config`. If a Unicode tokenizer asks for a language
    /// that has no Snowball stemmer, tokens are left unstemmed; use
    /// [`Scorer::try_new`] to get an error instead.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer};
    /// let s = Scorer::new(RougeConfig::default());
    /// assert_eq!(s.score("", "anything").rouge1.fmeasure, 0.0);
    /// ```
    pub fn new(config: RougeConfig) -> Self {
        let snowball = match config.tokenizer {
            Tokenizer::Unicode { stem } | Tokenizer::Uax29 { stem } => {
                stem.and_then(nutgraf_text::tokens::Stemmer::new)
            }
            Tokenizer::RougeScore => None,
        };
        Scorer { config, snowball }
    }

    /// Like [`Scorer::new`], but a stemming language without a Snowball
    /// stemmer is an error.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
    /// use nutgraf_text::Language;
    /// let de = RougeConfig::new().tokenizer(Tokenizer::Unicode { stem: Some(Language::De) });
    /// assert!(Scorer::try_new(de).is_ok());
    /// ```
    pub fn try_new(config: RougeConfig) -> Result<Self, Error> {
        let scorer = Scorer::new(config);
        match config.tokenizer {
            Tokenizer::Unicode { stem: Some(l) } | Tokenizer::Uax29 { stem: Some(l) }
                if scorer.snowball.is_none() =>
            {
                Err(Error {
                    kind: ErrorKind::NoStemmer(l),
                })
            }
            _ => Ok(scorer),
        }
    }

    /// The configuration.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer};
    /// assert!(!Scorer::new(RougeConfig::default()).config().get_stemmer());
    /// ```
    pub fn config(&self) -> &RougeConfig {
        &self.config
    }

    /// The tokens this scorer compares (after stemming, if on).
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer, Tokenizer};
    /// let rs = Scorer::new(RougeConfig::default());
    /// assert_eq!(rs.tokenize("Die Größe!"), ["die", "gr", "e"]);
    /// let uni = Scorer::new(RougeConfig::default().tokenizer(Tokenizer::Unicode { stem: None }));
    /// assert_eq!(uni.tokenize("Die Größe!"), ["die", "größe"]);
    /// ```
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        match self.config.tokenizer {
            Tokenizer::RougeScore => tokenize::rouge_score_tokens(text, self.config.stemmer),
            Tokenizer::Unicode { .. } => tokenize::python_word_tokens(text, self.snowball.as_ref()),
            Tokenizer::Uax29 { .. } => tokenize::uax29_tokens(text, self.snowball.as_ref()),
        }
    }

    /// ROUGE-1, -2, -L and -Lsum of `candidate` against `reference`
    /// (`RougeScorer.score(target=reference, prediction=candidate)`).
    /// Sentences for ROUGE-Lsum are the lines of each text.
    ///
    /// # Example
    /// ```
    /// use nutgraf_eval::rouge::{RougeConfig, Scorer};
    /// let scorer = Scorer::new(RougeConfig::default());
    /// let s = scorer.score("police kill the gunman", "police killed the gunman");
    /// assert_eq!(s.rouge1.precision, 0.75);
    /// assert!((s.rouge2.fmeasure - 1.0 / 3.0).abs() < 1e-12);
    /// assert_eq!(s.rouge_l.recall, 0.75);
    /// ```
    pub fn score(&self, candidate: &str, reference: &str) -> RougeScores {
        let mut ids = Interner::default();
        let cand = ids.intern(self.tokenize(candidate));
        let refr = ids.intern(self.tokenize(reference));
        let lines = |text: &str, ids: &mut Interner| -> Vec<Vec<u32>> {
            text.split('\n')
                .filter(|l| !l.is_empty())
                .map(|l| ids.intern(self.tokenize(l)))
                .collect()
        };
        let cand_sents = lines(candidate, &mut ids);
        let ref_sents = lines(reference, &mut ids);
        RougeScores {
            rouge1: rouge_n(&cand, &refr, 1),
            rouge2: rouge_n(&cand, &refr, 2),
            rouge_l: rouge_l(&cand, &refr),
            rouge_lsum: rouge_lsum(&cand_sents, &ref_sents, ids.len()),
        }
    }
}

/// Token strings to dense ids, so that comparisons are integer compares.
#[derive(Default)]
struct Interner {
    map: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, tokens: Vec<String>) -> Vec<u32> {
        tokens
            .into_iter()
            .map(|t| {
                let next = self.map.len() as u32;
                *self.map.entry(t).or_insert(next)
            })
            .collect()
    }
    fn len(&self) -> usize {
        self.map.len()
    }
}

fn rouge_n(cand: &[u32], refr: &[u32], n: usize) -> Score {
    fn counts(tokens: &[u32], n: usize) -> HashMap<&[u32], usize> {
        let mut m: HashMap<&[u32], usize> = HashMap::new();
        for g in tokens.windows(n) {
            *m.entry(g).or_insert(0) += 1;
        }
        m
    }
    let c = counts(cand, n);
    let r = counts(refr, n);
    let overlap: usize = r
        .iter()
        .map(|(g, &k)| k.min(c.get(g).copied().unwrap_or(0)))
        .sum();
    let total = |t: &[u32]| (t.len() + 1).saturating_sub(n);
    Score::from_counts(overlap, total(cand), total(refr))
}

fn rouge_l(cand: &[u32], refr: &[u32]) -> Score {
    if cand.is_empty() || refr.is_empty() {
        return Score::default();
    }
    let l = lcs::lcs_len(refr, cand);
    Score::from_counts(l, cand.len(), refr.len())
}

fn rouge_lsum(cand: &[Vec<u32>], refr: &[Vec<u32>], vocab: usize) -> Score {
    let m: usize = refr.iter().map(Vec::len).sum();
    let n: usize = cand.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return Score::default();
    }
    // Token counts, so that no token is counted as a hit more often than
    // it occurs in either summary.
    let mut left_r = vec![0usize; vocab];
    let mut left_c = vec![0usize; vocab];
    for &t in refr.iter().flatten() {
        left_r[t as usize] += 1;
    }
    for &t in cand.iter().flatten() {
        left_c[t as usize] += 1;
    }
    let mut hits = 0usize;
    for r in refr {
        let mut in_union = vec![false; r.len()];
        for c in cand {
            for i in lcs::lcs_indices(r, c) {
                in_union[i] = true;
            }
        }
        for (i, _) in in_union.iter().enumerate().filter(|(_, &u)| u) {
            let t = r[i] as usize;
            if left_c[t] > 0 && left_r[t] > 0 {
                hits += 1;
                left_c[t] -= 1;
                left_r[t] -= 1;
            }
        }
    }
    Score::from_precision_recall(hits as f64 / n as f64, hits as f64 / m as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsum_counts_each_token_once() {
        let s = Scorer::new(RougeConfig::default());
        // "a" appears once in the candidate but matches in two reference lines.
        let r = s.score("a b", "a\na").rouge_lsum;
        assert_eq!(r.recall, 0.5);
        assert_eq!(r.precision, 0.5);
    }

    #[test]
    fn empty_inputs() {
        let s = Scorer::new(RougeConfig::default().stemmer(true));
        for (c, r) in [("", ""), ("\n\n", "a"), ("a", ""), ("...", "!!!")] {
            assert_eq!(s.score(c, r), RougeScores::default());
        }
    }

    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<Scorer>();
        check::<RougeConfig>();
        check::<RougeScores>();
        check::<Error>();
        check::<bootstrap::Intervals>();
    }
}
