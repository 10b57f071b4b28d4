//! Shared setup of the nutgraf-vs-peers comparison: the corpus and the
//! budget rule. The criterion group lives in `benches/peers.rs`; the Python
//! half and the table are in `compare.py`.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use nutgraf::{Budget, Language, Method, Summarizer, SummarizerConfig};

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The `id` field.
    pub id: String,
    /// The article body.
    pub text: String,
}

/// The corpus file: `$NUTGRAF_COMPARE_DATA`, else
/// `../shared/data/summ/en.dev.jsonl` beside the repository.
pub fn corpus_path() -> PathBuf {
    if let Some(p) = std::env::var_os("NUTGRAF_COMPARE_DATA") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/summ/en.dev.jsonl")
}

/// Reads the corpus (every line with a string `text`).
///
/// # Panics
/// When the file cannot be read or a line is not JSON: this is a benchmark.
pub fn load() -> Vec<Doc> {
    let path = corpus_path();
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            Doc {
                id: v["id"].as_str().unwrap_or_default().to_string(),
                text: v["text"].as_str().expect("a text field").to_string(),
            }
        })
        .collect()
}

/// The summarizer under test: `method`, 3 sentences, everything else default.
///
/// # Panics
/// Never for the methods of [`Method::ALL`].
pub fn summarizer(method: Method) -> Summarizer {
    Summarizer::new(
        SummarizerConfig::default()
            .method(method)
            .budget(Budget::Sentences(3)),
    )
    .expect("a valid config")
}

/// lede's budget is in characters, not sentences. The rule: for each
/// document, the length in characters of nutgraf's default 3-sentence
/// summary, sentences joined by one space (lede's separator). Both tools
/// then return about the same amount of text. `compare.py` applies the same
/// rule to the Python `lede` package.
pub fn lede_budgets(docs: &[Doc]) -> Vec<usize> {
    let s = summarizer(Method::Default);
    docs.iter()
        .map(|d| {
            let sum = s
                .summarize_text(&d.text, None, Language::En)
                .expect("a summary");
            let chars: usize = sum.sentences.iter().map(|x| x.text.chars().count()).sum();
            chars + sum.sentences.len().saturating_sub(1)
        })
        .collect()
}
