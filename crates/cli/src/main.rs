//! The `nutgraf` command: normalize, clean, tag, split, summarize and
//! evaluate scraped news pages.
//!
//! Exit codes: 0 success; 1 a runtime error (unreadable file, bad input, a
//! failed line in a batch); 2 a usage error. Messages go to stderr; a
//! closed pipe on stdout ends the program quietly.
#![forbid(unsafe_code)]

mod batch;
mod eval;
mod input;
mod jsonl;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use nutgraf::{Budget, Language, Method, Pipeline, SummarizerConfig};

/// Turn scraped news pages into clean, language-tagged articles and
/// faithful extractive summaries.
#[derive(Debug, Parser)]
#[command(name = "nutgraf", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Decode, repair mojibake and tidy Unicode; print the normalized text.
    Normalize(NormalizeArgs),
    /// Strip boilerplate; print the clean article.
    Clean(CleanArgs),
    /// Print the language of the article (ISO 639-1, `und` when unsure).
    Lang(LangArgs),
    /// Print the sentences of the text, one per line.
    Split(SplitArgs),
    /// Print an extractive summary of the article.
    Summarize(SummarizeArgs),
    /// Score a stage on a JSON Lines data set.
    Eval(eval::EvalArgs),
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// Plain text for people.
    #[default]
    Text,
    /// One JSON object (JSON Lines with --jsonl).
    Json,
}

/// Options every text-processing subcommand shares.
#[derive(Debug, Args, Clone)]
pub(crate) struct InputArgs {
    /// The input file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Read JSON Lines (`{"id": …, "text": …}` per line) and write one JSON
    /// result per line, in input order.
    #[arg(long)]
    pub jsonl: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of failing (the count is
    /// reported on stderr).
    #[arg(long)]
    pub lossy: bool,
    /// Worker threads for --jsonl (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// With --jsonl: the longest input line accepted, in bytes; a longer
    /// line gets an error object (it is never truncated).
    #[arg(long, value_name = "BYTES", default_value_t = batch::MAX_LINE_BYTES)]
    pub max_line_bytes: usize,
}

#[derive(Debug, Args)]
struct NormalizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// List every change (byte range, kind, before → after) instead of the text.
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Args)]
struct CleanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Show every removed block and why, after the article.
    #[arg(long)]
    explain: bool,
}

/// A language choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LangArg {
    Auto,
    Fixed(Language),
}

fn parse_lang(s: &str) -> Result<LangArg, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(LangArg::Auto);
    }
    Language::from_code(s).map(LangArg::Fixed).ok_or_else(|| {
        format!("unknown language {s:?}: use auto or an ISO 639-1 code such as en or de")
    })
}

#[derive(Debug, Args)]
struct LangArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Also list the language of every block.
    #[arg(long)]
    blocks: bool,
}

#[derive(Debug, Args)]
struct SplitArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Language rules to use.
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    lang: LangArg,
}

#[derive(Debug, Args)]
struct SummarizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Summarization method.
    #[arg(long, default_value = "default", value_parser = parse_method)]
    method: Method,
    /// Budget: number of sentences (default 3).
    #[arg(long, value_name = "N", conflicts_with_all = ["words", "ratio"])]
    sentences: Option<usize>,
    /// Budget: number of words.
    #[arg(long, value_name = "N", conflicts_with = "ratio")]
    words: Option<usize>,
    /// Budget: a share of the article's sentences, in (0, 1].
    #[arg(long, value_name = "R")]
    ratio: Option<f64>,
    /// Redundancy control: MMR with this λ in [0, 1] (1 = relevance only).
    #[arg(long, value_name = "LAMBDA")]
    mmr: Option<f64>,
    /// Bias the selection toward these words.
    #[arg(long, value_name = "TEXT")]
    query: Option<String>,
    /// Also list the top K key terms.
    #[arg(long, value_name = "K", default_value_t = 0)]
    key_terms: usize,
    /// Order of the summary sentences.
    #[arg(long, value_enum, default_value_t = OrderArg::Document)]
    order: OrderArg,
    /// Language rules to use.
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    lang: LangArg,
    /// Keep boilerplate (summarize the page as it is).
    #[arg(long)]
    no_clean: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OrderArg {
    /// Document order.
    Document,
    /// Best first.
    Score,
}

pub(crate) fn parse_method(s: &str) -> Result<Method, String> {
    s.parse::<Method>().map_err(|_| {
        let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
        format!("unknown method {s:?}: use one of {}", names.join(", "))
    })
}

/// An error that ends the program, with its exit code.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad arguments: exit 2.
    Usage(String),
    /// Anything else: exit 1.
    Runtime(String),
    /// Stdout was closed: exit quietly.
    BrokenPipe,
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Runtime(format!("cannot write output: {e}"))
        }
    }
}

impl From<nutgraf::Error> for Failure {
    fn from(e: nutgraf::Error) -> Self {
        Failure::Runtime(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("nutgraf: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(m)) => {
            eprintln!("nutgraf: {m}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.cmd {
        Cmd::Normalize(a) => {
            let explain = a.explain;
            let pipeline = Pipeline::default();
            process(&a.input, &[], move |text| {
                output::normalize(text, pipeline.config(), explain)
            })
        }
        Cmd::Clean(a) => {
            let explain = a.explain;
            let pipeline = Pipeline::builder()
                .method(Method::Lead)
                .sentences(1)
                .build()?;
            let set_up = set_up_jobs(&pipeline);
            process(&a.input, &set_up, |text| {
                output::clean(&pipeline.run(text)?, explain)
            })
        }
        Cmd::Lang(a) => {
            let blocks = a.blocks;
            let pipeline = Pipeline::builder()
                .method(Method::Lead)
                .sentences(1)
                .build()?;
            let set_up = set_up_jobs(&pipeline);
            process(&a.input, &set_up, |text| {
                output::lang(&pipeline.run(text)?, blocks)
            })
        }
        Cmd::Split(a) => {
            let lang = a.lang;
            // Only the settings are used: no cleaning; the language is
            // detected (by `output::split`) unless given.
            let pipeline = Pipeline::builder()
                .clean(false)
                .language(match lang {
                    LangArg::Auto => None,
                    LangArg::Fixed(l) => Some(l),
                })
                .build()?;
            let set_up = set_up_jobs(&pipeline);
            process(&a.input, &set_up, |text| {
                output::split(text, pipeline.config(), lang)
            })
        }
        Cmd::Summarize(a) => {
            let budget = match (a.sentences, a.words, a.ratio) {
                (_, Some(w), _) => Budget::Words(w),
                (_, _, Some(r)) => Budget::Ratio(r),
                (s, _, _) => Budget::Sentences(s.unwrap_or(3)),
            };
            let mut config = SummarizerConfig::default()
                .method(a.method)
                .budget(budget)
                .key_terms(a.key_terms)
                .order(match a.order {
                    OrderArg::Document => nutgraf::Order::Document,
                    OrderArg::Score => nutgraf::Order::Score,
                });
            if let Some(l) = a.mmr {
                config = config.mmr(Some(l));
            }
            if let Some(q) = &a.query {
                config = config.query(Some(q.clone()));
            }
            let pipeline = Pipeline::builder()
                .summarizer(config)
                .clean(!a.no_clean)
                .language(match a.lang {
                    LangArg::Auto => None,
                    LangArg::Fixed(l) => Some(l),
                })
                .build()
                .map_err(|e| Failure::Usage(e.to_string()))?;
            // A batch writes only JSON, serialized straight from the summary.
            let batch = a.input.jsonl;
            let set_up = set_up_jobs(&pipeline);
            process(&a.input, &set_up, |text| {
                output::summarize(&pipeline.run(text)?, batch)
            })
        }
        Cmd::Eval(a) => eval::run(a),
    }
}

/// The result of processing one text: what to print in text form and in
/// JSON form.
pub(crate) struct Rendered {
    pub text: String,
    pub json: serde_json::Value,
    /// The JSON object already serialized (a batch's fast path, instead of
    /// `json`): every key sorts after `"id"`, as in `json`'s sorted map, so
    /// the batch writes `{"id":…,` and then this object's keys.
    pub raw: Option<Vec<u8>>,
}

/// The set-up steps of `pipeline` as jobs for a batch's workers to share
/// out (see [`batch::SetUp`]).
fn set_up_jobs(pipeline: &Pipeline) -> Vec<batch::SetUp<'_>> {
    pipeline
        .set_up_steps()
        .into_iter()
        .map(|step| Box::new(move || pipeline.set_up(step)) as batch::SetUp<'_>)
        .collect()
}

/// Runs `f` on the input (a single document, or a JSON Lines batch) and
/// prints the results. `set_up` lists one-time work that `f` would
/// otherwise do on its first call: a batch shares it out among its worker
/// threads; a single document leaves it to `f`.
fn process<F>(args: &InputArgs, set_up: &[batch::SetUp<'_>], f: F) -> Result<ExitCode, Failure>
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    if args.jsonl {
        return batch::run(args, set_up, &f);
    }
    let input = input::read(args.file.as_deref(), args.lossy)?;
    let rendered = f(&input.text)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Text => out.write_all(rendered.text.as_bytes())?,
        Format::Json => {
            let mut json = rendered.json;
            input.annotate(&mut json);
            serde_json::to_writer(&mut out, &json).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
