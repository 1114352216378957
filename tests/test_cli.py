"""The command line: default command, output formats, exit codes, bad input, configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "category",
    "severity",
    "message",
    "match",
    "suggestion",
}


def write(tmp_path: Path, name: str, text: str, encoding="utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_docx_text_output_ruff_style(run_cli, docx_factory):
    path = docx_factory(
        "稿件.docx", ["会议传达了习近平书记的重要讲话。", "认真布署工作。"], heading="关于安全生产的通知"
    )
    r = run_cli(path)
    assert r.exit_code == 1
    out = r.stdout
    assert f"{path}:2:6: GOV001 [错误] “习近平书记”表述有误，应为“习近平总书记”（建议：习近平总书记）" in out
    assert "  第2段 | 会议传达了习近平书记的重要讲话。" in out
    assert "^^^^^^^^^^" in out
    assert f"{path}:3:3: GOV101" in out
    assert "共 2 处问题（错误 2，警告 0，提示 0），涉及 1 个文件。" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_json_output_keys_and_positions(run_cli, tmp_path):
    p = write(tmp_path, "a.txt", "标题\n学习习近平书记讲话,认真落实。\n")
    r = run_cli("--format", "json", p)
    data = json.loads(r.stdout)
    assert r.exit_code == 1
    assert [d["code"] for d in data] == ["GOV001", "GOV301"]
    assert set(data[0]) >= KEYS
    assert data[0] | {} == data[0]
    d = data[0]
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (2, 3, 2, 8)
    assert d["match"] == "习近平书记" and d["suggestion"] == "习近平总书记" and d["severity"] == "error"
    assert data[1]["suggestion"] == "，"


def test_clean_file_exits_zero(run_cli, tmp_path):
    p = write(tmp_path, "ok.txt", "关于部署工作的通知\n认真学习习近平总书记重要讲话精神。\n")
    r = run_cli(p)
    assert r.exit_code == 0
    assert "未发现问题" in r.stdout


def test_fail_on_warning(run_cli, tmp_path):
    p = write(tmp_path, "w.txt", "标题\n会议强调,要落实。\n")
    assert run_cli(p).exit_code == 0
    assert run_cli("--fail-on", "warning", p).exit_code == 1


def test_check_subcommand_and_module_entry(tmp_path):
    p = write(tmp_path, "a.txt", "标题\n习近平书记\n")
    r = subprocess.run(
        [sys.executable, "-m", "textlint_gov", "check", "--format", "json", str(p)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 1 and json.loads(r.stdout)[0]["code"] == "GOV001"


def test_stdin(run_cli):
    r = run_cli("--format", "json", "-", input="标题\n认真布署工作\n".encode())
    data = json.loads(r.stdout)
    assert data[0]["path"] == "-" and data[0]["code"] == "GOV101"


def test_stdin_filename_picks_loader(run_cli):
    r = run_cli("--format", "json", "--stdin-filename", "x.md", "-", input="```\n布署\n```\n".encode())
    assert json.loads(r.stdout) == []


def test_directory_is_searched(run_cli, tmp_path, docx_factory):
    d = tmp_path / "drafts"
    d.mkdir()
    write(d, "a.txt", "标题\n布署\n")
    write(d, "b.md", "# 标题\n\n布署\n")
    write(d, "c.html", "<p>布署</p>")
    write(d, "skip.odt", "x")
    (d / ".hidden").mkdir()
    write(d / ".hidden", "h.txt", "布署")
    docx_factory("drafts/d.docx", ["布署"])
    r = run_cli("--format", "json", d)
    assert sorted(Path(x["path"]).name for x in json.loads(r.stdout)) == ["a.txt", "b.md", "c.html", "d.docx"]


def test_bad_inputs_one_line_each_others_still_checked(run_cli, tmp_path):
    good = write(tmp_path, "good.txt", "标题\n布署\n")
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff\x00\x01" * 100)
    corrupt = tmp_path / "bad.docx"
    corrupt.write_bytes(b"PK\x03\x04garbage")
    emptydir = tmp_path / "nothing"
    emptydir.mkdir()
    r = run_cli("--format", "json", empty, binary, corrupt, tmp_path / "missing.txt", emptydir, good)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 5
    assert lines[0] == f"govlint: {empty}: 文件为空"
    assert "二进制" in lines[1] and str(binary) in lines[1]
    assert str(corrupt) in lines[2] and "docx" in lines[2]
    assert "missing.txt: 文件不存在" in lines[3]
    assert "没有可检查的文稿" in lines[4]
    assert "Traceback" not in r.output
    assert json.loads(r.stdout)[0]["path"] == str(good)


def test_linter_never_writes_to_drafts(run_cli, tmp_path, docx_factory):
    p = docx_factory("x.docx", ["习近平书记"])
    t = write(tmp_path, "x.txt", "标题\n习近平书记\n")
    before = (p.read_bytes(), t.read_bytes())
    run_cli(p, t)
    assert (p.read_bytes(), t.read_bytes()) == before


def test_config_found_upward_and_applied(run_cli, tmp_path):
    (tmp_path / "rules.yaml").write_text(
        "ignore: [GOV301]\nrules: {GOV201: {max-width: 4}}\n", encoding="utf-8"
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    write(sub, "x.txt", "很长的一个标题\n会议强调,要落实。\n")
    os.chdir(sub)
    data = json.loads(run_cli("--format", "json", "x.txt").stdout)
    assert [d["code"] for d in data] == ["GOV201"]


@pytest.mark.parametrize(
    "content,needle",
    [
        ("selct: [GOV]\n", "未知的键“selct”"),
        ("select: GOV9999\n", "不匹配任何规则代码"),
        ("rules: {GOV201: {max-widht: 3}}\n", "未知的选项“max-widht”"),
        ("rules: {GOV201: {max-width: 三十}}\n", "rules.GOV201.max-width"),
        ("severity: {GOV201: fatal}\n", "severity.GOV201"),
        ("fail-on: sometimes\n", "fail-on"),
        ("select: [GOV\n", "YAML 格式错误"),
        ("dictionaries: [missing.yaml]\n", "missing.yaml"),
        ("scoring: {deductions: {error: -1}}\n", "scoring.deductions.error"),
    ],
)
def test_invalid_config_names_the_key(run_cli, tmp_path, content, needle):
    cfg = write(tmp_path, "bad.yaml", content)
    p = write(tmp_path, "x.txt", "标题\n正文\n")
    r = run_cli("--config", cfg, p)
    assert r.exit_code == 2
    assert needle in r.stderr and str(cfg) in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_user_dictionary_adds_entries_and_rules(run_cli, tmp_path):
    write(
        tmp_path,
        "mine.yaml",
        """
rule: GOV001
entries:
  - correct: 偃师区
    wrong: [偃狮区]
    source: 本区名称
    flag: [偃狮区人民政府]
""",
    )
    write(
        tmp_path,
        "new.yaml",
        """
rule: {code: LOC001, name: local-term, category: wording, severity: warning, summary: 本地用词}
entries:
  - correct: 便民服务中心
    wrong: [便民中心]
    source: 本区规范
    flag: [到便民中心办理]
""",
    )
    write(tmp_path, "rules.yaml", "dictionaries: [mine.yaml, new.yaml]\nselect: [GOV001, LOC]\n")
    p = write(tmp_path, "x.txt", "标题\n偃狮区人民政府在便民中心办公，习近平书记\n")
    data = json.loads(run_cli("--format", "json", p).stdout)
    assert [(d["code"], d["suggestion"]) for d in data] == [
        ("GOV001", "偃师区"),
        ("LOC001", "便民服务中心"),
        ("GOV001", "习近平总书记"),
    ]


def test_rules_and_rule_commands(run_cli):
    r = run_cli("rules")
    assert r.exit_code == 0 and "GOV001" in r.stdout and "GOV201" in r.stdout
    rows = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {"code", "category", "severity", "summary"} <= set(rows[0])
    r = run_cli("rule", "gov201")
    assert r.exit_code == 0 and "## 作用" in r.stdout and "max-width" in r.stdout
    r = run_cli("rule", "GOV999")
    assert r.exit_code == 2 and "没有规则 GOV999" in r.stderr


def test_unknown_format_is_usage_error(run_cli, tmp_path):
    p = write(tmp_path, "x.txt", "标题\n")
    r = run_cli("--format", "xml", p)
    assert r.exit_code == 2 and "不支持的输出格式" in r.stderr


@pytest.mark.parametrize(
    "select,ignore,reported",
    [
        ("GOV001", "GOV001", False),  # equal prefixes: the ignore wins, as in flake8 and ruff
        ("GOV0", "GOV001", False),  # the longer prefix decides
        ("GOV001", "GOV0", True),
        ("GOV", "GOV", False),
        ("ALL", "ALL", False),
    ],
)
def test_select_and_ignore_longest_prefix_ignore_wins_ties(run_cli, tmp_path, select, ignore, reported):
    p = write(tmp_path, "x.txt", "标题\n深入学习习近平书记重要讲话精神。\n")
    r = run_cli("--select", select, "--ignore", ignore, "--format", "json", p)
    assert ("GOV001" in {d["code"] for d in json.loads(r.stdout)}) is reported


def test_per_file_ignores_whole_family(run_cli, tmp_path):
    write(tmp_path, "rules.yaml", 'per-file-ignores: {"公告/*.txt": [GOV]}\n')
    (tmp_path / "公告").mkdir()
    p = write(tmp_path, "公告/x.txt", "标题\n深入学习习近平书记重要讲话精神。\n")
    r = run_cli("--format", "json", p)
    assert json.loads(r.stdout) == []


def test_module_entry_flushes_everything_before_its_quick_exit(tmp_path):
    """``run`` leaves with os._exit after main: every line is written first and the exit code is kept."""
    p = write(tmp_path, "a.txt", "标题\n" + "会议强调,要落实。\n" * 1000)
    whole = subprocess.run([sys.executable, "-m", "textlint_gov", str(p)], capture_output=True, cwd=tmp_path)
    assert whole.returncode == 0 and whole.stdout.decode().count("GOV301") == 1000
    assert "共 1000 处问题" in whole.stdout.decode()
    bad = write(tmp_path, "b.txt", "标题\n习近平书记\n")
    assert (
        subprocess.run([sys.executable, "-m", "textlint_gov", str(bad)], capture_output=True).returncode == 1
    )
