"""nutgraf: scraped news page text to clean, language-tagged articles and
extractive summaries, from Rust, with character offsets back into your string.

Quick start::

    import nutgraf

    for s in nutgraf.summarize(page, sentences=3):
        assert page[s["start"]:s["end"]] == s["text"]

    pipeline = nutgraf.Pipeline(method="lexrank", sentences=2, lang="en")
    doc = pipeline.run(page)          # a typed Document
    doc.article.title, doc.language.language, doc.summary.sentences
    doc.to_dict()                     # plain dicts and lists, JSON-ready
    docs = pipeline.run_many(pages, threads=4)

Every ``start``/``end`` is a *character* offset into the Python string you
passed (``text[start:end]``), converted from the byte spans the Rust crates
report. The work runs with the GIL released. Errors are ``NutgrafError``
(a ``ValueError``) carrying the Rust message.

The functions return the JSON shapes of the ``nutgraf`` command line
(``--format json``) with ``span: [start, end]`` written as ``start`` and
``end`` in characters.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _nutgraf
from ._nutgraf import NutgrafError

__version__: str = _nutgraf.__version__

__all__ = [
    "Article",
    "Block",
    "Change",
    "Document",
    "KeyTerm",
    "LanguageInfo",
    "NutgrafError",
    "Pipeline",
    "Removed",
    "Score",
    "Selected",
    "Sentence",
    "Summary",
    "clean",
    "detect_language",
    "methods",
    "normalize",
    "rouge",
    "split_sentences",
    "summarize",
]

#: The names of the summarization methods.
METHODS: Tuple[str, ...] = tuple(_nutgraf.methods())


def methods() -> List[str]:
    """The summarization methods: ``lead``, ``textrank``, ``lexrank``,
    ``luhn``, ``sumbasic``, ``klsum``, ``centroid`` and ``default``."""
    return list(METHODS)


# ---------------------------------------------------------------------------
# Typed results of Pipeline.run.


class _Result:
    """Shared helpers of the result classes."""

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain dicts and lists (JSON-serialisable)."""
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Block(_Result):
    """A kept block of the article: its kind (``paragraph``, ``heading``,
    ``list_item``, ``caption``, …), text and character range in the input."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed(_Result):
    """A removed block and why: ``reason`` is the rule's name (``navigation``,
    ``advert``, ``related``, ``classifier``, …), ``description`` a sentence
    about the rule, ``score`` the classifier's probability of article text
    (``None`` for rules)."""

    kind: str
    text: str
    start: int
    end: int
    reason: str
    description: str
    score: Optional[float]


@dataclass(frozen=True)
class Article(_Result):
    """The clean article; ``text`` joins the blocks with blank lines."""

    title: Optional[str]
    byline: Optional[str]
    source: Optional[str]
    language: Optional[str]
    blocks: List[Block]
    text: str


@dataclass(frozen=True)
class Change(_Result):
    """A normalization change: ``original`` (input[start:end]) became
    ``replacement``; ``kind`` is ``mojibake``, ``lineending``, ``invisible``,
    ``space``, ``whitespace``, ``nfc``, ``htmlentity`` or ``typography``."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class BlockLanguage(_Result):
    """The language of one kept block."""

    kind: str
    start: int
    end: int
    language: str
    confidence: float
    reliable: bool


@dataclass(frozen=True)
class LanguageInfo(_Result):
    """The document language (ISO 639-1, ``und`` when unsure) with its
    confidence, the shares of a mixed-language page, and per-block results."""

    language: str
    confidence: float
    reliable: bool
    mixed: Optional[List[Dict[str, Any]]]
    blocks: List[BlockLanguage] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence(_Result):
    """A sentence of the clean article and the index of its block."""

    text: str
    start: int
    end: int
    block: int


@dataclass(frozen=True)
class Selected(_Result):
    """A summary sentence: ``index`` numbers the sentence among the
    article's units, ``score`` is the method's score."""

    text: str
    index: int
    score: float
    start: int
    end: int


@dataclass(frozen=True)
class KeyTerm(_Result):
    """A key phrase with every occurrence as a ``(start, end)`` pair."""

    text: str
    score: float
    spans: List[Tuple[int, int]]


@dataclass(frozen=True)
class Summary(_Result):
    """The summary: the method, the language it was made for, the selected
    sentences (document order unless ``order="score"``) and key terms."""

    language: str
    method: str
    sentences: List[Selected]
    key_terms: List[KeyTerm]


@dataclass(frozen=True)
class Document(_Result):
    """Everything the pipeline learned about one page. Every ``start`` and
    ``end`` is a character offset into the text given to ``run``."""

    normalized: str
    changes: List[Change]
    article: Article
    removed: List[Removed]
    page_summary: Optional[str]
    key_takeaways: List[str]
    language: LanguageInfo
    sentences: List[Sentence]
    summary: Summary

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Document":
        """Rebuilds a Document from :meth:`to_dict`'s output."""
        a = d["article"]
        lang = d["language"]
        s = d["summary"]
        return cls(
            normalized=d["normalized"],
            changes=[Change(**c) for c in d["changes"]],
            article=Article(
                title=a["title"],
                byline=a["byline"],
                source=a["source"],
                language=a["language"],
                blocks=[Block(**b) for b in a["blocks"]],
                text=a["text"],
            ),
            removed=[Removed(**r) for r in d["removed"]],
            page_summary=d["page_summary"],
            key_takeaways=list(d["key_takeaways"]),
            language=LanguageInfo(
                language=lang["language"],
                confidence=lang["confidence"],
                reliable=lang["reliable"],
                mixed=lang["mixed"],
                blocks=[BlockLanguage(**b) for b in lang.get("blocks", [])],
            ),
            sentences=[Sentence(**x) for x in d["sentences"]],
            summary=Summary(
                language=s["language"],
                method=s["method"],
                sentences=[Selected(**x) for x in s["sentences"]],
                key_terms=[
                    KeyTerm(text=k["text"], score=k["score"], spans=[tuple(p) for p in k["spans"]])  # type: ignore[misc]
                    for k in s["key_terms"]
                ],
            ),
        )


# ---------------------------------------------------------------------------
# The pipeline.

#: Top-level keys of the settings (``PipelineConfig``).
_CONFIG_KEYS = ("normalize", "clean", "language", "summarizer", "max_bytes", "lossy")
#: Shortcuts accepted by ``Pipeline(...)`` on top of the settings' keys.
_SHORTCUTS = ("method", "sentences", "words", "ratio", "mmr", "query", "key_terms", "order", "lang")


def _settings_from_kwargs(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    unknown = [k for k in kwargs if k not in _CONFIG_KEYS and k not in _SHORTCUTS]
    if unknown:
        raise NutgrafError(
            f"unknown setting {unknown[0]!r}: use {', '.join(_CONFIG_KEYS + _SHORTCUTS)}"
        )
    settings: Dict[str, Any] = {k: kwargs[k] for k in _CONFIG_KEYS if k in kwargs}
    summarizer = dict(settings.get("summarizer") or {})
    budgets = [k for k in ("sentences", "words", "ratio") if kwargs.get(k) is not None]
    if len(budgets) > 1:
        raise NutgrafError(f"give one budget, not {' and '.join(budgets)}")
    for k in budgets:
        summarizer["budget"] = {k: kwargs[k]}
    if kwargs.get("method") is not None:
        summarizer["method"] = _nutgraf.method_name(kwargs["method"])
    for k in ("mmr", "query", "order"):
        if k in kwargs:
            summarizer[k] = kwargs[k]
    if kwargs.get("key_terms") is not None:
        summarizer["key_terms"] = kwargs["key_terms"]
    if summarizer:
        settings["summarizer"] = summarizer
    if "lang" in kwargs:
        if "language" in kwargs:
            raise NutgrafError("give lang or language, not both")
        settings["language"] = json.loads(_nutgraf.language_setting(kwargs["lang"] or "auto"))
    return settings


class Pipeline:
    """The whole nutgraf pipeline: normalize → parse → clean → language →
    split → summarize.

    Settings are keyword arguments: the keys of :meth:`settings`
    (``normalize``, ``clean``, ``language``, ``summarizer``, ``max_bytes``, ``lossy``;
    nested dicts may be partial, missing keys take their defaults) and the
    shortcuts ``method``, ``sentences`` / ``words`` / ``ratio`` (the budget),
    ``mmr``, ``query``, ``key_terms``, ``order`` (``"document"`` or
    ``"score"``) and ``lang`` (``"auto"`` or an ISO 639-1 code). A misspelt
    or out-of-range setting raises :class:`NutgrafError`.

    Settings round-trip, so an experiment's configuration can be saved::

        p = nutgraf.Pipeline(method="textrank", sentences=2)
        saved = p.to_json()
        assert nutgraf.Pipeline.from_json(saved).settings() == p.settings()
        assert nutgraf.Pipeline(**p.settings()).settings() == p.settings()
    """

    __slots__ = ("_native",)

    def __init__(self, **settings: Any) -> None:
        self._native = _nutgraf._Pipeline(json.dumps(_settings_from_kwargs(settings)))

    @classmethod
    def from_dict(cls, settings: Dict[str, Any]) -> "Pipeline":
        """A pipeline from a settings dict (as :meth:`settings` returns)."""
        return cls(**settings)

    @classmethod
    def from_json(cls, text: str) -> "Pipeline":
        """A pipeline from settings saved with :meth:`to_json`."""
        settings = json.loads(text)
        if not isinstance(settings, dict):
            raise NutgrafError("settings JSON must be an object")
        return cls(**settings)

    def settings(self) -> Dict[str, Any]:
        """Every setting, defaults included, as a dict of plain values."""
        return json.loads(self._native.settings_json())  # type: ignore[no-any-return]

    def to_json(self, **dumps_kwargs: Any) -> str:
        """The settings as JSON (keyword arguments go to ``json.dumps``)."""
        return json.dumps(self.settings(), **dumps_kwargs)

    def run(self, text: str) -> Document:
        """Runs every stage on ``text`` and returns a :class:`Document`."""
        return Document.from_dict(self._native.run(text))

    def run_many(self, texts: Iterable[str], threads: Optional[int] = None) -> List[Document]:
        """Runs every stage on each text, in parallel on ``threads`` threads
        (``None``: all cores); results are in input order. A failing text
        raises :class:`NutgrafError` naming its position."""
        return [Document.from_dict(d) for d in self._native.run_many(list(texts), threads)]

    def summarize(self, text: str) -> List[Dict[str, Any]]:
        """Only the summary: ``[{text, index, score, start, end}]``."""
        return self._native.summarize(text)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        s = self.settings()["summarizer"]
        return f"nutgraf.Pipeline(method={s['method']!r}, budget={s['budget']!r}, ...)"

    def __getstate__(self) -> str:
        return self.to_json()

    def __setstate__(self, state: str) -> None:
        self._native = _nutgraf._Pipeline(state)


@functools.lru_cache(maxsize=32)
def _cached(**settings: Any) -> Pipeline:
    return Pipeline(**settings)


def _pipeline(**settings: Any) -> Pipeline:
    try:
        return _cached(**settings)
    except TypeError:  # an unhashable setting: no cache
        return Pipeline(**settings)


# ---------------------------------------------------------------------------
# One-call functions.


def summarize(
    text: str,
    sentences: int = 3,
    method: str = "default",
    lang: str = "auto",
    query: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """An extractive summary of a scraped page, as ``nutgraf summarize``
    gives it: the page is normalized and cleaned of boilerplate, its language
    detected (or ``lang`` assumed), and ``sentences`` sentences chosen with
    ``method``, biased toward ``query`` if given.

    Returns ``[{"text", "index", "score", "start", "end"}]`` in document
    order, where ``text[start:end]`` is the sentence as it stands in the
    input (``"text"`` is its normalized form).
    """
    return _pipeline(sentences=sentences, method=method, lang=lang, query=query).summarize(text)


def clean(text: str, lang: str = "auto") -> Dict[str, Any]:
    """The clean article, as ``nutgraf clean --format json``: ``{title,
    byline, source, language, blocks: [{kind, text, start, end}], removed:
    [{kind, text, start, end, reason, description, score}], text,
    page_summary, key_takeaways}``."""
    return _pipeline(method="lead", sentences=1, lang=lang)._native.clean(text)  # type: ignore[no-any-return]


def detect_language(text: str, blocks: bool = False) -> Dict[str, Any]:
    """The language of the page's article text, as ``nutgraf lang --format
    json``: ``{language, confidence, reliable, mixed}`` (and ``blocks`` with
    each kept block's language when asked). ``language`` is an ISO 639-1 code,
    ``"und"`` when unsure."""
    return _pipeline(method="lead", sentences=1)._native.detect_language(text, blocks)  # type: ignore[no-any-return]


def split_sentences(text: str, lang: str = "auto") -> List[Dict[str, Any]]:
    """The sentences of the normalized text, as ``nutgraf split --format
    json`` lists them: ``[{text, start, end}]``."""
    return _nutgraf.split_sentences(text, lang)[1]  # type: ignore[no-any-return]


def normalize(text: str, changes: bool = False) -> Any:
    """Decoding fixes, mojibake repair and Unicode hygiene. Returns the
    normalized string; with ``changes=True`` a dict ``{text, changes:
    [{kind, start, end, original, replacement}]}`` as ``nutgraf normalize
    --format json``."""
    normalized, log = _nutgraf.normalize(text)
    if changes:
        return {"text": normalized, "changes": log}
    return normalized


class Score(NamedTuple):
    """Precision, recall and F-measure, like ``rouge_score.scoring.Score``."""

    precision: float
    recall: float
    fmeasure: float


_ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def rouge(
    candidate: Union[str, Sequence[str]],
    reference: Union[str, Sequence[str]],
    *,
    stemmer: bool = False,
    tokenizer: str = "rouge_score",
    stem_language: Optional[str] = None,
    types: Sequence[str] = _ROUGE_TYPES,
) -> Any:
    """ROUGE of ``candidate`` against ``reference`` with the numbers of
    Google's ``rouge-score``: ``rouge(c, r, stemmer=True)`` equals
    ``RougeScorer(types, use_stemmer=True).score(r, c)`` (mind the order:
    rouge-score takes the reference first).

    Returns ``{"rouge1": Score, "rouge2": …, "rougeL": …, "rougeLsum": …}``
    (``types`` picks which). Given two lists of equal length, returns a list
    of such dicts, scored in parallel. ROUGE-Lsum splits sentences at
    newlines. ``tokenizer="unicode"`` (Python's ``\\w+``) or ``"uax29"``
    keeps non-ASCII letters, with ``stem_language`` choosing a Snowball
    stemmer (e.g. ``"de"``).
    """
    bad = [t for t in types if t not in _ROUGE_TYPES]
    if bad:
        raise NutgrafError(f"unknown ROUGE type {bad[0]!r}: use {', '.join(_ROUGE_TYPES)}")
    single = isinstance(candidate, str)
    if single != isinstance(reference, str):
        raise NutgrafError("give two strings or two lists of strings")
    cands = [candidate] if single else list(candidate)
    refs = [reference] if single else list(reference)
    raw = _nutgraf.rouge_many(cands, refs, stemmer, tokenizer, stem_language)
    out = [
        {name: Score(*triple) for name, triple in zip(_ROUGE_TYPES, scores) if name in types}
        for scores in raw
    ]
    return out[0] if single else out
