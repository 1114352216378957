"""``rules.yaml``: which rules run, at what severity, with which options and dictionaries.

Found from the current folder upward, or given with ``--config``; without one the built-in
defaults apply (the repository's ``rules.yaml`` documents them). Selection follows flake8: ``select``
and ``ignore`` are code prefixes and the longest matching prefix decides. Unknown keys and
invalid values raise :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import copy
import fnmatch
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import Any

from textlint_gov.audit.inspection import (
    inspection_from_config,  # the audit's settings, checked with the rest
)
from textlint_gov.errors import ConfigError, unknown_key
from textlint_gov.findings import Severity
from textlint_gov.rules import Rule, RuleDefinitionError, registry
from textlint_gov.rules._officeholders import LeadersError, parse_leaders, read_leaders_file
from textlint_gov.rules.kinds import DictionaryRule, read_dictionary, rule_from_header
from textlint_gov.tokens import Segmenter, segmenter
from textlint_gov.yamlfile import read_yaml

CONFIG_NAME = "rules.yaml"


@dataclass(frozen=True)
class ConfiguredRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


MAX_ITEMS = 10_000  # entries of one list in rules.yaml (words, allow, units, …)
MAX_ITEM_LENGTH = {"words": 50, "units": 100}  # characters of one entry; others: 1000
MAX_NUMBER = 1_000_000  # any number in rules.yaml (widths, thresholds, scores)


def _str_list(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    limit = MAX_ITEM_LENGTH.get(key.rsplit(".", 1)[-1], 1000)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{key} 应为非空字符串的列表，如 [甲, 乙]")
    if len(value) > MAX_ITEMS:
        raise ValueError(f"{key} 有 {len(value)} 项，超过上限 {MAX_ITEMS}")
    long = next((v for v in value if len(v) > limit), None)
    if long is not None:
        raise ValueError(f"{key} 中的“{long[:20]}…”过长（每项至多 {limit} 个字符）")
    return [str(v) for v in value]


def _number(value: Any, key: str, low: float | None = None, high: float | None = None) -> float:
    """A finite number (not a boolean, not .nan or .inf) within [low, high]."""
    lo = -MAX_NUMBER if low is None else low
    hi = MAX_NUMBER if high is None else high
    allowed = f"{_fmt(lo)} 到 {_fmt(hi)} 之间的数"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} 的值“{_short(value)}”不合法（应为 {allowed}）")
    if not math.isfinite(value) or not lo <= value <= hi:
        raise ValueError(f"{key} 的值“{_short(value)}”不合法（应为 {allowed}）")
    return value


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _severity(value: Any, key: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(f"{key} 的值“{value}”不合法（应为 error、warning 或 info）") from None


def _mapping(value: Any, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{key} 应为映射（键: 值）")
    bad = next((k for k in value if not isinstance(k, str) or not k), None)
    if bad is not None:
        raise ValueError(f"{key} 的键“{_short(bad)}”不合法（应为非空字符串）")
    return value


def _optional_str(value: Any, key: str) -> str | None:
    if value is not None and (not isinstance(value, str) or len(value) > 100):
        raise ValueError(f"{key} 应为字符串（至多 100 个字符），如 河南省洛阳市偃师区")
    return value or None


def _leaders_value(value: Any, key: str) -> Any:
    """``leaders:``: the office's own officeholders (checked by ``parse_leaders``), or the path of a
    YAML file holding them (read once the config's folder is known)."""

    if isinstance(value, str):
        return _optional_str(value, key)
    return parse_leaders(value, key)  # LeadersError is a ValueError: one line naming file and key


# Top-level keys of rules.yaml and how each is read. A later feature adds its key here.
SCHEMA: dict[str, Callable[[Any, str], Any]] = {
    "select": _str_list,
    "ignore": _str_list,
    "severity": _mapping,
    "rules": _mapping,
    "dictionaries": _str_list,
    "words": _str_list,
    "allow": _str_list,
    "per-file-ignores": _mapping,
    "fail-on": _severity,
    "region": _optional_str,
    "leaders": _leaders_value,
    "scoring": _mapping,
    "inspection": _mapping,
}


@dataclass
class Config:
    path: Path | None = None
    select: list[str] = field(default_factory=lambda: ["GOV"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    dictionaries: list[Path] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    region: str | None = None
    leaders: tuple = ()  # the office's own officeholders (GOV603-GOV605), from leaders:
    scoring: dict[str, Any] = field(default_factory=dict)
    inspection: dict[str, Any] = field(default_factory=dict)  # govlint audit's indicator thresholds
    _rules: list[ConfiguredRule] | None = field(default=None, repr=False)
    _allow: Any = field(default=None, repr=False)  # Aho-Corasick over allow + words, built once

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def enabled(self, code: str, extra_ignore: Sequence[str] = ()) -> bool:
        sel = _longest_prefix(code, self.select)
        ign = _longest_prefix(code, [*self.ignore, *extra_ignore])
        return sel >= 0 and sel > ign  # on equal prefixes the ignore wins (flake8, ruff)

    def severity_for(self, rule: Rule) -> Severity:
        best, level = -1, rule.severity
        for prefix, sev in self.severity.items():
            if rule.code.startswith(prefix) and len(prefix) > best:
                best, level = len(prefix), sev
        return level

    def rules(self) -> list[ConfiguredRule]:
        """The enabled rules with their severities and options (user dictionaries merged in)."""
        if self._rules is None:
            reg = registry()
            extra = self._user_dictionary_rules()
            out = []
            for rule in [
                *(extra.get(r.code, r) for r in reg),
                *(r for c, r in extra.items() if c not in reg),
            ]:
                if not self.enabled(rule.code):
                    continue
                options = {**rule.options, **self.rule_options.get(rule.code, {})}
                if "region" in rule.options and not options.get("region") and self.region:
                    options["region"] = self.region  # rules that use the top-level region setting
                if rule.uses_leaders:
                    options["leaders"] = self.leaders
                try:
                    rule.prepare(options)
                except RuleDefinitionError as e:
                    where = str(self.path) if self.path else CONFIG_NAME
                    raise ConfigError(f"{where}: {e}") from None
                out.append(ConfiguredRule(rule, self.severity_for(rule), options))
            self._rules = out
        return self._rules

    def allowed_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` covered by an ``allow`` phrase or a user word: nothing is flagged there.
        The matcher is built on first use."""
        if self._allow is None:
            phrases = sorted({p for p in (*self.allow, *self.words) if p})
            self._allow = False
            if phrases:
                import ahocorasick_rs

                self._allow = ahocorasick_rs.AhoCorasick(phrases)
        if not self._allow:
            return []
        return [(s, e) for _, s, e in self._allow.find_matches_as_indexes(text, overlapping=True)]

    @property
    def segmenter(self) -> Segmenter:
        """The word segmenter with this configuration's user words kept whole."""
        return segmenter(frozenset(self.words))

    def ignores_for(self, path: str) -> list[str]:
        """Codes ignored for one file by ``per-file-ignores`` (glob -> codes)."""
        out: list[str] = []
        p = PurePath(path)
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(p.as_posix(), pattern) or fnmatch.fnmatch(p.name, pattern) or p.match(pattern):
                out.extend(codes)
        return out

    def _user_dictionary_rules(self) -> dict[str, Rule]:

        out: dict[str, Rule] = {}
        reg = registry()
        for path in self.dictionaries:
            display = str(path)
            try:
                data = read_dictionary(path, display)
                if isinstance(data["rule"], str):
                    code = data["rule"]
                    base = out.get(code) or reg.get(code)
                    if not isinstance(base, DictionaryRule):
                        raise RuleDefinitionError(f"{display}: rule: {code} 不是已有的词典规则")
                    rule = copy.copy(base)
                    rule._raw = list(base._raw)
                    rule.entries = list(base.entries)
                    rule.files = list(base.files)
                    rule._automaton = None
                    rule.add_entries(data["entries"], display)
                else:
                    rule = rule_from_header(data["rule"], display)
                    if rule.code in reg:
                        raise RuleDefinitionError(f"{display}: 规则代码 {rule.code} 与内置规则重复")
                    rule.add_entries(data["entries"], display)
                rule._compile()
            except RuleDefinitionError as e:
                raise ConfigError(str(e)) from None
            out[rule.code] = rule
        return out


def _longest_prefix(code: str, prefixes) -> int:
    best = -1
    for p in prefixes:
        if p == "ALL" or code.startswith(p):
            best = max(best, 0 if p == "ALL" else len(p))
    return best


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: str | Path | None = None, discover: bool = True) -> Config:
    """Read ``path``, or the nearest rules.yaml upward from the current folder, or the defaults."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    path = Path(path)
    raw = read_yaml(path, ConfigError, missing="配置文件不存在")
    return config_from_dict(raw or {}, path)


def config_from_dict(raw: Any, path: Path | None = None) -> Config:
    name = str(path) if path else CONFIG_NAME
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 顶层应为映射（键: 值）")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        reader = SCHEMA.get(key)
        if reader is None:
            raise ConfigError(f"{name}: {unknown_key((key,), SCHEMA)}")
        try:
            values[key] = reader(value, key)
        except ValueError as e:
            raise ConfigError(f"{name}: {e}") from None
    cfg = Config(path=path)
    reg = registry()
    if "select" in values:
        cfg.select = values["select"]
    cfg.ignore = values.get("ignore", [])
    for key in ("select", "ignore"):
        for prefix in values.get(key, []):
            _check_prefix(prefix, key, name, reg, values)
    for prefix, level in values.get("severity", {}).items():
        try:
            cfg.severity[prefix] = _severity(level, f"severity.{prefix}")
        except ValueError as e:
            raise ConfigError(f"{name}: {e}") from None
        _check_prefix(prefix, "severity", name, reg, values)
    for code, opts in values.get("rules", {}).items():
        if code not in reg:
            raise ConfigError(f"{name}: rules 中的“{code}”不是已知的规则代码")
        cfg.rule_options[code] = _rule_options(reg[code], opts, f"{name}: rules.{code}")
    cfg.dictionaries = [(path.parent if path else Path.cwd()) / p for p in values.get("dictionaries", [])]
    for given, full in zip(values.get("dictionaries", []), cfg.dictionaries):
        if not full.is_file():
            raise ConfigError(f"{name}: dictionaries 中的“{given}”不存在（路径相对于配置文件）")
    cfg.words = values.get("words", [])
    cfg.allow = values.get("allow", [])
    for glob, codes in values.get("per-file-ignores", {}).items():
        try:
            cfg.per_file_ignores[glob] = _str_list(codes, f"per-file-ignores.{glob}")
        except ValueError as e:
            raise ConfigError(f"{name}: {e}") from None
        for prefix in cfg.per_file_ignores[glob]:
            _check_prefix(prefix, f"per-file-ignores.{glob}", name, reg, values)
    if "fail-on" in values:
        cfg.fail_on = values["fail-on"]
    cfg.region = values.get("region")
    if isinstance(values.get("leaders"), str):
        try:
            cfg.leaders = tuple(read_leaders_file(cfg.base_dir / values["leaders"], values["leaders"]))
        except LeadersError as e:
            raise ConfigError(f"{name}: leaders: {e}") from None
    else:
        cfg.leaders = tuple(values.get("leaders") or ())
    cfg.scoring = values.get("scoring", {})
    if cfg.scoring:
        scoring_from_config(cfg.scoring, name)  # a bad scoring: is an error for every command
    cfg.inspection = values.get("inspection", {})
    if cfg.inspection:
        inspection_from_config(cfg.inspection, name)  # one line naming the file, key and what is allowed
    return cfg


def _is_user_code(prefix: str, values: dict) -> bool:
    return bool(values.get("dictionaries"))  # user dictionaries may define new codes


def _check_prefix(prefix: str, key: str, name: str, reg, values: dict) -> None:
    """A code prefix of select, ignore, severity or per-file-ignores must match some rule."""
    if prefix == "ALL":
        return
    if _is_user_code(prefix, values):
        if not re.fullmatch(r"[A-Z]{1,5}\d{0,3}", prefix):
            raise ConfigError(
                f"{name}: {key} 中的“{_short(prefix)}”不是规则代码或其前缀（如 GOV、GOV2、GOV201）"
            )
        return
    if not any(r.code.startswith(prefix) for r in reg):
        raise ConfigError(f"{name}: {key} 中的“{_short(prefix)}”不匹配任何规则代码（如 GOV、GOV2、GOV201）")


def _rule_options(rule: Rule, opts: Any, where: str) -> dict[str, Any]:
    """Each option of ``rules.CODE`` checked against the type of its default and, for numbers,
    against the rule's ``option_limits`` (else ±MAX_NUMBER); lists hold non-empty strings."""
    if not isinstance(opts, dict):
        raise ConfigError(f"{where} 应为映射（选项: 值）")
    limits = getattr(rule, "option_limits", {})
    out = {}
    for key, value in opts.items():
        if key not in rule.options:
            known = "、".join(rule.options) or "无"
            raise ConfigError(f"{where}: 未知的选项“{_short(key)}”（可用选项：{known}）")
        default = rule.options[key]
        try:
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{key} 的值“{_short(value)}”不合法（应为 true 或 false）")
            elif isinstance(default, (int, float)):
                low, high = limits.get(key, (None, None))
                value = _number(value, key, low, high)
                if isinstance(default, int) and not float(value).is_integer():
                    raise ValueError(f"{key} 的值“{_short(value)}”不合法（应为整数）")
            elif isinstance(default, list):
                value = _str_list(value, key)
            elif isinstance(default, str):
                value = _optional_str(value, key) or ""
            elif default is not None and not isinstance(value, type(default)):
                raise ValueError(f"{key} 的值“{_short(value)}”类型不对（应为 {type(default).__name__}）")
        except ValueError as e:
            raise ConfigError(f"{where}.{e}") from None
        out[key] = value
    return out


# ---------------------------------------------------------------- scoring: (govlint audit)

SEVERITIES = ("error", "warning", "info")
DEFAULT_SCORING: dict[str, Any] = {
    "points_per_post": 1,
    "deductions": {"error": 0.5, "warning": 0, "info": 0},
    "missed_week_penalty": 0,
    "max_score": None,
}


@dataclass(frozen=True)
class Scoring:
    points_per_post: Decimal = Decimal(1)
    deductions: Mapping[str, Decimal] = field(
        default_factory=lambda: {"error": Decimal("0.5"), "warning": Decimal(0), "info": Decimal(0)}
    )
    missed_week_penalty: Decimal = Decimal(0)
    max_score: Decimal | None = None

    def to_dict(self) -> dict:
        return {
            "points_per_post": number(self.points_per_post),
            "deductions": {k: number(v) for k, v in self.deductions.items()},
            "missed_week_penalty": number(self.missed_week_penalty),
            "max_score": None if self.max_score is None else number(self.max_score),
        }


def _non_negative(value: Any, key: str, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigError(f"{where}: scoring.{key} 应为 0 到 {MAX_NUMBER} 之间的数，而不是“{_short(value)}”")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ConfigError(
            f"{where}: scoring.{key} 应为 0 到 {MAX_NUMBER} 之间的数，而不是“{_short(value)}”"
        ) from None
    if not d.is_finite() or d < 0 or d > MAX_NUMBER:
        raise ConfigError(f"{where}: scoring.{key} 应为 0 到 {MAX_NUMBER} 之间的数，而不是“{_short(value)}”")
    return d


def scoring_from_config(raw: Mapping | None, where: str = "rules.yaml") -> Scoring:
    """Validate the ``scoring:`` mapping of rules.yaml; errors name the key."""
    raw = dict(raw or {})
    if unknown := unknown_key(raw, DEFAULT_SCORING):
        raise ConfigError(f"{where}: scoring 中{unknown}")
    ppp = _non_negative(
        raw.get("points_per_post", DEFAULT_SCORING["points_per_post"]), "points_per_post", where
    )
    ded_raw = raw.get("deductions")
    if ded_raw is None:
        ded_raw = {}
    if not isinstance(ded_raw, Mapping):
        raise ConfigError(f"{where}: scoring.deductions 应为映射，如 {{error: 0.5, warning: 0, info: 0}}")
    bad = [k for k in ded_raw if k not in SEVERITIES]
    if bad:
        raise ConfigError(f"{where}: scoring.deductions 中未知的级别“{bad[0]}”（可用：error、warning、info）")
    deductions = {
        sev: _non_negative(ded_raw.get(sev, DEFAULT_SCORING["deductions"][sev]), f"deductions.{sev}", where)
        for sev in SEVERITIES
    }
    penalty = _non_negative(
        raw.get("missed_week_penalty", DEFAULT_SCORING["missed_week_penalty"]), "missed_week_penalty", where
    )
    cap = raw.get("max_score")
    max_score = None if cap is None else _non_negative(cap, "max_score", where)
    return Scoring(ppp, deductions, penalty, max_score)


def number(value: Decimal | int | float) -> int | float:
    """A JSON number: 34 rather than 34.0, 2.5 stays 2.5."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if d == d.to_integral_value():
        return int(d)
    return float(d)
