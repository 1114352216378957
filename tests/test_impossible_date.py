"""GOV403: dates that do not exist, in Arabic digits and in Chinese numerals; lunar dates and
possible ones pass."""

from __future__ import annotations

import pytest

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load_bytes
from textlint_gov.rules.gov403_impossible_date import _number


def _found(body: str) -> list[str]:
    doc = load_bytes(f"通知\n{body}\n".encode(), "t.txt")
    return [f.match for f in lint(doc, Config(select=["GOV403"]))]


@pytest.mark.parametrize(
    "body",
    [
        "分别于6月9日、9月8日、11月31日前将落实情况报送。",  # a real post's slip
        "定于2021年2月29日召开。",  # not a leap year
        "定于2100年2月29日。",  # nor is 2100
        "二〇二一年九月三十一日",
        "十三月五日",
        "４月３１日",  # full-width digits
        "13月5日",
        "5月0日",
        "6月31日至7月2日",
    ],
)
def test_an_impossible_date_is_flagged(body: str) -> None:
    assert len(_found(body)) == 1, body


@pytest.mark.parametrize(
    "body",
    [
        "11月30日、12月31日、1月31日、4月30日",
        "2024年2月29日、2000年2月29日、2月29日",  # leap years; no year: may be one
        "二〇二四年二月二十九日、十二月三十一日、十月一日、二〇二一年十一月三十日",
        "农历2月30日、农历二〇二一年二月三十日、阴历十一月三十日",  # lunar months have 30 days
        "2021.11月31日",  # not a month and day
        "时间为10:11月",
        "统一十一月三十日",  # 十一 is a numeral of its own
    ],
)
def test_a_possible_or_lunar_date_passes(body: str) -> None:
    assert _found(body) == [], body


def test_the_message_says_what_is_wrong() -> None:
    doc = load_bytes("通知\n请于11月31日前报送。\n".encode(), "t.txt")
    [f] = lint(doc, Config(select=["GOV403"]))
    assert f.message == "日期“11月31日”不存在：11月只有 30 天，请核对"
    assert f.suggestion is None and f.severity.value == "error"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        ("31", 31),
        ("０９", 9),
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("三十一", 31),
        ("〇五", None),
        ("一十", None),
        ("十十", None),
        ("三十〇", None),
    ],
)
def test_numbers_of_dates(text: str, value: int | None) -> None:
    assert _number(text) == value
