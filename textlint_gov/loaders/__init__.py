"""Loaders turn a draft into a :class:`~textlint_gov.document.Document`, one module per format.

``load(path)`` picks the loader by suffix; ``load_bytes(data, name)`` serves standard input and
uploads. Every failure is a :class:`LoadError` whose message names the cause in Chinese; callers
add the file name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textlint_gov.docdate import name_date, number_year, path_date, written_date
from textlint_gov.document import Document

# The formats' own libraries (python-docx, PDFium, calamine, OCR) are imported by each loader when
# it first reads a file, so these imports stay light.
from textlint_gov.loaders import base
from textlint_gov.loaders.base import (
    IMAGE_SUFFIXES,
    MAX_INPUT_BYTES,
    LoadError,
    read_input,
    read_stream,
    too_large,
)
from textlint_gov.loaders.docx import load_docx
from textlint_gov.loaders.html import load_html
from textlint_gov.loaders.image import (
    active_ocr,
    add_pictures,
    docx_pictures,
    html_pictures,
    load_image,
)
from textlint_gov.loaders.markdown import load_markdown
from textlint_gov.loaders.office import load_old_word
from textlint_gov.loaders.pdf import load_pdf
from textlint_gov.loaders.txt import load_txt
from textlint_gov.loaders.xlsx import load_sheet

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_INPUT_BYTES",
    "SUFFIXES",
    "LoadError",
    "load",
    "load_bytes",
    "read_input",
    "read_stream",
]


def _txt(data: bytes, name: str) -> Document:
    return load_txt(data, name)


def _md(data: bytes, name: str) -> Document:
    return load_markdown(data, name)


def _html(data: bytes, name: str) -> Document:
    doc = load_html(data, name)
    if active_ocr():  # --ocr: the pictures the page shows, from its own folder (issue 13)
        add_pictures(doc, html_pictures(doc.source, name))
    return doc


def _docx(data: bytes, name: str) -> Document:
    doc = load_docx(data, name)
    if active_ocr():  # --ocr: the pictures in the document (issue 13)
        add_pictures(doc, docx_pictures(doc.meta["docx"]))
    return doc


def _pdf(data: bytes, name: str) -> Document:
    return load_pdf(data, name, active_ocr())


def _sheet(data: bytes, name: str) -> Document:
    return load_sheet(data, name)


def _old_word(data: bytes, name: str) -> Document:
    return load_old_word(data, name)


def _image(data: bytes, name: str) -> Document:
    return load_image(data, name)


LOADERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": _txt,
    ".md": _md,
    ".markdown": _md,
    ".html": _html,
    ".htm": _html,
    ".docx": _docx,
    # attachments (issue 13)
    ".pdf": _pdf,
    ".xlsx": _sheet,
    ".xls": _sheet,
    ".et": _sheet,
    ".doc": _old_word,
    ".wps": _old_word,
}
# Pictures need OCR (--ocr): loaded when named, found in folders only with --ocr (IMAGE_SUFFIXES).
SUFFIXES = tuple(LOADERS)
ATTACHMENT_SUFFIXES = (".pdf", ".xlsx", ".xls", ".et", ".doc", ".wps", *IMAGE_SUFFIXES)
LOADERS.update(dict.fromkeys(IMAGE_SUFFIXES, _image))


def load_bytes(data: bytes, name: str, suffix: str | None = None) -> Document:
    suffix = (suffix or Path(name).suffix).lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {'、'.join(SUFFIXES)}）")
    if not data:
        raise LoadError("文件为空")
    if len(data) > base.MAX_INPUT_BYTES:
        raise too_large()
    try:
        doc = loader(data, name)
    except RecursionError:
        raise LoadError("文档结构嵌套过深，已拒绝") from None
    except MemoryError:
        raise LoadError("文档过大，内存不足") from None
    _date_document(doc, name)
    return doc


def _date_document(doc: Document, name: str) -> None:
    """Date a post that its format left undated, for the rules that change over time.

    A file name starting with a date (``2021-02-05_通知.txt``, as CMS exports name posts) gives its
    publication date; else the 成文日期 in the text, a date elsewhere in the file name
    (``t20210205_123.html``), in its folders (``gsgg/202012/``) or the year of its 发文字号 go to
    ``meta["written_date"]``:
    rules use them, but the audit counts only a file-name date or metadata as publication date.
    """
    if doc.meta.get("date"):
        return
    base = Path(name).name
    in_name = name_date(base)
    if in_name and base.startswith(in_name[:4]):
        doc.meta["date"] = in_name  # the export's YYYY-MM-DD_ prefix, as the audit reads it
        return
    if doc.meta.get("written_date"):
        return
    date = (
        written_date(b.text for b in doc.blocks)
        or in_name
        or path_date(name)
        or number_year(b.text for b in doc.blocks)
    )
    if date:
        doc.meta["written_date"] = date


def load(path: str | os.PathLike) -> Document:
    return load_bytes(read_input(path), str(path))
