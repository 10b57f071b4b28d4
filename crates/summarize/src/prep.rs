//! Shared features: terms per candidate sentence (folded, stop words
//! removed, Snowball-stemmed), document frequencies, tf-idf vectors and a
//! sparse similarity routine over an inverted index.
//!
//! Terms are interned in order of first occurrence, so every iteration over
//! terms is in a fixed order (no hash-order iteration).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use nutgraf_text::tokens::{self, Stemmer};
use nutgraf_text::Language;

use crate::{words, Input, SummarizerConfig, UnitKind};

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
    /// Use the per-thread [`Lexicon`] across documents.
    cache: bool,
}

impl Analyzer {
    pub(crate) fn new(language: Language, compound_matching: bool) -> Analyzer {
        Analyzer {
            language,
            stemmer: Stemmer::new(language),
            compounds: compound_matching && language == Language::De,
            cache: false,
        }
    }

    /// The same analyzer, using the per-thread term cache or not.
    pub(crate) fn term_cache(mut self, on: bool) -> Analyzer {
        self.cache = on;
        self
    }

    /// The stemmed, folded form of a word.
    #[cfg(test)]
    pub(crate) fn stem(&self, word: &str) -> String {
        self.stem_folded(&tokens::fold(word))
    }

    fn stem_folded(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(folded).into_owned(),
            None => folded.to_string(),
        }
    }

    /// `true` for a stop word (or a word without letters).
    #[cfg(test)]
    pub(crate) fn is_stop(&self, word: &str) -> bool {
        self.is_stop_folded(&tokens::fold(word))
    }

    fn is_stop_folded(&self, folded: &str) -> bool {
        tokens::is_stopword(self.language, folded) || !folded.chars().any(char::is_alphabetic)
    }

    /// The term of a word: `None` for a stop word, else its stemmed, folded
    /// form (folds once; same as [`Analyzer::is_stop`] then
    /// [`Analyzer::stem`]).
    pub(crate) fn term(&self, word: &str) -> Option<String> {
        let folded = tokens::fold(word);
        (!self.is_stop_folded(&folded)).then(|| self.stem_folded(&folded))
    }

    /// Runs `f` with the lexicon to use for one document: this thread's
    /// (emptied first when full) when the term cache is on, else a fresh
    /// one. Ids of the lexicon are stable during `f`.
    pub(crate) fn with_lexicon<R>(&self, f: impl FnOnce(&mut Lexicon) -> R) -> R {
        if !self.cache {
            return f(&mut Lexicon::fresh());
        }
        LEXICONS.with(|c| match c.try_borrow_mut() {
            Ok(mut c) => {
                let i = match c.iter().position(|(l, _)| *l == self.language) {
                    Some(i) => i,
                    None => {
                        c.push((self.language, Lexicon::default()));
                        c.len() - 1
                    }
                };
                let lex = &mut c[i].1;
                lex.begin();
                f(lex)
            }
            // Not reached (no caller re-enters), but never panic.
            Err(_) => f(&mut Lexicon::fresh()),
        })
    }
}

/// Most word forms a thread's [`Lexicon`] keeps per language; when it is
/// fuller at the start of a document it is emptied and starts over (bounds
/// its memory to a few MB).
const LEXICON_MAX_FORMS: usize = 1 << 15;
/// Word forms up to this many bytes are stored inline as a [`FormKey`]
/// (the shortest that holds them); longer ones (rare) are remembered for
/// the current document only.
const FORM_KEY_BYTES: usize = 23;
/// Marks a word form without a term (a stop word).
const NO_TERM: u32 = u32::MAX;

/// Word forms and their terms, numbered ("global" ids), plus each global
/// id's number within the current document ("local" ids, in order of first
/// occurrence, as the methods see them).
///
/// With [`SummarizerConfig::term_cache`](crate::SummarizerConfig::term_cache)
/// (the default) each thread keeps one lexicon per language across the
/// documents it summarizes: folding, the stop-word test and Snowball
/// stemming are pure functions of the word form and the language, and news
/// reuses its vocabulary, so most word forms of a document are then looked
/// up rather than stemmed again. Results are the same either way.
#[derive(Default)]
pub(crate) struct Lexicon {
    /// Short word forms → global term id, or [`NO_TERM`]: three tables by
    /// length (up to 7, 15 and 23 bytes), so that the common short words
    /// take small entries (12 bytes instead of 28) and the tables stay
    /// within the CPU caches (a lookup is one random memory access).
    forms7: FormTable<2>,
    forms15: FormTable<4>,
    forms23: FormTable<6>,
    /// Longer word forms of the current document → the same.
    long_forms: FxMap<Box<str>, u32>,
    /// Term → global id.
    terms: FxMap<Box<str>, u32>,
    /// Global id → term.
    names: Vec<Box<str>>,
    /// Global id → (document stamp, local id); valid when the stamp is
    /// `stamp`.
    local: Vec<(u32, u32)>,
    /// Stamp of the current document.
    stamp: u32,
    /// Local id → global id, for the current document.
    globals: Vec<u32>,
}

impl Lexicon {
    /// An empty lexicon, ready for a document.
    fn fresh() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.begin();
        lex
    }

    /// Starts a document: new local ids; empties the lexicon when full.
    fn begin(&mut self) {
        if self.forms7.len() + self.forms15.len() + self.forms23.len() >= LEXICON_MAX_FORMS {
            *self = Lexicon::default();
        }
        self.globals.clear();
        self.long_forms.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.local.iter_mut().for_each(|s| *s = (0, 0));
            self.stamp = 1;
        }
    }

    /// The global id of a word form's term (`None` for a stop word).
    #[inline]
    pub(crate) fn form(&mut self, an: &Analyzer, word: &str) -> Option<u32> {
        let n = word.len();
        let known = if n <= 7 {
            self.forms7.get(&FormKey::new(word)).copied()
        } else if n <= 15 {
            self.forms15.get(&FormKey::new(word)).copied()
        } else if n <= FORM_KEY_BYTES {
            self.forms23.get(&FormKey::new(word)).copied()
        } else {
            self.long_forms.get(word).copied()
        };
        let g = match known {
            Some(g) => g,
            None => self.new_form(an, word),
        };
        (g != NO_TERM).then_some(g)
    }

    /// Analyses a word form not in the lexicon and adds it.
    #[cold]
    #[inline(never)]
    fn new_form(&mut self, an: &Analyzer, word: &str) -> u32 {
        let g = match an.term(word) {
            Some(term) => self.term_id(term),
            None => NO_TERM,
        };
        let n = word.len();
        if n <= 7 {
            self.forms7.insert(FormKey::new(word), g);
        } else if n <= 15 {
            self.forms15.insert(FormKey::new(word), g);
        } else if n <= FORM_KEY_BYTES {
            self.forms23.insert(FormKey::new(word), g);
        } else {
            self.long_forms.insert(word.into(), g);
        }
        g
    }

    /// The local id of a word form's term (`None` for a stop word).
    #[cfg(test)]
    pub(crate) fn local_form(&mut self, an: &Analyzer, word: &str) -> Option<u32> {
        self.form(an, word).map(|g| self.local_id(g))
    }

    /// [`Lexicon::local_form`] of the word `text[from..to]`: the same id,
    /// with the key read from `text` in whole 8-byte loads when the bytes
    /// after the word allow it (see [`FormKey::at`]).
    #[inline(always)]
    pub(crate) fn local_form_at(
        &mut self,
        an: &Analyzer,
        text: &str,
        from: usize,
        to: usize,
    ) -> Option<u32> {
        let b = text.as_bytes();
        let n = to - from;
        let known = if n <= 7 {
            self.forms7.get(&FormKey::at(b, from, to)).copied()
        } else if n <= 15 {
            self.forms15.get(&FormKey::at(b, from, to)).copied()
        } else if n <= FORM_KEY_BYTES {
            self.forms23.get(&FormKey::at(b, from, to)).copied()
        } else {
            self.long_forms.get(&text[from..to]).copied()
        };
        let g = match known {
            Some(g) => g,
            None => self.new_form(an, &text[from..to]),
        };
        (g != NO_TERM).then(|| self.local_id(g))
    }

    /// The global id of a term.
    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&g) = self.terms.get(term.as_str()) {
            return g;
        }
        let g = self.names.len() as u32;
        let term: Box<str> = term.into_boxed_str();
        self.terms.insert(term.clone(), g);
        self.names.push(term);
        self.local.push((0, 0));
        g
    }

    /// The local id of a global id, numbering it if it is new in this
    /// document.
    fn local_id(&mut self, g: u32) -> u32 {
        let slot = &mut self.local[g as usize];
        if slot.0 == self.stamp {
            return slot.1;
        }
        let id = self.globals.len() as u32;
        *slot = (self.stamp, id);
        self.globals.push(g);
        id
    }

    /// The local id of a term, if it occurs in this document.
    fn local_of_term(&self, term: &str) -> Option<u32> {
        let &g = self.terms.get(term)?;
        let (stamp, id) = self.local[g as usize];
        (stamp == self.stamp).then_some(id)
    }

    /// Number of local ids.
    fn len(&self) -> usize {
        self.globals.len()
    }
}

/// A word form of fewer than `4 × W` bytes stored inline (no pointer to
/// follow when a hash lookup compares keys): its bytes, zero-padded, and
/// its length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct FormKey<const W: usize>([u32; W]);

impl<const W: usize> FormKey<W> {
    /// The key of `word`, which must be shorter than `4 × W` bytes.
    #[inline]
    fn new(word: &str) -> FormKey<W> {
        FormKey::new_bytes(word.as_bytes())
    }

    /// [`FormKey::new`] of a word's bytes.
    #[inline]
    fn new_bytes(b: &[u8]) -> FormKey<W> {
        let n = b.len();
        let mut x = [0u64; 3];
        // Whole 8-byte words, then the rest through one load of the last
        // 8 bytes (shifted down) or, for short words, byte by byte; no
        // copy through a buffer.
        let full = n / 8;
        for (i, w) in x.iter_mut().enumerate().take(full) {
            *w = le64(&b[8 * i..8 * i + 8]);
        }
        let rest = n % 8;
        if rest > 0 {
            x[full] = if n >= 8 {
                le64(&b[n - 8..]) >> (8 * (8 - rest))
            } else {
                b.iter()
                    .rev()
                    .fold(0u64, |acc, &c| (acc << 8) | u64::from(c))
            };
        }
        FormKey::of_words(x, n)
    }

    /// The key of the word `b[from..to]` (shorter than `4 × W` bytes), the
    /// same as [`FormKey::new`] of it: when whole 8-byte loads from `from`
    /// stay inside `b`, each is masked down to the word's bytes (no byte
    /// loop for short words); else through [`FormKey::new`].
    #[inline(always)]
    fn at(b: &[u8], from: usize, to: usize) -> FormKey<W> {
        let n = to - from;
        // `W / 2` loads (a fixed number: no loop at run time).
        if from + 4 * W > b.len() {
            return FormKey::new_bytes(&b[from..to]);
        }
        let mut x = [0u64; 3];
        for (i, w) in x.iter_mut().enumerate().take(W / 2) {
            let v = le64(&b[from + 8 * i..from + 8 * i + 8]);
            // The word's bytes in this load: 0 to 8.
            let keep = n.saturating_sub(8 * i).min(8) as u32;
            *w = v & u64::MAX.checked_shr(64 - 8 * keep).unwrap_or(0);
        }
        FormKey::of_words(x, n)
    }

    /// The key from the word's bytes as little-endian 8-byte words
    /// (zero-padded) and its length.
    #[inline]
    fn of_words(mut x: [u64; 3], n: usize) -> FormKey<W> {
        // The length in the last byte.
        x[(W - 1) / 2] |= (n as u64) << if W % 2 == 0 { 56 } else { 24 };
        let mut k = [0u32; W];
        for (i, w) in k.iter_mut().enumerate() {
            *w = (x[i / 2] >> (32 * (i % 2))) as u32;
        }
        FormKey(k)
    }
}

/// Eight bytes as a little-endian number.
#[inline]
fn le64(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[..8]);
    u64::from_le_bytes(w)
}

/// Spreads every bit of `x` over the low bits too (the table index of a
/// hash map comes from the low bits of the hash; one FxHash round alone
/// would leave them depending on the first bytes of the word only).
#[inline]
fn mix(x: u64) -> u64 {
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 32)
}

impl<const W: usize> FormKey<W> {
    /// The hash of the key: every bit of the word reaches the low bits.
    #[inline]
    fn hash64(&self) -> u64 {
        let mut h = 0u64;
        for pair in self.0.chunks(2) {
            let x = u64::from(pair[0]) | (u64::from(pair.get(1).copied().unwrap_or(0)) << 32);
            h = mix(h ^ x);
        }
        h
    }

    /// The all-zero key, which no word has (its length byte is at least 1):
    /// an empty slot of a [`FormTable`].
    const EMPTY: FormKey<W> = FormKey([0; W]);
}

/// Word-form keys → ids: open addressing with linear probing, at most half
/// full; a slot holding [`FormKey::EMPTY`] is free. Only lookups and
/// inserts (nothing iterates it, nothing is removed but all at once), so
/// its layout never shows in a result. A lookup is a hash, one index and
/// (mostly) one key comparison, with no control bytes to match first.
#[derive(Default)]
pub(crate) struct FormTable<const W: usize> {
    slots: Vec<(FormKey<W>, u32)>,
    len: usize,
}

impl<const W: usize> FormTable<W> {
    /// Number of keys.
    fn len(&self) -> usize {
        self.len
    }

    /// The id of `key`.
    #[inline(always)]
    fn get(&self, key: &FormKey<W>) -> Option<&u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = key.hash64() as usize & mask;
        loop {
            let (k, v) = &self.slots[i];
            if k == key {
                return Some(v);
            }
            if *k == FormKey::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets the id of `key` (not [`FormKey::EMPTY`]).
    fn insert(&mut self, key: FormKey<W>, value: u32) {
        debug_assert!(key != FormKey::EMPTY);
        if 2 * (self.len + 1) > self.slots.len() {
            let size = (2 * self.slots.len()).max(64);
            let old = std::mem::replace(&mut self.slots, vec![(FormKey::EMPTY, 0); size]);
            for (k, v) in old {
                if k != FormKey::EMPTY {
                    self.put(k, v);
                }
            }
        }
        if self.put(key, value) {
            self.len += 1;
        }
    }

    /// Stores `key` in its slot; `true` when it was not there yet.
    fn put(&mut self, key: FormKey<W>, value: u32) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = key.hash64() as usize & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == key {
                slot.1 = value;
                return false;
            }
            if slot.0 == FormKey::EMPTY {
                *slot = (key, value);
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}

thread_local! {
    static LEXICONS: RefCell<Vec<(Language, Lexicon)>> = const { RefCell::new(Vec::new()) };
}

/// FxHash (the hash of rustc): fast for short keys such as words. Only
/// lookups use it; nothing iterates a hash map in an order that matters.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Rows of varying length in one flat array (one allocation instead of one
/// per row): row `i` is `data[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows<T> {
    data: Vec<T>,
    ends: Vec<usize>,
}

impl<T> Rows<T> {
    pub(crate) fn with_capacity(rows: usize, items: usize) -> Rows<T> {
        Rows {
            data: Vec::with_capacity(items),
            ends: Vec::with_capacity(rows),
        }
    }

    /// Ends the current row (the items pushed since the last one).
    pub(crate) fn end_row(&mut self) {
        self.ends.push(self.data.len());
    }

    /// Adds an item to the current row.
    pub(crate) fn push(&mut self, item: T) {
        self.data.push(item);
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Number of items in all rows.
    pub(crate) fn data_len(&self) -> usize {
        self.data.len()
    }

    /// Rows from separate vectors.
    pub(crate) fn from_vecs(vecs: Vec<Vec<T>>) -> Rows<T> {
        let mut rows = Rows::with_capacity(vecs.len(), vecs.iter().map(Vec::len).sum());
        for v in vecs {
            rows.data.extend(v);
            rows.end_row();
        }
        rows
    }

    /// The rows in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> + '_ {
        (0..self.len()).map(move |i| &self[i])
    }
}

impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..self.ends[i]]
    }
}

/// The prepared document.
pub(crate) struct Doc {
    /// Indices into `input.units` of the candidate sentences.
    pub cand: Vec<usize>,
    /// Terms of each candidate, in text order, with repetitions.
    pub terms: Rows<u32>,
    /// Sorted (term, count) of each candidate.
    pub tf: Rows<(u32, u32)>,
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
    pub seq: Rows<Option<u32>>,
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

/// For each term, the ids of its longest proper leading and trailing parts
/// (at least [`COMPOUND_PART_CHARS`] chars) that are terms themselves.
fn compound_parts(lex: &Lexicon) -> Vec<Vec<u32>> {
    lex.globals
        .iter()
        .map(|&g| {
            let stem: &str = &lex.names[g as usize];
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
                if let Some(id) = lex.local_of_term(&stem[chars[k].0..]) {
                    out.push(id);
                    break;
                }
            }
            // Leading part (the modifier): longest first.
            for k in (COMPOUND_PART_CHARS..n).rev() {
                if let Some(id) = lex.local_of_term(&stem[..chars[k].0]) {
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
    let mut out = Vec::with_capacity(ids.len());
    counts_into(&mut ids, &mut out);
    out
}

/// Appends the sorted (term, count) of `ids` (sorted in place) to `out`.
fn counts_into(ids: &mut [u32], out: &mut Vec<(u32, u32)>) {
    ids.sort_unstable();
    let start = out.len();
    for &id in ids.iter() {
        if out.len() > start {
            if let Some((t, c)) = out.last_mut() {
                if *t == id {
                    *c += 1;
                    continue;
                }
            }
        }
        out.push((id, 1));
    }
}

impl Doc {
    pub(crate) fn new(input: &Input<'_>, config: &SummarizerConfig, an: &Analyzer) -> Doc {
        an.with_lexicon(|lex| Doc::build(input, config, an, lex))
    }

    fn build(
        input: &Input<'_>,
        config: &SummarizerConfig,
        an: &Analyzer,
        lex: &mut Lexicon,
    ) -> Doc {
        let cand: Vec<usize> = input
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| config.include_non_body || u.kind == UnitKind::Body)
            .map(|(i, _)| i)
            .collect();
        let bytes: usize = cand.iter().map(|&i| input.units[i].text.len()).sum();
        let mut words = Vec::with_capacity(cand.len());
        let mut lead_in = Vec::with_capacity(cand.len());
        let mut quote = Vec::with_capacity(cand.len());
        let mut question = Vec::with_capacity(cand.len());
        let mut seq: Rows<Option<u32>> = Rows::with_capacity(cand.len(), bytes / 5);
        let mut terms: Rows<u32> = Rows::with_capacity(cand.len(), bytes / 8);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for &i in &cand {
            let text = input.units[i].text;
            lead_in.push(text.trim_end().ends_with(':'));
            quote.push(is_quote(text));
            question.push(is_question(text));
            // News repeats its words: each distinct word form is analysed
            // once (per document, or per thread with the term cache), then
            // looked up in the lexicon. The words of `tokens::words`, as
            // spans in a reused buffer (no token vector per sentence).
            spans.clear();
            words::each_word(text, |from, to| spans.push((from, to)));
            words.push(spans.len());
            for &(from, to) in &spans {
                let id = lex.local_form_at(an, text, from, to);
                seq.push(id);
                if let Some(id) = id {
                    terms.push(id);
                }
            }
            seq.end_row();
            terms.end_row();
        }
        let mut title_ids = Vec::new();
        let mut local_terms = |text: &str, f: &mut dyn FnMut(u32)| {
            words::each_word(text, |from, to| {
                if let Some(id) = lex.local_form_at(an, text, from, to) {
                    f(id);
                }
            });
        };
        if let Some(title) = input.title {
            local_terms(title, &mut |id| title_ids.push(id));
        }
        let mut query = Vec::new();
        let mut asked: Vec<u32> = Vec::new();
        if let Some(q) = &config.query {
            local_terms(q, &mut |id| {
                if !asked.contains(&id) {
                    asked.push(id);
                }
            });
        }
        let v = lex.len();
        if an.compounds {
            // German compounds: a long stem also stands for its longest
            // leading and trailing parts that occur as words of their own
            // ("bundesregier" → "regier"), so compounds meet their heads.
            let parts = compound_parts(lex);
            let extra = |ids: &[u32]| -> Vec<u32> {
                ids.iter()
                    .flat_map(|&t| parts[t as usize].iter().copied())
                    .collect()
            };
            let mut extended: Rows<u32> = Rows::with_capacity(terms.len(), terms.data.len());
            for row in terms.iter() {
                extended.data.extend_from_slice(row);
                extended.data.extend(extra(row));
                extended.end_row();
            }
            terms = extended;
            let more = extra(&title_ids);
            title_ids.extend(more);
        }
        let mut df = vec![0u32; v];
        let mut cf = vec![0u32; v];
        let mut tf: Rows<(u32, u32)> = Rows::with_capacity(terms.len(), terms.data.len());
        let mut buf: Vec<u32> = Vec::new();
        for row in terms.iter() {
            buf.clear();
            buf.extend_from_slice(row);
            counts_into(&mut buf, &mut tf.data);
            tf.end_row();
        }
        for &(t, c) in &tf.data {
            df[t as usize] += 1;
            cf[t as usize] += c;
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
    ///
    /// Most terms share a few document frequencies (most occur in one
    /// sentence), so each distinct one is computed once, by the same
    /// expression (the same bits).
    pub(crate) fn idf(&self) -> Vec<f64> {
        let n = self.n().max(1) as f64;
        let idf_of = |d: u32| 1.0 + (n / f64::from(d.max(1))).ln();
        // `df <= n`; NaN marks a frequency not computed yet (no idf is NaN).
        let mut memo = vec![f64::NAN; self.n() + 2];
        self.df
            .iter()
            .map(|&d| match memo.get_mut(d as usize) {
                Some(m) => {
                    if m.is_nan() {
                        *m = idf_of(d);
                    }
                    *m
                }
                None => idf_of(d),
            })
            .collect()
    }

    /// [`Doc::idf`] without the memo (the tests compare the two).
    #[cfg(test)]
    pub(crate) fn idf_direct(&self) -> Vec<f64> {
        let n = self.n().max(1) as f64;
        self.df
            .iter()
            .map(|&d| 1.0 + (n / f64::from(d.max(1))).ln())
            .collect()
    }

    /// Unit-length tf-idf vectors of the candidates (sorted by term).
    pub(crate) fn tfidf_vectors(&self, idf: &[f64]) -> Rows<(u32, f64)> {
        let mut out = Rows::with_capacity(self.tf.len(), self.tf.data.len());
        for row in self.tf.iter() {
            let start = out.data.len();
            out.data.extend(
                row.iter()
                    .map(|&(t, c)| (t, f64::from(c) * idf[t as usize])),
            );
            unit_length(&mut out.data[start..]);
            out.end_row();
        }
        out
    }
}

/// Unit-length tf-idf vector of term counts.
pub(crate) fn tfidf(row: &[(u32, u32)], idf: &[f64]) -> Vec<(u32, f64)> {
    let mut v: Vec<(u32, f64)> = row
        .iter()
        .map(|&(t, c)| (t, f64::from(c) * idf[t as usize]))
        .collect();
    unit_length(&mut v);
    v
}

/// Divides a sparse vector by its Euclidean norm (unless zero).
fn unit_length(v: &mut [(u32, f64)]) {
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, x) in v {
            *x /= norm;
        }
    }
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
/// inverted index, as the upper triangle of the symmetric product matrix:
/// row `i` lists `(j, Σ_t a_it · a_jt)` for every `i <= j < limit` that
/// shares a term with `i` (including `j == i`), sorted by `j`. No dense
/// n × n matrix is built.
///
/// The product of `i` and `j` is the same number, bit for bit, whichever
/// of the two rows computes it (the same shared terms, added in term
/// order), so each pair is computed once; a caller that needs row `j`'s
/// entries below the diagonal finds them in the rows before it, and meets
/// them in increasing order of `i` when it walks the rows in order (which
/// is how every caller adds them up, in the order a full row would).
///
/// Terms found in more than `max_df` of those vectors are left out of the
/// sums (see [`SummarizerConfig::graph_max_df`](crate::SummarizerConfig::graph_max_df)),
/// so the work is at most `max_df` products per term occurrence.
pub(crate) fn sparse_products(
    vecs: &Rows<(u32, f64)>,
    limit: usize,
    vocab: usize,
    max_df: usize,
) -> Rows<(u32, f64)> {
    let n = vecs.len().min(limit);
    // Postings in one flat array (compressed rows): those of term `t` are
    // `post[start[t]..start[t + 1]]`, in increasing sentence order.
    let mut start = vec![0usize; vocab + 1];
    for v in vecs.iter().take(n) {
        for &(t, _) in v {
            start[t as usize + 1] += 1;
        }
    }
    // A term in more than `max_df` vectors gets an empty posting list.
    let common: Vec<bool> = start[1..].iter().map(|&c| c > max_df).collect();
    for t in 0..vocab {
        if common[t] {
            start[t + 1] = 0;
        }
        start[t + 1] += start[t];
    }
    // `fill[t]` ends at `start[t + 1]`; then, walking the rows in order,
    // `next[t]` is the position of the current row in the postings of `t`
    // (the partners from there on are the current row and later ones).
    let mut fill = start.clone();
    let mut post: Vec<(u32, f64)> = vec![(0, 0.0); start[vocab]];
    for (i, v) in vecs.iter().take(n).enumerate() {
        for &(t, x) in v {
            if common[t as usize] {
                continue;
            }
            let f = &mut fill[t as usize];
            post[*f] = (i as u32, x);
            *f += 1;
        }
    }
    let mut next = start;
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut rows = Rows::with_capacity(n, 0);
    for (i, v) in vecs.iter().take(n).enumerate() {
        for &(t, x) in v {
            let t = t as usize;
            if common[t] {
                continue;
            }
            let from = next[t];
            next[t] += 1;
            for &(j, y) in &post[from..fill[t]] {
                let ju = j as usize;
                if !seen[ju] {
                    seen[ju] = true;
                    touched.push(j);
                }
                acc[ju] += x * y;
            }
        }
        if touched.len() * 16 < n - i {
            touched.sort_unstable();
            for &j in &touched {
                let ju = j as usize;
                rows.push((j, acc[ju]));
                acc[ju] = 0.0;
                seen[ju] = false;
            }
        } else {
            // A dense row: a scan in order is cheaper than a sort.
            for (j, (a, s)) in acc.iter_mut().zip(seen.iter_mut()).enumerate().skip(i) {
                if *s {
                    rows.push((j as u32, *a));
                    *a = 0.0;
                    *s = false;
                }
            }
        }
        touched.clear();
        rows.end_row();
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

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use proptest::prelude::*;

    /// Keys read in place with masked loads equal those of the word alone,
    /// wherever the word sits in its text (near the end included).
    fn keys_agree(text: &str, from: usize, to: usize) {
        let w = &text[from..to];
        let b = text.as_bytes();
        match w.len() {
            0 => {}
            1..=7 => assert!(FormKey::<2>::at(b, from, to) == FormKey::<2>::new(w)),
            8..=15 => assert!(FormKey::<4>::at(b, from, to) == FormKey::<4>::new(w)),
            16..=23 => assert!(FormKey::<6>::at(b, from, to) == FormKey::<6>::new(w)),
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn form_keys_in_place_match(text in "[a-zé0-9 ]{0,40}", a in 0usize..40, len in 0usize..30) {
            let from = a.min(text.len());
            let to = (from + len).min(text.len());
            if text.is_char_boundary(from) && text.is_char_boundary(to) {
                keys_agree(&text, from, to);
            }
        }

        #[test]
        fn local_form_at_matches_local_form(text in "[a-zA-Z0-9' .]{0,80}") {
            for cache in [false, true] {
                let an = Analyzer::new(Language::En, false).term_cache(cache);
                let slow: Vec<Option<u32>> = an.with_lexicon(|lex| {
                    tokens::words(&text).iter().map(|t| lex.local_form(&an, t.text)).collect()
                });
                let fast: Vec<Option<u32>> = an.with_lexicon(|lex| {
                    let mut v = Vec::new();
                    words::each_word(&text, |a, b| v.push(lex.local_form_at(&an, &text, a, b)));
                    v
                });
                prop_assert_eq!(slow, fast);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The open-addressing table answers as a hash map does, through
        /// its growth.
        #[test]
        fn form_table_matches_a_hash_map(words in prop::collection::vec("[a-z]{1,7}", 0..300)) {
            let mut table: FormTable<2> = FormTable::default();
            let mut map: HashMap<String, u32> = HashMap::new();
            for (i, w) in words.iter().enumerate() {
                if table.get(&FormKey::new(w)).is_none() {
                    table.insert(FormKey::new(w), i as u32);
                }
                map.entry(w.clone()).or_insert(i as u32);
                prop_assert_eq!(table.len(), map.len());
            }
            for w in &words {
                prop_assert_eq!(table.get(&FormKey::new(w)).copied(), map.get(w).copied());
            }
            prop_assert_eq!(table.get(&FormKey::new("zzzzzzz")).copied(), map.get("zzzzzzz").copied());
        }
    }

    #[test]
    fn idf_memo_matches_direct() {
        let text = "Storms hit the coast. Power failed in many towns. Schools closed. \
                    Power was back. The coast was calm. Storms may return to the coast.";
        let input = crate::text::parse(text, Some("Storms"), Language::En);
        let config = SummarizerConfig::default();
        let an = Analyzer::new(Language::En, false);
        let doc = Doc::new(&input, &config, &an);
        let (a, b) = (doc.idf(), doc.idf_direct());
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.to_bits(), y.to_bits());
        }
    }
}
