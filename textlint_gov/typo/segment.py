"""The unigram word model of GOV102: dictionary frequencies, the best segmentation of a run of Han
characters into dictionary words, and the score of that segmentation with one character replaced.

A run is segmented once, forward and backward (:meth:`Model.forward_backward`); the best
segmentation with ``s[p]`` replaced then costs only the words that cover ``p``
(:meth:`Model.best_replaced`), so judging every candidate of a run is linear in its length.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from operator import add
from typing import cast

MAX_WORD = 4  # the longest dictionary word looked up (forward and backward are written out for 4)
VOCAB_FREQ = 2000  # frequency given to the government vocabulary (typo_vocab.txt)
TARGET_MIN_FREQ = 5  # a correction must produce a word at least this frequent
NEG = -1e18


# The masked index: (length of a word, position k of a character in it) -> {the word without its
# character k: the characters that stand there in words at least TARGET_MIN_FREQ frequent} (for 下情:
# (2, 1) -> {"下": "情..."}). Split by length and position, a window's key is a string of the text
# already read (a pair, a triple), or two of them joined, not one built around a "?". The characters
# are a set written as a string: their order carries no meaning.
MaskedIndex = dict[tuple[int, int], dict[str, str]]


class Model:
    def __init__(
        self,
        freq: dict[str, int],
        confusion: dict[str, dict[str, int]],
        vocab: Iterable[str],
        attested: frozenset[str] = frozenset(),
        index: MaskedIndex | None = None,
    ) -> None:
        """``freq`` gets the words of ``vocab`` (at VOCAB_FREQ at least). ``index``, when given, is the
        masked index of ``freq`` as passed in, before ``vocab`` is added (a prebuilt one, see
        ``textlint_gov.typo.data``; it is added to, not copied): only the words the vocabulary adds or
        raises to TARGET_MIN_FREQ are added to it here, instead of indexing all 300,000 words again."""
        self.freq = freq
        self.attested = attested
        vocab = tuple(vocab)
        added = []  # vocabulary words that enter the index only now
        for w in vocab:
            n = freq.get(w, 0)
            if n < VOCAB_FREQ:
                freq[w] = VOCAB_FREQ
                if n < TARGET_MIN_FREQ:
                    added.append(w)
        total = sum(freq.values())
        self.logtotal = math.log(total)
        self.unknown = -self.logtotal  # a character the dictionary does not know: frequency 1
        self.confusion = confusion
        self.vocab = frozenset(vocab)
        # masked index: the characters that complete a word a correction may produce (see MaskedIndex)
        if index is None:
            index = {}
            added = [w for w, n in freq.items() if n >= TARGET_MIN_FREQ]
        for w in added:
            if len(w) < 2:
                continue
            for k in range(len(w)):
                part = index.get((len(w), k))
                if part is None:
                    part = index[len(w), k] = {}
                key = w[:k] + w[k + 1 :]
                part[key] = part.get(key, "") + w[k]
        self.index = index
        # characters that have confusable characters and are no function characters (set by data.model)
        self.confusable: frozenset[str] = frozenset()
        # character -> its confusable characters but function characters (filled on first use)
        self.confusable_with: dict[str, frozenset[str]] = {}
        # char -> (words containing it, their total frequency)
        self.charstats: dict[str, tuple[int, int]] = {}
        self.names: frozenset[str] = frozenset()  # division names and stems (place_names())
        self.weak: frozenset[str] = frozenset()  # strings of fewer laws (corpus_strings())

    def completions(self, masked: str) -> str:
        """The characters that complete ``masked`` (one "?" for the character asked about: 下?上传)
        into a word of the index, "" when none."""
        k = masked.index("?")
        return self.index.get((len(masked), k), {}).get(masked[:k] + masked[k + 1 :], "")

    def logp(self, w: str) -> float | None:
        n = self.freq.get(w)
        return None if n is None else math.log(n) - self.logtotal

    def lattice(self, s: str) -> list[list[float | None]]:
        """Log probabilities of the dictionary words of ``s``: ``lat[L - 1][k]`` for ``s[k:k + L]``
        (None: no word; a single character the dictionary lacks gets ``unknown``). Every look-up is
        a C-level ``map`` over the run, frequencies turned into log probabilities through a table of
        the dictionary's distinct frequencies, so the dynamic programmes below only add numbers."""
        one_log, word_log = self._log_tables()
        get = self.freq.get
        grams = list(s)
        lat: list[list[float | None]] = [list(map(one_log.__getitem__, map(get, grams)))]
        for i in range(1, MAX_WORD):
            grams = list(map(add, grams[:-1], s[i:]))
            lat.append(list(map(word_log.__getitem__, map(get, grams))))
        return lat

    def _log_tables(self) -> tuple[_LogTable, _LogTable]:
        """frequency -> log probability, for single characters (None: ``unknown``) and longer words
        (None: None); filled on use, bounded by the distinct frequencies of the dictionary."""
        tables = self.__dict__.get("_logs")
        if tables is None or tables[0].lt != self.logtotal:
            tables = self.__dict__["_logs"] = (
                _LogTable(self.logtotal, self.unknown),
                _LogTable(self.logtotal, None),
            )
        return tables

    def forward(
        self, s: str, back: list[int] | None = None, lat: list[list[float | None]] | None = None
    ) -> list[float]:
        """Best log probabilities of every prefix of ``s`` segmented into dictionary words (unigram;
        an unknown single character has frequency 1). With ``back``, the start of the last word of
        each prefix's best segmentation is written there."""
        if lat is None:
            lat = self.lattice(s)
        # words ending at j: e2[j - 1] is s[j - 2:j] (None before the text starts), and so on; the
        # best scores of the last four prefixes are kept in f1..f4 (f1 = fwd[j - 1])
        e2 = [None, *lat[1]]
        e3 = [None, None, *lat[2]]
        e4 = [None, None, None, *lat[3]]
        fwd = [0.0]
        append = fwd.append
        f1 = 0.0
        f2 = f3 = f4 = NEG
        ones = cast(list[float], lat[0])  # single characters always score (unknown: frequency 1)
        for j, one, a2, a3, a4 in zip(range(1, len(s) + 1), ones, e2, e3, e4):
            best = f1 + one  # single characters always score (unknown: frequency 1)
            arg = j - 1
            if a2 is not None:
                v = a2 + f2
                if v > best:
                    best = v
                    arg = j - 2
            if a3 is not None:
                v = a3 + f3
                if v > best:
                    best = v
                    arg = j - 3
            if a4 is not None:
                v = a4 + f4
                if v > best:
                    best = v
                    arg = j - 4
            append(best)
            f4, f3, f2, f1 = f3, f2, f1, best
            if back is not None:
                back[j] = arg
        return fwd

    def best(self, s: str) -> float:
        """Log probability of the best segmentation of ``s`` into dictionary words."""
        return self.forward(s)[-1]

    def best2(self, w: str) -> float:
        """:meth:`best` of a two-character string, without the dynamic programme."""
        freq = self.freq
        lt = self.logtotal
        f = freq.get(w)
        a, b = freq.get(w[0]), freq.get(w[1])
        apart = (math.log(a) - lt if a else self.unknown) + (math.log(b) - lt if b else self.unknown)
        return apart if f is None else max(apart, math.log(f) - lt)

    def forward_backward(self, s: str, back: list[int] | None = None) -> tuple[list[float], list[float]]:
        """Best log probabilities of every prefix (forward) and every suffix (backward) of ``s``."""
        return self.forward(s, back), self.backward(s)

    def backward(self, s: str, lat: list[list[float | None]] | None = None) -> list[float]:
        """Best log probabilities of every suffix of ``s`` segmented into dictionary words."""
        if lat is None:
            lat = self.lattice(s)
        n = len(s)
        bwd = [NEG] * n + [0.0]
        # read from the end: b1..b4 hold bwd[k + 1]..bwd[k + 4] (a word s[k:k + L] exists only
        # when k + L <= n, so the NEG placeholders are never added to a word)
        b1 = 0.0
        b2 = b3 = b4 = NEG
        for k, one, a2, a3, a4 in zip(
            range(n - 1, -1, -1),
            reversed(cast(list[float], lat[0])),
            reversed([*lat[1], None][:n]),
            reversed([*lat[2], None, None][:n]),
            reversed([*lat[3], None, None, None][:n]),
        ):
            best = b1 + one  # single characters always score (unknown: frequency 1)
            if a2 is not None:
                v = a2 + b2
                if v > best:
                    best = v
            if a3 is not None:
                v = a3 + b3
                if v > best:
                    best = v
            if a4 is not None:
                v = a4 + b4
                if v > best:
                    best = v
            bwd[k] = best
            b4, b3, b2, b1 = b3, b2, b1, best
        return bwd

    def best_replaced(self, s: str, p: int, ch: str, fb: tuple[list[float], list[float]]) -> float:
        """``best(s with s[p] replaced by ch)``, from the forward/backward scores of ``s``: only the
        word covering ``p`` differs between the two segmentations."""
        return self.best_replaced_span(s, p, ch, fb)[0]

    def best_replaced_span(
        self, s: str, p: int, ch: str, fb: tuple[list[float], list[float]]
    ) -> tuple[float, int, int]:
        """:meth:`best_replaced` and the span of the word that covers ``p`` in that segmentation."""
        fwd, bwd = fb
        freq = self.freq
        lt = self.logtotal
        log = math.log
        n = len(s)
        f = freq.get(ch)
        best = fwd[p] + (self.unknown if f is None else log(f) - lt) + bwd[p + 1]
        bx, by = p, p + 1
        for x in range(max(0, p - MAX_WORD + 1), p + 1):
            head = s[x:p] + ch
            for y in range(max(p + 1, x + 2), min(n, x + MAX_WORD) + 1):
                f = freq.get(head + s[p + 1 : y])
                if f is not None:
                    v = fwd[x] + log(f) - lt + bwd[y]
                    if v > best:
                        best = v
                        bx, by = x, y
        return best, bx, by

    def segment(self, s: str) -> list[tuple[int, int]]:
        """The (start, end) spans of the best segmentation of ``s``."""
        back = [0] * (len(s) + 1)
        self.forward(s, back)
        return spans(back, len(s))


class _LogTable(dict):
    """frequency -> its log probability (``math.log(f) - lt``; None -> ``default``), computed on the
    first look-up of each value: a C-level ``map`` over this dict's ``__getitem__`` turns a list of
    frequencies into log probabilities without a Python loop."""

    __slots__ = ("default", "lt")

    def __init__(self, lt: float, default: float | None) -> None:
        super().__init__()
        self.lt, self.default = lt, default

    def __missing__(self, f: int | None) -> float | None:
        v = self.default if f is None else math.log(f) - self.lt
        self[f] = v
        return v


def spans(back: list[int], n: int) -> list[tuple[int, int]]:
    """The (start, end) spans of a segmentation from its back pointers."""
    out = []
    j = n
    while j > 0:
        out.append((back[j], j))
        j = back[j]
    return out[::-1]
