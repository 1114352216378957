"""Loaders: every format lands in one document model whose positions hold the matched text."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from helpers import assert_positions, lint_file

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import LoadError, load, load_bytes

ONLY_GOV001 = Config(select=["GOV001"])


# --- .txt -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_txt_encodings_positions(tmp_path, encoding, bom):
    text = "关于秋季工作的通知\r\n　　会议传达了习近平书记的讲话。\r\n第三行\n"
    p = tmp_path / "a.txt"
    p.write_bytes(bom + text.encode(encoding))
    doc, findings = lint_file(p, ONLY_GOV001)
    assert doc.meta["encoding"].replace("_", "-").startswith(encoding[:5]) or doc.meta["encoding"] == encoding
    assert doc.meta["bom"] == bom
    assert doc.source == text
    assert [(f.line, f.column, f.match) for f in findings] == [(2, 8, "习近平书记")]


def test_gbk_file_with_rare_characters_is_detected_not_guessed(tmp_path):
    text = "镕基同志在会上讲话，强调要认真部署秋季防火工作。珺琪、喆、𠀾等字也要正确显示。" * 3
    p = tmp_path / "gb.txt"
    p.write_bytes(text.encode("gb18030"))
    assert load(p).source == text


def test_txt_title_is_first_line_unless_body(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("\n\n　关于开展安全检查的通知\n正文。\n", encoding="utf-8")
    assert load(p).title.text == "关于开展安全检查的通知"
    p.write_text("各村（社区）、镇直各单位：\n正文。\n", encoding="utf-8")
    assert load(p).title is None


# --- .md ------------------------------------------------------------------------------------

MD = """---
title: 关于布署工作的通知
date: 2021-01-05
unit: 教育体育局
---

# 关于布署工作的通知

正文提到习近平书记，
第二行也有习近平书记[链接文字](http://example.com/习近平书记)。

```
习近平书记 在代码块中不查
```

<!-- 习近平书记 在注释中不查 -->
- 列表项：习近平书记
| 表头 | 习近平书记 |
"""


def test_markdown_skips_front_matter_code_comments_and_link_targets():
    doc = load_bytes(MD.encode(), "a.md")
    findings = lint(doc, ONLY_GOV001)
    assert_positions(doc, findings)
    assert [(f.line, f.column) for f in findings] == [(9, 5), (10, 6), (17, 7), (18, 8)]
    assert doc.meta["date"] == "2021-01-05" and doc.meta["unit"] == "教育体育局"
    assert doc.title.text == "关于布署工作的通知"
    assert sum(b.kind == "title" for b in doc.blocks) == 1


def test_markdown_title_from_front_matter_without_heading():
    doc = load_bytes("---\ntitle: '通知标题'\n---\n正文\n".encode(), "a.md")
    assert doc.title.text == "通知标题"
    assert doc.source[doc.title.to_source(0) : doc.title.to_source(4, True)] == "通知标题"


def test_markdown_soft_wrapped_paragraph_is_one_block():
    doc = load_bytes("学习习近平\n书记讲话\n".encode(), "a.md")
    assert [b.text for b in doc.blocks] == ["学习习近平书记讲话"]
    f = lint(doc, ONLY_GOV001)
    assert f[0].line == 1 and f[0].end_line == 2


# --- .html ----------------------------------------------------------------------------------

HTML = """<html><head><title>网页标题</title>
<meta name="ArticleTitle" content="关于&amp;布署的通知">
<meta name="PubDate" content="2021-01-08 10:00">
<meta name="ContentSource" content="城关镇">
<style>.a{}</style><script>var s="习近平书记";</script></head>
<body><p class="习近平书记">正文&nbsp;习近平书记<b>强调</b></p>
<div>第二段&ldquo;习近平书记&rdquo;<br>第三段习近平&#20070;记</div></body></html>"""


def test_html_visible_text_only_entities_decoded():
    doc = load_bytes(HTML.encode(), "a.html")
    findings = lint(doc, ONLY_GOV001)
    assert_positions(doc, findings)
    assert [(f.line, f.column) for f in findings] == [(6, 32), (7, 16), (7, 35)]
    assert doc.meta["title"] == "关于&布署的通知"
    assert doc.meta["date"] == "2021-01-08 10:00" and doc.meta["unit"] == "城关镇"


def test_html_title_precedence():
    assert load_bytes("<title>甲</title><h1>乙</h1><p>正文</p>".encode(), "a.html").title.text == "乙"
    assert load_bytes("<title>甲</title><p>正文</p>".encode(), "a.html").title.text == "甲"


def test_html_malformed_still_loads():
    doc = load_bytes("<p>未闭合<div>习近平书记<p <<>> &bogus; 尾".encode(), "a.html")
    assert any("习近平书记" in b.text for b in doc.blocks)


def test_html_gbk_charset():
    data = '<meta charset="gbk"><p>部署工作</p>'.encode("gb18030")
    assert load_bytes(data, "a.html").blocks[0].text == "部署工作"


# --- .docx ----------------------------------------------------------------------------------


def _tracked(paragraph, change: str, text_tag: str, text: str) -> None:
    """Append a tracked change (w:ins or w:del) holding one run of ``text`` to a paragraph."""
    el = OxmlElement(change)
    el.set(qn("w:id"), "1")
    el.set(qn("w:author"), "x")
    r = OxmlElement("w:r")
    t = OxmlElement(text_tag)
    t.text = text
    r.append(t)
    el.append(r)
    paragraph._p.append(el)


def _content_control(body, text):
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    p.append(r)
    content.append(p)
    sdt.append(content)
    body.insert(len(body) - 1, sdt)  # before sectPr


def test_docx_order_numbering_and_positions(tmp_path):
    d = docx.Document()
    d.add_heading("标题", 1)  # 1
    d.add_paragraph("")  # 2 (empty paragraphs count)
    p = d.add_paragraph("学习")  # 3
    p.add_run("习近平")
    p.add_run("书记讲话")
    t = d.add_table(rows=2, cols=2)  # 4..7
    t.cell(0, 0).text = "甲"
    t.cell(1, 1).text = "表中习近平书记"
    # nested table: the cell holds its own paragraph (5), the inner table (6) and the closing paragraph
    # python-docx adds after a table (7); row 2 is then 8 and 9
    inner = t.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套习近平书记"
    q = d.add_paragraph("修订")  # 10
    _tracked(q, "w:ins", "w:t", "习近平书记")
    _tracked(q, "w:del", "w:delText", "删除的习近平书记")
    _content_control(d.element.body, "控件里习近平书记")  # 11
    d.sections[0].header.paragraphs[0].text = "页眉习近平书记"
    path = tmp_path / "a.docx"
    d.save(path)
    doc, findings = lint_file(path, ONLY_GOV001)
    got = [(f.line, f.column, f.where) for f in findings]
    assert got == [
        (3, 3, "第3段"),
        (6, 3, "表1第1行第2列内表1第1行第1列"),
        (9, 3, "表1第2行第2列"),
        (10, 3, "第10段"),
        (11, 4, "第11段"),
        (12, 3, "页眉"),
    ]
    assert doc.title.text == "标题"
    assert "删除的" not in doc.source


def test_docx_merged_cells_read_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1))
    t.cell(0, 0).text = "合并单元格习近平书记"
    t.cell(1, 0).merge(t.cell(1, 1)).merge(t.cell(0, 0))
    path = tmp_path / "m.docx"
    d.save(path)
    _doc, findings = lint_file(path, ONLY_GOV001)
    assert len(findings) == 1


def test_docx_title_first_nonempty_without_heading_style(tmp_path, docx_factory):
    path = docx_factory("t.docx", ["", "  通知标题  ", "正文"])
    assert load(path).title.text == "通知标题"


def _rewrite_docx(path, edit, extra=None) -> bytes:
    """The .docx at ``path`` with ``edit(name, data) -> data`` applied to each part, plus ``extra``
    parts (name -> text): for structures python-docx cannot write."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, edit(item.filename, zin.read(item.filename)))
        for name, text in (extra or {}).items():
            zout.writestr(name, text)
    return buf.getvalue()


def test_docx_footnotes_are_read(tmp_path):
    # python-docx cannot write footnotes: add a footnotes part by hand.
    d = docx.Document()
    d.add_paragraph("正文")
    path = tmp_path / "f.docx"
    d.save(path)

    def edit(name, data):
        if name == "word/_rels/document.xml.rels":
            data = data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
            )
        if name == "[Content_Types].xml":
            data = data.replace(
                b"</Types>",
                b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
            )
        return data

    footnotes = (
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>脚注习近平书记</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    path.write_bytes(_rewrite_docx(path, edit, {"word/footnotes.xml": footnotes}))
    _doc, findings = lint_file(path, ONLY_GOV001)
    assert [(f.line, f.where) for f in findings] == [(2, "脚注")]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data,cause",
    [
        ("empty.txt", b"", "文件为空"),
        ("bin.txt", b"\x00\x01\x02binary\x00" * 20, "二进制"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "ZIP"),
        ("enc.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "加密"),
        ("x.odt", b"PK\x03\x04", "不支持"),
        ("x.pdf", b"%PDF-1.4", "PDF 文件损坏"),
    ],
)
def test_bad_input_raises_load_error(name, data, cause):
    with pytest.raises(LoadError, match=cause):
        load_bytes(data, name)


def test_docx_zip_bomb_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<a>" + b" " * 20_000_000 + b"</a>")
    with pytest.raises(LoadError, match="压缩炸弹"):
        load_bytes(buf.getvalue(), "bomb.docx")


def test_docx_deeply_nested_xml_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph("正文")
    path = tmp_path / "deep.docx"
    d.save(path)
    nested = b"<w:body>" + b"<w:customXml>" * 5000 + b"</w:customXml>" * 5000

    def edit(name, data):
        return data.replace(b"<w:body>", nested) if name == "word/document.xml" else data

    with pytest.raises(LoadError):
        load_bytes(_rewrite_docx(path, edit), "deep.docx")


def test_missing_file():
    with pytest.raises(LoadError, match="不存在"):
        load("/nonexistent/草稿.txt")


def test_markdown_link_target_with_parentheses_is_dropped():
    doc = load_bytes("# 标题\n\n见[通知](https://a.gov.cn/a_(1).html)和![图](x_(2).png)。\n".encode(), "a.md")
    assert [b.text for b in doc.blocks] == ["标题", "见通知和。"]


@pytest.mark.parametrize(
    "page,text",
    [
        ("&nbspdate: x", "date: x"),
        ("&copy2021年", "©2021年"),
        ("&notit; 好", "¬it; 好"),
        ("a&nbsp;b", "a\xa0b"),
    ],
)
def test_html_reference_without_semicolon_keeps_the_letters_positions(page, text):
    """``&nbspdate`` is an NBSP then ``date`` (HTML5's longest-prefix rule): the letters after the
    reference keep their own source positions (found by the fuzz test)."""
    doc = load_bytes(page.encode("utf-8"), "a.html")
    [block] = doc.blocks
    assert block.text == text.strip()
    for t0, s0, tl, sl in block.segments:
        assert t0 >= 0 and s0 >= 0
        if tl == sl:
            assert doc.source[s0 : s0 + sl] == block.text[t0 : t0 + tl]
