"""The inspection's own indicators (单项否决 and their early warnings) of one unit for one month.

国务院办公厅《政府网站与政务新媒体检查指标》(2019) fails a whole site on one 单项否决 item: the site
not updated for two weeks, columns not updated or blank, a serious wrong expression, a leaked
secret, forged publication dates, messages left unanswered. :func:`unit_indicators` computes each
from facts the audit already has (post dates, columns, findings) and the optional messages.csv and
link checks; every number is under ``inspection:`` in rules.yaml (:mod:`.inspection`).

:func:`post_extras` runs in the lint workers: the facts of one post the indicators need beyond its
findings (its column label, its 成文日期 in the text, the events it reports as past), as strings so
the findings cache keeps them with the post.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from textlint_gov.audit.inspection import Inspection
from textlint_gov.audit.links import post_links
from textlint_gov.docdate import parse_date, written_date

NAMES = (
    "首页不更新",
    "栏目不更新",
    "应更新栏目未更新",
    "空白栏目",
    "严重表述错误",
    "涉密标记",
    "发布日期存疑",
    "链接不可用",
    "互动回应",
)
OK, WARN, VETO = "ok", "预警", "否决"
SERIOUS_CATEGORIES = ("expression", "name")
SECRET_CODE = "GOV504"
MAX_EVIDENCE = 50


@dataclass
class Evidence:
    text: str
    path: str | None = None

    def to_dict(self) -> dict:
        return {"path": self.path, "text": self.text}


@dataclass
class Indicator:
    name: str
    value: int | None
    threshold: int
    status: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "value": self.value,
            "threshold": self.threshold,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _status(value: int | None, veto: int | None, warn: int | None) -> str:
    if value is None:
        return VETO if veto is not None else WARN
    if veto is not None and value >= veto:
        return VETO
    if warn is not None and value >= warn:
        return WARN
    return OK


def _indicator(name, value, veto, warn, evidence) -> Indicator:
    threshold = veto if veto is not None else warn
    ev = evidence[:MAX_EVIDENCE]
    if len(evidence) > MAX_EVIDENCE:
        ev.append(Evidence(f"……另有 {len(evidence) - MAX_EVIDENCE} 项"))
    return Indicator(name, value, threshold, _status(value, veto, warn), ev)


# ---------------------------------------------------------------- facts of one post (workers)

# A news lede dating what happened: “1月20日，县委召开……”, “2021年1月20日上午，……”
_LEDE = re.compile(
    r"(?:^|[。！？；\n])[\s\u3000]*(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})日"
    r"(?:上午|下午|晚上|晚间|早上|凌晨|中午|晚)?[，,]([^。！？\n]{4,80})"
)
_PAST = re.compile(
    r"了|召开|举行|举办|开展|组织|主持|出席|参加|看望|慰问|带队|走访|调研|检查|来到|赴|深入|考察|督导"
)
_FUTURE = re.compile(
    r"将|拟|计划|预计|定于|届时|起|至|前|截至|截止|以前|之前|期间|开始|为期|报名|须|需|要|请|应|如|若|举报|申请|办理"
)
_COLUMN_META = re.compile(
    r"<meta\s+(?:name\s*=\s*[\"']?columnname[\"']?\s+content\s*=\s*[\"']([^\"'<>]*)"
    r"|content\s*=\s*[\"']([^\"'<>]*)[\"']\s+name\s*=\s*[\"']?columnname\b)",
    re.I,
)


def post_extras(doc, rel: str) -> dict[str, str]:
    """The column label of the CMS metadata, the 成文日期 in the text, past events (one per line:
    ``year<TAB>month<TAB>day<TAB>words``, year 0 when not written) and the link targets."""

    out: dict[str, str] = {}
    column = None
    fm = doc.meta.get("front_matter")
    if isinstance(fm, dict) and fm.get("column") is not None:
        column = str(fm["column"])
    elif rel.lower().endswith((".html", ".htm")):
        m = _COLUMN_META.search(doc.source, 0, 20000)
        if m:
            column = m.group(1) if m.group(1) is not None else m.group(2)
    if column and column.strip():
        out["column"] = column.strip()[:100]
    texts = [b.text for b in doc.blocks]
    wd = written_date(texts)
    if wd:
        out["written"] = wd
    events = []
    for t in texts:
        if "月" not in t or "日" not in t:
            continue
        for m in _LEDE.finditer(t):
            clause = m.group(4)
            if _PAST.search(clause) and not _FUTURE.search(clause):
                words = f"{m.group(2)}月{m.group(3)}日，{clause[:30]}"
                events.append(f"{m.group(1) or 0}\t{m.group(2)}\t{m.group(3)}\t{words}")
        if len(events) >= 20:
            break
    if events:
        out["events"] = "\n".join(events)
    links = post_links(doc, rel)
    if links:
        out["links"] = "\n".join(links)
    return out


def date_doubts(published: dt.date, extras: dict[str, str]) -> list[str]:
    """Why the publication date of a post is in doubt (发布日期存疑), in short Chinese, or []: it is
    earlier than the 成文日期 in the text, or than an event the text reports as past."""
    out = []
    wd = parse_date(extras.get("written"))
    if wd and wd > published:
        out.append(f"发布日期 {published.isoformat()} 早于文中的成文日期 {wd.isoformat()}")
    for line in extras.get("events", "").splitlines():
        try:
            year, month, day, words = line.split("\t", 3)
            when = dt.date(int(year) or published.year, int(month), int(day))
        except ValueError:
            continue
        if not int(year):  # no year written: the one that puts the event nearest the publication
            with contextlib.suppress(ValueError):
                if (when - published).days > 180:
                    when = when.replace(year=when.year - 1)
                elif (published - when).days > 180:
                    when = when.replace(year=when.year + 1)
        if 0 < (when - published).days <= 366:
            out.append(f"发布日期 {published.isoformat()} 早于文中已发生的“{words}”")
    return out


# ---------------------------------------------------------------- one unit's indicators


@dataclass
class ColumnFacts:
    name: str
    type: str
    cycle: int | None  # 应更新 cycle in days; None: not required to update
    posts: int = 0  # every post filed under it (any date, undated too)
    last: dt.date | None = None  # its newest post up to the end of the month


@dataclass
class UnitFacts:
    last_post: dt.date | None = None  # the unit's newest dated post up to the end of the month
    columns: list[ColumnFacts] = field(default_factory=list)
    declared: bool = False
    serious: list[Evidence] = field(default_factory=list)
    secrets: list[Evidence] = field(default_factory=list)
    date_doubts: list[Evidence] = field(default_factory=list)
    links: list[Evidence] = field(default_factory=list)
    messages: list = field(default_factory=list)
    messages_read: bool = False


def unit_indicators(facts: UnitFacts, end: dt.date, cfg: Inspection) -> list[Indicator]:
    out: list[Indicator] = []
    # 首页不更新
    if facts.last_post is None:
        out.append(
            _indicator(
                "首页不更新", None, cfg.site_days, cfg.site_warn_days, [Evidence("没有有发布日期的稿件")]
            )
        )
    else:
        days = (end - facts.last_post).days
        ev = [
            Evidence(f"最近一篇稿件 {facts.last_post.isoformat()}，至 {end.isoformat()} 已 {days} 天无更新")
        ]
        out.append(_indicator("首页不更新", days, cfg.site_days, cfg.site_warn_days, ev))

    # 栏目不更新 / 应更新栏目未更新 / 空白栏目
    stale, overdue, blank = [], [], []
    for c in facts.columns:
        if c.posts == 0:
            blank.append(Evidence(f"栏目“{c.name}”没有任何稿件"))
            continue
        age = None if c.last is None else (end - c.last).days
        since = f"最近更新 {c.last.isoformat()}" if c.last else "没有有日期的稿件"
        window = cfg.update_days.get(c.type)
        if window is not None and c.cycle is not None and (age is None or age >= window):
            stale.append(Evidence(f"{c.type}栏目“{c.name}”{window} 天内未更新（{since}）"))
        if c.cycle is not None and (age is None or age >= c.cycle):
            overdue.append(Evidence(f"栏目“{c.name}”超过更新周期 {c.cycle} 天未更新（{since}）"))
    note = [] if facts.declared else [Evidence("units.yaml 未声明本单位的栏目（columns），未检查")]
    out.append(_indicator("栏目不更新", len(stale), cfg.stale_columns, cfg.stale_columns_warn, stale or note))
    out.append(
        _indicator(
            "应更新栏目未更新", len(overdue), cfg.overdue_columns, cfg.overdue_columns_warn, overdue or note
        )
    )
    out.append(_indicator("空白栏目", len(blank), cfg.blank_columns, cfg.blank_columns_warn, blank or note))

    # findings of the month's posts
    out.append(_indicator("严重表述错误", len(facts.serious), 1, None, facts.serious))
    out.append(_indicator("涉密标记", len(facts.secrets), 1, None, facts.secrets))
    out.append(_indicator("发布日期存疑", len(facts.date_doubts), None, 1, facts.date_doubts))
    out.append(_indicator("链接不可用", len(facts.links), None, cfg.broken_links_warn, facts.links))

    # 互动回应
    if not facts.messages_read:
        out.append(
            _indicator(
                "互动回应",
                0,
                cfg.message_days,
                cfg.message_warn_days,
                [Evidence("没有 messages.csv，未检查")],
            )
        )
    else:
        longest = 0
        waits: list[Evidence] = []
        for m in sorted(facts.messages, key=lambda m: (m.asked, m.id)):
            if m.asked > end:
                continue
            if m.answered is None or m.answered > end:
                days = (end - m.asked).days
                longest = max(longest, days)
                if days >= cfg.message_warn_days:
                    waits.append(Evidence(f"留言 {m.id}（{m.asked.isoformat()}）已 {days} 天未答复"))
            elif (m.answered - m.asked).days > cfg.message_late_days:
                waits.append(
                    Evidence(
                        f"留言 {m.id}（{m.asked.isoformat()}）{(m.answered - m.asked).days} 天后才答复"
                        f"（超过 {cfg.message_late_days} 天，扣分项）"
                    )
                )
        out.append(_indicator("互动回应", longest, cfg.message_days, cfg.message_warn_days, waits))
    return out
