//! # nutgraf-article
//!
//! The article model of nutgraf: page *text* (what a scraper produced, one
//! block per line, sometimes blank lines between paragraphs) parsed into an
//! [`Article`] with a title, byline, source and an ordered list of typed
//! [`Block`]s. Every block keeps its byte span in the input, so
//! `&input[block.span] == block.text` always holds and later stages can point
//! back at where a sentence or a removed line came from.
//!
//! ## Overview
//!
//! * [`parse`] turns text into an [`Article`]. It never panics and runs in time
//!   linear in the input.
//! * [`Block`] is one line or paragraph with its [`BlockKind`]: title,
//!   heading, paragraph, list item, caption/credit, link line or other.
//! * [`Article::text`] gives the body: every non-title block joined by a
//!   blank line. (The title is in [`Article::title`].)
//!
//! Parsing is deliberately structural only: it does not decide what is
//! boilerplate. That is the job of `nutgraf-clean`, which takes an
//! [`Article`] and removes blocks, each with a reason.
//!
//! ## Example
//! ```
//! use nutgraf_article::{parse, BlockKind};
//!
//! let page = "Tidal turbines light up the harbour\n\
//!             Harbor Ledger|Newsroom|\n\
//!             Three fishing towns switched on a shared array of tidal turbines this week.\n\
//!             What changes\n\
//!             Engineers say the output can be predicted years ahead, unlike wind.\n\
//!             • Output is predictable\n\
//!             • Maintenance is cheap\n";
//! let article = parse(page);
//! assert_eq!(article.title.as_deref(), Some("Tidal turbines light up the harbour"));
//! assert_eq!(article.source.as_deref(), Some("Harbor Ledger"));
//! assert_eq!(article.byline.as_deref(), Some("Newsroom"));
//! let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
//! assert_eq!(kinds, [BlockKind::Title, BlockKind::Other, BlockKind::Paragraph,
//!                    BlockKind::Heading, BlockKind::Paragraph,
//!                    BlockKind::ListItem, BlockKind::ListItem]);
//! for b in &article.blocks {
//!     assert_eq!(&page[b.span.clone()], b.text);
//! }
//! assert_eq!(article.blocks[5].text, "Output is predictable");
//! ```
//!
//! ## Features
//!
//! | feature | what it adds |
//! |---|---|
//! | `serde` | `Serialize`/`Deserialize` for [`Article`], [`Block`], [`BlockKind`] |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

use std::fmt;
use std::ops::Range;

pub use nutgraf_text::Language;

/// The kind of a [`Block`].
///
/// Serialised (feature `serde`) in snake case: `"title"`, `"heading"`,
/// `"paragraph"`, `"list_item"`, `"caption"`, `"link"`, `"other"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BlockKind {
    /// The headline of the article (also a repeat of it).
    Title,
    /// A short line without final punctuation that introduces body text.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// An item of a bulleted or numbered list (the marker is not part of the text).
    ListItem,
    /// An image caption or a photo/image credit.
    Caption,
    /// A line that is a link: navigation arrows, "Read more", a bare URL.
    Link,
    /// Anything else: short fragments, bylines, labels.
    Other,
}

impl BlockKind {
    /// The snake-case name of the kind, as used in JSON.
    ///
    /// # Example
    /// ```
    /// assert_eq!(nutgraf_article::BlockKind::ListItem.name(), "list_item");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Caption => "caption",
            BlockKind::Link => "link",
            BlockKind::Other => "other",
        }
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One block of the page: a line or a paragraph, with its kind and span.
///
/// Invariant: `&input[span] == text`, where `input` is the text given to
/// [`parse`]. For list items the marker (`•`, `-`, `1.` …) is outside the
/// span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The text of the block, as it stands in the input.
    pub text: String,
    /// Byte range of the block in the input.
    pub span: Range<usize>,
}

impl Block {
    /// A block of `kind` covering `span` of `input`.
    ///
    /// Out-of-range or non-boundary spans are clamped to an empty block at
    /// the nearest valid position rather than panicking.
    ///
    /// # Example
    /// ```
    /// use nutgraf_article::{Block, BlockKind};
    /// let b = Block::new(BlockKind::Paragraph, "Hello world", 6..11);
    /// assert_eq!(b.text, "world");
    /// ```
    pub fn new(kind: BlockKind, input: &str, span: Range<usize>) -> Block {
        let span = if span.start <= span.end
            && span.end <= input.len()
            && input.is_char_boundary(span.start)
            && input.is_char_boundary(span.end)
        {
            span
        } else {
            0..0
        };
        Block {
            kind,
            text: input[span.clone()].to_string(),
            span,
        }
    }

    /// Number of whitespace-separated words in the block.
    ///
    /// # Example
    /// ```
    /// use nutgraf_article::{Block, BlockKind};
    /// assert_eq!(Block::new(BlockKind::Other, "a b  c", 0..6).word_count(), 3);
    /// ```
    pub fn word_count(&self) -> usize {
        word_count(&self.text)
    }
}

/// An article parsed from page text.
///
/// `Default` gives an empty article; the fields are public so later stages
/// (the cleaner, language identification) can fill them in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Article {
    /// The headline, if the page has one (never invented).
    pub title: Option<String>,
    /// Who wrote it ("Editorial Team", "Jane Doe").
    pub byline: Option<String>,
    /// The publication it comes from ("Crypto Briefing").
    pub source: Option<String>,
    /// The language of the article, once known (parsing leaves it `None`).
    pub language: Option<Language>,
    /// The blocks, in page order.
    pub blocks: Vec<Block>,
}

impl Article {
    /// An empty article.
    ///
    /// # Example
    /// ```
    /// let a = nutgraf_article::Article::new();
    /// assert!(a.blocks.is_empty() && a.title.is_none());
    /// ```
    pub fn new() -> Article {
        Article::default()
    }

    /// The body text: every block except [`BlockKind::Title`] blocks, joined
    /// by `"\n\n"`.
    ///
    /// # Example
    /// ```
    /// let a = nutgraf_article::parse("A headline here\nFirst paragraph of the story.\nSecond one.");
    /// assert_eq!(a.text(), "First paragraph of the story.\n\nSecond one.");
    /// ```
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| b.kind != BlockKind::Title) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    /// The blocks of `kind`.
    ///
    /// # Example
    /// ```
    /// use nutgraf_article::{parse, BlockKind};
    /// let a = parse("Some list\n- one thing here\n- another thing");
    /// assert_eq!(a.blocks_of(BlockKind::ListItem).count(), 2);
    /// ```
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> + '_ {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// Characters that may surround a line and are not content.
fn is_pad(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// The lines of `text`: the span of each line without its padding, or
/// `None` for a blank line.
fn lines(text: &str) -> impl Iterator<Item = Option<Range<usize>>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        let lead = raw.len() - raw.trim_start_matches(is_pad).len();
        let trimmed = raw[lead..].trim_end_matches(is_pad);
        if trimmed.is_empty() {
            None
        } else {
            let s = line_start + lead;
            Some(s..s + trimmed.len())
        }
    })
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '“' | '‘'
        )
    });
    s.ends_with(['.', '!', '?', '…', ':', ';', '。'])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Bullet markers (followed by optional whitespace).
const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '◆', '✓', '✔', '➤', '►', '▶',
];
/// Markers that need whitespace after them.
const DASH_BULLETS: &[char] = &['-', '*', '+', '–', '—'];
/// Arrow prefixes stripped after a bullet (also two common mojibake forms).
const ARROWS: &[&str] = &["→", "➔", "➜", "►", "▶", "»", "β†’", "â†’"];

/// If `line` starts with a list marker, the byte length of the marker
/// (including following whitespace and arrows) and whether it is numbered.
fn list_marker(line: &str) -> Option<(usize, bool)> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    let mut len;
    let numbered;
    if BULLETS.contains(&c) {
        len = c.len_utf8();
        numbered = false;
    } else if DASH_BULLETS.contains(&c) {
        let next = line[c.len_utf8()..].chars().next()?;
        if !next.is_whitespace() {
            return None;
        }
        len = c.len_utf8();
        numbered = false;
    } else if c.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 {
            return None;
        }
        let rest = &line[digits..];
        if !(rest.starts_with(". ") || rest.starts_with(") ")) {
            return None;
        }
        len = digits + 1;
        numbered = true;
    } else {
        return None;
    }
    loop {
        let rest = &line[len..];
        let ws = rest.len() - rest.trim_start_matches(is_pad).len();
        len += ws;
        let rest = &line[len..];
        if let Some(a) = ARROWS.iter().find(|a| rest.starts_with(**a)) {
            len += a.len();
        } else {
            break;
        }
    }
    if len >= line.len() {
        return None;
    }
    Some((len, numbered))
}

/// Words separated by whitespace (ASCII whitespace and the common Unicode
/// spaces), counted over bytes.
fn word_count(s: &str) -> usize {
    word_count_upto(s, usize::MAX)
}

/// `0x01` in every byte of a `u64`.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// `0x80` in every byte.
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// For eight ASCII bytes in `v`: `0x80` in each byte that is ASCII
/// whitespace (space, tab, LF, FF, CR), `0` elsewhere.
fn ascii_space_mask(v: u64) -> u64 {
    // `b + (0x80 - k)` sets the high bit exactly when `b >= k` (all b < 0x80).
    let at_least = |k: u8| v.wrapping_add(ONES * u64::from(0x80 - k)) & HIGH;
    let controls = at_least(0x09) & !at_least(0x0E) & !zero_bytes(v ^ (ONES * 0x0B));
    controls | zero_bytes(v ^ (ONES * u64::from(b' ')))
}

/// `0x80` in each byte of `x` that is zero, `0` elsewhere (any bytes).
fn zero_bytes(x: u64) -> u64 {
    // The high bit of `(b & 0x7f) + 0x7f | b` is set exactly when `b != 0`.
    !((x & !HIGH).wrapping_add(!HIGH & (ONES * 0x7f)) | x) & HIGH
}

/// For eight bytes in `v`, not all ASCII: `true` when no whitespace
/// character that [`word_count`] knows starts among them — no ASCII
/// whitespace, and no 0xC2 or 0xE2, the first bytes of U+00A0 and of
/// U+2000–U+200A and U+202F. CJK, Arabic, Hebrew, Cyrillic or accented
/// Latin text mostly passes, eight bytes at a time.
fn no_space_starts(v: u64) -> bool {
    let has = |b: u8| zero_bytes(v ^ (ONES * u64::from(b)));
    (has(b'\t') | has(b'\n') | has(0x0C) | has(b'\r') | has(b' ') | has(0xC2) | has(0xE2)) == 0
}

/// [`word_count`], but stops reading once the count exceeds `cap` (it then
/// returns `cap + 1`), so that classifying a long paragraph does not read all
/// of it.
///
/// ASCII runs are counted eight bytes at a time without a data-dependent
/// branch: on long running text a branch per word boundary is mispredicted
/// about once a word, which made counting the dominant cost of [`parse`] on
/// large inputs.
fn word_count_upto(s: &str, cap: usize) -> usize {
    count_words(s, cap, false)
}

#[cfg(test)]
thread_local! {
    /// Bytes read by [`count_words`] on this thread (for the tests of its cost).
    static COUNTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`word_count_upto`] of text that follows a word (`in_word`) or not: the
/// words of `a + b` are those of `a` plus those of `b` read after `a`, so a
/// text that grows need not be counted again from its start.
fn count_words(s: &str, cap: usize, in_word: bool) -> usize {
    #[cfg(test)]
    COUNTED.with(|c| c.set(c.get() + s.len()));
    let b = s.as_bytes();
    let mut n = 0usize;
    let mut in_word = in_word;
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let v = u64::from_le_bytes(chunk);
            if v & HIGH == 0 {
                let ws = ascii_space_mask(v);
                // Byte k starts a word when it is not a space and byte k - 1
                // (or the byte before the chunk) is.
                let before = (ws << 8) | if in_word { 0 } else { 0x80 };
                let starts = (!ws & HIGH & before) >> 7;
                // The sum of the eight 0/1 bytes ends up in the top byte
                // (no popcount instruction in the baseline x86-64 target).
                n += (starts.wrapping_mul(ONES) >> 56) as usize;
                in_word = ws >> 63 == 0;
                i += 8;
                if n > cap {
                    break;
                }
                continue;
            }
            // No whitespace starts here (and `i` is never inside a
            // whitespace character: those are read whole below).
            if no_space_starts(v) {
                n += usize::from(!in_word);
                in_word = true;
                i += 8;
                if n > cap {
                    break;
                }
                continue;
            }
        }
        let c = b[i];
        let (ws, len) = if c < 0x80 {
            (c.is_ascii_whitespace(), 1)
        } else if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
            (true, 2) // U+00A0
        } else if c == 0xE2
            && b.get(i + 1) == Some(&0x80)
            && b.get(i + 2)
                .is_some_and(|x| (0x80..=0x8A).contains(x) || *x == 0xAF)
        {
            (true, 3) // U+2000..U+200A, U+202F
        } else {
            (false, 1)
        };
        n += usize::from(!ws && !in_word);
        in_word = !ws;
        i += len;
        if n > cap {
            break;
        }
    }
    n.min(cap.saturating_add(1))
}

/// Word count, stopping early once it exceeds `cap`.
fn words_upto(s: &str, cap: usize) -> usize {
    let mut n = 0;
    for w in s.split_ascii_whitespace() {
        n += w
            .split(char::is_whitespace)
            .filter(|x| !x.is_empty())
            .count();
        if n > cap {
            break;
        }
    }
    n
}

fn has_arrow(s: &str) -> bool {
    s.contains(['→', '←', '↑', '↓', '➔', '⟶', '⟵']) || s.contains("β†") || s.contains("â†")
}

/// The first characters of `s`, lowercased, for prefix tests.
fn head_lower(s: &str) -> String {
    let mut h = String::with_capacity(32);
    for c in s.chars().take(26) {
        if c.is_ascii() {
            h.push(c.to_ascii_lowercase());
        } else {
            h.extend(c.to_lowercase());
        }
    }
    h
}

fn lower_starts(head: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| head.starts_with(p))
}

const CAPTION_PREFIXES: &[&str] = &[
    "image via",
    "image:",
    "image credit",
    "image source",
    "images via",
    "photo:",
    "photo by",
    "photo via",
    "photo credit",
    "photograph:",
    "photograph by",
    "picture:",
    "credit:",
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "bildquelle",
    "(photo",
    "(foto",
    "(bild",
    "(image",
    "© ",
    "©",
    "illustration:",
    "grafik:",
    "quelle: ",
];

const LINK_PREFIXES: &[&str] = &[
    "read more",
    "read original",
    "read the full",
    "continue reading",
    "weiterlesen",
    "mehr lesen",
    "zum artikel",
    "back to",
    "zurück",
    "http://",
    "https://",
    "www.",
];

// The cheap prefix tests go first: most lines fail them.
fn is_caption(s: &str, head: &str) -> bool {
    lower_starts(head, CAPTION_PREFIXES) && words_upto(s, 30) <= 30
}

fn is_link(s: &str, head: &str) -> bool {
    (lower_starts(head, LINK_PREFIXES) || has_arrow(s)) && words_upto(s, 12) <= 12
}

fn is_heading_shape(s: &str) -> bool {
    if s.len() > 150 {
        return false;
    }
    let wc = word_count(s);
    if wc == 0 || wc > 15 || s.len() > 150 {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || first == '"' || first == '“') {
        return false;
    }
    let t = s.trim_end();
    if t.ends_with("...") || t.ends_with(". . .") || t.ends_with('…') {
        return true;
    }
    !(t.ends_with(['.', ',', ';']) || (t.ends_with(':') && wc > 8))
}

/// Pipe-separated "Source|Author|" line: returns (source, byline).
fn pipe_byline(s: &str) -> Option<(String, Option<String>)> {
    if s.len() > 200 || !s.contains('|') || word_count(s) > 10 {
        return None;
    }
    let fields: Vec<&str> = s
        .split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.is_empty() || fields.len() > 2 {
        return None;
    }
    if fields.iter().any(|f| {
        word_count(f) > 5 || ends_sentence(f) || !f.chars().next().is_some_and(char::is_uppercase)
    }) {
        return None;
    }
    Some((fields[0].to_string(), fields.get(1).map(|f| f.to_string())))
}

/// "By Jane Doe" / "Von Max Mustermann": the name.
fn by_line(s: &str) -> Option<String> {
    if s.len() > 200 {
        return None;
    }
    let wc = word_count(s);
    if !(2..=8).contains(&wc) || ends_sentence(s) && !s.ends_with('.') {
        return None;
    }
    for p in [
        "By ",
        "BY ",
        "Von ",
        "VON ",
        "Written by ",
        "Text: ",
        "Autor: ",
        "Author: ",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            let rest = rest.trim();
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return Some(rest.trim_end_matches(['.', ',']).to_string());
            }
        }
    }
    None
}

/// "… via Crypto Briefing" at the end of a short line: the source name.
fn via_source(s: &str) -> Option<String> {
    if s.len() > 200 || word_count(s) > 12 {
        return None;
    }
    // ASCII folding keeps byte offsets: full Unicode lowercasing does not
    // ("İ" grows from 2 to 3 bytes), and `pos` indexes `s`.
    let lower = s.to_ascii_lowercase();
    let pos = lower.rfind("via ")?;
    if pos > 0 && !s[..pos].ends_with(|c: char| c.is_whitespace() || !c.is_alphanumeric()) {
        return None;
    }
    let name = s.get(pos + 4..)?.trim();
    if name.is_empty()
        || word_count(name) > 5
        || !name.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    Some(name.trim_end_matches(['.', ',']).to_string())
}

/// Parses page text into an [`Article`].
///
/// * Each non-blank line is a block; hard-wrapped lines (a line ending
///   mid-sentence followed, without a blank line, by a line starting in
///   lower case) are joined into one block.
/// * List markers (`•`, `-`, `*`, `1.` …) make list items; the marker is
///   outside the block's span.
/// * The title is a line repeated near the top of the page (or the prefix
///   of a `"Title - Site"` page-title line that is repeated), else the first
///   headline-shaped line before the body; a page that starts with body text
///   has no title.
/// * A `Source|Author|` line or a `By …` line sets `source`/`byline`.
///
/// Never panics.
///
/// # Example
/// ```
/// let a = nutgraf_article::parse("Ein langer erster Absatz beginnt hier, ohne Überschrift, und geht weiter.\nZweiter Absatz.");
/// assert!(a.title.is_none());
/// assert_eq!(a.blocks.len(), 2);
/// ```
pub fn parse(text: &str) -> Article {
    let mut article = Article::new();
    // 1. Lines into raw blocks (with wrap joining).
    // Word counts of the blocks, up to 31: every test below compares the
    // count with at most 30, so a long paragraph is not read word by word.
    // They are taken as each line is read, while it is still in cache.
    const WORDS: usize = 31;
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut wcs: Vec<usize> = Vec::new();
    // The blocks' texts, also copied while the lines are in cache.
    let mut owned: Vec<String> = Vec::new();
    let mut prev_line_joinable = false;
    for line in lines(text) {
        match line {
            None => prev_line_joinable = false,
            Some(span) => {
                let s = &text[span.clone()];
                let join = prev_line_joinable && starts_lower(s) && list_marker(s).is_none();
                match (spans.last_mut(), wcs.last_mut(), owned.last_mut()) {
                    (Some(last), Some(wc), Some(t)) if join => {
                        let added = &text[last.end..span.end];
                        t.push_str(added);
                        last.end = span.end;
                        if *wc <= WORDS {
                            // Only the joined text is counted, not the whole
                            // block again: a block of many wrapped lines
                            // costs one reading. A block ends in a word (a
                            // line ends in a character that is not padding,
                            // and every space is padding).
                            *wc += count_words(added, WORDS - *wc, true);
                        }
                    }
                    _ => {
                        wcs.push(word_count_upto(s, WORDS));
                        owned.push(s.to_string());
                        spans.push(span);
                    }
                }
                prev_line_joinable = s.len() >= 40 && !ends_sentence(s);
            }
        }
    }
    let texts: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
    let n = texts.len();

    // 2. List markers.
    let markers: Vec<Option<(usize, bool)>> = texts.iter().map(|t| list_marker(t)).collect();
    let is_list = |i: usize| -> bool {
        match markers[i] {
            Some((_, false)) => true,
            Some((_, true)) => {
                (i > 0 && matches!(markers[i - 1], Some((_, true))))
                    || (i + 1 < n && matches!(markers[i + 1], Some((_, true))))
            }
            None => false,
        }
    };

    // 3. Kinds.
    let mut kinds: Vec<BlockKind> = Vec::with_capacity(n);
    for (i, t) in texts.iter().enumerate() {
        let wc = wcs[i];
        let head = if wc <= 30 {
            head_lower(t)
        } else {
            String::new()
        };
        let kind = if is_list(i) {
            BlockKind::ListItem
        } else if wc <= 30 && is_caption(t, &head) {
            BlockKind::Caption
        } else if wc <= 12 && is_link(t, &head) {
            BlockKind::Link
        } else if wc >= 8 && !is_heading_shape(t) || (wc >= 4 && ends_sentence(t)) {
            BlockKind::Paragraph
        } else {
            BlockKind::Other
        };
        kinds.push(kind);
    }
    // Headings: short headline-shaped line followed by body text.
    for i in 0..n {
        if matches!(kinds[i], BlockKind::Other | BlockKind::Paragraph)
            && is_heading_shape(texts[i])
            && pipe_byline(texts[i]).is_none()
            && i + 1 < n
        {
            let nwc = wcs[i + 1];
            let next_body = (kinds[i + 1] == BlockKind::Paragraph
                && (nwc >= 12 || (nwc >= 6 && ends_sentence(texts[i + 1]))))
                || kinds[i + 1] == BlockKind::ListItem;
            if next_body {
                kinds[i] = BlockKind::Heading;
            }
        }
    }

    // 4. Title.
    let window = n.min(60);
    let mut title: Option<(usize, String)> = None;
    let title_shaped = |i: usize, kinds: &[BlockKind]| {
        let wc = wcs[i];
        (2..=30).contains(&wc)
            && texts[i].len() <= 300
            && matches!(
                kinds[i],
                BlockKind::Heading | BlockKind::Other | BlockKind::Paragraph
            )
            && !texts[i].trim_end().ends_with('.')
    };
    // (a) a repeated line near the top.
    'outer: for i in 0..window.min(30) {
        if !title_shaped(i, &kinds) || wcs[i] < 3 {
            continue;
        }
        for j in i + 1..window {
            if texts[j] == texts[i] {
                title = Some((i, texts[i].to_string()));
                kinds[j] = BlockKind::Title;
                break 'outer;
            }
        }
    }
    // (b) "Title - Site" as the first line, the title repeated later.
    if title.is_none() && n > 1 {
        let first = texts[0];
        for sep in [" - ", " | ", " – ", " — ", " :: ", " · "] {
            if let Some(pos) = first.rfind(sep) {
                let head = first[..pos].trim();
                if word_count(head) >= 2 {
                    if let Some(j) = (1..window).find(|&j| texts[j] == head) {
                        kinds[0] = BlockKind::Title;
                        title = Some((j, head.to_string()));
                        break;
                    }
                }
            }
        }
    }
    // (c) the first headline-shaped line before the body, skipping a few
    // short navigation or label lines.
    if title.is_none() {
        for i in 0..n.min(8) {
            let wc = wcs[i];
            if kinds[i] == BlockKind::Paragraph && wc >= 12 && ends_sentence(texts[i]) {
                break; // body reached: no title
            }
            if title_shaped(i, &kinds) && wc >= 3 && pipe_byline(texts[i]).is_none() && i + 1 < n {
                title = Some((i, texts[i].to_string()));
                break;
            }
        }
    }
    if let Some((i, t)) = title {
        kinds[i] = BlockKind::Title;
        article.title = Some(t);
    }

    // 5. Byline and source.
    for i in 0..n.min(40) {
        let t = texts[i];
        if article.source.is_none() && article.byline.is_none() {
            if let Some((src, by)) = pipe_byline(t) {
                if matches!(kinds[i], BlockKind::Other | BlockKind::Heading) {
                    article.source = Some(src);
                    article.byline = by;
                    kinds[i] = BlockKind::Other;
                    continue;
                }
            }
        }
        if article.byline.is_none() {
            if let Some(name) = by_line(t) {
                article.byline = Some(name);
                kinds[i] = BlockKind::Other;
                continue;
            }
        }
    }
    if article.source.is_none() {
        article.source = texts
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| matches!(k, BlockKind::Link | BlockKind::Caption | BlockKind::Other))
            .find_map(|(t, _)| via_source(t));
    }

    // 6. Blocks.
    // Every span is a trimmed line or run of lines, and a list marker ends
    // at a character boundary: the texts are the spans' text as it stands.
    article.blocks = spans
        .into_iter()
        .zip(owned)
        .zip(kinds)
        .zip(markers)
        .map(|(((span, mut text), kind), marker)| match (kind, marker) {
            (BlockKind::ListItem, Some((len, _))) if text.is_char_boundary(len) => {
                text.replace_range(..len, "");
                Block {
                    kind,
                    text,
                    span: span.start + len..span.end,
                }
            }
            _ => Block { kind, text, span },
        })
        .collect();
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    // Fuzz regression (parse target): Unicode lowercasing changed byte
    // offsets, so "İ" (2 bytes, lowercases to 3) before "via " made the
    // source finder slice the line off a char boundary.
    #[test]
    fn via_source_after_letters_whose_lowercase_is_longer() {
        assert_eq!(
            via_source("Friends İİ|İ İİ via Crypto Briefing").as_deref(),
            Some("Crypto Briefing")
        );
        assert_eq!(via_source("İİİİİİ xvia Reuters"), None);
        let page = "Headline\n\nFriends o||İ|İİ|||İ|İ|İİ|İİa ats |İ|İİ|||İ|İ|İİ|İİoften -group Russia forge Aefiwre\nvia htt:/?ds\n";
        let a = parse(page);
        for b in &a.blocks {
            assert_eq!(page.get(b.span.clone()), Some(b.text.as_str()));
        }
    }

    fn kinds(a: &Article) -> Vec<BlockKind> {
        a.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn blank_line_paragraphs() {
        let t = "Harbour turbines get a test run\n\nThe first paragraph of the story explains what happened in the town.\n\nThe second paragraph adds detail about the engineers and their plan.\n";
        let a = parse(t);
        assert_eq!(a.title.as_deref(), Some("Harbour turbines get a test run"));
        assert_eq!(
            kinds(&a),
            [BlockKind::Title, BlockKind::Paragraph, BlockKind::Paragraph]
        );
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let t = "A title for the wrapped story\n\nThis paragraph was wrapped by a tool at a fixed width and\ncontinues on the next line in lower case.\n\nNext.";
        let a = parse(t);
        assert_eq!(a.blocks.len(), 3);
        assert!(a.blocks[1].text.ends_with("lower case."));
    }

    /// Joining a wrapped line counts the words it adds, not the whole block
    /// again: a block of many long wrapped lines is read about once, however
    /// many lines it has (re-counting read 1 + 2 + … + 32 lines).
    #[test]
    fn joining_wrapped_lines_reads_each_line_once() {
        for (lines, len) in [(40, 100), (400, 100), (40, 10_000)] {
            let line = format!("a{}", "b".repeat(len - 1));
            let text = vec![line.as_str(); lines].join("\n");
            COUNTED.with(|c| c.set(0));
            let a = parse(&text);
            let counted = COUNTED.with(|c| c.get());
            assert_eq!(a.blocks.len(), 1, "the lines are one wrapped paragraph");
            assert_eq!(a.blocks[0].text, text);
            assert!(
                counted <= 2 * text.len(),
                "{lines} lines of {len} bytes: {counted} bytes counted for {}",
                text.len()
            );
        }
    }

    #[test]
    fn list_markers() {
        let t = "Intro line that leads into a list of several things:\n• first\n- second item\n* third item\n1. numbered one\n2. numbered two\n";
        let a = parse(t);
        let items: Vec<&str> = a
            .blocks_of(BlockKind::ListItem)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            items,
            [
                "first",
                "second item",
                "third item",
                "numbered one",
                "numbered two"
            ]
        );
    }

    #[test]
    fn lone_ordinal_is_not_a_list() {
        let t = "3. Oktober ist der Tag der Deutschen Einheit und ein Feiertag im ganzen Land.";
        let a = parse(t);
        assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
        assert_eq!(a.blocks[0].text, t);
    }

    #[test]
    fn arrow_after_bullet_is_marker() {
        let a = parse("Key points\n  • →Tidal power is predictable\n");
        assert_eq!(a.blocks[1].text, "Tidal power is predictable");
    }

    #[test]
    fn headings() {
        let t = "Story title goes right here\nFirst paragraph tells the whole story in enough words to count as body text.\nWhat comes next\nSecond paragraph has again enough words to be counted as body text by the parser.\n";
        let a = parse(t);
        assert_eq!(a.blocks[2].kind, BlockKind::Heading);
    }

    #[test]
    fn no_title_when_body_first() {
        let t = "Der erste Absatz ist lang und beginnt sofort mit dem Text des Artikels ohne Überschrift.\nDer zweite Absatz folgt.";
        assert!(parse(t).title.is_none());
    }

    #[test]
    fn repeated_title_after_navigation() {
        let t = "sitename\n← Feed\nA headline that appears twice\n\nOutlet Name|Staff Writer|\nA headline that appears twice\nImage via Outlet Name\nBody text of the article that is long enough to be a paragraph for sure.\n";
        let a = parse(t);
        assert_eq!(a.title.as_deref(), Some("A headline that appears twice"));
        assert_eq!(a.blocks_of(BlockKind::Title).count(), 2);
        assert_eq!(a.source.as_deref(), Some("Outlet Name"));
        assert_eq!(a.byline.as_deref(), Some("Staff Writer"));
        assert_eq!(a.blocks[1].kind, BlockKind::Link);
        assert_eq!(a.blocks[5].kind, BlockKind::Caption);
    }

    #[test]
    fn page_title_with_site_suffix() {
        let t = "A headline for the page - Site News\nHome\nWorld\nA headline for the page\nBody text of the article that is long enough to be a paragraph for sure.\n";
        let a = parse(t);
        assert_eq!(a.title.as_deref(), Some("A headline for the page"));
        assert_eq!(a.blocks[0].kind, BlockKind::Title);
        assert_eq!(a.blocks[3].kind, BlockKind::Title);
    }

    #[test]
    fn by_line_sets_byline() {
        let a = parse("Headline of the day here\nBy Jane Doe\nBody text of the article that is long enough to be a paragraph.");
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(parse("").blocks.is_empty());
        assert!(parse(" \n\n\t\u{a0}\n").blocks.is_empty());
        assert!(parse("-").blocks.len() == 1);
        assert!(parse("• ").blocks.len() == 1);
    }

    #[test]
    fn kind_names() {
        assert_eq!(BlockKind::Caption.name(), "caption");
        assert_eq!(BlockKind::Link.to_string(), "link");
    }

    #[test]
    fn auto_traits() {
        fn ok<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        ok::<Article>();
        ok::<Block>();
        ok::<BlockKind>();
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_names() {
        let a = parse("Headline of the day here\n- an item of the list\n");
        let j = serde_json::to_string(&a).unwrap();
        assert!(j.contains("\"list_item\""));
        let back: Article = serde_json::from_str(&j).unwrap();
        assert_eq!(back, a);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn spans_slice_input(s in "(\\PC|\n| |•|-|→|\u{a0}){0,200}") {
                let a = parse(&s);
                let mut last = 0;
                for b in &a.blocks {
                    prop_assert_eq!(&s[b.span.clone()], b.text.as_str());
                    prop_assert!(b.span.start >= last);
                    last = b.span.end;
                }
            }

            #[test]
            fn words_of_joined_text_add_up(a in "(\\PC|[a-z]{1,9}|[\t\n\x0b\x0c\r ]{1,3}|\u{a0}|\u{2009}){0,20}[a-z\u{e9}\u{200b}]", b in "(\\PC|[a-z]{1,9}|[\t\n\x0b\x0c\r ]{1,3}|\u{a0}|\u{2009}|\u{200b}){0,20}", extra in 0usize..40) {
                // `a` ends in a word, as every block does.
                let whole = format!("{a}{b}");
                let n = word_count(&a);
                let cap = n + extra;
                prop_assert_eq!(n + count_words(&b, cap - n, true), word_count_upto(&whole, cap));
            }

            #[test]
            fn capped_word_count_agrees(s in "(\\PC|[a-z]{1,9}|[\t\n\x0b\x0c\r ]{1,3}|\u{a0}|\u{2009}|\u{202f}|\u{3000}){0,80}", cap in 0usize..40) {
                prop_assert_eq!(word_count_upto(&s, cap), word_count(&s).min(cap + 1));
                prop_assert_eq!(
                    word_count(&s),
                    s.split(|c: char| c.is_ascii_whitespace() || matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}'))
                        .filter(|w| !w.is_empty())
                        .count()
                );
            }

            #[test]
            fn all_content_is_in_blocks(s in "([a-zA-Z •\\-\\.1]{0,30}\n{0,2}){0,10}") {
                let a = parse(&s);
                let mut covered = vec![false; s.len()];
                for b in &a.blocks {
                    for c in &mut covered[b.span.clone()] { *c = true; }
                }
                for (i, ch) in s.char_indices() {
                    if !covered[i] && !ch.is_whitespace() {
                        // Only list markers may be outside blocks.
                        prop_assert!(matches!(ch, '•' | '-' | '1' | '.'), "uncovered {:?} at {}", ch, i);
                    }
                }
            }
        }
    }
}
