//! # nutgraf-clean
//!
//! Boilerplate stripping for scraped news page *text* — not HTML: the markup
//! that trafilatura and readability lean on is gone, so the cleaner works on
//! the lines a scraper left behind. It is conservative (losing an article
//! sentence is worse than keeping a stray line), explains every removal, and
//! knows English and German.
//!
//! ## How it works
//!
//! 1. The page is parsed into blocks with [`nutgraf_article::parse`].
//! 2. **Rules** with names and reasons remove the families that can be
//!    listed: navigation, menus, share/follow/sign-in rows, "Read more" /
//!    "Weiterlesen" links, image credits ("Image via …", "Foto: …"), byline
//!    and source lines, affiliate disclosures, adverts, wallet / newsletter /
//!    cookie / app calls to action, "Related Articles" / "Mehr zum Thema" and
//!    the link list after them, comment prompts (trimmed sentence by sentence
//!    when they close a real paragraph), labels ("Importance 7/10") and date
//!    lines. The phrases are data (one Aho-Corasick automaton and one
//!    `RegexSet`), see [`rules`].
//! 3. A **statistical classifier** scores what the rules cannot list: per
//!    block features (length, stop-word density for the page's language,
//!    punctuation, capitalisation, digits and URLs, link-like shape, position,
//!    similarity to the title; the densest run of long prose and the
//!    distance from it; headline lines and teaser grids — "headline +
//!    teaser sentence" pairs repeated after the body; table rows; the
//!    density of web-furniture words such as "cookies", "privacy",
//!    "subscribe", "Datenschutz", which marks consent banners, legal lines
//!    and sign-up blurbs written as prose), then a second stage that
//!    smooths with the neighbours and the main content region, in the
//!    spirit of jusText, and keeps the lines of a list the text announces
//!    with a colon. Text without spaces (Chinese, Japanese) counts one word
//!    per two characters. Its weights are plain data fitted by
//!    `examples/fit.rs` on the dev sets.
//! 4. **Repeats** of text kept earlier go (`duplicate`): a metadata copy
//!    of the whole body left in the page text, a cookie notice printed
//!    twice, the headline printed again and again (its first repeat in the
//!    body stays). Short repeats of body text (pull quotes, the repeated
//!    lines of a recipe) stay.
//! 5. What the page says about itself is picked up: byline and source
//!    ("via Crypto Briefing"), an embedded "AI Summary" and a
//!    "Key Takeaways" list.
//!
//! Every removal is a [`Removed`] with the removed bytes and a [`Reason`].
//!
//! ## Example
//! ```
//! use nutgraf_clean::Cleaner;
//!
//! let page = "← Back to feed\n\
//!             Tidal turbines light up the harbour\n\
//!             Image via Harbor Ledger\n\
//!             Three fishing towns switched on a shared array of tidal turbines this week, \
//!             and the pilot is already the largest of its kind in the region.\n\
//!             Engineers say the output can be predicted years ahead, which makes it easier \
//!             to plan than wind or solar power. What do you make of it? Share your thoughts \
//!             in the comments below.\n\
//!             Related Articles\n";
//! let cleaned = Cleaner::new().clean(page);
//! assert_eq!(cleaned.article.title.as_deref(), Some("Tidal turbines light up the harbour"));
//! let text = cleaned.article.text();
//! assert!(text.starts_with("Three fishing towns"));
//! assert!(text.ends_with("solar power. What do you make of it?"));
//! for r in &cleaned.removed {
//!     // Each removal says what went and why.
//!     println!("{:?} {} — {}", &page[r.span.clone()], r.reason.rule, r.reason.description());
//! }
//! assert!(cleaned.removed.iter().any(|r| r.reason.rule == "image_credit"));
//! assert!(cleaned.removed.iter().any(|r| r.reason.rule == "comment_prompt"));
//! ```
//!
//! ## Settings
//! ```
//! use nutgraf_clean::{Cleaner, Language};
//! let cleaner = Cleaner::builder()
//!     .classifier(false)            // rules only
//!     .language(Some(Language::De)) // skip the en/de guess
//!     .disable_rule("date")
//!     .build()?;
//! assert!(!cleaner.config().get_classifier());
//! # Ok::<(), nutgraf_clean::ConfigError>(())
//! ```
//!
//! ## How well it works
//!
//! Measured on the dev sets of `../shared/data/clean/` (see its README for
//! the metrics), after `nutgraf_text::normalize`. *Cross-validated*: 5 folds
//! by page, each page cleaned by weights fitted without it; *held-in*: the
//! shipped weights, fitted on all pages.
//!
//! | set | metric | cross-validated | held-in |
//! |---|---|---|---|
//! | `dev.jsonl` (91 pages) | token P / R / F1 (mean per page) | 0.865 / 0.972 / 0.902 | 0.873 / 0.979 / 0.914 |
//! | `dev.jsonl` | share of pages with F1 > 0.9 | 0.648 | 0.692 |
//! | `snippets_dev.jsonl` (441 pages) | snippet P / R / F1 (pooled) | 0.842 / 0.924 / 0.881 | 0.846 / 0.932 / 0.887 |
//! | snippets, German pages (313) | F1 | 0.885 | 0.892 |
//! | snippets, English pages (62) | F1 | 0.889 | 0.891 |
//!
//! Peers on page text (F1, dev / snippets): keep everything 0.628 / 0.697,
//! lines of at least 10 words 0.745 / 0.832, jusText 0.676–0.695 / 0.729.
//! The operating point favours recall, as the design asks.
//!
//! To refit and re-measure (reproducible: fixed-seed folds, deterministic fit):
//!
//! ```text
//! cargo run -p nutgraf-clean --release --example fit -- --write   # writes src/weights.rs
//! cargo run -p nutgraf-clean --release --example dev_eval          # held-in figures
//! cargo run -p nutgraf-clean --release --example dev_eval -- --seeds
//! ```
//!
//! ## Features
//!
//! | feature | what it adds |
//! |---|---|
//! | `serde` | `Serialize`/`Deserialize` for [`CleanerConfig`] and [`Model`], `Serialize` for [`Cleaned`], [`Removed`], [`Reason`] |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

use std::ops::Range;

pub use nutgraf_article::{parse, Article, Block, BlockKind};
pub use nutgraf_text::Language;

#[doc(hidden)]
pub mod features;
pub mod rules;
mod weights;

use features::{N1, N2};
use rules::RuleId;

/// Why a block (or part of one) was removed.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reason {
    /// The rule's name: `"navigation"`, `"menu"`, `"share"`, `"read_more"`,
    /// `"image_credit"`, `"byline"`, `"affiliate"`, `"advert"`,
    /// `"call_to_action"`, `"related"`, `"comment_prompt"`, `"label"`,
    /// `"date"`, `"footer"`, `"repeated_title"`, `"ai_summary"`,
    /// `"key_takeaways"`, `"comments"`, `"duplicate"` or `"classifier"`.
    pub rule: &'static str,
    /// For the classifier: the probability that the block is article text.
    pub score: Option<f64>,
}

impl Reason {
    fn of(rule: RuleId, score: Option<f64>) -> Reason {
        Reason {
            rule: rule.rule().name,
            score,
        }
    }

    /// A human sentence explaining the rule.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::new().clean("Read more\n");
    /// assert_eq!(c.removed[0].reason.rule, "read_more");
    /// assert!(c.removed[0].reason.description().contains("Read more"));
    /// ```
    pub fn description(&self) -> &'static str {
        rules::RULES
            .iter()
            .find(|r| r.name == self.rule)
            .map_or("Removed.", |r| r.description)
    }
}

/// A removed block or sentence range.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Removed {
    /// The block the removal was made from (as parsed).
    pub block: Block,
    /// The removed bytes of the input: the whole block (with its list
    /// marker) or the trimmed sentences.
    pub span: Range<usize>,
    /// Why.
    pub reason: Reason,
}

/// The result of [`Cleaner::clean`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Cleaned {
    /// The kept article: title, byline, source, language guess and the kept blocks.
    pub article: Article,
    /// Every removal, in input order.
    pub removed: Vec<Removed>,
    /// An embedded summary the page carried ("AI Summary"), if any.
    pub summary: Option<String>,
    /// An embedded "Key Takeaways" list, if any.
    pub key_takeaways: Vec<String>,
}

/// A bad setting given to [`CleanerBuilder`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// The classifier's weights: plain data, fitted by `examples/fit.rs`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Model {
    stage1: Vec<f64>,
    stage2: Vec<f64>,
    threshold: f64,
    outside_threshold: f64,
    region_offset: f64,
    #[cfg_attr(feature = "serde", serde(default))]
    switch_cost: f64,
}

impl Model {
    /// The weights shipped with the crate.
    ///
    /// # Example
    /// ```
    /// let m = nutgraf_clean::Model::shipped();
    /// assert!(m.threshold() > 0.0 && m.threshold() < 1.0);
    /// ```
    pub fn shipped() -> Model {
        Model {
            stage1: weights::STAGE1.to_vec(),
            stage2: weights::STAGE2.to_vec(),
            threshold: weights::THRESHOLD,
            outside_threshold: weights::OUTSIDE_THRESHOLD,
            region_offset: weights::REGION_OFFSET,
            switch_cost: weights::SWITCH_COST,
        }
    }

    /// A model from raw weights; `None` when the lengths do not match the
    /// feature sets or a threshold or the offset is outside `0..=1`.
    ///
    /// `threshold` applies inside the main content region,
    /// `outside_threshold` outside it; `region_offset` is the probability a
    /// block must beat to count for the region.
    ///
    /// # Example
    /// ```
    /// let m = nutgraf_clean::Model::shipped();
    /// let again = nutgraf_clean::Model::new(m.stage1().to_vec(), m.stage2().to_vec(), 0.4, 0.7, 0.5).unwrap();
    /// assert_eq!(again.threshold(), 0.4);
    /// ```
    pub fn new(
        stage1: Vec<f64>,
        stage2: Vec<f64>,
        threshold: f64,
        outside_threshold: f64,
        region_offset: f64,
    ) -> Option<Model> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        (stage1.len() == N1
            && stage2.len() == N2
            && unit(threshold)
            && unit(outside_threshold)
            && unit(region_offset))
        .then_some(Model {
            stage1,
            stage2,
            threshold,
            outside_threshold,
            region_offset,
            switch_cost: 0.0,
        })
    }

    /// The same model with a keep/drop switch cost for the sequence decoder
    /// (see [`features::decode`]); `None` when `cost` is negative or not finite.
    ///
    /// # Example
    /// ```
    /// let m = nutgraf_clean::Model::shipped().with_switch_cost(1.0).unwrap();
    /// assert_eq!(m.switch_cost(), 1.0);
    /// assert!(nutgraf_clean::Model::shipped().with_switch_cost(-1.0).is_none());
    /// ```
    pub fn with_switch_cost(mut self, cost: f64) -> Option<Model> {
        (cost.is_finite() && cost >= 0.0).then(|| {
            self.switch_cost = cost;
            self
        })
    }

    /// The cost of switching between keeping and dropping from one
    /// classified block to the next (0: each block decided on its own).
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Model::shipped().switch_cost() >= 0.0);
    /// ```
    pub fn switch_cost(&self) -> f64 {
        self.switch_cost
    }

    /// The threshold outside the main content region.
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Model::shipped().outside_threshold() <= 1.0);
    /// ```
    pub fn outside_threshold(&self) -> f64 {
        self.outside_threshold
    }

    /// The probability a block must beat to count towards the main content region.
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Model::shipped().region_offset() <= 1.0);
    /// ```
    pub fn region_offset(&self) -> f64 {
        self.region_offset
    }

    /// Stage-1 weights.
    ///
    /// # Example
    /// ```
    /// assert!(!nutgraf_clean::Model::shipped().stage1().is_empty());
    /// ```
    pub fn stage1(&self) -> &[f64] {
        &self.stage1
    }

    /// Stage-2 weights.
    ///
    /// # Example
    /// ```
    /// assert!(!nutgraf_clean::Model::shipped().stage2().is_empty());
    /// ```
    pub fn stage2(&self) -> &[f64] {
        &self.stage2
    }

    /// The fitted decision threshold inside the main content region.
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Model::shipped().threshold() <= 1.0);
    /// ```
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
}

/// Settings of a [`Cleaner`]: plain data.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
pub struct CleanerConfig {
    /// Run the statistical classifier after the rules (default: on).
    pub classifier: bool,
    /// Probability below which the classifier removes a block (default: the
    /// model's fitted threshold).
    pub threshold: Option<f64>,
    /// The page language, if known; `None` guesses English/German from stop words.
    pub language: Option<Language>,
    /// Trim comment prompts and calls to action that close a paragraph (default: on).
    pub trim_sentences: bool,
    /// Rule names not to apply.
    pub disabled_rules: Vec<String>,
}

impl Default for CleanerConfig {
    fn default() -> Self {
        CleanerConfig {
            classifier: true,
            threshold: None,
            language: None,
            trim_sentences: true,
            disabled_rules: Vec::new(),
        }
    }
}

impl CleanerConfig {
    /// Whether the classifier runs.
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::CleanerConfig::default().get_classifier());
    /// ```
    pub fn get_classifier(&self) -> bool {
        self.classifier
    }

    /// The threshold override, if any.
    ///
    /// # Example
    /// ```
    /// assert_eq!(nutgraf_clean::CleanerConfig::default().get_threshold(), None);
    /// ```
    pub fn get_threshold(&self) -> Option<f64> {
        self.threshold
    }

    /// The language hint.
    ///
    /// # Example
    /// ```
    /// assert_eq!(nutgraf_clean::CleanerConfig::default().get_language(), None);
    /// ```
    pub fn get_language(&self) -> Option<Language> {
        self.language
    }
}

/// Builds a [`Cleaner`] with settings.
#[derive(Debug, Clone)]
pub struct CleanerBuilder {
    config: CleanerConfig,
    model: Model,
}

impl CleanerBuilder {
    /// Turns the classifier on or off.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::builder().classifier(false).build().unwrap();
    /// assert!(!c.config().get_classifier());
    /// ```
    pub fn classifier(mut self, yes: bool) -> Self {
        self.config.classifier = yes;
        self
    }

    /// Sets the classifier's threshold (a probability in `0..=1`; lower keeps more).
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Cleaner::builder().threshold(1.5).build().is_err());
    /// ```
    pub fn threshold(mut self, p: f64) -> Self {
        self.config.threshold = Some(p);
        self
    }

    /// Sets the language of the pages (`None`: guess).
    ///
    /// # Example
    /// ```
    /// use nutgraf_clean::{Cleaner, Language};
    /// let c = Cleaner::builder().language(Some(Language::De)).build().unwrap();
    /// assert_eq!(c.config().get_language(), Some(Language::De));
    /// ```
    pub fn language(mut self, lang: Option<Language>) -> Self {
        self.config.language = lang;
        self
    }

    /// Turns sentence-level trimming of comment prompts on or off.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::builder().trim_sentences(false).build().unwrap();
    /// assert!(!c.config().trim_sentences);
    /// ```
    pub fn trim_sentences(mut self, yes: bool) -> Self {
        self.config.trim_sentences = yes;
        self
    }

    /// Does not apply the rule `name` (see [`rules::RULES`]).
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Cleaner::builder().disable_rule("no_such_rule").build().is_err());
    /// ```
    pub fn disable_rule(mut self, name: &str) -> Self {
        self.config.disabled_rules.push(name.to_string());
        self
    }

    /// Replaces all settings.
    ///
    /// # Example
    /// ```
    /// use nutgraf_clean::{Cleaner, CleanerConfig};
    /// let c = Cleaner::builder().configure(CleanerConfig::default()).build().unwrap();
    /// assert_eq!(c.config(), &CleanerConfig::default());
    /// ```
    pub fn configure(mut self, config: CleanerConfig) -> Self {
        self.config = config;
        self
    }

    /// Uses other classifier weights (for fitting and experiments).
    ///
    /// # Example
    /// ```
    /// use nutgraf_clean::{Cleaner, Model};
    /// let c = Cleaner::builder().model(Model::shipped()).build().unwrap();
    /// # let _ = c;
    /// ```
    pub fn model(mut self, model: Model) -> Self {
        self.model = model;
        self
    }

    /// Checks the settings and builds the cleaner.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::builder().threshold(0.3).build()?;
    /// # let _ = c;
    /// # Ok::<(), nutgraf_clean::ConfigError>(())
    /// ```
    pub fn build(self) -> Result<Cleaner, ConfigError> {
        if let Some(t) = self.config.threshold {
            if !(0.0..=1.0).contains(&t) {
                return Err(ConfigError(format!(
                    "threshold {t} is not a probability in 0..=1"
                )));
            }
        }
        let mut disabled = Vec::new();
        for name in &self.config.disabled_rules {
            match rules::RULES.iter().position(|r| r.name == name) {
                Some(i) => disabled.push(i),
                None => {
                    return Err(ConfigError(format!(
                        "unknown rule {name:?}; known rules: {}",
                        rules::RULES
                            .iter()
                            .map(|r| r.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
        let _ = rules::compiled();
        Ok(Cleaner {
            threshold: self.config.threshold.unwrap_or(self.model.threshold),
            outside_threshold: self
                .config
                .threshold
                .map_or(self.model.outside_threshold, |t| {
                    t.max(self.model.outside_threshold)
                }),
            config: self.config,
            model: self.model,
            disabled,
        })
    }
}

/// The boilerplate stripper. Cheap to clone, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Cleaner {
    config: CleanerConfig,
    model: Model,
    threshold: f64,
    outside_threshold: f64,
    disabled: Vec<usize>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new()
    }
}

/// Internal: the stage-1 features and the classifier's word counts, for
/// [`Cleaner::trace`].
type TraceSlot = (Vec<[f64; N1]>, Vec<usize>);

/// Internal: what happened to each block.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Keep,
    Drop(RuleId, Option<f64>),
}

/// Traces of the classifier's inputs, for fitting (not a stable API).
#[doc(hidden)]
#[derive(Debug)]
pub struct Trace {
    /// The parsed article.
    pub article: Article,
    /// Blocks removed by a rule.
    pub rule_hit: Vec<bool>,
    /// Stage-1 features per block.
    pub stage1: Vec<[f64; N1]>,
    /// The classifier's word count per block ([`features::effective_words`]).
    pub words: Vec<usize>,
}

impl Cleaner {
    /// A cleaner with the default settings and the shipped model.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::new();
    /// assert!(c.clean("").article.blocks.is_empty());
    /// ```
    pub fn new() -> Cleaner {
        Cleaner::builder()
            .build()
            .expect("default settings are valid")
    }

    /// A builder for settings.
    ///
    /// # Example
    /// ```
    /// let c = nutgraf_clean::Cleaner::builder().classifier(false).build().unwrap();
    /// # let _ = c;
    /// ```
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder {
            config: CleanerConfig::default(),
            model: Model::shipped(),
        }
    }

    /// The settings.
    ///
    /// # Example
    /// ```
    /// assert!(nutgraf_clean::Cleaner::new().config().trim_sentences);
    /// ```
    pub fn config(&self) -> &CleanerConfig {
        &self.config
    }

    /// Parses `text` and cleans it. Block and removal spans index `text`.
    ///
    /// # Example
    /// ```
    /// let page = "Home\nNews\nSport\nA headline worth reading\nThe story begins with a paragraph \
    ///             long enough to count as article text for the cleaner.\nShare this article\n";
    /// let c = nutgraf_clean::Cleaner::new().clean(page);
    /// assert_eq!(c.article.text(), "The story begins with a paragraph long enough to count as article text for the cleaner.");
    /// ```
    pub fn clean(&self, text: &str) -> Cleaned {
        self.clean_article(parse(text), text)
    }

    fn enabled(&self, r: RuleId) -> bool {
        !self.disabled.contains(&(r as usize))
    }

    /// Cleans an already parsed `article` of `text` (spans must index `text`).
    ///
    /// # Example
    /// ```
    /// let page = "Read more\nA paragraph of article text that is long enough to stay in place.";
    /// let article = nutgraf_clean::parse(page);
    /// let c = nutgraf_clean::Cleaner::new().clean_article(article, page);
    /// assert_eq!(c.removed.len(), 1);
    /// ```
    pub fn clean_article(&self, article: Article, text: &str) -> Cleaned {
        let (mut article, fates, lang, words) = self.decide(article, text, None);
        let blocks = std::mem::take(&mut article.blocks);
        let mut removed = Vec::new();
        let mut summary = None;
        let mut key_takeaways = Vec::new();
        let mut kept = Vec::new();
        for ((b, fate), w) in blocks.into_iter().zip(fates).zip(words) {
            match fate {
                Fate::Keep => {
                    if self.config.trim_sentences && b.kind == BlockKind::Paragraph {
                        if let Some(cut) = self.trailing_prompt(&b, w, lang) {
                            let keep_len = text[b.span.start..cut.start].trim_end().len();
                            let keep_span = b.span.start..b.span.start + keep_len;
                            removed.push(Removed {
                                block: b.clone(),
                                span: cut.clone(),
                                reason: Reason::of(
                                    cut_rule(&b.text[cut.start - b.span.start..]),
                                    None,
                                ),
                            });
                            kept.push(Block::new(b.kind, text, keep_span));
                            continue;
                        }
                    }
                    kept.push(b);
                }
                Fate::Drop(rule, score) => {
                    match rule {
                        RuleId::AiSummary if summary.is_none() && w >= 8 => {
                            summary = Some(b.text.clone())
                        }
                        RuleId::KeyTakeaways if b.kind == BlockKind::ListItem || w > 4 => {
                            key_takeaways.push(b.text.clone())
                        }
                        RuleId::ReadMore | RuleId::ImageCredit if article.source.is_none() => {
                            article.source = via_source(&b.text);
                        }
                        _ => {}
                    }
                    let span = with_marker(text, &b);
                    removed.push(Removed {
                        block: b,
                        span,
                        reason: Reason::of(rule, score),
                    });
                }
            }
        }
        removed.sort_by_key(|r| (r.span.start, r.span.end));
        article.blocks = kept;
        if article.language.is_none() {
            article.language = lang;
        }
        Cleaned {
            article,
            removed,
            summary,
            key_takeaways,
        }
    }

    /// Stage-1 features and rule decisions, for fitting the classifier.
    #[doc(hidden)]
    pub fn trace(&self, text: &str) -> Trace {
        let mut slot = None;
        let mut rules_only = self.clone();
        rules_only.config.classifier = false;
        let (article, fates, _, _) = rules_only.decide(parse(text), text, Some(&mut slot));
        let rule_hit = fates.iter().map(|f| matches!(f, Fate::Drop(..))).collect();
        let (stage1, words) = slot.unwrap_or_default();
        Trace {
            article,
            rule_hit,
            stage1,
            words,
        }
    }

    /// Stage-2 features from a trace and stage-1 logits (for fitting).
    #[doc(hidden)]
    pub fn trace_stage2(trace: &Trace, logits: &[f64], region_offset: f64) -> Vec<[f64; N2]> {
        features::stage2(
            &trace.article.blocks,
            &trace.words,
            logits,
            &trace.rule_hit,
            region_offset,
        )
    }

    fn decide(
        &self,
        mut article: Article,
        _text: &str,
        trace: Option<&mut Option<TraceSlot>>,
    ) -> (Article, Vec<Fate>, Option<Language>, Vec<usize>) {
        let tracing = trace.is_some();
        let blocks = &article.blocks;
        let n = blocks.len();
        let words: Vec<usize> = blocks.iter().map(Block::word_count).collect();
        let cores: Vec<String> = blocks
            .iter()
            .zip(&words)
            .map(|(b, &w)| {
                if w <= rules::LONG_BLOCK
                    || (w <= rules::MAX_RULE_WORDS && rules::long_block_may_match(&b.text))
                {
                    rules::core(&b.text)
                } else {
                    String::new()
                }
            })
            .collect();
        let title_words: Vec<String> = article
            .title
            .as_deref()
            .map(|t| {
                nutgraf_text::tokens::words(t)
                    .into_iter()
                    .map(|w| nutgraf_text::tokens::fold(w.text).into_owned())
                    .filter(|w| w.chars().count() > 2)
                    .collect()
            })
            .unwrap_or_default();
        let stats = features::stats(blocks, &title_words);
        let ewords = features::effective_words(&words, &stats);
        let lang = self
            .config
            .language
            .or_else(|| features::guess_language(&stats));
        let mut fates = vec![Fate::Keep; n];
        let set = |fates: &mut Vec<Fate>, i: usize, r: RuleId| {
            if matches!(fates[i], Fate::Keep) && self.enabled(r) {
                fates[i] = Fate::Drop(r, None);
                true
            } else {
                false
            }
        };

        // Title: keep the block that is the title, drop repeats.
        let title_idx = article
            .title
            .as_ref()
            .and_then(|t| {
                blocks
                    .iter()
                    .position(|b| b.kind == BlockKind::Title && &b.text == t)
            })
            .or_else(|| blocks.iter().position(|b| b.kind == BlockKind::Title));
        for (i, b) in blocks.iter().enumerate() {
            if b.kind == BlockKind::Title && Some(i) != title_idx {
                set(&mut fates, i, RuleId::RepeatedTitle);
            }
        }
        // The page title ("Headline - Site") as the first line, when the
        // headline proper was found elsewhere.
        if n > 1
            && title_idx.is_some_and(|t| t > 0)
            && words[0] <= 30
            && !ends_sentence(&blocks[0].text)
        {
            let t = &blocks[0].text;
            if [" - ", " | ", " – ", " — ", " :: "]
                .iter()
                .any(|sep| t.contains(sep))
            {
                set(&mut fates, 0, RuleId::RepeatedTitle);
            }
        }
        // Masthead: short lines above the title.
        if let Some(t) = title_idx {
            for i in 0..t {
                if words[i] <= 3 && !ends_sentence(&blocks[i].text) {
                    set(&mut fates, i, RuleId::Navigation);
                }
            }
        }

        // Embedded summary and key takeaways.
        let mut i = 0;
        while i < n {
            if words[i] <= 6
                && rules::is_summary_heading(&cores[i])
                && i + 1 < n
                && words[i + 1] >= 8
            {
                if self.enabled(RuleId::AiSummary) {
                    set(&mut fates, i, RuleId::AiSummary);
                    set(&mut fates, i + 1, RuleId::AiSummary);
                }
                i += 2;
                continue;
            }
            if words[i] <= 6
                && rules::is_takeaway_heading(&cores[i])
                && self.enabled(RuleId::KeyTakeaways)
            {
                let mut j = i + 1;
                let list = j < n && blocks[j].kind == BlockKind::ListItem;
                while j < n && j <= i + 12 {
                    let item = if list {
                        blocks[j].kind == BlockKind::ListItem
                    } else {
                        words[j] <= 40 && words[j] >= 3
                    };
                    if !item {
                        break;
                    }
                    j += 1;
                }
                if j > i + 1 {
                    for k in i..j {
                        set(&mut fates, k, RuleId::KeyTakeaways);
                    }
                    i = j;
                    continue;
                }
            }
            i += 1;
        }

        // Byline / source lines.
        for (i, b) in blocks.iter().enumerate() {
            if words[i] <= 10
                && (i < 60 || words[i] <= 6)
                && (byline_re().is_match(&b.text)
                    || b.kind == BlockKind::Other && pipe_line(&b.text))
            {
                set(&mut fates, i, RuleId::Byline);
            }
        }

        // Phrase and shape rules.
        let mut i = 0;
        while i < n {
            if !matches!(fates[i], Fate::Keep) || blocks[i].kind == BlockKind::Title {
                i += 1;
                continue;
            }
            let hit = (!cores[i].is_empty() && words[i] <= rules::MAX_RULE_WORDS)
                .then(|| rules::match_rule(&cores[i], words[i]))
                .flatten()
                .or_else(|| (blocks[i].kind == BlockKind::Caption).then_some(RuleId::ImageCredit));
            if let Some(r) = hit {
                if set(&mut fates, i, r)
                    && r == RuleId::Related
                    && words[i] <= 8
                    && is_related_heading(&cores[i])
                {
                    // The link list after a "Related" heading.
                    let mut j = i + 1;
                    while j < n && j <= i + 15 {
                        let w = words[j];
                        let long = w >= 25 || (w >= 12 && sentence_count(&blocks[j].text) >= 2);
                        if long {
                            break;
                        }
                        set(&mut fates, j, RuleId::Related);
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            i += 1;
        }

        // Reader comment sections: a header after the article body, with
        // commenter lines after it; everything from the header on goes.
        if self.enabled(RuleId::Comments) {
            let mut seen_body = false;
            for h in 0..n {
                if words[h] >= 20 {
                    seen_body = true;
                }
                // "34 responses to “<long headline>”" may run longer.
                let counted = cores[h].starts_with(|c: char| c.is_ascii_digit());
                let short = words[h] <= 12 || (counted && words[h] <= 30);
                if seen_body && short && rules::is_comments_header(&cores[h]) {
                    let marks = (h + 1..n.min(h + 60))
                        .filter(|&j| words[j] <= 12 && rules::is_comment_mark(&cores[j]))
                        .count();
                    if marks >= 2 {
                        for k in h..n {
                            if Some(k) != title_idx {
                                set(&mut fates, k, RuleId::Comments);
                            }
                        }
                        break;
                    }
                }
            }
        }

        // Menus: runs of short title-case lines.
        let short_line = |i: usize| {
            let t = &blocks[i].text;
            words[i] <= 4
                && !matches!(
                    blocks[i].kind,
                    BlockKind::ListItem | BlockKind::Heading | BlockKind::Title
                )
                && !t.ends_with(['.', '!', '?', ':', ','])
                && t.chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        };
        let mut i = 0;
        while i < n {
            if short_line(i) {
                let mut j = i;
                while j < n && short_line(j) {
                    j += 1;
                }
                if j - i >= 3 {
                    for k in i..j {
                        set(&mut fates, k, RuleId::Menu);
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }

        // Classifier.
        if self.config.classifier || trace.is_some() {
            let ctx = features::DocContext {
                lang,
                title_words,
                texts: blocks.iter().map(|b| b.text.as_str()).collect(),
                title_idx,
                rule_hit: fates.iter().map(|f| matches!(f, Fate::Drop(..))).collect(),
            };
            let f1 = features::stage1(blocks, &stats, &ewords, &ctx);
            let rule_hit = ctx.rule_hit;
            if self.config.classifier {
                let logits: Vec<f64> = f1
                    .iter()
                    .map(|x| features::dot(&self.model.stage1, x))
                    .collect();
                let f2 = features::stage2(
                    blocks,
                    &ewords,
                    &logits,
                    &rule_hit,
                    self.model.region_offset,
                );
                // Sequence decoding: each classified block's margin over
                // its threshold, with a cost for switching keep/drop.
                let mut probs = vec![0.0; n];
                let margins: Vec<Option<f64>> = (0..n)
                    .map(|i| {
                        if rule_hit[i] || Some(i) == title_idx {
                            return None;
                        }
                        let p = features::sigmoid(features::dot(&self.model.stage2, &f2[i]));
                        probs[i] = p;
                        let in_region = f2[i][features::IN_REGION] > 0.5;
                        let thr = if in_region {
                            self.threshold
                        } else {
                            self.outside_threshold
                        };
                        Some(features::margin(p, thr, ewords[i]))
                    })
                    .collect();
                let keep = features::decode(&margins, self.model.switch_cost);
                for i in 0..n {
                    if margins[i].is_some() && !keep[i] && self.enabled(RuleId::Classifier) {
                        fates[i] = Fate::Drop(RuleId::Classifier, Some(probs[i]));
                    }
                }
            }
            if self.config.classifier {
                // Context smoothing (jusText's "near-good"): a run of up to 3 short blocks the
                // classifier dropped between two kept blocks, or a heading
                // followed by a kept block, is kept.
                let kept = |f: &Fate| matches!(f, Fate::Keep);
                let snapshot = fates.clone();
                let dropped_short = |i: usize| {
                    matches!(snapshot[i], Fate::Drop(RuleId::Classifier, _)) && ewords[i] <= 25
                };
                let mut i = 0;
                while i < n {
                    if !dropped_short(i) {
                        i += 1;
                        continue;
                    }
                    // A run of short dropped blocks (rule hits inside it are skipped).
                    let mut j = i;
                    while j < n && (dropped_short(j) || rule_hit[j]) {
                        j += 1;
                    }
                    let prev = (0..i).rev().find(|&k| !rule_hit[k]);
                    let next = (j..n).find(|&k| !rule_hit[k]);
                    let next_kept = next.is_some_and(|k| kept(&snapshot[k]) && ewords[k] >= 10);
                    let prev_kept = prev
                        .is_some_and(|k| kept(&snapshot[k]) && blocks[k].kind != BlockKind::Title);
                    if prev_kept && next_kept && j - i <= 3 {
                        for f in &mut fates[i..j] {
                            if matches!(f, Fate::Drop(RuleId::Classifier, _)) {
                                *f = Fate::Keep;
                            }
                        }
                    } else if j == i + 1 && blocks[i].kind == BlockKind::Heading && next_kept {
                        fates[i] = Fate::Keep;
                    }
                    i = j;
                }
            }
            if self.config.classifier {
                // Lists the text announces: a kept block ending in ':' (not
                // a heading) and the run of short lines of one kind after
                // it (tour dates, feature lists), up to the first rule hit
                // or a line that is not of the list's shape.
                let mut i = 0;
                while i < n {
                    let intro = matches!(fates[i], Fate::Keep)
                        && !rule_hit[i]
                        && Some(i) != title_idx
                        && blocks[i].text.trim_end().ends_with(':');
                    if !intro {
                        i += 1;
                        continue;
                    }
                    let item = |k: usize, kind: BlockKind| {
                        !rule_hit[k]
                            && blocks[k].kind == kind
                            && (LIST_ITEM_WORDS).contains(&ewords[k])
                            && matches!(fates[k], Fate::Keep | Fate::Drop(RuleId::Classifier, _))
                    };
                    let mut j = i + 1;
                    if j < n {
                        let kind = blocks[j].kind;
                        while j < n && j <= i + 60 && item(j, kind) {
                            j += 1;
                        }
                    }
                    if j >= i + 3 {
                        for f in &mut fates[i + 1..j] {
                            if matches!(f, Fate::Drop(RuleId::Classifier, _)) {
                                *f = Fate::Keep;
                            }
                        }
                    }
                    i = j.max(i + 1);
                }
            }
            // Recall guard: if the classifier left no body text at all, it
            // is more likely wrong than the page empty; undo it.
            if self.config.classifier
                && !(0..n).any(|i| {
                    matches!(fates[i], Fate::Keep) && ewords[i] >= 10 && Some(i) != title_idx
                })
            {
                for f in fates.iter_mut() {
                    if matches!(f, Fate::Drop(RuleId::Classifier, _)) {
                        *f = Fate::Keep;
                    }
                }
            }
            if let Some(slot) = trace {
                *slot = Some((f1, ewords));
            }
        }

        // Repeats of text kept earlier (a metadata copy of the body, a
        // headline or teaser printed again and again).
        if self.enabled(RuleId::Duplicate) && !tracing {
            let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
            let keep: Vec<bool> = (0..n)
                .map(|i| matches!(fates[i], Fate::Keep) && Some(i) != title_idx)
                .collect();
            let title = title_idx.map(|t| blocks[t].text.as_str());
            for (i, d) in features::duplicates(&texts, &keep, title)
                .into_iter()
                .enumerate()
            {
                if d {
                    fates[i] = Fate::Drop(RuleId::Duplicate, None);
                }
            }
        }

        // Byline and source from the page when parse found none.
        if article.source.is_none() {
            article.source = blocks
                .iter()
                .zip(&fates)
                .filter(|(_, f)| {
                    matches!(
                        f,
                        Fate::Drop(RuleId::ReadMore | RuleId::ImageCredit | RuleId::Byline, _)
                    )
                })
                .find_map(|(b, _)| via_source(&b.text));
        }
        (article, fates, lang, words)
    }

    /// The span of trailing sentences of `b` that are comment prompts or
    /// calls to action, if any (and if something remains).
    fn trailing_prompt(
        &self,
        b: &Block,
        words: usize,
        lang: Option<Language>,
    ) -> Option<Range<usize>> {
        if words <= 8 || !rules::may_trim(&b.text) {
            return None;
        }
        let sents = nutgraf_text::sentences::split(&b.text, lang.unwrap_or(Language::En));
        let mut cut: Option<usize> = None;
        for s in sents.iter().rev() {
            let core = rules::core(s.text);
            let w = s.text.split_whitespace().count();
            match rules::match_rule(&core, w) {
                Some(r) if rules::TRIM_RULES.contains(&r) && self.enabled(r) => {
                    cut = Some(s.span.start)
                }
                _ => break,
            }
        }
        let c = cut?;
        if b.text[..c].trim().is_empty() {
            return None;
        }
        Some(b.span.start + c..b.span.end)
    }
}

/// Word counts of the lines of a list announced by a line ending in ':'.
const LIST_ITEM_WORDS: std::ops::RangeInclusive<usize> = 4..=30;

fn cut_rule(s: &str) -> RuleId {
    let first = s.trim();
    rules::match_rule(&rules::core(first), first.split_whitespace().count())
        .filter(|r| rules::TRIM_RULES.contains(r))
        .unwrap_or(RuleId::CommentPrompt)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', '…'])
}

fn sentence_count(s: &str) -> usize {
    s.split_inclusive(['.', '!', '?'])
        .filter(|p| p.split_whitespace().count() >= 3)
        .count()
}

fn is_related_heading(core: &str) -> bool {
    rules::PHRASES
        .iter()
        .any(|p| p.rule == RuleId::Related && p.at == rules::At::Line && p.text == core)
}

/// The removed span of a block: for list items, with the marker.
fn with_marker(text: &str, b: &Block) -> Range<usize> {
    if b.kind != BlockKind::ListItem || b.span.start > text.len() {
        return b.span.clone();
    }
    let line_start = text[..b.span.start].rfind('\n').map_or(0, |p| p + 1);
    let lead = &text[line_start..b.span.start];
    let first = lead.len() - lead.trim_start().len();
    line_start + first..b.span.end
}

fn byline_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^(?:By|BY|Von|VON|Written by|Text:|Autor:|Autorin:|Author:)\s+\p{Lu}[\p{L}.\-']*(?:,?\s+(?:\p{Lu}[\p{L}.\-']*|and|und|&|de|von|van|der))*\s*$",
        )
        .expect("byline regex compiles")
    })
}

/// "Source|Author|": two short capitalised fields separated by pipes.
fn pipe_line(s: &str) -> bool {
    if !s.contains('|') {
        return false;
    }
    let fields: Vec<&str> = s
        .split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    (1..=2).contains(&fields.len())
        && s.ends_with('|')
        && fields.iter().all(|f| {
            f.split_whitespace().count() <= 5 && f.chars().next().is_some_and(char::is_uppercase)
        })
}

/// "… via Crypto Briefing": the source name.
fn via_source(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let pos = lower.rfind("via ")?;
    if lower.len() != s.len() {
        // Case folding changed byte lengths: find "via " in the original instead.
        let p2 = s.rfind("via ").or_else(|| s.rfind("Via "))?;
        return name_after(s, p2);
    }
    name_after(s, pos)
}

fn name_after(s: &str, pos: usize) -> Option<String> {
    let name = s.get(pos + 4..)?.trim().trim_end_matches(['.', ',']);
    (!name.is_empty()
        && name.split_whitespace().count() <= 5
        && name.chars().next().is_some_and(char::is_uppercase))
    .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_traits() {
        fn ok<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        ok::<Cleaner>();
        ok::<Cleaned>();
        ok::<Removed>();
        ok::<Reason>();
        ok::<CleanerConfig>();
    }

    #[test]
    fn via() {
        assert_eq!(
            via_source("Read Original →via Crypto Briefing").as_deref(),
            Some("Crypto Briefing")
        );
        assert_eq!(
            via_source("Image via Harbor Ledger").as_deref(),
            Some("Harbor Ledger")
        );
        assert_eq!(via_source("nothing here"), None);
    }

    #[test]
    fn marker_span() {
        let t = "Intro text line here.\n  • item one\n";
        let a = parse(t);
        let b = a
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::ListItem)
            .unwrap();
        assert_eq!(&t[with_marker(t, b)], "• item one");
    }
}
