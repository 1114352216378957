"""What every rule is made of: :class:`Rule`, the :class:`Context` it checks, and the
:class:`Registry` that refuses duplicate or malformed codes. Imported by the rule kinds and by the
rule modules; the registry itself (``textlint_gov.rules.registry``) builds on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from textlint_gov.document import Block, Document
from textlint_gov.findings import CATEGORIES, Applicability, Finding, Hit, Severity
from textlint_gov.tokens import Segmenter, segmenter

CODE_RE = re.compile(r"^[A-Z]{2,5}\d{3}$")
DOC_SECTIONS = ("作用", "原因", "示例", "修改为", "选项")


class RuleDefinitionError(Exception):
    """A rule or dictionary that cannot be loaded; the message names the file and the field."""


@dataclass(slots=True)
class Context:
    """What a rule sees of one block: its text, the document's metadata and its own options."""

    block: Block
    meta: dict
    options: dict[str, Any]
    words: frozenset[str] = field(default_factory=frozenset)  # user vocabulary, never flagged
    # A read-only neighbour view: the document's blocks in order and this block's index in them,
    # for rules that pair marks across blocks (GOV302). Empty / -1 when the caller gives none.
    blocks: Sequence[Block] = ()
    index: int = -1
    segmenter: Segmenter = field(default_factory=segmenter)  # jieba, with the user's words kept whole

    @property
    def text(self) -> str:
        return self.block.text

    def boundaries(self) -> frozenset[int]:
        return self.segmenter.boundaries(self.block.text)


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`.

    The docstring carries the rule's documentation under the headings 作用 / 原因 / 示例 / 修改为
    (/ 选项), each on a line of its own ending with a full-width colon.
    """

    # Set on the class by a Python rule, on the instance by a dictionary rule (rules/kinds.py).
    code: str
    name: str
    category: str
    severity: Severity
    summary: str  # one line, for `govlint rules`
    options: dict[str, Any] = {}  # option name -> default value (its type is enforced)
    kinds: frozenset[str] | None = None  # block kinds checked; None: all
    fix: Applicability | None = None  # applicability of the suggestion as a fix
    source: str = ""  # the norm or document the rule rests on
    # a hit's own (lower) severity grades down from the configured one, never up (GOV102, GOV502)
    relative_severity: bool = False
    uses_leaders: bool = False  # gets rules.yaml's ``leaders:`` as its option "leaders" (GOV603-GOV605)
    # The rule's own test cases, run through the real engine by tests/test_rulebook.py, as a
    # dictionary entry's flag/pass: drafts that must be flagged, each with the suggestion expected
    # (None: any), and drafts that must not be. ``cases_file`` names the drafts (.txt: the first line
    # is the title); ``cases_config`` adds rules.yaml keys (a region for GOV601).
    flags: tuple[tuple[str, str | None], ...] = ()
    passes: tuple[str, ...] = ()
    cases_file: str = "a.txt"
    cases_config: dict[str, Any] = {}

    def check(self, ctx: Context) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def document_findings(self, doc: Document, severity: Severity) -> list[Finding]:
        """Findings about the document as a whole that no block holds (GOV911: pages a loader could
        not read); reported once per document after the blocks. Most rules have none."""
        return []

    def prepare(self, options: dict[str, Any]) -> None:
        """Called once before checking with the merged options (compile patterns here)."""

    def docs(self) -> dict[str, str]:
        return parse_doc(type(self).__doc__ or "")


def parse_doc(text: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        head = line.rstrip("：:")
        if head in DOC_SECTIONS and line.endswith(("：", ":")):
            current = head
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def _validate(rule: Rule, origin: str) -> None:
    code = getattr(rule, "code", None)
    if not code or not CODE_RE.match(code):
        raise RuleDefinitionError(f"{origin}: 规则代码“{code}”不合法（应为大写字母加三位数字，如 GOV001）")
    if rule.category not in CATEGORIES:
        raise RuleDefinitionError(f"{origin}: {code} 的类别“{rule.category}”不在 {sorted(CATEGORIES)} 之中")
    if not isinstance(rule.severity, Severity):
        raise RuleDefinitionError(f"{origin}: {code} 的级别“{rule.severity}”不合法")


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._origin: dict[str, str] = {}

    def add(self, rule: Rule, origin: str) -> None:
        _validate(rule, origin)
        if rule.code in self._rules:
            raise RuleDefinitionError(
                f"{origin}: 规则代码 {rule.code} 重复（已由 {self._origin[rule.code]} 定义）"
            )
        self._rules[rule.code] = rule
        self._origin[rule.code] = origin

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __contains__(self, code: str) -> bool:
        return code in self._rules

    def get(self, code: str, default: Rule | None = None) -> Rule | None:
        return self._rules.get(code, default)

    def __len__(self) -> int:
        return len(self._rules)

    def origin(self, code: str) -> str:
        return self._origin[code]
