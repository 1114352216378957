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
    lines += [scoring_note(result), "", "## 依据", ""]
    for u in result.units:
        lines += [f"### {u.unit.name}（{u.unit.group}，月总分 {fmt(u.total)}，第 {u.rank} 名）", ""]
        lines += [f"- {line}" for line in evidence_lines(result, u)]
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
