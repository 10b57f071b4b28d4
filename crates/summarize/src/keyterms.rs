//! Key terms: TextRank keyword extraction (Mihalcea & Tarau 2004, §3) with
//! multi-word collapsing.
//!
//! Content words (stemmed, stop words removed) are vertices; two words are
//! linked when they stand next to each other among the content words of a
//! sentence (window 2). PageRank (d = 0.85) scores the words. Candidate
//! phrases are runs of adjacent content words (only whitespace or a hyphen
//! between them, at most [`MAX_PHRASE`] words); a phrase scores
//! `mean(word scores) · (1 + ln occurrences) · (1 + 0.5 · (words − 1))`.
//! Phrases are keyed by their stems, so "Rates rose" and "rate rises" are
//! one term; a phrase whose stems are all inside a better one is dropped.

use std::ops::Range;

use nutgraf_text::tokens;

use crate::methods::pagerank;
use crate::prep::{Analyzer, FxMap, Lexicon, Rows};
use crate::{Input, KeyTerm};

/// Longest key phrase, in words.
pub const MAX_PHRASE: usize = 3;

struct Phrase {
    text: String,
    stems: Vec<u32>,
    spans: Vec<Range<usize>>,
    first: usize,
}

pub(crate) fn key_terms(
    input: &Input<'_>,
    units: &[usize],
    an: &Analyzer,
    k: usize,
) -> Vec<KeyTerm> {
    if k == 0 {
        return Vec::new();
    }
    an.with_lexicon(|lex| key_terms_with(input, units, an, lex, k))
}

fn key_terms_with(
    input: &Input<'_>,
    units: &[usize],
    an: &Analyzer,
    lex: &mut Lexicon,
    k: usize,
) -> Vec<KeyTerm> {
    // Lexicon id of a stem → its number here (in order of first occurrence).
    let mut ids: FxMap<u32, u32> = FxMap::default();
    // Per distinct word form: its stem's number, or `None` when it is no
    // content word (computed once per form).
    let mut cache: FxMap<&str, Option<u32>> = FxMap::default();
    let mut next_id = 0u32;
    // Per unit: runs of adjacent content words as (stem id, absolute span).
    let mut runs: Vec<Vec<(u32, Range<usize>)>> = Vec::new();
    let mut seqs: Vec<Vec<u32>> = Vec::new();
    for &u in units {
        let unit = &input.units[u];
        let toks = tokens::words(unit.text);
        let mut run: Vec<(u32, Range<usize>)> = Vec::new();
        let mut seq = Vec::new();
        let mut prev_end: Option<usize> = None;
        for t in &toks {
            let gap_ok = prev_end.is_some_and(|e| {
                unit.text[e..t.span.start]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-' || c == '\u{2010}')
            });
            prev_end = Some(t.span.end);
            let id = match cache.get(t.text) {
                Some(&id) => id,
                None => {
                    let content =
                        t.text.chars().any(char::is_alphabetic) && t.text.chars().count() > 1;
                    let id = if content {
                        lex.form(an, t.text).map(|g| {
                            *ids.entry(g).or_insert_with(|| {
                                next_id += 1;
                                next_id - 1
                            })
                        })
                    } else {
                        None
                    };
                    cache.insert(t.text, id);
                    id
                }
            };
            if (id.is_none() || !gap_ok) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            let Some(id) = id else { continue };
            seq.push(id);
            let abs = unit.span.start + t.span.start..unit.span.start + t.span.end;
            run.push((id, abs));
        }
        if !run.is_empty() {
            runs.push(run);
        }
        seqs.push(seq);
    }
    let v = next_id as usize;
    if v == 0 {
        return Vec::new();
    }
    // Co-occurrence graph, window 2 over content words of a sentence.
    let mut adj: Vec<Vec<(u32, f64)>> = vec![Vec::new(); v];
    for seq in &seqs {
        for w in seq.windows(2) {
            if w[0] != w[1] {
                adj[w[0] as usize].push((w[1], 1.0));
                adj[w[1] as usize].push((w[0], 1.0));
            }
        }
    }
    for row in &mut adj {
        row.sort_unstable_by_key(|&(j, _)| j);
        row.dedup_by_key(|&mut (j, _)| j);
    }
    let ws = pagerank(&Rows::from_vecs(adj), 0.85);
    // Candidate phrases: every sub-run of up to MAX_PHRASE words.
    let mut index: FxMap<Vec<u32>, usize> = FxMap::default();
    let mut phrases: Vec<Phrase> = Vec::new();
    for run in &runs {
        for len in 1..=MAX_PHRASE.min(run.len()) {
            for start in 0..=run.len() - len {
                let part = &run[start..start + len];
                let stems: Vec<u32> = part.iter().map(|(id, _)| *id).collect();
                let span = part[0].1.start..part[len - 1].1.end;
                match index.get(&stems) {
                    Some(&p) => phrases[p].spans.push(span),
                    None => {
                        index.insert(stems.clone(), phrases.len());
                        let text = source_text(input, &span);
                        phrases.push(Phrase {
                            text,
                            stems,
                            first: span.start,
                            spans: vec![span],
                        });
                    }
                }
            }
        }
    }
    let mut scored: Vec<(f64, usize)> = phrases
        .iter()
        .enumerate()
        .map(|(p, ph)| {
            let mean =
                ph.stems.iter().map(|&s| ws[s as usize]).sum::<f64>() / ph.stems.len() as f64;
            let occ = ph.spans.len() as f64;
            let len = ph.stems.len() as f64;
            (
                mean * v as f64 * (1.0 + occ.ln()) * (1.0 + 0.5 * (len - 1.0)),
                p,
            )
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(phrases[a.1].first.cmp(&phrases[b.1].first))
            .then(phrases[a.1].stems.len().cmp(&phrases[b.1].stems.len()))
    });
    let mut out: Vec<KeyTerm> = Vec::new();
    let mut chosen: Vec<&[u32]> = Vec::new();
    for (score, p) in scored {
        if out.len() >= k {
            break;
        }
        let ph = &phrases[p];
        if chosen
            .iter()
            .any(|c| ph.stems.iter().all(|s| c.contains(s)))
        {
            continue;
        }
        chosen.push(&ph.stems);
        out.push(KeyTerm {
            text: ph.text.clone(),
            score,
            spans: ph.spans.clone(),
        });
    }
    out
}

/// The text of an absolute span, found in the unit that holds it.
fn source_text(input: &Input<'_>, span: &Range<usize>) -> String {
    for u in &input.units {
        if u.span.start <= span.start && span.end <= u.span.end {
            if let Some(s) = u
                .text
                .get(span.start - u.span.start..span.end - u.span.start)
            {
                return s.to_string();
            }
        }
    }
    String::new()
}
