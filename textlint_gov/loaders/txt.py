"""Plain text: one block per line; the first non-empty line is the title.

A page saved from a government site keeps its metadata header and page chrome
(:mod:`textlint_gov.loaders.crawl`): the header's 标题 is the title and its 发布时间 the post's date;
the header, breadcrumb, share bar, metadata table and trailer are not checked.
"""

from __future__ import annotations

import re

from textlint_gov.docdate import iso_date
from textlint_gov.document import Block, Document, source_block, trimmed_slice
from textlint_gov.loaders.crawl import (
    chrome_spans,
    footer_start,
    furniture_line,
    meta_table_fields,
    parse_header,
)
from textlint_gov.loaders.encoding import decode

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def newline_style(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text:
        return "\r"
    return "\n"


def looks_like_title(line: str) -> bool:
    """The first line of a plain-text draft is its title unless it reads as body text: a
    salutation or lead-in ending with a colon, several sentences, or a long paragraph."""
    body = line.rstrip()
    if body.endswith(("：", ":")) or "。" in body[:-1]:
        return False
    if body.endswith("。") and "，" in body:
        return False  # a whole sentence (a news lead: 新华社北京电 近日，……印发了……。)
    return len(body) <= 80


def load_txt(data: bytes, name: str) -> Document:
    text, enc, bom = decode(data)
    return text_document(text, name, {"format": "txt", "encoding": enc, "bom": bom})


def text_document(text: str, name: str, meta: dict) -> Document:
    header = parse_header(text)
    blocks: list[Block] = []
    body_start = 0
    sources: tuple[str, ...] = ()
    if header is not None:
        body_start = header.end
        _header_meta(header, meta)
        sources = tuple(v for v in (header.value("unit"),) if v)
        if "title" in header.fields:
            _, a, b = header.fields["title"]
            title = source_block(text, a, b, "title", "标题")
            if title is not None:
                blocks.append(title)
                meta.setdefault("title", title.text)
    lines = []
    for n, m in enumerate(_LINE.finditer(text), 1):
        if m.start() == len(text):
            break
        if m.start() < body_start:
            continue
        content = m.group().rstrip("\r\n")
        block = source_block(text, m.start(), m.start() + len(content), "body", f"第{n}行")
        if block is not None and not furniture_line(block.text):
            lines.append(block)
    for block in lines[: footer_start([b.text for b in lines])]:
        for key, value in meta_table_fields(block.text).items():
            meta.setdefault(key, value)
        for part in _without_chrome(block, sources):
            if not blocks and looks_like_title(part.text):
                part.kind = "title"
                meta.setdefault("title", part.text)
            blocks.append(part)
    meta.setdefault("newline", newline_style(text))
    return Document(name, text, blocks, meta)


def _header_meta(header, meta: dict) -> None:
    for role in ("date", "written_date"):
        date = iso_date(header.value(role))
        if date:
            meta.setdefault(role, date)
    if header.value("unit"):
        meta.setdefault("unit", header.value("unit"))


def _without_chrome(block: Block, sources: tuple[str, ...]) -> list[Block]:
    """The block with the page chrome cut out: one block per remaining piece, positions kept."""
    spans = chrome_spans(block.text, sources)
    if not spans:
        return [block]
    parts = []
    pos = 0
    for a, b in [*spans, (len(block.text), len(block.text))]:
        piece = trimmed_slice(block, pos, a)
        if piece is not None:
            parts.append(piece)
        pos = b
    return parts
