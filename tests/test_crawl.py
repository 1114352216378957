"""Crawled pages (header block, page chrome), the dates a post carries, and use versus mention."""

from __future__ import annotations

import pytest

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.findings import Severity
from textlint_gov.loaders import load_bytes
from textlint_gov.loaders.crawl import chrome_spans, parse_header
from textlint_gov.rules.mention import historic, mentioned

HEADER = (
    "标题: 关于做好安全生产工作的通知\n"
    "发布时间: 2017-08-10 09:30\n"
    "文号: \n"
    "发布机构: 某某乡人民政府\n"
    "栏目: 部门文件\n"
    "原文链接: https://www.example.gov.cn/zwgk/t20170810_1.htm\n"
    "页面链接与图片详见 links.tsv(同目录)\n"
    "==================== 正文 ====================\n"
)
BODY = (
    "当前位置： 首页政务公开部门文件 关于做好安全生产工作的通知 时间：2017-08-10 09:30 微信 微博 QQ空间 "
    "各村：为了贯彻落实习近平总书记、李克强总理关于安全生产工作的重要指示，现通知如下。 "
    "某某乡人民政府 2017年8月9日 来源：某某乡人民政府 附件下载 附件1.xls\n"
)


def lint_text(text: str, name: str = "post.txt", **config):
    doc = load_bytes(text.encode("utf-8"), name)
    return doc, lint(doc, Config(**config))


def test_header_block_is_metadata_title_and_date():
    doc, findings = lint_text(HEADER + BODY, "page.txt")
    assert doc.meta["date"] == "2017-08-10"
    assert doc.meta["unit"] == "某某乡人民政府"
    title = doc.title
    assert title is not None and title.text == "关于做好安全生产工作的通知"
    # the title block points at the header's value in the source
    start = title.to_source(0)
    assert doc.source[start : start + len(title.text)] == title.text
    # no half-width colon, bracket or link of the header is reported, nor the old premier's title
    # (the post is dated 2017: 李克强总理 was right then)
    assert not [f for f in findings if f.line <= 8], findings
    assert not [f for f in findings if f.code == "GOV001"], findings


def test_page_chrome_is_not_checked_and_positions_stay_exact():
    doc, _ = lint_text(HEADER + BODY, "page.txt")
    body = [b for b in doc.blocks if b.kind != "title"]
    assert [b.text for b in body] == [
        "各村：为了贯彻落实习近平总书记、李克强总理关于安全生产工作的重要指示，现通知如下。 某某乡人民政府 2017年8月9日"
    ]
    b = body[0]
    assert doc.source[b.to_source(0) : b.to_source(len(b.text), end=True)] == b.text


def test_findings_in_the_body_keep_their_source_position():
    text = HEADER + BODY.replace("现通知如下。", "现通知如下,")
    doc, findings = lint_text(text, "page.txt")
    [f] = [f for f in findings if f.code == "GOV301"]
    assert doc.source[f.start : f.end] == "," and f.line == 9


def test_no_header_without_known_keys_or_rule():
    assert parse_header("关于做好安全生产工作的通知\n各村：现通知如下。\n") is None
    # two key lines without a closing rule are not enough: a draft may start 时间：… 地点：…
    assert parse_header("时间：2021年3月5日\n地点：会议室\n各位：\n") is None
    header = parse_header("标题：关于X的通知\n发布日期：2021-03-05\n来源：某局\n正文第一段。\n")
    assert header is not None and header.value("title") == "关于X的通知"


def test_chrome_spans_keep_a_data_source_line_of_the_post():
    text = "全年地区生产总值增长5%。 数据来源：国家统计局"
    assert chrome_spans(text, ("某某县人民政府",)) == []
    text2 = "全年增长5%。 来源：某某县人民政府"
    assert chrome_spans(text2, ("某某县人民政府",)) == [(len("全年增长5%。"), len(text2))]


def test_metadata_table_dates_the_post_and_is_cut():
    line = (
        "当前位置： 首页政务公开 索 引 号： PZ001-2021-00087 主题分类： 无 发文机关： 某局 成文日期：2021-06-02 "
        "标 题： 关于X的通知 发文字号： 某管〔2021〕53号 发布日期：2021-06-03 有 效 性： 有效 关于X的通知 正文从这里开始。"
    )
    doc = load_bytes(line.encode("utf-8"), "x.txt")
    assert doc.meta["written_date"] == "2021-06-02" and doc.meta["date"] == "2021-06-03"
    assert all("索 引 号" not in b.text and "有 效 性" not in b.text for b in doc.blocks)


@pytest.mark.parametrize(
    "name, text, key, expected",
    [
        ("2021-02-05_通知.txt", "通知\n正文。\n", "date", "2021-02-05"),
        ("t20210205_123.txt", "通知\n正文。\n", "written_date", "2021-02-05"),
        ("a.txt", "关于X的通知\n正文。 某某县人民政府 2019年7月9日\n", "written_date", "2019-07-09"),
        ("a.txt", "关于X的通知\n某政办〔2016〕12号\n正文。\n", "written_date", "2016-01-01"),
        ("zwgk/gsgg/202012/23794_通知/page.txt", "通知\n正文。\n", "written_date", "2020-12-01"),
        ("posts/2021-02-05/page.txt", "通知\n正文。\n", "written_date", "2021-02-05"),
    ],
)
def test_post_dates_from_name_signature_and_document_number(name, text, key, expected):
    doc = load_bytes(text.encode("utf-8"), name)
    assert doc.meta.get(key) == expected


def test_dated_entry_is_a_warning_not_an_error_when_the_post_has_no_date():
    # GOV604 (officeholders by date; the hand-made GOV001 entry for 李克强总理 is gone)
    _, findings = lint_text("关于X的通知\n李克强总理在会上指出，要做好工作。\n", "a.txt")
    [f] = [f for f in findings if f.code == "GOV604"]
    assert f.severity is Severity.WARNING
    _, findings = lint_text("关于X的通知\n国务院总理李克强在会上指出，要做好工作。\n", "2024-03-01_通知.txt")
    [f] = [f for f in findings if f.code == "GOV604"]
    assert f.severity is Severity.ERROR
    # the title after the name (李克强总理) is the honorific a recollection keeps: doubtful, a warning
    _, findings = lint_text("关于X的通知\n李克强总理在会上指出，要做好工作。\n", "2024-03-01_通知.txt")
    [f] = [f for f in findings if f.code == "GOV604"]
    assert f.severity is Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        "有的单位把“习近平总书记”误写为“习近平书记”，必须杜绝。",
        "“习近平书记”的表述是错误的。",
        "不得写成习近平书记。",
        "“习近平书记”应为“习近平总书记”。",
    ],
)
def test_a_form_talked_about_is_not_flagged_nor_fixed(text, tmp_path, run_cli):
    _, findings = lint_text("关于规范表述的通知\n" + text + "\n")
    assert not [f for f in findings if f.code == "GOV001"], findings
    path = tmp_path / "a.txt"
    path.write_text("关于规范表述的通知\n" + text + "\n", encoding="utf-8")
    run_cli("--fix", str(path))
    assert text in path.read_text(encoding="utf-8")


def test_a_form_used_is_still_flagged():
    _, findings = lint_text("关于学习的通知\n认真学习习近平书记重要讲话精神。\n")
    assert [f.match for f in findings if f.code == "GOV001"] == ["习近平书记"]
    assert not mentioned("认真学习习近平书记重要讲话", 4, 9)


def test_old_names_in_cited_titles_and_after_yuan_are_historic():
    text = "废止《某县环境与国土资源局关于X的通知》（某环国土〔2013〕25号）。原区旅游发展委员会、区环境与国土资源局职责划入。"
    a = text.index("国土资源局")
    assert historic(text, a, a + 5)
    b = text.index("国土资源局", a + 6)
    assert historic(text, b, b + 5)
    c = "区环境与国土资源局开展检查。"
    assert not historic(c, 4, 9)
    _, findings = lint_text("关于废止文件的通知\n" + text + "\n", "2022-08-15_通知.txt")
    assert not [f for f in findings if f.code == "GOV002"], findings
    _, findings = lint_text("关于检查的通知\n" + c + "\n", "2022-08-15_通知.txt")
    assert [f.match for f in findings if f.code == "GOV002"] == ["国土资源局"]


def test_saved_page_furniture_and_footer_are_not_checked():
    page = (
        "关于开展2024年统计调查的通知\n"
        "您现在的位置：首页 > 信息公开 > 统计数据\n"
        "【字体：大 中 小】 【打印】 【关闭】\n"
        "各乡镇:请按时报送统计数据,确保质量。\n"
        "繁體版 | 无障碍\n"
        "浏览次数：123次\n"
        "主办单位：某某县人民政府办公室\n"
        "网站标识码：1234000001 皖ICP备05001234号\n"
    )
    doc = load_bytes(page.encode("utf-8"), "page.txt")
    assert [b.text for b in doc.blocks] == [
        "关于开展2024年统计调查的通知",
        "各乡镇:请按时报送统计数据,确保质量。",
    ]
    findings = lint(doc, Config())
    assert {f.line for f in findings} == {4}


def test_an_event_notice_keeps_its_organiser_line():
    text = "关于举办读书活动的通知\n主办单位：区文体局\n活动时间：2024年4月23日\n欢迎参加。\n"
    doc = load_bytes(text.encode("utf-8"), "a.txt")
    assert "主办单位：区文体局" in [b.text for b in doc.blocks]


@pytest.mark.parametrize("text, code", [("——\n——\n", "GOV303"), ("学习习近平\n书记讲话。\n", "GOV001")])
def test_a_hit_across_a_soft_line_break_shows_the_source_and_is_not_auto_fixed(text, code):
    doc = load_bytes(("# 通知\n\n" + text).encode("utf-8"), "a.md")
    [f] = [f for f in lint(doc, Config()) if f.code == code]
    assert f.match == doc.source[f.start : f.end] and "\n" in f.match
    # --fix leaves it to the clerk (it would rewrite the line break): see test_fix_across_markup_is_left_alone
