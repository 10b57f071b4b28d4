//! Block features for the statistical classifier, in the spirit of jusText:
//! length, stop-word density, punctuation, capitalisation, digits and URLs,
//! link-like shape, position and similarity to the title (stage 1), with
//! page-shape context: the share of long prose and of headline-like lines
//! nearby, the distance from the densest run of long prose (the article's
//! main region), teaser grids (runs of "headline line + teaser sentence"
//! pairs, as in "more stories" lists after the body) and table rows; then
//! the neighbours' scores and the main content region (stage 2).

use nutgraf_article::{Block, BlockKind};
use nutgraf_text::{tokens, Language};

/// Number of stage-1 (per block) features.
pub const N1: usize = 41;
/// Number of stage-2 (context) features.
pub const N2: usize = 13;

/// Names of the stage-1 features (for reports).
pub const NAMES1: [&str; N1] = [
    "bias",
    "ln_words",
    "stop_density",
    "short_word_density",
    "ends_sentence",
    "sentence_punct_per_word",
    "commas_per_word",
    "capitalised_share",
    "all_caps_share",
    "digit_share",
    "url",
    "link_like",
    "position",
    "title_similarity",
    "kind_heading",
    "kind_list_item",
    "kind_other",
    "avg_word_len",
    "words_ge_10",
    "words_ge_30",
    "words_le_3",
    "duplicate",
    "lang_unknown",
    "short_density_unknown_lang",
    "ln_short_run",
    "after_title",
    "ln_title_distance",
    "ln_before_first_long",
    "ln_after_last_long",
    "ln_titlecase_run",
    "win_long_share",
    "win_headline_share",
    "in_dense_region",
    "ln_before_dense_region",
    "ln_after_dense_region",
    "ln_teaser_pairs",
    "long_no_final_punct",
    "ln_table_run",
    "ln_teaser_grid",
    "furniture_density",
    "ln_furniture",
];

/// Index of the in-region flag among the stage-2 features.
pub const IN_REGION: usize = 7;

/// Names of the stage-2 features.
pub const NAMES2: [&str; N2] = [
    "bias",
    "own",
    "prev",
    "next",
    "prev2",
    "next2",
    "window",
    "in_region",
    "ln_region_distance",
    "ln_words",
    "heading_next",
    "rule_neighbours",
    "position",
];

/// Token statistics of one block, gathered in one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Word tokens.
    pub tokens: usize,
    /// English stop words.
    pub en: usize,
    /// German stop words.
    pub de: usize,
    /// Short (at most 3 characters) lowercase tokens.
    pub short: usize,
    /// Tokens starting with a capital.
    pub caps: usize,
    /// Tokens in capitals throughout.
    pub allcaps: usize,
    /// Characters in tokens.
    pub letters: usize,
    /// Tokens that are title words.
    pub title_hits: usize,
    /// Tokens of the web-furniture lexicon ([`FURNITURE`]).
    pub furniture: usize,
    /// Chinese, Japanese and Korean characters (written without spaces).
    pub cjk: usize,
}

/// The characters, ASCII digits, sentence marks (`.`, `!`, `?`) and commas
/// of `text`. Counted over 64-byte blocks in byte-wide sums with
/// branch-free compares, which the compiler vectorises (a `match` per byte
/// cost about ten instructions per byte).
fn byte_counts(text: &str) -> [usize; 4] {
    let mut total = [0usize; 4];
    for chunk in text.as_bytes().chunks(64) {
        let (mut chars, mut digits, mut marks, mut commas) = (0u8, 0u8, 0u8, 0u8);
        for &c in chunk {
            // A char starts at every byte that is no continuation byte.
            chars += u8::from(c & 0xC0 != 0x80);
            digits += u8::from(c.wrapping_sub(b'0') < 10);
            marks += u8::from(c == b'.') + u8::from(c == b'!') + u8::from(c == b'?');
            commas += u8::from(c == b',');
        }
        for (t, n) in total.iter_mut().zip([chars, digits, marks, commas]) {
            *t += usize::from(n);
        }
    }
    total
}

/// `true` for Han, kana and Hangul characters.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Word counts for the classifier: whitespace words, plus one word per two
/// CJK characters (text written without spaces would otherwise count a
/// whole sentence as one word).
pub fn effective_words(words: &[usize], stats: &[Stats]) -> Vec<usize> {
    words
        .iter()
        .zip(stats)
        .map(|(&w, st)| w + st.cjk / 2)
        .collect()
}

/// Words of web furniture rather than of articles (English and German):
/// cookie and privacy notices, legal lines, subscription and account
/// prompts, social buttons, comment forms. Their density marks long prose
/// boilerplate the phrase rules cannot list (consent banners, disclaimers,
/// "By registering you …" blurbs).
pub const FURNITURE: &[&str] = &[
    // English
    "cookie",
    "cookies",
    "privacy",
    "policy",
    "terms",
    "copyright",
    "trademark",
    "trademarks",
    "registered",
    "reserved",
    "subscribe",
    "subscribed",
    "subscription",
    "subscriptions",
    "subscriber",
    "subscribers",
    "unsubscribe",
    "newsletter",
    "newsletters",
    "email",
    "e-mail",
    "emails",
    "inbox",
    "sign",
    "signup",
    "login",
    "account",
    "accounts",
    "register",
    "registering",
    "registration",
    "website",
    "websites",
    "browser",
    "javascript",
    "advertising",
    "advertisement",
    "advertisers",
    "ads",
    "consent",
    "personalise",
    "personalize",
    "personalised",
    "personalized",
    "personalisation",
    "personalization",
    "click",
    "clicking",
    "download",
    "app",
    "apps",
    "facebook",
    "twitter",
    "instagram",
    "linkedin",
    "youtube",
    "comments",
    "commenting",
    "disclaimer",
    "affiliate",
    "sponsored",
    "notifications",
    "membership",
    "premium",
    "settings",
    "preferences",
    "opt",
    "third-party",
    "submit",
    "submission",
    "guidelines",
    "permission",
    "reprint",
    "republish",
    "reproduced",
    "redistributed",
    "license",
    "licence",
    "password",
    "username",
    "log",
    "delayed",
    // German
    "datenschutz",
    "datenschutzerklärung",
    "nutzungsbedingungen",
    "einwilligung",
    "impressum",
    "abonnieren",
    "abonnement",
    "abo",
    "anmelden",
    "anmeldung",
    "registrieren",
    "registrierung",
    "konto",
    "werbung",
    "anzeige",
    "webseite",
    "klicken",
    "klicke",
    "kommentar",
    "kommentare",
    "kommentieren",
    "urheberrecht",
    "urheberrechtlich",
    "vorbehalten",
    "zustimmung",
    "einstellungen",
    "drittanbieter",
    "newsletters",
    "passwort",
    "benutzername",
    "herunterladen",
    "mitgliedschaft",
    "haftungsausschluss",
    "nutzung",
    "datenschutzhinweise",
    "abonnenten",
    "abonniere",
];

/// A multiply-rotate hash over 8-byte chunks (in the manner of FxHash),
/// for the small stop-word table: deterministic, no allocation.
#[derive(Default)]
struct Fx(u64);

const FX_K: u64 = 0x517c_c1b7_2722_0a95;

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ x).wrapping_mul(FX_K);
        }
        let mut last = 0u64;
        for (i, &b) in chunks.remainder().iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        h = (h.rotate_left(5) ^ last ^ (bytes.len() as u64) << 56).wrapping_mul(FX_K);
        self.0 = h;
    }
}

type StopTable = std::collections::HashMap<&'static str, u8, std::hash::BuildHasherDefault<Fx>>;

/// English (bit 1) and German (bit 2) stop words, from `nutgraf_text`.
fn stop_table() -> &'static StopTable {
    static T: std::sync::OnceLock<StopTable> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = StopTable::default();
        for w in tokens::stopwords(Language::En) {
            *t.entry(w).or_default() |= 1;
        }
        for w in tokens::stopwords(Language::De) {
            *t.entry(w).or_default() |= 2;
        }
        for w in FURNITURE {
            *t.entry(w).or_default() |= 4;
        }
        t
    })
}

/// Token statistics of every block (tokens: runs of letters and digits,
/// with inner apostrophes and hyphens).
pub fn stats(blocks: &[Block], title_words: &[String]) -> Vec<Stats> {
    let table = stop_table();
    let mut buf = String::new();
    let title = TitleWords::new(title_words);
    blocks
        .iter()
        .map(|b| block_stats(&b.text, table, &title, &mut buf))
        .collect()
}

/// The title words, with a mask of their byte lengths so that most tokens
/// are ruled out without comparing strings.
struct TitleWords<'a> {
    words: &'a [String],
    /// Bit `n` set when a title word has `n` bytes (bit 63: 63 or more).
    lens: u64,
}

impl<'a> TitleWords<'a> {
    fn new(words: &'a [String]) -> TitleWords<'a> {
        let lens = words.iter().fold(0u64, |m, w| m | 1 << w.len().min(63));
        TitleWords { words, lens }
    }

    /// `true` when `w` is one of the words.
    #[inline]
    fn contains(&self, w: &str) -> bool {
        self.lens & (1 << w.len().min(63)) != 0 && self.words.iter().any(|x| x.as_str() == w)
    }
}

/// The char at byte `i` of `text` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// [`ASCII_CLASS`] bits: an ASCII letter or digit, lower case, upper case.
const ASCII_ALNUM: u8 = 1;
const ASCII_LOWER: u8 = 2;
const ASCII_UPPER: u8 = 4;

/// The class bits of every byte (0 for the rest and for non-ASCII bytes).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            ASCII_ALNUM | ASCII_LOWER
        } else if c.is_ascii_uppercase() {
            ASCII_ALNUM | ASCII_UPPER
        } else if c.is_ascii_digit() {
            ASCII_ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// `char::is_alphanumeric`, with the ASCII test first.
#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The [`Stats`] of one block's text (`buf` is scratch space). Walks the
/// bytes, decodes only non-ASCII characters and copies a token only when
/// folding changes it; the tests check it against a plain walk over
/// `chars()`.
fn block_stats(text: &str, table: &StopTable, title: &TitleWords<'_>, buf: &mut String) -> Stats {
    let mut st = Stats::default();
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if !alnum(c) {
            i += len;
            continue;
        }
        let start = i;
        // `plain`: the token is ASCII without capitals, so its folded form
        // is the text itself and needs no copy.
        let (mut clen, upper_first, mut has_lower, mut all_lower, mut plain) =
            (0usize, c.is_uppercase(), false, true, true);
        // The token runs from `i`; the character that ends it is not part
        // of it and, not being alphanumeric, is skipped by the outer loop.
        loop {
            // ASCII letters and digits through a class table (the bulk of
            // the text); the general step below handles everything else.
            let (mut any, mut all) = (0u8, ASCII_LOWER | ASCII_ALNUM);
            let run = i;
            while let Some(&b) = text.as_bytes().get(i) {
                let k = ASCII_CLASS[usize::from(b)];
                if k & ASCII_ALNUM == 0 {
                    break;
                }
                any |= k;
                all &= k;
                i += 1;
            }
            if i > run {
                clen += i - run;
                has_lower |= any & ASCII_LOWER != 0;
                all_lower &= all & ASCII_LOWER != 0;
                plain &= any & ASCII_UPPER == 0;
            }
            let Some((ch, len)) = char_at(text, i) else {
                break;
            };
            if !ch.is_ascii() && ch.is_alphanumeric() {
                clen += 1;
                if is_cjk(ch) {
                    st.cjk += 1;
                }
                if ch.is_lowercase() {
                    has_lower = true;
                } else {
                    all_lower = false;
                }
                plain = false;
                i += len;
                continue;
            }
            if matches!(ch, '\'' | '’' | '-')
                && char_at(text, i + len).is_some_and(|(n, _)| alnum(n))
            {
                plain &= ch.is_ascii();
                clen += 1;
                i += len;
                continue;
            }
            break;
        }
        // The folded token: letters and digits lower-cased, the inner
        // apostrophes and hyphens as they are.
        let token = &text[start..i];
        let folded = if plain {
            token
        } else {
            buf.clear();
            for ch in token.chars() {
                if ch.is_ascii() {
                    buf.push(ch.to_ascii_lowercase());
                } else if ch.is_alphanumeric() {
                    buf.extend(ch.to_lowercase());
                } else {
                    buf.push(ch);
                }
            }
            buf.as_str()
        };
        st.tokens += 1;
        if clen <= 20 {
            if let Some(bits) = table.get(folded) {
                st.en += usize::from(bits & 1 != 0);
                st.de += usize::from(bits & 2 != 0);
                st.furniture += usize::from(bits & 4 != 0);
            }
        }
        st.letters += clen;
        if clen <= 3 && all_lower {
            st.short += 1;
        }
        if upper_first {
            st.caps += 1;
            if clen > 1 && !has_lower {
                st.allcaps += 1;
            }
        }
        if clen > 2 && title.contains(folded) {
            st.title_hits += 1;
        }
    }
    st
}

/// [`stats`] as a walk over `chars()` (the reference for the tests).
#[cfg(test)]
fn stats_by_chars(blocks: &[Block], title_words: &[String]) -> Vec<Stats> {
    let table = stop_table();
    let mut buf = String::new();
    blocks
        .iter()
        .map(|b| {
            let mut st = Stats::default();
            let mut chars = b.text.chars().peekable();
            while let Some(c) = chars.next() {
                if !c.is_alphanumeric() {
                    continue;
                }
                buf.clear();
                let (mut clen, upper_first, mut has_lower, mut all_lower) =
                    (0usize, c.is_uppercase(), false, true);
                let mut cur = Some(c);
                while let Some(ch) = cur {
                    if ch.is_alphanumeric() {
                        clen += 1;
                        if !ch.is_ascii() && is_cjk(ch) {
                            st.cjk += 1;
                        }
                        if ch.is_lowercase() {
                            has_lower = true;
                        } else {
                            all_lower = false;
                        }
                        if ch.is_ascii() {
                            buf.push(ch.to_ascii_lowercase());
                        } else {
                            buf.extend(ch.to_lowercase());
                        }
                    } else if matches!(ch, '\'' | '’' | '-')
                        && chars.peek().is_some_and(|n| n.is_alphanumeric())
                    {
                        buf.push(ch);
                        clen += 1;
                    } else {
                        break;
                    }
                    cur = chars.next();
                }
                st.tokens += 1;
                if clen <= 20 {
                    if let Some(bits) = table.get(buf.as_str()) {
                        st.en += usize::from(bits & 1 != 0);
                        st.de += usize::from(bits & 2 != 0);
                        st.furniture += usize::from(bits & 4 != 0);
                    }
                }
                st.letters += clen;
                if clen <= 3 && all_lower {
                    st.short += 1;
                }
                if upper_first {
                    st.caps += 1;
                    if clen > 1 && !has_lower {
                        st.allcaps += 1;
                    }
                }
                if clen > 2 && title_words.iter().any(|x| x.as_str() == buf) {
                    st.title_hits += 1;
                }
            }
            st
        })
        .collect()
}

/// Stop-word based guess between English and German.
pub fn guess_language(stats: &[Stats]) -> Option<Language> {
    let en: usize = stats.iter().map(|s| s.en).sum();
    let de: usize = stats.iter().map(|s| s.de).sum();
    let total: usize = stats.iter().map(|s| s.tokens).sum();
    if total == 0 {
        return None;
    }
    let (best, lang, other) = if en >= de {
        (en, Language::En, de)
    } else {
        (de, Language::De, en)
    };
    if best as f64 / total as f64 >= 0.08 && best as f64 >= 1.3 * other as f64 {
        Some(lang)
    } else {
        None
    }
}

fn is_link_like(s: &str) -> bool {
    s.contains(['→', '←', '»', '›', '|', '·', '▸', '►']) || s.contains("β†") || s.contains("â†")
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', '»', ')', '“']);
    s.ends_with(['.', '!', '?', '…', ':'])
}

/// Per-document context for stage-1 features.
#[derive(Debug)]
pub struct DocContext<'a> {
    /// The page language (English or German), if known.
    pub lang: Option<Language>,
    /// Folded content words of the title.
    pub title_words: Vec<String>,
    /// The text of every block.
    pub texts: Vec<&'a str>,
    /// Index of the title block, if any.
    pub title_idx: Option<usize>,
    /// Blocks a rule removed (empty: none).
    pub rule_hit: Vec<bool>,
}

/// A headline-like line: a few words without final punctuation.
fn headline_like(b: &Block, w: usize) -> bool {
    (3..=15).contains(&w)
        && !ends_sentence(&b.text)
        && !matches!(b.kind, BlockKind::ListItem | BlockKind::Title)
}

/// For each block, the share of the other blocks within `radius` for
/// which `f` holds (prefix sums: linear time).
fn window_share(f: &[bool], radius: usize) -> Vec<f64> {
    let n = f.len();
    let mut pre = vec![0usize; n + 1];
    for (i, &x) in f.iter().enumerate() {
        pre[i + 1] = pre[i] + usize::from(x);
    }
    (0..n)
        .map(|i| {
            let a = i.saturating_sub(radius);
            let b = (i + radius + 1).min(n);
            let others = (b - a).saturating_sub(1);
            if others == 0 {
                return 0.0;
            }
            let c = pre[b] - pre[a] - usize::from(f[i]);
            c as f64 / others as f64
        })
        .collect()
}

/// The densest run of long prose blocks: the maximum-sum run of
/// `min(words, 120) - 20` over the blocks no rule removed (those count
/// zero). `None` when no block has more than 20 words.
pub fn dense_region(words: &[usize], rule_hit: &[bool]) -> Option<(usize, usize)> {
    let (mut best, mut best_range, mut cur, mut cur_start) = (0i64, None, 0i64, 0usize);
    for (i, &w) in words.iter().enumerate() {
        let v = if rule_hit.get(i).copied().unwrap_or(false) {
            0
        } else {
            w.min(120) as i64 - 20
        };
        if cur <= 0 {
            cur = 0;
            cur_start = i;
        }
        cur += v;
        if cur > best {
            best = cur;
            best_range = Some((cur_start, i + 1));
        }
    }
    best_range
}

/// Stage-1 features of every block.
pub fn stage1(
    blocks: &[Block],
    stats: &[Stats],
    words: &[usize],
    ctx: &DocContext<'_>,
) -> Vec<[f64; N1]> {
    let n = blocks.len();
    // Exact duplicates, found with a hash of the length and the edges of
    // each text (the map compares whole texts when those agree).
    let mut dup_flag = vec![false; n];
    {
        let mut first: std::collections::HashMap<
            QuickStr<'_>,
            usize,
            std::hash::BuildHasherDefault<IdHash>,
        > = std::collections::HashMap::with_capacity_and_hasher(n, Default::default());
        for (i, t) in ctx.texts.iter().enumerate() {
            match first.entry(QuickStr(t)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(e) => {
                    dup_flag[i] = true;
                    dup_flag[*e.get()] = true;
                }
            }
        }
    }
    // Runs of short lines without final punctuation (menus, headline lists).
    let shortish: Vec<bool> = blocks
        .iter()
        .zip(words)
        .map(|(b, &w)| w <= 15 && !ends_sentence(&b.text) && b.kind != BlockKind::Title)
        .collect();
    let mut run = vec![0usize; n];
    let mut i = 0;
    while i < n {
        if shortish[i] {
            let mut j = i;
            while j < n && shortish[j] {
                j += 1;
            }
            for r in &mut run[i..j] {
                *r = j - i;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Main content anchors: the first and last long prose paragraph.
    let long: Vec<bool> = blocks
        .iter()
        .zip(words)
        .map(|(b, &w)| w >= 30 && ends_sentence(&b.text) && b.kind != BlockKind::Title)
        .collect();
    let first_long = long.iter().position(|&x| x);
    let last_long = long.iter().rposition(|&x| x);
    // Link lists: runs of short title-case lines without final punctuation.
    let titlecase: Vec<bool> = blocks
        .iter()
        .zip(words)
        .zip(stats)
        .map(|((b, &w), st)| {
            (2..=15).contains(&w)
                && !ends_sentence(&b.text)
                && b.kind != BlockKind::Title
                && st.caps * 2 >= st.tokens.max(1)
        })
        .collect();
    let mut tc_run = vec![0usize; n];
    let mut i = 0;
    while i < n {
        if titlecase[i] {
            let mut j = i;
            while j < n && titlecase[j] {
                j += 1;
            }
            for r in &mut tc_run[i..j] {
                *r = j - i;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Context windows: long prose and headline-like lines nearby.
    let headline: Vec<bool> = blocks
        .iter()
        .zip(words)
        .map(|(b, &w)| headline_like(b, w))
        .collect();
    let win_long = window_share(&long, 5);
    let win_head = window_share(&headline, 5);
    // Teaser grids: "headline line + one teaser sentence" pairs nearby.
    let pair: Vec<bool> = (0..n)
        .map(|i| {
            headline[i]
                && i + 1 < n
                && (8..=45).contains(&words[i + 1])
                && sentence_count_le(&blocks[i + 1].text, 2)
        })
        .collect();
    let mut pre = vec![0usize; n + 1];
    for (i, &x) in pair.iter().enumerate() {
        pre[i + 1] = pre[i] + usize::from(x);
    }
    let pairs_near = |i: usize| pre[(i + 7).min(n)] - pre[i.saturating_sub(6)];
    let grid = teaser_grid(blocks, words, &headline, &ctx.rule_hit);
    let dense = dense_region(words, &ctx.rule_hit);
    // Table rows: runs of lines with digits in several cells and about the
    // same number of cells.
    let row: Vec<bool> = blocks
        .iter()
        .zip(words)
        .map(|(b, &w)| {
            (2..=20).contains(&w)
                && b.text
                    .split_whitespace()
                    .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
                    .take(2)
                    .count()
                    >= 2
        })
        .collect();
    let mut table_run = vec![0usize; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        if row[i] {
            while j < n && row[j] && words[j].abs_diff(words[j - 1]) <= 2 {
                j += 1;
            }
            if j - i >= 3 {
                for r in &mut table_run[i..j] {
                    *r = j - i;
                }
            }
        }
        i = j;
    }
    let mut out = Vec::with_capacity(n);
    for (i, (b, st)) in blocks.iter().zip(stats).enumerate() {
        let w = words[i].max(st.tokens);
        let wf = w.max(1) as f64;
        let stop = match ctx.lang {
            Some(Language::En) => st.en,
            Some(Language::De) => st.de,
            _ => 0,
        };
        let nt = st.tokens.max(1) as f64;
        let [chars, digits, sent_punct, commas] = byte_counts(&b.text);
        let chars = chars.max(1) as f64;
        let short_line = b.text.len() < 400;
        let url = short_line
            && (b.text.contains("http") || b.text.contains("www.") || b.text.contains('@'));
        let kind_other = matches!(
            b.kind,
            BlockKind::Other | BlockKind::Link | BlockKind::Caption
        );
        let title_sim = if ctx.title_words.is_empty() {
            0.0
        } else {
            st.title_hits as f64 / nt.max(ctx.title_words.len() as f64)
        };
        let unknown = ctx.lang.is_none();
        out.push([
            1.0,
            ln1(w),
            stop as f64 / nt,
            st.short as f64 / nt,
            f64::from(u8::from(ends_sentence(&b.text))),
            (sent_punct as f64 / wf).min(1.0),
            (commas as f64 / wf).min(1.0),
            st.caps as f64 / nt,
            st.allcaps as f64 / nt,
            digits as f64 / chars,
            f64::from(u8::from(url)),
            f64::from(u8::from(short_line && is_link_like(&b.text))),
            if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.0
            },
            title_sim,
            f64::from(u8::from(b.kind == BlockKind::Heading)),
            f64::from(u8::from(b.kind == BlockKind::ListItem)),
            f64::from(u8::from(kind_other)),
            (st.letters as f64 / nt / 10.0).min(3.0),
            f64::from(u8::from(w >= 10)),
            f64::from(u8::from(w >= 30)),
            f64::from(u8::from(w <= 3)),
            f64::from(u8::from(dup_flag[i])),
            f64::from(u8::from(unknown)),
            if unknown { st.short as f64 / nt } else { 0.0 },
            ln1(run[i]),
            f64::from(u8::from(ctx.title_idx.is_some_and(|t| i > t))),
            ctx.title_idx.map_or(0.0, |t| ln1(i.abs_diff(t))),
            first_long.map_or(0.0, |f| ln1(f.saturating_sub(i))),
            last_long.map_or(0.0, |l| ln1(i.saturating_sub(l))),
            ln1(tc_run[i]),
            win_long[i],
            win_head[i],
            f64::from(u8::from(dense.is_some_and(|(a, e)| i >= a && i < e))),
            dense.map_or(0.0, |(a, _)| ln1(a.saturating_sub(i))),
            dense.map_or(0.0, |(_, e)| ln1((i + 1).saturating_sub(e))),
            ln1(pairs_near(i)),
            f64::from(u8::from(w >= 10 && !ends_sentence(&b.text))),
            ln1(table_run[i]),
            ln1(grid[i]),
            st.furniture as f64 / nt,
            ln1(st.furniture),
        ]);
    }
    out
}

/// Teaser grids: for each block, the number of pairs in the run of
/// strictly alternating "headline line, teaser of one or two sentences"
/// pairs it belongs to (blocks a rule removed, such as timestamps, are
/// skipped); 0 outside runs of at least three pairs.
pub fn teaser_grid(
    blocks: &[Block],
    words: &[usize],
    headline: &[bool],
    rule_hit: &[bool],
) -> Vec<usize> {
    let n = blocks.len();
    let idx: Vec<usize> = (0..n)
        .filter(|&i| !rule_hit.get(i).copied().unwrap_or(false))
        .collect();
    let teaser = |i: usize| {
        (8..=60).contains(&words[i])
            && !headline[i]
            && blocks[i].kind != BlockKind::Title
            && sentence_count_le(&blocks[i].text, 2)
    };
    let mut out = vec![0usize; n];
    let mut k = 0;
    while k + 1 < idx.len() {
        let (mut e, mut pairs) = (k, 0);
        loop {
            // Section labels ("More in World") between the pairs.
            let mut h = e;
            while pairs > 0 && h < idx.len() && words[idx[h]] <= 3 && h < e + 3 {
                h += 1;
            }
            if h + 1 < idx.len() && headline[idx[h]] && teaser(idx[h + 1]) {
                e = h + 2;
                pairs += 1;
            } else {
                break;
            }
        }
        if pairs >= 3 {
            for &i in &idx[k..e] {
                out[i] = pairs;
            }
            k = e;
        } else {
            k += 1;
        }
    }
    out
}

/// `true` when `s` has at most `max` sentence-final marks (after three
/// words or more).
fn sentence_count_le(s: &str, max: usize) -> bool {
    s.split_inclusive(['.', '!', '?'])
        .filter(|p| p.split_whitespace().count() >= 3)
        .take(max + 1)
        .count()
        <= max
}

/// Blocks that repeat text kept earlier on the page: for each `i` with
/// `keep[i]`, `true` when at least 90% of the block's word trigrams
/// (case-folded) were already seen in the title or in earlier kept blocks,
/// and the block either only repeats the title (a headline printed again)
/// or has at least [`DUP_MIN_WORDS`] words (a metadata copy of the body, a
/// cookie notice printed twice). Shorter repeats of body text stay: pull
/// quotes and the repeated lines of recipes and schedules are article
/// text. A block that is not a repeat adds its trigrams to the seen set.
pub fn duplicates(texts: &[&str], keep: &[bool], title: Option<&str>) -> Vec<bool> {
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = const { std::cell::RefCell::new(Seen::new()) };
    }
    SEEN.with(|s| match s.try_borrow_mut() {
        Ok(mut seen) => {
            let out = duplicates_in(&mut seen, texts, keep, title);
            // Keep the table for the next page unless it grew large.
            if seen.slots.len() > 1 << 16 {
                *seen = Seen::new();
            }
            out
        }
        Err(_) => duplicates_in(&mut Seen::new(), texts, keep, title),
    })
}

/// [`duplicates`] with `seen` for the set of trigrams.
fn duplicates_in(seen: &mut Seen, texts: &[&str], keep: &[bool], title: Option<&str>) -> Vec<bool> {
    // Trigram hash -> the first kept block (or the title) it was seen in.
    let kept_bytes: usize = texts
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(t, _)| t.len())
        .sum();
    seen.start(kept_bytes / 6 + 16);
    if let Some(t) = title {
        each_trigram(t, |g| {
            seen.first(g, Seen::TITLE);
        });
    }
    let mut out = vec![false; texts.len()];
    let mut title_seen = false;
    for (i, t) in texts.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        // One probe per trigram: it counts a hit when the trigram was seen
        // before this block and records it for this block otherwise (a
        // trigram first seen in this block is no hit when it recurs in
        // it). A block found to be a repeat takes its records back.
        let (mut hits, mut title_only, mut n_grams) = (0usize, true, 0usize);
        let n_words = each_trigram(t, |g| {
            n_grams += 1;
            match seen.first(g, i) {
                Some(src) if src != i => {
                    hits += 1;
                    title_only &= src == Seen::TITLE;
                }
                _ => {}
            }
        });
        if n_grams > 0 && hits * 10 >= n_grams * 9 {
            let repeat = if title_only && !title_seen {
                // The first repeat of the title stays (headline in the body).
                title_seen = true;
                false
            } else {
                title_only || n_words >= DUP_MIN_WORDS
            };
            out[i] = repeat;
            if repeat || title_only {
                each_trigram(t, |g| seen.forget(g, i));
            }
        }
    }
    out
}

/// A set of trigram hashes with the first block each was seen in: open
/// addressing with linear probing over keys that are well-mixed hashes
/// already (one probe is a few instructions, against a general map's
/// group scan). Keys compare exactly, as in a `HashMap<u64, usize>`. The
/// table serves page after page: a slot written in an earlier round
/// ([`Seen::start`]) counts as empty, so nothing is cleared or allocated
/// per page.
struct Seen {
    /// Key, round and block per slot (the block may be [`Seen::TITLE`] or
    /// [`Seen::GONE`]).
    slots: Vec<(u64, u32, usize)>,
    /// The current round (0: none; slots of other rounds are empty).
    round: u32,
    /// Slots of this round, forgotten ones included.
    used: usize,
}

impl Seen {
    /// The title's block number.
    const TITLE: usize = usize::MAX;
    /// A forgotten key: the key keeps its slot (so that a key never has
    /// two slots and probes run past it) but is absent until set again.
    const GONE: usize = usize::MAX - 1;

    const fn new() -> Seen {
        Seen {
            slots: Vec::new(),
            round: 0,
            used: 0,
        }
    }

    /// Keys the table makes room for at the start of a round; more make it
    /// grow. Pages repeat themselves (a 1 MB page of news prose holds some
    /// 10–100 000 distinct trigrams, not one per six bytes), so sizing the
    /// table for the worst case up front would allocate (and page-fault)
    /// megabytes that are never used.
    const START_KEYS: usize = 4096;

    /// Empties the set, with room for about `n` keys (at most
    /// [`Seen::START_KEYS`]; it grows when more come).
    fn start(&mut self, n: usize) {
        let n = n.min(Seen::START_KEYS);
        if self.round == u32::MAX {
            for s in &mut self.slots {
                s.1 = 0;
            }
            self.round = 0;
        }
        self.round += 1;
        self.used = 0;
        let want = (2 * n).next_power_of_two().max(16);
        if self.slots.len() < want {
            self.slots = vec![(0, 0, 0); want];
        }
    }

    /// The slot of `key`: where it is, or the empty slot that ends its
    /// probe sequence.
    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut j = key as usize & mask;
        loop {
            let (k, round, _) = self.slots[j];
            if round != self.round || k == key {
                return j;
            }
            j = (j + 1) & mask;
        }
    }

    /// The block `key` was first seen in, if any; otherwise records it as
    /// seen in `block`.
    #[inline(always)]
    fn first(&mut self, key: u64, block: usize) -> Option<usize> {
        let j = self.slot(key);
        let round = self.round;
        let slot = &mut self.slots[j];
        if slot.1 != round {
            *slot = (key, round, block);
            self.used += 1;
            if self.used * 2 > self.slots.len() {
                self.grow();
            }
            None
        } else if slot.2 == Seen::GONE {
            slot.2 = block;
            None
        } else {
            Some(slot.2)
        }
    }

    /// Forgets `key` if it was recorded for `block`.
    fn forget(&mut self, key: u64, block: usize) {
        let j = self.slot(key);
        let round = self.round;
        let slot = &mut self.slots[j];
        if slot.1 == round && slot.2 == block {
            slot.2 = Seen::GONE;
        }
    }

    /// Doubles the slots (and drops forgotten keys).
    #[cold]
    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![(0, 0, 0); size]);
        let round = self.round;
        self.used = 0;
        for (k, r, block) in old {
            if r == round && block != Seen::GONE {
                let j = self.slot(k);
                self.slots[j] = (k, round, block);
                self.used += 1;
            }
        }
    }
}

/// [`duplicates`] over a `HashMap`, looking up before recording (the
/// reference for the tests).
#[cfg(test)]
fn duplicates_ref(texts: &[&str], keep: &[bool], title: Option<&str>) -> Vec<bool> {
    use std::collections::HashMap;
    const TITLE: usize = usize::MAX;
    // Trigram hash -> the first kept block (or the title) it was seen in.
    let kept_bytes: usize = texts
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(t, _)| t.len())
        .sum();
    let mut seen: HashMap<u64, usize, std::hash::BuildHasherDefault<IdHash>> =
        HashMap::with_capacity_and_hasher(kept_bytes / 6 + 16, Default::default());
    let mut grams: Vec<u64> = Vec::new();
    if let Some(t) = title {
        trigrams(t, &mut grams);
        for &g in &grams {
            seen.entry(g).or_insert(TITLE);
        }
    }
    let mut out = vec![false; texts.len()];
    let mut title_seen = false;
    for (i, t) in texts.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let n_words = trigrams(t, &mut grams);
        if !grams.is_empty() {
            let (mut hits, mut title_only) = (0usize, true);
            for h in &grams {
                if let Some(&src) = seen.get(h) {
                    hits += 1;
                    title_only &= src == TITLE;
                }
            }
            if hits * 10 >= grams.len() * 9 {
                if title_only && !title_seen {
                    // The first repeat of the title stays (headline in the body).
                    title_seen = true;
                    continue;
                }
                if title_only || n_words >= DUP_MIN_WORDS {
                    out[i] = true;
                    continue;
                }
            }
        }
        for &h in &grams {
            seen.entry(h).or_insert(i);
        }
    }
    out
}

/// A string key whose hash only reads its length and its first and last
/// 16 bytes (equality still compares the whole text).
#[derive(PartialEq, Eq)]
struct QuickStr<'a>(&'a str);

impl std::hash::Hash for QuickStr<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let b = self.0.as_bytes();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ b.len() as u64;
        let head = &b[..b.len().min(16)];
        let tail = &b[b.len().saturating_sub(16)..];
        for &x in head.iter().chain(tail) {
            h = (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
        }
        state.write_u64(h);
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct IdHash(u64);

impl std::hash::Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// Eight 0x01 bytes (and [`HIGH`]: eight 0x80 bytes), for byte-parallel
/// tests on a `u64` (SWAR).
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` (little-endian) that is not printable
/// ASCII (below 0x21: spaces and controls; 0x80 and above: non-ASCII).
/// Exact per byte: the sums stay below 0x100, nothing carries over.
#[inline]
fn special_bytes(x: u64) -> u64 {
    let ge_21 = (x & !HIGH) + (0x80 - 0x21) * ONES;
    (!ge_21 | x) & HIGH
}

/// `x` with the ASCII capitals of its bytes lower-cased (other bytes of
/// value below 0x80 unchanged; bytes of 0x80 and above are not meaningful).
#[inline]
fn ascii_lower(x: u64) -> u64 {
    let y = x & !HIGH;
    let ge_a = y + (0x80 - 0x41) * ONES;
    let gt_z = y + (0x80 - 0x5B) * ONES;
    x | ((ge_a & !gt_z & HIGH) >> 2)
}

/// The case-folded word trigrams of `t` (whitespace words) as hashes into
/// `out`; returns the number of words.
#[cfg(test)]
fn trigrams(t: &str, out: &mut Vec<u64>) -> usize {
    out.clear();
    each_trigram(t, |g| out.push(g))
}

/// Calls `f` with the hash of each case-folded word trigram of `t`
/// (whitespace words), in order; returns the number of words.
#[inline]
fn each_trigram(t: &str, mut f: impl FnMut(u64)) -> usize {
    let (mut a, mut b, mut n) = (0u64, 0u64, 0usize);
    // The current word, case-folded, in 8-byte chunks through a
    // multiply-rotate mix (`h`, with `k` bytes pending in `acc`).
    let (mut h, mut acc, mut k, mut in_word) = (0u64, 0u64, 0u32, false);
    let eat = |byte: u8, h: &mut u64, acc: &mut u64, k: &mut u32| {
        *acc |= u64::from(byte) << (8 * *k);
        *k += 1;
        if *k == 8 {
            *h = (h.rotate_left(5) ^ *acc).wrapping_mul(FX_K);
            *acc = 0;
            *k = 0;
        }
    };
    let bytes = t.as_bytes();
    let mut i = 0;
    // One past the end: a space that closes the last word.
    while i <= bytes.len() {
        // Eight bytes at a time while no bytes of the word are pending:
        // a chunk of printable ASCII is the next 8-byte step of the mix; a
        // chunk with a space, a control or a non-ASCII byte leaves its
        // printable prefix pending, as `eat` would, for the steps below.
        if k == 0 {
            while let Some(c) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
                let special = special_bytes(x);
                let lower = ascii_lower(x);
                if special == 0 {
                    h = (h.rotate_left(5) ^ lower).wrapping_mul(FX_K);
                    in_word = true;
                    i += 8;
                    continue;
                }
                let p = special.trailing_zeros() / 8;
                if p > 0 {
                    acc = lower & ((1u64 << (8 * p)) - 1);
                    k = p;
                    in_word = true;
                    i += p as usize;
                }
                break;
            }
        }
        // Runs of ASCII word bytes (most of the text) in a tight loop; the
        // general step below handles everything else the same way.
        while let Some(&x) = bytes.get(i) {
            if x >= 0x80 || matches!(x, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
                break;
            }
            in_word = true;
            eat(x.to_ascii_lowercase(), &mut h, &mut acc, &mut k);
            i += 1;
        }
        let (space, len, c) = match bytes.get(i) {
            None => (true, 1, None),
            Some(&x) if x < 0x80 => (
                matches!(x, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'),
                1,
                None,
            ),
            Some(_) => {
                let c = t[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8(), Some(c))
            }
        };
        if space {
            if in_word {
                let w = (h.rotate_left(5) ^ acc ^ u64::from(k) << 60).wrapping_mul(FX_K);
                n += 1;
                if n >= 3 {
                    let g = a.rotate_left(42) ^ b.rotate_left(21) ^ w;
                    // Finalise (splitmix64) so that the map sees well-mixed keys.
                    let mut z = g.wrapping_add(0x9e37_79b9_7f4a_7c15);
                    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                    f(z ^ (z >> 31));
                }
                a = b;
                b = w;
                (h, acc, k, in_word) = (0, 0, 0, false);
            }
        } else {
            in_word = true;
            match c {
                None => eat(bytes[i].to_ascii_lowercase(), &mut h, &mut acc, &mut k),
                Some(c) => {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        for &byte in l.encode_utf8(&mut buf).as_bytes() {
                            eat(byte, &mut h, &mut acc, &mut k);
                        }
                    }
                }
            }
        }
        i += len;
    }
    n
}

/// [`trigrams`] without its ASCII loop (the reference for the tests).
#[cfg(test)]
fn trigrams_ref(t: &str, out: &mut Vec<u64>) -> usize {
    out.clear();
    let (mut a, mut b, mut n) = (0u64, 0u64, 0usize);
    // The current word, case-folded, in 8-byte chunks through a
    // multiply-rotate mix (`h`, with `k` bytes pending in `acc`).
    let (mut h, mut acc, mut k, mut in_word) = (0u64, 0u64, 0u32, false);
    let eat = |byte: u8, h: &mut u64, acc: &mut u64, k: &mut u32| {
        *acc |= u64::from(byte) << (8 * *k);
        *k += 1;
        if *k == 8 {
            *h = (h.rotate_left(5) ^ *acc).wrapping_mul(FX_K);
            *acc = 0;
            *k = 0;
        }
    };
    let bytes = t.as_bytes();
    let mut i = 0;
    // One past the end: a space that closes the last word.
    while i <= bytes.len() {
        let (space, len, c) = match bytes.get(i) {
            None => (true, 1, None),
            Some(&x) if x < 0x80 => (
                matches!(x, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'),
                1,
                None,
            ),
            Some(_) => {
                let c = t[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8(), Some(c))
            }
        };
        if space {
            if in_word {
                let w = (h.rotate_left(5) ^ acc ^ u64::from(k) << 60).wrapping_mul(FX_K);
                n += 1;
                if n >= 3 {
                    let g = a.rotate_left(42) ^ b.rotate_left(21) ^ w;
                    // Finalise (splitmix64) so that the map sees well-mixed keys.
                    let mut z = g.wrapping_add(0x9e37_79b9_7f4a_7c15);
                    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                    out.push(z ^ (z >> 31));
                }
                a = b;
                b = w;
                (h, acc, k, in_word) = (0, 0, 0, false);
            }
        } else {
            in_word = true;
            match c {
                None => eat(bytes[i].to_ascii_lowercase(), &mut h, &mut acc, &mut k),
                Some(c) => {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        for &byte in l.encode_utf8(&mut buf).as_bytes() {
                            eat(byte, &mut h, &mut acc, &mut k);
                        }
                    }
                }
            }
        }
        i += len;
    }
    n
}

/// Repeats of body text shorter than this stay (see [`duplicates`]).
pub const DUP_MIN_WORDS: usize = 50;

/// `ln(1 + k)`, from a table for small `k` (the same values as computing it).
pub fn ln1(k: usize) -> f64 {
    const N: usize = 1024;
    static T: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let t = T.get_or_init(|| (0..N).map(|k| (1.0 + k as f64).ln()).collect());
    t.get(k).copied().unwrap_or_else(|| (1.0 + k as f64).ln())
}

/// Logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Dot product.
pub fn dot(w: &[f64], x: &[f64]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

/// A block's evidence for keeping: the log-odds of `p` over those of the
/// threshold `thr` (positive: keep), clamped to `-6..=6`, weighted by the
/// block's length (`ln(1 + words)`), so a long block outweighs a short one.
pub fn margin(p: f64, thr: f64, words: usize) -> f64 {
    let lo = |x: f64| {
        let x = x.clamp(1e-6, 1.0 - 1e-6);
        (x / (1.0 - x)).ln()
    };
    (lo(p) - lo(thr)).clamp(-6.0, 6.0) * ln1(words)
}

/// Keep/drop sequence decoding (Viterbi over two states). `margins[i]` is
/// the keep evidence of block `i` (`None`: not classified, skipped, and
/// reported as kept); each change between keeping and dropping from one
/// classified block to the next costs `switch`. With `switch == 0` this is
/// `margin >= 0` per block.
pub fn decode(margins: &[Option<f64>], switch: f64) -> Vec<bool> {
    let n = margins.len();
    // score[s]: best total ending in state s (0 drop, 1 keep).
    let mut score = [0.0f64, 0.0f64];
    let mut back: Vec<(usize, [usize; 2])> = Vec::new();
    for (i, m) in margins.iter().enumerate() {
        let Some(m) = *m else { continue };
        let mut next = [0.0; 2];
        let mut from = [0usize; 2];
        for (s, gain) in [(0usize, 0.0), (1usize, m)] {
            // Best predecessor; ties go to keeping (recall first).
            let cost = |from: usize| if from == s { 0.0 } else { switch };
            let (best, src) = if back.is_empty() {
                (score[s], s)
            } else if score[1] - cost(1) >= score[0] - cost(0) {
                (score[1] - cost(1), 1)
            } else {
                (score[0] - cost(0), 0)
            };
            next[s] = best + gain;
            from[s] = src;
        }
        score = next;
        back.push((i, from));
    }
    let mut keep = vec![true; n];
    let mut s = usize::from(score[1] >= score[0]);
    for &(i, from) in back.iter().rev() {
        keep[i] = s == 1;
        s = from[s];
    }
    keep
}

/// Stage-2 features from stage-1 logits (`words`: the classifier's word
/// counts, see [`effective_words`]). `rule_hit[i]` marks blocks a rule
/// removed; their logit counts as strongly negative for the neighbours.
pub fn stage2(
    blocks: &[Block],
    words: &[usize],
    logits: &[f64],
    rule_hit: &[bool],
    region_offset: f64,
) -> Vec<[f64; N2]> {
    let n = blocks.len();
    let words: Vec<f64> = words.iter().map(|&w| w as f64).collect();
    let l: Vec<f64> = (0..n)
        .map(|i| {
            if rule_hit[i] {
                -4.0
            } else {
                logits[i].clamp(-8.0, 8.0)
            }
        })
        .collect();
    // Main content region: maximum-sum run of words * (p - 0.5).
    let (mut best, mut best_range, mut cur, mut cur_start) =
        (0.0f64, (0usize, 0usize), 0.0f64, 0usize);
    for i in 0..n {
        let v = if rule_hit[i] {
            0.0
        } else {
            words[i] * (sigmoid(l[i]) - region_offset)
        };
        if cur <= 0.0 {
            cur = 0.0;
            cur_start = i;
        }
        cur += v;
        if cur > best {
            best = cur;
            best_range = (cur_start, i + 1);
        }
    }
    let at = |i: isize| -> f64 {
        if i < 0 || i as usize >= n {
            -3.0
        } else {
            l[i as usize]
        }
    };
    let ln_words: Vec<f64> = words.iter().map(|&w| ln1(w as usize)).collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let (mut sw, mut s) = (0.0, 0.0);
        for j in ii - 3..=ii + 3 {
            if j != ii && j >= 0 && (j as usize) < n {
                let wt = ln_words[j as usize];
                sw += wt;
                s += wt * l[j as usize];
            }
        }
        let window = if sw > 0.0 { s / sw } else { -3.0 };
        let (a, b) = best_range;
        let in_region = i >= a && i < b;
        let dist = if in_region {
            0.0
        } else if i < a {
            (a - i) as f64
        } else {
            (i + 1 - b) as f64
        };
        let rule_nb = (i.saturating_sub(2)..(i + 3).min(n))
            .filter(|&j| j != i && rule_hit[j])
            .count() as f64;
        out.push([
            1.0,
            l[i],
            at(ii - 1),
            at(ii + 1),
            at(ii - 2),
            at(ii + 2),
            window,
            f64::from(u8::from(in_region)),
            (1.0 + dist).ln(),
            ln_words[i],
            if blocks[i].kind == BlockKind::Heading {
                at(ii + 1)
            } else {
                0.0
            },
            rule_nb,
            if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.0
            },
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats_agree(page: &str, title_words: &[String]) {
        let blocks = nutgraf_article::parse(page).blocks;
        assert_eq!(
            stats(&blocks, title_words),
            stats_by_chars(&blocks, title_words),
            "{page:?}"
        );
    }

    #[test]
    fn byte_walk_stats_agree_with_the_char_walk() {
        let title: Vec<String> = ["budget", "straße", "vote", "don't"]
            .map(String::from)
            .to_vec();
        for page in [
            "",
            "A B-C d'e f- -g h' 'i j’k l’ ’m",
            "The Budget VOTE was 12-3 in favour. Don't vote; don't.\nDie Straße ist GESPERRT, sagt Müller-Lüdenscheidt.",
            "日本語のテキスト 한국어 text 中文",
            "İstanbul ǅemal ΣΊΣΥΦΟΣ ß ﬁne Ⅻ ²³ ٣",
            "x\u{301}y e\u{0301}té don't rock-'n'-roll ---a a--- a-\u{e9} ÀB9 9À",
        ] {
            stats_agree(page, &title);
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_walk_stats_agree_on_any_text(s in "[ a-cA-C0-9'’\\-.\n\u{e9}\u{c9}\u{df}\u{4e2d}\u{301}]{0,60}") {
            stats_agree(&s, &["abc".to_string(), "\u{e9}ab".to_string(), "a-b".to_string()]);
        }

        #[test]
        fn byte_walk_stats_agree_on_arbitrary_strings(s in "\\PC{0,60}") {
            stats_agree(&s, &[]);
        }
    }

    fn trigrams_agree(t: &str) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        assert_eq!(trigrams(t, &mut a), trigrams_ref(t, &mut b), "{t:?}");
        assert_eq!(a, b, "{t:?}");
    }

    #[test]
    fn trigrams_ascii_loop_agrees_with_the_general_step() {
        for t in [
            "",
            "a",
            "one two three four",
            "  The QUICK brown\tfox\njumps over\r\nthe lazy dog  ",
            "Grüße aus KÖLN, sagt İlker; ÉTÉ été ß ẞ",
            "a\u{a0}b\u{2003}c d\u{85}e f",
            "supercalifragilisticexpialidocious antidisestablishmentarianism x",
        ] {
            trigrams_agree(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn trigrams_agree_on_any_text(t in "[ a-cA-C\\t\\n\u{a0}\u{c9}\u{e9}\u{130}]{0,80}") {
            trigrams_agree(&t);
        }

        #[test]
        fn trigrams_agree_on_arbitrary_strings(t in "\\PC{0,80}") {
            trigrams_agree(&t);
        }
    }

    #[test]
    fn swar_byte_tests_agree_with_the_byte_tests() {
        // Every byte value in every lane, next to every kind of neighbour.
        for b in 0..=255u8 {
            for fill in [b'a', b'Z', b' ', 0x80, 0xff, 0x00] {
                for lane in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let x = u64::from_le_bytes(bytes);
                    let (special, lower) = (special_bytes(x), ascii_lower(x));
                    for (j, &c) in bytes.iter().enumerate() {
                        let flagged = (special >> (8 * j + 7)) & 1 == 1;
                        assert_eq!(flagged, !(0x21..0x80).contains(&c), "{c:#x}");
                        if c < 0x80 {
                            assert_eq!((lower >> (8 * j)) as u8, c.to_ascii_lowercase());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn trigrams_eight_byte_steps_agree_with_the_byte_steps() {
        for t in [
            "abcdefgh",
            "abcdefg h",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz @[`{ ~!",
            "exactly8 exactly8 exactly8\texactly16exactly16 x",
            "seven77 eight888 nine99999 tenletters1 \u{1}ctrl\u{1f}x\u{7f}del",
            "Straßenbahnhaltestelle Überraschungsei ÜBERRASCHUNGSEI abcdefgÉ",
            "longwordlongwordlongwordé\u{a0}longwordlongword\u{2003}end",
        ] {
            trigrams_agree(t);
            trigrams_agree(&t.repeat(3));
        }
    }

    /// Checks [`duplicates`] against [`duplicates_ref`]; returns the
    /// number of repeats found.
    fn duplicates_agree(texts: &[&str], keep: &[bool], title: Option<&str>) -> usize {
        let d = duplicates(texts, keep, title);
        assert_eq!(
            d,
            duplicates_ref(texts, keep, title),
            "{texts:?} {keep:?} {title:?}"
        );
        d.iter().filter(|&&x| x).count()
    }

    /// The pages of the cleaner's dev sets (none when the shared data is
    /// not there).
    fn dev_pages() -> Vec<String> {
        let dir =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/clean");
        let mut pages = Vec::new();
        for f in ["dev.jsonl", "snippets_dev.jsonl"] {
            let Ok(data) = std::fs::read_to_string(dir.join(f)) else {
                eprintln!("skipping {f}: not found");
                continue;
            };
            for line in data.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                pages.push(v["text"].as_str().unwrap_or_default().to_string());
            }
        }
        pages
    }

    #[test]
    fn fast_trigrams_and_duplicates_agree_on_the_dev_pages() {
        let (mut repeats, pages) = (0, dev_pages());
        for page in &pages {
            let article = nutgraf_article::parse(page);
            let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
            for t in &texts {
                trigrams_agree(t);
            }
            let n = texts.len();
            let title = article.title.as_deref();
            for keep in [
                vec![true; n],
                (0..n).map(|i| i % 3 != 1).collect::<Vec<_>>(),
            ] {
                repeats += duplicates_agree(&texts, &keep, title);
                repeats += duplicates_agree(&texts, &keep, None);
                // Every block twice: repeats of every length.
                let doubled: Vec<&str> = texts.iter().chain(&texts).copied().collect();
                let keep2: Vec<bool> = keep.iter().chain(&keep).copied().collect();
                repeats += duplicates_agree(&doubled, &keep2, title);
            }
        }
        assert!(pages.is_empty() || repeats > 1000, "{repeats} repeats");
    }

    #[test]
    fn seen_set_grows_forgets_and_starts_afresh() {
        let mut s = Seen::new();
        s.start(1);
        // Colliding keys (same low bits) and many of them: probes and growth.
        for k in 0..1000u64 {
            assert_eq!(s.first(k << 20, 7), None);
            assert_eq!(s.first(k << 20, 8), Some(7));
        }
        let keys: Vec<u64> = (0..1000u64).map(|k| k << 20).collect();
        assert_eq!(s.first(5, 9), None);
        for &k in &keys[..500] {
            s.forget(k, 7);
        }
        s.forget(5, 8);
        assert_eq!(s.first(5, 10), Some(9));
        for &k in &keys[..500] {
            assert_eq!(s.first(k, 11), None);
            assert_eq!(s.first(k, 12), Some(11));
        }
        for &k in &keys[500..] {
            assert_eq!(s.first(k, 13), Some(7));
        }
        s.grow();
        for &k in &keys[..500] {
            assert_eq!(s.first(k, 14), Some(11));
        }
        // A new round starts empty, also when the round number wraps.
        for round in [None, Some(u32::MAX - 1)] {
            if let Some(r) = round {
                s.round = r;
            }
            for _ in 0..3 {
                s.start(4);
                for &k in &keys[..100] {
                    assert_eq!(s.first(k, 1), None);
                }
                assert_eq!(s.first(keys[0], 2), Some(1));
            }
        }
    }

    /// The per-byte loop [`byte_counts`] replaces.
    fn byte_counts_plain(text: &str) -> [usize; 4] {
        let (mut chars, mut digits, mut sent_punct, mut commas) = (0, 0, 0, 0);
        for &c in text.as_bytes() {
            chars += usize::from((c & 0xC0) != 0x80);
            match c {
                b'0'..=b'9' => digits += 1,
                b'.' | b'!' | b'?' => sent_punct += 1,
                b',' => commas += 1,
                _ => {}
            }
        }
        [chars, digits, sent_punct, commas]
    }

    #[test]
    fn block_byte_counts_are_the_per_byte_counts() {
        let all: String = (0..=0x7fu8)
            .map(char::from)
            .chain(['é', '€', '😀', '’'])
            .collect();
        let long = format!("{all}{}", "Zahl 1,5 Mio. – wirklich?! Ja. ".repeat(40));
        for t in ["", "1", "...", &all, &long, &long[..64], &long[..130]] {
            assert_eq!(byte_counts(t), byte_counts_plain(t), "{t:?}");
        }
        assert_eq!(byte_counts("9,5 Grad. Warm?"), [15, 2, 2, 1]);
    }

    proptest::proptest! {
        #[test]
        fn block_byte_counts_agree_on_any_text(t in "\\PC{0,200}") {
            proptest::prop_assert_eq!(byte_counts(&t), byte_counts_plain(&t));
        }

        #[test]
        fn block_byte_counts_agree_on_prose(t in "[ a-zA-Z0-9.,!?\u{e4}\u{20ac}]{0,300}") {
            proptest::prop_assert_eq!(byte_counts(&t), byte_counts_plain(&t));
        }
    }

    #[test]
    fn a_long_page_grows_the_seen_set_past_its_start_size() {
        // 300 blocks of 60 made-up words each: some 13 000 distinct
        // trigrams, three times what the set starts with; every fifth block
        // repeats an earlier one.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut word = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = x % 20_000;
            format!("w{n}x")
        };
        let mut texts: Vec<String> = Vec::new();
        for i in 0..300 {
            if i % 5 == 4 {
                texts.push(texts[i - 3].clone());
            } else {
                texts.push((0..60).map(|_| word()).collect::<Vec<_>>().join(" "));
            }
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let keep = vec![true; texts.len()];
        let mut distinct = std::collections::HashSet::new();
        for t in &texts {
            each_trigram(t, |g| {
                distinct.insert(g);
            });
        }
        assert!(distinct.len() > 2 * Seen::START_KEYS, "{}", distinct.len());
        // Twice: the second page finds the table the first one left.
        for _ in 0..2 {
            assert_eq!(duplicates_agree(&texts, &keep, Some("w1x w2x w3x")), 60);
        }
    }

    proptest::proptest! {
        #[test]
        fn trigrams_agree_on_printable_ascii_and_controls(t in "[ -~\u{1}\u{1f}\t\n\u{e9}]{0,120}") {
            trigrams_agree(&t);
        }

        #[test]
        fn trigrams_agree_on_long_words(t in "([a-zA-Z]{0,20}[ \u{c9}\u{3000}]){0,12}") {
            trigrams_agree(&t);
        }

        // Blocks built from a few words, so that repeats, title repeats and
        // near-repeats (around the 90% line) are common; some blocks are
        // long enough for the long-repeat rule.
        #[test]
        fn duplicates_agree_with_the_map(
            blocks in proptest::collection::vec(
                (proptest::collection::vec(0usize..6, 0..70), proptest::bool::weighted(0.8), 1usize..4),
                0..14,
            ),
            title in proptest::option::of(proptest::collection::vec(0usize..6, 0..8)),
        ) {
            const WORDS: [&str; 6] = ["the", "Tide", "tide", "array", "beats", "target"];
            let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let title = title.map(|t| text(&t));
            let texts: Vec<String> = blocks
                .iter()
                .map(|(ws, _, r)| {
                    // Repeat the title or an earlier block now and then.
                    match (r, title.as_ref()) {
                        (3, Some(t)) => t.clone(),
                        _ => text(ws),
                    }
                })
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let keep: Vec<bool> = blocks.iter().map(|b| b.1).collect();
            // (About half the cases find repeats, checked when written.)
            duplicates_agree(&texts, &keep, title.as_deref());
            let doubled: Vec<&str> = texts.iter().chain(&texts).copied().collect();
            let keep2: Vec<bool> = keep.iter().chain(&keep).copied().collect();
            duplicates_agree(&doubled, &keep2, title.as_deref());
        }
    }

    fn shape(page: &str) -> (Vec<Block>, Vec<usize>, Vec<bool>) {
        let blocks = nutgraf_article::parse(page).blocks;
        let words: Vec<usize> = blocks.iter().map(Block::word_count).collect();
        let head = blocks
            .iter()
            .zip(&words)
            .map(|(b, &w)| headline_like(b, w))
            .collect();
        (blocks, words, head)
    }

    const BODY: &str = "The harbour authority said on Thursday that the tidal array had delivered \
        more power than planned in its first month. Two more towns have asked to join the \
        scheme before the winter storms, and the operator expects a decision in spring.";

    #[test]
    fn teaser_grid_after_the_body() {
        let mut page = format!("Tidal array beats its target\n{BODY}\n{BODY}\n");
        for topic in [
            "Ferry timetable",
            "Bridge repairs",
            "Library opening",
            "Market hall",
        ] {
            page.push_str(&format!(
                "{topic} changes again for the coming winter season\n\
                 Residents were told on Monday that the plans for the {topic} would change once more.\n\
                 2H ago\n"
            ));
        }
        let (blocks, words, head) = shape(&page);
        let hit: Vec<bool> = blocks
            .iter()
            .map(|b| {
                crate::rules::match_rule(&crate::rules::core(&b.text), b.word_count()).is_some()
            })
            .collect();
        let grid = teaser_grid(&blocks, &words, &head, &hit);
        let marked: Vec<&str> = blocks
            .iter()
            .zip(&grid)
            .filter(|(_, &g)| g > 0)
            .map(|(b, _)| b.text.as_str())
            .collect();
        assert_eq!(marked.len(), 8, "{marked:?}");
        assert!(marked.iter().all(|t| !t.starts_with("The harbour")));
    }

    #[test]
    fn subheadings_with_several_paragraphs_are_no_grid() {
        let mut page = String::from("Tidal array beats its target\n");
        for sub in [
            "What changes next",
            "Who pays for it",
            "When the work starts",
        ] {
            page.push_str(&format!("{sub} for the towns\n{BODY}\n{BODY}\n"));
        }
        let (blocks, words, head) = shape(&page);
        let grid = teaser_grid(&blocks, &words, &head, &vec![false; blocks.len()]);
        assert!(grid.iter().all(|&g| g == 0), "{grid:?}");
    }

    #[test]
    fn decode_without_switch_cost_is_the_sign() {
        let m = [Some(1.0), Some(-0.5), None, Some(0.2), Some(-3.0)];
        assert_eq!(decode(&m, 0.0), vec![true, false, true, true, false]);
        // A block exactly at the threshold is kept, as with `p >= thr`.
        let m = [Some(0.0), Some(-1.0)];
        assert_eq!(decode(&m, 0.0), vec![true, false]);
    }

    #[test]
    fn decode_switch_cost_smooths_a_weak_flip() {
        // A weak drop between two strong keeps is kept at a cost of 1 …
        let m = [Some(3.0), Some(-0.5), Some(3.0)];
        assert_eq!(decode(&m, 1.0), vec![true, true, true]);
        // … but a strong drop is not, and unclassified blocks are skipped.
        let m = [Some(3.0), None, Some(-4.0), Some(3.0)];
        assert_eq!(decode(&m, 1.0), vec![true, true, false, true]);
    }

    #[test]
    fn margin_is_positive_above_the_threshold() {
        assert!(margin(0.6, 0.3, 10) > 0.0);
        assert!(margin(0.1, 0.3, 10) < 0.0);
        assert!(margin(0.1, 0.3, 100) < margin(0.1, 0.3, 2));
    }

    #[test]
    fn dense_region_is_the_long_prose() {
        let page = format!("Home\nNews\nSport\nTidal array beats its target\n{BODY}\n{BODY}\nShare\nSolar roofs for schools\nWind farm opens in the north\n");
        let (blocks, words, _) = shape(&page);
        let (a, e) = dense_region(&words, &vec![false; blocks.len()]).unwrap();
        assert!(blocks[a..e]
            .iter()
            .all(|b| b.text.starts_with("The harbour")));
        assert_eq!(e - a, 2);
        assert_eq!(dense_region(&[3, 5, 2], &[false; 3]), None);
    }

    #[test]
    fn table_rows_are_a_run() {
        let page = format!(
            "League table after round twelve\n{BODY}\n1 Harbor Rovers 40 12 3\n2 Quay United 38 11 5\n\
             3 Lighthouse FC 31 9 4\n4 Tidal Town 29 8 5\n{BODY}\n"
        );
        let blocks = nutgraf_article::parse(&page).blocks;
        let words: Vec<usize> = blocks.iter().map(Block::word_count).collect();
        let st = stats(&blocks, &[]);
        let ctx = DocContext {
            lang: Some(Language::En),
            title_words: Vec::new(),
            texts: blocks.iter().map(|b| b.text.as_str()).collect(),
            title_idx: None,
            rule_hit: vec![false; blocks.len()],
        };
        let f = stage1(&blocks, &st, &words, &ctx);
        let t = NAMES1.iter().position(|n| *n == "ln_table_run").unwrap();
        for (b, row) in blocks.iter().zip(&f) {
            let in_table = b.text.starts_with(|c: char| c.is_ascii_digit());
            assert_eq!(row[t] > 0.0, in_table, "{:?}", b.text);
        }
    }

    #[test]
    fn cjk_text_counts_a_word_per_two_characters() {
        let blocks = nutgraf_article::parse(
            "Kindle for PCの起動ホットキーがKeePassと被る\nThe harbour opened on Monday.\n",
        )
        .blocks;
        let words: Vec<usize> = blocks.iter().map(Block::word_count).collect();
        let st = stats(&blocks, &[]);
        let ew = effective_words(&words, &st);
        assert!(ew[0] >= words[0] + 5, "{ew:?} {words:?}");
        assert_eq!(ew[1], words[1]);
    }

    #[test]
    fn furniture_words_are_counted() {
        let blocks = nutgraf_article::parse(
            "This website uses cookies to personalise content; see our privacy policy.\n\
             Wir verwenden Cookies, siehe Datenschutzerklärung und Impressum.\n\
             The turbines sit two kilometres from the harbour wall.\n",
        )
        .blocks;
        let st = stats(&blocks, &[]);
        assert!(st[0].furniture >= 4, "{:?}", st[0]);
        assert!(st[1].furniture >= 3, "{:?}", st[1]);
        assert_eq!(st[2].furniture, 0);
    }

    #[test]
    fn duplicates_need_long_repeats_or_the_title() {
        let long = BODY.repeat(2);
        let texts = [
            "Tidal array beats its target",
            long.as_str(),
            "A short line that is repeated here",
            long.as_str(),
            "A short line that is repeated here",
            "Tidal array beats its target",
        ];
        let keep = [true; 6];
        let d = duplicates(&texts, &keep, Some("Tidal array beats its target"));
        // The first title repeat stays, the second goes; the long repeat
        // goes, the short one stays.
        assert_eq!(d, vec![false, false, false, true, false, true]);
        // Blocks not kept are neither checked nor remembered.
        let keep = [true, false, true, true, true, true];
        let d = duplicates(&texts, &keep, None);
        assert!(!d[3]);
    }

    #[test]
    fn ln1_matches_the_formula() {
        for k in [0usize, 1, 2, 10, 1023, 1024, 5000] {
            assert_eq!(ln1(k), (1.0 + k as f64).ln());
        }
    }
}
