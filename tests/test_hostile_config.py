"""Hostile configuration (issue 16): a rules.yaml or user dictionary found upward from the current
folder may be a cloned repository's own, so its regexes and values are checked like any input.
A bad one is one line naming the file, the key (or the entry) and what is allowed; never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from textlint_gov.config import ConfigError, load_config
from textlint_gov.rules import RuleDefinitionError
from textlint_gov.rules.kinds import dictionaries_dir
from textlint_gov.rules.regexsafety import regex_problem

ENTRY = "  - correct: 部署\n    wrong: [{wrong}]\n    source: 词典\n    flag: [{flag}]\n"


def _dictionary(tmp_path: Path, text: str) -> Path:
    (tmp_path / "extra.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "rules.yaml"
    path.write_text("dictionaries: [extra.yaml]\n", encoding="utf-8")
    return path


def _load_error(path: Path) -> str:
    with pytest.raises((ConfigError, RuleDefinitionError)) as err:
        load_config(path).rules()
    text = str(err.value)
    assert "\n" not in text
    return text


# ---------------------------------------------------------------- (1) user regexes

UNSAFE = [
    r"(a+)+$",  # the 38.5 s on 29 letters
    r"(a*)*b",
    r"(a|ab)+c",  # alternatives under a repeat that start alike
    r"(a|a){1,20}x",
    r"(x\w+)+y",
    r"((a{1,10}){1,10}){1,10}$",
    r"(.*a){12}",
    r"[a-z]+\d",  # quadratic: each start rescans the run (21 s on 40,000 letters)
    r"\d+年",
    r"x[a-z]+y",
    r"x\d*\d*y",  # one start, n^2 splits
    r"ab[a-z]+c",  # on "ababab…" each start scans the rest
    r"第[^号]*号",
    "a?" * 13 + "a" * 13,  # 2^13 ways from one start
    r"a{1,60000}b",
    r"(a)\1",
    "a" * 3000,
]

SAFE = [
    r"(?<!\d)\d+年",
    r"第\d+号",
    r"百分之(\d+(?:\.\d+)?)",
    r"PAGEREF\s*_Toc\d+(?:\s*\\[a-z]){0,20}\s?",
    r"(?:-[a-z]{1,30}){0,8}",
    r"^\s*\d{1,2}、",
    r"，{2,}",
    r"(?:增强|坚定)[“\"]?两个维护[”\"]?",
    r"\s?\\\*\s*MERGEFORMAT",  # the repeat follows a character it cannot match
    r"关于[^的]{1,50}的通知",
    r"HYPERLINK\s+\"[^\"\s]{1,300}\"",
    "a?" * 12 + "a" * 12,
]


@pytest.mark.parametrize("pattern", UNSAFE)
def test_unsafe_regex_is_refused_by_the_static_check(pattern):
    assert regex_problem(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_linear_regex_passes_the_static_check(pattern):
    assert regex_problem(pattern) is None


def _builtin_regexes():
    for path in sorted(dictionaries_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, entry in enumerate(data.get("entries", [])):  # officeholders.yaml is data, no entries
            wrong = entry.get("wrong")
            for w in wrong if isinstance(wrong, list) else [wrong]:
                if isinstance(w, dict):
                    yield pytest.param(w["regex"], id=f"{path.name}:{i + 1}")


@pytest.mark.parametrize("pattern", list(_builtin_regexes()))
def test_every_builtin_dictionary_regex_passes_the_static_check(pattern):
    assert regex_problem(pattern) is None


def test_catastrophic_user_regex_is_refused_naming_the_file_and_entry(tmp_path):
    path = _dictionary(
        tmp_path, "rule: GOV004\nentries:\n" + ENTRY.format(wrong="{regex: '(a+)+$'}", flag="aaa")
    )
    text = _load_error(path)
    assert (
        "extra.yaml" in text and "第1条" in text and "部署" in text and "(a+)+$" in text and "不安全" in text
    )


def test_quadratic_user_regex_is_refused(tmp_path):
    path = _dictionary(
        tmp_path, "rule: GOV004\nentries:\n" + ENTRY.format(wrong="{regex: '[a-z]+\\d'}", flag="ab1")
    )
    assert "平方" in _load_error(path)


def test_safe_user_regex_still_works(tmp_path):
    from tests.helpers import lint_text

    path = _dictionary(
        tmp_path,
        "rule: GOV004\nentries:\n"
        + ENTRY.format(wrong="{regex: '(?<!\\d)\\d+年度计划'}", flag="2021年度计划"),
    )
    findings = lint_text("标题\n\n按2021年度计划执行。\n", config=load_config(path))
    assert [f.match for f in findings if f.code == "GOV004"] == ["2021年度计划"]


@pytest.mark.parametrize(
    "wrong,message",
    [
        ("{regex: '(布)署', replace: '\\2'}", "replace"),  # a group the pattern lacks
        ("{regex: '布署', replace: 5}", "replace 应为字符串"),
    ],
)
def test_bad_replace_fails_loading(tmp_path, wrong, message):
    path = _dictionary(tmp_path, "rule: GOV004\nentries:\n" + ENTRY.format(wrong=wrong, flag="布署工作"))
    text = _load_error(path)
    assert message in text and "第1条" in text


# ---------------------------------------------------------------- dictionary header and entry values

HEADER = "rule:\n  code: XYZ001\n  category: wording\n  summary: 测试\n{extra}entries:\n" + ENTRY.format(
    wrong="布署", flag="布署工作"
)


@pytest.mark.parametrize(
    "extra,message",
    [
        ("  fix: weird\n", "rule.fix"),
        ("  kinds: 5\n", "rule.kinds"),
        ("  kinds: [nowhere]\n", "rule.kinds"),
        ("  category: nonsense\n", "rule.category"),
        ("  code: gov1\n", "rule.code"),
        ("  name: [1]\n", "rule.name"),
        ("  source: {a: 1}\n", "rule.source"),
        ("  doc: 5\n", "rule.doc"),
        ("  severity: fatal\n", "rule.severity"),
        ("  message: '{match:>999999999}'\n", "rule.message"),  # a format spec builds a gigabyte string
        ("  message: '{match.__class__}'\n", "rule.message"),
        ("  message: '{oops'\n", "rule.message"),
        ("  5: x\n", "未知的键 5"),
    ],
)
def test_bad_dictionary_header_is_one_line_naming_the_key(tmp_path, extra, message):
    text = HEADER.format(extra=extra)
    if extra.startswith(("  category:", "  code:")):  # replace, not add
        key = extra.split(":")[0]
        text = re.sub(rf"^{key}: .*\n", "", text, count=1, flags=re.M).replace(
            "entries:\n", extra + "entries:\n", 1
        )
    path = _dictionary(tmp_path, text)
    error = _load_error(path)
    assert message in error and "extra.yaml" in error


@pytest.mark.parametrize(
    "entry,message",
    [
        ("    fix: maybe\n", "fix 应为 true 或 false"),
        ("    message: '{correct:*>99999999}'\n", "message"),
        ("    note: [1, 2]\n", "note 应为文字"),
        ("    flag: [{text: 布署工作, suggestion: 5}]\n", "flag"),
        ("    flag: 5\n", "flag"),
    ],
)
def test_bad_entry_value_is_one_line_naming_the_entry(tmp_path, entry, message):
    base = ENTRY.format(wrong="布署", flag="布署工作")
    if entry.startswith("    flag:"):
        base = base.replace("    flag: [布署工作]\n", "")
    path = _dictionary(tmp_path, "rule: GOV004\nentries:\n" + base + entry)
    error = _load_error(path)
    assert message in error and "第1条" in error


# ---------------------------------------------------------------- (2) rules.yaml values

BAD_CONFIG = [
    ("rules: {GOV201: {max-width: -5}}", "rules.GOV201.max-width"),
    ("rules: {GOV201: {max-width: .nan}}", "rules.GOV201.max-width"),
    ("rules: {GOV201: {max-width: .inf}}", "rules.GOV201.max-width"),
    ("rules: {GOV201: {max-width: true}}", "rules.GOV201.max-width"),
    ("rules: {GOV102: {threshold: .nan}}", "rules.GOV102.threshold"),
    ("rules: {GOV102: {error-threshold: -.inf}}", "rules.GOV102.error-threshold"),
    ("rules: {GOV601: {units: [1]}}", "rules.GOV601.units"),
    ("rules: {GOV601: {units: ['']}}", "rules.GOV601.units"),
    ("rules: {GOV601: {units: [" + "局" * 500 + "]}}", "rules.GOV601.units"),
    ("rules: {GOV601: {region: 5}}", "rules.GOV601.region"),
    ("rules: {GOV203: {region: 火星省}}", "region"),
    ("rules: {GOV201: 5}", "rules.GOV201"),
    ("rules: {5: {}}", "rules"),
    ("rules: {GOV999: {}}", "GOV999"),
    ("rules: {GOV201: {width: 3}}", "width"),
    ("select: [5]", "select"),
    ("select: ['']", "select"),
    ("ignore: [NOPE]", "ignore"),
    ("severity: {GOV201: fatal}", "severity.GOV201"),
    ("severity: {NOPE: info}", "severity"),
    ("severity: [GOV201]", "severity"),
    ("dictionaries: [5]", "dictionaries"),
    ("dictionaries: [missing.yaml]", "dictionaries"),
    ("words: ['']", "words"),
    ("words: {a: 1}", "words"),
    ("allow: [[1]]", "allow"),
    ("per-file-ignores: {'*.md': [NOPE]}", "per-file-ignores"),
    ("per-file-ignores: {'*.md': 5}", "per-file-ignores"),
    ("per-file-ignores: [1]", "per-file-ignores"),
    ("fail-on: fatal", "fail-on"),
    ("fail-on: [1]", "fail-on"),
    ("leaders: 5", "leaders"),
    ("leaders: [{name: 李华}]", "leaders"),
    ("leaders: [{name: 李华, posts: [{title: 县长, since: 昨天}]}]", "leaders"),
    ("leaders: [{name: 李华, posts: [{title: 县长, rank: 0}]}]", "leaders"),
    ("leaders: 不存在的文件.yaml", "leaders"),
    ("region: 火星省", "region"),
    ("region: [1]", "region"),
    ("scoring: {points_per_post: 1e999999999}", "scoring.points_per_post"),
    ("scoring: {deductions: {error: 1e999999999}}", "scoring.deductions.error"),
    ("scoring: {missed_week_penalty: .inf}", "scoring.missed_week_penalty"),
    ("scoring: {max_score: .nan}", "scoring.max_score"),
    ("scoring: {deductions: 5}", "scoring.deductions"),
    ("scoring: {points_per_post: -1}", "scoring.points_per_post"),
    ("inspection: {site_days: .inf}", "inspection.site_days"),
    ("inspection: {blank_columns: -1}", "inspection.blank_columns"),
    ("inspection: {update_days: {动态要闻: 1e999}}", "inspection.update_days"),
    ("inspection: {link_domains: [1]}", "inspection.link_domains"),
    ("inspection: [1]", "inspection"),
    ("nonsense: 1", "nonsense"),
]


@pytest.mark.parametrize("text,key", BAD_CONFIG)
def test_bad_config_value_is_one_line_naming_file_and_key(tmp_path, text, key):
    path = tmp_path / "rules.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    error = _load_error(path)
    assert str(path) in error and key in error


def test_every_key_of_the_shipped_rules_yaml_is_covered():
    shipped = yaml.safe_load((Path(__file__).resolve().parents[1] / "rules.yaml").read_text(encoding="utf-8"))
    covered = {re.match(r"[\w-]+", text).group() for text, _ in BAD_CONFIG}
    assert set(shipped) <= covered
    for code, options in shipped["rules"].items():
        assert all(f"rules.{code}.{k}" in {key for _, key in BAD_CONFIG} for k in options)
    assert {f"scoring.{k}" for k in shipped["scoring"]} <= {key for _, key in BAD_CONFIG}


def test_good_values_are_still_accepted(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules: {GOV201: {max-width: 26.5}, GOV102: {threshold: 0}, GOV601: {units: [偃师区人民政府办公室]}}\n"
        "severity: {GOV2: info}\nper-file-ignores: {'公告/*.md': [GOV2]}\nregion: 河南省洛阳市偃师区\n"
        "scoring: {points_per_post: '1.5', max_score: 100}\n",
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert {r.rule.code: r.options for r in cfg.rules()}["GOV201"]["max-width"] == 26.5


@pytest.mark.parametrize(
    "text",
    [
        "rules: {GOV201: {max-width: .nan}}",
        "scoring: {points_per_post: 1e999999999}",
        "rules: {GOV601: {units: [1]}}",
        "dictionaries: [extra.yaml]",
    ],
)
def test_cli_exits_2_with_one_line_and_no_traceback(tmp_path, text):
    (tmp_path / "extra.yaml").write_text(
        "rule:\n  code: XYZ001\n  category: wording\n  summary: 测试\n  fix: weird\nentries: []\n",
        encoding="utf-8",
    )
    (tmp_path / "rules.yaml").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "textlint_gov", "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "rules.yaml" in run.stderr or "extra.yaml" in run.stderr
