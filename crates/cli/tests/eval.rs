//! `nutgraf eval` on tiny hand-computed data sets.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn eval(args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_nutgraf"))
        .arg("eval")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn split_runner() {
    let d = tempfile::tempdir().unwrap();
    let f = write(
        d.path(),
        "s.jsonl",
        concat!(
            r#"{"id":"1","lang":"en","text":"Dr. Smith came. He left.","sentences":["Dr. Smith came.","He left."]}"#,
            "\n",
            // Gold says one sentence; any splitter that splits at ". " gives one false boundary.
            r#"{"id":"2","lang":"en","text":"It rained. Then sun.","sentences":["It rained. Then sun."]}"#,
            "\n",
            r#"{"id":"3","lang":"en","text":"skip me","sentences":["x"],"verbatim":false}"#,
            "\n",
        ),
    );
    let v = eval(&["split", "--data", f.to_str().unwrap()]);
    assert_eq!(v["cases"], 2);
    assert_eq!(v["exact_match"], 0.5);
    // boundaries: case 1 one true positive; case 2 one false positive.
    assert_eq!(v["boundary_precision"], 0.5);
    assert_eq!(v["boundary_recall"], 1.0);
}

#[test]
fn repair_runner() {
    let d = tempfile::tempdir().unwrap();
    let f = write(
        d.path(),
        "r.jsonl",
        concat!(
            r#"{"id":"1","text":"Caf\u00c3\u00a9 au lait","expected":"Café au lait","kind":"cp1252"}"#,
            "\n",
            r#"{"id":"2","text":"Straße in Köln","expected":"Straße in Köln","kind":"clean"}"#,
            "\n",
        ),
    );
    let v = eval(&["repair", "--data", f.to_str().unwrap()]);
    assert_eq!(v["cases"], 2);
    assert_eq!(v["fixed_rate"], 1.0);
    assert_eq!(v["false_positive_rate"], 0.0);
}

#[test]
fn lang_runner() {
    let d = tempfile::tempdir().unwrap();
    let f = write(
        d.path(),
        "l.jsonl",
        concat!(
            r#"{"id":"1","lang":"en","kind":"sentence","text":"The weather is very nice today and we are going to the beach."}"#,
            "\n",
            r#"{"id":"2","lang":"de","kind":"sentence","text":"Das Wetter ist heute sehr schön und wir gehen an den Strand."}"#,
            "\n",
        ),
    );
    let v = eval(&["lang", "--data", f.to_str().unwrap()]);
    assert_eq!(v["cases"], 2);
    assert_eq!(v["accuracy"], 1.0);
    assert_eq!(v["by_lang"]["de"], 1.0);
    assert_eq!(v["by_kind"]["sentence"], 1.0);
}

#[test]
fn clean_runner_article_format() {
    let d = tempfile::tempdir().unwrap();
    let body = "Three fishing towns switched on a shared array of tidal turbines this week, hoping to keep harbour lights running through the storm season without diesel.";
    let line = serde_json::json!({"id": "1", "text": format!("{body}\nRelated Articles\n"), "article": body}).to_string();
    let f = write(d.path(), "c.jsonl", &(line + "\n"));
    let v = eval(&["clean", "--data", f.to_str().unwrap()]);
    assert_eq!(v["cases"], 1);
    assert_eq!(v["recall"], 1.0);
    assert_eq!(v["precision"], 1.0);
    assert_eq!(v["f1"], 1.0);
}

#[test]
fn rouge_runner_hand_computed() {
    let d = tempfile::tempdir().unwrap();
    // candidate "the cat sat", reference "the cat ran": unigrams 2/3 each; bigrams 1/2.
    let f = write(
        d.path(),
        "p.jsonl",
        "{\"id\":\"a\",\"candidate\":\"the cat sat\",\"reference\":\"the cat ran\"}\n",
    );
    let o = Command::new(env!("CARGO_BIN_EXE_nutgraf"))
        .args([
            "eval",
            "rouge",
            "--format",
            "json",
            "--data",
            f.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], "mean");
    let r1 = lines[0]["rouge1"]["fmeasure"].as_f64().unwrap();
    assert!((r1 - 2.0 / 3.0).abs() < 1e-12);
    let r2 = lines[0]["rouge2"]["fmeasure"].as_f64().unwrap();
    assert!((r2 - 0.5).abs() < 1e-12);
}

#[test]
fn summarize_runner_lead_is_exact_on_a_lead_reference() {
    let d = tempfile::tempdir().unwrap();
    let text = "Alpha beta gamma.\n\nDelta epsilon zeta.\n\nEta theta iota.\n\nKappa lambda mu.";
    let line = serde_json::json!({"id": "1", "lang": "en", "title": "T", "text": text, "summary": "Alpha beta gamma."}).to_string();
    let f = write(d.path(), "s.jsonl", &(line + "\n"));
    let v = eval(&[
        "summarize",
        "--data",
        f.to_str().unwrap(),
        "--method",
        "lead",
        "--sentences",
        "1",
    ]);
    assert_eq!(v["cases"], 1);
    assert_eq!(v["method"], "lead");
    assert_eq!(v["rouge1"]["fmeasure"], 1.0);
    assert_eq!(v["rougeLsum"]["recall"], 1.0);
}

#[test]
fn malformed_line_names_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    let f = write(
        d.path(),
        "bad.jsonl",
        "{\"id\":\"a\",\"candidate\":\"x\",\"reference\":\"y\"}\n{oops\n",
    );
    let o = Command::new(env!("CARGO_BIN_EXE_nutgraf"))
        .args(["eval", "rouge", "--data", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("bad.jsonl:2"), "{err}");
}
