"""Property: random text through every loader and every rule never crashes, and every finding's
position holds its match."""

from __future__ import annotations

import html
import io
import re

import docx
from helpers import assert_positions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import LoadError, load_bytes

PIECES = [
    "习近平书记",
    "布署",
    "再接再励",
    "新时代中国特色社会主义思想",
    "习近平总书记",
    "不属于",
    "会议",
    "强调",
    "，",
    "。",
    ",",
    ".",
    "(",
    ")",
    '"',
    ":",
    ";",
    "?",
    "!",
    "...",
    "——",
    "“",
    "”",
    "《",
    "》",
    "3.14",
    "10:30",
    "https://a.gov.cn/x,y",
    "abc",
    "Luoyang, China",
    "1.",
    " ",
    "\u3000",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\x01",
    "\x0b",
    "\x0c",
    "\x7f",
    "𠀾",
    "𪚥",
    "\U0002a6a5",
    "\ue5e5",
    "\u20ac",
    "#",
    "# ",
    "- ",
    "|",
    "`",
    "```",
    "---",
    "[a](b)",
    "<",
    ">",
    "&",
    "&amp;",
    "<!--",
    "-->",
]
text_st = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
CONFIG = Config()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, name: str):
    try:
        doc = load_bytes(data, name)
    except LoadError:
        return
    findings = lint(doc, CONFIG)
    assert_positions(doc, findings)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(doc.source)


@SETTINGS
@given(text_st)
def test_txt_utf8(text):
    check(text.encode("utf-8"), "a.txt")


@SETTINGS
@given(text_st)
def test_txt_gb18030(text):
    check(text.encode("gb18030"), "a.txt")


@SETTINGS
@given(text_st)
def test_markdown(text):
    check(text.encode("utf-8"), "a.md")


@SETTINGS
@given(text_st, st.booleans())
def test_html(text, escape):
    body = html.escape(text) if escape else text
    check(f"<html><body><p>{body}</p><div>{body}</div></body></html>".encode(), "a.html")


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_st, min_size=1, max_size=4))
def test_docx(paragraphs):
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(_XML_INVALID.sub("", p))
    buf = io.BytesIO()
    d.save(buf)
    check(buf.getvalue(), "a.docx")
