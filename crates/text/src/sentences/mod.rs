//! Sentence boundaries with byte spans, for English and German.
//!
//! [`split`] cuts a text into [`Sentence`]s. The sentences borrow the input
//! and, with the whitespace between them, cover it in order: every sentence
//! is trimmed, non-empty, and `&text[sentence.span] == sentence.text`.
//!
//! # How it decides
//!
//! The rules extend the Unicode sentence-boundary pattern of UAX #29 (a final
//! mark, then closing quotes and brackets, then space, then a word that can
//! start a sentence) with what UAX #29 leaves to tailoring:
//!
//! * **Blocks.** The text is first cut at hard line breaks: a blank line, a
//!   paragraph separator or a lone carriage return always ends a sentence. A
//!   single line break is a boundary too, unless it looks like a wrap (see
//!   [`LineBreaks::Auto`]), so headings and list lines without final
//!   punctuation are sentences of their own.
//! * **Abbreviations** are data per language (`crates/text/data/sentences/`),
//!   in classes: titles never end a sentence ("Dr. Smith"); others end one
//!   only before a capitalized *sentence starter* — a stop word such as
//!   "The", "It", "How" ("in the U.S. The ..." but "the U.S. Army"); none
//!   ends one before a digit or a lowercase word ("No. 5", "e.g. a hat").
//!   Letters joined by dots ("U.S.A.", "i.v."), single initials
//!   ("J. R. R. Tolkien") and Roman numerals follow the same rule.
//! * **Numbers.** A period inside a number ("3.50", "1.000.000") never
//!   splits; in German "am 3. Oktober", "im 19. Jahrhundert", "der 2.
//!   Weltkrieg" are ordinals (a month or century word after the number, or
//!   an article or preposition before it).
//! * **Ellipses**: "…", "..." and ". . ." — three spaced dots mark an
//!   omission inside a sentence, four (or a period and three) end it.
//! * **Quotes and brackets**: closing marks after the final mark stay with
//!   the sentence („…“, “…”, »…«, (…)); an embedded quotation or bracket
//!   ("called out, “Stop! Now!” and ...") is not split.
//! * "?!" and repeated marks, URLs and e-mail addresses (no space after the
//!   dot, no split), emoticons and emoji after a final mark, numbered and
//!   lettered lists written on one line ("1. The first 2. The second"),
//!   footnote numbers after the final mark ("consultation.11 12 Take").
//!
//! Every decision looks at a bounded window of words, so the time is linear
//! in the input, and the memory beyond the sentences returned does not grow
//! with it (a segment is read word by word, not collected first). Runs of
//! plain words between the marks, most of a news text, are passed over
//! eight bytes at a time without being decided one by one (see `rules.rs`).
//!
//! # Display text
//!
//! A sentence's `text` is always the exact slice of the input, layout damage
//! included ("pricing\n.", "W\nA\nRN\nI\nNG"). [`clean_text`] gives the
//! text to show instead, with such damage undone ("pricing.", "WARNING");
//! it changes whitespace only.
//!
//! # Example
//! ```
//! use nutgraf_text::{sentences::split, Language};
//! let s = split("Das ist z. B. gut. Am 3. Oktober kam er.", Language::De);
//! assert_eq!(s.iter().map(|s| s.text).collect::<Vec<_>>(),
//!            ["Das ist z. B. gut.", "Am 3. Oktober kam er."]);
//! ```

use std::ops::Range;

use crate::Language;

mod clean;
mod data;
mod lines;
mod rules;

pub use clean::clean_text;

/// A sentence of the input, borrowed, with its byte span.
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::split, Language};
/// let text = "One. Two.";
/// let s = &split(text, Language::En)[1];
/// assert_eq!((s.text, s.span.clone()), ("Two.", 5..9));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sentence<'a> {
    /// The sentence text, trimmed of surrounding whitespace.
    pub text: &'a str,
    /// Byte range in the text given to [`split`]: `&text[span] == self.text`.
    pub span: Range<usize>,
}

/// Which line breaks end a sentence.
///
/// A blank line (only whitespace between two line breaks), U+2029
/// PARAGRAPH SEPARATOR and a lone `\r` always do.
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::{LineBreaks, Splitter}, Language};
/// let text = "It was a cold \nnight. Menu\nHome";
/// let auto = Splitter::new(Language::En);
/// assert_eq!(auto.split(text).len(), 3);
/// let blank = Splitter::builder().line_breaks(LineBreaks::BlankLines).build();
/// assert_eq!(blank.split(text).len(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LineBreaks {
    /// A single line break ends a sentence unless it looks like a wrap: a
    /// space before it ("a cold \nnight"), closing punctuation after it,
    /// letters stacked one or two a line (text from PDF layouts), or a line
    /// of 40 or more characters followed by a lowercase word. A line that
    /// starts with a bullet always begins a new sentence.
    #[default]
    Auto,
    /// Every line break ends a sentence.
    Always,
    /// Only blank lines (and paragraph separators) end a sentence; a single
    /// line break counts as a space.
    BlankLines,
}

/// Settings of a [`Splitter`].
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::{Config, LineBreaks}, Language};
/// let c = Config::default().language(Language::De).line_breaks(LineBreaks::Always);
/// assert_eq!(c.get_language(), Language::De);
/// assert_eq!(c.get_line_breaks(), LineBreaks::Always);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Config {
    language: Language,
    line_breaks: LineBreaks,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            language: Language::En,
            line_breaks: LineBreaks::Auto,
        }
    }
}

impl Config {
    /// The language whose rules apply (default English). German has its own
    /// rules; every other language gets the English ones.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::Config, Language};
    /// assert_eq!(Config::default().language(Language::De).get_language(), Language::De);
    /// ```
    pub fn language(mut self, language: Language) -> Config {
        self.language = language;
        self
    }

    /// The language whose rules apply.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::Config, Language};
    /// assert_eq!(Config::default().get_language(), Language::En);
    /// ```
    pub fn get_language(&self) -> Language {
        self.language
    }

    /// Which line breaks end a sentence (default [`LineBreaks::Auto`]).
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::sentences::{Config, LineBreaks};
    /// let c = Config::default().line_breaks(LineBreaks::BlankLines);
    /// assert_eq!(c.get_line_breaks(), LineBreaks::BlankLines);
    /// ```
    pub fn line_breaks(mut self, line_breaks: LineBreaks) -> Config {
        self.line_breaks = line_breaks;
        self
    }

    /// Which line breaks end a sentence.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::sentences::{Config, LineBreaks};
    /// assert_eq!(Config::default().get_line_breaks(), LineBreaks::Auto);
    /// ```
    pub fn get_line_breaks(&self) -> LineBreaks {
        self.line_breaks
    }
}

/// Builds a [`Splitter`] from a [`Config`].
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::{LineBreaks, Splitter}, Language};
/// let s = Splitter::builder().language(Language::De).line_breaks(LineBreaks::Always).build();
/// assert_eq!(s.config().get_language(), Language::De);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    config: Config,
}

impl Builder {
    /// Replaces the whole configuration.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::{Config, Splitter}, Language};
    /// let s = Splitter::builder().configure(Config::default().language(Language::De)).build();
    /// assert_eq!(s.config().get_language(), Language::De);
    /// ```
    pub fn configure(mut self, config: Config) -> Builder {
        self.config = config;
        self
    }

    /// See [`Config::language`].
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::Splitter, Language};
    /// assert_eq!(Splitter::builder().language(Language::De).build().config().get_language(), Language::De);
    /// ```
    pub fn language(mut self, language: Language) -> Builder {
        self.config = self.config.language(language);
        self
    }

    /// See [`Config::line_breaks`].
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::sentences::{LineBreaks, Splitter};
    /// let s = Splitter::builder().line_breaks(LineBreaks::Always).build();
    /// assert_eq!(s.split("a\nb").len(), 2);
    /// ```
    pub fn line_breaks(mut self, line_breaks: LineBreaks) -> Builder {
        self.config = self.config.line_breaks(line_breaks);
        self
    }

    /// The splitter.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::sentences::Splitter;
    /// let s = Splitter::builder().build();
    /// assert_eq!(s.split("Hi. Bye.").len(), 2);
    /// ```
    pub fn build(self) -> Splitter {
        Splitter::from_config(self.config)
    }
}

/// A configured sentence splitter. Cheap to create and to clone; the word
/// lists are parsed once per process.
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::Splitter, Language};
/// let s = Splitter::new(Language::En);
/// let texts: Vec<&str> = s.split("I live in the U.S. How about you?").iter().map(|s| s.text).collect();
/// assert_eq!(texts, ["I live in the U.S.", "How about you?"]);
/// ```
#[derive(Debug, Clone)]
pub struct Splitter {
    config: Config,
    ctx: rules::Ctx,
}

impl Splitter {
    /// A splitter for `language` with default settings.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::Splitter, Language};
    /// assert_eq!(Splitter::new(Language::De).split("Er kam am 3. Mai. Sie nicht.").len(), 2);
    /// ```
    pub fn new(language: Language) -> Splitter {
        Splitter::from_config(Config::default().language(language))
    }

    /// A builder, for settings other than the language.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::{LineBreaks, Splitter}, Language};
    /// let s = Splitter::builder().language(Language::En).line_breaks(LineBreaks::BlankLines).build();
    /// assert_eq!(s.split("one\ntwo").len(), 1);
    /// ```
    pub fn builder() -> Builder {
        Builder::default()
    }

    fn from_config(config: Config) -> Splitter {
        Splitter {
            config,
            ctx: rules::Ctx::new(config.language),
        }
    }

    /// The settings of this splitter.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::{LineBreaks, Splitter}, Language};
    /// assert_eq!(Splitter::new(Language::En).config().get_line_breaks(), LineBreaks::Auto);
    /// ```
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Splits `text` into sentences.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{sentences::Splitter, Language};
    /// let text = "Hello!? Is that you?";
    /// let s = Splitter::new(Language::En).split(text);
    /// assert_eq!(&text[s[1].span.clone()], "Is that you?");
    /// ```
    pub fn split<'a>(&self, text: &'a str) -> Vec<Sentence<'a>> {
        self.split_counted(text).0
    }

    /// [`Splitter::split`] and what it cost (for the tests).
    fn split_counted<'a>(&self, text: &'a str) -> (Vec<Sentence<'a>>, rules::Stats) {
        let mut out = Vec::new();
        let mut scratch = rules::Scratch::default();
        lines::segments(text, self.config.line_breaks, |seg| {
            rules::split_segment(text, seg, &self.ctx, &mut scratch, &mut out);
        });
        (out, scratch.stats)
    }

    /// [`Splitter::split`] deciding every word one by one, without passing
    /// over runs of plain words (for the tests of that fast path).
    #[cfg(test)]
    fn split_unskipped<'a>(&self, text: &'a str) -> Vec<Sentence<'a>> {
        let mut out = Vec::new();
        let mut scratch = rules::Scratch::default();
        scratch.no_skip = true;
        lines::segments(text, self.config.line_breaks, |seg| {
            rules::split_segment(text, seg, &self.ctx, &mut scratch, &mut out);
        });
        out
    }
}

/// Splits `text` into sentences for `lang` with default settings
/// ([`Splitter::new`]).
///
/// Language-specific rules apply to English and German; other languages get
/// the English rules.
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::split, Language};
/// let text = "Mr. Smith went to Washington. He arrived.";
/// let s = split(text, Language::En);
/// assert_eq!(s.len(), 2);
/// assert_eq!(&text[s[1].span.clone()], "He arrived.");
/// ```
pub fn split(text: &str, lang: Language) -> Vec<Sentence<'_>> {
    Splitter::new(lang).split(text)
}

#[cfg(test)]
mod tests;
