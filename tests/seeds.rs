//! The whole pipeline on the five seed pages in ../shared/seeds/.
//!
//! For every seed: the title (none for 004), the language (004 German, the
//! rest English), the boilerplate lines that must go, every article
//! paragraph kept, and summary spans that point back at the input.

mod common;

use nutgraf::{Document, Language, Pipeline};

struct Expect {
    prefix: &'static str,
    title: Option<&'static str>,
    language: Language,
    /// Pieces of boilerplate that must not survive in the clean text.
    gone: &'static [&'static str],
}

const EXPECT: &[Expect] = &[
    Expect {
        prefix: "000",
        title: Some("Putin announces international AI alliance to enhance cooperation in AI development and infrastructure"),
        language: Language::En,
        gone: &[
            "y0news", "← Feed", "Back to feed", "Importance 7/10", "Neutral", "Read Original",
            "Image via Crypto Briefing", "Act on this with AI", "Stay ahead of the market",
            "Connect your wallet", "Connect Wallet to AI", "How it works", "Related Articles",
            "Editorial Team",
        ],
    },
    Expect {
        prefix: "001",
        title: Some("Countering Western Hegemony: Putin Emphasizes AI Independence for Russia"),
        language: Language::En,
        gone: &[],
    },
    Expect {
        prefix: "002",
        title: Some("China, Russia forge AI friendship"),
        language: Language::En,
        gone: &["READ MORE"],
    },
    Expect {
        prefix: "003",
        title: Some("Over 70 Crypto Firms Unite to Challenge Big Tech's AI Dominance"),
        language: Language::En,
        gone: &[
            "What are your thoughts on this movement?",
            "Share your opinions in the comments below",
            "exclusive deal",
            "Powerbeats",
            "affiliate links",
            "disclaimer page",
        ],
    },
    Expect {
        prefix: "004",
        title: None,
        language: Language::De,
        gone: &[],
    },
];

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(text: &str) -> Document {
    Pipeline::default()
        .run(text)
        .expect("the pipeline runs on every seed")
}

#[test]
fn seeds_title_language_and_boilerplate() {
    let Some(seeds) = common::seeds() else { return };
    for (name, text) in &seeds {
        let e = EXPECT
            .iter()
            .find(|e| name.starts_with(e.prefix))
            .expect("an expectation per seed");
        let doc = run(text);
        assert_eq!(doc.article.title.as_deref(), e.title, "{name}: title");
        assert_eq!(doc.language(), e.language, "{name}: language");
        let clean = doc.article.text();
        for g in e.gone {
            assert!(
                !clean.contains(g),
                "{name}: boilerplate {g:?} survived in:\n{clean}"
            );
        }
        for r in &doc.removed {
            assert!(
                !r.reason.rule.is_empty(),
                "{name}: a removal without a reason"
            );
        }
    }
}

/// Every line of at least ten words that is not boilerplate is article text:
/// it must survive cleaning (or be captured as the page's own summary or
/// key takeaways).
#[test]
fn seeds_keep_every_article_paragraph() {
    let Some(seeds) = common::seeds() else { return };
    for (name, text) in &seeds {
        let e = EXPECT.iter().find(|e| name.starts_with(e.prefix)).unwrap();
        let doc = run(text);
        let mut kept = squash(&doc.article.text());
        kept.push(' ');
        kept.push_str(doc.article.title.as_deref().unwrap_or(""));
        kept.push(' ');
        kept.push_str(&squash(doc.page_summary.as_deref().unwrap_or("")));
        for k in &doc.key_takeaways {
            kept.push(' ');
            kept.push_str(&squash(k));
        }
        let normalized =
            nutgraf::text::normalize::normalize(text, &nutgraf::NormalizeConfig::default());
        for line in normalized.text().lines() {
            let mut line = squash(line);
            if line.split(' ').count() < 10 {
                continue;
            }
            // Boilerplate that closes a real paragraph is trimmed at sentence level.
            for g in e.gone {
                if let Some(at) = line.find(g) {
                    // Cut at the start of the sentence holding the boilerplate.
                    let cut = line[..at].rfind(". ").map_or(0, |i| i + 2);
                    line.truncate(cut);
                }
            }
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let line = line.trim_start_matches(['•', '-', '*', ' ', '→']);
            assert!(kept.contains(line), "{name}: article text lost: {line:?}");
        }
    }
}

#[test]
fn seeds_summary_spans_point_into_the_input() {
    let Some(seeds) = common::seeds() else { return };
    for (name, text) in &seeds {
        let doc = run(text);
        assert!(!doc.summary.sentences.is_empty(), "{name}: empty summary");
        for s in &doc.summary.sentences {
            let raw = &text[s.span.clone()];
            let renorm =
                nutgraf::text::normalize::normalize(raw, &nutgraf::NormalizeConfig::default());
            assert_eq!(
                renorm.text(),
                s.text,
                "{name}: span {:?} does not give the sentence back",
                s.span
            );
        }
        for b in &doc.article.blocks {
            let raw = &text[b.span.clone()];
            let renorm =
                nutgraf::text::normalize::normalize(raw, &nutgraf::NormalizeConfig::default());
            assert_eq!(renorm.text(), b.text, "{name}: block span {:?}", b.span);
        }
    }
}

#[test]
fn seeds_are_deterministic() {
    let Some(seeds) = common::seeds() else { return };
    for (name, text) in &seeds {
        let a = run(text);
        let b = run(text);
        assert_eq!(
            format!("{:?}", a.summary),
            format!("{:?}", b.summary),
            "{name}"
        );
        assert_eq!(a.article.text(), b.article.text(), "{name}");
    }
}
