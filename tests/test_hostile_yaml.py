"""YAML alias bombs (issue 16): refused before any object is built, in every YAML govlint reads."""

from __future__ import annotations

import resource

import pytest

from textlint_gov.config import ConfigError, load_config
from textlint_gov.loaders import load_bytes
from textlint_gov.yamlfile import YAMLBomb, load_text


def laughs(levels: int = 9, key: str = "a") -> str:
    """The classic billion laughs: each level lists the previous one ten times."""
    lines = [f'{key}0: &{key}0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*{key}{i - 1}"] * 10)
        lines.append(f"{key}{i}: &{key}{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_building_it():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(YAMLBomb):
        load_text(laughs())
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: nothing expanded


def test_a_few_aliases_are_still_fine():
    data = load_text("base: &b {max-width: 26}\nrules:\n  GOV201: *b\n")
    assert data["rules"]["GOV201"] == {"max-width": 26}


def test_recursive_alias_is_refused():
    with pytest.raises(YAMLBomb):
        load_text("a: &a [1, *a]\n")


def test_rules_yaml_bomb_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(laughs() + "rules:\n  GOV601:\n    units: *a8\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)


def test_front_matter_alias_is_ignored_and_the_text_still_checked():
    text = "---\n" + laughs() + "date: *a8\n---\n# 通知\n\n学习习近平书记讲话。\n"
    doc = load_bytes(text.encode("utf-8"), "a.md")
    assert "date" not in doc.meta
    assert any("习近平书记" in b.text for b in doc.blocks)
