"""The terminal table: one table per group headed like the notice's annexes, then the problems."""

from __future__ import annotations

import unicodedata

from textlint_gov.audit.formats import PROBLEM_KINDS, annex_title, header, row, scoring_note, short_week
from textlint_gov.audit.formats.inspection import (
    INDICATOR_HEADER,
    LEDGER_HEADER,
    indicator_rows,
    ledger_rows,
    ledger_title,
)
from textlint_gov.audit.score import fmt


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def table_lines(head: list[str], rows: list[list[str]], left: frozenset[int] = frozenset({0})) -> list[str]:
    """Columns padded to their width; those in ``left`` flush left, the others (numbers) right."""
    sizes = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    out = ["  ".join(_pad(h, s, i not in left) for i, (h, s) in enumerate(zip(head, sizes))).rstrip()]
    out.append("  ".join("─" * s for s in sizes))
    for r in rows:
        out.append("  ".join(_pad(c, s, i not in left) for i, (c, s) in enumerate(zip(r, sizes))).rstrip())
    return out


def evidence_header(result) -> list[str]:
    return [
        "单位名称",
        *(f"{short_week(w)}起" for w in result.weeks),
        "无日期",
        "错误",
        "警告",
        "提示",
        "问题扣分",
        "缺更扣分",
    ]


def evidence_row(u) -> list[str]:
    weeks = [str(n) if n else "✗" for n in u.posts_per_week]
    f = u.findings
    return [
        u.unit.name,
        *weeks,
        str(u.undated),
        str(f["error"]),
        str(f["warning"]),
        str(f["info"]),
        fmt(u.deduction),
        fmt(u.week_penalty),
    ]


def inspection_lines(result) -> list[str]:
    """单项否决, then 预警, then the ledger: each a table, or one line saying there is none."""
    lines: list[str] = []
    for title, pairs in (("单项否决", result.vetoes()), ("预警", result.warnings())):
        lines += ["", f"{title}（{len(pairs)}）：" if pairs else f"{title}：无"]
        if pairs:
            lines += table_lines(INDICATOR_HEADER, indicator_rows(pairs, limit=1), frozenset({0, 1, 4}))
    rows = ledger_rows(result)
    if rows:
        lines += ["", ledger_title(result) + "：", *table_lines(LEDGER_HEADER, rows)]
    return lines


def render(result, **_) -> str:
    lines: list[str] = []
    for i, group in enumerate(result.groups, 1):
        annex, title = annex_title(result, i, group)
        lines += [annex, title, ""]
        units = result.group_units(group)
        lines += table_lines(header(result), [row(result, u) for u in units])
        lines += ["", f"{group}每周稿件数与问题："]
        lines += table_lines(evidence_header(result), [evidence_row(u) for u in units])
        lines.append("")
    lines.append(scoring_note(result))
    lines += inspection_lines(result)
    if result.problems:
        lines += ["", f"问题（{len(result.problems)}）："]
        for p in result.problems:
            who = f"［{p.unit}］" if p.unit else ""
            lines.append(f"  {PROBLEM_KINDS.get(p.kind, p.kind)}  {p.path}{who}  {p.message}")
    return "\n".join(lines) + "\n"
