"""The rectification ledger (整改台账): last month's findings and indicators against this month's.

``--previous LAST.json`` is last month's ``--format json`` output. Every finding of last month is
已整改 when its post no longer has it (or the post is gone) and 未整改 when it still does, matched by
post, rule and offending text (not by line, so edits above it do not matter); every indicator of
last month at 预警 or 否决 is 未整改 while it is still at one of them. This month's findings and
indicators that last month did not have are 新增. Counts per unit, as municipal notices publish them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from textlint_gov.audit.score import parse_month

FIXED, OPEN, NEW = "已整改", "未整改", "新增"
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class LedgerItem:
    state: str
    kind: str  # finding | indicator
    text: str
    path: str | None = None
    code: str | None = None
    match: str | None = None

    def to_dict(self) -> dict:
        return {
            "state": self.state,
            "kind": self.kind,
            "path": self.path,
            "code": self.code,
            "match": self.match,
            "text": self.text,
        }


@dataclass
class UnitLedger:
    items: list[LedgerItem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(i.state for i in self.items)
        return {FIXED: c[FIXED], OPEN: c[OPEN], NEW: c[NEW]}

    def to_dict(self) -> dict:
        return {"counts": self.counts(), "items": [i.to_dict() for i in self.items]}


@dataclass
class Previous:
    month: str
    findings: dict[str, list[dict]]  # unit -> finding dicts (with path)
    indicators: dict[str, dict[str, dict]]  # unit -> name -> indicator dict (not ok)

    def paths(self) -> dict[str, str]:
        """Post path -> unit of every post that had a finding."""
        return {f["path"]: unit for unit, fs in self.findings.items() for f in fs}


def load_previous(path: Path, month: str, unit_names: list[str]) -> tuple[Previous | None, str | None]:
    """(last month's audit, None) or (None, why it cannot be used) in one line."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return None, f"无法读取（{e.strerror or e}），未生成整改台账"
    if len(raw) > MAX_BYTES:
        return None, "文件过大，未生成整改台账"
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, "不是 govlint audit --format json 的输出（无法解析 JSON），未生成整改台账"
    if not isinstance(data, dict) or not isinstance(data.get("units"), list) or "month" not in data:
        return None, "不是 govlint audit --format json 的输出（缺少 month、units），未生成整改台账"
    try:
        prev = parse_month(str(data["month"]))
    except ValueError:
        return None, f"其中的月份“{str(data['month'])[:20]}”不是 YYYY-MM，未生成整改台账"
    if prev >= parse_month(month):
        return None, f"是 {data['month']} 的审计结果，不早于本次审计的 {month}，未生成整改台账"
    units = [u for u in data["units"] if isinstance(u, dict) and isinstance(u.get("unit"), str)]
    names = set(unit_names)
    if not any(u["unit"] in names for u in units):
        shown = "、".join(u["unit"] for u in units[:3]) or "无"
        return None, f"是另一份导出的审计结果（单位 {shown}… 都不在本次的 units.yaml 中），未生成整改台账"
    findings: dict[str, list[dict]] = {}
    indicators: dict[str, dict[str, dict]] = {}
    for u in units:
        name = u["unit"]
        if name not in names:
            continue
        found: list[dict] = []
        posts: list = u["post_scores"] if isinstance(u.get("post_scores"), list) else []
        detailed = [p for p in posts if isinstance(p, dict) and isinstance(p.get("findings_detail"), list)]
        if not detailed:  # an older output: only the posts that lost most points carry their findings
            detailed = [p for p in u.get("worst_posts") or [] if isinstance(p, dict)]
        for p in detailed:
            for f in p.get("findings_detail") or []:
                if isinstance(f, dict) and isinstance(f.get("code"), str):
                    found.append({**f, "path": str(f.get("path") or p.get("path") or "")})
        findings[name] = found
        indicators[name] = {
            i["name"]: i
            for i in u.get("indicators") or []
            if isinstance(i, dict) and isinstance(i.get("name"), str) and i.get("status") in ("预警", "否决")
        }
    return Previous(f"{prev[0]:04d}-{prev[1]:02d}", findings, indicators), None


def _key(f: dict) -> tuple:
    return (f.get("path"), f.get("code"), f.get("match"))


def _finding_text(f: dict) -> str:
    return f"{f.get('code')} “{f.get('match')}”：{f.get('message', '')}"


def build_ledgers(
    previous: Previous,
    now_by_path: dict[str, list[dict]],
    month_findings: dict[str, list[dict]],
    indicators: dict[str, list],
    order: list[str],
) -> dict[str, UnitLedger]:
    """Per unit: last month's items as 已整改/未整改, this month's others as 新增.

    ``now_by_path``: the findings of every post checked this month (last month's posts rechecked
    too); ``month_findings``: unit -> the findings of its posts of this month; ``indicators``:
    unit -> this month's :class:`~.indicators.Indicator` list.
    """
    out: dict[str, UnitLedger] = {}
    for unit in order:
        ledger = UnitLedger()
        matched: Counter = Counter()
        for f in previous.findings.get(unit, []):
            now = Counter(_key(g) for g in now_by_path.get(f["path"], []))
            key = _key(f)
            if matched[key] < now[key]:
                matched[key] += 1
                state = OPEN
            else:
                state = FIXED
            ledger.items.append(
                LedgerItem(state, "finding", _finding_text(f), f["path"], f.get("code"), f.get("match"))
            )
        left = Counter(_key(f) for f in previous.findings.get(unit, []))
        for f in month_findings.get(unit, []):
            key = _key(f)
            if left[key] > 0:
                left[key] -= 1
                continue
            ledger.items.append(
                LedgerItem(NEW, "finding", _finding_text(f), f.get("path"), f.get("code"), f.get("match"))
            )
        now_bad = {i.name: i for i in indicators.get(unit, []) if i.status != "ok"}
        before = previous.indicators.get(unit, {})
        for name, old in before.items():
            state = OPEN if name in now_bad else FIXED
            ledger.items.append(
                LedgerItem(state, "indicator", f"{name}（上月 {old.get('status')}，值 {old.get('value')}）")
            )
        for name, ind in now_bad.items():
            if name not in before:
                ledger.items.append(LedgerItem(NEW, "indicator", f"{name}（{ind.status}，值 {ind.value}）"))
        out[unit] = ledger
    return out
