"""The data-driven rule kind: a YAML dictionary of correct forms and their wrong variants.

A dictionary file (``dictionaries/*.yaml``) either defines a rule of its own (a ``rule:`` mapping
with code, name, category, severity, summary, message and doc) or adds entries to an existing
rule (``rule: GOV001``). Each entry::

    - correct: 习近平总书记          # the form to write (the suggestion)
      wrong: [习近平书记, {regex: '...', replace: '...'}]
      boundary: word                # optional: a hit must start and end on jieba token boundaries
      except: [longer correct words that contain a wrong form]
      since: 2020-10-29             # optional: applies to posts dated on/after (until: before)
      severity: warning             # optional override of the rule's severity
      speaker: 习近平               # optional: right in his own reports/articles and quotations of them
      message: "..."                # optional override of the rule's message template
      note: why
      source: where the fact comes from
      flag: [text that must be flagged, {text: ..., suggestion: ...}]
      pass: [text that must not be flagged]

Plain wrong forms are found with one Aho-Corasick automaton per rule (leftmost-longest). A hit
that lies inside an occurrence of the correct form or of an ``except`` word is no hit.

Every value of a header and an entry is checked when the file loads, and every regex passes
:func:`regex_problem` (no pattern that can backtrack more than linearly) before it is compiled: a
user dictionary may come from a cloned repository's rules.yaml. Errors name the file and the entry.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs

from textlint_gov.findings import CATEGORIES, Applicability, Hit, Severity
from textlint_gov.regexliteral import required_literal
from textlint_gov.rules.base import CODE_RE, Context, Rule, RuleDefinitionError
from textlint_gov.rules.mention import historic, own_words
from textlint_gov.rules.regexsafety import regex_problem
from textlint_gov.yamlfile import read_yaml

_ENTRY_KEYS = {
    "correct",
    "wrong",
    "boundary",
    "except",
    "since",
    "until",
    "severity",
    "message",
    "note",
    "source",
    "flag",
    "pass",
    "fix",
    "speaker",
}
_RULE_KEYS = {"code", "name", "category", "severity", "summary", "message", "doc", "fix", "source", "kinds"}


@dataclass
class Entry:
    correct: str
    plain: list[str]
    regex: list[tuple[re.Pattern, str | None]]
    boundary: bool = False
    guards: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # wrong -> [(guard, offset)]
    regex_guards: list[str] = field(default_factory=list)
    since: _dt.date | None = None
    until: _dt.date | None = None
    severity: Severity | None = None
    message: str | None = None
    fix: bool = True
    note: str = ""
    source: str = ""
    flag: list[tuple[str, str | None]] = field(default_factory=list)
    passes: list[str] = field(default_factory=list)
    origin: str = ""
    speaker: str = ""  # right in this leader's own words: his reports and articles, quotations of them

    def applies(self, post_date: _dt.date | None) -> bool:
        if post_date is None:
            return True
        if self.since and post_date < self.since:
            return False
        return not (self.until and post_date >= self.until)

    @property
    def dated(self) -> bool:
        """The entry changes over time: right or wrong depends on the post's date."""
        return self.since is not None or self.until is not None

    def guarded(self, text: str, start: int, guards: list[tuple[str, int]]) -> bool:
        for g, k in guards:
            a = start - k
            if a >= 0 and text.startswith(g, a):
                return True
        return False


class DictionaryRule(Rule):
    """A rule whose knowledge is a YAML dictionary (Vale ``substitution``, prh)."""

    def __init__(self, header: dict, origin: str) -> None:
        # Every header value is checked here: a user dictionary comes from a rules.yaml that may be
        # a cloned repository's, and a bad value must be one line naming the key, not a traceback.
        self.code = _header_str(header, "code", origin)
        if not CODE_RE.match(self.code):
            raise RuleDefinitionError(
                f"{origin}: rule.code“{_short(self.code)}”不合法（应为大写字母加三位数字，如 XYZ001）"
            )
        self.name = _header_str(header, "name", origin, self.code.lower())
        self.category = _header_str(header, "category", origin)
        if self.category not in CATEGORIES:
            raise RuleDefinitionError(
                f"{origin}: rule.category“{_short(self.category)}”不合法（可用：{'、'.join(CATEGORIES)}）"
            )
        self.severity = _severity(header.get("severity", "error"), origin, "rule.severity")
        self.summary = _header_str(header, "summary", origin, "")
        self.template = _template(header.get("message", "“{match}”应为“{correct}”"), origin, "rule.message")
        doc = header.get("doc") or {}
        if not isinstance(doc, dict) or not all(
            isinstance(k, str) and isinstance(v, (str, int, float)) and not isinstance(v, bool)
            for k, v in doc.items()
        ):
            raise RuleDefinitionError(
                f"{origin}: rule.doc 应为映射（小节名: 文字），如 {{作用: ..., 原因: ...}}"
            )
        self._doc = {k: str(v).strip() for k, v in doc.items()}
        fix = header.get("fix", "safe")
        if fix not in ("safe", "unsafe", "none"):
            raise RuleDefinitionError(
                f"{origin}: rule.fix 的值“{_short(str(fix))}”不合法（应为 safe、unsafe 或 none）"
            )
        self.fix = Applicability(fix) if fix != "none" else None
        self.source = _header_str(header, "source", origin, "")
        kinds = header.get("kinds")
        if kinds is not None:
            if isinstance(kinds, str):
                kinds = [kinds]
            if (
                not isinstance(kinds, list)
                or not kinds
                or not all(isinstance(k, str) and k in BLOCK_KINDS for k in kinds)
            ):
                raise RuleDefinitionError(
                    f"{origin}: rule.kinds 应为段落类型的列表（可用：{'、'.join(BLOCK_KINDS)}）"
                )
        self.kinds = frozenset(kinds) if kinds else None
        self.options = {}
        self.entries: list[Entry] = []
        self.files: list[str] = [origin]
        self._raw: list[tuple[list, str, bool]] = []  # (entries, file, shipped with the package)
        self._automaton: ahocorasick_rs.AhoCorasick | None = None  # None: no entry has a literal
        self._compiled = False

    def docs(self) -> dict[str, str]:
        doc = dict(self._doc)
        if self.entries or self._raw:
            self._compile()
            examples = [f"{e.flag[0][0]} → {e.flag[0][1] or e.correct}" for e in self.entries[:3] if e.flag]
            doc.setdefault("示例", "\n".join(examples))
            doc["词条"] = f"共 {len(self.entries)} 条，见 {'、'.join(self.files)}"
        return doc

    def add_entries(self, raw_entries: list, origin: str, *, shipped: bool = False) -> None:
        """Entries of one dictionary file. A ``shipped`` file (dictionaries/ of the package) has its
        regexes proved safe by the test suite, so they are not analysed again at every start-up;
        a user's are (:mod:`textlint_gov.rules.regexsafety`)."""
        if not isinstance(raw_entries, list):
            raise RuleDefinitionError(f"{origin}: entries 应为列表")
        self._raw.append((raw_entries, origin, shipped))
        if origin not in self.files:
            self.files.append(origin)
        self._compiled = False

    def _compile(self) -> None:
        if self._compiled:
            return
        if self._raw:
            for raw_entries, origin, shipped in self._raw:
                for i, raw in enumerate(raw_entries):
                    self.entries.append(parse_entry(raw, f"{origin}: 第{i + 1}条", check_regex=not shipped))
            self._raw = []
        self._patterns: list[tuple[str, list[Entry]]] = []
        index: dict[str, int] = {}
        for e in self.entries:
            for w in e.plain:
                if w not in index:
                    index[w] = len(self._patterns)
                    self._patterns.append((w, []))
                self._patterns[index[w]][1].append(e)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                [p for p, _ in self._patterns], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._patterns
            else None
        )
        self._compiled = True
        self._regex_entries = [e for e in self.entries if e.regex]
        # the literal a block must hold for each regex to match in it ("": none known): a block
        # without it is not searched. One Aho-Corasick pass tells which of them a block holds.
        self._searches = [
            (e, pattern, replace, required_literal(pattern))
            for e in self._regex_entries
            for pattern, replace in e.regex
        ]
        needs = sorted({need for *_, need in self._searches if need})
        self._need_automaton = (
            ahocorasick_rs.AhoCorasick(needs, matchkind=ahocorasick_rs.MatchKind.Standard) if needs else None
        )
        self._need_index = {need: i for i, need in enumerate(needs)}
        self._plans: dict[_dt.date | None, tuple[list[int], list[list[int]]]] = {}

    def prepare(self, options: dict[str, Any]) -> None:
        self._compile()

    def check(self, ctx: Context) -> Iterator[Hit]:
        self._compile()
        text = ctx.text
        post_date = _post_date(ctx.meta)
        if self._automaton:
            for idx, s, e in self._automaton.find_matches_as_indexes(text):
                wrong, entries = self._patterns[idx]
                for entry in entries:
                    if not entry.applies(post_date) or entry.guarded(text, s, entry.guards.get(wrong, [])):
                        continue
                    if not _used_here(ctx, entry, s, e):
                        continue
                    yield self._hit(entry, s, e, wrong, entry.correct, post_date)
                    break
        for j in self._searches_in(text, post_date):
            entry, pattern, replace, _ = self._searches[j]
            for m in pattern.finditer(text):
                s, e = m.span()
                if s == e or _inside_any(text, s, e, entry.regex_guards) or not _used_here(ctx, entry, s, e):
                    continue
                suggestion = m.expand(replace) if replace is not None else entry.correct
                yield self._hit(entry, s, e, m.group(), suggestion, post_date)

    def _searches_in(self, text: str, post_date: _dt.date | None) -> list[int]:
        """The indexes into ``_searches`` of the regexes to run on ``text``, in the entries' order:
        those that apply on ``post_date`` and whose literal ``text`` holds, or that have none."""
        plan = self._plans.get(post_date)
        if plan is None:  # (cached: a document has one date)
            if len(self._plans) > 64:
                self._plans.clear()
            always: list[int] = []
            by_need: list[list[int]] = [[] for _ in self._need_index]
            for j, (entry, _, _, need) in enumerate(self._searches):
                if entry.applies(post_date):
                    (by_need[self._need_index[need]] if need else always).append(j)
            plan = self._plans[post_date] = (always, by_need)
        always, by_need = plan
        if self._need_automaton is None:
            return always
        present = {i for i, _, _ in self._need_automaton.find_matches_as_indexes(text, overlapping=True)}
        if not present:
            return always
        return sorted(always + [j for i in present for j in by_need[i]])

    def _hit(
        self, entry: Entry, s: int, e: int, match: str, suggestion: str, post_date: _dt.date | None
    ) -> Hit:
        message = (entry.message or self.template).format(match=match, correct=suggestion, note=entry.note)
        severity = entry.severity
        if entry.dated and post_date is None and (severity or self.severity).rank > Severity.WARNING.rank:
            severity = Severity.WARNING  # undated post: it may predate the change, so not certain
        return Hit(s, e, message, suggestion, severity, fixable=entry.fix)


def _used_here(ctx: Context, entry: Entry, s: int, e: int) -> bool:
    """The entry's wrong form at ``s:e`` stands as a word (when the entry asks for word boundaries), is
    not a historic mention (a dated entry) and not the speaker's own words quoted (when it names one)."""
    if entry.boundary and not _on_boundaries(ctx, s, e):
        return False
    if entry.dated and historic(ctx.text, s, e):
        return False
    return not (entry.speaker and own_words(ctx, s, e, entry.speaker))


def _on_boundaries(ctx: Context, s: int, e: int) -> bool:
    b = ctx.boundaries()
    return s in b and e in b


def _inside_any(text: str, s: int, e: int, guards: list[str]) -> bool:
    for g in guards:
        start = max(0, e - len(g))
        while True:
            i = text.find(g, start, s + len(g))
            if i < 0 or i > s:
                break
            if i + len(g) >= e:
                return True
            start = i + 1
    return False


def _post_date(meta: dict) -> _dt.date | None:
    value = meta.get("date") or meta.get("written_date")
    if not value:
        return None
    if isinstance(value, _dt.date):
        return value
    return _parse_date(str(value))


@lru_cache(maxsize=256)
def _parse_date(value: str) -> _dt.date | None:
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _severity(value: Any, origin: str, key: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise RuleDefinitionError(
            f"{origin}: {key} 的值“{value}”不合法（应为 error、warning 或 info）"
        ) from None


def _date(value: Any, origin: str, key: str) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleDefinitionError(f"{origin}: {key} 应为日期 YYYY-MM-DD") from None


def _strings(value: Any, origin: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleDefinitionError(f"{origin}: {key} 应为非空字符串或其列表")
    return list(value)


# Block kinds a dictionary rule may be limited to (``kinds:``), as the loaders name them.
BLOCK_KINDS = ("title", "body", "heading", "list", "table", "header", "footer", "footnote", "quote")
_TEMPLATE_FIELDS = ("match", "correct", "note")


def _header_str(header: dict, key: str, origin: str, default: str | None = None) -> str:
    value = header.get(key, default)
    if not isinstance(value, str):
        raise RuleDefinitionError(f"{origin}: rule.{key} 应为字符串")
    return value


def _template(value: Any, origin: str, key: str) -> str:
    """A message template: text with {match}, {correct} and {note} only (no format spec, no
    attribute or index: ``{match:>999999999}`` would build a gigabyte string)."""
    import string

    if not isinstance(value, str) or not value:
        raise RuleDefinitionError(f"{origin}: {key} 应为非空字符串")
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError as e:
        raise RuleDefinitionError(
            f"{origin}: {key}“{_short(value)}”格式不对（{e}；字面的花括号写成 {{{{ }}}}）"
        ) from None
    for _, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in _TEMPLATE_FIELDS or spec or conversion:
            raise RuleDefinitionError(
                f"{origin}: {key}“{_short(value)}”中的“{{{field_name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}”"
                f"不可用（只能用 {{match}}、{{correct}}、{{note}}）"
            )
    return value


def _text(value: Any, origin: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, _dt.date)):
        raise RuleDefinitionError(f"{origin}: {key} 应为文字")
    return str(value)


def parse_entry(raw: Any, origin: str, *, check_regex: bool = True) -> Entry:
    if not isinstance(raw, dict):
        raise RuleDefinitionError(f"{origin}: 词条应为映射（含 correct、wrong、flag 等键）")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise RuleDefinitionError(f"{origin}: 未知的键 {', '.join(sorted(map(str, unknown)))}")
    correct = raw.get("correct")
    if not isinstance(correct, str) or not correct:
        raise RuleDefinitionError(f"{origin}: 缺少 correct（正确写法）")
    origin = f"{origin}（{correct}）"
    plain: list[str] = []
    regex: list[tuple[re.Pattern, str | None]] = []
    wrong = raw.get("wrong")
    if isinstance(wrong, (str, dict)):
        wrong = [wrong]
    if not wrong or not isinstance(wrong, list):
        raise RuleDefinitionError(f"{origin}: 缺少 wrong（错误写法列表）")
    for w in wrong:
        if isinstance(w, str) and w:
            if w == correct:
                raise RuleDefinitionError(f"{origin}: 错误写法“{w}”与正确写法相同")
            plain.append(w)
        elif isinstance(w, dict) and isinstance(w.get("regex"), str) and set(w) <= {"regex", "replace"}:
            compiled = compile_dictionary_regex(w["regex"], origin, check=check_regex)
            replace = w.get("replace")
            if replace is not None:
                if not isinstance(replace, str):
                    raise RuleDefinitionError(f"{origin}: replace 应为字符串（可用 \\1 引用分组）")
                _check_template(compiled, replace, origin)
            regex.append((compiled, replace))
        else:
            raise RuleDefinitionError(f"{origin}: wrong 的每一项应为字符串或 {{regex: ..., replace: ...}}")
    boundary = raw.get("boundary")
    if boundary not in (None, "word", "none"):
        raise RuleDefinitionError(f"{origin}: boundary 只能为 word 或 none")
    excepts = _strings(raw.get("except"), origin, "except")
    guard_words = [*excepts, correct]
    guards: dict[str, list[tuple[str, int]]] = {}
    for w in plain:
        for g in guard_words:
            k = g.find(w)
            while k >= 0:
                guards.setdefault(w, []).append((g, k))
                k = g.find(w, k + 1)
    flag: list[tuple[str, str | None]] = []
    cases = raw.get("flag") or []
    if isinstance(cases, (str, dict)):
        cases = [cases]
    if not isinstance(cases, list):
        raise RuleDefinitionError(f"{origin}: flag 应为列表")
    for case in cases:
        if isinstance(case, str):
            flag.append((case, None))
        elif (
            isinstance(case, dict)
            and set(case) <= {"text", "suggestion"}
            and isinstance(case.get("text"), str)
            and isinstance(case.get("suggestion"), (str, type(None)))
        ):
            flag.append((case["text"], case.get("suggestion")))
        else:
            raise RuleDefinitionError(f"{origin}: flag 的每一项应为文本或 {{text, suggestion}}")
    if not flag:
        raise RuleDefinitionError(f"{origin}: 缺少 flag 测试用例（每个词条至少一条应报错的文本）")
    passes = _strings(raw.get("pass"), origin, "pass")
    if not raw.get("source"):
        raise RuleDefinitionError(f"{origin}: 缺少 source（出处）")
    fix = raw.get("fix", True)
    if not isinstance(fix, bool):
        raise RuleDefinitionError(f"{origin}: fix 应为 true 或 false")
    message = _template(raw["message"], origin, "message") if raw.get("message") is not None else None
    return Entry(
        correct=correct,
        plain=plain,
        regex=regex,
        boundary=boundary == "word",
        guards=guards,
        regex_guards=guard_words,
        since=_date(raw.get("since"), origin, "since"),
        until=_date(raw.get("until"), origin, "until"),
        severity=_severity(raw["severity"], origin, "severity") if raw.get("severity") else None,
        message=message,
        fix=fix,
        note=_text(raw.get("note"), origin, "note"),
        source=_text(raw.get("source"), origin, "source"),
        flag=flag,
        passes=passes,
        origin=origin,
        speaker=_text(raw.get("speaker"), origin, "speaker"),
    )


def read_dictionary(path: Path, display: str | None = None) -> dict:
    display = display or str(path)
    data = read_yaml(path, RuleDefinitionError, display=display)
    if not isinstance(data, dict) or "rule" not in data or "entries" not in data:
        raise RuleDefinitionError(f"{display}: 词典应包含 rule 和 entries 两个键")
    return data


def rule_from_header(header: Any, origin: str) -> DictionaryRule:
    if not isinstance(header, dict):
        raise RuleDefinitionError(f"{origin}: rule 应为映射（code、name、category、severity……）")
    unknown = set(header) - _RULE_KEYS
    if unknown:
        raise RuleDefinitionError(f"{origin}: rule 中未知的键 {', '.join(sorted(map(str, unknown)))}")
    for key in ("code", "category", "summary"):
        if not header.get(key):
            raise RuleDefinitionError(f"{origin}: rule 缺少 {key}")
    return DictionaryRule(header, origin)


def dictionaries_dir() -> Path:
    spec = importlib.util.find_spec("textlint_gov.dictionaries")
    if spec is None or not spec.submodule_search_locations:
        raise RuleDefinitionError("找不到内置词典目录 dictionaries/（安装不完整）")
    return Path(next(iter(spec.submodule_search_locations)))


# Data files of Python rules in dictionaries/, not rule dictionaries (GOV603-GOV605 read officeholders.yaml).
DATA_FILES = frozenset({"officeholders.yaml"})


def builtin_dictionary_rules() -> Iterable[tuple[DictionaryRule, str]]:
    """Rules defined by the shipped dictionaries (files with a ``rule:`` mapping)."""
    base = dictionaries_dir()
    extra: list[tuple[str, list, str]] = []
    rules: dict[str, DictionaryRule] = {}
    out = []
    for path in sorted(base.glob("*.yaml")):
        if path.name in DATA_FILES:
            continue
        origin = f"dictionaries/{path.name}"
        data = read_dictionary(path, origin)
        if isinstance(data["rule"], str):
            extra.append((data["rule"], data["entries"], origin))
            continue
        rule = rule_from_header(data["rule"], origin)
        rule.add_entries(data["entries"], origin, shipped=True)
        rules[rule.code] = rule
        out.append((rule, origin))
    for code, entries, origin in extra:
        if code not in rules:
            raise RuleDefinitionError(f"{origin}: rule: {code} 不是词典规则")
        rules[code].add_entries(entries, origin, shipped=True)
    return out


def compile_dictionary_regex(pattern: str, origin: str, *, check: bool = True) -> re.Pattern:
    """Compile a dictionary regex after :func:`regex_problem` (unless ``check`` is off, for the
    shipped dictionaries the test suite checks); errors name the entry."""
    try:
        problem = regex_problem(pattern) if check else None
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as e:
        raise RuleDefinitionError(f"{origin}: 正则表达式“{_short(pattern)}”无效：{e}") from None
    if problem:
        raise RuleDefinitionError(f"{origin}: 正则表达式“{_short(pattern)}”不安全：{problem}")
    return compiled


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_template(pattern: re.Pattern, replace: str, origin: str) -> None:
    """A ``replace`` whose group references the pattern lacks fails when the entry loads, not at
    the first match."""
    try:
        if hasattr(re, "_compile_template"):  # Python 3.12+
            re._compile_template(pattern, replace)
        elif hasattr(re, "_compile_repl"):  # Python 3.10, 3.11
            re._compile_repl(replace, pattern)
    except (re.error, IndexError) as e:
        raise RuleDefinitionError(f"{origin}: replace“{_short(replace)}”无效：{e}") from None
