"""Assertions shared by tests: a finding's reported position holds its match."""

from __future__ import annotations

import html

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load, load_bytes


def assert_positions(doc, findings) -> None:
    for f in findings:
        src = doc.source[f.start : f.end]
        if doc.meta.get("format") == "html":
            src = html.unescape(src)
        assert src == f.match, (f.code, f.match, src)
        assert (f.line, f.column) == doc.location(f.start)
        if f.line == f.end_line:
            line = doc.line_text(f.line)
            cell = line[f.column - 1 : f.end_column - 1]
            assert (html.unescape(cell) if doc.meta.get("format") == "html" else cell) == f.match


def lint_text(text: str, name: str = "t.txt", config: Config | None = None, **meta):
    doc = load_bytes(text.encode("utf-8"), name)
    doc.meta.update(meta)
    findings = lint(doc, config or Config())
    assert_positions(doc, findings)
    return findings


def lint_file(path, config: Config | None = None):
    doc = load(path)
    findings = lint(doc, config or Config())
    assert_positions(doc, findings)
    return doc, findings


def codes(findings) -> list[str]:
    return [f.code for f in findings]
