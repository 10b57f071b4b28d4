//! The `nutgraf` binary, run as a user would, in a temporary directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "← Back to feed\n\
Harbour turbines pass their first winter\n\
Image via Harbor Ledger\n\
\n\
Three fishing towns switched on a shared array of tidal turbines this week, hoping to keep harbour lights and cold stores running through the storm season without diesel.\n\
\n\
Engineers say the array produces power on a schedule that can be predicted years in advance, which makes it easier to plan than wind or solar power.\n\
\n\
Some skippers worry that the cables will disturb fishing grounds, and biologists have asked for a longer study of how seals react to the machines.\n\
\n\
Related Articles\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nutgraf"))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = bin();
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        let mut si = child.stdin.take().unwrap();
        if let Some(b) = stdin {
            // The program may exit before reading (usage errors): ignore a closed pipe.
            let _ = si.write_all(b);
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn summarize_json_has_the_contract_keys_and_spans_slice_the_input() {
    let d = tmp();
    let f = write(d.path(), "a.txt", ARTICLE.as_bytes());
    let o = run(
        &[
            "summarize",
            "--format",
            "json",
            "--sentences",
            "2",
            f.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["language"], "en");
    assert_eq!(v["method"], "default");
    let sents = v["sentences"].as_array().unwrap();
    assert_eq!(sents.len(), 2);
    for s in sents {
        let span = s["span"].as_array().unwrap();
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[a..b], s["text"].as_str().unwrap());
        assert!(s["index"].is_u64());
        assert!(s["score"].is_number());
    }
}

#[test]
fn clean_json_has_the_contract_keys() {
    let o = run(
        &["clean", "--format", "json", "-"],
        Some(ARTICLE.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for k in [
        "title", "byline", "source", "language", "blocks", "removed", "text",
    ] {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(v["title"], "Harbour turbines pass their first winter");
    let removed = v["removed"].as_array().unwrap();
    assert!(removed
        .iter()
        .any(|r| r["text"] == "Image via Harbor Ledger" && r["reason"].is_string()));
    for b in v["blocks"].as_array().unwrap() {
        assert!(b["kind"].is_string() && b["text"].is_string() && b["span"].is_array());
    }
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Three fishing towns"));
    assert!(!text.contains("Related Articles"));
}

#[test]
fn lang_and_split_text_output() {
    let o = run(&["lang", "-"], Some(ARTICLE.as_bytes()));
    assert!(o.status.success());
    assert_eq!(stdout(&o), "en\n");
    let o = run(
        &["split", "--lang", "en"],
        Some(b"Dr. Smith came. He left.\n"),
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "Dr. Smith came.\nHe left.\n");
}

#[test]
fn missing_file_directory_and_empty_input_are_runtime_errors() {
    let d = tmp();
    let missing = d.path().join("nope.txt");
    let o = run(&["summarize", missing.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.txt") && stderr(&o).contains("no such file"),
        "{}",
        stderr(&o)
    );

    let o = run(&["clean", d.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("directory"));

    let e = write(d.path(), "empty.txt", b"  \n");
    let o = run(&["split", e.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty"));
}

#[test]
fn invalid_utf8_needs_lossy() {
    let d = tmp();
    // Mostly valid UTF-8 (umlauts) with one broken sequence: not a legacy page.
    let mut bytes = "Größe aus Köln. Über Straßen. ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xC3( Good text here.\n");
    let f = write(d.path(), "bad.txt", &bytes);
    let o = run(&["split", "--lang", "en", f.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--lossy"), "{}", stderr(&o));
    let o = run(
        &["split", "--lang", "en", "--lossy", f.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Good text here."));
    assert!(stderr(&o).contains("replaced 1"), "{}", stderr(&o));
}

#[test]
fn legacy_single_byte_page_is_detected() {
    let d = tmp();
    // "Größe und Qualität" in Windows-1252, with enough text for the detector.
    let mut bytes = Vec::new();
    for _ in 0..5 {
        bytes.extend_from_slice(
            b"Die Gr\xf6\xdfe und die Qualit\xe4t der \xdcbersetzung sind f\xfcr uns wichtig. ",
        );
    }
    let f = write(d.path(), "latin.txt", &bytes);
    let o = run(
        &[
            "split",
            "--lang",
            "de",
            "--format",
            "json",
            f.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["encoding"], "windows-1252");
    assert!(v["sentences"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Die Größe"));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["summarize", "--method", "nonsense", "-"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nonsense"));
    let o = run(&["frobnicate"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn jsonl_batch_keeps_order_and_reports_bad_lines() {
    let mut input = String::new();
    for i in 0..40 {
        input.push_str(&serde_json::json!({"id": i, "text": format!("Sentence number {i} is here. Another one follows.")}).to_string());
        input.push('\n');
        if i == 7 {
            input.push_str("{not json\n");
        }
        if i == 9 {
            input.push_str("{\"id\": \"no-text\"}\n");
        }
    }
    let o = run(
        &["split", "--jsonl", "--threads", "2", "--lang", "en"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "some lines failed");
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 42);
    let ok: Vec<&Value> = lines.iter().filter(|v| v.get("error").is_none()).collect();
    for (i, v) in ok.iter().enumerate() {
        assert_eq!(v["id"], i);
        assert_eq!(v["sentences"].as_array().unwrap().len(), 2);
    }
    let errs: Vec<&Value> = lines.iter().filter(|v| v.get("error").is_some()).collect();
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0]["line"], 9);
    assert_eq!(errs[1]["id"], "no-text");
}

#[test]
fn batch_output_is_identical_across_thread_counts() {
    let mut input = String::new();
    for i in 0..30 {
        input.push_str(
            &serde_json::json!({"id": i, "text": ARTICLE.replace("Three", &format!("{i} more"))})
                .to_string(),
        );
        input.push('\n');
    }
    let one = run(
        &["summarize", "--jsonl", "--threads", "1"],
        Some(input.as_bytes()),
    );
    let two = run(
        &["summarize", "--jsonl", "--threads", "2"],
        Some(input.as_bytes()),
    );
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}
