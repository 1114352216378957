"""govlint audit: the inspection's own indicators, vetoes, warnings and the rectification ledger,
on a fixture export worked out by hand. Month 2021-01 (end 2021-01-31); default ``inspection:``
numbers; rules GOV001 (shipped: 习近平书记), GOV504 (涉密标记) and the test dictionary GOV990.

教育体育局 (folders are columns)           columns declared: 工作动态 动态要闻, 通知公告 通知公告 (alias tzgg),
                                           政策文件 政策文件, 专题专栏 其他 cycle 90, 人事信息 其他,
                                           规划计划 政策文件 required: false
  工作动态/2021-01-05 动态一.txt     “1月20日，局党组召开……” reported as past: 发布日期存疑
  工作动态/2021-01-12 动态二.txt     习近平书记: GOV001 error, 严重表述错误
  工作动态/2020-12-20, 2020-12-22    last month's posts (outside the month; rechecked for the ledger)
  通知公告/2020-06-01 旧通知.txt     244 days old at month end
  政策文件/2021-01-20 政策.md        links: 附件/说明.rar ok, 附件/空.rar 0 bytes, 附件/不存在.rar missing,
                                     http://www.example.com non-government, www.moe.gov.cn ok, mailto skipped
  专题专栏/2020-09-01 专题.txt       152 days old, cycle 90
  杂项/2021-01-08 杂.txt             unknown column folder (a problem; still counts); 内部资料 注意保存: 2 × GOV504
  首页不更新   last post 01-20 → 11 days            预警 (10 ≤ 11 < 14)
  栏目不更新   工作动态 19 d ≥ 14, 通知公告 244 ≥ 183 → 2   ok (< 3)
  应更新栏目未更新  工作动态, 通知公告, 专题专栏 → 3    ok (< 6)
  空白栏目     人事信息, 规划计划 → 2                 预警
  严重表述错误 1 → 否决;  涉密标记 2 → 否决;  发布日期存疑 1 → 预警;  链接不可用 3 → 预警
  互动回应     message 1 asked 2020-10-01, unanswered: 122 days → 否决; message 2 answered after 45 days (late)

城关镇 (a crawled site: zwgk/<column alias>/YYYYMM/tYYYYMMDD_n.html)   columns: 公示公告 通知公告 (gsgg),
                                           镇务动态 动态要闻 (zwdt), 政策解读 政策文件
  zwgk/gsgg/202101/t20210105_1.html  PubDate 01-05; its article's image ./W020210105.png is missing
                                     (the navigation's links are not the article's and are not counted)
  zwgk/zwdt/202012/t20201215_2.html  PubDate 2020-12-15
  zwgk/zwdt/202101/t20210110_3.html  PubDate 2020-12-28 (filed in January) but reports 1月8日 as past
  2021-01-18 领导.md                 front matter column 领导之窗: matches no column (a problem)
  首页不更新 01-18 → 13 days 预警; 栏目不更新 镇务动态 (last 12-28, 34 d) → 1 ok; 应更新 1 ok;
  空白栏目 政策解读 → 1 ok; 发布日期存疑 1 预警; 链接不可用 1 预警;
  互动回应 message 3 asked 2020-11-25 unanswered: 67 days → 预警

丙局: no columns, no posts → 首页不更新 否决 (no dated post); 互动回应 message 5: 11 days ok;
message 6 has no date: one problem line, the rest is counted.

Ledger against a hand-written 2020-12 JSON: 教育体育局 已整改 3 (2020-12-20 fixed, a deleted post,
栏目不更新 back to ok), 未整改 2 (2020-12-22 still has it, lines moved; 涉密标记 still 否决),
新增 9 (3 findings, 6 indicators); 城关镇 未整改 1 (首页不更新), 新增 3; 丙局 新增 1.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

RULES = """\
select: [GOV001, GOV504, GOV990]
dictionaries: [audit_test.yaml]
"""

DICTIONARY = """\
rule:
  code: GOV990
  name: audit-indicator-test
  category: typo
  severity: error
  summary: 审计测试用词表
  message: "“{match}”应为“{correct}”"
entries:
  - correct: 部署
    wrong: [布署]
    source: 测试
    flag: [认真布署工作]
"""

UNITS = """\
units:
  - name: 教育体育局
    group: 市直单位
    scores: {公共服务: 4}
    columns:
      - {name: 工作动态, type: 动态要闻}
      - {name: 通知公告, type: 通知公告, aliases: [tzgg]}
      - {name: 政策文件, type: 政策文件}
      - {name: 专题专栏, type: 其他, cycle_days: 90}
      - {name: 人事信息, type: 其他}
      - {name: 规划计划, type: 政策文件, required: false}
  - name: 城关镇
    group: 镇（街道）
    scores: {公共服务: 3}
    columns:
      - {name: 公示公告, type: 通知公告, aliases: [gsgg]}
      - {name: 镇务动态, type: 动态要闻, aliases: [zwdt]}
      - {name: 政策解读, type: 政策文件}
  - name: 丙局
    group: 市直单位
    scores: {公共服务: 5}
"""

MESSAGES = """\
id,unit,asked,answered
1,教育体育局,2020-10-01,
2,教育体育局,2020-12-01,2021-01-15
3,城关镇,2020-11-25,
4,城关镇,2021-01-10,2021-01-12
5,丙局,2021-01-20,
6,丙局,不是日期,
"""

PAGE = """<html><head><meta name="PubDate" content="{date}"><meta name="ColumnName" content="{column}">
<title>{title}</title></head><body>
<div class="nav"><a href="/index.html">首页</a> <a href="../../../zwgk/index.html">政务公开</a></div>
<div class="TRS_Editor"><p>{body}</p>{extra}</div>
<div class="footer"><a href="http://www.example.com/ad">友情链接</a></div></body></html>
"""


def _txt(path: Path, body: str, title: str = "教育体育局召开工作会议") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def _page(path: Path, date: str, column: str, body: str, extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        PAGE.format(date=date, column=column, title="城关镇发布公告", body=body, extra=extra),
        encoding="utf-8",
    )


def build(root: Path) -> tuple[Path, Path]:
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    (root / "audit_test.yaml").write_text(DICTIONARY, encoding="utf-8")
    ex = root / "export"
    ex.mkdir()
    (ex / "units.yaml").write_text(UNITS, encoding="utf-8")
    (ex / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    a = ex / "教育体育局"
    _txt(a / "工作动态" / "2021-01-05 动态一.txt", "1月20日，局党组召开专题会议，研究寒假安全工作。")
    _txt(a / "工作动态" / "2021-01-12 动态二.txt", "会议传达学习习近平书记重要讲话精神。")
    _txt(a / "工作动态" / "2020-12-20 旧动态.txt", "会议传达学习习近平总书记重要讲话精神。")
    _txt(
        a / "工作动态" / "2020-12-22 未改.txt",
        "补充一段。\n\n再补一段。\n\n会议传达学习习近平书记重要讲话精神。",
    )
    _txt(a / "通知公告" / "2020-06-01 旧通知.txt", "关于暑期安全的通知。")
    (a / "政策文件" / "附件").mkdir(parents=True)
    (a / "政策文件" / "附件" / "说明.rar").write_bytes(b"Rar!\x1a\x07\x00 not empty")
    (a / "政策文件" / "附件" / "空.rar").write_bytes(b"")
    (a / "政策文件" / "2021-01-20 政策.md").write_text(
        "# 关于印发教育惠民政策的通知\n\n"
        "见[政策说明](附件/说明.rar)、[空附件](附件/空.rar)、[缺失附件](附件/不存在.rar)。\n\n"
        "参考[某网站](http://www.example.com/a)和[教育部](http://www.moe.gov.cn/)，"
        "来信请[发邮件](mailto:jyj@example.gov.cn)，[回到顶部](#top)。\n",
        encoding="utf-8",
    )
    _txt(a / "专题专栏" / "2020-09-01 专题.txt", "专题内容。")
    _txt(a / "杂项" / "2021-01-08 杂.txt", "内部资料 注意保存\n\n本周工作安排。")
    z = ex / "城关镇" / "zwgk"
    _page(
        z / "gsgg" / "202101" / "t20210105_1.html",
        "2021-01-05 09:00",
        "公示公告",
        "城关镇集市自2月起迁至新址，请商户按时入驻。",
        '<p><img src="./W020210105.png"></p>',
    )
    _page(z / "zwdt" / "202012" / "t20201215_2.html", "2020-12-15", "镇务动态", "镇政府召开冬季安全会议。")
    _page(
        z / "zwdt" / "202101" / "t20210110_3.html",
        "2020-12-28",
        "镇务动态",
        "1月8日，镇党委召开班子会议，研究农村人居环境整治工作。",
    )
    (ex / "城关镇" / "2021-01-18 领导.md").write_text(
        "---\ncolumn: 领导之窗\n---\n# 镇长调研农业生产\n\n镇长到各村调研。\n", encoding="utf-8"
    )
    return ex, root / "rules.yaml"


PREVIOUS = {
    "month": "2020-12",
    "units": [
        {
            "unit": "教育体育局",
            "post_scores": [
                {
                    "path": "教育体育局/工作动态/2020-12-20 旧动态.txt",
                    "findings_detail": [
                        {
                            "path": "教育体育局/工作动态/2020-12-20 旧动态.txt",
                            "line": 3,
                            "code": "GOV001",
                            "match": "习近平书记",
                            "message": "应为“习近平总书记”",
                        }
                    ],
                },
                {
                    "path": "教育体育局/工作动态/2020-12-22 未改.txt",
                    "findings_detail": [
                        {
                            "path": "教育体育局/工作动态/2020-12-22 未改.txt",
                            "line": 3,
                            "code": "GOV001",
                            "match": "习近平书记",
                            "message": "应为“习近平总书记”",
                        }
                    ],
                },
                {
                    "path": "教育体育局/已删除.txt",
                    "findings_detail": [
                        {"path": "教育体育局/已删除.txt", "line": 2, "code": "GOV990", "match": "布署"}
                    ],
                },
            ],
            "indicators": [
                {"name": "涉密标记", "value": 1, "threshold": 1, "status": "否决", "evidence": []},
                {"name": "栏目不更新", "value": 3, "threshold": 5, "status": "预警", "evidence": []},
                {"name": "空白栏目", "value": 0, "threshold": 5, "status": "ok", "evidence": []},
            ],
        },
        {
            "unit": "城关镇",
            "post_scores": [],
            "indicators": [{"name": "首页不更新", "value": 20, "threshold": 14, "status": "否决"}],
        },
    ],
}

# unit -> indicator name -> (value, status), worked out in the module docstring
EXPECTED = {
    "教育体育局": {
        "首页不更新": (11, "预警"),
        "栏目不更新": (2, "ok"),
        "应更新栏目未更新": (3, "ok"),
        "空白栏目": (2, "预警"),
        "严重表述错误": (1, "否决"),
        "涉密标记": (2, "否决"),
        "发布日期存疑": (1, "预警"),
        "链接不可用": (3, "预警"),
        "互动回应": (122, "否决"),
    },
    "城关镇": {
        "首页不更新": (13, "预警"),
        "栏目不更新": (1, "ok"),
        "应更新栏目未更新": (1, "ok"),
        "空白栏目": (1, "ok"),
        "严重表述错误": (0, "ok"),
        "涉密标记": (0, "ok"),
        "发布日期存疑": (1, "预警"),
        "链接不可用": (1, "预警"),
        "互动回应": (67, "预警"),
    },
    "丙局": {
        "首页不更新": (None, "否决"),
        "栏目不更新": (0, "ok"),
        "应更新栏目未更新": (0, "ok"),
        "空白栏目": (0, "ok"),
        "严重表述错误": (0, "ok"),
        "涉密标记": (0, "ok"),
        "发布日期存疑": (0, "ok"),
        "链接不可用": (0, "ok"),
        "互动回应": (11, "ok"),
    },
}
VETOES = [
    ("教育体育局", "严重表述错误", 1, 1),
    ("教育体育局", "涉密标记", 2, 1),
    ("教育体育局", "互动回应", 122, 90),
    ("丙局", "首页不更新", None, 14),
]
WARNINGS = {
    ("教育体育局", "首页不更新"),
    ("教育体育局", "空白栏目"),
    ("教育体育局", "发布日期存疑"),
    ("教育体育局", "链接不可用"),
    ("城关镇", "首页不更新"),
    ("城关镇", "发布日期存疑"),
    ("城关镇", "链接不可用"),
    ("城关镇", "互动回应"),
}
LEDGER = {
    "教育体育局": {"已整改": 3, "未整改": 2, "新增": 9},
    "城关镇": {"已整改": 0, "未整改": 1, "新增": 3},
    "丙局": {"已整改": 0, "未整改": 0, "新增": 1},
}


@pytest.fixture
def export(tmp_path):
    ex, rules = build(tmp_path)
    prev = tmp_path / "2020-12.json"
    prev.write_text(json.dumps(PREVIOUS, ensure_ascii=False), encoding="utf-8")
    return ex, rules, prev


def _audit(export, previous=True, **kw):
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.config import load_config

    ex, rules, prev = export
    return run_audit(
        ex, "2021-01", config=load_config(rules), jobs=1, previous=prev if previous else None, **kw
    )


def _by_name(result) -> dict:
    return {u.unit.name: {i.name: (i.value, i.status) for i in u.indicators} for u in result.units}


def test_indicators_worked_by_hand(export):
    from textlint_gov.audit.indicators import NAMES

    result = _audit(export)
    assert _by_name(result) == EXPECTED
    assert all([i.name for i in u.indicators] == list(NAMES) for u in result.units)
    assert [(u.unit.name, i.name, i.value, i.threshold) for u, i in result.vetoes()] == VETOES
    assert {(u.unit.name, i.name) for u, i in result.warnings()} == WARNINGS


def test_evidence_names_what_and_where(export):
    result = _audit(export)
    by = {u.unit.name: {i.name: i for i in u.indicators} for u in result.units}
    a, z = by["教育体育局"], by["城关镇"]
    assert [e.path for e in a["严重表述错误"].evidence] == ["教育体育局/工作动态/2021-01-12 动态二.txt"]
    assert "习近平书记" in a["严重表述错误"].evidence[0].text
    secrets = [e.text for e in a["涉密标记"].evidence]
    assert [t.split(" “")[0] for t in secrets] == [
        "教育体育局/杂项/2021-01-08 杂.txt:3:1",
        "教育体育局/杂项/2021-01-08 杂.txt:3:6",
    ]
    assert "“内部资料”" in secrets[0] and "“注意保存”" in secrets[1]
    assert "1月20日" in a["发布日期存疑"].evidence[0].text
    links = sorted(e.text for e in a["链接不可用"].evidence)
    assert len(links) == 3
    assert any("空文件" in t and "空.rar" in t for t in links)
    assert any("不在导出中" in t and "不存在.rar" in t for t in links)
    assert any("非政府网站 www.example.com" in t for t in links)
    assert not any("moe.gov.cn" in t or "说明.rar" in t or "mailto" in t for t in links)
    blank = {e.text for e in a["空白栏目"].evidence}
    assert blank == {"栏目“人事信息”没有任何稿件", "栏目“规划计划”没有任何稿件"}
    stale = " ".join(e.text for e in a["栏目不更新"].evidence)
    assert "工作动态" in stale and "通知公告" in stale and "专题专栏" not in stale
    assert "专题专栏" in " ".join(e.text for e in a["应更新栏目未更新"].evidence)
    replies = [e.text for e in a["互动回应"].evidence]
    assert any("留言 1" in t and "122 天未答复" in t for t in replies)
    assert any("留言 2" in t and "45 天后才答复" in t for t in replies)
    # the crawled page: the article's missing image, not the navigation's or the footer's links
    assert [e.text for e in z["链接不可用"].evidence] == [
        "城关镇/zwgk/gsgg/202101/t20210105_1.html：链接指向的文件不在导出中：./W020210105.png"
    ]
    assert "t20210110_3.html" in z["发布日期存疑"].evidence[0].text
    assert "1月8日" in z["发布日期存疑"].evidence[0].text


def test_columns_from_folders_crawl_paths_and_metadata(export):
    result = _audit(export)
    problems = {(p.kind, p.path, p.unit) for p in result.problems}
    assert ("unknown_column", "教育体育局/杂项/", "教育体育局") in problems
    assert ("unknown_column", "城关镇/2021-01-18 领导.md", "城关镇") in problems
    assert not any(p.kind == "unknown_column" and "zwgk" in p.path for p in result.problems)
    by = {u.unit.name: u for u in result.units}
    # the post in the unknown column still counts for the unit
    assert "教育体育局/杂项/2021-01-08 杂.txt" in [p.post.path for p in by["教育体育局"].posts]
    assert [p.kind for p in result.problems if p.kind == "bad_messages"] == ["bad_messages"]
    bad = next(p for p in result.problems if p.kind == "bad_messages")
    assert "第 7 行" in bad.message and "\n" not in bad.message


def test_ledger_worked_by_hand(export):
    result = _audit(export)
    assert result.previous == "2020-12"
    assert {u.unit.name: u.ledger.counts() for u in result.units} == LEDGER
    items = {
        (i.state, i.path, i.kind)
        for i in next(u for u in result.units if u.unit.name == "教育体育局").ledger.items
    }
    assert ("已整改", "教育体育局/工作动态/2020-12-20 旧动态.txt", "finding") in items
    assert ("未整改", "教育体育局/工作动态/2020-12-22 未改.txt", "finding") in items
    assert ("已整改", "教育体育局/已删除.txt", "finding") in items
    # last month's posts checked again for the ledger are not this month's posts
    a = next(u for u in result.units if u.unit.name == "教育体育局")
    assert all(not p.post.path.startswith("教育体育局/工作动态/2020-12") for p in a.posts)
    assert a.findings == {"error": 3, "warning": 0, "info": 0}


def test_json_keys(export):
    from textlint_gov.audit.formats import render

    data = json.loads(render("json", _audit(export)))
    for u in data["units"]:
        assert {i["name"]: (i["value"], i["status"]) for i in u["indicators"]} == EXPECTED[u["unit"]]
        for i in u["indicators"]:
            assert set(i) == {"name", "value", "threshold", "status", "evidence"}
            assert i["status"] in ("ok", "预警", "否决")
        assert u["ledger"]["counts"] == LEDGER[u["unit"]]
    assert [(v["unit"], v["name"], v["value"], v["threshold"]) for v in data["vetoes"]] == VETOES
    assert all(set(v) == {"unit", "name", "value", "threshold", "evidence"} for v in data["vetoes"])
    assert data["previous"] == "2020-12"
    # the existing keys are still there
    assert {"month", "weeks", "groups", "columns", "scoring", "units", "problems"} <= set(data)


def test_json_output_is_next_months_previous(export, tmp_path):
    """This month's JSON is a valid --previous: every finding is in it (post_scores.findings_detail)."""
    from textlint_gov.audit.formats import render
    from textlint_gov.audit.ledger import load_previous

    path = tmp_path / "2021-01.json"
    path.write_text(render("json", _audit(export)), encoding="utf-8")
    prev, why = load_previous(path, "2021-02", ["教育体育局", "城关镇", "丙局"])
    assert why is None
    assert len(prev.findings["教育体育局"]) == 3
    assert set(prev.indicators["教育体育局"]) == {n for (u, n) in WARNINGS if u == "教育体育局"} | {
        "严重表述错误",
        "涉密标记",
        "互动回应",
    }


def test_table_format(export):
    from textlint_gov.audit.formats import render

    text = render("table", _audit(export))
    vetoes = text[text.index("单项否决（4）") : text.index("预警（8）")]
    warnings = text[text.index("预警（8）") : text.index("整改台账")]
    firsts = [line.split()[0] for line in vetoes.splitlines()[3:] if line.strip()]
    assert firsts == ["教育体育局", "教育体育局", "教育体育局", "丙局"]
    firsts = [line.split()[0] for line in warnings.splitlines()[3:] if line.strip()]
    assert firsts == ["教育体育局"] * 4 + ["城关镇"] * 4
    ledger = text[text.index("整改台账（对照 2020-12 审计结果）") :].splitlines()
    assert ledger[3].split() == ["教育体育局", "3", "2", "9"]


def test_csv_format(export):
    from textlint_gov.audit.formats import render

    rows = list(csv.reader(io.StringIO(render("csv", _audit(export)))))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "单项否决（4）")
    assert rows[start + 1] == ["单位名称", "指标", "值", "阈值", "依据"]
    assert [r[:4] for r in rows[start + 2 : start + 6]] == [
        ["教育体育局", "严重表述错误", "1", "1"],
        ["教育体育局", "涉密标记", "2", "1"],
        ["教育体育局", "互动回应", "122 天", "90 天"],
        ["丙局", "首页不更新", "无稿件", "14 天"],
    ]
    warn = next(i for i, r in enumerate(rows) if r and r[0] == "预警（8）")
    assert {(r[0], r[1]) for r in rows[warn + 2 : warn + 10]} == WARNINGS
    ledger = next(i for i, r in enumerate(rows) if r and r[0].startswith("整改台账"))
    assert rows[ledger + 1] == ["单位名称", "已整改", "未整改", "新增"]
    assert rows[ledger + 2 : ledger + 5] == [[u, *(str(n) for n in c.values())] for u, c in LEDGER.items()]


def test_markdown_format(export):
    from textlint_gov.audit.formats import render

    text = render("markdown", _audit(export))
    assert "## 单项否决（4）" in text and "## 预警（8）" in text
    assert text.index("## 单项否决") < text.index("## 预警") < text.index("## 依据")
    assert "| 丙局 | 首页不更新 | 无稿件 | 14 天 |" in text
    assert "| 教育体育局 | 3 | 2 | 9 |" in text
    assert "- **涉密标记**（否决）" in text
    assert "[未整改] 教育体育局/工作动态/2020-12-22 未改.txt" in text


def test_html_format(export):
    from textlint_gov.audit.formats import render

    html = render("html", _audit(export))
    first = html.index('<section class="indicators">')
    assert first < html.index('<section class="group">')  # shown first
    assert html.count('<tr class="veto">') == 4 and html.count('<tr class="warn">') == 8
    assert "tr.veto td{background:#f7d4d0" in html and "tr.warn td{background:#fbe7c2" in html
    # evidence links to the unit's evidence below
    assert '<a href="#unit-1"><code>教育体育局/工作动态/2021-01-12 动态二.txt</code></a>' in html
    assert '<details id="unit-1">' in html and '<details id="unit-3">' in html
    assert "整改台账（对照 2020-12 审计结果）" in html


def test_docx_format(export, tmp_path):
    import docx

    from textlint_gov.audit.formats import render

    out = tmp_path / "annex.docx"
    out.write_bytes(render("docx", _audit(export)))
    d = docx.Document(str(out))
    assert len(d.tables) == 4  # two groups, 单项否决和预警, 整改台账
    rows = [[c.text for c in r.cells] for r in d.tables[2].rows]
    assert rows[0] == ["类别", "单位名称", "指标", "值", "阈值", "依据"]
    assert [r[0] for r in rows[1:]] == ["单项否决"] * 4 + ["预警"] * 8
    assert [(r[1], r[2]) for r in rows[1:5]] == [(u, n) for u, n, _v, _t in VETOES]
    assert [[c.text for c in r.cells] for r in d.tables[3].rows][1] == ["教育体育局", "3", "2", "9"]
    texts = [p.text for p in d.paragraphs]
    assert "附件3" in texts and "2021年1月单项否决和预警情况" in texts and "附件4" in texts


# ---------------------------------------------------------------- bad inputs: one line, the audit goes on


def test_previous_from_another_export(export, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"month": "2020-12", "units": [{"unit": "某县财政局"}]}), encoding="utf-8")
    ex, rules, _ = export
    result = _audit((ex, rules, other))
    bad = [p for p in result.problems if p.kind == "bad_previous"]
    assert len(bad) == 1 and "另一份导出" in bad[0].message and "\n" not in bad[0].message
    assert result.previous is None and all(u.ledger is None for u in result.units)
    assert _by_name(result) == EXPECTED  # the rest of the audit is unchanged


@pytest.mark.parametrize(
    "text, words",
    [
        ("{not json", "无法解析"),
        ('{"month": "2021-01", "units": []}', "不早于"),
        ('["a list"]', "缺少 month"),
    ],
)
def test_previous_unusable(export, tmp_path, text, words):
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    ex, rules, _ = export
    result = _audit((ex, rules, bad))
    lines = [p.message for p in result.problems if p.kind == "bad_previous"]
    assert len(lines) == 1 and words in lines[0]
    assert _by_name(result) == EXPECTED


@pytest.mark.parametrize(
    "content, words",
    [
        ("编号;单位\n1;丙局\n", "缺少"),
        (b"\xff\xfe\x00\x00bad", "编码"),
        ("", "空文件"),
    ],
)
def test_malformed_messages(export, content, words):
    ex, _rules, _ = export
    path = ex / "messages.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = _audit(export, previous=False)
    lines = [p.message for p in result.problems if p.kind == "bad_messages"]
    assert len(lines) == 1 and words in lines[0], lines
    assert all(i.value == 0 for u in result.units for i in u.indicators if i.name == "互动回应")
    assert _by_name(result)["教育体育局"]["涉密标记"] == (2, "否决")


def test_without_messages_or_columns_existing_exports_keep_working(export):
    ex, _rules, _ = export
    (ex / "messages.csv").unlink()
    result = _audit(export, previous=False)
    reply = {u.unit.name: next(i for i in u.indicators if i.name == "互动回应") for u in result.units}
    assert all(i.status == "ok" and "messages.csv" in i.evidence[0].text for i in reply.values())
    c = next(u for u in result.units if u.unit.name == "丙局")
    assert "未声明" in next(i for i in c.indicators if i.name == "空白栏目").evidence[0].text
    assert result.previous is None and all(u.ledger is None for u in result.units)


def test_bad_column_declaration_names_the_key(tmp_path):
    from textlint_gov.audit.collect import AuditError, units_from_data

    base = {"name": "甲局", "group": "市直单位"}
    for columns, words in [
        ([{"name": "通知", "type": "公告"}], "type 应为"),
        ([{"name": "通知", "type": "其他", "cycle_days": 0}], "cycle_days"),
        ([{"name": "通知", "type": "通知公告", "colour": 1}], "未知的键“colour”"),
        ({"name": "通知"}, "columns 应为列表"),
        (
            [{"name": "通知", "type": "通知公告"}, {"name": "公告", "type": "通知公告", "aliases": ["通知"]}],
            "重复",
        ),
    ]:
        with pytest.raises(AuditError, match=words):
            units_from_data({"units": [{**base, "columns": columns}]})


@pytest.mark.parametrize(
    "raw, key",
    [
        ({"site_days": -1}, "inspection.site_days"),
        ({"site_days": 1.5}, "inspection.site_days"),
        ({"blank_columns": "五"}, "inspection.blank_columns"),
        ({"update_days": {"专题": 30}}, "inspection.update_days"),
        ({"link_domains": "gov.cn"}, "inspection.link_domains"),
        ({"site_warn_days": 20}, "inspection.site_warn_days"),
        ({"speed": 1}, "speed"),
    ],
)
def test_bad_inspection_numbers_are_one_line(tmp_path, run_cli, raw, key):
    import yaml

    from textlint_gov.config import ConfigError, config_from_dict

    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        config_from_dict({"inspection": raw})
    p = tmp_path / "rules.yaml"
    p.write_text(yaml.safe_dump({"inspection": raw}, allow_unicode=True), encoding="utf-8")
    (tmp_path / "ex").mkdir()
    res = run_cli("audit", tmp_path / "ex", "--month", "2021-01", "--config", p)
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "rules.yaml" in res.stderr


def test_inspection_numbers_move_the_lines(export, tmp_path):
    ex, rules, prev = export
    rules.write_text(
        RULES
        + "inspection:\n  site_days: 11\n  blank_columns: 2\n  message_days: 130\n  message_warn_days: 120\n",
        encoding="utf-8",
    )
    got = _by_name(_audit((ex, rules, prev)))["教育体育局"]
    assert got["首页不更新"] == (11, "否决") and got["空白栏目"] == (2, "否决")
    assert got["互动回应"] == (122, "预警")


# ---------------------------------------------------------------- --check-links (a local server only)


class _Handler(BaseHTTPRequestHandler):
    requested: list[str] = []

    def do_HEAD(self):
        type(self).requested.append(self.path)
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # the local server is asked directly
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.requested = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_links_requests_external_urls(export, server):
    ex, rules, prev = export
    rules.write_text(
        RULES + "inspection:\n  link_domains: [gov.cn, 127.0.0.1]\n  link_timeout: 2\n", encoding="utf-8"
    )
    (ex / "丙局").mkdir()
    (ex / "丙局" / "2021-01-29 链接.md").write_text(
        f"# 丙局发布通知\n\n见[可用]({server}/ok)和[失效]({server}/missing)。\n", encoding="utf-8"
    )
    offline = _by_name(_audit((ex, rules, prev)))["丙局"]["链接不可用"]
    assert offline == (0, "ok") and _Handler.requested == []  # offline by default
    result = _audit((ex, rules, prev), check_links=True)
    c = next(u for u in result.units if u.unit.name == "丙局")
    links = next(i for i in c.indicators if i.name == "链接不可用")
    assert (links.value, links.status) == (1, "预警")
    assert "HTTP 404" in links.evidence[0].text and "/missing" in links.evidence[0].text
    assert sorted(set(_Handler.requested)) == ["/missing", "/ok"]


def test_check_links_is_bounded_by_count(export, server):
    ex, rules, prev = export
    rules.write_text(
        RULES + "inspection:\n  link_domains: [gov.cn, 127.0.0.1]\n  link_max: 1\n", encoding="utf-8"
    )
    (ex / "丙局").mkdir()
    (ex / "丙局" / "2021-01-29 链接.md").write_text(
        f"# 丙局发布通知\n\n见[可用]({server}/ok)和[失效]({server}/missing)。\n", encoding="utf-8"
    )
    result = _audit((ex, rules, prev), check_links=True)
    assert set(_Handler.requested) == {"/ok"}
    assert [p.kind for p in result.problems if p.kind == "links_skipped"] == ["links_skipped"]


def test_cli_previous_and_check_links_options(export, run_cli, tmp_path):
    ex, rules, prev = export
    res = run_cli(
        "audit", ex, "--month", "2021-01", "--config", rules, "--format", "json", "--jobs", "1",
        "--no-cache", "--previous", prev,
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["previous"] == "2020-12" and len(data["vetoes"]) == 4


def test_parallel_and_cached_runs_give_the_same_indicators(export, tmp_path):
    """The facts the indicators need travel with the cached findings (links, 成文日期, events, column)."""
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.config import load_config

    ex, rules, prev = export
    serial = _audit(export)
    cache = tmp_path / "cache"
    for _ in range(2):
        result = run_audit(ex, "2021-01", config=load_config(rules), jobs=2, cache_dir=cache, previous=prev)
        assert _by_name(result) == EXPECTED
        assert [(u.unit.name, i.name, [e.text for e in i.evidence]) for u, i in result.vetoes()] == [
            (u.unit.name, i.name, [e.text for e in i.evidence]) for u, i in serial.vetoes()
        ]
        assert {u.unit.name: u.ledger.counts() for u in result.units} == LEDGER
    assert result.cache_hits == result.files_checked


def test_hostile_links_do_not_stop_the_audit(export):
    """Links no URL parser accepts, NUL bytes, links out of the export: judged, never followed out."""
    ex, _rules, _ = export
    (ex / "丙局").mkdir()
    (ex / "丙局" / "2021-01-29 怪链接.md").write_text(
        "# 丙局发布通知\n\n[a](http://[::1) [b](../../../etc/passwd) [c](/etc/passwd) [d](a%00b.pdf) "
        "[e](http://a.gov.cn:99999/x) [f](<>)\n",
        encoding="utf-8",
    )
    result = _audit(export, previous=False)
    links = next(
        i for u in result.units if u.unit.name == "丙局" for i in u.indicators if i.name == "链接不可用"
    )
    assert links.value == 3 and all("不在导出中" in e.text for e in links.evidence)


@pytest.mark.parametrize(
    ("target", "issue"),
    [
        ("http://10.1.2.3/oa/notice.html", "无法访问"),  # a private address: the office's intranet
        ("http://192.168.0.8:8080/a.pdf", "无法访问"),
        ("http://localhost/x", "无法访问"),
        ("http://[::1]/x", "无法访问"),
        ("http://oa/portal", "无法访问"),  # a name without a dot
        ("https://www.example.com/", "非政府网站"),
        ("https://www.gov.cn/zhengce/", None),
    ],
)
def test_intranet_links_are_unreachable_for_the_public(tmp_path, target, issue):
    """A link to an intranet address is judged offline and never requested: the public cannot open it."""
    from textlint_gov.audit.links import LinkJudge

    found = LinkJudge(tmp_path, ("gov.cn",)).judge("a/p.html", "a", target)
    assert (found.kind if found else None) == issue
    if issue == "无法访问":
        assert "内网地址" in found.text
