"""The ``inspection:`` numbers of rules.yaml: veto lines (单项否决) and early-warning lines (预警).

Veto lines follow 国务院办公厅《政府网站与政务新媒体检查指标》(2019); warning lines are the defaults
of the commercial monitors. Every key is optional; a bad value is one :class:`ConfigError` line
naming the file, the key and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from textlint_gov.errors import ConfigError, unknown_key

UPDATED_TYPES = ("动态要闻", "通知公告", "政策文件")
DEFAULT_LINK_DOMAINS = (
    "gov.cn",
    "people.com.cn",
    "xinhuanet.com",
    "news.cn",
    "cctv.com",
    "qstheory.cn",
    "gmw.cn",
    "12371.cn",
)

# key -> (default, low, high); integers unless noted in FLOATS
NUMBERS: dict[str, tuple[Any, float, float]] = {
    "site_days": (14, 1, 3660),
    "site_warn_days": (10, 1, 3660),
    "stale_columns": (5, 1, 10000),
    "stale_columns_warn": (3, 1, 10000),
    "overdue_columns": (10, 1, 10000),
    "overdue_columns_warn": (6, 1, 10000),
    "blank_columns": (5, 1, 10000),
    "blank_columns_warn": (2, 1, 10000),
    "message_days": (90, 1, 3660),
    "message_warn_days": (60, 1, 3660),
    "message_late_days": (30, 1, 3660),
    "broken_links_warn": (1, 1, 1_000_000),
    "link_timeout": (5, 0.1, 120),
    "link_concurrency": (8, 1, 64),
    "link_max": (200, 0, 100_000),
}
FLOATS = {"link_timeout"}
DEFAULT_UPDATE_DAYS = {"动态要闻": 14, "通知公告": 183, "政策文件": 183}
KEYS = (*NUMBERS, "update_days", "link_domains")


@dataclass(frozen=True)
class Inspection:
    site_days: int = 14
    site_warn_days: int = 10
    stale_columns: int = 5
    stale_columns_warn: int = 3
    overdue_columns: int = 10
    overdue_columns_warn: int = 6
    blank_columns: int = 5
    blank_columns_warn: int = 2
    message_days: int = 90
    message_warn_days: int = 60
    message_late_days: int = 30
    broken_links_warn: int = 1
    link_timeout: float = 5
    link_concurrency: int = 8
    link_max: int = 200
    update_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_UPDATE_DAYS))
    link_domains: tuple[str, ...] = DEFAULT_LINK_DOMAINS

    def to_dict(self) -> dict:
        out = {k: getattr(self, k) for k in NUMBERS}
        out["update_days"] = dict(self.update_days)
        out["link_domains"] = list(self.link_domains)
        return out


def _error(where: str, key: str, allowed: str, value: Any) -> Exception:

    text = str(value)
    text = text if len(text) <= 40 else text[:40] + "…"
    return ConfigError(f"{where}: inspection.{key} 应为{allowed}，而不是“{text}”")


def _number(value: Any, key: str, low: float, high: float, integer: bool, where: str):
    kind = "整数" if integer else "数"
    allowed = f" {low:g} 到 {high:g} 之间的{kind}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _error(where, key, allowed, value)
    if integer and not float(value).is_integer():
        raise _error(where, key, allowed, value)
    if not low <= value <= high:  # also refuses nan and inf
        raise _error(where, key, allowed, value)
    return int(value) if integer else float(value)


def inspection_from_config(raw: Mapping | None, where: str = "rules.yaml") -> Inspection:
    """Validate the ``inspection:`` mapping of rules.yaml."""

    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: inspection 应为映射（键: 值）")
    if unknown := unknown_key(raw, KEYS):
        raise ConfigError(f"{where}: inspection 中{unknown}")
    values: dict[str, Any] = {}
    for key, (default, low, high) in NUMBERS.items():
        values[key] = _number(raw.get(key, default), key, low, high, key not in FLOATS, where)
    days = raw.get("update_days")
    update = dict(DEFAULT_UPDATE_DAYS)
    if days is not None:
        if not isinstance(days, Mapping):
            raise _error(where, "update_days", "映射，如 {动态要闻: 14, 通知公告: 183, 政策文件: 183}", days)
        for kind, value in days.items():
            if kind not in UPDATED_TYPES:
                raise _error(where, "update_days", f"以 {'、'.join(UPDATED_TYPES)} 为键的映射", kind)
            update[kind] = _number(value, f"update_days.{kind}", 1, 3660, True, where)
    domains = raw.get("link_domains")
    if domains is None:
        domains = list(DEFAULT_LINK_DOMAINS)
    if not isinstance(domains, list) or not all(
        isinstance(d, str) and d.strip() and len(d) <= 253 for d in domains
    ):
        raise _error(where, "link_domains", "域名列表，如 [gov.cn, people.com.cn]", domains)
    for low_key, high_key in (
        ("site_warn_days", "site_days"),
        ("stale_columns_warn", "stale_columns"),
        ("overdue_columns_warn", "overdue_columns"),
        ("blank_columns_warn", "blank_columns"),
        ("message_warn_days", "message_days"),
    ):
        if values[low_key] > values[high_key]:
            raise ConfigError(
                f"{where}: inspection.{low_key}（{values[low_key]}）应不大于 {high_key}（{values[high_key]}）：预警在否决之前"
            )
    return Inspection(
        **values,
        update_days=update,
        link_domains=tuple(d.strip().lower().lstrip(".") for d in domains),
    )
