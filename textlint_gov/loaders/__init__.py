"""Loaders turn a draft into a :class:`~textlint_gov.document.Document`, one module per format.

``load(path)`` picks the loader by suffix; ``load_bytes(data, name)`` serves standard input and
uploads. Every failure is a :class:`LoadError` whose message names the cause in Chinese; callers
add the file name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

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

    return load_html(data, name)


def _docx(data: bytes, name: str) -> Document:
    from textlint_gov.loaders.docx import load_docx

    return load_docx(data, name)


LOADERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": _txt,
    ".md": _md,
    ".markdown": _md,
    ".html": _html,
    ".htm": _html,
    ".docx": _docx,
}
SUFFIXES = tuple(LOADERS)


def load_bytes(data: bytes, name: str, suffix: str | None = None) -> Document:
    suffix = (suffix or Path(name).suffix).lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {'、'.join(SUFFIXES)}）")
    if not data:
        raise LoadError("文件为空")
    if len(data) > MAX_INPUT_BYTES:
        raise LoadError(f"文件过大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB）")
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
    from textlint_gov.docdate import name_date, number_year, path_date, written_date

    base = Path(name).name
    in_name = name_date(base)
    if in_name and base.startswith(in_name[:4]):
        doc.meta["date"] = in_name  # the export's YYYY-MM-DD_ prefix, as the audit reads it
        return
    if doc.meta.get("written_date"):
        return
    date = (written_date(b.text for b in doc.blocks) or in_name or path_date(name)
            or number_year(b.text for b in doc.blocks))
    if date:
        doc.meta["written_date"] = date


def load(path: str | os.PathLike) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise LoadError("文件不存在") from None
    except IsADirectoryError:
        raise LoadError("是文件夹，不是文件") from None
    except PermissionError:
        raise LoadError("没有读取权限") from None
    except OSError as e:
        raise LoadError(f"无法读取：{e.strerror or e}") from None
    return load_bytes(data, str(path))
