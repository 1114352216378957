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

# code -> (file name, [(bad text, expected suggestion or None)], [good texts]).
# For .txt the first line is the title; body cases start with a title line.
CASES: dict[str, tuple[str, list[tuple[str, str | None]], list[str]]] = {
    "GOV102": (
        "a.txt",
        [("通知\n发挥好上情下达、下请上传的作用。\n", None)],
        ["通知\n发挥好上情下达、下情上传的作用。\n"],
    ),
    "GOV103": ("a.txt", [("通知\n世界遗产之间的关係。\n", None)], ["通知\n世界遗产之间的关系。\n"]),
    "GOV104": (
        "a.txt",
        [("通知\n要对问题进行进行研究，做好工作的的落实。\n", "进行")],
        ["通知\n大家讨论讨论，常常看看，局局长、支队支队长到会。\n"],
    ),
    "GOV201": (
        "a.txt",
        [("关于进一步加强和改进全区政府网站与政务新媒体信息内容建设管理工作的实施意见\n正文。\n", None)],
        ["关于加强政府网站信息内容建设的实施意见\n正文。\n"],
    ),
    "GOV202": (
        "a.txt",
        [("我区召开安全生产工作会议。\n正文。\n", "")],
        ["我区召开安全生产工作会议\n正文。\n"],
    ),
    "GOV203": (
        "a.txt",
        [("我区召开安全生产工作会议\n正文。\n", None), ("我市举办招聘会\n正文。\n", None)],
        ["偃师区召开安全生产工作会议\n我区召开会议。\n"],
    ),
    "GOV204": (
        "a.txt",
        [("我区召开安全生产会议，部署节前安全检查\n正文。\n", None)],
        ["关于印发《春风行动，温暖同行实施方案》的通知\n正文，内容。\n", "我区召开安全生产会议\n正文。\n"],
    ),
    "GOV301": (
        "a.txt",
        [("通知\n会议强调,要抓好落实.\n", "，")],
        ["通知\n会议强调，要抓好落实。网址 www.gov.cn，文件 a.docx。\n"],
    ),
    "GOV302": (
        "a.txt",
        [
            ("通知\n深入学习贯彻《中华人民共和国安全生产法，落实企业主体责任。\n", None),
            ("通知\n他说：“要“抓好”落实。”\n", None),
            ("通知\n落实企业主体责任）。\n", None),
        ],
        [
            "通知\n深入学习贯彻《中华人民共和国安全生产法》（2021年修正），落实“三个必须”。\n",
            "通知\n“第一条　为了规范管理，制定本办法。\n“第二条　本办法自公布之日起施行。”\n",
            "通知\n1）明确责任分工。\n",
        ],
    ),
    "GOV305": (
        "a.txt",
        [("通知\n会议对工作进行了部 署，要求抓好落实。\n", "部署")],
        ["通知\n组  长：张  三\n副 主 任：李 平\n指标名称 计量 单位 2011 历年累计\n"],
    ),
    "GOV401": (
        "a.txt",
        [
            ("通知\n二0二一年三月\n", "二〇二一"),
            ("通知\n二零二一年\n", "二〇二一"),
            ("通知\n二○二一年\n", "二〇二一"),
        ],
        ["通知\n二〇二一年三月，2021年，三千零五十二人。\n"],
    ),
    "GOV501": (
        "a.txt",
        [("通知\n申请人张某，身份证号11010519491231002X。\n", "110105********002X")],
        ["通知\n身份证号11010519491231002Y，110105********002X，编号110105194912310021。\n"],
    ),
    "GOV502": (
        "a.txt",
        [
            ("通知\n联系人：王某，13812345678。\n", "138****5678"),
            ("通知\n电话138-1234-5678。\n", "138-****-5678"),
        ],
        ["通知\n办公电话67777396，0379-67777396，服务热线12345，编号213812345678。\n"],
    ),
    "GOV503": (
        "a.txt",
        [
            ("通知\n发放至本人银行卡6222020200112233446。\n", "622202*********3446"),
            ("通知\n卡号 6222 0202 0011 2233 446。\n", None),
        ],
        ["通知\n发放至本人银行卡6222020200112233447，对公账户6222020200112233446。\n"],
    ),
    "GOV601": (
        "a.txt",
        [("通知\n首阳出街道组织开展防汛演练。\n", "首阳山街道")],
        ["通知\n首阳山街道组织开展防汛演练，各镇参加。\n"],
    ),
    "GOV911": (
        "a.pdf",
        [(make_pdf([["通知"], "scan"]).decode("ascii"), None)],
        [make_pdf([["通知"], ["正文。"]]).decode("ascii")],
    ),
    "GOV603": (
        "a.txt",
        [("通知\n国务院总理李墙主持召开国务院常务会议。\n2024年5月1日\n", "李强")],
        ["通知\n国务院总理李强主持召开国务院常务会议。\n2024年5月1日\n"],
    ),
    "GOV604": (
        "a.txt",
        [("通知\n国务院总理李克强主持召开国务院常务会议。\n2024年5月1日\n", "李强")],
        ["通知\n国务院总理李克强主持召开国务院常务会议。\n2016年5月1日\n"],
    ),
    "GOV605": (
        "a.txt",
        [("通知\n李强、习近平、赵乐际出席大会。\n2024年5月1日\n", "习近平、李强、赵乐际")],
        ["通知\n习近平、李强、赵乐际出席大会。\n2024年5月1日\n"],
    ),
    "GOV606": (
        "a.txt",
        [("通知\n经国家卫生建康委员会批准。\n", "国家卫生健康委员会")],
        ["通知\n经国家卫生健康委员会批准，县农业农村局实施。\n"],
    ),
    "GOV901": (
        "a.md",
        [("# 通知\n\n<!-- govlint-disable-line -->\n本段没有问题。\n", None)],
        ["# 通知\n\n本段没有问题。\n"],
    ),
}
CONFIG = {"GOV601": {"region": "河南省洛阳市偃师区"}}


def _findings(code: str, name: str, text: str, **config):
    raw = {"select": [code], **config}
    if code in CONFIG:
        raw.setdefault("region", CONFIG[code]["region"])
    doc = load_bytes(text.encode("utf-8"), name)
    return [f for f in lint(doc, config_from_dict(raw)) if f.code == code]


def _python_cases():
    for code, (name, bad, good) in CASES.items():
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
            assert rule.code in CASES, (
                f"{rule.code} 没有测试用例（在 tests/test_rulebook.py 的 CASES 中登记）"
            )
            _, bad, good = CASES[rule.code]
            assert bad and good, rule.code


def test_docs_rules_md_is_generated_and_current():
    from textlint_gov.docs import rules_markdown

    path = ROOT / "docs" / "rules.md"
    assert path.is_file(), "docs/rules.md 缺失：运行 python -m textlint_gov.docs > docs/rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md 已过期：运行 python -m textlint_gov.docs > docs/rules.md"
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
