"""What an audit finds: a score per post, a row per unit, the whole month (``--format json`` is
``AuditResult.to_dict``). Built by :mod:`.aggregate`, read by the renderers of :mod:`.formats`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from textlint_gov.audit.collect import Post, Problem, Unit
from textlint_gov.audit.indicators import VETO, Indicator
from textlint_gov.audit.inspection import Inspection
from textlint_gov.audit.ledger import UnitLedger
from textlint_gov.audit.score import Scoring, number

WORST_POSTS = 5


@dataclass
class PostScore:
    post: Post
    counts: dict[str, int]
    deduction: Decimal  # what the findings took off this post (after the floor at 0)
    score: Decimal

    def to_dict(self, with_findings: bool = False) -> dict:
        d: dict[str, object] = {
            "path": self.post.path,
            "date": self.post.date.isoformat() if self.post.date else None,
            "title": self.post.title,
            "findings": self.counts,
            "deduction": number(self.deduction),
            "score": number(self.score),
        }
        if with_findings or self.post.findings:
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
    indicators: list[Indicator] = field(default_factory=list)
    ledger: UnitLedger | None = None

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
            "indicators": [i.to_dict() for i in self.indicators],
            "ledger": self.ledger.to_dict() if self.ledger is not None else None,
        }

    def flagged(self, status: str) -> list[Indicator]:
        return [i for i in self.indicators if i.status == status]


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
    inspection: Inspection = field(default_factory=Inspection)
    previous: str | None = None  # the month of --previous, when a ledger was made

    def vetoes(self) -> list[tuple[UnitResult, Indicator]]:
        return [(u, i) for u in self.units for i in u.indicators if i.status == VETO]

    def warnings(self) -> list[tuple[UnitResult, Indicator]]:
        return [(u, i) for u in self.units for i in u.indicators if i.status not in ("ok", VETO)]

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
            "inspection": self.inspection.to_dict(),
            "vetoes": [
                {
                    "unit": u.unit.name,
                    "name": i.name,
                    "value": i.value,
                    "threshold": i.threshold,
                    "evidence": [e.to_dict() for e in i.evidence],
                }
                for u, i in self.vetoes()
            ],
            "previous": self.previous,
        }
