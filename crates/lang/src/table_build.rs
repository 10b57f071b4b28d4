//! Building the n-gram table from `data/ngrams.tsv`, and the binary form
//! the crate ships it in.
//!
//! This file is compiled twice: by the build script (`build.rs`, as
//! `#[path = "src/table_build.rs"] mod table_build`), which runs
//! [`Table::parse`] on the TSV and writes [`Table::encode`] to
//! `$OUT_DIR/ngrams.bin`; and in the crate, as a module of `ngram`, which
//! [`Table::decode`]s that blob on first use (its tests parse the TSV at run
//! time and compare). It therefore uses `std` only and nothing of the crate.
//!
//! ## The blob
//!
//! Little-endian throughout: the magic [`MAGIC`]; the scale (`f64` bits);
//! the penalty, the floor, the number of slots (a power of two), the number
//! of n-grams and the number of letters (`u32` each); the letters in code
//! order (`u32` scalar values, code 1 first); the occupancy bitmap of the
//! slots (bit `b % 64` of `u64` number `b / 64` set when slot `b` holds an
//! n-gram); then the occupied slots in slot order (`u128`, 16 bytes each).
//! Storing only the occupied slots (about 44 % of them) and the bitmap takes
//! 1.9 MB for the shipped table where the whole slot array would take 4 MiB,
//! and decoding is a walk over the set bits that copies each slot into place.

use std::collections::HashMap;

/// Longest n-gram in the table.
pub(crate) const MAX_ORDER: usize = 5;
/// Cost (nats) of each order dropped when backing off (mirrors fit_model.py).
pub(crate) const BACKOFF_PENALTY: f64 = 1.0;
/// Log-probability of a letter a language's table does not know at all.
pub(crate) const FLOOR: f64 = -10.0;
/// Number of modelled languages (the columns `a`, `b`, … of the table).
pub(crate) const N: usize = 12;
/// Bits per cost in a slot (a cost is the negated log-probability in
/// `1/scale` nat); the largest value marks a language without one.
pub(crate) const COST_BITS: u32 = 7;
pub(crate) const SLOT_ABSENT: u32 = (1 << COST_BITS) - 1;
/// Bits of a slot below the key: the costs of the row.
pub(crate) const ROW_BITS: u32 = COST_BITS * N as u32;
/// Bits of a packed key: 8 per letter code plus the length.
const KEY_BITS: u32 = 8 * MAX_ORDER as u32 + 3;
const _: () = assert!(KEY_BITS + ROW_BITS <= 128, "a slot holds a key and a row");

/// First bytes of the blob (the last one is the format version).
pub(crate) const MAGIC: [u8; 8] = *b"NGRAMTB1";

/// The n-gram table: the letters' codes and the open-addressing slots,
/// back-off resolved.
#[derive(PartialEq)]
pub(crate) struct Table {
    /// Letter → small code (1-based; 0 = unknown letter).
    pub(super) alphabet: HashMap<char, u8>,
    /// Codes of the ASCII and Latin-1 letters, for speed.
    pub(super) fast: [u8; 0x250],
    pub(super) scale: f64,
    /// Cost of one dropped order, in `1/scale` nat.
    pub(super) penalty: u32,
    /// Cost of [`FLOOR`], in `1/scale` nat.
    pub(super) floor: u32,
    /// Open addressing: `key << ROW_BITS | row` (the resolved row, back-off
    /// done, [`COST_BITS`] per language); 0 = empty.
    pub(super) slots: Vec<u128>,
    /// `slots.len() - 1` (the length is a power of two).
    pub(super) mask: usize,
    /// Number of n-grams.
    pub(super) len: usize,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table").field("ngrams", &self.len).finish()
    }
}

/// The packed key of the last `len` codes of `window` (the newest code in
/// the lowest byte).
#[inline]
pub(super) fn key(window: u64, len: usize) -> u64 {
    let mask = (1u64 << (8 * len)) - 1;
    (window & mask) | ((len as u64) << (8 * MAX_ORDER))
}

/// The costs of a row, [`COST_BITS`] each, first language lowest.
pub(super) fn pack_row(vals: &[u32; N]) -> u128 {
    vals.iter().rev().fold(0u128, |acc, &q| {
        (acc << COST_BITS) | u128::from(q & SLOT_ABSENT)
    })
}

/// The costs in the low bits of a slot.
fn unpack_row(mut slot: u128) -> [u32; N] {
    let mut vals = [0; N];
    for v in &mut vals {
        *v = (slot as u32) & SLOT_ABSENT;
        slot >>= COST_BITS;
    }
    vals
}

/// `str::lines` with a byte search for the line feed (the table has
/// ~116 000 short lines; the generic char search dominated loading them).
pub(super) fn lines(raw: &str) -> impl Iterator<Item = &str> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.bytes().position(|b| b == b'\n') {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// The n-gram length stored in the key of an occupied slot.
pub(super) fn key_len(slot: u128) -> usize {
    ((slot >> ROW_BITS) as u64 >> (8 * MAX_ORDER)) as usize
}

/// Entry = (home bucket, packed key, n-gram length, row).
pub(super) type Entry = (usize, u64, usize, u128);

/// `entries` stably sorted by home bucket (all below `buckets`): a counting
/// sort, linear where a comparison sort of the ~100 000 rows dominated the
/// start-up time.
pub(super) fn sort_by_bucket(entries: Vec<Entry>, buckets: usize) -> Vec<Entry> {
    let mut start = vec![0u32; buckets + 1];
    for e in &entries {
        start[e.0 + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut out = vec![(0, 0, 0, 0); entries.len()];
    for e in entries {
        let at = &mut start[e.0];
        out[*at as usize] = e;
        *at += 1;
    }
    out
}

/// The home bucket of a packed key.
#[inline]
pub(super) fn bucket(key: u64, mask: usize) -> usize {
    // Fibonacci hashing: the high bits of the product are well mixed.
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
}

/// `u64` words of the occupancy bitmap of `slots` slots.
fn bitmap_words(slots: usize) -> usize {
    slots.div_ceil(64)
}

/// Reads the blob front to back; `None` past its end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

impl Table {
    /// Parses the TSV: learns the alphabet, places the rows in home-bucket
    /// order and resolves the back-off, shorter n-grams first.
    pub(crate) fn parse(raw: &str) -> Table {
        let mut t = Table {
            alphabet: HashMap::new(),
            fast: [0u8; 0x250],
            scale: 8.0,
            penalty: 0,
            floor: 0,
            slots: Vec::new(),
            mask: 0,
            len: 0,
        };
        let rows = lines(raw)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        let cap = (rows * 2).next_power_of_two().max(16);
        t.slots = vec![0; cap];
        t.mask = cap - 1;
        // (home bucket, packed key, n-gram length, row) of every n-gram, in
        // file order.
        let mut entries: Vec<Entry> = Vec::with_capacity(rows);
        for line in lines(raw) {
            if let Some(rest) = line.strip_prefix("# languages ") {
                if let Some((_, s)) = rest.split_once("; scale ") {
                    t.scale = s.trim().parse().unwrap_or(8.0);
                }
                continue;
            }
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some(tab) = line.bytes().position(|b| b == b'\t') else {
                continue;
            };
            let (key, cells) = (&line[..tab], &line[tab + 1..]);
            let mut vals = [SLOT_ABSENT; N];
            for pair in cells.as_bytes().chunks_exact(2) {
                let li = usize::from(pair[0].wrapping_sub(b'a'));
                if li < N {
                    vals[li] = u32::from(pair[1].wrapping_sub(b'0')).min(SLOT_ABSENT - 1);
                }
            }
            let mut window = 0u64;
            let mut len = 0usize;
            let mut known = true;
            for c in key.chars() {
                let code = t.learn(c);
                known &= code != 0;
                window = (window << 8) | u64::from(code);
                len += 1;
            }
            if len == 0 || len > MAX_ORDER || !known {
                continue;
            }
            let k = self::key(window, len);
            entries.push((bucket(k, t.mask), k, len, pack_row(&vals)));
        }
        // Inserting in home-bucket order walks the slots front to back
        // instead of jumping around a table larger than the caches. The
        // counting sort is stable, so of two rows with the same key (same
        // home bucket) the first in the file still wins; lookups do not
        // depend on the order.
        let entries = sort_by_bucket(entries, cap);
        // Rows placed, per n-gram length, to resolve the back-off below.
        let mut per_len = [0usize; MAX_ORDER + 1];
        for (_, k, len, row) in entries {
            if let Some(b) = t.place(k) {
                t.slots[b] = (u128::from(k) << ROW_BITS) | row;
                per_len[len] += 1;
                t.len += 1;
            }
        }
        // Costs are whole multiples of 1/scale nat (scale 8 in the shipped
        // table); the penalty and the floor are rounded to that grid.
        t.penalty = (BACKOFF_PENALTY * t.scale).round().max(0.0) as u32;
        t.floor = (-FLOOR * t.scale).round().max(0.0) as u32;
        // Back-off, shorter n-grams first: a language a row lacks takes the
        // (already resolved) cost of the longest shorter suffix in the table,
        // plus the penalty for every order dropped.
        // A row only reads shorter rows, so within one length the order is
        // free: slot order keeps the reads and writes of the rows sequential.
        // (The length is part of every key; one sweep of the slots per
        // length visits the rows in (length, slot) order.)
        for (len, &rows) in per_len.iter().enumerate().skip(1) {
            if rows == 0 {
                continue;
            }
            for b in 0..t.slots.len() {
                let slot = t.slots[b];
                if slot == 0 || key_len(slot) != len {
                    continue;
                }
                t.resolve(b, len);
            }
        }
        t
    }

    /// Resolves the back-off of the row in slot `b` (an n-gram of `len`
    /// letters) from the rows of its shorter suffixes, already resolved.
    pub(super) fn resolve(&mut self, b: usize, len: usize) {
        let slot = self.slots[b];
        let window = (slot >> ROW_BITS) as u64;
        let mut vals = unpack_row(slot);
        if !vals.contains(&SLOT_ABSENT) {
            return;
        }
        for shorter in (1..len).rev() {
            let Some(suffix) = self.get(key(window, shorter)) else {
                continue;
            };
            let extra = self.penalty * (len - shorter) as u32;
            for (v, s) in vals.iter_mut().zip(unpack_row(suffix)) {
                if *v == SLOT_ABSENT && s != SLOT_ABSENT {
                    *v = (s + extra).min(SLOT_ABSENT - 1);
                }
            }
            break;
        }
        self.slots[b] = (slot >> ROW_BITS << ROW_BITS) | pack_row(&vals);
    }

    /// The code of letter `c`, given the next free code when it is new.
    pub(super) fn learn(&mut self, c: char) -> u8 {
        let code = self.code(c);
        if code != 0 {
            return code;
        }
        let next = self.alphabet.len() + 1;
        if next >= 255 {
            return 0;
        }
        let code = next as u8;
        self.alphabet.insert(c, code);
        if let Some(slot) = self.fast.get_mut(c as usize) {
            *slot = code;
        }
        code
    }

    /// The free slot for a new key (`None` when the key is already there).
    pub(super) fn place(&self, key: u64) -> Option<usize> {
        let mut b = bucket(key, self.mask);
        loop {
            let slot = *self.slots.get(b)?;
            if slot == 0 {
                return Some(b);
            }
            if slot >> ROW_BITS == u128::from(key) {
                return None;
            }
            b = (b + 1) & self.mask;
        }
    }

    /// The resolved row of a packed key (its costs in the low bits).
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u128> {
        let key = u128::from(key);
        let mut b = bucket(key as u64, self.mask);
        loop {
            let slot = *self.slots.get(b)?;
            if slot == 0 {
                return None;
            }
            if slot >> ROW_BITS == key {
                return Some(slot);
            }
            b = (b + 1) & self.mask;
        }
    }

    /// The code of a (lower-case) letter; 0 when the table does not know it.
    #[inline]
    pub(crate) fn code(&self, c: char) -> u8 {
        match self.fast.get(c as usize) {
            Some(&code) => code,
            None => self.alphabet.get(&c).copied().unwrap_or(0),
        }
    }

    /// The table as a blob (see the [module docs](self) for the layout).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut letters = vec!['\0'; self.alphabet.len()];
        for (&c, &code) in &self.alphabet {
            letters[usize::from(code) - 1] = c;
        }
        let words = bitmap_words(self.slots.len());
        let mut out = Vec::with_capacity(40 + 4 * letters.len() + 8 * words + 16 * self.len);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        for n in [
            self.penalty as usize,
            self.floor as usize,
            self.slots.len(),
            self.len,
            letters.len(),
        ] {
            let n = u32::try_from(n).expect("table sizes fit a u32");
            out.extend_from_slice(&n.to_le_bytes());
        }
        for c in letters {
            out.extend_from_slice(&u32::from(c).to_le_bytes());
        }
        let mut bitmap = vec![0u64; words];
        for (b, &slot) in self.slots.iter().enumerate() {
            if slot != 0 {
                bitmap[b / 64] |= 1 << (b % 64);
            }
        }
        for word in bitmap {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for &slot in self.slots.iter().filter(|&&s| s != 0) {
            out.extend_from_slice(&slot.to_le_bytes());
        }
        out
    }

    /// The table of a blob written by [`Table::encode`]; `None` when the
    /// blob is not one (wrong magic, truncated, trailing bytes, a bitmap
    /// that does not match the number of n-grams, a bad letter).
    pub(crate) fn decode(blob: &[u8]) -> Option<Table> {
        let mut r = Reader(blob);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let scale = f64::from_bits(r.u64()?);
        let penalty = r.u32()?;
        let floor = r.u32()?;
        let cap = r.u32()? as usize;
        let len = r.u32()? as usize;
        let letters = r.u32()? as usize;
        if !cap.is_power_of_two() || len > cap || letters >= 255 {
            return None;
        }
        let mut t = Table {
            alphabet: HashMap::with_capacity(letters),
            fast: [0u8; 0x250],
            scale,
            penalty,
            floor,
            slots: vec![0; cap],
            mask: cap - 1,
            len,
        };
        for code in 1..=letters as u8 {
            let c = char::from_u32(r.u32()?)?;
            if t.alphabet.insert(c, code).is_some() {
                return None;
            }
            if let Some(slot) = t.fast.get_mut(c as usize) {
                *slot = code;
            }
        }
        let bitmap = r.take(8 * bitmap_words(cap))?;
        let mut slots = r.take(16 * len)?.chunks_exact(16);
        for (w, word) in bitmap.chunks_exact(8).enumerate() {
            let mut bits = u64::from_le_bytes(word.try_into().ok()?);
            while bits != 0 {
                let b = 64 * w + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let slot = u128::from_le_bytes(slots.next()?.try_into().ok()?);
                if slot == 0 {
                    return None;
                }
                *t.slots.get_mut(b)? = slot;
            }
        }
        (slots.len() == 0 && r.0.is_empty()).then_some(t)
    }
}
