//! `nutgraf eval TASK --data FILE`: score a stage on a JSON Lines data set.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::{Failure, Format};
use nutgraf::{Budget, Language, Method, Summarizer, SummarizerConfig};
use nutgraf_eval::data::read_jsonl;
use nutgraf_eval::rouge::{RougeConfig, RougeScores, Scorer, Tokenizer};
use nutgraf_eval::runners::{self, summarize::TokenizerChoice};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Task {
    /// Encoding repair (fixed rate, false positives).
    Repair,
    /// Sentence boundaries (exact match, boundary P/R/F1).
    Split,
    /// Language identification (accuracy by language and kind).
    Lang,
    /// Boilerplate stripping (token- or snippet-level P/R/F1).
    Clean,
    /// Summaries against references (ROUGE).
    Summarize,
    /// ROUGE of given candidate/reference pairs.
    Rouge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TokArg {
    /// rouge-score's tokenizer: lowercase, non-[a-z0-9] to spaces.
    #[value(name = "rouge-score")]
    RougeScore,
    /// Unicode words, lowercased.
    Unicode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum)]
    task: Task,
    /// The JSON Lines data set.
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// summarize: the method, or `all`.
    #[arg(long, default_value = "default")]
    method: String,
    /// summarize: summary length in sentences.
    #[arg(long, default_value_t = 3)]
    sentences: usize,
    /// summarize, rouge: the ROUGE tokenizer.
    #[arg(long, value_enum, default_value_t = TokArg::RougeScore)]
    tokenizer: TokArg,
    /// summarize, rouge: stemming (default: on with rouge-score's tokenizer
    /// for summarize, off otherwise).
    #[arg(long, value_enum)]
    stemmer: Option<OnOff>,
    /// summarize: include per-document scores in the JSON.
    #[arg(long)]
    per_document: bool,
    /// summarize: add 95 % bootstrap intervals (1,000 resamples, fixed seed)
    /// of each method's mean.
    #[arg(long)]
    bootstrap: bool,
    /// summarize: add the paired bootstrap 95 % interval of each method's
    /// margin over this baseline method (e.g. `lead`).
    #[arg(long, value_name = "METHOD", value_parser = crate::parse_method)]
    baseline: Option<Method>,
}

fn load<T: serde::de::DeserializeOwned>(a: &EvalArgs) -> Result<Vec<T>, Failure> {
    read_jsonl(&a.data).map_err(|e| Failure::Runtime(e.to_string()))
}

fn emit(format: Format, table: String, json: &impl Serialize) -> Result<ExitCode, Failure> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Text => out.write_all(table.as_bytes())?,
        Format::Json => {
            serde_json::to_writer(&mut out, json).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn rouge_row(t: &mut String, name: &str, s: &RougeScores) {
    let _ = writeln!(
        t,
        "{:<12} {:>6.2} {:>6.2} {:>6.2} {:>6.2}",
        name,
        s.rouge1.fmeasure * 100.0,
        s.rouge2.fmeasure * 100.0,
        s.rouge_l.fmeasure * 100.0,
        s.rouge_lsum.fmeasure * 100.0
    );
}

pub(crate) fn run(a: EvalArgs) -> Result<ExitCode, Failure> {
    match a.task {
        Task::Repair => {
            let cases: Vec<runners::repair::RepairCase> = load(&a)?;
            let r = runners::repair::evaluate(&cases, |t| {
                nutgraf::text::normalize::fix_encoding(t).into_owned()
            });
            let mut t = format!(
                "cases {}\nfixed rate {:.3}\nfalse-positive rate {:.3}\n\nkind                 exact\n",
                r.cases, r.fixed_rate, r.false_positive_rate
            );
            for (k, v) in &r.by_kind {
                let _ = writeln!(t, "{k:<20} {v:.3}");
            }
            emit(a.format, t, &r)
        }
        Task::Split => {
            let cases: Vec<runners::split::SplitCase> = load(&a)?;
            let r = runners::split::evaluate(&cases, |text, lang| {
                nutgraf::text::sentences::split(text, lang)
                    .into_iter()
                    .map(|s| s.text.to_string())
                    .collect()
            });
            let t = format!(
                "cases {}\nexact match {:.3}\nexact match raw {:.3}\nexact match ignoring whitespace {:.3}\nboundary precision {:.3}\nboundary recall {:.3}\nboundary F1 {:.3}\n",
                r.cases, r.exact_match, r.exact_match_raw, r.exact_match_ignoring_whitespace, r.boundary_precision, r.boundary_recall, r.boundary_f1
            );
            emit(a.format, t, &r)
        }
        Task::Lang => {
            let cases: Vec<runners::lang::LangCase> = load(&a)?;
            let detector = nutgraf::Detector::new();
            let r = runners::lang::evaluate(&cases, |text| {
                detector.detect(text).language().code().to_string()
            });
            let mut t = format!(
                "cases {}\naccuracy {:.3}\nmacro accuracy {:.3}\nfp_ende {:.3}\n\n",
                r.cases, r.accuracy, r.macro_accuracy, r.fp_ende
            );
            for (k, v) in &r.by_lang_kind {
                let _ = writeln!(t, "{k:<16} {v:.3}");
            }
            emit(a.format, t, &r)
        }
        Task::Clean => {
            let cases: Vec<runners::clean::CleanCase> = load(&a)?;
            let cleaner = nutgraf::Cleaner::new();
            let config = nutgraf::NormalizeConfig::default();
            let r = runners::clean::evaluate(&cases, |text| {
                let n = nutgraf::text::normalize::normalize(text, &config);
                cleaner.clean(n.text()).article.text()
            });
            let mut t = format!(
                "cases {} ({} format)\nprecision {:.3}\nrecall {:.3}\nF1 {:.3}\n",
                r.cases, r.format, r.precision, r.recall, r.f1
            );
            if let Some(s) = r.share_f1_above_0_9 {
                let _ = writeln!(t, "pages with F1 > 0.9 {s:.3}");
            }
            if let Some(by) = &r.by_lang {
                let _ = writeln!(t, "\nlang  pages  precision recall  F1");
                for (k, v) in by {
                    let _ = writeln!(
                        t,
                        "{k:<5} {:>5}  {:.3}     {:.3}   {:.3}",
                        v.cases, v.precision, v.recall, v.f1
                    );
                }
            }
            emit(a.format, t, &r)
        }
        Task::Summarize => summarize(&a),
        Task::Rouge => {
            let cases: Vec<runners::rouge::RougeCase> = load(&a)?;
            let stem = a.stemmer == Some(OnOff::On);
            let config = match a.tokenizer {
                TokArg::RougeScore => RougeConfig::default().stemmer(stem),
                TokArg::Unicode => RougeConfig::default().tokenizer(Tokenizer::Unicode {
                    stem: if stem { Some(Language::En) } else { None },
                }),
            };
            let results = runners::rouge::evaluate(&cases, &Scorer::new(config));
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match a.format {
                Format::Json => {
                    for r in &results {
                        serde_json::to_writer(&mut out, r).map_err(std::io::Error::from)?;
                        out.write_all(b"\n")?;
                    }
                }
                Format::Text => {
                    let mut t = format!(
                        "{:<12} {:>6} {:>6} {:>6} {:>6}\n",
                        "id", "R1", "R2", "RL", "RLsum"
                    );
                    for r in &results {
                        rouge_row(&mut t, &r.id, &r.scores);
                    }
                    out.write_all(t.as_bytes())?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn summarize(a: &EvalArgs) -> Result<ExitCode, Failure> {
    let cases: Vec<runners::summarize::SummCase> = load(a)?;
    let methods: Vec<Method> = if a.method == "all" {
        Method::ALL.to_vec()
    } else {
        vec![crate::parse_method(&a.method).map_err(Failure::Usage)?]
    };
    if a.sentences == 0 {
        return Err(Failure::Usage("--sentences must be at least 1".into()));
    }
    let tokenizer = match a.tokenizer {
        TokArg::RougeScore => TokenizerChoice::RougeScore,
        TokArg::Unicode => TokenizerChoice::Unicode,
    };
    let mut scoring = runners::summarize::SummScoring::new(tokenizer);
    if let Some(s) = a.stemmer {
        scoring = scoring.stemmer(s == OnOff::On);
    }
    let mut methods = methods;
    if let Some(b) = a.baseline {
        if !methods.contains(&b) {
            methods.push(b);
        }
    }
    let mut reports = Vec::new();
    for m in methods {
        let summarizer = Summarizer::new(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(a.sentences)),
        )
        .map_err(|e| Failure::Usage(e.to_string()))?;
        let failure = std::cell::RefCell::new(None);
        let r = runners::summarize::evaluate(&cases, m.name(), scoring, |c| {
            let lang = match c.language() {
                Language::Und => Language::En,
                l => l,
            };
            match summarizer.summarize_text(&c.text, c.title.as_deref(), lang) {
                Ok(s) => s.sentences.into_iter().map(|x| x.text).collect(),
                Err(e) => {
                    failure.borrow_mut().get_or_insert_with(|| {
                        format!("{}: document {}: {e}", a.data.display(), c.id)
                    });
                    Vec::new()
                }
            }
        });
        if let Some(msg) = failure.into_inner() {
            return Err(Failure::Runtime(msg));
        }
        reports.push(r);
    }
    use nutgraf_eval::rouge::bootstrap;
    let scores_of = |r: &runners::summarize::SummReport| -> Vec<RougeScores> {
        r.per_document.iter().map(|d| d.scores).collect()
    };
    let baseline_scores = a
        .baseline
        .and_then(|b| reports.iter().find(|r| r.method == b.name()))
        .map(scores_of);
    let mut extras = Vec::new();
    for r in &reports {
        let mut extra = serde_json::Map::new();
        if a.bootstrap {
            let ci = bootstrap::bootstrap(
                &scores_of(r),
                bootstrap::DEFAULT_SAMPLES,
                bootstrap::DEFAULT_SEED,
            );
            extra.insert(
                "bootstrap".into(),
                serde_json::to_value(ci).map_err(std::io::Error::from)?,
            );
        }
        if let (Some(base), Some(b)) = (&baseline_scores, a.baseline) {
            if r.method != b.name() {
                let ci = bootstrap::paired_bootstrap(
                    &scores_of(r),
                    base,
                    bootstrap::DEFAULT_SAMPLES,
                    bootstrap::DEFAULT_SEED,
                )
                .map_err(|e| Failure::Runtime(e.to_string()))?;
                extra.insert("baseline".into(), b.name().into());
                extra.insert(
                    "margin".into(),
                    serde_json::to_value(ci).map_err(std::io::Error::from)?,
                );
            }
        }
        extras.push(extra);
    }
    if !a.per_document {
        for r in &mut reports {
            r.per_document.clear();
        }
    }
    let mut t = format!(
        "cases {}  (ROUGE F1 x100, {} sentences)\n{:<12} {:>6} {:>6} {:>6} {:>6}\n",
        cases.len(),
        a.sentences,
        "method",
        "R1",
        "R2",
        "RL",
        "RLsum"
    );
    for r in &reports {
        rouge_row(&mut t, &r.method, &r.mean);
    }
    let pct = |x: f64| x * 100.0;
    let mut values = Vec::new();
    for (r, extra) in reports.iter().zip(extras) {
        if let Some(ci) = extra.get("bootstrap") {
            let f = |k: &str, b: &str| ci[k][b]["fmeasure"].as_f64().unwrap_or(0.0);
            let _ = writeln!(
                t,
                "{:<12} 95% CI R1 [{:.2}, {:.2}]  R2 [{:.2}, {:.2}]  RL [{:.2}, {:.2}]",
                r.method,
                pct(f("rouge1", "low")),
                pct(f("rouge1", "high")),
                pct(f("rouge2", "low")),
                pct(f("rouge2", "high")),
                pct(f("rougeL", "low")),
                pct(f("rougeL", "high"))
            );
        }
        if let Some(m) = extra.get("margin") {
            let f = |k: &str, b: &str| m[k][b]["fmeasure"].as_f64().unwrap_or(0.0);
            let _ = writeln!(
                t,
                "{:<12} margin over {}: R1 {:+.2} [{:+.2}, {:+.2}]  R2 {:+.2} [{:+.2}, {:+.2}]  RL {:+.2} [{:+.2}, {:+.2}]",
                r.method, extra["baseline"].as_str().unwrap_or(""),
                pct(f("rouge1", "mid")), pct(f("rouge1", "low")), pct(f("rouge1", "high")),
                pct(f("rouge2", "mid")), pct(f("rouge2", "low")), pct(f("rouge2", "high")),
                pct(f("rougeL", "mid")), pct(f("rougeL", "low")), pct(f("rougeL", "high"))
            );
        }
        let mut v = serde_json::to_value(r).map_err(std::io::Error::from)?;
        if let Some(obj) = v.as_object_mut() {
            obj.extend(extra);
        }
        values.push(v);
    }
    if values.len() == 1 {
        emit(a.format, t, &values[0])
    } else {
        emit(a.format, t, &values)
    }
}
