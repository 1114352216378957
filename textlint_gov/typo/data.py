"""The shipped data of the typo rules, read once, lazily (``dictionaries/typo_*``).

* ``typo_words.txt.gz``: jieba's word frequencies (MIT), built by ``tools/build_typo_data.py``;
* ``typo_confusion.txt``: same-sound / similar-shape characters (pycorrector data, Apache-2.0, plus
  common 形近字 groups);
* ``typo_vocab.txt``: government vocabulary that must never be "corrected";
* ``typo_attested.txt``, ``typo_corpus.txt``: strings attested in official texts and in PRC laws;
* ``typo_places.txt``: division names and stems; ``typo_charstats.txt``: per-character word statistics;
* ``typo_traditional.txt``: traditional or variant characters (GOV103);
* ``typo_model.bin``: the model's data built from the files above in the shape the model needs, read
  in a fraction of the time (``textlint_gov.typo.packed``; ``tools/build_typo_data.py --pack-only``).
"""

from __future__ import annotations

import gc
import gzip
from functools import lru_cache
from importlib import resources

from textlint_gov.typo import packed
from textlint_gov.typo.segment import TARGET_MIN_FREQ, Model

# Function characters whose mutual confusions (的/地/得, 在/再 ...) need grammar, not word statistics.
FUNCTION_CHARS = frozenset("的地得第在再是了着和与及或之其所以已于为被把从向对")

MAX_NAME = 12  # longest division name or stem looked up around a suspect character
CORPUS_STRONG_DOCS = 10
CORPUS_RIVAL_RATIO = 20
# the constants the prebuilt data (typo_model.bin) depends on besides its source files
RECIPE = f"min_freq={TARGET_MIN_FREQ} strong={CORPUS_STRONG_DOCS}/{CORPUS_RIVAL_RATIO} max_name={MAX_NAME}"


def _data(name: str):
    return resources.files("textlint_gov.dictionaries").joinpath(name)


@lru_cache(maxsize=1)
def model() -> Model:
    """The model, from the prebuilt ``typo_model.bin`` when it was built from the shipped files as they
    are (else from the user's cache of it, else built from those files and cached for next time).
    The collector is paused meanwhile: a million new strings, none of them garbage."""
    paused = gc.isenabled()
    gc.disable()
    try:
        parts = packed.load(RECIPE)
        if parts is None:
            parts = _parts_from_sources()
            packed.save_cache(parts, RECIPE)
        m = Model(parts.freq, parts.confusion, vocabulary(), parts.attested, index=parts.masked)
    finally:
        if paused:
            gc.enable()
    m.weak = parts.weak
    m.confusable = frozenset(c for c, row in parts.confusion.items() if row) - FUNCTION_CHARS
    m.names = parts.names
    m.charstats = parts.charstats
    return m


def _parts_from_sources() -> packed.Parts:
    """The model's data read from the shipped text files (``tools/build_typo_data.py``), the index of
    the word frequencies built here (0.4 s; the prebuilt file holds it all)."""
    raw = gzip.decompress(_data("typo_words.txt.gz").read_bytes()).decode("utf-8")
    it = iter(raw.split())
    freq: dict[str, int] = dict(zip(it, map(int, it)))  # the build script keeps freq >= 3 only
    confusion: dict[str, dict[str, int]] = {}
    for line in _data("typo_confusion.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        row: dict[str, int] = {}
        for kind in (3, 2, 1, 0):  # the cheapest kind wins when a character is in several
            for ch in parts[kind + 1] if kind + 1 < len(parts) else "":
                row[ch] = kind
        confusion[parts[0]] = row
    strong, weak = _corpus_sets()
    attested = frozenset(_data("typo_attested.txt").read_text(encoding="utf-8").split()) | strong
    index = Model(dict(freq), {}, ()).index  # of the words as shipped: the vocabulary is added later
    parts = _data("typo_charstats.txt").read_text(encoding="utf-8").split()
    charstats = {parts[i]: (int(parts[i + 1]), int(parts[i + 2])) for i in range(0, len(parts), 3)}
    return packed.Parts(freq, index, confusion, attested, weak - attested, place_names(), charstats)


def pack_bytes() -> bytes:
    """The bytes of ``typo_model.bin`` for the shipped text files as they are now."""
    return packed.dump(_parts_from_sources(), packed.fingerprint(RECIPE))


def _corpus_rows():
    """``(string, instruments, instruments of its most attested one-character correction)`` for each
    string attested in PRC laws and regulations (``typo_corpus.txt``, see the build script)."""
    for line in _data("typo_corpus.txt").read_text(encoding="utf-8").splitlines():
        w, docs, rival = line.split("\t")
        yield w, int(docs), int(rival)


def corpus_strings() -> dict[str, tuple[int, int]]:
    """The laws' strings with their counts (for tools and tests; the model keeps only two sets)."""
    return {w: (docs, rival) for w, docs, rival in _corpus_rows()}


def _corpus_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The laws' strings split into strongly attested ones and the rest, row by row (no table of
    counts kept)."""
    strong: set[str] = set()
    weak: set[str] = set()
    for w, docs, rival in _corpus_rows():
        (strong if _strongly_attested(docs, rival) else weak).add(w)
    return frozenset(strong), frozenset(weak)


def _strongly_attested(docs: int, rival: int) -> bool:
    """A string found in at least 10 laws and regulations and in 20 times as many as its most attested
    one-character correction is right as written: the laws overwhelmingly prefer it. The others (at
    least 3 laws, see the build script: 设区 against 社区, 视情 against 事情) are evidence, not proof:
    a correction of them is reported as info at most."""
    return docs >= CORPUS_STRONG_DOCS and docs >= CORPUS_RIVAL_RATIO * rival


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every administrative division name of China (the 民政部 table of ``textlint_gov.rules._divisions``)
    and its stem without 省/市/县/区/镇/乡/街道: evidence that the characters written there are right.
    A two-character stem counts for provinces, cities and counties only (偃师, 包头, 平潭); the stems of
    the 38,000 towns are kept from three characters up, since two-character ones (下初, 安马) are as
    often the seam of two words. Precomputed in ``typo_places.txt`` (``tools/build_typo_data.py``)."""
    return frozenset(
        n for n in _data("typo_places.txt").read_text(encoding="utf-8").split() if len(n) <= MAX_NAME
    )


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    out = []
    for line in _data("typo_vocab.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.extend(line.split())
    return tuple(out)


@lru_cache(maxsize=1)
def traditional() -> dict[str, str]:
    """Traditional or variant character -> its one simplified form (OpenCC data, see the build script)."""
    out = {}
    for line in _data("typo_traditional.txt").read_text(encoding="utf-8").splitlines():
        t, _, s = line.partition("\t")
        if t and s:
            out[t] = s
    return out
