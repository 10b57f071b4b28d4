//! Parity with Google's `rouge-score`: every pair of
//! `tests/data/rouge_fixture.jsonl` (made by `tests/data/gen_rouge_fixture.py`
//! with rouge-score 0.1.2 and nltk 3.10.4) must give the same precision,
//! recall and F-measure for rouge1, rouge2, rougeL and rougeLsum to 1e-9,
//! without stemming, with stemming, and with the `\w+` Unicode tokenizer
//! (and every score must lie in [0, 1]).

use nutgraf_eval::rouge::{RougeConfig, RougeScores, Scorer, Tokenizer};
use serde_json::Value;
use std::sync::OnceLock;

const TOL: f64 = 1e-9;

fn rows() -> &'static [Value] {
    static ROWS: OnceLock<Vec<Value>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/rouge_fixture.jsonl"
        );
        let text = std::fs::read_to_string(path).expect("fixture present");
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("valid JSON line"))
            .collect()
    })
}

fn check(config_name: &str, scorer: &Scorer) -> usize {
    let rows = rows();
    let mut failures = Vec::new();
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let cand = row["candidate"].as_str().unwrap();
        let refr = row["reference"].as_str().unwrap();
        let got: RougeScores = scorer.score(cand, refr);
        for (name, score) in RougeScores::NAMES.iter().zip(got.as_array()) {
            let want = &row[config_name][name];
            let got_v = [score.precision, score.recall, score.fmeasure];
            for (k, g) in got_v.iter().enumerate() {
                let w = want[k].as_f64().unwrap();
                if (g - w).abs() > TOL || !(0.0..=1.0).contains(g) {
                    failures.push(format!("{id} {config_name} {name}[{k}]: got {g}, want {w}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    rows.len()
}

#[test]
fn fixture_is_large_and_varied() {
    let rows = rows();
    assert!(rows.len() >= 1000, "only {} pairs", rows.len());
    for kind in [
        "german", "punct", "empty", "long", "lines", "unicode", "stems", "overlap",
    ] {
        assert!(
            rows.iter().any(|r| r["kind"] == kind),
            "no pair of kind {kind}"
        );
    }
    let longest = rows
        .iter()
        .map(|r| r["reference"].as_str().unwrap().split_whitespace().count())
        .max()
        .unwrap();
    assert!(longest >= 4000, "longest reference has {longest} words");
}

#[test]
fn same_as_rouge_score_without_stemming() {
    check("plain", &Scorer::new(RougeConfig::default()));
}

#[test]
fn same_as_rouge_score_with_stemming() {
    check("stem", &Scorer::new(RougeConfig::default().stemmer(true)));
}

#[test]
fn same_as_rouge_score_with_python_word_tokenizer() {
    let config = RougeConfig::default().tokenizer(Tokenizer::Unicode { stem: None });
    check("unicode", &Scorer::new(config));
}
