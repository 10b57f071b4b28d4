//! Word tokens with byte spans, case folding, stop words and stemming.
//!
//! # Example
//! ```
//! use nutgraf_text::{tokens, Language};
//! let toks = tokens::words("Die Größe zählt.");
//! assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["Die", "Größe", "zählt"]);
//! assert!(tokens::is_stopword(Language::De, "die"));
//! let stemmer = tokens::Stemmer::new(Language::En).unwrap();
//! assert_eq!(stemmer.stem("running"), "run");
//! ```

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::Language;

/// A word of the input, borrowed, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Token<'a> {
    /// The word as it stands in the input.
    pub text: &'a str,
    /// Byte range of the word in the input: `&input[span] == text`.
    pub span: Range<usize>,
}

/// The words of `text` (UAX #29 word boundaries; pieces with at least one
/// letter or digit), with their byte spans.
///
/// ASCII stretches take a fast path that applies the same rules (the
/// property test `tokens_words` checks it against `unicode-segmentation`).
///
/// # Example
/// ```
/// let t = nutgraf_text::tokens::words("It's 3.5% — ok?");
/// assert_eq!(t.iter().map(|t| t.text).collect::<Vec<_>>(), ["It's", "3.5", "ok"]);
/// assert_eq!(t[1].span, 5..8);
/// ```
pub fn words(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let b = text.as_bytes();
    let mut start = 0;
    while start < b.len() {
        // A piece ends where ASCII whitespace is followed by an ASCII
        // character that is not whitespace: UAX #29 always breaks there, and
        // none of its rules looks across that border, so the pieces can be
        // segmented one by one.
        let mut end = start;
        let mut ascii = true;
        while end < b.len() {
            let c = b[end];
            end += 1;
            if c >= 0x80 {
                ascii = false;
            } else if is_ascii_space(c) {
                while end < b.len() && is_ascii_space(b[end]) {
                    end += 1;
                }
                if end == b.len() || b[end] < 0x80 {
                    break;
                }
            }
        }
        if ascii {
            ascii_words(text, start, end, &mut out);
        } else {
            let piece = &text[start..end];
            out.extend(
                piece
                    .unicode_word_indices()
                    .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                    .map(|(i, w)| Token {
                        text: w,
                        span: start + i..start + i + w.len(),
                    }),
            );
        }
        start = end;
    }
    out
}

/// ASCII whitespace as UAX #29 and [`char::is_whitespace`] see it.
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// Word-break classes of ASCII characters (UAX #29, table 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter: A-Z, a-z.
    Letter,
    /// Numeric: 0-9.
    Digit,
    /// ExtendNumLet: `_`.
    Connector,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNumLet and Single_Quote: `.`, `'`.
    MidNumLet,
    /// MidNum: `,`, `;`.
    MidNum,
    /// Anything else (whitespace included).
    Other,
}

fn wb(c: u8) -> Wb {
    match c {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b'_' => Wb::Connector,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// The words of the all-ASCII `text[start..end]`, by the rules of UAX #29
/// that apply to ASCII: letters, digits and `_` join (WB5, WB8-WB10,
/// WB13a-b); a letter, `:`/`.`/`'`, letter stay one word (WB6-7); a digit,
/// `,`/`;`/`.`/`'`, digit too (WB11-12); everything else breaks.
fn ascii_words<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let b = &text.as_bytes()[..end];
    let mut i = start;
    while i < end {
        let first = wb(b[i]);
        if !matches!(first, Wb::Letter | Wb::Digit | Wb::Connector) {
            i += 1;
            continue;
        }
        let from = i;
        let mut alnum = first != Wb::Connector;
        let mut prev = first;
        i += 1;
        while i < end {
            let c = wb(b[i]);
            match (prev, c) {
                (_, Wb::Letter | Wb::Digit | Wb::Connector) => {
                    alnum |= c != Wb::Connector;
                    prev = c;
                    i += 1;
                }
                (Wb::Letter, Wb::MidLetter | Wb::MidNumLet)
                    if b.get(i + 1).map(|&n| wb(n)) == Some(Wb::Letter) =>
                {
                    prev = Wb::Letter;
                    i += 2;
                }
                (Wb::Digit, Wb::MidNum | Wb::MidNumLet)
                    if b.get(i + 1).map(|&n| wb(n)) == Some(Wb::Digit) =>
                {
                    prev = Wb::Digit;
                    i += 2;
                }
                _ => break,
            }
        }
        if alnum {
            out.push(Token {
                text: &text[from..i],
                span: from..i,
            });
        }
    }
}

/// Case folding for matching: lowercase, borrowing when nothing changes.
///
/// # Example
/// ```
/// assert_eq!(nutgraf_text::tokens::fold("Straße"), "straße");
/// ```
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

mod stopwords;
pub use stopwords::{is_stopword, stopwords};

/// Longest word (in bytes) that [`Stemmer::stem`] stems; longer ones are
/// left as they are, which keeps stemming linear in the text's length.
pub const MAX_STEM_BYTES: usize = 128;

/// A Snowball stemmer for one language (rust-stemmers underneath).
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
    language: Language,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer")
            .field("language", &self.language)
            .finish()
    }
}

impl Stemmer {
    /// The Snowball stemmer for `language`, or `None` when Snowball has none.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{tokens::Stemmer, Language};
    /// assert_eq!(Stemmer::new(Language::De).unwrap().stem("häuser"), "haus");
    /// assert!(Stemmer::new(Language::Ja).is_none());
    /// ```
    pub fn new(language: Language) -> Option<Stemmer> {
        use rust_stemmers::Algorithm as A;
        let alg = match language {
            Language::En => A::English,
            Language::De => A::German,
            Language::Fr => A::French,
            Language::Es => A::Spanish,
            Language::It => A::Italian,
            Language::Pt => A::Portuguese,
            Language::Nl => A::Dutch,
            Language::Da => A::Danish,
            Language::Sv => A::Swedish,
            Language::Nb => A::Norwegian,
            Language::Fi => A::Finnish,
            Language::Hu => A::Hungarian,
            Language::Ro => A::Romanian,
            Language::Ru => A::Russian,
            Language::Tr => A::Turkish,
            Language::El => A::Greek,
            Language::Ar => A::Arabic,
            Language::Ta => A::Tamil,
            _ => return None,
        };
        Some(Stemmer {
            inner: rust_stemmers::Stemmer::create(alg),
            language,
        })
    }

    /// The language this stemmer is for.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Stems a (lowercased) word.
    ///
    /// A word longer than [`MAX_STEM_BYTES`] is returned as it is: no real
    /// word is that long, and the Snowball stemmers take time quadratic in
    /// the word's length (a 100 KB "word" took seconds).
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::{tokens::Stemmer, Language};
    /// assert_eq!(Stemmer::new(Language::En).unwrap().stem("connections"), "connect");
    /// ```
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.len() > MAX_STEM_BYTES {
            return Cow::Borrowed(word);
        }
        self.inner.stem(word)
    }
}

/// The index terms of `text`: its words, case-folded, without the stop
/// words of `language`, Snowball-stemmed when the language has a stemmer —
/// the features the summarizer compares sentences by.
///
/// # Example
/// ```
/// use nutgraf_text::{tokens::terms, Language};
/// assert_eq!(terms("The Connections were running.", Language::En), ["connect", "run"]);
/// assert_eq!(terms("Die Häuser und die Gärten", Language::De), ["haus", "gart"]);
/// ```
pub fn terms(text: &str, language: Language) -> Vec<String> {
    let stemmer = Stemmer::new(language);
    words(text)
        .into_iter()
        .filter_map(|t| {
            let folded = fold(t.text);
            if is_stopword(language, &folded) {
                return None;
            }
            Some(match &stemmer {
                Some(s) => s.stem(&folded).into_owned(),
                None => folded.into_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_slice_the_input() {
        let text = "Ein „Zitat“ über 3,5 Mio. € — und 🤖 Emoji.";
        for t in words(text) {
            assert_eq!(&text[t.span.clone()], t.text);
        }
    }

    #[test]
    fn terms_drop_stop_words_and_stem() {
        assert_eq!(
            terms("It is raining, and it rained.", Language::En),
            ["rain", "rain"]
        );
        assert_eq!(terms("Straße", Language::Ja), ["straße"]);
        assert!(terms("the and of", Language::En).is_empty());
    }

    #[test]
    fn punctuation_is_not_a_word() {
        assert!(words("— … !!! ?").is_empty());
    }
}
