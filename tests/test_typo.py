"""Typo rules: GOV101 (reviewed wrong->right list) and GOV102 (statistical same-sound/shape check)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import lint_text
from textlint_gov.config import Config
from textlint_gov.findings import Applicability, Severity
from textlint_gov.rules import Context, registry
from textlint_gov.typo import COUNTRY_ABBREV, detect, model, traditional, vocabulary

TYPO = Config(select=["GOV101", "GOV102", "GOV103"])


def typo_findings(text: str, config: Config = TYPO):
    return lint_text(text, config=config)


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("发挥好上情下达、下请上传的作用。", "下请", "下情"),
        ("提高群众的获得感和幸扶感。", "幸扶", "幸福"),
        ("进一步优化营商环镜。", "环镜", "环境"),
    ],
)
def test_gov102_flags_confusable_char_with_whole_word(text, match, suggestion):
    found = [f for f in typo_findings(text) if f.code == "GOV102"]
    assert len(found) == 1
    f = found[0]
    # the whole corrected dictionary word: 下请 -> 下情, or the whole phrase 下请上传 -> 下情上传
    assert match in f.match and f.suggestion == f.match.replace(match, suggestion)
    assert f.category == "typo"
    assert "应为" in f.message and f.suggestion in f.message


def test_gov102_leaves_listed_typos_to_gov101():
    found = typo_findings("确保农名工工资按时足额支付。")
    assert [(f.code, f.suggestion) for f in found] == [("GOV101", "农民工")]
    assert [(s.wrong, s.right) for s in detect("确保农名工工资按时足额支付。")] == [("农名", "农民")]


@pytest.mark.parametrize(
    "config",
    [Config(select=["GOV102"]), Config(select=["GOV101", "GOV102"], ignore=["GOV101"])],
    ids=["select-GOV102", "ignore-GOV101"],
)
def test_gov102_does_not_lose_listed_typos_when_gov101_is_off(config):
    # GOV102 reports the reviewed span and correction itself; with GOV101 on, the engine keeps one
    found = typo_findings("确保农名工工资按时足额支付。", config)
    assert [(f.code, f.match, f.suggestion) for f in found] == [("GOV102", "农名工", "农民工")]
    found = typo_findings("要认真布署安全生产工作。", config)
    assert [(f.code, f.match, f.suggestion) for f in found] == [("GOV102", "布署", "部署")]


CORRECT = [
    "深化放管服改革，持续优化营商环境。",
    "积极稳妥推进碳达峰碳中和。",
    "全面推行一网通办，推动更多政务服务事项跨省通办。",
    "发挥好上情下达、下情上传的作用。",
    "中柬关系不断发展，中方愿同智方加强合作。",
    "铸魂育人，办好思政课。",
    "统筹疫情防控和经济社会发展，共克时艰。",
    "党的二十大胜利召开，描绘了全面建设社会主义现代化国家的宏伟蓝图。",
    "要精准施策，持续巩固拓展脱贫攻坚成果。",
    "陈奕迅在北京举办演唱会。",
    "（二）队伍建设宽严相济。以平时考核为抓手。",  # 宽严相济 was "corrected" to 相继 (平潭 posts, 2022)
    "提供助餐、助洁、紧急救援、巡访关爱等服务。",  # 巡访 was "corrected" to 寻访 (a 平潭 post, 2024)
]


@pytest.mark.parametrize("text", CORRECT)
def test_gov102_does_not_flag_correct_government_text(text):
    assert [f.match for f in typo_findings(text)] == []


def test_every_government_vocabulary_word_is_left_alone():
    words = vocabulary()
    assert {"放管服", "碳达峰", "一网通办"} <= set(words)
    text = "，".join(words) + "。"
    assert detect(text) == []


def test_user_words_are_vocabulary_for_the_detector():
    text = "发挥好上情下达、下请上传的作用。"
    assert detect(text)
    assert detect(text, frozenset({"下请上传"})) == []


def test_user_words_in_rules_yaml_silence_gov102():
    config = Config(select=["GOV102"], words=["下请上传"])
    assert typo_findings("发挥好上情下达、下请上传的作用。", config) == []


def test_confident_findings_are_errors_others_warnings_or_info():
    rule = registry()["GOV102"]
    assert rule.severity is Severity.ERROR and rule.relative_severity
    text = "发挥好上情下达、下请上传的作用。"
    [sus] = detect(text)
    from textlint_gov.document import Block

    def severity(**opts):
        ctx = Context(Block(text, "body"), {}, {"threshold": -5.0, **opts})
        [hit] = [h for h in rule.check(ctx) if h.start == sus.start]
        return hit.severity

    assert severity(**{"warning-threshold": -4.0, "error-threshold": sus.score}) is None  # configured: error
    assert severity(**{"warning-threshold": -4.0, "error-threshold": sus.score + 0.01}) is Severity.WARNING
    assert severity(**{"warning-threshold": sus.score + 0.01, "error-threshold": 9.0}) is Severity.INFO


@pytest.mark.parametrize("configured, expected", [(None, "error"), ("warning", "warning"), ("info", "info")])
def test_graded_severity_never_exceeds_the_configured_one(tmp_path, configured, expected):
    text = "发挥好上情下达、下请上传的作用。"
    [sus] = detect(text)
    assert sus.score >= 1.5  # confident: the top tier, reported at the configured severity
    cfg = tmp_path / "rules.yaml"
    body = "select: [GOV102]\n" + (f"severity:\n  GOV102: {configured}\n" if configured else "")
    cfg.write_text(body, encoding="utf-8")
    from textlint_gov.config import load_config

    [f] = typo_findings(text, load_config(cfg))
    assert f.severity.value == expected
    cfg.write_text(body + "rules:\n  GOV102:\n    error-threshold: 99.0\n", encoding="utf-8")
    [f] = typo_findings(text, load_config(cfg))
    assert f.severity.value == ("info" if configured == "info" else "warning")


def test_user_words_reach_the_rule_context():
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes

    seen = []
    rule = registry()["GOV102"]
    original = rule.check

    def spy(ctx):
        seen.append(ctx.words)
        return original(ctx)

    rule.check = spy
    try:
        lint(
            load_bytes("发挥好上情下达、下请上传的作用。".encode(), "a.txt"),
            Config(select=["GOV102"], words=["下请上传"]),
        )
    finally:
        del rule.check
    assert seen and all("下请上传" in w for w in seen)


def test_threshold_option_is_validated_and_used(tmp_path):
    text = "发挥好上情下达、下请上传的作用。"
    [sus] = detect(text)
    cfg = tmp_path / "rules.yaml"
    cfg.write_text(
        f"select: [GOV102]\nrules:\n  GOV102:\n    threshold: {sus.score + 0.01}\n", encoding="utf-8"
    )
    from textlint_gov.config import load_config

    assert typo_findings(text, load_config(cfg)) == []


def test_foreign_country_abbreviations_are_guarded():
    assert "柬" in COUNTRY_ABBREV
    assert detect("中柬两国友好往来") == []


def test_confusion_table_is_symmetric_for_sound():
    m = model()
    for a, row in list(m.confusion.items())[:500]:
        for b, kind in row.items():
            if kind == 0:
                assert m.confusion[b].get(a) == 0, (a, b)


def test_typo_data_is_loaded_lazily_and_without_heavy_imports():
    code = (
        "import sys\n"
        "from textlint_gov.rules import registry\n"
        "registry()\n"
        "import textlint_gov.typo as t\n"
        "assert t.model.cache_info().currsize == 0, 'loaded at registry time'\n"
        "from textlint_gov.config import Config\n"
        "from textlint_gov.engine import lint\n"
        "from textlint_gov.loaders import load_bytes\n"
        "lint(load_bytes('没有错别字的句子。'.encode(), 'a.txt'), Config(select=['GOV2']))\n"
        "assert t.model.cache_info().currsize == 0, 'loaded although no typo rule selected'\n"
        "lint(load_bytes('下请上传。'.encode(), 'a.txt'), Config(select=['GOV102']))\n"
        "assert t.model.cache_info().currsize == 1\n"
        "bad = [m for m in ('torch', 'transformers', 'pycorrector', 'kenlm') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _gov101_cases():
    rule = registry()["GOV101"]
    rule._compile()
    for e in rule.entries:
        for text, suggestion in e.flag:
            yield pytest.param(text, suggestion or e.correct, True, id=f"flag-{text}")
        for text in e.passes:
            yield pytest.param(text, None, False, id=f"pass-{text}")


@pytest.mark.parametrize("text, suggestion, flagged", list(_gov101_cases()))
def test_gov101_entries_flag_and_pass_cases(text, suggestion, flagged):
    found = list(typo_findings(text, Config(select=["GOV101"])))
    if flagged:
        assert suggestion in [f.suggestion for f in found]
    else:
        assert found == []


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("研究世界遗产之间的关係。", "关係", "关系"),
        ("中華人民共和國成立。", None, None),
        ("及时査看邮件。", "査看", "查看"),
    ],
)
def test_gov103_traditional_and_variant_characters(text, match, suggestion):
    found = list(typo_findings(text, Config(select=["GOV103"])))
    assert found
    if match:
        assert [(f.match, f.suggestion) for f in found] == [(match, suggestion)]
    for f in found:
        assert (
            f.applicability is not None
            and f.suggestion
            and all(ch not in traditional() for ch in f.suggestion)
        )


@pytest.mark.parametrize(
    "text",
    ["给予支持，予以表彰。", "河南简称豫。", "疏解非首都功能。", "后来居上，皇后。", "这是简体字文本。"],
)
def test_gov103_leaves_simplified_characters_alone(text):
    assert typo_findings(text, Config(select=["GOV103"])) == []


def test_incremental_segmentation_score_equals_a_full_rescore():
    m = model()
    for text in (
        "发挥好上情下达下请上传的作用",
        "进一步优化营商环镜",
        "提高群众的获得感和幸扶感",
        "中华人民共和国",
    ):
        fb = m.forward_backward(text)
        assert abs(fb[0][-1] - m.best(text)) < 1e-9 and abs(fb[1][0] - m.best(text)) < 1e-9
        for p in range(len(text)):
            for ch in "情境福国人":
                assert abs(m.best_replaced(text, p, ch, fb) - m.best(text[:p] + ch + text[p + 1 :])) < 1e-9


def test_stroke_shape_pairs_are_confusions():
    m = model()
    assert m.confusion["早"].get("旱") == 3 and m.confusion["旱"].get("早") == 3
    assert m.confusion["拨"].get("拔") is not None


def test_options_read_in_chunks_equal_the_whole_text_read_at_once():
    # the replacements of a long block are computed chunk by chunk (bounded memory); a slip across a
    # chunk seam (下请 at OPTION_CHUNK - 1) is found as in the text read at once
    from textlint_gov.typo import detector

    m = model()
    step = detector.OPTION_CHUNK
    text = "发挥好上情下达的作用，认真部署工作。" * (step // 18 + 1)
    text = text[: step - 1] + "下请上传，再接再励。" + text[step - 1 :] * 2
    chunked = detector._TextOptions(m, text, detector.GEN_GAIN)
    chunked.upto(len(text))
    whole = detector._options(m, text, detector.GEN_GAIN)
    assert dict(chunked) == whole
    assert "情" in whole[step] and "厉" in whole[step + 7]
    found = {(s.start, s.right) for s in detect(text)}
    assert (step - 1, "下情") in found


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("福建福昇行贸易有限公司", "福昇行", "福升行"),  # a registered name (平潭 post, 2022)
        ("北宋毕昇发明活字印刷。", "毕昇", "毕升"),
        ("李陞同志", "李陞", "李升"),
    ],
)
def test_gov103_a_variant_allowed_in_names_is_only_a_reminder(text, match, suggestion):
    """《通用规范汉字表》附件1 allows 昇, 陞 … in names: info that --fix never applies, not a warning."""
    found = typo_findings(text, Config(select=["GOV103"]))
    assert [(f.match, f.suggestion, f.severity) for f in found] == [(match, suggestion, Severity.INFO)]
    assert all(f.applicability is Applicability.UNSAFE and "姓氏人名" in f.message for f in found)
    # another variant in the same word is a warning as before
    assert [f.severity for f in typo_findings("関係", Config(select=["GOV103"]))] == [Severity.WARNING]
