"""From posts and their findings to one row per unit: counts, weeks, scores, ranks, evidence.

``run_audit`` is the whole audit as a function (the CLI only parses options and renders), in named
steps: start (units, export walk), select (the files to lint), lint, tally (posts into units),
score, rank, indicators, ledger. What it returns is in :mod:`.result`.
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
    AuditError,
    Candidate,
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
from textlint_gov.audit.columns import ColumnIndex
from textlint_gov.audit.indicators import (
    SECRET_CODE,
    SERIOUS_CATEGORIES,
    ColumnFacts,
    Evidence,
    UnitFacts,
    date_doubts,
    unit_indicators,
)
from textlint_gov.audit.inspection import Inspection, inspection_from_config
from textlint_gov.audit.ledger import Previous, build_ledgers, load_previous
from textlint_gov.audit.links import LinkJudge, request_links
from textlint_gov.audit.messages import MESSAGES_FILE, read_messages
from textlint_gov.audit.result import AuditResult, PostScore, UnitResult
from textlint_gov.audit.score import (
    Scoring,
    disclosure_score,
    month_days,
    parse_month,
    post_score,
    ranks,
    scoring_from_config,
    week_monday,
    weeks_of_month,
)
from textlint_gov.config import Config
from textlint_gov.docdate import name_date, parse_date, path_date
from textlint_gov.findings import CATEGORIES


@dataclass
class _Run:
    """One audit as it goes through its steps."""

    export: Path
    year: int
    mon: int
    config: object
    scoring: Scoring
    inspection: Inspection
    units: list[Unit]
    candidates: list[Candidate]
    problems: list[Problem]
    weeks: list[dt.date] = field(default_factory=list)
    results: dict[str, UnitResult] = field(default_factory=dict)
    facts: dict[str, UnitFacts] = field(default_factory=dict)
    column_index: dict[str, ColumnIndex] = field(default_factory=dict)
    unknown_columns: set[tuple[str, str]] = field(default_factory=set)
    checked_by_path: dict[str, list[dict]] = field(default_factory=dict)
    external: list[tuple[str, str, str]] = field(default_factory=list)  # (unit, post, url)
    files_checked: int = 0
    cache_hits: int = 0

    @property
    def first(self) -> dt.date:
        return month_days(self.year, self.mon)[0]

    @property
    def last(self) -> dt.date:
        return month_days(self.year, self.mon)[1]


def run_audit(
    export: str | os.PathLike,
    month: str,
    *,
    units_path: str | os.PathLike | None = None,
    config=None,
    jobs: int = 1,
    cache_dir: str | os.PathLike | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
    previous: str | os.PathLike | None = None,
    check_links: bool = False,
) -> AuditResult:
    """Audit one month of an export. ``progress(total)`` returns a callback advanced per file.

    ``previous``: last month's ``--format json`` output, for the rectification ledger;
    ``check_links``: also request the external URLs of the month's posts (bounded by ``inspection:``).
    Raises AuditError (bad export or units file), ConfigError (bad ``scoring:`` or ``inspection:``),
    ValueError (bad month). Bad optional inputs (messages.csv, ``previous``) become problems.
    """
    run = _start(export, month, units_path, config)
    prev = _previous(run, previous) if previous is not None else None
    todo, rechecks = _select(run, prev)
    names = list(unit_labels(run.units))
    tick = progress(len(todo) + len(rechecks)) if progress else None
    checked = lint_posts(
        [(str(c.path), c.rel) for c in todo + rechecks],
        run.config,
        jobs=jobs,
        cache_dir=cache_dir,
        unit_names=names,
        units_key=units_fingerprint(run.units),
        progress=tick,
    )
    run.files_checked = len(todo)
    run.cache_hits = sum(r["cached"] for r in checked[: len(todo)])
    _tally(run, todo, checked[: len(todo)])
    for c, r in zip(rechecks, checked[len(todo) :]):
        if not r["error"]:
            _remember(run, c, r["findings"])
    columns = _score(run)
    _rank(run)
    _indicators(run, check_links)
    if prev is not None:
        _ledger(run, prev)
    _sort_problems(run.problems)
    return AuditResult(
        f"{run.year:04d}-{run.mon:02d}",
        run.weeks,
        [run.results[u.name] for u in run.units],
        run.problems,
        run.scoring,
        columns,
        run.files_checked,
        run.cache_hits,
        run.inspection,
        prev.month if prev is not None else None,
    )


def _start(export, month: str, units_path, config) -> _Run:
    """Month, configuration, units.yaml and the walk of the export."""

    config = config if config is not None else Config()
    year, mon = parse_month(month)
    where = str(config.path) if config.path else "rules.yaml"
    scoring = scoring_from_config(config.scoring, where)
    inspection = inspection_from_config(getattr(config, "inspection", None), where)
    export = Path(export)
    if not export.is_dir():
        raise AuditError(f"{export}: 导出文件夹不存在")
    units_file = Path(units_path) if units_path else export / UNITS_FILE
    units = load_units(units_file)
    candidates, problems = walk_export(export, units, units_file)
    run = _Run(export, year, mon, config, scoring, inspection, units, candidates, problems)
    run.weeks = weeks_of_month(year, mon)
    run.results = {u.name: UnitResult(u, posts_per_week=[0] * len(run.weeks)) for u in units}
    for u in units:
        facts = UnitFacts(declared=bool(u.columns))
        facts.columns = [ColumnFacts(c.name, c.type, c.cycle(inspection.update_days)) for c in u.columns]
        run.facts[u.name] = facts
        run.column_index[u.name] = ColumnIndex(u.columns)
    return run


def _previous(run: _Run, path) -> Previous | None:
    prev, why = load_previous(Path(path), f"{run.year:04d}-{run.mon:02d}", [u.name for u in run.units])
    if why:
        run.problems.append(Problem("bad_previous", Path(path).name, why))
    return prev


def _select(run: _Run, prev: Previous | None) -> tuple[list[Candidate], list[Candidate]]:
    """The posts to lint (dated by name inside the month's weeks, or not dated by name) and last
    month's posts with findings to check again for the ledger. Posts left out still date columns."""
    weeks = run.weeks
    window = (min(run.first, weeks[0]), max(run.last, weeks[-1] + dt.timedelta(days=6)))
    todo, skipped = [], []
    for c in run.candidates:
        if c.name_date is not None and not window[0] <= c.name_date <= window[1]:
            if c.unit:
                run.results[c.unit].out_of_month += 1
                _file_post(run, c, c.unit, c.name_date, None)
            skipped.append(c)
            continue
        todo.append(c)
    rechecks = []
    if prev is not None:
        wanted = prev.paths()
        rechecks = [c for c in skipped if c.rel in wanted]
    return todo, rechecks


def _file_post(run: _Run, c: Candidate, unit: str, day: dt.date | None, meta_column: str | None) -> None:
    """Count a post for its unit's update dates and its column (any date)."""
    facts = run.facts[unit]
    if day is not None and day <= run.last and (facts.last_post is None or day > facts.last_post):
        facts.last_post = day
    if not facts.columns:
        return
    folders = c.rel.split("/")[1:-1] if c.unit else []
    name, unmatched = run.column_index[unit].assign(folders, meta_column)
    if name is None:
        if unmatched and (unit, unmatched) not in run.unknown_columns:
            run.unknown_columns.add((unit, unmatched))
            if unmatched.endswith("/"):
                path = f"{c.rel.split('/')[0]}/{unmatched}"
                what = f"文件夹“{unmatched.rstrip('/')}”"
            else:
                path, what = c.rel, f"元数据中的栏目“{unmatched}”"
            run.problems.append(
                Problem(
                    "unknown_column",
                    path,
                    f"{what}不是 {UNITS_FILE} 中本单位声明的栏目名称或别名，其稿件仍计入本单位",
                    unit,
                )
            )
        return
    for col in facts.columns:
        if col.name == name:
            col.posts += 1
            if day is not None and day <= run.last and (col.last is None or day > col.last):
                col.last = day
            break


def _tally(run: _Run, todo: list[Candidate], checked: list[dict]) -> None:
    """Each linted post into its unit: week counts, the month's posts and their findings, and the
    facts of the indicators (columns, dates in doubt, links)."""
    labels = unit_labels(run.units)
    week_index = {w: i for i, w in enumerate(run.weeks)}
    judge = LinkJudge(run.export, run.inspection.link_domains)
    first, last = run.first, run.last
    for c, r in zip(todo, checked):
        if r["error"]:
            run.problems.append(Problem("unreadable", c.rel, f"无法读取，已跳过：{r['error']}", c.unit))
            continue
        _remember(run, c, r["findings"])
        meta = r["meta"]
        unit = c.unit
        if unit is None:
            label = meta.get("unit")
            unit = match_unit(label, labels)
            if not label:
                run.problems.append(
                    Problem(
                        "no_unit", c.rel, "不在单位文件夹中，元数据也没有单位（unit / ContentSource），已跳过"
                    )
                )
                continue
            if unit is None:
                run.problems.append(
                    Problem("unknown_unit", c.rel, f"元数据中的单位“{label}”不在 {UNITS_FILE} 中，已跳过")
                )
                continue
        day = date_of(c, meta)
        res = run.results[unit]
        _file_post(run, c, unit, day, meta.get("column"))
        if day is None:
            res.undated += 1
            why = f"文件名前缀{c.bad_prefix}" if c.bad_prefix else "文件名无 YYYY-MM-DD 前缀"
            run.problems.append(
                Problem("undated", c.rel, f"没有发布日期（{why}，元数据也无日期），按未更新计", unit)
            )
            continue
        _date_facts(run, c, unit, day, meta)
        wk = week_monday(day)
        if wk in week_index:
            res.posts_per_week[week_index[wk]] += 1
        if not first <= day <= last:
            res.out_of_month += 1
            continue
        post = Post(c.rel, unit, day, meta.get("title", ""), r["findings"], r["cached"])
        counts = post.counts()
        score = post_score(counts, run.scoring)
        res.posts.append(PostScore(post, counts, run.scoring.points_per_post - score, score))
        for sev, n in counts.items():
            res.findings[sev] = res.findings.get(sev, 0) + n
        _finding_facts(run.facts[unit], post)
        _link_facts(run, judge, c, unit, meta)


def _remember(run: _Run, c: Candidate, findings: list[dict]) -> None:
    """This month's findings by the file they are in (a post, or an attachment checked with it)."""
    for f in findings:
        run.checked_by_path.setdefault(f.get("path") or c.rel, []).append(f)


def _date_facts(run: _Run, c: Candidate, unit: str, day: dt.date, meta: dict) -> None:
    """发布日期存疑 for a post published in the month, or filed in it (its folder or page number
    dated in the month: docdate.name_date, path_date) with an earlier publication date."""
    base = c.rel.rsplit("/", 1)[-1]
    filed = parse_date(name_date(base)) or parse_date(path_date(c.rel))
    if not (run.first <= day <= run.last or (filed is not None and run.first <= filed <= run.last)):
        return
    for why in date_doubts(day, meta):
        run.facts[unit].date_doubts.append(Evidence(f"{c.rel}：{why}", c.rel))


def _finding_facts(facts: UnitFacts, post: Post) -> None:
    for f in post.findings:
        where = f"{post.path}:{f['line']}:{f['column']}"
        if f["code"] == SECRET_CODE:
            facts.secrets.append(Evidence(f"{where} “{f['match']}”：{f['message']}", post.path))
        elif f["severity"] == "error" and f["category"] in SERIOUS_CATEGORIES:
            sug = f"（应为“{f['suggestion']}”）" if f.get("suggestion") else ""
            facts.serious.append(
                Evidence(f"{where} {f['code']} “{f['match']}”{sug}：{f['message']}", post.path)
            )


def _link_facts(run: _Run, judge: LinkJudge, c: Candidate, unit: str, meta: dict) -> None:
    links = meta.get("links")
    if not links:
        return
    folder = c.rel.split("/")[0] if c.unit else None
    for target in links.splitlines():
        issue = judge.judge(c.rel, folder, target)
        if issue is not None:
            run.facts[unit].links.append(Evidence(f"{c.rel}：{issue.text}", c.rel))
        elif (url := judge.external(target)) is not None:
            run.external.append((unit, c.rel, url))


def _score(run: _Run) -> list[str]:
    """The units.yaml score columns, and each unit's deductions, penalty, 政务信息公开 score and total."""
    columns: list[str] = []
    for u in run.units:
        for key in u.scores:
            if key not in columns:
                columns.append(key)
    for u in run.units:
        missing = [k for k in columns if k not in u.scores]
        if missing:
            run.problems.append(
                Problem("missing_score", UNITS_FILE, f"缺少“{'、'.join(missing)}”得分，按 0 计", u.name)
            )
    scoring = run.scoring
    for res in run.results.values():
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
    return columns


def _rank(run: _Run) -> None:
    ordered = [run.results[u.name] for u in run.units]
    for group in dict.fromkeys(u.group for u in run.units):
        members = [r for r in ordered if r.unit.group == group]
        for r, rank in zip(members, ranks([r.total for r in members])):
            r.rank = rank


def _indicators(run: _Run, check_links: bool) -> None:
    """Messages, requested links, then every unit's indicators."""
    messages = run.export / MESSAGES_FILE
    if messages.is_file():
        labels = unit_labels(run.units)
        found, complaints = read_messages(messages, lambda label: match_unit(label, labels))
        for line in complaints:
            run.problems.append(Problem("bad_messages", MESSAGES_FILE, line))
        for facts in run.facts.values():
            facts.messages_read = True
        for m in found:
            run.facts[m.unit].messages.append(m)
    if check_links and run.external:
        cfg = run.inspection
        urls = list(dict.fromkeys(url for _u, _p, url in run.external))
        answers = request_links(
            urls, timeout=cfg.link_timeout, concurrency=cfg.link_concurrency, limit=cfg.link_max
        )
        for unit, post, url in run.external:
            why = answers.get(url)
            if why:
                run.facts[unit].links.append(Evidence(f"{post}：外部链接无法访问（{why}）：{url[:80]}", post))
        if len(urls) > cfg.link_max:
            run.problems.append(
                Problem(
                    "links_skipped",
                    "",
                    f"外部链接共 {len(urls)} 个，只请求了前 {cfg.link_max} 个（inspection.link_max）",
                )
            )
    for u in run.units:
        run.results[u.name].indicators = unit_indicators(run.facts[u.name], run.last, run.inspection)


def _ledger(run: _Run, prev: Previous) -> None:
    month_findings = {
        name: [f for p in res.posts for f in p.post.findings] for name, res in run.results.items()
    }
    indicators = {name: res.indicators for name, res in run.results.items()}
    ledgers = build_ledgers(
        prev, run.checked_by_path, month_findings, indicators, [u.name for u in run.units]
    )
    for name, ledger in ledgers.items():
        run.results[name].ledger = ledger


PROBLEM_ORDER = {
    "unknown_folder": 0,
    "unknown_column": 1,
    "unsupported": 2,
    "unreadable": 3,
    "no_unit": 4,
    "unknown_unit": 5,
    "bad_date": 6,
    "undated": 7,
    "missing_score": 8,
    "bad_messages": 9,
    "bad_previous": 10,
    "links_skipped": 11,
}


def _sort_problems(problems: list[Problem]) -> None:
    problems.sort(key=lambda p: (PROBLEM_ORDER.get(p.kind, 99), p.path))
