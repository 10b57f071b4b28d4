//! Unicode hygiene: line endings, invisible characters, spaces, NFC, HTML
//! entities, typographic quotes. Each step is a [`NormalizeConfig`] flag.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::entities::decode_entity;
use super::{Change, ChangeKind, NormalizeConfig};

/// Zero-width space, word joiner, BOM, soft hyphen, bidi controls. The
/// zero-width (non-)joiners stay: emoji ZWJ sequences, Persian and Indic
/// text need them.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub(super) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}'
    )
}

/// The straight form of a typographic quote or dash.
pub(super) fn straight(c: char) -> Option<&'static str> {
    Some(match c {
        '‘' | '’' | '‚' | '‛' | '′' => "'",
        '“' | '”' | '„' | '‟' | '″' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' => "-",
        _ => return None,
    })
}

/// A decoded entity after the other hygiene rules: `None` drops it.
fn entity_text(c: char, config: &NormalizeConfig) -> String {
    if config.remove_invisible && is_invisible(c) {
        return String::new();
    }
    if config.plain_spaces && is_odd_space(c) {
        return " ".into();
    }
    if config.line_endings && c == '\r' {
        return "\n".into();
    }
    if config.straighten_quotes {
        if let Some(s) = straight(c) {
            return s.into();
        }
    }
    c.to_string()
}

/// `char_indices().peekable()` that can also jump over plain ASCII.
struct Cursor<'a> {
    input: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    #[inline]
    fn peek(&self) -> Option<(usize, char)> {
        let b = *self.input.as_bytes().get(self.pos)?;
        if b < 0x80 {
            return Some((self.pos, char::from(b)));
        }
        self.input[self.pos..].chars().next().map(|c| (self.pos, c))
    }

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let (i, c) = self.peek()?;
        self.pos = i + c.len_utf8();
        Some((i, c))
    }

    /// Moves past ASCII characters that no hygiene rule can touch under any
    /// configuration: everything but `&`, `\r`, tab and non-ASCII, and a
    /// space only when an ASCII character other than a space, tab or line
    /// break follows it (a lone space inside a line is never changed).
    #[inline]
    fn skip_plain_ascii(&mut self) {
        let bytes = self.input.as_bytes();
        let mut i = self.pos;
        while let Some(&b) = bytes.get(i) {
            let plain = match b {
                b'&' | b'\r' | b'\t' | 0x80..=0xFF => false,
                b' ' => bytes
                    .get(i + 1)
                    .is_some_and(|&n| n < 0x80 && !matches!(n, b' ' | b'\t' | b'\n' | b'\r')),
                _ => true,
            };
            if !plain {
                break;
            }
            i += 1;
        }
        self.pos = i;
    }
}

/// The hygiene changes for `input`, sorted and disjoint.
pub(super) fn hygiene(input: &str, config: &NormalizeConfig) -> Vec<Change> {
    hygiene_scan(input, config, true)
}

/// [`hygiene`] of `input` when only the byte ranges `touched` (sorted; in
/// `input`) differ from a text whose hygiene changed nothing outside them:
/// only the lines around them are scanned, and the result is the same.
///
/// Hygiene is line-local: no rule reads or consumes a `\n` except as the
/// end of `\r\n` or as the byte after a run of spaces, an entity never
/// holds one (its body is `#`, hex digits or letters), and a scan that starts
/// right after a `\n` is at the start of a token, looking back at a char
/// that is not an ASCII letter or digit. So each line (with its `\n`)
/// gets the same changes on its own as in the whole text, and a line that
/// no range touches is a line of the other text, unchanged.
pub(super) fn hygiene_near(
    input: &str,
    config: &NormalizeConfig,
    touched: &[std::ops::Range<usize>],
) -> Vec<Change> {
    debug_assert!(touched.windows(2).all(|w| w[0].end <= w[1].start));
    let bytes = input.as_bytes();
    let mut changes = Vec::new();
    let mut k = 0;
    while k < touched.len() {
        // The lines around `touched[k]`, and every range that reaches them.
        let line_start = |at: usize| {
            let start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            #[cfg(test)]
            WALKED.with(|w| w.set(w.get() + at - start));
            start
        };
        let line_end = |at: usize| {
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| at + p + 1);
            #[cfg(test)]
            WALKED.with(|w| w.set(w.get() + end - at));
            end
        };
        let lo = line_start(touched[k].start);
        let mut hi = line_end(touched[k].end);
        k += 1;
        while k < touched.len() && touched[k].start <= hi {
            // A range that ends before `hi` ends on a line already in
            // (looking for its line end would walk the whole of a long
            // line once per range).
            if touched[k].end >= hi {
                hi = line_end(touched[k].end);
            }
            k += 1;
        }
        changes.extend(hygiene(&input[lo..hi], config).into_iter().map(|mut c| {
            c.original = c.original.start + lo..c.original.end + lo;
            c
        }));
    }
    changes
}

#[cfg(test)]
thread_local! {
    /// Bytes [`hygiene_near`] walked looking for line breaks (tests only).
    static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`hygiene`]; with `skip`, runs of plain ASCII (see
/// [`Cursor::skip_plain_ascii`]) are jumped over instead of being looked at
/// character by character (the tests check that both ways agree).
fn hygiene_scan(input: &str, config: &NormalizeConfig, skip: bool) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    let bytes = input.as_bytes();
    let mut iter = Cursor { input, pos: 0 };
    loop {
        if skip {
            iter.skip_plain_ascii();
        }
        let Some((i, c)) = iter.next() else {
            break;
        };
        let len = c.len_utf8();
        if config.html_entities && c == '&' {
            if let Some((end, decoded)) = decode_entity(input, i) {
                let text = entity_text(decoded, config);
                changes.push(Change {
                    original: i..end,
                    replacement: text,
                    kind: ChangeKind::HtmlEntity,
                });
                while iter.peek().is_some_and(|(j, _)| j < end) {
                    iter.next();
                }
                continue;
            }
        }
        if config.line_endings && c == '\r' {
            let end = if bytes.get(i + 1) == Some(&b'\n') {
                iter.next();
                i + 2
            } else {
                i + 1
            };
            changes.push(Change {
                original: i..end,
                replacement: "\n".into(),
                kind: ChangeKind::LineEnding,
            });
            continue;
        }
        if config.remove_invisible && is_invisible(c) {
            changes.push(Change {
                original: i..i + len,
                replacement: String::new(),
                kind: ChangeKind::Invisible,
            });
            continue;
        }
        if config.straighten_quotes {
            if let Some(s) = straight(c) {
                changes.push(Change {
                    original: i..i + len,
                    replacement: s.into(),
                    kind: ChangeKind::Typography,
                });
                continue;
            }
        }
        let spacey = c == ' ' || c == '\t' || (config.plain_spaces && is_odd_space(c));
        if spacey && (config.collapse_spaces || c != ' ') {
            // A run of horizontal spaces.
            let mut end = i + len;
            let mut plain = c == ' ';
            while let Some((j, d)) = iter.peek() {
                let more = d == ' '
                    || d == '\t'
                    || (config.plain_spaces && is_odd_space(d))
                    || (config.remove_invisible && is_invisible(d));
                if !more || !config.collapse_spaces {
                    break;
                }
                plain = false;
                end = j + d.len_utf8();
                iter.next();
            }
            let at_line_end = matches!(bytes.get(end), None | Some(b'\n') | Some(b'\r'));
            if config.collapse_spaces && at_line_end {
                changes.push(Change {
                    original: i..end,
                    replacement: String::new(),
                    kind: ChangeKind::Whitespace,
                });
            } else if !plain || (c == '\t' && config.collapse_spaces) {
                let kind = if end - i == len && c != '\t' {
                    ChangeKind::Space
                } else {
                    ChangeKind::Whitespace
                };
                if c != '\t' || config.collapse_spaces {
                    changes.push(Change {
                        original: i..end,
                        replacement: " ".into(),
                        kind,
                    });
                }
            }
            continue;
        }
        if config.nfc && !c.is_ascii() {
            // Compose a run of non-ASCII characters when it is not NFC already.
            let mut end = i + len;
            // A combining mark composes with the base before it: include an
            // ASCII letter just before the run (never changed by other rules).
            let start = match input[..i].chars().next_back() {
                Some(p) if p.is_ascii_alphanumeric() => i - 1,
                _ => i,
            };
            while let Some((j, d)) = iter.peek() {
                if d.is_ascii()
                    || is_invisible(d)
                    || is_odd_space(d)
                    || (config.straighten_quotes && straight(d).is_some())
                {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            let run = &input[start..end];
            if is_nfc_quick(run.chars()) != IsNormalized::Yes {
                let composed: String = run.nfc().collect();
                if composed != run {
                    if start < i {
                        // The ASCII letter before is part of this change.
                        if let Some(last) = changes.last() {
                            if last.original.end > start {
                                continue;
                            }
                        }
                    }
                    changes.push(Change {
                        original: start..end,
                        replacement: composed,
                        kind: ChangeKind::Nfc,
                    });
                }
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configs() -> Vec<NormalizeConfig> {
        let mut out = vec![NormalizeConfig::default()];
        for k in 0..7 {
            let mut c = NormalizeConfig::default();
            match k {
                0 => c.html_entities = false,
                1 => c.line_endings = false,
                2 => c.remove_invisible = false,
                3 => c.straighten_quotes = false,
                4 => c.plain_spaces = false,
                5 => c.collapse_spaces = false,
                _ => c.nfc = false,
            }
            out.push(c);
        }
        out
    }

    fn agree(s: &str) {
        for c in configs() {
            assert_eq!(
                hygiene_scan(s, &c, true),
                hygiene_scan(s, &c, false),
                "{s:?} {c:?}"
            );
        }
    }

    #[test]
    fn skipping_plain_ascii_agrees_with_the_full_scan() {
        for s in [
            "",
            " ",
            "a b",
            "a  b",
            "a \tb",
            "a \nb",
            "a \r\nb",
            "a\r\nb \n",
            "end ",
            "x &amp; y &nbsp;&nbsp; z",
            "a \u{a0}b a\u{a0} b a \u{200b}b",
            "Cafe\u{301} e\u{200b}\u{301} \u{2018}q\u{2019} a\u{2014}b",
            "tab\tin\tline\t\n",
            "mixed \u{3000}  spaces\u{2003}\u{2003}.",
        ] {
            agree(s);
        }
    }

    /// `input` with `changes` applied, and where their replacements lie.
    fn apply(input: &str, changes: &[Change]) -> (String, Vec<std::ops::Range<usize>>) {
        let mut out = String::new();
        let mut touched = Vec::new();
        let mut at = 0;
        for c in changes {
            out.push_str(&input[at..c.original.start]);
            touched.push(out.len()..out.len() + c.replacement.len());
            out.push_str(&c.replacement);
            at = c.original.end;
        }
        out.push_str(&input[at..]);
        (out, touched)
    }

    /// Random text made of pieces that hygiene rules look at, across lines.
    fn random_text(seed: u64, pieces: usize) -> String {
        const PIECES: [&str; 24] = [
            "a",
            "b9",
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "&amp;",
            "&#10;",
            "&#13;",
            "&nbsp;",
            "&amp;amp;",
            "&",
            ";",
            "\u{a0}",
            "\u{200b}",
            "\u{301}",
            "e",
            "\u{e9}",
            "\u{2019}",
            "\u{2014}",
            "\u{3000}",
            "&#x200B;",
        ];
        let mut x = seed | 1;
        let mut s = String::new();
        for _ in 0..pieces {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
        }
        s
    }

    /// The fixed-point loop of `normalize` runs hygiene again only around
    /// the changes of the step before: that must find exactly what a scan
    /// of the whole text finds, on text with many short lines (where the
    /// scan is cut) as on one long line.
    #[test]
    fn hygiene_near_the_changes_equals_the_whole_scan() {
        let mut cut = 0;
        for seed in 1..3000u64 {
            let s = random_text(seed, 1 + (seed % 60) as usize);
            for c in configs() {
                let mut cur = s.clone();
                for _ in 0..4 {
                    let step = hygiene(&cur, &c);
                    if step.is_empty() {
                        break;
                    }
                    let (next, touched) = apply(&cur, &step);
                    let near = hygiene_near(&next, &c, &touched);
                    assert_eq!(near, hygiene(&next, &c), "{cur:?} -> {next:?} {c:?}");
                    cut += usize::from(touched.iter().all(|r| r.end + 1 < next.len()));
                    cur = next;
                }
            }
        }
        assert!(cut > 1000, "{cut}");
    }

    /// The second round of `normalize` runs hygiene only around what the
    /// repair changed in a text whose hygiene changed nothing: any edits of
    /// a clean text, including ones that add or remove line breaks.
    #[test]
    fn hygiene_near_edits_of_a_clean_text_equals_the_whole_scan() {
        let c = NormalizeConfig::default();
        let edits = [
            "", "x", " ", "\n", "\r", "&amp;", "\u{200b}", "\u{301}", "\u{e9} ", "é\n",
        ];
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for seed in 1..2000u64 {
            let mut clean = random_text(seed, 1 + (seed % 50) as usize);
            loop {
                let step = hygiene(&clean, &c);
                if step.is_empty() {
                    break;
                }
                clean = apply(&clean, &step).0;
            }
            // Random edits at char boundaries, sorted and disjoint.
            let bounds: Vec<usize> = (0..=clean.len())
                .filter(|&i| clean.is_char_boundary(i))
                .collect();
            let mut changes = Vec::new();
            let mut at = 0;
            while at < bounds.len() {
                let start = at + next(8);
                if start >= bounds.len() {
                    break;
                }
                let end = (start + next(3)).min(bounds.len() - 1);
                changes.push(Change {
                    original: bounds[start]..bounds[end],
                    replacement: edits[next(edits.len())].to_string(),
                    kind: ChangeKind::Mojibake,
                });
                at = end + 1;
            }
            let (edited, touched) = apply(&clean, &changes);
            assert_eq!(
                hygiene_near(&edited, &c, &touched),
                hygiene(&edited, &c),
                "{clean:?} -> {edited:?}"
            );
        }
        // Only the lines the ranges touch are scanned: the entity of the
        // first line, nothing on the second, the invisible char of the third.
        let text = "a &amp; b\nplain line\nx\u{200b}y\n";
        let (first, second, third) = (0..1, 10..11, 21..22);
        assert_eq!(
            hygiene_near(text, &c, std::slice::from_ref(&first)).len(),
            1
        );
        assert_eq!(hygiene_near(text, &c, &[second]).len(), 0);
        assert_eq!(hygiene_near(text, &c, &[first, third]).len(), 2);
    }

    /// One long line with a change every few bytes (invisible characters
    /// and combining marks, as in the adversarial bench) is looked at once,
    /// not once per change.
    #[test]
    fn hygiene_near_walks_a_long_line_once() {
        let c = NormalizeConfig::default();
        let line = "e\u{301}\u{302}a\u{200B}\u{FEFF}\u{AD}word\u{202E}x\u{2069}. ".repeat(20_000);
        let step = hygiene(&line, &c);
        assert!(step.len() > 50_000);
        let (next, touched) = apply(&line, &step);
        WALKED.with(|w| w.set(0));
        assert_eq!(hygiene_near(&next, &c, &touched), hygiene(&next, &c));
        let walked = WALKED.with(|w| w.get());
        assert!(walked <= 2 * next.len(), "{walked} for {}", next.len());
    }

    proptest::proptest! {
        #[test]
        fn skipping_agrees_on_any_text(s in "[ a-c&;#x0-9\t\r\n\u{a0}\u{200b}\u{301}\u{2019}\u{2014}\u{e9}]{0,40}") {
            agree(&s);
        }

        #[test]
        fn skipping_agrees_on_arbitrary_strings(s in ".{0,40}") {
            agree(&s);
        }
    }
}
