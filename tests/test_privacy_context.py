"""Privacy rules on what local posts really contain (issue 10): numbers of flattened tables and
amounts are no phone, ID or card numbers; a contact published by a notice is a warning to confirm,
a private person's number an error. Fixtures are written here by hand (no real post is copied)."""

from __future__ import annotations

import pytest

from tests.helpers import lint_text
from textlint_gov.config import config_from_dict

MOBILE = "13912345678"


def _found(code, body, **config):
    return [
        (f.match, f.severity.value)
        for f in lint_text("通知\n" + body + "\n", config=config_from_dict({"select": [code], **config}))
    ]


# --- GOV502: what is one mobile number ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "项目支出 135 75394432.52元",  # a flattened row: 135 | 75394432.52元
        "合计 135 7539 4432 | 12 | 88",  # three cells that read like a number grouped 3-4-4
        "年份 2021 135 7539 4432",  # digits of a neighbouring cell before it
        "年度预算13575394432.52元",  # an amount with decimals: the integer part is no phone number
        "拨付资金13500000000元",  # glued to a unit of amount
        "共计13500000000人次",  # glued to a unit of count
        "编号213912345678，序号1391234567890",  # part of a longer run of digits
        "比值0.13912345678",  # the decimal part of a number
        "138 12345678",  # grouped unevenly: two cells, not a number written 3-4-4
    ],
)
def test_table_and_amount_digits_are_no_mobile_number(body):
    assert _found("GOV502", body) == []


@pytest.mark.parametrize(
    "body", [f"号码{MOBILE}。", "号码139 1234 5678。", "号码139-1234-5678。", f"{MOBILE} 6班，114人"]
)
def test_a_mobile_number_standing_alone_is_found(body):
    assert [sev for _, sev in _found("GOV502", body)] == ["error"]


# --- GOV502: severity by certainty ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        f"联系人：李女士；联系电话：{MOBILE}。",
        f"联系人：吴某某，0591-23165000、{MOBILE}",
        f"（联系人：黄某某，联系电话：{MOBILE}、23163613）",
        f"区党工委第二巡察组联系方式：联系电话：{MOBILE}（8:00-18:00开通）",
        f"申请人需本人及时主动添加微信群管理员（微信号{MOBILE}）为好友。",  # 申请人 is who adds, not whose number
        f"区市场监管局坛东分局分局局长：张某某{MOBILE}，值班电话：24380023",
        f"如有疑问请拨打咨询电话{MOBILE}。",
        f"监督电话：0591-12345678，{MOBILE}。",
        f"联系人 王某某 联系电话 {MOBILE}",  # a notice's contact table, flattened
        f"请及时与县人大常委会人事代表委({MOBILE})、县政协提案委（0591-23165000）联系。",  # 平潭 post
    ],
)
def test_published_work_contact_is_a_warning(body):
    found = lint_text("通知\n" + body + "\n", config=config_from_dict({"select": ["GOV502"]}))
    assert [(f.match, f.severity.value) for f in found] == [(MOBILE, "warning")]
    assert "同意公开" in found[0].message and found[0].suggestion == "139****5678"


def test_a_list_of_published_contacts_is_a_warning_each():
    """A 平潭 notice's contacts, each an office and a name with a number, after one 联系人 label."""
    body = f"（联系人：区旅游文体局林芳，13812345678；区旅游文化服务中心张秀丽，{MOBILE}）"
    assert _found("GOV502", body) == [("13812345678", "warning"), (MOBILE, "warning")]
    # a case's parties listed with their numbers: no contact label, so both stay errors
    body = f"当事人：张某某，13812345678；李某某，{MOBILE}。"
    assert _found("GOV502", body) == [("13812345678", "error"), (MOBILE, "error")]


@pytest.mark.parametrize(
    "body",
    [
        f"序号 单位 督查发现的具体问题 整改责任人 联系电话 1 某某幼儿园 无证，已拆除。 吴某某 {MOBILE} 6班",
        f"序号 姓名 联系电话 1 张某某 {MOBILE}",  # a flattened name list: a row number after the header
        f"姓名 联系电话 张某某 {MOBILE}",  # a name after the header's spaces
        f"姓名 联系电话 李某某 13812345678 张某某 {MOBILE}",
        f"当事人：张某某，联系电话：{MOBILE}。",
        f"投诉人王某某（电话{MOBILE}）反映，",
        f"联系电话：0591-23121177。张某某{MOBILE}",  # the label belongs to the sentence before
        f"联系电话另行通知，请各村将参训人员名单报送乡政府，名单附后：张某某{MOBILE}",  # label too far
        f"投诉人王某某（{MOBILE}）反映，已联系处理。",  # a private person's number in brackets
        f"检查发现张某某（{MOBILE}）无证经营。",  # brackets, but nobody is asked to get in touch
    ],
)
def test_private_persons_number_stays_an_error(body):
    found = _found("GOV502", body)
    assert (MOBILE, "error") in found and {sev for _, sev in found} == {"error"}


def test_configured_severity_is_never_raised_by_the_contact_grade():
    body = f"联系人：李女士，联系电话：{MOBILE}。当事人张某某{MOBILE[:-1]}9。"
    assert {sev for _, sev in _found("GOV502", body, severity={"GOV502": "info"})} == {"info"}
    assert sorted(sev for _, sev in _found("GOV502", body, severity={"GOV502": "warning"})) == [
        "warning",
        "warning",
    ]


# --- GOV501 / GOV503 ------------------------------------------------------------------------

ID = "11010519491231002X"


def test_resident_id_of_crew_in_an_accident_report_is_an_error():
    body = f"轮机长叶某某(证号：{ID})、大管轮江某(证号：{ID})，水手长黄某某"
    assert _found("GOV501", body) == [(ID, "error"), (ID, "error")]


def test_resident_id_digits_inside_a_decimal_amount_are_not_an_id():
    from textlint_gov.rules._numbers import id_check_char

    stem = "11010519800101001"
    number = stem + id_check_char(stem)
    assert _found("GOV501", f"身份证号{number}。") == [(number, "error")]
    assert _found("GOV501", f"金额{number}.50元") == []
    assert _found("GOV501", f"比值0.{number}") == []


def test_card_digits_of_a_flattened_table_row_are_no_card():
    card = "6222 0202 0011 2233 446"
    assert _found("GOV503", f"发放至本人银行卡 {card}。") == [(card, "error")]
    assert _found("GOV503", f"合计 12 {card} 35") == []  # cells run together
    assert _found("GOV503", "金额6222020200112233446.25元") == []
