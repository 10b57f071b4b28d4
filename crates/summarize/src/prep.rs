//! Shared features: terms per candidate sentence (folded, stop words
//! removed, Snowball-stemmed), document frequencies, tf-idf vectors and a
//! sparse similarity routine over an inverted index.
//!
//! Terms are interned in order of first occurrence, so every iteration over
//! terms is in a fixed order (no hash-order iteration).

use std::collections::HashMap;

use nutgraf_text::tokens::{self, Stemmer};
use nutgraf_text::Language;

use crate::{Input, SummarizerConfig, UnitKind};

/// Stems longer than this are not split into compound parts (keeps the
/// work per word bounded).
const COMPOUND_MAX_CHARS: usize = 64;
/// Stems at least this long (in chars) are looked at as compounds.
const COMPOUND_MIN_CHARS: usize = 8;
/// Shortest compound part (in chars).
const COMPOUND_PART_CHARS: usize = 4;

/// Term analysis for one language.
pub(crate) struct Analyzer {
    language: Language,
    stemmer: Option<Stemmer>,
    compounds: bool,
}

impl Analyzer {
    pub(crate) fn new(language: Language, compound_matching: bool) -> Analyzer {
        Analyzer {
            language,
            stemmer: Stemmer::new(language),
            compounds: compound_matching && language == Language::De,
        }
    }

    /// The stemmed, folded form of a word.
    pub(crate) fn stem(&self, word: &str) -> String {
        let folded = tokens::fold(word);
        match &self.stemmer {
            Some(s) => s.stem(&folded).into_owned(),
            None => folded.into_owned(),
        }
    }

    /// `true` for a stop word (or a word without letters).
    pub(crate) fn is_stop(&self, word: &str) -> bool {
        let folded = tokens::fold(word);
        tokens::is_stopword(self.language, &folded) || !folded.chars().any(char::is_alphabetic)
    }

    /// Calls `f` with the terms of `text`: content words, folded and
    /// stemmed, in text order.
    pub(crate) fn terms(&self, text: &str, mut f: impl FnMut(&str)) {
        for t in tokens::words(text) {
            if !self.is_stop(t.text) {
                f(&self.stem(t.text));
            }
        }
    }
}

/// The prepared document.
pub(crate) struct Doc {
    /// Indices into `input.units` of the candidate sentences.
    pub cand: Vec<usize>,
    /// Terms of each candidate, in text order, with repetitions.
    pub terms: Vec<Vec<u32>>,
    /// Sorted (term, count) of each candidate.
    pub tf: Vec<Vec<(u32, u32)>>,
    /// Paragraph (block) index of each candidate.
    pub block: Vec<usize>,
    /// Number of words (all tokens) of each candidate.
    pub words: Vec<usize>,
    /// `true` for a candidate that ends with a colon: it introduces what
    /// follows ("These include:") and does not stand on its own.
    pub lead_in: Vec<bool>,
    /// `true` for a candidate that opens or closes with a quotation mark:
    /// direct speech, which teasers rarely copy.
    pub quote: Vec<bool>,
    /// `true` for a candidate that is a question (ends with `?`, possibly
    /// inside closing quotes or brackets).
    pub question: Vec<bool>,
    /// Every word of each candidate: its term, or `None` for a stop word.
    pub seq: Vec<Vec<Option<u32>>>,
    /// Number of candidates containing each term.
    pub df: Vec<u32>,
    /// Occurrences of each term in all candidates.
    pub cf: Vec<u32>,
    /// Sorted (term, count) of the title.
    pub title: Vec<(u32, u32)>,
    /// Distinct query terms (only those occurring in the document).
    pub query: Vec<u32>,
    /// Number of distinct query terms asked (including absent ones).
    pub query_len: usize,
}

#[derive(Default)]
struct Interner {
    map: HashMap<String, u32>,
    len: u32,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = self.len;
        self.map.insert(s.to_string(), id);
        self.len += 1;
        id
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.map.get(s).copied()
    }
}

/// For each term, the ids of its longest proper leading and trailing parts
/// (at least [`COMPOUND_PART_CHARS`] chars) that are terms themselves.
fn compound_parts(interner: &Interner) -> Vec<Vec<u32>> {
    let mut by_id: Vec<&str> = vec![""; interner.len as usize];
    for (s, &id) in &interner.map {
        by_id[id as usize] = s;
    }
    by_id
        .iter()
        .map(|stem| {
            let chars: Vec<(usize, char)> = stem.char_indices().collect();
            let n = chars.len();
            let mut out = Vec::new();
            // Real compounds are short; a longer "word" (a URL, a run of
            // symbols) would cost time quadratic in its length.
            if !(COMPOUND_MIN_CHARS..=COMPOUND_MAX_CHARS).contains(&n) {
                return out;
            }
            // Trailing part (the compound's head): longest first.
            for k in 1..=n - COMPOUND_PART_CHARS {
                if let Some(id) = interner.get(&stem[chars[k].0..]) {
                    out.push(id);
                    break;
                }
            }
            // Leading part (the modifier): longest first.
            for k in (COMPOUND_PART_CHARS..n).rev() {
                if let Some(id) = interner.get(&stem[..chars[k].0]) {
                    out.push(id);
                    break;
                }
            }
            out
        })
        .collect()
}

/// Quotation marks of English, German, French and Swiss typography.
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '«' | '»' | '‹' | '›'
    )
}

/// Direct speech: the sentence opens with a quotation mark, or ends with
/// one after its final punctuation (`… he said: "We will win."`).
pub(crate) fn is_quote(text: &str) -> bool {
    let t = text.trim();
    let first = t.chars().next();
    let last = t.chars().last();
    first.is_some_and(is_quote_char)
        || (last.is_some_and(is_quote_char)
            && t.chars()
                .rev()
                .nth(1)
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')))
}

/// A question: the last character that is not a closing quote or bracket
/// is `?`.
pub(crate) fn is_question(text: &str) -> bool {
    text.trim()
        .chars()
        .rev()
        .find(|&c| !(is_quote_char(c) || matches!(c, ')' | ']')))
        == Some('?')
}

fn counts(mut ids: Vec<u32>) -> Vec<(u32, u32)> {
    ids.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((t, c)) if *t == id => *c += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

impl Doc {
    pub(crate) fn new(input: &Input<'_>, config: &SummarizerConfig, an: &Analyzer) -> Doc {
        let cand: Vec<usize> = input
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| config.include_non_body || u.kind == UnitKind::Body)
            .map(|(i, _)| i)
            .collect();
        let mut interner = Interner::default();
        let mut terms = Vec::with_capacity(cand.len());
        let mut words = Vec::with_capacity(cand.len());
        let mut lead_in = Vec::with_capacity(cand.len());
        let mut quote = Vec::with_capacity(cand.len());
        let mut question = Vec::with_capacity(cand.len());
        let mut seq = Vec::with_capacity(cand.len());
        for &i in &cand {
            let text = input.units[i].text;
            let toks = tokens::words(text);
            words.push(toks.len());
            lead_in.push(text.trim_end().ends_with(':'));
            quote.push(is_quote(text));
            question.push(is_question(text));
            let s: Vec<Option<u32>> = toks
                .iter()
                .map(|t| (!an.is_stop(t.text)).then(|| interner.id(&an.stem(t.text))))
                .collect();
            terms.push(s.iter().flatten().copied().collect::<Vec<u32>>());
            seq.push(s);
        }
        let mut title_ids = Vec::new();
        if let Some(title) = input.title {
            an.terms(title, |t| title_ids.push(interner.id(t)));
        }
        let mut query = Vec::new();
        let mut asked: Vec<u32> = Vec::new();
        if let Some(q) = &config.query {
            an.terms(q, |t| {
                let id = interner.id(t);
                if !asked.contains(&id) {
                    asked.push(id);
                }
            });
        }
        let v = interner.len as usize;
        if an.compounds {
            // German compounds: a long stem also stands for its longest
            // leading and trailing parts that occur as words of their own
            // ("bundesregier" → "regier"), so compounds meet their heads.
            let parts = compound_parts(&interner);
            let extend = |ids: &mut Vec<u32>| {
                let extra: Vec<u32> = ids
                    .iter()
                    .flat_map(|&t| parts[t as usize].iter().copied())
                    .collect();
                ids.extend(extra);
            };
            terms.iter_mut().for_each(extend);
            extend(&mut title_ids);
        }
        let mut df = vec![0u32; v];
        let mut cf = vec![0u32; v];
        let tf: Vec<Vec<(u32, u32)>> = terms.iter().map(|t| counts(t.clone())).collect();
        for row in &tf {
            for &(t, c) in row {
                df[t as usize] += 1;
                cf[t as usize] += c;
            }
        }
        for &q in &asked {
            if df[q as usize] > 0 {
                query.push(q);
            }
        }
        let block = cand.iter().map(|&i| input.units[i].block).collect();
        Doc {
            block,
            cand,
            terms,
            tf,
            words,
            lead_in,
            quote,
            question,
            seq,
            df,
            cf,
            title: counts(title_ids),
            query,
            query_len: asked.len(),
        }
    }

    /// Number of candidates.
    pub(crate) fn n(&self) -> usize {
        self.cand.len()
    }

    /// Number of distinct terms.
    pub(crate) fn vocab(&self) -> usize {
        self.df.len()
    }

    /// Sentence-level idf: `ln(N / df)`, plus one so that a term in every
    /// sentence still counts a little.
    pub(crate) fn idf(&self) -> Vec<f64> {
        let n = self.n().max(1) as f64;
        self.df
            .iter()
            .map(|&d| 1.0 + (n / f64::from(d.max(1))).ln())
            .collect()
    }

    /// Unit-length tf-idf vectors of the candidates (sorted by term).
    pub(crate) fn tfidf_vectors(&self, idf: &[f64]) -> Vec<Vec<(u32, f64)>> {
        self.tf.iter().map(|row| tfidf(row, idf)).collect()
    }
}

/// Unit-length tf-idf vector of term counts.
pub(crate) fn tfidf(row: &[(u32, u32)], idf: &[f64]) -> Vec<(u32, f64)> {
    let mut v: Vec<(u32, f64)> = row
        .iter()
        .map(|&(t, c)| (t, f64::from(c) * idf[t as usize]))
        .collect();
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Sparse all-pairs products over the first `limit` vectors through an
/// inverted index: row `i` lists `(j, Σ_t a_it · a_jt)` for every `j` that
/// shares a term with `i` (including `j == i`), sorted by `j`. No dense
/// n × n matrix is built.
pub(crate) fn sparse_products(vecs: &[Vec<(u32, f64)>], vocab: usize) -> Vec<Vec<(u32, f64)>> {
    let n = vecs.len();
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); vocab];
    for (i, v) in vecs.iter().enumerate() {
        for &(t, x) in v {
            postings[t as usize].push((i as u32, x));
        }
    }
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut rows = Vec::with_capacity(n);
    for v in vecs {
        for &(t, x) in v {
            for &(j, y) in &postings[t as usize] {
                let ju = j as usize;
                if !seen[ju] {
                    seen[ju] = true;
                    touched.push(j);
                }
                acc[ju] += x * y;
            }
        }
        touched.sort_unstable();
        let mut row = Vec::with_capacity(touched.len());
        for &j in &touched {
            let ju = j as usize;
            row.push((j, acc[ju]));
            acc[ju] = 0.0;
            seen[ju] = false;
        }
        touched.clear();
        rows.push(row);
    }
    rows
}

/// Max-normalizes scores into [0, 1] (all zero stays zero; negative
/// scores are shifted first).
pub(crate) fn normalize(scores: &mut [f64]) {
    let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() || !max.is_finite() {
        scores.iter_mut().for_each(|s| *s = 0.0);
        return;
    }
    let (lo, span) = if min < 0.0 {
        (min, max - min)
    } else {
        (0.0, max)
    };
    for s in scores.iter_mut() {
        *s = if span > 0.0 { (*s - lo) / span } else { 0.0 };
    }
}
