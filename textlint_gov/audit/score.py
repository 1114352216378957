"""Pure scoring: the weeks of a month, a post's points, a unit's 政务信息公开 score, ranks.

Numbers are :class:`~decimal.Decimal` so 0.1-step deductions add up exactly and equal totals
really are equal when ranking. Every default here is documented under ``scoring:`` in rules.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

# The scoring: settings are part of the configuration (config.py validates every rules.yaml key);
# re-exported here as the audit's scoring API.
from textlint_gov.config import DEFAULT_SCORING as DEFAULTS  # noqa: F401
from textlint_gov.config import SEVERITIES, Scoring, number, scoring_from_config  # noqa: F401

# ---------------------------------------------------------------- calendar

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> tuple[int, int]:
    """``2021-01`` -> (2021, 1); ValueError with a Chinese message otherwise."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"月份“{text}”格式不对，应为 YYYY-MM，如 2021-01")
    return int(m.group(1)), int(m.group(2))


def month_days(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar month."""
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks_of_month(year: int, month: int) -> list[dt.date]:
    """The Mondays of the weeks (Monday to Sunday) whose Thursday falls in the month."""
    first, last = month_days(year, month)
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    out = []
    while thursday <= last:
        out.append(thursday - dt.timedelta(days=3))
        thursday += dt.timedelta(days=7)
    return out


_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_from_name(name: str) -> dt.date | None:
    """The date of a ``YYYY-MM-DD`` prefix of a file name, or None."""
    m = _DATE_PREFIX.match(name)
    return _date(m) if m else None


def impossible_date_prefix(name: str) -> str | None:
    """Why a file name's ``YYYY-MM-DD`` prefix is no real date (2021-02-30, 2021-13-01), in a few
    Chinese words, or None when the name has no such prefix or its date exists."""
    m = _DATE_PREFIX.match(name)
    if not m or _date(m) is not None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if year < 1:
        return f"“{m.group(0)}”不是有效日期（没有{year}年）"
    if not 1 <= month <= 12:
        return f"“{m.group(0)}”不是有效日期（没有{month}月）"
    last = month_days(year, month)[1].day
    if day < 1:
        return f"“{m.group(0)}”不是有效日期（没有{day}日）"
    return f"“{m.group(0)}”不是有效日期（{year}年{month}月只有{last}天）"


def _date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ---------------------------------------------------------------- scores


def finding_deduction(counts: Mapping[str, int], scoring: Scoring) -> Decimal:
    """What a post's findings would take off, before the floor at 0."""
    return sum((scoring.deductions.get(sev, Decimal(0)) * n for sev, n in counts.items()), Decimal(0))


def post_score(counts: Mapping[str, int], scoring: Scoring) -> Decimal:
    """``points_per_post`` minus the deductions of the post's findings, never below 0."""
    return max(Decimal(0), scoring.points_per_post - finding_deduction(counts, scoring))


def disclosure_score(post_scores: Iterable[Decimal], missed_weeks: int, scoring: Scoring) -> Decimal:
    """The 政务信息公开 score: the posts' points minus the missed-week penalty, in [0, max_score]."""
    score = sum(post_scores, Decimal(0)) - scoring.missed_week_penalty * missed_weeks
    score = max(Decimal(0), score)
    if scoring.max_score is not None:
        score = min(score, scoring.max_score)
    return score


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    return Decimal(str(value))


def ranks(totals: list[Decimal]) -> list[int]:
    """Competition ranking, highest first: equal totals share a rank (1, 2, 2, 4)."""
    return [1 + sum(1 for other in totals if other > t) for t in totals]


def fmt(value: Decimal | int | float | None) -> str:
    """Print as the notice does: 34, 2.5, 23.5 (no trailing .0)."""
    if value is None:
        return ""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")
