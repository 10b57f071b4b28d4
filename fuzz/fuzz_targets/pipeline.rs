//! text → Pipeline::run (default and Lead settings); spans slice the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nutgraf::{Method, Pipeline};

thread_local! {
    static PIPELINES: [Pipeline; 2] = [
        Pipeline::default(),
        Pipeline::builder().method(Method::Lead).sentences(2).clean(false).build().unwrap(),
    ];
}

fuzz_target!(|input: (bool, &str)| {
    let (which, text) = input;
    PIPELINES.with(|p| {
        let p = &p[usize::from(which)];
        let Ok(doc) = p.run(text) else { return };
        for s in &doc.sentences {
            assert!(text.get(s.span.clone()).is_some());
        }
        for s in &doc.summary.sentences {
            assert!(text.get(s.span.clone()).is_some());
        }
        for b in &doc.article.blocks {
            assert!(text.get(b.span.clone()).is_some());
        }
        for r in &doc.removed {
            assert!(text.get(r.span.clone()).is_some());
        }
    });
});
