"""govlint audit: a small export whose score table is worked out by hand.

Month 2021-01; weeks (Monday–Sunday, by Thursday) start 4, 11, 18, 25 January. Scoring in the fixture's
rules.yaml: 1 point a post, error −0.5, warning −0.25, missed week −0.5. Findings come from a test
dictionary rule GOV990 (布署 → 部署 error, 工做 → 工作 warning) so the numbers do not move when the
shipped dictionaries grow.

市直单位                    posts (score)                               weeks  penalty  政务信息公开  scores   total  rank
  甲局 (folder 市甲局)      1/4 1, 1/12 布署 0.5, 1/19 3×布署 0,         4/4    0        2.5           4+2+13   21.5   2
                            甲四.md (front matter 1/26) 1; 坏.docx unreadable
  乙局                      1/1 1 (week of 12/28 is December's), 1/5 1,  3/4    0.5      2.5           4+2+13   21.5   2
                            1/13 2×工做 0.5, 乙三.html (PubDate 1/27)
                            布署 0.5; 说明.txt undated; 2/3 out of month
  丙局                      no posts                                     0/4    2 → 0    0             5+3+13   21     4
  丁局                      丁局通知.md at the top, unit 市丁局 1/6: 1   1/4    1.5 → 0  0             5+3+15   23     1
镇（街道）
  城关镇                    1/4, 1/11, 1/18, 1/25, 1/31 clean: 5          4/4    0        5             3+2+13   23     1
  首阳山街道                1/20 docx 布署 0.5                           1/4    1.5 → 0  0             3+2+12   17     2
Problems: unknown folder 其他单位/, unreadable 市甲局/2021-01-07 坏.docx, undated 乙局/说明.txt,
unknown unit 不明.md (unit 不存在局).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import make_docx

UNITS = """\
units:
  - name: 甲局
    group: 市直单位
    aliases: [市甲局]
    scores: {公共服务: 4, 交流互动: 2, 网站建设及安全: 13}
  - name: 乙局
    group: 市直单位
    scores: {公共服务: 4, 交流互动: 2, 网站建设及安全: 13}
  - name: 丙局
    group: 市直单位
    scores: {公共服务: 5, 交流互动: 3, 网站建设及安全: 13}
  - name: 丁局
    group: 市直单位
    aliases: [市丁局]
    scores: {公共服务: 5, 交流互动: 3, 网站建设及安全: 15}
  - name: 城关镇
    group: 镇（街道）
    scores: {公共服务: 3, 交流互动: 2, 网站建设及安全: 13}
  - name: 首阳山街道
    group: 镇（街道）
    scores: {公共服务: 3, 交流互动: 2, 网站建设及安全: 12}
"""

DICTIONARY = """\
rule:
  code: GOV990
  name: audit-test
  category: typo
  severity: error
  summary: 审计测试用词表
  message: "“{match}”应为“{correct}”"
entries:
  - correct: 部署
    wrong: [布署]
    source: 测试
    flag: [认真布署工作]
  - correct: 工作
    wrong: [工做]
    severity: warning
    source: 测试
    flag: [做好工做]
"""

RULES = """\
select: [GOV990]
dictionaries: [audit_test.yaml]
scoring:
  points_per_post: 1
  deductions: {error: 0.5, warning: 0.25}
  missed_week_penalty: 0.5
"""

EXPECTED = {
    # unit: (posts, undated, weeks_covered, 政务信息公开, total, rank)
    "甲局": (4, 0, 4, "2.5", "21.5", 2),
    "乙局": (4, 1, 3, "2.5", "21.5", 2),
    "丙局": (0, 0, 0, "0", "21", 4),
    "丁局": (1, 0, 1, "0", "23", 1),
    "城关镇": (5, 0, 4, "5", "23", 1),
    "首阳山街道": (1, 0, 1, "0", "17", 2),
}
HEADER = [
    "单位名称",
    "公共服务得分",
    "交流互动得分",
    "网站建设及安全得分",
    "政务信息公开得分",
    "月总分",
    "排名",
]
TABLE_A = [
    ["甲局", "4", "2", "13", "2.5", "21.5", "2"],
    ["乙局", "4", "2", "13", "2.5", "21.5", "2"],
    ["丙局", "5", "3", "13", "0", "21", "4"],
    ["丁局", "5", "3", "15", "0", "23", "1"],
]
TABLE_B = [
    ["城关镇", "3", "2", "13", "5", "23", "1"],
    ["首阳山街道", "3", "2", "12", "0", "17", "2"],
]


def _txt(path: Path, body: str, title: str = "关于开展工作的通知") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def build_export(root: Path) -> tuple[Path, Path]:
    """The export and the rules.yaml of the table in the module docstring."""
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    (root / "audit_test.yaml").write_text(DICTIONARY, encoding="utf-8")
    ex = root / "export"
    ex.mkdir()
    (ex / "units.yaml").write_text(UNITS, encoding="utf-8")
    # 甲局, in a folder named by its alias
    a = ex / "市甲局"
    _txt(a / "2021-01-04 甲一.txt", "全局召开会议，安排本周事项。")
    _txt(a / "2021-01-12 甲二.txt", "各科室要认真布署本周事项。")
    _txt(a / "2021-01-19 甲三.txt", "布署一，布署二，布署三。")
    (a / "甲四.md").write_text("---\ndate: 2021-01-26\n---\n# 周例会\n\n全局召开周例会。\n", encoding="utf-8")
    (a / "2021-01-07 坏.docx").write_bytes(b"this is not a zip file")
    # 乙局
    b = ex / "乙局"
    _txt(b / "2021-01-01 元旦.txt", "元旦假期安排。")
    _txt(b / "2021-01-05 乙一.txt", "召开会议。")
    _txt(b / "2021-01-13 乙二.txt", "做好工做，抓好工做。")
    (b / "乙三.html").write_text(
        '<html><head><meta name="PubDate" content="2021-01-27 09:30"><title>通知</title></head>'
        "<body><h1>通知</h1><p>认真布署春节工作。</p></body></html>",
        encoding="utf-8",
    )
    _txt(b / "说明.txt", "没有日期的说明。")
    _txt(b / "2021-02-03 下月.txt", "布署下月事项。")
    # 丙局: no folder, no posts. 丁局: one post at the top of the export, unit from metadata (alias).
    (ex / "丁局通知.md").write_text(
        "---\nunit: 市丁局\ndate: 2021-01-06\n---\n# 通知\n\n按时报送。\n", encoding="utf-8"
    )
    (ex / "不明.md").write_text(
        "---\nunit: 不存在局\ndate: 2021-01-06\n---\n# 通知\n\n内容。\n", encoding="utf-8"
    )
    # 城关镇: every week, Mondays and a Sunday
    for day in ("04", "11", "18", "25", "31"):
        _txt(ex / "城关镇" / f"2021-01-{day} 镇{day}.txt", "镇政府召开会议。")
    # 首阳山街道: one .docx with one error
    (ex / "首阳山街道").mkdir()
    make_docx(
        ex / "首阳山街道" / "2021-01-20 街道.docx", ["认真布署春节期间安全工作。"], heading="街道开展安全检查"
    )
    # a folder that is no unit
    _txt(ex / "其他单位" / "2021-01-05 杂.txt", "布署。")
    return ex, root / "rules.yaml"


@pytest.fixture
def export(tmp_path):
    return build_export(tmp_path)


def _audit(export, jobs=1, cache_dir=None, **kw):
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.config import load_config

    ex, rules = export
    return run_audit(ex, "2021-01", config=load_config(rules), jobs=jobs, cache_dir=cache_dir, **kw)


def test_hand_worked_table(export):
    from textlint_gov.audit.formats import header, row

    result = _audit(export)
    assert [w.isoformat() for w in result.weeks] == ["2021-01-04", "2021-01-11", "2021-01-18", "2021-01-25"]
    got = {
        u.unit.name: (
            len(u.posts),
            u.undated,
            u.weeks_covered,
            str(u.disclosure.normalize()),
            str(u.total.normalize()),
            u.rank,
        )
        for u in result.units
    }
    expected = {k: (p, un, w, d, t, r) for k, (p, un, w, d, t, r) in EXPECTED.items()}
    assert {k: (v[0], v[1], v[2], v[4], v[5]) for k, v in got.items()} == {
        k: (v[0], v[1], v[2], v[4], v[5]) for k, v in expected.items()
    }
    assert header(result) == HEADER
    assert [row(result, u) for u in result.group_units("市直单位")] == TABLE_A
    assert [row(result, u) for u in result.group_units("镇（街道）")] == TABLE_B
    assert result.groups == ["市直单位", "镇（街道）"]


def test_evidence_and_problems(export):
    result = _audit(export)
    by = {u.unit.name: u for u in result.units}
    a, b = by["甲局"], by["乙局"]
    assert a.findings == {"error": 4, "warning": 0, "info": 0}
    assert a.deduction == Decimal("1.5")  # 0.5 + 1 (the post with three errors stops at 0)
    assert [p.score for p in a.posts] == [1, Decimal("0.5"), 0, 1]
    assert a.worst_posts()[0].post.path == "市甲局/2021-01-19 甲三.txt"
    assert len(a.worst_posts()[0].post.findings) == 3
    assert b.posts_per_week == [1, 1, 0, 1]  # the 1 January post counts, its week is December's
    assert b.week_penalty == Decimal("0.5")
    assert b.out_of_month == 1
    assert b.findings == {"error": 1, "warning": 2, "info": 0}
    assert b.by_category == {"typo": 3}
    assert by["丁局"].posts[0].post.path == "丁局通知.md"
    assert by["城关镇"].posts_per_week == [1, 1, 1, 2]
    kinds = {(p.kind, p.path) for p in result.problems}
    assert kinds == {
        ("unknown_folder", "其他单位/"),
        ("unreadable", "市甲局/2021-01-07 坏.docx"),
        ("undated", "乙局/说明.txt"),
        ("unknown_unit", "不明.md"),
    }
    undated = next(p for p in result.problems if p.kind == "undated")
    assert undated.unit == "乙局"


def test_json_object(export):
    from textlint_gov.audit.formats import render

    data = json.loads(render("json", _audit(export)))
    assert data["month"] == "2021-01"
    assert data["weeks"] == ["2021-01-04", "2021-01-11", "2021-01-18", "2021-01-25"]
    assert [u["unit"] for u in data["units"]] == list(EXPECTED)
    for u in data["units"]:
        posts, undated, covered, disclosure, total, rank = EXPECTED[u["unit"]]
        assert (u["posts"], u["undated"], u["weeks_covered"], u["weeks_total"], u["rank"]) == (
            posts,
            undated,
            covered,
            4,
            rank,
        )
        assert u["disclosure_score"] == json.loads(disclosure)
        assert u["total"] == json.loads(total)
        assert set(u) >= {
            "unit",
            "group",
            "posts",
            "undated",
            "weeks_covered",
            "weeks_total",
            "findings",
            "deduction",
            "disclosure_score",
            "scores",
            "total",
            "rank",
        }
    a = data["units"][0]
    assert a["scores"] == {"公共服务": 4, "交流互动": 2, "网站建设及安全": 13}
    assert isinstance(a["scores"]["公共服务"], int) and a["deduction"] == 1.5
    assert a["findings"] == {"error": 4, "warning": 0, "info": 0}
    worst = a["worst_posts"][0]["findings_detail"][0]
    assert set(worst) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "category",
        "severity",
        "message",
        "match",
        "suggestion",
        "where",
        "fixable",
    }
    assert worst["code"] == "GOV990" and worst["suggestion"] == "部署"
    assert {p["kind"] for p in data["problems"]} == {
        "unknown_folder",
        "unreadable",
        "undated",
        "unknown_unit",
    }


def test_parallel_and_cache_give_the_same_numbers(export, tmp_path):
    from textlint_gov.audit.formats import render

    serial = json.loads(render("json", _audit(export)))
    cache = tmp_path / "cache"
    first = _audit(export, jobs=2, cache_dir=cache)
    second = _audit(export, jobs=2, cache_dir=cache)
    assert first.cache_hits < first.files_checked  # identical files may already share an entry
    assert second.cache_hits == second.files_checked - 1 > 0  # all but the unreadable file
    for result in (first, second):
        data = json.loads(render("json", result))
        for key in ("files_checked", "cache_hits"):
            data.pop(key), serial.pop(key, None)
        assert data == {k: v for k, v in serial.items() if k not in ("files_checked", "cache_hits")}


def test_linter_sees_unit_names(export, monkeypatch):
    import textlint_gov.audit.collect as collect

    seen = []
    real = collect.lint

    def spy(doc, config):
        seen.append(doc.meta.get("units"))
        return real(doc, config)

    monkeypatch.setattr(collect, "lint", spy)
    _audit(export)
    assert seen and all(s == seen[0] for s in seen)
    assert set(seen[0]) >= {"甲局", "市甲局", "丁局", "市丁局", "首阳山街道"}


def test_scoring_defaults_without_config(export):
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.config import load_config

    ex, rules = export
    cfg = load_config(rules)
    cfg.scoring = {}
    result = run_audit(ex, "2021-01", config=cfg)
    by = {u.unit.name: u for u in result.units}
    # warnings cost nothing, no week penalty: 乙局 = 1 + 1 + 1 + 0.5
    assert by["乙局"].disclosure == Decimal("3.5")
    assert by["丙局"].disclosure == 0 and by["丁局"].disclosure == 1


# ---------------------------------------------------------------- formats


def test_table_format(export):
    from textlint_gov.audit.formats import render

    text = render("table", _audit(export))
    assert text.index("附件1") < text.index("市直单位") < text.index("附件2") < text.index("镇（街道）")
    lines = text.splitlines()
    head = next(line for line in lines if line.startswith("单位名称"))
    assert head.split() == HEADER
    rows = [line.split() for line in lines if line.split() and line.split()[0] in EXPECTED]
    assert [r for r in rows if len(r) == len(HEADER)] == TABLE_A + TABLE_B
    evidence = {r[0]: r[1:] for r in rows if len(r) != len(HEADER)}
    # weeks (✗ = none), undated, error, warning, info, finding deduction, week penalty
    assert evidence["乙局"] == ["1", "1", "✗", "1", "1", "1", "2", "0", "1", "0.5"]
    assert "其他单位/" in text and "说明.txt" in text


def test_csv_format(export):
    from textlint_gov.audit.formats import render

    rows = list(csv.reader(io.StringIO(render("csv", _audit(export)))))
    assert rows[0][0].startswith("附件1") and "市直单位" in rows[0][0]
    assert rows[1] == HEADER
    assert rows[2:6] == TABLE_A
    assert rows[6] == []
    assert rows[7][0].startswith("附件2") and "镇（街道）" in rows[7][0]
    assert rows[8] == HEADER and rows[9:11] == TABLE_B
    # then the inspection's indicators (tests/test_audit_indicators.py works them out)
    assert rows[11] == [] and rows[12][0].startswith("单项否决")


def test_markdown_format(export):
    from textlint_gov.audit.formats import render

    text = render("markdown", _audit(export))
    tables = [line for line in text.splitlines() if line.startswith("| 单位名称 | 公共服务得分")]
    assert len(tables) == 2
    assert [c.strip() for c in tables[0].strip("|").split("|")] == HEADER
    assert "| 甲局 | 4 | 2 | 13 | 2.5 | 21.5 | 2 |" in text
    assert "| 首阳山街道 | 3 | 2 | 12 | 0 | 17 | 2 |" in text
    assert "## 附件1" in text and "## 附件2" in text
    assert "`市甲局/2021-01-19 甲三.txt`" in text  # the evidence: the post that lost most


def test_html_format(export):
    from textlint_gov.audit.formats import render

    html = render("html", _audit(export))
    assert html.count("<svg") == 2 and 'class="bar"' in html
    assert html.count('<table class="grid">') == 2
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    grid = html[html.index('<table class="grid">') :]
    grid = grid[: grid.index("</table>")]
    row_b = grid[grid.index("乙局") :]
    row_b = row_b[: row_b.index("</tr>")]
    assert row_b.count('class="ok"') == 3 and row_b.count('class="miss"') == 1
    assert "<th>月总分</th>" in html and ">21.5<" in html


def test_docx_format(export, tmp_path):
    import docx

    from textlint_gov.audit.formats import render

    out = tmp_path / "annex.docx"
    out.write_bytes(render("docx", _audit(export)))
    d = docx.Document(str(out))
    assert len(d.tables) == 3  # the two annexes, then 单项否决和预警
    cells = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert cells == [HEADER, *TABLE_A]
    assert [[c.text for c in r.cells] for r in d.tables[1].rows] == [HEADER, *TABLE_B]
    texts = [p.text for p in d.paragraphs]
    assert "附件1" in texts and any("镇（街道）" in t for t in texts)


# ---------------------------------------------------------------- the command


def test_cli_json_and_defaults(export, run_cli):
    ex, rules = export
    res = run_cli(
        "audit", ex, "--month", "2021-01", "--config", rules, "--format", "json", "--jobs", "1", "--no-cache"
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [u["rank"] for u in data["units"]] == [2, 2, 4, 1, 1, 2]
    assert not (ex / ".govlint_cache").exists()
    res = run_cli("audit", ex, "--month", "2021-01", "--config", rules, "--jobs", "1")
    assert res.exit_code == 0
    assert "附件1" in res.stdout and "21.5" in res.stdout
    assert (ex / ".govlint_cache").is_dir()


def test_cli_output_file_infers_format(export, run_cli, tmp_path):
    import docx

    ex, rules = export
    out = tmp_path / "附件.docx"
    res = run_cli("audit", ex, "--month", "2021-01", "--config", rules, "--output", out, "--jobs", "1")
    assert res.exit_code == 0, res.output
    assert len(docx.Document(str(out)).tables) == 3
    out = tmp_path / "表.csv"
    res = run_cli("audit", ex, "--month", "2021-01", "--config", rules, "--format", "csv", "--output", out)
    assert res.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == ",".join(HEADER)


def test_cli_units_option(export, run_cli, tmp_path):
    ex, rules = export
    units = tmp_path / "其他清单.yaml"
    units.write_text("units:\n  - {name: 城关镇, group: 镇（街道）}\n", encoding="utf-8")
    res = run_cli(
        "audit",
        ex,
        "--month",
        "2021-01",
        "--config",
        rules,
        "--units",
        units,
        "--format",
        "json",
        "--no-cache",
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [u["unit"] for u in data["units"]] == ["城关镇"]
    assert data["units"][0]["total"] == 5
    unknown = {p["path"] for p in data["problems"] if p["kind"] == "unknown_folder"}
    assert {"市甲局/", "乙局/", "其他单位/"} <= unknown


@pytest.mark.parametrize(
    "args, message",
    [
        (["--month", "2021-13"], "YYYY-MM"),
        (["--month", "2021-01", "--units", "missing.yaml"], "单位清单不存在"),
    ],
)
def test_cli_usage_errors(export, run_cli, args, message):
    ex, rules = export
    res = run_cli("audit", ex, "--config", rules, *args)
    assert res.exit_code == 2
    assert message in res.output


def test_cli_bad_scoring_names_the_key(export, run_cli, tmp_path):
    ex, _ = export
    bad = tmp_path / "bad.yaml"
    bad.write_text("scoring: {deductions: {error: -1}}\n", encoding="utf-8")
    res = run_cli("audit", ex, "--month", "2021-01", "--config", bad)
    assert res.exit_code == 2
    assert "scoring.deductions.error" in res.output


def test_cli_missing_export(run_cli):
    res = run_cli("audit", "nowhere", "--month", "2021-01")
    assert res.exit_code == 2 and "导出文件夹不存在" in res.output


def test_week_owned_by_the_month_of_its_thursday(tmp_path):
    """April 2021 starts with the week of 29 March (its Thursday is 1 April): a 30 March post covers that
    week but earns April no points. In the March audit the same post earns points but covers no March week."""
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.config import Config

    ex = tmp_path / "export"
    (ex / "甲局").mkdir(parents=True)
    (ex / "units.yaml").write_text("units:\n  - {name: 甲局, group: 市直单位}\n", encoding="utf-8")
    for day in ("2021-03-30", "2021-04-07", "2021-04-30", "2021-05-03"):
        _txt(ex / "甲局" / f"{day} 稿.txt", "召开会议。")
    (ex / "甲局" / "附件.odt").write_bytes(b"PK\x03\x04")
    _txt(ex / "无单位.txt", "召开会议。")
    cfg = Config(select=["GOV3"], scoring={"missed_week_penalty": 1})
    april = run_audit(ex, "2021-04", config=cfg)
    u = april.units[0]
    assert [w.isoformat() for w in april.weeks] == [
        "2021-03-29",
        "2021-04-05",
        "2021-04-12",
        "2021-04-19",
        "2021-04-26",
    ]
    assert u.posts_per_week == [1, 1, 0, 0, 1]
    assert len(u.posts) == 2 and u.out_of_month == 2  # 30 March and 3 May
    assert u.disclosure == 0  # 2 points − 2 missed weeks
    assert {(p.kind, p.path) for p in april.problems} == {
        ("unsupported", "甲局/附件.odt"),
        ("no_unit", "无单位.txt"),
    }
    march = run_audit(ex, "2021-03", config=cfg).units[0]
    assert march.posts_per_week == [0, 0, 0, 0] and len(march.posts) == 1
    assert march.disclosure == 0  # 1 point − 4 missed weeks, never below 0


def test_a_dead_worker_does_not_abort_the_audit(export, monkeypatch):
    """If the process pool breaks (a worker killed), the remaining files are checked in-process."""
    from concurrent.futures.process import BrokenProcessPool

    import textlint_gov.audit.collect as collect

    class Broken:
        def __init__(self, *a, **k):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, tasks, chunksize=1):
            tasks = list(tasks)
            yield fn_serial(tasks[0])
            raise BrokenProcessPool("worker killed")

    def fn_serial(task):
        collect._init_worker(*STATE)
        return collect.check_post(task)

    from textlint_gov.config import load_config

    _ex, rules = export
    cfg = load_config(rules)
    STATE = (cfg, None, ["甲局"], "k")
    monkeypatch.setattr(collect, "ProcessPoolExecutor", Broken)
    result = _audit(export, jobs=2)
    assert [str(u.total.normalize()) for u in result.units] == [v[4] for v in EXPECTED.values()]


def test_written_date_in_the_text_is_no_publication_date(export):
    """A post dated only by the 成文日期 in its text counts as undated (no update), as the
    inspection rules say; that date still drives the rules that change over time."""
    ex, _ = export
    _txt(ex / "乙局" / "成文.txt", "正文。\n城关镇人民政府\n2021年1月12日")
    result = _audit(export)
    assert ("undated", "乙局/成文.txt") in {(p.kind, p.path) for p in result.problems}


def test_a_post_removed_between_walk_and_read_is_one_problem(export, monkeypatch):
    """The export changes while the audit runs (a CMS sync): the post gone since the walk is listed
    as unreadable, one line, and every other post still counts (issue 16)."""
    import textlint_gov.audit.aggregate as aggregate

    full = _audit(export)
    real = aggregate.walk_export
    gone = []

    def walk_then_delete(*args, **kwargs):
        candidates, problems = real(*args, **kwargs)
        victim = next(c for c in candidates if c.path.suffix == ".txt")
        victim.path.unlink()
        gone.append(victim.rel)
        return candidates, problems

    monkeypatch.setattr(aggregate, "walk_export", walk_then_delete)
    result = _audit(export)
    [problem] = [p for p in result.problems if p.path == gone[0]]
    assert problem.kind == "unreadable" and "不存在" in problem.message and "\n" not in problem.message
    assert sum(len(u.posts) for u in result.units) == sum(len(u.posts) for u in full.units) - 1
