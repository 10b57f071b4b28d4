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
