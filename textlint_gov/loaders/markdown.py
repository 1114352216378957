"""Markdown: front matter, fenced code, HTML comments, link targets and images are not checked.

Title: front matter ``title:``, else the first level-1 ``#`` heading. Paragraph lines are joined
into one block (a soft line break inside Chinese text is no break). Headings, list items, quotes
and table cells are blocks of their own.
"""

from __future__ import annotations

import re

import yaml

from textlint_gov.document import Block, BlockBuilder, Document
from textlint_gov.loaders.encoding import decode
from textlint_gov.loaders.txt import newline_style
from textlint_gov.yamlfile import load_text

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_HR = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
# Inline constructs: what to keep of each (group "keep"), the rest of the match is dropped.
_INLINE = re.compile(
    r"(?P<code>`+)(?:.+?)(?P=code)"  # inline code: dropped
    r"|!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)"  # image: dropped
    r"|\[(?P<link>[^\]]*)\]\((?:[^()]|\([^()]*\))*\)"  # link: text kept, target (one level of parentheses) dropped
    r"|\[(?P<ref>[^\]]*)\]\[[^\]]*\]"  # reference link: text kept
    r"|<(?:https?://|mailto:)[^>]*>"  # autolink: dropped
    r"|<!--.*?-->"  # one-line comment: dropped
    r"|</?[A-Za-z][^>]*>"  # inline HTML tag: dropped
    r"|\*\*|__|~~"  # strong / strike markers: dropped
)


def load_markdown(data: bytes, name: str) -> Document:
    text, enc, bom = decode(data)
    meta: dict = {"format": "md", "encoding": enc, "bom": bom, "newline": newline_style(text)}
    reader = _Reader(text, meta)
    reader.read()
    meta["comments"] = reader.comments
    return Document(name, text, reader.blocks, meta)


class _Reader:
    """One pass over the lines of a Markdown draft: front matter, then block by block (fenced code
    and HTML comments skipped, headings, setext headings, table rows, list items and paragraphs)."""

    def __init__(self, text: str, meta: dict) -> None:
        self.text, self.meta = text, meta
        self.lines = [
            (m.start(), m.group().rstrip("\r\n"))
            for m in _LINE.finditer(text)
            if m.start() < len(text) or m.group()
        ]
        self.blocks: list[Block] = []
        self.title: Block | None = None
        self.comments: list[tuple[int, int]] = []
        self.para = BlockBuilder()
        self.para_line = 0
        self.fence: str | None = None
        self.in_comment = False

    def read(self) -> None:
        first = self._front_matter()
        for i in range(first, len(self.lines)):
            start, line = self.lines[i]
            self._line(start, line, i + 1)
        self._flush()
        self._place_title()

    def _front_matter(self) -> int:
        """Read a ``---`` block at the top (date, unit, title); the index of the first body line."""
        lines = self.lines
        if not lines or lines[0][1].strip() != "---":
            return 0
        for j in range(1, len(lines)):
            if lines[j][1].strip() in ("---", "..."):
                fm_text = "\n".join(line for _, line in lines[1:j])
                try:
                    fm = load_text(fm_text, aliases=False) or {}  # no alias: nothing to expand
                except yaml.YAMLError:
                    fm = {}
                if isinstance(fm, dict):
                    self.meta["front_matter"] = fm
                    for key in ("date", "unit"):
                        if fm.get(key) is not None:
                            self.meta[key] = str(fm[key])
                    self.title = _front_matter_title(lines[1:j])
                return j + 1
        return 0

    def _flush(self) -> None:
        block = self.para.build("body", f"第{self.para_line}行")
        if block is not None:
            self.blocks.append(block)
        self.para = BlockBuilder()

    def _add_heading(self, block: Block | None, is_title: bool) -> None:
        if block is not None:
            if self.title is None and is_title:
                block.kind = "title"
                self.title = block
            self.blocks.append(block)

    def _line(self, start: int, line: str, lineno: int) -> None:
        if self.fence is not None:
            if line.strip().startswith(self.fence):
                self.fence = None
            return
        if self.in_comment:
            end = line.find("-->")
            if end >= 0:
                self.in_comment = False
                self.comments[-1] = (self.comments[-1][0], start + end + 3)
            return
        if "<!--" in line and "-->" not in line[line.find("<!--") :]:
            self._open_comment(start, line)
            return
        for m in re.finditer(r"<!--.*?-->", line):
            self.comments.append((start + m.start(), start + m.end()))
        opening = _FENCE.match(line)
        if opening:
            self._flush()
            self.fence = opening.group(1)[0] * 3
        elif not line.strip() or _HR.match(line) or _REFDEF.match(line) or _TABLE_SEP.match(line):
            self._flush()
        elif _SETEXT.match(line) and self.para.length:  # the paragraph above is a setext heading
            block = self.para.build("heading", f"第{self.para_line}行")
            self.para = BlockBuilder()
            self._add_heading(block, line.strip().startswith("="))
        elif hm := _HEADING.match(line):
            self._flush()
            body_end = len(_HEADING_TAIL.sub("", line))
            b = BlockBuilder()
            _inline(b, line[hm.end() : body_end], start + hm.end())
            self._add_heading(b.build("heading", f"第{lineno}行"), len(hm.group(1)) == 1)
        else:
            self._text_line(start, line, lineno)

    def _open_comment(self, start: int, line: str) -> None:
        """An HTML comment that goes on past this line: the text before it, then skip to ``-->``."""
        self._flush()
        self.in_comment = True
        self.comments.append((start + line.find("<!--"), len(self.text)))
        before = line[: line.find("<!--")]
        if before.strip():
            _inline(self.para, before, start)
        self._flush()

    def _text_line(self, start: int, line: str, lineno: int) -> None:
        """A quoted, listed, table or paragraph line."""
        offset = 0
        q = _QUOTE.match(line)
        if q:
            offset = q.end()
        lm = _LIST.match(line, offset)
        if lm:
            self._flush()
            offset = lm.end()
        if "|" in line and line.strip().startswith("|"):
            self._flush()
            for a, b in _split_cells(line):
                cell = BlockBuilder()
                _inline(cell, line[a:b], start + a)
                block = cell.build("table", f"第{lineno}行")
                if block is not None:
                    self.blocks.append(block)
            return
        if not self.para.length:
            self.para_line = lineno
        _inline(self.para, line[offset:], start + offset)
        if lm:
            self._flush()

    def _place_title(self) -> None:
        """The front matter title is checked where the page shows it: at the heading that repeats
        it, else as a block of its own before the body."""
        title = self.title
        if title is not None and title not in self.blocks:
            same = next((b for b in self.blocks if b.kind == "heading" and b.text == title.text), None)
            if same is not None:
                same.kind = "title"
                title = same
            else:
                self.blocks.insert(0, title)
        if title is not None:
            self.meta.setdefault("title", title.text)


def _inline(builder: BlockBuilder, line: str, source_start: int) -> None:
    pos = 0
    for m in _INLINE.finditer(line):
        builder.add(line[pos : m.start()], source_start + pos)
        keep = m.group("link") if m.group("link") is not None else m.group("ref")
        if keep:
            ks = m.start() + 1
            builder.add(keep, source_start + ks)
        pos = m.end()
    builder.add(line[pos:], source_start + pos)


def _split_cells(line: str) -> list[tuple[int, int]]:
    cells = []
    start = line.index("|") + 1
    i = start
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == "|":
            cells.append((start, i))
            start = i + 1
        i += 1
    if line[start:].strip():
        cells.append((start, len(line)))
    return cells


def _front_matter_title(fm_lines: list[tuple[int, str]]) -> Block | None:
    for start, line in fm_lines:
        m = re.match(r"^title:[ \t]*(['\"]?)(.*?)\1[ \t]*$", line)
        if m and m.group(2):
            b = BlockBuilder()
            b.add(m.group(2), start + m.start(2))
            return b.build("title", "标题")
    return None
