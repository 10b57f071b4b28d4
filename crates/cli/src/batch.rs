//! JSON Lines batches: stream `{"id", "text"}` lines, process them on a
//! pool of threads, and write one result object per line in input order.
//!
//! Memory stays bounded: the input is read in chunks of a few lines per
//! thread, each chunk is processed and written before the next is read. A
//! bad line yields an error object (`{"id", "line", "error"}`) and the batch
//! goes on; the exit code is 1 when any line failed.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::{input, Failure, InputArgs, Rendered};

/// Lines per thread in one chunk.
const LINES_PER_THREAD: usize = 32;

fn open(path: Option<&Path>) -> Result<Box<dyn BufRead>, Failure> {
    let name = input::display_name(path);
    match path {
        Some(p) if p != Path::new("-") => {
            if p.is_dir() {
                return Err(Failure::Runtime(format!("{name}: is a directory, expected a JSON Lines file")));
            }
            let f = File::open(p).map_err(|e| Failure::Runtime(format!("{name}: {}", input::io_message(&e))))?;
            Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
        }
        _ => Ok(Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))),
    }
}

/// Processes one input line into one output object.
fn one_line<F>(line_no: usize, raw: &[u8], lossy: bool, f: &F) -> (Value, bool)
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let fail = |id: Value, msg: String| (json!({"id": id, "line": line_no, "error": msg}), false);
    let line = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) if !lossy => {
            return fail(Value::Null, format!("invalid UTF-8 at byte {} of the line (use --lossy)", e.valid_up_to()))
        }
        Err(_) => String::from_utf8_lossy(raw),
    };
    let value: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) => return fail(Value::Null, format!("not a JSON object: {e}")),
    };
    let Value::Object(mut obj) = value else {
        return fail(Value::Null, "not a JSON object: expected {\"id\": …, \"text\": …}".into());
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return fail(id, "field \"text\" is not a string".into()),
        None => return fail(id, "missing field \"text\"".into()),
    };
    if text.trim().is_empty() {
        return fail(id, "text is empty".into());
    }
    match f(&text) {
        Ok(Rendered { json: Value::Object(m), .. }) => {
            let mut out = Map::with_capacity(m.len() + 1);
            out.insert("id".into(), id);
            out.extend(m);
            (Value::Object(out), true)
        }
        Ok(Rendered { json, .. }) => (json!({"id": id, "result": json}), true),
        Err(Failure::Runtime(m)) | Err(Failure::Usage(m)) => fail(id, m),
        Err(Failure::BrokenPipe) => fail(id, "broken pipe".into()),
    }
}

/// Runs a batch.
pub(crate) fn run<F>(args: &InputArgs, f: &F) -> Result<ExitCode, Failure>
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 {
        return Err(Failure::Usage("--threads must be at least 1".into()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::Runtime(format!("cannot start worker threads: {e}")))?;
    let name = input::display_name(args.file.as_deref());
    let mut reader = open(args.file.as_deref())?;
    let progress = if std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} [{elapsed_precise}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(pb)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let chunk_size = threads * LINES_PER_THREAD;
    let (mut line_no, mut failed, mut total) = (0usize, 0usize, 0usize);
    let mut eof = false;
    while !eof {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(chunk_size);
        while chunk.len() < chunk_size {
            let mut buf = Vec::new();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| Failure::Runtime(format!("{name}: {}", input::io_message(&e))))?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            chunk.push((line_no, buf));
        }
        let results: Vec<(Value, bool)> =
            pool.install(|| chunk.par_iter().map(|(n, raw)| one_line(*n, raw, args.lossy, f)).collect());
        for (value, ok) in results {
            total += 1;
            failed += usize::from(!ok);
            serde_json::to_writer(&mut out, &value).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        if let Some(pb) = &progress {
            pb.set_position(total as u64);
        }
    }
    out.flush()?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if failed > 0 {
        eprintln!("nutgraf: {name}: {failed} of {total} line(s) failed (see their \"error\" fields)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
