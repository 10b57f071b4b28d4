//! text → Cleaner::clean; kept and removed spans slice the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

thread_local! {
    static CLEANER: nutgraf_clean::Cleaner = nutgraf_clean::Cleaner::new();
}

fuzz_target!(|text: &str| {
    let c = CLEANER.with(|c| c.clean(text));
    for b in &c.article.blocks {
        assert_eq!(text.get(b.span.clone()), Some(b.text.as_str()));
    }
    for r in &c.removed {
        assert!(text.get(r.span.clone()).is_some());
        assert!(!r.reason.rule.is_empty());
    }
});
