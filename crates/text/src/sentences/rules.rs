//! The boundary rules, applied word by word inside one segment.
//!
//! A segment is cut into whitespace-separated words; a sentence boundary can
//! only fall into the whitespace between two words (or after an East Asian
//! full stop, where there is none). Each gap is decided by looking at the
//! word before it (its final punctuation and what stands before that), the
//! word after it and a few words of state; every decision is O(1), so a
//! segment is split in linear time.
//!
//! The words are read as the splitter goes, through a window of a few words
//! (see [`Scratch`]), so the memory it needs does not grow with the length
//! of a segment: a 50 MB line without a line break needs the same few
//! kilobytes as a short one. Two decisions look further ahead — whether a
//! list marker ("1.") is followed by the next marker of its list, and what
//! follows a run of dots — and read the words they need with a scan of
//! their own, which stops at the next list marker or at the end of the run:
//! those scans never overlap, so all the words of a segment are read at
//! most three times.
//!
//! # Speed
//!
//! Most words of running text end no sentence and change nothing: a word of
//! letters and digits, followed by another such word, is decided in
//! [`State::decide`]'s first test. [`plain_run`] finds runs of such words
//! eight bytes at a time, counting the words as it goes, and
//! [`State::skip_plain_run`] passes over them without reading them into
//! the window (the word indices stay exact). Only the last word of a run
//! and the words around a mark are decided one by one, and the window is
//! read only as far ahead as a decision needs. On English news text this
//! leaves about one word in seven to the rules; what they decide is the
//! same (the tests compare both ways, `no_skip` in [`Scratch`]).

use std::collections::VecDeque;
use std::ops::Range;

use super::data::{Class, Lists};
use super::lines::is_bullet;
use super::Sentence;
use crate::tokens::{ascii_alnum_mask, fold, is_stopword, stopwords};
use crate::Language;

/// How far (in bytes) an embedded quotation or bracket may reach and still
/// protect the text inside it from sentence boundaries.
const PROTECT_LIMIT: usize = 400;

/// Word index meaning "none".
const NONE: usize = usize::MAX;

/// What the splitter needs to know about the language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub(crate) lang: Language,
    pub(crate) lists: &'static Lists,
    pub(crate) has_stopwords: bool,
}

impl Ctx {
    pub(crate) fn new(lang: Language) -> Ctx {
        Ctx {
            lang,
            lists: super::data::lists(lang),
            has_stopwords: !stopwords(lang).is_empty(),
        }
    }
}

/// Buffers reused from segment to segment. None of them grows with the
/// length of a segment: the window holds the word being decided, the one
/// before it and [`LOOK_AHEAD`] after it; the protected ranges are read at
/// most [`PROTECT_LIMIT`] bytes ahead of the current word, and the stack of
/// open quotes and brackets keeps at most 32 entries.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Words read ahead, with their list markers: words `base..filled`,
    /// word `j` at `window[j % WINDOW]`.
    window: [(Range<usize>, Option<Marker>); WINDOW],
    base: usize,
    filled: usize,
    /// Protected ranges read ahead, disjoint and sorted.
    protected: VecDeque<Range<usize>>,
    /// Open quotes and brackets: (kind, offset in the segment, exempt).
    stack: Vec<(u8, usize, bool)>,
    /// What the splitter did, for the tests of its cost.
    pub(crate) stats: Stats,
    /// Decide every word one by one, without skipping runs of plain words
    /// (for the tests that compare the two).
    pub(crate) no_skip: bool,
}

/// Work counts of the splitter, summed over the segments of a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Words read by the main pass.
    pub(crate) words: usize,
    /// Words read again by the look-ahead scans.
    pub(crate) rescanned: usize,
    /// The most words held in the window at once.
    pub(crate) max_window: usize,
    /// The most protected ranges held at once.
    pub(crate) max_protected: usize,
    /// Words passed over in runs of plain words (see [`plain_run`]).
    pub(crate) skipped: usize,
}

/// Words after the current one that a decision may look at (the run of
/// dots "word. . . ." needs four).
pub(crate) const LOOK_AHEAD: usize = 4;

/// Slots of the ring of words read ahead: a power of two at least
/// [`LOOK_AHEAD`] + 2.
const WINDOW: usize = 8;
const _: () = assert!(WINDOW.is_power_of_two() && WINDOW >= LOOK_AHEAD + 2);

/// Sentence-final punctuation other than the period and the ellipsis.
fn is_strong(c: char) -> bool {
    matches!(
        c,
        '!' | '?'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '！'
            | '？'
            | '。'
            | '｡'
            | '؟'
            | '।'
            | '॥'
            | '۔'
            | '።'
            | '፧'
    )
}

/// Full stops of scripts written without spaces: a boundary may follow them
/// inside a whitespace-free run.
fn is_unspaced_stop(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？')
}

fn is_terminal(c: char) -> bool {
    c == '.' || c == '…' || is_strong(c)
}

/// Characters that may close a sentence after its final mark.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '«'
            | '“'
            | '›'
            | '‹'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
    )
}

/// A word made of dots/ellipses (and closers) only: ".", ". . .", "…", ".”".
#[inline(always)]
fn is_dotty(w: &str) -> bool {
    let first = w.as_bytes()[0];
    // An ASCII first character must be a final mark or a closer.
    (first >= 0x80 || is_ascii_mark(first)) && is_dotty_marked(w)
}

fn is_dotty_marked(w: &str) -> bool {
    let mut any = false;
    for c in w.chars() {
        if is_terminal(c) {
            any = true;
        } else if !is_closer(c) {
            return false;
        }
    }
    any
}

/// ASCII final marks and closers.
#[inline]
fn is_ascii_mark(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']' | b'}')
}

/// The number of dots in a dotty word made of `.` and `…` only, or `None`.
fn pure_dots(w: &str) -> Option<u32> {
    if !matches!(w.as_bytes()[0], b'.' | 0xE2) {
        return None;
    }
    let mut n = 0;
    for c in w.chars() {
        match c {
            '.' => n += 1,
            '…' => n += 3,
            _ => return None,
        }
    }
    Some(n)
}

/// Emoticons that end a sentence like a final mark.
fn is_emoticon(w: &str) -> bool {
    matches!(
        w,
        ":)" | ":-)"
            | ";)"
            | ";-)"
            | ":("
            | ":-("
            | ":D"
            | ":-D"
            | ":P"
            | ":-P"
            | ":p"
            | ":-p"
            | ";D"
            | "xD"
            | "XD"
            | "^^"
            | "^_^"
            | ":o)"
            | ":))"
            | ":-))"
            | ";-))"
            | "<3"
    )
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x200D)
}

/// A word of emoji only ("😀", "👍🏽").
fn is_emoji_word(w: &str) -> bool {
    w.chars().any(is_emoji)
        && w.chars()
            .all(|c| is_emoji(c) || (0x1F3FB..=0x1F3FF).contains(&(c as u32)))
}

/// The final punctuation of a word.
#[derive(Debug, Default, Clone, Copy)]
struct Tail {
    /// Byte offset where the final punctuation starts.
    stem_end: usize,
    /// Any final mark at all.
    terminal: bool,
    /// `!`, `?` and the like.
    strong: bool,
    /// Dots, an ellipsis counting three.
    dots: u32,
    /// A closing quote or bracket after the (last) final mark: `great."`.
    closer_after: bool,
    /// A closing quote or bracket before the final mark: `(Smith 55).`.
    closer_before: bool,
}

impl Tail {
    #[inline(always)]
    fn of(w: &str) -> Tail {
        // Fast path: a word ending in an ASCII character that is neither a
        // final mark nor a closer.
        let last = w.as_bytes()[w.len() - 1];
        if last < 0x80 && !is_ascii_mark(last) {
            return Tail {
                stem_end: w.len(),
                ..Tail::default()
            };
        }
        Tail::of_marked(w)
    }

    fn of_marked(w: &str) -> Tail {
        let mut t = Tail {
            stem_end: w.len(),
            ..Tail::default()
        };
        for (i, c) in w.char_indices().rev() {
            if is_terminal(c) {
                t.terminal = true;
                if c == '.' {
                    t.dots += 1;
                } else if c == '…' {
                    t.dots += 3;
                } else {
                    t.strong = true;
                }
            } else if is_closer(c) {
                if t.terminal {
                    t.closer_before = true;
                } else {
                    t.closer_after = true;
                }
            } else {
                break;
            }
            t.stem_end = i;
        }
        // "[...]": an ellipsis in brackets marks an omission, not an end.
        if t.terminal && w[..t.stem_end].ends_with(['[', '(']) {
            t.terminal = false;
        }
        t
    }

    /// A single period, nothing else: "word."
    fn is_period(&self) -> bool {
        self.terminal && !self.strong && self.dots == 1
    }
}

/// What stands before a final period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stem {
    /// ASCII digits only: "19", "2019".
    Number(usize),
    /// A Roman numeral of two or more letters: "II", "XIV".
    Roman,
    /// A listed abbreviation.
    Abbrev(Class),
    /// Letters joined by dots: "U.S.A", "i.v", "Ph.D".
    MultiDot,
    /// A single uppercase letter: an initial.
    Initial,
    /// A single lowercase letter.
    Letter,
    /// A word with letters.
    Word,
    /// Anything else: "$100.00", "750-10".
    Other,
}

/// `w` without the characters before its first letter or digit.
fn from_first_alnum(w: &str) -> &str {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => w,
        _ => w.trim_start_matches(|c: char| !c.is_alphanumeric()),
    }
}

fn classify(stem: &str, prev: Option<&str>, lists: &Lists) -> Stem {
    let s = from_first_alnum(stem);
    if s.is_empty() {
        return Stem::Other;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Stem::Number(s.len());
    }
    // Two-part abbreviations: "z. B.", "v. Chr.".
    if let Some(p) = prev {
        let p = from_first_alnum(p);
        if let Some(p) = p.strip_suffix('.') {
            if p.chars().count() == 1 && s.len() <= 4 {
                if let Some(c) = with_folded(&[p, " ", s], |k| lists.abbreviation(k)) {
                    return Stem::Abbrev(c);
                }
            }
        }
    }
    if s.len() <= 12 {
        if let Some(c) = with_folded(&[s], |k| lists.abbreviation(k)) {
            return Stem::Abbrev(c);
        }
    }
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() {
        return match first {
            c if c.is_uppercase() => Stem::Initial,
            c if c.is_alphabetic() => Stem::Letter,
            _ => Stem::Other,
        };
    }
    if s.contains('.')
        && s.split('.').all(|p| {
            let n = p.chars().count();
            (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
        })
    {
        return Stem::MultiDot;
    }
    if s.len() <= 5 && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
        return Stem::Roman;
    }
    if s.chars().any(char::is_alphabetic) {
        Stem::Word
    } else {
        Stem::Other
    }
}

/// Calls `f` with the lowercased concatenation of `parts`, on the stack when
/// it is short ASCII.
fn with_folded<T>(parts: &[&str], f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 24];
    let mut n = 0;
    for p in parts {
        if !p.is_ascii() || n + p.len() > buf.len() {
            return f(&parts.concat().to_lowercase());
        }
        buf[n..n + p.len()].copy_from_slice(p.as_bytes());
        n += p.len();
    }
    buf[..n].make_ascii_lowercase();
    // Only ASCII bytes were copied.
    f(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

/// The case of the first letter or digit of the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// No letter or digit ("--", "<>").
    None,
    Upper,
    Lower,
    Digit,
    /// A letter without case (CJK, Arabic ...): counts as a capital.
    Uncased,
}

fn next_kind(w: &str) -> Next {
    match w.chars().find(|c| c.is_alphanumeric()) {
        None => Next::None,
        Some(c) if c.is_uppercase() => Next::Upper,
        Some(c) if c.is_lowercase() => Next::Lower,
        Some(c) if c.is_numeric() => Next::Digit,
        Some(_) => Next::Uncased,
    }
}

/// The letters at the start of a word, after opening punctuation: "It" in "“It's".
fn leading_letters(w: &str) -> &str {
    let w = from_first_alnum(w);
    let end = w.find(|c: char| !c.is_alphabetic()).unwrap_or(w.len());
    &w[..end]
}

/// A list marker: "1.", "2.)", "a)", "(iii)", "⁃9.".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// `.`, `.)`, `)` or `(x)`.
    style: u8,
    num: Option<u16>,
    /// Letter index and case.
    alpha: Option<(u8, bool)>,
    /// Roman value and case.
    roman: Option<(u8, bool)>,
}

const ROMAN: [&str; 12] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
];

impl Marker {
    #[inline]
    fn parse(w: &str) -> Option<Marker> {
        if w.len() > 10 || !matches!(w.as_bytes()[w.len() - 1], b'.' | b')') {
            return None;
        }
        Marker::parse_marked(w)
    }

    fn parse_marked(w: &str) -> Option<Marker> {
        // Bullets are not ASCII.
        let w = if w.as_bytes()[0] < 0x80 {
            // "(", four letters or digits, ".)" at most.
            if w.len() > 7 {
                return None;
            }
            w
        } else {
            w.trim_start_matches(is_bullet)
        };
        let (paren, w) = match w.strip_prefix('(') {
            Some(rest) => (true, rest),
            None => (false, w),
        };
        let body_end = w.find(|c: char| !c.is_ascii_alphanumeric())?;
        let (body, suffix) = w.split_at(body_end);
        let style = match (paren, suffix) {
            (true, ")") => 3,
            (false, ".") => 0,
            (false, ".)") => 1,
            (false, ")") => 2,
            _ => return None,
        };
        if body.is_empty() || body.len() > 4 {
            return None;
        }
        let mut m = Marker {
            style,
            num: None,
            alpha: None,
            roman: None,
        };
        if body.bytes().all(|b| b.is_ascii_digit()) {
            if body.len() > 3 {
                return None;
            }
            m.num = body.parse().ok();
            return Some(m);
        }
        if !body.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let upper = body.bytes().all(|b| b.is_ascii_uppercase());
        let lower = body.bytes().all(|b| b.is_ascii_lowercase());
        if !upper && !lower {
            return None;
        }
        // A word of two letters or more is a Roman numeral or nothing.
        if body.len() > 1
            && !body
                .bytes()
                .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X'))
        {
            return None;
        }
        if body.len() == 1 {
            m.alpha = Some((body.as_bytes()[0].to_ascii_lowercase() - b'a', upper));
        }
        if let Some(i) = ROMAN.iter().position(|r| r.eq_ignore_ascii_case(body)) {
            m.roman = Some((i as u8 + 1, upper));
        }
        (m.alpha.is_some() || m.roman.is_some()).then_some(m)
    }

    /// `true` when `self` is the item after `prev` in the same list.
    fn follows(&self, prev: &Marker) -> bool {
        if self.style != prev.style {
            return false;
        }
        let num = matches!((prev.num, self.num), (Some(a), Some(b)) if a + 1 == b);
        let alpha = matches!((prev.alpha, self.alpha), (Some((a, ua)), Some((b, ub))) if a + 1 == b && ua == ub);
        let roman = matches!((prev.roman, self.roman), (Some((a, ua)), Some((b, ub))) if a + 1 == b && ua == ub);
        num || alpha || roman
    }

    /// The first item of a list: 1, a, i.
    fn is_first(&self) -> bool {
        self.num == Some(1)
            || matches!(self.alpha, Some((0, _)))
            || matches!(self.roman, Some((1, _)))
    }
}

fn is_bullet_word(w: &str) -> bool {
    w.chars().all(is_bullet)
}

/// Reads the words of a segment one at a time: whitespace-separated, and
/// cut after an East Asian full stop (plus closers) that is followed by more
/// text. A reader may start at the end of any word of the segment: it then
/// reads the same words as one started at the segment's start.
#[derive(Debug, Clone, Copy)]
struct Words {
    pos: usize,
    end: usize,
}

impl Words {
    #[inline(always)]
    fn next(&mut self, text: &str) -> Option<Range<usize>> {
        let bytes = text.as_bytes();
        let mut i = self.pos;
        // Fast path: ASCII whitespace, then a word of ASCII bytes.
        while i < self.end && is_ascii_space(bytes[i]) {
            i += 1;
        }
        let first = i;
        let segment = &bytes[..self.end];
        loop {
            // Eight bytes at a time: skip to the first that is not printable
            // ASCII other than the space.
            if let Some(chunk) = segment.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let stop = beyond_graphic_ascii(u64::from_le_bytes(word));
                if stop == 0 {
                    i += 8;
                    continue;
                }
                i += stop.trailing_zeros() as usize / 8;
            } else {
                while i < self.end && matches!(bytes[i], 0x21..=0x7F) {
                    i += 1;
                }
            }
            break;
        }
        if i < self.end && is_ascii_space(bytes[i]) {
            self.pos = i + 1;
            return Some(first..i);
        }
        self.next_from(text, first, i)
    }

    /// [`Words::next`] from byte `i` on, one character at a time, for a word
    /// that starts at `first` if `i > first`.
    #[inline(never)]
    fn next_from(&mut self, text: &str, first: usize, mut i: usize) -> Option<Range<usize>> {
        let bytes = text.as_bytes();
        let mut start: Option<usize> = (i > first).then_some(first);
        let mut cut_after_closers = false;
        while i < self.end {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            if c.is_whitespace() {
                if let Some(st) = start {
                    self.pos = i + len;
                    return Some(st..i);
                }
                i += len;
                continue;
            }
            if cut_after_closers && !is_closer(c) && !is_unspaced_stop(c) {
                if let Some(st) = start {
                    self.pos = i;
                    return Some(st..i);
                }
            }
            if start.is_none() {
                start = Some(i);
            }
            if b >= 0x80 && is_unspaced_stop(c) {
                cut_after_closers = true;
            }
            i += len;
        }
        self.pos = self.end;
        start.map(|st| st..self.end)
    }
}

/// The high bit of the first (lowest) byte of `x` outside 0x21..0x80 is set
/// in the result, and no bit below it: zero when all eight bytes are
/// printable ASCII other than the space.
#[inline]
fn beyond_graphic_ascii(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x21 borrows into its high bit (a borrow then runs only
    // into higher bytes); a byte from 0x80 on has it set.
    (x.wrapping_sub(ONES * 0x21) | x) & HIGH
}

/// ASCII whitespace, as [`char::is_whitespace`] sees it.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The high bit of each byte of `x` equal to `c`, and no other bit.
#[inline]
fn byte_eq_mask(x: u64, c: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let diff = x ^ (ONES * u64::from(c));
    !(((diff & !HIGH) + !HIGH) | diff) & HIGH
}

/// A run of *plain* words from byte `start` (the start of a word) of a
/// segment ending at `end`: where the run ends, where the last word starting
/// in it starts (after its last space; `start` if it has none), and how many
/// words start in it.
///
/// The run holds spaces and words of ASCII letters and digits that may hold
/// other characters inside (between two letters or digits: "don't",
/// "well-known", "don’t", "1,000"; Latin-1 letters before a letter or digit:
/// "für", "Straße") and may end in a comma. Such a word,
/// followed by another one of them, ends no sentence ("plain" in
/// [`State::decide`]): it starts with a letter or digit and ends in one or
/// in a comma; with no period, "!" or "?" in it, it is no footnote number;
/// and the word after it is no list marker and no bullet. The run stops
/// before "xD" (an emoticon). A word through `end` may go on after it.
///
/// Letters, digits and spaces are read eight bytes at a time, other bytes
/// one at a time.
fn plain_run(bytes: &[u8], start: usize, end: usize) -> PlainRun {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seg = &bytes[..end];
    let mut at = start;
    let mut run = PlainRun {
        end: start,
        last_start: start,
        words: 0,
    };
    // The byte before `at` is a space (the one before `start` counts as one).
    let mut after_space = true;
    loop {
        if let Some(chunk) = seg.get(at..at + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            let alnum = ascii_alnum_mask(x);
            let space = byte_eq_mask(x, b' ');
            // "D" is looked at one byte at a time, for "xD".
            let other = !(alnum | space) & HIGH | byte_eq_mask(x, b'D');
            // The letters, digits and spaces the eight bytes start with.
            let n = (other.trailing_zeros() / 8) as usize;
            if n > 0 {
                let keep = u64::MAX >> (64 - 8 * n);
                // A word starts at a letter or digit after a space.
                let after = (space << 8) | if after_space { 0x80 } else { 0 };
                run.words += (alnum & after & keep).count_ones() as usize;
                let spaces = space & keep;
                if spaces != 0 {
                    run.last_start = at + (63 - spaces.leading_zeros() as usize) / 8 + 1;
                }
                after_space = (space >> (8 * n - 1)) & 1 != 0;
                at += n;
                if n == 8 {
                    continue;
                }
            }
        }
        let Some(&b) = seg.get(at) else {
            break;
        };
        let prev_alnum = !after_space && bytes[at - 1].is_ascii_alphanumeric();
        let next_alnum = |k: usize| seg.get(at + k).is_some_and(u8::is_ascii_alphanumeric);
        let len = match b {
            b' ' => 1,
            b'D' if after_space || !matches!(bytes[at - 1], b'x' | b'X') => 1,
            b'D' => break,
            _ if b.is_ascii_alphanumeric() => 1,
            b',' if prev_alnum => 1,
            b'.' | b'!' | b'?' => break,
            0x21..=0x7E if prev_alnum && next_alnum(1) => 1,
            // A letter of Latin-1 (U+00C0..U+00FF: "für", "Straße") inside
            // a word, before an ASCII letter or digit or another such letter.
            0xC3 if !after_space
                && matches!(bytes[at - 1], b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | 0x80..=0xBF)
                && matches!(seg.get(at + 1), Some(0x80..=0xBF))
                && seg
                    .get(at + 2)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == 0xC3) =>
            {
                2
            }
            // ’ (U+2019) inside a word.
            0xE2 if prev_alnum
                && seg.get(at + 1..at + 3) == Some(&[0x80, 0x99])
                && next_alnum(3) =>
            {
                3
            }
            _ => break,
        };
        if b == b' ' {
            run.last_start = at + 1;
        } else if after_space {
            run.words += 1;
        }
        after_space = b == b' ';
        at += len;
    }
    run.end = at;
    run
}

/// What [`plain_run`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlainRun {
    /// Where the run ends.
    end: usize,
    /// Where its last word starts: after its last space.
    last_start: usize,
    /// The number of words starting in it.
    words: usize,
}

/// Adds a protected range to those read ahead. The ranges come in the
/// order of their ends; one that holds earlier ones replaces them, so the
/// ranges kept are disjoint and sorted, and a position lies inside one of
/// them exactly when it lies inside one of the ranges added.
fn push_protected(sc: &mut Scratch, r: Range<usize>) {
    while sc.protected.back().is_some_and(|b| b.start >= r.start) {
        sc.protected.pop_back();
    }
    sc.protected.push_back(r);
    sc.stats.max_protected = sc.stats.max_protected.max(sc.protected.len());
}

/// The number of spaces (0x20), ASCII letters and digits the eight bytes of
/// `x` start with (lowest byte first), and whether a letter or digit is
/// among them.
#[inline]
fn leading_alnum_or_space(x: u64) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let alnum = ascii_alnum_mask(x);
    let diff = x ^ (ONES * 0x20);
    let space = !(((diff & !HIGH) + !HIGH) | diff) & HIGH;
    let n = ((!(alnum | space) & HIGH).trailing_zeros() / 8) as usize;
    let prefix = u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
    (n, alnum & prefix != 0)
}

/// What [`Protect::read_to`] does with an ASCII byte: skip a space, clear
/// `initial` for most others, look closer at the ones below.
const P_SPACE: u8 = 0;
const P_OTHER: u8 = 1;
const P_MARK: u8 = 2;
static PROTECT_CLASS: [u8; 128] = {
    let mut t = [P_OTHER; 128];
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = P_SPACE;
        b += 1;
    }
    t[b' ' as usize] = P_SPACE;
    let marks = b"()[]{}\"'.!?:";
    let mut k = 0;
    while k < marks.len() {
        t[marks[k] as usize] = P_MARK;
        k += 1;
    }
    t
};

/// Reads the quotes and brackets of a segment, ahead of its words, and marks
/// the embedded quotations and brackets ("called out, “The Queen! The
/// Queen!” and ..."), inside which no sentence ends. A quotation or bracket
/// that opens a sentence is not protected (it may hold several sentences),
/// nor is one longer than [`PROTECT_LIMIT`] or never closed. A protected
/// range holding a position thus ends less than [`PROTECT_LIMIT`] bytes
/// after it: reading that far ahead of a word is enough to decide it.
#[derive(Debug, Clone, Copy)]
struct Protect {
    /// The segment.
    base: usize,
    end: usize,
    /// Offset in the segment of the next character to read.
    next: usize,
    /// Does the text read so far end a sentence (or a clause introducing one)?
    initial: bool,
}

impl Protect {
    fn new(seg: &Range<usize>) -> Protect {
        Protect {
            base: seg.start,
            end: seg.end,
            next: 0,
            initial: true,
        }
    }

    /// Reads on until every character that starts before `upto` (an offset
    /// in the text) is read.
    // `close` has side effects, so it stays out of match guards.
    #[allow(clippy::collapsible_match)]
    fn read_to(&mut self, text: &str, upto: usize, lang: Language, sc: &mut Scratch) {
        const PAREN: u8 = 0;
        const BRACKET: u8 = 1;
        const BRACE: u8 = 2;
        const DQ: u8 = 3; // "…"
        const CURLY: u8 = 4; // “…” or „…“
        const LOW: u8 = 5; // „…“ (German)
        const GUIL_R: u8 = 6; // »…«
        const GUIL_L: u8 = 7; // «…»
        const SINGLE: u8 = 8; // ‘…’ (English) or ‘…‘
        const LOW_SINGLE: u8 = 9; // ‚…‘ (German)
        let base = self.base;
        let s = &text[base..self.end];
        let limit = upto.saturating_sub(base).min(s.len());
        if self.next >= limit {
            return;
        }
        let mut initial = self.initial;
        let close = |kinds: &[u8], pos: usize, len: usize, sc: &mut Scratch| -> bool {
            let depth = sc.stack.len();
            for k in (depth.saturating_sub(8)..depth).rev() {
                let (kind, open, exempt) = sc.stack[k];
                if kinds.contains(&kind) {
                    sc.stack.truncate(k);
                    if !exempt && pos + len - open <= PROTECT_LIMIT {
                        push_protected(sc, base + open..base + pos + len);
                    }
                    return true;
                }
            }
            false
        };
        let open = |kind: u8, pos: usize, initial: bool, sc: &mut Scratch| {
            if sc.stack.len() >= 32 {
                sc.stack.remove(0);
            }
            sc.stack.push((kind, pos, initial));
        };
        let has = |kind: u8, sc: &Scratch| sc.stack.iter().rev().take(8).any(|e| e.0 == kind);
        let bytes = s.as_bytes();
        let mut next = self.next;
        while next < limit {
            // Fast path: spaces, ASCII letters and digits, up to eight at
            // a time; the letters and digits only clear `initial`.
            if let Some(chunk) = bytes[..limit].get(next..next + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let (n, alnum) = leading_alnum_or_space(u64::from_le_bytes(word));
                if n > 0 {
                    initial &= !alnum;
                    next += n;
                    // Fewer than eight: the byte after them is another one.
                    if n == 8 {
                        continue;
                    }
                }
            }
            let i = next;
            let b = bytes[i];
            // Fast path: most ASCII bytes neither open nor close anything and
            // only clear `initial`.
            let c = if b < 0x80 {
                next += 1;
                match PROTECT_CLASS[b as usize] {
                    P_SPACE => continue,
                    P_OTHER => {
                        initial = false;
                        continue;
                    }
                    _ => b as char,
                }
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                next += c.len_utf8();
                if c.is_whitespace() {
                    continue;
                }
                c
            };
            let len = c.len_utf8();
            let was_initial = initial;
            match c {
                '(' => open(PAREN, i, was_initial, sc),
                '[' => open(BRACKET, i, was_initial, sc),
                '{' => open(BRACE, i, was_initial, sc),
                ')' => {
                    close(&[PAREN], i, len, sc);
                }
                ']' => {
                    close(&[BRACKET], i, len, sc);
                }
                '}' => {
                    close(&[BRACE], i, len, sc);
                }
                '"' => {
                    if !(has(DQ, sc) && close(&[DQ], i, len, sc)) {
                        open(DQ, i, was_initial, sc);
                    }
                }
                '„' => open(LOW, i, was_initial, sc),
                '“' => {
                    if !(lang == Language::De && has(LOW, sc) && close(&[LOW], i, len, sc)) {
                        open(CURLY, i, was_initial, sc);
                    }
                }
                '”' => {
                    close(&[CURLY, LOW], i, len, sc);
                }
                '‚' => open(LOW_SINGLE, i, was_initial, sc),
                '‘' => {
                    if !(lang == Language::De
                        && has(LOW_SINGLE, sc)
                        && close(&[LOW_SINGLE], i, len, sc))
                    {
                        open(SINGLE, i, was_initial, sc);
                    }
                }
                // An apostrophe ("dragon’s") is followed by a letter; a closing quote is not.
                '’' if !s[i + len..].starts_with(char::is_alphanumeric) => {
                    close(&[SINGLE], i, len, sc);
                }
                '»' => {
                    if !(has(GUIL_L, sc) && close(&[GUIL_L], i, len, sc)) {
                        open(GUIL_R, i, was_initial, sc);
                    }
                }
                '«' => {
                    if !(has(GUIL_R, sc) && close(&[GUIL_R], i, len, sc)) {
                        open(GUIL_L, i, was_initial, sc);
                    }
                }
                _ => {}
            }
            initial = if is_terminal(c) || c == ':' {
                true
            } else if is_closer(c)
                || matches!(c, '(' | '[' | '{' | '„' | '“' | '»' | '«' | '‘' | '‚')
            {
                initial && was_initial
            } else {
                false
            };
        }
        self.next = next;
        self.initial = initial;
    }
}

/// Splits one segment and appends its sentences to `out`.
pub(crate) fn split_segment<'a>(
    text: &'a str,
    seg: Range<usize>,
    ctx: &Ctx,
    sc: &mut Scratch,
    out: &mut Vec<Sentence<'a>>,
) {
    sc.base = 0;
    sc.filled = 0;
    sc.protected.clear();
    sc.stack.clear();
    let mut st = State {
        text,
        ctx,
        reader: Words {
            pos: seg.start,
            end: seg.end,
        },
        protect: Protect::new(&seg),
        sc,
        first: 0,
        first_start: 0,
        has_alnum: false,
        marker_word: NONE,
        last_marker: None,
        prev_terminal: false,
        footnote: false,
        run_start: NONE,
        run_before: None,
        run_dots_acc: 0,
        run_strong: false,
        skip_from: 0,
    };
    st.fill(LOOK_AHEAD);
    if !st.has(0) {
        return;
    }
    st.start_sentence(0);
    let mut i: usize = 0;
    loop {
        // Word `i - 1` is the oldest word a decision reads; words are read
        // ahead only as far as a decision needs them.
        st.forget_before(i.saturating_sub(1));
        st.fill(i + 1);
        let w = st.word(i);
        if !st.has_alnum && w.chars().any(char::is_alphanumeric) {
            st.has_alnum = true;
        }
        if !st.has(i + 1) {
            break;
        }
        if let Some(resume) = st.skip_plain_run(i) {
            i = resume;
            continue;
        }
        let tail = Tail::of(w);
        // Footnote numbers after a final mark: "consultation.11 12".
        st.footnote = if st.footnote && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
            true
        } else {
            is_footnote(w)
        };
        let boundary = if st.ends_nothing(i, st.is_plain(w)) {
            false
        } else {
            // The other rules look at the word after the next one, all but
            // one (see `decide`) and the start of a sentence (see
            // `start_sentence`), which read further themselves.
            st.fill(i + 2);
            st.decide(i, w, &tail)
        };
        st.after_word(i, w, tail);
        if boundary {
            st.emit(i, out);
            st.start_sentence(i + 1);
        }
        i += 1;
    }
    st.emit(i, out);
}

struct State<'s, 'a> {
    text: &'a str,
    ctx: &'s Ctx,
    /// Reads the words of the segment into the window.
    reader: Words,
    protect: Protect,
    sc: &'s mut Scratch,
    /// First word of the current sentence, and where it starts.
    first: usize,
    first_start: usize,
    /// The current sentence has a letter or digit.
    has_alnum: bool,
    /// The list marker opening the current sentence, if any.
    marker_word: usize,
    last_marker: Option<Marker>,
    /// The previous word has a final mark.
    prev_terminal: bool,
    /// The current word is (or continues) a footnote number glued to a final
    /// mark ("consultation.11 12 Take").
    footnote: bool,
    /// The current run of dotty words, and (for a run after the first word)
    /// the final punctuation of the word before it and whether it is dotty.
    run_start: usize,
    run_before: Option<(Tail, bool)>,
    run_dots_acc: u32,
    run_strong: bool,
    /// No run of plain words is looked for at a word starting before this
    /// offset: the last scan showed there is none worth skipping.
    skip_from: usize,
}

impl<'a> State<'_, 'a> {
    /// Reads words into the window until it holds word `j` (or the segment
    /// has no more words).
    #[inline]
    fn fill(&mut self, j: usize) {
        while self.sc.filled <= j {
            let Some(r) = self.reader.next(self.text) else {
                return;
            };
            // Marker::parse, its first test on the bytes.
            let marker = if r.len() <= 10 && matches!(self.text.as_bytes()[r.end - 1], b'.' | b')')
            {
                Marker::parse_marked(&self.text[r.clone()])
            } else {
                None
            };
            let held = self.sc.filled + 1 - self.sc.base;
            assert!(held <= WINDOW, "the window holds at most {WINDOW} words");
            self.sc.window[self.sc.filled % WINDOW] = (r, marker);
            self.sc.filled += 1;
            self.sc.stats.words += 1;
            self.sc.stats.max_window = self.sc.stats.max_window.max(held);
        }
    }

    /// Passes over a run of plain words starting at word `i`, and returns
    /// the word to go on with.
    ///
    /// Every word of the run that [`plain_run`] finds and that is followed by
    /// another word of the run ends no sentence and changes no state beyond
    /// what is set here: it has a letter or digit (`has_alnum`), is no
    /// footnote number, no run of dots and has no final mark
    /// (`prev_terminal`). Only the last complete word of the run is decided
    /// as usual, since the word after it may be a list marker; a decision on
    /// a plain word reads no word before it, so the window may start there.
    fn skip_plain_run(&mut self, i: usize) -> Option<usize> {
        let start = self.range(i).start;
        // A footnote number ("consultation.11 12") goes on with digits.
        if self.sc.no_skip || self.footnote || start < self.skip_from {
            return None;
        }
        let bytes = self.text.as_bytes();
        // Words `i` and `i + 1` must be in the run: a first test on their
        // last bytes (after a mark, most of the time, one of them is not).
        let in_run = |b: u8| b.is_ascii_alphanumeric() || b == b',';
        let (this, next) = (self.range(i), self.range(i + 1));
        if !in_run(bytes[this.end - 1]) || !in_run(bytes[next.end - 1]) {
            return None;
        }
        let run = plain_run(bytes, start, self.reader.end);
        // A word running past the end of the run is not part of it.
        let cut = run.last_start;
        self.skip_from = cut;
        let complete = run.words - usize::from(cut < run.end);
        // Go on with word `last`, the last complete word.
        let last = (i + complete).checked_sub(1)?;
        if last <= i {
            return None;
        }
        if last >= self.sc.filled {
            // Word `last` is past the window: read the window anew from it.
            let mut k = cut;
            while k > start && bytes[k - 1] == b' ' {
                k -= 1;
            }
            while k > start && bytes[k - 1] != b' ' {
                k -= 1;
            }
            self.sc.stats.words += last - self.sc.filled;
            self.sc.base = last;
            self.sc.filled = last;
            self.reader.pos = k;
        }
        self.sc.stats.skipped += last - i;
        self.has_alnum = true;
        self.run_start = NONE;
        self.prev_terminal = false;
        Some(last)
    }

    /// Drops the words before word `j` from the window.
    fn forget_before(&mut self, j: usize) {
        if self.sc.base < j {
            self.sc.base = j.min(self.sc.filled);
        }
    }

    /// Whether the segment has a word `j` (`j` at most [`LOOK_AHEAD`] after
    /// the current word).
    fn has(&self, j: usize) -> bool {
        j < self.sc.filled
    }

    fn range(&self, j: usize) -> Range<usize> {
        debug_assert!(self.sc.base <= j && j < self.sc.filled);
        self.sc.window[j % WINDOW].0.clone()
    }

    fn marker(&self, j: usize) -> Option<Marker> {
        debug_assert!(self.sc.base <= j && j < self.sc.filled);
        self.sc.window[j % WINDOW].1
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.range(i)]
    }

    /// A reader of the words after word `j`, past the window.
    fn words_after(&self, j: usize) -> Words {
        Words {
            pos: self.range(j).end,
            end: self.reader.end,
        }
    }

    fn start_sentence(&mut self, j: usize) {
        // A bullet, a list marker and a word after it.
        self.fill(j + 2);
        self.first = j;
        self.first_start = self.range(j).start;
        self.has_alnum = false;
        self.marker_word = NONE;
        let mut k = j;
        if is_bullet_word(self.word(k)) && self.has(k + 1) {
            k += 1;
        }
        if let Some(m) = self.marker(k) {
            if self.has(k + 1) {
                self.marker_word = k;
                self.last_marker = Some(m);
            }
        }
    }

    fn emit(&self, last: usize, out: &mut Vec<Sentence<'a>>) {
        let span = self.first_start..self.range(last).end;
        out.push(Sentence {
            text: &self.text[span.clone()],
            span,
        });
    }

    fn is_protected(&mut self, pos: usize) -> bool {
        self.protect
            .read_to(self.text, pos + PROTECT_LIMIT, self.ctx.lang, self.sc);
        let q = &mut self.sc.protected;
        while q.front().is_some_and(|r| r.end <= pos) {
            q.pop_front();
        }
        q.front().is_some_and(|r| r.start < pos && pos < r.end)
    }

    /// Words `j`, `j + 1` … are a run of words of dots only ("." and "…")
    /// holding three dots in all.
    fn three_dots_from(&self, j: usize) -> bool {
        let mut dots = 0;
        let mut k = j;
        // Every such word holds a dot: the run is read at most four words
        // (and never past `LOOK_AHEAD`) far.
        while dots <= 3 && self.has(k) {
            match pure_dots(self.word(k)) {
                Some(d) => dots += d,
                None => break,
            }
            k += 1;
        }
        dots == 3
    }

    /// A capitalized word that usually starts a sentence: a stop word
    /// ("The", "It", "How", "Die"); any capitalized word for languages
    /// without a stop-word list.
    fn is_starter(&self, w: &str) -> bool {
        if !self.ctx.has_stopwords {
            return true;
        }
        let l = leading_letters(w);
        !l.is_empty() && with_folded(&[l], |k| is_stopword(self.ctx.lang, k))
    }

    fn folded_letters(&self, i: usize) -> String {
        fold(leading_letters(self.word(i))).into_owned()
    }

    /// State carried from word `i` to the next.
    fn after_word(&mut self, i: usize, w: &str, tail: Tail) {
        if is_dotty(w) {
            if self.run_start == NONE {
                self.run_start = i;
                self.run_before = (i > 0).then(|| {
                    let before = self.word(i - 1);
                    (Tail::of(before), is_dotty(before))
                });
                self.run_dots_acc = 0;
                self.run_strong = false;
            }
            self.run_dots_acc += tail.dots;
            self.run_strong |= tail.strong;
        } else {
            self.run_start = NONE;
        }
        self.prev_terminal = tail.terminal;
    }

    /// Is there a sentence boundary between word `i` and word `i + 1`?
    fn decide(&mut self, i: usize, w: &str, tail: &Tail) -> bool {
        let next = self.word(i + 1);
        let plain = self.is_plain(w);
        if self.ends_nothing(i, plain) {
            return false;
        }
        if self.is_protected(self.range(i).end) {
            return false;
        }
        // A bullet starts a new item: "… item • 10. The second item".
        if next.starts_with(is_bullet) {
            return self.has_alnum;
        }
        // A list marker that continues or starts a list.
        if let Some(m) = self.marker(i + 1) {
            if self.has_alnum && self.has(i + 2) && self.list_continues(i, &m) {
                return true;
            }
        }
        if self.marker_word == i || plain {
            return false;
        }
        let nk = next_kind(next);
        if !tail.terminal {
            if self.footnote && nk == Next::Upper {
                return self.has_alnum;
            }
            // An utterance broken off: "... afore she comes, to--\" At this moment".
            if tail.closer_after && is_broken_off(&w[..tail.stem_end]) {
                return self.has_alnum && matches!(nk, Next::Upper | Next::Uncased);
            }
            // ";-) So ...", "Toll! 😀 Wir ...": an emoticon ends a sentence.
            let emo = is_emoticon(w) || (self.prev_terminal && is_emoji_word(w));
            return emo && self.has_alnum && matches!(nk, Next::Upper | Next::Uncased);
        }
        if is_dotty(next) {
            // "compounds. . . . The practice": a period, then an ellipsis
            // that opens the next sentence.
            if !is_dotty(w) && tail.is_period() && !tail.closer_after && {
                self.fill(i + LOOK_AHEAD);
                self.three_dots_from(i + 1)
            } {
                // The first word after the dotty run: read past the window,
                // once per run.
                let mut reader = self.words_after(i);
                let after = loop {
                    let Some(r) = reader.next(self.text) else {
                        break None;
                    };
                    self.sc.stats.rescanned += 1;
                    if !is_dotty(&self.text[r.clone()]) {
                        break Some(r);
                    }
                };
                return after.is_some_and(|r| next_kind(&self.text[r]) == Next::Upper)
                    && self.has_alnum;
            }
            return false;
        }
        if !self.has_alnum {
            return false;
        }
        if is_dotty(w) {
            return self.decide_detached(i, nk);
        }
        let stem = &w[..tail.stem_end];
        if nk == Next::None && self.rule_then_capital(i + 1) {
            // "Keep it up. - Shree", "see it. ** Google defies ...".
            return true;
        }
        if tail.strong {
            return match nk {
                Next::None => false,
                Next::Upper | Next::Digit | Next::Uncased => true,
                Next::Lower => {
                    !(tail.closer_after
                        || self.is_speech(i + 1)
                        || self.is_name_bang(i, stem, tail))
                }
            };
        }
        if tail.dots > 1 {
            // An ellipsis attached to a word: "slowly... And".
            return matches!(nk, Next::Upper | Next::Uncased);
        }
        self.decide_period(i, stem, tail, nk)
    }

    /// Fast path: a word ending in a comma, or in an ASCII letter or digit
    /// without a final mark, ends no sentence, unless it is an emoticon
    /// (":-D", "xD", "<3") or a footnote number ("consultation.11 12") — or
    /// a bullet or a list marker follows ([`State::ends_nothing`]).
    #[inline]
    fn is_plain(&self, w: &str) -> bool {
        let bytes = w.as_bytes();
        let last = bytes[bytes.len() - 1];
        last == b','
            || (last.is_ascii_alphabetic() && w.len() > 3)
            || (last.is_ascii_alphanumeric()
                && bytes[0].is_ascii_alphanumeric()
                && !self.footnote
                && !matches!(w, "xD" | "XD"))
    }

    /// A plain word `i` ([`State::is_plain`]) not followed by a list marker
    /// or a bullet: no sentence ends after it. This reads words `i` and
    /// `i + 1` only, so the window need not hold more. (Skipping the
    /// protection check here changes nothing: it only reads ahead, which a
    /// later check does as well.)
    #[inline]
    fn ends_nothing(&self, i: usize, plain: bool) -> bool {
        // Bullets are not ASCII.
        plain && self.marker(i + 1).is_none() && {
            let next = self.word(i + 1);
            next.as_bytes()[0] < 0x80 || !next.starts_with(is_bullet)
        }
    }

    /// Word `j` is a dash or asterisk rule and the word after it is capitalized.
    fn rule_then_capital(&self, j: usize) -> bool {
        let w = self.word(j);
        w.chars().all(|c| matches!(c, '-' | '–' | '—' | '*'))
            && self.has(j + 1)
            && next_kind(self.word(j + 1)) == Next::Upper
    }

    fn list_continues(&mut self, i: usize, m: &Marker) -> bool {
        let continues = self.last_marker.is_some_and(|l| m.follows(&l));
        let starts = m.is_first() && {
            // The next list marker of the segment, read past the window: the
            // reading stops at the next marker, so no word is read twice
            // this way.
            let mut reader = self.words_after(i + 1);
            let next = loop {
                let Some(r) = reader.next(self.text) else {
                    break None;
                };
                self.sc.stats.rescanned += 1;
                if let Some(n) = Marker::parse(&self.text[r]) {
                    break Some(n);
                }
            };
            next.is_some_and(|n| n.follows(m))
        };
        if !(continues || starts) {
            return false;
        }
        // "am 1. Januar und am 2. Februar": German ordinals, not a list.
        if self.ctx.lang == Language::De && m.style == 0 && m.num.is_some() {
            let before = fold(self.word(i));
            let after = self.folded_letters(i + 2);
            if self.ctx.lists.is_ordinal_context(&before) || self.ctx.lists.is_ordinal_noun(&after)
            {
                return false;
            }
        }
        true
    }

    /// Dots or marks standing apart: "period . . . . Next", "to an ! 'I".
    fn decide_detached(&self, i: usize, nk: Next) -> bool {
        let upper = matches!(nk, Next::Upper | Next::Uncased);
        if self.run_strong || self.word(i).contains(is_strong) {
            return match nk {
                Next::None => false,
                Next::Lower => !self.is_speech(i + 1),
                _ => true,
            };
        }
        let mut dots = self.run_dots_acc + Tail::of(self.word(i)).dots;
        let start = if self.run_start == NONE {
            i
        } else {
            self.run_start
        };
        if start > self.first {
            // The word before the run (kept from when the run started).
            let before = if start == i {
                let w = self.word(i - 1);
                Some((Tail::of(w), is_dotty(w)))
            } else {
                self.run_before
            };
            if let Some((before, false)) = before {
                if before.terminal {
                    dots += before.dots;
                }
            }
        }
        // Three spaced dots (". . .") mark an omission inside a sentence.
        let spaced = i + 1 - start == 3;
        !(dots == 3 && spaced) && upper
    }

    fn decide_period(&self, i: usize, stem: &str, tail: &Tail, nk: Next) -> bool {
        let prev = (i > self.first).then(|| self.word(i - 1));
        let class = classify(stem, prev, self.ctx.lists);
        let next = self.word(i + 1);
        match nk {
            Next::None => false,
            // "in the city. features": a plain word, then lowercase, in web text.
            Next::Lower => class == Stem::Word && !tail.closer_after,
            Next::Digit => matches!(class, Stem::Word | Stem::Other),
            Next::Upper | Next::Uncased => match class {
                Stem::Number(len) => {
                    if self.ctx.lang != Language::De
                        || len > 3
                        || tail.closer_before
                        || tail.closer_after
                    {
                        return true;
                    }
                    // "am 3. Oktober", "im 19. Jahrhundert", "der 2. Weltkrieg".
                    let before = prev.map(|p| fold(p).into_owned()).unwrap_or_default();
                    let after = self.folded_letters(i + 1);
                    !(self.ctx.lists.is_ordinal_context(&before)
                        || self.ctx.lists.is_ordinal_noun(&after))
                }
                Stem::Abbrev(Class::Title | Class::Inline) => false,
                Stem::Abbrev(Class::Time) => true,
                Stem::Abbrev(Class::Number | Class::General)
                | Stem::Roman
                | Stem::MultiDot
                | Stem::Initial
                | Stem::Letter => self.is_starter(next),
                Stem::Word | Stem::Other => true,
            },
        }
    }

    /// "Stop! he yelled.", "said he": a verb of saying after the mark.
    fn is_speech(&self, j: usize) -> bool {
        let lists = self.ctx.lists;
        let a = self.folded_letters(j);
        if lists.is_speech_verb(&a) {
            return true;
        }
        self.has(j + 1)
            && is_stopword(self.ctx.lang, &a)
            && lists.is_speech_verb(&self.folded_letters(j + 1))
    }

    /// "She works at Yahoo! in ...": a capitalized name with a bang, inside a sentence.
    fn is_name_bang(&self, i: usize, stem: &str, tail: &Tail) -> bool {
        i > self.first
            && tail.dots == 0
            && !tail.closer_after
            && self.word(i).ends_with('!')
            && !self.word(i).ends_with("!!")
            && stem.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A dash before closing quotes: "to--\"", "und—“".
fn is_broken_off(stem: &str) -> bool {
    stem.ends_with("--") || stem.ends_with(['—', '―'])
}

/// "consultation.11", "(1987).1": a footnote number glued to a final mark.
#[inline]
fn is_footnote(w: &str) -> bool {
    w.as_bytes()[w.len() - 1].is_ascii_digit() && is_footnote_digits(w)
}

fn is_footnote_digits(w: &str) -> bool {
    let digits = w.len() - w.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = &w[..w.len() - digits];
    let Some(before) = rest.strip_suffix(['.', '!', '?']) else {
        return false;
    };
    match before.chars().next_back() {
        Some(c) if is_closer(c) => true,
        Some(c) if c.is_lowercase() => {
            before
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 3
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails() {
        let t = Tail::of("great.\"");
        assert!(t.terminal && t.is_period() && t.closer_after);
        let t = Tail::of("55).");
        assert!(t.closer_before && !t.closer_after);
        assert!(!Tail::of("[...]").terminal);
        assert!(!Tail::of("Jr.'s").terminal);
        assert_eq!(Tail::of("that....").dots, 4);
    }

    #[test]
    fn markers() {
        let a = Marker::parse("a.").unwrap();
        let b = Marker::parse("b.").unwrap();
        assert!(b.follows(&a) && a.is_first());
        assert!(Marker::parse("ii)")
            .unwrap()
            .follows(&Marker::parse("i)").unwrap()));
        assert!(Marker::parse("⁃10.")
            .unwrap()
            .follows(&Marker::parse("9.").unwrap()));
        assert!(Marker::parse("(B)")
            .unwrap()
            .follows(&Marker::parse("(A)").unwrap()));
        assert!(Marker::parse("1990.").is_none());
        assert!(Marker::parse("word.").is_none());
        assert!(!Marker::parse("2)")
            .unwrap()
            .follows(&Marker::parse("1.").unwrap()));
    }

    #[test]
    fn eight_byte_scans_match_byte_by_byte() {
        let mut word = *b"abcdefgh";
        for pos in 0..8 {
            for b in 0..=255u8 {
                word[pos] = b;
                let x = u64::from_le_bytes(word);
                let n = word
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b' ')
                    .count();
                let alnum = word[..n].iter().any(u8::is_ascii_alphanumeric);
                assert_eq!(leading_alnum_or_space(x), (n, alnum), "{word:?}");
                let graphic = word.iter().take_while(|b| matches!(b, 0x21..=0x7F)).count();
                let stop = beyond_graphic_ascii(x);
                let got = if stop == 0 {
                    8
                } else {
                    stop.trailing_zeros() as usize / 8
                };
                assert_eq!(got, graphic, "{word:?}");
            }
            word[pos] = [b'0', b'Z', b' ', 0x80, b'z', b'9', b'.', b'a'][pos];
        }
    }

    /// [`plain_run`], one byte at a time.
    fn plain_run_bytewise(bytes: &[u8], start: usize, end: usize) -> PlainRun {
        let seg = &bytes[..end];
        let mut run = PlainRun {
            end: start,
            last_start: start,
            words: 0,
        };
        let mut at = start;
        while at < end {
            let b = seg[at];
            let prev = (at > start).then(|| seg[at - 1]);
            let prev_alnum = prev.is_some_and(|p| p.is_ascii_alphanumeric());
            let next_alnum = |k: usize| seg.get(at + k).is_some_and(u8::is_ascii_alphanumeric);
            let len = if b == b'D' && matches!(prev, Some(b'x' | b'X')) {
                break;
            } else if b == b' '
                || b.is_ascii_alphanumeric()
                || (b == b',' && prev_alnum)
                || (b.is_ascii_graphic() && !b".!?".contains(&b) && prev_alnum && next_alnum(1))
            {
                1
            } else if seg[at..].starts_with("’".as_bytes()) && prev_alnum && next_alnum(3) {
                3
            } else if b == 0xC3
                && at + 1 < end
                && (0x80..=0xBF).contains(&seg[at + 1])
                && prev.is_some_and(|p| p.is_ascii_alphanumeric() || (0x80..=0xBF).contains(&p))
                && (next_alnum(2) || seg.get(at + 2) == Some(&0xC3))
            {
                2
            } else {
                break;
            };
            if b == b' ' {
                run.last_start = at + 1;
            } else if matches!(prev, None | Some(b' ')) {
                run.words += 1;
            }
            at += len;
        }
        run.end = at;
        run
    }

    #[test]
    fn plain_runs() {
        fn run(t: &str) -> (&str, &str, usize) {
            let r = plain_run(t.as_bytes(), 0, t.len());
            (&t[..r.end], &t[r.last_start..r.end], r.words)
        }
        // What a run is for: plain words, with marks inside them.
        assert_eq!(
            run("the cat sat on the mat"),
            ("the cat sat on the mat", "mat", 6)
        );
        assert_eq!(
            run("don't, well-known don’t 1,000 a,b x,"),
            ("don't, well-known don’t 1,000 a,b x,", "x,", 6)
        );
        assert_eq!(run("plain words here  "), ("plain words here  ", "", 3));
        // What it leaves alone: final marks, marks at either end of a word,
        // "xD", a comma after a space, other spaces and characters.
        assert_eq!(run("the end. Then"), ("the end", "end", 2));
        assert_eq!(run("so funny xD Then"), ("so funny x", "x", 3));
        assert_eq!(run("a Dog XD"), ("a Dog X", "X", 3));
        assert_eq!(run("words , more"), ("words ", "", 1));
        assert_eq!(run("they said \"no\" and"), ("they said ", "", 2));
        assert_eq!(run("the students' books"), ("the students", "students", 2));
        assert_eq!(run("a pre- and"), ("a pre", "pre", 2));
        assert_eq!(run("one\ttwo"), ("one", "one", 1));
        assert_eq!(run("it’ s"), ("it", "it", 1));
        assert_eq!(run("caf\u{e9} au"), ("caf", "caf", 1));
        assert_eq!(
            run("f\u{fc}r die Stra\u{df}e"),
            ("f\u{fc}r die Stra\u{df}e", "Stra\u{df}e", 3)
        );
        assert_eq!(
            run("m\u{fc}\u{df}te"),
            ("m\u{fc}\u{df}te", "m\u{fc}\u{df}te", 1)
        );
        assert_eq!(run("zu \u{dc}ber"), ("zu ", "", 1));
        assert_eq!(run("sch\u{f6}n, gut"), ("sch\u{f6}n, gut", "gut", 2));
        assert_eq!(run("sch\u{f6}, gut"), ("sch", "sch", 1));
        assert_eq!(run("a\u{a0}b"), ("a", "a", 1));
        assert_eq!(run(",a b"), ("", "", 0));
    }

    #[test]
    fn plain_run_eight_bytes_at_a_time_matches_byte_by_byte() {
        let pieces = [
            "a", "Z", "9", " ", "  ", ",", "'", "-", "’", ".", "x", "X", "D", "\"", "é", "\t", "(",
            "!", "ü", "ß", "Ü", "\u{a0}", "\u{c0}", "\u{ff}",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut t = String::new();
            while t.len() < 40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed % 7 < 4 {
                    t.push_str("ab");
                }
            }
            let b = t.as_bytes();
            for start in (0..t.len()).filter(|&k| k == 0 || b[k - 1] == b' ') {
                for end in [t.len(), t.len() - 3, start + 9] {
                    let end = end.max(start).min(t.len());
                    if !t.is_char_boundary(end) {
                        continue;
                    }
                    assert_eq!(
                        plain_run(b, start, end),
                        plain_run_bytewise(b, start, end),
                        "{t:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn quick_rejects_of_markers() {
        for (w, some) in [
            ("(iii).", false),
            ("(iii)", true),
            ("(1234)", false),
            ("(123)", true),
            ("xii.", true),
            ("XII)", true),
            ("xiv.)", false),
            ("ab.", false),
            ("Ab.", false),
            ("iv.", true),
            ("ivx.", false),
            ("b.)", true),
            ("•(xii)", true),
            ("said.", false),
        ] {
            assert_eq!(Marker::parse(w).is_some(), some, "{w}");
        }
    }

    #[test]
    fn footnotes() {
        assert!(is_footnote("consultation.11"));
        assert!(is_footnote("(1987).1"));
        assert!(!is_footnote("1.5"));
        assert!(!is_footnote("v2.0"));
        assert!(!is_footnote("www.example.50.com"));
    }
}
