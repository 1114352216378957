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
        if not blocks:
            block.kind = "title"
            meta.setdefault("title", block.text)
        blocks.append(block)
    meta.setdefault("newline", newline_style(text))
    return Document(name, text, blocks, meta)
