"""Paired marks (issue 10): a bracket of a 法规 header wrapped across lines is paired (GOV302), and
a half-width pair is reported and fixed as one (GOV301, ``--fix``), so a fix never leaves ``(…）``."""

from __future__ import annotations

import json

import pytest

from tests.helpers import lint_text
from textlint_gov.config import Config, config_from_dict
from textlint_gov.document import Block
from textlint_gov.findings import Applicability, Edit, Finding, Severity
from textlint_gov.fix import choose, fix_bytes
from textlint_gov.rules import Context, registry


def _gov302(text, name="a.txt"):
    return [
        (f.line, f.match) for f in lint_text(text, name=name, config=config_from_dict({"select": ["GOV302"]}))
    ]


# --- GOV302: brackets across blocks ---------------------------------------------------------

HEADER = "福建省文明行为促进条例\n（2019年3月28日福建省第十三届人民代表大会常务委员会\n第九次会议通过）\n"


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "第一条　为了培育和践行社会主义核心价值观，制定本条例。\n",
        "某某条例\n（2019年3月28日某某省人民代表大会常务委员会第九次会议通过；\n2022年5月27日修正）\n正文。\n",
        "某某条例\n（2019年3月28日某某省人民代表大会\n常务委员会第九次会议通过\n根据2022年5月27日决定修正）\n",
        "关于印发《某某区深化“放管服”改革\n优化营商环境实施方案》的通知\n正文。\n",
    ],
)
def test_bracket_wrapped_over_short_lines_is_paired(text):
    assert _gov302(text) == []


def test_bracket_wrapped_in_markdown_and_docx_paragraphs_is_paired(tmp_path):
    from tests.conftest import make_docx
    from tests.helpers import lint_file

    assert (
        _gov302(
            "# 福建省文明行为促进条例\n\n（2019年3月28日福建省第十三届人民代表大会常务委员会\n\n第九次会议通过）\n",
            name="a.md",
        )
        == []
    )
    path = make_docx(
        tmp_path / "a.docx",
        ["（2019年3月28日福建省第十三届人民代表大会常务委员会", "第九次会议通过）"],
        heading="福建省文明行为促进条例",
    )
    _, findings = lint_file(path, config_from_dict({"select": ["GOV302"]}))
    assert findings == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("通知\n落实企业主体责任）。\n", [(2, "）")]),  # nothing opened it
        ("通知\n会议要求：\n落实企业主体责任）。\n", [(3, "）")]),
        ("通知\n（一）加强领导。\n落实责任）。\n", [(3, "）")]),  # the bracket above is closed already
        # the opener stands in a long paragraph: body text, not a wrapped header line
        ("通知\n" + "各单位要高度重视，" * 15 + "（具体要求另行通知。\n补充说明）\n", [(2, "（"), (3, "）")]),
        # more than three blocks apart
        ("通知\n（2019年3月28日\n甲\n乙\n丙\n通过）\n", [(6, "）")]),
    ],
)
def test_unpaired_bracket_still_reported(text, expected):
    found = _gov302(text)
    assert [x for x in found if x in expected] == expected, found


def test_cross_block_pairing_needs_the_neighbour_view():
    """A caller without the neighbour view (Context.blocks) gets the paragraph-local rule."""
    rule = registry()["GOV302"]
    blocks = [
        Block("福建省文明行为促进条例", "title"),
        Block("（2019年3月28日福建省第十三届人民代表大会常务委员会", "body"),
        Block("第九次会议通过）", "body"),
    ]
    alone = list(rule.check(Context(blocks[2], {}, {})))
    assert [blocks[2].text[h.start] for h in alone] == ["）"]
    assert list(rule.check(Context(blocks[2], {}, {}, frozenset(), blocks, 2))) == []


# --- GOV301: a half-width pair is one thing -------------------------------------------------


def _gov301(body):
    return [
        (f.match, f.suggestion, f.applicability.value)
        for f in lint_text("标题\n" + body, config=config_from_dict({"select": ["GOV301"]}))
    ]


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            "(2021年第2期)",
            [("(", "（", "safe"), (")", "）", "safe")],
        ),  # "(" has no Chinese neighbour of its own
        ("见《某某通讯》(2021)", [("(", "（", "safe"), (")", "）", "safe")]),
        ('"OK"是常用语。', [('"', "“", "safe"), ('"', "”", "safe")]),
        ("(2021年第2期）", [("(", "（", "safe")]),  # a mixed pair left by an earlier fix: its half-width half
        ("（2021年第2期)", [(")", "）", "safe")]),
        (
            "网站(www.gov.cn)“公示公告”栏",
            [("(", "（", "safe"), (")", "）", "safe")],
        ),  # ")" is no part of the address
        (
            "详见(https://zh.wikipedia.org/wiki/A_(B))",
            [("(", "（", "safe"), (")", "）", "safe")],
        ),  # the address keeps its own pair
        ('他说"要落实。', [('"', "“", "unsafe")]),  # a lone quote: which way it faces is a guess
    ],
)
def test_halfwidth_pair_reported_together(body, expected):
    assert _gov301(body) == expected


def test_latin_brackets_stay_unflagged():
    assert _gov301("英文名称为Luoyang City, Henan Province (China).") == []


def _finding(start, content, match):
    return Finding(
        "GOV301",
        "punctuation",
        Severity.WARNING,
        "m",
        "x.txt",
        start,
        start + 1,
        1,
        start + 1,
        1,
        start + 2,
        match,
        content,
        fix=(Edit(start, start + 1, content),),
        applicability=Applicability.SAFE,
    )


def test_choose_keeps_or_drops_both_halves_of_a_pair():
    opening, closing = _finding(0, "（", "("), _finding(9, "）", ")")
    other = Finding(
        "GOV001",
        "expression",
        Severity.ERROR,
        "m",
        "x.txt",
        9,
        11,
        1,
        10,
        1,
        12,
        ")年",
        "x",
        fix=(Edit(9, 11, "x"),),
        applicability=Applicability.SAFE,
    )
    assert choose([opening, closing]) == [closing, opening]
    taken = choose(
        [opening, closing, other]
    )  # the ")" overlaps a longer fix: "(" waits for the next pass too
    assert opening not in taken and closing not in taken and other in taken


# --- --fix / --diff on a written draft --------------------------------------------------------

DRAFT = "关于转发简报的通知\n(2021年第2期)\n各村(社区)要认真学习。\n"
FIXED = "关于转发简报的通知\n（2021年第2期）\n各村（社区）要认真学习。\n"


def test_fix_turns_a_pair_into_full_width_together(tmp_path, run_cli):
    path = tmp_path / "简报.txt"
    path.write_text(DRAFT, encoding="utf-8")
    diff = run_cli("--diff", path)
    assert diff.exit_code == 1 and "+（2021年第2期）" in diff.output and "-(2021年第2期)" in diff.output
    assert path.read_text(encoding="utf-8") == DRAFT  # --diff writes nothing
    run_cli("--fix", path)
    assert path.read_text(encoding="utf-8") == FIXED
    relint = json.loads(run_cli("--select", "GOV301,GOV302", "--format", "json", path).output)
    assert relint == []  # converged: nothing left to fix or pair
    assert fix_bytes(FIXED.encode("utf-8"), "a.txt", Config()).applied == []


def test_fix_completes_a_mixed_pair_left_by_an_older_run():
    result = fix_bytes("通知\n(2021年第2期）\n".encode(), "a.txt", config_from_dict({"select": ["GOV301"]}))
    assert result.fixed.decode("utf-8") == "通知\n（2021年第2期）\n" and result.findings == []
