"""Character offsets inside a Word paragraph, mapped to the runs (``w:r``) that hold them.

The .docx loader reads a paragraph's text by walking its XML (text of runs inside ``w:ins``,
content controls and hyperlinks included; ``w:del`` skipped; tab, break and hyphen elements as one
character each). :func:`pieces` walks the same way and keeps, for every character range, the element
it came from and the run it belongs to, so a finding's ``column`` can be found again in the XML.
Used by ``--fix`` (replace text inside one run) and ``govlint review`` (anchor a comment on runs).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from textlint_gov.loaders.docx import _CHAR, _P, _SKIP, _T, W

_R = W + "r"
_RPR = W + "rPr"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(slots=True)
class Piece:
    start: int  # offset in the paragraph text
    end: int
    element: Any  # the w:t, or the w:tab / w:br ... lxml element standing for one character
    run: Any | None  # the enclosing w:r (None when the element is not directly in a run)

    @property
    def is_text(self) -> bool:
        return self.element.tag == _T


def pieces(p) -> list[Piece]:
    """The paragraph's text pieces in reading order, exactly as the loader counts them."""
    out: list[Piece] = []
    pos = 0

    def walk(el) -> None:
        nonlocal pos
        for child in el:
            tag = child.tag
            if tag in _SKIP or tag == _P:
                continue
            if tag == _T or tag in _CHAR:
                n = len(child.text or "") if tag == _T else len(_CHAR[tag])
                parent = child.getparent()
                out.append(
                    Piece(pos, pos + n, child, parent if parent is not None and parent.tag == _R else None)
                )
                pos += n
            else:
                walk(child)

    walk(p)
    return out


def paragraph_text(p) -> str:
    return "".join((pc.element.text or "") if pc.is_text else _CHAR[pc.element.tag] for pc in pieces(p))


def run_spans(p) -> list[tuple[object, int, int]]:
    """(run, start, end) for every run that holds text, in reading order."""
    spans: list[list] = []
    for pc in pieces(p):
        if pc.run is None or pc.start == pc.end:
            continue
        if spans and spans[-1][0] is pc.run:
            spans[-1][2] = pc.end
        else:
            spans.append([pc.run, pc.start, pc.end])
    return [tuple(s) for s in spans]


def set_text(t, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(_XML_SPACE, "preserve")


def split_run(run, k: int) -> tuple[object, object]:
    """Split ``run`` at character ``k`` of its own text: the run keeps [0, k), a copy placed right
    after it holds [k, end). Both keep the run properties (formatting)."""
    twin = copy.deepcopy(run)
    run.addnext(twin)
    left_children = list(run)
    right_children = list(twin)
    pos = 0
    for a, b in zip(left_children, right_children):
        if a.tag == _RPR:
            continue
        n = len(a.text or "") if a.tag == _T else len(_CHAR[a.tag]) if a.tag in _CHAR else 0
        s, e = pos, pos + n
        pos = e
        if n and s < k < e:  # the text element across the split: both halves keep their part
            set_text(a, a.text[: k - s])
            set_text(b, b.text[k - s :])
        elif e <= k and (n > 0 or s < k):
            twin.remove(b)  # wholly left of the split
        else:
            run.remove(a)  # wholly right of the split
    return run, twin


def isolate(p, start: int, end: int) -> list:
    """Split runs so that [start, end) of the paragraph text is covered by whole runs; return
    those runs in order (empty when the span holds no run text)."""
    for point in (start, end):
        for run, s, e in run_spans(p):
            if s < point < e:
                # the run's own text may begin with non-run pieces before it; offsets are within the run
                split_run(run, point - s)
                break
    return [run for run, s, e in run_spans(p) if s < end and e > start]
