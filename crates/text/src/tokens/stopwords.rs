//! Stop-word lists per language.
//!
//! The lists are data: `crates/text/data/stopwords/<lang>.txt`, turned into
//! `stopwords/lists.rs` by `crates/text/scripts/gen_stopwords.py`.
//!
//! * **English**: the Snowball project's English stop-word list
//!   (snowballstem.org, BSD-3-Clause) as NLTK's stopwords corpus first
//!   shipped it (127 words: Snowball's list without its contractions, plus
//!   "s", "t", "can", "will", "just", "don", "should", "now"), without the
//!   fragment "don", plus "also", "could", "may", "might", "must", "said"
//!   and "would".
//! * **German**: the Snowball project's German stop-word list (BSD-3-Clause)
//!   in the corrected form of NLTK's stopwords corpus (232 words), plus
//!   "unserer".
//!
//! Both are lowercase and sorted by bytes; a lookup binary-searches the few
//! words that share the first byte of the word looked up.

use crate::Language;

mod lists;

/// A sorted list with, for each first byte, where its words start.
struct List {
    words: &'static [&'static str],
    /// `words[start[b]..start[b + 1]]` are the words whose first byte is `b`.
    start: [u16; 257],
    /// Length in bytes of the longest word.
    max_len: usize,
}

impl List {
    const fn new(words: &'static [&'static str]) -> List {
        let mut start = [0u16; 257];
        let mut max_len = 0;
        let mut i = 0;
        let mut b = 0;
        while b < 256 {
            // The lists are sorted by bytes, so the words of byte `b` follow
            // those of smaller bytes. (An empty word would stop the build.)
            while i < words.len() && (words[i].as_bytes()[0] as usize) < b {
                i += 1;
            }
            start[b] = i as u16;
            b += 1;
        }
        start[256] = words.len() as u16;
        let mut k = 0;
        while k < words.len() {
            if words[k].len() > max_len {
                max_len = words[k].len();
            }
            k += 1;
        }
        List {
            words,
            start,
            max_len,
        }
    }

    fn contains(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        if word.len() > self.max_len {
            return false;
        }
        let b = usize::from(first);
        let range = usize::from(self.start[b])..usize::from(self.start[b + 1]);
        self.words
            .get(range)
            .is_some_and(|ws| ws.binary_search(&word).is_ok())
    }
}

static EN: List = List::new(lists::EN);
static DE: List = List::new(lists::DE);

fn list(language: Language) -> Option<&'static List> {
    match language {
        Language::En => Some(&EN),
        Language::De => Some(&DE),
        _ => None,
    }
}

/// The stop words of `language`, sorted; empty for languages without a list.
///
/// # Example
/// ```
/// use nutgraf_text::{tokens::stopwords, Language};
/// assert!(stopwords(Language::En).contains(&"the"));
/// assert!(stopwords(Language::Ja).is_empty());
/// ```
pub fn stopwords(language: Language) -> &'static [&'static str] {
    list(language).map_or(&[], |l| l.words)
}

/// `true` when the lowercased `word` is a stop word of `language`.
///
/// # Example
/// ```
/// use nutgraf_text::{tokens::is_stopword, Language};
/// assert!(is_stopword(Language::De, "und"));
/// assert!(!is_stopword(Language::De, "haus"));
/// ```
pub fn is_stopword(language: Language, word: &str) -> bool {
    list(language).is_some_and(|l| l.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for l in [Language::En, Language::De] {
            let list = stopwords(l);
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{l} list unsorted");
        }
    }

    /// The generated lists hold exactly the words of the data files: rerun
    /// `crates/text/scripts/gen_stopwords.py` after editing those.
    #[test]
    fn lists_match_the_data_files() {
        for (lang, src) in [
            (Language::En, include_str!("../../data/stopwords/en.txt")),
            (Language::De, include_str!("../../data/stopwords/de.txt")),
        ] {
            let mut words: Vec<&str> = src
                .lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|w| !w.is_empty())
                .collect();
            words.sort_unstable();
            assert_eq!(stopwords(lang), words, "{lang}: run gen_stopwords.py");
        }
    }

    #[test]
    fn lookup_agrees_with_a_linear_scan() {
        for lang in [Language::En, Language::De] {
            for w in stopwords(lang) {
                assert!(is_stopword(lang, w), "{lang} {w}");
                // Prefixes, extensions and other first bytes are not listed.
                let cut = w.char_indices().last().map_or(0, |(i, _)| i);
                for probe in [w[..cut].to_string(), format!("{w}x"), format!("x{w}")] {
                    assert_eq!(
                        is_stopword(lang, &probe),
                        stopwords(lang).contains(&probe.as_str()),
                        "{lang} {probe}"
                    );
                }
            }
        }
        assert!(is_stopword(Language::De, "über"));
        assert!(is_stopword(Language::De, "während"));
        assert!(!is_stopword(Language::En, ""));
        assert!(!is_stopword(Language::En, "The"));
        assert!(!is_stopword(Language::En, "\u{ff}"));
        assert!(!is_stopword(Language::Ja, "the"));
    }
}
