"""Settings, errors, typed results, threads."""

from __future__ import annotations

import json
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor

import nutgraf
import pytest

from test_spans import TEXTS

PAGE = (
    "← Back to feed\n"
    "Tidal turbines light up the harbour\n"
    "Image via Harbor Ledger\n"
    "Three fishing towns switched on a shared array of tidal turbines this week. "
    "The pilot is the largest of its kind in the region.\n"
    "Engineers say the output can be predicted years ahead. "
    "That makes it easier to plan than wind or solar power.\n"
    "Related Articles\n"
)


def test_readme_example_runs() -> None:
    doc = nutgraf.Pipeline(method="lead", sentences=2).run(PAGE)
    assert doc.article.title == "Tidal turbines light up the harbour"
    assert doc.language.language == "en"
    assert any(r.text == "Image via Harbor Ledger" for r in doc.removed)
    for s in doc.summary.sentences:
        assert PAGE[s.start : s.end] == s.text
    assert doc.summary.method == "lead"


def test_typed_result_converts_to_a_json_ready_dict() -> None:
    doc = nutgraf.Pipeline(key_terms=3).run(PAGE)
    d = doc.to_dict()
    json.dumps(d)
    assert set(d) == {
        "normalized", "changes", "article", "removed", "page_summary",
        "key_takeaways", "language", "sentences", "summary",
    }
    assert nutgraf.Document.from_dict(d) == doc
    assert isinstance(doc.article, nutgraf.Article)
    assert isinstance(doc.summary.sentences[0], nutgraf.Selected)
    assert isinstance(doc.removed[0], nutgraf.Removed) and doc.removed[0].reason
    assert doc.summary.key_terms and isinstance(doc.summary.key_terms[0], nutgraf.KeyTerm)


def test_settings_round_trip_through_dict_json_and_pickle() -> None:
    p = nutgraf.Pipeline(
        method="kl-sum", ratio=0.5, mmr=0.6, query="turbines", key_terms=2,
        order="score", lang="de", clean=False, max_bytes=1 << 20,
        summarizer={"damping": 0.8, "weights": {"title": 0.5}},
        normalize={"straighten_quotes": True},
    )
    s = p.settings()
    assert s["summarizer"]["method"] == "klsum"
    assert s["summarizer"]["budget"] == {"ratio": 0.5}
    assert s["summarizer"]["weights"]["title"] == 0.5
    assert s["summarizer"]["weights"]["position"] == 1.0  # default kept
    assert s["language"] == {"fixed": "de"}
    assert s["clean"] is False and s["normalize"]["straighten_quotes"] is True
    assert nutgraf.Pipeline(**s).settings() == s
    assert nutgraf.Pipeline.from_dict(s).settings() == s
    assert nutgraf.Pipeline.from_json(p.to_json()).settings() == s
    assert json.loads(p.to_json()) == s
    q = pickle.loads(pickle.dumps(p))
    assert q.settings() == s
    assert q.run(PAGE).to_dict() == p.run(PAGE).to_dict()


def test_default_settings() -> None:
    s = nutgraf.Pipeline().settings()
    assert s["summarizer"]["method"] == "default"
    assert s["summarizer"]["budget"] == {"sentences": 3}
    assert s["language"] == "auto"
    assert "nutgraf.Pipeline" in repr(nutgraf.Pipeline())


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"sentences": 0}, "sentence budget must be at least 1"),
        ({"ratio": 1.5}, "outside (0, 1]"),
        ({"mmr": 2.0}, "MMR lambda"),
        ({"method": "magic"}, "unknown method"),
        ({"lang": "xx"}, "unknown language"),
        ({"sentencs": 3}, "unknown setting 'sentencs'"),
        ({"summarizer": {"budgt": 1}}, 'unknown setting "summarizer.budgt"'),
        ({"summarizer": {"weights": {"titel": 1}}}, "summarizer.weights.titel"),
        ({"summarizer": {"damping": "high"}}, "invalid settings"),
        ({"sentences": 2, "words": 10}, "one budget"),
    ],
)
def test_bad_settings_raise_nutgraf_error(settings: dict, message: str) -> None:
    with pytest.raises(nutgraf.NutgrafError) as e:
        nutgraf.Pipeline(**settings)
    assert message in str(e.value)


def test_errors_are_value_errors_with_the_rust_message() -> None:
    assert issubclass(nutgraf.NutgrafError, ValueError)
    p = nutgraf.Pipeline(max_bytes=10)
    with pytest.raises(nutgraf.NutgrafError, match=r"input is 11 bytes, more than the limit of 10 bytes"):
        p.run("x" * 11)
    with pytest.raises(ValueError, match="text 1 of the batch: input is 12 bytes"):
        p.run_many(["short", "y" * 12])
    with pytest.raises(nutgraf.NutgrafError, match="unknown method"):
        nutgraf.summarize(PAGE, method="nope")
    with pytest.raises(nutgraf.NutgrafError, match="threads"):
        nutgraf.Pipeline().run_many([PAGE], threads=0)


def test_empty_input() -> None:
    assert nutgraf.summarize("") == []
    doc = nutgraf.Pipeline().run("")
    assert doc.summary.sentences == [] and doc.article.blocks == []
    assert nutgraf.split_sentences("") == []


def test_run_many_equals_run_in_order() -> None:
    texts = [PAGE, *TEXTS.values(), "", PAGE.upper()] * 3
    p = nutgraf.Pipeline(sentences=2, key_terms=2)
    one = [p.run(t) for t in texts]
    assert p.run_many(texts) == one
    assert p.run_many(texts, threads=1) == one
    assert p.run_many(iter(texts), threads=3) == one
    assert p.run_many([]) == []


def test_python_threads_share_a_pipeline() -> None:
    p = nutgraf.Pipeline()
    texts = list(TEXTS.values()) * 4
    want = [p.run(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(p.run, texts)) == want


def test_gil_is_released_during_work() -> None:
    # While one thread runs a long batch, another Python thread keeps running.
    p = nutgraf.Pipeline()
    big = [" ".join([PAGE] * 40)] * 16
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=tick)
    t.start()
    before = ticks
    p.run_many(big, threads=1)
    during = ticks - before
    done.set()
    t.join()
    assert during > 1000


def test_methods_and_languages() -> None:
    assert set(nutgraf.methods()) == {
        "lead", "textrank", "lexrank", "luhn", "sumbasic", "klsum", "centroid", "default",
    }
    for m in nutgraf.methods():
        out = nutgraf.summarize(PAGE, sentences=1, method=m)
        assert len(out) == 1 and PAGE[out[0]["start"] : out[0]["end"]] == out[0]["text"]
    assert nutgraf.detect_language(TEXTS["german"])["language"] == "de"
    assert nutgraf.detect_language(TEXTS["cjk"])["language"] == "ja"
    assert nutgraf.detect_language(PAGE)["reliable"] in (True, False)


def test_version() -> None:
    assert nutgraf.__version__.count(".") == 2
