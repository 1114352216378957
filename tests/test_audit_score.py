"""The pure parts of the audit: weeks by Thursday, scores, ranks, number printing, validation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from textlint_gov.audit.score import (
    Scoring,
    date_from_name,
    disclosure_score,
    fmt,
    number,
    parse_month,
    post_score,
    ranks,
    scoring_from_config,
    weeks_of_month,
)
from textlint_gov.config import ConfigError
from textlint_gov.docdate import parse_date as date_from_meta

D = Decimal


@pytest.mark.parametrize(
    "year, month, mondays",
    [
        (2021, 1, ["2021-01-04", "2021-01-11", "2021-01-18", "2021-01-25"]),  # the example
        (2021, 3, ["2021-03-01", "2021-03-08", "2021-03-15", "2021-03-22"]),  # 29 March's Thursday is 1 April
        (2021, 4, ["2021-03-29", "2021-04-05", "2021-04-12", "2021-04-19", "2021-04-26"]),
        (2020, 12, ["2020-11-30", "2020-12-07", "2020-12-14", "2020-12-21", "2020-12-28"]),
        (2021, 2, ["2021-02-01", "2021-02-08", "2021-02-15", "2021-02-22"]),
    ],
)
def test_weeks_by_thursday(year, month, mondays):
    assert [w.isoformat() for w in weeks_of_month(year, month)] == mondays


def test_every_day_belongs_to_exactly_one_month_week():
    owners: dict[dt.date, int] = {}
    for month in range(1, 13):
        for monday in weeks_of_month(2022, month):
            for i in range(7):
                day = monday + dt.timedelta(days=i)
                assert day not in owners
                owners[day] = month
    assert all(dt.date(2022, 1, 3) + dt.timedelta(days=i) in owners for i in range(360))


def test_ranks_share_and_skip():
    assert ranks([D(34), D("23.5"), D("23.5"), D(20)]) == [1, 2, 2, 4]
    assert ranks([D(1), D(3), D(3), D(2)]) == [4, 1, 1, 3]
    assert ranks([]) == []
    # decimals add up exactly: 0.1 + 0.2 equals 0.3
    assert ranks([D("0.1") + D("0.2"), D("0.3")]) == [1, 1]


@pytest.mark.parametrize(
    "value, text",
    [
        (D(34), "34"),
        (D("2.5"), "2.5"),
        (D("23.50"), "23.5"),
        (D("34.0"), "34"),
        (D(0), "0"),
        (D("0.25"), "0.25"),
        (D(100), "100"),
        (None, ""),
    ],
)
def test_numbers_print_as_the_notice(value, text):
    assert fmt(value) == text


def test_json_numbers():
    assert number(D("34.0")) == 34 and isinstance(number(D("34.0")), int)
    assert number(D("2.5")) == 2.5


def test_post_and_disclosure_scores():
    s = Scoring()
    assert post_score({"error": 1}, s) == D("0.5")
    assert post_score({"error": 3, "warning": 9}, s) == 0  # never below 0
    assert post_score({"warning": 5, "info": 5}, s) == 1  # defaults: warning and info cost nothing
    custom = scoring_from_config({"deductions": {"warning": 0.1}, "missed_week_penalty": 2, "max_score": 5})
    assert post_score({"warning": 3}, custom) == D("0.7")
    assert disclosure_score([D(1)] * 8, 0, custom) == 5  # capped
    assert disclosure_score([D(1)] * 3, 1, custom) == 1
    assert disclosure_score([D(1)], 2, custom) == 0  # never below 0
    assert disclosure_score([], 4, Scoring()) == 0


def test_scoring_defaults():
    s = scoring_from_config({})
    assert s.points_per_post == 1 and s.deductions == {"error": D("0.5"), "warning": 0, "info": 0}
    assert s.missed_week_penalty == 0 and s.max_score is None
    assert scoring_from_config(None) == s


def test_root_rules_yaml_documents_the_defaults():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent / "rules.yaml"
    raw = yaml.safe_load(root.read_text(encoding="utf-8"))["scoring"]
    assert scoring_from_config(raw) == scoring_from_config({})
    assert set(raw) == {"points_per_post", "deductions", "missed_week_penalty", "max_score"}


@pytest.mark.parametrize(
    "raw, key",
    [
        ({"points_per_post": -1}, "scoring.points_per_post"),
        ({"points_per_post": "一"}, "scoring.points_per_post"),
        ({"points_per_post": True}, "scoring.points_per_post"),
        ({"deductions": {"error": "x"}}, "scoring.deductions.error"),
        ({"deductions": {"fatal": 1}}, "fatal"),
        ({"deductions": [0.5]}, "scoring.deductions"),
        ({"missed_week_penalty": -0.5}, "scoring.missed_week_penalty"),
        ({"max_score": "很多"}, "scoring.max_score"),
        ({"bonus": 1}, "bonus"),
    ],
)
def test_scoring_errors_name_the_key(raw, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        scoring_from_config(raw)


def test_scoring_through_rules_yaml(tmp_path):
    from textlint_gov.config import load_config

    p = tmp_path / "rules.yaml"
    p.write_text("scoring:\n  missed_week_penalty: 1.5\n  max_score: 20\n", encoding="utf-8")
    s = scoring_from_config(load_config(p).scoring)
    assert s.missed_week_penalty == D("1.5") and s.max_score == 20


def test_month_and_dates():
    assert parse_month("2021-01") == (2021, 1)
    for bad in ("2021-1-1", "202101", "2021-00", "2021-13", "一月"):
        with pytest.raises(ValueError):
            parse_month(bad)
    assert date_from_name("2021-01-05 通知.docx") == dt.date(2021, 1, 5)
    assert date_from_name("2021-01-05.txt") == dt.date(2021, 1, 5)
    assert date_from_name("2021-02-30 通知.txt") is None
    assert date_from_name("通知 2021-01-05.txt") is None
    assert date_from_name("2021-01-051.txt") is None
    assert date_from_meta("2021-01-27 09:30:00") == dt.date(2021, 1, 27)
    assert date_from_meta("2021/1/7") == dt.date(2021, 1, 7)
    assert date_from_meta("2021年1月7日") == dt.date(2021, 1, 7)
    assert date_from_meta(dt.date(2021, 1, 7)) == dt.date(2021, 1, 7)
    assert date_from_meta("明天") is None and date_from_meta(None) is None


def test_units_yaml_errors():
    from textlint_gov.audit.collect import AuditError, units_from_data

    ok = units_from_data(
        {"units": [{"name": "甲局", "group": "市直单位", "aliases": "市甲局", "scores": {"公共服务": 4.5}}]}
    )
    assert ok[0].aliases == ("市甲局",) and ok[0].scores == {"公共服务": D("4.5")}
    cases = [
        ({"unit": []}, "units"),
        ({"units": []}, "非空列表"),
        ({"units": [{"group": "市直单位"}]}, "name"),
        ({"units": [{"name": "甲局"}]}, "group"),
        ({"units": [{"name": "甲局", "group": "g", "score": {}}]}, "score"),
        ({"units": [{"name": "甲局", "group": "g", "scores": {"公共服务": "四"}}]}, "scores.公共服务"),
        (
            {"units": [{"name": "甲局", "group": "g"}, {"name": "乙局", "group": "g", "aliases": ["甲局"]}]},
            "重复",
        ),
    ]
    for raw, needle in cases:
        with pytest.raises(AuditError, match=needle):
            units_from_data(raw)
