//! JSON Lines batches: stream `{"id", "text"}` lines, process them on a
//! pool of threads, and write one result object per line in input order.
//!
//! Three stages run at once, so no core waits on I/O or on a slow line:
//!
//! * a reader thread splits the input into lines and queues them;
//! * `--threads N` workers parse a line, run the subcommand and serialize
//!   the result (each takes the next line as soon as it is free, so one long
//!   document does not hold up the others);
//! * this thread writes the results in input order as they become ready.
//!
//! Memory stays bounded whatever the input size: a line is "in flight" from
//! the moment it is read until its result is written, and at most
//! [`LINES_PER_THREAD`] × N lines and [`IN_FLIGHT_BYTES`] of input (or one
//! line, if it is larger) are in flight; the reader waits for the writer
//! beyond that. A line longer than `--max-line-bytes` is skipped while it is
//! read, never stored.
//!
//! A bad line yields an error object (`{"id", "line", "error"}`) and the
//! batch goes on; the exit code is 1 when any line failed. On a terminal,
//! stderr shows a progress bar (documents/s, and an ETA when the input is a
//! file of known size); otherwise nothing.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Condvar, Mutex};

use serde_json::{json, Map, Value};

use crate::{input, jsonl, Failure, InputArgs, Rendered};

/// Lines in flight per worker thread (read but not yet written).
const LINES_PER_THREAD: usize = 32;

/// Input bytes in flight at most (a single larger line is still let through).
const IN_FLIGHT_BYTES: usize = 32 << 20;

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
        Ok(Rendered {
            json: Value::Object(m),
            ..
        }) => {
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
    /// A line (without its line break) in the buffer; its size in the input.
    Ok(usize),
    /// A line longer than the limit, skipped: its length in bytes.
    TooLong(usize),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit`
/// bytes: a longer line is read to its end without being stored, so one
/// huge line cannot exhaust memory.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut consumed = 0usize;
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
    while matches!(buf.last(), Some(b'\r')) {
        buf.pop();
    }
    Ok(Line::Ok(consumed))
}

fn memchr_nl(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Bounds the lines in flight (read, not yet written) by count and bytes.
struct Window {
    state: Mutex<WindowState>,
    changed: Condvar,
    max_lines: usize,
    max_bytes: usize,
}

struct WindowState {
    lines: usize,
    bytes: usize,
    closed: bool,
}

impl Window {
    fn new(max_lines: usize, max_bytes: usize) -> Window {
        Window {
            state: Mutex::new(WindowState {
                lines: 0,
                bytes: 0,
                closed: false,
            }),
            changed: Condvar::new(),
            max_lines,
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for room for a line of `bytes` bytes (an empty window always
    /// has room); false when the window was closed.
    fn acquire(&self, bytes: usize) -> bool {
        let mut s = self.lock();
        while !s.closed
            && s.lines > 0
            && (s.lines >= self.max_lines || s.bytes + bytes > self.max_bytes)
        {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        if s.closed {
            return false;
        }
        s.lines += 1;
        s.bytes += bytes;
        true
    }

    fn release(&self, bytes: usize) {
        let mut s = self.lock();
        s.lines -= 1;
        s.bytes -= bytes;
        drop(s);
        self.changed.notify_one();
    }

    /// Makes every waiting and later `acquire` return false.
    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

/// A line on its way to a worker.
struct Job {
    /// Position among the non-blank lines (the output order).
    seq: usize,
    /// 1-based line number in the input.
    line_no: usize,
    /// The line, or the length of a line over the limit.
    raw: Result<Vec<u8>, usize>,
    /// Bytes held in the window.
    held: usize,
    /// Input bytes read up to the end of this line (for the progress bar).
    consumed: u64,
}

/// A worker's result for one line.
struct Done {
    seq: usize,
    /// The JSON object, serialized, without the line break.
    out: Vec<u8>,
    ok: bool,
    held: usize,
    consumed: u64,
}

/// Reads every line into `jobs`; stops early when the window is closed.
fn read_all(
    reader: &mut dyn BufRead,
    jobs: Sender<Job>,
    window: &Window,
    limit: usize,
) -> std::io::Result<()> {
    let (mut seq, mut line_no, mut consumed) = (0usize, 0usize, 0u64);
    loop {
        let mut buf = Vec::new();
        let raw = match read_line(reader, &mut buf, limit)? {
            Line::Eof => return Ok(()),
            Line::TooLong(len) => {
                consumed += len as u64 + 1;
                Err(len)
            }
            Line::Ok(n) => {
                consumed += n as u64;
                Ok(buf)
            }
        };
        line_no += 1;
        if matches!(&raw, Ok(b) if b.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let held = raw.as_ref().map_or(0, Vec::len);
        if !window.acquire(held) {
            return Ok(());
        }
        if jobs
            .send(Job {
                seq,
                line_no,
                raw,
                held,
                consumed,
            })
            .is_err()
        {
            return Ok(());
        }
        seq += 1;
    }
}

/// Takes jobs until the queue is empty and closed, or the writer is gone.
fn work<F>(jobs: &Mutex<Receiver<Job>>, done: Sender<Done>, args: &InputArgs, f: &F)
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    loop {
        let job = {
            let rx = jobs.lock().unwrap_or_else(|e| e.into_inner());
            match rx.recv() {
                Ok(j) => j,
                Err(_) => return,
            }
        };
        let n = job.line_no;
        let (value, ok) = match &job.raw {
            Err(len) => (
                json!({"id": Value::Null, "line": n, "error": format!(
                    "line is {len} bytes, more than the limit of {} bytes for one JSON Lines record (raise it with --max-line-bytes)",
                    args.max_line_bytes
                )}),
                false,
            ),
            Ok(raw) => catch_unwind(AssertUnwindSafe(|| one_line(n, raw, args.lossy, f))).unwrap_or_else(|_| {
                (
                    json!({"id": Value::Null, "line": n, "error": "internal error: processing this line panicked"}),
                    false,
                )
            }),
        };
        drop(job.raw);
        let out = serde_json::to_vec(&value).unwrap_or_else(|e| {
            serde_json::to_vec(
                &json!({"id": Value::Null, "line": n, "error": format!("cannot serialize the result: {e}")}),
            )
            .unwrap_or_default()
        });
        let d = Done {
            seq: job.seq,
            out,
            ok,
            held: job.held,
            consumed: job.consumed,
        };
        if done.send(d).is_err() {
            return;
        }
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

/// Writes results in input order as they arrive; returns (lines, failed).
fn write_all(
    done: Receiver<Done>,
    window: &Window,
    progress: Option<&Progress>,
) -> Result<(usize, usize), std::io::Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
    let (mut next, mut failed) = (0usize, 0usize);
    for d in done {
        pending.insert(d.seq, d);
        while let Some(d) = pending.remove(&next) {
            out.write_all(&d.out)?;
            out.write_all(b"\n")?;
            next += 1;
            failed += usize::from(!d.ok);
            window.release(d.held);
            if let Some(p) = progress {
                p.update(next, d.consumed);
            }
        }
    }
    out.flush()?;
    Ok((next, failed))
}

/// Runs a batch.
pub(crate) fn run<F>(args: &InputArgs, f: &F) -> Result<ExitCode, Failure>
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 {
        return Err(Failure::Usage("--threads must be at least 1".into()));
    }
    let name = input::display_name(args.file.as_deref());
    let (mut reader, size) = open(args.file.as_deref())?;
    let progress = Progress::new(size);
    let window = Window::new(threads.saturating_mul(LINES_PER_THREAD), IN_FLIGHT_BYTES);

    let (job_tx, job_rx) = channel::<Job>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = channel::<Done>();

    let (written, read) = std::thread::scope(|s| {
        for i in 0..threads {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("nutgraf-worker-{i}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || work(job_rx, done_tx, args, f));
            if let Err(e) = spawned {
                // The workers already started end when `job_tx` is dropped.
                return Err(Failure::Runtime(format!(
                    "cannot start worker threads: {e}"
                )));
            }
        }
        drop(done_tx);
        let window = &window;
        let reader = s.spawn(move || read_all(&mut *reader, job_tx, window, args.max_line_bytes));
        let written = write_all(done_rx, window, progress.as_ref());
        // After a write error: stop the reader (the workers follow).
        window.close();
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the reader thread panicked")));
        Ok((written, read))
    })?;

    if let Some(p) = progress {
        p.bar.finish_and_clear();
    }
    let (total, failed) = written?;
    read.map_err(|e| Failure::Runtime(format!("{name}: {}", input::io_message(&e))))?;
    if failed > 0 {
        eprintln!(
            "nutgraf: {name}: {failed} of {total} line(s) failed (see their \"error\" fields)"
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
