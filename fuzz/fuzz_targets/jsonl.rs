//! One JSON Lines line → the CLI's batch line parser (the very source file
//! the binary uses), strict and lossy, then the pipeline on the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../crates/cli/src/jsonl.rs"]
mod jsonl;

thread_local! {
    static PIPELINE: nutgraf::Pipeline = nutgraf::Pipeline::default();
}

fuzz_target!(|data: &[u8]| {
    let strict = jsonl::parse_line(data, false);
    let lossy = jsonl::parse_line(data, true);
    if std::str::from_utf8(data).is_ok() {
        assert_eq!(strict, lossy);
    }
    if let Ok((_, text)) = lossy {
        assert!(!text.trim().is_empty());
        let _ = PIPELINE.with(|p| p.run(&text).map(|d| d.summary.sentences.len()));
    }
});
