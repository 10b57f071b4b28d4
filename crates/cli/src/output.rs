//! Rendering results as text for people and as JSON for tools.
//!
//! The JSON shapes are a contract (see the README): keys are only ever added.

use std::fmt::Write as _;
use std::ops::Range;

use serde_json::{json, Value};

use crate::{Failure, LangArg, Rendered};
use nutgraf::{Document, PipelineConfig};

fn span(r: &Range<usize>) -> Value {
    json!([r.start, r.end])
}

fn opt_lang(l: nutgraf::Language) -> Value {
    Value::String(l.code().to_string())
}

/// `nutgraf normalize`.
pub(crate) fn normalize(
    text: &str,
    config: &PipelineConfig,
    explain: bool,
) -> Result<Rendered, Failure> {
    let n = nutgraf::text::normalize::normalize(text, &config.normalize);
    let changes: Vec<Value> = n
        .changes()
        .iter()
        .map(|c| {
            json!({
                "span": span(&c.original),
                "kind": format!("{:?}", c.kind).to_lowercase(),
                "original": &text[c.original.clone()],
                "replacement": c.replacement,
            })
        })
        .collect();
    let mut out = String::new();
    if explain {
        if n.changes().is_empty() {
            out.push_str("no changes\n");
        }
        for c in n.changes() {
            let _ = writeln!(
                out,
                "{}..{}\t{}\t{:?} → {:?}",
                c.original.start,
                c.original.end,
                format!("{:?}", c.kind).to_lowercase(),
                &text[c.original.clone()],
                c.replacement
            );
        }
    } else {
        out.push_str(n.text());
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(Rendered {
        raw: None,
        text: out,
        json: json!({"text": n.text(), "changes": changes}),
    })
}

/// `nutgraf clean`.
pub(crate) fn clean(doc: &Document, explain: bool) -> Result<Rendered, Failure> {
    let a = &doc.article;
    let blocks: Vec<Value> = a
        .blocks
        .iter()
        .map(|b| json!({"kind": b.kind.name(), "text": b.text, "span": span(&b.span)}))
        .collect();
    let removed: Vec<Value> = doc
        .removed
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "kind": r.block.kind.name(),
                "text": doc.removed_text(i).unwrap_or(&r.block.text),
                "span": span(&r.span),
                "reason": r.reason.rule,
                "description": r.reason.description(),
                "score": r.reason.score,
            })
        })
        .collect();
    let body = a.text();
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str(t);
        out.push_str("\n\n");
    }
    out.push_str(&body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if explain {
        let _ = writeln!(out, "\n--- removed ({}) ---", doc.removed.len());
        for (i, r) in doc.removed.iter().enumerate() {
            let score = r
                .reason
                .score
                .map(|s| format!(" score {s:.2}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "[{}{}] {}..{} {:?} — {}",
                r.reason.rule,
                score,
                r.span.start,
                r.span.end,
                doc.removed_text(i).unwrap_or(&r.block.text),
                r.reason.description()
            );
        }
    }
    Ok(Rendered {
        raw: None,
        text: out,
        json: json!({
            "title": a.title,
            "byline": a.byline,
            "source": a.source,
            "language": a.language.map(opt_lang),
            "blocks": blocks,
            "removed": removed,
            "text": body,
            "page_summary": doc.page_summary,
            "key_takeaways": doc.key_takeaways,
        }),
    })
}

/// `nutgraf lang`.
pub(crate) fn lang(doc: &Document, with_blocks: bool) -> Result<Rendered, Failure> {
    let d = &doc.language;
    let mut out = format!("{}\n", d.language().code());
    let blocks: Vec<Value> = doc
        .article
        .blocks
        .iter()
        .zip(d.blocks())
        .map(|(b, l)| {
            json!({
                "kind": b.kind.name(),
                "span": span(&b.span),
                "language": l.language().code(),
                "confidence": l.confidence(),
                "reliable": l.is_reliable(),
            })
        })
        .collect();
    if with_blocks {
        for (b, l) in doc.article.blocks.iter().zip(d.blocks()) {
            let preview: String = b.text.chars().take(60).collect();
            let _ = writeln!(
                out,
                "{}\t{:.2}\t{}\t{}",
                l.language().code(),
                l.confidence(),
                b.kind.name(),
                preview
            );
        }
    }
    let mixed = d.mixed().map(|m| {
        m.iter()
            .map(|(l, share)| json!({"language": l.code(), "share": share}))
            .collect::<Vec<_>>()
    });
    let mut json = json!({
        "language": d.language().code(),
        "confidence": d.confidence(),
        "reliable": d.is_reliable(),
        "mixed": mixed,
    });
    if with_blocks {
        json["blocks"] = Value::Array(blocks);
    }
    Ok(Rendered {
        text: out,
        json,
        raw: None,
    })
}

/// `nutgraf split`.
pub(crate) fn split(
    text: &str,
    config: &PipelineConfig,
    lang: LangArg,
) -> Result<Rendered, Failure> {
    let n = nutgraf::text::normalize::normalize(text, &config.normalize);
    let language = match lang {
        LangArg::Fixed(l) => l,
        LangArg::Auto => nutgraf::lang::detect(n.text()).language(),
    };
    let sents = nutgraf::text::sentences::split(n.text(), language);
    let mut out = String::new();
    let mut list = Vec::with_capacity(sents.len());
    for s in &sents {
        // One sentence a line: the display text has no line breaks
        // (layout damage undone); JSON keeps the exact slice in `text` and
        // adds `clean` when the display text differs.
        let clean = nutgraf::text::sentences::clean_text(s.text, language);
        out.push_str(&clean);
        out.push('\n');
        let mut item = json!({"text": s.text, "span": span(&n.to_original(s.span.clone()))});
        if clean != s.text {
            item["clean"] = Value::String(clean.into_owned());
        }
        list.push(item);
    }
    Ok(Rendered {
        raw: None,
        text: out,
        json: json!({"language": language.code(), "sentences": list}),
    })
}

/// `nutgraf summarize`. In a batch (`raw`), only the JSON object is made,
/// serialized straight from the summary (the same bytes as the `Value`
/// path: keys in sorted order, numbers and strings by `serde_json`).
pub(crate) fn summarize(doc: &Document, batch: bool) -> Result<Rendered, Failure> {
    let s = &doc.summary;
    if batch {
        let json = SummaryJson {
            key_terms: s
                .key_terms
                .iter()
                .map(|k| KeyTermJson {
                    score: k.score,
                    spans: k.spans.iter().map(|r| [r.start, r.end]).collect(),
                    text: &k.text,
                })
                .collect(),
            language: s.language.code(),
            method: s.method.name(),
            sentences: s
                .sentences
                .iter()
                .map(|x| SentenceJson {
                    index: x.index,
                    score: x.score,
                    span: [x.span.start, x.span.end],
                    text: &x.text,
                })
                .collect(),
        };
        let raw = serde_json::to_vec(&json)
            .map_err(|e| Failure::Runtime(format!("cannot serialize the result: {e}")))?;
        return Ok(Rendered {
            text: String::new(),
            json: Value::Null,
            raw: Some(raw),
        });
    }
    let mut out = String::new();
    for sel in &s.sentences {
        out.push_str(&sel.text);
        out.push('\n');
    }
    if !s.key_terms.is_empty() {
        let terms: Vec<&str> = s.key_terms.iter().map(|k| k.text.as_str()).collect();
        let _ = writeln!(out, "\nKey terms: {}", terms.join(", "));
    }
    let sentences: Vec<Value> = s
        .sentences
        .iter()
        .map(|x| json!({"text": x.text, "index": x.index, "score": x.score, "span": span(&x.span)}))
        .collect();
    let key_terms: Vec<Value> = s
        .key_terms
        .iter()
        .map(|k| json!({"text": k.text, "score": k.score, "spans": k.spans.iter().map(span).collect::<Vec<_>>()}))
        .collect();
    Ok(Rendered {
        text: out,
        json: json!({
            "language": s.language.code(),
            "method": s.method.name(),
            "sentences": sentences,
            "key_terms": key_terms,
        }),
        raw: None,
    })
}

// The summary's JSON object, fields in the sorted key order of the `Value`
// path (serde_json's map without `preserve_order`).
#[derive(serde::Serialize)]
struct SummaryJson<'a> {
    key_terms: Vec<KeyTermJson<'a>>,
    language: &'a str,
    method: &'a str,
    sentences: Vec<SentenceJson<'a>>,
}

#[derive(serde::Serialize)]
struct KeyTermJson<'a> {
    score: f64,
    spans: Vec<[usize; 2]>,
    text: &'a str,
}

#[derive(serde::Serialize)]
struct SentenceJson<'a> {
    index: usize,
    score: f64,
    span: [usize; 2],
    text: &'a str,
}
