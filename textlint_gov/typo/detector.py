"""Candidate generation and judging (GOV102).

A character is suspect when replacing it with a character that sounds or looks the same turns the
text around it into a much more probable segmentation into dictionary words. ``下请上传`` segments
into rare single characters; with 请→情 it contains the word 下情, so the corrected text scores far
higher. Each run of Han characters is segmented once, forward and backward; a replacement is judged
by the words that cover its character only (``Model.best_replaced_span``), so a run costs time linear
in its length, and a run longer than MAX_RUN is judged in windows. A block of ordinary length
(WHOLE_MAX) is read once: its pairs are looked up with C-level maps and shared by the options, the
swaps and the lattices of its runs (``_Grams``); a longer one is read by chunks, in bounded memory.
The fast paths are checked against the plain ones in tests/test_typo_speed_equivalence.py.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, count, islice, repeat
from operator import add, and_, is_, itemgetter, le, not_, sub

from textlint_gov.typo.data import model
from textlint_gov.typo.guards import (
    FUNCTION_CHARS,
    PLACE_END,
    _foreign_abbrev,
    _guarded,
    _in_place_name,
    _name_like,
    protected_at,
)
from textlint_gov.typo.scoring import THRESHOLD, Suspect, _context, score
from textlint_gov.typo.segment import MAX_WORD, TARGET_MIN_FREQ, Model, spans

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A run of Han characters longer than this (no punctuation for 2,000 characters: no real sentence)
# is judged in windows of this length, so time and memory per window are bounded (issue 16). Each
# window is read with RUN_PAD characters of the run on either side and keeps the findings of its own
# characters, so a word across a seam is judged as in the whole run.
MAX_RUN = 2000
RUN_PAD = 64
SPAN = 4  # characters of context on each side of a swapped pair that its local segmentation sees
# cost (natural log units) of each confusion kind: same sound & tone, same sound other tone, shape,
# similar stroke sequence (weaker shape evidence)
COST = (0.0, 1.5, 1.5, 2.0)
SUSPECT_MAX_FREQ = 3000  # tokens more frequent than this are trusted as written
GEN_GAIN = 3.0  # candidates need at least this segmentation gain; the score decides what is reported
PREFILTER_SLACK = 3.0  # skip a correction whose word is not e^(gain-3) times as frequent as the written one
SWAP_KIND = 4
SWAP_MIN_FREQ = 1000  # the word the two characters make in the other order must be this common (部署)
SWAP_GAIN = 10.0  # and the text around must segment this much (natural log) more probably with it
SWAP_SCORE = 1.0  # a swap is reported as a warning at the default thresholds, never as certain


def detect(text: str, words: frozenset[str] = frozenset(), threshold: float = THRESHOLD) -> list[Suspect]:
    """Suspected typos in ``text`` whose confidence score reaches ``threshold``, at most one per character."""
    return [sus for sus in candidates(text, words) if sus.score >= threshold]


def candidates(text: str, words: frozenset[str] = frozenset()) -> list[Suspect]:
    """Every candidate correction with a segmentation gain of at least GEN_GAIN, scored (one per character)."""
    m = model()
    out: list[Suspect] = []
    guarded = _guarded(text)
    # A run judged once is not judged again, in this text or the next (40,000 copies of one sentence
    # cost one; a post's boilerplate is judged once per audit): its result depends only on its text,
    # which of its characters are guarded and the user's words.
    memo = _run_memo(m, words)
    grams: _Grams | None = None
    options: _TextOptions | None = None
    for run in HAN_RUN.finditer(text):
        s = run.group()
        if len(s) < 2:
            continue  # nothing to replace or swap against
        for k in range(0, len(s), MAX_RUN):
            lo = max(0, k - RUN_PAD)
            piece = s[lo : k + MAX_RUN + RUN_PAD]
            base = run.start() + lo
            mine = tuple(i for i in range(len(piece)) if base + i in guarded) if guarded else ()
            key = (piece, mine)
            found = memo.get(key)
            if found is None:
                if options is None:
                    # a block of ordinary length is read once: its n-grams serve options, swaps
                    # and lattices alike
                    grams = _Grams(m, text) if len(text) <= WHOLE_MAX else None
                    options = _TextOptions(m, text, GEN_GAIN, grams)
                options.forget(base - MAX_WORD)
                if len(s) <= MAX_RUN and not options.any_in(base, base + len(piece)):
                    found = ()  # no replacement and no swap to judge: not read further
                else:
                    options.upto(base + len(piece))  # a long run is read piece by piece
                    found = _detect_run(m, piece, 0, words, GEN_GAIN, frozenset(mine), options, base, grams)
                memo.remember(key, found)
            if not found:
                continue
            first, last = k - lo, k - lo + MAX_RUN  # this window's own characters
            out.extend(
                dataclasses.replace(f, start=f.start + base, end=f.end + base, pos=f.pos + base)
                if base
                else f
                for f in found
                if first <= f.pos < last
            )
    return out


class _RunMemo(dict):
    """(piece of a run, its guarded positions) -> its candidates, for one model and vocabulary; the
    older half is dropped past RUN_MEMO_MAX runs or RUN_MEMO_CHARS characters of them."""

    __slots__ = ("chars",)

    def __init__(self) -> None:
        super().__init__()
        self.chars = 0

    def remember(self, key: tuple[str, tuple[int, ...]], found: Sequence[Suspect]) -> None:
        if len(self) >= RUN_MEMO_MAX or self.chars >= RUN_MEMO_CHARS:
            _forget_older_half(self)
            self.chars = sum(map(len, map(itemgetter(0), _first_keys(self, len(self)))))
        self[key] = found
        self.chars += len(key[0])


RUN_MEMO_MAX = 50_000  # runs remembered: about 15 MB at most with their candidates
RUN_MEMO_CHARS = 1_000_000  # characters of them (a flattened file's runs are long)
_run_memos: dict[tuple, _RunMemo] = {}


def _run_memo(m: Model, words: frozenset[str]) -> _RunMemo:
    """The judged runs of ``m`` with these user words (the last few vocabularies are kept: a server
    may lint for several configurations)."""
    key = (m, words)
    memo = _run_memos.get(key)
    if memo is None:
        if len(_run_memos) >= 4:
            _run_memos.clear()
        memo = _run_memos[key] = _RunMemo()
    return memo


OPTION_CHUNK = 4096  # text read for options at once: bounded memory for the key lists
WHOLE_MAX = 4 * OPTION_CHUNK  # a text up to this long is read at once (_Grams), a longer one by chunks


class _Grams:
    """The two- and three-character strings of a text, the dictionary frequencies of its pairs
    (``f2[k]`` of ``s[k:k + 2]``, None: no word) and ``marks``, sorted: the pairs that are no word but
    whose reversal is a common one (a swap may stand there). Each is read once with a C-level ``map``
    and shared by the options, the swaps and the lattices of the text's runs; a look-up in the
    300,000-word dictionary costs a cache miss, so only pairs are looked up for the whole text, and
    longer windows only in the runs that are segmented."""

    __slots__ = ("b2", "b3", "f2", "marks", "s")

    def __init__(self, m: Model, s: str) -> None:
        get = m.freq.get
        self.s = s
        self.b2 = list(map(add, s, s[1:]))
        self.b3 = list(map(add, self.b2[:-1], s[2:]))
        self.f2 = f2 = list(map(get, self.b2))
        nonword = list(map(is_, f2, repeat(None)))
        # the reversed pairs, of the pairs that are no word only
        rev = map(get, map(add, compress(s[1:], nonword), compress(s, nonword)), repeat(0))
        self.marks = list(compress(compress(count(), nonword), map(le, repeat(SWAP_MIN_FREQ), rev)))

    def swaps(self, o: int, n: int) -> list[int]:
        """The marks of the pairs inside ``s[o:o + n]``, relative to ``o``."""
        marks = self.marks
        lo, hi = bisect_left(marks, o), bisect_left(marks, o + n - 1)
        return [p - o for p in marks[lo:hi]]

    def lattice(self, m: Model, o: int, n: int) -> list[list[float | None]]:
        """``m.lattice(s[o:o + n])``, from the pairs read."""
        word_log = m._log_tables()[1]
        get = m.freq.get
        s, b3 = self.s, self.b3
        return [
            list(map(_char_logs(m).__getitem__, s[o : o + n])),
            list(map(word_log.__getitem__, self.f2[o : o + n - 1])),
            list(map(word_log.__getitem__, map(get, b3[o : o + n - 2]))),
            list(map(word_log.__getitem__, map(get, map(add, b3[o : o + n - 3], s[o + 3 : o + n])))),
        ]


class _CharLogs(dict):
    """character -> its log probability as a single word (``m.lattice(c)[0][0]``), filled on use: a
    look-up here hits a small table instead of the 300,000-word dictionary."""

    __slots__ = ("m",)

    def __init__(self, m: Model) -> None:
        super().__init__()
        self.m = m

    def __missing__(self, c: str) -> float:
        if len(self) >= CHAR_LOGS_MAX:
            self.clear()
        v = self[c] = self.m._log_tables()[0][self.m.freq.get(c)]
        return v


CHAR_LOGS_MAX = 30_000  # more distinct characters than any text uses (a hostile one is cleared)
_char_logs_of: list[_CharLogs] = []


def _char_logs(m: Model) -> _CharLogs:
    """The :class:`_CharLogs` of ``m`` (one model at a time)."""
    if not _char_logs_of or _char_logs_of[0].m is not m:
        _char_logs_of[:] = [_CharLogs(m)]
    return _char_logs_of[0]


class _TextOptions(dict):
    """:func:`_options` of a whole text, computed chunk by chunk as its runs are read in order, and
    forgotten behind them, so that memory stays bounded on a block of any length (windows across
    punctuation find no word). ``marks`` holds, sorted, the pairs whose reversal is a common word
    (a swap may stand there)."""

    def __init__(self, m: Model, text: str, threshold: float, grams: _Grams | None = None) -> None:
        super().__init__()
        self.m, self.text, self.threshold, self.grams = m, text, threshold, grams
        self.end = 0  # windows starting before this are read
        self.marks: list[int] = []

    def upto(self, end: int) -> None:
        m, text = self.m, self.text
        if self.grams is not None:  # the whole text at once
            if self.end < len(text):
                _options(m, text, self.threshold, self, 0, None, self.grams)
                self.marks = self.grams.marks
                self.end = len(text)
            return
        while self.end < min(end, len(text)):
            c = self.end
            chunk = text[c : c + OPTION_CHUNK + MAX_WORD - 1]
            _options(m, chunk, self.threshold, self, c, OPTION_CHUNK)
            rev = map(m.freq.get, map(add, chunk[1 : OPTION_CHUNK + 1], chunk), repeat(0))
            self.marks.extend(compress(count(c), map(le, repeat(SWAP_MIN_FREQ), rev)))
            self.end = c + OPTION_CHUNK

    def forget(self, below: int) -> None:
        """Drop what lies before ``below`` once it is a few chunks' worth."""
        if len(self) > 4 * OPTION_CHUNK:
            for p in [p for p in self if p < below]:
                del self[p]
        if len(self.marks) > 4 * OPTION_CHUNK:
            self.marks = self.marks[bisect_left(self.marks, below) :]

    def any_in(self, start: int, end: int) -> bool:
        self.upto(end)
        j = bisect_left(self.marks, start)
        return (j < len(self.marks) and self.marks[j] < end) or any(map(self.__contains__, range(start, end)))


def _margin(threshold: float) -> float:
    """How many times as frequent as the written word a correction's word must be."""
    return 2.718281828459045 ** (threshold - PREFILTER_SLACK)


def _pairs(m: Model, word: str, k: int, hits: str, threshold: float) -> list[tuple[str, int]]:
    """The confusable characters ``ch`` of ``word[k]`` among ``hits`` that make ``word`` a dictionary
    word at least ``_margin(threshold)`` times as frequent as the written one, with their confusion
    kind, and that could bring the gain ``threshold``: the corrected word against the best
    segmentation of the written window, or the corrected character alone against the written one.
    (Other words are no more probable than what is written, so they cannot bring more.)"""
    c = word[k]
    chars = m.confusable_with.get(c)
    if chars is None:  # built on first use: a draft meets a few hundred of the 5,000 characters
        row = m.confusion.get(c)
        chars = m.confusable_with[c] = (
            frozenset(row) - FUNCTION_CHARS if row and c not in FUNCTION_CHARS else frozenset()
        )
    if not chars or word in m.attested:
        return []
    freq = m.freq
    f_orig = freq.get(word, 0)
    if len(word) >= 3 and f_orig >= TARGET_MIN_FREQ:
        return []  # an idiom or word as written (以点带面) is not rewritten into another one
    common = chars.intersection(hits)
    if not common:
        return []
    conf = m.confusion[c]
    pairs = [(ch, conf[ch]) for ch in sorted(common)]  # sorted: the same order whatever the hash seed
    head, tail = word[:k], word[k + 1 :]
    bar = f_orig * _margin(threshold)
    out = []
    written = None
    log = math.log
    for ch, kind in pairs:
        f = freq[head + ch + tail]
        if f < bar:
            continue
        need = threshold + COST[kind]
        if written is None:
            written = m.best2(word) if len(word) == 2 else m.best(word)
        if log(f) - m.logtotal - written < need:
            fc, fo = freq.get(ch), freq.get(c)
            single = (log(fc) if fc else 0.0) - (log(fo) if fo else 0.0)
            if single < need:
                continue
        out.append((ch, kind))
    return out


# The candidates of a two-character window depend on its text only, and common bigrams recur in
# every post: they are computed once per distinct bigram and kept (a bounded cache per margin).
# 234,000 distinct pairs in 6.6 M characters of official text (what one audit worker reads of
# 10,000 posts): a cache smaller than that is emptied again and again (about 25 MB when full)
BIGRAM_CACHE_MAX = 300_000
LONGER_CACHE_MAX = 150_000
_bigrams: dict[float, dict[str, tuple]] = {}
# the same for longer windows that hit: the window as written + the position asked about -> pairs
_longer: dict[float, dict[str, tuple | list]] = {}


def _bigram_options(m: Model, word: str, threshold: float) -> tuple:
    """((offset, character, kind), ...) for a two-character window."""
    if word in m.attested:
        return ()  # _pairs finds nothing for an attested string
    index = m.index
    able = m.confusable
    out: list[tuple[int, str, int]] = []
    for k in (0, 1):
        if word[k] not in able:
            continue  # no confusable character (or a function character): _pairs finds nothing
        hits = index.get((2, k), _NO_WORDS).get(word[1 - k])
        if hits:
            out.extend((k, ch, kind) for ch, kind in _pairs(m, word, k, hits, threshold))
    return tuple(out)


class _PairClass(dict):
    """A pair's frequency (None: no word) -> 0 below TARGET_MIN_FREQ, 1 a word, 2 a common word
    (WEAK_WORD), filled on use (the dictionary has a few thousand distinct frequencies)."""

    def __missing__(self, f: int | None) -> int:
        v = self[f] = 0 if f is None or f < TARGET_MIN_FREQ else 1 if f < WEAK_WORD else 2
        return v


_pair_class = _PairClass()
_THRICE = (3).__mul__
# by 3 * class of the pair ending at a character + class of the pair starting there: weak when one
# is rare or no word and neither is common ((0, 0), (0, 1), (1, 0))
_WEAK_PAIRS = (True, True, False, True, False, False, False, False, False)
_NO_WORDS: dict[str, str] = {}
_AT = tuple(map(str, range(MAX_WORD)))  # k -> a mark of position k, for cache keys
_MISS = (None,)  # a window not in the cache (truthy, unlike the empty tuple of no options)
WEAK_WORD = 2000  # a character in a bigram word at least this frequent is not read in longer windows


# A character is weak when at most one of its bigrams is a word, and a rare one (人事疯传: 人事 against
# 业内人士): only around weak characters are longer windows read.
def _options(
    m: Model,
    s: str,
    threshold: float,
    out: dict[int, dict[str, tuple[int, int, int]]] | None = None,
    offset: int = 0,
    starts: int | None = None,
    grams: _Grams | None = None,
) -> dict[int, dict[str, tuple[int, int, int]]]:
    """For each position of ``s``, the confusable characters that may stand there, completing a
    dictionary word around it at least ``margin`` times as frequent as the written one -> (kind,
    start, end) of the first such word (shortest, leftmost). Positions are written to ``out`` plus
    ``offset``; with ``starts``, only windows starting before it are read; ``grams``: those of ``s``,
    read already."""
    if out is None:
        out = {}
    stop = len(s) if starts is None else min(starts, len(s))
    cache = _bigrams.get(threshold)
    if cache is None:
        cache = _bigrams[threshold] = {}
    elif len(cache) > BIGRAM_CACHE_MAX:
        _forget_older_half(cache)
    if grams is None:
        bigrams = list(map(add, s, s[1 : stop + 1]))  # the two-character windows starting before stop
    else:
        bigrams = grams.b2 if stop >= len(s) - 1 else grams.b2[:stop]
    found = list(map(cache.get, bigrams, repeat(_MISS)))
    # the windows not yet cached (_MISS) or with options (a non-empty tuple), picked in C
    for a in compress(count(), found):
        opts = found[a]
        if opts is _MISS:
            word = bigrams[a]
            opts = cache[word] = _bigram_options(m, word, threshold)
        for k, ch, kind in opts:
            row = out.get(offset + a + k)
            if row is None:
                row = out[offset + a + k] = {}
            if ch not in row:
                row[ch] = (kind, offset + a, offset + a + 2)
    # Three- and four-character windows (再接再励, 业内人事) are read only around a character that is
    # in no common bigram word (_weak): where the text is improbable.
    index = m.index
    freq_get = m.freq.get
    able = m.confusable
    n = len(s)
    # the class of each pair s[i:i + 2] (_PairClass), padded so that cls[i] is the pair ending at i
    # and cls[i + 1] the one starting there
    f2 = grams.f2 if grams is not None else map(freq_get, map(add, s, s[1:]))
    cls = [0, *map(_pair_class.__getitem__, f2), 0]
    # c in able and one of its pairs is no word (nor a rare one) and neither is a common word, in C
    weak = list(
        compress(
            count(),
            map(
                and_,
                map(able.__contains__, s[: stop + MAX_WORD - 1]),
                map(_WEAK_PAIRS.__getitem__, map(add, map(_THRICE, cls), cls[1:])),
            ),
        )
    )
    if not weak:
        return out
    longer = _longer.get(threshold)
    if longer is None:
        longer = _longer[threshold] = {}
    elif len(longer) > LONGER_CACHE_MAX:
        _forget_older_half(longer)
    # the keys of every window around a weak character (MaskedIndex), picked with C-level maps:
    # s[a:i] + s[i + 1:a + L] from the n-grams of s starting at each position
    if grams is None:
        ngrams = [[""] * (n + 1), list(s)]
        for g in range(2, MAX_WORD):
            ngrams.append(list(map(add, ngrams[g - 1][:-1], s[g - 1 :])))
    else:
        ngrams = [[""] * (n + 1), list(s), grams.b2, grams.b3]
    for L in (3, 4):
        for k in range(L):
            # the weak characters i with a window [i - k, i - k + L) inside s, starting before stop
            lo = bisect_left(weak, k)
            hi = bisect_left(weak, min(n - L + k, stop - 1 + k) + 1)
            if lo >= hi:
                continue
            begins = list(map(sub, weak[lo:hi], repeat(k)))
            heads = _pick(ngrams[k], begins) if k else ()
            tails = _pick(ngrams[L - k - 1], list(map(add, begins, repeat(k + 1)))) if L - k - 1 else ()
            keys = map(add, heads, tails) if heads and tails else heads or tails
            hit_lists = list(map(index.get((L, k), _NO_WORDS).get, keys))
            for a, hits in compress(zip(begins, hit_lists), hit_lists):
                word = s[a : a + L]
                key = word + _AT[k]  # the window as written and the character asked about
                pairs = longer.get(key)
                if pairs is None:
                    if freq_get(word, 0) >= TARGET_MIN_FREQ:
                        pairs = ()  # an idiom or word as written (以点带面) is not rewritten into another one
                    else:
                        pairs = _pairs(m, word, k, hits or "", threshold)
                    longer[key] = pairs
                if not pairs:
                    continue
                row = out.get(offset + a + k)
                if row is None:
                    row = out[offset + a + k] = {}
                for ch, kind in pairs:
                    if ch not in row:
                        row[ch] = (kind, offset + a, offset + a + L)
    return out


def _forget_older_half(cache: dict) -> None:
    """Drop the older half of a full cache (dicts keep insertion order): a long audit keeps the
    windows of its recent posts instead of starting cold again."""
    for key in _first_keys(cache, len(cache) // 2):
        cache.pop(key, None)  # (another thread may have dropped it already)


def _first_keys(cache: dict, n: int) -> list:
    """The first ``n`` keys of ``cache``, read again when another thread changed it meanwhile:
    ``govlint serve`` lints in a thread pool, and its threads share the caches."""
    while True:
        try:
            return list(islice(cache, n))
        except RuntimeError:  # dictionary changed size during iteration
            continue


def _pick(items: list[str], at: list[int]) -> tuple[str, ...]:
    """``items`` at the positions ``at``, picked in C (itemgetter of one index gives the item)."""
    return itemgetter(*at)(items) if len(at) > 1 else (items[at[0]],)


def _detect_run(
    m: Model,
    s: str,
    base: int,
    words: frozenset[str],
    threshold: float,
    guarded: frozenset[int] = frozenset(),
    options: dict[int, dict[str, tuple[int, int, int]]] | None = None,
    off: int = 0,
    grams: _Grams | None = None,
) -> list[Suspect]:
    """The candidates of one run ``s`` of Han characters (positions plus ``base``); ``options`` are
    its replacements (:func:`_options`, positions plus ``off``), computed here when not given;
    ``grams``, when given, are those of the text ``s`` stands in at ``off``."""
    n = len(s)
    if n < 2:
        return []
    freq = m.freq
    if options is None:
        options, off = _options(m, s, threshold), 0
    # the positions that have a replacement to judge, and the pairs that may be swapped (their
    # reversed pair a common word): a run with neither is not segmented at all
    judged = list(compress(count(), map(options.__contains__, range(off, off + n))))
    # pairs that are no word and whose reversal (s[i + 1] + s[i]) is a common one, picked in C
    if grams is None:
        common_rev = map(le, repeat(SWAP_MIN_FREQ), map(freq.get, map(add, s[1:], s), repeat(0)))
        no_word = map(not_, map(freq.__contains__, map(add, s, s[1:])))
        swaps = list(compress(count(), map(and_, no_word, common_rev)))
    else:
        swaps = grams.swaps(off, n)
    if not judged and not swaps:
        return []
    back = [0] * (n + 1)
    lat = m.lattice(s) if grams is None else grams.lattice(m, off, n)
    fwd = m.forward(s, back, lat)
    whole = fwd[n]
    fb = None  # the backward pass, computed when a replacement is to be judged
    segs = spans(back, n)
    single = {a for a, b in segs if b - a == 1}
    trusted = bytearray(n)  # characters of tokens too frequent to be suspect
    for a, b in segs:
        if b - a > 1 and freq.get(s[a:b], 0) > SUSPECT_MAX_FREQ:
            trusted[a:b] = b"\x01" * (b - a)
    suspect_pos = [i for i in judged if not trusted[i]]
    found: list[Suspect] = []
    protected = None
    for i in suspect_pos:
        row = options.get(i + off)
        if not row:
            continue
        if fb is None:
            fb = (fwd, m.backward(s, lat))
        best: Suspect | None = None
        for ch, (kind, a, e) in row.items():
            a -= off
            e -= off
            if a < 0 or e > n:
                continue  # a window reaching past this piece of a long run
            v, x, y = m.best_replaced_span(s, i, ch, fb)
            gain = v - whole - COST[kind]
            if gain < threshold or (best is not None and gain <= best.gain):
                continue
            if y - x >= 2:
                a, e = _shortest_word(m, s, i, ch, x, y)
            best = Suspect(base + a, base + e, base + i, s[a:e], s[a:i] + ch + s[i + 1 : e], gain, kind)
        if best is None:
            continue
        if protected is None:
            protected = protected_at(s, words, m.vocab)
        if (
            base + i in guarded
            or protected[i]
            or _in_place_name(m, s, i)
            or _foreign_abbrev(s, i)
            or _name_like(s, i, single)
        ):
            continue
        best = dataclasses.replace(
            best,
            context=_context(m, s, i, single, best.start - base, best.end - base),
            doubtful=best.wrong in m.weak,
        )
        found.append(dataclasses.replace(best, score=score(m, best)))
    alive = [True] * len(found)
    by_start: dict[int, list[int]] = {}
    for j, f in enumerate(found):
        by_start.setdefault(f.start, []).append(j)
    last = -1
    for i in swaps:
        if i <= last:
            continue
        sus = _swapped(m, s, i)
        if sus is None:
            continue
        if protected is None:
            protected = protected_at(s, words, m.vocab)
        if any(
            base + k in guarded or _in_place_name(m, s, k) or _name_like(s, k, single) for k in (i, i + 1)
        ):
            continue
        if protected[i] or protected[i + 1]:
            continue
        sus = dataclasses.replace(sus, start=base + i, end=base + i + 2, pos=base + i)
        # the findings overlapping the pair start at most MAX_WORD - 1 characters before it
        near = [j for p in range(sus.start - MAX_WORD + 1, sus.end) for j in by_start.get(p, ())]
        rivals = [
            j for j in sorted(near) if alive[j] and found[j].start < sus.end and sus.start < found[j].end
        ]
        if any(found[j].gain >= sus.gain for j in rivals):
            continue  # a one-character slip explains the text better
        for j in rivals:
            alive[j] = False
        found.append(sus)
        alive.append(True)
        by_start.setdefault(sus.start, []).append(len(found) - 1)
        last = i + 1
    return [f for f, keep in zip(found, alive) if keep]


def _shortest_word(m: Model, s: str, i: int, ch: str, x: int, y: int) -> tuple[int, int]:
    """The shortest, leftmost word that ``ch`` at ``i`` makes inside ``s[x:y]``, the word covering it in
    the best segmentation of the corrected text: what is reported (布署 -> 部署 inside 部署安全,
    贯切 -> 贯彻 inside 贯彻落实)."""
    freq = m.freq
    for L in range(2, y - x):
        for a in range(max(x, i - L + 1), min(i, y - L) + 1):
            if freq.get(s[a:i] + ch + s[i + 1 : a + L], 0) >= TARGET_MIN_FREQ:
                return a, a + L
    return x, y


def _swapped(m: Model, s: str, i: int) -> Suspect | None:
    """Two characters of a common word written the other way round (署部 for 部署): the pair is no
    word and no attested string, the reversed pair is a common word, and the text around it segments
    far more probably with the reversed pair."""
    pair = s[i : i + 2]
    a, b = pair[0], pair[1]
    if (
        a == b
        or a in FUNCTION_CHARS
        or b in FUNCTION_CHARS
        or a in PLACE_END
        or pair in m.freq
        or pair in m.attested
        or pair in m.weak
    ):
        return None
    right = b + a
    if m.freq.get(right, 0) < SWAP_MIN_FREQ:
        return None
    lo, hi = max(0, i - SPAN), min(len(s), i + 2 + SPAN)
    window = s[lo:hi]
    k = i - lo
    gain = m.best(window[:k] + right + window[k + 2 :]) - m.best(window)
    if gain < SWAP_GAIN:
        return None
    return Suspect(i, i + 2, i, pair, right, gain, SWAP_KIND, SWAP_SCORE)
