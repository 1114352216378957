"""GOV403: a date that does not exist (11月31日, 2021年2月29日, 13月5日)."""

from __future__ import annotations

import calendar
import re

from textlint_gov.docdate import han_number
from textlint_gov.findings import Hit, Severity
from textlint_gov.rules import Context, Rule

_CN = "〇一二三四五六七八九十"
_ARABIC = "0-9０-９"
# (year?) month day, in Arabic digits or in Chinese numerals (二〇二一年十一月三十日); a month not the
# tail of a longer number (2021.11月31日, 10:11月) nor of a Chinese numeral
_DATE = re.compile(
    rf"(?<![{_ARABIC}.．:：/\-－])(?:([{_ARABIC}]{{4}})年)?([{_ARABIC}]{{1,2}})月([{_ARABIC}]{{1,2}})日"
    rf"|(?<![{_CN}])(?:([{_CN}]{{4}})年)?([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日"
)
_LUNAR = ("农历", "阴历", "夏历", "旧历")  # a lunar month has 29 or 30 days, unlike the calendar's
_LUNAR_BEFORE = 8  # characters before the date where 农历 still governs it (农历二〇二一年二月三十日)
# a day or month in Chinese numerals as dates write them (三十一, 十二, 五; not 〇五, 一十, 三十〇)
_CN_NUMBER = re.compile(
    r"[〇一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?"
)


def _number(s: str) -> int | None:
    """1-99 written in Arabic digits (full or half width: ``int`` reads both) or in Chinese numerals;
    None when it is no numeral a date writes."""
    if s[0].isdigit():
        return int(s)
    return han_number(s) if _CN_NUMBER.fullmatch(s) else None


def _year(s: str | None) -> int | None:
    if s is None or (not s[0].isdigit() and "十" in s):
        return None
    return int(s) if s[0].isdigit() else han_number(s)


class ImpossibleDate(Rule):
    """日期不存在：月份超过 12，或日子超过该月天数（11月31日、2月30日，平年的 2月29日）。

    作用：
    找出用阿拉伯数字或汉字书写的“某月某日”，月份不在 1 至 12 之间，或日子超过该月天数的（4、6、9、11 月
    只有 30 天，2 月 28 天，闰年 29 天；写了年份的按该年判断闰年，没写年份的 2月29日 不报）。
    农历日期（前面写有“农历”“阴历”等）不查：农历月份有 30 天。
    原因：
    不存在的日期多是录入错误（11月30日误为 11月31日），会让通知的截止时间、活动时间无从执行，
    检查中按内容差错扣分。正确日期只有起草人知道，本规则只提示核对，不给出修改建议。
    示例：
    请于11月31日前将落实情况报送区政府办。
    修改为：
    请于11月30日前将落实情况报送区政府办。
    """

    code = "GOV403"
    name = "impossible-date"
    category = "number"
    severity = Severity.ERROR
    summary = "日期不存在（11月31日、2月30日）"
    source = "公历各月天数与闰年规则（四年一闰，逢百年不闰，逢四百年再闰）"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (
        ("通知\n请于11月31日前报送。\n", None),
        ("通知\n定于2021年2月29日召开。\n", None),
        ("通知\n二〇二一年九月三十一日\n", None),
        ("通知\n13月5日\n", None),
    )
    passes = ("通知\n请于11月30日前报送，2024年2月29日、2月29日、十二月三十一日、农历二月三十日均可。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        if "月" not in text:
            return
        for m in _DATE.finditer(text):
            arabic = m.group(2) is not None
            year_text, month_text, day_text = m.group(1, 2, 3) if arabic else m.group(4, 5, 6)
            month, day = _number(month_text), _number(day_text)
            if month is None or day is None:
                continue
            before = text[max(0, m.start() - _LUNAR_BEFORE) : m.start()]
            if any(word in before for word in _LUNAR):
                continue
            year = _year(year_text)
            if not 1 <= month <= 12:
                yield Hit(m.start(), m.end(), f"日期“{m.group()}”不存在：月份应在 1 至 12 之间，请核对")
                continue
            # without a year, February may have 29 days (a leap year is assumed)
            days = calendar.monthrange(year if year else 2000, month)[1]
            if day < 1:
                yield Hit(m.start(), m.end(), f"日期“{m.group()}”不存在：日子应从 1 日起，请核对")
            elif day > days:
                yield Hit(m.start(), m.end(), f"日期“{m.group()}”不存在：{month}月只有 {days} 天，请核对")
