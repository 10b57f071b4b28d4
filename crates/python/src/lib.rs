//! The native half of the `nutgraf` Python package (`nutgraf._nutgraf`).
//!
//! The Python half (`python/nutgraf/__init__.py`) holds the public API, the
//! typed result classes and the docstrings; this module does the work with
//! the GIL released and hands back plain dicts and lists whose offsets are
//! *character* offsets into the Python string (the Rust crates report byte
//! offsets; [`CharIndex`] converts them).
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

use std::ops::Range;

use nutgraf_core::{
    text::sentences, Document, Language, LanguageSetting, Method, Pipeline, PipelineConfig,
};
use nutgraf_eval::rouge::{RougeConfig, RougeScores, Scorer, Tokenizer};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use serde_json::Value;

create_exception!(
    nutgraf,
    NutgrafError,
    PyValueError,
    "An error reported by nutgraf (bad settings, an input over the size limit, …), with the Rust message."
);

fn err(message: impl std::fmt::Display) -> PyErr {
    NutgrafError::new_err(message.to_string())
}

/// Byte offset → character offset of one text, in O(1) per lookup after an
/// O(n) pass: the number of characters before byte `b` is the number of
/// bytes before `b` that do not continue a UTF-8 sequence.
#[derive(Debug)]
struct CharIndex<'a> {
    bytes: &'a [u8],
    /// Characters before each multiple of [`BLOCK`] bytes; empty when the
    /// text is ASCII (offsets are then the same).
    checkpoints: Vec<usize>,
}

const BLOCK: usize = 256;

fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40 // not 0b10xx_xxxx
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            checkpoints.reserve(bytes.len() / BLOCK + 1);
            let mut count = 0;
            for chunk in bytes.chunks(BLOCK) {
                checkpoints.push(count);
                count += chunk.iter().filter(|&&b| starts_char(b)).count();
            }
            checkpoints.push(count);
        }
        CharIndex { bytes, checkpoints }
    }

    fn char(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        self.checkpoints[block]
            + self.bytes[block * BLOCK..byte]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
    }

    fn span(&self, r: &Range<usize>) -> (usize, usize) {
        (self.char(r.start), self.char(r.end))
    }
}

/// Adds `key = value` pairs to a new dict.
macro_rules! dict {
    ($py:expr, { $($k:literal : $v:expr),* $(,)? }) => {{
        let d = PyDict::new($py);
        $( d.set_item($k, $v)?; )*
        d
    }};
}

fn parse_language(code: &str) -> PyResult<Option<Language>> {
    if code.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    Language::from_code(code).map(Some).ok_or_else(|| {
        err(format!(
            "unknown language {code:?}: use \"auto\" or an ISO 639-1 code such as \"en\" or \"de\""
        ))
    })
}

/// Every key of `given` must exist in `canonical` (the settings after a
/// round trip through the Rust types), so a misspelt setting is an error
/// rather than silently ignored.
fn check_keys(given: &Value, canonical: &Value, path: &str) -> Result<(), String> {
    if let (Value::Object(g), Value::Object(c)) = (given, canonical) {
        for (k, v) in g {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            match c.get(k) {
                Some(cv) => check_keys(v, cv, &here)?,
                None => {
                    let known: Vec<&str> = c.keys().map(String::as_str).collect();
                    return Err(format!(
                        "unknown setting {here:?} (known here: {})",
                        known.join(", ")
                    ));
                }
            }
        }
    }
    Ok(())
}

fn config_from_json(json: &str) -> PyResult<PipelineConfig> {
    let given: Value =
        serde_json::from_str(json).map_err(|e| err(format!("invalid settings: {e}")))?;
    let config: PipelineConfig =
        serde_json::from_value(given.clone()).map_err(|e| err(format!("invalid settings: {e}")))?;
    let canonical = serde_json::to_value(&config).map_err(err)?;
    check_keys(&given, &canonical, "").map_err(err)?;
    Ok(config)
}

// ---------------------------------------------------------------------------
// Results as Python objects.

fn document_dict<'py>(
    py: Python<'py>,
    input: &str,
    doc: &Document,
) -> PyResult<Bound<'py, PyDict>> {
    let ix = CharIndex::new(input);
    let a = &doc.article;
    let blocks = PyList::empty(py);
    for b in &a.blocks {
        let (s, e) = ix.span(&b.span);
        blocks.append(dict!(py, {"kind": b.kind.name(), "text": &b.text, "start": s, "end": e}))?;
    }
    let article = dict!(py, {
        "title": &a.title,
        "byline": &a.byline,
        "source": &a.source,
        "language": a.language.map(|l| l.code()),
        "blocks": blocks,
        "text": a.text(),
    });
    let removed = PyList::empty(py);
    for (i, r) in doc.removed.iter().enumerate() {
        let (s, e) = ix.span(&r.span);
        removed.append(dict!(py, {
            "kind": r.block.kind.name(),
            // As the CLI: the whole block, or only the sentences trimmed from it.
            "text": doc.removed_text(i).unwrap_or(&r.block.text),
            "start": s,
            "end": e,
            "reason": r.reason.rule,
            "description": r.reason.description(),
            "score": r.reason.score,
        }))?;
    }
    let changes = PyList::empty(py);
    for c in &doc.changes {
        let (s, e) = ix.span(&c.original);
        changes.append(dict!(py, {
            "kind": change_kind(c.kind),
            "start": s,
            "end": e,
            "original": &input[c.original.clone()],
            "replacement": &c.replacement,
        }))?;
    }
    let sentences = PyList::empty(py);
    for x in &doc.sentences {
        let (s, e) = ix.span(&x.span);
        sentences.append(dict!(py, {"text": &x.text, "start": s, "end": e, "block": x.block}))?;
    }
    let d = dict!(py, {
        "normalized": &doc.normalized,
        "changes": changes,
        "article": article,
        "removed": removed,
        "page_summary": &doc.page_summary,
        "key_takeaways": &doc.key_takeaways,
        "language": language_dict(py, &ix, doc, true)?,
        "sentences": sentences,
        "summary": summary_dict(py, &ix, doc)?,
    });
    Ok(d)
}

fn change_kind(kind: nutgraf_core::ChangeKind) -> String {
    format!("{kind:?}").to_lowercase()
}

fn selected_list<'py>(
    py: Python<'py>,
    ix: &CharIndex<'_>,
    doc: &Document,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for x in &doc.summary.sentences {
        let (s, e) = ix.span(&x.span);
        list.append(dict!(py, {
            "text": &x.text,
            "index": x.index,
            "score": x.score,
            "start": s,
            "end": e,
        }))?;
    }
    Ok(list)
}

fn summary_dict<'py>(
    py: Python<'py>,
    ix: &CharIndex<'_>,
    doc: &Document,
) -> PyResult<Bound<'py, PyDict>> {
    let s = &doc.summary;
    let key_terms = PyList::empty(py);
    for k in &s.key_terms {
        let spans: Vec<(usize, usize)> = k.spans.iter().map(|r| ix.span(r)).collect();
        key_terms.append(dict!(py, {"text": &k.text, "score": k.score, "spans": spans}))?;
    }
    Ok(dict!(py, {
        "language": s.language.code(),
        "method": s.method.name(),
        "sentences": selected_list(py, ix, doc)?,
        "key_terms": key_terms,
    }))
}

fn language_dict<'py>(
    py: Python<'py>,
    ix: &CharIndex<'_>,
    doc: &Document,
    with_blocks: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let d = &doc.language;
    let mixed = match d.mixed() {
        None => None,
        Some(m) => {
            let list = PyList::empty(py);
            for (l, share) in m {
                list.append(dict!(py, {"language": l.code(), "share": *share}))?;
            }
            Some(list)
        }
    };
    let out = dict!(py, {
        "language": d.language().code(),
        "confidence": d.confidence(),
        "reliable": d.is_reliable(),
        "mixed": mixed,
    });
    if with_blocks {
        let blocks = PyList::empty(py);
        for (b, l) in doc.article.blocks.iter().zip(d.blocks()) {
            let (s, e) = ix.span(&b.span);
            blocks.append(dict!(py, {
                "kind": b.kind.name(),
                "start": s,
                "end": e,
                "language": l.language().code(),
                "confidence": l.confidence(),
                "reliable": l.is_reliable(),
            }))?;
        }
        out.set_item("blocks", blocks)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The pipeline.

/// The native pipeline; `nutgraf.Pipeline` wraps it.
#[pyclass(name = "_Pipeline", module = "nutgraf._nutgraf", frozen)]
#[derive(Debug)]
struct PyPipeline {
    inner: Pipeline,
}

impl PyPipeline {
    fn run_one(&self, py: Python<'_>, text: &str) -> PyResult<Document> {
        py.detach(|| self.inner.run(text)).map_err(err)
    }
}

#[pymethods]
impl PyPipeline {
    /// Builds a pipeline from settings as JSON (`PipelineConfig`'s serde form;
    /// missing keys take their defaults, unknown keys are an error).
    #[new]
    fn new(settings_json: &str) -> PyResult<Self> {
        let config = config_from_json(settings_json)?;
        let inner = Pipeline::builder().configure(config).build().map_err(err)?;
        Ok(PyPipeline { inner })
    }

    /// The complete settings as JSON.
    fn settings_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.config()).map_err(err)
    }

    /// Every stage; the result as a dict (see `nutgraf.Document`).
    fn run<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyDict>> {
        let doc = self.run_one(py, &text)?;
        document_dict(py, &text, &doc)
    }

    /// `run` over many texts in parallel (`threads`: None = all cores).
    #[pyo3(signature = (texts, threads=None))]
    fn run_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<PyBackedStr>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        if threads == Some(0) {
            return Err(err("threads must be at least 1"));
        }
        let docs: Vec<Result<Document, String>> = py
            .detach(|| {
                let work = || {
                    texts
                        .par_iter()
                        .enumerate()
                        .map(|(i, t)| {
                            self.inner
                                .run(t)
                                .map_err(|e| format!("text {i} of the batch: {e}"))
                        })
                        .collect()
                };
                match threads {
                    None => Ok(work()),
                    Some(n) => rayon::ThreadPoolBuilder::new()
                        .num_threads(n)
                        .build()
                        .map(|pool| pool.install(work))
                        .map_err(|e| e.to_string()),
                }
            })
            .map_err(err)?;
        let out = PyList::empty(py);
        for (doc, text) in docs.into_iter().zip(&texts) {
            out.append(document_dict(py, text, &doc.map_err(err)?)?)?;
        }
        Ok(out)
    }

    /// The summary sentences only: `[{text, index, score, start, end}]`.
    fn summarize<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyList>> {
        let doc = self.run_one(py, &text)?;
        selected_list(py, &CharIndex::new(&text), &doc)
    }

    /// The clean article, in the shape of `nutgraf clean --format json`.
    fn clean<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyDict>> {
        let doc = self.run_one(py, &text)?;
        let d = document_dict(py, &text, &doc)?;
        let article = d.get_item("article")?.expect("set above");
        let out = article.cast_into::<PyDict>()?;
        out.set_item("removed", d.get_item("removed")?)?;
        out.set_item("page_summary", d.get_item("page_summary")?)?;
        out.set_item("key_takeaways", d.get_item("key_takeaways")?)?;
        Ok(out)
    }

    /// The document language, in the shape of `nutgraf lang --format json`.
    #[pyo3(signature = (text, blocks=false))]
    fn detect_language<'py>(
        &self,
        py: Python<'py>,
        text: PyBackedStr,
        blocks: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let doc = self.run_one(py, &text)?;
        language_dict(py, &CharIndex::new(&text), &doc, blocks)
    }
}

// ---------------------------------------------------------------------------
// Single stages.

/// The default settings as JSON.
#[pyfunction]
fn default_settings_json() -> PyResult<String> {
    serde_json::to_string(&PipelineConfig::default()).map_err(err)
}

/// The canonical name of a summarization method (`"kl-sum"` → `"klsum"`).
#[pyfunction]
fn method_name(name: &str) -> PyResult<&'static str> {
    name.parse::<Method>().map(Method::name).map_err(|_| {
        let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
        err(format!(
            "unknown method {name:?}: use one of {}",
            names.join(", ")
        ))
    })
}

/// Every method name.
#[pyfunction]
fn methods() -> Vec<&'static str> {
    Method::ALL.iter().map(|m| m.name()).collect()
}

/// `"auto"` or a checked ISO 639-1 code, as the settings spell it.
#[pyfunction]
fn language_setting(code: &str) -> PyResult<String> {
    let setting = match parse_language(code)? {
        None => LanguageSetting::Auto,
        Some(l) => LanguageSetting::Fixed(l),
    };
    serde_json::to_string(&setting).map_err(err)
}

/// Normalized text and the change log (character offsets into `text`).
#[pyfunction]
fn normalize<'py>(py: Python<'py>, text: PyBackedStr) -> PyResult<(String, Bound<'py, PyList>)> {
    let config = PipelineConfig::default().normalize;
    let (normalized, changes) = py.detach(|| {
        let n = nutgraf_core::text::normalize::normalize(&text, &config);
        (n.text().to_string(), n.changes().to_vec())
    });
    let ix = CharIndex::new(&text);
    let list = PyList::empty(py);
    for c in &changes {
        let (s, e) = ix.span(&c.original);
        list.append(dict!(py, {
            "kind": change_kind(c.kind),
            "start": s,
            "end": e,
            "original": &text[c.original.clone()],
            "replacement": &c.replacement,
        }))?;
    }
    Ok((normalized, list))
}

/// Sentences of the normalized text, as `nutgraf split --format json`
/// (language, then `[{text, start, end}]` with offsets into `text`).
#[pyfunction]
#[pyo3(signature = (text, lang="auto"))]
fn split_sentences<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    lang: &str,
) -> PyResult<(&'static str, Bound<'py, PyList>)> {
    let fixed = parse_language(lang)?;
    let config = PipelineConfig::default().normalize;
    let (language, sents) = py.detach(|| {
        let n = nutgraf_core::text::normalize::normalize(&text, &config);
        let language = fixed.unwrap_or_else(|| nutgraf_core::lang::detect(n.text()).language());
        let sents: Vec<(String, Range<usize>)> = sentences::split(n.text(), language)
            .into_iter()
            .map(|s| (s.text.to_string(), n.to_original(s.span)))
            .collect();
        (language, sents)
    });
    let ix = CharIndex::new(&text);
    let list = PyList::empty(py);
    for (t, span) in &sents {
        let (s, e) = ix.span(span);
        list.append(dict!(py, {"text": t, "start": s, "end": e}))?;
    }
    Ok((language.code(), list))
}

fn rouge_scorer(stemmer: bool, tokenizer: &str, stem_language: Option<&str>) -> PyResult<Scorer> {
    let stem = match stem_language {
        None => None,
        Some(code) => Some(
            parse_language(code)?.ok_or_else(|| err("stem_language must be a language code"))?,
        ),
    };
    let tokenizer = match tokenizer.to_ascii_lowercase().replace('-', "_").as_str() {
        "rouge_score" | "rougescore" | "default" => {
            if stem.is_some() {
                return Err(err(
                    "stem_language needs tokenizer=\"unicode\" or \"uax29\"; \
                     the rouge_score tokenizer stems with Porter (stemmer=True)",
                ));
            }
            Tokenizer::RougeScore
        }
        "unicode" => Tokenizer::Unicode { stem },
        "uax29" => Tokenizer::Uax29 { stem },
        other => {
            return Err(err(format!(
                "unknown tokenizer {other:?}: use \"rouge_score\", \"unicode\" or \"uax29\""
            )))
        }
    };
    Scorer::try_new(RougeConfig::new().stemmer(stemmer).tokenizer(tokenizer)).map_err(err)
}

/// ROUGE-1/2/L/Lsum of each candidate against its reference, as
/// `[[(p, r, f) × 4]]` in the order rouge1, rouge2, rougeL, rougeLsum.
#[pyfunction]
#[pyo3(signature = (candidates, references, stemmer=false, tokenizer="rouge_score", stem_language=None))]
fn rouge_many(
    py: Python<'_>,
    candidates: Vec<PyBackedStr>,
    references: Vec<PyBackedStr>,
    stemmer: bool,
    tokenizer: &str,
    stem_language: Option<&str>,
) -> PyResult<Vec<[(f64, f64, f64); 4]>> {
    if candidates.len() != references.len() {
        return Err(err(format!(
            "got {} candidates and {} references; they must pair up",
            candidates.len(),
            references.len()
        )));
    }
    let scorer = rouge_scorer(stemmer, tokenizer, stem_language)?;
    let scores: Vec<RougeScores> = py.detach(|| {
        candidates
            .par_iter()
            .zip(references.par_iter())
            .map(|(c, r)| scorer.score(c, r))
            .collect()
    });
    Ok(scores
        .iter()
        .map(|s| s.as_array().map(|x| (x.precision, x.recall, x.fmeasure)))
        .collect())
}

/// The native module.
#[pymodule]
fn _nutgraf(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NutgrafError", m.py().get_type::<NutgrafError>())?;
    m.add_class::<PyPipeline>()?;
    m.add_function(wrap_pyfunction!(default_settings_json, m)?)?;
    m.add_function(wrap_pyfunction!(method_name, m)?)?;
    m.add_function(wrap_pyfunction!(methods, m)?)?;
    m.add_function(wrap_pyfunction!(language_setting, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(split_sentences, m)?)?;
    m.add_function(wrap_pyfunction!(rouge_many, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
