"""The typo model's data prebuilt in the shape the model needs (``dictionaries/typo_model.bin``), so
that a fresh process reads it in a fraction of the time it takes to build (0.4 s: the masked index
of 300,000 words, the laws' strings sorted into two sets).

Layout: a line ``govlint-typo-model <FORMAT>``, a line of JSON (what the data was built from, the
name, item count and byte length of each section), then the sections one after the other: UTF-8
text of newline-separated strings, and little-endian unsigned 32-bit integers. No pickle or
marshal: a file that is not ours fails to read, it never runs code, and the format does not depend
on the Python version.

The data is used only when it was built from the shipped text files as they are now and by the same
recipe (:func:`fingerprint`: the size and CRC-32 of each file and the constants of the build). When
the shipped file is stale or missing, a copy built from the text files is kept in the user's cache
(``$XDG_CACHE_HOME/govlint/``, else ``~/.cache/govlint/``, written atomically, like jieba's own
model cache), and without one the model is built from the text files as before. Rebuild the shipped
file with ``python tools/build_typo_data.py --pack-only``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import zlib
from array import array
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from textlint_gov.typo.segment import MaskedIndex
from textlint_gov.userfiles import read_capped, user_cache_dir

FORMAT = 2  # 2: the masked index split by word length and position (MaskedIndex)
MAGIC = b"govlint-typo-model %d\n" % FORMAT
PACK_NAME = "typo_model.bin"
# the text files the data is built from (typo_vocab.txt is not one: it is added at load, it is small)
SOURCES = (
    "typo_words.txt.gz",
    "typo_confusion.txt",
    "typo_attested.txt",
    "typo_corpus.txt",
    "typo_places.txt",
    "typo_charstats.txt",
)
MAX_PACK = 64 * 1024 * 1024  # bytes; a larger file is not ours
_U32 = "I" if array("I").itemsize == 4 else "L"


class Parts(NamedTuple):
    """What :func:`textlint_gov.typo.data.model` puts into the model."""

    freq: dict[str, int]  # the shipped word frequencies, without the government vocabulary
    masked: MaskedIndex  # the masked index of ``freq`` (``Model.index``)
    confusion: dict[str, dict[str, int]]
    attested: frozenset[str]
    weak: frozenset[str]
    names: frozenset[str]
    charstats: dict[str, tuple[int, int]]


def _data(name: str):
    return resources.files("textlint_gov.dictionaries").joinpath(name)


def fingerprint(recipe: str) -> dict:
    """Size and CRC-32 of each source file, and the build's constants (``recipe``)."""
    files = {}
    for name in SOURCES:
        raw = _data(name).read_bytes()
        files[name] = [len(raw), zlib.crc32(raw)]
    return {"format": FORMAT, "recipe": recipe, "files": files}


# --- writing ---------------------------------------------------------------------------------


def _text(items) -> tuple[bytes, int]:
    items = list(items)
    if any("\n" in s for s in items):
        raise ValueError("a string of the typo data holds a line break")
    return "\n".join(items).encode("utf-8"), len(items)


def _u32(values) -> tuple[bytes, int]:
    a = array(_U32, values)
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes(), len(a)


def dump(parts: Parts, fp: dict) -> bytes:
    """The file's bytes for ``parts`` built from the sources described by ``fp``. Sets are written
    sorted, dicts in their order: the same data gives the same bytes."""
    confusion = parts.confusion
    kinds = bytes(k for row in confusion.values() for k in row.values())
    sections = [
        ("freq.keys", *_text(parts.freq)),
        ("freq.values", *_u32(parts.freq.values())),
        *(
            section
            for (length, k), part in parts.masked.items()
            for section in (
                (f"index.{length}.{k}.keys", *_text(part)),
                (f"index.{length}.{k}.values", *_text(part.values())),
            )
        ),
        ("confusion.keys", *_text(confusion)),
        ("confusion.chars", *_text("".join(row) for row in confusion.values())),
        ("confusion.kinds", kinds, len(kinds)),
        ("attested", *_text(sorted(parts.attested))),
        ("weak", *_text(sorted(parts.weak))),
        ("names", *_text(sorted(parts.names))),
        ("charstats.keys", *_text(parts.charstats)),
        ("charstats.values", *_u32(v for pair in parts.charstats.values() for v in pair)),
    ]
    head = {**fp, "sections": [[name, n, len(data)] for name, data, n in sections]}
    return (
        MAGIC
        + json.dumps(head, ensure_ascii=True, sort_keys=True).encode("ascii")
        + b"\n"
        + b"".join(data for _, data, _ in sections)
    )


# --- reading ---------------------------------------------------------------------------------


def parse(raw: bytes, fp: dict) -> Parts | None:
    """The parts in ``raw``; None when it is not a file of this format built from the sources and
    recipe of ``fp`` (stale, truncated, corrupt or foreign)."""
    try:
        return _parse(raw, fp)
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        return None


def _parse(raw: bytes, fp: dict) -> Parts | None:
    if not raw.startswith(MAGIC):
        return None
    end = raw.index(b"\n", len(MAGIC))
    head = json.loads(raw[len(MAGIC) : end])
    if not isinstance(head, dict) or {k: head.get(k) for k in fp} != fp:
        return None
    pos = end + 1
    sec: dict[str, tuple[bytes, int]] = {}
    for name, n, size in head["sections"]:
        if not (isinstance(n, int) and isinstance(size, int) and 0 <= size <= len(raw) - pos):
            return None
        sec[name] = (raw[pos : pos + size], n)
        pos += size
    if pos != len(raw):
        return None

    def strings(name: str) -> list[str]:
        data, n = sec[name]
        out = data.decode("utf-8").split("\n") if n else []
        if len(out) != n:
            raise ValueError(name)
        return out

    def u32(name: str) -> array:
        data, n = sec[name]
        a = array(_U32)
        a.frombytes(data)
        if len(a) != n:
            raise ValueError(name)
        if sys.byteorder == "big":
            a.byteswap()
        return a

    keys = strings("freq.keys")
    values = u32("freq.values")
    if len(keys) != len(values):
        return None
    freq = dict(zip(keys, values))
    index: MaskedIndex = {}
    for name in sec:
        what, *where = name.split(".")  # index.<length>.<k>.keys
        if what == "index" and where[-1] == "keys":
            length, k = map(int, where[:-1])
            masked, completing = strings(name), strings(f"index.{length}.{k}.values")
            if len(masked) != len(completing) or not 0 <= k < length:
                return None
            index[length, k] = dict(zip(masked, completing))
    kinds, n_kinds = sec["confusion.kinds"]
    if len(kinds) != n_kinds:
        return None
    confusion: dict[str, dict[str, int]] = {}
    at = 0
    rows = strings("confusion.chars")
    if len(rows) != sec["confusion.keys"][1]:
        return None
    for c, chars in zip(strings("confusion.keys"), rows):
        confusion[c] = dict(zip(chars, kinds[at : at + len(chars)]))
        at += len(chars)
    if at != len(kinds):
        return None
    stat_keys, stats = strings("charstats.keys"), u32("charstats.values")
    if 2 * len(stat_keys) != len(stats):
        return None
    charstats = dict(zip(stat_keys, zip(stats[0::2], stats[1::2])))
    if len(freq) != len(keys) or len(confusion) != len(rows) or len(charstats) != len(stat_keys):
        return None  # a key written twice: not a file we wrote
    return Parts(
        freq,
        index,
        confusion,
        frozenset(strings("attested")),
        frozenset(strings("weak")),
        frozenset(strings("names")),
        charstats,
    )


def cache_path(fp: dict) -> Path | None:
    """Where the user's copy of the data built from the sources of ``fp`` is kept."""
    folder = user_cache_dir()
    if folder is None:
        return None
    key = zlib.crc32(json.dumps(fp, sort_keys=True).encode("ascii"))
    return folder / f"typo-model-{FORMAT}-{key:08x}.bin"


def load(recipe: str) -> Parts | None:
    """The prebuilt parts: the shipped file's, else the user's cached copy; None when neither was
    built from the sources as they are now."""
    fp = fingerprint(recipe)
    try:
        shipped = _data(PACK_NAME)
        raw = shipped.read_bytes() if shipped.is_file() else None
    except OSError:
        raw = None
    parts = parse(raw, fp) if raw is not None else None
    if parts is None:
        path = cache_path(fp)
        raw = read_capped(path, MAX_PACK) if path is not None else None
        parts = parse(raw, fp) if raw is not None else None
    return parts


def save_cache(parts: Parts, recipe: str) -> Path | None:
    """Keep ``parts`` in the user's cache for the next process (atomically: a complete file is
    renamed into place); a cache that cannot be written is no error."""
    fp = fingerprint(recipe)
    path = cache_path(fp)
    if path is None:
        return None
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".typo-model-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(dump(parts, fp))
        os.replace(tmp, path)
        tmp = None
        return path
    except OSError:
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
