"""The finding and its fix: plain frozen data, nothing else (flake8 Violation, ruff Diagnostic)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textlint_gov.document import Document


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}

# The fixed set of categories every rule belongs to, with the Chinese name shown to clerks.
CATEGORIES: dict[str, str] = {
    "expression": "表述",
    "typo": "错别字",
    "title": "标题",
    "punctuation": "标点",
    "number": "数字",
    "wording": "用词",
    "privacy": "隐私",
    "name": "名称",
    "format": "格式",
}


class Applicability(str, Enum):
    """How safe a fix is: ``--fix`` applies only SAFE ones (ruff)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end) (document offsets in code points) with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span of the block text it was given, relative to that text.

    The engine turns hits into findings with source positions; rules never see paths or lines.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's configured severity
    # Whether a fix is safe is declared once, by the rule (``Rule.fix``); a hit only opts out:
    # False when this suggestion is a guess (a lone quote's direction) although the rule's are safe.
    fixable: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    category: str
    severity: Severity
    message: str
    path: str
    start: int  # offset into Document.source, code points
    end: int
    line: int  # 1-based
    column: int  # 1-based, code points
    end_line: int
    end_column: int  # exclusive
    match: str
    suggestion: str | None = None
    where: str = ""  # a clerk's description of the place (第3段, 表1第2行第1列)
    fix: tuple[Edit, ...] = field(default=())
    applicability: Applicability | None = None
    # (block index, start, end) in that block's text, for views that draw the blocks (the review
    # page); None for a finding no block holds (a suppression comment, a scanned page)
    block: tuple[int, int, int] | None = None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "where": self.where,
            "fixable": self.applicability is Applicability.SAFE,
        }


def finding_to_record(f: Finding) -> dict:
    """Every field of a finding, JSON-ready (for caches and stored runs)."""
    d = f.to_dict()
    d.update(
        start=f.start,
        end=f.end,
        fix=[[e.start, e.end, e.content] for e in f.fix],
        applicability=f.applicability.value if f.applicability else None,
        block=list(f.block) if f.block else None,
    )
    return d


def finding_from_record(d: dict) -> Finding:
    return Finding(
        code=d["code"],
        category=d["category"],
        severity=Severity(d["severity"]),
        message=d["message"],
        path=d["path"],
        start=d["start"],
        end=d["end"],
        line=d["line"],
        column=d["column"],
        end_line=d["end_line"],
        end_column=d["end_column"],
        match=d["match"],
        suggestion=d.get("suggestion"),
        where=d.get("where", ""),
        fix=tuple(Edit(*e) for e in d.get("fix", ())),
        applicability=Applicability(d["applicability"]) if d.get("applicability") else None,
        block=(int(d["block"][0]), int(d["block"][1]), int(d["block"][2])) if d.get("block") else None,
    )


def finding_at(
    doc: Document,
    code: str,
    category: str,
    severity,
    start: int,
    end: int,
    message: str,
    *,
    match: str | None = None,
    suggestion: str | None = None,
    where: str = "",
    applicability: Applicability | None = None,
    block: tuple[int, int, int] | None = None,
) -> Finding:
    """A finding for the source span [start, end) of ``doc``; its fix replaces the span with the
    suggestion."""
    line, col = doc.location(start)
    end_line, end_col = doc.location(end)
    return Finding(
        code=code,
        category=category,
        severity=severity,
        message=message,
        path=doc.path,
        start=start,
        end=end,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        match=doc.source[start:end] if match is None else match,
        suggestion=suggestion,
        where=where,
        fix=(Edit(start, end, suggestion),) if suggestion is not None else (),
        applicability=applicability,
        block=block,
    )
