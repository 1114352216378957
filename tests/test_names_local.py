"""GOV601 on what county and prefecture posts really write: the region's own short names, former
names by the post's date, towns of other provinces standing alone, and errors only when certain."""

from __future__ import annotations

import pytest

from textlint_gov.config import config_from_dict
from textlint_gov.engine import lint
from textlint_gov.findings import Severity
from textlint_gov.loaders import load_bytes
from textlint_gov.rules._divisions import former_names, resolve, short_name


def _gov601(text: str, region: str, date: str | None = None, name: str = "a.txt"):
    doc = load_bytes(text.encode("utf-8"), name)
    for key in ("date", "written_date"):
        doc.meta.pop(key, None)
    if date:
        doc.meta["date"] = date
    return [
        f for f in lint(doc, config_from_dict({"select": ["GOV601"], "region": region})) if f.code == "GOV601"
    ]


# --- the region's own short names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "short"),
    [
        ("四川省阿坝藏族羌族自治州", "阿坝州"),
        ("四川省阿坝藏族羌族自治州阿坝县", "阿坝州"),
        ("云南省大理白族自治州", "大理州"),
        ("湖北省恩施土家族苗族自治州", "恩施州"),
        ("云南省红河哈尼族彝族自治州", "红河州"),
        ("四川省甘孜藏族自治州", "甘孜州"),
    ],
)
def test_short_name_of_an_autonomous_prefecture_is_a_name_of_the_region(region, short):
    assert not _gov601(f"通知\n{short}人民政府办公室印发通知，{short}各县（市）参加。\n", region)


def test_short_name_is_the_name_before_the_ethnic_part():
    assert short_name("长阳土家族自治县") == "长阳县"
    assert short_name("莫力达瓦达斡尔族自治旗") == "莫力达瓦旗"
    assert short_name("白沙黎族自治县") == "白沙县"  # 白 alone is no 白族
    assert short_name("鄂伦春自治旗") is None  # nothing before the ethnic part
    assert short_name("阿坝县") is None


def test_a_slip_in_the_prefecture_name_is_still_found():
    found = _gov601(
        "通知\n阿坝州马尔康市沙尔宗镇、党坝乡参加。马尔康市沙尔综镇未参加。\n", "四川省阿坝藏族羌族自治州"
    )
    assert [(f.match, f.suggestion, f.severity) for f in found] == [("沙尔综镇", "沙尔宗镇", Severity.ERROR)]


# --- former names and the post's date -------------------------------------------------------


def test_former_county_name_is_right_before_its_change():
    region = "河南省洛阳市偃师区"
    text = "通知\n偃师市人民政府办公室印发通知。\n"
    assert not _gov601(text, region, "2019-05-10")
    assert not _gov601(text, region, "2021-02-10")  # renamed during 2021: the month is not known
    later = _gov601(text, region, "2023-02-10")
    assert [(f.match, f.suggestion, f.severity) for f in later] == [("偃师市", "偃师区", Severity.WARNING)]
    undated = _gov601(text, region)
    assert [(f.match, f.severity) for f in undated] == [("偃师市", Severity.WARNING)]
    assert "未注明日期" in undated[0].message


def test_former_name_used_about_the_past_is_not_reported():
    assert not _gov601("通知\n原偃师市人民政府的职责由区政府承担。\n", "河南省洛阳市偃师区", "2023-02-10")


def test_date_from_the_file_name_reaches_the_rule():
    text = "通知\n偃师市人民政府办公室印发通知。\n"
    doc = load_bytes(text.encode("utf-8"), "2020-06-01_通知.txt")
    cfg = config_from_dict({"select": ["GOV601"], "region": "河南省洛阳市偃师区"})
    assert not [f for f in lint(doc, cfg) if f.code == "GOV601"]


def test_towns_merged_away_are_real_names_in_old_posts():
    region = "福建省福州市平潭县"
    text = "通知\n潭城镇、苏澳镇、澳前镇、芦洋乡、岚城乡组织开展防汛检查。\n"
    assert {"苏澳镇", "芦洋乡", "岚城乡", "澳前镇", "潭城镇"} <= set(resolve(region).former)
    assert not _gov601(text, region, "2013-03-14")
    assert not _gov601(text, region)
    # 沙尔宗乡 became 沙尔宗镇 (乡改镇): one character off a town of today, but no slip
    assert not _gov601(
        "通知\n马尔康市沙尔宗乡、白溪乡开展防汛检查。\n", "四川省阿坝藏族羌族自治州", "2014-06-01"
    )


def test_one_off_a_current_and_a_former_town_is_a_warning_naming_both():
    found = _gov601(
        "公示\n福建省某船厂有限公司 平潭县苏沃镇苏沃村277号\n", "福建省福州市平潭县", "2025-03-14"
    )
    assert [(f.match, f.severity, f.suggestion) for f in found] == [("苏沃镇", Severity.WARNING, None)]
    assert "苏平镇" in found[0].message and "苏澳镇" in found[0].message


def test_history_table_rows_are_well_formed():
    from importlib import resources

    text = (
        resources.files("textlint_gov.dictionaries")
        .joinpath("division_history.tsv")
        .read_text(encoding="utf-8")
    )
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert rows and all(
        len(r) == 5 and r[0] in ("county", "town") and r[1].isdigit() and r[4].isdigit() for r in rows
    )
    assert ["county", "410307", "偃师市", "偃师区", "2021"] in rows
    assert "苏澳镇" in former_names() and "偃师区" not in former_names()


# --- towns of other provinces ----------------------------------------------------------------


def test_town_of_another_province_standing_alone_is_a_warning():
    text = "名单\n序号 | 乡镇 | 人数\n1 | 翟店镇 | 20\n2 | 府店镇 | 30\n"
    found = _gov601(text, "河南省洛阳市偃师区")
    assert [(f.match, f.severity) for f in found] == [("翟店镇", Severity.WARNING)]
    assert "翟镇镇" in found[0].message


def test_town_of_another_province_inside_a_phrase_or_with_its_county_is_left_alone():
    region = "河南省洛阳市偃师区"
    assert not _gov601("通知\n山西省运城市万荣县翟店镇代表来访。\n", region)
    assert not _gov601("通知\n双龙镇十八洞村党支部书记来访，翟店镇村民代表参加。\n", region)


# --- certainty ----------------------------------------------------------------------------------


def test_error_only_for_a_unique_name_that_exists_nowhere():
    region = "河南省洛阳市偃师区"
    found = _gov601("通知\n首阳出街道组织开展防汛演练。\n", region)
    assert [(f.match, f.severity, f.suggestion) for f in found] == [
        ("首阳出街道", Severity.ERROR, "首阳山街道")
    ]


def test_a_real_city_name_is_never_an_error():
    # 景德镇 (the city 景德镇市) is one character off 恩施州's 景阳镇
    found = _gov601(
        "通知\n景德镇陶瓷文化传承创新试验区建设。\n景德镇、恩施州参加。\n", "湖北省恩施土家族苗族自治州"
    )
    assert all(f.severity is not Severity.ERROR for f in found)


def test_first_person_level_word_is_no_town_name():
    # 日溪乡 is a township of 福州市's 闽侯县; “11月10日我乡” is a date and 我乡
    assert not _gov601("通知\n2017年11月10日我乡召开会议。\n", "福建省福州市")
    found = _gov601("通知\n闽侯县日吾乡召开会议。\n", "福建省福州市")
    assert [(f.match, f.suggestion) for f in found] == [("日吾乡", "日溪乡")]


def test_the_issuer_code_of_a_document_number_is_no_place():
    """岚澳镇〔2016〕70号 is the code of the issuing office (平潭 post, 2016), not a slip of 苏澳镇."""
    text = "关于同意的批复\n你镇《关于相关事宜的请示》（岚澳镇〔2016〕70号）文悉。\n"
    assert _gov601(text, "福建省福州市平潭县", "2016-05-01") == []
    slip = "关于同意的批复\n岚澳镇组织开展防汛演练。\n"
    assert [f.suggestion for f in _gov601(slip, "福建省福州市平潭县", "2016-05-01")]
