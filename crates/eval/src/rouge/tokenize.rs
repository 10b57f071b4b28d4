//! The tokenizers behind [`Tokenizer`](super::Tokenizer).

use unicode_segmentation::UnicodeSegmentation;

use super::porter;
use super::word_chars::WORD_RANGES;

/// `rouge-score`'s tokenizer (`rouge_score/tokenize.py`): lowercase, every
/// run of characters other than `[a-z0-9]` becomes a break, and with
/// `stem` every token longer than three characters goes through the
/// Porter stemmer.
///
/// Lowercasing is Unicode lowercasing, as Python's `str.lower`, so the few
/// non-ASCII letters whose lowercase is ASCII (KELVIN SIGN `K` → `k`,
/// `İ` → `i` + U+0307) survive as ASCII; every other non-ASCII letter is a
/// break.
pub(crate) fn rouge_score_tokens(text: &str, stem: bool) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut push = |cur: &mut String| {
        if !cur.is_empty() {
            let tok = std::mem::take(cur);
            // `len(x) > 3` counts characters; the token is ASCII.
            let tok = if stem && tok.len() > 3 {
                porter::stem(&tok)
            } else {
                tok
            };
            // rouge-score drops anything that is not `^[a-z0-9]+$` after
            // stemming; a Porter stem of `[a-z0-9]+` is never empty.
            if !tok.is_empty() && tok.bytes().all(|b| b.is_ascii_alphanumeric()) {
                tokens.push(tok);
            }
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            let l = c.to_ascii_lowercase();
            if l.is_ascii_lowercase() || l.is_ascii_digit() {
                cur.push(l);
            } else {
                push(&mut cur);
            }
        } else {
            for l in c.to_lowercase() {
                if l.is_ascii_lowercase() || l.is_ascii_digit() {
                    cur.push(l);
                } else {
                    push(&mut cur);
                }
            }
        }
    }
    push(&mut cur);
    tokens
}

/// Whether Python's `re` matches `c` with `\w` (letters, numbers, `_`).
pub(crate) fn is_python_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    WORD_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `re.findall(r"\w+", text.lower())`, then the optional Snowball stemmer.
pub(crate) fn python_word_tokens(
    text: &str,
    stemmer: Option<&nutgraf_text::tokens::Stemmer>,
) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in lower.char_indices() {
        match (is_python_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(&lower[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(&lower[s..]);
    }
    finish(tokens, stemmer)
}

/// UAX #29 words (`unicode_words`) of the lowercased text, then the
/// optional Snowball stemmer.
pub(crate) fn uax29_tokens(
    text: &str,
    stemmer: Option<&nutgraf_text::tokens::Stemmer>,
) -> Vec<String> {
    let lower = text.to_lowercase();
    finish(lower.unicode_words().collect(), stemmer)
}

fn finish(tokens: Vec<&str>, stemmer: Option<&nutgraf_text::tokens::Stemmer>) -> Vec<String> {
    match stemmer {
        None => tokens.into_iter().map(str::to_string).collect(),
        Some(s) => tokens
            .into_iter()
            .map(|t| s.stem(t).into_owned())
            .filter(|t| !t.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge_score_tokens_like_python() {
        assert_eq!(
            rouge_score_tokens("Größe 3.5 it's \u{212A}m İx", false),
            ["gr", "e", "3", "5", "it", "s", "km", "i", "x"]
        );
        assert_eq!(
            rouge_score_tokens("The cats were running", true),
            ["the", "cat", "were", "run"]
        );
        assert!(rouge_score_tokens("", true).is_empty());
        assert!(rouge_score_tokens("—…!", false).is_empty());
    }

    #[test]
    fn python_word_tokens_like_re() {
        assert_eq!(
            python_word_tokens("Größe 3.5 it's snake_case ΣΟΦΙΑΣ cafe\u{301}", None),
            ["größe", "3", "5", "it", "s", "snake_case", "σοφιας", "cafe"]
        );
        assert!(is_python_word_char('ß'));
        assert!(is_python_word_char('²'));
        assert!(!is_python_word_char('\u{301}'));
        assert!(!is_python_word_char('-'));
    }

    #[test]
    fn uax29_keeps_contractions_and_decimals() {
        assert_eq!(
            uax29_tokens("It's 3.5 Größe", None),
            ["it's", "3.5", "größe"]
        );
    }
}
