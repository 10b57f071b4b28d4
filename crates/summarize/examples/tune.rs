//! The reproducible tuning program of [`DefaultWeights`] (dev sets only).
//!
//! ```text
//! cargo run --release -p nutgraf-summarize --example tune -- DATA_DIR            # tune + 5-fold CV
//! cargo run --release -p nutgraf-summarize --example tune -- DATA_DIR show [k=v,...]
//! ```
//! `DATA_DIR` is the benchmark folder (`shared/data/summ`). Three pools:
//! BBC `en.dev` (300), German teasers `de.dev` + `de_meta.dev` (191) and
//! English teasers `en_teaser.dev` + `en_meta.dev` (107). Summaries have
//! three sentences and are scored with `nutgraf-eval`'s `rouge-score`
//! port, exactly as `nutgraf eval summarize` does: English with
//! `rouge-score`'s tokenizer and Porter stemmer, German with the Unicode
//! `\w+` tokenizer without stemming.
//!
//! **Objective.** Nine margins, R1/R2/RL F1 × 3 pools, each over its target:
//! Lead-3 on the same documents for the teaser pools, and on BBC the better
//! of Lead-3 and sumy's LexRank (49.61/42.52/38.83, the README's figures).
//! The objective is the smallest margin plus a tenth of their mean.
//!
//! **Search.** Coordinate ascent from `start()` over the fixed grid
//! `GRID`, in that order, for two passes; a value is kept only when it
//! raises the objective by more than `MIN_GAIN` (changes within noise are
//! rejected, so unhelpful features stay neutral).
//!
//! **Cross-validation.** The documents of each pool are shuffled with a
//! fixed seed (`SEED`) and dealt into `FOLDS` folds (so every fold holds
//! a fifth of each pool). For each fold the search runs on the other four
//! and the result scores the held-out fold; the held-out scores of all
//! folds together give the cross-validated figures. The shipped weights are
//! the result of the same search on all dev documents ("held-in").

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::BufRead;

use nutgraf_eval::rouge::{bootstrap, RougeConfig, RougeScores, Scorer, Tokenizer};
use nutgraf_summarize::{Budget, DefaultWeights, Language, Method, Summarizer, SummarizerConfig};

/// Folds of the cross-validation.
const FOLDS: usize = 5;
/// Seed of the fold assignment.
const SEED: u64 = 9;
/// Coordinate-ascent passes.
const PASSES: usize = 2;
/// Smallest objective gain (ROUGE points) for a change to be kept.
const MIN_GAIN: f64 = 0.05;
/// sumy LexRank on BBC en.dev, 3 sentences (README): R1, R2, RL.
const LEXRANK_BBC: [f64; 3] = [49.61, 42.52, 38.83];

/// Where the search starts: the weights before issue 9, new features off.
fn start() -> DefaultWeights {
    DefaultWeights::default()
        .position(1.0)
        .position_decay(3.0)
        .lead_block(0.8)
        .centrality(0.4)
        .forward(1.0)
        .backward(0.75)
        .edge_threshold(0.3)
        .title(1.2)
        .title_cover(0.0)
        .length(0.1)
        .length_cap(40)
        .min_words(6)
        .short_penalty(0.5)
        .lead_in_penalty(0.1)
        .quote_penalty(1.0)
        .question_penalty(1.0)
        .mmr_lambda(1.0)
}

/// The search grid, in search order.
const GRID: &[(&str, &[f64])] = &[
    ("position_decay", &[1.0, 1.5, 2.0, 2.5, 3.0, 4.0]),
    ("lead_block", &[0.0, 0.4, 0.8, 1.2, 1.6]),
    ("centrality", &[0.0, 0.2, 0.4, 0.6, 0.8]),
    ("backward", &[-0.5, 0.0, 0.5, 0.75, 1.0]),
    ("edge_threshold", &[0.0, 0.1, 0.2, 0.3, 0.5]),
    ("title", &[0.0, 0.4, 0.8, 1.2, 1.6]),
    ("title_cover", &[0.0, 0.2, 0.4, 0.8, 1.2]),
    ("length", &[-0.4, -0.2, -0.1, 0.0, 0.1, 0.2]),
    ("length_cap", &[15.0, 20.0, 25.0, 30.0, 40.0]),
    ("min_words", &[0.0, 4.0, 6.0, 8.0, 10.0]),
    ("short_penalty", &[0.2, 0.5, 0.7]),
    ("quote_penalty", &[0.3, 0.5, 0.7, 0.85, 1.0]),
    ("question_penalty", &[0.3, 0.5, 0.7, 1.0]),
    ("mmr_lambda", &[0.7, 0.85, 1.0]),
];

fn set(w: DefaultWeights, k: &str, v: f64) -> DefaultWeights {
    match k {
        "position" => w.position(v),
        "position_decay" => w.position_decay(v),
        "lead_block" => w.lead_block(v),
        "centrality" => w.centrality(v),
        "forward" => w.forward(v),
        "backward" => w.backward(v),
        "edge_threshold" => w.edge_threshold(v),
        "title" => w.title(v),
        "title_cover" => w.title_cover(v),
        "length" => w.length(v),
        "length_cap" => w.length_cap(v as usize),
        "min_words" => w.min_words(v as usize),
        "short_penalty" => w.short_penalty(v),
        "lead_in_penalty" => w.lead_in_penalty(v),
        "quote_penalty" => w.quote_penalty(v),
        "question_penalty" => w.question_penalty(v),
        "mmr_lambda" => w.mmr_lambda(v),
        _ => panic!("unknown weight {k}"),
    }
}

struct Doc {
    text: String,
    title: Option<String>,
    lang: Language,
    summary: String,
}

struct Pool {
    name: &'static str,
    docs: Vec<Doc>,
    scorer: Scorer,
    /// ROUGE of a (document, selected units) pair, so that settings that
    /// pick the same sentences are scored once.
    cache: RefCell<HashMap<(usize, Vec<usize>), RougeScores>>,
    lead: Vec<RougeScores>,
    /// Target floor besides Lead-3 (BBC: sumy LexRank).
    floor: Option<[f64; 3]>,
}

fn load(path: &str) -> Vec<Doc> {
    std::io::BufReader::new(std::fs::File::open(path).expect(path))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            Doc {
                text: v["text"].as_str().unwrap().to_string(),
                title: v["title"].as_str().map(str::to_string),
                lang: v["lang"]
                    .as_str()
                    .and_then(Language::from_code)
                    .unwrap_or(Language::En),
                summary: v["summary"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

impl Pool {
    fn new(name: &'static str, docs: Vec<Doc>, floor: Option<[f64; 3]>) -> Pool {
        let config = if docs[0].lang == Language::De {
            RougeConfig::default().tokenizer(Tokenizer::Unicode { stem: None })
        } else {
            RougeConfig::default().stemmer(true)
        };
        let mut p = Pool {
            name,
            docs,
            scorer: Scorer::new(config),
            cache: RefCell::default(),
            lead: Vec::new(),
            floor,
        };
        let all: Vec<usize> = (0..p.docs.len()).collect();
        p.lead = p.run(&all, &base().method(Method::Lead));
        p
    }

    /// Per-document ROUGE of `config` on the documents `idx`.
    fn run(&self, idx: &[usize], config: &SummarizerConfig) -> Vec<RougeScores> {
        let s = Summarizer::new(config.clone()).unwrap();
        let mut cache = self.cache.borrow_mut();
        idx.iter()
            .map(|&i| {
                let d = &self.docs[i];
                let sum = s
                    .summarize_text(&d.text, d.title.as_deref(), d.lang)
                    .unwrap();
                let key: Vec<usize> = sum.sentences.iter().map(|x| x.index).collect();
                *cache.entry((i, key)).or_insert_with(|| {
                    let pred: Vec<&str> = sum.sentences.iter().map(|x| x.text.as_str()).collect();
                    self.scorer.score(&pred.join("\n"), &d.summary)
                })
            })
            .collect()
    }

    /// R1/R2/RL F1 ×100 of the target (Lead-3, or the floor) on `idx`.
    fn target(&self, idx: &[usize]) -> [f64; 3] {
        let lead: Vec<RougeScores> = idx.iter().map(|&i| self.lead[i]).collect();
        let l = f3(&lead);
        match self.floor {
            Some(f) => [0, 1, 2].map(|k| l[k].max(f[k])),
            None => l,
        }
    }
}

fn base() -> SummarizerConfig {
    SummarizerConfig::default().budget(Budget::Sentences(3))
}

fn f3(s: &[RougeScores]) -> [f64; 3] {
    let m = RougeScores::mean(s);
    [m.rouge1.fmeasure, m.rouge2.fmeasure, m.rouge_l.fmeasure].map(|x| 100.0 * x)
}

/// Objective of `w` on the documents `split[p]` of each pool.
fn objective(pools: &[Pool], split: &[Vec<usize>], w: DefaultWeights) -> f64 {
    let c = base().weights(w);
    let mut margins = Vec::new();
    for (p, idx) in pools.iter().zip(split) {
        let r = f3(&p.run(idx, &c));
        let t = p.target(idx);
        margins.extend((0..3).map(|k| r[k] - t[k]));
    }
    let min = margins.iter().copied().fold(f64::INFINITY, f64::min);
    min + 0.1 * margins.iter().sum::<f64>() / margins.len() as f64
}

fn search(pools: &[Pool], split: &[Vec<usize>], verbose: bool) -> DefaultWeights {
    let mut w = start();
    let mut best = objective(pools, split, w);
    if verbose {
        println!("start objective {best:.3}");
    }
    for pass in 0..PASSES {
        for (k, values) in GRID {
            for &v in *values {
                let cand = set(w, k, v);
                if cand == w {
                    continue;
                }
                let o = objective(pools, split, cand);
                if o > best + MIN_GAIN {
                    best = o;
                    w = cand;
                    if verbose {
                        println!("pass {pass} {k}={v}: objective {o:.3}");
                    }
                }
            }
        }
    }
    if verbose {
        println!("final objective {best:.3}\n{w:#?}");
    }
    w
}

/// Fold of each document of each pool.
fn folds(pools: &[Pool]) -> Vec<Vec<usize>> {
    let mut state = SEED;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    pools
        .iter()
        .map(|p| {
            let n = p.docs.len();
            let mut order: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                order.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            let mut fold = vec![0; n];
            for (r, &i) in order.iter().enumerate() {
                fold[i] = r % FOLDS;
            }
            fold
        })
        .collect()
}

fn report(label: &str, pools: &[Pool], per_pool: &[Vec<RougeScores>]) {
    println!("\n{label}");
    for (p, s) in pools.iter().zip(per_pool) {
        let all: Vec<usize> = (0..p.docs.len()).collect();
        let (l, t, r) = (f3(&p.lead), p.target(&all), f3(s));
        let ci = bootstrap::paired_bootstrap(
            s,
            &p.lead,
            bootstrap::DEFAULT_SAMPLES,
            bootstrap::DEFAULT_SEED,
        )
        .unwrap();
        let iv = |a: &bootstrap::AggregateScore| {
            format!(
                "{:+.2} [{:+.2}, {:+.2}]",
                100.0 * a.mid.fmeasure,
                100.0 * a.low.fmeasure,
                100.0 * a.high.fmeasure
            )
        };
        println!(
            "{:<4} n={:<3} lead {:.2}/{:.2}/{:.2}  default {:.2}/{:.2}/{:.2}  target margin {:+.2}/{:+.2}/{:+.2}",
            p.name, p.docs.len(), l[0], l[1], l[2], r[0], r[1], r[2],
            r[0] - t[0], r[1] - t[1], r[2] - t[2]
        );
        println!(
            "     over lead: R1 {}  R2 {}  RL {}",
            iv(&ci.rouge1),
            iv(&ci.rouge2),
            iv(&ci.rouge_l)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("usage: tune DATA_DIR [show [k=v,...]]");
    let cat = |a: &str, b: &str| {
        let mut d = load(&format!("{dir}/{a}"));
        d.extend(load(&format!("{dir}/{b}")));
        d
    };
    let pools = [
        Pool::new(
            "en",
            load(&format!("{dir}/en.dev.jsonl")),
            Some(LEXRANK_BBC),
        ),
        Pool::new("de", cat("de.dev.jsonl", "de_meta.dev.jsonl"), None),
        Pool::new("ent", cat("en_teaser.dev.jsonl", "en_meta.dev.jsonl"), None),
    ];
    let all: Vec<Vec<usize>> = pools.iter().map(|p| (0..p.docs.len()).collect()).collect();
    if args.get(2).map(String::as_str) == Some("show") {
        let mut w = DefaultWeights::default();
        for kv in args.get(3).map_or("", String::as_str).split(',') {
            if let Some((k, v)) = kv.split_once('=') {
                w = set(w, k, v.parse().expect("number"));
            }
        }
        let c = base().weights(w);
        let s: Vec<Vec<RougeScores>> = pools.iter().zip(&all).map(|(p, i)| p.run(i, &c)).collect();
        println!("objective {:.3}", objective(&pools, &all, w));
        report("weights as given", &pools, &s);
        return;
    }
    let fold = folds(&pools);
    let mut cv: Vec<Vec<RougeScores>> = pools
        .iter()
        .map(|p| vec![RougeScores::default(); p.docs.len()])
        .collect();
    for f in 0..FOLDS {
        let train: Vec<Vec<usize>> = fold
            .iter()
            .map(|fo| (0..fo.len()).filter(|&i| fo[i] != f).collect())
            .collect();
        let w = search(&pools, &train, false);
        println!("fold {f}: {w:?}");
        let c = base().weights(w);
        for (p, pool) in pools.iter().enumerate() {
            let test: Vec<usize> = (0..fold[p].len()).filter(|&i| fold[p][i] == f).collect();
            for (&i, s) in test.iter().zip(pool.run(&test, &c)) {
                cv[p][i] = s;
            }
        }
    }
    println!("\nsearch on all dev documents:");
    let w = search(&pools, &all, true);
    let c = base().weights(w);
    let held_in: Vec<Vec<RougeScores>> =
        pools.iter().zip(&all).map(|(p, i)| p.run(i, &c)).collect();
    report(
        "held-in (weights searched on all dev documents)",
        &pools,
        &held_in,
    );
    report(
        "cross-validated (each fold scored with weights searched on the other folds)",
        &pools,
        &cv,
    );
}
