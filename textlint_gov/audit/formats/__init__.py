"""Renderers of an :class:`~textlint_gov.audit.result.AuditResult`, one module per format.

``render(name, result) -> str | bytes``; docx returns bytes. Every table has the notice's columns:
单位名称, the units.yaml scores in column order (公共服务得分 …), 政务信息公开得分, 月总分, then 排名.
"""

from __future__ import annotations

import importlib

from textlint_gov.audit.score import fmt
from textlint_gov.findings import CATEGORIES

FORMATS: dict[str, str] = {
    "table": "textlint_gov.audit.formats.table",
    "json": "textlint_gov.audit.formats.json",
    "csv": "textlint_gov.audit.formats.csv",
    "markdown": "textlint_gov.audit.formats.markdown",
    "html": "textlint_gov.audit.formats.html",
    "docx": "textlint_gov.audit.formats.docx",
}
BINARY = {"docx"}
SUFFIX_FORMAT = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".txt": "table",
}

DISCLOSURE = "政务信息公开得分"
TOTAL = "月总分"
RANK = "排名"
PROBLEM_KINDS = {
    "unknown_folder": "未知文件夹",
    "unsupported": "非文稿文件",
    "unreadable": "无法读取",
    "no_unit": "无法确定单位",
    "unknown_unit": "未知单位",
    "undated": "无发布日期",
    "bad_date": "日期前缀有误",
    "missing_score": "缺少得分",
    "unknown_column": "未知栏目",
    "bad_messages": "留言数据有误",
    "bad_previous": "上月结果不可用",
    "links_skipped": "外部链接未全部检查",
}


def render(name: str, result, **options):
    return importlib.import_module(FORMATS[name]).render(result, **options)


def column_title(key: str) -> str:
    return key if key.endswith("得分") else f"{key}得分"


def header(result) -> list[str]:
    return ["单位名称", *(column_title(k) for k in result.score_columns), DISCLOSURE, TOTAL, RANK]


def row(result, u) -> list[str]:
    scores = [fmt(u.unit.scores[k]) if k in u.unit.scores else "" for k in result.score_columns]
    return [u.unit.name, *scores, fmt(u.disclosure), fmt(u.total), str(u.rank)]


def month_label(result) -> str:
    year, month = result.month.split("-")
    return f"{int(year)}年{int(month)}月"


def annex_title(result, index: int, group: str) -> tuple[str, str]:
    """("附件1", "2021年1月市直单位政府网站检查得分情况")"""
    return f"附件{index}", f"{month_label(result)}{group}政府网站检查得分情况"


def week_label(day) -> str:
    end = day.toordinal() + 6
    import datetime as dt

    last = dt.date.fromordinal(end)
    return f"{day.month}月{day.day}日—{last.month}月{last.day}日"


def short_week(day) -> str:
    return f"{day.month}/{day.day}"


def category_label(code: str) -> str:
    return CATEGORIES.get(code, code)


def scoring_note(result) -> str:
    s = result.scoring
    ded = "，".join(
        f"{lbl} {fmt(s.deductions[k])}"
        for k, lbl in (("error", "错误"), ("warning", "警告"), ("info", "提示"))
    )
    cap = f"，上限 {fmt(s.max_score)} 分" if s.max_score is not None else ""
    return (
        f"计分：每篇 {fmt(s.points_per_post)} 分，每个问题扣分（{ded}），每篇不低于 0；"
        f"缺更一周扣 {fmt(s.missed_week_penalty)} 分，政务信息公开得分不低于 0{cap}。"
        f"周次按周一至周日、以周四所在月份归属：{'、'.join(week_label(w) for w in result.weeks)}。"
    )


def evidence_lines(result, u) -> list[str]:
    """Plain-text evidence of one unit (used by table and markdown)."""
    weeks = "，".join(f"{short_week(w)}起 {n} 篇" for w, n in zip(result.weeks, u.posts_per_week))
    cats = "，".join(f"{category_label(c)} {n}" for c, n in u.by_category.items()) or "无"
    lines = [
        f"本月稿件 {len(u.posts)} 篇（无日期 {u.undated} 篇，其他月份 {u.out_of_month} 篇）；"
        f"更新周数 {u.weeks_covered}/{len(result.weeks)}：{weeks}",
        f"问题：错误 {u.findings['error']}，警告 {u.findings['warning']}，提示 {u.findings['info']}；按类别：{cats}",
        f"扣分：问题扣 {fmt(u.deduction)}，缺更扣 {fmt(u.week_penalty)}；政务信息公开得分 {fmt(u.disclosure)}",
    ]
    return lines
