#!/usr/bin/env python3
"""Fit the calibration layer of nutgraf-lang and write crates/lang/data/weights.txt.

The model is a conditional logit over the languages of data/ngrams.tsv:

    score(L) = w · phi(text, L) + bias(L),   P(L | text) = softmax(score)

phi holds the n-gram log-likelihood of the text under L (per letter and in total)
and, for English and German only, the evidence whatlang ignores: function words,
umlauts and ß, capitalised nouns, -ung/-keit/-heit/-schaft endings, -ing/-tion
endings. The scoring mirrors src/ngram.rs and src/features.rs exactly.

Weights are fitted on the DEV split of shared/data/lang/dev.jsonl (the held-out
half is never seen) by full-batch gradient descent on the L2-regularised log loss,
after a 5-fold cross-validation (fixed seed) that is printed for the record.
The biases of pt, nb, af and ca, which the dev data does not contain, are not
fitted: they are set to PRIOR_EXTRA below the lowest fitted bias.

Run from the repository root:
    python3 crates/lang/scripts/fit_model.py [path/to/dev.jsonl]
Needs numpy. Deterministic.
"""
import json
import math
import os
import random
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)
DEV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(CRATE, "..", "..", "..", "shared", "data", "lang", "dev.jsonl")
SEED = 8
L2 = 1e-3
PRIOR_EXTRA = 1.0
FIT_LANGS = ["en", "de", "fr", "nl", "es", "it", "da", "sv"]

# Must match src/ngram.rs
MAX_ORDER = 5
BACKOFF_PENALTY = 1.0
FLOOR = -10.0

# Must match src/features.rs
EN_FUNC = set("the of and to is that with for this are was were have has been which would from they their "
              "you your not but be by at as or it its what who will can could should there these those "
              "than then when where while about into our out up".split())
DE_FUNC = set("der die das und ist nicht mit sich auf für ein eine einen einem einer des dem den von zu "
              "auch sind wird werden wurde hat haben bei nach über oder aber wie noch nur dass sie wir ich "
              "es im vom zum zur durch gegen ohne um sowie sei seien kann können muss soll".split())
DE_SUFFIX = ("ung", "ungen", "keit", "heit", "schaft", "lich", "isch")
EN_SUFFIX = ("ing", "tion", "tions", "ness", "ly")
DE_CHARS = set("äöüß")
NFEAT = 9


def load_table():
    path = os.path.join(CRATE, "data", "ngrams.tsv")
    langs, scale, table = None, None, {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# languages"):
            head, sc = line[len("# languages "):].split("; scale ")
            langs, scale = head.split(), float(sc)
            continue
        if line.startswith("#"):
            continue
        key, cells = line.split("\t")
        vals = [None] * len(langs)
        for i in range(0, len(cells), 2):
            vals[ord(cells[i]) - 97] = -(ord(cells[i + 1]) - 48) / scale
        table[key] = vals
    return langs, table


WORD = re.compile(r"[^\W\d_]+")


def is_noise(w):
    """camelCase / InnerCaps identifiers and ALL-CAPS acronyms: names, not language."""
    if len(w) >= 2 and w.isupper():
        return True
    return any(c.isupper() for c in w[1:]) and any(c.islower() for c in w)


def is_address(token):
    return "://" in token or token.startswith("www.") or "@" in token or token.count("/") >= 2


def words_of(text):
    text = " ".join(t for t in text.split() if not is_address(t))
    words = WORD.findall(text)
    kept = [w for w in words if not is_noise(w)]
    return kept if kept else words


def loglik(words, table, nl):
    ll = [0.0] * nl
    n = 0
    for w in words:
        w = w.lower()
        for i in range(len(w)):
            maxk = min(MAX_ORDER - 1, i)
            found = [table.get(w[i - k:i + 1]) for k in range(maxk, -1, -1)]
            for li in range(nl):
                v = FLOOR
                for j, row in enumerate(found):
                    if row is not None and row[li] is not None:
                        v = row[li] - BACKOFF_PENALTY * j
                        break
                ll[li] += v
            n += 1
    return ll, n


def text_features(words):
    """English and German evidence, each capped; see src/features.rs."""
    lower = [w.lower() for w in words]
    nw = len(words)
    en_func = sum(w in EN_FUNC for w in lower)
    de_func = sum(w in DE_FUNC for w in lower)
    umlaut = sum(c in DE_CHARS for w in lower for c in w)
    caps = sum(1 for w in words[1:] if w[0].isupper() and not w.isupper())
    cap_ratio = caps / (nw - 1) if nw >= 4 else 0.0
    de_suf = sum(1 for w in lower if len(w) > 5 and w.endswith(DE_SUFFIX))
    en_suf = sum(1 for w in lower if len(w) > 4 and w.endswith(EN_SUFFIX))
    cap = lambda x: min(x, 3.0)
    return dict(en_func=cap(en_func), de_func=cap(de_func), umlaut=cap(umlaut), cap_ratio=cap_ratio,
                de_suf=cap(de_suf), en_suf=cap(en_suf))


def phi(text, langs, table):
    words = words_of(text)
    ll, n = loglik(words, table, len(langs))
    f = text_features(words)
    m = max(ll) if ll else 0.0
    out = np.zeros((len(langs), NFEAT))
    for li, code in enumerate(langs):
        out[li, 0] = (ll[li] - m) / max(n, 1)
        out[li, 1] = (ll[li] - m) / 10.0
        if code == "en":
            out[li, 2] = f["en_func"]
            out[li, 7] = f["en_suf"]
            out[li, 8] = f["umlaut"]
        if code == "de":
            out[li, 3] = f["de_func"]
            out[li, 4] = f["umlaut"]
            out[li, 5] = f["cap_ratio"]
            out[li, 6] = f["de_suf"]
    return out, n


def fit(X, y, fitmask, steps=3000, lr=0.5):
    nlang = X.shape[1]
    w = np.zeros(NFEAT)
    w[1] = 1.0
    b = np.zeros(nlang)
    for _ in range(steps):
        s = X @ w + b
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        g = p.copy()
        g[np.arange(len(y)), y] -= 1.0
        gw = np.einsum("nl,nlf->f", g, X) / len(y) + L2 * w
        gb = g.mean(axis=0) * fitmask
        w -= lr * gw
        b -= lr * gb
        # the unfitted languages sit PRIOR_EXTRA below the lowest fitted bias
        b[fitmask == 0] = b[fitmask == 1].min() - PRIOR_EXTRA
    b -= b.max()
    return w, b


def predict(X, w, b):
    s = X @ w + b
    return s.argmax(axis=1)


def main():
    langs, table = load_table()
    rows = [json.loads(l) for l in open(DEV, encoding="utf-8")]
    rows = [r for r in rows if r["lang"] in FIT_LANGS]
    X = np.stack([phi(r["text"], langs, table)[0] for r in rows])
    y = np.array([langs.index(r["lang"]) for r in rows])
    fitmask = np.array([1.0 if c in FIT_LANGS else 0.0 for c in langs])

    idx = list(range(len(rows)))
    random.Random(SEED).shuffle(idx)
    folds = [idx[k::5] for k in range(5)]
    pred = np.zeros(len(rows), dtype=int)
    for k in range(5):
        test = np.array(folds[k])
        train = np.array([i for j in range(5) if j != k for i in folds[j]])
        w, b = fit(X[train], y[train], fitmask)
        pred[test] = predict(X[test], w, b)
    report("5-fold CV", rows, pred, langs)

    w, b = fit(X, y, fitmask)
    report("fit on all dev (resubstitution)", rows, predict(X, w, b), langs)
    path = os.path.join(CRATE, "data", "weights.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by crates/lang/scripts/fit_model.py (seed %d, L2 %g). Do not edit.\n" % (SEED, L2))
        f.write("# feature weights: ll_per_letter ll_total/10 en_func de_func de_umlaut de_cap_ratio de_suffix en_suffix en_umlaut\n")
        f.write("w " + " ".join("%.6f" % v for v in w) + "\n")
        f.write("# bias per language, in the order of data/ngrams.tsv\n")
        for code, v in zip(langs, b):
            f.write("b %s %.6f\n" % (code, v))
    print("wrote", path)
    print("w", np.round(w, 3), "b", dict(zip(langs, np.round(b, 3))))


def report(name, rows, pred, langs):
    from collections import Counter
    tot, hit = Counter(), Counter()
    oth = fp = 0
    for r, p in zip(rows, pred):
        k = r["lang"] + "." + r["kind"]
        tot[k] += 1
        hit[k] += langs[p] == r["lang"]
        if r["lang"] not in ("en", "de"):
            oth += 1
            fp += langs[p] in ("en", "de")
    print(name, " ".join("%s=%.3f" % (k, hit[k] / tot[k]) for k in sorted(tot)), "fp_ende=%.4f" % (fp / oth))


if __name__ == "__main__":
    main()
