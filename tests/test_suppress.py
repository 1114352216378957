"""Inline suppressions (md/html comments), GOV901 for unused ones, allow: and per-file-ignores."""

from __future__ import annotations

import json

import pytest

from textlint_gov.config import Config, config_from_dict
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes
from textlint_gov.rules import registry
from textlint_gov.suppress import apply_suppressions

BAD = "习近平书记"


def codes(text: str, name: str = "a.md", config: Config | None = None) -> list[tuple[str, int]]:
    doc = load_bytes(text.encode("utf-8"), name)
    return [(f.code, f.line) for f in lint(doc, config or Config())]


def test_disable_next_line_with_reason():
    text = f"# 通知\n\n<!-- govlint-disable-next-line GOV001 -- 引用原文 -->\n学习{BAD}讲话。\n\n再次学习{BAD}讲话。\n"
    assert codes(text) == [("GOV001", 6)]


def test_next_line_only_the_next_line_and_only_named_codes():
    text = f"# 通知\n\n<!-- govlint-disable-next-line GOV3 -->\n学习{BAD}讲话,好。\n"
    assert codes(text) == [("GOV001", 4)]  # GOV301 suppressed by prefix, GOV001 not named
    text = f"# 通知\n\n<!-- govlint-disable-next-line GOV001 -->\n\n学习{BAD}讲话。\n"
    assert ("GOV001", 5) in codes(text)  # a blank line in between: not the next line
    assert ("GOV901", 3) in codes(text)


def test_disable_enable_block_all_codes_and_named():
    text = (
        f"# 通知\n\n<!-- govlint-disable -->\n{BAD}讲话,好。\n\n{BAD}。\n<!-- govlint-enable -->\n\n"
        f"{BAD}。\n\n<!-- govlint-disable GOV301 -->\n{BAD},好。\n"
    )
    assert codes(text) == [("GOV001", 9), ("GOV001", 12)]  # block ends at enable; unclosed runs to the end


def test_enable_with_codes_closes_only_those():
    text = f"# 通知\n\n<!-- govlint-disable GOV001, GOV301 -->\n<!-- govlint-enable GOV301 -->\n{BAD},好。\n"
    assert codes(text) == [("GOV901", 3), ("GOV301", 5)]  # GOV301 closed before it suppressed anything


def test_html_comments_work_too():
    html = f"<html><body><h1>通知</h1><!-- govlint-disable-next-line GOV001 -->\n<p>学习{BAD}讲话。</p>\n<p>{BAD}。</p></body></html>"
    assert codes(html, "p.html") == [("GOV001", 3)]


def test_unused_suppressions_reported_as_gov901_info():
    text = (
        "# 通知\n\n<!-- govlint-disable-next-line GOV001 -->\n这一行没有问题。\n\n"
        f"<!-- govlint-disable-next-line GOV001 GOV301 -->\n学习{BAD}讲话。\n\n"
        "<!-- govlint-enable -->\n<!-- govlint-disable-line GOV001 -->\n"
    )
    doc = load_bytes(text.encode("utf-8"), "a.md")
    found = [f for f in lint(doc, Config()) if f.code == "GOV901"]
    assert [(f.line, f.severity.value) for f in found] == [
        (3, "info"),
        (6, "info"),
        (9, "info"),
        (10, "info"),
    ]
    assert "GOV001" in found[0].message and "下一行" in found[0].message
    assert "GOV301" in found[1].message and "GOV001" not in found[1].message  # only the unused code
    assert "govlint-enable" in found[2].message
    assert "govlint-disable-line" in found[3].message
    assert found[0].match == "<!-- govlint-disable-next-line GOV001 -->"


def test_gov901_is_a_registered_rule_that_can_be_ignored(tmp_path, run_cli):
    assert "GOV901" in registry()
    assert registry()["GOV901"].docs()["作用"]
    text = "# 通知\n\n<!-- govlint-disable-next-line GOV001 -->\n没有问题。\n"
    assert codes(text) == [("GOV901", 3)]
    assert codes(text, config=config_from_dict({"ignore": ["GOV9"]})) == []
    assert codes(text, "x/a.md", config_from_dict({"per-file-ignores": {"x/*.md": ["GOV901"]}})) == []
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    r = run_cli("--format", "json", path)
    assert [x["code"] for x in json.loads(r.stdout)] == ["GOV901"] and r.exit_code == 0  # info: not a failure
    r = run_cli("--format", "json", "--select", "GOV001", path)
    assert json.loads(r.stdout) == []


def test_with_config_severity_is_the_configured_one():
    doc = load_bytes("# 通知\n\n<!-- govlint-disable GOV001 -->\n没有问题。\n".encode(), "a.md")
    cfg = config_from_dict({"severity": {"GOV901": "warning"}})
    [f] = apply_suppressions(doc, [], cfg)
    assert f.code == "GOV901" and f.severity.value == "warning"
    assert apply_suppressions(doc, [], config_from_dict({"ignore": ["GOV901"]})) == []


def test_suppressed_findings_are_not_fixed(tmp_path, run_cli):
    text = f"# 通知\n\n<!-- govlint-disable-next-line GOV001 -- 引用原文 -->\n学习{BAD}讲话。\n\n学习{BAD}讲话。\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    run_cli("--fix", path)
    assert path.read_text(encoding="utf-8") == text.replace(
        f"学习{BAD}讲话。\n", "学习习近平总书记讲话。\n"
    ).replace("-->\n学习习近平总书记讲话。", f"-->\n学习{BAD}讲话。")


@pytest.mark.parametrize("fmt", ["a.txt", "a.docx"])
def test_comments_are_not_directives_in_txt(fmt, tmp_path, docx_factory):
    if fmt == "a.txt":
        doc = load_bytes(f"通知\n<!-- govlint-disable -->\n{BAD}。\n".encode(), fmt)
    else:
        doc = load_bytes(docx_factory(fmt, ["<!-- govlint-disable -->", f"{BAD}。"]).read_bytes(), fmt)
    assert "GOV001" in [f.code for f in lint(doc, Config())]


# allow: and per-file-ignores work in every format.


def test_allow_list_in_any_format(tmp_path, docx_factory):
    cfg = config_from_dict({"allow": [f"“{BAD}”"]})  # a quotation kept as written
    for name, data in [
        ("a.txt", f"通知\n原文称“{BAD}”。另{BAD}。\n".encode()),
        ("a.md", f"# 通知\n\n原文称“{BAD}”。另{BAD}。\n".encode()),
        ("a.html", f"<h1>通知</h1><p>原文称“{BAD}”。另{BAD}。</p>".encode()),
        ("a.docx", docx_factory("a.docx", [f"原文称“{BAD}”。另{BAD}。"], heading="通知").read_bytes()),
    ]:
        found = [f for f in lint(load_bytes(data, name), cfg) if f.code == "GOV001"]
        assert len(found) == 1, name  # the quoted one is allowed, the other still found
        assert len([f for f in lint(load_bytes(data, name), Config()) if f.code == "GOV001"]) == 2, name


def test_per_file_ignores_by_glob(tmp_path, run_cli):
    (tmp_path / "公告").mkdir()
    (tmp_path / "公告" / "a.txt").write_text(f"通知\n{BAD}。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"通知\n{BAD}。\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text('per-file-ignores: {"公告/*.txt": [GOV0]}\n', encoding="utf-8")
    r = run_cli("--format", "json", "公告/a.txt", "b.txt")
    assert [(x["path"], x["code"]) for x in json.loads(r.stdout) if x["code"] == "GOV001"] == [
        ("b.txt", "GOV001")
    ]


def test_with_config_codes_of_disabled_rules_are_not_unused():
    doc = load_bytes(
        "# 通知\n\n<!-- govlint-disable-next-line GOV301 GOV001 -->\n没有问题。\n".encode(), "a.md"
    )
    [f] = apply_suppressions(doc, [], config_from_dict({"ignore": ["GOV3"]}))
    assert "GOV001" in f.message and "GOV301" not in f.message
    assert apply_suppressions(doc, [], config_from_dict({"ignore": ["GOV3", "GOV0"]})) == []


def test_next_line_comment_on_the_last_line_is_unused():
    assert codes("# 通知\n\n正文。\n<!-- govlint-disable-next-line -->") == [("GOV901", 4)]


def test_same_document_linted_under_two_configurations():
    doc = load_bytes("# 通知\n\n<!-- govlint-disable-next-line GOV001 -->\n没有问题。\n".encode(), "a.md")
    assert [f.code for f in lint(doc, Config())] == ["GOV901"]
    assert lint(doc, config_from_dict({"ignore": ["GOV901"]})) == []
    assert [f.code for f in lint(doc, Config())] == ["GOV901"]
