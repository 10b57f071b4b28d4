//! Throwaway tuning tool for the default method's weights (dev sets only).
//!
//! ```text
//! cargo run --release -p nutgraf-summarize --example tune -- DATA_DIR [passes]
//! ```
//! Reads `en.dev.jsonl`, `de.dev.jsonl` + `de_meta.dev.jsonl` and
//! `en_teaser.dev.jsonl` + `en_meta.dev.jsonl`; scores 3-sentence summaries
//! with an approximate ROUGE F1 (rouge-score's tokenizer; Snowball English
//! stemming instead of Porter for English; `\w+` for German) and runs a fixed
//! coordinate search over a grid, objective: the smallest margin over the
//! targets (Lead-3 on the teaser pools, max(Lead-3, sumy LexRank) on BBC)
//! plus a tenth of the mean margin.

use std::collections::HashMap;
use std::io::BufRead;

use nutgraf_summarize::{Budget, DefaultWeights, Language, Method, Summarizer, SummarizerConfig};
use nutgraf_text::tokens::Stemmer;

struct Doc {
    text: String,
    title: Option<String>,
    lang: Language,
    reference: Vec<String>,
}

fn load(path: &str) -> Vec<Doc> {
    std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            let lang = v["lang"]
                .as_str()
                .and_then(Language::from_code)
                .unwrap_or(Language::En);
            Doc {
                text: v["text"].as_str().unwrap().to_string(),
                title: v["title"].as_str().map(str::to_string),
                reference: tokenize(v["summary"].as_str().unwrap(), lang),
                lang,
            }
        })
        .collect()
}

fn tokenize(s: &str, lang: Language) -> Vec<String> {
    if lang == Language::De {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            if c.is_alphanumeric() || c == '_' {
                cur.extend(c.to_lowercase());
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    } else {
        let st = Stemmer::new(Language::En).unwrap();
        let lower: String = s
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        lower
            .split_whitespace()
            .map(|w| {
                if w.len() > 3 {
                    st.stem(w).into_owned()
                } else {
                    w.to_string()
                }
            })
            .collect()
    }
}

fn ngrams(t: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    if t.len() >= n {
        for i in 0..=t.len() - n {
            *m.entry(&t[i..i + n]).or_insert(0) += 1;
        }
    }
    m
}

fn f1(overlap: usize, pred: usize, refn: usize) -> f64 {
    if overlap == 0 || pred == 0 || refn == 0 {
        return 0.0;
    }
    let p = overlap as f64 / pred as f64;
    let r = overlap as f64 / refn as f64;
    2.0 * p * r / (p + r)
}

#[allow(clippy::needless_range_loop)]
fn rouge(pred: &[String], refr: &[String]) -> [f64; 3] {
    let mut out = [0.0; 3];
    for n in 1..=2 {
        let a = ngrams(pred, n);
        let b = ngrams(refr, n);
        let ov: usize = a
            .iter()
            .map(|(k, c)| (*c).min(*b.get(k).unwrap_or(&0)))
            .sum();
        out[n - 1] = f1(
            ov,
            pred.len().saturating_sub(n - 1),
            refr.len().saturating_sub(n - 1),
        );
    }
    let (m, n) = (pred.len(), refr.len());
    let mut dp = vec![0usize; n + 1];
    for i in 0..m {
        let mut prev = 0;
        for j in 0..n {
            let tmp = dp[j + 1];
            dp[j + 1] = if pred[i] == refr[j] {
                prev + 1
            } else {
                dp[j + 1].max(dp[j])
            };
            prev = tmp;
        }
    }
    out[2] = f1(dp[n], m, n);
    out
}

fn eval(docs: &[Doc], config: &SummarizerConfig) -> [f64; 3] {
    let s = Summarizer::new(config.clone()).unwrap();
    let mut acc = [0.0; 3];
    for d in docs {
        let sum = s
            .summarize_text(&d.text, d.title.as_deref(), d.lang)
            .unwrap();
        let joined: Vec<&str> = sum.sentences.iter().map(|x| x.text.as_str()).collect();
        let r = rouge(&tokenize(&joined.join("\n"), d.lang), &d.reference);
        for k in 0..3 {
            acc[k] += r[k];
        }
    }
    acc.map(|x| 100.0 * x / docs.len() as f64)
}

fn set(w: DefaultWeights, k: &str, v: f64) -> DefaultWeights {
    match k {
        "position_decay" => w.position_decay(v),
        "centrality" => w.centrality(v),
        "lead_block" => w.lead_block(v),
        "backward" => w.backward(v),
        "edge_threshold" => w.edge_threshold(v),
        "title" => w.title(v),
        "length" => w.length(v),
        "length_cap" => w.length_cap(v as usize),
        "min_words" => w.min_words(v as usize),
        "short_penalty" => w.short_penalty(v),
        "mmr_lambda" => w.mmr_lambda(v),
        _ => panic!("{k}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let passes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let en = load(&format!("{dir}/en.dev.jsonl"));
    let mut de = load(&format!("{dir}/de.dev.jsonl"));
    de.extend(load(&format!("{dir}/de_meta.dev.jsonl")));
    let mut ent = load(&format!("{dir}/en_teaser.dev.jsonl"));
    ent.extend(load(&format!("{dir}/en_meta.dev.jsonl")));
    let pools = [("en", &en), ("de", &de), ("ent", &ent)];
    let base = SummarizerConfig::default().budget(Budget::Sentences(3));
    // Targets in this scorer: Lead-3 per pool; on BBC the sumy LexRank
    // figures shifted by (our Lead-3 here − the README's Lead-3).
    let lead = base.clone().method(Method::Lead);
    let mut targets = Vec::new();
    for (name, docs) in pools {
        let l = eval(docs, &lead);
        let t = if name == "en" {
            let readme_lead = [45.50, 36.99, 35.09];
            let lexrank = [49.61, 42.52, 38.83];
            [0, 1, 2].map(|k| lexrank[k] + l[k] - readme_lead[k])
        } else {
            l
        };
        println!("target {name}: {:.2} {:.2} {:.2}", t[0], t[1], t[2]);
        targets.push(t);
    }
    let objective = |w: DefaultWeights| -> (f64, Vec<[f64; 3]>) {
        let c = base.clone().method(Method::Default).weights(w);
        let mut all = Vec::new();
        let mut margins = Vec::new();
        for (p, (_, docs)) in pools.iter().enumerate() {
            let r = eval(docs, &c);
            for k in 0..3 {
                margins.push(r[k] - targets[p][k]);
            }
            all.push(r);
        }
        let min = margins.iter().copied().fold(f64::INFINITY, f64::min);
        let mean = margins.iter().sum::<f64>() / margins.len() as f64;
        (min + 0.1 * mean, all)
    };
    let grid: &[(&str, &[f64])] = &[
        ("position_decay", &[0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0]),
        ("lead_block", &[0.0, 0.2, 0.4, 0.8, 1.2, 1.6, 2.4]),
        ("centrality", &[0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.6]),
        ("backward", &[-1.0, -0.5, 0.0, 0.25, 0.5, 0.75, 1.0]),
        ("edge_threshold", &[0.0, 0.1, 0.2, 0.3, 0.5]),
        ("title", &[0.0, 0.2, 0.4, 0.6, 0.8, 1.2, 1.6]),
        ("length", &[-0.4, -0.2, -0.1, 0.0, 0.05, 0.1, 0.2, 0.4]),
        ("length_cap", &[15.0, 20.0, 30.0, 40.0]),
        ("min_words", &[0.0, 4.0, 6.0, 8.0, 10.0]),
        ("short_penalty", &[0.0, 0.2, 0.35, 0.5, 0.7]),
        ("mmr_lambda", &[0.5, 0.7, 0.85, 1.0]),
    ];
    let mut w = DefaultWeights::default();
    let (mut best, all) = objective(w);
    println!("start {best:.3} {all:.2?}");
    for pass in 0..passes {
        for (k, values) in grid {
            for &v in *values {
                let cand = set(w, k, v);
                if cand == w {
                    continue;
                }
                let (o, all) = objective(cand);
                if o > best + 1e-9 {
                    best = o;
                    w = cand;
                    println!("pass {pass} {k}={v}: {o:.3} {all:.2?}");
                }
            }
        }
        println!("after pass {pass}: {w:?}");
    }
    println!("final {best:.3} {w:?}");
}
