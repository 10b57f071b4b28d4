//! Throwaway measuring tool: reads a JSON Lines file of
//! `{id, lang, title, text, summary}` and writes `{id, method, pred: [..], ms}`
//! per document and method to stdout.
//!
//! ```text
//! cargo run --release -p nutgraf-summarize --example dev_predict -- FILE [METHOD|all] [N] [key=value,...]
//! ```
//! The optional last argument overrides default-method weights
//! (`position=1,centrality=0.5,…`) or `mmr=0.7`, `lexrank_threshold=none`.

use std::io::{BufRead, Write};
use std::time::Instant;

use nutgraf_summarize::{Budget, DefaultWeights, Language, Method, Summarizer, SummarizerConfig};

/// Applies `key=value` overrides to a config.
pub fn apply(mut c: SummarizerConfig, spec: &str) -> SummarizerConfig {
    let mut w: DefaultWeights = c.get_weights();
    for kv in spec.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').expect("key=value");
        let f = || v.parse::<f64>().expect("number");
        w = match k {
            "position" => w.position(f()),
            "position_decay" => w.position_decay(f()),
            "lead_block" => w.lead_block(f()),
            "title_cover" => w.title_cover(f()),
            "lead_in_penalty" => w.lead_in_penalty(f()),
            "quote_penalty" => w.quote_penalty(f()),
            "question_penalty" => w.question_penalty(f()),
            "centrality" => w.centrality(f()),
            "forward" => w.forward(f()),
            "backward" => w.backward(f()),
            "edge_threshold" => w.edge_threshold(f()),
            "title" => w.title(f()),
            "length" => w.length(f()),
            "length_cap" => w.length_cap(f() as usize),
            "min_words" => w.min_words(f() as usize),
            "short_penalty" => w.short_penalty(f()),
            "mmr_lambda" => w.mmr_lambda(f()),
            "mmr" => {
                c = c.mmr(Some(f()));
                w
            }
            "lexrank_threshold" => {
                c = c.lexrank_threshold(if v == "none" { None } else { Some(f()) });
                w
            }
            "key_terms" => {
                c = c.key_terms(f() as usize);
                w
            }
            "query" => {
                c = c.query(Some(v.replace('+', " ")));
                w
            }
            "order_score" => {
                c = c.order(nutgraf_summarize::Order::Score);
                w
            }
            "compound" => {
                c = c.compound_matching(v == "1");
                w
            }
            other => panic!("unknown key {other}"),
        };
    }
    c.weights(w)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: dev_predict FILE [METHOD|all] [N] [overrides]");
    let method = args.get(2).map(String::as_str).unwrap_or("all");
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let spec = args.get(4).map(String::as_str).unwrap_or("");
    // NUTGRAF_DETAIL=1 adds each selection's index, score and span and the
    // key terms (for checking that a change leaves outputs identical).
    let detail = std::env::var_os("NUTGRAF_DETAIL").is_some();
    let methods: Vec<Method> = if method == "all" {
        Method::ALL.to_vec()
    } else {
        method
            .split(',')
            .map(|m| m.parse().expect("method"))
            .collect()
    };
    let docs: Vec<serde_json::Value> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    let out = std::io::stdout();
    let mut out = out.lock();
    for m in methods {
        let config = apply(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(n)),
            spec,
        );
        let s = Summarizer::new(config).unwrap();
        for d in &docs {
            let lang = d["lang"]
                .as_str()
                .and_then(Language::from_code)
                .unwrap_or(Language::En);
            let t0 = Instant::now();
            let sum = s
                .summarize_text(d["text"].as_str().unwrap(), d["title"].as_str(), lang)
                .unwrap();
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            let pred: Vec<&str> = sum.sentences.iter().map(|x| x.text.as_str()).collect();
            let mut rec =
                serde_json::json!({"id": d["id"], "method": m.name(), "pred": pred, "ms": ms});
            if detail {
                let sel: Vec<String> = sum
                    .sentences
                    .iter()
                    .map(|x| format!("{} {:?} {:?}", x.index, x.score, x.span))
                    .collect();
                let kt: Vec<String> = sum
                    .key_terms
                    .iter()
                    .map(|k| format!("{} {:?} {:?}", k.text, k.score, k.spans))
                    .collect();
                rec["sel"] = serde_json::json!(sel);
                rec["key_terms"] = serde_json::json!(kt);
            }
            writeln!(out, "{rec}").unwrap();
        }
    }
}
