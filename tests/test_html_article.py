"""HTML pages as CMSs publish them: only the article is checked, positions stay exact.

Every fixture is a small page written here by hand in the shape of a government CMS page: site
navigation, breadcrumb, share bar, language toggle and footer around one post. Each page puts the
wrong form 习近平书记 (GOV001) into both the post and the chrome, so a finding in the chrome shows
that the chrome was checked.
"""

from __future__ import annotations

import pytest
from helpers import assert_positions

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes

ONLY_GOV001 = Config(select=["GOV001"])
BAD = "习近平书记"

NAV = "".join(f'<li><a href="/c{i}/">栏目{i}{BAD if i == 3 else ""}</a></li>' for i in range(12))
HEADER = f"""<div class="header"><a href="/">万载政府网.政务</a><a href="/big5/">繁體版</a>
<ul class="menu" role="navigation">{NAV}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>"""
SHARE = f"""<div class="share_box">分享到：<a href="#">微信</a><a href="#">微博</a> {BAD}</div>"""
FOOTER = (
    f"""<div class="footer"><p>主办单位：万载县人民政府办公室 {BAD}</p><p>网站标识码3609220001</p></div>"""
)


def _page(body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>关于做好防汛工作的通知_通知公告_万载县人民政府</title>
{head}</head>
<body>
{HEADER}
{body}
{FOOTER}
</body></html>
"""


def _load(page: str):
    doc = load_bytes(page.encode("utf-8"), "page.html")
    findings = lint(doc, ONLY_GOV001)
    assert_positions(doc, findings)
    return doc, findings


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def _body(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if b.kind != "title")


MARKED = _page(
    f"""<div class="content">
<div class="article_title">关于做好防汛工作的通知</div>
<div class="article_extend"><span>时间：2021-06-03 10:35</span> {SHARE}</div>
<div class="article_content"><p>各乡镇：</p>
<p>要深入学习{BAD}重要讲话精神，做好防汛&ldquo;准备&rdquo;。</p>
<p>附件：1.防汛值班表</p></div>
<div class="article_source">来源：县应急管理局</div>
<div class="article_attachment"><div class="title_base">附件下载</div><ul><li><a href="/f/1.xlsx">防汛值班表.xlsx</a></li></ul></div>
<div class="article_qrcode"><p>扫一扫在手机上查看当前页面</p></div>
</div>""",
    '<meta name="ArticleTitle" content="关于做好防汛工作的通知">\n<meta name="PubDate" content="2021-06-03 10:35">',
)


def test_marked_article_only_the_post_is_checked():
    doc, findings = _load(MARKED)
    assert doc.meta["article"] == "mark"
    assert _body(doc) == "各乡镇：\n要深入学习习近平书记重要讲话精神，做好防汛“准备”。\n附件：1.防汛值班表"
    assert [f.match for f in findings] == [BAD]
    f = findings[0]
    assert doc.source[f.start : f.end] == BAD and "深入学习" in doc.line_text(f.line)


def test_marked_article_title_is_the_visible_one():
    doc, _ = _load(MARKED)
    title = doc.title
    assert title.text == "关于做好防汛工作的通知"
    start = title.segments[0][1]
    assert doc.source[start - len('<div class="article_title">') : start] == '<div class="article_title">'
    assert doc.meta["date"] == "2021-06-03 10:35"


def test_whole_page_chrome_is_gone():
    doc, _ = _load(MARKED)
    text = "\n".join(_texts(doc))
    for chrome in (
        "繁體版",
        "万载政府网.政务",
        "栏目3",
        "当前位置",
        "微信",
        "主办单位",
        "附件下载",
        "防汛值班表.xlsx",
        "扫一扫",
        "来源：",
        "时间：",
    ):
        assert chrome not in text, chrome


def test_strong_mark_wins_over_a_wrapper_with_more_chrome_text():
    # a two-line post inside a `content` wrapper whose own chrome is longer than the post
    page = _page(
        f"""<div class="content"><div class="info">发布时间：2021-06-03 信息来源：县自来水公司
浏览次数：1024 字体：大 中 小 打印本页 关闭窗口 {BAD}</div>
<div id="zoom"><p>明日停水。</p></div></div>"""
    )
    doc, findings = _load(page)
    assert _body(doc) == "明日停水。" and findings == []


COMMENTS = _page(
    f"""<div class="main"><h1>关于做好防汛工作的通知</h1>
<div class="info">发布时间：2021-06-03 {SHARE}</div>
<!--ContentStart--><p>　　要深入学习{BAD}重要讲话精神。</p>
<p>特此通知。</p><!--ContentEnd-->
<div class="next">上一篇：<a href="/a/1.html">关于{BAD}的报道</a></div></div>"""
)


def test_content_start_comments_choose_the_post():
    doc, findings = _load(COMMENTS)
    assert doc.meta["article"] == "comments"
    assert _body(doc) == "要深入学习习近平书记重要讲话精神。\n特此通知。"
    assert [f.match for f in findings] == [BAD]
    assert doc.title.text == "关于做好防汛工作的通知"
    assert doc.meta["date"] == "2021-06-03"


PLAIN = _page(
    f"""<table width="1000"><tr><td class="left">
<div class="box"><p>热点专题</p><a href="/zt/1/">{BAD}专题</a><a href="/zt/2/">防汛专题</a></div>
</td><td class="right">
<div class="pos">首页 &gt; 通知公告</div>
<div class="bt">关于做好防汛工作的通知</div>
<div class="wz"><p>　　各乡镇人民政府，县直各单位：近期我县进入主汛期，为切实做好防汛工作，现将有关事项通知如下。</p>
<p>　　一、提高思想认识，深入学习{BAD}关于防汛救灾工作的重要指示精神。</p>
<p>　　二、加强值班值守，严格执行二十四小时值班和领导带班制度。</p></div>
<div class="fx"><a href="#">打印</a> <a href="#">关闭</a></div>
</td></tr></table>"""
)


def test_no_conventions_main_block_by_text_density():
    doc, findings = _load(PLAIN)
    assert doc.meta["article"] == "density"
    body = _body(doc)
    assert body.startswith("各乡镇人民政府") and body.endswith("领导带班制度。")
    assert "热点专题" not in body and "打印" not in body and "首页" not in body
    assert [f.match for f in findings] == [BAD] and "提高思想认识" in doc.line_text(findings[0].line)
    assert doc.title.text == "关于做好防汛工作的通知"  # the page's <title> holds it


def test_a_generic_name_on_a_side_box_is_not_the_post():
    side = '<div class="content"><p>今日天气：晴，气温二十度。</p></div>'
    doc, findings = _load(PLAIN.replace('<div class="box">', side + '<div class="box">'))
    assert doc.meta["article"] == "density" and "今日天气" not in _body(doc) and len(findings) == 1


def test_default_rules_report_nothing_from_the_chrome():
    # 繁體版 (GOV103) and 万载政府网.政务 (GOV301) are the site's, not the post's
    doc = load_bytes(MARKED.encode("utf-8"), "page.html")
    findings = lint(doc, Config())
    assert_positions(doc, findings)
    assert [(f.code, f.match) for f in findings] == [("GOV001", BAD)]


XXGK_TABLE = """<div class="xxgk_table"><table>
<tr><td>索&ensp;引&ensp;号：</td><td>11360922MB1234567X/2021-00123</td><td>主题分类：</td><td>防汛抗旱</td></tr>
<tr><td>发文机关：</td><td>万载县人民政府办公室</td><td>成文日期：</td><td>2021年06月01日</td></tr>
<tr><td>标&emsp;&emsp;题：</td><td>关于做好防汛工作的通知</td></tr>
<tr><td>发文字号：</td><td>万府办字〔2021〕12号</td><td>发布日期：</td><td>2021-06-03</td></tr></table></div>"""


def test_metadata_table_dates_the_post_and_is_not_body_text():
    page = _page(f"""<div class="main">{XXGK_TABLE}
<div class="xxgk_content"><p>要深入学习{BAD}重要讲话精神。</p></div></div>""")
    doc, findings = _load(page)
    assert doc.meta["date"] == "2021-06-03" and doc.meta["written_date"] == "2021-06-01"
    assert _body(doc) == "要深入学习习近平书记重要讲话精神。" and len(findings) == 1


def test_metadata_table_inside_the_article_is_left_out():
    page = _page(f"""<div id="zoom">{XXGK_TABLE.replace("<tr><td>发文字号", "<tr><td>文号")}
<p>要深入学习{BAD}重要讲话精神。</p></div>""")
    doc, findings = _load(page)
    assert _body(doc) == "要深入学习习近平书记重要讲话精神。" and len(findings) == 1
    assert doc.meta["date"] == "2021-06-03"


def test_written_date_alone_dates_the_rules_not_the_publication():
    table = XXGK_TABLE.replace("<td>发布日期：</td><td>2021-06-03</td>", "")
    doc, _ = _load(_page(f'{table}<div class="TRS_Editor"><p>正文。</p></div>'))
    assert doc.meta["written_date"] == "2021-06-01" and not doc.meta.get("date")


def test_pubdate_meta_wins_over_the_table():
    page = _page(
        f'{XXGK_TABLE}<div class="TRS_Editor"><p>正文。</p></div>',
        '<meta name="PubDate" content="2021-06-05">',
    )
    assert _load(page)[0].meta["date"] == "2021-06-05"


def test_attachment_list_inside_the_article_is_left_out_but_the_attachment_note_stays():
    page = _page(f"""<div class="TRS_Editor"><p>请各单位认真执行。</p><div><p>附件：</p><p>防汛值班表</p></div>
<div><p>附件下载：</p><p><a href="/f/1.xlsx">{BAD}防汛值班表.xlsx</a></p></div>
<div class="hidden" style="display: none">{BAD}</div></div>""")
    doc, findings = _load(page)
    assert _body(doc) == "请各单位认真执行。\n附件：\n防汛值班表" and findings == []


@pytest.mark.parametrize(
    "page",
    [
        f"<p>学习{BAD}讲话</p><div>第二段</div>",
        f'<html><body><div class="WordSection1"><p>学习{BAD}讲话</p><p><a href="/x">链接</a>第二段</p></div></body></html>',
    ],
)
def test_fragment_or_word_export_is_checked_whole(page):
    doc, findings = _load(page)
    assert doc.meta["article"] == "page"
    assert _texts(doc)[-1].endswith("第二段") and len(findings) == 1


@pytest.mark.parametrize(
    "wrapper", ['<form id="form1" method="post" action="./show.aspx">', '<div class="print_area">']
)
def test_a_form_or_print_wrapper_around_the_post_is_no_chrome(wrapper):
    # ASP.NET sites wrap the whole page in one <form>; some templates wrap the post in a print area
    end = "</form>" if wrapper.startswith("<form") else "</div>"
    doc, findings = _load(
        PLAIN.replace('<div class="wz">', wrapper + '<div class="wz">').replace(
            "制度。</p></div>", "制度。</p></div>" + end
        )
    )
    assert "提高思想认识" in _body(doc) and len(findings) == 1
    doc, findings = _load(
        MARKED.replace('<div class="article_content">', wrapper + '<div class="article_content">').replace(
            "值班表</p></div>", "值班表</p></div>" + end
        )
    )
    assert "深入学习" in _body(doc) and len(findings) == 1


def test_positions_exact_through_entities_and_a_left_out_inline_share():
    page = _page(
        f"""<div class="article"><p>学习&ldquo;{BAD}&rdquo;讲话<span class="share">分享</span>，{BAD}。</p></div>"""
    )
    doc, findings = _load(page)
    assert _body(doc) == "学习“习近平书记”讲话，习近平书记。"
    assert len(findings) == 2  # assert_positions checked both spans in the source
