"""Markdown: the annex tables in the notice's column order, then the evidence per unit and the problems."""

from __future__ import annotations

from textlint_gov.audit.formats import (
    PROBLEM_KINDS,
    annex_title,
    evidence_lines,
    header,
    month_label,
    row,
    scoring_note,
)
from textlint_gov.audit.formats.inspection import (
    INDICATOR_HEADER,
    LEDGER_HEADER,
    indicator_rows,
    ledger_item_lines,
    ledger_rows,
    ledger_title,
    threshold_text,
    value_text,
)
from textlint_gov.audit.score import fmt


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]], right_from: int = 1) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in head) + " |"]
    out.append("| " + " | ".join("---:" if i >= right_from else "---" for i in range(len(head))) + " |")
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return out


def render(result, **_) -> str:
    lines = [f"# {month_label(result)}政府网站检查得分情况", ""]
    for i, group in enumerate(result.groups, 1):
        annex, title = annex_title(result, i, group)
        lines += [f"## {annex}　{title}", ""]
        lines += _table(header(result), [row(result, u) for u in result.group_units(group)])
        lines.append("")
    lines += [scoring_note(result), ""]
    for title, pairs in (("单项否决", result.vetoes()), ("预警", result.warnings())):
        lines += [f"## {title}（{len(pairs)}）", ""]
        if pairs:
            lines += _table(INDICATOR_HEADER, indicator_rows(pairs), right_from=99)
        else:
            lines.append("无。")
        lines.append("")
    rows = ledger_rows(result)
    if rows:
        lines += [f"## {ledger_title(result)}", ""]
        lines += _table(LEDGER_HEADER, rows)
        lines.append("")
    lines += ["## 依据", ""]
    for u in result.units:
        lines += [f"### {u.unit.name}（{u.unit.group}，月总分 {fmt(u.total)}，第 {u.rank} 名）", ""]
        lines += [f"- {line}" for line in evidence_lines(result, u)]
        flagged = [i for i in u.indicators if i.status != "ok"]
        if flagged:
            lines += ["", "检查指标：", ""]
            for i in flagged:
                lines.append(f"- **{i.name}**（{i.status}）：{value_text(i)}，阈值 {threshold_text(i)}")
                lines += [f"  - {_cell(e.text)}" for e in i.evidence]
        items = ledger_item_lines(u)
        if items:
            lines += ["", "整改台账：", ""]
            lines += [f"- {_cell(t)}" for t in items]
        worst = u.worst_posts()
        if worst:
            lines += ["", "扣分最多的稿件：", ""]
            for p in worst:
                lines.append(
                    f"- `{p.post.path}`（{p.post.date.isoformat()}，扣 {fmt(p.deduction)}，得 {fmt(p.score)}）"
                )
                for f in p.post.findings:
                    sug = f"（建议：{f['suggestion']}）" if f.get("suggestion") else ""
                    lines.append(
                        f"  - {f['line']}:{f['column']} {f['code']} {_cell(f['message'])}{_cell(sug)}"
                    )
        lines.append("")
    if result.problems:
        lines += ["## 问题", ""]
        lines += _table(
            ["类型", "文件", "单位", "说明"],
            [[PROBLEM_KINDS.get(p.kind, p.kind), p.path, p.unit or "", p.message] for p in result.problems],
            right_from=99,
        )
        lines.append("")
    return "\n".join(lines)
