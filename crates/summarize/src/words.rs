//! Word splitting for the summarizer: the words of
//! [`nutgraf_text::tokens::words`], handed to a callback one by one, without
//! building a vector of tokens.
//!
//! ASCII stretches are split here, by the same rules as the ASCII path of
//! `tokens::words` (UAX #29 restricted to ASCII), with one table lookup per
//! byte; a piece with a non-ASCII character is handed to `tokens::words`
//! itself, cut exactly where `tokens::words` cuts it. The tests check the
//! words and their positions against `tokens::words`.

use nutgraf_text::tokens;

/// Byte classes: 0 other, 1 letter, 2 digit, 3 `_`.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const CONNECTOR: u8 = 3;

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b'_' {
            CONNECTOR
        } else {
            OTHER
        };
        c += 1;
    }
    t
};

/// Letters, digits and `_` (the characters that join into a word).
#[inline]
fn is_word(c: u8) -> bool {
    CLASS[c as usize] != OTHER
}

/// Calls `f(from, to)` for every word of `text` (byte range, as
/// `tokens::words` gives its spans), in order; returns how many there
/// were.
#[inline]
pub(crate) fn each_word(text: &str, mut f: impl FnMut(usize, usize)) -> usize {
    let b = text.as_bytes();
    let mut count = 0;
    let mut start = 0;
    // The same cut into pieces as `tokens::words` (see there).
    while start < b.len() {
        let Some(q) = first_non_ascii(b, start) else {
            count += ascii_words(b, start, b.len(), &mut f);
            break;
        };
        let mut piece_start = q;
        while piece_start > start && !is_piece_border(b, piece_start) {
            piece_start -= 1;
        }
        let mut piece_end = q + 1;
        while piece_end < b.len() && !is_piece_border(b, piece_end) {
            piece_end += 1;
        }
        if piece_start > start {
            count += ascii_words(b, start, piece_start, &mut f);
        }
        // The piece has no border inside: `tokens::words` gives it whole to
        // the Unicode segmentation, as it does within `text`.
        for t in tokens::words(&text[piece_start..piece_end]) {
            f(piece_start + t.span.start, piece_start + t.span.end);
            count += 1;
        }
        start = piece_end;
    }
    count
}

/// The position of the first byte from 0x80 on in `b[from..]`.
#[inline]
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
#[inline]
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// The words of the all-ASCII `b[start..end]`: letters, digits and `_`
/// join; a letter, `:`/`.`/`'`, a letter stay one word; a digit,
/// `,`/`;`/`.`/`'`, a digit too; a run of `_` alone is no word.
#[inline]
fn ascii_words(b: &[u8], start: usize, end: usize, f: &mut impl FnMut(usize, usize)) -> usize {
    let b = &b[..end];
    let mut count = 0;
    let mut i = start;
    while i < end {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let from = i;
        i += 1;
        loop {
            while i < end && is_word(b[i]) {
                i += 1;
            }
            if i + 1 >= end {
                break;
            }
            let (prev, next) = (CLASS[b[i - 1] as usize], CLASS[b[i + 1] as usize]);
            let joins = match b[i] {
                b':' => prev == LETTER && next == LETTER,
                b'.' | b'\'' => prev == next && (prev == LETTER || prev == DIGIT),
                b',' | b';' => prev == DIGIT && next == DIGIT,
                _ => false,
            };
            if !joins {
                break;
            }
            i += 2;
        }
        if b[from] != b'_' || b[from..i].iter().any(|&c| c != b'_') {
            f(from, i);
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let n = each_word(text, |a, b| v.push((a, b)));
        assert_eq!(n, v.len());
        v
    }

    fn reference(text: &str) -> Vec<(usize, usize)> {
        tokens::words(text)
            .into_iter()
            .map(|t| (t.span.start, t.span.end))
            .collect()
    }

    #[test]
    fn words_match_the_tokenizer_on_examples() {
        for text in [
            "",
            "It's 3.5% — ok?",
            "U.S. e.g. a:b a::b 1,000,000 1;2 1.a a.1 x'y 1'2 ' . a. .a",
            "__ _a a_ a__b ___ _ 3_4 a_1",
            "Die Größe zählt. Straße\u{00A0}und  Weg\tx\ny\r\nz",
            "£600m (£1.2bn) “quoted” ‘single’ naïve café—x 日本語 テスト",
            "a\u{0301}b e\u{200D}f x.\u{00E9} 1.\u{0661}",
            "end.",
            "a",
            "1",
            "'",
            "a'",
            "a.b.",
            "a.b.c",
            "x:y:z:",
        ] {
            assert_eq!(ours(text), reference(text), "{text:?}");
        }
    }

    fn arb_text() -> impl Strategy<Value = String> {
        let alphabet = prop::sample::select(vec![
            'a', 'B', 'z', '0', '7', '_', ':', '.', '\'', ',', ';', ' ', ' ', '\n', '\t', '-', '%',
            '"', '(', 'é', 'ß', 'Ä', '£', '“', '”', '’', '—', '\u{00A0}', '\u{0301}', '\u{200D}',
            '日', '٣', '\r',
        ]);
        prop::collection::vec(alphabet, 0..60).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn words_match_the_tokenizer(text in arb_text()) {
            prop_assert_eq!(ours(&text), reference(&text));
        }

        #[test]
        fn words_match_the_tokenizer_on_any_text(text in "\\PC{0,40}") {
            prop_assert_eq!(ours(&text), reference(&text));
        }
    }

    #[test]
    fn words_match_the_tokenizer_on_the_dev_sets() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/summ");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().and_then(|x| x.to_str()) != Some("jsonl") {
                continue;
            }
            let data = std::fs::read_to_string(&path).unwrap();
            for line in data.lines().take(400) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                    for para in text.split('\n') {
                        assert_eq!(ours(para), reference(para), "{para:?}");
                    }
                    assert_eq!(ours(text), reference(text));
                }
            }
        }
    }
}
