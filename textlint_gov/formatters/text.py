"""The default output, in the style of ruff: ``path:line:col: CODE message (建议：…)``, the source
line with the span marked, and a summary. Colour only on a terminal."""

from __future__ import annotations

import unicodedata

import click

from textlint_gov.findings import Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CONTEXT = 24  # characters shown on each side of a long line


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("F", "W") else 1 for c in s)


def suggestion_text(s: str | None) -> str:
    if s is None:
        return ""
    return "删去" if s == "" else s


def render(results, color: bool = False, show_source: bool = True, **_options) -> str:
    out: list[str] = []
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    counts = {s: 0 for s in Severity}
    files = 0
    fixable = 0
    for r in results:
        if r.findings:
            files += 1
        for f in r.findings:
            counts[f.severity] += 1
            fixable += f.applicability is not None and f.applicability.value == "safe"
            head = f"{style(f.path, bold=True)}:{f.line}:{f.column}: "
            head += style(f.code, fg=_COLOURS[f.severity], bold=True)
            head += f" [{f.severity.label}] {f.message}"
            if f.suggestion is not None:
                head += f"（建议：{suggestion_text(f.suggestion)}）"
            out.append(head)
            line_text = r.line_text(f.line) if show_source else None
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
    shown = prefix + line[lo:hi] + suffix
    label = f.where or f"第{f.line}行"
    gutter = f"  {label} | "
    pad = " " * _width(gutter)
    caret_start = _width(prefix + line[lo:a])
    caret_len = max(1, _width(line[a:b]))
    return [
        gutter + shown.replace("\t", " "),
        pad + " " * caret_start + style("^" * caret_len, fg=_COLOURS[f.severity], bold=True),
    ]
