"""Character offsets: every start/end slices the Python string."""

from __future__ import annotations

import nutgraf
import pytest

GERMAN = (
    "Größere Fußgängerzonen für Köln\n\n"
    "Die Stadt Köln will die Fußgängerzonen in der Innenstadt deutlich vergrößern. "
    "Über den Plan berät der Rat am Dienstag. "
    "Händler äußern sich überwiegend zufrieden, Anwohner fürchten mehr Lärm.\n\n"
    "Die Grünen begrüßen die Pläne ausdrücklich. "
    "Kritik kommt dagegen vom Verband der Taxiunternehmen. "
    "Eine Entscheidung soll noch vor Weihnachten fallen."
)
EMOJI = (
    "🚀 Rocket launch delayed again 🚀\n\n"
    "The launch of the new rocket was delayed by a day because of strong winds 🌬️ over the pad. "
    "Engineers said the vehicle itself is in good shape 👍 and ready to fly. "
    "Thousands of spectators 🧑‍🤝‍🧑 had gathered on the beaches to watch.\n\n"
    "The next attempt is planned for Friday morning. "
    "Weather forecasters expect calmer conditions by then 🌤️."
)
CJK = (
    "東京で新しい美術館が開館\n\n"
    "東京都心に新しい美術館が土曜日に開館した。"
    "開館初日には約一万人が訪れた。"
    "館長は「多くの人に来てほしい」と話した。\n\n"
    "美術館では現代美術の作品が約五百点展示されている。"
    "入場料は一般千五百円である。"
)
MIXED = "Zürich 😀 café — naïve 東京. " * 3 + "\n\nThe end of the story is here. It was a long day for all of us."

TEXTS = {"german": GERMAN, "emoji": EMOJI, "cjk": CJK, "mixed": MIXED}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_summary_spans_slice_the_python_string(name: str) -> None:
    text = TEXTS[name]
    summary = nutgraf.summarize(text, sentences=2)
    assert summary, "no summary"
    for s in summary:
        assert set(s) == {"text", "index", "score", "start", "end"}
        assert text[s["start"] : s["end"]] == s["text"]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_document_span_slices_the_python_string(name: str) -> None:
    text = TEXTS[name]
    doc = nutgraf.Pipeline(sentences=2, key_terms=3).run(text)
    for b in doc.article.blocks:
        assert text[b.start : b.end] == b.text
    for x in doc.sentences:
        assert text[x.start : x.end] == x.text
    for x in doc.summary.sentences:
        assert text[x.start : x.end] == x.text
    for k in doc.summary.key_terms:
        for start, end in k.spans:
            assert 0 <= start < end <= len(text)
    for r in doc.removed:
        assert r.text in text[r.start : r.end] or text[r.start : r.end] in r.text
    for b in doc.language.blocks:
        assert 0 <= b.start <= b.end <= len(text)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_split_spans_slice_the_python_string(name: str) -> None:
    text = TEXTS[name]
    sents = nutgraf.split_sentences(text)
    assert len(sents) >= 3
    for s in sents:
        assert text[s["start"] : s["end"]] == s["text"]


def test_offsets_are_characters_not_bytes() -> None:
    text = "😀😀😀 Ärger in Köln.\n\nDer Rat tagt am Montag. Er berät über den Haushalt. Alle sind da."
    s = nutgraf.split_sentences(text, lang="de")
    last = s[-1]
    assert last["end"] == len(text)  # characters; bytes would be larger
    assert len(text.encode()) > len(text)


def test_spans_after_normalization_index_the_input() -> None:
    # A non-breaking space, a soft hyphen and an entity: the normalized text
    # differs, the spans still index the input as given.
    text = "Die\u00a0Regierung tagte am Montag. Sie be\u00adschloss den Haus&shy;halt. Alle waren da."
    for s in nutgraf.split_sentences(text, lang="de"):
        piece = text[s["start"] : s["end"]]
        assert nutgraf.normalize(piece) == s["text"]
    changes = nutgraf.normalize(text, changes=True)["changes"]
    assert changes
    for c in changes:
        assert text[c["start"] : c["end"]] == c["original"]
