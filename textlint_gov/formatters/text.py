"""The default output, in the style of ruff: ``path:line:col: CODE message (建议：…)``, the source
line with the span marked, and a summary. Colour only on a terminal.

Text from a document (a file name, a matched span, a source line) never reaches the terminal raw: a
control character, a terminal escape (ESC, CSI), a bidirectional override or another invisible
format character is shown as its escape (``\x1b``, ``\u202e``), and the carets under the source
line count the escapes' width, so ordinary text keeps its columns."""

from __future__ import annotations

import unicodedata

import click

from textlint_gov.findings import Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CONTEXT = 24  # characters shown on each side of a long line


def _escaped(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def _unsafe(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")


def safe(s: str, tab: str | None = None) -> str:
    """``s`` with every character that could move the cursor, recolour or reorder the terminal
    (C0/C1 controls, DEL, bidi controls, zero-width and other format characters, line separators and
    lone surrogates) written as an escape; ``tab`` replaces a tab when given."""
    if s.isprintable() and not any(_unsafe(c) for c in s):
        return s
    out = []
    for c in s:
        if c == "\t" and tab is not None:
            out.append(tab)
        elif _unsafe(c):
            out.append(_escaped(c))
        else:
            out.append(c)
    return "".join(out)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("F", "W") else 1 for c in s)


def suggestion_text(s: str | None) -> str:
    if s is None:
        return ""
    return "删去" if s == "" else s


def render(results, color: bool = False, show_source: bool = True, **_options) -> str:
    out: list[str] = []
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    counts = dict.fromkeys(Severity, 0)
    files = 0
    fixable = 0
    for r in results:
        if r.findings:
            files += 1
        for f in r.findings:
            counts[f.severity] += 1
            fixable += f.applicability is not None and f.applicability.value == "safe"
            head = f"{style(safe(f.path), bold=True)}:{f.line}:{f.column}: "
            head += style(safe(f.code), fg=_COLOURS[f.severity], bold=True)
            head += f" [{f.severity.label}] {safe(f.message)}"
            if f.suggestion is not None:
                head += f"（建议：{safe(suggestion_text(f.suggestion))}）"
            out.append(head)
            line_text = r.source_line(f) if show_source else None
            if line_text is not None:
                out.extend(_snippet(line_text, f, style))
    total = sum(counts.values())
    if total:
        summary = (
            f"共 {total} 处问题（错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
            f"提示 {counts[Severity.INFO]}），涉及 {files} 个文件。"
        )
        if fixable:
            summary += f"其中 {fixable} 处可用 --fix 自动修改。"
        out.append(style(summary, bold=True))
    else:
        checked = sum(1 for r in results if r.error is None)
        out.append(style(f"未发现问题（检查了 {checked} 个文件）。", fg="green"))
    return "\n".join(out) + "\n"


def _snippet(line: str, f, style) -> list[str]:
    a = f.column - 1
    b = f.end_column - 1 if f.end_line == f.line else len(line)
    lo = max(0, a - _CONTEXT)
    hi = min(len(line), max(b, a + 1) + _CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + safe(line[lo:hi], tab=" ") + suffix
    label = safe(f.where) or f"第{f.line}行"
    gutter = f"  {label} | "
    pad = " " * _width(gutter)
    caret_start = _width(prefix + safe(line[lo:a], tab=" "))
    caret_len = max(1, _width(safe(line[a:b], tab=" ")))
    return [
        gutter + shown,
        pad + " " * caret_start + style("^" * caret_len, fg=_COLOURS[f.severity], bold=True),
    ]
