"""Slips a careful editor finds that govlint used to miss (issue 10): a doubled word (GOV104), a stray
space inside a word (GOV305), Word/CMS debris (GOV902), and dates, ranges and commemoration days
(GOV402). Each case is a small hand-made fixture in the shape of the real posts: crawled lines with
flattened tables, aligned name lists, letter-spaced labels."""

from __future__ import annotations

import pytest
from helpers import lint_text

from textlint_gov.config import config_from_dict
from textlint_gov.findings import Applicability, Severity
from textlint_gov.fix import fix_bytes


def _found(code: str, body: str, name: str = "t.txt"):
    text = "关于开展安全检查的通知\n" + body + "\n"
    return [f for f in lint_text(text, name, config_from_dict({"select": [code]})) if f.code == code]


def _pairs(code: str, body: str):
    return [(f.match, f.suggestion) for f in _found(code, body)]


# --- GOV104 repeated word ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,expected",
    [
        ("这是我们的的工作。", [("的的", "的")]),
        ("这是我们的的人员。", [("的的", "的")]),
        ("已经完成了了全年任务。", [("了了", "了")]),
        ("要对问题进行进行研究。", [("进行进行", "进行")]),
        ("关于做好春节期间安全生产工作的通知的通知", [("的通知的通知", "的通知")]),
        ("切实抓好工作工作落实。", [("工作工作", "工作")]),
        ("约谈医疗机构约谈医疗机构8家。", [("约谈医疗机构约谈医疗机构", "约谈医疗机构")]),
        ("牵头相关部门对消防消防设施开展检查。", [("消防消防", "消防")]),  # 消防 + 消防设施
        ("存在违法行为行为的单位将通报。", [("行为行为", "行为")]),  # 违法行为 + 行为
        ("的的的", [("的的的", "的")]),  # one finding for a run
    ],
)
def test_doubled_word_is_flagged_with_the_single_form(body, expected):
    found = _found("GOV104", body)
    assert [(f.match, f.suggestion) for f in found] == expected
    assert all(f.severity is Severity.WARNING and f.applicability is Applicability.UNSAFE for f in found)


@pytest.mark.parametrize(
    "body",
    [
        "常常要看看，人人参与，天天向上，谢谢大家，星星点点。",  # reduplicated words of jieba's dictionary
        "大家讨论讨论再定，先研究研究。",  # ABAB verbs
        "认认真真、高高兴兴地做好工作。",
        "一一对应，一步一步走，一个一个地解决。",  # numbers
        "区公安局交通警察支队支队长，局局长，党委委员，会议议题，乡乡长。",  # two words sharing a character
        "组织开展2022年政府采购采购人监督检查。",  # 政府采购 + 采购人
        "平潭县人民政府政府信息公开工作年度报告",  # 人民政府 + 政府信息公开
        "他说：“研究研究再说，好好好。”",  # quoted speech
        "王玲玲、李燕燕、郭燕燕参加。",  # names
        "三、检查重点重点加强对民宿、酒店的检查。",  # a heading run on into its paragraph
        "增列α-乙酰乙酰苯胺。",  # a chemical name
        "说说看，试试看，等等。",
        "山很高很高，铁门被晃得咣当咣当响，大口大口地吐水，“你总是”如何如何。",  # emphasis, sounds, measures
        "印发省邮政监管机构机构设置主要职责和人员编制规定",  # 监管机构 + 机构设置
    ],
)
def test_legitimate_repetition_is_not_flagged(body):
    assert _pairs("GOV104", body) == []


def test_repetition_across_a_markdown_soft_break_is_not_reported_at_a_wrong_position():
    # the two lines are one paragraph whose text has no newline; a finding would cover source it does not match
    found = [
        f for f in lint_text("# 通知\n\n这是我们的\n的工作，进行进行研究。\n", "a.md") if f.code == "GOV104"
    ]
    assert [f.match for f in found] == ["进行进行"]


def test_doubled_word_respects_user_words():
    text = "通知\n采用工作工作法。\n"
    config = config_from_dict({"select": ["GOV104"], "words": ["工作工作"]})
    assert not [f for f in lint_text(text, "t.txt", config) if f.code == "GOV104"]


# --- GOV305 stray space ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,expected",
    [
        ("会议对下一步工作进行了部 署，要求抓好落实。", [("部 署", "部署")]),
        ("要求各单位制定工 作 方 案，报送区应急局。", [("工 作 方 案", "工作方案")]),
        ("着眼于基 层，着手于一线。", [("基 层", "基层")]),
        ("编制应严格按\u3000照国家政策规定。", [("按\u3000照", "按照")]),  # ideographic space
        ("编制应严格按\u00a0照国家政策规定。", [("按\u00a0照", "按照")]),  # no-break space
    ],
)
def test_space_splitting_a_word_in_running_text_is_flagged(body, expected):
    found = _found("GOV305", body)
    assert [(f.match, f.suggestion) for f in found] == expected
    assert all(f.applicability is Applicability.SAFE for f in found)


@pytest.mark.parametrize(
    "body",
    [
        "组  长：张  三\n副 组 长：李 平 党委委员\n成  员：王五",  # aligned names and labels
        "主  任：王五，副 主 任：赵六。",
        "局党委委员、副局长副 总 指 挥：李登奎",  # a letter-spaced label in a flattened list
        "指标名称 计量 单位 2011 年度 历年累计 主动公开信息数 条 425 1516",  # flattened table cells
        "佳音幼儿园 6班 114人 大风车幼儿园 13班 357人",
        "平原镇镇长王江波 白青乡乡长林 海 芦洋乡乡长吴兆阳",  # names in a flattened list
        "填报时间： 年 月 日序号姓 名手机号码微信号码备注",  # a form header run together
        "天。备 注被检查单位（签章）：",
        "会议强调 要抓好落实，共计5 人参加，使用 Word 软件。",  # between words, number and unit, Latin
        "目 录",
        "认真部署  工作。",  # two spaces: deliberate, not a slip
    ],
)
def test_deliberate_or_flattened_spaces_are_not_flagged(body):
    assert _pairs("GOV305", body) == []


def test_stray_space_written_as_an_html_entity_is_found_at_its_place():
    html = "<html><body><h1>通知</h1><p>会议对工作进行了部&nbsp;署，要求抓好落实。</p></body></html>"
    found = [f for f in lint_text(html, "a.html") if f.code == "GOV305"]  # lint_text checks the positions
    assert [(f.match, f.suggestion) for f in found] == [("部\u00a0署", "部署")]


def test_stray_space_fix_joins_the_word(tmp_path):
    data = "关于开展安全检查的通知\n会议对下一步工作进行了部 署，要求制定工 作 方 案。\n".encode()
    result = fix_bytes(data, "t.txt", config_from_dict({"select": ["GOV305"]}))
    assert result.fixed.decode("utf-8").splitlines()[1] == "会议对下一步工作进行了部署，要求制定工作方案。"
    assert not result.findings


# --- GOV902 Word/CMS debris --------------------------------------------------------------------


def test_toc_field_codes_are_errors_and_fix_deletes_them_keeping_page_numbers():
    body = "目录一、实施背景 ？PAGEREF _Toc8972 \\h 5（一）发展基础 ？PAGEREF _Toc16291 \\h 5"
    found = _found("GOV902", body)
    assert [f.match for f in found] == ["PAGEREF _Toc8972 \\h ", "PAGEREF _Toc16291 \\h "]
    assert all(f.severity is Severity.ERROR and f.suggestion == "" for f in found)
    data = ("关于开展安全检查的通知\n" + body + "\n").encode("utf-8")
    result = fix_bytes(data, "t.txt", config_from_dict({"select": ["GOV902"]}))
    assert result.fixed.decode("utf-8").splitlines()[1] == "目录一、实施背景 ？5（一）发展基础 ？5"


def test_word_properties_and_style_block_are_one_finding():
    body = (
        "平潭综合实验区管委会办公室 2013年1月15日 Normal 0 7.8 磅 0 2 false false false "
        "MicrosoftInternetExplorer4 /* Style Definitions */ table.MsoNormalTable {mso-style-name:普通表格; "
        'mso-tstyle-rowband-size:0; font-family:"Times New Roman";} 平潭综合实验区'
    )
    found = _found("GOV902", body)
    assert len(found) == 1
    assert found[0].match.startswith("Normal 0") and found[0].match.rstrip().endswith("}")
    assert found[0].suggestion == ""


def test_debris_in_html_text_and_plain_words_pass():
    assert _pairs("GOV902", '详见 HYPERLINK "http://www.gov.cn/" http://www.gov.cn/ 。') == [
        ('HYPERLINK "http://www.gov.cn/" ', "")
    ]
    assert (
        _pairs("GOV902", "按 TOC 管理模式推进，浏览器为 Microsoft Internet Explorer 4，表格样式为普通表格。")
        == []
    )


# --- GOV402 dates, ranges, commemoration days --------------------------------------------------


@pytest.mark.parametrize(
    "body,suggestion",
    [
        ("决定自2015年12月10起生效。", "2015年12月10日"),
        ("请于9月20前报送。", "9月20日"),
        ("每村配备1-2名协管员。", "1～2"),
        ("每组5-7人。", "5～7"),
        ("年龄在45-60周岁之间。", "45～60"),
        ("开展“4.15”全民国家安全教育日宣传。", "4·15"),
        ("纪念“3？15”国际消费者权益日。", "3·15"),
        ("以及“12.4”国家宪法日宣传活动。", "12·4"),
        ("开展4·15国家安全教育日宣传。", "全民国家安全教育日"),
    ],
)
def test_number_forms_editors_find(body, suggestion):
    assert suggestion in [s for _, s in _pairs("GOV402", body)]


@pytest.mark.parametrize(
    "body",
    [
        "决定自2015年12月10日起生效，于9月20号前报送，2021年3月1—5日，3月5、6日。",
        "联系电话0591-86169161，2021-2025年，GB/T 2260-2007，3-502室，闽政〔2021〕3-5号。",
        "水位4.15米，增长3.15%，12.4亿元，开展“4·15”全民国家安全教育日宣传。",
    ],
)
def test_number_forms_that_are_right_pass(body):
    assert _pairs("GOV402", body) == []
