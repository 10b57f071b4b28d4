//! The algorithms, one module each, with the paper each one follows.
//!
//! Every method turns the prepared candidates into one score per sentence
//! (higher is better); the shared selection step (budget, MMR, query hint,
//! order) lives in the crate root. Sequential methods (SumBasic, KL-Sum)
//! score by the order in which they pick sentences.

pub mod centroid;
pub mod default;
pub mod klsum;
pub mod lead;
pub mod lexrank;
pub mod luhn;
pub mod sumbasic;
pub mod textrank;

use crate::prep::{Doc, Rows};
use crate::{Method, SummarizerConfig};

/// Scores of every candidate under `method`. `picks` is how many sentences
/// a sequential method must rank at least.
pub(crate) fn score(
    method: Method,
    doc: &Doc,
    config: &SummarizerConfig,
    picks: usize,
) -> Vec<f64> {
    match method {
        Method::Lead => lead::score(doc),
        Method::TextRank => textrank::score(doc, config),
        Method::LexRank => lexrank::score(doc, config),
        Method::Luhn => luhn::score(doc),
        Method::SumBasic => sumbasic::score(doc, picks),
        Method::KlSum => klsum::score(doc, picks),
        Method::Centroid => centroid::score(doc),
        Method::Default => default::score(doc, config),
    }
}

/// Scores from a ranking: the first picked gets `len`, the next `len − 1`,
/// …; unranked candidates get 0.
pub(crate) fn from_ranking(n: usize, ranking: &[usize]) -> Vec<f64> {
    let mut s = vec![0.0; n];
    let k = ranking.len();
    for (r, &i) in ranking.iter().enumerate() {
        s[i] = (k - r) as f64;
    }
    s
}

/// PageRank by power iteration over a sparse weighted graph (rows need not
/// be normalized; each row is divided by its sum). Dangling rows spread
/// their mass evenly. Stops when the L1 change is below 1e-8 or after 200
/// iterations.
///
/// A symmetric graph (`w(i, j) == w(j, i)` bit for bit, positive finite
/// weights, rows sorted by column; every graph the methods build is one)
/// is walked over its upper half only (see [`pagerank_upper`]); the scores
/// are the same to the last bit.
pub(crate) fn pagerank(adj: &Rows<(u32, f64)>, damping: f64) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    if let Some(up) = Upper::of_rows(adj) {
        return up.pagerank(damping);
    }
    let sums: Vec<f64> = adj.iter().map(|r| r.iter().map(|(_, w)| w).sum()).collect();
    power_iteration(n, damping, &sums, |p, next| {
        for (i, row) in adj.iter().enumerate() {
            if sums[i] <= 0.0 {
                continue;
            }
            let share = p[i] / sums[i];
            for &(j, w) in row {
                next[j as usize] += share * w;
            }
        }
    })
}

/// [`pagerank`] of the symmetric graph whose upper triangle (diagonal
/// included) is `upper`: row `i` holds the edges `(j, w)` with `j >= i`,
/// sorted by `j`, every weight positive and finite (as
/// [`sparse_products`](crate::prep::sparse_products) makes them). Only the
/// upper half is stored and walked (half the memory traffic of full rows;
/// see [`Upper`]).
pub(crate) fn pagerank_upper(upper: &Rows<(u32, f64)>, damping: f64) -> Vec<f64> {
    if upper.len() == 0 {
        return Vec::new();
    }
    Upper::of_upper(upper).pagerank(damping)
}

/// The power iteration of [`pagerank`]; `spread(p, next)` adds every
/// non-dangling vertex's share of `p` to its neighbours in `next` (zeroed).
fn power_iteration(
    n: usize,
    damping: f64,
    sums: &[f64],
    mut spread: impl FnMut(&[f64], &mut [f64]),
) -> Vec<f64> {
    let nf = n as f64;
    let mut p = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..200 {
        let dangling: f64 = p
            .iter()
            .zip(sums)
            .filter(|(_, &s)| s <= 0.0)
            .fold(0.0, |d, (&x, _)| d + x);
        next.iter_mut().for_each(|x| *x = 0.0);
        spread(&p, &mut next);
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        let mut delta = 0.0;
        for i in 0..n {
            let v = base + damping * next[i];
            delta += (v - p[i]).abs();
            p[i] = v;
        }
        if delta < 1e-8 {
            break;
        }
    }
    p
}

/// The upper triangle (diagonal included) of a symmetric graph with
/// positive finite weights: row `i` holds the edges `(j, w)` with `j >= i`,
/// sorted by `j`, columns and weights in separate arrays.
///
/// Each iteration streams through half the edges of the full graph: the
/// edge `(i, j)`, `i < j`, carries `i`'s share to `j` (`next[j]`, added
/// while row `i` is walked, after the rows before it) and `j`'s share to
/// `i` (added to a running sum of row `i`). Every vertex thus receives its
/// neighbours' shares in increasing order of the neighbour, the order of a
/// walk over the full rows, and the scores are the same to the last bit.
struct Upper {
    cols: Vec<u32>,
    weights: Vec<f64>,
    /// Row `i` is `start[i]..start[i + 1]`.
    start: Vec<usize>,
}

impl Upper {
    /// Number of vertices.
    fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// The upper triangle given as rows (see [`pagerank_upper`]).
    fn of_upper(upper: &Rows<(u32, f64)>) -> Upper {
        let mut up = Upper {
            cols: Vec::with_capacity(upper.data_len()),
            weights: Vec::with_capacity(upper.data_len()),
            start: Vec::with_capacity(upper.len() + 1),
        };
        for row in upper.iter() {
            up.start.push(up.cols.len());
            for &(j, w) in row {
                up.cols.push(j);
                up.weights.push(w);
            }
        }
        up.start.push(up.cols.len());
        up
    }

    /// The upper half of `adj` when `adj` is symmetric (the same weights
    /// bit for bit), its rows strictly increasing by column and every
    /// weight positive and finite; else `None`.
    fn of_rows(adj: &Rows<(u32, f64)>) -> Option<Upper> {
        let n = adj.len();
        let mut up = Upper {
            cols: Vec::new(),
            weights: Vec::new(),
            start: Vec::with_capacity(n + 1),
        };
        for (i, row) in adj.iter().enumerate() {
            up.start.push(up.cols.len());
            let mut prev: Option<u32> = None;
            for &(j, w) in row {
                if prev.is_some_and(|p| p >= j) || (j as usize) >= n || !(w > 0.0 && w.is_finite())
                {
                    return None;
                }
                prev = Some(j);
                if j as usize >= i {
                    up.cols.push(j);
                    up.weights.push(w);
                }
            }
        }
        up.start.push(up.cols.len());
        // Every edge below the diagonal must mirror one above it.
        for (i, row) in adj.iter().enumerate() {
            for &(j, w) in row.iter().take_while(|&&(j, _)| (j as usize) < i) {
                let r = up.start[j as usize]..up.start[j as usize + 1];
                match up.cols[r.clone()].binary_search(&(i as u32)) {
                    Ok(k) if up.weights[r.start + k].to_bits() == w.to_bits() => {}
                    _ => return None,
                }
            }
        }
        // And every edge above it must have its mirror below.
        let below: usize = adj
            .iter()
            .enumerate()
            .map(|(i, row)| row.iter().filter(|&&(j, _)| (j as usize) < i).count())
            .sum();
        let above = (0..n)
            .map(|i| {
                (up.start[i]..up.start[i + 1])
                    .filter(|&k| up.cols[k] as usize != i)
                    .count()
            })
            .sum::<usize>();
        (below == above).then_some(up)
    }

    /// The row sums of the full matrix, each added in column order (the
    /// edges below the diagonal come from the rows before, in row order).
    fn sums(&self) -> Vec<f64> {
        let mut sums = vec![0.0f64; self.len()];
        for i in 0..self.len() {
            for k in self.start[i]..self.start[i + 1] {
                let (j, w) = (self.cols[k] as usize, self.weights[k]);
                sums[i] += w;
                if j != i {
                    sums[j] += w;
                }
            }
        }
        sums
    }

    /// PageRank over the full graph (see [`pagerank`]).
    fn pagerank(&self, damping: f64) -> Vec<f64> {
        let n = self.len();
        let sums = self.sums();
        let mut share = vec![0.0; n];
        power_iteration(n, damping, &sums, |p, next| {
            for ((sh, &x), &s) in share.iter_mut().zip(p).zip(&sums) {
                *sh = if s > 0.0 { x / s } else { 0.0 };
            }
            self.spread(&share, next);
        })
    }

    /// `next[j] += share[i] · w(i, j)` for every edge of the full graph,
    /// sources in increasing order for every target.
    fn spread(&self, share: &[f64], next: &mut [f64]) {
        for i in 0..self.len() {
            let (a, b) = (self.start[i], self.start[i + 1]);
            if a == b {
                continue;
            }
            let si = share[i];
            let cols = &self.cols[a..b];
            let ws = &self.weights[a..b];
            let mut k = 0;
            // The diagonal: i's own share, after those of the sources
            // before it (added in their rows) and before the later ones.
            if cols[0] as usize == i {
                next[i] += si * ws[0];
                k = 1;
            }
            let mut own = next[i];
            for (&j, &w) in cols[k..].iter().zip(&ws[k..]) {
                let j = j as usize;
                next[j] += si * w;
                own += share[j] * w;
            }
            next[i] = own;
        }
    }
}

/// The upper triangle `upper` (see [`pagerank_upper`]) cut down to its
/// longest run of leading vertices joined by at most `max_links` links
/// (edges between two different vertices; see
/// [`SummarizerConfig::graph_max_links`](crate::SummarizerConfig::graph_max_links)).
/// Unchanged when it has no more.
pub(crate) fn fit_links(upper: Rows<(u32, f64)>, max_links: usize) -> Rows<(u32, f64)> {
    let n = upper.len();
    // Links whose later end is `j`: the links among the first `m` vertices
    // are those counted at `j < m`.
    let mut at = vec![0usize; n];
    for (i, row) in upper.iter().enumerate() {
        for &(j, _) in row {
            if j as usize != i {
                at[j as usize] += 1;
            }
        }
    }
    let mut links = 0usize;
    let mut keep = n;
    for (j, &c) in at.iter().enumerate() {
        links += c;
        if links > max_links {
            keep = j;
            break;
        }
    }
    if keep == n {
        return upper;
    }
    let mut out = Rows::with_capacity(keep, 0);
    for row in upper.iter().take(keep) {
        for &(j, w) in row {
            if (j as usize) < keep {
                out.push((j, w));
            }
        }
        out.end_row();
    }
    out
}

/// Pads graph scores of the first `m` candidates to `n` (later ones 0).
pub(crate) fn pad(mut s: Vec<f64>, n: usize) -> Vec<f64> {
    s.resize(n, 0.0);
    s
}

/// Completes a ranking up to `want` sentences with the ones not yet picked,
/// in document order (sentences a method could not score, e.g. without
/// content words).
pub(crate) fn fill_in_document_order(ranking: &mut Vec<usize>, picked: &mut [bool], want: usize) {
    for (i, p) in picked.iter_mut().enumerate() {
        if ranking.len() >= want {
            break;
        }
        if !*p {
            *p = true;
            ranking.push(i);
        }
    }
}
