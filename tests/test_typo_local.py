"""GOV102 on the text county and city offices publish (issue 10): place names, bodies' abbreviations,
发文字号 codes, legal terms, idioms and personal names are evidence that the text is right; two swapped
characters of a common word are a slip GOV102 reports. Fixtures are hand-made in the shape of the real
posts (name lists with roles, crawled lines), never copied from them."""

from __future__ import annotations

import pytest

from tests.helpers import lint_text
from textlint_gov.config import Config, config_from_dict
from textlint_gov.findings import Severity
from textlint_gov.typo import corpus_strings, detect, model, place_names

ONLY = Config(select=["GOV102"])


def gov102(text: str):
    return [(f.match, f.suggestion, f.severity) for f in lint_text(text, config=ONLY) if f.code == "GOV102"]


def test_division_names_of_the_gazetteer_are_right_as_written():
    assert {"代化镇", "长顺县", "长顺", "偃师"} <= place_names()
    assert gov102("长顺县代化镇召开防汛工作会议。") == []
    # the same characters outside a division name are still read as a slip for 现代化
    assert [s.right[:2] for s in detect("推进农业县代化建设。")] == ["现代"]


def test_two_character_town_stems_are_no_evidence():
    # stems of towns are kept from three characters up: 代化 (of 代化镇) alone protects nothing
    assert "代化" not in place_names()


@pytest.mark.parametrize(
    "text",
    [
        "省卫健委、区防指分别召开会商会。",
        "根据区防指部署，启动防台风Ⅳ级应急响应。",
        "区发改委、网信办、市场监管局联合开展检查。",
        "办公室室务会成员名单如下。",
    ],
)
def test_bodies_standard_abbreviations_are_right(text):
    assert gov102(text) == []


def test_a_slip_in_an_abbreviation_is_still_found():
    assert [(s.wrong, s.right) for s in detect("区卫建委召开会议。")] == [("卫建委", "卫健委")]


@pytest.mark.parametrize(
    "text",
    [
        "根据《关于印发实施方案的通知》（包府办发〔2021〕3号）要求。",
        "详见包府办发[2021]3号文件。",
        "依据包府办发（2021）第3号通知执行。",
    ],
)
def test_document_number_codes_are_not_words(text):
    assert gov102(text) == []


def test_document_number_code_guard_needs_the_number():
    # without 〔year〕 number 号 the same characters are running text again
    assert any(s.wrong.startswith("包府") for s in detect("他背着包府办发愁。", threshold=-9.0))


@pytest.mark.parametrize(
    "text",
    [
        "空气质量优于全省九个设区城市。",
        "对违法企业依法实施市场禁入。",
        "执行期满后，视情调整到运行维护成本水平。",
        "做好涉罪未成年人帮教工作。",
    ],
)
def test_legal_terms_are_right(text):
    assert gov102(text) == []


def test_laws_corpus_vocabulary_ships_legal_terms_and_not_seams():
    corpus = corpus_strings()
    assert corpus["设区"][0] >= 10 and corpus["视情"][0] >= 10
    assert "商物" not in corpus  # the seam of 通商 物流, not a word (mutual information too low)


def test_weakly_attested_strings_are_info_at_most():
    m = model()
    assert m.weak and not (m.weak & m.attested)
    loose = config_from_dict(
        {
            "select": ["GOV102"],
            "rules": {"GOV102": {"threshold": -9.0, "warning-threshold": -8.0, "error-threshold": -7.0}},
        }
    )
    checked = 0
    for w in sorted(m.weak):
        if len(w) != 2:
            continue
        text = f"关于{w}的说明。"
        sus = [s for s in detect(text, threshold=-9.0) if s.wrong == w]
        if not sus:
            continue
        assert sus[0].doubtful
        found = [f for f in lint_text(text, config=loose) if f.code == "GOV102" and f.match == w]
        assert found and all(f.severity is Severity.INFO for f in found)
        checked += 1
        if checked == 5:
            break
    assert checked == 5


def test_an_attested_idiom_is_not_rewritten():
    assert gov102("坚持以点带面推进工作。") == []


@pytest.mark.parametrize(
    "text",
    [
        "常务副主任：欧阳晓波 区社会事业局局长",
        "区交通与建设局副局长 高诚良 区气象局局长 林成荫",
        "凌敏同志任区旅游与文化体育局党组书记。",
    ],
)
def test_personal_names_in_lists_and_before_comrade(text):
    assert gov102(text) == []


def test_real_slips_are_still_found_next_to_the_guards():
    found = gov102("长顺县代化镇发挥好上情下达、下请上传的作用。")
    assert len(found) == 1 and "下请" in found[0][0]


def test_two_swapped_characters_of_a_common_word_are_a_warning():
    [(match, suggestion, severity)] = gov102("认真署部安全生产工作。")
    assert (match, suggestion) == ("署部", "部署")
    assert severity is Severity.WARNING


@pytest.mark.parametrize(
    "text", ["认真部署安全生产工作。", "在塘屿岛设立便民服务站。", "是不是已经落实到位？"]
)
def test_no_swap_where_the_text_is_right(text):
    assert gov102(text) == []


def test_trade_names_before_a_business_form_are_not_words():
    assert gov102("经专家评审，平潭县丰景家庭农场为区级示范场。") == []
    assert gov102("福建丰景农业有限公司已完成整改。") == []
    # the same characters in running text are still read
    assert any(s.wrong == "丰景" for s in detect("沿途丰景秀丽。", threshold=-9.0))
