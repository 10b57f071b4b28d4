//! JSON Lines batches: stream `{"id", "text"}` lines, process them on a
//! pool of threads, and write one result object per line in input order.
//!
//! `--threads N` workers do everything, with no reader or writer thread
//! competing with them for the cores: a worker takes the next *batch* of
//! lines from the input (up to [`BATCH_LINES`] lines or [`BATCH_BYTES`]
//! bytes, read under a lock into one buffer), parses and processes each
//! line, serializes the results into one output buffer, and hands it to the
//! ordered output: whichever worker completes the oldest outstanding batch
//! writes it, and every later batch that is already done, to a buffered
//! stdout. A long document holds up only its own batch; the other workers go
//! on with the following ones.
//!
//! Memory stays bounded whatever the input size: a line is "in flight" from
//! the moment it is read until its result is written, and a worker reads no
//! more once [`LINES_PER_THREAD`] × N lines or [`IN_FLIGHT_BYTES`] of input
//! are in flight (one line is always let through, however large), until the
//! oldest batch is written. A line longer than `--max-line-bytes` is skipped
//! while it is read, never stored.
//!
//! A bad line yields an error object (`{"id", "line", "error"}`) and the
//! batch goes on; the exit code is 1 when any line failed. On a terminal,
//! stderr shows a progress bar (documents/s, and an ETA when the input is a
//! file of known size); otherwise nothing.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Stdout, Write};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Condvar, Mutex, MutexGuard};

use serde_json::{json, Map, Value};

use crate::{input, jsonl, Failure, InputArgs, Rendered};

/// Lines in flight per worker thread (read but not yet written).
const LINES_PER_THREAD: usize = 32;

/// Input bytes in flight at most (a single larger line is still let through).
const IN_FLIGHT_BYTES: usize = 32 << 20;

/// Most lines a worker takes from the input at once.
const BATCH_LINES: usize = 8;

/// A worker stops adding lines to a batch once it holds this many bytes.
const BATCH_BYTES: usize = 1 << 20;

/// Size of the stdout buffer.
const OUTPUT_BUFFER: usize = 1 << 16;

/// Stack of a worker thread (the same as a main thread's usual 8 MiB).
const WORKER_STACK: usize = 8 << 20;

/// Default longest JSON Lines record kept in memory (256 MiB: a text at the
/// pipeline's default limit of 64 MiB, with room for JSON escapes). A longer
/// line is skipped with an error object, never truncated.
pub(crate) const MAX_LINE_BYTES: usize = 256 << 20;

/// The input and its size in bytes when that is known (a regular file,
/// named or redirected to stdin).
fn open(path: Option<&Path>) -> Result<(Box<dyn BufRead + Send>, Option<u64>), Failure> {
    let name = input::display_name(path);
    match path {
        Some(p) if p != Path::new("-") => {
            if p.is_dir() {
                return Err(Failure::Runtime(format!(
                    "{name}: is a directory, expected a JSON Lines file"
                )));
            }
            let f = File::open(p)
                .map_err(|e| Failure::Runtime(format!("{name}: {}", input::io_message(&e))))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            Ok((Box::new(BufReader::with_capacity(1 << 16, f)), size))
        }
        _ => {
            // `< file` makes stdin a regular file whose size we can show.
            let size = std::fs::metadata("/dev/stdin")
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            Ok((
                Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
                size,
            ))
        }
    }
}

/// Processes one input line and appends its output object (and a line
/// break) to `out`; `false` when the line failed.
fn one_line<F>(out: &mut Vec<u8>, line_no: usize, raw: &[u8], lossy: bool, f: &F) -> bool
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let fail = |out: &mut Vec<u8>, id: Value, msg: String| {
        push_json(
            out,
            &json!({"id": id, "line": line_no, "error": msg}),
            line_no,
        );
        false
    };
    let (id, text) = match jsonl::parse_line(raw, lossy) {
        Ok(v) => v,
        Err(e) => return fail(out, e.id, e.message),
    };
    match f(&text) {
        Ok(Rendered {
            raw: Some(body), ..
        }) if body.len() > 2 && body.starts_with(b"{") => {
            // `{"id":…,` then the object's own keys (all after "id").
            let start = out.len();
            out.extend_from_slice(b"{\"id\":");
            if serde_json::to_writer(&mut *out, &id).is_err() {
                out.truncate(start);
                return fail(out, Value::Null, "cannot serialize the id".into());
            }
            out.push(b',');
            out.extend_from_slice(&body[1..]);
            out.push(b'\n');
            true
        }
        Ok(Rendered {
            json: Value::Object(m),
            ..
        }) => {
            let mut obj = Map::with_capacity(m.len() + 1);
            obj.insert("id".into(), id);
            obj.extend(m);
            push_json(out, &Value::Object(obj), line_no);
            true
        }
        Ok(Rendered { json, .. }) => {
            push_json(out, &json!({"id": id, "result": json}), line_no);
            true
        }
        Err(Failure::Runtime(m)) | Err(Failure::Usage(m)) => fail(out, id, m),
        Err(Failure::BrokenPipe) => fail(out, id, "broken pipe".into()),
    }
}

/// What [`read_line`] found.
enum Line {
    /// End of input.
    Eof,
    /// A line (without its line break) appended to the buffer; its size in
    /// the input.
    Ok(usize),
    /// A line longer than the limit, skipped: its length in bytes.
    TooLong(usize),
}

/// Reads one line and appends it (without its line break) to `buf`, keeping
/// at most `limit` bytes of it: a longer line is read to its end without
/// being stored (`buf` is left as it was), so one huge line cannot exhaust
/// memory.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    let start = buf.len();
    let mut total = 0usize;
    let mut consumed = 0usize;
    let mut any = false;
    loop {
        let (done, used) = {
            let avail = match reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    buf.truncate(start);
                    return Err(e);
                }
            };
            if avail.is_empty() {
                break;
            }
            any = true;
            let (piece, done) = match memchr_nl(avail) {
                Some(i) => (&avail[..i], true),
                None => (avail, false),
            };
            let was_within = total <= limit;
            total += piece.len();
            if total <= limit {
                buf.extend_from_slice(piece);
            } else if was_within {
                // Give back what the partial line took.
                buf.truncate(start);
                buf.shrink_to(start.max(BATCH_BYTES));
            }
            (done, piece.len() + usize::from(done))
        };
        reader.consume(used);
        consumed += used;
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
    while buf.len() > start && buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Ok(consumed))
}

fn memchr_nl(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Locks `m`, also after a panic elsewhere (the data stays consistent: every
/// update under these locks is a few plain assignments).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One line of a [`Batch`].
enum Item {
    /// A line: 1-based line number, its bytes in [`Batch::data`].
    Line(usize, Range<usize>),
    /// A line over the limit: its line number and length.
    TooLong(usize, usize),
}

/// Consecutive non-blank input lines, processed by one worker.
struct Batch {
    /// Position among the batches (the output order).
    seq: usize,
    /// The lines' bytes, one after the other.
    data: Vec<u8>,
    items: Vec<Item>,
    /// Input bytes read up to the end of the batch (for the progress bar).
    consumed: u64,
}

/// A processed batch waiting for its turn to be written.
struct Done {
    /// The result objects, one per line, each followed by a line break.
    out: Vec<u8>,
    lines: usize,
    failed: usize,
    /// Input bytes the batch held in the window.
    held: usize,
    consumed: u64,
}

/// The reading side, under one lock.
struct Reader {
    reader: Box<dyn BufRead + Send>,
    next_seq: usize,
    line_no: usize,
    consumed: u64,
    /// Lines and input bytes read and not yet written.
    lines: usize,
    bytes: usize,
    /// No more batches: end of input, a read error, or output failed.
    finished: bool,
    error: Option<std::io::Error>,
}

/// The writing side, under one lock.
struct Writer {
    out: BufWriter<Stdout>,
    /// Processed batches that wait for an older one.
    pending: BTreeMap<usize, Done>,
    next_seq: usize,
    lines: usize,
    failed: usize,
    error: Option<std::io::Error>,
}

/// What the workers share.
struct Shared<'a> {
    reader: Mutex<Reader>,
    /// Signalled when lines leave the window or reading stops.
    room: Condvar,
    writer: Mutex<Writer>,
    max_lines: usize,
    max_bytes: usize,
    line_limit: usize,
    progress: Option<&'a Progress>,
}

impl Shared<'_> {
    /// Whether the window has room for another line.
    fn has_room(&self, r: &Reader) -> bool {
        r.lines == 0 || (r.lines < self.max_lines && r.bytes < self.max_bytes)
    }

    /// The next batch of lines, waiting for room in the window first; `None`
    /// when there are no more.
    fn take(&self) -> Option<(Batch, usize)> {
        let mut r = lock(&self.reader);
        while !r.finished && !self.has_room(&r) {
            r = self.room.wait(r).unwrap_or_else(|e| e.into_inner());
        }
        if r.finished {
            return None;
        }
        let mut batch = Batch {
            seq: r.next_seq,
            data: Vec::new(),
            items: Vec::new(),
            consumed: 0,
        };
        let mut held = 0usize;
        while batch.items.len() < BATCH_LINES && batch.data.len() < BATCH_BYTES && self.has_room(&r)
        {
            let start = batch.data.len();
            let line = match read_line(&mut *r.reader, &mut batch.data, self.line_limit) {
                Ok(l) => l,
                Err(e) => {
                    r.error = Some(e);
                    r.finished = true;
                    break;
                }
            };
            if matches!(line, Line::Eof) {
                r.finished = true;
                break;
            }
            r.line_no += 1;
            let line_no = r.line_no;
            let item = match line {
                Line::Eof => break,
                Line::TooLong(len) => {
                    r.consumed += len as u64 + 1;
                    Item::TooLong(line_no, len)
                }
                Line::Ok(n) => {
                    r.consumed += n as u64;
                    if batch.data[start..].iter().all(u8::is_ascii_whitespace) {
                        batch.data.truncate(start);
                        continue;
                    }
                    Item::Line(line_no, start..batch.data.len())
                }
            };
            let bytes = batch.data.len() - start;
            held += bytes;
            r.lines += 1;
            r.bytes += bytes;
            batch.items.push(item);
        }
        if r.finished {
            // Wake the workers waiting for room: there is nothing more.
            self.room.notify_all();
        }
        if batch.items.is_empty() {
            return None;
        }
        batch.consumed = r.consumed;
        r.next_seq += 1;
        Some((batch, held))
    }

    /// Hands a processed batch to the output and writes every batch whose
    /// turn has come.
    fn finish(&self, seq: usize, done: Done) {
        let (mut lines, mut bytes) = (0usize, 0usize);
        let failed_output = {
            let mut w = lock(&self.writer);
            w.pending.insert(seq, done);
            loop {
                let next = w.next_seq;
                let Some(d) = w.pending.remove(&next) else {
                    break;
                };
                if w.error.is_none() {
                    if let Err(e) = w.out.write_all(&d.out) {
                        w.error = Some(e);
                    }
                }
                w.next_seq += 1;
                w.lines += d.lines;
                w.failed += d.failed;
                lines += d.lines;
                bytes += d.held;
                if let Some(p) = self.progress {
                    p.update(w.lines, d.consumed);
                }
            }
            w.error.is_some()
        };
        let mut r = lock(&self.reader);
        r.lines -= lines;
        r.bytes -= bytes;
        if failed_output {
            // Stop reading; the workers end after their current batch.
            r.finished = true;
        }
        drop(r);
        self.room.notify_all();
    }

    /// Stops reading (after a worker panicked outside a line's processing).
    fn stop(&self) {
        lock(&self.reader).finished = true;
        self.room.notify_all();
    }
}

/// Stops the batch when a worker unwinds, so the others do not wait for
/// room that its unwritten batch would never free.
struct StopOnUnwind<'s, 'a>(&'s Shared<'a>);

impl Drop for StopOnUnwind<'_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Serializes one result object and a line break onto `out`.
fn push_json(out: &mut Vec<u8>, value: &Value, line_no: usize) {
    let start = out.len();
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        out.truncate(start);
        let fallback = json!({"id": Value::Null, "line": line_no, "error": format!("cannot serialize the result: {e}")});
        // A map of plain strings and numbers always serializes.
        let _ = serde_json::to_writer(&mut *out, &fallback);
    }
    out.push(b'\n');
}

/// Takes batches until the input is exhausted or the output failed.
fn work<F>(shared: &Shared<'_>, args: &InputArgs, f: &F)
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let _guard = StopOnUnwind(shared);
    while let Some((batch, held)) = shared.take() {
        let mut out = Vec::with_capacity(4096 * batch.items.len());
        let mut failed = 0usize;
        for item in &batch.items {
            let ok = match item {
                Item::TooLong(n, len) => {
                    push_json(
                        &mut out,
                        &json!({"id": Value::Null, "line": n, "error": format!(
                            "line is {len} bytes, more than the limit of {} bytes for one JSON Lines record (raise it with --max-line-bytes)",
                            args.max_line_bytes
                        )}),
                        *n,
                    );
                    false
                }
                Item::Line(n, range) => {
                    let raw = &batch.data[range.clone()];
                    let start = out.len();
                    catch_unwind(AssertUnwindSafe(|| one_line(&mut out, *n, raw, args.lossy, f)))
                        .unwrap_or_else(|_| {
                            out.truncate(start);
                            push_json(
                                &mut out,
                                &json!({"id": Value::Null, "line": n, "error": "internal error: processing this line panicked"}),
                                *n,
                            );
                            false
                        })
                }
            };
            failed += usize::from(!ok);
        }
        let lines = batch.items.len();
        let seq = batch.seq;
        let consumed = batch.consumed;
        drop(batch);
        shared.finish(
            seq,
            Done {
                out,
                lines,
                failed,
                held,
                consumed,
            },
        );
    }
}

/// The progress display on a terminal.
struct Progress {
    bar: indicatif::ProgressBar,
    /// The input size is known: the position is in bytes, the message
    /// carries the document count.
    sized: bool,
}

impl Progress {
    fn new(size: Option<u64>) -> Option<Progress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let (bar, template, sized) = match size {
            Some(n) if n > 0 => (
                indicatif::ProgressBar::new(n),
                "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg} ETA {eta}",
                true,
            ),
            _ => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {pos} documents, {per_sec} [{elapsed_precise}]",
                false,
            ),
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(Progress { bar, sized })
    }

    fn update(&self, docs: usize, consumed: u64) {
        if !self.sized {
            self.bar.set_position(docs as u64);
            return;
        }
        self.bar.set_position(consumed);
        if docs % 16 == 0 {
            let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
            self.bar
                .set_message(format!("{docs} documents, {:.0}/s", docs as f64 / secs));
        }
    }
}

/// The number of worker threads a batch with these arguments uses.
fn thread_count(args: &InputArgs) -> usize {
    args.threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs a batch.
pub(crate) fn run<F>(args: &InputArgs, f: &F) -> Result<ExitCode, Failure>
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let threads = thread_count(args);
    if threads == 0 {
        return Err(Failure::Usage("--threads must be at least 1".into()));
    }
    let name = input::display_name(args.file.as_deref());
    let (reader, size) = open(args.file.as_deref())?;
    let progress = Progress::new(size);
    let shared = Shared {
        reader: Mutex::new(Reader {
            reader,
            next_seq: 0,
            line_no: 0,
            consumed: 0,
            lines: 0,
            bytes: 0,
            finished: false,
            error: None,
        }),
        room: Condvar::new(),
        writer: Mutex::new(Writer {
            out: BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout()),
            pending: BTreeMap::new(),
            next_seq: 0,
            lines: 0,
            failed: 0,
            error: None,
        }),
        max_lines: threads.saturating_mul(LINES_PER_THREAD),
        max_bytes: IN_FLIGHT_BYTES,
        line_limit: args.max_line_bytes,
        progress: progress.as_ref(),
    };

    // This thread is one of the workers.
    std::thread::scope(|s| {
        for i in 1..threads {
            let shared = &shared;
            let spawned = std::thread::Builder::new()
                .name(format!("nutgraf-worker-{i}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || work(shared, args, f));
            if let Err(e) = spawned {
                // The workers already started end with the input.
                shared.stop();
                return Err(Failure::Runtime(format!(
                    "cannot start worker threads: {e}"
                )));
            }
        }
        work(&shared, args, f);
        Ok(())
    })?;

    if let Some(p) = &progress {
        p.bar.finish_and_clear();
    }
    let reader = shared
        .reader
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let mut writer = shared
        .writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let written = match writer.error.take() {
        Some(e) => Err(e),
        None => writer.out.flush(),
    };
    let (total, failed) = (writer.lines, writer.failed);
    written?;
    if let Some(e) = reader.error {
        return Err(Failure::Runtime(format!(
            "{name}: {}",
            input::io_message(&e)
        )));
    }
    if failed > 0 {
        eprintln!(
            "nutgraf: {name}: {failed} of {total} line(s) failed (see their \"error\" fields)"
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_line_appends_and_skips_long_lines() {
        let input = b"first\r\n0123456789\nlast";
        // A tiny reader buffer: lines span several `fill_buf` calls.
        let mut r = BufReader::with_capacity(3, &input[..]);
        let mut buf = b"kept".to_vec();
        assert!(matches!(read_line(&mut r, &mut buf, 8), Ok(Line::Ok(7))));
        assert_eq!(buf, b"keptfirst");
        assert!(matches!(
            read_line(&mut r, &mut buf, 8),
            Ok(Line::TooLong(10))
        ));
        assert_eq!(buf, b"keptfirst");
        assert!(matches!(read_line(&mut r, &mut buf, 8), Ok(Line::Ok(4))));
        assert_eq!(buf, b"keptfirstlast");
        assert!(matches!(read_line(&mut r, &mut buf, 8), Ok(Line::Eof)));
    }
}
