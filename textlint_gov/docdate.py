"""The date a draft was written, read from its own text when the format carries no date field.

Rules that change over time (renamed bodies, officeholders, revised formulations) apply by the
post's date (``meta["date"]``, else ``meta["written_date"]``). Markdown front matter and HTML ``<meta>`` give it; a .txt or .docx
公文 gives it in its 成文日期 — a paragraph that is nothing but a date, after the signature — or in a
题注 under the title ("——2024年3月5日在……会议上"). The last such date paragraph wins; the result is
``YYYY-MM-DD`` or None. A flattened page (a crawler's export) puts signature and date on one line:
a date closing a block after a space (``中共某某委员会 2017年9月29日``, ``2018年3月7日印发``) counts too.

Without any of these, :func:`name_date` reads a ``YYYY-MM-DD`` (or ``YYYYMMDD``) date from the file
name, as CMS exports name posts, :func:`path_date` one from its folders (``gsgg/202012/``), and
:func:`number_year` the year of the 发文字号 (``〔2021〕12号``),
taken as 1 January of that year: the earliest the document can be, so a dated rule never fires on
it before its time.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re

_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_ARABIC = re.compile(r"^[（(]?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[）)]?$")
_CAPTION = re.compile(r"^[（(]?——?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_HAN = re.compile(
    r"^[（(]?([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日[）)]?$"
)
_TRAILING = re.compile(r"[\s\u3000]((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:印发|发布)?[）)]?$")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_NUMBER_YEAR = re.compile(r"[〔\[［（(]((?:19|20)\d{2})[〕\]］）)]\s*\d{1,4}\s*号")
# what follows the issuer's code in a 发文字号 (GB/T 9704-2012 7.2.4): the year in brackets and the
# serial number with 号, 〔2016〕70号, [2021]第3号 (the typo guards and GOV601 read codes before it)
DOC_NUMBER_TAIL = r"\s*[〔\[［（(【]\s*(?:19|20)\d\d\s*[〕\]］）)】]\s*第?\s*\d+\s*号"
_HAN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_HAN_DIGIT.update({"○": "0", "零": "0"})


def han_number(s: str) -> int:
    """A number written in Chinese numerals: digit by digit (二〇二一), or with 十 (十二, 三十一)."""
    if "十" not in s:
        return int("".join(_HAN_DIGIT[c] for c in s))
    tens, _, units = s.partition("十")
    return (int(_HAN_DIGIT[tens]) if tens else 1) * 10 + (int(_HAN_DIGIT[units]) if units else 0)


_ANY_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_date(value) -> _dt.date | None:
    """A date written in metadata or a header: 2021-01-05, 2021/1/5, 2021年1月5日, with or without a
    time; a ``date``/``datetime`` as it is; None when there is no valid date."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _ANY_DATE.search(value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def iso_date(value) -> str | None:
    """:func:`parse_date` as ``YYYY-MM-DD``."""
    d = parse_date(value)
    return d.isoformat() if d else None


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def written_date(texts) -> str | None:
    """The 成文日期 (or 题注 date) among the paragraph texts, ISO formatted, or None."""
    texts = list(texts)
    found = None
    for i, raw in enumerate(texts):
        t = _SPACE.sub("", raw)
        trailing = _TRAILING.search(raw.rstrip()[-60:])
        if len(t) > 40:
            if trailing:
                found = _date(int(trailing.group(1)), int(trailing.group(2)), int(trailing.group(3))) or found
            continue
        m = _ARABIC.match(t)
        if m:
            found = _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) or found
            continue
        m = _HAN.match(t)
        if m:
            with contextlib.suppress(KeyError, ValueError):
                found = _date(han_number(m.group(1)), han_number(m.group(2)), han_number(m.group(3))) or found
            continue
        if trailing:
            found = _date(int(trailing.group(1)), int(trailing.group(2)), int(trailing.group(3))) or found
            continue
        if found is None and i < 5:
            m = _CAPTION.match(t)
            if m:
                found = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return found


def name_date(name: str) -> str | None:
    """A date in a file name (``2021-02-05_通知.txt``, ``t20210205_123.html``), ISO formatted, or None."""
    m = _NAME_DATE.search(name)
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_FOLDER_MONTH = re.compile(r"^((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])$")


def path_date(path: str) -> str | None:
    """A date in the folders of a path, as sites and crawlers file posts (``gsgg/202012/…``,
    ``2021-02-05/…``): a full date, else the 1st of a ``YYYYMM`` month. The nearest folder wins."""
    parts = re.split(r"[\\/]", path)[:-1]
    for part in reversed(parts):
        m = _NAME_DATE.fullmatch(part)
        if m:
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _FOLDER_MONTH.match(part)
        if m:
            return _date(int(m.group(1)), int(m.group(2)), 1)
    return None


def number_year(texts) -> str | None:
    """1 January of the year in the first 发文字号 among the first paragraphs, or None."""
    for i, raw in enumerate(texts):
        if i >= 8:
            break
        m = _NUMBER_YEAR.search(raw[:400])
        if m:
            return _date(int(m.group(1)), 1, 1)
    return None
