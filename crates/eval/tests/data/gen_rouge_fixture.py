#!/usr/bin/env python3
"""Generate the ROUGE parity fixtures for nutgraf-eval.  Output: do not edit.

Writes, next to this script:

* ``rouge_fixture.jsonl``: synthetic (candidate, reference) pairs scored by
  Google's ``rouge-score`` package, one JSON object per line::

      {"id": "...", "kind": "...", "candidate": "...", "reference": "...",
       "plain":   {"rouge1": [p, r, f], "rouge2": [...], "rougeL": [...], "rougeLsum": [...]},
       "stem":    {...},   # RougeScorer(use_stemmer=True)
       "unicode": {...}}   # RougeScorer(tokenizer=<re.findall(r"\\w+", text.lower())>)

  The pairs are built from random word sequences (a small built-in English and
  German vocabulary, numbers, punctuation), sentence shuffles and edits,
  German with umlauts, punctuation-only and empty texts, multi-line texts for
  ROUGE-Lsum, Unicode oddities and a few very long texts (~5,000 tokens).
  No article text is copied.

* ``porter_words.tsv``: ``word<TAB>stem`` for every word of a sorted, unique
  word list, stemmed with ``nltk.stem.porter.PorterStemmer()`` (the stemmer
  that ``rouge-score`` uses, NLTK_EXTENSIONS mode).  The list is the
  vocabulary below plus, when ``/work/shared/data/summ`` is present, the
  distinct ``[a-z0-9]+`` words of its English files (a word list only).

* ``../../src/rouge/word_chars.rs``: the code point ranges matched by
  Python's ``\\w``, as a Rust table for the Unicode tokenizer.

Rerun (from the workspace root)::

    python3 -m venv /tmp/venv-rouge
    /tmp/venv-rouge/bin/pip install rouge-score==0.1.2 nltk==3.10.4
    /tmp/venv-rouge/bin/python crates/eval/tests/data/gen_rouge_fixture.py

The run is deterministic (fixed seed); it takes a few minutes because the very
long pairs go through rouge-score's pure-Python LCS tables.
"""

import glob
import json
import os
import random
import re
import sys

import nltk
import rouge_score
from nltk.stem import porter
from rouge_score import rouge_scorer, tokenizers

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
SEED = 20240604

EN_STEMS = """
connect relate condition valence hesitate digitize conform radical different
vile analog vietnam predicate operate feudal decisive hope callous formal
sensitive sensible triplicate form electric good revive allow infer airline
gyroscope adjust defense irritate replace depend adopt homolog commune
activate angular effect bowdler cat pony caress fly die lie spy try agree
plaster bleed motor sing conflate trouble size hop tan fall hiss fizz fail
file happy sky enjoy general national nation rate cease control roll
generate govern minister elect vote market price bank trade share report
police court judge law crime charge arrest prison sport game play team win
lose score goal match season club league player coach music film star actor
award show song album band sing dance write book story news paper digital
compute software network phone mobile user service data secure attack system
develop research study science health hospital doctor patient care treat
school teach learn student university economy growth fund invest tax spend
increase decrease rise fall grow expect announce suggest claim argue believe
happen continue include provide remain require consider understand follow
run walk talk move live work call help need feel seem leave keep begin
""".split()

EN_SUFFIXES = ["", "s", "es", "ed", "ing", "er", "ers", "ly", "ion", "ions",
               "ation", "ational", "ness", "ful", "fully", "ity", "ive",
               "ively", "ment", "ments", "able", "ible", "al", "ally",
               "ism", "ist", "ize", "izer", "ization", "ous", "ously",
               "ence", "ance", "ant", "ent", "ency", "li", "ies", "ied"]

EN_FUNCTION = """the a an of to in on at for with by from and or but not is are
was were be been has have had it its this that these those he she they we you
i his her their our my as if so than then there here what which who when where
why how all any some no more most many much""".split()

DE_WORDS = """Größe größer Straße Mädchen Müller Bär Öl Übung über für schön
Brücke Gefühl Käse Fußball Äpfel äußern Bürgermeister Geschäft Gebäude Häuser
Mütter Öffentlichkeit Überraschung Frühling Grüße heißen weiß süß Maß Fluß
Tür Küche Lösung Prüfung Zürich München Köln Düsseldorf Österreich Schweiz
der die das und ist nicht ein eine mit auf den dem des im zu von sich auch
es sie wir ihr sind war wird werden hat haben nach bei aus wie noch nur
Regierung Wahl Partei Stadt Land Polizei Gericht Woche Jahr Jahre Prozent
Millionen Euro Kanzler Bundestag Ministerin Entscheidung Unternehmen""".split()

PUNCT = list(".,;:!?-—–()[]{}\"'«»„“”‘’/\\|@#$%^&*_+=<>~`…·•")

UNICODE_ODD = [
    "\u212a",          # KELVIN SIGN: lowercases to ASCII "k"
    "\u0130stanbul",   # LATIN CAPITAL I WITH DOT: lowercases to "i" + U+0307
    "caf\u00e9", "cafe\u0301",  # NFC and NFD
    "ＦＵＬＬ", "ｗｉｄｔｈ",  # fullwidth letters
    "it's", "don't", "3.5", "1,000", "e-mail", "snake_case", "__init__",
    "ﬁnance",          # ligature fi
    "Straße", "STRASSE", "ΣΟΦΙΑ", "σοφίας", "Москва", "日本語", "東京",
    "😀", "👍🏽", "\u00a0", "\u2009", "\t", "x²", "½", "Ⅻ", "①", "٣",
    "naïve", "coöperate", "Ångström", "\u00dfe", "İ", "ı", "ǅ",
    "नमस्ते", "العربية", "עברית", "ĳ", "\u200b", "\ufeff",
]


def unicode_tokenize(text):
    return re.findall(r"\w+", text.lower())


class UnicodeTokenizer(tokenizers.Tokenizer):
    def tokenize(self, text):
        return unicode_tokenize(text)


SCORERS = {
    "plain": rouge_scorer.RougeScorer(TYPES, use_stemmer=False),
    "stem": rouge_scorer.RougeScorer(TYPES, use_stemmer=True),
    "unicode": rouge_scorer.RougeScorer(TYPES, tokenizer=UnicodeTokenizer()),
}


def en_vocab():
    words = set(EN_FUNCTION)
    for s in EN_STEMS:
        for suf in EN_SUFFIXES:
            words.add(s + suf)
    return sorted(words)


EN_VOCAB = en_vocab()


def cap(rng, w):
    r = rng.random()
    if r < 0.1:
        return w.upper()
    if r < 0.3:
        return w[:1].upper() + w[1:]
    return w


def en_words(rng, n, vocab=None, zipf=True):
    vocab = vocab or EN_VOCAB
    out = []
    for _ in range(n):
        if zipf and rng.random() < 0.35:
            out.append(rng.choice(EN_FUNCTION))
        elif rng.random() < 0.04:
            out.append(str(rng.randint(0, 2030)))
        else:
            out.append(rng.choice(vocab))
    return out


def sentence(rng, words):
    """Join words with spaces and some punctuation, capitalised, with an end mark."""
    parts = []
    for i, w in enumerate(words):
        w = cap(rng, w) if i else w[:1].upper() + w[1:]
        if rng.random() < 0.08:
            w += rng.choice([",", ";", ":", "'s", "-", "'"])
        if rng.random() < 0.03:
            w = rng.choice(["(", "\"", "'", "„"]) + w
        parts.append(w)
    return " ".join(parts) + rng.choice([".", ".", ".", "!", "?", "", "…"])


def text_of(rng, sents, sep="\n"):
    return sep.join(sents)


def make_sents(rng, k, lo=3, hi=20, wordfn=en_words):
    return [sentence(rng, wordfn(rng, rng.randint(lo, hi))) for _ in range(k)]


def de_words(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.7:
            out.append(rng.choice(DE_WORDS))
        elif r < 0.9:
            out.append(rng.choice(EN_VOCAB))
        else:
            out.append(str(rng.randint(0, 99)) + rng.choice(["", ",5", ".000", "%"]))
    return out


def perturb(rng, sents):
    """Candidate derived from reference sentences: shuffle, drop, edit words."""
    out = []
    for s in sents:
        toks = s.split(" ")
        r = rng.random()
        if r < 0.25:
            continue  # drop sentence
        new = []
        for t in toks:
            x = rng.random()
            if x < 0.1:
                continue
            if x < 0.2:
                new.append(rng.choice(EN_VOCAB))
            elif x < 0.25:
                new.extend([t, rng.choice(EN_FUNCTION)])
            else:
                new.append(t)
        if rng.random() < 0.2 and len(new) > 2:
            i = rng.randrange(len(new) - 1)
            new[i], new[i + 1] = new[i + 1], new[i]
        out.append(" ".join(new))
    if rng.random() < 0.5:
        rng.shuffle(out)
    if rng.random() < 0.3:
        out.append(sentence(rng, en_words(rng, rng.randint(3, 15))))
    return out


def gen_pairs():
    rng = random.Random(SEED)
    pairs = []

    def add(kind, cand, ref):
        pairs.append((kind, cand, ref))

    # 1. Random English word sequences, single- and multi-line.
    for _ in range(300):
        c = make_sents(rng, rng.randint(1, 5), 1, 25)
        r = make_sents(rng, rng.randint(1, 5), 1, 25)
        add("random_en", text_of(rng, c, rng.choice(["\n", " "])),
            text_of(rng, r, rng.choice(["\n", " "])))

    # 2. Candidates derived from the reference (high overlap, sentence shuffles).
    for _ in range(300):
        r = make_sents(rng, rng.randint(1, 8), 3, 25)
        c = perturb(rng, r)
        add("overlap", "\n".join(c), "\n".join(r))

    # 3. Small vocabulary: many repeated tokens (stress Lsum double counting).
    small = rng.sample(EN_VOCAB, 6) + ["the", "a"]
    for _ in range(120):
        c = [sentence(rng, [rng.choice(small) for _ in range(rng.randint(1, 12))])
             for _ in range(rng.randint(1, 6))]
        r = [sentence(rng, [rng.choice(small) for _ in range(rng.randint(1, 12))])
             for _ in range(rng.randint(1, 6))]
        add("repeats", "\n".join(c), "\n".join(r))

    # 4. Stemmer-heavy: same stems, different suffixes.
    for _ in range(120):
        stems = rng.sample(EN_STEMS, 8)
        c = " ".join(s + rng.choice(EN_SUFFIXES) for s in stems for _ in range(rng.randint(0, 2)))
        r = " ".join(s + rng.choice(EN_SUFFIXES) for s in stems for _ in range(rng.randint(0, 2)))
        add("stems", c, r)

    # 5. German with umlauts and ß.
    for _ in range(150):
        r = make_sents(rng, rng.randint(1, 4), 3, 20, wordfn=de_words)
        if rng.random() < 0.5:
            c = perturb(rng, r)
        else:
            c = make_sents(rng, rng.randint(1, 4), 3, 20, wordfn=de_words)
        add("german", "\n".join(c), "\n".join(r))

    # 6. Punctuation only (on one or both sides).
    for i in range(40):
        p = "".join(rng.choice(PUNCT + [" ", "\n"]) for _ in range(rng.randint(1, 40)))
        other = (sentence(rng, en_words(rng, rng.randint(1, 10))) if i % 3 else
                 "".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 10))))
        if i % 2:
            add("punct", p, other)
        else:
            add("punct", other, p)

    # 7. Empty and whitespace-only texts, blank lines, CRLF.
    blanks = ["", " ", "\n", "\n\n", " \n ", "\t", "\r\n", "\n\n\n", ".", "\n.\n"]
    for b in blanks:
        for o in ["", "one", "The cat sat.", "a\nb\n\nc", b]:
            add("empty", b, o)
            add("empty", o, b)
    for _ in range(60):
        def ragged():
            s = make_sents(rng, rng.randint(1, 5), 0, 10)
            out = []
            for x in s:
                out.append(x)
                if rng.random() < 0.4:
                    out.append(rng.choice(["", " ", "  ", "\r", "--", "."]))
            return rng.choice(["\n", "\r\n", "\n\n"]).join(out) + rng.choice(["", "\n", "\n\n"])
        add("lines", ragged(), ragged())

    # 8. Unicode oddities.
    for _ in range(80):
        def odd():
            w = []
            for _ in range(rng.randint(1, 15)):
                r = rng.random()
                w.append(rng.choice(UNICODE_ODD) if r < 0.5 else
                         rng.choice(DE_WORDS) if r < 0.75 else rng.choice(EN_VOCAB))
            return rng.choice([" ", " ", "\n", ""]).join(w)
        add("unicode", odd(), odd())

    # 9. Single words and tiny texts (exact and near matches).
    for _ in range(60):
        w = rng.choice(EN_VOCAB + DE_WORDS)
        v = rng.choice([w, w.upper(), w + "s", rng.choice(EN_VOCAB)])
        add("tiny", v, w)

    # 10. Very long texts (~5,000 tokens).
    for i in range(4):
        r = make_sents(rng, 250, 10, 30)  # ~5,000 words
        if i == 0:
            c = perturb(rng, r)
        elif i == 1:
            c = make_sents(rng, 20, 10, 30)
        elif i == 2:
            c = [" ".join(r)]  # one huge line against many lines
        else:
            c = perturb(rng, r[:60])
        add("long", "\n".join(c), "\n".join(r))
    return pairs


def scores_of(scorer, cand, ref):
    s = scorer.score(ref, cand)  # rouge-score takes (target, prediction)
    return {t: [s[t].precision, s[t].recall, s[t].fmeasure] for t in TYPES}


def write_fixture():
    pairs = gen_pairs()
    path = os.path.join(HERE, "rouge_fixture.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for i, (kind, cand, ref) in enumerate(pairs):
            row = {"id": "%s-%04d" % (kind, i), "kind": kind,
                   "candidate": cand, "reference": ref}
            for name, scorer in SCORERS.items():
                row[name] = scores_of(scorer, cand, ref)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            if kind == "long":
                print("long pair", i, "done", file=sys.stderr)
    print("wrote", len(pairs), "pairs to", path, file=sys.stderr)


def write_porter():
    words = set(EN_VOCAB) | {w.lower() for w in DE_WORDS if re.fullmatch(r"[A-Za-z]+", w)}
    for s in EN_STEMS:
        words.add(s)
    words |= {"y", "yy", "yyy", "yyyy", "yyyyy", "ay", "by", "toy", "syzygy",
              "sky", "skies", "dying", "lying", "tying", "news", "innings",
              "inning", "outings", "outing", "cannings", "canning", "howe",
              "proceed", "exceed", "succeed", "feed", "agreed", "ties", "dies",
              "flies", "died", "spied", "ies", "ied", "eed", "ed", "ing", "s",
              "ss", "sses", "a", "i", "is", "as", "us", "at", "on", "oed",
              "abli", "alli", "bli", "logi", "archaeology", "geology",
              "theology", "generalli", "hopefulli", "controll", "roll",
              "1990s", "2020", "4th", "mp3", "b2b", "covid19", "x11"}
    summ = "/work/shared/data/summ"
    for p in sorted(glob.glob(os.path.join(summ, "en*.jsonl"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                for field in ("text", "summary", "title"):
                    words.update(re.findall(r"[a-z0-9]+", (row.get(field) or "").lower()))
    st = porter.PorterStemmer()
    path = os.path.join(HERE, "porter_words.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# word<TAB>stem from nltk %s PorterStemmer() (NLTK_EXTENSIONS); "
                "generated by gen_rouge_fixture.py, do not edit\n" % nltk.__version__)
        for w in sorted(words):
            f.write("%s\t%s\n" % (w, st.stem(w)))
    print("wrote", len(words), "words to", path, file=sys.stderr)


def write_word_chars():
    pat = re.compile(r"\w")
    ranges = []
    start = None
    for cp in range(0x110000):
        ok = bool(pat.match(chr(cp)))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    rs = os.path.join(HERE, "..", "..", "src", "rouge", "word_chars.rs")
    with open(rs, "w") as f:
        f.write("//! Code point ranges matched by Python's `re` `\\w` (Python %s, Unicode %s).\n"
                "//!\n//! Generated by `crates/eval/tests/data/gen_rouge_fixture.py chars`; do not edit.\n\n"
                % (sys.version.split()[0], __import__("unicodedata").unidata_version))
        f.write("/// Sorted, disjoint, inclusive `(lo, hi)` ranges.\n")
        f.write("pub(crate) static WORD_RANGES: &[(u32, u32)] = &[\n")
        for lo, hi in ranges:
            f.write("    (0x%X, 0x%X),\n" % (lo, hi))
        f.write("];\n")
    print("wrote", len(ranges), "ranges to", rs, file=sys.stderr)


if __name__ == "__main__":
    what = sys.argv[1:] or ["chars", "porter", "fixture"]
    if "chars" in what:
        write_word_chars()
    if "porter" in what:
        write_porter()
    if "fixture" in what:
        write_fixture()
