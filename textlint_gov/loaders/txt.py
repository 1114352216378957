"""Plain text: one block per line; the first non-empty line is the title."""

from __future__ import annotations

import re

from textlint_gov.document import Document, source_block
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
    blocks = []
    for n, m in enumerate(_LINE.finditer(text), 1):
        if m.start() == len(text):
            break
        content = m.group().rstrip("\r\n")
        block = source_block(text, m.start(), m.start() + len(content), "body", f"第{n}行")
        if block is None:
            continue
        if not blocks and looks_like_title(block.text):
            block.kind = "title"
            meta.setdefault("title", block.text)
        blocks.append(block)
    meta.setdefault("newline", newline_style(text))
    return Document(name, text, blocks, meta)
