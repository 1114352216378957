"""``govlint review``: a copy with one Word comment per finding, anchored on the offending text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import LoadError, load
from textlint_gov.review import AUTHOR, review_docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchors(path) -> dict[str, str]:
    """comment id -> the text between its w:commentRangeStart and w:commentRangeEnd."""
    body = docx.Document(str(path)).element.body
    open_: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            done[el.get(W + "id")] = "".join(open_.pop(el.get(W + "id")))
        elif el.tag == W + "t":
            for parts in open_.values():
                parts.append(el.text or "")
    assert not open_, "every comment range must be closed"
    return done


def comments(path) -> list[tuple[str, str, str]]:
    """(author, comment text, anchor text) for every comment, in anchor order."""
    d = docx.Document(str(path))
    where = anchors(path)
    by_id = {str(c.comment_id): c for c in d.comments}
    assert set(by_id) == set(where)
    return [(by_id[i].author, by_id[i].text, where[i]) for i in where]


def draft(tmp_path) -> Path:
    d = docx.Document()
    d.add_heading("关于认真学习贯彻会议精神的通知", 1)
    p = d.add_paragraph("各单位要深入学习")
    bold = p.add_run("习近平书记")  # the whole run is the offending text
    bold.bold = True
    p.add_run("重要讲话精神，推进工作,确保落实。")  # "," inside a longer run: the run is split
    p2 = d.add_paragraph("这是一段没有问题的正文。")
    p2.runs[0].italic = True
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return path


def test_review_writes_copy_with_one_comment_per_finding(tmp_path, run_cli):
    path = draft(tmp_path)
    before = path.read_bytes()
    findings = lint(load(path), Config())
    assert sorted(f.code for f in findings) == ["GOV001", "GOV301"]

    result = run_cli("review", path)
    assert result.exit_code == 0, result.output
    out = tmp_path / "draft.govlint.docx"
    assert out.is_file()
    assert path.read_bytes() == before  # the original is never touched
    assert "2 条批注" in result.output

    got = comments(out)
    assert [(a, anchor) for a, _, anchor in got] == [(AUTHOR, "习近平书记"), (AUTHOR, ",")]
    assert got[0][1] == "GOV001 “习近平书记”表述有误，应为“习近平总书记”"
    assert got[1][1].startswith("GOV301 ") and "“，”" in got[1][1]


def test_review_keeps_text_and_formatting(tmp_path):
    path = draft(tmp_path)
    findings = lint(load(path), Config())
    out = tmp_path / "out.docx"
    out.write_bytes(review_docx_bytes(path.read_bytes(), findings))
    before, after = docx.Document(str(path)), docx.Document(str(out))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    runs = after.paragraphs[1].runs
    assert [(r.text, bool(r.bold)) for r in runs if r.text] == [
        ("各单位要深入学习", False),
        ("习近平书记", True),
        ("重要讲话精神，推进工作", False),
        (",", False),
        ("确保落实。", False),
    ]
    assert after.paragraphs[2].runs[0].italic
    # The result is still a document govlint reads the same way.
    assert [(f.code, f.match) for f in lint(load(out), Config())] == [(f.code, f.match) for f in findings]


def test_review_overlapping_findings_and_suggestion_in_comment(tmp_path):
    d = docx.Document()
    d.add_paragraph("标题")
    d.add_paragraph("坚持以新时代中国特色社会主义思想为指导。")
    path = tmp_path / "x.docx"
    d.save(str(path))
    findings = lint(load(path), Config())
    assert findings and findings[0].suggestion
    out = tmp_path / "x.govlint.docx"
    out.write_bytes(review_docx_bytes(path.read_bytes(), findings))
    got = comments(out)
    assert len(got) == len(findings)
    assert got[0][2] == findings[0].match
    assert findings[0].suggestion in got[0][1]


def test_review_header_finding_is_anchored_on_title_with_place(tmp_path, docx_factory):
    path = docx_factory("h.docx", ["正文没有问题。"], heading="通知", header="习近平书记")
    findings = lint(load(path), Config())
    assert [f.where for f in findings] == ["页眉"]
    out = tmp_path / "h.govlint.docx"
    out.write_bytes(review_docx_bytes(path.read_bytes(), findings))
    [(_author, text, anchor)] = comments(out)
    assert text.startswith("页眉：GOV001") and anchor == "通知"


def test_review_clean_draft_and_errors(tmp_path, run_cli, docx_factory):
    path = docx_factory("clean.docx", ["这是一段没有问题的正文。"], heading="通知")
    result = run_cli("review", path)
    assert result.exit_code == 0
    assert "没有批注" in result.output
    assert len(docx.Document(str(tmp_path / "clean.govlint.docx")).comments) == 0

    (tmp_path / "a.txt").write_text("习近平书记", encoding="utf-8")
    result = run_cli("review", tmp_path / "a.txt")
    assert result.exit_code == 2 and "只处理 .docx" in result.output
    assert not (tmp_path / "a.govlint.docx").exists()

    result = run_cli("review", tmp_path / "missing.docx")
    assert result.exit_code == 2

    with pytest.raises(LoadError):
        review_docx_bytes(b"not a zip", [])


# Property: splitting runs to isolate any span keeps the paragraph text and formatting, and the
# isolated runs hold exactly the span.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

RUN = st.tuples(st.sampled_from(["习近平", "书记", "讲话,", "\t", "a b", "。", ""]), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(RUN, min_size=1, max_size=6), st.data())
def test_isolate_any_span(runs, data):
    from textlint_gov.docxedit import W, isolate, paragraph_text, run_spans

    d = docx.Document()
    p = d.add_paragraph()
    for text, bold in runs:
        r = p.add_run(text)  # python-docx turns "\t" into <w:tab/>
        r.bold = True if bold else None
    el = p._p
    text = paragraph_text(el)
    assert text == "".join(t for t, _ in runs)
    if not text:
        return
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    got = isolate(el, a, b)
    assert paragraph_text(el) == text
    spans = {id(r): (s, e) for r, s, e in run_spans(el)}
    assert "".join(text[spans[id(r)][0] : spans[id(r)][1]] for r in got) == text[a:b]
    bold_at = "".join("1" if bold else "0" for t, bold in runs for _ in t)
    for r, s, e in run_spans(el):
        is_bold = r.find(f"{W}rPr/{W}b") is not None
        assert all(bold_at[i] == ("1" if is_bold else "0") for i in range(s, e))


def test_existing_comments_kept_and_ids_follow_the_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("通知")
    d.add_paragraph(f"第一处{'习近平书记'}。")
    p = d.add_paragraph("同事已批注的段落。")
    d.add_comment(p.runs, text="请核实", author="张三", initials="ZS")
    d.add_paragraph("第二处布署工作。")
    path = tmp_path / "c.docx"
    d.save(str(path))
    findings = lint(load(path), Config())
    out = tmp_path / "c.govlint.docx"
    out.write_bytes(review_docx_bytes(path.read_bytes(), findings))
    got = comments(out)
    assert [(a, anchor) for a, _, anchor in got] == [
        ("govlint", "习近平书记"),
        ("张三", "同事已批注的段落。"),
        ("govlint", "布署"),
    ]
    ids = [int(c.comment_id) for c in docx.Document(str(out)).comments]
    assert ids == sorted(ids) and list(anchors(out)) == [str(i) for i in range(3)]
