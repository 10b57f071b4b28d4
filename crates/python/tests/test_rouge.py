"""nutgraf.rouge gives rouge-score's numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Tuple

import nutgraf
import pytest

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


@pytest.fixture(scope="module")
def pairs(shared: Path) -> List[Tuple[str, str]]:
    """100 (candidate, reference) pairs from the English dev set: nutgraf's
    summaries (one sentence a line) against the reference summaries, plus
    Lead-3 of the raw text for variety."""
    docs = [json.loads(line) for line in (shared / "data/summ/en.dev.jsonl").open(encoding="utf-8")]
    docs = docs[:50]
    summaries = nutgraf.Pipeline(sentences=3).run_many([d["text"] for d in docs])
    out = []
    for d, s in zip(docs, summaries):
        ref = d["summary"] if isinstance(d["summary"], str) else "\n".join(d["summary"])
        out.append(("\n".join(x.text for x in s.summary.sentences), ref))
        lead = "\n".join(x["text"] for x in nutgraf.split_sentences(d["text"])[:3])
        out.append((lead, ref))
    assert len(out) == 100
    return out


@pytest.mark.parametrize("stemmer", [False, True])
def test_rouge_equals_rouge_score_on_100_pairs(pairs: List[Tuple[str, str]], stemmer: bool) -> None:
    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=stemmer)
    ours = nutgraf.rouge([c for c, _ in pairs], [r for _, r in pairs], stemmer=stemmer)
    for (cand, ref), mine in zip(pairs, ours):
        theirs = scorer.score(ref, cand)
        for t in TYPES:
            for a, b in zip(mine[t], theirs[t]):
                assert a == pytest.approx(b, abs=1e-12), (t, cand[:60])
    # The single-pair form gives the same.
    c, r = pairs[0]
    assert nutgraf.rouge(c, r, stemmer=stemmer) == ours[0]


def test_rouge_edge_cases() -> None:
    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    for cand, ref in [("", "a b"), ("a b", ""), ("", ""), ("Größe!", "gr e"), ("The cats ran.", "A cat was running")]:
        mine = nutgraf.rouge(cand, ref, stemmer=True)
        theirs = scorer.score(ref, cand)
        for t in TYPES:
            assert tuple(mine[t]) == pytest.approx(tuple(theirs[t]), abs=1e-12)
    s = nutgraf.rouge("the cat", "the cat sat")["rouge1"]
    assert isinstance(s, nutgraf.Score) and s.precision == 1.0
    assert s._asdict()["recall"] == pytest.approx(2 / 3)


def test_rouge_options() -> None:
    only = nutgraf.rouge("a b", "a b", types=["rouge1"])
    assert list(only) == ["rouge1"]
    uni = nutgraf.rouge("Größe", "Größe", tokenizer="unicode")
    assert uni["rouge1"].fmeasure == 1.0
    de = nutgraf.rouge("Häuser", "Haus", tokenizer="unicode", stem_language="de")
    assert de["rouge1"].fmeasure == 1.0
    with pytest.raises(nutgraf.NutgrafError, match="tokenizer"):
        nutgraf.rouge("a", "b", tokenizer="words")
    with pytest.raises(nutgraf.NutgrafError, match="pair up"):
        nutgraf.rouge(["a"], ["b", "c"])
    with pytest.raises(nutgraf.NutgrafError, match="ROUGE type"):
        nutgraf.rouge("a", "b", types=["rouge3"])
