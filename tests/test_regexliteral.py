"""The literal a dictionary regex's matches must contain (the prefilter of the dictionary rules).

The shipped regexes' own flag cases (test_rulebook) run with the prefilter on, so a literal that
wrongly skipped a regex fails there too."""

from __future__ import annotations

import re

import pytest

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes
from textlint_gov.regexliteral import required_literal


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        ("截止(?:到)?(?=\\d{4}年)", "截止"),
        ('(?<![“"])两个维护(?![”"])', "两个维护"),
        ("，{2,}", "，，"),  # two copies of a repeated literal are always there
        ("、{2,}等", "、、等"),  # and contiguous with what follows
        ("〔((?:19|20)\\d{2})〕\\s*第\\s*(\\d+)\\s*号", "〔"),
        ("人力资源与社会保障(?=部|厅|局)", "人力资源与社会保障"),
        ("(?<=总理)李[墙蔷]|李[墙蔷](?=总理)", ""),  # a top-level alternation: always run
        ("(?i)toc\\s+x", ""),  # ignore-case: the case of the literal is not known
        ("\\d+%?", ""),
        ("年?底", "底"),  # an optional literal is not required
        ("(?<![\\d.])(4)[.．](15)(?=”)", "15"),  # plain groups are read through
        ("((?:19|20)\\d{2}年)0([1-9])月", "年0"),
        ("(?i:ab)cd", "cd"),  # a group with its own flags is opaque
    ],
)
def test_required_literal(pattern: str, literal: str) -> None:
    assert required_literal(re.compile(pattern)) == literal


def test_prefilter_keeps_findings() -> None:
    """A block with the literal still gets its finding; the regex rules find what they found before."""
    doc = load_bytes("截止2024年底，已完成。\n截至2024年底，已完成。\n".encode(), "t.txt")
    found = [(f.code, f.line) for f in lint(doc, Config(select=["GOV101"]))]
    assert found == [("GOV101", 1)]
