"""One document model for every input format, carrying source positions (textlint ``range``).

A :class:`Document` holds the decoded ``source`` text and the :class:`Block` s that rules check.
Each block keeps a segment map from its own text back to offsets in ``source``, so a rule's span
becomes an exact line and column without searching the source again (the Vale ``location.go`` trap).
For .docx the source is virtual: one line per paragraph in document order, so ``line`` is the
paragraph number and ``column`` the position inside that paragraph.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = " \t\u3000\u00a0\ufeff\u200b\u2002\u2003\u2009"


@dataclass(slots=True)
class Block:
    """A unit of checked text: a paragraph, heading, table cell or the title.

    ``segments`` is a sorted list of ``(text_start, source_start, text_len, source_len)``.
    Where ``text_len == source_len`` the run is copied verbatim; otherwise it stands for one
    replaced construct (an HTML entity), and offsets inside it snap to its ends.
    """

    text: str
    kind: str  # title | body | heading | list | table | header | footer | footnote | quote
    where: str = ""
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_source(self, offset: int, end: bool = False) -> int:
        segs = self.segments
        if not segs:
            return offset
        i = bisect.bisect_right(segs, (offset, float("inf"))) - 1
        if end and i > 0 and segs[i][0] == offset:
            i -= 1  # an end offset belongs to the run before it
        i = max(i, 0)
        t0, s0, tl, sl = segs[i]
        if tl == sl:
            return s0 + min(max(offset - t0, 0), tl)
        return s0 + sl if (end or offset > t0) else s0

    def contiguous(self, start: int, end: int) -> bool:
        """``text[start:end]`` comes from one stretch of the source: no source text lies between its
        pieces (two lines a Markdown soft break joined), so a finding there holds exactly its text
        (an HTML entity such as &nbsp; is one piece) and a fix replaces only it."""
        inside = [s for s in self.segments if s[0] < end and s[0] + s[2] > start]
        return all(a[1] + a[3] == b[1] for a, b in itertools.pairwise(inside))


def merge_spans(spans) -> list[tuple[int, int]]:
    """Spans sorted, with overlapping or touching ones merged."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class BlockBuilder:
    """Collects text pieces with their source offsets and emits a :class:`Block`."""

    __slots__ = ("length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.length = 0

    def add(self, text: str, source_start: int, source_len: int | None = None) -> None:
        if not text:
            return
        sl = len(text) if source_len is None else source_len
        last = self.segments[-1] if self.segments else None
        if (
            last is not None
            and sl == len(text)
            and last[2] == last[3]
            and last[0] + last[2] == self.length
            and last[1] + last[3] == source_start
        ):
            self.segments[-1] = (last[0], last[1], last[2] + len(text), last[3] + len(text))
        else:
            self.segments.append((self.length, source_start, len(text), sl))
        self.parts.append(text)
        self.length += len(text)

    def build(self, kind: str, where: str = "") -> Block | None:
        """The block with surrounding white space trimmed; None when nothing is left."""
        block = Block("".join(self.parts), kind, where, self.segments)
        return trimmed_slice(block, 0, len(block.text))


def slice_block(block: Block, start: int, end: int) -> Block:
    """The part [start, end) of a block, with its segments re-based."""
    segs: list[tuple[int, int, int, int]] = []
    for t0, s0, tl, sl in block.segments:
        a, b = max(t0, start), min(t0 + tl, end)
        if a >= b:
            continue
        if tl == sl:
            segs.append((a - start, s0 + (a - t0), b - a, b - a))
        else:
            segs.append((t0 - start, s0, tl, sl))
    return Block(block.text[start:end], block.kind, block.where, segs)


def trimmed_slice(block: Block, start: int, end: int) -> Block | None:
    """The part [start, end) of a block without its surrounding white space; None when nothing is left."""
    piece = block.text[start:end]
    left = start + len(piece) - len(piece.lstrip(_SPACE + "\r\n"))
    right = start + len(piece.rstrip(_SPACE + "\r\n"))
    if right <= left:
        return None
    if left == 0 and right == len(block.text):
        return block
    return slice_block(block, left, right)


def source_block(source: str, start: int, end: int, kind: str, where: str = "") -> Block | None:
    """A block that is the verbatim slice source[start:end], trimmed."""
    b = BlockBuilder()
    b.add(source[start:end], start)
    return b.build(kind, where)


@dataclass(slots=True)
class Document:
    path: str
    source: str
    blocks: list[Block]
    meta: dict = field(default_factory=dict)  # title, date, unit, encoding, bom, newline, format
    # The line number a finding reports for each line of the source, where the format numbers its
    # own (a spreadsheet: one source line per cell, reported as the cell's row); None: source lines.
    line_numbers: list[int] | None = None
    _line_starts: list[int] | None = field(default=None, repr=False)
    _line_text: dict[int, str] = field(default_factory=dict, repr=False)  # one copy per line shown

    @property
    def title(self) -> Block | None:
        for b in self.blocks:
            if b.kind == "title":
                return b
        return None

    @property
    def text_length(self) -> int:
        return sum(len(b.text) for b in self.blocks)

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.source)]
        return self._line_starts

    def location(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source offset (the line as the format numbers
        it, see ``line_numbers``; the column within the source line)."""
        starts = self.line_starts()
        i = bisect.bisect_right(starts, offset) - 1
        line = self.line_numbers[i] if self.line_numbers and i < len(self.line_numbers) else i + 1
        return line, offset - starts[i] + 1

    def source_line_at(self, offset: int) -> str:
        """The line of the source holding ``offset``, as shown under a finding."""
        starts = self.line_starts()
        return self.line_text(bisect.bisect_right(starts, offset))

    def text_at(self, start: int, end: int) -> str:
        """The source span as a reader sees it: HTML entities decoded in an HTML document."""
        text = self.source[start:end]
        if self.meta.get("format") == "html":
            text = html.unescape(text)
        return text

    def line_text(self, line: int) -> str:
        cached = self._line_text.get(line)
        if cached is not None:
            return cached
        starts = self.line_starts()
        a = starts[line - 1]
        b = starts[line] if line < len(starts) else len(self.source)
        self._line_text[line] = self.source[a:b].rstrip("\r\n")
        return self._line_text[line]
