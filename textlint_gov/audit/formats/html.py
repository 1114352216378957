"""A self-contained HTML report: per group the annex table, an inline SVG bar chart of the totals and a
unit-by-week grid of who met the weekly rule; then the evidence per unit and the problems. No network."""

from __future__ import annotations

from html import escape

from textlint_gov.audit.formats import (
    PROBLEM_KINDS,
    annex_title,
    category_label,
    header,
    month_label,
    row,
    scoring_note,
    short_week,
    week_label,
)
from textlint_gov.audit.formats.inspection import (
    LEDGER_HEADER,
    ledger_item_lines,
    ledger_rows,
    ledger_title,
    threshold_text,
    value_text,
)
from textlint_gov.audit.score import fmt

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #999;padding:.25em .6em}
th{background:#f0f0f0}td.num{text-align:right}
table.grid td{text-align:center;min-width:3.5em}td.ok{background:#d7f0d2}td.miss{background:#f7d4d0;color:#a00}
.note{color:#555;font-size:.9em}details{margin:.3em 0}summary{cursor:pointer}
svg text{font-size:12px;font-family:inherit}
tr.veto td{background:#f7d4d0;color:#900}tr.warn td{background:#fbe7c2;color:#7a4b00}
.status-veto{color:#b00;font-weight:bold}.status-warn{color:#a36100;font-weight:bold}
"""


def _e(text) -> str:
    return escape(str(text), quote=True)


def bar_chart(units, title: str) -> str:
    """Horizontal bars of 月总分, in the notice's order; plain SVG."""
    label_w, bar_w, row_h, top = 190, 480, 24, 28
    height = top + row_h * len(units) + 10
    peak = max((float(u.total) for u in units), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{label_w + bar_w + 70}" '
        f'height="{height}" viewBox="0 0 {label_w + bar_w + 70} {height}">',
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="16" font-weight="bold">{_e(title)}</text>',
    ]
    for i, u in enumerate(units):
        y = top + i * row_h
        w = round(bar_w * float(u.total) / peak, 1)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(u.unit.name)}</text>')
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" fill="#3b6fb6">'
            f"<title>{_e(u.unit.name)} {fmt(u.total)}</title></rect>"
        )
        parts.append(f'<text x="{label_w + w + 5}" y="{y + 15}">{fmt(u.total)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def week_grid(result, units) -> str:
    head = "".join(f'<th title="{_e(week_label(w))}">{_e(short_week(w))}起</th>' for w in result.weeks)
    rows = []
    for u in units:
        cells = "".join(
            f'<td class="{"ok" if n else "miss"}" title="{_e(week_label(w))}：{n} 篇">{n if n else "✗"}</td>'
            for w, n in zip(result.weeks, u.posts_per_week)
        )
        rows.append(
            f'<tr><th scope="row">{_e(u.unit.name)}</th>{cells}'
            f'<td class="num">{u.weeks_covered}/{len(result.weeks)}</td></tr>'
        )
    return (
        f'<table class="grid"><thead><tr><th>单位名称</th>{head}<th>更新周数</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def score_table(result, units) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header(result))
    body = []
    for u in units:
        cells = row(result, u)
        body.append(
            "<tr>"
            + f"<td>{_e(cells[0])}</td>"
            + "".join(f'<td class="num">{_e(c)}</td>' for c in cells[1:])
            + "</tr>"
        )
    return f'<table class="scores"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _anchor(result, u) -> str:
    return f"unit-{result.units.index(u) + 1}"


def _evidence_item(result, u, e) -> str:
    if not e.path:
        return f"<li>{_e(e.text)}</li>"
    rest = e.text[len(e.path) :].lstrip("：:") if e.text.startswith(e.path) else e.text
    return f'<li><a href="#{_anchor(result, u)}"><code>{_e(e.path)}</code></a> {_e(rest)}</li>'


def indicator_section(result) -> str:
    """单项否决 (red) then 预警 (amber), each item with its evidence; the unit links to its evidence."""
    out = ['<section class="indicators"><h2>检查指标：单项否决和预警</h2>']
    for title, pairs, css in (("单项否决", result.vetoes(), "veto"), ("预警", result.warnings(), "warn")):
        out.append(f"<h3>{title}（{len(pairs)}）</h3>")
        if not pairs:
            out.append("<p>无。</p>")
            continue
        out.append(
            f'<table class="{css}"><thead><tr><th>单位名称</th><th>指标</th><th>值</th><th>阈值</th>'
            "<th>依据</th></tr></thead><tbody>"
        )
        for u, i in pairs:
            items = "".join(_evidence_item(result, u, e) for e in i.evidence)
            out.append(
                f'<tr class="{css}"><td><a href="#{_anchor(result, u)}">{_e(u.unit.name)}</a></td>'
                f"<td>{_e(i.name)}</td><td>{_e(value_text(i))}</td><td>{_e(threshold_text(i))}</td>"
                f"<td><ul>{items}</ul></td></tr>"
            )
        out.append("</tbody></table>")
    rows = ledger_rows(result)
    if rows:
        head = "".join(f"<th>{_e(h)}</th>" for h in LEDGER_HEADER)
        body = "".join(
            f"<tr><td>{_e(r[0])}</td>" + "".join(f'<td class="num">{_e(c)}</td>' for c in r[1:]) + "</tr>"
            for r in rows
        )
        out.append(
            f"<h3>{_e(ledger_title(result))}</h3>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    out.append("</section>")
    return "\n".join(out)


def evidence(result, u) -> str:
    weeks = "，".join(f"{short_week(w)}起 {n} 篇" for w, n in zip(result.weeks, u.posts_per_week))
    cats = "，".join(f"{category_label(c)} {n}" for c, n in u.by_category.items()) or "无"
    out = [
        f'<details id="{_anchor(result, u)}">'
        f"<summary><b>{_e(u.unit.name)}</b>：月总分 {fmt(u.total)}，第 {u.rank} 名；"
        f"本月稿件 {len(u.posts)} 篇，更新 {u.weeks_covered}/{len(result.weeks)} 周</summary>",
        "<ul>",
        f"<li>每周稿件：{_e(weeks)}；无日期 {u.undated} 篇，其他月份 {u.out_of_month} 篇</li>",
        f"<li>问题：错误 {u.findings['error']}，警告 {u.findings['warning']}，提示 {u.findings['info']}；按类别：{_e(cats)}</li>",
        f"<li>扣分：问题扣 {fmt(u.deduction)}，缺更扣 {fmt(u.week_penalty)}；政务信息公开得分 {fmt(u.disclosure)}</li>",
        "</ul>",
    ]
    worst = u.worst_posts()
    if worst:
        out.append("<p>扣分最多的稿件：</p><ol>")
        for p in worst:
            items = "".join(
                f"<li>{f['line']}:{f['column']} <code>{_e(f['code'])}</code> {_e(f['message'])}"
                + (f"（建议：{_e(f['suggestion'])}）" if f.get("suggestion") else "")
                + "</li>"
                for f in p.post.findings
            )
            out.append(
                f"<li><code>{_e(p.post.path)}</code>（{p.post.date.isoformat()}，扣 {fmt(p.deduction)}，"
                f"得 {fmt(p.score)}）<ul>{items}</ul></li>"
            )
        out.append("</ol>")
    flagged = [i for i in u.indicators if i.status != "ok"]
    if flagged:
        out.append("<p>检查指标：</p><ul>")
        for i in flagged:
            css = "status-veto" if i.status == "否决" else "status-warn"
            ev = "".join(f"<li>{_e(e.text)}</li>" for e in i.evidence)
            out.append(
                f'<li><span class="{css}">{_e(i.name)}（{_e(i.status)}）</span>：{_e(value_text(i))}，'
                f"阈值 {_e(threshold_text(i))}<ul>{ev}</ul></li>"
            )
        out.append("</ul>")
    ledger = ledger_item_lines(u)
    if ledger:
        out.append("<p>整改台账：</p><ul>" + "".join(f"<li>{_e(t)}</li>" for t in ledger) + "</ul>")
    out.append("</details>")
    return "\n".join(out)


def render(result, **_) -> str:
    title = f"{month_label(result)}政府网站检查得分情况"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{_e(scoring_note(result))}</p>',
        indicator_section(result),
    ]
    for i, group in enumerate(result.groups, 1):
        annex, heading = annex_title(result, i, group)
        units = result.group_units(group)
        parts += [
            f'<section class="group"><h2>{_e(annex)}　{_e(heading)}</h2>',
            score_table(result, units),
            bar_chart(units, f"{group}月总分"),
            f"<h3>{_e(group)}每周更新情况（✗ 为该周无稿件）</h3>",
            week_grid(result, units),
            "</section>",
        ]
    parts.append("<h2>依据</h2>")
    parts += [evidence(result, u) for u in result.units]
    if result.problems:
        parts.append(f"<h2>问题（{len(result.problems)}）</h2>")
        parts.append(
            "<table><thead><tr><th>类型</th><th>文件</th><th>单位</th><th>说明</th></tr></thead><tbody>"
        )
        parts += [
            f"<tr><td>{_e(PROBLEM_KINDS.get(p.kind, p.kind))}</td><td><code>{_e(p.path)}</code></td>"
            f"<td>{_e(p.unit or '')}</td><td>{_e(p.message)}</td></tr>"
            for p in result.problems
        ]
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
