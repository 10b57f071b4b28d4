"""The bindings give the CLI's JSON (`--format json`), with byte spans
turned into character offsets, on the five seeds and on German, emoji and
CJK text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Optional

import nutgraf
import pytest

from test_spans import TEXTS


def chars(data: bytes, b: int) -> int:
    return len(data[:b].decode("utf-8"))


def to_chars(value: Any, data: bytes) -> Any:
    """The CLI's JSON with every `span: [s, e]` replaced by character
    `start`/`end` and every `spans` list converted likewise."""
    if isinstance(value, list):
        return [to_chars(v, data) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k == "span":
            out["start"], out["end"] = chars(data, v[0]), chars(data, v[1])
        elif k == "spans":
            out[k] = [[chars(data, s), chars(data, e)] for s, e in v]
        else:
            out[k] = to_chars(v, data)
    return out


def plain(value: Any) -> Any:
    """Tuples as lists, as JSON would have them."""
    return json.loads(json.dumps(value))


@pytest.fixture(scope="module")
def pages(seeds: List[Path], tmp_path_factory: pytest.TempPathFactory) -> List[Path]:
    assert len(seeds) == 5, seeds
    d = tmp_path_factory.mktemp("texts")
    extra = []
    for name, text in sorted(TEXTS.items()):
        p = d / f"{name}.txt"
        p.write_bytes(text.encode("utf-8"))
        extra.append(p)
    return seeds + extra


def read(p: Path) -> str:
    return p.read_bytes().decode("utf-8")


def test_summarize_on_seed_files_equals_cli(seeds: List[Path], cli: Any) -> None:
    for p in seeds:
        want = to_chars(cli("summarize", p), p.read_bytes())
        assert nutgraf.summarize(read(p)) == want["sentences"], p.name


def check_batch(pages: List[Path], cli_batch: Any, args: List[str], got: Any, key: Optional[str] = None) -> None:
    """Runs the CLI over every page in one `--jsonl` batch and compares each
    result (spans in characters; only `want[key]` if a key is given) with
    `got(text)`."""
    texts = [read(p) for p in pages]
    for p, text, want in zip(pages, texts, cli_batch(texts, *args)):
        assert "error" not in want, (p.name, want)
        want = to_chars(want, text.encode("utf-8"))
        if key is not None:
            want = want[key]
        assert plain(got(text)) == want, (p.name, args)


def test_summarize_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    check_batch(pages, cli_batch, ["summarize"], nutgraf.summarize, key="sentences")


def test_summarize_options_equal_cli(pages: List[Path], cli_batch: Any) -> None:
    check_batch(
        pages, cli_batch, ["summarize", "--method", "textrank", "--sentences", "2", "--lang", "en"],
        lambda t: nutgraf.Pipeline(method="textrank", sentences=2, lang="en").run(t).summary.to_dict(),
    )
    check_batch(
        pages, cli_batch, ["summarize", "--query", "government police AI"],
        lambda t: nutgraf.Pipeline(query="government police AI").run(t).summary.to_dict(),
    )
    for t in [read(p) for p in pages]:
        assert nutgraf.summarize(t, query="government police AI") == [
            s.to_dict() for s in nutgraf.Pipeline(query="government police AI").run(t).summary.sentences
        ]
        assert nutgraf.summarize(t, sentences=2, method="textrank", lang="en") == nutgraf.Pipeline(
            method="textrank", sentences=2, lang="en"
        ).summarize(t)


def test_pipeline_summary_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    pipeline = nutgraf.Pipeline(method="lexrank", words=60, key_terms=5, order="score", mmr=0.7)
    check_batch(
        pages, cli_batch,
        ["summarize", "--method", "lexrank", "--words", "60", "--key-terms", "5", "--order", "score", "--mmr", "0.7"],
        lambda t: pipeline.run(t).summary.to_dict(),
    )


def test_clean_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    check_batch(pages, cli_batch, ["clean"], nutgraf.clean)


def test_lang_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    check_batch(pages, cli_batch, ["lang", "--blocks"], lambda t: nutgraf.detect_language(t, blocks=True))
    check_batch(pages, cli_batch, ["lang"], nutgraf.detect_language)


def test_split_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    for lang in ["auto", "de"]:
        check_batch(
            pages, cli_batch, ["split", "--lang", lang],
            lambda t: nutgraf.split_sentences(t, lang=lang),
            key="sentences",
        )


def test_normalize_equals_cli(pages: List[Path], cli_batch: Any) -> None:
    check_batch(pages, cli_batch, ["normalize"], lambda t: nutgraf.normalize(t, changes=True))
    for p in pages:
        assert nutgraf.normalize(read(p)) == nutgraf.normalize(read(p), changes=True)["text"]


def test_document_agrees_with_the_one_call_functions(pages: List[Path]) -> None:
    pipeline = nutgraf.Pipeline()
    for p in pages:
        text = read(p)
        doc = pipeline.run(text)
        assert [s.to_dict() for s in doc.summary.sentences] == nutgraf.summarize(text)
        lang = doc.language.to_dict()
        assert plain(lang) == plain(nutgraf.detect_language(text, blocks=True))
        c = nutgraf.clean(text)
        assert doc.article.to_dict() == {k: c[k] for k in ("title", "byline", "source", "language", "blocks", "text")}
        assert [r.to_dict() for r in doc.removed] == c["removed"]
