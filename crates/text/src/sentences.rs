//! Sentence boundaries with byte spans.
//!
//! [`split`] cuts a text into [`Sentence`]s on top of the Unicode sentence
//! boundaries of UAX #29, then repairs the cuts UAX #29 gets wrong for
//! English and German (abbreviations, ordinals, initials) and adds the ones
//! it misses (a line break always ends a sentence).
//!
//! The sentences borrow the input and, with the whitespace between them,
//! cover it in order.
//!
//! # Example
//! ```
//! use nutgraf_text::{sentences::split, Language};
//! let s = split("Das ist z. B. gut. Am 3. Oktober kam er.", Language::De);
//! assert_eq!(s.iter().map(|s| s.text).collect::<Vec<_>>(),
//!            ["Das ist z. B. gut.", "Am 3. Oktober kam er."]);
//! ```

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::Language;

/// A sentence of the input, borrowed, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sentence<'a> {
    /// The sentence text, trimmed of surrounding whitespace.
    pub text: &'a str,
    /// Byte range in the text given to [`split`]: `&text[span] == self.text`.
    pub span: Range<usize>,
}

const ABBREV_EN: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "e.g", "i.e", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "gen", "gov", "sen", "rep", "mt", "fig", "approx",
];

const ABBREV_DE: &[&str] = &[
    "z", "b", "d", "h", "u", "a", "bzw", "nr", "ca", "usw", "str", "jh", "dr", "prof", "vgl",
    "ggf", "evtl", "inkl", "bspw", "sog", "mio", "mrd", "hr", "fr", "abs", "s", "geb", "jan",
    "feb", "okt", "dez", "st",
];

fn is_abbreviation(word: &str, lang: Language) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.is_empty() {
        return false;
    }
    let list: &[&str] = match lang {
        Language::De => ABBREV_DE,
        _ => ABBREV_EN,
    };
    list.contains(&w.as_str())
}

/// `true` when the sentence piece `piece` ends in a way that does not close a
/// sentence: an abbreviation, a single initial, or (German) an ordinal number.
fn ends_without_boundary(piece: &str, lang: Language) -> bool {
    let t = piece.trim_end();
    if !t.ends_with('.') {
        return false;
    }
    let last = t[..t.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if last.is_empty() {
        return false;
    }
    if is_abbreviation(last, lang) {
        return true;
    }
    let mut chars = last.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true; // an initial: "J. R. R. Tolkien"
        }
    }
    lang == Language::De && last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit())
}

/// Splits `text` into sentences for `lang`.
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
    let mut out: Vec<Sentence<'_>> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut pending: Option<Range<usize>> = None;
        for (i, piece) in line.split_sentence_bound_indices() {
            let start = line_start + i;
            let range = match pending.take() {
                Some(p) => p.start..start + piece.len(),
                None => start..start + piece.len(),
            };
            if ends_without_boundary(&text[range.clone()], lang) {
                pending = Some(range);
            } else {
                push_trimmed(text, range, &mut out);
            }
        }
        if let Some(p) = pending {
            push_trimmed(text, p, &mut out);
        }
        line_start += line.len();
    }
    out
}

fn push_trimmed<'a>(text: &'a str, range: Range<usize>, out: &mut Vec<Sentence<'a>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    out.push(Sentence {
        text: trimmed,
        span: start..start + trimmed.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str, l: Language) -> Vec<&str> {
        split(t, l).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviation_does_not_end_sentence() {
        assert_eq!(texts("Dr. Who is here. Yes.", Language::En), ["Dr. Who is here.", "Yes."]);
    }

    #[test]
    fn plain_period_ends_sentence() {
        assert_eq!(texts("The doctor left. Who is here?", Language::En), ["The doctor left.", "Who is here?"]);
    }

    #[test]
    fn german_ordinal() {
        assert_eq!(texts("Im 19. Jahrhundert war das so.", Language::De), ["Im 19. Jahrhundert war das so."]);
    }

    #[test]
    fn line_break_is_a_boundary() {
        assert_eq!(texts("Heading\nBody text here.", Language::En), ["Heading", "Body text here."]);
    }

    #[test]
    fn spans_slice() {
        let t = "  Eins. Zwei!  Drei?\n\nVier";
        for s in split(t, Language::De) {
            assert_eq!(&t[s.span.clone()], s.text);
        }
    }
}
