"""Leaders by date (GOV603 name slips, GOV604 titles by the post's date, GOV605 order), the office's
own leaders from rules.yaml, and the leader's own words (GOV001's 新时代中国特色社会主义思想)."""

from __future__ import annotations

import pytest

from textlint_gov.config import ConfigError, config_from_dict, load_config
from textlint_gov.document import Block, Document
from textlint_gov.engine import lint
from textlint_gov.loaders import load
from textlint_gov.rules._officeholders import national

CODES = ("GOV603", "GOV604", "GOV605")


def _doc(text: str, date: str | None = None, title: str | None = None) -> Document:
    blocks = []
    source = ""
    if title is not None:
        blocks.append(Block(title, "title", "标题", [(0, 0, len(title), len(title))]))
        source = title + "\n"
    start = len(source)
    blocks.append(Block(text, "body", "第1行", [(0, start, start + len(text), len(text))]))
    source += text
    meta = {"format": "txt"}
    if date:
        meta["date"] = date
    if title is not None:
        meta["title"] = title
    return Document("case.txt", source, blocks, meta)


def _lint(text: str, date: str | None = None, codes=CODES, config=None, title=None):
    cfg = config or config_from_dict({"select": list(codes)})
    return [f for f in lint(_doc(text, date, title), cfg) if f.code in codes]


def _cases():
    for p in national()[0]:
        for text, date in p.flag:
            yield pytest.param(p.name, text, date, True, id=f"{p.name}-flag-{text[:10]}")
        for text, date in p.passes:
            yield pytest.param(p.name, text, date, False, id=f"{p.name}-pass-{text[:10]}")


def test_every_officeholder_has_posts_source_and_cases():
    people = national()[0]
    assert len(people) >= 30
    for p in people:
        assert p.posts and p.source and p.flag and p.passes, p.name
        assert all(x.since for x in p.posts), p.name  # every post is dated


@pytest.mark.parametrize("name,text,date,flagged", list(_cases()))
def test_officeholder_cases(name, text, date, flagged):
    found = _lint(text, date)
    if flagged:
        assert found, f"{name}: 应报出而未报出：{text}（{date}）"
    else:
        assert not found, f"{name}: 不应报出：{text}（{date}）→ {[(f.code, f.message) for f in found]}"


# --- GOV603: a name one character off -------------------------------------------------------


@pytest.mark.parametrize(
    "text,match,suggestion",
    [
        ("国务院总理李墙主持召开国务院常务会议", "李墙", "李强"),
        ("王泸宁主席出席", "王泸宁", "王沪宁"),  # before a title: context form 主席
        ("习近平、李墙、赵乐际出席", "李墙", "李强"),  # between two leaders' names
        ("全国人大常委会委员长赵乐记主持", "赵乐记", "赵乐际"),
    ],
)
def test_name_slip_next_to_a_title_or_a_leader(text, match, suggestion):
    found = [f for f in _lint(text, "2024-05-01") if f.code == "GOV603"]
    assert [(f.match, f.suggestion) for f in found] == [(match, suggestion)]


def test_name_slip_severity_error_next_to_an_exact_title_warning_next_to_a_vague_one():
    exact = _lint("国务院总理李墙主持会议", "2024-05-01")
    vague = _lint("王泸宁主席出席", "2024-05-01")
    assert exact[0].severity.value == "error"
    assert vague[0].severity.value == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "国务院总理李强调研",  # 李强 then 调研
        "李蔷同学获奖",  # no title, no leader next to it
        "国务院总理李鹏主持会议",  # 鹏 is neither sound nor shape of 强: another person
        "汪洋大海",
        "村党支部书记李西主持",  # 书记 is no title of the data
        "国务院副总理李墙出席",  # 李强 was never vice premier: another person, not a slip of his name
    ],
)
def test_no_name_slip(text):
    assert not [f for f in _lint(text, "2024-05-01") if f.code == "GOV603"]


# --- GOV604: titles by the post's date -----------------------------------------------------


def test_former_premier_called_premier_before_and_after_the_change():
    text = "国务院总理李克强主持召开国务院常务会议"
    assert not _lint(text, "2023-03-10")  # the day before 李强 was decided premier
    after = _lint(text, "2023-03-11")
    assert [(f.code, f.severity.value, f.match, f.suggestion) for f in after] == [
        ("GOV604", "error", "李克强", "李强")  # the one holder then
    ]
    assert "李强" in after[0].message and "时任" in after[0].message
    assert not _lint("国务院总理李强主持召开国务院常务会议", "2023-03-11")
    assert _lint("国务院总理李强主持召开国务院常务会议", "2023-03-10")  # not yet premier


def test_title_after_the_name_and_title_chains():
    assert _lint("李克强总理在政府工作报告中指出", "2024-01-10")[0].suggestion == "李强"
    chain = _lint("中共中央政治局常委、国务院副总理李强出席", "2024-01-10")
    assert [(f.match, f.suggestion) for f in chain] == [("国务院副总理", None)]  # four vice premiers
    assert not _lint("中共中央总书记、国家主席、中央军委主席习近平出席", "2024-01-10")


@pytest.mark.parametrize(
    "text",
    [
        "时任国务院总理李克强来我县考察",
        "原国务院总理李克强同志遗体在京火化",
        "2016年，李克强总理在政府工作报告中指出",
        "《李克强总理在国务院常务会议上的讲话》",
        "国务院副总理刘鹤、何立峰出席",  # 何立峰 is not checked against 刘鹤's title
    ],
)
def test_past_posts_are_not_flagged(text):
    assert not [f for f in _lint(text, "2024-01-10") if f.match != "国务院副总理"]


def test_undated_posts_are_checked_against_today_as_warnings():
    former = _lint("国务院总理李克强主持会议")
    assert [(f.severity.value, f.suggestion) for f in former] == [("warning", "李强")]
    assert "未注明日期" in former[0].message
    never = _lint("国务院副总理李强出席")  # his whole career lies within the data
    assert [(f.severity.value, f.match) for f in never] == [("warning", "国务院副总理")]
    assert not _lint("国务院副总理温家宝今天在京会见")  # he may have been one before 2008
    assert not _lint("国务院总理朱镕基今天在京会见")  # a name after a title: dated posts only


def test_before_the_data_is_not_checked():
    assert not _lint("国务院总理朱镕基今天在京会见", "1999-06-23")
    assert not _lint("国务院总理李鹏主持会议", "1995-03-05")


def test_title_followed_by_someone_else_is_a_warning():
    found = _lint("国务院总理朱镕基今天在京会见", "2024-06-23")
    assert [(f.code, f.severity.value, f.match) for f in found] == [("GOV604", "warning", "朱镕基")]
    assert "李强" in found[0].message
    assert not _lint("国家主席令第12号", "2024-06-23")
    assert not _lint("国务院总理和分管领导", "2024-06-23")
    assert not _lint("习近平总书记明确指出，要树立质量第一的强烈意识", "2024-06-23")  # a title after a name
    assert not _lint("越南国家主席苏林会见", "2024-06-23")  # another country's president


# --- GOV605: order -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date,suggestion",
    [
        ("李强、习近平、赵乐际出席", "2024-01-01", "习近平、李强、赵乐际"),
        ("习近平、李强、王沪宁、赵乐际出席", "2024-01-01", "习近平、李强、赵乐际、王沪宁"),  # 20th
        ("习近平、李克强、栗战书、汪洋、赵乐际、王沪宁、韩正出席", "2019-03-05", None),  # 19th
        ("习近平、李克强、张德江、刘云山、俞正声出席", "2015-03-05", None),  # 18th
        ("习近平同志、王沪宁同志、李强同志出席", "2024-01-01", "习近平同志、李强同志、王沪宁"),
    ],
)
def test_order_by_term(text, date, suggestion):
    found = [f for f in _lint(text, date) if f.code == "GOV605"]
    assert len(found) == 1 and found[0].severity.value == "error"
    if suggestion:
        assert found[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text,date",
    [
        ("习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希、韩正出席", "2024-01-01"),  # then 国家副主席
        ("习近平、李克强、栗战书、汪洋、王沪宁、赵乐际、韩正出席", "2019-03-05"),
        ("习近平、李强、赵乐际、王沪宁出席", "2024-01-01"),
    ],
)
def test_order_right(text, date):
    assert not [f for f in _lint(text, date) if f.code == "GOV605"]


def test_order_of_another_term_and_undated_are_warnings():
    # a 2023 post recalling the 19th committee, written in the 20th's order: a warning by the 19th's
    recalled = _lint("习近平、李克强、栗战书、汪洋、赵乐际、王沪宁、韩正出席", "2023-06-01")
    assert [(f.code, f.severity.value) for f in recalled] == [("GOV605", "warning")]
    undated = _lint("李强、习近平出席")
    assert [(f.code, f.severity.value) for f in undated] == [("GOV605", "warning")]


def test_hand_written_order_entry_is_gone_from_gov001():
    # GOV605 derives the order; GOV001 no longer carries one regex per pair
    assert not _lint("李强、习近平、赵乐际出席", "2024-01-01", codes=("GOV001",))


# --- the office's own leaders ------------------------------------------------------------

ROSTER = """\
select: [GOV603, GOV604, GOV605]
leaders:
  - name: 张明远
    posts:
      - {title: 县委书记, since: 2021-06-01, rank: 1}
  - name: 李华
    posts:
      - {title: 县长, since: 2021-06-01, until: 2024-01-10, rank: 2}
      - {title: 县人大常委会主任, since: 2024-01-10}
  - name: 王建国
    posts:
      - {title: 县长, since: 2024-01-10, rank: 2}
"""


@pytest.fixture
def roster_config(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    return load_config(path)


def test_local_roster_title_before_and_after_the_change(roster_config):
    text = "县长李华主持召开县政府常务会议"
    assert not _lint(text, "2024-01-09", config=roster_config)
    found = _lint(text, "2024-01-10", config=roster_config)
    assert [(f.code, f.severity.value, f.match, f.suggestion) for f in found] == [
        ("GOV604", "error", "李华", "王建国")
    ]
    assert "王建国" in found[0].message
    assert not _lint("县人大常委会主任李华主持会议", "2024-05-01", config=roster_config)


def test_local_roster_name_slip_order_and_someone_else(roster_config):
    slip = _lint("县委书记张明圆出席", "2024-05-01", config=roster_config)
    assert [(f.code, f.suggestion) for f in slip] == [("GOV603", "张明远")]
    order = _lint("王建国、张明远出席", "2024-05-01", config=roster_config)
    assert [(f.code, f.suggestion) for f in order] == [("GOV605", "张明远、王建国")]
    other = _lint("县长王五主持会议", "2024-05-01", config=roster_config)
    assert [(f.code, f.severity.value, f.match) for f in other] == [("GOV604", "warning", "王五")]
    assert not _lint("副县长王五主持会议", "2024-05-01", config=roster_config)
    assert not _lint("张明远、王建国出席", "2024-05-01", config=roster_config)
    assert not _lint("县长李强主持会议", "2024-05-01", config=roster_config)  # not the premier
    other = _lint("县长李墙主持会议", "2024-05-01", config=roster_config)  # no slip of 李强's name
    assert [(f.code, f.severity.value, f.match) for f in other] == [("GOV604", "warning", "李墙")]


def test_local_roster_in_a_file_and_through_the_cli_loader(tmp_path):
    (tmp_path / "leaders.yaml").write_text(ROSTER.split("\n", 1)[1], encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("select: [GOV604]\nleaders: leaders.yaml\n", encoding="utf-8")
    cfg = load_config(tmp_path / "rules.yaml")
    post = tmp_path / "2024-05-01_会议.txt"
    post.write_text("县长李华主持召开县政府常务会议。\n", encoding="utf-8")
    found = lint(load(post), cfg)
    assert [(f.code, f.match, f.suggestion) for f in found] == [("GOV604", "李华", "王建国")]


@pytest.mark.parametrize(
    "value,words",
    [
        ("leaders: 5", ["leaders", "列表"]),
        ("leaders: [{name: 李华}]", ["leaders 第1项", "posts"]),
        ("leaders: [{name: 李华, posts: [{title: 县长, since: 昨天}]}]", ["since", "YYYY-MM-DD"]),
        (
            "leaders: [{name: 李华, posts: [{title: 县长, job: 1}]}]",
            ["job", "title、body、since、until、rank"],
        ),
        ("leaders: [{name: 李华, posts: [{title: 县长, since: 2024-01-01, until: 2023-01-01}]}]", ["until"]),
        ("leaders: 没有这个文件.yaml", ["没有这个文件.yaml"]),
        ("leaders: [{name: 李华, posts: [{title: 县长, since: 2024-13-01}]}]", ["month"]),  # no such day
    ],
)
def test_bad_leaders_is_one_line_naming_file_key_and_what_is_allowed(tmp_path, value, words):
    path = tmp_path / "rules.yaml"
    path.write_text(value + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert "\n" not in message and str(path) in message
    for w in words:
        assert w in message


# --- the leader's own words --------------------------------------------------------------

THOUGHT = "全面贯彻新时代中国特色社会主义思想"


def test_thought_without_the_name_is_an_error_elsewhere():
    found = _lint("我县" + THOUGHT, "2024-01-01", codes=("GOV001",))
    assert [f.suggestion for f in found] == ["习近平新时代中国特色社会主义思想"]


@pytest.mark.parametrize(
    "title",
    [
        "习近平在中国共产党第二十次全国代表大会上的报告",
        "习近平：在庆祝中国共产党成立100周年大会上的讲话",
        "习近平同志《论坚持全面深化改革》署名文章",
    ],
)
def test_thought_is_right_in_his_own_reports_and_articles(title):
    assert not _lint(THOUGHT, "2024-01-01", codes=("GOV001",), title=title)


def test_thought_is_right_under_his_by_line_and_in_a_verbatim_quotation():
    doc = Document(
        "case.txt",
        "",
        [
            Block("坚定不移走中国特色社会主义道路", "title", "标题", [(0, 0, 0, 0)]),
            Block("习近平", "body", "第2行", [(0, 0, 0, 0)]),
            Block(THOUGHT, "body", "第3行", [(0, 0, 0, 0)]),
        ],
        {"format": "txt", "date": "2024-01-01"},
    )
    found = [f for f in lint(doc, config_from_dict({"select": ["GOV001"]})) if f.code == "GOV001"]
    assert not found
    quoted = "习近平总书记在党的二十大报告中强调：“" + THOUGHT + "。”"
    assert not _lint(quoted, "2024-01-01", codes=("GOV001",))
    # a paraphrase is not a quotation; the report about his speech is no speech of his
    assert _lint("习近平总书记强调，要" + THOUGHT, "2024-01-01", codes=("GOV001",))
    assert _lint(THOUGHT, "2024-01-01", codes=("GOV001",), title="我县传达学习习近平总书记重要讲话精神")


def test_a_year_later_in_the_sentence_also_dates_a_past_title():
    """国务院总理温家宝曾于2008年视察灾区 in a 2024 post is history, not a wrong title; a year in which
    the person did not hold the title still is one."""
    assert not _lint("国务院总理温家宝曾于2008年视察灾区。", "2024-06-01", codes=["GOV604"])
    [f] = _lint("国务院总理李克强2024年3月5日作政府工作报告。", "2024-06-01", codes=["GOV604"])
    assert f.suggestion == "李强"


@pytest.mark.parametrize(
    "text", ["县政协主席王沪林出席会议。", "工会主席李墙主持会议。", "学生会副主席韩政发言。"]
)
def test_a_vague_title_of_another_body_is_somebody_elses_post(text):
    """主席 after 县政协 or 工会 is a local post: its holder is no slip of a national leader's name."""
    assert not _lint(text, "2024-06-01", codes=["GOV603"])


@pytest.mark.parametrize("text", ["工作人员：李希、李强、王芳。", "获奖名单：王强、蔡奇、李强。"])
def test_two_common_names_in_a_list_are_no_roster(text):
    """李强, 李希 and 蔡奇 are common names: two of them in a staff or prize list are not the Standing
    Committee out of order; a third member or a distinctive name (习近平) makes the list a roster."""
    assert not _lint(text, "2024-06-01", codes=["GOV605"])
    assert _lint("李希、李强、蔡奇出席。", "2024-06-01", codes=["GOV605"])
    assert _lint("李强、习近平出席。", "2024-06-01", codes=["GOV605"])


@pytest.mark.parametrize("text", ["值班：李强、李江、王芳。", "值班人员：李喜、李强。", "名单：蔡奇、韩政。"])
def test_a_common_leader_name_alone_in_a_list_is_no_roster(text):
    """李强 next to 李江 in a duty list: two clerks, not a slip of 李希 or 李强; a list with a
    distinctive leader's name (习近平) nearby still is checked."""
    assert not _lint(text, "2024-06-01", codes=["GOV603"])
    [f] = _lint("习近平、李强、赵乐技出席。", "2024-06-01", codes=["GOV603"])
    assert f.suggestion == "赵乐际"


def test_recollections_of_a_former_leader_are_not_errors():
    """李克强总理曾在这里考察 recalls the time he held the post; 温家宝总理题词 keeps the honorific: in a
    2024 post the first is no finding, the second only a warning; 国务院总理李克强主持 stays an error."""
    assert not _lint("李克强总理曾在这里考察。", "2024-06-01", codes=["GOV604"])
    assert not _lint("国务院总理李克强曾视察我县。", "2024-06-01", codes=["GOV604"])
    [f] = _lint("温家宝总理题词“多难兴邦”。", "2024-06-01", codes=["GOV604"])
    assert f.severity.value == "warning"
    [f] = _lint("国务院总理李克强主持召开常务会议。", "2024-06-01", codes=["GOV604"])
    assert f.severity.value == "error" and f.suggestion == "李强"
