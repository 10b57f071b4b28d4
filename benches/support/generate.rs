//! Input generators and timing shared by the benches (`#[path]`-included,
//! like `tests/support/inputs.rs`): the made-up-word article of the cost
//! curves and the benchmark thread's CPU time.

use std::time::Duration;

/// The sizes of the cost curve: 1×, 10×, 100×.
pub const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

pub const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as",
    "he", "they", "be", "at", "by", "this", "had", "from", "but", "not", "are", "said", "have",
    "which", "an", "were", "their", "has", "been", "will", "would", "its", "who", "more", "than",
    "after", "over", "also", "new", "year", "people", "two", "first", "could", "last", "when",
];
pub const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cl", "dr",
    "gr", "pl", "st", "tr", "sh", "ch",
];
pub const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
pub const CODAS: &[&str] = &["", "", "n", "r", "s", "t", "l", "nd", "st", "ck"];

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Content word number `i`: two or three made-up syllables.
pub fn content_word(i: usize) -> String {
    let mut x = i;
    let mut w = String::new();
    for _ in 0..2 + i % 2 {
        w.push_str(ONSETS[x % ONSETS.len()]);
        x /= ONSETS.len();
        w.push_str(VOWELS[x % VOWELS.len()]);
        x /= VOWELS.len();
    }
    w.push_str(CODAS[(i / 7) % CODAS.len()]);
    w
}

/// A Zipf-distributed vocabulary of made-up content words.
pub struct Zipf {
    /// Cumulative weights 1/r.
    cum: Vec<f64>,
    total: f64,
    words: Vec<String>,
}

impl Zipf {
    pub fn new() -> Zipf {
        const VOCAB: usize = 20_000;
        let mut cum = Vec::with_capacity(VOCAB);
        let mut total = 0.0;
        for r in 1..=VOCAB {
            total += 1.0 / r as f64;
            cum.push(total);
        }
        let words = (0..VOCAB).map(content_word).collect();
        Zipf { cum, total, words }
    }

    pub fn draw(&self, rng: &mut Rng) -> &str {
        let u = rng.unit() * self.total;
        &self.words[self
            .cum
            .partition_point(|&c| c < u)
            .min(self.words.len() - 1)]
    }
}

/// A generated article of at least `bytes` bytes of made-up words: Zipf
/// distributed content words between common English function words, so the
/// vocabulary grows with the length as in real text.
pub fn madeup_article(bytes: usize) -> String {
    let zipf = Zipf::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("A generated long article for benchmarks\n\n");
    while out.len() < bytes {
        madeup_paragraph(&mut out, &mut rng, &zipf);
    }
    out
}

/// Appends one paragraph of 2–5 made-up sentences and a blank line.
pub fn madeup_paragraph(out: &mut String, rng: &mut Rng, zipf: &Zipf) {
    for _ in 0..2 + rng.below(4) {
        let n = 8 + rng.below(23);
        for k in 0..n {
            let w: &str = if rng.below(10) < 4 {
                FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())]
            } else {
                zipf.draw(rng)
            };
            if k == 0 {
                let mut cs = w.chars();
                if let Some(c) = cs.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(cs.as_str());
                }
            } else {
                out.push(' ');
                if rng.below(40) == 0 {
                    out.push_str(&(rng.below(2000) + 1).to_string());
                    out.push(' ');
                }
                out.push_str(w);
            }
            if k + 1 < n && k > 2 && rng.below(12) == 0 {
                out.push(',');
            }
        }
        out.push_str(". ");
    }
    out.pop();
    out.push_str("\n\n");
}

/// Nanoseconds this thread has spent on a CPU (Linux
/// `/proc/thread-self/schedstat`). On a shared, loaded machine a long run is
/// preempted more often than a short one, so wall-clock ratios between sizes
/// overstate the cost of the large inputs; CPU time does not.
pub fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f` `iters` times: the wall time (what criterion's `iter_custom`
/// wants back) and the on-CPU time of this thread (the wall time where the
/// system does not report it), for the cost curves.
pub fn run_timed<O>(iters: u64, mut f: impl FnMut() -> O) -> (Duration, Duration) {
    let cpu0 = thread_cpu();
    let t = std::time::Instant::now();
    for _ in 0..iters {
        std::hint::black_box(f());
    }
    let wall = t.elapsed();
    let cpu = match (cpu0, thread_cpu()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    (wall, cpu)
}

/// The heading of a cost-curve table after its label column(s).
pub fn cost_heading(sizes: [&str; 3], mb_s_at: &str) -> String {
    format!(
        "{:>11} {:>11} {:>11} {:>9} {:>7} {:>7}  100x <= 120x?",
        sizes[0], sizes[1], sizes[2], mb_s_at, "10x", "100x"
    )
}

/// One row of a cost-curve table after its label column(s): seconds per run
/// at the three sizes, MB/s at the largest, the 10× and 100× ratios against
/// the smallest, and whether 100× the input stays within 120× the time
/// (issue 10's target).
pub fn cost_cells(
    secs: [Option<f64>; 3],
    mb_s: Option<f64>,
    r10: Option<f64>,
    r100: Option<f64>,
) -> String {
    let ms = |s: Option<f64>| s.map_or("-".to_string(), |s| format!("{:.3}ms", s * 1e3));
    let x = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{r:.1}x"));
    format!(
        "{:>11} {:>11} {:>11} {:>9} {:>7} {:>7}  {}",
        ms(secs[0]),
        ms(secs[1]),
        ms(secs[2]),
        mb_s.map_or("-".to_string(), |m| format!("{m:.1}")),
        x(r10),
        x(r100),
        match r100 {
            Some(r) if r <= 120.0 => "ok",
            Some(_) => "MISS",
            None => "-",
        }
    )
}

/// `b / a` when both are known and `a` is positive.
pub fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if a > 0.0 => Some(b / a),
        _ => None,
    }
}
