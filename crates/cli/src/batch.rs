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

use crate::{input, jsonl, Failure, InputArgs, Rendered};

/// Lines per thread in one chunk.
const LINES_PER_THREAD: usize = 32;

/// Default longest JSON Lines record kept in memory (256 MiB: a text at the
/// pipeline's default limit of 64 MiB, with room for JSON escapes). A longer
/// line is skipped with an error object, never truncated.
pub(crate) const MAX_LINE_BYTES: usize = 256 << 20;

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
    let (id, text) = match jsonl::parse_line(raw, lossy) {
        Ok(v) => v,
        Err(e) => return fail(e.id, e.message),
    };
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

/// What [`read_line`] found.
enum Line {
    /// End of input.
    Eof,
    /// A line (without its line break) in the buffer.
    Ok,
    /// A line longer than the limit, skipped: its length in bytes.
    TooLong(usize),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit`
/// bytes: a longer line is read to its end without being stored, so one
/// huge line cannot exhaust memory.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let (done, used) = {
            let avail = match reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            any = true;
            let (piece, done) = match memchr_nl(avail) {
                Some(i) => (&avail[..i], true),
                None => (avail, false),
            };
            total += piece.len();
            if total <= limit {
                buf.extend_from_slice(piece);
            } else if !buf.is_empty() {
                *buf = Vec::new();
            }
            (done, piece.len() + usize::from(done))
        };
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total > limit {
        return Ok(Line::TooLong(total));
    }
    while matches!(buf.last(), Some(b'\r')) {
        buf.pop();
    }
    Ok(Line::Ok)
}

fn memchr_nl(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
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
    // Lines of the current chunk that were too long to keep: (line number, length).
    let mut too_long: Vec<(usize, usize)> = Vec::new();
    while !eof {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(chunk_size);
        while chunk.len() < chunk_size {
            let mut buf = Vec::new();
            let line = read_line(&mut *reader, &mut buf, args.max_line_bytes)
                .map_err(|e| Failure::Runtime(format!("{name}: {}", input::io_message(&e))))?;
            match line {
                Line::Eof => {
                    eof = true;
                    break;
                }
                Line::TooLong(len) => {
                    line_no += 1;
                    too_long.push((line_no, len));
                    chunk.push((line_no, Vec::new()));
                    continue;
                }
                Line::Ok => line_no += 1,
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            chunk.push((line_no, buf));
        }
        let results: Vec<(Value, bool)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(n, raw)| match too_long.iter().find(|(l, _)| l == n) {
                    Some(&(_, len)) => (
                        json!({"id": Value::Null, "line": n, "error": format!(
                            "line is {len} bytes, more than the limit of {} bytes for one JSON Lines record (raise it with --max-line-bytes)", args.max_line_bytes
                        )}),
                        false,
                    ),
                    None => one_line(*n, raw, args.lossy, f),
                })
                .collect()
        });
        too_long.clear();
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
