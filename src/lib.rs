//! # nutgraf
//!
//! nutgraf turns the text a scraper hands over — the article buried in
//! navigation, bylines, image credits, adverts and calls to action, sometimes
//! with mojibake — into a clean, language-tagged article and a faithful
//! extractive summary. Every stage keeps byte spans back into the text it was
//! given, so you can always show *where* a sentence, a removed block or a
//! summary line came from.
//!
//! This crate is the facade: a [`Pipeline`] that runs the stages in order,
//! and re-exports of their main types. Each stage is also a crate of its own:
//!
//! | stage | crate | what it does |
//! |---|---|---|
//! | normalize | [`nutgraf_text::normalize`] | decoding, mojibake repair, Unicode hygiene, change log |
//! | parse | [`nutgraf_article`] | lines → title, byline, source and typed blocks |
//! | clean | [`nutgraf_clean`] | boilerplate removal, each removal with a reason |
//! | lang | [`nutgraf_lang`] | document and block language with confidence |
//! | split | [`nutgraf_text::sentences`] | sentence boundaries with spans |
//! | summarize | [`nutgraf_summarize`] | Lead-k, TextRank, LexRank, … and a tuned default |
//!
//! ## Example
//! ```
//! let page = "← Back to feed\n\
//!             Tidal turbines light up the harbour\n\
//!             Image via Harbor Ledger\n\
//!             Three fishing towns switched on a shared array of tidal turbines this week. \
//!             The pilot is the largest of its kind in the region.\n\
//!             Engineers say the output can be predicted years ahead. \
//!             That makes it easier to plan than wind or solar power.\n\
//!             Related Articles\n";
//! let doc = nutgraf::Pipeline::default().run(page)?;
//! assert_eq!(doc.article.title.as_deref(), Some("Tidal turbines light up the harbour"));
//! assert_eq!(doc.language(), nutgraf::Language::En);
//! assert!(doc.removed.iter().any(|r| r.block.text == "Image via Harbor Ledger"));
//! for s in &doc.summary.sentences {
//!     // Every span indexes the input as given.
//!     assert_eq!(&page[s.span.clone()], s.text);
//! }
//! # Ok::<(), nutgraf::Error>(())
//! ```
//!
//! The one-call form:
//! ```
//! let summary = nutgraf::summarize("First sentence here. Second one follows. A third.", 1)?;
//! assert_eq!(summary.sentences.len(), 1);
//! # Ok::<(), nutgraf::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

use std::ops::Range;
use std::sync::OnceLock;

pub use nutgraf_article::{self as article, Article, Block, BlockKind};
pub use nutgraf_clean::{self as clean, Cleaned, Cleaner, Reason, Removed};
pub use nutgraf_lang::{self as lang, Detection, Detector, DocumentLanguage};
pub use nutgraf_summarize::{
    self as summarize, Budget, KeyTerm, Method, Order, Selected, Summarizer, SummarizerConfig,
    Summary,
};
pub use nutgraf_text::{
    self as text,
    normalize::{Change, ChangeKind, NormalizeConfig},
    Language,
};

/// Why a [`Pipeline`] could not run or be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`PipelineBuilder::max_bytes`] allows.
    #[error(
        "input is {size} bytes, more than the limit of {limit} bytes (raise it with max_bytes)"
    )]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The summarizer rejected its settings or its input.
    #[error(transparent)]
    Summarize(#[from] nutgraf_summarize::Error),
    /// The language detector rejected its settings.
    #[error(transparent)]
    Lang(#[from] nutgraf_lang::Error),
    /// The cleaner rejected its settings.
    #[error(transparent)]
    Clean(#[from] nutgraf_clean::ConfigError),
    /// The input bytes could not be decoded (see [`Pipeline::run_bytes`]).
    #[error(transparent)]
    Decode(#[from] nutgraf_text::normalize::DecodeError),
}

/// Which language the pipeline assumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LanguageSetting {
    /// Detect the language of the document (the default).
    #[default]
    Auto,
    /// Treat the document as this language.
    Fixed(Language),
}

/// Settings of a [`Pipeline`], plain data (serialisable with the `serde` feature).
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
pub struct PipelineConfig {
    /// Normalization settings.
    pub normalize: NormalizeConfig,
    /// Remove boilerplate (default: on). Off keeps every parsed block.
    pub clean: bool,
    /// Language detection or a fixed language.
    pub language: LanguageSetting,
    /// Summarizer settings.
    pub summarizer: SummarizerConfig,
    /// Largest input accepted, in bytes (default 64 MiB).
    pub max_bytes: usize,
    /// [`Pipeline::run_bytes`]: replace invalid UTF-8 with U+FFFD instead of
    /// failing (default: off).
    pub lossy: bool,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            normalize: NormalizeConfig::default(),
            clean: true,
            language: LanguageSetting::Auto,
            summarizer: SummarizerConfig::default(),
            max_bytes: 64 << 20,
            lossy: false,
        }
    }
}

/// A sentence of the clean article, with its span in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DocSentence {
    /// The sentence (normalized text).
    pub text: String,
    /// Byte range in the input given to [`Pipeline::run`].
    pub span: Range<usize>,
    /// Index of the kept block the sentence belongs to.
    pub block: usize,
}

/// Everything the pipeline learned about one page. All spans index the
/// input given to [`Pipeline::run`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Document {
    /// The normalized text.
    pub normalized: String,
    /// The changes normalization made, with their ranges in the input.
    pub changes: Vec<Change>,
    /// The clean article (block spans index the input).
    pub article: Article,
    /// The removed blocks, each with its reason (spans index the input).
    pub removed: Vec<Removed>,
    /// An "AI Summary" the page carried about itself, if any.
    pub page_summary: Option<String>,
    /// A "Key Takeaways" list the page carried about itself.
    pub key_takeaways: Vec<String>,
    /// The document language, with block languages and a mixed report.
    pub language: DocumentLanguage,
    /// The sentences of the clean article.
    pub sentences: Vec<DocSentence>,
    /// The summary (sentence spans index the input).
    pub summary: Summary,
    /// Spans of the removals in the normalized text, parallel to `removed`.
    removed_normalized: Vec<Range<usize>>,
}

impl Document {
    /// The document language (a shortcut for `self.language.language()`).
    pub fn language(&self) -> Language {
        self.language.language()
    }

    /// The (normalized) text of the `i`-th removal: the whole block, or only
    /// the sentences trimmed from it.
    ///
    /// # Example
    /// ```
    /// let page = "A harbour story\nThe towns switched on the turbines this week.\nRelated Articles\n";
    /// let doc = nutgraf::Pipeline::default().run(page)?;
    /// let i = doc.removed.iter().position(|r| r.reason.rule == "related").unwrap();
    /// assert_eq!(doc.removed_text(i), Some("Related Articles"));
    /// # Ok::<(), nutgraf::Error>(())
    /// ```
    pub fn removed_text(&self, i: usize) -> Option<&str> {
        let span = self.removed_normalized.get(i)?;
        self.normalized.get(span.clone()).map(str::trim)
    }
}

/// The whole nutgraf pipeline: normalize → parse → clean → lang → split →
/// summarize.
///
/// # Example
/// ```
/// use nutgraf::{Method, Pipeline};
/// let pipeline = Pipeline::builder().method(Method::Lead).sentences(1).build()?;
/// let doc = pipeline.run("A title line\nThe first sentence of the body. The second one.")?;
/// assert_eq!(doc.summary.sentences[0].text, "The first sentence of the body.");
/// # Ok::<(), nutgraf::Error>(())
/// ```
#[derive(Debug)]
pub struct Pipeline {
    config: PipelineConfig,
    /// Built on first use, and only when boilerplate removal is on: building
    /// one compiles its patterns, a good part of a short run's start-up (see
    /// [`Pipeline::set_up`]).
    cleaner: OnceLock<Cleaner>,
    detector: Detector,
    summarizer: Summarizer,
}

/// One step of the set-up a [`Pipeline`] does once, on first use (see
/// [`Pipeline::set_up_steps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SetUpStep {
    /// Loading the language model (its n-gram table, shared by every
    /// pipeline of the process), needed to detect a language. The longest
    /// step: tens of milliseconds.
    LanguageModel,
    /// Building the pipeline's boilerplate cleaner (compiling its
    /// patterns), needed when cleaning is on.
    Cleaner,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::builder()
            .build()
            .expect("the default pipeline settings are valid")
    }
}

/// Builds a [`Pipeline`]; every setter chains by value.
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    config: PipelineConfig,
}

impl PipelineBuilder {
    /// Starts from the given settings.
    pub fn configure(mut self, config: PipelineConfig) -> Self {
        self.config = config;
        self
    }
    /// Normalization settings.
    pub fn normalize(mut self, config: NormalizeConfig) -> Self {
        self.config.normalize = config;
        self
    }
    /// Remove boilerplate (default: on).
    pub fn clean(mut self, yes: bool) -> Self {
        self.config.clean = yes;
        self
    }
    /// Detect the language (`None`, the default) or assume one.
    pub fn language(mut self, language: Option<Language>) -> Self {
        self.config.language = match language {
            Some(l) => LanguageSetting::Fixed(l),
            None => LanguageSetting::Auto,
        };
        self
    }
    /// Summarizer settings.
    pub fn summarizer(mut self, config: SummarizerConfig) -> Self {
        self.config.summarizer = config;
        self
    }
    /// The summarization method.
    pub fn method(mut self, method: Method) -> Self {
        self.config.summarizer = self.config.summarizer.method(method);
        self
    }
    /// Summary length in sentences.
    pub fn sentences(mut self, n: usize) -> Self {
        self.config.summarizer = self.config.summarizer.budget(Budget::Sentences(n));
        self
    }
    /// Largest input accepted, in bytes.
    pub fn max_bytes(mut self, limit: usize) -> Self {
        self.config.max_bytes = limit;
        self
    }
    /// Builds the pipeline, checking the settings. What takes time to set
    /// up (the cleaner's patterns, the language model) is built on first use
    /// instead (see [`Pipeline::set_up`]).
    pub fn build(self) -> Result<Pipeline, Error> {
        let summarizer = Summarizer::new(self.config.summarizer.clone())?;
        Ok(Pipeline {
            cleaner: OnceLock::new(),
            detector: Detector::new(),
            summarizer,
            config: self.config,
        })
    }
}

fn unit_kind(kind: BlockKind) -> Option<summarize::UnitKind> {
    Some(match kind {
        BlockKind::Paragraph | BlockKind::Other => summarize::UnitKind::Body,
        BlockKind::Heading => summarize::UnitKind::Heading,
        BlockKind::ListItem => summarize::UnitKind::ListItem,
        BlockKind::Caption => summarize::UnitKind::Caption,
        _ => return None,
    })
}

impl Pipeline {
    /// A builder starting from the default settings.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The settings of this pipeline.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// The set-up steps the first [`Pipeline::run`] of this pipeline does on
    /// the way (whether or not they are done already), longest first.
    ///
    /// The steps are independent of each other, so a program that starts
    /// several threads can run one step on each at once with
    /// [`Pipeline::set_up`] instead of letting its first document pay for
    /// all of them on one thread. Results never depend on whether, when or
    /// on which thread the steps ran.
    ///
    /// # Example
    /// ```
    /// use nutgraf::{Pipeline, SetUpStep};
    /// let p = Pipeline::default();
    /// assert_eq!(p.set_up_steps(), [SetUpStep::LanguageModel, SetUpStep::Cleaner]);
    /// std::thread::scope(|s| {
    ///     for step in p.set_up_steps() {
    ///         let p = &p;
    ///         s.spawn(move || p.set_up(step));
    ///     }
    /// });
    /// let fixed = Pipeline::builder().language(Some(nutgraf::Language::En)).clean(false).build()?;
    /// assert!(fixed.set_up_steps().is_empty());
    /// # Ok::<(), nutgraf::Error>(())
    /// ```
    pub fn set_up_steps(&self) -> Vec<SetUpStep> {
        let mut steps = Vec::with_capacity(2);
        if self.config.language == LanguageSetting::Auto {
            steps.push(SetUpStep::LanguageModel);
        }
        if self.config.clean {
            steps.push(SetUpStep::Cleaner);
        }
        steps
    }

    /// Does one set-up step now, unless it is done already (a call made
    /// while another thread does the same step waits for it). A step this
    /// pipeline does not need costs nothing.
    pub fn set_up(&self, step: SetUpStep) {
        match step {
            SetUpStep::LanguageModel => {
                if self.config.language == LanguageSetting::Auto {
                    // The first detection loads the model.
                    let _ = self.detector.detect("The model loads on first use.");
                }
            }
            SetUpStep::Cleaner => {
                if self.config.clean {
                    self.cleaner();
                }
            }
        }
    }

    /// The cleaner, built on first use.
    fn cleaner(&self) -> &Cleaner {
        self.cleaner.get_or_init(Cleaner::new)
    }

    /// Decodes `bytes` (UTF-8 with or without BOM, UTF-16 with BOM, or a
    /// legacy single-byte page detected by `chardetng`) and runs every stage
    /// on the text. Spans in the result index the decoded text
    /// (`Document::normalized` maps back to it through `changes`).
    ///
    /// # Errors
    /// [`Error::Decode`] for invalid UTF-8 unless [`PipelineConfig::lossy`];
    /// otherwise as [`Pipeline::run`].
    ///
    /// # Example
    /// ```
    /// let p = nutgraf::Pipeline::default();
    /// let doc = p.run_bytes(b"Die Gr\xf6\xdfe der Stadt w\xe4chst seit Jahren. Die Stra\xdfen sind voll.")?;
    /// assert!(doc.normalized.starts_with("Die Größe"));
    /// assert!(p.run_bytes(b"Gr\xc3\xb6\xc3\x9fe und \xc3( kaputt").is_err());
    /// # Ok::<(), nutgraf::Error>(())
    /// ```
    pub fn run_bytes(&self, bytes: &[u8]) -> Result<Document, Error> {
        if bytes.len() > self.config.max_bytes {
            return Err(Error::InputTooLarge {
                size: bytes.len(),
                limit: self.config.max_bytes,
            });
        }
        let decoded = nutgraf_text::normalize::decode(bytes, self.config.lossy)?;
        self.run(&decoded.text)
    }

    /// Runs every stage on `input`.
    ///
    /// # Errors
    /// [`Error::InputTooLarge`] when the input exceeds the byte limit;
    /// summarizer errors (e.g. an input with more sentences than its limit).
    pub fn run(&self, input: &str) -> Result<Document, Error> {
        if input.len() > self.config.max_bytes {
            return Err(Error::InputTooLarge {
                size: input.len(),
                limit: self.config.max_bytes,
            });
        }
        let norm = nutgraf_text::normalize::normalize(input, &self.config.normalize);
        let text = norm.text();
        let map = |r: Range<usize>| norm.to_original(r);

        let (article, removed, page_summary, key_takeaways) = if self.config.clean {
            let c = self.cleaner().clean(text);
            (c.article, c.removed, c.summary, c.key_takeaways)
        } else {
            (nutgraf_article::parse(text), Vec::new(), None, Vec::new())
        };

        let block_texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        // A language given by the caller is not detected (detection is the
        // most expensive stage); the report then states it with confidence 1.
        let detected = match self.config.language {
            LanguageSetting::Fixed(l) => DocumentLanguage::given(l, block_texts.len()),
            LanguageSetting::Auto => self.detector.detect_document(&block_texts),
        };
        let language = detected.language();

        // Sentences per kept block, spans in the normalized text.
        let mut units = Vec::new();
        let mut sentences = Vec::new();
        for (bi, block) in article.blocks.iter().enumerate() {
            let Some(kind) = unit_kind(block.kind) else {
                continue;
            };
            let base = block.span.start;
            for s in nutgraf_text::sentences::split(&block.text, language) {
                let span = base + s.span.start..base + s.span.end;
                units.push(summarize::Unit {
                    text: &text[span.clone()],
                    span: span.clone(),
                    kind,
                    block: bi,
                });
                sentences.push(DocSentence {
                    text: s.text.to_string(),
                    span: map(span),
                    block: bi,
                });
            }
        }
        let input_units = summarize::Input {
            title: article.title.as_deref(),
            language,
            units,
        };
        let mut summary = self.summarizer.summarize(&input_units)?;
        for s in &mut summary.sentences {
            s.span = map(s.span.clone());
        }
        for k in &mut summary.key_terms {
            for sp in &mut k.spans {
                *sp = map(sp.clone());
            }
        }

        drop(input_units);
        let mut article = article;
        article.language = Some(language);
        for b in &mut article.blocks {
            b.span = map(b.span.clone());
        }
        let mut removed = removed;
        let removed_normalized = removed.iter().map(|r| r.span.clone()).collect();
        for r in &mut removed {
            r.block.span = map(r.block.span.clone());
            r.span = map(r.span.clone());
        }
        let changes = norm.changes().to_vec();
        // The normalized text moves into the document (no copy when
        // normalization changed anything, and so made its own).
        let normalized = norm.into_text().into_owned();
        Ok(Document {
            normalized,
            changes,
            article,
            removed,
            page_summary,
            key_takeaways,
            language: detected,
            sentences,
            summary,
            removed_normalized,
        })
    }
}

/// Summarizes `text` in `sentences` sentences with the default pipeline
/// (normalization, boilerplate removal, language detection, the default method).
///
/// # Example
/// ```
/// let s = nutgraf::summarize("One sentence. Two sentences. Three sentences.", 2)?;
/// assert_eq!(s.sentences.len(), 2);
/// # Ok::<(), nutgraf::Error>(())
/// ```
pub fn summarize(text: &str, sentences: usize) -> Result<Summary, Error> {
    Ok(Pipeline::builder()
        .sentences(sentences)
        .build()?
        .run(text)?
        .summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<Pipeline>();
        check::<Document>();
        check::<Error>();
        check::<PipelineConfig>();
    }

    #[test]
    fn too_large_input_is_an_error() {
        let p = Pipeline::builder().max_bytes(10).build().unwrap();
        assert!(matches!(
            p.run("x".repeat(11).as_str()),
            Err(Error::InputTooLarge {
                size: 11,
                limit: 10
            })
        ));
    }

    #[test]
    fn a_given_language_is_reported_as_given() {
        let text = "Die Stadtwerke testen Turbinen im Hafen. Die Fischer sind skeptisch.";
        let auto = Pipeline::default().run(text).unwrap();
        assert_eq!(auto.language(), Language::De);
        let fixed = Pipeline::builder()
            .language(Some(Language::En))
            .build()
            .unwrap()
            .run(text)
            .unwrap();
        assert_eq!(fixed.language(), Language::En);
        assert_eq!(fixed.language.confidence(), 1.0);
        assert_eq!(fixed.summary.language, Language::En);
    }

    #[test]
    fn set_up_steps_change_no_result() {
        let pages = [
            "← Back to feed\nTidal turbines light up the harbour\nImage via Harbor Ledger\n\
             Three fishing towns switched on a shared array of tidal turbines this week. \
             The pilot is the largest of its kind in the region.\nRelated Articles\n",
            "Die Stadtwerke testen Turbinen im Hafen. Die Fischer sind skeptisch.\nMehr lesen\n",
        ];
        let lazy = Pipeline::default();
        let ready = Pipeline::default();
        assert_eq!(
            ready.set_up_steps(),
            [SetUpStep::LanguageModel, SetUpStep::Cleaner]
        );
        // The steps at once on their own threads, and again (a no-op).
        std::thread::scope(|s| {
            for step in ready.set_up_steps() {
                let ready = &ready;
                s.spawn(move || ready.set_up(step));
            }
        });
        for step in ready.set_up_steps() {
            ready.set_up(step);
        }
        assert!(ready.cleaner.get().is_some());
        assert!(lazy.cleaner.get().is_none());
        for page in pages {
            let a = format!("{:?}", lazy.run(page).unwrap());
            let b = format!("{:?}", ready.run(page).unwrap());
            assert_eq!(a, b);
        }
        // Without cleaning, no cleaner is ever built.
        let raw = Pipeline::builder().clean(false).build().unwrap();
        assert_eq!(raw.set_up_steps(), [SetUpStep::LanguageModel]);
        raw.set_up(SetUpStep::Cleaner);
        raw.run(pages[0]).unwrap();
        assert!(raw.cleaner.get().is_none());
    }

    #[test]
    fn empty_input_gives_an_empty_document() {
        let d = Pipeline::default().run("").unwrap();
        assert!(d.summary.sentences.is_empty());
        assert!(d.article.blocks.is_empty());
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
