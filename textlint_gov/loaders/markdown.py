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
    lines = [
        (m.start(), m.group().rstrip("\r\n"))
        for m in _LINE.finditer(text)
        if m.start() < len(text) or m.group()
    ]
    blocks: list[Block] = []
    i = 0
    title_block: Block | None = None
    comments: list[tuple[int, int]] = []

    # Front matter
    if lines and lines[0][1].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j][1].strip() in ("---", "..."):
                fm_text = "\n".join(line for _, line in lines[1:j])
                try:
                    fm = load_text(fm_text, aliases=False) or {}  # no alias: nothing to expand
                except yaml.YAMLError:
                    fm = {}
                if isinstance(fm, dict):
                    meta["front_matter"] = fm
                    for key in ("date", "unit"):
                        if fm.get(key) is not None:
                            meta[key] = str(fm[key])
                    title_block = _front_matter_title(lines[1:j])
                i = j + 1
                break

    para = BlockBuilder()
    para_line = 0

    def flush() -> None:
        nonlocal para
        block = para.build("body", f"第{para_line}行")
        if block is not None:
            blocks.append(block)
        para = BlockBuilder()

    fence: str | None = None
    in_comment = False
    while i < len(lines):
        start, line = lines[i]
        lineno = i + 1
        i += 1
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if in_comment:
            end = line.find("-->")
            if end >= 0:
                in_comment = False
                comments[-1] = (comments[-1][0], start + end + 3)
            continue
        if "<!--" in line and "-->" not in line[line.find("<!--") :]:
            flush()
            in_comment = True
            comments.append((start + line.find("<!--"), len(text)))
            before = line[: line.find("<!--")]
            if before.strip():
                _inline(para, before, start)
            flush()
            continue
        for m in re.finditer(r"<!--.*?-->", line):
            comments.append((start + m.start(), start + m.end()))
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)[0] * 3
            continue
        if not line.strip() or _HR.match(line) or _REFDEF.match(line) or _TABLE_SEP.match(line):
            flush()
            continue
        if _SETEXT.match(line) and para.length:
            # the paragraph above is a setext heading
            block = para.build("heading", f"第{para_line}行")
            para = BlockBuilder()
            if block is not None:
                if title_block is None and line.strip().startswith("="):
                    block.kind = "title"
                    title_block = block
                blocks.append(block)
            continue
        hm = _HEADING.match(line)
        if hm:
            flush()
            body_end = len(_HEADING_TAIL.sub("", line))
            b = BlockBuilder()
            _inline(b, line[hm.end() : body_end], start + hm.end())
            block = b.build("heading", f"第{lineno}行")
            if block is not None:
                if title_block is None and len(hm.group(1)) == 1:
                    block.kind = "title"
                    title_block = block
                blocks.append(block)
            continue
        offset = 0
        q = _QUOTE.match(line)
        if q:
            offset = q.end()
        lm = _LIST.match(line, offset)
        if lm:
            flush()
            offset = lm.end()
        if "|" in line and line.strip().startswith("|"):
            flush()
            cells = _split_cells(line)
            for a, b_ in cells:
                bb = BlockBuilder()
                _inline(bb, line[a:b_], start + a)
                block = bb.build("table", f"第{lineno}行")
                if block is not None:
                    blocks.append(block)
            continue
        if not para.length:
            para_line = lineno
        _inline(para, line[offset:], start + offset)
        if lm:
            flush()
    flush()

    if title_block is not None and title_block not in blocks:
        same = next((b for b in blocks if b.kind == "heading" and b.text == title_block.text), None)
        if same is not None:
            same.kind = "title"  # the visible heading repeats the front matter title: check it there
            title_block = same
        else:
            blocks.insert(0, title_block)
    if title_block is not None:
        meta.setdefault("title", title_block.text)
    meta["comments"] = comments
    return Document(name, text, blocks, meta)


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
