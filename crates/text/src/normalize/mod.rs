//! Normalization of scraped page text, with a log of every change.
//!
//! * [`decode`] turns page bytes into text (UTF-8 with or without BOM,
//!   UTF-16 with BOM, legacy pages found by a detector).
//! * [`fix_encoding`] repairs mojibake alone: UTF-8 that was read through
//!   Windows-1252, Latin-1, Windows-1250/1251/1253, Mac Roman, ISO-8859-2 or
//!   code page 437, once or several times, in the whole text or in a few runs
//!   of it (see the `repair` module notes below). Text that was right is left
//!   alone.
//! * [`normalize`] runs the repair and then the hygiene steps of a
//!   [`NormalizeConfig`] (NFC, line endings, invisible characters, spaces,
//!   HTML entities, optionally straight quotes) and returns a [`Normalized`]
//!   text that borrows the input when nothing changed.
//!
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

mod decode;
mod entities;
mod hygiene;
mod repair;
#[rustfmt::skip]
mod tables;
#[cfg(test)]
mod data_tests;

pub use decode::{decode, DecodeError, Decoded};

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
    /// End of each change's replacement in the normalized text (for
    /// mapping offsets back by binary search).
    ends: Vec<usize>,
}

impl<'a> Normalized<'a> {
    /// Builds a result from the input and a list of changes, sorted by
    /// position and not overlapping.
    pub(crate) fn from_changes(input: &'a str, changes: Vec<Change>) -> Self {
        if changes.is_empty() {
            return Normalized {
                text: Cow::Borrowed(input),
                changes,
                ends: Vec::new(),
            };
        }
        let mut out = String::with_capacity(input.len());
        let mut ends = Vec::with_capacity(changes.len());
        let mut at = 0;
        for c in &changes {
            out.push_str(&input[at..c.original.start]);
            out.push_str(&c.replacement);
            ends.push(out.len());
            at = c.original.end;
        }
        out.push_str(&input[at..]);
        Normalized {
            text: Cow::Owned(out),
            changes,
            ends,
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
        // The first change whose replacement ends at or after `offset`
        // decides; the ones before it only shift the offset.
        let k = self.ends.partition_point(|&e| e < offset);
        let (orig_at, norm_at) = match k.checked_sub(1) {
            Some(j) => (self.changes[j].original.end, self.ends[j]),
            None => (0, 0),
        };
        let Some(c) = self.changes.get(k) else {
            return orig_at + (offset - norm_at);
        };
        let start = self.ends[k] - c.replacement.len();
        if offset <= start {
            orig_at + (offset - norm_at)
        } else if offset < self.ends[k] {
            c.original.start
        } else {
            c.original.end
        }
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

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident / $get:ident),* $(,)?) => {
        impl NormalizeConfig {
            $(
                $(#[$doc])*
                pub fn $name(mut self, yes: bool) -> Self {
                    self.$name = yes;
                    self
                }

                #[doc = concat!("Returns [`NormalizeConfig::", stringify!($name), "`].")]
                ///
                /// # Example
                /// ```
                /// use nutgraf_text::normalize::NormalizeConfig;
                #[doc = concat!("let c = NormalizeConfig::none().", stringify!($name), "(true);")]
                #[doc = concat!("assert!(c.", stringify!($get), "());")]
                #[doc = concat!("assert!(!NormalizeConfig::none().", stringify!($get), "());")]
                /// ```
                pub fn $get(&self) -> bool {
                    self.$name
                }
            )*
        }
    };
}

setters! {
    /// Sets [`NormalizeConfig::repair_mojibake`].
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::normalize::{normalize, NormalizeConfig};
    /// let only_repair = NormalizeConfig::none().repair_mojibake(true);
    /// assert_eq!(normalize("Gr\u{00C3}\u{00BC}\u{00C3}\u{0178}e\r\n", &only_repair).text(), "Grüße\r\n");
    /// ```
    repair_mojibake / get_repair_mojibake,
    /// Sets [`NormalizeConfig::nfc`].
    nfc / get_nfc,
    /// Sets [`NormalizeConfig::line_endings`].
    line_endings / get_line_endings,
    /// Sets [`NormalizeConfig::remove_invisible`].
    remove_invisible / get_remove_invisible,
    /// Sets [`NormalizeConfig::plain_spaces`].
    plain_spaces / get_plain_spaces,
    /// Sets [`NormalizeConfig::collapse_spaces`].
    collapse_spaces / get_collapse_spaces,
    /// Sets [`NormalizeConfig::html_entities`].
    html_entities / get_html_entities,
    /// Sets [`NormalizeConfig::straighten_quotes`].
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::normalize::{normalize, NormalizeConfig};
    /// let c = NormalizeConfig::default().straighten_quotes(true);
    /// assert_eq!(normalize("„Ja“ – sagt’s", &c).text(), "\"Ja\" - sagt's");
    /// ```
    straighten_quotes / get_straighten_quotes,
}

/// Composes two change logs: `first` turns `t0` into `t1`, `second` turns
/// `t1` into `t2`; the result turns `t0` into `t2`. Changes of the two logs
/// that touch each other are merged into one change (of the earlier kind).
fn compose(first: &[Change], second: &[Change], t2: &str) -> Vec<Change> {
    if second.is_empty() {
        return first.to_vec();
    }
    // Where each change of `first` sits in t1.
    let mut t1_ranges = Vec::with_capacity(first.len());
    let mut delta: isize = 0;
    for c in first {
        let s = (c.original.start as isize + delta) as usize;
        t1_ranges.push(s..s + c.replacement.len());
        delta += c.replacement.len() as isize - c.original.len() as isize;
    }
    // t1 offset -> t0 offset, for a start (`end == false`) or an end.
    let back = |p: usize, end: bool| -> usize {
        // Changes that end before `p` only shift it: skip them with a binary
        // search (a linear scan here made composing two long logs quadratic).
        let j = t1_ranges.partition_point(|r| r.end < p);
        let mut delta: isize = match j.checked_sub(1) {
            Some(k) => first[k].original.end as isize - t1_ranges[k].end as isize,
            None => 0,
        };
        for (c, r) in first[j..].iter().zip(&t1_ranges[j..]) {
            if p < r.start || (p == r.start && (end || r.is_empty())) {
                if !(p == r.start && !end && r.is_empty()) {
                    break;
                }
            } else if p < r.end || (p == r.end && end) {
                return if end {
                    c.original.end
                } else {
                    c.original.start
                };
            }
            delta = c.original.end as isize - r.end as isize;
        }
        (p as isize + delta) as usize
    };
    // Intervals of t0 touched by either log: (start, end, kind, order).
    let mut iv: Vec<(usize, usize, ChangeKind)> = first
        .iter()
        .map(|c| (c.original.start, c.original.end, c.kind))
        .collect();
    for c in second {
        let s = back(c.original.start, false);
        let e = back(c.original.end, true).max(s);
        iv.push((s, e, c.kind));
    }
    iv.sort_by_key(|a| (a.0, a.1));
    let mut merged: Vec<(usize, usize, ChangeKind)> = Vec::with_capacity(iv.len());
    for (s, e, k) in iv {
        if let Some(last) = merged.last_mut() {
            if s < last.1 || (s == last.1 && (s == e || last.0 == last.1)) {
                last.1 = last.1.max(e);
                continue;
            }
        }
        merged.push((s, e, k));
    }
    // t0 boundary -> t2 offset (boundaries lie outside every change). The
    // queries come in increasing order, so each log is walked once with a
    // cursor (a scan from the start per query was quadratic).
    struct Fwd<'c> {
        changes: &'c [Change],
        next: usize,
        delta: isize,
    }
    impl Fwd<'_> {
        fn at(&mut self, p: usize) -> usize {
            while let Some(c) = self.changes.get(self.next) {
                if c.original.end <= p && !(c.original.is_empty() && c.original.start == p) {
                    self.delta += c.replacement.len() as isize - c.original.len() as isize;
                    self.next += 1;
                } else {
                    break;
                }
            }
            (p as isize + self.delta) as usize
        }
    }
    let mut f1 = Fwd {
        changes: first,
        next: 0,
        delta: 0,
    };
    let mut f2 = Fwd {
        changes: second,
        next: 0,
        delta: 0,
    };
    merged
        .into_iter()
        .map(|(s, e, kind)| {
            let a = f2.at(f1.at(s));
            let b = f2.at(f1.at(e));
            Change {
                original: s..e,
                replacement: t2[a..b.max(a)].to_string(),
                kind,
            }
        })
        .collect()
}

/// The mojibake repair alone, with its change log (all of kind
/// [`ChangeKind::Mojibake`]). See [`fix_encoding`].
///
/// # Example
/// ```
/// use nutgraf_text::normalize::fix_encoding_with_changes;
/// let input = "Stra\u{00C3}\u{0178}e \u{00E2}\u{20AC}\u{201C} Weg";
/// let n = fix_encoding_with_changes(input);
/// assert_eq!(n.text(), "Straße – Weg");
/// assert_eq!(n.changes().len(), 2);
/// // "Weg" maps back to the input.
/// assert_eq!(&input[n.to_original(12..15)], "Weg");
/// ```
pub fn fix_encoding_with_changes(text: &str) -> Normalized<'_> {
    fix_encoding_with_changes_in(text, &mut repair::Cache::default())
}

/// [`fix_encoding_with_changes`] with the scored windows of `cache`.
fn fix_encoding_with_changes_in<'a>(text: &'a str, cache: &mut repair::Cache) -> Normalized<'a> {
    let Some((passes, _)) = repair::repair_passes_in(text, cache) else {
        return Normalized::from_changes(text, Vec::new());
    };
    let mut changes: Vec<Change> = Vec::new();
    let mut cur = text.to_string();
    for edits in passes {
        let step: Vec<Change> = edits
            .into_iter()
            .map(|(r, rep)| Change {
                original: r,
                replacement: rep,
                kind: ChangeKind::Mojibake,
            })
            .collect();
        let next = Normalized::from_changes(&cur, step.clone())
            .into_text()
            .into_owned();
        changes = if changes.is_empty() {
            step
        } else {
            compose(&changes, &step, &next)
        };
        cur = next;
    }
    Normalized::from_changes(text, changes)
}

/// Repairs mojibake — and nothing else — in `text`.
///
/// Detects UTF-8 that was decoded through Windows-1252, Latin-1,
/// Windows-1253 (as Greek systems show it), Windows-1250, Windows-1251, Mac
/// Roman, ISO-8859-2 or code page 437, also twice or three times over, and
/// also when only a few runs of an otherwise clean text are mangled. Each
/// run is decided with a plausibility score, so legitimate Greek, Cyrillic,
/// accented Latin, symbols and emoji are left alone. A text without
/// suspicious characters is scanned once and returned borrowed.
///
/// # Example
/// ```
/// use nutgraf_text::normalize::fix_encoding;
/// assert_eq!(fix_encoding("Gr\u{00C3}\u{00BC}\u{00C3}\u{0178}e aus K\u{00C3}\u{00B6}ln"), "Grüße aus Köln");
/// // Read through the Greek code page: "β†’" was an arrow.
/// assert_eq!(fix_encoding("Read more \u{03B2}\u{2020}\u{2019}"), "Read more →");
/// // Right text stays as it is, borrowed.
/// let greek = "Η Αθήνα → Θεσσαλονίκη, SÃO PAULO, café 🤖";
/// assert!(matches!(fix_encoding(greek), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fix_encoding(text: &str) -> Cow<'_, str> {
    match repair::repair_passes(text) {
        None => Cow::Borrowed(text),
        Some((_, fixed)) => Cow::Owned(fixed),
    }
}

/// Normalizes `input` according to `config`, recording every change:
/// mojibake repair first, then hygiene, with one change log that maps back
/// to `input`.
///
/// A text that needs no change is returned borrowed.
///
/// # Example
/// ```
/// use nutgraf_text::normalize::{normalize, NormalizeConfig, ChangeKind};
/// let n = normalize("so\u{00AD}ft", &NormalizeConfig::default());
/// assert_eq!(n.text(), "soft");
/// assert_eq!(n.changes()[0].kind, ChangeKind::Invisible);
///
/// let input = "K\u{00C3}\u{00B6}ln &amp;\u{00A0} Bonn";
/// let n = normalize(input, &NormalizeConfig::default());
/// assert_eq!(n.text(), "Köln & Bonn");
/// assert_eq!(&input[n.to_original(0..5)], "K\u{00C3}\u{00B6}ln");
/// ```
pub fn normalize<'a>(input: &'a str, config: &NormalizeConfig) -> Normalized<'a> {
    normalize_with(input, config, true, true)
}

/// [`normalize`]; `follow` lets the second repair start from the scan
/// state of the first, `near` lets hygiene look again only around what
/// changed since a clean text (the tests compare both ways).
fn normalize_with<'a>(
    input: &'a str,
    config: &NormalizeConfig,
    follow: bool,
    near: bool,
) -> Normalized<'a> {
    let hygiene_near = |cur: &str, touched: &[Range<usize>]| {
        if near {
            hygiene::hygiene_near(cur, config, touched)
        } else {
            hygiene::hygiene(cur, config)
        }
    };
    // The windows scored by the first repair serve the second one too, and
    // the scan state of the repaired text follows the hygiene edits, so the
    // second repair scans only around them.
    let mut cache = if follow {
        repair::Cache::keeping_state()
    } else {
        repair::Cache::default()
    };
    let repaired = if config.repair_mojibake {
        fix_encoding_with_changes_in(input, &mut cache)
    } else {
        Normalized::from_changes(input, Vec::new())
    };
    let mut changes = repaired.changes.clone();
    let mut cur = repaired.text().to_string();
    // Hygiene, and once more repair + hygiene if hygiene uncovered mojibake
    // (e.g. an entity-escaped mangled character), so the result is stable.
    // Where `cur` differs from a text whose hygiene changed nothing (the
    // ranges in `cur`), when it does: hygiene is then needed only around
    // them ([`hygiene::hygiene_near`]).
    let mut clean_but: Option<Vec<Range<usize>>> = None;
    for round in 0..2 {
        let mut step = match clean_but.take() {
            Some(touched) => hygiene_near(&cur, &touched),
            None => hygiene::hygiene(&cur, config),
        };
        let hygiene_changed = !step.is_empty();
        // The last hygiene of `cur` changed nothing.
        let mut clean = !hygiene_changed;
        // Where the last step, whose result was not looked at again, put
        // its changes: only there can the hygiene of `cur` change anything.
        let mut unchecked: Option<Vec<Range<usize>>> = None;
        // Hygiene to a fixed point: a decoded entity can leave spaces that
        // the same pass has already collapsed around ("&nbsp;&nbsp;" → "  ").
        let mut passes = 0;
        while !step.is_empty() && passes < 3 {
            passes += 1;
            // A decoded entity, or a removed invisible character between a
            // base and its combining mark ("e\u{200b}\u{301}"), can make
            // text the same pass has already looked at change again.
            let decoded_entity = step
                .iter()
                .any(|c| matches!(c.kind, ChangeKind::HtmlEntity | ChangeKind::Invisible));
            let next = Normalized::from_changes(&cur, step.clone())
                .into_text()
                .into_owned();
            let touched = touched_by(&step);
            if cache.has_state() {
                let edits: Vec<_> = step
                    .iter()
                    .map(|c| (c.original.clone(), c.replacement.clone()))
                    .collect();
                cache.follow(&cur, &edits, &next);
            }
            changes = if changes.is_empty() {
                step
            } else {
                compose(&changes, &step, &next)
            };
            cur = next;
            // The hygiene of `next` can change only the lines around
            // `step` (the rest of `cur` it left alone).
            if decoded_entity {
                step = hygiene_near(&cur, &touched);
                clean = step.is_empty();
                unchecked = None;
            } else {
                step = Vec::new();
                clean = false;
                unchecked = Some(touched);
            }
        }
        if !hygiene_changed && changes.is_empty() {
            return Normalized::from_changes(input, Vec::new());
        }
        if round == 1 || !config.repair_mojibake || !hygiene_changed || !repair::is_suspicious(&cur)
        {
            break;
        }
        let again = fix_encoding_with_changes_in(&cur, &mut cache);
        if again.changes.is_empty() {
            break;
        }
        // The second hygiene needs to look only around the repair's
        // changes when `cur` is clean (checked around the last step if it
        // was not).
        if let (false, Some(touched)) = (clean, unchecked) {
            clean = hygiene_near(&cur, &touched).is_empty();
        }
        if clean {
            clean_but = Some(touched_by(&again.changes));
        }
        let next = again.text().to_string();
        changes = compose(&changes, &again.changes, &next);
        cur = next;
    }
    let out = Normalized::from_changes(input, changes);
    debug_assert_eq!(out.text(), cur);
    out
}

/// Where `changes` (sorted, disjoint) put their replacements in the text
/// they make.
fn touched_by(changes: &[Change]) -> Vec<Range<usize>> {
    let mut delta = 0isize;
    changes
        .iter()
        .map(|c| {
            let start = (c.original.start as isize + delta) as usize;
            delta += c.replacement.len() as isize - c.original.len() as isize;
            start..start + c.replacement.len()
        })
        .collect()
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

    // Proptest regression: removing the zero-width space left "e" + U+0301,
    // which only a second run composed (normalize was not idempotent).
    #[test]
    fn nfc_after_removed_invisible_character() {
        assert_eq!(norm("The\u{200b}\u{301}"), "Thé");
        let n = normalize("The\u{200b}\u{301} end", &NormalizeConfig::default());
        assert_eq!(n.text(), "Thé end");
        assert_eq!(n.to_original(0..4), 0..8);
    }

    /// A small deterministic generator: `next(n)` is in `0..n`.
    fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
        let mut x = seed;
        move |n| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        }
    }

    /// The second repair of `normalize` starts from the first one's scan
    /// state, moved through the hygiene edits: it must decide exactly as a
    /// repair that scans the text afresh.
    #[test]
    fn following_the_hygiene_edits_changes_nothing() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let pieces = [
            "Gr\u{00C3}\u{00BC}\u{00C3}\u{0178}e",
            "\u{03B2}\u{2020}\u{2019}",
            "&amp;",
            "&#8217;",
            "\u{00A0}\u{00A0}",
            "\r\n",
            "  ",
            "so\u{00AD}ft",
            "e\u{200B}\u{301}",
            "\u{00C3} la",
            "K\u{00C3}\u{00B6}ln",
            "&Atilde;&copy;",
            "\u{00E2}\u{20AC}\u{2122}",
            "Αθήνα",
            "всё",
            "x",
            "\n",
        ];
        let config = NormalizeConfig::default();
        let mut compared = 0;
        for round in 0..3_000 {
            let mut t = String::new();
            for _ in 0..1 + next(25) {
                if next(5) == 0 {
                    // Random bytes read through a legacy page.
                    let bytes: Vec<u8> = (0..1 + next(40)).map(|_| next(256) as u8).collect();
                    t.push_str(&decode(&bytes, true).map(|d| d.text).unwrap_or_default());
                } else {
                    t.push_str(pieces[next(pieces.len())]);
                }
            }
            let a = normalize_with(&t, &config, true, true);
            let b = normalize_with(&t, &config, false, true);
            assert_eq!(a, b, "round {round}: {t:?}");
            compared += !a.changes().is_empty() as usize;
        }
        assert!(compared > 1_000, "{compared}");
    }

    /// After its first scan, hygiene looks again only at the lines around
    /// what changed since a clean text (the steps of its fixed-point loop,
    /// the second repair): that must give exactly what scanning the whole
    /// text gives, on texts of many short lines with entities, invisible
    /// characters, line breaks made by entities, and mojibake that hygiene
    /// uncovers.
    #[test]
    fn hygiene_near_the_changes_changes_nothing() {
        let mut next = xorshift(0x1234_5678_9ABC_DEF1);
        let pieces = [
            "Gr\u{00C3}\u{00BC}\u{00C3}\u{0178}e",
            "&Atilde;&copy;",
            "&amp;amp;",
            "&#10;",
            "&#13;",
            "&nbsp;",
            " &nbsp; ",
            "\u{00A0}\u{00A0}",
            "\r\n",
            "\r",
            "\n",
            "\n",
            "  ",
            " \n",
            "so\u{00AD}ft",
            "e\u{200B}\u{301}",
            "\u{00C3}&#160;la",
            "\u{00E2}\u{20AC}\u{2122}",
            "word",
            "Αθήνα",
        ];
        let mut near_only = 0;
        for config in [
            NormalizeConfig::default(),
            NormalizeConfig::default().collapse_spaces(false),
            NormalizeConfig::default().remove_invisible(false),
        ] {
            for round in 0..2_000 {
                let mut t = String::new();
                for _ in 0..1 + next(40) {
                    if next(6) == 0 {
                        let bytes: Vec<u8> = (0..1 + next(30)).map(|_| next(256) as u8).collect();
                        t.push_str(&decode(&bytes, true).map(|d| d.text).unwrap_or_default());
                    } else {
                        t.push_str(pieces[next(pieces.len())]);
                    }
                }
                let a = normalize_with(&t, &config, true, true);
                let b = normalize_with(&t, &config, true, false);
                assert_eq!(a, b, "round {round}: {t:?}");
                near_only += usize::from(t.contains('\n') && !a.changes().is_empty());
            }
        }
        assert!(near_only > 2_000, "{near_only}");
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
