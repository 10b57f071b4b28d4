//! JSON Lines batches: stream `{"id", "text"}` lines, process them on a
//! pool of threads, and write one result object per line in input order.
//!
//! `--threads N` workers do everything, with no reader or writer thread
//! competing with them for the cores: a worker takes the next *batch* of
//! lines from the input (up to [`BATCH_LINES`] lines or [`BATCH_BYTES`]
//! bytes, read under a lock into one buffer), parses and processes each
//! line, serializes the results into one output buffer, and hands it to the
//! ordered output: whichever worker completes the oldest outstanding batch
//! writes it, and every later batch that is done by then, to a buffered
//! stdout. It writes outside the lock that hands batches over, so a slow
//! stdout (a full pipe) holds up only the worker writing: the others hand
//! their batches over and go on. A long document holds up only its own
//! batch; the other workers go on with the following ones.
//!
//! One-time set-up (loading the language model, compiling the cleaner's
//! patterns; see [`SetUp`]) is shared out too: once a worker has its first
//! batch, it takes set-up jobs that no other worker has taken yet, and
//! then processes its batch. With two workers the jobs run side by side
//! instead of one after the other on the first document's thread.
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
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
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

/// A job of one-time set-up that the processing function would otherwise do
/// on its first call (e.g. loading a model it shares between threads). A
/// batch runs each job once, on whichever worker takes it; doing the jobs
/// must not change any result.
pub(crate) type SetUp<'a> = Box<dyn Fn() + Sync + 'a>;

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

/// The first line feed in `bytes`: the `memchr` crate's vectorised search
/// (the line scan runs under the reader lock, so it is the serial part of
/// a batch run; a byte-by-byte search cost about four instructions per
/// input byte).
fn memchr_nl(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
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

/// The hand-over of processed batches to the output, under one lock.
struct Writer {
    /// Processed batches that wait for an older one (or for the worker
    /// that is writing).
    pending: BTreeMap<usize, Done>,
    /// The next batch to write.
    next_seq: usize,
    /// A worker is writing: it also writes the batches handed over
    /// meanwhile, in order, before it stops.
    writing: bool,
    /// Lines written, and failed among them.
    lines: usize,
    failed: usize,
}

/// The output (stdout), used only by the worker that is writing (see
/// [`Writer::writing`]).
struct Output<'a> {
    out: Box<dyn Write + Send + 'a>,
    error: Option<std::io::Error>,
}

/// What the workers share.
struct Shared<'a> {
    reader: Mutex<Reader>,
    /// Signalled when lines leave the window or reading stops.
    room: Condvar,
    writer: Mutex<Writer>,
    output: Mutex<Output<'a>>,
    max_lines: usize,
    max_bytes: usize,
    line_limit: usize,
    progress: Option<&'a Progress>,
    set_up: &'a [SetUp<'a>],
    /// The next job of `set_up` to take.
    next_set_up: AtomicUsize,
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

    /// Runs the set-up jobs that no worker has taken yet, one at a time.
    fn set_up(&self) {
        loop {
            let i = self.next_set_up.fetch_add(1, Ordering::Relaxed);
            let Some(job) = self.set_up.get(i) else {
                return;
            };
            // A job that panics is left undone: the processing function
            // does the work itself when it needs it (and reports a failure
            // on the line that needed it).
            let _ = catch_unwind(AssertUnwindSafe(job));
        }
    }

    /// Hands a processed batch to the output; unless another worker is
    /// writing (it then writes this batch too, when its turn comes), writes
    /// every batch whose turn has come, in order, outside the hand-over lock.
    fn finish(&self, seq: usize, done: Done) {
        let mut ready = Vec::new();
        let mut w = lock(&self.writer);
        w.pending.insert(seq, done);
        if w.writing {
            return;
        }
        w.writing = true;
        loop {
            loop {
                let next = w.next_seq;
                let Some(d) = w.pending.remove(&next) else {
                    break;
                };
                w.next_seq += 1;
                ready.push(d);
            }
            if ready.is_empty() {
                w.writing = false;
                return;
            }
            drop(w);
            let failed_output = {
                let mut o = lock(&self.output);
                for d in &ready {
                    if o.error.is_none() {
                        if let Err(e) = o.out.write_all(&d.out) {
                            o.error = Some(e);
                        }
                    }
                }
                o.error.is_some()
            };
            let (mut lines, mut bytes) = (0usize, 0usize);
            w = lock(&self.writer);
            for d in ready.drain(..) {
                w.lines += d.lines;
                w.failed += d.failed;
                lines += d.lines;
                bytes += d.held;
                if let Some(p) = self.progress {
                    p.update(w.lines, d.consumed);
                }
            }
            drop(w);
            let mut r = lock(&self.reader);
            r.lines -= lines;
            r.bytes -= bytes;
            if failed_output {
                // Stop reading; the workers end after their current batch.
                r.finished = true;
            }
            drop(r);
            self.room.notify_all();
            w = lock(&self.writer);
        }
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

/// Takes batches until the input is exhausted or the output failed; after
/// taking the first, runs the set-up jobs no other worker has taken.
fn work<F>(shared: &Shared<'_>, args: &InputArgs, f: &F)
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
    let _guard = StopOnUnwind(shared);
    let mut first = true;
    while let Some((batch, held)) = shared.take() {
        if first {
            // Not before: an empty input needs no set-up.
            shared.set_up();
            first = false;
        }
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

/// What a batch did.
struct Outcome {
    /// Lines processed, and failed among them.
    lines: usize,
    failed: usize,
    /// Reading the input failed (the lines before were processed).
    read_error: Option<std::io::Error>,
    /// Writing the output, flushing included.
    written: std::io::Result<()>,
}

/// Processes every line of `reader` on `threads` workers (this thread and
/// `threads - 1` more) and writes the results to `out` in input order;
/// the workers share out the `set_up` jobs.
fn process_all<F>(
    reader: Box<dyn BufRead + Send>,
    out: Box<dyn Write + Send + '_>,
    threads: usize,
    progress: Option<&Progress>,
    args: &InputArgs,
    set_up: &[SetUp<'_>],
    f: &F,
) -> Result<Outcome, Failure>
where
    F: Fn(&str) -> Result<Rendered, Failure> + Sync,
{
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
            pending: BTreeMap::new(),
            next_seq: 0,
            writing: false,
            lines: 0,
            failed: 0,
        }),
        output: Mutex::new(Output { out, error: None }),
        max_lines: threads.saturating_mul(LINES_PER_THREAD),
        max_bytes: IN_FLIGHT_BYTES,
        line_limit: args.max_line_bytes,
        progress,
        set_up,
        next_set_up: AtomicUsize::new(0),
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

    let reader = shared
        .reader
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let writer = shared
        .writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let mut output = shared
        .output
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let written = match output.error.take() {
        Some(e) => Err(e),
        None => output.out.flush(),
    };
    Ok(Outcome {
        lines: writer.lines,
        failed: writer.failed,
        read_error: reader.error,
        written,
    })
}

/// Runs a batch; the workers share out the `set_up` jobs.
pub(crate) fn run<F>(args: &InputArgs, set_up: &[SetUp<'_>], f: &F) -> Result<ExitCode, Failure>
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
    let out = Box::new(BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout()));
    let outcome = process_all(reader, out, threads, progress.as_ref(), args, set_up, f)?;
    if let Some(p) = &progress {
        p.bar.finish_and_clear();
    }
    let (total, failed) = (outcome.lines, outcome.failed);
    outcome.written?;
    if let Some(e) = outcome.read_error {
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
    use crate::Format;
    use std::io::Cursor;
    use std::time::Duration;

    fn args(threads: usize) -> InputArgs {
        InputArgs {
            file: None,
            format: Format::Text,
            jsonl: true,
            lossy: false,
            threads: Some(threads),
            max_line_bytes: MAX_LINE_BYTES,
        }
    }

    /// A sink that appends to a shared buffer and now and then takes its
    /// time, as a full pipe does (batches pile up while a worker writes).
    struct Slow<'a>(&'a Mutex<Vec<u8>>, usize);

    impl Write for Slow<'_> {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.1 += 1;
            if self.1 % 3 == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
            lock(self.0).extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Runs `input` on `threads` workers with `jobs` set-up jobs (the
    /// second of which panics); the output, the outcome and how often each
    /// job ran.
    fn batch(input: &str, threads: usize, jobs: usize) -> (Vec<u8>, Outcome, Vec<usize>) {
        let f = |text: &str| -> Result<Rendered, Failure> {
            // Uneven work: later batches often finish first.
            if text.len() % 3 == 0 {
                std::thread::sleep(Duration::from_micros(300));
            }
            Ok(Rendered {
                text: String::new(),
                json: json!({"len": text.len()}),
                raw: None,
            })
        };
        let runs: Vec<AtomicUsize> = (0..jobs).map(|_| AtomicUsize::new(0)).collect();
        let set_up: Vec<SetUp<'_>> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                Box::new(move || {
                    r.fetch_add(1, Ordering::Relaxed);
                    assert_ne!(i, 1, "a set-up job that fails");
                }) as SetUp<'_>
            })
            .collect();
        let sink = Mutex::new(Vec::new());
        let reader = Box::new(Cursor::new(input.as_bytes().to_vec()));
        let outcome = process_all(
            reader,
            Box::new(Slow(&sink, 0)),
            threads,
            None,
            &args(threads),
            &set_up,
            &f,
        )
        .unwrap_or_else(|_| panic!("the batch runs"));
        let runs = runs.iter().map(|r| r.load(Ordering::Relaxed)).collect();
        (sink.into_inner().unwrap(), outcome, runs)
    }

    #[test]
    fn output_is_in_input_order_and_the_same_for_any_thread_count() {
        let mut input = String::new();
        for i in 0..400 {
            if i % 37 == 0 {
                input.push_str("not json\n\n");
            }
            let text = "word ".repeat(i % 13 + 1);
            input.push_str(&format!("{{\"id\": {i}, \"text\": \"{text}\"}}\n"));
        }
        let (one, outcome, runs) = batch(&input, 1, 3);
        assert_eq!((outcome.lines, outcome.failed), (411, 11));
        assert!(outcome.written.is_ok() && outcome.read_error.is_none());
        assert_eq!(runs, [1, 1, 1]);
        let ids: Vec<Value> = one
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<Value>(l).unwrap()["id"].clone())
            .filter(|id| !id.is_null())
            .collect();
        assert_eq!(ids, (0..400).map(Value::from).collect::<Vec<_>>());
        for threads in [2, 3, 8] {
            let (out, outcome, runs) = batch(&input, threads, 3);
            assert!(out == one, "{threads} threads");
            assert_eq!((outcome.lines, outcome.failed), (411, 11));
            // Each job once, whichever worker took it.
            assert_eq!(runs, [1, 1, 1], "{threads} threads");
        }
    }

    #[test]
    fn an_empty_input_needs_no_set_up() {
        for threads in [1, 2] {
            let (out, outcome, runs) = batch("\n  \n", threads, 2);
            assert!(out.is_empty());
            assert_eq!(outcome.lines, 0);
            assert_eq!(runs, [0, 0]);
        }
    }

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
