"""The rows every format shows for the inspection's indicators and the rectification ledger.

单项否决 and 预警 are listed apart (vetoes first); each row: 单位, 指标, 值, 阈值, 依据.
"""

from __future__ import annotations

from textlint_gov.audit.ledger import FIXED, NEW, OPEN

INDICATOR_HEADER = ["单位名称", "指标", "值", "阈值", "依据"]
LEDGER_HEADER = ["单位名称", FIXED, OPEN, NEW]
DAYS = {"首页不更新", "互动回应"}
SHOWN_EVIDENCE = 3


def value_text(ind) -> str:
    if ind.value is None:
        return "无稿件"
    return f"{ind.value} 天" if ind.name in DAYS else str(ind.value)


def threshold_text(ind) -> str:
    return f"{ind.threshold} 天" if ind.name in DAYS else str(ind.threshold)


def evidence_text(ind, limit: int = SHOWN_EVIDENCE) -> str:
    texts = [e.text for e in ind.evidence]
    more = f"（等 {len(texts)} 项）" if len(texts) > limit else ""
    return "；".join(texts[:limit]) + more


def indicator_rows(pairs, limit: int = SHOWN_EVIDENCE) -> list[list[str]]:
    """``result.vetoes()`` or ``result.warnings()`` as table rows."""
    return [
        [u.unit.name, i.name, value_text(i), threshold_text(i), evidence_text(i, limit)] for u, i in pairs
    ]


def ledger_title(result) -> str:
    return f"整改台账（对照 {result.previous} 审计结果）"


def ledger_rows(result) -> list[list[str]]:
    rows = []
    for u in result.units:
        if u.ledger is None:
            continue
        c = u.ledger.counts()
        rows.append([u.unit.name, str(c[FIXED]), str(c[OPEN]), str(c[NEW])])
    return rows


def ledger_item_lines(u) -> list[str]:
    """The unit's ledger items, last month's first: ``[未整改] 甲局/x.txt GOV001 “…”：…``."""
    if u.ledger is None:
        return []
    order = {OPEN: 0, FIXED: 1, NEW: 2}
    items = sorted(u.ledger.items, key=lambda i: order.get(i.state, 3))
    return [f"[{i.state}] {i.path + ' ' if i.path else ''}{i.text}" for i in items]
