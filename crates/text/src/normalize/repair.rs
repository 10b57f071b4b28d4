//! Mojibake repair: UTF-8 that was decoded through a legacy single-byte code
//! page, once or several times, in the whole text or in a few runs of it.
//!
//! # How a repair is decided
//!
//! 1. **Fast path.** A text is *suspicious* only if it has two adjacent
//!    non-ASCII characters, a C1 control character, or a non-ASCII character
//!    that one of the known code pages maps to a UTF-8 lead byte followed by
//!    a space or `?` (a lost `0xA0` byte). Anything else is returned borrowed
//!    after one scan. A suspicious text must also pass [`could_change`], an
//!    exact second scan (a small state machine over byte masks) that proves
//!    no candidate of step 3 could be accepted, so most clean Greek or
//!    Cyrillic text with a look-alike pair ("её", "ві") stays on the fast path.
//!    A real pair whose decoded char can never be kept (no page byte for a
//!    second level, and a [`unigram`] cost above what the raw chars cost
//!    plus the strict threshold, see [`start_live`]) does not count either:
//!    clean Greek with «guillemets» ("ά»" is U+073B in cp1253) stays fast.
//!    Both scans read two-byte chars (all of Greek and Cyrillic) straight
//!    from the bytes through a flat table indexed by code point; the second
//!    one skips runs of letters that cannot continue a sequence in a tight
//!    loop, and answers "letter + space" from the table too. Neither copies
//!    the text. Byte options, masks and character classes come from tables
//!    built once from the generated `tables.rs`.
//! 2. **Segments.** Suspicious texts are cut into segments: maximal runs of
//!    non-ASCII characters (a single space or `?` may sit inside, standing
//!    for a lost byte).
//!    A segment where nothing can be accepted strictly (only sequences
//!    with a lost byte, or sequences [`strictly_dead`] bounds) is scored
//!    only if the text turns out to have evidence; its result is the same.
//! 3. **Candidates.** For every code page, each segment is re-encoded to the
//!    bytes its characters came from (a character may have two possible
//!    bytes; all combinations are tried) and scanned for valid UTF-8
//!    multi-byte sequences, CESU-8 surrogate pairs and sequences whose one
//!    byte was lost (a `U+FFFD` or `?` in its place).
//! 4. **Plausibility.** Each candidate is kept only when the replaced
//!    characters, in their context, cost clearly more than the decoded
//!    character in its (decoded) context under a character-class model
//!    ([`window_cost`]): C1 controls, symbols glued to letters, letters of two
//!    scripts in one word, case flips inside a word, an isolated letter of a
//!    foreign script, rare blocks (IPA, combining marks, NKo…) all cost.
//!    The code page with the largest total gain wins the segment. A
//!    segment's scores depend only on its chars and three neighbours, so
//!    repeated segments are scored once per pass (a memo).
//! 5. **Passes.** The whole procedure repeats (at most four times) to undo
//!    double and triple encodings; C1 controls left over at the end are read
//!    as Windows-1252 (or Mac Roman for a letter inside a word). Only the
//!    first pass segments the whole text: the segments are kept, each with
//!    its window (the segment and its context), and the next pass segments
//!    again only the gaps around the previous pass's edits, reusing the
//!    scored windows (see `State::update`). The page totals and the edits
//!    are read from small per-window summaries, so a pass that changes little
//!    costs little; random bytes decoded lossily, where every pass finds
//!    something, stay linear in the size of the text.

use std::collections::HashMap;
use std::ops::Range;

use super::tables::*;

/// A single-byte code page: its upper half and the inverse map.
#[derive(Debug, Clone, Copy)]
struct Page {
    idx: usize,
    decode: &'static [char; 128],
    encode: &'static [(char, u8); 128],
}

const PAGES: [Page; 7] = [
    Page {
        idx: 0,
        decode: &WINDOWS_1252_DECODE,
        encode: &WINDOWS_1252_ENCODE,
    },
    Page {
        idx: 1,
        decode: &GREEK_WEB_DECODE,
        encode: &GREEK_WEB_ENCODE,
    },
    Page {
        idx: 2,
        decode: &WINDOWS_1250_DECODE,
        encode: &WINDOWS_1250_ENCODE,
    },
    Page {
        idx: 3,
        decode: &WINDOWS_1251_DECODE,
        encode: &WINDOWS_1251_ENCODE,
    },
    Page {
        idx: 4,
        decode: &MAC_ROMAN_DECODE,
        encode: &MAC_ROMAN_ENCODE,
    },
    Page {
        idx: 5,
        decode: &ISO_8859_2_DECODE,
        encode: &ISO_8859_2_ENCODE,
    },
    Page {
        idx: 6,
        decode: &CP437_DECODE,
        encode: &CP437_ENCODE,
    },
];

const MAC_ROMAN: usize = 4;

/// Up to three bytes a character may have come from.
#[derive(Debug, Clone, Copy, Default)]
struct Opts {
    b: [u8; 3],
    n: u8,
}

/// Steps `idx` to the next combination of continuation-byte choices over
/// the first `digits` positions (an odometer, position 0 fastest); `false`
/// once every combination has been visited.
fn next_choice(idx: &mut [usize; 3], conts: &[Opts; 3], digits: usize) -> bool {
    for k in 0..digits {
        idx[k] += 1;
        if idx[k] < conts[k].n as usize {
            return true;
        }
        idx[k] = 0;
    }
    false
}

impl Opts {
    fn push(&mut self, b: u8) {
        if (self.n as usize) < self.b.len() && !self.as_slice().contains(&b) {
            self.b[self.n as usize] = b;
            self.n += 1;
        }
    }
    fn as_slice(&self) -> &[u8] {
        &self.b[..self.n as usize]
    }
}

impl Page {
    /// The high bytes (0x80..=0xFF) `c` may have come from.
    #[inline]
    fn bytes(&self, c: char) -> Opts {
        if c.is_ascii() {
            return Opts::default();
        }
        let t = tables();
        match dense(c) {
            Some(i) => t.opts[i][self.idx],
            None => t.outside_opts(c)[self.idx],
        }
    }

    fn bytes_slow(&self, c: char) -> Opts {
        let mut o = Opts::default();
        let i = self.encode.partition_point(|&(k, _)| k < c);
        for &(k, b) in &self.encode[i..] {
            if k != c {
                break;
            }
            o.push(b);
        }
        if ('\u{80}'..='\u{9F}').contains(&c) {
            // Latin-1 mixed into a Windows page: C1 controls stand for themselves.
            o.push(c as u32 as u8);
        }
        o
    }

    fn has_lead(&self, c: char) -> bool {
        seq_mask(c).lead() & (1 << self.idx) != 0
    }
}

/// Chars with cached byte options and classes: U+0080..U+0800 and
/// U+2000..U+2600 (every code page char but three lies there).
#[inline]
fn dense(c: char) -> Option<usize> {
    let u = c as u32;
    if (0x80..0x800).contains(&u) {
        Some(u as usize - 0x80)
    } else if (0x2000..0x2600).contains(&u) {
        Some(u as usize - 0x2000 + 0x780)
    } else {
        None
    }
}

/// Bit masks over [`PAGES`]: where a char can be the lead byte of a two-,
/// three- or four-byte UTF-8 sequence, and where a continuation byte.
#[derive(Debug, Clone, Copy, Default)]
struct SeqMask {
    lead2: u8,
    lead3: u8,
    lead4: u8,
    cont: u8,
}

impl SeqMask {
    #[inline]
    fn lead(self) -> u8 {
        self.lead2 | self.lead3 | self.lead4
    }

    fn of(opts: &[Opts; 7]) -> SeqMask {
        let mut m = SeqMask::default();
        for (p, o) in opts.iter().enumerate() {
            for &b in o.as_slice() {
                match b {
                    0x80..=0xBF => m.cont |= 1 << p,
                    0xC2..=0xDF => m.lead2 |= 1 << p,
                    0xE0..=0xEF => m.lead3 |= 1 << p,
                    0xF0..=0xF4 => m.lead4 |= 1 << p,
                    _ => {}
                }
            }
        }
        m
    }
}

/// Cached character classes of the cost model.
#[derive(Debug, Clone, Copy)]
struct Class {
    letter: bool,
    lower: bool,
    upper: bool,
    script: Script,
}

impl Class {
    fn of(c: char) -> Class {
        Class {
            letter: is_letter_slow(c),
            lower: c.is_lowercase(),
            upper: c.is_uppercase(),
            script: script_slow(c),
        }
    }
}

/// Byte options, sequence masks and classes of the dense chars, and the
/// byte options of the few code page chars outside them; built once from
/// the generated tables.
#[derive(Debug)]
struct Tables {
    opts: Vec<[Opts; 7]>,
    masks: Vec<SeqMask>,
    /// For [`is_suspicious`]: lead mask (bits 0..7), C1 control (bit 7),
    /// continuation mask (bits 8..15), maps to 0xC3 (bit 15).
    susp: Vec<u16>,
    /// `susp` indexed by code point below U+0800 (zero for ASCII).
    susp2: Box<[u16; 0x800]>,
    class: Vec<Class>,
    outside: Vec<(char, [Opts; 7], SeqMask)>,
    /// For [`could_change`]: [`cc_entry`] of the dense chars.
    cc: Vec<u32>,
    /// `cc` indexed by code point below U+0800 (zero for ASCII).
    cc2: Box<[u32; 0x800]>,
    /// Whether [`cyrillic_block_quiet`] may be used: no basic Cyrillic
    /// letter (U+0410..=U+044F) is a C1 control or a continuation byte of
    /// any page, and no lowercase one (U+0430..=U+044F) is a two-byte lead
    /// of any page or maps to 0xC3.
    cyrillic_quiet: bool,
}

impl Tables {
    fn build() -> Tables {
        let all = |c: char| -> [Opts; 7] {
            let mut row = [Opts::default(); 7];
            for (p, page) in PAGES.iter().enumerate() {
                row[p] = page.bytes_slow(c);
            }
            row
        };
        let chars = (0x80..0x800u32).chain(0x2000..0x2600u32);
        let chars: Vec<char> = chars
            .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect();
        let opts: Vec<[Opts; 7]> = chars.iter().map(|&c| all(c)).collect();
        let masks: Vec<SeqMask> = opts.iter().map(SeqMask::of).collect();
        let susp: Vec<u16> = chars
            .iter()
            .zip(&masks)
            .map(|(&c, m)| {
                m.lead() as u16
                    | (is_c1(c) as u16) << 7
                    | (m.cont as u16) << 8
                    | (maps_to_c3(c) as u16) << 15
            })
            .collect();
        let mut susp2 = Box::new([0u16; 0x800]);
        susp2[0x80..].copy_from_slice(&susp[..0x780]);
        let class = chars.iter().map(|&c| Class::of(c)).collect();
        let cc: Vec<u32> = chars
            .iter()
            .zip(&opts)
            .zip(&masks)
            .map(|((&c, o), m)| cc_entry(c, o, m))
            .collect();
        let mut cc2 = Box::new([0u32; 0x800]);
        cc2[0x80..].copy_from_slice(&cc[..0x780]);
        let cyrillic_quiet = (0x410..=0x44F)
            .all(|u| cc2[u] & CC_RUN_STOP == 0 && susp2[u] & 0x7F80 == 0)
            && (0x430..=0x44F).all(|u| cc2[u] & CC_PAGES == 0 && susp2[u] & 0x8000 == 0);
        let mut outside: Vec<char> = PAGES
            .iter()
            .flat_map(|p| p.decode.iter().copied())
            .filter(|&c| dense(c).is_none())
            .collect();
        outside.sort_unstable();
        outside.dedup();
        let outside = outside
            .into_iter()
            .map(|c| {
                let o = all(c);
                (c, o, SeqMask::of(&o))
            })
            .collect();
        Tables {
            opts,
            masks,
            susp,
            susp2,
            class,
            outside,
            cc,
            cc2,
            cyrillic_quiet,
        }
    }

    fn outside_opts(&self, c: char) -> [Opts; 7] {
        match self.outside.binary_search_by_key(&c, |x| x.0) {
            Ok(i) => self.outside[i].1,
            Err(_) => [Opts::default(); 7],
        }
    }

    fn outside_mask(&self, c: char) -> SeqMask {
        match self.outside.binary_search_by_key(&c, |x| x.0) {
            Ok(i) => self.outside[i].2,
            Err(_) => SeqMask::default(),
        }
    }
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(Tables::build)
}

/// The sequence masks of a non-ASCII char (all zero for ASCII).
#[inline(always)]
fn seq_mask(c: char) -> SeqMask {
    if c.is_ascii() {
        return SeqMask::default();
    }
    let t = tables();
    match dense(c) {
        Some(i) => t.masks[i],
        None => t.outside_mask(c),
    }
}

/// `true` when `c` is a C1 control character.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// Bit masks over [`PAGES`]: pages where `c` can be a UTF-8 lead byte, and
/// pages where it can be a continuation byte.
#[inline]
fn masks(c: char) -> (u8, u8) {
    let m = seq_mask(c);
    (m.lead(), m.cont)
}

/// `true` when some page maps `c` to 0xC3 (the lead byte of "à").
fn maps_to_c3(c: char) -> bool {
    matches!(c, 'Ã' | 'Γ' | 'Ă' | 'Г' | '√' | '├')
}

/// `true` when some page maps `c` to 0xC2 (the lead byte of U+00A0).
fn maps_to_c2(c: char) -> bool {
    matches!(c, 'Â' | 'Β' | 'В' | '¬' | '┬')
}

/// `true` when a char can start a mojibake sequence that stands without
/// other evidence: a lead byte followed by a continuation byte of the same
/// page, a C1 control, or "Ã" + space (a lost 0xA0 of "à").
fn starts_suspicious(c: char, next: Option<char>) -> bool {
    if is_c1(c) {
        return true;
    }
    match next {
        Some(' ') => maps_to_c3(c),
        Some(n) if !n.is_ascii() => {
            if is_c1(n) {
                return true;
            }
            let (lead, _) = masks(c);
            lead != 0 && (masks(n).1 & lead != 0 || n == '\u{FFFD}')
        }
        _ => false,
    }
}

/// The char starting at byte `i` of `text` (a char boundary) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    let cont = |k: usize| b.get(i + k).map_or(0, |&x| (x & 0x3F) as u32);
    let (u, len) = if b0 < 0xE0 {
        (((b0 & 0x1F) as u32) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) as u32) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) as u32) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    };
    (char::from_u32(u).unwrap_or('\u{FFFD}'), len)
}

/// Index of the first non-ASCII byte at or after `i`, eight bytes at a time.
#[inline]
fn skip_ascii(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i..i + 8]);
        let hi = u64::from_le_bytes(w) & 0x8080_8080_8080_8080;
        if hi != 0 {
            return i + (hi.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

/// Whether the 32 bytes `w[2..]` are all "quiet Cyrillic", given the two
/// bytes before them: each is a lead byte 0xD0 or 0xD1, the second byte of
/// a basic Cyrillic letter (U+0410..=U+044F), a space right after a
/// lowercase one (U+0430..=U+044F), or ASCII other than a space or "?".
///
/// No such char can be part of mojibake: a basic letter continues no
/// sequence of any page (mojibake of Russian is "Рё", "С‚": a lead letter
/// and a continuation that is not a basic letter), a lowercase letter is no
/// two-byte lead and maps to no 0xC3, so the space after it stands for no
/// lost 0xA0, and the other ASCII bytes end every sequence. The tables
/// check these facts once (`Tables::cyrillic_quiet`). Written as one pass
/// of byte compares and an OR, which the compiler turns into vector code.
#[inline]
fn cyrillic_block_quiet(w: &[u8; 34]) -> bool {
    let mut bad = 0u8;
    for k in 0..32 {
        let (pp, p, c) = (w[k], w[k + 1], w[k + 2]);
        let lower =
            (pp == 0xD0) & (0xB0..=0xBF).contains(&p) | (pp == 0xD1) & (0x80..=0x8F).contains(&p);
        let ascii = (c < 0x80) & (c != b'?') & ((c != b' ') | lower);
        let lead = c & 0xFE == 0xD0;
        let letter =
            (p == 0xD0) & (0x90..=0xBF).contains(&c) | (p == 0xD1) & (0x80..=0x8F).contains(&c);
        bad |= !(ascii | lead | letter) as u8;
    }
    bad == 0
}

/// The end of the whole 32-byte blocks of quiet Cyrillic (see
/// [`cyrillic_block_quiet`]) from byte `i` on: `i` itself when there are
/// none. The end may cut a letter in two.
fn quiet_cyrillic_end(bytes: &[u8], i: usize) -> usize {
    let block = |j: usize| -> bool {
        j >= 2
            && j + 32 <= bytes.len()
            && <&[u8; 34]>::try_from(&bytes[j - 2..j + 32]).is_ok_and(cyrillic_block_quiet)
    };
    let mut j = i;
    while block(j) {
        j += 32;
    }
    j
}

/// For [`is_suspicious`] after a Cyrillic letter, at byte `i`: the end of
/// the blocks of quiet Cyrillic from `i` (see [`quiet_cyrillic_end`]),
/// moved back to the start of the char it cuts, if it does, with the state
/// after the char before it: `prev_lead` and `prev_c3`, cleared by an ASCII
/// byte, else those of a two-byte letter. `None` when there is no such
/// block. Out of line, so that the scan's loop stays tight.
#[inline(never)]
fn skip_quiet_cyrillic(bytes: &[u8], i: usize, susp2: &[u16; 0x800]) -> Option<(usize, u16, bool)> {
    let mut j = quiet_cyrillic_end(bytes, i);
    if j == i {
        return None;
    }
    if j < bytes.len() && bytes[j] & 0xC0 == 0x80 {
        j -= 1;
    }
    if bytes[j - 1] < 0x80 {
        return Some((j, 0, false));
    }
    let u = ((bytes[j - 2] & 0x1F) as usize) << 6 | (bytes[j - 1] & 0x3F) as usize;
    Some((j, susp2[u] & 0x7F, susp2[u] & 0x8000 != 0))
}

/// The fast check: can `text` contain mojibake at all? One scan, skipping
/// ASCII eight bytes at a time: `true` when some char [`starts_suspicious`].
#[inline(never)]
pub(crate) fn is_suspicious(text: &str) -> bool {
    // Texts whose first non-ASCII char is Cyrillic get the scan that passes
    // over quiet Cyrillic; the others the plain scan, whose loop the check
    // would slow down (by about a tenth on Greek).
    let bytes = text.as_bytes();
    let first = bytes.get(skip_ascii(bytes, 0)).copied().unwrap_or(0);
    if tables().cyrillic_quiet && first & 0xFE == 0xD0 {
        is_suspicious_with::<true>(text)
    } else {
        is_suspicious_with::<false>(text)
    }
}

/// [`is_suspicious`], passing over blocks of quiet Cyrillic when `QUIET`
/// (which only `Tables::cyrillic_quiet` allows).
#[inline(always)]
fn is_suspicious_with<const QUIET: bool>(text: &str) -> bool {
    let bytes = text.as_bytes();
    let susp = &tables().susp;
    let susp2: &[u16; 0x800] = &tables().susp2;
    let mut i = skip_ascii(bytes, 0);
    // Lead mask of the previous char (non-ASCII), and whether it maps to 0xC3.
    let mut prev_lead = 0u16;
    let mut prev_c3 = false;
    // Where the next try at skipping quiet Cyrillic may start.
    let mut next_try = 0;
    while i < bytes.len() {
        let b0 = bytes[i];
        if b0 & 0xE0 == 0xC0 && i + 1 < bytes.len() {
            // Two-byte chars (U+0080..U+07FF): the common case, kept tight.
            let u = ((b0 & 0x1F) as usize) << 6 | (bytes[i + 1] & 0x3F) as usize;
            let bits = susp2[u];
            if bits & 0x80 != 0 || (bits >> 8) & prev_lead != 0 {
                return true;
            }
            prev_lead = bits & 0x7F;
            prev_c3 = bits & 0x8000 != 0;
            i += 2;
            // After a Cyrillic letter, at most once per 32 bytes: pass over
            // the blocks of quiet Cyrillic that follow.
            if QUIET && i >= next_try {
                next_try = i + 32;
                if b0 & 0xFE == 0xD0 {
                    if let Some((j, lead, c3)) = skip_quiet_cyrillic(bytes, i, susp2) {
                        (i, prev_lead, prev_c3, next_try) = (j, lead, c3, j);
                    }
                }
            }
            continue;
        }
        let (bits, c, len) = if b0 < 0x80 {
            if b0 == b' ' && prev_c3 {
                return true;
            }
            prev_lead = 0;
            prev_c3 = false;
            i += 1;
            if bytes.get(i).is_some_and(|&b| b < 0x80) {
                i = skip_ascii(bytes, i);
            }
            continue;
        } else if b0 < 0xE0 {
            // Two-byte chars (U+0080..U+07FF) are all in the dense table.
            let b1 = bytes.get(i + 1).copied().unwrap_or(0x80);
            let u = ((b0 & 0x1F) as usize) << 6 | (b1 & 0x3F) as usize;
            let bits = susp.get(u.wrapping_sub(0x80)).copied().unwrap_or(0);
            (bits, '\0', 2)
        } else {
            let (c, len) = char_at(text, i);
            let bits = match dense(c) {
                Some(k) => susp[k],
                None => {
                    let m = tables().outside_mask(c);
                    m.lead() as u16 | (m.cont as u16) << 8
                }
            };
            (bits, c, len)
        };
        if bits & 0x80 != 0 {
            return true;
        }
        if prev_lead != 0 && ((bits >> 8) & 0x7F & prev_lead != 0 || c == '\u{FFFD}') {
            return true;
        }
        prev_lead = bits & 0x7F;
        prev_c3 = bits & 0x8000 != 0;
        i += len;
    }
    false
}

/// Bits of a char for [`could_change`] (see [`cc_entry`]).
const CC_PAGES: u32 = 0x7F;
const CC_C1: u32 = 1 << 7;
/// A char that ends a run of two-byte chars in [`could_change`]: a C1
/// control, or a continuation byte of some page.
const CC_RUN_STOP: u32 = CC_C1 | CC_PAGES << 24;
/// "c + space" (a lost 0xA0) decodes to "à" in some page.
const CC_SPACE_A_GRAVE: u32 = 1 << 15;
/// "c + space" decodes to a char that starts a sequence of that page.
const CC_SPACE_LEAD: u32 = 1 << 23;
/// "c + space" decodes to a char that continues a sequence of that page.
const CC_SPACE_CONT: u32 = 1 << 31;

/// The [`could_change`] entry of a non-ASCII char: page masks of a two-,
/// three- and four-byte lead (bits 0, 8, 16) and of a continuation byte
/// (bit 24), the C1 flag, and what [`borrow_matters`] needs to know of the
/// two-char sequence "c + space" (decided here once per char instead of
/// once per occurrence).
fn cc_entry(c: char, opts: &[Opts; 7], m: &SeqMask) -> u32 {
    let mut e =
        m.lead2 as u32 | (m.lead3 as u32) << 8 | (m.lead4 as u32) << 16 | (m.cont as u32) << 24;
    if is_c1(c) {
        e |= CC_C1;
    }
    for (page, o) in PAGES.iter().zip(opts) {
        for &l in o.as_slice() {
            if lead_len(l) != 2 {
                continue;
            }
            let Some(d) = std::str::from_utf8(&[l, 0xA0])
                .ok()
                .and_then(|s| s.chars().next())
            else {
                continue;
            };
            if d == 'à' {
                e |= CC_SPACE_A_GRAVE;
            }
            // `bytes_slow`: this runs while the tables are being built.
            let dm = SeqMask::of(&[page.bytes_slow(d); 7]);
            if dm.lead() != 0 {
                e |= CC_SPACE_LEAD;
            }
            if dm.cont != 0 {
                e |= CC_SPACE_CONT;
            }
        }
    }
    e
}

/// The [`cc_entry`] of any char (zero for ASCII).
#[inline]
fn cc_bits(c: char) -> u32 {
    if c.is_ascii() {
        return 0;
    }
    let t = tables();
    match dense(c) {
        Some(i) => t.cc[i],
        None => match t.outside.binary_search_by_key(&c, |x| x.0) {
            Ok(i) => cc_entry(c, &t.outside[i].1, &t.outside[i].2),
            Err(_) => 0,
        },
    }
}

/// The exact pre-check behind [`repair_passes`]: `false` only when no pass
/// can change `text` — it has no C1 control, no char that starts a UTF-8
/// sequence of some page without a space in it, and no sequence with a
/// space (a lost 0xA0) that could be accepted, alone ("Ã " for "à") or as
/// part of a multi-level candidate. Clean Greek or Cyrillic text with a
/// suspicious pair ("её", "ві") takes this path instead of the scorer.
///
/// One scan over the bytes: two-byte chars (all of Greek and Cyrillic) are
/// looked up by code point in a flat table, and the sequences with a space
/// are first checked against the page masks, so the exact (slower) test
/// runs only when a page really could decode them.
#[inline(never)]
fn could_change(text: &str) -> bool {
    let bytes = text.as_bytes();
    let cc2: &[u32; 0x800] = &tables().cc2;
    // Pages where a sequence without (na*) or with (sa*) a space needs 1, 2
    // or 3 more continuation bytes.
    let (mut na1, mut na2, mut na3) = (0u32, 0u32, 0u32);
    let (mut sa1, mut sa2) = (0u32, 0u32);
    // Byte offsets of the last three chars, nearest first (three scalars,
    // not an array: shifting an array in memory stalled every char).
    let (mut r0, mut r1, mut r2) = (usize::MAX, usize::MAX, usize::MAX);
    // Byte offsets just past sequences with a space that were seen.
    let mut borrow_ends: Vec<usize> = Vec::new();
    let mut cache = BorrowCache::default();
    let mut live_cache = LiveCache::default();
    let mut i = skip_ascii(bytes, 0);
    while i < bytes.len() {
        let b0 = bytes[i];
        if b0 & 0xE0 == 0xC0 {
            // A run of two-byte chars that cannot continue a sequence (most
            // Greek and Cyrillic letters), with single spaces between them:
            // each char only replaces the state by its own leads, and a
            // space after a char without a two-byte lead only carries its
            // leads to the next char, which drops them. So the run is
            // skipped in a tight loop that keeps just the last three chars.
            const STOP: u32 = CC_RUN_STOP;
            const LEADS: u32 = CC_PAGES | CC_PAGES << 8 | CC_PAGES << 16;
            let mut last = 0;
            let start = i;
            loop {
                if i + 1 < bytes.len() && bytes[i] & 0xE0 == 0xC0 {
                    let u = ((bytes[i] & 0x1F) as usize) << 6 | (bytes[i + 1] & 0x3F) as usize;
                    let e = cc2[u];
                    if e & STOP != 0 {
                        break;
                    }
                    (r2, r1, r0) = if e & LEADS == 0 {
                        (usize::MAX, usize::MAX, usize::MAX)
                    } else {
                        (r1, r0, i)
                    };
                    last = e;
                    i += 2;
                } else if i > start
                    && i + 2 < bytes.len()
                    && bytes[i] == b' '
                    && last & CC_PAGES == 0
                    && bytes[i + 1] & 0xE0 == 0xC0
                {
                    let u = ((bytes[i + 1] & 0x1F) as usize) << 6 | (bytes[i + 2] & 0x3F) as usize;
                    let e = cc2[u];
                    if e & STOP != 0 {
                        break;
                    }
                    (r2, r1, r0) = if e & LEADS == 0 {
                        (usize::MAX, usize::MAX, usize::MAX)
                    } else if last & LEADS != 0 {
                        (r0, i, i + 1)
                    } else {
                        // After a char without leads the space was skipped.
                        (r1, r0, i + 1)
                    };
                    last = e;
                    i += 3;
                } else {
                    break;
                }
            }
            if i > start {
                na1 = last & CC_PAGES;
                na2 = (last >> 8) & CC_PAGES;
                na3 = (last >> 16) & CC_PAGES;
                sa1 = 0;
                sa2 = 0;
                if last & LEADS == 0 {
                    i = skip_ascii(bytes, i);
                }
                continue;
            }
        }
        let (e, len, space, lost) = if b0 < 0x80 {
            (0, 1, b0 == b' ', b0 == b'?')
        } else if b0 < 0xE0 {
            let b1 = bytes.get(i + 1).copied().unwrap_or(0x80);
            let u = ((b0 & 0x1F) as usize) << 6 | (b1 & 0x3F) as usize;
            (cc2[u], 2, false, false)
        } else {
            let (c, len) = char_at(text, i);
            (cc_bits(c), len, false, c == '\u{FFFD}')
        };
        if e & CC_C1 != 0 {
            return true;
        }
        let cont = if lost { CC_PAGES } else { (e >> 24) & CC_PAGES };
        if na1 & cont != 0 {
            // A sequence without a space ends here; it starts at one of the
            // last three chars. It matters unless every such sequence is
            // one that can never be accepted ("ά»" in Greek).
            for s in [r0, r1, r2] {
                if s != usize::MAX && start_live(text, s, &mut live_cache) {
                    return true;
                }
            }
        }
        if sa1 & cont != 0 || (space && (na1 | sa1) != 0) {
            let end = i + len;
            for s in [r0, r1, r2] {
                if s != usize::MAX && borrow_matters_gated(text, s, end, &borrow_ends, &mut cache) {
                    return true;
                }
            }
            borrow_ends.push(end);
        }
        let sp = if space { CC_PAGES } else { 0 };
        let (n1, n2) = (na2 & cont, na3 & cont);
        let (s1, s2) = (sa2 & cont | sp & (na2 | sa2), sp & na3);
        na1 = n1 | e & CC_PAGES;
        na2 = n2 | (e >> 8) & CC_PAGES;
        na3 = (e >> 16) & CC_PAGES;
        sa1 = s1;
        sa2 = s2;
        (r2, r1, r0) = (r1, r0, i);
        i += len;
        if (na1 | na2 | na3 | sa1 | sa2) == 0 {
            (r0, r1, r2) = (usize::MAX, usize::MAX, usize::MAX);
            i = skip_ascii(bytes, i);
        }
    }
    false
}

/// Key of a [`start_live`] answer: the two chars before the start, nearest
/// first, and the five from it (`'\0'` past the ends of the text).
type LiveKey = [char; 7];

/// The last few answers of [`start_live`] (a text repeats its words).
#[derive(Debug, Default)]
struct LiveCache {
    entries: [(LiveKey, bool); 8],
    next: usize,
}

/// For [`could_change`]: can a sequence without a space or a lost byte
/// that starts at byte `s` of `text` be accepted strictly, alone or as part
/// of a multi-level candidate? `false` only when, for every page and every
/// byte choice, the decoded char has no byte in that page (no second level
/// can use it) and the raw chars cost less than the decoded char's
/// [`unigram`] cost plus the strict threshold. The gain of a candidate is
/// the cost of its raw chars in their raw context minus that of the decoded
/// char in its decoded context, which is at least the char's unigram cost
/// (every term of [`window_cost`] is non-negative); the raw cost is taken
/// with every script counted as minor, which can only raise it. So such a
/// sequence is never kept, whatever its context; a clean Greek text whose
/// only real cp1253 pair is "ά»" (U+073B, Syriac) is left on the fast path.
/// Sequences with a lost byte, and CESU-8 leads, are always live.
fn start_live(text: &str, s: usize, cache: &mut LiveCache) -> bool {
    let mut before = text[..s].chars().rev();
    let (l1, l2) = (before.next(), before.next());
    let mut after = text[s..].chars();
    let seq: [Option<char>; 5] = std::array::from_fn(|_| after.next());
    let mut key = ['\0'; 7];
    key[0] = l1.unwrap_or('\0');
    key[1] = l2.unwrap_or('\0');
    for (k, c) in seq.iter().enumerate() {
        key[k + 2] = c.unwrap_or('\0');
    }
    if let Some(&(_, hit)) = cache.entries.iter().find(|(k, _)| *k == key) {
        return hit;
    }
    let hit = start_live_uncached(l1, l2, &seq);
    cache.entries[cache.next] = (key, hit);
    cache.next = (cache.next + 1) % cache.entries.len();
    hit
}

/// [`start_live`] without the cache.
fn start_live_uncached(l1: Option<char>, l2: Option<char>, seq: &[Option<char>; 5]) -> bool {
    let Some(c0) = seq[0] else {
        return false;
    };
    if c0.is_ascii() {
        return false;
    }
    // Every script minor: the largest raw cost.
    let info = TextInfo {
        letters: 1,
        per_script: [0; 12],
    };
    for page in &PAGES {
        for &l in page.bytes(c0).as_slice() {
            let n = lead_len(l);
            if n == 0 {
                continue;
            }
            if l == 0xED {
                return true;
            }
            let mut conts = [Opts::default(); 3];
            let mut orig = ['\0'; 4];
            orig[0] = c0;
            let mut ok = true;
            for k in 1..n {
                let Some(c) = seq[k] else {
                    ok = false;
                    break;
                };
                orig[k] = c;
                match cont_of(page, c) {
                    Some(Cont::Bytes(o)) => conts[k - 1] = o,
                    Some(Cont::Lost) => return true,
                    // A space for a lost byte: not this kind of sequence.
                    Some(Cont::Space) | None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            let raw = window_cost(&info, &orig[..n], [l1, l2], seq[n]);
            let mut idx = [0usize; 3];
            loop {
                let mut buf = [l, 0, 0, 0];
                for k in 0..n - 1 {
                    buf[k + 1] = conts[k].as_slice()[idx[k]];
                }
                if let Some(o) = std::str::from_utf8(&buf[..n])
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    if page.bytes(o).n > 0 || raw - unigram(o) >= STRICT.threshold {
                        return true;
                    }
                }
                if !next_choice(&mut idx, &conts, n - 1) {
                    break;
                }
            }
        }
    }
    false
}

/// The chars of `text[start..end]` when there are at most four.
fn short_seq(text: &str, start: usize, end: usize) -> Option<([char; 4], usize)> {
    let mut seq = ['\0'; 4];
    let mut n = 0;
    for c in text.get(start..end)?.chars() {
        *seq.get_mut(n)? = c;
        n += 1;
    }
    Some((seq, n))
}

/// [`borrow_matters`], after a cheap exact filter: some page must read the
/// first char as a lead of the right length and every other char as a
/// continuation byte (or a space); "c + space" is answered from the table.
fn borrow_matters_gated(
    text: &str,
    start: usize,
    end: usize,
    borrow_ends: &[usize],
    cache: &mut BorrowCache,
) -> bool {
    let Some((seq, n)) = short_seq(text, start, end) else {
        return borrow_matters(text, start, end, borrow_ends);
    };
    let first = cc_bits(seq[0]);
    let mut pages = match n {
        2 => first,
        3 => first >> 8,
        4 => first >> 16,
        _ => 0,
    } & CC_PAGES;
    for &c in &seq[1..n] {
        pages &= if c == ' ' {
            CC_PAGES
        } else {
            (cc_bits(c) >> 24) & CC_PAGES
        };
    }
    if pages == 0 {
        return false;
    }
    if n == 2 && seq[1] == ' ' {
        if first & CC_SPACE_A_GRAVE != 0 {
            return true;
        }
        if first & CC_SPACE_LEAD != 0 && text[end..].chars().next().is_some_and(near_lost) {
            return true;
        }
        return first & CC_SPACE_CONT != 0 && before_ok(text, start, borrow_ends);
    }
    // The answer depends only on the chars and on both neighbours' tests.
    let key = (
        seq,
        n as u8,
        before_ok(text, start, borrow_ends),
        text[end..].chars().next().is_some_and(near_lost),
    );
    if let Some(&(_, hit)) = cache.entries.iter().find(|(k, _)| *k == key) {
        return hit;
    }
    let hit = borrow_matters(text, start, end, borrow_ends);
    cache.entries[cache.next] = (key, hit);
    cache.next = (cache.next + 1) % cache.entries.len();
    hit
}

/// Key of a [`borrow_matters`] answer: the chars, their count, and whether
/// the chars before and after can be leaned on.
type BorrowKey = ([char; 4], u8, bool, bool);

/// The last few answers of [`borrow_matters`] (a text repeats the same
/// look-alike sequences, such as "её " in Russian).
#[derive(Debug, Default)]
struct BorrowCache {
    entries: [(BorrowKey, bool); 8],
    next: usize,
}

/// For [`borrow_matters`]: a char that a candidate can lean on.
fn near_lost(c: char) -> bool {
    !c.is_ascii() || c == '?'
}

/// For [`borrow_matters`]: the char before `start` is one a candidate can
/// lean on, or the space of another sequence with a space (`borrow_ends`
/// is sorted).
fn before_ok(text: &str, start: usize, borrow_ends: &[usize]) -> bool {
    let before = text[..start].chars().next_back();
    // `borrow_ends` grows in order: a binary search keeps this logarithmic
    // (a linear `contains` made long texts quadratic).
    before.is_some_and(near_lost)
        || (before == Some(' ') && borrow_ends.binary_search(&start).is_ok())
}

/// For [`could_change`]: can the chars `start..end` (byte offsets), with a
/// space standing for a lost 0xA0, be a candidate that matters — "à", or
/// a char of the same page next to another non-ASCII char (or to the space
/// of another such sequence), which a second level could decode further?
fn borrow_matters(text: &str, start: usize, end: usize, borrow_ends: &[usize]) -> bool {
    let seq: Vec<char> = text[start..end].chars().collect();
    let n = seq.len();
    let before_ok = before_ok(text, start, borrow_ends);
    let after_ok = text[end..].chars().next().is_some_and(near_lost);
    for page in &PAGES {
        for &l in page.bytes(seq[0]).as_slice() {
            if lead_len(l) != n {
                continue;
            }
            let mut conts = [Opts::default(); 3];
            let mut ok = true;
            for (k, &c) in seq[1..].iter().enumerate() {
                match cont_of(page, c) {
                    Some(Cont::Bytes(o)) => conts[k] = o,
                    Some(Cont::Space) => conts[k].push(0xA0),
                    _ => ok = false,
                }
            }
            if !ok {
                continue;
            }
            let mut idx = [0usize; 3];
            loop {
                let mut buf = [l, 0, 0, 0];
                for k in 0..n - 1 {
                    buf[k + 1] = conts[k].as_slice()[idx[k]];
                }
                if let Some(o) = std::str::from_utf8(&buf[..n])
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    if o == 'à' {
                        return true;
                    }
                    let m = SeqMask::of(&[page.bytes(o); 7]);
                    if (m.lead() != 0 && after_ok) || (m.cont != 0 && before_ok) {
                        return true;
                    }
                }
                if !next_choice(&mut idx, &conts, n - 1) {
                    break;
                }
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Character classes and costs.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Rare,
    Indic,
    Thai,
    Hangul,
    Cjk,
    Other,
}

#[inline]
fn script(c: char) -> Script {
    match dense(c) {
        Some(i) => tables().class[i].script,
        None => script_slow(c),
    }
}

fn script_slow(c: char) -> Script {
    let u = c as u32;
    match u {
        0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xBA | 0xC0..=0x24F | 0x250..=0x2AF => Script::Latin,
        0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFB00..=0xFB06 => Script::Latin,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x700..=0x8FF => Script::Rare,
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xE7F => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Cjk,
        _ => Script::Other,
    }
}

#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match dense(c) {
        Some(i) => tables().class[i].letter,
        None => is_letter_slow(c),
    }
}

fn is_letter_slow(c: char) -> bool {
    c.is_alphabetic() && !is_mark(c)
}

/// `char::is_lowercase`, cached.
#[inline]
fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    match dense(c) {
        Some(i) => tables().class[i].lower,
        None => c.is_lowercase(),
    }
}

/// `char::is_uppercase`, cached.
#[inline]
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    match dense(c) {
        Some(i) => tables().class[i].upper,
        None => c.is_uppercase(),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Punctuation that follows a word naturally.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '…' | '’'
            | '”'
            | '»'
            | '›'
            | '®'
            | '™'
            | '©'
            | '°'
            | '²'
            | '³'
            | '¹'
            | '·'
            | '′'
            | '″'
            | '\u{A0}'
    )
}

/// Punctuation that opens a word naturally.
fn is_opening_punct(c: char) -> bool {
    matches!(c, '“' | '„' | '‘' | '‚' | '«' | '‹' | '¿' | '¡' | '‟' | '‛')
}

fn is_quote_or_dash(c: char) -> bool {
    is_trailing_punct(c)
        || is_opening_punct(c)
        || matches!(
            c,
            '–' | '—' | '‐' | '‑' | '‒' | '―' | '•' | '´' | '`' | '"' | '\''
        )
}

/// Pictographs, arrows, emoji: symbols that stand freely next to anything.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF
        | 0x2B00..=0x2BFF | 0x1F300..=0x1FAFF | 0xFE0F | 0x200D
        | 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
}

/// The cost of one character on its own: how rare it is in real text.
fn unigram(c: char) -> f32 {
    let u = c as u32;
    if u < 0x80 {
        return if c.is_ascii_control() && !matches!(c, '\n' | '\r' | '\t') {
            1.0
        } else {
            0.0
        };
    }
    match u {
        0x80..=0x9F => 6.0,
        0xA0 => 0.3,
        0xA9 | 0xAE | 0xB0 | 0xAB | 0xBB | 0xB7 | 0xA7 | 0xA3 => 0.5,
        0xBF | 0xA1 | 0xB2 | 0xB3 | 0xBD | 0xD7 | 0xB4 => 0.8,
        0xA2 | 0xA5 | 0xB5 | 0xB1 | 0xBC | 0xBE | 0xB9 | 0xAA | 0xBA | 0xF7 => 1.0,
        0xA4 | 0xA6 | 0xA8 | 0xAC | 0xAD | 0xAF | 0xB6 | 0xB8 => 1.5,
        0xC0..=0xFF => 0.3,
        0x100..=0x17F => 0.5,
        0x192 => 1.5,
        0x1C4..=0x1CC | 0x218..=0x21B => 0.8,
        0x180..=0x24F => 1.5,
        0x250..=0x2AF => 3.0,
        0x2BC | 0x2C6..=0x2C7 | 0x2D8..=0x2DD => 1.5,
        0x2B0..=0x2FF => 2.5,
        0x300..=0x36F => 1.5,
        0x37A | 0x37E | 0x384..=0x385 => 2.0,
        0x370..=0x45F => 0.5,
        0x460..=0x52F => 1.5,
        0x610..=0x61A | 0x64B..=0x65F | 0x6D6..=0x6ED => 3.0,
        0x530..=0x6FF => 1.0,
        0x700..=0x8FF => 3.0,
        0x900..=0xE7F => 1.0,
        0x1E00..=0x1EFF => 0.8,
        0x2010..=0x2027 | 0x2030..=0x203A => 0.2,
        0x2028..=0x202F | 0x2060..=0x206F => 2.0,
        0x2000..=0x200F | 0x203B..=0x205F => 0.8,
        0x20A0..=0x20CF => 0.5,
        0x2122 => 0.5,
        0x2100..=0x214F => 1.0,
        0x2190..=0x21FF => 0.5,
        0x2200..=0x22FF => 1.0,
        0x2300..=0x23FF => 1.0,
        0x2500..=0x259F => 1.5,
        0x25A0..=0x27BF => 0.5,
        0x2900..=0x297F => 2.0,
        0x3000..=0x303F => 0.8,
        0x3040..=0x30FF | 0x4E00..=0x9FFF => 1.0,
        0xAC00..=0xD7AF => 1.0,
        0xE000..=0xF8FF => 6.0,
        0xFB00..=0xFB06 => 1.0,
        0xFDD0..=0xFDEF | 0xFFFE..=0xFFFF => 6.0,
        0xFE0F => 0.3,
        0xFF00..=0xFFEF => 1.0,
        0xFFFD => 1.0,
        0x1F300..=0x1FAFF => 0.3,
        0x1F000..=0x1F2FF => 1.5,
        0xF0000.. => 6.0,
        _ if c.is_control() => 6.0,
        _ => 1.5,
    }
}

/// The cost of `b` directly following `a`.
fn pair(a: char, b: char) -> f32 {
    if a.is_ascii() && b.is_ascii() {
        return 0.0;
    }
    if a == '?' && is_letter(b) {
        return 1.0;
    }
    if b == '\u{FFFD}' || a == '\u{FFFD}' {
        return 0.5;
    }
    if a == '\u{A0}' && is_letter(b) {
        return if is_lower(b) { 0.6 } else { 0.3 };
    }
    if b == '\u{A0}' && is_letter(a) {
        return 0.4;
    }
    if a == '\u{A0}' || b == '\u{A0}' || a.is_whitespace() || b.is_whitespace() {
        return 0.0;
    }
    let (la, lb) = (is_letter(a), is_letter(b));
    if la && lb {
        let (sa, sb) = (script(a), script(b));
        if sa != sb && sa != Script::Other && sb != Script::Other {
            return 3.0;
        }
        if is_lower(a) && is_upper(b) {
            return 1.5;
        }
        if is_upper(a)
            && is_lower(b)
            && matches!(a as u32, 0xC0..=0xDE)
            && matches!(b as u32, 0xDF..=0xFF)
        {
            // "Äî", "Ãµ": a capital and a small accented Latin-1 letter.
            return 1.0;
        }
        return 0.0;
    }
    if is_mark(b) {
        return if la {
            0.0
        } else if a.is_ascii_digit() {
            0.5
        } else {
            2.0
        };
    }
    if la {
        // letter, then a symbol or punctuation
        if b.is_ascii() || is_pictograph(b) {
            return 0.3;
        }
        if is_trailing_punct(b) || matches!(b, '–' | '—' | '•') {
            return 0.3;
        }
        if is_opening_punct(b) {
            return 1.5;
        }
        return 2.0;
    }
    if lb {
        // a symbol or punctuation, then a letter
        if a.is_ascii() || is_pictograph(a) || is_opening_punct(a) || a == '’' {
            return 0.0;
        }
        if a == '√' {
            return 0.3;
        }
        if matches!(a, '”' | '»' | '›') {
            return 1.0;
        }
        if is_trailing_punct(a) || matches!(a, '–' | '—' | '•') {
            return 0.5;
        }
        return 1.5;
    }
    // Two non-letters.
    if a.is_ascii_digit() || b.is_ascii_digit() {
        return 0.3;
    }
    if a.is_ascii() || b.is_ascii() || is_pictograph(a) || is_pictograph(b) {
        return 0.3;
    }
    if is_quote_or_dash(a) && is_quote_or_dash(b) {
        return 0.5;
    }
    if is_quote_or_dash(a) || is_quote_or_dash(b) {
        return 1.0;
    }
    2.0
}

/// The cost of the characters `seq` between `left` and `right` (the two
/// characters before, nearest last, and the one after): unigram costs, pair
/// costs (including the neighbours), an isolated letter of a foreign script,
/// an isolated capital accented letter, a lowercase letter ending a word in
/// capitals.
fn window_cost(info: &TextInfo, seq: &[char], left: [Option<char>; 2], right: Option<char>) -> f32 {
    let mut cost = 0.0;
    let get = |i: isize| -> Option<char> {
        if i < 0 {
            let k = (-i - 1) as usize;
            left.get(k).copied().flatten()
        } else if (i as usize) < seq.len() {
            Some(seq[i as usize])
        } else if i as usize == seq.len() {
            right
        } else {
            None
        }
    };
    for (i, &c) in seq.iter().enumerate() {
        let i = i as isize;
        cost += unigram(c);
        let prev = get(i - 1);
        let next = get(i + 1);
        if let Some(p) = prev {
            cost += pair(p, c);
        }
        if is_letter(c) && !c.is_ascii() {
            let s = script(c);
            let same = |o: Option<char>| o.is_some_and(|o| is_letter(o) && script(o) == s);
            let letter = |o: Option<char>| o.is_some_and(is_letter);
            let math = |o: Option<char>| {
                o.is_some_and(|o| {
                    matches!(o as u32, 0x2200..=0x22FF) || "±×÷=+-*/^<>()0123456789".contains(o)
                })
            };
            if !matches!(s, Script::Latin | Script::Other)
                && !same(prev)
                && !same(next)
                && info.minor(s)
                && !math(prev)
                && !math(next)
            {
                cost += 2.5;
            }
            // A one-letter word: capitals and most small letters are rare.
            if s == Script::Latin
                && !letter(prev)
                && !letter(next)
                && (is_upper(c) || !matches!(c, 'à' | 'è' | 'é' | 'ó' | 'ò' | 'á' | 'ú' | 'í'))
            {
                cost += 1.0;
            }
            if is_upper(c) && prev.is_some_and(is_upper) && next.is_some_and(is_lower) {
                cost += 1.0;
            }
            if is_lower(c) {
                if let (Some(p1), Some(p2)) = (prev, get(i - 2)) {
                    if is_upper(p1) && is_upper(p2) && !letter(next) {
                        cost += 1.5;
                    }
                }
            }
        }
    }
    if let (Some(last), Some(r)) = (seq.last(), right) {
        cost += pair(*last, r);
    }
    // A whole word of two or three letters of a script the text hardly uses
    // ("ВЈ50" in English): visible only when bounded inside the window.
    let mut k = 0;
    while k < seq.len() {
        let c = seq[k];
        let s = script(c);
        if !is_letter(c) || matches!(s, Script::Latin | Script::Other) || !info.minor(s) {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < seq.len() && is_letter(seq[e]) && script(seq[e]) == s {
            e += 1;
        }
        let bounded_left = if k == 0 {
            left[0].map_or(true, |p| !is_letter(p))
        } else {
            true
        };
        let bounded_right = if e == seq.len() {
            right.map_or(true, |r| !is_letter(r))
        } else {
            true
        };
        if (2..=3).contains(&(e - k)) && bounded_left && bounded_right {
            cost += 1.5 * (e - k) as f32;
        }
        k = e;
    }
    cost
}

/// What the whole text looks like: letters per script.
#[derive(Debug, Default)]
struct TextInfo {
    letters: usize,
    per_script: [usize; 12],
}

/// The script of `c` when it is a letter (what [`TextInfo`] counts).
#[inline]
fn letter_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    let (letter, s) = match dense(c) {
        Some(i) => {
            let k = tables().class[i];
            (k.letter, k.script)
        }
        None => (is_letter_slow(c), script_slow(c)),
    };
    letter.then_some(s)
}

impl TextInfo {
    #[cfg(test)]
    fn new(chars: &[(usize, char)]) -> Self {
        let mut t = TextInfo::default();
        for &(_, c) in chars {
            t.add(c);
        }
        t
    }

    /// Counts the letters of `text`: ASCII ones in bulk, the others one by
    /// one.
    fn of_text(text: &str) -> Self {
        let bytes = text.as_bytes();
        let ascii = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let mut t = TextInfo {
            letters: ascii,
            ..TextInfo::default()
        };
        t.per_script[Script::Latin as usize] = ascii;
        let mut i = skip_ascii(bytes, 0);
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            t.add(c);
            i = skip_ascii(bytes, i + len);
        }
        t
    }

    /// Counts one char.
    #[inline]
    fn add(&mut self, c: char) {
        if let Some(s) = letter_script(c) {
            self.letters += 1;
            self.per_script[s as usize] += 1;
        }
    }

    /// Uncounts one char (the inverse of [`TextInfo::add`]).
    #[inline]
    fn remove(&mut self, c: char) {
        if let Some(s) = letter_script(c) {
            self.letters -= 1;
            self.per_script[s as usize] -= 1;
        }
    }

    /// Counts the chars of `s`.
    fn add_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.add(c));
    }

    /// Uncounts the chars of `s`.
    fn remove_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.remove(c));
    }

    /// Bit `s` set when script `s` is [`TextInfo::minor`]: all that the
    /// scores depend on.
    fn minor_mask(&self) -> u16 {
        (0..self.per_script.len())
            .filter(|&s| self.per_script[s] * 3 < self.letters)
            .fold(0, |m, s| m | 1 << s)
    }

    /// `true` when the script has less than a third of the letters.
    fn minor(&self, s: Script) -> bool {
        self.per_script[s as usize] * 3 < self.letters
    }
}

// ---------------------------------------------------------------------------
// Candidates.

/// One decodable sequence: chars `start..end` (indices into the char list)
/// stand for `out`.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    /// The decoded char (always one: a candidate is one UTF-8 sequence, or
    /// a multi-level one made of several that decode to one char).
    out: [char; 1],
    /// Uses a lost byte (a `U+FFFD` / `?`), or a C1 control the page
    /// defines otherwise.
    penalty: f32,
    /// A space stands for a lost 0xA0 byte.
    borrow: bool,
}

fn lead_len(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// What one char can be in a continuation position.
#[derive(Debug, Clone, Copy)]
enum Cont {
    Bytes(Opts),
    Lost,
    Space,
}

fn cont_of(page: &Page, c: char) -> Option<Cont> {
    match c {
        ' ' => Some(Cont::Space),
        '?' | '\u{FFFD}' => Some(Cont::Lost),
        _ => {
            let o = page.bytes(c);
            let mut f = Opts::default();
            for &b in o.as_slice() {
                if (0x80..=0xBF).contains(&b) {
                    f.push(b);
                }
            }
            (f.n > 0).then_some(f).map(Cont::Bytes)
        }
    }
}

/// Tries to decode a sequence starting at `chars[i]` (a lead) within `..end`.
fn try_sequence(
    page: &Page,
    info: &TextInfo,
    chars: &[(usize, char)],
    i: usize,
    end: usize,
) -> Option<Candidate> {
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    let prev2 = i.checked_sub(2).map(|k| chars[k].1);
    let lead = page.bytes(chars[i].1);
    let mut best: Option<(f32, Candidate)> = None;
    for &l in lead.as_slice() {
        let n = lead_len(l);
        if n == 0 || i + n > end {
            continue;
        }
        // CESU-8: a surrogate pair as two three-byte sequences.
        if l == 0xED && i + 6 <= end {
            if let Some(c) = try_cesu(page, chars, i) {
                return Some(Candidate {
                    start: i,
                    end: i + 6,
                    out: [c],
                    penalty: 0.0,
                    borrow: false,
                });
            }
        }
        let mut conts = [Cont::Lost; 3];
        let mut ok = true;
        let mut lost = 0;
        let mut spaces = 0;
        for k in 1..n {
            match cont_of(page, chars[i + k].1) {
                Some(c) => {
                    match c {
                        Cont::Lost => lost += 1,
                        Cont::Space => spaces += 1,
                        Cont::Bytes(_) => {}
                    }
                    conts[k - 1] = c;
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok || lost > 1 {
            continue;
        }
        if lost == 1 {
            // The lead and the bytes that are left must still fit.
            let question = chars[i + 1..i + n].iter().any(|&(_, c)| c == '?');
            let penalty = 0.5;
            let fits = conts[..n - 1].iter().enumerate().all(|(k, c)| match c {
                Cont::Bytes(o) => k > 0 || o.as_slice().iter().any(|&b| second_byte_ok(l, b)),
                Cont::Lost => true,
                Cont::Space => k > 0 || second_byte_ok(l, 0xA0),
            });
            if fits && spaces == 0 {
                let cand = Candidate {
                    start: i,
                    end: i + n,
                    out: ['\u{FFFD}'],
                    penalty,
                    // A `?` for a lost byte needs evidence, like a space.
                    borrow: question,
                };
                if best.as_ref().map_or(true, |(p, _)| penalty < *p) {
                    best = Some((penalty, cand));
                }
            }
            continue;
        }
        // Enumerate byte choices (at most 3^3).
        let mut idx = [0usize; 3];
        loop {
            let mut buf = [l, 0, 0, 0];
            for k in 0..n - 1 {
                buf[k + 1] = match conts[k] {
                    Cont::Bytes(o) => o.as_slice()[idx[k]],
                    _ => 0xA0,
                };
            }
            if let Ok(s) = std::str::from_utf8(&buf[..n]) {
                if let Some(c) = s.chars().next() {
                    let next = chars.get(i + n).map(|&(_, c)| c);
                    let score = 2.0 * unigram(c) + window_cost(info, &[c], [prev, prev2], next);
                    if best.as_ref().map_or(true, |(p, _)| score < *p) {
                        best = Some((
                            score,
                            Candidate {
                                start: i,
                                end: i + n,
                                out: [c],
                                penalty: 0.0,
                                borrow: spaces > 0,
                            },
                        ));
                    }
                }
            }
            // next combination
            let mut k = 0;
            loop {
                if k == n - 1 {
                    return best.map(|(_, c)| c);
                }
                let len = match conts[k] {
                    Cont::Bytes(o) => o.n as usize,
                    _ => 1,
                };
                idx[k] += 1;
                if idx[k] < len {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
        }
    }
    best.map(|(_, c)| c)
}

fn second_byte_ok(lead: u8, b: u8) -> bool {
    match lead {
        0xE0 => (0xA0..=0xBF).contains(&b),
        0xED => (0x80..=0x9F).contains(&b),
        0xF0 => (0x90..=0xBF).contains(&b),
        0xF4 => (0x80..=0x8F).contains(&b),
        _ => (0x80..=0xBF).contains(&b),
    }
}

fn try_cesu(page: &Page, chars: &[(usize, char)], i: usize) -> Option<char> {
    let byte_in = |k: usize, lo: u8, hi: u8| -> Option<u8> {
        page.bytes(chars[i + k].1)
            .as_slice()
            .iter()
            .copied()
            .find(|b| (lo..=hi).contains(b))
    };
    byte_in(0, 0xED, 0xED)?;
    let b1 = byte_in(1, 0xA0, 0xAF)?;
    let b2 = byte_in(2, 0x80, 0xBF)?;
    byte_in(3, 0xED, 0xED)?;
    let b4 = byte_in(4, 0xB0, 0xBF)?;
    let b5 = byte_in(5, 0x80, 0xBF)?;
    let hi = 0xD000 | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
    let lo = 0xD000 | ((b4 as u32 & 0x3F) << 6) | (b5 as u32 & 0x3F);
    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    char::from_u32(cp)
}

/// All candidates of `page` in the segment `a..b`.
fn candidates(
    page: &Page,
    info: &TextInfo,
    chars: &[(usize, char)],
    a: usize,
    b: usize,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let c = chars[i].1;
        if !c.is_ascii() && page.has_lead(c) {
            if let Some(mut cand) = try_sequence(page, info, chars, i, b) {
                for &(_, c) in &chars[cand.start..cand.end] {
                    if is_c1(c) && page.decode[c as usize - 0x80] != c {
                        cand.penalty += 0.3;
                    }
                }
                i = cand.end;
                out.push(cand);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Special case of the letter à (bytes C3 A0) whose 0xA0 became a space:
/// "Ã l’eau" is "à l’eau", "Ã quele" is "àquele" (Portuguese contractions).
fn a_grave_keeps_space(after: &str) -> bool {
    let rest: String = after.chars().take(7).collect();
    let mut it = rest.chars();
    match it.next() {
        None => false,
        Some(c) if !c.is_alphabetic() => false,
        Some(_) => {
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let tail = rest[word.len()..].chars().next();
            let contraction = matches!(
                word.as_str(),
                "quele" | "quela" | "queles" | "quelas" | "quilo" | "quilos"
            ) || (word == "s"
                && tail.map_or(true, |t| t == ' ' || t.is_ascii_punctuation() && t != '\''));
            !contraction
        }
    }
}

/// A candidate, and the single-level candidates it is made of when it
/// undoes a double or triple encoding at once.
type Planned = (Candidate, Vec<Candidate>);

/// Candidates of `page` in the segment `a..b`, with multi-level ones: the
/// decoded output is decoded again (up to three levels).
fn plan(page: &Page, info: &TextInfo, chars: &[(usize, char)], a: usize, b: usize) -> Vec<Planned> {
    let mut layer: Vec<Planned> = candidates(page, info, chars, a, b)
        .into_iter()
        .map(|c| (c, Vec::new()))
        .collect();
    for _ in 0..2 {
        if layer.is_empty() {
            break;
        }
        let mut virt: Vec<(usize, char)> = Vec::new();
        let mut span: Vec<(usize, usize, Option<usize>)> = Vec::new();
        let (mut i, mut k) = (a, 0);
        while i < b {
            if k < layer.len() && layer[k].0.start == i {
                let c = &layer[k].0;
                for &ch in &c.out {
                    virt.push((i, ch));
                    span.push((c.start, c.end, Some(k)));
                }
                i = c.end;
                k += 1;
            } else {
                virt.push((i, chars[i].1));
                span.push((i, i + 1, None));
                i += 1;
            }
        }
        let mut used = vec![false; layer.len()];
        let mut next: Vec<Planned> = Vec::new();
        for c in candidates(page, info, &virt, 0, virt.len()) {
            if c.borrow {
                continue;
            }
            let first = span[c.start].2;
            let last = span[c.end - 1].2;
            if c.start > 0 && first.is_some() && span[c.start - 1].2 == first {
                continue;
            }
            if c.end < virt.len() && last.is_some() && span[c.end].2 == last {
                continue;
            }
            let mut ks: Vec<usize> = (c.start..c.end).filter_map(|v| span[v].2).collect();
            ks.dedup();
            if ks.is_empty() {
                continue;
            }
            let mut inner = Vec::new();
            let mut penalty = c.penalty;
            for &k in &ks {
                used[k] = true;
                penalty += layer[k].0.penalty;
                if layer[k].1.is_empty() {
                    inner.push(layer[k].0.clone());
                } else {
                    inner.extend(layer[k].1.iter().cloned());
                }
            }
            next.push((
                Candidate {
                    start: span[c.start].0,
                    end: span[c.end - 1].1,
                    out: c.out,
                    penalty,
                    borrow: c.borrow || ks.iter().any(|&k| layer[k].0.borrow),
                },
                inner,
            ));
        }
        if next.is_empty() {
            break;
        }
        let mut merged: Vec<Planned> = layer
            .into_iter()
            .enumerate()
            .filter(|(k, _)| !used[*k])
            .map(|(_, x)| x)
            .collect();
        merged.extend(next);
        merged.sort_by_key(|(c, _)| c.start);
        layer = merged;
    }
    layer
}

/// How strict [`accept`] is.
#[derive(Debug, Clone, Copy)]
struct Strictness {
    threshold: f32,
    /// Accept sequences where a space stands for a lost 0xA0 byte.
    borrow: bool,
}

const STRICT: Strictness = Strictness {
    threshold: 1.2,
    borrow: false,
};
const WITH_EVIDENCE: Strictness = Strictness {
    threshold: 0.2,
    borrow: true,
};

/// Scores and filters planned candidates of one page in one segment; returns
/// the accepted ones and their total gain.
fn accept(
    info: &TextInfo,
    chars: &[(usize, char)],
    planned: &[Planned],
    how: Strictness,
) -> (f32, Vec<Candidate>) {
    // The decoded char at each original position (for context).
    fn decoded_at(
        list: &[&Candidate],
        chars: &[(usize, char)],
        i: usize,
        from_end: bool,
    ) -> Option<char> {
        if let Ok(k) = list.binary_search_by(|c| {
            if i < c.start {
                std::cmp::Ordering::Greater
            } else if i >= c.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            let o = &list[k].out;
            return if from_end {
                o.last().copied()
            } else {
                o.first().copied()
            };
        }
        Some(chars[i].1)
    }
    let gain_of = |cand: &Candidate, ctx: &[&Candidate]| -> Option<f32> {
        let orig: Vec<char> = chars[cand.start..cand.end]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let had_c1 = orig.iter().any(|&c| is_c1(c));
        if !cand
            .out
            .iter()
            .all(|&c| unigram(c) < 6.0 || (had_c1 && is_c1(c)))
        {
            return None;
        }
        let a_grave = cand.out == ['à'] && orig.last() == Some(&' ');
        if cand.borrow && !how.borrow && !a_grave {
            return None;
        }
        let l1 = cand.start.checked_sub(1).map(|i| chars[i].1);
        let l2 = cand.start.checked_sub(2).map(|i| chars[i].1);
        let r = chars.get(cand.end).map(|&(_, c)| c);
        let before = window_cost(info, &orig, [l1, l2], r);
        let dl1 = cand
            .start
            .checked_sub(1)
            .and_then(|i| decoded_at(ctx, chars, i, true));
        let dl2 = cand
            .start
            .checked_sub(2)
            .and_then(|i| decoded_at(ctx, chars, i, true));
        let dr = if cand.end < chars.len() {
            decoded_at(ctx, chars, cand.end, false)
        } else {
            None
        };
        let borrow_cost = if cand.borrow && !a_grave { 0.3 } else { 0.0 };
        let after = window_cost(info, &cand.out, [dl1, dl2], dr) + cand.penalty + borrow_cost;
        let gain = before - after;
        (gain >= how.threshold).then_some(gain)
    };
    let outers: Vec<&Candidate> = planned.iter().map(|(c, _)| c).collect();
    let outer_gain: Vec<Option<f32>> = planned.iter().map(|(c, _)| gain_of(c, &outers)).collect();
    // Context for the parts of rejected multi-level candidates.
    let mut ctx: Vec<&Candidate> = Vec::new();
    for ((outer, inner), g) in planned.iter().zip(&outer_gain) {
        if g.is_some() || inner.is_empty() {
            ctx.push(outer);
        } else {
            ctx.extend(inner.iter());
        }
    }
    let mut total = 0.0;
    let mut kept = Vec::new();
    for ((outer, inner), g) in planned.iter().zip(&outer_gain) {
        if let Some(g) = g {
            total += g;
            kept.push(outer.clone());
        } else {
            for c in inner {
                if let Some(g) = gain_of(c, &ctx) {
                    total += g;
                    kept.push(c.clone());
                }
            }
        }
    }
    (total, kept)
}

/// Evidence that a page is the one the text was mangled through.
const EVIDENCE: f32 = 2.5;

/// One pass of repair over `text` on its own: the changes as (byte range,
/// replacement). [`repair_passes`] runs the same pass incrementally.
#[cfg(test)]
fn one_pass(text: &str) -> Edits {
    let mut cache = Cache::default();
    let state = State::new(text, &mut cache);
    state.pass(text, &mut cache)
}

/// A segment of the current text that is scored, as kept between passes:
/// where its window (the segment with up to two chars of context before
/// and one after) lies, and which [`Entry`] describes it.
#[derive(Debug, Clone, Copy)]
struct Rec {
    /// Byte offset of the window in the text.
    off0: usize,
    /// Byte length of the window.
    len: usize,
    /// Offset from `off0` of the segment's first char.
    seg_start: usize,
    /// Offset from `off0` of the char that ended the segment (`len` when
    /// the text ended it).
    seg_end: usize,
    /// Index into [`Cache::entries`].
    entry: usize,
}

/// A distinct window and what was decided about it. A window's answers
/// depend only on its chars and on which scripts the text hardly uses
/// ([`TextInfo::minor`]), so they hold for every occurrence, in every pass.
#[derive(Debug)]
struct Entry {
    /// Where the chars of the window lie in [`Cache::arena`], and how
    /// many there are.
    start: usize,
    hi: usize,
    /// The segment is `a..hi - after` of the window: it has at most two
    /// chars of context before it and one after (an entry is kept for
    /// every distinct window, so it is kept small).
    a: u8,
    after: u8,
    /// The entry before this one with the same [`window_hash`]
    /// (`usize::MAX` for none).
    next_same: usize,
    /// Pages where some char of the segment can be a lead byte.
    leads: u8,
    /// Nothing in the segment can be accepted strictly: it is scored only
    /// when the text has evidence.
    deferred: bool,
    /// The scores for every page (none yet for a deferred segment).
    /// Only the pages with candidates are kept: an entry stays small.
    result: Option<Scores>,
    /// Per primary page, the candidates accepted with evidence.
    with_evidence: Vec<(usize, Vec<Candidate>)>,
}

impl Entry {
    /// The end of the segment in the window.
    fn b(&self) -> usize {
        self.hi - usize::from(self.after)
    }
}

/// What [`State::pass`] needs to know of an entry to see that it changes
/// nothing, kept apart from the entry (small, and read for every segment in
/// every pass).
#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    /// [`Entry::deferred`].
    deferred: bool,
    /// [`Entry::result`] is there.
    scored: bool,
    /// Per page, the total gain of the strictly accepted candidates.
    gains: [f32; PAGES.len()],
    /// Pages with planned candidates.
    plans: u8,
    /// Pages where every plan is kept strictly and none is multi-level.
    all_kept: u8,
    /// Pages with strictly accepted candidates.
    strict: u8,
    /// Primary pages whose candidates accepted with evidence are known to
    /// be none.
    evidence_empty: u8,
}

impl Summary {
    fn of(res: &Scores, deferred: bool) -> Summary {
        let mut s = Summary {
            deferred,
            scored: true,
            // A page without plans keeps all of them.
            all_kept: u8::MAX,
            ..Summary::default()
        };
        for (p, plans, strict) in &res.pages {
            let p = *p;
            s.gains[p] = strict.0;
            s.plans |= (!plans.is_empty() as u8) << p;
            s.strict |= (!strict.1.is_empty() as u8) << p;
            let all_kept =
                strict.1.len() == plans.len() && plans.iter().all(|(_, inner)| inner.is_empty());
            if !all_kept {
                s.all_kept &= !(1 << p);
            }
        }
        s
    }
}

/// Distinct windows [`Cache::memo`] remembers in any case (few in the
/// tests, so that they also run with a memo that stopped remembering).
const MEMO_FREE: usize = if cfg!(test) { 64 } else { 1 << 12 };

/// The windows scored so far, shared by the passes of a repair (and by the
/// repairs of one [`normalize`](super::normalize) call). Valid for one set
/// of minor scripts; emptied when that changes.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// [`TextInfo::minor_mask`] the entries were scored under.
    minor: Option<u16>,
    /// [`window_hash`] to the last entry with that hash.
    memo: HashMap<u64, usize, BuildId>,
    /// Lookups that found an entry.
    memo_hits: usize,
    entries: Vec<Entry>,
    /// The chars of the entries' windows, one after the other (one
    /// allocation for all, not two per window). Only the chars: their
    /// offsets follow from them ([`unpack`]), and a window is kept for
    /// every segment of a text where few repeat (random bytes).
    arena: Vec<char>,
    /// [`Summary`] of each entry.
    summaries: Vec<Summary>,
    /// Scratch space of [`scan`].
    local: Vec<(usize, char)>,
    /// Keep the scan state of the repaired text for the next repair
    /// ([`Cache::follow`]).
    keep_state: bool,
    /// The scan state of the text the last repair returned, and its length.
    state: Option<(State, usize)>,
    #[cfg(test)]
    work: Work,
}

/// Work counters of a repair (tests only): they show that a pass after the
/// first costs in proportion to what the previous one changed, not to the
/// length of the text.
#[cfg(test)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Work {
    /// Passes of [`State::pass`].
    pub passes: usize,
    /// Bytes of text walked by [`scan`] (segmenting).
    pub scanned: usize,
    /// Windows scored ([`score`]).
    pub scored: usize,
    /// Segment records visited by passes and updates.
    pub visited: usize,
}

impl Cache {
    /// A cache that also keeps the scan state of the repaired text, for a
    /// later repair of that text after other edits ([`Cache::follow`]).
    pub(crate) fn keeping_state() -> Cache {
        Cache {
            keep_state: true,
            ..Cache::default()
        }
    }

    /// Follows `edits` (sorted, disjoint) that turn `old`, the text the last
    /// repair returned (or followed), into `new`, so the next repair of
    /// `new` scans only around them.
    pub(crate) fn follow(&mut self, old: &str, edits: &[(Range<usize>, String)], new: &str) {
        if let Some((mut state, len)) = self.state.take() {
            if len != old.len() {
                return;
            }
            state.update(self, old, edits, new);
            self.state = Some((state, new.len()));
        }
    }

    /// `true` when there is a scan state to follow.
    pub(crate) fn has_state(&self) -> bool {
        self.state.is_some()
    }

    /// Makes the entries valid for `info`: `true` when they were dropped.
    fn check(&mut self, info: &TextInfo) -> bool {
        let sig = info.minor_mask();
        if self.minor == Some(sig) {
            return false;
        }
        self.minor = Some(sig);
        self.memo.clear();
        self.memo_hits = 0;
        self.entries.clear();
        self.summaries.clear();
        self.arena.clear();
        true
    }
}

/// The scan state of the current text: its letter counts and its scored
/// segments in order.
#[derive(Debug)]
struct State {
    info: TextInfo,
    recs: Vec<Rec>,
    /// The buffer of the records before the last [`State::update`], reused
    /// by the next one (a fresh vector per pass, as long as the records,
    /// touched new memory in every pass of a long text).
    spare: Vec<Rec>,
}

impl State {
    /// Scans all of `text`.
    fn new(text: &str, cache: &mut Cache) -> State {
        let info = TextInfo::of_text(text);
        cache.check(&info);
        let mut recs = Vec::new();
        scan(cache, &info, text, 0, usize::MAX, &mut recs);
        State {
            info,
            recs,
            spare: Vec::new(),
        }
    }

    /// Brings the state from `old` to `new`, which is `old` with `edits`
    /// (sorted, disjoint) applied. A segment's window that no edit touches
    /// is still a segment with the same window (whether a char starts or
    /// continues a segment depends on it and the two chars before it), so
    /// only the gaps between kept windows that held an edit or a dropped
    /// window are scanned again: the work follows the edits, not the text.
    fn update(
        &mut self,
        cache: &mut Cache,
        old: &str,
        edits: &[(Range<usize>, String)],
        new: &str,
    ) {
        for (r, rep) in edits {
            self.info.remove_str(&old[r.clone()]);
            self.info.add_str(rep);
        }
        if cache.check(&self.info) {
            self.recs.clear();
            scan(cache, &self.info, new, 0, usize::MAX, &mut self.recs);
            return;
        }
        #[cfg(test)]
        {
            cache.work.visited += self.recs.len();
        }
        let old_recs = std::mem::take(&mut self.recs);
        let mut recs = std::mem::take(&mut self.spare);
        recs.clear();
        recs.reserve(old_recs.len());
        let mut ei = 0;
        let mut delta: isize = 0;
        // Where the scan of the current gap starts (in `new`), and whether
        // the gap changed.
        let mut gap_from = 0;
        let mut dirty = false;
        for rec in &old_recs {
            // Edits before the window; an insertion at its very start or
            // end touches it (the chars around a window at the text's ends
            // decide where its segment starts and ends).
            while ei < edits.len()
                && (edits[ei].0.end < rec.off0
                    || (edits[ei].0.end == rec.off0 && !edits[ei].0.is_empty()))
            {
                dirty = true;
                delta += edits[ei].1.len() as isize - edits[ei].0.len() as isize;
                ei += 1;
            }
            if ei < edits.len()
                && (edits[ei].0.start < rec.off0 + rec.len
                    || (edits[ei].0.is_empty() && edits[ei].0.start == rec.off0 + rec.len))
            {
                // The window changed: its gap is scanned again.
                dirty = true;
                continue;
            }
            let off0 = (rec.off0 as isize + delta) as usize;
            if dirty {
                scan(
                    cache,
                    &self.info,
                    new,
                    gap_from,
                    off0 + rec.seg_start,
                    &mut recs,
                );
                dirty = false;
            }
            recs.push(Rec { off0, ..*rec });
            gap_from = off0 + rec.seg_end;
        }
        if dirty || ei < edits.len() {
            scan(cache, &self.info, new, gap_from, usize::MAX, &mut recs);
        }
        self.recs = recs;
        self.spare = old_recs;
    }

    /// One pass of repair over `text` (the text of this state): the changes
    /// as (byte range, replacement).
    fn pass(&self, text: &str, cache: &mut Cache) -> Edits {
        #[cfg(test)]
        {
            cache.work.passes += 1;
            cache.work.visited += self.recs.len();
        }
        let info = &self.info;
        let mut out = Vec::new();
        // Per page, the total gain of the strictly accepted candidates, in
        // text order.
        let mut page_total = [0f32; PAGES.len()];
        for rec in &self.recs {
            let s = &cache.summaries[rec.entry];
            if s.deferred {
                continue;
            }
            debug_assert!(s.scored, "a segment that is not deferred is scored");
            for (total, g) in page_total.iter_mut().zip(s.gains) {
                *total += g;
            }
        }
        // The primary page: the one with the largest total gain (first on ties).
        let mut primary = 0;
        for p in 1..PAGES.len() {
            if page_total[p] > page_total[primary] + 1e-4 {
                primary = p;
            }
        }
        if page_total[primary] <= 0.0 {
            return out;
        }
        let evidence = page_total[primary] >= EVIDENCE;
        // The window of the entry at hand, with offsets.
        let mut window = Vec::new();
        if evidence {
            for rec in &self.recs {
                if cache.summaries[rec.entry].scored {
                    continue;
                }
                let e = &mut cache.entries[rec.entry];
                unpack(&cache.arena[e.start..e.start + e.hi], &mut window);
                let res = score(info, &window, e.a.into(), e.b(), e.leads);
                cache.summaries[rec.entry] = Summary::of(&res, e.deferred);
                e.result = Some(res);
                #[cfg(test)]
                {
                    cache.work.scored += 1;
                }
            }
        }
        let bit = 1u8 << primary;
        for rec in &self.recs {
            // Most segments change nothing: that is read from the summary
            // alone.
            let s = cache.summaries[rec.entry];
            if (s.deferred && !evidence) || !s.scored {
                // The text has no evidence: nothing is accepted.
                continue;
            }
            let use_evidence = evidence && s.plans & bit != 0 && s.all_kept & bit == 0;
            let mine_empty = if use_evidence {
                s.evidence_empty & bit != 0
            } else {
                s.strict & bit == 0
            };
            if mine_empty && !s.gains.iter().any(|&g| g > 0.0) {
                continue;
            }
            let Entry {
                start,
                hi,
                deferred,
                result,
                with_evidence,
                ..
            } = &mut cache.entries[rec.entry];
            if *deferred && !evidence {
                // The text has no evidence: nothing is accepted.
                continue;
            }
            let Some(res) = result.as_ref() else {
                continue;
            };
            unpack(&cache.arena[*start..*start + *hi], &mut window);
            let local = &window[..];
            let (plans, strict) = res.page(primary);
            let all_kept =
                strict.1.len() == plans.len() && plans.iter().all(|(_, inner)| inner.is_empty());
            let mine: &[Candidate] = if evidence && !plans.is_empty() && !all_kept {
                // The candidates accepted with evidence (same chars, same
                // answer).
                let k = match with_evidence.iter().position(|(p, _)| *p == primary) {
                    Some(k) => k,
                    None => {
                        let mut kept = accept(info, local, plans, WITH_EVIDENCE).1;
                        if kept.is_empty() {
                            cache.summaries[rec.entry].evidence_empty |= bit;
                        }
                        kept.shrink_to_fit();
                        with_evidence.reserve_exact(1);
                        with_evidence.push((primary, kept));
                        with_evidence.len() - 1
                    }
                };
                &with_evidence[k].1
            } else {
                &strict.1
            };
            let chosen: &[Candidate] = if !mine.is_empty() {
                mine
            } else {
                // Another page, on its own strength.
                let mut best: Option<usize> = None;
                for p in 0..PAGES.len() {
                    let g = res.page(p).1 .0;
                    if g > 0.0 && best.map_or(true, |bp| g > res.page(bp).1 .0 + 1e-4) {
                        best = Some(p);
                    }
                }
                match best {
                    Some(p) => &res.page(p).1 .1,
                    None => continue,
                }
            };
            for cand in chosen {
                let start = rec.off0 + local[cand.start].0;
                let end = local
                    .get(cand.end)
                    .map_or(text.len(), |&(o, _)| rec.off0 + o);
                let mut rep: String = cand.out.iter().collect();
                let last = local[cand.end - 1].1;
                if rep == "à" && last == ' ' && a_grave_keeps_space(&text[end..]) {
                    rep.push(' ');
                }
                out.push((start..end, rep));
            }
        }
        out
    }
}

/// Segments `text` from byte `from` (a point between segments) until the
/// next segment would start at or after `stop`, and appends the segments
/// that are scored to `out`, scoring the windows not seen before.
///
/// Segments are read with their context (up to two chars before, one
/// after) into a window. A segment's result depends only on its window
/// (and on the minor scripts), so repeated runs are scored once (the
/// memo).
fn scan(
    cache: &mut Cache,
    info: &TextInfo,
    text: &str,
    from: usize,
    stop: usize,
    out: &mut Vec<Rec>,
) {
    let bytes = text.as_bytes();
    let mut local = std::mem::take(&mut cache.local);
    // ASCII is skipped eight bytes at a time; a segment starts at the next
    // non-ASCII char.
    let mut i = skip_ascii(bytes, from.min(bytes.len()));
    while i < bytes.len() && i < stop {
        local.clear();
        // The two chars before the segment.
        let mut before = text[..i].char_indices().rev().take(2);
        let (p1, p2) = (before.next(), before.next());
        local.extend(p2);
        local.extend(p1);
        let a = local.len();
        let (c, len) = char_at(text, i);
        local.push((i, c));
        i += len;
        let mut last = c;
        while i < bytes.len() {
            let (c2, len2) = char_at(text, i);
            let inside = !c2.is_ascii() || (matches!(c2, ' ' | '?') && !last.is_ascii());
            if !inside {
                break;
            }
            local.push((i, c2));
            last = c2;
            i += len2;
        }
        let b = local.len();
        let seg_end = i;
        if i < bytes.len() {
            local.push((i, char_at(text, i).0));
        }
        let hi = local.len();
        let window_end = local[hi - 1].0 + local[hi - 1].1.len_utf8();
        // The char at `i` is ASCII (it ended the segment).
        i = skip_ascii(bytes, i);
        // Pages where some char of the segment can be a lead byte.
        let mut leads = 0u8;
        for &(_, c) in &local[a..b] {
            leads |= masks(c).0;
        }
        let mut strong = false;
        let mut weak = false;
        let mut a_grave = false;
        for k in a..b {
            let c = local[k].1;
            let next = local.get(k + 1).map(|x| x.1);
            weak |= c == '?' || c == ' ';
            strong = strong || starts_suspicious(c, next);
            a_grave = a_grave || (maps_to_c3(c) && next.is_some_and(|n| n == ' ' || maps_to_c2(n)));
        }
        if !(strong || weak) || leads == 0 {
            continue;
        }
        let off0 = local[0].0;
        let hash = window_hash(&local, a, b);
        let mut found = cache.memo.get(&hash).copied().unwrap_or(usize::MAX);
        while found != usize::MAX {
            let e = &cache.entries[found];
            if usize::from(e.a) == a
                && e.b() == b
                && e.hi == hi
                && cache.arena[e.start..e.start + hi]
                    .iter()
                    .zip(&local)
                    .all(|(&x, y)| x == y.1)
            {
                break;
            }
            found = e.next_same;
        }
        let entry = match found {
            e if e != usize::MAX => {
                cache.memo_hits += 1;
                e
            }
            _ => {
                // Every candidate that `accept` with `STRICT` could keep is
                // a sequence without a space or `?` for a lost byte, or an
                // "à" (see below), or made of such sequences. The first are
                // decoded from a lead followed by a continuation byte (or by
                // U+FFFD or a C1 control), which `strong` catches at its
                // start, and [`strictly_dead`] bounds each of them. "à"
                // needs a char that maps to 0xC3 followed by a space (one
                // level) or by one that maps to 0xC2 ("ÃÂ " is "à" through a
                // decoded U+00A0 of "Â "; a char decoded from a sequence
                // with a lost byte has an 0xA0 in its UTF-8, which no char
                // mapping to 0xC3 or 0xC2 has), which `a_grave` catches. So
                // nothing in a deferred segment is accepted strictly: it
                // adds nothing to the page totals, keeps nothing on its own
                // strength, and can change only if the text has evidence.
                // It is scored (exactly as the others) only then. Clean
                // Greek or Cyrillic lines, one long segment of words between
                // single spaces, are not scored at all unless the text has
                // evidence.
                let deferred = !a_grave && (!strong || strictly_dead(info, &local, a, b));
                let result = (!deferred).then(|| score(info, &local, a, b, leads));
                #[cfg(test)]
                {
                    cache.work.scored += result.is_some() as usize;
                }
                let start = cache.arena.len();
                cache.arena.extend(local.iter().map(|&(_, c)| c));
                cache.summaries.push(match &result {
                    Some(res) => Summary::of(res, deferred),
                    None => Summary {
                        deferred,
                        ..Summary::default()
                    },
                });
                let next_same = cache.memo.get(&hash).copied().unwrap_or(usize::MAX);
                cache.entries.push(Entry {
                    start,
                    hi,
                    a: a as u8,
                    after: (hi - b) as u8,
                    next_same,
                    leads,
                    deferred,
                    result,
                    with_evidence: Vec::new(),
                });
                let e = cache.entries.len() - 1;
                // Windows are remembered while remembering pays: past a few
                // thousand distinct windows, only if at least one lookup in
                // four finds one. Random bytes, where hardly any window
                // repeats, keep a small table that is quick to probe (a table
                // of every window missed the cache on every probe); a window
                // scored twice gets the same answer twice.
                if cache.memo.len() < MEMO_FREE || cache.memo_hits * 4 >= cache.entries.len() {
                    cache.memo.insert(hash, e);
                }
                e
            }
        };
        out.push(Rec {
            off0,
            len: window_end - off0,
            seg_start: local[a].0 - off0,
            seg_end: seg_end - off0,
            entry,
        });
    }
    debug_assert!(
        stop >= bytes.len() || i == stop,
        "scan overran a kept segment"
    );
    #[cfg(test)]
    {
        cache.work.scanned += i.saturating_sub(from);
    }
    cache.local = local;
}

/// Reads a window kept in [`Cache::arena`] as `chars` into `out`, each
/// char with its byte offset from the window's start (the chars of a window
/// are contiguous in the text).
fn unpack(chars: &[char], out: &mut Vec<(usize, char)>) {
    out.clear();
    let mut o = 0;
    out.extend(chars.iter().map(|&c| {
        let at = o;
        o += c.len_utf8();
        (at, c)
    }));
}

/// For [`scan`]: `true` when no sequence without a lost byte in the
/// segment `a..b` of `local` can be accepted strictly, in any context.
///
/// Such a sequence starts where [`starts_suspicious`] holds, and is what
/// [`try_sequence`] finds there (it depends on the raw chars only). If its
/// decoded char has no byte in the page, it cannot be part of a
/// multi-level candidate either; and its gain is the cost of the raw chars
/// (known) minus the cost of the decoded char in a decoded context, which
/// is at least the char's [`unigram`] cost (every term of [`window_cost`]
/// is non-negative, and so is a penalty). A clean Greek line with "ά»"
/// (a real cp1253 pair, U+073B) is dead: the Syriac char costs more than
/// the Greek pair it replaces.
fn strictly_dead(info: &TextInfo, local: &[(usize, char)], a: usize, b: usize) -> bool {
    for k in a..b {
        let c = local[k].1;
        if !starts_suspicious(c, local.get(k + 1).map(|x| x.1)) {
            continue;
        }
        for page in &PAGES {
            if c.is_ascii() || !page.has_lead(c) {
                continue;
            }
            let Some(cand) = try_sequence(page, info, local, k, b) else {
                continue;
            };
            if cand.borrow {
                continue;
            }
            if cand.out.iter().any(|&o| page.bytes(o).n > 0) {
                return false;
            }
            // At most six chars (CESU-8), kept on the stack.
            let mut orig = ['\0'; 6];
            let n = cand.end - cand.start;
            for (o, &(_, c)) in orig.iter_mut().zip(&local[cand.start..cand.end]) {
                *o = c;
            }
            let l1 = cand.start.checked_sub(1).map(|i| local[i].1);
            let l2 = cand.start.checked_sub(2).map(|i| local[i].1);
            let r = local.get(cand.end).map(|&(_, c)| c);
            let before = window_cost(info, &orig[..n.min(6)], [l1, l2], r);
            let least_after: f32 = cand.out.iter().map(|&o| unigram(o)).sum();
            if before - least_after >= STRICT.threshold {
                return false;
            }
        }
    }
    true
}

/// The memo hash of the segment `a..b` of the window `local`: its chars
/// and where the segment lies in it.
fn window_hash(local: &[(usize, char)], a: usize, b: usize) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx(0);
    h.write_usize(a);
    h.write_usize(local.len() - b);
    for &(_, c) in local {
        h.write_u32(c as u32);
    }
    h.finish()
}

/// Scores the segment `a..b` of `local` (its window: the chars of the
/// segment with up to two chars of context before and one after) for every
/// page whose bit is set in `leads`.
fn score(info: &TextInfo, local: &[(usize, char)], a: usize, b: usize, leads: u8) -> Scores {
    let mut pages = Vec::with_capacity(leads.count_ones() as usize);
    for (p, page) in PAGES.iter().enumerate() {
        if leads & (1 << p) == 0 {
            continue;
        }
        let planned = plan(page, info, local, a, b);
        if planned.is_empty() {
            continue;
        }
        let strict = accept(info, local, &planned, STRICT);
        pages.push((p, planned, strict));
    }
    Scores {
        pages: pages.into_boxed_slice(),
    }
}

/// A small multiplicative hasher for [`window_hash`] (windows are a few
/// chars; SipHash would cost more than the lookup saves).
#[derive(Debug)]
struct Fx(u64);

/// [`Fx`] as a `BuildHasher` (for the reference pass of the tests).
#[cfg(test)]
#[derive(Debug, Default, Clone, Copy)]
struct BuildFx;

#[cfg(test)]
impl std::hash::BuildHasher for BuildFx {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

/// The memo's hasher: its keys are [`window_hash`]es already.
#[derive(Debug, Default, Clone, Copy)]
struct BuildId;

impl std::hash::BuildHasher for BuildId {
    type Hasher = Id;
    fn build_hasher(&self) -> Id {
        Id(0)
    }
}

#[derive(Debug)]
struct Id(u64);

impl std::hash::Hasher for Id {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Strictly accepted candidates and their total gain.
type Accepted = (f32, Vec<Candidate>);

/// The scoring of one segment for the pages that have candidates in it:
/// planned candidates, and the strictly accepted ones with their total
/// gain (a page that is not there has neither).
#[derive(Debug)]
struct Scores {
    pages: Box<[(usize, Vec<Planned>, Accepted)]>,
}

/// The strict answer of a page without candidates.
static NOTHING_ACCEPTED: Accepted = (0.0, Vec::new());

impl Scores {
    /// The planned and the strictly accepted candidates of page `p`.
    fn page(&self, p: usize) -> (&[Planned], &Accepted) {
        match self.pages.iter().find(|x| x.0 == p) {
            Some((_, planned, strict)) => (planned, strict),
            None => (&[], &NOTHING_ACCEPTED),
        }
    }
}

/// [`Scores`] with every page (the reference pass of the tests).
#[cfg(test)]
#[derive(Debug)]
struct SegmentResult {
    pages: [(Vec<Planned>, Accepted); 7],
}

/// Reads a C1 control character left over after repair as the byte it is:
/// Windows-1252 punctuation, or a Mac Roman letter inside a word.
#[inline(never)]
fn fix_c1(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    // C1 controls are U+0080..U+009F: 0xC2 then 0x80..=0x9F in UTF-8.
    let has_c1 = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xC2 && w[1] < 0xA0);
    if !has_c1 {
        return out;
    }
    // Only the C1 controls and their neighbours are read (collecting the
    // chars of the whole text cost more than the rest of a late pass).
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if !(bytes[i] == 0xC2 && (0x80..0xA0).contains(&bytes[i + 1])) {
            i += 1;
            continue;
        }
        let c = char::from(bytes[i + 1]);
        debug_assert!(is_c1(c));
        let at = i;
        i += 2;
        let byte = c as u32 as usize - 0x80;
        let w = WINDOWS_1252_DECODE[byte];
        let prev = text[..at].chars().next_back();
        let next = text[i..].chars().next();
        let mac = PAGES[MAC_ROMAN].decode[byte];
        let in_word =
            prev.is_some_and(|p| p.is_alphabetic()) && next.is_some_and(|n| n.is_alphabetic());
        let contraction = w == '’' && {
            let rest: String = text[i..].chars().take(4).collect();
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            matches!(word.as_str(), "s" | "t" | "d" | "m" | "ll" | "re" | "ve")
        };
        let rep = if in_word && !w.is_alphabetic() && mac.is_alphabetic() && !contraction {
            mac
        } else if !is_c1(w) {
            w
        } else {
            continue;
        };
        out.push((at..at + 2, rep.to_string()));
    }
    out
}

/// Byte-range edits of one pass: (range, replacement).
pub(crate) type Edits = Vec<(std::ops::Range<usize>, String)>;

/// Applies `edits` (sorted, disjoint) to `text`.
#[inline(never)]
fn apply(text: &str, edits: &[(std::ops::Range<usize>, String)]) -> String {
    let mut s = String::with_capacity(text.len());
    let mut at = 0;
    for (r, rep) in edits {
        s.push_str(&text[at..r.start]);
        s.push_str(rep);
        at = r.end;
    }
    s.push_str(&text[at..]);
    s
}

/// Repairs `text`; returns `None` when nothing changed, else the passes (each
/// a list of edits on the previous pass's output) and the final text.
pub(crate) fn repair_passes(text: &str) -> Option<(Vec<Edits>, String)> {
    repair_passes_in(text, &mut Cache::default())
}

/// [`repair_passes`] with the scored windows of `cache` (which it extends).
///
/// The first pass segments the whole text; each later pass starts from the
/// segments of the one before and segments again only around its edits
/// ([`State::update`]), so the passes together cost about one scan of the
/// text plus the work of the edits (a full scan per pass made random bytes
/// decoded lossily, where every pass finds something, cost several scans).
pub(crate) fn repair_passes_in(text: &str, cache: &mut Cache) -> Option<(Vec<Edits>, String)> {
    let could_repair = |t: &str| is_suspicious(t) && could_change(t);
    // The fast path: a clean text is scanned and not copied.
    if !could_repair(text) {
        return None;
    }
    let mut passes = Vec::new();
    let mut cur: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed(text);
    let mut state = match cache.state.take() {
        Some((state, len)) if len == text.len() => state,
        _ => State::new(text, cache),
    };
    // The text before the last change, while `state` has not followed it
    // yet (it follows only when another pass runs: most texts need one).
    let mut stale: Option<std::borrow::Cow<'_, str>> = None;
    // Brings `state` up to date with `cur` (the last change is the last of
    // `passes`).
    let catch_up = |state: &mut State,
                    cache: &mut Cache,
                    stale: &mut Option<std::borrow::Cow<'_, str>>,
                    passes: &[Edits],
                    cur: &str| {
        if let (Some(old), Some(edits)) = (stale.take(), passes.last()) {
            state.update(cache, &old, edits, cur);
        }
    };
    // A second round runs only when the first left something the cheap
    // pre-check still flags (mojibake uncovered by the C1 fix, or deeper
    // than four levels), so that a repaired text is a fixed point as far
    // as this takes: `fix_encoding(fix_encoding(x)) == fix_encoding(x)`.
    for _ in 0..2 {
        let before = passes.len();
        // `cur` passed the pre-check after the last change (so the second
        // round need not check it again).
        let mut checked_clean = false;
        for _ in 0..4 {
            catch_up(&mut state, cache, &mut stale, &passes, &cur);
            let edits = state.pass(&cur, cache);
            if edits.is_empty() {
                break;
            }
            let next = apply(&cur, &edits);
            stale = Some(std::mem::replace(&mut cur, next.into()));
            passes.push(edits);
            if !could_repair(&cur) {
                checked_clean = true;
                break;
            }
        }
        let c1 = fix_c1(&cur);
        if !c1.is_empty() {
            catch_up(&mut state, cache, &mut stale, &passes, &cur);
            let next = apply(&cur, &c1);
            stale = Some(std::mem::replace(&mut cur, next.into()));
            passes.push(c1);
            checked_clean = !could_repair(&cur);
        }
        if passes.len() == before || checked_clean {
            break;
        }
    }
    if cache.keep_state && !passes.is_empty() {
        catch_up(&mut state, cache, &mut stale, &passes, &cur);
        // The spare buffer is not kept while the state waits.
        state.spare = Vec::new();
        cache.state = Some((state, cur.len()));
    }
    if passes.is_empty() {
        None
    } else {
        Some((passes, cur.into_owned()))
    }
}

/// The work counters of repairing `text` (tests only).
#[cfg(test)]
pub(crate) fn repair_work(text: &str) -> Work {
    let mut cache = Cache::default();
    repair_passes_in(text, &mut cache);
    cache.work
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        match repair_passes(s) {
            Some((_, t)) => t,
            None => s.to_string(),
        }
    }

    #[test]
    fn tables_are_consistent() {
        for page in &PAGES {
            for (i, &c) in page.decode.iter().enumerate() {
                assert!(
                    page.bytes(c).as_slice().contains(&(0x80 + i as u8)),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn smoke() {
        assert_eq!(fix("fÃ¼r"), "für");
    }
}

#[cfg(test)]
mod debug {
    use super::*;

    /// `DEBUG_REPAIR="text" cargo test debug_repair -- --nocapture`
    #[test]
    fn debug_repair() {
        let Ok(text) = std::env::var("DEBUG_REPAIR") else {
            return;
        };
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let info = TextInfo::new(&chars);
        for (p, page) in PAGES.iter().enumerate() {
            let planned = plan(page, &info, &chars, 0, chars.len());
            for (c, inner) in &planned {
                let orig: String = chars[c.start..c.end].iter().map(|x| x.1).collect();
                let one = [(c.clone(), Vec::new())];
                let s = accept(
                    &info,
                    &chars,
                    &one,
                    Strictness {
                        threshold: -100.0,
                        borrow: true,
                    },
                );
                eprintln!(
                    "page {p} {orig:?} -> {:?} gain {:?} inner {}",
                    c.out,
                    s.0,
                    inner.len()
                );
            }
        }
        eprintln!("result {:?}", repair_passes(&text).map(|x| x.1));
    }
}

#[cfg(test)]
#[path = "repair_ref.rs"]
mod reference;

#[cfg(test)]
mod differential {
    use super::*;

    /// A small xorshift generator (the tests must be repeatable).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// `s` read through page `p` (bytes 0x80..=0xFF; ASCII stays).
    fn mangle(s: &str, p: usize) -> String {
        s.bytes()
            .map(|b| {
                if b < 0x80 {
                    b as char
                } else {
                    PAGES[p].decode[b as usize - 0x80]
                }
            })
            .collect()
    }

    /// Short texts made of the chars the repair cares about: code page
    /// chars, spaces, `?`, U+FFFD, Greek, Cyrillic, other scripts, and
    /// mojibake of a few chars once or twice over.
    fn texts(count: usize, seed: u64) -> Vec<String> {
        let mut pool: Vec<char> = PAGES
            .iter()
            .flat_map(|p| p.decode.iter().copied())
            .collect();
        pool.extend("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΕΗΘΙΟΠΣΤΩΆΈΉ".chars());
        pool.extend("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖМПРСЯёієїґ".chars());
        pool.extend("中文한국어🤖📈→—–…€™\u{FFFD}\u{80}\u{9F}\u{A0}ﬁﬂ\u{F8FF}".chars());
        let nice: Vec<char> = "éüßàÃ→—–🤖📈⚪άέяёі€™…“”‘’«»ŠœžĞğşİıčřů中"
            .chars()
            .collect();
        let mut rng = Rng(seed);
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let len = 1 + rng.below(12);
            let mut s = String::new();
            for _ in 0..len {
                match rng.below(10) {
                    0 | 1 => s.push(' '),
                    2 => s.push(if rng.below(2) == 0 { '?' } else { 'a' }),
                    3 | 4 => {
                        let c = nice[rng.below(nice.len())];
                        let once = mangle(c.encode_utf8(&mut [0; 4]), rng.below(7));
                        if rng.below(4) == 0 {
                            s.push_str(&mangle(&once, rng.below(7)));
                        } else {
                            s.push_str(&once);
                        }
                    }
                    _ => s.push(pool[rng.below(pool.len())]),
                }
            }
            out.push(s);
        }
        out
    }

    /// [`could_change`] against the reference: it may answer `false` where
    /// the reference answers `true` only when the text has a sequence
    /// without a lost byte that [`start_live`] proves can never be kept
    /// (and nothing else that matters), and then a pass of the reference
    /// must indeed change nothing.
    fn check_could_change(t: &str, pruned: &mut usize) -> bool {
        let want = reference::could_change(t);
        let got = could_change(t);
        assert!(!got || want, "{t:?}");
        if want && !got {
            assert!(reference::one_pass(t).is_empty(), "{t:?}");
            assert!(!t.chars().any(is_c1), "{t:?}");
            *pruned += 1;
        }
        want
    }

    #[test]
    fn quiet_cyrillic_skip_changes_no_answer() {
        assert!(
            tables().cyrillic_quiet,
            "the tables no longer allow the skip"
        );
        // Long runs of Cyrillic words (lowercase, capitalised, all caps,
        // with "ё", Ukrainian letters and punctuation), sometimes with a
        // mangled word (UTF-8 read as cp1251: "РїСЂРёРІРµС‚") or a Latin-1
        // sequence in them, anywhere against the 32-byte blocks.
        let words = [
            "мир",
            "правительство",
            "объявил",
            "всё",
            "её",
            "В",
            "Москве",
            "ООН",
            "і",
            "ї",
            "привет",
            "а",
            "Я",
            "—",
            "…",
            "Санкт-Петербург",
            "1999",
            "РїСЂРёРІРµС‚",
            "Рё",
            "Ã©",
            "Р",
            "С‚",
            "«ё»",
            "?",
            "Ð",
        ];
        let mut rng = Rng(23);
        let (mut changed, mut tested, mut skipped) = (0, 0, 0);
        for k in 0..20_000 {
            let mut t = String::new();
            for _ in 0..rng.below(60) {
                // Every other text has no mangled word, and may have a
                // "Г " ("à" with a lost 0xA0 in cp1251), the one case in
                // which the char before a space counts.
                let w = if rng.below(6) == 0 && k % 2 == 0 {
                    words[rng.below(words.len())]
                } else if rng.below(40) == 0 && k % 2 == 1 {
                    "Г"
                } else {
                    words[[0, 1, 2, 9, 10][rng.below(5)]]
                };
                t.push_str(w);
                t.push([' ', ' ', ' ', ' ', ' ', '\n', ','][rng.below(7)]);
            }
            let got = is_suspicious_with::<true>(&t);
            assert_eq!(got, is_suspicious_with::<false>(&t), "{t:?}");
            assert_eq!(got, is_suspicious(&t), "{t:?}");
            check_could_change(&t, &mut 0);
            changed += got as usize;
            tested += 1;
            let b = t.as_bytes();
            skipped += (0..b.len()).any(|i| quiet_cyrillic_end(b, i) != i) as usize;
        }
        assert!(
            changed > tested / 10 && changed < tested * 9 / 10,
            "{changed}"
        );
        assert!(skipped > tested / 2, "{skipped} of {tested}");
    }

    #[test]
    fn maps_to_c2_and_c3_match_the_pages() {
        for u in 0x80..0x3000 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let to = |b: u8| {
                PAGES
                    .iter()
                    .any(|p| p.bytes_slow(c).as_slice().contains(&b))
            };
            assert_eq!(maps_to_c2(c), to(0xC2), "{c:?}");
            assert_eq!(maps_to_c3(c), to(0xC3), "{c:?}");
        }
    }

    #[test]
    fn lone_c3_char_before_space_is_a_grave() {
        // "Г " is "à" with its 0xA0 lost (cp1251), before and after the
        // pruning; the clean-text property allows it.
        assert!(!reference::one_pass("Г aAa").is_empty());
        assert!(!one_pass("Г aAa").is_empty());
    }

    #[test]
    fn could_change_matches_reference() {
        let mut changed = 0;
        let mut pruned = 0;
        let pieces = texts(300_000, 0x9E37_79B9_7F4A_7C15);
        let mut rng = Rng(11);
        for t in &pieces {
            changed += check_could_change(t, &mut pruned) as usize;
            // Longer runs of Greek and Cyrillic words between spaces.
            let mut long = String::new();
            for _ in 0..2 + rng.below(5) {
                long.push_str(
                    [
                        "всё",
                        "её",
                        "Αθήνα",
                        "γραμμές",
                        "В",
                        "ά",
                        "мир",
                        "Ц",
                        "«εισαγωγικά»",
                        "ή»",
                    ][rng.below(10)],
                );
                long.push(' ');
                long.push_str(&pieces[rng.below(pieces.len())]);
                long.push(' ');
            }
            check_could_change(&long, &mut pruned);
        }
        // Both answers must be well represented, and the pruning must be
        // exercised without being the rule.
        assert!(changed > 10_000 && changed < 290_000, "{changed}");
        assert!(
            pruned > 100 && pruned < changed / 4,
            "{pruned} of {changed}"
        );
    }

    #[test]
    fn one_pass_matches_reference() {
        let pieces = texts(60_000, 0x2545_F491_4F6C_DD1D);
        let words = ["the", "Köln", "und", "Αθήνα", "всё", "a", "?", "x.", "\n"];
        let mut rng = Rng(7);
        let mut edited = 0;
        for (k, t) in pieces.iter().enumerate() {
            // Alone, and in longer texts with neighbours (the primary page
            // and the evidence are decided over the whole text).
            let mut long = String::new();
            for _ in 0..1 + rng.below(6) {
                long.push_str(&pieces[rng.below(pieces.len())]);
                long.push(' ');
                long.push_str(words[rng.below(words.len())]);
                long.push(if k % 3 == 0 { ' ' } else { '\n' });
            }
            for t in [t.as_str(), long.as_str()] {
                let want = reference::one_pass(t);
                assert_eq!(one_pass(t), want, "{t:?}");
                edited += !want.is_empty() as usize;
            }
        }
        assert!(edited > 10_000, "{edited}");
    }
}

#[cfg(test)]
mod incremental {
    use super::*;

    /// The repair loop as it was before the passes became incremental:
    /// every pass segments and scores the whole text afresh.
    fn repair_from_scratch(text: &str) -> Option<(Vec<Edits>, String)> {
        let could_repair = |t: &str| is_suspicious(t) && could_change(t);
        if !could_repair(text) {
            return None;
        }
        let mut passes = Vec::new();
        let mut cur = text.to_string();
        for _ in 0..2 {
            let before = passes.len();
            let mut checked_clean = false;
            for _ in 0..4 {
                let edits = one_pass(&cur);
                if edits.is_empty() {
                    break;
                }
                cur = apply(&cur, &edits);
                passes.push(edits);
                if !could_repair(&cur) {
                    checked_clean = true;
                    break;
                }
            }
            let c1 = fix_c1(&cur);
            if !c1.is_empty() {
                cur = apply(&cur, &c1);
                passes.push(c1);
                checked_clean = !could_repair(&cur);
            }
            if passes.len() == before || checked_clean {
                break;
            }
        }
        (!passes.is_empty()).then_some((passes, cur))
    }

    /// `n` random bytes (xorshift), decoded lossily as a scraper's bytes
    /// would be (the detector reads them as a legacy page).
    fn random_text(n: usize, seed: u64) -> String {
        let mut x = seed | 1;
        let bytes: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect();
        crate::normalize::decode(&bytes, true)
            .map(|d| d.text)
            .unwrap_or_default()
    }

    #[test]
    fn incremental_passes_match_from_scratch() {
        let mut changed = 0;
        for (k, n) in [40, 300, 1_000, 3_000, 10_000, 30_000]
            .into_iter()
            .enumerate()
        {
            for seed in 0..6u64 {
                let t = random_text(n, seed * 7919 + k as u64);
                let got = repair_passes(&t);
                let want = repair_from_scratch(&t);
                changed += want.is_some() as usize;
                assert_eq!(got, want, "size {n}, seed {seed}");
            }
        }
        assert!(changed > 20, "{changed}");
        // Mangled snippets of every page among clean words, several levels
        // deep, where later passes have work to do.
        let words = [
            "the",
            "Köln",
            "und",
            "Αθήνα",
            "всё",
            "a",
            "?",
            "x.",
            "\n",
            " ",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let nice: Vec<char> = "éüßàÃ→—–🤖📈⚪άέяёі€™…“”‘’«»ŠœžĞğşİıčřů中"
            .chars()
            .collect();
        for _ in 0..3_000 {
            let mut t = String::new();
            for _ in 0..1 + next(12) {
                if next(3) == 0 {
                    t.push_str(words[next(words.len())]);
                    continue;
                }
                let c = nice[next(nice.len())];
                let mut s = c.to_string();
                for _ in 0..1 + next(3) {
                    let p = &PAGES[next(PAGES.len())];
                    s = s
                        .bytes()
                        .map(|b| {
                            if b < 0x80 {
                                b as char
                            } else {
                                p.decode[b as usize - 0x80]
                            }
                        })
                        .collect();
                }
                t.push_str(&s);
            }
            assert_eq!(repair_passes(&t), repair_from_scratch(&t), "{t:?}");
        }
    }

    /// Random bytes decoded lossily find something to repair in every pass;
    /// a pass after the first must cost in proportion to what the one
    /// before changed, not to the text (each pass segmenting the whole text
    /// again made a long input cost several full scans, and the passes
    /// grow in number with the input). Counted, not timed.
    #[test]
    fn random_bytes_repair_work_is_linear() {
        let mut per_byte = Vec::new();
        for n in [50_000, 200_000] {
            let t = random_text(n, 7);
            let w = repair_work(&t);
            eprintln!("{} bytes: {w:?}", t.len());
            // Several passes run ...
            assert!(w.passes >= 3 && w.passes <= 10, "{w:?}");
            // ... but the text is segmented about once: the first pass
            // reads it all, the later ones only around their edits.
            assert!(w.scanned <= 2 * t.len(), "{w:?} for {}", t.len());
            per_byte.push((w.scanned + 16 * w.scored) as f64 / t.len() as f64);
        }
        // Four times the input, about four times the work.
        assert!(per_byte[1] <= per_byte[0] * 1.2, "{per_byte:?}");
    }
}
