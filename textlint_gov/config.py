"""``rules.yaml``: which rules run, at what severity, with which options and dictionaries.

Found from the current folder upward, or given with ``--config``; without one the built-in
defaults apply (the repository's ``rules.yaml`` documents them). Selection follows flake8: ``select``
and ``ignore`` are code prefixes and the longest matching prefix decides. Unknown keys and
invalid values raise :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import copy
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Callable

from textlint_gov.yamlfile import read_yaml

from textlint_gov.findings import Severity
from textlint_gov.rules import Rule, RuleDefinitionError, registry

CONFIG_NAME = "rules.yaml"


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class ConfiguredRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


def _str_list(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} 应为字符串列表")
    return [str(v) for v in value]


def _severity(value: Any, key: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(f"{key} 的值“{value}”不合法（应为 error、warning 或 info）") from None


def _mapping(value: Any, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{key} 应为映射")
    return value


def _optional_str(value: Any, key: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} 应为字符串")
    return value


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
    "scoring": _mapping,
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
    scoring: dict[str, Any] = field(default_factory=dict)
    _rules: list[ConfiguredRule] | None = field(default=None, repr=False)
    _allow: Any = field(default=None, repr=False)  # Aho-Corasick over allow + words, built once

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def enabled(self, code: str, extra_ignore: list[str] = ()) -> bool:
        sel = _longest_prefix(code, self.select)
        ign = _longest_prefix(code, [*self.ignore, *extra_ignore])
        return sel >= 0 and sel >= ign

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
            for rule in [*(extra.get(r.code, r) for r in reg), *(r for c, r in extra.items() if c not in reg)]:
                if not self.enabled(rule.code):
                    continue
                options = {**rule.options, **self.rule_options.get(rule.code, {})}
                if "region" in rule.options and not options.get("region") and self.region:
                    options["region"] = self.region  # rules that use the top-level region setting
                rule.prepare(options)
                out.append(ConfiguredRule(rule, self.severity_for(rule), options))
            self._rules = out
        return self._rules

    def allowed_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` covered by an ``allow`` phrase or a user word: nothing is flagged there.
        The matcher is built, and the words taught to the segmenter, on first use."""
        if self._allow is None:
            phrases = sorted({p for p in (*self.allow, *self.words) if p})
            self._allow = False
            if phrases:
                import ahocorasick_rs

                self._allow = ahocorasick_rs.AhoCorasick(phrases)
            if self.words:
                from textlint_gov.tokens import add_words

                add_words(self.words)
        if not self._allow:
            return []
        return [(s, e) for _, s, e in self._allow.find_matches_as_indexes(text, overlapping=True)]

    def ignores_for(self, path: str) -> list[str]:
        """Codes ignored for one file by ``per-file-ignores`` (glob -> codes)."""
        out: list[str] = []
        p = PurePath(path)
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(p.as_posix(), pattern) or fnmatch.fnmatch(p.name, pattern) or p.match(pattern):
                out.extend(codes)
        return out

    def _user_dictionary_rules(self) -> dict[str, Rule]:
        from textlint_gov.rules.kinds import DictionaryRule, read_dictionary, rule_from_header

        out: dict[str, Rule] = {}
        reg = registry()
        for path in self.dictionaries:
            display = str(path)
            try:
                data = read_dictionary(path, display)
                if isinstance(data["rule"], str):
                    code = data["rule"]
                    base = out.get(code) or (reg[code] if code in reg else None)
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
            raise ConfigError(f"{name}: 未知的键“{key}”（可用：{'、'.join(SCHEMA)}）")
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
            if prefix != "ALL" and not any(r.code.startswith(prefix) for r in reg) and not _is_user_code(prefix, values):
                raise ConfigError(f"{name}: {key} 中的“{prefix}”不匹配任何规则代码")
    for prefix, level in values.get("severity", {}).items():
        try:
            cfg.severity[str(prefix)] = _severity(level, f"severity.{prefix}")
        except ValueError as e:
            raise ConfigError(f"{name}: {e}") from None
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
            cfg.per_file_ignores[str(glob)] = _str_list(codes, f"per-file-ignores.{glob}")
        except ValueError as e:
            raise ConfigError(f"{name}: {e}") from None
    if "fail-on" in values:
        cfg.fail_on = values["fail-on"]
    cfg.region = values.get("region")
    cfg.scoring = values.get("scoring", {})
    if cfg.scoring:
        from textlint_gov.audit.score import scoring_from_config

        scoring_from_config(cfg.scoring, name)  # a bad scoring: is an error for every command
    return cfg


def _is_user_code(prefix: str, values: dict) -> bool:
    return bool(values.get("dictionaries"))  # user dictionaries may define new codes


def _rule_options(rule: Rule, opts: Any, where: str) -> dict[str, Any]:
    if not isinstance(opts, dict):
        raise ConfigError(f"{where} 应为映射（选项: 值）")
    out = {}
    for key, value in opts.items():
        if key not in rule.options:
            known = "、".join(rule.options) or "无"
            raise ConfigError(f"{where}: 未知的选项“{key}”（可用选项：{known}）")
        default = rule.options[key]
        ok = (
            isinstance(value, type(default))
            and not (isinstance(value, bool) and not isinstance(default, bool))
        ) or (isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool))
        if default is None:
            ok = True
        if not ok:
            raise ConfigError(f"{where}.{key} 的值“{value}”类型不对（应为 {type(default).__name__}）")
        out[key] = value
    return out
