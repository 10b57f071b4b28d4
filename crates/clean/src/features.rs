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
pub const N1: usize = 39;
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
            win_long[i],
            win_head[i],
            f64::from(u8::from(dense.is_some_and(|(a, e)| i >= a && i < e))),
            dense.map_or(0.0, |(a, _)| (1.0 + a.saturating_sub(i) as f64).ln()),
            dense.map_or(0.0, |(_, e)| (1.0 + (i + 1).saturating_sub(e) as f64).ln()),
            (1.0 + pairs_near(i) as f64).ln(),
            f64::from(u8::from(w >= 10 && !ends_sentence(&b.text))),
            (1.0 + table_run[i] as f64).ln(),
            (1.0 + grid[i] as f64).ln(),
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
    (lo(p) - lo(thr)).clamp(-6.0, 6.0) * (1.0 + words as f64).ln()
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

/// Stage-2 features from stage-1 logits. `rule_hit[i]` marks blocks a rule
/// removed; their logit counts as strongly negative for the neighbours.
pub fn stage2(
    blocks: &[Block],
    logits: &[f64],
    rule_hit: &[bool],
    region_offset: f64,
) -> Vec<[f64; N2]> {
    let n = blocks.len();
    let words: Vec<f64> = blocks.iter().map(|b| b.word_count() as f64).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
