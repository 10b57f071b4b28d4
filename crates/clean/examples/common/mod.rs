//! Shared by the `dev_eval` and `fit` examples: loading the dev sets in
//! `../shared/data/clean/`, the metrics of its README, and block labels.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use nutgraf_clean::Cleaner;
use nutgraf_text::normalize::{normalize, NormalizeConfig};

/// One page of either dev set.
pub struct Doc {
    pub id: String,
    /// `"dev"` (full gold bodies) or `"snip"` (snippets).
    pub set: &'static str,
    pub lang: String,
    /// Normalized page text (the cleaner's input).
    pub text: String,
    /// Gold article (dev) — whitespace-normalised.
    pub gold: Option<String>,
    pub gold_raw: Option<String>,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

pub fn shared_dir() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !p.join("data/clean/dev.jsonl").exists() {
        eprintln!(
            "error: {} has no data/clean/dev.jsonl (the shared dev sets are needed)",
            p.display()
        );
        std::process::exit(2);
    }
    p
}

pub fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm(s: &str) -> String {
    normalize(s, &NormalizeConfig::default()).text().to_string()
}

pub fn load() -> Vec<Doc> {
    let dir = shared_dir().join("data/clean");
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(dir.join("dev.jsonl"))
        .expect("read dev.jsonl")
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let gold = v["article"].as_str().unwrap_or("").to_string();
        docs.push(Doc {
            id: v["id"].as_str().unwrap_or("").to_string(),
            set: "dev",
            lang: "?".into(),
            text: norm(v["text"].as_str().unwrap_or("")),
            gold: Some(ws(&norm(&gold))),
            gold_raw: Some(gold),
            with: vec![],
            without: vec![],
        });
    }
    for line in std::fs::read_to_string(dir.join("snippets_dev.jsonl"))
        .expect("read snippets")
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str()).map(ws).collect())
                .unwrap_or_default()
        };
        docs.push(Doc {
            id: v["id"].as_str().unwrap_or("").to_string(),
            set: "snip",
            lang: v["lang"].as_str().unwrap_or("other").to_string(),
            text: norm(v["text"].as_str().unwrap_or("")),
            gold: None,
            gold_raw: None,
            with: list("with"),
            without: list("without"),
        });
    }
    docs
}

/// Token-level P/R/F1 (bag of whitespace tokens, multiset overlap).
pub fn prf_tokens(pred: &str, gold: &str) -> (f64, f64, f64) {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for t in gold.split_whitespace() {
        *bag.entry(t).or_default() += 1;
    }
    let (mut tp, mut np) = (0i64, 0i64);
    for t in pred.split_whitespace() {
        np += 1;
        if let Some(c) = bag.get_mut(t) {
            if *c > 0 {
                *c -= 1;
                tp += 1;
            }
        }
    }
    let ng = gold.split_whitespace().count() as i64;
    let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Pooled {
    pub tp: usize,
    pub fn_: usize,
    pub fp: usize,
    pub tn: usize,
}

impl Pooled {
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
    pub fn add(&mut self, o: Pooled) {
        self.tp += o.tp;
        self.fn_ += o.fn_;
        self.fp += o.fp;
        self.tn += o.tn;
    }
}

pub fn snippet_counts(out: &str, doc: &Doc) -> Pooled {
    let o = ws(out);
    let mut c = Pooled::default();
    for s in &doc.with {
        if o.contains(s.as_str()) {
            c.tp += 1
        } else {
            c.fn_ += 1
        }
    }
    for s in &doc.without {
        if o.contains(s.as_str()) {
            c.fp += 1
        } else {
            c.tn += 1
        }
    }
    c
}

/// Aggregated figures over a set of (doc, output) pairs.
#[derive(Default, Debug, Clone)]
pub struct Report {
    pub dev_p: f64,
    pub dev_r: f64,
    pub dev_f: f64,
    pub dev_share90: f64,
    pub dev_n: usize,
    pub snip: Pooled,
    pub snip_by_lang: std::collections::BTreeMap<String, Pooled>,
}

pub fn report(docs: &[&Doc], outs: &[String]) -> Report {
    let mut r = Report::default();
    let (mut sp, mut sr, mut sf, mut n90) = (0.0, 0.0, 0.0, 0usize);
    for (d, o) in docs.iter().zip(outs) {
        if let Some(g) = &d.gold_raw {
            let (p, rc, f) = prf_tokens(o, g);
            sp += p;
            sr += rc;
            sf += f;
            if f > 0.9 {
                n90 += 1;
            }
            r.dev_n += 1;
        } else {
            let c = snippet_counts(o, d);
            r.snip.add(c);
            r.snip_by_lang.entry(d.lang.clone()).or_default().add(c);
        }
    }
    let n = r.dev_n.max(1) as f64;
    r.dev_p = sp / n;
    r.dev_r = sr / n;
    r.dev_f = sf / n;
    r.dev_share90 = n90 as f64 / n;
    r
}

pub fn print_report(name: &str, r: &Report) {
    let (p, rc, f) = r.snip.prf();
    println!(
        "{name}: dev.jsonl ({} docs) P {:.3} R {:.3} F1 {:.3} F1>0.9 {:.3} | snippets P {:.3} R {:.3} F1 {:.3}",
        r.dev_n, r.dev_p, r.dev_r, r.dev_f, r.dev_share90, p, rc, f
    );
    for (l, c) in &r.snip_by_lang {
        let (p, rc, f) = c.prf();
        println!(
            "    snippets[{l}] P {p:.3} R {rc:.3} F1 {f:.3} (tp {} fn {} fp {} tn {})",
            c.tp, c.fn_, c.fp, c.tn
        );
    }
}

pub fn run(cleaner: &Cleaner, docs: &[&Doc]) -> Vec<String> {
    docs.iter()
        .map(|d| cleaner.clean(&d.text).article.text())
        .collect()
}

/// Training label of a block: Some(true) article, Some(false) boilerplate, None unknown.
pub fn label(
    doc: &Doc,
    block_text: &str,
    gold_lines: &std::collections::HashSet<String>,
) -> Option<bool> {
    let b = ws(block_text);
    let words = b.split(' ').count();
    if let Some(g) = &doc.gold {
        if words <= 4 {
            return Some(gold_lines.contains(&b));
        }
        if g.contains(b.as_str()) {
            return Some(true);
        }
        let gt: std::collections::HashSet<&str> = g.split(' ').collect();
        let hit = b.split(' ').filter(|t| gt.contains(t)).count() as f64 / words as f64;
        return if hit >= 0.85 {
            Some(true)
        } else if hit <= 0.5 {
            Some(false)
        } else {
            None
        };
    }
    let pos = doc.with.iter().any(|s| {
        (s.len() >= 8 && b.contains(s.as_str())) || (words >= 2 && s.contains(b.as_str()))
    });
    let neg = doc.without.iter().any(|s| {
        (s.len() >= 8 && b.contains(s.as_str())) || (words >= 2 && s.contains(b.as_str()))
    });
    match (pos, neg) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

pub fn gold_lines(doc: &Doc) -> std::collections::HashSet<String> {
    doc.gold_raw
        .as_deref()
        .map(|g| norm(g).lines().map(ws).filter(|l| !l.is_empty()).collect())
        .unwrap_or_default()
}
