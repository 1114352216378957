"""Every dictionary entry of every rule dictionary runs its own must-flag and must-not-flag cases
through the real engine (``lint``), with the post dated so that the entry applies."""

from __future__ import annotations

import datetime as dt

import pytest

from textlint_gov.config import ConfigError, config_from_dict, load_config
from textlint_gov.document import Block, Document
from textlint_gov.engine import lint
from textlint_gov.rules import RuleDefinitionError, registry
from textlint_gov.rules.kinds import DictionaryRule


def _dictionary_rules() -> list[DictionaryRule]:
    rules = [r for r in registry() if isinstance(r, DictionaryRule)]
    for r in rules:
        r._compile()
    return rules


def _cases():
    for rule in _dictionary_rules():
        for i, entry in enumerate(rule.entries):
            yield pytest.param(rule.code, i, id=f"{rule.code}-{i + 1}-{entry.correct[:12]}")


def _date_for(entry) -> str | None:
    if entry.since:
        return entry.since.isoformat()
    if entry.until:
        return (entry.until - dt.timedelta(days=1)).isoformat()
    return None


def _lint_text(text: str, code: str, date: str | None):
    block = Block(text, "body", "第1行", [(0, 0, len(text), len(text))])
    meta = {"format": "txt"}
    if date:
        meta["date"] = date
    doc = Document("case.txt", text, [block], meta)
    config = config_from_dict({"select": [code]})
    return [f for f in lint(doc, config) if f.code == code]


def test_rule_book_has_at_least_200_entries_each_with_source_and_cases():
    rules = _dictionary_rules()
    entries = [e for r in rules for e in r.entries]
    assert len(entries) >= 200, len(entries)
    for e in entries:
        assert e.source and e.flag and e.passes, e.origin


@pytest.mark.parametrize("code,index", list(_cases()))
def test_entry_flags_its_bad_cases_and_passes_its_good_cases(code, index):
    rule = registry()[code]
    entry = rule.entries[index]
    date = _date_for(entry)
    for text, suggestion in entry.flag:
        findings = _lint_text(text, code, date)
        assert findings, f"{entry.origin}: 应报出而未报出：{text}"
        expected = suggestion
        if expected is None and not any(r for _, r in entry.regex):
            expected = entry.correct
        if expected is not None:
            got = [f.suggestion for f in findings]
            assert expected in got, f"{entry.origin}: {text} 的建议应为“{expected}”，实为 {got}"
            hit = next(f for f in findings if f.suggestion == expected)
            assert hit.match and hit.match in text
    for text in entry.passes:
        findings = _lint_text(text, code, date)
        assert not findings, f"{entry.origin}: 不应报出：{text} → {[(f.match, f.message) for f in findings]}"


def test_dated_entry_does_not_apply_before_it_takes_effect():
    rule = registry()["GOV002"]
    entry = next(e for e in rule.entries if "国土资源部" in e.plain)
    text = entry.flag[0][0]
    before = (entry.since - dt.timedelta(days=1)).isoformat()
    assert not _lint_text(text, "GOV002", before)
    assert _lint_text(text, "GOV002", entry.since.isoformat())
    assert _lint_text(text, "GOV002", None)  # date unknown: checked against the current name


def test_successive_renames_pick_the_name_valid_on_the_post_date():
    assert [f.suggestion for f in _lint_text("银监会印发通知", "GOV002", "2020-01-01")] == [
        "中国银行保险监督管理委员会"
    ]
    assert [f.suggestion for f in _lint_text("银监会印发通知", "GOV002", "2024-01-01")] == [
        "国家金融监督管理总局"
    ]
    assert not _lint_text("银监会印发通知", "GOV002", "2017-01-01")


def test_officeholder_change_follows_post_date():
    # GOV604 derives it from dictionaries/officeholders.yaml (the hand-made GOV001 entry is gone)
    assert not _lint_text("国务院总理李克强主持会议", "GOV604", "2022-05-01")
    assert _lint_text("国务院总理李克强主持会议", "GOV604", "2023-05-01")


def _write(tmp_path, body: str):
    (tmp_path / "extra.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("dictionaries: [extra.yaml]\n", encoding="utf-8")
    return tmp_path / "rules.yaml"


@pytest.mark.parametrize(
    "entry,message",
    [
        ("  - correct: 部署\n    wrong: [布署]\n    flag: [布署工作]\n    pass: [部署工作]\n", "缺少 source"),
        ("  - correct: 部署\n    wrong: [布署]\n    source: 词典\n    pass: [部署工作]\n", "缺少 flag"),
        ("  - correct: 部署\n    source: 词典\n    flag: [布署工作]\n", "缺少 wrong"),
        (
            "  - correct: 部署\n    wrong: [{regex: '(布署'}]\n    source: 词典\n    flag: [布署工作]\n",
            "正则表达式",
        ),
        (
            "  - correct: 部署\n    wrong: [布署]\n    since: 去年\n    source: 词典\n    flag: [布署工作]\n",
            "since 应为日期",
        ),
        ("  - correct: 部署\n    wrong: [布署]\n    sauce: 词典\n    flag: [布署工作]\n", "未知的键 sauce"),
    ],
)
def test_broken_entry_fails_loading_with_a_clear_message(tmp_path, entry, message):
    path = _write(tmp_path, "rule: GOV004\nentries:\n" + entry)
    with pytest.raises((ConfigError, RuleDefinitionError)) as err:
        load_config(path).rules()
    text = str(err.value)
    assert message in text and "extra.yaml" in text and "第1条" in text
