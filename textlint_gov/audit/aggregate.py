"""From posts and their findings to one row per unit: counts, weeks, scores, ranks, evidence.

``run_audit`` is the whole audit as a function (the CLI only parses options and renders);
``AuditResult.to_dict`` is the ``--format json`` object.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from textlint_gov.audit.collect import (
    UNITS_FILE,
    Post,
    Problem,
    Unit,
    date_of,
    lint_posts,
    load_units,
    match_unit,
    unit_labels,
    units_fingerprint,
    walk_export,
)
from textlint_gov.audit.score import (
    Scoring,
    disclosure_score,
    month_days,
    number,
    parse_month,
    post_score,
    ranks,
    scoring_from_config,
    week_monday,
    weeks_of_month,
)
from textlint_gov.findings import CATEGORIES

WORST_POSTS = 5


@dataclass
class PostScore:
    post: Post
    counts: dict[str, int]
    deduction: Decimal  # what the findings took off this post (after the floor at 0)
    score: Decimal

    def to_dict(self, with_findings: bool = False) -> dict:
        d = {
            "path": self.post.path,
            "date": self.post.date.isoformat() if self.post.date else None,
            "title": self.post.title,
            "findings": self.counts,
            "deduction": number(self.deduction),
            "score": number(self.score),
        }
        if with_findings:
            d["findings_detail"] = self.post.findings
        return d


@dataclass
class UnitResult:
    unit: Unit
    posts: list[PostScore] = field(default_factory=list)  # dated posts of the month
    undated: int = 0
    out_of_month: int = 0
    posts_per_week: list[int] = field(default_factory=list)  # aligned with AuditResult.weeks
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    by_category: dict[str, int] = field(default_factory=dict)
    deduction: Decimal = Decimal(0)
    week_penalty: Decimal = Decimal(0)
    disclosure: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    rank: int = 0

    @property
    def weeks_covered(self) -> int:
        return sum(1 for n in self.posts_per_week if n)

    def worst_posts(self, limit: int = WORST_POSTS) -> list[PostScore]:
        lost = [p for p in self.posts if p.deduction > 0 or p.post.findings]
        lost.sort(key=lambda p: (-p.deduction, -len(p.post.findings), p.post.path))
        return lost[:limit]

    def to_dict(self, weeks: list[dt.date]) -> dict:
        return {
            "unit": self.unit.name,
            "group": self.unit.group,
            "aliases": list(self.unit.aliases),
            "posts": len(self.posts),
            "undated": self.undated,
            "out_of_month": self.out_of_month,
            "weeks_covered": self.weeks_covered,
            "weeks_total": len(weeks),
            "posts_per_week": {w.isoformat(): n for w, n in zip(weeks, self.posts_per_week)},
            "missed_weeks": [w.isoformat() for w, n in zip(weeks, self.posts_per_week) if not n],
            "findings": dict(self.findings),
            "findings_by_category": dict(self.by_category),
            "deduction": number(self.deduction),
            "week_penalty": number(self.week_penalty),
            "disclosure_score": number(self.disclosure),
            "scores": {k: number(v) for k, v in self.unit.scores.items()},
            "total": number(self.total),
            "rank": self.rank,
            "worst_posts": [p.to_dict(with_findings=True) for p in self.worst_posts()],
            "post_scores": [p.to_dict() for p in self.posts],
        }


@dataclass
class AuditResult:
    month: str
    weeks: list[dt.date]
    units: list[UnitResult]
    problems: list[Problem]
    scoring: Scoring
    score_columns: list[str]
    files_checked: int = 0
    cache_hits: int = 0

    @property
    def groups(self) -> list[str]:
        out: list[str] = []
        for u in self.units:
            if u.unit.group not in out:
                out.append(u.unit.group)
        return out

    def group_units(self, group: str) -> list[UnitResult]:
        return [u for u in self.units if u.unit.group == group]

    def to_dict(self) -> dict:
        return {
            "month": self.month,
            "weeks": [w.isoformat() for w in self.weeks],
            "groups": self.groups,
            "columns": self.score_columns,
            "scoring": self.scoring.to_dict(),
            "units": [u.to_dict(self.weeks) for u in self.units],
            "problems": [p.to_dict() for p in self.problems],
            "files_checked": self.files_checked,
            "cache_hits": self.cache_hits,
        }


def run_audit(
    export: str | os.PathLike,
    month: str,
    *,
    units_path: str | os.PathLike | None = None,
    config=None,
    jobs: int = 1,
    cache_dir: str | os.PathLike | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> AuditResult:
    """Audit one month of an export. ``progress(total)`` returns a callback advanced per file.

    Raises AuditError (bad export or units file), ConfigError (bad ``scoring:``), ValueError (bad month).
    """
    from textlint_gov.config import Config

    config = config if config is not None else Config()
    year, mon = parse_month(month)
    scoring = scoring_from_config(config.scoring, str(config.path) if config.path else "rules.yaml")
    export = Path(export)
    if not export.is_dir():
        from textlint_gov.audit.collect import AuditError

        raise AuditError(f"{export}: 导出文件夹不存在")
    units_file = Path(units_path) if units_path else export / UNITS_FILE
    units = load_units(units_file)
    candidates, problems = walk_export(export, units, units_file)

    weeks = weeks_of_month(year, mon)
    first, last = month_days(year, mon)
    window = (min(first, weeks[0]), max(last, weeks[-1] + dt.timedelta(days=6)))
    results = {u.name: UnitResult(u, posts_per_week=[0] * len(weeks)) for u in units}

    todo = []
    for c in candidates:
        if c.name_date is not None and not window[0] <= c.name_date <= window[1]:
            if c.unit:
                results[c.unit].out_of_month += 1
            continue
        todo.append(c)
    names = list(unit_labels(units))
    tick = progress(len(todo)) if progress else None
    checked = lint_posts(
        [(str(c.path), c.rel) for c in todo],
        config,
        jobs=jobs,
        cache_dir=cache_dir,
        unit_names=names,
        units_key=units_fingerprint(units),
        progress=tick,
    )
    labels = unit_labels(units)
    week_index = {w: i for i, w in enumerate(weeks)}
    hits = 0
    for c, r in zip(todo, checked):
        hits += r["cached"]
        if r["error"]:
            problems.append(Problem("unreadable", c.rel, f"无法读取，已跳过：{r['error']}", c.unit))
            continue
        meta = r["meta"]
        unit = c.unit
        if unit is None:
            label = meta.get("unit")
            unit = match_unit(label, labels)
            if not label:
                problems.append(
                    Problem(
                        "no_unit", c.rel, "不在单位文件夹中，元数据也没有单位（unit / ContentSource），已跳过"
                    )
                )
                continue
            if unit is None:
                problems.append(
                    Problem("unknown_unit", c.rel, f"元数据中的单位“{label}”不在 {UNITS_FILE} 中，已跳过")
                )
                continue
        day = date_of(c, meta)
        res = results[unit]
        if day is None:
            res.undated += 1
            why = f"文件名前缀{c.bad_prefix}" if c.bad_prefix else "文件名无 YYYY-MM-DD 前缀"
            problems.append(
                Problem("undated", c.rel, f"没有发布日期（{why}，元数据也无日期），按未更新计", unit)
            )
            continue
        wk = week_monday(day)
        if wk in week_index:
            res.posts_per_week[week_index[wk]] += 1
        if not first <= day <= last:
            res.out_of_month += 1
            continue
        post = Post(c.rel, unit, day, meta.get("title", ""), [_public(f) for f in r["findings"]], r["cached"])
        counts = post.counts()
        score = post_score(counts, scoring)
        res.posts.append(PostScore(post, counts, scoring.points_per_post - score, score))
        for sev, n in counts.items():
            res.findings[sev] = res.findings.get(sev, 0) + n

    columns: list[str] = []
    for u in units:
        for key in u.scores:
            if key not in columns:
                columns.append(key)
    for u in units:
        missing = [k for k in columns if k not in u.scores]
        if missing:
            problems.append(
                Problem("missing_score", UNITS_FILE, f"缺少“{'、'.join(missing)}”得分，按 0 计", u.name)
            )

    for res in results.values():
        res.posts.sort(key=lambda p: (p.post.date, p.post.path))
        cats = Counter(f["category"] for p in res.posts for f in p.post.findings)
        res.by_category = {c: cats[c] for c in CATEGORIES if cats[c]} | {
            c: n for c, n in cats.items() if c not in CATEGORIES
        }
        res.deduction = sum((p.deduction for p in res.posts), Decimal(0))
        missed = sum(1 for n in res.posts_per_week if not n)
        res.week_penalty = scoring.missed_week_penalty * missed
        res.disclosure = disclosure_score((p.score for p in res.posts), missed, scoring)
        res.total = sum(res.unit.scores.values(), Decimal(0)) + res.disclosure

    ordered = [results[u.name] for u in units]
    for group in dict.fromkeys(u.group for u in units):
        members = [r for r in ordered if r.unit.group == group]
        for r, rank in zip(members, ranks([r.total for r in members])):
            r.rank = rank
    order = {
        "unknown_folder": 0,
        "unsupported": 1,
        "unreadable": 2,
        "no_unit": 3,
        "unknown_unit": 4,
        "bad_date": 5,
        "undated": 6,
        "missing_score": 7,
    }
    problems.sort(key=lambda p: (order.get(p.kind, 9), p.path))
    return AuditResult(f"{year:04d}-{mon:02d}", weeks, ordered, problems, scoring, columns, len(todo), hits)


def _public(record: dict) -> dict:
    """The finding as ``--format json`` of the lint prints it (``Finding.to_dict()`` keys)."""
    keys = (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "category",
        "severity",
        "message",
        "match",
        "suggestion",
        "where",
        "fixable",
    )
    return {k: record.get(k) for k in keys}
