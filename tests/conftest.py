"""Shared test helpers: build drafts in a temporary folder and run the CLI in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path_factory, monkeypatch):
    """Tests never write to the user's ~/.cache (the cache key lives there): each session has its
    own XDG_CACHE_HOME."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


def make_docx(
    path: Path,
    paragraphs=(),
    *,
    heading: str | None = None,
    table=None,
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    """A .docx built with python-docx: an optional Heading 1, paragraphs, a table (list of rows)."""
    import docx

    d = docx.Document()
    if heading is not None:
        d.add_heading(heading, 1)
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=max(len(r) for r in table))
        for i, row in enumerate(table):
            for j, value in enumerate(row):
                t.cell(i, j).text = value
    if header is not None:
        d.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        d.sections[0].footer.paragraphs[0].text = footer
    d.save(str(path))
    return path


@pytest.fixture
def docx_factory(tmp_path):
    def factory(name="draft.docx", *args, **kwargs):
        return make_docx(tmp_path / name, *args, **kwargs)

    return factory


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    """Invoke ``govlint`` in-process from an empty folder (no rules.yaml found upward)."""
    from textlint_gov.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args, input=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
