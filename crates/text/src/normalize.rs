//! Normalization of scraped page text, with a log of every change.
//!
//! [`normalize`] applies the hygiene steps of a [`NormalizeConfig`] and
//! returns a [`Normalized`] text that borrows the input when nothing changed.
//! Every change is recorded as a [`Change`] (original byte range,
//! replacement, kind), and [`Normalized::to_original`] maps a span of the
//! normalized text back to the input, so later stages can always point at
//! the bytes a sentence came from.
//!
//! # Example
//! ```
//! use nutgraf_text::normalize::{normalize, NormalizeConfig};
//! let input = "Hello\u{00A0}\u{00A0}world\r\nBye";
//! let n = normalize(input, &NormalizeConfig::default());
//! assert_eq!(n.text(), "Hello world\nBye");
//! // "Bye" sits at 12..15 in the normalized text and at 16..19 in the input.
//! assert_eq!(n.to_original(12..15), 16..19);
//! assert_eq!(&input[16..19], "Bye");
//! ```

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What kind of change a [`Change`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChangeKind {
    /// Mojibake (UTF-8 read through a legacy code page) undone.
    Mojibake,
    /// `\r\n` or `\r` turned into `\n`.
    LineEnding,
    /// An invisible character (zero-width space, soft hyphen, BOM, bidi control) removed.
    Invisible,
    /// A non-breaking or other Unicode space turned into a plain space.
    Space,
    /// A run of spaces collapsed to one, or spaces at a line end removed.
    Whitespace,
    /// A character sequence composed to Unicode NFC.
    Nfc,
    /// An HTML entity decoded.
    HtmlEntity,
    /// A typographic quote or dash straightened.
    Typography,
}

/// One change: the bytes `original` of the input were replaced by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change {
    /// Byte range in the input.
    pub original: Range<usize>,
    /// What now stands there.
    pub replacement: String,
    /// Why.
    pub kind: ChangeKind,
}

/// Settings of [`normalize`]. `Default` gives the recommended hygiene.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
pub struct NormalizeConfig {
    /// Undo mojibake (default: on).
    pub repair_mojibake: bool,
    /// Compose to Unicode NFC (default: on).
    pub nfc: bool,
    /// `\r\n` and `\r` to `\n` (default: on).
    pub line_endings: bool,
    /// Remove zero-width characters, soft hyphens, stray BOMs and bidi controls (default: on).
    pub remove_invisible: bool,
    /// Non-breaking and other Unicode spaces to a plain space (default: on).
    pub plain_spaces: bool,
    /// Collapse runs of spaces and tabs, drop spaces at line ends (default: on).
    pub collapse_spaces: bool,
    /// Decode HTML entities left over from scraping (default: on).
    pub html_entities: bool,
    /// Straighten typographic quotes and dashes (default: off).
    pub straighten_quotes: bool,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            repair_mojibake: true,
            nfc: true,
            line_endings: true,
            remove_invisible: true,
            plain_spaces: true,
            collapse_spaces: true,
            html_entities: true,
            straighten_quotes: false,
        }
    }
}

impl NormalizeConfig {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Settings that change nothing at all.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::normalize::{normalize, NormalizeConfig};
    /// let n = normalize("a\r\n b", &NormalizeConfig::none());
    /// assert_eq!(n.text(), "a\r\n b");
    /// ```
    pub fn none() -> Self {
        NormalizeConfig {
            repair_mojibake: false,
            nfc: false,
            line_endings: false,
            remove_invisible: false,
            plain_spaces: false,
            collapse_spaces: false,
            html_entities: false,
            straighten_quotes: false,
        }
    }
}

/// The result of [`normalize`]: the text and the changes that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    changes: Vec<Change>,
}

impl<'a> Normalized<'a> {
    /// Builds a result from the input and a list of changes, sorted by
    /// position and not overlapping.
    pub(crate) fn from_changes(input: &'a str, changes: Vec<Change>) -> Self {
        if changes.is_empty() {
            return Normalized {
                text: Cow::Borrowed(input),
                changes,
            };
        }
        let mut out = String::with_capacity(input.len());
        let mut at = 0;
        for c in &changes {
            out.push_str(&input[at..c.original.start]);
            out.push_str(&c.replacement);
            at = c.original.end;
        }
        out.push_str(&input[at..]);
        Normalized {
            text: Cow::Owned(out),
            changes,
        }
    }

    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalized text, owned or borrowed.
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// Every change, in input order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// `true` when the text is the input unchanged (and borrowed).
    pub fn is_unchanged(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// Maps a byte offset of the normalized text to the input. An offset
    /// inside a replacement maps to the start of the replaced range (or its
    /// end, for the offset just past the replacement).
    pub fn to_original_offset(&self, offset: usize) -> usize {
        // `delta` = original position - normalized position before the change.
        let mut norm_at = 0usize; // normalized offset of the current input position
        let mut orig_at = 0usize;
        for c in &self.changes {
            let gap = c.original.start - orig_at;
            if offset <= norm_at + gap {
                return orig_at + (offset - norm_at);
            }
            norm_at += gap;
            let rep = c.replacement.len();
            if offset < norm_at + rep {
                return c.original.start;
            }
            if offset == norm_at + rep {
                return c.original.end;
            }
            norm_at += rep;
            orig_at = c.original.end;
        }
        orig_at + (offset - norm_at)
    }

    /// Maps a byte range of the normalized text to the input range it came
    /// from.
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::normalize::{normalize, NormalizeConfig};
    /// let input = "a  b\r\nc";
    /// let n = normalize(input, &NormalizeConfig::default());
    /// assert_eq!(n.text(), "a b\nc");
    /// assert_eq!(&input[n.to_original(4..5)], "c");
    /// ```
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_original_offset(span.start);
        let end = self.to_original_offset(span.end).max(start);
        // An empty-in-normalized span that ends in a deletion should not
        // swallow the deleted bytes: keep `end` as mapped.
        start..end
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}')
}

/// Normalizes `input` according to `config`, recording every change.
///
/// A text that needs no change is returned borrowed.
///
/// # Example
/// ```
/// use nutgraf_text::normalize::{normalize, NormalizeConfig, ChangeKind};
/// let n = normalize("so\u{00AD}ft", &NormalizeConfig::default());
/// assert_eq!(n.text(), "soft");
/// assert_eq!(n.changes()[0].kind, ChangeKind::Invisible);
/// ```
pub fn normalize<'a>(input: &'a str, config: &NormalizeConfig) -> Normalized<'a> {
    let mut changes: Vec<Change> = Vec::new();
    let bytes = input.as_bytes();
    let mut iter = input.char_indices().peekable();
    // The end of the last kept non-space character: used to drop trailing spaces.
    while let Some((i, c)) = iter.next() {
        let len = c.len_utf8();
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
        let spacey = c == ' ' || c == '\t' || (config.plain_spaces && is_odd_space(c));
        if spacey && (config.collapse_spaces || c != ' ') {
            // A run of horizontal spaces.
            let mut end = i + len;
            let mut plain = c == ' ';
            while let Some(&(j, d)) = iter.peek() {
                let more = d == ' ' || d == '\t' || (config.plain_spaces && is_odd_space(d));
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
                if !(c == '\t' && !config.collapse_spaces) {
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
            while let Some(&(j, d)) = iter.peek() {
                if d.is_ascii() || is_invisible(d) || is_odd_space(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            let run = &input[start..end];
            if is_nfc_quick(run.chars()) != IsNormalized::Yes {
                let composed: String = run.nfc().collect();
                if composed != run {
                    changes.push(Change {
                        original: start..end,
                        replacement: composed,
                        kind: ChangeKind::Nfc,
                    });
                }
            }
        }
    }
    Normalized::from_changes(input, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s, &NormalizeConfig::default()).text().to_string()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let n = normalize("Plain text.\nSecond line.", &NormalizeConfig::default());
        assert!(n.is_unchanged());
    }

    #[test]
    fn whitespace_rules() {
        assert_eq!(norm("a \t b"), "a b");
        assert_eq!(norm("a   \nb"), "a\nb");
        assert_eq!(norm("  indented"), " indented");
        assert_eq!(norm("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(norm("zero\u{200B}width"), "zerowidth");
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(norm("Gro\u{0308}ße"), "Größe");
        assert_eq!(norm("Größe"), "Größe");
    }

    #[test]
    fn mapping_back() {
        let input = "x\u{00A0}\u{00A0}y\r\nz\u{200B}w";
        let n = normalize(input, &NormalizeConfig::default());
        assert_eq!(n.text(), "x y\nzw");
        let t = n.text();
        for (i, _) in t.char_indices() {
            let o = n.to_original(i..i + 1);
            let _ = &input[o];
        }
        assert_eq!(&input[n.to_original(4..6)], "z\u{200B}w");
    }
}
