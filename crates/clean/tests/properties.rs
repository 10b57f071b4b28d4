//! Properties of the cleaner on any input: no panic, spans slice the input,
//! and every non-whitespace byte is accounted for (kept block, removed span,
//! or the marker of a kept list item). Output is the same run to run.

use nutgraf_clean::{BlockKind, Cleaner};
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let c = Cleaner::new().clean(text);
    let mut covered = vec![false; text.len()];
    for b in &c.article.blocks {
        prop_assert_eq!(&text[b.span.clone()], b.text.as_str());
        covered[b.span.clone()].iter_mut().for_each(|x| *x = true);
        if b.kind == BlockKind::ListItem {
            let line = text[..b.span.start].rfind('\n').map_or(0, |p| p + 1);
            covered[line..b.span.start]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    for r in &c.removed {
        prop_assert!(text.get(r.span.clone()).is_some(), "bad span {:?}", r.span);
        covered[r.span.clone()].iter_mut().for_each(|x| *x = true);
    }
    for (i, ch) in text.char_indices() {
        prop_assert!(
            covered[i] || ch.is_whitespace(),
            "byte {} ({:?}) unaccounted",
            i,
            ch
        );
    }
    prop_assert_eq!(Cleaner::new().clean(text), c);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_text(s in "\\PC{0,300}") {
        check(&s)?;
    }

    #[test]
    fn page_like(lines in proptest::collection::vec(
        prop_oneof![
            Just("Read more".to_string()),
            Just("← Back to feed".to_string()),
            Just("Image via Ledger".to_string()),
            Just("• item of a list here".to_string()),
            Just("1. first step".to_string()),
            Just("Related Articles".to_string()),
            Just("Ledger|Staff|".to_string()),
            Just("What do you think? Share your thoughts in the comments below.".to_string()),
            Just(String::new()),
            "[A-Za-zäöü ,.]{0,120}",
        ], 0..20)) {
        check(&lines.join("\n"))?;
    }
}

#[test]
fn auto_traits() {
    fn ok<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    ok::<nutgraf_clean::Cleaner>();
    ok::<nutgraf_clean::Cleaned>();
    ok::<nutgraf_clean::Model>();
}

#[test]
fn large_pages_finish_quickly() {
    // Linear time: a 2 MB page of short and long lines, and one 1 MB line.
    let mut page = String::new();
    for i in 0..20_000 {
        page.push_str(if i % 3 == 0 {
            "Home\n"
        } else {
            "Short teaser line number here\n"
        });
        if i % 50 == 0 {
            page.push_str("A long paragraph of article text that goes on, and on, with commas, and stop words in it. What do you think? Share your thoughts in the comments below.\n");
        }
    }
    let t = std::time::Instant::now();
    let c = Cleaner::new().clean(&page);
    assert!(!c.removed.is_empty());
    let long = "word ".repeat(200_000);
    let _ = Cleaner::new().clean(&long);
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}
