//! text → Detector::detect and detect_document (lines as blocks).
#![no_main]
use libfuzzer_sys::fuzz_target;

thread_local! {
    static DETECTOR: nutgraf_lang::Detector = nutgraf_lang::Detector::new();
}

fuzz_target!(|text: &str| {
    DETECTOR.with(|d| {
        let one = d.detect(text);
        assert!((0.0..=1.0).contains(&one.confidence()), "{one:?}");
        let lines: Vec<&str> = text.lines().collect();
        let doc = d.detect_document(&lines);
        assert!((0.0..=1.0).contains(&doc.confidence()), "{doc:?}");
    });
});
