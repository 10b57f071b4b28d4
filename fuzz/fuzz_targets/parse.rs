//! text → nutgraf_article::parse; every block span slices the input to its text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let a = nutgraf_article::parse(text);
    for b in &a.blocks {
        assert_eq!(text.get(b.span.clone()), Some(b.text.as_str()));
    }
});
