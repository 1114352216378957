"""``--format sarif`` (SARIF 2.1.0) and ``--format github`` (workflow annotations)."""

from __future__ import annotations

import json

from textlint_gov.formatters import FileResult, render
from textlint_gov.formatters.github import escape_data, escape_property
from textlint_gov.rules import registry

BAD = "习近平书记"


def sarif(run_cli, *args):
    r = run_cli("--format", "sarif", *args)
    return r, json.loads(r.stdout)


def test_sarif_document_driver_and_columns(tmp_path, run_cli):
    path = tmp_path / "稿件.txt"
    path.write_text(f"通知\n😀学习{BAD}讲话,好。\n", encoding="utf-8")  # an astral character before the span
    r, doc = sarif(run_cli, "稿件.txt")
    assert r.exit_code == 1
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    [run] = doc["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "govlint"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.code for rule in registry()]  # every rule, not only those that fired
    for rule in driver["rules"]:
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {rule['id']}")
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    gov901 = driver["rules"][ids.index("GOV901")]
    assert gov901["defaultConfiguration"]["level"] == "note"

    results = {res["ruleId"]: res for res in run["results"]}
    res = results["GOV001"]
    assert ids[res["ruleIndex"]] == "GOV001" and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "%E7%A8%BF%E4%BB%B6.txt"
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    # code points: 😀 is one column (UTF-16 would count two); the end column is exclusive
    assert loc["region"] == {
        "startLine": 2,
        "startColumn": 4,
        "endLine": 2,
        "endColumn": 9,
        "snippet": {"text": BAD},
    }
    assert "习近平总书记" in res["message"]["text"]
    [fix] = res["fixes"]
    [change] = fix["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "习近平总书记"
    assert results["GOV301"]["level"] == "warning"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_unreadable_file_is_a_notification(tmp_path, run_cli):
    (tmp_path / "bad.docx").write_bytes(b"not a docx")
    r, doc = sarif(run_cli, "bad.docx")
    assert r.exit_code == 2
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["level"] == "error"
    assert doc["runs"][0]["results"] == []


def test_sarif_clean_file_has_no_results_but_all_rules(tmp_path, run_cli):
    (tmp_path / "a.md").write_text("# 通知\n\n没有问题。\n", encoding="utf-8")
    r, doc = sarif(run_cli, "a.md")
    assert r.exit_code == 0 and doc["runs"][0]["results"] == []
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) == len(registry())


def test_sarif_fingerprints_distinguish_repeated_findings(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(f"通知\n{BAD}。{BAD}。\n", encoding="utf-8")
    _, doc = sarif(run_cli, "a.txt")
    prints = [
        res["partialFingerprints"]["govlint/v1"]
        for res in doc["runs"][0]["results"]
        if res["ruleId"] == "GOV001"
    ]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_github_annotations(tmp_path, run_cli):
    (tmp_path / "a,b.txt").write_text(f"通知\n学习{BAD}讲话,好。\n", encoding="utf-8")
    r = run_cli("--format", "github", "a,b.txt")
    lines = r.stdout.splitlines()
    assert r.exit_code == 1
    assert lines[0] == (
        "::error file=a%2Cb.txt,line=2,col=3,endLine=2,endColumn=8,title=GOV001 表述::"
        "“习近平书记”表述有误，应为“习近平总书记”（建议：习近平总书记）"
    )
    assert lines[1].startswith("::warning file=a%2Cb.txt,line=2,col=10,")
    assert len(lines) == 2


def test_github_levels_escaping_and_errors():
    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"
    out = render("github", [FileResult("x.docx", error="不是有效的 .docx 文件")])
    assert out == "::error file=x.docx,title=govlint::不是有效的 .docx 文件\n"


def test_github_notice_for_info_and_docx_place(tmp_path, run_cli, docx_factory):
    (tmp_path / "a.md").write_text(
        "# 通知\n\n<!-- govlint-disable-next-line GOV001 -->\n没有问题。\n", encoding="utf-8"
    )
    docx_factory("d.docx", [f"学习{BAD}讲话。"], heading="通知")
    r = run_cli("--format", "github", "a.md", "d.docx")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("::notice file=a.md,line=3,col=1,") and "title=GOV901 格式" in lines[0]
    assert lines[1].startswith("::error file=d.docx,line=2,col=3,") and lines[1].endswith("［第2段］")
