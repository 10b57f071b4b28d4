//! `tokens::words` takes a fast path over ASCII text; it must give exactly
//! what UAX #29 word segmentation (`unicode-segmentation`) gives, keeping
//! the pieces with a letter or digit.

use nutgraf_text::tokens::{words, Token};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn reference(text: &str) -> Vec<Token<'_>> {
    text.unicode_word_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| Token {
            text: w,
            span: i..i + w.len(),
        })
        .collect()
}

fn texts(t: &str) -> Vec<&str> {
    words(t).into_iter().map(|t| t.text).collect()
}

#[test]
fn ascii_rules() {
    // Letters, digits and "_" join; ":" "." "'" join letters; "," ";" "." "'" join digits.
    assert_eq!(
        texts("e.g. it's a:b 3.50 1,000;5 snake_case _x __ x1 1x"),
        [
            "e.g",
            "it's",
            "a:b",
            "3.50",
            "1,000;5",
            "snake_case",
            "_x",
            "x1",
            "1x"
        ]
    );
    // ... and nothing else does.
    assert_eq!(
        texts("a..b 1..2 a.1 1.a a,b a; b 'a' -x- 3.5% e-mail"),
        [
            "a", "b", "1", "2", "a", "1", "1", "a", "a", "b", "a", "b", "a", "x", "3.5", "e",
            "mail"
        ]
    );
    assert!(texts("-- ... !? __ ").is_empty());
}

#[test]
fn mixed_text_keeps_spans() {
    let t = "Ein „Zitat“ über 3,5 Mio. € — und 🤖 Emoji. Café’s naïve test";
    let w = words(t);
    assert_eq!(w, reference(t));
    for tok in &w {
        assert_eq!(&t[tok.span.clone()], tok.text);
    }
}

#[test]
fn borders_between_ascii_and_other_text() {
    for t in [
        " \u{301}abc",
        "a \u{93e}b",
        "x\u{200d}\u{1f600} y",
        "a\u{a0}b c",
        "\u{5d0}\"\u{5d0} a\"b",
        "ab\u{2019}cd ef",
        "1\u{2024}2 3.4",
        "\u{1f1e9}\u{1f1ea} \u{1f1e9}\u{1f1ea}\u{1f1e9} a",
        "カタカナ_x a_カ",
        "\r\n\u{85}a\u{2028}b\tc",
    ] {
        assert_eq!(words(t), reference(t), "{t:?}");
    }
}

/// Every text of the shared dev data (news in English and German, the
/// language-identification set in many scripts, the sentence sets).
#[test]
fn same_on_the_dev_texts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !dir.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("dev data missing at {}", dir.display());
        }
        eprintln!("skipping: no dev data at {}", dir.display());
        return;
    }
    let mut n = 0;
    for file in [
        "summ/en.dev.jsonl",
        "summ/de.dev.jsonl",
        "lang/dev.jsonl",
        "sbd/en.dev.jsonl",
        "sbd/de.dev.jsonl",
        "sbd/en.ud.dev.jsonl",
        "sbd/de.ud.dev.jsonl",
    ] {
        let Ok(data) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            if let Some(t) = v["text"].as_str() {
                assert_eq!(words(t), reference(t), "{file}: {}", v["id"]);
                n += 1;
            }
        }
    }
    assert!(n > 1000, "only {n} texts");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_as_unicode_segmentation(t in "[a-zA-Z0-9_:.',; \t\n\r\x0B\x0C!?\"()\\-éßü\u{301}\u{93e}\u{200d}\u{1f600}\u{a0}\u{2019}\u{5d0}\u{30ab}\u{1f1e9}\u{3000}\u{85}]{0,40}") {
        prop_assert_eq!(words(&t), reference(&t));
    }

    #[test]
    fn same_on_ascii(t in "[ -~\t\n\r]{0,60}") {
        prop_assert_eq!(words(&t), reference(&t));
    }
}
