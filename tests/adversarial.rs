//! Adversarial inputs (issue 11), generated in code.
//!
//! Each input runs through every stage and the whole pipeline and must give
//! a result or a typed error — no panic, no silent loss of text. The sizes
//! here are scaled down so the debug-profile test suite stays fast; the full
//! sizes (50 MB line, 1 M blank lines, …) and the 1×/10×/100× cost curves
//! are in `benches/adversarial.rs`:
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/targets/reliab cargo bench --bench adversarial
//! ```

use std::ops::Range;

use nutgraf::text::normalize::{decode, normalize, NormalizeConfig};
use nutgraf::text::{sentences, tokens};
use nutgraf::{Cleaner, Detector, Error, Language, Pipeline, SummarizerConfig};

#[path = "support/inputs.rs"]
mod inputs;
use inputs::*;

/// Every stage and the pipeline on `text`; returns the pipeline's result.
fn all_stages(text: &str) -> Result<nutgraf::Document, Error> {
    let n = normalize(text, &NormalizeConfig::default());
    let norm = n.text();
    for s in sentences::split(norm, Language::En) {
        assert_eq!(&norm[s.span.clone()], s.text);
    }
    let _ = tokens::words(norm).len();
    let article = nutgraf::article::parse(norm);
    for b in &article.blocks {
        assert_eq!(&norm[b.span.clone()], b.text);
    }
    check_accounted(norm);
    let lang = Detector::new().detect(norm);
    assert!((0.0..=1.0).contains(&lang.confidence()));
    Pipeline::default().run(text)
}

fn is_pad(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// No text is lost silently: every non-blank byte is in a kept block, in a
/// removal (which has a reason), or a kept list item's marker.
fn check_accounted(text: &str) {
    let c = Cleaner::new().clean(text);
    let mut covered: Vec<Range<usize>> = c.article.blocks.iter().map(|b| b.span.clone()).collect();
    covered.extend(c.removed.iter().map(|r| r.span.clone()));
    covered.sort_by_key(|r| (r.start, r.end));
    let list: Vec<usize> = c
        .article
        .blocks
        .iter()
        .filter(|b| b.kind == nutgraf::BlockKind::ListItem)
        .map(|b| b.span.start)
        .collect();
    let mut at = 0;
    let check = |g: Range<usize>| {
        let gap = &text[g.clone()];
        if gap.chars().all(is_pad) {
            return;
        }
        let line_start = gap.rfind('\n').map_or(0, |i| i + 1);
        assert!(
            gap[..line_start].chars().all(is_pad)
                && list.contains(&g.end)
                && gap[line_start..].chars().count() <= 8,
            "bytes {g:?} ({:?}…) are neither kept nor removed with a reason",
            gap.chars().take(40).collect::<String>()
        );
    };
    for r in &covered {
        if r.start > at {
            check(at..r.start);
        }
        at = at.max(r.end);
    }
    check(at..text.len());
}

fn ok_or_typed(r: Result<nutgraf::Document, Error>) -> Option<nutgraf::Document> {
    match r {
        Ok(d) => Some(d),
        Err(e @ (Error::InputTooLarge { .. } | Error::Summarize(_))) => {
            assert!(!e.to_string().is_empty());
            None
        }
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

// Sizes scaled down from the issue's (see the module docs).

#[test]
fn a_long_single_line() {
    let text = single_line(512 << 10);
    let doc = ok_or_typed(all_stages(&text)).expect("a 512 KB line is within the limits");
    assert!(!doc.sentences.is_empty());
    assert!(!doc.summary.sentences.is_empty());
}

#[test]
fn many_blank_lines() {
    let doc = ok_or_typed(all_stages(&blank_lines(200_000))).unwrap();
    assert!(doc.sentences.is_empty() && doc.summary.sentences.is_empty());
    // Blank lines around a sentence do not hide it.
    let text = format!(
        "{}The only sentence here is kept.{}",
        blank_lines(100_000),
        blank_lines(100_000)
    );
    let doc = ok_or_typed(all_stages(&text)).unwrap();
    assert_eq!(doc.summary.sentences.len(), 1);
    assert_eq!(
        &text[doc.summary.sentences[0].span.clone()],
        "The only sentence here is kept."
    );
}

#[test]
fn many_abbreviations() {
    let text = doctors(20_000);
    let _ = ok_or_typed(all_stages(&text));
    let _ = sentences::split(&text, Language::De);
}

#[test]
fn a_long_word_without_spaces() {
    let text = long_word(16 << 10);
    let doc = ok_or_typed(all_stages(&text)).unwrap();
    // The word is either kept or removed with a reason, never dropped.
    let kept: usize = doc.article.blocks.iter().map(|b| b.span.len()).sum();
    let removed: usize = doc.removed.iter().map(|r| r.span.len()).sum();
    assert!(
        kept + removed >= text.len() - 1,
        "kept {kept} + removed {removed} of {}",
        text.len()
    );
}

#[test]
fn only_punctuation() {
    let _ = ok_or_typed(all_stages(&punctuation(256 << 10)));
    let _ = ok_or_typed(all_stages(&".".repeat(100_000)));
    let _ = ok_or_typed(all_stages(&"?!".repeat(50_000)));
}

#[test]
fn random_bytes_decoded_lossy() {
    for seed in 1..4 {
        let bytes = random_bytes(32 << 10, seed);
        let d = decode(&bytes, true).expect("lossy decoding never fails");
        let _ = ok_or_typed(all_stages(&d.text));
        // Strict decoding gives a typed error or a legacy-page guess.
        if let Err(e) = decode(&bytes, false) {
            assert!(e.to_string().contains("lossy"));
        }
    }
}

#[test]
fn deep_nesting_of_quotes_and_brackets() {
    let _ = ok_or_typed(all_stages(&nesting(20_000)));
    let _ = ok_or_typed(all_stages(&"(".repeat(200_000)));
    let _ = ok_or_typed(all_stages(&"\"".repeat(200_000)));
}

#[test]
fn combining_zero_width_and_bidi_controls() {
    let text = combining_invisible_bidi(64 << 10);
    let doc = ok_or_typed(all_stages(&text)).unwrap();
    for s in &doc.sentences {
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    // A long run of combining marks on one base character.
    let mut text = String::from("Start ");
    text.push('e');
    text.push_str(&"\u{0301}".repeat(20_000));
    text.push_str(" end.");
    let _ = ok_or_typed(all_stages(&text));
}

#[test]
fn right_to_left_and_cjk_text() {
    let text = rtl_and_cjk(128 << 10);
    let doc = ok_or_typed(all_stages(&text)).unwrap();
    assert!(!doc.sentences.is_empty());
    for s in &doc.summary.sentences {
        assert!(text.get(s.span.clone()).is_some());
    }
}

/// A long line is split through a window of a few words (the splitter's
/// memory does not grow with the line): repeated text splits into its
/// piece's sentences, repeated, at every offset.
#[test]
fn a_long_line_splits_like_its_repeated_piece() {
    let piece = "The council voted (on Monday) to extend the “budget” until next year. \
                 Critics said: “It was rushed!” See pp. 4 and 5. ";
    for lang in [Language::En, Language::De] {
        let one = sentences::split(piece, lang);
        assert!(one.len() >= 2);
        let reps = 5_000;
        let text = piece.repeat(reps);
        let all = sentences::split(&text, lang);
        assert_eq!(all.len(), one.len() * reps);
        for (k, s) in all.iter().enumerate() {
            let p = &one[k % one.len()];
            assert_eq!(s.span.start, p.span.start + k / one.len() * piece.len());
            assert_eq!(s.text, p.text);
        }
    }
}

#[test]
fn the_document_size_limit_is_a_clear_error() {
    let text = single_line(1 << 20);
    let p = Pipeline::builder().max_bytes(1000).build().unwrap();
    let e = p.run(&text).unwrap_err();
    assert!(
        matches!(e, Error::InputTooLarge { limit: 1000, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("max_bytes"), "{e}");
}

#[test]
fn the_sentence_limit_is_a_clear_error() {
    let text = "One short sentence. ".repeat(2_000);
    let p = Pipeline::builder()
        .summarizer(SummarizerConfig::default().max_sentences(100))
        .build()
        .unwrap();
    let e = p.run(&text).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Summarize(nutgraf::summarize::Error::InputTooLarge { limit: 100, .. })
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("max_sentences"), "{e}");
}

#[test]
fn many_short_sentences() {
    // Quadratic work in the number of sentences would show here first.
    let text = "A cat sat. ".repeat(50_000);
    let doc = ok_or_typed(all_stages(&text)).unwrap();
    assert_eq!(doc.sentences.len(), 50_000);
    assert_eq!(doc.summary.sentences.len(), 3);
}

// Regressions found by the adversarial benchmark (issue 11). They are not
// timed: fixed, each runs in well under a second in release mode; unfixed,
// each takes minutes.

#[test]
fn regression_issue11_long_word_is_linear_in_the_summarizer() {
    // Fixed in nutgraf-summarize: compound splitting hashed every prefix and
    // suffix of a stem (O(L²)); stems over 64 chars are no longer split.
    let text = long_word(1 << 20);
    let doc = ok_or_typed(Pipeline::default().run(&text)).unwrap();
    assert_eq!(doc.sentences.len(), 1);
}

#[test]
fn regression_issue11_normalize_is_linear_on_random_bytes() {
    // Fixed in nutgraf-text: composing two change logs scanned one log from
    // the start for every change of the other (quadratic in the number of
    // changes). The size here is small for debug builds; the benchmark
    // checks the 1×/10×/100× curve.
    let d = decode(&random_bytes(1 << 18, 1), true).unwrap();
    let n = normalize(&d.text, &NormalizeConfig::default());
    assert!(!n.text().is_empty());
}

#[test]
fn regression_issue11_combining_marks_pipeline_is_linear() {
    // Fixed in nutgraf-text: Normalized::to_original scanned the change log
    // from the start for every span (sentences × changes); it now uses a
    // binary search. Small size for debug builds; the benchmark checks the curve.
    let text = combining_invisible_bidi(1 << 18);
    let _ = ok_or_typed(Pipeline::default().run(&text));
}

#[test]
fn regression_issue11_stemming_a_huge_word_is_linear() {
    // Fixed in nutgraf-text: Snowball stemming was O(L²) on a long word
    // with umlauts (German postlude); words over MAX_STEM_BYTES are kept.
    let word = long_word(256 << 10);
    let s = tokens::Stemmer::new(Language::De).unwrap();
    assert_eq!(s.stem(&word), word.as_str());
    assert_eq!(s.stem("häuser"), "haus");
}
