//! Adversarial input to the `nutgraf` binary (issue 11): huge JSON Lines
//! records, over-long lines, hostile JSON, random bytes. The binary must
//! answer with a result or an error object / message and a documented exit
//! code — never a panic.
//!
//! The full-size case (one 100 MB JSON Lines record) is a documented
//! command rather than a test, to keep CI fast:
//!
//! ```sh
//! python3 -c 'import json; print(json.dumps({"id": 1, "text": "The council voted. " * 5_300_000}))' > /tmp/big.jsonl
//! /usr/bin/time -v target/release/nutgraf summarize --jsonl /tmp/big.jsonl
//! ```
//! (the text is more than the pipeline's 64 MiB default, so the line's
//! output is `{"id":1,"line":1,"error":"input is … bytes, more than the limit …"}`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nutgraf"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn no_panic(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "the binary panicked: {err}");
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "exit status {:?}: {err}",
        o.status
    );
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[path = "../../../tests/support/inputs.rs"]
mod inputs;
use inputs::random_bytes;

#[test]
fn a_multi_megabyte_jsonl_record_gets_a_result() {
    let d = tempfile::tempdir().unwrap();
    let text = "The council voted on Monday to extend the budget. Critics said it was rushed. "
        .repeat(40_000);
    let mut input = serde_json::to_string(&serde_json::json!({"id": "big", "text": text})).unwrap();
    input.push('\n');
    input.push_str("{\"id\": \"small\", \"text\": \"A small one. It follows the big one.\"}\n");
    let f = write(d.path(), "big.jsonl", input.as_bytes());
    let o = run(&[
        "summarize",
        "--jsonl",
        "--threads",
        "2",
        f.to_str().unwrap(),
    ]);
    no_panic(&o);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = lines(&o);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["id"], "big");
    assert_eq!(out[0]["sentences"].as_array().unwrap().len(), 3);
    assert_eq!(out[1]["id"], "small");
}

#[test]
fn a_line_over_the_limit_is_an_error_object_not_a_truncation() {
    let d = tempfile::tempdir().unwrap();
    let long = serde_json::json!({"id": 1, "text": "word ".repeat(10_000)}).to_string();
    let input = format!("{long}\n{{\"id\": 2, \"text\": \"Short text here.\"}}\n{long}");
    let f = write(d.path(), "a.jsonl", input.as_bytes());
    let o = run(&[
        "split",
        "--jsonl",
        "--max-line-bytes",
        "1000",
        f.to_str().unwrap(),
    ]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["line"], 1);
    assert!(
        out[0]["error"]
            .as_str()
            .unwrap()
            .contains("more than the limit of 1000 bytes"),
        "{}",
        out[0]
    );
    assert_eq!(out[1]["id"], 2);
    assert!(out[1].get("error").is_none());
    assert_eq!(out[2]["line"], 3);
    assert!(out[2]["error"].is_string());
    // Without the low limit every line is processed.
    let o = run(&["split", "--jsonl", f.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn hostile_json_lines_get_error_objects() {
    let d = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_obj = format!(
        "{{\"id\": 1, \"text\": {}\"x\"{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let mut input = String::new();
    for l in [
        deep.as_str(),
        deep_obj.as_str(),
        "{\"id\": 1, \"text\": \"\\ud800 lone surrogate\"}",
        "{\"id\": 1, \"text\": 12}",
        "{\"id\": {\"nested\": [1, 2, 3]}, \"text\": \"Fine text. Really.\"}",
        "{\"text\": \"",
        "\"just a string\"",
        "{\"id\": 1e999999, \"text\": \"x\"}",
        "{\"id\": 2, \"text\": \"\\u0000\\u0000 null bytes \\u202e bidi.\"}",
    ] {
        input.push_str(l);
        input.push('\n');
    }
    let f = write(d.path(), "bad.jsonl", input.as_bytes());
    for cmd in ["normalize", "clean", "lang", "split", "summarize"] {
        let o = run(&[cmd, "--jsonl", f.to_str().unwrap()]);
        no_panic(&o);
        let out = lines(&o);
        assert_eq!(out.len(), 9, "{cmd}");
        assert!(
            out[0]["error"].is_string() && out[1]["error"].is_string(),
            "{cmd}"
        );
        assert!(out[4].get("error").is_none(), "{cmd}: {}", out[4]);
    }
}

#[test]
fn random_bytes_never_crash_any_subcommand() {
    let d = tempfile::tempdir().unwrap();
    for seed in 1..2u64 {
        let bytes = random_bytes(16 << 10, seed);
        let f = write(d.path(), &format!("r{seed}.bin"), &bytes);
        let f = f.to_str().unwrap();
        for cmd in ["normalize", "clean", "lang", "split", "summarize"] {
            for extra in [
                &["--lossy"][..],
                &[][..],
                &["--lossy", "--format", "json"][..],
                &["--jsonl", "--lossy"][..],
            ] {
                let mut args = vec![cmd, f];
                args.extend_from_slice(extra);
                let o = run(&args);
                no_panic(&o);
            }
        }
    }
}

#[test]
fn batch_output_is_identical_across_thread_counts() {
    let d = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for i in 0..150 {
        let text = format!(
            "Headline number {i}\nBy Staff\nThe council voted {i} times on Monday. Critics said it was rushed. \
             Dr. Smith disagreed with the plan. Residents will pay {i}.5 % more.\nRead more\n"
        );
        input.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        input.push('\n');
    }
    let f = write(d.path(), "many.jsonl", input.as_bytes());
    let f = f.to_str().unwrap();
    for cmd in ["clean", "summarize", "split", "lang"] {
        let one = run(&[cmd, "--jsonl", "--threads", "1", f]);
        let two = run(&[cmd, "--jsonl", "--threads", "2", f]);
        let three = run(&[cmd, "--jsonl", "--threads", "3", f]);
        no_panic(&one);
        assert!(one.status.success());
        assert_eq!(one.stdout, two.stdout, "{cmd}");
        assert_eq!(one.stdout, three.stdout, "{cmd}");
        assert_eq!(lines(&one).len(), 150);
    }
}
