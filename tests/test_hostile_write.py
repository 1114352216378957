"""Issue 16, writes and the audit: ``--fix`` never loses an edit, breaks a hard link or ignores a
file's mode or owner; ``review`` never writes through a planted link; ``audit`` stays inside the
export; audit messages name an impossible date and take 甲 局 for 甲局.

Every fixture is built here, in a temporary folder."""

from __future__ import annotations

import json
import os
import stat

import docx
import pytest

import textlint_gov.fix as fix_module
from textlint_gov.audit.collect import AuditError, units_from_data

BAD = "习近平书记"
GOOD = "习近平总书记"
TEXT = f"关于会议的通知\n深入学习{BAD}重要讲话精神。\n"


def _draft(tmp_path, name="a.txt"):
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    return path


def _leftovers(folder):
    return [n for n in os.listdir(folder) if n.endswith(".tmp")]


# ---------------------------------------------------------------- --fix


def test_fix_refuses_when_the_file_changed_while_it_ran(tmp_path, run_cli, monkeypatch):
    path = _draft(tmp_path)
    other = _draft(tmp_path, "b.txt")
    edited = TEXT + "作者在检查期间加上的一段。\n"
    real = fix_module.fix_bytes

    def slow_fix(data, name, config):  # the author saves the draft while govlint works on it
        result = real(data, name, config)
        if name.endswith("a.txt"):
            path.write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(fix_module, "fix_bytes", slow_fix)
    result = run_cli("--fix", path, other)
    assert path.read_text(encoding="utf-8") == edited  # the edit is kept, not silently lost
    assert "检查期间被改动" in result.stderr
    assert len([line for line in result.stderr.splitlines() if "a.txt" in line]) == 1
    assert GOOD in other.read_text(encoding="utf-8")  # the other file is still fixed
    assert result.exit_code == 2
    assert not _leftovers(tmp_path)


def test_fix_refuses_a_file_with_several_hard_links(tmp_path, run_cli):
    path = _draft(tmp_path)
    link = tmp_path / "link.txt"
    os.link(path, link)
    result = run_cli("--fix", path)
    assert result.exit_code == 2
    assert "硬链接" in result.stderr and "Traceback" not in result.output
    assert os.stat(path).st_ino == os.stat(link).st_ino  # still one file
    assert path.read_text(encoding="utf-8") == TEXT
    diff = run_cli("--diff", path)  # --diff still shows what --fix would do
    assert diff.exit_code != 2 and GOOD in diff.stdout


def test_fix_refuses_a_file_without_write_bits_even_as_root(tmp_path, run_cli):
    path = _draft(tmp_path)
    os.chmod(path, 0o444)
    result = run_cli("--fix", path)
    assert result.exit_code == 2
    assert "只读" in result.stderr
    assert path.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_owner_group_and_mode(tmp_path, run_cli):
    path = _draft(tmp_path)
    os.chmod(path, 0o640)
    os.chown(path, 12345, 23456)
    result = run_cli("--fix", path)
    assert result.exit_code == 0, result.output
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o640)
    assert GOOD in path.read_text(encoding="utf-8")
    assert not _leftovers(tmp_path)


def test_fix_refuses_when_the_owner_cannot_be_kept(tmp_path, run_cli, monkeypatch):
    path = _draft(tmp_path)
    st = os.stat(path)

    def no_chown(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fix_module.os, "chown", no_chown)
    real_stat = fix_module.os.stat

    def stat_other_owner(p, *a, **kw):  # the draft looks as if someone else owned it
        s = real_stat(p, *a, **kw)
        if isinstance(p, (str, os.PathLike)) and os.path.realpath(p) == os.path.realpath(path):
            values = list(s)
            values[stat.ST_UID] = st.st_uid + 1
            return os.stat_result(values)
        return s

    monkeypatch.setattr(fix_module.os, "stat", stat_other_owner)
    result = run_cli("--fix", path)
    assert result.exit_code == 2
    assert "属主" in result.stderr
    assert path.read_text(encoding="utf-8") == TEXT
    assert not _leftovers(tmp_path)


# ---------------------------------------------------------------- review


def test_review_replaces_a_planted_link_never_writes_through_it(tmp_path, run_cli):
    d = docx.Document()
    d.add_paragraph(f"深入学习{BAD}重要讲话精神。")
    src = tmp_path / "稿件.docx"
    d.save(str(src))
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    planted = tmp_path / "稿件.govlint.docx"
    planted.symlink_to(victim)
    result = run_cli("review", src)
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"precious"
    assert not planted.is_symlink()
    assert docx.Document(str(planted)).comments  # the review itself, a regular file
    assert not _leftovers(tmp_path)


def test_review_replaces_a_planted_hard_link(tmp_path, run_cli):
    d = docx.Document()
    d.add_paragraph("正文。")
    src = tmp_path / "稿件.docx"
    d.save(str(src))
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    os.link(victim, tmp_path / "稿件.govlint.docx")
    assert run_cli("review", src).exit_code == 0
    assert victim.read_bytes() == b"precious"


# ---------------------------------------------------------------- audit

UNITS = "units:\n  - {name: 甲局, group: 市直单位}\n"


def _export(tmp_path):
    ex = tmp_path / "export"
    (ex / "甲局").mkdir(parents=True)
    (ex / "units.yaml").write_text(UNITS, encoding="utf-8")
    (ex / "甲局" / "2021-01-05 通知.txt").write_text("关于会议的通知\n\n召开会议。\n", encoding="utf-8")
    return ex


def test_audit_does_not_read_links_out_of_the_export(tmp_path, run_cli):
    from textlint_gov.audit.aggregate import run_audit

    ex = _export(tmp_path)
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "2021-01-06 密.txt").write_text(
        "联系人手机13812345678，身份证11010519491231002X。\n", encoding="utf-8"
    )
    (ex / "甲局" / "2021-01-06 链.txt").symlink_to(secret / "2021-01-06 密.txt")
    (ex / "甲局" / "外面").symlink_to(secret, target_is_directory=True)
    (ex / "2021-01-07 顶.md").symlink_to(secret / "2021-01-06 密.txt")
    inside = ex / "甲局" / "2021-01-08 内.txt"
    inside.symlink_to(ex / "甲局" / "2021-01-05 通知.txt")  # a link that stays inside is read

    result = run_audit(ex, "2021-01")
    unit = result.units[0]
    assert sorted(p.post.path for p in unit.posts) == ["甲局/2021-01-05 通知.txt", "甲局/2021-01-08 内.txt"]
    outside = sorted(p.path for p in result.problems if "导出文件夹以外" in p.message)
    assert outside == ["2021-01-07 顶.md", "甲局/2021-01-06 链.txt", "甲局/外面/"]

    out = run_cli("audit", ex, "--month", "2021-01", "--format", "json", "--no-cache").output
    assert "13812345678" not in out and "1101051949" not in out
    json.loads(run_cli("audit", ex, "--month", "2021-01", "--format", "json", "--no-cache").stdout)


def test_audit_names_an_impossible_date_prefix(tmp_path):
    from textlint_gov.audit.aggregate import run_audit

    ex = _export(tmp_path)
    (ex / "甲局" / "2021-02-30 通知.txt").write_text("关于会议的通知\n\n召开会议。\n", encoding="utf-8")
    result = run_audit(ex, "2021-02")
    [bad] = [p for p in result.problems if p.path == "甲局/2021-02-30 通知.txt" and p.kind == "bad_date"]
    assert "2021年2月只有28天" in bad.message and bad.unit == "甲局"


def test_unit_names_differing_only_in_spaces_are_one_unit():
    with pytest.raises(AuditError, match="只差空格"):
        units_from_data({"units": [{"name": "甲局", "group": "g"}, {"name": "甲 局", "group": "g"}]})
    with pytest.raises(AuditError, match="重复"):
        units_from_data(
            {"units": [{"name": "甲局", "group": "g"}, {"name": "乙局", "group": "g", "aliases": ["甲　局"]}]}
        )
    [unit] = units_from_data({"units": [{"name": " 市 甲局 ", "group": "市直 单位", "aliases": ["甲 局"]}]})
    assert (unit.name, unit.group, unit.aliases) == ("市甲局", "市直单位", ("甲局",))


def test_a_page_whose_declared_charset_lies_is_read_and_fixed_as_utf8(tmp_path, run_cli):
    """A page that says gbk but holds UTF-8 (re-saved by an editor): read as GB18030 it would be
    mojibake and a fix would corrupt it (issue 16); the loader reads it as the UTF-8 it is."""
    page = (
        '<html><head><meta charset="gbk"><title>会议</title></head><body>'
        "<p>会议强调,要抓落实</p></body></html>\n"
    )
    page.encode("utf-8").decode("gb18030")  # these UTF-8 bytes are also valid GB18030
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("utf-8"))
    assert "“,”" in run_cli(str(path)).output  # the text was read, not mojibake
    run_cli("--fix", str(path))
    assert path.read_bytes() == page.replace("强调,", "强调，").encode("utf-8")


def test_fix_of_a_real_gbk_page_still_works(tmp_path, run_cli):
    page = (
        '<html><head><meta charset="gbk"><title>通知</title></head><body>'
        "<p>会议强调,要抓好落实。</p></body></html>\n"
    )
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("gbk"))
    run_cli("--fix", str(path))
    assert path.read_bytes() == page.replace("强调,", "强调，").encode("gbk")
