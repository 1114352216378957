"""Loaders turn a draft into a :class:`~textlint_gov.document.Document`, one module per format.

``load(path)`` picks the loader by suffix; ``load_bytes(data, name)`` serves standard input and
uploads. Every failure is a :class:`LoadError` whose message names the cause in Chinese; callers
add the file name.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from textlint_gov.docdate import name_date, number_year, path_date, written_date
from textlint_gov.document import Document

MAX_INPUT_BYTES = 50 * 1024 * 1024


class LoadError(Exception):
    """A draft that cannot be read; ``str(err)`` is the one-line cause."""


def _txt(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.txt import load_txt

    return load_txt(data, name)


def _md(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.markdown import load_markdown

    return load_markdown(data, name)


def _html(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.html import load_html
    from textlint_gov.loaders.image import active_ocr, add_pictures, html_pictures

    doc = load_html(data, name)
    if active_ocr():  # --ocr: the pictures the page shows, from its own folder (issue 13)
        add_pictures(doc, html_pictures(doc.source, name))
    return doc


def _docx(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.docx import load_docx
    from textlint_gov.loaders.image import active_ocr, add_pictures, docx_pictures

    doc = load_docx(data, name)
    if active_ocr():  # --ocr: the pictures in the document (issue 13)
        add_pictures(doc, docx_pictures(doc.meta["docx"]))
    return doc


def _pdf(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.image import active_ocr
    from textlint_gov.loaders.pdf import load_pdf

    return load_pdf(data, name, active_ocr())


def _sheet(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.xlsx import load_sheet

    return load_sheet(data, name)


def _old_word(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.office import load_old_word

    return load_old_word(data, name)


def _image(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.image import load_image

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
# Pictures need OCR (--ocr): loaded when named, found in folders only with --ocr.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff")
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
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large()
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


def read_input(path: str | os.PathLike) -> bytes:
    """The bytes of a draft on disk, read only if it is a regular file (a FIFO, a device or a link
    to /dev/zero is refused before it is opened) and only up to the size limit."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise LoadError("是文件夹，不是文件")
        if not stat.S_ISREG(st.st_mode):
            raise LoadError("不是普通文件（设备、管道或套接字），已拒绝")
        if st.st_size > MAX_INPUT_BYTES:
            raise _too_large()
        with p.open("rb") as fh:
            return _read_capped(fh)
    except FileNotFoundError:
        raise LoadError("文件不存在") from None
    except PermissionError:
        raise LoadError("没有读取权限") from None
    except OSError as e:
        raise LoadError(f"无法读取：{e.strerror or e}") from None


def read_stream(fh: BinaryIO) -> bytes:
    """Standard input, read up to the size limit (``- < /dev/zero`` stops there)."""
    return _read_capped(fh)


def _read_capped(fh: BinaryIO) -> bytes:
    data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large()
    return data


def _too_large() -> LoadError:
    return LoadError(f"文件过大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB）")


def load(path: str | os.PathLike) -> Document:
    return load_bytes(read_input(path), str(path))
