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

MAX_WORD = 4  # the longest dictionary word looked up
VOCAB_FREQ = 2000  # frequency given to the government vocabulary (typo_vocab.txt)
TARGET_MIN_FREQ = 5  # a correction must produce a word at least this frequent
NEG = -1e18


class Model:
    def __init__(
        self,
        freq: dict[str, int],
        confusion: dict[str, dict[str, int]],
        vocab: Iterable[str],
        attested: frozenset[str] = frozenset(),
        index: dict[str, str] | None = None,
    ) -> None:
        """``freq`` gets the words of ``vocab`` (at VOCAB_FREQ at least). ``index``, when given, is the
        masked index of ``freq`` as passed in, before ``vocab`` is added (a prebuilt one, see
        ``textlint_gov.typo.data``): only the words the vocabulary adds or raises to TARGET_MIN_FREQ
        are added to it here, instead of indexing all 300,000 words again. Its values are sets of
        characters written as strings (their order carries no meaning)."""
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
        # masked index: 下?上 style keys -> the characters that complete a word a correction may produce
        if index is None:
            index = {}
            added = [w for w, n in freq.items() if n >= TARGET_MIN_FREQ]
        for w in added:
            if len(w) < 2:
                continue
            for k in range(len(w)):
                key = w[:k] + "?" + w[k + 1 :]
                index[key] = index.get(key, "") + w[k]
        self.index = index
        # characters that have confusable characters and are no function characters (set by data.model)
        self.confusable: frozenset[str] = frozenset()
        # character -> its confusable characters but function characters (filled on first use)
        self.confusable_with: dict[str, frozenset[str]] = {}
        # char -> (words containing it, their total frequency)
        self.charstats: dict[str, tuple[int, int]] = {}
        self.names: frozenset[str] = frozenset()  # division names and stems (place_names())
        self.weak: frozenset[str] = frozenset()  # strings of fewer laws (corpus_strings())

    def logp(self, w: str) -> float | None:
        n = self.freq.get(w)
        return None if n is None else math.log(n) - self.logtotal

    def lattice(self, s: str) -> list[list[float | None]]:
        """Log probabilities of the dictionary words of ``s``: ``lat[L - 1][k]`` for ``s[k:k + L]``
        (None: no word; a single character the dictionary lacks gets ``unknown``). Every look-up is
        a C-level ``map`` over the run, so the dynamic programmes below only add numbers."""
        freq = self.freq
        lt = self.logtotal
        log = math.log
        unknown = self.unknown
        grams = list(s)
        lat: list[list[float | None]] = [
            [unknown if f is None else log(f) - lt for f in map(freq.get, grams)]
        ]
        for i in range(1, MAX_WORD):
            grams = list(map(add, grams[:-1], s[i:]))
            lat.append([None if f is None else log(f) - lt for f in map(freq.get, grams)])
        return lat

    def forward(
        self, s: str, back: list[int] | None = None, lat: list[list[float | None]] | None = None
    ) -> list[float]:
        """Best log probabilities of every prefix of ``s`` segmented into dictionary words (unigram;
        an unknown single character has frequency 1). With ``back``, the start of the last word of
        each prefix's best segmentation is written there."""
        if lat is None:
            lat = self.lattice(s)
        n = len(s)
        fwd = [0.0] + [NEG] * n
        one = cast(list[float], lat[0])  # single characters always score (unknown: frequency 1)
        longer = [(L, lat[L - 1]) for L in range(2, MAX_WORD + 1)]
        for j in range(1, n + 1):
            best = fwd[j - 1] + one[j - 1]
            arg = j - 1
            for L, row in longer:
                k = j - L
                if k < 0:
                    break
                v = row[k]
                if v is not None:
                    v += fwd[k]
                    if v > best:
                        best = v
                        arg = k
            fwd[j] = best
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
        one = cast(list[float], lat[0])  # single characters always score (unknown: frequency 1)
        longer = [(L, lat[L - 1]) for L in range(2, MAX_WORD + 1)]
        for k in range(n - 1, -1, -1):
            best = bwd[k + 1] + one[k]
            for L, row in longer:
                if k + L > n:
                    break
                v = row[k]
                if v is not None:
                    v += bwd[k + L]
                    if v > best:
                        best = v
            bwd[k] = best
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


def spans(back: list[int], n: int) -> list[tuple[int, int]]:
    """The (start, end) spans of a segmentation from its back pointers."""
    out = []
    j = n
    while j > 0:
        out.append((back[j], j))
        j = back[j]
    return out[::-1]
