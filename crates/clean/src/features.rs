//! Block features for the statistical classifier, in the spirit of jusText:
//! length, stop-word density, punctuation, capitalisation, digits and URLs,
//! link-like shape, position and similarity to the title (stage 1), then the
//! neighbours' scores and the main content region (stage 2).

use nutgraf_article::{Block, BlockKind};
use nutgraf_text::{tokens, Language};

/// Number of stage-1 (per block) features.
pub const N1: usize = 30;
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
#[derive(Debug, Clone, Default)]
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
}

/// FNV-1a, for the small stop-word table (deterministic, no allocation).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type StopTable = std::collections::HashMap<&'static str, u8, std::hash::BuildHasherDefault<Fnv>>;

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
        t
    })
}

/// Token statistics of every block (tokens: runs of letters and digits,
/// with inner apostrophes and hyphens).
pub fn stats(blocks: &[Block], title_words: &[String]) -> Vec<Stats> {
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
                let (mut clen, mut upper_first, mut has_lower, mut all_lower) =
                    (0usize, c.is_uppercase(), false, true);
                let mut cur = Some(c);
                while let Some(ch) = cur {
                    if ch.is_alphanumeric() {
                        clen += 1;
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
                if clen <= 12 {
                    if let Some(bits) = table.get(buf.as_str()) {
                        st.en += usize::from(bits & 1 != 0);
                        st.de += usize::from(bits & 2 != 0);
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
                upper_first = false;
                let _ = upper_first;
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
}

/// Stage-1 features of every block.
pub fn stage1(
    blocks: &[Block],
    stats: &[Stats],
    words: &[usize],
    ctx: &DocContext<'_>,
) -> Vec<[f64; N1]> {
    let n = blocks.len();
    let mut sorted: Vec<&str> = ctx.texts.clone();
    sorted.sort_unstable();
    let dup = |t: &str| -> bool {
        let i = sorted.partition_point(|x| *x < t);
        i + 1 < sorted.len() && sorted[i + 1] == t
    };
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
        let (mut chars, mut digits, mut sent_punct, mut commas) = (0usize, 0usize, 0usize, 0usize);
        for &c in b.text.as_bytes() {
            chars += usize::from((c & 0xC0) != 0x80);
            match c {
                b'0'..=b'9' => digits += 1,
                b'.' | b'!' | b'?' => sent_punct += 1,
                b',' => commas += 1,
                _ => {}
            }
        }
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
            (1.0 + w as f64).ln(),
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
            f64::from(u8::from(dup(ctx.texts[i]))),
            f64::from(u8::from(unknown)),
            if unknown { st.short as f64 / nt } else { 0.0 },
            (1.0 + run[i] as f64).ln(),
            f64::from(u8::from(ctx.title_idx.is_some_and(|t| i > t))),
            ctx.title_idx
                .map_or(0.0, |t| (1.0 + (i as f64 - t as f64).abs()).ln()),
            first_long.map_or(0.0, |f| (1.0 + f.saturating_sub(i) as f64).ln()),
            last_long.map_or(0.0, |l| (1.0 + i.saturating_sub(l) as f64).ln()),
            (1.0 + tc_run[i] as f64).ln(),
        ]);
    }
    out
}

/// Logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Dot product.
pub fn dot(w: &[f64], x: &[f64]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

/// Stage-2 features from stage-1 logits. `rule_hit[i]` marks blocks a rule
/// removed; their logit counts as strongly negative for the neighbours.
pub fn stage2(
    blocks: &[Block],
    logits: &[f64],
    rule_hit: &[bool],
    region_offset: f64,
) -> Vec<[f64; N2]> {
    let n = blocks.len();
    let words: Vec<f64> = blocks
        .iter()
        .map(|b| b.text.split_whitespace().count() as f64)
        .collect();
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
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let (mut sw, mut s) = (0.0, 0.0);
        for j in ii - 3..=ii + 3 {
            if j != ii && j >= 0 && (j as usize) < n {
                let wt = (1.0 + words[j as usize]).ln();
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
            (1.0 + words[i]).ln(),
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
