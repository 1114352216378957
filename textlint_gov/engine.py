"""``lint(document, config) -> findings``: run the selected rules over every block. Pure: no I/O."""

from __future__ import annotations

from dataclasses import replace

from textlint_gov.config import Config
from textlint_gov.document import Block, Document
from textlint_gov.findings import Applicability, Finding, Hit, finding_at
from textlint_gov.rules import Context
from textlint_gov.rules.mention import mentioned
from textlint_gov.suppress import apply_suppressions

# Categories whose findings say "write X instead": a form quoted as the example of what not to
# write (误写为“布署”, “习近平书记”的表述) is talked about, not used, and is left alone.
_USE_CATEGORIES = frozenset({"expression", "wording", "typo", "name"})


class RuleCrash(Exception):
    """A rule raised; carries the code so the CLI can name it."""


def lint(doc: Document, config: Config) -> list[Finding]:
    rules = config.rules()
    file_ignores = config.ignores_for(doc.path)
    if file_ignores:
        rules = [cr for cr in rules if config.enabled(cr.rule.code, file_ignores)]
    words = frozenset(config.words)
    segmenter = config.segmenter
    findings: dict[tuple[str, int, int], Finding] = {}
    for index, block in enumerate(doc.blocks):
        allowed = config.allowed_spans(block.text)
        # one context per block, given each rule's options in turn (a rule's hits are all read
        # before the next rule runs, and no rule keeps its context)
        ctx = Context(block, doc.meta, {}, words, doc.blocks, index, segmenter)
        for cr in rules:
            rule = cr.rule
            if rule.kinds is not None and block.kind not in rule.kinds:
                continue
            ctx.options = cr.options
            try:
                hits = list(rule.check(ctx))
            except Exception as e:  # a rule bug must name the rule, not hide in a traceback
                raise RuleCrash(f"规则 {rule.code} 内部错误：{type(e).__name__}: {e}") from e
            for hit in hits:
                if allowed and any(a <= hit.start and hit.end <= b for a, b in allowed):
                    continue
                if rule.category in _USE_CATEGORIES and mentioned(block.text, hit.start, hit.end):
                    continue
                f = _finding(doc, index, block, rule, cr.severity, hit)
                findings.setdefault((f.code, f.start, f.end), f)
    for cr in rules:  # what no block holds (GOV911: scanned pages)
        for f in cr.rule.document_findings(doc, cr.severity):
            findings.setdefault((f.code, f.start, f.end), f)
    out = sorted(_one_per_fix(findings.values()), key=lambda f: (f.start, f.end, f.code))
    if doc.meta.get("fixable") is False:  # an attachment's text is read out of it, never written back
        out = [replace(f, applicability=Applicability.UNSAFE) if f.applicability else f for f in out]
    return _suppress(doc, out, config)


def _one_per_fix(findings) -> list[Finding]:
    """When two rules flag the same span with the same suggestion (GOV101's list and GOV102's
    statistics both finding 布署), a clerk sees one finding: the most severe, then the lowest code."""
    best: dict[tuple, Finding] = {}
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.code)):
        if f.suggestion is None:
            out.append(f)
            continue
        key = (f.start, f.end, f.suggestion)
        if key not in best:
            best[key] = f
            out.append(f)
    return out


def _finding(doc: Document, index: int, block: Block, rule, severity, hit: Hit) -> Finding:
    start = block.to_source(hit.start)
    end = block.to_source(hit.end, end=True)
    level = hit.severity or severity
    if rule.relative_severity and level.rank > severity.rank:
        level = severity  # the rule only grades down from the configured severity
    match = block.text[hit.start : hit.end]
    if not block.contiguous(hit.start, hit.end):
        # the hit joins two stretches of the source (a Markdown soft line break, an inline tag):
        # the finding shows the source as it stands there (--fix leaves such a span to the clerk)
        match = doc.text_at(start, end)
    return finding_at(
        doc,
        rule.code,
        rule.category,
        level,
        start,
        end,
        hit.message,
        match=match,
        suggestion=hit.suggestion,
        where=block.where,
        applicability=None
        if hit.suggestion is None
        else Applicability.SAFE
        if rule.fix is Applicability.SAFE and hit.fixable
        else Applicability.UNSAFE,
        block=(index, hit.start, hit.end),
    )


def _suppress(doc: Document, findings: list[Finding], config: Config) -> list[Finding]:
    """Inline suppressions (``<!-- govlint-disable ... -->``) and GOV901 for unused ones."""
    return apply_suppressions(doc, findings, config)
