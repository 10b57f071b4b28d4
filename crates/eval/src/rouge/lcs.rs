//! Longest common subsequences over interned tokens.
//!
//! [`lcs_len`] keeps one row of the dynamic-programming table (memory
//! linear in the shorter input). [`lcs_indices`] must return the *same*
//! subsequence as `rouge-score`'s `_lcs_table` + `_backtrack_norec`, because
//! ROUGE-Lsum takes the union of those index sets. The backtrack only ever
//! asks, at a cell whose tokens differ, whether `t[i][j-1] > t[i-1][j]`; we
//! store that one bit per cell (a 5,000 × 5,000 pair takes about 3 MB
//! instead of 100 MB for a table of integers).

/// Length of the longest common subsequence of `a` and `b`.
pub(crate) fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0;
    }
    let mut row = vec![0u32; short.len() + 1];
    for &x in long {
        let mut diag = 0u32; // row[j - 1] of the previous row
        for (j, &y) in short.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[short.len()] as usize
}

/// Indices into `reference` of the LCS that `rouge-score`'s `lcs_ind`
/// returns, ascending.
pub(crate) fn lcs_indices(reference: &[u32], candidate: &[u32]) -> Vec<usize> {
    let rows = reference.len();
    let cols = candidate.len();
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    // left[(i-1) * cols + (j-1)] = t[i][j-1] > t[i-1][j]
    let mut left = BitSet::new(rows * cols);
    let mut prev = vec![0u32; cols + 1];
    let mut cur = vec![0u32; cols + 1];
    for i in 1..=rows {
        let r = reference[i - 1];
        for j in 1..=cols {
            if cur[j - 1] > prev[j] {
                left.set((i - 1) * cols + (j - 1));
            }
            cur[j] = if r == candidate[j - 1] {
                prev[j - 1] + 1
            } else {
                prev[j].max(cur[j - 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (mut i, mut j) = (rows, cols);
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if reference[i - 1] == candidate[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if left.get((i - 1) * cols + (j - 1)) {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out.reverse();
    out
}

struct BitSet(Vec<u64>);

impl BitSet {
    fn new(bits: usize) -> Self {
        BitSet(vec![0; bits.div_ceil(64)])
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rouge-score's full table and backtrack, transcribed for comparison.
    fn reference_indices(r: &[u32], c: &[u32]) -> Vec<usize> {
        let mut t = vec![vec![0u32; c.len() + 1]; r.len() + 1];
        for i in 1..=r.len() {
            for j in 1..=c.len() {
                t[i][j] = if r[i - 1] == c[j - 1] {
                    t[i - 1][j - 1] + 1
                } else {
                    t[i - 1][j].max(t[i][j - 1])
                };
            }
        }
        let (mut i, mut j) = (r.len(), c.len());
        let mut out = vec![];
        while i > 0 && j > 0 {
            if r[i - 1] == c[j - 1] {
                out.insert(0, i - 1);
                i -= 1;
                j -= 1;
            } else if t[i][j - 1] > t[i - 1][j] {
                j -= 1;
            } else {
                i -= 1;
            }
        }
        out
    }

    #[test]
    fn matches_full_table() {
        let mut x: u64 = 7;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m) as u32
        };
        for _ in 0..500 {
            let n = next(30) as usize;
            let m = next(30) as usize;
            let k = next(5) as u64 + 1;
            let r: Vec<u32> = (0..n).map(|_| next(k)).collect();
            let c: Vec<u32> = (0..m).map(|_| next(k)).collect();
            let idx = lcs_indices(&r, &c);
            assert_eq!(idx, reference_indices(&r, &c));
            assert_eq!(idx.len(), lcs_len(&r, &c));
            assert_eq!(lcs_len(&c, &r), lcs_len(&r, &c));
        }
    }
}
