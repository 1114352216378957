"""The literal a block must contain for a dictionary regex to match in it (the prefilter of the
dictionary rules).

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
        ("(?<=总理)李[墙蔷]|李[墙蔷](?=总理)", "总理"),  # in every branch, beside the match
        ("(?<=总理)李[墙蔷]|李[墙蔷](?=同志)", "李"),
        ("(?<=精品|特色)名宿|名宿(?=群|集群)", "名宿"),
        ("，。|。，", "，"),  # one character each branch holds
        ("(?<!…)(?:…{3}|…{5,})(?!…)", "………"),
        ("(?:ab|cd)x", "x"),
        ("ab|", ""),  # an empty branch requires nothing
        ("ab|cd", ""),
        ("(?<!总理)李[墙蔷]", "李"),  # a negative lookaround requires nothing
        ("〔(?=2021〕)", "2021〕"),  # a lookahead's text is in the text, after the match
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


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        ("(?<=总理)李[墙蔷]|李[墙蔷](?=总理)", ["总理李墙", "李蔷总理", "李墙同志"]),
        ("，。|。，", ["好，。", "好。，", "好。。"]),
        ("(?<=精品|特色)名宿|名宿(?=群|集群)", ["精品名宿", "名宿集群", "名宿"]),
        ("〔(?=2021〕)", ["〔2021〕3号", "〔2022〕"]),
    ],
)
def test_a_text_without_the_literal_has_no_match(pattern: str, texts: list[str]) -> None:
    compiled = re.compile(pattern)
    need = required_literal(compiled)
    assert need
    for text in texts:
        assert need in text or not compiled.search(text), text
