"""The Python rules of the rule book: their must-flag and must-not-flag cases through the real
engine, the behaviours their docs promise, rule documentation completeness and docs/rules.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import make_pdf

from textlint_gov.config import config_from_dict
from textlint_gov.docdate import written_date
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes
from textlint_gov.rules import registry
from textlint_gov.rules._numbers import id_check_char, luhn_ok, valid_resident_id
from textlint_gov.rules.kinds import DictionaryRule

ROOT = Path(__file__).resolve().parent.parent

# Rules carry their own cases (Rule.flags, Rule.passes, Rule.cases_file, Rule.cases_config); these
# are the cases a rule file cannot hold (GOV911: a PDF with a scanned page, built by the test) or not
# moved into their rule yet. code -> (file name, [(bad text, suggestion or None)], [good texts]).
CASES: dict[str, tuple[str, list[tuple[str, str | None]], list[str]]] = {
    "GOV102": (
        "a.txt",
        [("通知\n发挥好上情下达、下请上传的作用。\n", None)],
        ["通知\n发挥好上情下达、下情上传的作用。\n"],
    ),
    "GOV911": (
        "a.pdf",
        [(make_pdf([["通知"], "scan"]).decode("ascii"), None)],
        [make_pdf([["通知"], ["正文。"]]).decode("ascii")],
    ),
}


def _findings(code: str, name: str, text: str, **config):
    rule = registry()[code]
    raw = {"select": [code], **rule.cases_config, **config}
    doc = load_bytes(text.encode("utf-8"), name)
    return [f for f in lint(doc, config_from_dict(raw)) if f.code == code]


def _cases(rule):
    """(file name, flagged drafts with suggestions, passing drafts) of a Python rule."""
    if rule.code in CASES:
        return CASES[rule.code]
    return rule.cases_file, list(rule.flags), list(rule.passes)


def _python_cases():
    for rule in registry():
        if isinstance(rule, DictionaryRule):
            continue
        code = rule.code
        name, bad, good = _cases(rule)
        for i, (text, suggestion) in enumerate(bad):
            yield pytest.param(code, name, text, suggestion, True, id=f"{code}-bad{i + 1}")
        for i, text in enumerate(good):
            yield pytest.param(code, name, text, None, False, id=f"{code}-good{i + 1}")


@pytest.mark.parametrize("code,name,text,suggestion,bad", list(_python_cases()))
def test_python_rule_cases(code, name, text, suggestion, bad):
    if code not in registry():
        pytest.skip(f"{code} not registered in this checkout")
    found = _findings(code, name, text)
    if bad:
        assert found, f"{code} 应报出：{text!r}"
        if suggestion is not None:
            assert suggestion in [f.suggestion for f in found], [f.suggestion for f in found]
    else:
        assert not found, [(f.match, f.message) for f in found]


def test_every_rule_is_documented_and_has_bad_and_good_cases():
    for rule in registry():
        doc = rule.docs()
        for section in ("作用", "原因", "示例", "修改为"):
            assert doc.get(section), f"{rule.code} 缺少文档小节“{section}”"
        assert rule.summary and rule.source, rule.code
        if isinstance(rule, DictionaryRule):
            rule._compile()
            assert rule.entries and all(e.flag and e.passes for e in rule.entries), rule.code
        else:
            _, bad, good = _cases(rule)
            assert bad and good, f"{rule.code} 没有测试用例（在规则类中写 flags 和 passes）"
            assert not (rule.code in CASES and (rule.flags or rule.passes)), f"{rule.code} 的用例写了两处"


def test_docs_rules_md_is_generated_and_current():
    from textlint_gov.docs import rules_markdown

    path = ROOT / "docs" / "rules.md"
    assert path.is_file(), "docs/rules.md 缺失：运行 python -m textlint_gov.docs > docs/rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md 已过期：运行 python -m textlint_gov.docs > docs/rules.md"
    )


def test_readme_rules_table_is_generated_and_current():
    from textlint_gov.docs import README_END, README_START, readme_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), (
        "README.md 的规则表已过期：运行 python -m textlint_gov.docs --readme README.md"
    )


def test_govlint_rule_prints_every_section(run_cli):
    for code in ("GOV203", "GOV302", "GOV501", "GOV601", "GOV002", "GOV402"):
        result = run_cli("rule", code)
        assert result.exit_code == 0
        for section in ("作用", "原因", "示例", "修改为"):
            assert f"## {section}" in result.output, (code, section)
    listing = run_cli("rules").output
    for code in (
        "GOV002",
        "GOV003",
        "GOV004",
        "GOV203",
        "GOV204",
        "GOV302",
        "GOV303",
        "GOV304",
        "GOV401",
        "GOV402",
        "GOV501",
        "GOV502",
        "GOV503",
        "GOV601",
    ):
        assert code in listing


# --- check digits ---------------------------------------------------------------------------


def test_resident_id_check_digit():
    assert id_check_char("11010519491231002") == "X"
    assert valid_resident_id("11010519491231002X") and valid_resident_id("11010519491231002x")
    assert not valid_resident_id("11010519491231002Y")
    assert not valid_resident_id("110105194913310021")  # month 13


def test_luhn():
    assert luhn_ok("4111111111111111") and luhn_ok("6222020200112233446")
    assert not luhn_ok("4111111111111112")


# --- titles ---------------------------------------------------------------------------------


def test_first_person_title_suggests_the_region_name():
    found = _findings("GOV203", "a.txt", "我区召开安全生产工作会议\n正文。\n", region="河南省洛阳市偃师区")
    assert [f.suggestion for f in found] == ["偃师区"]
    found = _findings("GOV203", "a.txt", "我市召开安全生产工作会议\n正文。\n", region="河南省洛阳市偃师区")
    assert [f.suggestion for f in found] == ["洛阳市"]
    found = _findings("GOV203", "a.txt", "我区召开安全生产工作会议\n正文。\n")
    assert found and found[0].suggestion is None


def test_lead_sentence_is_not_taken_as_title():
    doc = load_bytes(
        "新华社北京电 近日，中共中央办公厅印发了《条例》，并发出通知，要求认真贯彻落实。\n正文。\n".encode(),
        "a.txt",
    )
    assert doc.title is None


# --- names ----------------------------------------------------------------------------------


def test_near_miss_reports_an_old_county_name_in_an_undated_post_as_a_warning():
    # 偃师市 became 偃师区 in 2021: an undated post may predate it, so the old name is a warning
    found = _findings("GOV601", "a.txt", "通知\n偃师市翟镇镇、府店镇参加。\n", region="河南省洛阳市偃师区")
    assert [(f.match, f.suggestion, f.severity.value) for f in found] == [("偃师市", "偃师区", "warning")]


def test_near_miss_needs_region_or_units():
    assert not _findings("GOV601", "a.txt", "通知\n首阳出街道组织开展防汛演练。\n", region=None)


def test_near_miss_checks_units_from_options_and_from_meta():
    unit = "偃师区人民政府办公室"
    found = _findings(
        "GOV601", "a.txt", "通知\n偃师区人民政府办工室牵头。\n", rules={"GOV601": {"units": [unit]}}
    )
    assert [f.suggestion for f in found] == [unit]
    doc = load_bytes("通知\n偃师区人民政府办工室牵头，偃师区人民政府办公室配合。\n".encode(), "a.txt")
    doc.meta["units"] = [unit]
    found = [f for f in lint(doc, config_from_dict({"select": ["GOV601"]})) if f.code == "GOV601"]
    assert [f.match for f in found] == ["偃师区人民政府办工室"]


def test_near_miss_respects_user_words():
    text = "通知\n首阳出街道组织开展防汛演练。\n"
    assert not _findings("GOV601", "a.txt", text, region="河南省洛阳市偃师区", allow=["首阳出街道"])


def test_region_setting_reaches_rules_through_config():
    cfg = config_from_dict({"region": "河南省洛阳市偃师区", "select": ["GOV601", "GOV203"]})
    opts = {cr.rule.code: cr.options for cr in cfg.rules()}
    assert opts["GOV601"]["region"] == "河南省洛阳市偃师区" == opts["GOV203"]["region"]


# --- dates ----------------------------------------------------------------------------------


def test_written_date_from_text():
    assert written_date(["关于……的通知", "正文。", "洛阳市偃师区人民政府", "2017年3月20日"]) == "2017-03-20"
    assert (
        written_date(["政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上"]) == "2024-03-05"
    )
    assert written_date(["通知", "二〇一八年十二月二十九日"]) == "2018-12-29"
    assert written_date(["通知", "会议于2017年3月20日召开。"]) is None


def test_txt_post_date_switches_off_a_rename_that_came_later():
    old = "关于开展执法检查的通知\n县环保局开展执法检查。\n县人民政府\n2017年3月20日\n"
    new = old.replace("2017年", "2020年")
    assert not _findings("GOV002", "a.txt", old)
    assert _findings("GOV002", "a.txt", new)


def test_near_miss_real_place_elsewhere_counts_only_inside_the_region():
    region = {"region": "河南省洛阳市偃师区"}
    # 湖南省岳阳市 and 信阳市 alone are real places being named, not misspelt 洛阳市
    assert not _findings("GOV601", "a.txt", "通知\n湖南省岳阳市代表团来访，信阳市公安局协办。\n", **region)
    # a town under 偃师区 that is one character off 府店镇
    found = _findings("GOV601", "a.txt", "通知\n偃师区府甸镇参加演练。\n", **region)
    assert [(f.match, f.suggestion) for f in found] == [("府甸镇", "府店镇")]


def test_near_miss_leaves_ordinary_words_alone():
    region = {"region": "河南省洛阳市"}
    text = "通知\n推动打好城区污染防治攻坚战，把乡镇建设成为服务农民的区域中心，强化街道、社区治理。\n"
    assert not _findings("GOV601", "a.txt", text, **region)


def test_unknown_region_is_a_configuration_error(run_cli, tmp_path):
    (tmp_path / "rules.yaml").write_text("region: 河南省洛阳市偃狮区\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("通知\n正文。\n", encoding="utf-8")
    result = run_cli("a.txt")
    assert result.exit_code == 2
    assert "偃狮区" in result.output and "行政区划" in result.output


def test_docx_post_date_from_its_written_date(docx_factory):
    from textlint_gov.loaders import load

    path = docx_factory(
        "通知.docx",
        ["县环保局开展执法检查。", "县人民政府", "2017年3月20日"],
        heading="关于开展执法检查的通知",
    )
    doc = load(path)
    assert doc.meta["written_date"] == "2017-03-20" and "date" not in doc.meta  # no publication date
    assert not list(lint(doc, config_from_dict({"select": ["GOV002"]})))
