//! Words of a text and the English/German evidence whatlang ignores
//! (mirrors `scripts/fit_model.py`).

/// English function words (sorted) that are rare in the other modelled
/// languages; all of at most 7 bytes.
const EN_FUNC: &[&str] = &[
    "about", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "for", "from",
    "has", "have", "into", "is", "it", "its", "not", "of", "or", "our", "out", "should", "than",
    "that", "the", "their", "then", "there", "these", "they", "this", "those", "to", "up", "was",
    "were", "what", "when", "where", "which", "while", "who", "will", "with", "would", "you",
    "your",
];
/// German function words (sorted), all of at most 7 bytes.
const DE_FUNC: &[&str] = &[
    "aber", "auch", "auf", "bei", "das", "dass", "dem", "den", "der", "des", "die", "durch", "ein",
    "eine", "einem", "einen", "einer", "es", "für", "gegen", "haben", "hat", "ich", "im", "ist",
    "kann", "können", "mit", "muss", "nach", "nicht", "noch", "nur", "oder", "ohne", "sei",
    "seien", "sich", "sie", "sind", "soll", "sowie", "um", "und", "vom", "von", "werden", "wie",
    "wir", "wird", "wurde", "zu", "zum", "zur", "über",
];
const DE_SUFFIX: &[&str] = &["ung", "ungen", "keit", "heit", "schaft", "lich", "isch"];
const EN_SUFFIX: &[&str] = &["ing", "tion", "tions", "ness", "ly"];

/// The bytes of a word of at most 8 bytes as one number (longer words are
/// cut; the function words are all shorter).
fn pack_word(w: &str) -> u64 {
    w.bytes()
        .take(8)
        .fold(0u64, |acc, b| (acc << 8) | u64::from(b))
}

/// [`EN_FUNC`] and [`DE_FUNC`] packed by [`pack_word`] and sorted, so that a
/// lookup compares integers instead of strings.
fn function_words() -> &'static (Vec<u64>, Vec<u64>) {
    static SETS: std::sync::OnceLock<(Vec<u64>, Vec<u64>)> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let set = |words: &[&str]| {
            let mut v: Vec<u64> = words.iter().map(|w| pack_word(w)).collect();
            v.sort_unstable();
            v
        };
        (set(EN_FUNC), set(DE_FUNC))
    })
}

/// Counts behind the English and German features, each capped at 3.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Evidence {
    pub en_func: f64,
    pub de_func: f64,
    pub umlaut: f64,
    pub cap_ratio: f64,
    pub de_suffix: f64,
    pub en_suffix: f64,
}

/// `true` for camelCase / InnerCaps identifiers and ALL-CAPS acronyms, which
/// name things (brands, code, agencies) rather than show a language.
pub(crate) fn is_noise(w: &str) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        let Some((_, rest)) = b.split_first() else {
            return false;
        };
        let any_lower = b.iter().any(u8::is_ascii_lowercase);
        if !any_lower {
            return b.len() >= 2 && b.iter().any(u8::is_ascii_uppercase);
        }
        return rest.iter().any(u8::is_ascii_uppercase);
    }
    let mut chars = w.chars();
    let Some(_) = chars.next() else {
        return false;
    };
    let any_lower = w.chars().any(char::is_lowercase);
    let any_upper = w.chars().any(char::is_uppercase);
    if !any_lower && any_upper && w.chars().count() >= 2 {
        return true;
    }
    any_lower && chars.any(char::is_uppercase)
}

/// `true` for whitespace-separated tokens that are addresses, not prose:
/// URLs, `www.` hosts, e-mail addresses and paths. (`://` holds two
/// slashes, so URLs need no test of their own.)
pub(crate) fn is_address(token: &str) -> bool {
    let b = token.as_bytes();
    b.starts_with(b"www.") || b.contains(&b'@') || b.iter().filter(|&&c| c == b'/').nth(1).is_some()
}

/// The whitespace-separated tokens of `text` that are not addresses.
pub(crate) fn prose(text: &str) -> impl Iterator<Item = &str> {
    Tokens::new(text).filter(|t| !is_address(t))
}

/// (letters, Latin-script letters) of the [`prose`] tokens of `text`, as
/// `token_letters` adds them up token by token, given as `per_token`.
///
/// Fast path: an ASCII text without `@`, `/` or `www.` holds no address
/// token, and all its letters are ASCII (Latin) letters, so counting the
/// letters of the bytes gives the answer; other texts go token by token.
/// The bytes are counted and checked in blocks of 64 with branch-free
/// arithmetic the compiler vectorises (one pass, where separate searches
/// for non-ASCII bytes, `@` and `/` and a filtered count took about nine
/// instructions per byte).
pub(crate) fn prose_letters(
    text: &str,
    per_token: impl Fn(&str) -> (usize, usize),
) -> (usize, usize) {
    if let Some(n) = ascii_prose_letters(text.as_bytes()) {
        if !text.contains("www.") {
            return (n, n);
        }
    }
    prose(text)
        .map(per_token)
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
}

/// The number of ASCII letters of `b`, or `None` when `b` holds a
/// non-ASCII byte, `@` or `/`.
fn ascii_prose_letters(b: &[u8]) -> Option<usize> {
    let mut n = 0usize;
    for chunk in b.chunks(64) {
        // Byte-wide sums and flags (at most 64 per block) keep all 16 or
        // 32 lanes of a vector register busy.
        let (mut letters, mut bad) = (0u8, 0u8);
        for &x in chunk {
            // `x | 0x20` folds capitals onto small letters and maps no other
            // byte below 0x80 into `a..=z`.
            letters += u8::from((x | 0x20).wrapping_sub(b'a') < 26);
            bad |= u8::from(x >= 0x80) | u8::from(x == b'@') | u8::from(x == b'/');
        }
        if bad != 0 {
            return None;
        }
        n += usize::from(letters);
    }
    Some(n)
}

/// `str::split_whitespace` with a byte-level fast path for ASCII.
pub(crate) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// The tokens of `text`.
    pub(crate) fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, pos: 0 }
    }

    /// The text after the last token returned.
    pub(crate) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// The length in bytes of the whitespace char at `i`, or `None` when the
    /// char at `i` is not whitespace (`i` is on a char boundary).
    #[inline]
    fn space_at(&self, i: usize) -> Option<usize> {
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            return matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c).then_some(1);
        }
        let c = self.text.get(i..)?.chars().next()?;
        c.is_whitespace().then(|| c.len_utf8())
    }

    /// The length in bytes of the char at `i` (1 past the end).
    #[inline]
    fn char_len(&self, i: usize) -> usize {
        match self.text.as_bytes().get(i) {
            Some(&b) if b >= 0x80 => self
                .text
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8),
            _ => 1,
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        let mut i = self.pos;
        while i < len {
            match self.space_at(i) {
                Some(n) => i += n,
                None => break,
            }
        }
        if i >= len {
            self.pos = len;
            return None;
        }
        let start = i;
        while i < len && self.space_at(i).is_none() {
            i += self.char_len(i);
        }
        self.pos = i;
        self.text.get(start..i)
    }
}

/// The words (maximal runs of letters) of one token.
pub(crate) fn split_words(token: &str) -> impl Iterator<Item = &str> {
    let ascii = token.is_ascii();
    token
        .split(move |c: char| {
            if ascii {
                !c.is_ascii_alphabetic()
            } else {
                !c.is_alphabetic()
            }
        })
        .filter(|w| !w.is_empty())
}

/// The words (maximal runs of letters) of `text` outside addresses, without
/// name-like noise unless nothing else is left.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<&str> {
    let all: Vec<&str> = prose(text).flat_map(split_words).collect();
    let kept: Vec<&str> = all.iter().copied().filter(|w| !is_noise(w)).collect();
    if kept.is_empty() {
        all
    } else {
        kept
    }
}

fn ends_with_any(w: &str, suffixes: &[&str], min_chars: usize) -> bool {
    w.len() > min_chars && suffixes.iter().any(|s| w.ends_with(s)) && w.chars().count() > min_chars
}

/// Accumulates the English and German evidence word by word.
#[derive(Debug, Default)]
pub(crate) struct EvidenceCounter {
    words: usize,
    caps: usize,
    en_func: usize,
    de_func: usize,
    umlaut: usize,
    de_suffix: usize,
    en_suffix: usize,
}

impl EvidenceCounter {
    /// Counts one word (`word` as written, `lower` its lower case).
    pub(crate) fn add(&mut self, word: &str, lower: &str) {
        if self.words > 0
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
        {
            self.caps += 1;
        }
        self.words += 1;
        if lower.len() <= 7 {
            let (en, de) = function_words();
            let key = pack_word(lower);
            self.en_func += usize::from(en.binary_search(&key).is_ok());
            self.de_func += usize::from(de.binary_search(&key).is_ok());
        }
        if !lower.is_ascii() {
            self.umlaut += lower
                .chars()
                .filter(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'ß'))
                .count();
        }
        self.de_suffix += usize::from(ends_with_any(lower, DE_SUFFIX, 5));
        self.en_suffix += usize::from(ends_with_any(lower, EN_SUFFIX, 4));
    }

    /// The evidence, counts capped at 3.
    pub(crate) fn finish(&self) -> Evidence {
        let cap = |x: usize| (x as f64).min(3.0);
        Evidence {
            en_func: cap(self.en_func),
            de_func: cap(self.de_func),
            umlaut: cap(self.umlaut),
            cap_ratio: if self.words >= 4 {
                self.caps as f64 / (self.words - 1) as f64
            } else {
                0.0
            },
            de_suffix: cap(self.de_suffix),
            en_suffix: cap(self.en_suffix),
        }
    }
}

/// The English and German evidence of a list of words.
#[cfg(test)]
pub(crate) fn evidence(words: &[&str], lower: &[String]) -> Evidence {
    let mut c = EvidenceCounter::default();
    for (w, l) in words.iter().zip(lower) {
        c.add(w, l);
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str) -> Evidence {
        let w = words(text);
        let lower: Vec<String> = w.iter().map(|w| w.to_lowercase()).collect();
        evidence(&w, &lower)
    }

    #[test]
    fn function_word_lists_are_sorted_and_short() {
        assert!(EN_FUNC.windows(2).all(|w| w[0] < w[1]));
        assert!(DE_FUNC.windows(2).all(|w| w[0] < w[1]));
        assert!(EN_FUNC.iter().chain(DE_FUNC).all(|w| w.len() <= 7));
        let (en, de) = function_words();
        assert_eq!((en.len(), de.len()), (EN_FUNC.len(), DE_FUNC.len()));
        assert!(de.binary_search(&pack_word("für")).is_ok());
        assert!(en.binary_search(&pack_word("fo")).is_err());
    }

    #[test]
    fn noise_words_are_names_not_language() {
        assert!(is_noise("OpenAI"));
        assert!(is_noise("iPhone"));
        assert!(is_noise("EU"));
        assert!(!is_noise("Haus"));
        assert!(!is_noise("running"));
        assert!(!is_noise("A"));
        assert_eq!(words("Die EU und OpenAI"), ["Die", "und"]);
        assert_eq!(words("NASA"), ["NASA"]);
    }

    #[test]
    fn tokens_split_like_split_whitespace() {
        for t in [
            "",
            "  a  b\tc\n",
            "Grüße\u{a0}aus\u{2003}Köln \u{85}x",
            "日本語 テキスト",
            " \u{3000} ",
        ] {
            let ours: Vec<&str> = Tokens { text: t, pos: 0 }.collect();
            let std: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(ours, std, "{t:?}");
        }
    }

    #[test]
    fn addresses_are_not_words() {
        assert!(is_address("https://example.com/a"));
        assert!(is_address("www.example.org"));
        assert!(is_address("name@example.com"));
        assert!(is_address("/wp-content/uploads/2022/x.png"));
        assert!(!is_address("und/oder"));
        assert!(!is_address("Start-ups"));
        assert_eq!(
            words("Mehr unter https://example.com/news heute"),
            ["Mehr", "unter", "heute"]
        );
    }

    #[test]
    fn german_evidence_fires_on_german_and_not_on_english() {
        let de = ev("Die Regierung hat die Möglichkeit über die Öffentlichkeit informiert");
        assert!(de.de_func >= 3.0 && de.umlaut >= 3.0 && de.de_suffix >= 2.0);
        assert!(de.cap_ratio > 0.3);
        let en = ev("the committee has been meeting with the press");
        assert_eq!((en.de_func, en.umlaut, en.de_suffix), (0.0, 0.0, 0.0));
        assert_eq!(en.cap_ratio, 0.0);
    }

    #[test]
    fn english_evidence_fires_on_english_and_not_on_german() {
        let en = ev("the nation is building a new station with their partners");
        assert!(en.en_func >= 3.0 && en.en_suffix >= 2.0);
        let de = ev("wir bauen gemeinsam einen neuen Bahnhof");
        assert_eq!((de.en_func, de.en_suffix), (0.0, 0.0));
    }

    /// The plain definition [`ascii_prose_letters`] replaces.
    fn ascii_letters_plain(b: &[u8]) -> Option<usize> {
        (b.is_ascii() && !b.iter().any(|&x| x == b'@' || x == b'/'))
            .then(|| b.iter().filter(|x| x.is_ascii_alphabetic()).count())
    }

    #[test]
    fn block_letter_count_is_the_plain_count() {
        let all: Vec<u8> = (0..=255u8).collect();
        for b in [
            &all[..],
            &all[..0x40],
            &all[0x41..0x80],
            b"",
            b"Hello, World! 42 [x] {y} `z` ~",
        ] {
            assert_eq!(ascii_prose_letters(b), ascii_letters_plain(b), "{b:?}");
        }
        // A disqualifying byte in the first, a middle and the last block,
        // and exactly at block boundaries.
        let base = "Calm words, then more of them. ".repeat(9);
        for at in [0, 63, 64, 65, 127, 128, base.len() - 1] {
            for bad in ["@", "/", "\u{e9}"] {
                let mut t = base.clone();
                t.replace_range(at..at + 1, bad);
                assert_eq!(ascii_prose_letters(t.as_bytes()), None, "{at} {bad}");
            }
        }
        assert_eq!(
            ascii_prose_letters(base.as_bytes()),
            ascii_letters_plain(base.as_bytes())
        );
    }

    proptest::proptest! {
        #[test]
        fn tokens_split_like_split_whitespace_on_any_text(
            t in "[ a-z\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2003}\u{3000}\u{e9}\u{65e5}.,]{0,80}"
        ) {
            let ours: Vec<&str> = Tokens::new(&t).collect();
            let std: Vec<&str> = t.split_whitespace().collect();
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn tokens_split_like_split_whitespace_on_arbitrary_strings(t in "\\PC{0,60}") {
            let ours: Vec<&str> = Tokens::new(&t).collect();
            let std: Vec<&str> = t.split_whitespace().collect();
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn block_letter_count_agrees_on_any_bytes(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            proptest::prop_assert_eq!(ascii_prose_letters(&b), ascii_letters_plain(&b));
        }

        #[test]
        fn block_letter_count_agrees_on_ascii_prose(t in "[ -~\n]{0,300}") {
            proptest::prop_assert_eq!(ascii_prose_letters(t.as_bytes()), ascii_letters_plain(t.as_bytes()));
        }
    }
}
