//! text → sentences::split (every language), tokens::words, tokens::terms.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nutgraf_text::{sentences, tokens, Language};

fuzz_target!(|input: (u8, &str)| {
    let (which, text) = input;
    let lang = [Language::En, Language::De, Language::Fr, Language::Zh][usize::from(which % 4)];
    let mut at = 0;
    for s in sentences::split(text, lang) {
        assert!(s.span.start >= at, "overlap or out of order");
        assert_eq!(text.get(s.span.clone()), Some(s.text));
        assert!(!s.text.trim().is_empty());
        at = s.span.end;
    }
    for t in tokens::words(text) {
        assert_eq!(text.get(t.span.clone()), Some(t.text));
    }
    let _ = tokens::terms(text, lang);
});
