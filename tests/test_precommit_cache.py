"""``govlint --cache`` for hooks: an unchanged draft is not read again; any change is."""

from __future__ import annotations

import json

import pytest

import textlint_gov.loaders as loaders

BAD = "习近平书记"


@pytest.fixture
def drafts(tmp_path, docx_factory):
    (tmp_path / "a.txt").write_text(f"通知\n学习{BAD}讲话,好。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 简报\n\n没有问题。\n", encoding="utf-8")
    docx_factory("c.docx", [f"会议传达{BAD}讲话。"], heading="通知")
    return tmp_path


def _no_loading(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a cached draft was loaded again")

    monkeypatch.setattr(loaders, "load_bytes", refuse)
    monkeypatch.setattr(loaders, "load", refuse)


def test_unchanged_drafts_come_from_the_cache(drafts, run_cli, monkeypatch):
    first = run_cli("--cache", "a.txt", "b.md", "c.docx")
    assert first.exit_code == 1
    assert list((drafts / ".govlint_cache").rglob("*.json"))

    with monkeypatch.context() as m:
        _no_loading(m)
        second = run_cli("--cache", "a.txt", "b.md", "c.docx")
    assert second.exit_code == 1
    assert second.output == first.output  # same findings, same source lines and carets
    assert f"  第2行 | 学习{BAD}讲话,好。" in second.output and "  第2段 | 会议传达" in second.output

    with monkeypatch.context() as m:
        _no_loading(m)
        as_json = run_cli("--cache", "--format", "json", "a.txt", "b.md", "c.docx")
    plain = run_cli("--format", "json", "a.txt", "b.md", "c.docx")
    assert json.loads(as_json.stdout) == json.loads(plain.stdout)


def test_a_changed_draft_or_configuration_is_checked_again(drafts, run_cli, monkeypatch):
    run_cli("--cache", "a.txt")
    (drafts / "a.txt").write_text("通知\n没有问题。\n", encoding="utf-8")
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 0 and "GOV001" not in r.output

    (drafts / "a.txt").write_text(f"通知\n学习{BAD}讲话。\n", encoding="utf-8")
    assert run_cli("--cache", "a.txt").exit_code == 1
    (drafts / "rules.yaml").write_text("ignore: [GOV001]\n", encoding="utf-8")
    r = run_cli("--cache", "a.txt")
    assert r.exit_code == 0 and "GOV001" not in r.output


def test_cache_dir_option_and_unreadable_draft(drafts, run_cli):
    r = run_cli("--cache", "--cache-dir", drafts / "elsewhere", "b.md")
    assert r.exit_code == 0 and list((drafts / "elsewhere").rglob("*.json"))
    assert not (drafts / ".govlint_cache").exists()
    (drafts / "bad.docx").write_bytes(b"not a docx")
    r = run_cli("--cache", "bad.docx")
    assert r.exit_code == 2 and "bad.docx" in r.output


@pytest.mark.parametrize("name", ["typo_words.txt.gz", "expressions.yaml", "typo_vocab.txt"])
def test_every_data_file_is_in_the_cache_key(tmp_path, monkeypatch, name):
    """Changing any shipped data file (the gzipped word list too) makes cached findings stale."""
    import textlint_gov.cache as cache
    from textlint_gov.config import Config

    monkeypatch.setattr(cache, "dictionaries_dir", lambda: tmp_path)
    (tmp_path / name).write_bytes(b"one")
    before = cache.config_fingerprint(Config())
    (tmp_path / name).write_bytes(b"two")
    assert cache.config_fingerprint(Config()) != before
