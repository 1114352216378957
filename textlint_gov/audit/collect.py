"""Walk a CMS export: read units.yaml, map folders and metadata to units, date and lint every post.

Posts are linted in a process pool (``jobs`` workers) through the same loaders and
:func:`textlint_gov.engine.lint` as ``govlint check``; a content-keyed
:class:`~textlint_gov.cache.FindingsCache` serves unchanged files. Nothing here aborts the audit:
undated posts, unknown folders and unreadable files become :class:`Problem` s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from textlint_gov.audit.attachments import attachments_of, drop_owned
from textlint_gov.audit.columns import Column, parse_columns
from textlint_gov.audit.indicators import post_extras
from textlint_gov.audit.messages import MESSAGES_FILE
from textlint_gov.audit.score import date_from_name, impossible_date_prefix, to_decimal
from textlint_gov.cache import FindingsCache
from textlint_gov.docdate import parse_date
from textlint_gov.engine import RuleCrash, lint
from textlint_gov.errors import unknown_key
from textlint_gov.findings import Finding, Severity
from textlint_gov.loaders import SUFFIXES, LoadError, load_bytes, read_input
from textlint_gov.yamlfile import read_yaml

UNITS_FILE = "units.yaml"
UNIT_KEYS = ("name", "group", "aliases", "scores", "columns")


class AuditError(Exception):
    """An export or units file the audit cannot start from (the message names the key)."""


@dataclass(frozen=True)
class Unit:
    name: str
    group: str
    aliases: tuple[str, ...] = ()
    scores: dict[str, Decimal] = field(default_factory=dict)
    columns: tuple[Column, ...] = ()  # declared under columns: (optional)


@dataclass
class Problem:
    # undated | bad_date | unknown_folder | unknown_unit | no_unit | unreadable | unsupported | missing_score
    kind: str
    path: str
    message: str
    unit: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "unit": self.unit, "message": self.message}


@dataclass
class Post:
    path: str  # relative to the export, with / separators
    unit: str
    date: dt.date | None
    title: str = ""
    findings: list[dict] = field(default_factory=list)  # Finding.to_dict() records
    cached: bool = False

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f["severity"]] = out.get(f["severity"], 0) + 1
        return out


# ---------------------------------------------------------------- units.yaml


def load_units(path: Path) -> list[Unit]:
    """The units in the order of the notice; AuditError naming the entry and key otherwise."""
    raw = read_yaml(
        path, AuditError, missing=f"单位清单不存在（放在导出文件夹下的 {UNITS_FILE}，或用 --units 指定）"
    )
    return units_from_data(raw, str(path))


def units_from_data(raw: Any, where: str = UNITS_FILE) -> list[Unit]:
    if not isinstance(raw, dict) or "units" not in raw:
        raise AuditError(f"{where}: 顶层应为映射，含键 units（单位列表）")
    extra = [k for k in raw if k != "units"]
    if extra:
        raise AuditError(f"{where}: 未知的键“{extra[0]}”（只有 units）")
    items = raw["units"]
    if not isinstance(items, list) or not items:
        raise AuditError(f"{where}: units 应为非空列表")
    units: list[Unit] = []
    seen: dict[str, str] = {}
    names: dict[str, str] = {}  # normalised name -> as written
    for i, item in enumerate(items, 1):
        at = f"{where}: units 第{i}项"
        if not isinstance(item, dict):
            raise AuditError(f"{at} 应为映射（name、group、aliases、scores、columns）")
        if unknown := unknown_key(item, UNIT_KEYS):
            raise AuditError(f"{at}: {unknown}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise AuditError(f"{at}: name 应为单位名称（字符串）")
        name = normalise_name(name)
        at = f"{where}: 单位“{name}”"
        group = item.get("group")
        if not isinstance(group, str) or not group.strip():
            raise AuditError(f"{at}: group 应为分组名称，如 市直单位 或 镇（街道）")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise AuditError(f"{at}: aliases 应为字符串列表")
        scores_raw = item.get("scores") or {}
        if not isinstance(scores_raw, dict):
            raise AuditError(f"{at}: scores 应为映射，如 {{公共服务: 4, 交流互动: 2}}")
        scores: dict[str, Decimal] = {}
        for key, value in scores_raw.items():
            try:
                scores[str(key)] = to_decimal(value)
            except (ValueError, ArithmeticError):
                raise AuditError(f"{at}: scores.{key} 应为数字，而不是“{value}”") from None
            if not scores[str(key)].is_finite():
                raise AuditError(f"{at}: scores.{key} 应为数字，而不是“{value}”")
        aliases = [normalise_name(a) for a in aliases]
        columns = parse_columns(item.get("columns"), at, AuditError)
        if name in names:
            raise AuditError(
                f"{where}: 单位“{names[name]}”和“{item['name']}”只差空格，是同一个单位，出现了两次"
                if names[name] != item["name"]
                else f"{where}: 单位“{name}”出现了两次"
            )
        names[name] = item["name"]
        for label in dict.fromkeys((name, *aliases)):
            if label in seen and seen[label] != name:
                raise AuditError(f"{at}: 名称或别名“{label}”与单位“{seen[label]}”重复（不计空格）")
            seen[label] = name
        units.append(
            Unit(
                name,
                normalise_name(group),
                tuple(a for a in dict.fromkeys(aliases) if a != name),
                scores,
                columns,
            )
        )
    return units


_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


def normalise_name(text: str) -> str:
    """A unit name as it is compared and shown: spaces (also full-width) around Chinese characters
    removed, other runs of white space made one space (“甲 局” and “甲　局” are “甲局”)."""
    return _SPACE_BY_CJK.sub("", " ".join(text.split()))


def unit_labels(units: Iterable[Unit]) -> dict[str, str]:
    """Every name and alias -> the unit's name."""
    out: dict[str, str] = {}
    for u in units:
        out[u.name] = u.name
        for a in u.aliases:
            out.setdefault(a, u.name)
    return out


def match_unit(label: str | None, labels: dict[str, str]) -> str | None:
    if not label:
        return None
    key = "".join(str(label).split())
    if key in labels:
        return labels[key]
    squeezed = {"".join(k.split()): v for k, v in labels.items()}
    return squeezed.get(key)


# ---------------------------------------------------------------- walking the export


@dataclass
class Candidate:
    path: Path
    rel: str
    unit: str | None  # from the folder; None for files at the top of the export
    name_date: dt.date | None
    bad_prefix: str | None = None  # why the name's YYYY-MM-DD prefix is no real date (2021-02-30)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$", "__"))


def walk_export(
    export: Path, units: list[Unit], units_file: Path | None
) -> tuple[list[Candidate], list[Problem]]:
    """Drafts under the export with the unit their folder names; unknown folders become problems."""

    labels = unit_labels(units)
    candidates: list[Candidate] = []
    problems: list[Problem] = []
    skip = {units_file.resolve()} if units_file else set()
    root = os.path.realpath(export)

    def outside(p: Path, unit: str | None = None) -> bool:
        """A symbolic link (or a path through one) leading out of the export: listed, never read."""
        real = os.path.realpath(p)
        if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return False
        rel = p.relative_to(export).as_posix() + ("/" if p.is_dir() else "")
        problems.append(
            Problem(
                "unreadable", rel, "是指向导出文件夹以外的符号链接，未读取（只检查导出文件夹内的文稿）", unit
            )
        )
        return True

    def add_file(p: Path, unit: str | None) -> None:
        rel = p.relative_to(export).as_posix()
        if p.is_symlink() and outside(p, unit):
            return
        if p.resolve() in skip or p.name.endswith(".govlint.docx"):
            return
        if p.suffix.lower() not in SUFFIXES:
            if p.parent == export and (p.suffix.lower() in (".yaml", ".yml") or p.name == MESSAGES_FILE):
                return
            problems.append(
                Problem("unsupported", rel, f"不是可检查的文稿（支持 {'、'.join(SUFFIXES)}），已跳过", unit)
            )
            return
        bad = impossible_date_prefix(p.name)
        if bad:
            problems.append(Problem("bad_date", rel, f"文件名的日期前缀{bad}，未按它定日期，请改正", unit))
        candidates.append(Candidate(p, rel, unit, date_from_name(p.name), bad))

    try:
        entries = sorted(export.iterdir(), key=lambda p: p.name)
    except OSError as e:
        raise AuditError(f"{export}: 无法读取导出文件夹（{e.strerror or e}）") from None
    for entry in entries:
        if _hidden(entry.name):
            continue
        if entry.is_dir():
            unit = match_unit(entry.name, labels)
            if unit is None:
                problems.append(
                    Problem(
                        "unknown_folder",
                        entry.name + "/",
                        f"文件夹“{entry.name}”不是 {UNITS_FILE} 中的单位名称或别名，已跳过",
                    )
                )
                continue
            if entry.is_symlink() and outside(entry, unit):
                continue
            for p in _files_under(entry, problems, export, outside):
                add_file(p, unit)
        elif entry.is_file():
            add_file(entry, None)
    return drop_owned(candidates), problems  # attachments count with their post (issue 13)


def _files_under(folder: Path, problems: list[Problem], export: Path, outside=None) -> list[Path]:
    """The files below ``folder``; linked folders are not entered (those leading out of the export
    are listed by ``outside``)."""
    out: list[Path] = []

    def onerror(e: OSError) -> None:
        where = Path(e.filename).relative_to(export).as_posix() if e.filename else folder.name
        problems.append(Problem("unreadable", where, f"无法读取文件夹（{e.strerror or e}）"))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        if outside is not None:
            for d in dirs:
                if os.path.islink(os.path.join(root, d)):
                    outside(Path(root) / d)
        out.extend(Path(root) / f for f in sorted(files) if not _hidden(f))
    return out


# ---------------------------------------------------------------- linting (runs in workers)

_STATE: dict[str, Any] = {}


def units_fingerprint(units: list[Unit]) -> str:
    names = [[u.name, *u.aliases] for u in units]
    return hashlib.sha256(json.dumps(names, ensure_ascii=False).encode()).hexdigest()


def _init_worker(config, cache_dir: str | None, unit_names: list[str], units_key: str) -> None:

    _STATE["config"] = config
    _STATE["units"] = unit_names
    cache = None
    if cache_dir:
        cache = FindingsCache(cache_dir, config)
        # the unit names reach name rules through doc.meta, so they are part of the key
        cache.fingerprint = hashlib.sha256((cache.fingerprint + units_key).encode()).hexdigest()
    _STATE["cache"] = cache


def _meta_of(doc) -> dict:
    out = {}
    for key in ("date", "unit", "title"):
        value = doc.meta.get(key)
        if value is not None:
            out[key] = str(value)
    return out


def check_post(task: tuple[str, str]) -> dict:
    """Read, load and lint one post. Returns its findings (``Finding.to_dict()``, as ``--format json``
    prints them), the metadata with the facts the indicators need, or the error."""

    abspath, rel = task
    config, cache = _STATE["config"], _STATE["cache"]
    out: dict[str, Any] = {"rel": rel, "error": None, "findings": [], "meta": {}, "cached": False}
    try:
        data = read_input(abspath)
    except LoadError as e:
        out["error"] = str(e)
        return out
    if cache is not None:
        hit = cache.get(data, rel)
        if hit is not None:
            findings, _lines, meta = hit
            out.update(findings=[f.to_dict() for f in findings], meta=meta, cached=True)
            out["findings"] += _attachment_findings(abspath, rel)
            return out
    try:
        doc = load_bytes(data, rel)
        doc.meta["units"] = list(_STATE["units"])
        findings = lint(doc, config)
    except (LoadError, RuleCrash) as e:
        out["error"] = str(e)
        return out
    except Exception as e:  # a loader bug must not abort a 10,000-file audit; the file is listed instead
        out["error"] = f"内部错误：{type(e).__name__}: {e}"
        return out
    meta = _meta_of(doc)
    meta.update(post_extras(doc, rel))  # what the inspection indicators need, cached with the post
    if cache is not None:
        cache.put(data, rel, findings, doc, meta)
    out.update(findings=[f.to_dict() for f in findings], meta=meta)
    out["findings"] += _attachment_findings(abspath, rel)
    return out


def _attachment_findings(abspath: str, rel: str) -> list[dict]:
    """The findings of a post's attachments (issue 13), each attachment cached by its own content;
    one that cannot be read is one GOV911 (info) finding naming it."""
    post = Path(abspath)
    out: list[dict] = []
    for att in attachments_of(post):
        att_rel = (Path(rel).parent / att.relative_to(post.parent)).as_posix()
        out += [f.to_dict() for f in _lint_attachment(str(att), att_rel)]
    return out


def _lint_attachment(abspath: str, rel: str) -> list[Finding]:
    config, cache = _STATE["config"], _STATE.get("cache")
    try:
        data = read_input(abspath)
        hit = cache.get(data, rel) if cache is not None else None
        if hit is not None:
            return list(hit[0])
        doc = load_bytes(data, rel)
        doc.meta["units"] = list(_STATE.get("units", ()))
        findings = lint(doc, config)
    except (LoadError, RuleCrash) as e:
        why = str(e)
    except Exception as e:  # a loader bug must not abort the audit
        why = f"内部错误：{type(e).__name__}"
    else:
        if cache is not None:
            cache.put(data, rel, findings, doc, _meta_of(doc))
        return findings
    unread = Finding(
        "GOV911",
        "format",
        Severity.INFO,
        f"附件无法读取，未检查：{why}",
        rel,
        0,
        0,
        1,
        1,
        1,
        1,
        "",
        where="附件",
    )
    return [unread]


def lint_posts(
    tasks: list[tuple[str, str]],
    config,
    *,
    jobs: int = 1,
    cache_dir: str | os.PathLike | None = None,
    unit_names: Sequence[str] = (),
    units_key: str = "",
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """``check_post`` over every task, in order; ``jobs`` > 1 uses a process pool."""
    config = dataclasses.replace(config, _rules=None)  # workers build their own rules
    initargs = (config, str(cache_dir) if cache_dir else None, list(unit_names), units_key)
    results: list[dict] = []
    if jobs <= 1 or len(tasks) < 2:
        saved = dict(_STATE)
        _init_worker(*initargs)
        try:
            for task in tasks:
                results.append(check_post(task))
                if progress:
                    progress(1)
        finally:
            _STATE.clear()
            _STATE.update(saved)
        return results
    jobs = min(jobs, len(tasks))
    chunksize = max(1, min(32, len(tasks) // (jobs * 8)))
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=initargs) as pool:
            for result in pool.map(check_post, tasks, chunksize=chunksize):
                results.append(result)
                if progress:
                    progress(1)
    except BrokenProcessPool:
        # a worker died (out of memory, killed): finish the remaining files in this process
        results += lint_posts(
            tasks[len(results) :],
            config,
            jobs=1,
            cache_dir=cache_dir,
            unit_names=unit_names,
            units_key=units_key,
            progress=progress,
        )
    return results


def date_of(candidate: Candidate, meta: dict) -> dt.date | None:
    return candidate.name_date or parse_date(meta.get("date"))
