"""National names and days: GOV606 (a state, Party or body name one character off), the state-name
entries of GOV001, the local body names of GOV602 and the commemoration days of GOV005."""

from __future__ import annotations

import pytest

from textlint_gov.config import config_from_dict
from textlint_gov.document import Block, Document
from textlint_gov.engine import lint


def _lint(text: str, code: str, date: str | None = "2024-06-01"):
    block = Block(text, "body", "第1行", [(0, 0, len(text), len(text))])
    meta = {"format": "txt", **({"date": date} if date else {})}
    doc = Document("case.txt", text, [block], meta)
    return [f for f in lint(doc, config_from_dict({"select": [code]})) if f.code == code]


@pytest.mark.parametrize(
    "text,match,suggestion",
    [
        ("经国家卫生建康委员会批准", "国家卫生建康委员会", "国家卫生健康委员会"),
        ("依据中华人民共合国有关法律", "中华人民共合国", "中华人民共和国"),
        ("县农业农材局开展培训", "农业农材局", "农业农村局"),
        ("省生态环镜厅通报", "生态环镜厅", "生态环境厅"),
        ("全国人民代表大会常务委圆会", "全国人民代表大会常务委圆会", "全国人民代表大会常务委员会"),
    ],
)
def test_body_name_one_character_off_is_an_error_with_the_name(text, match, suggestion):
    found = _lint(text, "GOV606")
    assert [(f.match, f.suggestion, f.severity.value) for f in found] == [(match, suggestion, "error")]


@pytest.mark.parametrize(
    "text",
    [
        "县农业农村局开展培训",
        "国家发展和改革委员会批复",
        "最高人民检察院检察委员会专职委员",  # 检察委员会 is a body of its own
        "审判委员会或者检察委员会",
        "中国科学园区",  # no name of the list, nor one character off one on word boundaries
        "国家卫生健康部印发",  # a wrong suffix is GOV602's (部/委员会 is no confusion of sound or shape)
        "国家统计局公布",
    ],
)
def test_body_name_right_or_not_near(text):
    assert not _lint(text, "GOV606")


@pytest.mark.parametrize(
    "text,suggestion",
    [
        ("4月14日是第九个全民国家安全教育日", "4月15日"),
        ("每年12月5日为国家宪法日", "12月4日"),
        ("积极开展全国国家安全教育日宣传活动", "全民国家安全教育日"),
        ("南京大屠杀遇难者国家公祭日", "南京大屠杀死难者国家公祭日"),
    ],
)
def test_commemoration_day_with_a_wrong_date_or_name_is_a_warning(text, suggestion):
    found = _lint(text, "GOV005")
    assert [(f.suggestion, f.severity.value) for f in found] == [(suggestion, "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "4月15日是第九个全民国家安全教育日",
        "4月12日，我县开展全民国家安全教育日宣传活动",  # an activity before the day
        "4月14日是全民国家安全教育日前夕",
        "12月4日是国家宪法日，也是全国法制宣传日",
    ],
)
def test_commemoration_day_right(text):
    assert not _lint(text, "GOV005")


def test_local_body_name_no_body_has_is_an_error_but_real_committees_pass():
    found = _lint("县退役军人事务管理局发放优抚金", "GOV602")
    assert [(f.suggestion, f.severity.value) for f in found] == [("退役军人事务局", "error")]
    assert not _lint("全国政协农业和农村委员会", "GOV602")  # a real committee of the CPPCC
    assert not _lint("县纪律检查委员会", "GOV001")
    assert [f.suggestion for f in _lint("县纪律检察委员会", "GOV001")] == ["纪律检查委员会"]


def _listed_names() -> list[str]:
    from textlint_gov.rules.kinds import dictionaries_dir

    names = []
    for file in ("body_names.txt", "body_names_known.txt"):
        text = (dictionaries_dir() / file).read_text(encoding="utf-8")
        names += [n.strip() for n in text.splitlines() if n.strip() and not n.startswith("#")]
    return names


@pytest.mark.parametrize(
    "text", ["学校成立卫生检查委员会", "县人民检察院检察委员会研究决定", "区监察委员会通报"]
)
def test_names_known_but_never_suggested(text):
    """检察委员会 written right is no slip of 监察委员会, and 检查委员会 is no slip of 检察委员会."""
    assert not _lint(text, "GOV606")


@pytest.mark.parametrize("name", _listed_names())
def test_every_listed_name_written_right_is_no_finding(name):
    """Each entry of dictionaries/body_names.txt carries its pass case: written right, in a sentence,
    it is no finding (the flag cases of the rule are above and in the rule's own cases)."""
    assert not _lint(f"经{name}研究决定，现予公布。", "GOV606")
