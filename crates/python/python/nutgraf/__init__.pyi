"""Type stubs of the nutgraf package (see ``__init__.py`` for the docs)."""

from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    overload,
)

__version__: str
METHODS: Tuple[str, ...]

class NutgrafError(ValueError):
    """An error reported by nutgraf, with the Rust message."""

class SelectedDict(TypedDict):
    text: str
    index: int
    score: float
    start: int
    end: int

class SentenceDict(TypedDict):
    text: str
    start: int
    end: int

class BlockDict(TypedDict):
    kind: str
    text: str
    start: int
    end: int

class RemovedDict(TypedDict):
    kind: str
    text: str
    start: int
    end: int
    reason: str
    description: str
    score: Optional[float]

class CleanDict(TypedDict):
    title: Optional[str]
    byline: Optional[str]
    source: Optional[str]
    language: Optional[str]
    blocks: List[BlockDict]
    removed: List[RemovedDict]
    text: str
    page_summary: Optional[str]
    key_takeaways: List[str]

class ChangeDict(TypedDict):
    kind: str
    start: int
    end: int
    original: str
    replacement: str

class NormalizedDict(TypedDict):
    text: str
    changes: List[ChangeDict]

class _Result:
    def to_dict(self) -> Dict[str, Any]: ...

class Block(_Result):
    kind: str
    text: str
    start: int
    end: int
    def __init__(self, kind: str, text: str, start: int, end: int) -> None: ...

class Removed(_Result):
    kind: str
    text: str
    start: int
    end: int
    reason: str
    description: str
    score: Optional[float]
    def __init__(
        self, kind: str, text: str, start: int, end: int, reason: str, description: str, score: Optional[float]
    ) -> None: ...

class Article(_Result):
    title: Optional[str]
    byline: Optional[str]
    source: Optional[str]
    language: Optional[str]
    blocks: List[Block]
    text: str
    def __init__(
        self,
        title: Optional[str],
        byline: Optional[str],
        source: Optional[str],
        language: Optional[str],
        blocks: List[Block],
        text: str,
    ) -> None: ...

class Change(_Result):
    kind: str
    start: int
    end: int
    original: str
    replacement: str
    def __init__(self, kind: str, start: int, end: int, original: str, replacement: str) -> None: ...

class BlockLanguage(_Result):
    kind: str
    start: int
    end: int
    language: str
    confidence: float
    reliable: bool
    def __init__(self, kind: str, start: int, end: int, language: str, confidence: float, reliable: bool) -> None: ...

class LanguageInfo(_Result):
    language: str
    confidence: float
    reliable: bool
    mixed: Optional[List[Dict[str, Any]]]
    blocks: List[BlockLanguage]
    def __init__(
        self,
        language: str,
        confidence: float,
        reliable: bool,
        mixed: Optional[List[Dict[str, Any]]],
        blocks: List[BlockLanguage] = ...,
    ) -> None: ...

class Sentence(_Result):
    text: str
    start: int
    end: int
    block: int
    def __init__(self, text: str, start: int, end: int, block: int) -> None: ...

class Selected(_Result):
    text: str
    index: int
    score: float
    start: int
    end: int
    def __init__(self, text: str, index: int, score: float, start: int, end: int) -> None: ...

class KeyTerm(_Result):
    text: str
    score: float
    spans: List[Tuple[int, int]]
    def __init__(self, text: str, score: float, spans: List[Tuple[int, int]]) -> None: ...

class Summary(_Result):
    language: str
    method: str
    sentences: List[Selected]
    key_terms: List[KeyTerm]
    def __init__(self, language: str, method: str, sentences: List[Selected], key_terms: List[KeyTerm]) -> None: ...

class Document(_Result):
    normalized: str
    changes: List[Change]
    article: Article
    removed: List[Removed]
    page_summary: Optional[str]
    key_takeaways: List[str]
    language: LanguageInfo
    sentences: List[Sentence]
    summary: Summary
    def __init__(
        self,
        normalized: str,
        changes: List[Change],
        article: Article,
        removed: List[Removed],
        page_summary: Optional[str],
        key_takeaways: List[str],
        language: LanguageInfo,
        sentences: List[Sentence],
        summary: Summary,
    ) -> None: ...
    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> Document: ...

class Pipeline:
    """normalize → parse → clean → language → split → summarize."""

    def __init__(
        self,
        *,
        normalize: Optional[Dict[str, Any]] = ...,
        clean: bool = ...,
        language: Union[str, Dict[str, str]] = ...,
        summarizer: Optional[Dict[str, Any]] = ...,
        max_bytes: int = ...,
        lossy: bool = ...,
        method: Optional[str] = ...,
        sentences: Optional[int] = ...,
        words: Optional[int] = ...,
        ratio: Optional[float] = ...,
        mmr: Optional[float] = ...,
        query: Optional[str] = ...,
        key_terms: Optional[int] = ...,
        order: Literal["document", "score"] = ...,
        lang: Optional[str] = ...,
    ) -> None: ...
    @classmethod
    def from_dict(cls, settings: Dict[str, Any]) -> Pipeline: ...
    @classmethod
    def from_json(cls, text: str) -> Pipeline: ...
    def settings(self) -> Dict[str, Any]: ...
    def to_json(self, **dumps_kwargs: Any) -> str: ...
    def run(self, text: str) -> Document: ...
    def run_many(self, texts: Iterable[str], threads: Optional[int] = None) -> List[Document]: ...
    def summarize(self, text: str) -> List[SelectedDict]: ...

class Score(NamedTuple):
    precision: float
    recall: float
    fmeasure: float

def methods() -> List[str]: ...
def summarize(
    text: str,
    sentences: int = 3,
    method: str = "default",
    lang: str = "auto",
    query: Optional[str] = None,
) -> List[SelectedDict]: ...
def clean(text: str, lang: str = "auto") -> CleanDict: ...
def detect_language(text: str, blocks: bool = False) -> Dict[str, Any]: ...
def split_sentences(text: str, lang: str = "auto") -> List[SentenceDict]: ...
@overload
def normalize(text: str, changes: Literal[False] = False) -> str: ...
@overload
def normalize(text: str, changes: Literal[True]) -> NormalizedDict: ...
@overload
def rouge(
    candidate: str,
    reference: str,
    *,
    stemmer: bool = False,
    tokenizer: Literal["rouge_score", "unicode", "uax29"] = "rouge_score",
    stem_language: Optional[str] = None,
    types: Sequence[str] = ...,
) -> Dict[str, Score]: ...
@overload
def rouge(
    candidate: Sequence[str],
    reference: Sequence[str],
    *,
    stemmer: bool = False,
    tokenizer: Literal["rouge_score", "unicode", "uax29"] = "rouge_score",
    stem_language: Optional[str] = None,
    types: Sequence[str] = ...,
) -> List[Dict[str, Score]]: ...
