"""Inputs that are no regular files, or too large (issue 16): refused with one line, others checked."""

from __future__ import annotations

import io
import os

import pytest

import textlint_gov.loaders as loaders
from textlint_gov.loaders import LoadError, read_input, read_stream


def test_symlink_to_dev_zero_is_refused_and_the_good_file_still_checked(tmp_path, run_cli):
    bad = tmp_path / "zero.txt"
    os.symlink("/dev/zero", bad)
    good = tmp_path / "good.txt"
    good.write_text("通知\n学习习近平书记讲话。\n", encoding="utf-8")
    result = run_cli(str(bad), str(good))
    assert result.exit_code == 2
    assert "zero.txt" in result.output and "不是普通文件" in result.output
    assert "GOV001" in result.output


def test_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="不是普通文件"):
        read_input(fifo)  # opening a FIFO with no writer would hang


def test_reading_stops_at_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders.base, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(LoadError, match="文件过大"):
        read_stream(io.BytesIO(b"x" * 5000))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(LoadError, match="文件过大"):
        read_input(big)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 1000)
    assert read_input(small) == b"x" * 1000


def test_fix_refuses_a_device_with_one_line(tmp_path, run_cli):
    bad = tmp_path / "zero.md"
    os.symlink("/dev/zero", bad)
    result = run_cli("--fix", str(bad))
    assert result.exit_code == 2 and "不是普通文件" in result.output


@pytest.mark.parametrize("run", ["a" * 80_000, "1" * 80_000, "a-_1" * 20_000, "x@" * 40_000])
def test_halfwidth_rule_handles_long_runs(run):
    """GOV301's protected spans (URLs, numbers, file names) on 80,000 letters: once 86 s of
    backtracking, now one pass (timed by bench/hostile_bench.py, not here)."""
    from textlint_gov.config import Config
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes

    doc = load_bytes(("标题\n中文," + run + "\n").encode(), "x.txt")
    assert [f.match for f in lint(doc, Config(select=["GOV301"]))] == [","]


def test_an_unreadable_subfolder_is_one_line_and_exit_2_the_rest_checked(tmp_path, run_cli, monkeypatch):
    """Root reads every folder, so the refusal is simulated where os.walk meets it (issue 16)."""
    import os

    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "ok.txt").write_text("标题\n深入学习习近平书记讲话。\n", encoding="utf-8")
    (tmp_path / "drafts" / "locked" / "x.txt").write_text("标题\n正文。\n", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run_cli(tmp_path / "drafts")
    assert r.exit_code == 2
    assert "GOV001" in r.stdout  # the readable draft was checked
    [line] = [ln for ln in r.stderr.splitlines() if "locked" in ln]
    assert "无法读取文件夹" in line and "Permission denied" in line


def test_an_unreadable_file_argument_is_one_line_and_exit_2_the_rest_checked(tmp_path, run_cli, monkeypatch):
    from pathlib import Path

    good = tmp_path / "ok.txt"
    good.write_text("标题\n深入学习习近平书记讲话。\n", encoding="utf-8")
    bad = tmp_path / "secret.txt"
    bad.write_text("标题\n正文。\n", encoding="utf-8")
    real = Path.open

    def opener(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opener)
    r = run_cli(bad, good)
    assert r.exit_code == 2 and "GOV001" in r.stdout
    [line] = [ln for ln in r.stderr.splitlines() if "secret.txt" in ln]
    assert "没有读取权限" in line
