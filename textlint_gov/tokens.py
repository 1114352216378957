"""Word segmentation with jieba's dictionary through rjieba (the Rust port: same dictionary and
token offsets as jieba, 20-30x faster, 0.1 s to load). Loaded on first use only."""

from __future__ import annotations

from functools import lru_cache

_added: set[str] = set()


@lru_cache(maxsize=1)
def _jieba():
    import rjieba

    return rjieba


def add_words(words) -> None:
    """Teach the segmenter words it must keep whole (government vocabulary, user words)."""
    jb = _jieba()
    for w in words:
        if w and w not in _added:
            jb.add_word(w, None, None)
            _added.add(w)
    boundaries.cache_clear()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) in code points."""
    return _jieba().tokenize(text, "default", True)


@lru_cache(maxsize=256)
def boundaries(text: str) -> frozenset[int]:
    """Offsets where a token starts or ends."""
    out = {0, len(text)}
    for _, a, b in tokenize(text):
        out.add(a)
        out.add(b)
    return frozenset(out)
