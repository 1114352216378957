"""``govlint --fix`` / ``--diff``: safe fixes only, every other byte kept, .docx runs keep formatting."""

from __future__ import annotations

import os
import re
import stat

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from textlint_gov.config import Config, config_from_dict
from textlint_gov.findings import Applicability, Edit, Finding, Severity
from textlint_gov.fix import choose, fix_bytes

BAD = "习近平书记"
GOOD = "习近平总书记"


def finding(start, end, content, applicability=Applicability.SAFE, code="GOV001"):
    return Finding(
        code,
        "expression",
        Severity.ERROR,
        "m",
        "x.txt",
        start,
        end,
        1,
        start + 1,
        1,
        end + 1,
        "",
        content,
        fix=(Edit(start, end, content),),
        applicability=applicability,
    )


def test_choose_right_to_left_skipping_overlaps_and_unsafe():
    fs = [
        finding(0, 5, "a"),
        finding(3, 8, "b"),
        finding(10, 12, "c"),
        finding(12, 14, "d", Applicability.UNSAFE),
        finding(20, 20, "e"),
        finding(20, 20, "f"),
    ]
    taken = choose(fs)
    assert [f.suggestion for f in taken] == [
        "e",
        "c",
        "b",
    ]  # right to left; 0-5 overlaps 3-8; one insertion per point
    assert choose([finding(0, 2, "a", Applicability.DISPLAY_ONLY)]) == []


def test_fix_txt_gb18030_crlf_keeps_every_other_byte(tmp_path, run_cli):
    text = f"关于会议的通知\r\n深入学习{BAD}重要讲话精神,推动工作。\r\n第三行不变\t 。\r\n"
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    mode = stat.S_IMODE(os.stat(path).st_mode) | stat.S_IXUSR
    os.chmod(path, mode)

    result = run_cli("--fix", path)
    assert "已修改 GOV001" in result.output and "已自动修改 2 处" in result.output

    expected = text.replace(BAD, GOOD).replace("精神,推动", "精神，推动").encode("gb18030")
    assert path.read_bytes() == expected  # still GB18030, CRLF, tab and spaces as they were
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert sorted(os.listdir(tmp_path)) == ["gb.txt"]  # no temporary file left behind
    assert result.exit_code == 0, result.output


def test_fix_utf8_bom_mixed_newlines_and_unsafe_left(tmp_path, run_cli):
    raw = f"\ufeff标题\n第一段{BAD}。\r\n第二段 version 1.0 在用.\r第三段\n".encode()
    raw = raw.replace("\ufeff".encode("utf-8"), b"\xef\xbb\xbf")
    path = tmp_path / "bom.txt"
    path.write_bytes(raw)
    result = run_cli("--fix", path)
    after = path.read_bytes()
    assert after == raw.replace(BAD.encode(), GOOD.encode())  # "." after Chinese is UNSAFE: never applied
    assert "GOV301" in result.output  # ...and reported as what is left


def test_typo_suggestion_not_applied_unless_rule_marks_it_safe(tmp_path, run_cli):
    (tmp_path / "mine.yaml").write_text(
        "rule:\n  code: GOV199\n  name: my-typo\n  category: typo\n  severity: error\n  fix: unsafe\n"
        '  summary: 本单位常见错字\n  message: "“{match}”应为“{correct}”"\n'
        "entries:\n  - correct: 部署\n    wrong: [布署]\n    source: 本单位校对记录\n"
        "    flag: [统一布署]\n    pass: [统一部署]\n",
        encoding="utf-8",
    )
    (tmp_path / "rules.yaml").write_text("dictionaries: [mine.yaml]\nignore: [GOV101]\n", encoding="utf-8")
    path = tmp_path / "t.txt"
    path.write_text("通知\n各单位统一布署。\n", encoding="utf-8")
    result = run_cli("--fix", path)
    assert path.read_text(encoding="utf-8") == "通知\n各单位统一布署。\n"
    assert "GOV199" in result.output and result.exit_code == 1
    assert "没有可自动修改的问题" in result.output


def test_diff_shows_changes_and_writes_nothing(tmp_path, run_cli):
    path = tmp_path / "d.md"
    body = f"# 通知\n\n学习{BAD}讲话。\n"
    path.write_text(body, encoding="utf-8")
    result = run_cli("--diff", path)
    assert result.exit_code == 1
    assert f"-学习{BAD}讲话。" in result.output and f"+学习{GOOD}讲话。" in result.output
    assert path.read_text(encoding="utf-8") == body

    path.write_text("# 通知\n\n没有问题。\n", encoding="utf-8")
    result = run_cli("--diff", path)
    assert result.exit_code == 0 and "没有可自动修改的问题" in result.output


def test_fix_html_keeps_markup_and_entities(tmp_path, run_cli):
    html = (
        f'<html><head><meta charset="utf-8"><title>通知</title></head>\n<body><h1>通知</h1>'
        f'<p class="x">A&amp;B 学习<b>{BAD}</b>讲话&nbsp;精神。</p></body></html>\n'
    )
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    run_cli("--fix", path)
    assert path.read_text(encoding="utf-8") == html.replace(BAD, GOOD)


def test_fix_is_idempotent_and_settles(tmp_path):
    data = f"标题\n{BAD}、{BAD}强调,要这样做,那样做。\n".encode()
    first = fix_bytes(data, "a.txt", Config())
    assert len(first.applied) == 4
    assert not [f for f in first.findings if f.applicability is Applicability.SAFE]
    second = fix_bytes(first.fixed, "a.txt", Config())
    assert second.fixed == first.fixed and not second.applied


def test_fix_respects_ignore_and_allow(tmp_path):
    data = f"标题\n学习{BAD}讲话。\n".encode()
    cfg = config_from_dict({"ignore": ["GOV001"]})
    assert fix_bytes(data, "a.txt", cfg).fixed == data
    cfg = config_from_dict({"allow": [f"学习{BAD}讲话"]})
    assert fix_bytes(data, "a.txt", cfg).fixed == data


def test_fix_stdin_refused_but_diff_works(run_cli):
    result = run_cli("--fix", "-", input=f"{BAD}。")
    assert result.exit_code == 2 and "标准输入" in result.output
    result = run_cli("--diff", "-", input=f"标题\n{BAD}讲话。\n")
    assert result.exit_code == 1 and f"+{GOOD}讲话。" in result.output


def _docx(path):
    d = docx.Document()
    d.add_heading("关于会议的通知", 1)
    p = d.add_paragraph("要认真学习")
    r = p.add_run(f"{BAD}讲话")
    r.bold = True
    r.font.size = docx.shared.Pt(16)
    p.add_run("精神,推动落实。")
    p2 = d.add_paragraph("跨格式段：习近")
    p2.add_run("平书记讲话。").italic = True
    d.save(str(path))


def test_fix_docx_inside_run_keeps_formatting_across_runs_left(tmp_path, run_cli):
    path = tmp_path / "w.docx"
    _docx(path)
    result = run_cli("--fix", path)
    assert "已修改 GOV001" in result.output
    assert f"未修改 GOV001 “{BAD}”" in result.output and "跨越多个格式段" in result.output
    assert result.exit_code == 1  # the error across runs is still there

    d = docx.Document(str(path))
    runs = [(r.text, r.bold, r.font.size.pt if r.font.size else None) for r in d.paragraphs[1].runs]
    assert runs == [("要认真学习", None, None), (f"{GOOD}讲话", True, 16.0), ("精神，推动落实。", None, None)]
    assert [r.text for r in d.paragraphs[2].runs] == ["跨格式段：习近", "平书记讲话。"]
    assert d.paragraphs[2].runs[1].italic


def test_docx_diff_leaves_original(tmp_path, run_cli):
    path = tmp_path / "w.docx"
    _docx(path)
    before = path.read_bytes()
    result = run_cli("--diff", path)
    assert result.exit_code == 1 and f"+要认真学习{GOOD}讲话精神，推动落实。" in result.output
    assert path.read_bytes() == before


# Property: whatever the encoding, BOM and line endings, only the fixed spans change.
LINE = st.sampled_from(
    [f"学习{BAD}讲话", "推进工作,确保落实", "普通正文", "数字 1.5 和 a,b", "", "  缩进\t文字"]
)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])
ENCODING = st.sampled_from([("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(LINE, NEWLINE), min_size=1, max_size=6), ENCODING)
def test_fix_changes_only_fixed_spans(lines, encoding):
    enc, bom = encoding
    text = "标题" + "".join(nl + line for line, nl in lines)
    data = bom + text.encode(enc)
    result = fix_bytes(data, "p.txt", Config())
    assert result.fixed.startswith(bom)
    after = result.fixed[len(bom) :].decode(enc)
    assert re.findall(r"\r\n|\r|\n", after) == re.findall(r"\r\n|\r|\n", text)
    expected = text.replace(BAD, GOOD).replace("工作,确保", "工作，确保")
    assert after == expected


def test_fix_with_json_output_keeps_stdout_machine_readable(tmp_path, run_cli):
    import json

    path = tmp_path / "a.txt"
    path.write_text(f"通知\n学习{BAD}讲话,好.\n", encoding="utf-8")
    result = run_cli("--fix", "--format", "json", path)
    left = json.loads(result.stdout)  # the report of changes went to stderr
    assert [x["code"] for x in left] == ["GOV301"] and left[0]["match"] == "."
    assert "已修改 GOV001" in result.stderr
    assert path.read_text(encoding="utf-8") == f"通知\n学习{GOOD}讲话，好.\n"


def test_fix_across_markup_is_left_alone(tmp_path, run_cli):
    md = tmp_path / "a.md"
    md_text = f"# 通知\n\n学习**习近平**书记讲话。\n\n学习{BAD}讲话。\n"
    md.write_text(md_text, encoding="utf-8")
    result = run_cli("--fix", md)
    assert md.read_text(encoding="utf-8") == md_text.replace(f"学习{BAD}讲话", f"学习{GOOD}讲话")
    assert "跨越格式标记" in result.output

    page = tmp_path / "a.html"
    html = f"<h1>通知</h1><p>学习习近平<b>书记</b>讲话。</p><p>学习{BAD}讲话&#44;好。</p>"
    page.write_text(html, encoding="utf-8")
    run_cli("--fix", page)
    # the span with a tag is left; an entity inside a fixed span is replaced with the right mark
    assert page.read_text(encoding="utf-8") == html.replace(f"学习{BAD}讲话&#44;", f"学习{GOOD}讲话，")


def test_left_alone_is_reported_where_it_is_after_other_fixes(tmp_path, run_cli):
    md = tmp_path / "a.md"
    md.write_text(f"# 通知\n\n学习{BAD}讲话，**习近平**书记强调。\n", encoding="utf-8")
    result = run_cli("--fix", md)
    assert md.read_text(encoding="utf-8") == f"# 通知\n\n学习{GOOD}讲话，**习近平**书记强调。\n"
    assert f"a.md:3:3: 已修改 GOV001 “{BAD}” → “{GOOD}”" in result.output
    assert (
        "a.md:3:14: 未修改 GOV001 “习近平**书记”" in result.output
    )  # column in the fixed text; the match as the source has it
    assert "另有 1 处可修改的问题须手工处理" in result.output
