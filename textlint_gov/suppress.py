"""Inline suppressions in Markdown and HTML comments (ESLint directives, ruff ``noqa``).

::

    <!-- govlint-disable-next-line GOV001 -- 引用原文 -->
    <!-- govlint-disable GOV3 -->  ...  <!-- govlint-enable -->

Codes are code prefixes, separated by spaces or commas; no code means every rule. ``--`` starts
an optional reason. ``disable-next-line`` covers findings that start on the line after the
comment; ``disable`` covers findings from the comment to the next ``govlint-enable`` (for all of
its codes, or for the codes it names), or to the end of the file.

A directive that suppresses nothing, names a code that suppresses nothing, or cannot be read is
reported as GOV901 (info), as ruff's RUF100 reports an unused ``noqa``. The engine calls
:func:`apply_suppressions` after every rule has run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textlint_gov.findings import Applicability, Finding, Severity, finding_at
from textlint_gov.rules import registry

UNUSED_CODE = "GOV901"

_DIRECTIVE = re.compile(r"^govlint-(disable-next-line|disable|enable)(?=\s|$)(.*)$", re.S)
_ANY = re.compile(r"^govlint-", re.I)
_SPLIT = re.compile(r"[\s,，、]+")


@dataclass
class Directive:
    kind: str  # disable-next-line | disable | enable
    codes: list[str]  # empty: every rule
    reason: str
    start: int  # the comment's span in the source
    end: int
    used: dict[str, int] = field(default_factory=dict)  # code (or "*") -> findings suppressed


def parse(source: str, spans) -> tuple[list[Directive], list[tuple[int, int, str]]]:
    """The directives in the comments, and comments that look like one but are not."""
    directives: list[Directive] = []
    bad: list[tuple[int, int, str]] = []
    for start, end in sorted(spans):
        raw = source[start:end]
        if not raw.startswith("<!--"):
            continue
        inner = raw[4:-3] if raw.endswith("-->") else raw[4:]
        inner = inner.strip()
        m = _DIRECTIVE.match(inner)
        if m is None:
            if _ANY.match(inner):
                bad.append((start, end, inner.split()[0]))
            continue
        rest = m.group(2)
        reason = ""
        if "--" in rest:
            rest, reason = rest.split("--", 1)
        codes = [c.upper() for c in _SPLIT.split(rest.strip()) if c]
        directives.append(Directive(m.group(1), codes, reason.strip(), start, end))
    return directives, bad


def _regions(doc, directives: list[Directive]):
    """(directive, code or '*', source start, source end) ranges where findings are suppressed."""
    regions: list[tuple[Directive, str, int, int]] = []
    open_: list[tuple[Directive, str]] = []
    starts = doc.line_starts()
    for d in directives:
        if d.kind == "disable-next-line":
            line, _ = doc.location(max(d.end - 1, d.start))
            for code in d.codes or ["*"]:
                d.used.setdefault(code, 0)
                if line < len(starts):  # else the comment is on the last line: nothing to cover
                    a = starts[line]
                    b = starts[line + 1] if line + 1 < len(starts) else len(doc.source)
                    regions.append((d, code, a, b))
        elif d.kind == "disable":
            for code in d.codes or ["*"]:
                open_.append((d, code))
                d.used.setdefault(code, 0)
        else:  # enable: closes everything, or the named codes
            closing = [o for o in open_ if not d.codes or o[1] in d.codes]
            for o in closing:
                open_.remove(o)
                regions.append((o[0], o[1], o[0].end, d.start))
            d.used["enable"] = len(closing)
    for o in open_:
        regions.append((o[0], o[1], o[0].end, len(doc.source)))
    return regions


def apply_suppressions(doc, findings: list[Finding], config) -> list[Finding]:
    """Drop the findings that a directive suppresses; add GOV901 (at its configured severity)
    for directives that do nothing, when GOV901 is enabled for this file."""
    spans = doc.meta.get("comments") or ()
    if not spans:
        return findings
    directives, bad = parse(doc.source, spans)
    if not directives and not bad:
        return findings
    regions = _regions(doc, directives)
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for d, code, a, b in regions:
            if a <= f.start < b and (code == "*" or f.code.startswith(code)):
                d.used[code] += 1
                hit = True
        if not hit:
            kept.append(f)
    severity = _unused_severity(doc, config)
    if severity is None:
        return kept
    # a code whose rules are all off for this file is not "unused"
    ignores = config.ignores_for(doc.path)
    enabled = [cr.rule.code for cr in config.rules() if config.enabled(cr.rule.code, ignores)]
    for d in directives:
        for code in list(d.used):
            if code not in ("*", "enable") and not any(c.startswith(code) for c in enabled):
                del d.used[code]
    extra = [_unused(doc, d, severity) for d in directives if _unused_codes(d) is not None]
    extra += [_bad(doc, s, e, word, severity) for s, e, word in bad]
    return sorted(kept + extra, key=lambda f: (f.start, f.end, f.code))


def _unused_severity(doc, config) -> Severity | None:
    reg = registry()
    if UNUSED_CODE not in reg or not config.enabled(UNUSED_CODE, config.ignores_for(doc.path)):
        return None
    return config.severity_for(reg[UNUSED_CODE])


def _unused_codes(d: Directive) -> list[str] | None:
    """None when the directive did its work; else the codes that suppressed nothing ([] = all)."""
    if d.kind == "enable":
        return None if d.used.get("enable") else []
    unused = [c for c, n in d.used.items() if n == 0]
    if not unused or not d.used:
        return None
    return [] if unused == ["*"] or len(unused) == len(d.used) else unused


def _make(doc, start: int, end: int, message: str, severity: Severity) -> Finding:
    line, _ = doc.location(start)
    return finding_at(
        doc,
        UNUSED_CODE,
        "format",
        severity,
        start,
        end,
        message,
        suggestion="",
        where=f"第{line}行",
        applicability=Applicability.UNSAFE,
    )


def _unused(doc, d: Directive, severity: Severity) -> Finding:
    codes = _unused_codes(d) or []
    named = [c for c in d.used if c != "*"]
    which = f" {'、'.join(named)} " if named else "任何"
    if d.kind == "enable":
        message = "govlint-enable 之前没有对应的 govlint-disable，此注释不起作用，请删去"
    elif codes:
        message = f"抑制注释中的 {'、'.join(codes)} 没有抑制任何问题，请从注释中删去"
    elif d.kind == "disable-next-line":
        message = f"抑制注释没有起作用：下一行没有{which}问题，请删去"
    else:
        message = f"抑制注释没有起作用：范围内没有{which}问题，请删去"
    return _make(doc, d.start, d.end, message, severity)


def _bad(doc, start: int, end: int, word: str, severity: Severity) -> Finding:
    message = (
        f"无法识别的 govlint 注释“{word}”，应为 govlint-disable-next-line、govlint-disable 或 "
        "govlint-enable，此注释不起作用"
    )
    return _make(doc, start, end, message, severity)
