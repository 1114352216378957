"""The first rules: title width and ending, half-width punctuation, dictionary matching semantics."""

from __future__ import annotations

import pytest
from helpers import codes, lint_text

from textlint_gov.config import Config
from textlint_gov.rules.gov201_title_length import cut_at, display_width


def only(*codes_):
    return Config(select=list(codes_))


# --- GOV201 ---------------------------------------------------------------------------------


def test_display_width_counts_half_width_as_half():
    assert display_width("关于2021年") == 2 + 4 * 0.5 + 1
    assert display_width("“通知”") == 4
    assert cut_at("一二三四", 2.5) == 2


def test_title_too_long_flags_overflow_only():
    title = "关于进一步加强和改进全区政府网站与政务新媒体信息内容建设管理工作的实施意见"
    (f,) = lint_text(title + "\n正文。", config=only("GOV201"))
    assert f.code == "GOV201" and f.severity.value == "warning"
    assert f.match == title[30:]
    assert "37" in f.message and "30" in f.message


def test_title_at_limit_passes_and_half_width_counts_half():
    assert lint_text("一" * 30 + "\n正文", config=only("GOV201")) == []
    assert lint_text("一" * 25 + "2021-2022" + "\n正文", config=only("GOV201")) == []  # 25 + 4.5
    assert codes(lint_text("一" * 26 + "2021-2022" + "\n正文", config=only("GOV201"))) == ["GOV201"]


def test_title_limit_is_configurable():
    cfg = only("GOV201")
    cfg.rule_options["GOV201"] = {"max-width": 10.0}
    assert codes(lint_text("一二三四五六七八九十十一\n正文", config=cfg)) == ["GOV201"]


def test_body_lines_are_not_titles_for_gov201():
    assert lint_text("短标题\n" + "正文" * 40, config=only("GOV201")) == []


# --- GOV202 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["我区召开安全生产工作会议。", "关于开展检查的通知，", "通知；", "通知、"])
def test_title_end_punctuation(title):
    (f,) = lint_text(title + "\n正文", config=only("GOV202"))
    assert f.suggestion == "" and f.match == title[-1]


@pytest.mark.parametrize("title", ["我区召开安全生产工作会议", "你了解新政策吗？", "改革再出发！"])
def test_title_end_punctuation_passes(title):
    assert lint_text(title + "\n正文。", config=only("GOV202")) == []


# --- GOV301 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("会议强调,要坚持人民至上.", [(",", "，"), (".", "。")]),
        ("各村(社区)要落实", [("(", "（"), (")", "）")]),
        ('他说"要落实"。', [('"', "“"), ('"', "”")]),
        ("联系电话:12345", [(":", "：")]),
        ("是否完成?请回复!", [("?", "？"), ("!", "！")]),
        ("地址为城关镇;电话另告", [(";", "；")]),
        ("已整改40处，整改率93.02%.", [(".", "。")]),
        ("总量增长了3.", [(".", "。")]),
    ],
)
def test_halfwidth_punctuation_flagged(text, expected):
    findings = lint_text("标题\n" + text, config=only("GOV301"))
    assert [(f.match, f.suggestion) for f in findings] == expected


@pytest.mark.parametrize(
    "text",
    [
        "圆周率约为3.14，人口1,000人，会议10:30开始。",
        "详见https://www.gov.cn/zhengce/2021,01/content.html页面。",
        "来信请寄xinxi@luoyang.gov.cn邮箱。",
        "请下载附件report.v2.docx填写。",
        "英文名称为Luoyang City, Henan Province (China).",
        "1.加强组织领导。2.压实工作责任。",
        "GDP增长8.1%。",
    ],
)
def test_halfwidth_punctuation_not_flagged(text):
    assert lint_text("标题\n" + text, config=only("GOV301")) == []


def test_halfwidth_fix_safety():
    findings = lint_text("标题\n会议强调,要坚持人民至上.", config=only("GOV301"))
    assert [f.applicability.value for f in findings] == ["safe", "unsafe"]


# --- dictionary kind semantics (GOV001 / GOV101) -------------------------------------------


def test_correct_form_is_not_a_hit_for_its_wrong_part():
    assert lint_text("标题\n学习习近平总书记重要讲话", config=only("GOV001")) == []
    assert lint_text("标题\n此事不属于本部门职责", config=only("GOV1")) == []


def test_wrong_form_found_with_whole_word_suggestion():
    (f,) = lint_text("标题\n学习习近平书记重要讲话", config=only("GOV001"))
    assert (f.match, f.suggestion, f.severity.value) == ("习近平书记", "习近平总书记", "error")


def test_since_date_applies_by_post_date():
    old = "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党"
    assert codes(lint_text("标题\n" + old, config=only("GOV001"), date="2021-03-01")) == ["GOV001"]
    assert lint_text("标题\n" + old, config=only("GOV001"), date="2019-03-01") == []
    assert codes(lint_text("标题\n" + old, config=only("GOV001"))) == ["GOV001"]  # date unknown


def test_allow_and_words_silence_findings():
    cfg = only("GOV001")
    cfg.allow = ["习近平书记处"]
    assert lint_text("标题\n原文：习近平书记处理", config=cfg) == []
    cfg = only("GOV101")
    cfg.words = ["布署科技"]
    assert lint_text("标题\n布署科技有限公司", config=cfg) == []
    assert codes(lint_text("标题\n布署工作", config=cfg)) == ["GOV101"]


def test_per_file_ignores():
    cfg = only("GOV")
    cfg.per_file_ignores = {"*.txt": ["GOV301"]}
    assert "GOV301" not in codes(lint_text("标题\n会议强调,要落实", config=cfg))
    assert "GOV301" in codes(lint_text("标题\n会议强调,要落实", name="t.md", config=cfg))


def test_same_fix_from_two_rules_is_reported_once():
    from textlint_gov.engine import _one_per_fix
    from textlint_gov.findings import Finding, Severity

    def f(code, sev, suggestion="部署", start=0):
        return Finding(code, "typo", sev, "m", "p", start, 2, 1, 1, 1, 3, "布署", suggestion)

    kept = _one_per_fix(
        [
            f("GOV102", Severity.WARNING),
            f("GOV101", Severity.ERROR),
            f("GOV201", Severity.WARNING, None),
            f("GOV103", Severity.ERROR, "布置"),
        ]
    )
    assert sorted((x.code, x.suggestion) for x in kept) == [
        ("GOV101", "部署"),
        ("GOV103", "布置"),
        ("GOV201", None),
    ]


def test_user_words_belong_to_their_configuration_not_the_process():
    """A configuration's user words reach its own segmenter only: linting with one rules.yaml does
    not change how the next configuration (another folder's, the review page's) cuts words."""
    from textlint_gov.config import Config

    text = "坎市镇政府"
    with_words = Config(words=["坎市镇"])
    assert ("坎市镇", 0, 3) in with_words.segmenter.tokenize(text, hmm=False)
    assert ("坎市镇", 0, 3) not in Config().segmenter.tokenize(text, hmm=False)
    assert Config(words=["坎市镇"]).segmenter is with_words.segmenter  # one segmenter per word set
