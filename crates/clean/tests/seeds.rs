//! The five seed pages in `../shared/seeds/` (read at run time, never copied
//! into the repository): titles, languages, the boilerplate each must lose and
//! the article text each must keep. Runs on the page as normalized by
//! `nutgraf_text::normalize` and, for the rules that must also work before
//! mojibake repair, on the raw page.

use std::path::PathBuf;

use nutgraf_clean::{Cleaner, Language};
use nutgraf_text::normalize::{normalize, NormalizeConfig};

fn seed(prefix: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("seed directory {} is missing (needed on CI)", dir.display());
        }
        eprintln!("skipping: seed directory {} not found", dir.display());
        return None;
    };
    let path = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    })?;
    Some(std::fs::read_to_string(path).expect("seed readable"))
}

struct Expect {
    prefix: &'static str,
    title: Option<&'static str>,
    lang: Language,
    /// (start of a removed line, rule)
    removed: &'static [(&'static str, &'static str)],
}

const SEEDS: &[Expect] = &[
    Expect {
        prefix: "000_",
        title: Some("Putin announces international AI alliance"),
        lang: Language::En,
        removed: &[
            ("y0news", "navigation"),
            ("← Feed", "navigation"),
            ("←Back to feed", "navigation"),
            ("🧠 AI", "label"),
            ("Crypto Briefing|Editorial Team|", "byline"),
            ("Image via Crypto Briefing", "image_credit"),
            ("Read Original", "read_more"),
            ("Act on this with AI", "call_to_action"),
            ("Stay ahead of the market.", "call_to_action"),
            ("Connect your wallet", "call_to_action"),
            ("Connect Wallet to AI", "call_to_action"),
            ("Related Articles", "related"),
        ],
    },
    Expect { prefix: "001_", title: Some("Countering Western Hegemony"), lang: Language::En, removed: &[] },
    Expect { prefix: "002_", title: Some("China, Russia forge AI friendship"), lang: Language::En, removed: &[("READ MORE", "read_more")] },
    Expect {
        prefix: "003_",
        title: Some("Over 70 Crypto Firms Unite"),
        lang: Language::En,
        removed: &[
            ("What are your thoughts on this movement? Share your opinions in the comments below.", "comment_prompt"),
            ("Don", "advert"),
            ("This page includes affiliate links.", "affiliate"),
        ],
    },
    Expect { prefix: "004_", title: None, lang: Language::De, removed: &[] },
];

/// Paragraphs of the page that are article text: long lines that no
/// expectation names as boilerplate (and are not the embedded summary).
fn body_lines<'a>(page: &'a str, e: &Expect) -> Vec<&'a str> {
    page.lines()
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 12)
        .filter(|l| !e.removed.iter().any(|(r, _)| l.starts_with(r)))
        .collect()
}

#[test]
fn seeds_clean_as_expected() {
    let cleaner = Cleaner::new();
    for e in SEEDS {
        let Some(raw) = seed(e.prefix) else { return };
        let norm = normalize(&raw, &NormalizeConfig::default());
        let text = norm.text();
        let c = cleaner.clean(text);
        match e.title {
            Some(t) => assert!(
                c.article.title.as_deref().is_some_and(|x| x.starts_with(t)),
                "{}: title {:?}",
                e.prefix,
                c.article.title
            ),
            None => assert!(
                c.article.title.is_none(),
                "{}: invented title {:?}",
                e.prefix,
                c.article.title
            ),
        }
        assert_eq!(c.article.language, Some(e.lang), "{}", e.prefix);
        for (start, rule) in e.removed {
            assert!(
                c.removed
                    .iter()
                    .any(|r| text[r.span.clone()].starts_with(start) && r.reason.rule == *rule),
                "{}: {start:?} not removed by {rule}",
                e.prefix
            );
        }
        let out = c.article.text();
        for line in body_lines(text, e) {
            if c.summary.as_deref() == Some(line)
                || c.article.title.as_deref() == Some(line)
                || c.key_takeaways.iter().any(|k| line.ends_with(k.as_str()))
            {
                continue;
            }
            // The comment prompt is trimmed off the end of the last paragraph.
            let kept = line.split(" What are your thoughts").next().unwrap_or(line);
            let kept = kept.strip_prefix("- ").unwrap_or(kept);
            assert!(
                out.contains(kept),
                "{}: article text lost: {kept:?}",
                e.prefix
            );
        }
        // Every span slices the input.
        for b in &c.article.blocks {
            assert_eq!(&text[b.span.clone()], b.text);
        }
    }
}

#[test]
fn seed_000_structured_fields() {
    let Some(raw) = seed("000_") else { return };
    let norm = normalize(&raw, &NormalizeConfig::default());
    let c = Cleaner::new().clean(norm.text());
    assert_eq!(c.article.source.as_deref(), Some("Crypto Briefing"));
    assert_eq!(c.article.byline.as_deref(), Some("Editorial Team"));
    assert!(c
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("Putin has announced")));
    assert_eq!(c.key_takeaways.len(), 5);
    assert!(c
        .key_takeaways
        .iter()
        .all(|k| k.chars().next().is_some_and(char::is_alphabetic)));
    assert_eq!(
        c.removed
            .iter()
            .filter(|r| r.reason.rule == "repeated_title")
            .count(),
        1
    );
}

#[test]
fn seed_000_rules_work_before_mojibake_repair() {
    let Some(raw) = seed("000_") else { return };
    let c = Cleaner::new().clean(&raw);
    for start in [
        "y0news",
        "Image via Crypto Briefing",
        "Read Original",
        "Connect Wallet to AI",
        "Related Articles",
        "Crypto Briefing|",
    ] {
        assert!(
            c.removed
                .iter()
                .any(|r| raw[r.span.clone()].starts_with(start)),
            "raw: {start:?} kept"
        );
    }
    assert!(c
        .removed
        .iter()
        .any(|r| raw[r.span.clone()].contains("Importance 7/10")));
    assert!(c.summary.is_some());
    assert_eq!(c.key_takeaways.len(), 5);
}
