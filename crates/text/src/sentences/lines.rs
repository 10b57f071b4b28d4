//! Line breaks: which ones end a sentence.
//!
//! The text is cut into *segments* at hard line breaks; a sentence never
//! crosses a segment border. Soft line breaks count as spaces.

use std::ops::Range;

use super::LineBreaks;

/// A bullet that starts a list item ("•", "‣", "⁃" ...).
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '‣'
            | '⁃'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '✓'
            | '✔'
    )
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brk {
    /// End of text.
    Eof,
    /// `\n`, `\r\n`, vertical tab, form feed, NEL, U+2028.
    Line,
    /// A lone `\r` (classic Mac OS line end) or U+2029: a paragraph break.
    Para,
}

/// Splits `text` into lines: `(content range, break after it)`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = (Range<usize>, Brk);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        // Every line-break character other than \n, \r, VT, FF is multi-byte and
        // starts with 0xC2 (NEL) or 0xE2 (U+2028, U+2029).
        let mut i = 0;
        while i < rest.len() {
            // Skip eight printable ASCII bytes (0x20..0x7F) at a time.
            if let Some(chunk) = rest.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                if is_printable_ascii(u64::from_le_bytes(word)) {
                    i += 8;
                    continue;
                }
            }
            match rest[i] {
                b'\n' | b'\x0B' | b'\x0C' => {
                    self.pos = start + i + 1;
                    return Some((start..start + i, Brk::Line));
                }
                b'\r' => {
                    if rest.get(i + 1) == Some(&b'\n') {
                        self.pos = start + i + 2;
                        return Some((start..start + i, Brk::Line));
                    }
                    self.pos = start + i + 1;
                    return Some((start..start + i, Brk::Para));
                }
                0xC2 if rest.get(i + 1) == Some(&0x85) => {
                    self.pos = start + i + 2;
                    return Some((start..start + i, Brk::Line));
                }
                0xE2 if rest.get(i + 1) == Some(&0x80) => match rest.get(i + 2) {
                    Some(0xA8) => {
                        self.pos = start + i + 3;
                        return Some((start..start + i, Brk::Line));
                    }
                    Some(0xA9) => {
                        self.pos = start + i + 3;
                        return Some((start..start + i, Brk::Para));
                    }
                    _ => i += 1,
                },
                _ => i += 1,
            }
        }
        self.pos = self.text.len();
        Some((start..self.text.len(), Brk::Eof))
    }
}

/// `true` when all eight bytes of `x` lie in 0x20..0x80: no line break and
/// no start of a multi-byte character among them.
#[inline]
fn is_printable_ascii(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 borrows into its high bit; a byte from 0x80 on has it set.
    (x.wrapping_sub(ONES * 0x20) | x) & HIGH == 0
}

/// `true` when a single line break between `prev` and `next` (neither blank)
/// is a wrap inside a sentence rather than the end of a block.
fn is_soft(prev: &str, next: &str) -> bool {
    let next = next.trim_start();
    let Some(first) = next.chars().next() else {
        return false;
    };
    if is_bullet(first) {
        return false;
    }
    // "initiating \na shot": a space before the break marks a wrap.
    if prev.ends_with([' ', '\t']) {
        return true;
    }
    // "pricing\n." : the next line continues with closing punctuation.
    if matches!(
        first,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '…'
    ) {
        return true;
    }
    let prev = prev.trim();
    // Letters stacked one or two a line ("W\nA\nRN\nI\nNG"): a word broken by layout.
    let short = |s: &str| s.chars().count() <= 2 && s.chars().all(char::is_alphabetic);
    if short(prev) && short(next.trim_end()) {
        return true;
    }
    // A long line followed by a lowercase word: a hard-wrapped paragraph.
    first.is_lowercase() && prev.chars().count() >= 40
}

/// Calls `f` with each segment (a byte range of `text`, possibly with
/// surrounding whitespace) between hard line breaks, in order.
pub(crate) fn segments(text: &str, policy: LineBreaks, mut f: impl FnMut(Range<usize>)) {
    let mut seg_start: Option<usize> = None;
    // The last non-blank line and the break after it.
    let mut prev: Option<(Range<usize>, Brk)> = None;
    let mut blank_since_prev = false;
    for (line, brk) in (Lines { text, pos: 0 }) {
        let content = &text[line.clone()];
        if content.trim().is_empty() {
            blank_since_prev = true;
            continue;
        }
        if let Some((p, pbrk)) = &prev {
            let hard = blank_since_prev
                || *pbrk == Brk::Para
                || match policy {
                    LineBreaks::Always => true,
                    LineBreaks::BlankLines => false,
                    LineBreaks::Auto => !is_soft(&text[p.clone()], content),
                };
            if hard {
                f(seg_start.unwrap_or(p.start)..p.end);
                seg_start = None;
            }
        }
        if seg_start.is_none() {
            seg_start = Some(line.start);
        }
        prev = Some((line, brk));
        blank_since_prev = false;
    }
    if let (Some(s), Some((p, _))) = (seg_start, prev) {
        f(s..p.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(t: &str, p: LineBreaks) -> Vec<&str> {
        let mut v = Vec::new();
        segments(t, p, |r| v.push(t[r].trim()));
        v
    }

    #[test]
    fn printable_ascii_words() {
        let w = |b: &[u8; 8]| is_printable_ascii(u64::from_le_bytes(*b));
        assert!(w(b"abc def~"));
        assert!(w(b"        "));
        for bad in [b'\n', b'\r', 0x0B, 0x0C, 0x1F, 0x7F + 1, 0xC2, 0xE2, 0] {
            for pos in 0..8 {
                let mut b = *b"abcdefgh";
                b[pos] = bad;
                assert!(!w(&b), "{bad:#x} at {pos}");
            }
        }
    }

    #[test]
    fn long_ascii_lines_and_breaks_after_them() {
        let t = "A line that is longer than eight bytes\nNext one\r\nLast\u{2029}End";
        let lines: Vec<_> = (Lines { text: t, pos: 0 })
            .map(|(r, b)| (&t[r], b))
            .collect();
        assert_eq!(
            lines,
            [
                ("A line that is longer than eight bytes", Brk::Line),
                ("Next one", Brk::Line),
                ("Last", Brk::Para),
                ("End", Brk::Eof)
            ]
        );
    }

    #[test]
    fn blank_line_is_hard() {
        assert_eq!(segs("a b\n\nc d", LineBreaks::Auto), ["a b", "c d"]);
        assert_eq!(
            segs("a b\n \t\nc d", LineBreaks::BlankLines),
            ["a b", "c d"]
        );
    }

    #[test]
    fn single_break_between_short_lines_is_hard() {
        assert_eq!(
            segs("Menu\nhome page\nabout us", LineBreaks::Auto),
            ["Menu", "home page", "about us"]
        );
    }

    #[test]
    fn trailing_space_marks_a_wrap() {
        assert_eq!(
            segs("It was a cold \nnight.", LineBreaks::Auto),
            ["It was a cold \nnight."]
        );
        assert_eq!(
            segs("It was a cold \nnight.", LineBreaks::Always),
            ["It was a cold", "night."]
        );
    }

    #[test]
    fn long_line_then_lowercase_is_a_wrap() {
        let t =
            "This line is long enough to have been wrapped by a mail client\nat seventy columns.";
        assert_eq!(segs(t, LineBreaks::Auto).len(), 1);
        assert_eq!(
            segs("Short line here\nat the start.", LineBreaks::Auto).len(),
            2
        );
    }

    #[test]
    fn closing_punctuation_continues() {
        assert_eq!(segs("contact us for pricing\n.", LineBreaks::Auto).len(), 1);
        assert_eq!(
            segs("contact us for pricing\nPrices", LineBreaks::Auto).len(),
            2
        );
    }

    #[test]
    fn stacked_letters_join() {
        assert_eq!(segs("W\nA\nRN\nI\nNG", LineBreaks::Auto).len(), 1);
        assert_eq!(segs("W\nAlpha", LineBreaks::Auto).len(), 2);
    }

    #[test]
    fn bullet_line_is_hard_even_after_space() {
        assert_eq!(segs("Items: \n• one", LineBreaks::Auto).len(), 2);
        assert_eq!(segs("Items: \none", LineBreaks::Auto).len(), 1);
    }

    #[test]
    fn lone_cr_and_paragraph_separator_are_hard() {
        assert_eq!(segs("a list item \rIt was", LineBreaks::Auto).len(), 2);
        assert_eq!(segs("one \u{2029}two", LineBreaks::BlankLines).len(), 2);
        assert_eq!(segs("one \r\ntwo", LineBreaks::Auto).len(), 1);
    }
}
