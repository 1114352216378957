"""Issue 16 (Low): terminal escapes in text output, and a findings cache that trusts its entries."""

from __future__ import annotations

import json
import os
import time
import unicodedata

import pytest

BAD = "习近平书记"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("F", "W") else 1 for c in s)


# ---- text output: control characters and terminal escapes ------------------------------------------


def test_terminal_escapes_in_a_draft_are_shown_escaped(run_cli, tmp_path):
    hostile = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
    filler = "各单位要认真组织学习。" * 30  # controls stay under the loader's binary-file share
    (tmp_path / "a.txt").write_text(
        f"通知\n会上{hostile}学习{BAD}讲话\u202e好。\x9b\n{filler}\n", encoding="utf-8"
    )
    r = run_cli("--no-color", "a.txt")
    assert r.exit_code == 1
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in r.output
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m" in r.output
    assert "\\u202e" in r.output and "\\x9b" in r.output
    # the carets stand under the finding, counting the escapes' width
    lines = r.output.splitlines()
    i = next(k for k, line in enumerate(lines) if "GOV001" in line)
    source, carets = lines[i + 1], lines[i + 2]
    start = source.index(BAD)
    assert _width(carets[: carets.index("^")]) == _width(source[:start])
    assert carets.strip() == "^" * _width(BAD)


def test_ordinary_text_keeps_its_columns(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(f"通知\n各单位\t学习　{BAD}讲话。\n", encoding="utf-8")
    r = run_cli("--no-color", "a.txt")
    lines = r.output.splitlines()
    i = next(k for k, line in enumerate(lines) if "GOV001" in line)
    assert lines[i].startswith("a.txt:2:8: GOV001")  # code-point column of the file, unchanged
    assert lines[i + 1].endswith("| 各单位 学习　习近平书记讲话。")  # a tab is one space, U+3000 stays
    assert _width(lines[i + 2][: lines[i + 2].index("^")]) == _width(lines[i + 1][: lines[i + 1].index(BAD)])


def test_a_file_name_with_an_escape_is_shown_escaped(run_cli, tmp_path):
    name = "a\x1b[31m.txt"
    (tmp_path / name).write_text(f"通知\n学习{BAD}讲话。\n", encoding="utf-8")
    r = run_cli("--no-color", name)
    assert r.exit_code == 1
    assert "\x1b" not in r.output and "a\\x1b[31m.txt:2:" in r.output


# ---- the findings cache -------------------------------------------------------------------------


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))  # the secret stays in the test folder
    (tmp_path / "a.txt").write_text(f"通知\n学习{BAD}讲话。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("通知\n没有问题。\n", encoding="utf-8")
    return tmp_path


def _entries(folder):
    return sorted((folder / ".govlint_cache").glob("??/*.json"))


def test_a_planted_empty_entry_does_not_hide_findings(drafts, run_cli):
    assert run_cli("--cache", "a.txt").exit_code == 1
    entries = _entries(drafts)
    assert entries
    for e in entries:
        e.write_text('{"findings": []}', encoding="utf-8")
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 1 and "GOV001" in r.output


def test_an_entry_of_another_file_does_not_match(drafts, run_cli):
    run_cli("--cache", "b.txt")
    (clean,) = _entries(drafts)
    run_cli("--cache", "a.txt")
    for e in _entries(drafts):
        if e != clean:
            e.write_bytes(clean.read_bytes())  # a complete, well-formed entry, but of the clean file
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 1 and "GOV001" in r.output


def test_the_key_depends_on_a_secret(drafts, tmp_path, monkeypatch):
    from textlint_gov.cache import FindingsCache
    from textlint_gov.config import load_config

    config = load_config(None, discover=False)
    one = FindingsCache(tmp_path / "c1", config)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
    two = FindingsCache(tmp_path / "c2", config)
    assert one.secret and two.secret and one.secret != two.secret
    assert one.key(b"x", "a.txt") != two.key(b"x", "a.txt")
    assert (tmp_path / "other-user" / "govlint" / "cache.key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "planted",
    [
        "[1, 2]",
        '{"findings": "x"}',
        '{"findings": [{"code": 5}]}',
        "not json",
        "\xff\xfe",
        "[" * 100_000,
        '{"format": 2, "findings": [null], "lines": {}, "meta": {}}',
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss(drafts, run_cli, planted):
    run_cli("--cache", "a.txt")
    for e in _entries(drafts):
        e.write_text(planted, encoding="utf-8", errors="surrogateescape")
    r = run_cli("--cache", "a.txt")  # catch_exceptions=False: a traceback fails the test
    assert r.exit_code == 1 and "GOV001" in r.output
    assert run_cli("--cache", "a.txt").exit_code == 1  # the entry was rewritten and is good again


@pytest.mark.parametrize("field,value", [("line", "2"), ("block", ["x", 1, 2]), ("block", [1, 2])])
def test_a_valid_entry_with_a_field_of_the_wrong_type_is_a_miss(drafts, run_cli, field, value):
    run_cli("--cache", "a.txt")
    (entry,) = _entries(drafts)
    record = json.loads(entry.read_text(encoding="utf-8"))
    record["findings"][0][field] = value
    entry.write_text(json.dumps(record), encoding="utf-8")
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 1 and "a.txt:2:" in r.output


def test_stale_tmp_files_are_removed(drafts, run_cli):
    run_cli("--cache", "b.txt")
    sub = _entries(drafts)[0].parent
    old, fresh = sub / "killed.tmp", sub / "writing.tmp"
    old.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    past = time.time() - 2 * 3600
    os.utime(old, (past, past))
    run_cli("--cache", "a.txt")
    assert not old.exists()
    assert fresh.exists()  # another process may still be writing it


def test_a_fifo_as_secret_does_not_hang(drafts, run_cli):
    key = drafts / "home-cache" / "govlint" / "cache.key"
    key.parent.mkdir(parents=True)
    os.mkfifo(key)
    assert run_cli("--cache", "a.txt").exit_code == 1
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 1 and "GOV001" in r.output
    assert (drafts / ".govlint_cache" / ".key").is_file()  # the cache folder's own secret instead
