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
    // The text is cut into pieces where ASCII whitespace is followed by an
    // ASCII character that is not whitespace: UAX #29 always breaks there,
    // and none of its rules looks across that border, so the pieces can be
    // segmented one by one. A run of all-ASCII pieces is segmented at once
    // by the ASCII rules (their tokens never cross a piece border either);
    // a piece with a non-ASCII character goes to `unicode-segmentation`.
    let mut start = 0;
    while start < b.len() {
        let Some(q) = first_non_ascii(b, start) else {
            ascii_words(text, start, b.len(), &mut out);
            break;
        };
        // The piece holding byte `q`: from the last border at or before it
        // (no later than `start`, itself a border) to the first after it.
        let mut piece_start = q;
        while piece_start > start && !is_piece_border(b, piece_start) {
            piece_start -= 1;
        }
        let mut piece_end = q + 1;
        while piece_end < b.len() && !is_piece_border(b, piece_end) {
            piece_end += 1;
        }
        if piece_start > start {
            ascii_words(text, start, piece_start, &mut out);
        }
        let piece = &text[piece_start..piece_end];
        out.extend(
            piece
                .unicode_word_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .map(|(i, w)| Token {
                    text: w,
                    span: piece_start + i..piece_start + i + w.len(),
                }),
        );
        start = piece_end;
    }
    out
}

/// The position of the first byte from 0x80 on in `b[from..]`.
fn first_non_ascii(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(i + high.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    b[i..].iter().position(|&c| c >= 0x80).map(|k| i + k)
}

/// A piece border at byte `i` (`0 < i < b.len()`): ASCII whitespace before
/// it, an ASCII character that is not whitespace at it.
#[inline]
fn is_piece_border(b: &[u8], i: usize) -> bool {
    is_ascii_space(b[i - 1]) && b[i] < 0x80 && !is_ascii_space(b[i])
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
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = start;
    while i < end {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let from = i;
        i += 1;
        loop {
            // Letters, digits and `_` join: eight at a time while they are
            // letters and digits, then one at a time.
            while let Some(chunk) = b.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let alnum = ascii_alnum_mask(u64::from_le_bytes(word));
                let n = (!alnum & 0x8080_8080_8080_8080).trailing_zeros() as usize / 8;
                i += n;
                if n < 8 {
                    break;
                }
            }
            while i < end && is_word(b[i]) {
                i += 1;
            }
            // A letter, `:`/`.`/`'`, a letter; a digit, `,`/`;`/`.`/`'`, a digit.
            let Some(&mid) = b.get(i) else {
                break;
            };
            if !matches!(wb(mid), Wb::MidLetter | Wb::MidNumLet | Wb::MidNum) {
                break;
            }
            let joined = match (wb(b[i - 1]), wb(mid)) {
                (Wb::Letter, Wb::MidLetter | Wb::MidNumLet) => Wb::Letter,
                (Wb::Digit, Wb::MidNum | Wb::MidNumLet) => Wb::Digit,
                _ => break,
            };
            if b.get(i + 1).map(|&n| wb(n)) != Some(joined) {
                break;
            }
            i += 2;
        }
        // A run of `_` alone is no word.
        if b[from] != b'_' || b[from..i].iter().any(|&c| c != b'_') {
            out.push(Token {
                text: &text[from..i],
                span: from..i,
            });
        }
    }
}

/// The high bit of each byte of `x` that is an ASCII letter or digit, and no
/// other bit.
#[inline]
pub(crate) fn ascii_alnum_mask(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of the result: that byte of `y` (below
    // 0x80) is at least `c`. No sum carries into the next byte.
    let at_least = |y: u64, c: u64| (y + ONES * (0x80 - c)) & HIGH;
    let low = x & !HIGH;
    let digit = at_least(low, 0x30) & !at_least(low, 0x3A);
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, 0x61) & !at_least(folded, 0x7B);
    (digit | letter) & !x & HIGH
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
    fn alnum_mask_matches_byte_by_byte() {
        for pos in 0..8 {
            for b in 0..=255u8 {
                let mut word = *b"a0Z9_ \x80z";
                word[pos] = b;
                let mask = ascii_alnum_mask(u64::from_le_bytes(word));
                for (k, c) in word.iter().enumerate() {
                    let bit = (mask >> (8 * k)) & 0xFF;
                    assert_eq!(
                        bit,
                        if c.is_ascii_alphanumeric() { 0x80 } else { 0 },
                        "{word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn punctuation_is_not_a_word() {
        assert!(words("— … !!! ?").is_empty());
    }
}
