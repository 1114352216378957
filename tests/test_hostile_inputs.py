"""Hostile input to the loaders and the typo rule (issue 16): a .docx part that is not XML, markup and
text that made loops quadratic, and a fuzz test over every loader.

Speed itself is shown by ``bench/hostile_bench.py``; these tests count the work done instead.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textlint_gov.document import Document
from textlint_gov.loaders import LoadError, load_bytes

# -- (1) a header, footer or footnotes part that is not XML -----------------------------------------

_FOOTNOTES_REL = (
    '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footnotes" Target="footnotes.xml"/>'
)


def _docx_with_broken(part: str) -> bytes:
    """A .docx (body, header, footer) whose ``part`` holds no XML. The header and footer lose their
    content-type entry, so python-docx keeps them as plain parts and only govlint parses them."""
    d = docx.Document()
    d.add_paragraph("关于做好安全生产工作的通知")
    d.sections[0].header.paragraphs[0].text = "页眉"
    d.sections[0].footer.paragraphs[0].text = "页脚"
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"word/{part}1.xml":
                data = b"this is not xml <<<"
            elif info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/word/(header|footer)1\.xml"[^>]*/>', b"", data)
            elif info.filename == "word/_rels/document.xml.rels" and part == "footnotes":
                data = data.replace(b"</Relationships>", _FOOTNOTES_REL.encode() + b"</Relationships>")
            z.writestr(info, data)
        if part == "footnotes":
            z.writestr("word/footnotes.xml", b"\x00\x01 not xml")
    return out.getvalue()


@pytest.mark.parametrize("part, label", [("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注")])
def test_docx_part_that_is_not_xml_is_a_load_error_naming_the_part(part, label):
    with pytest.raises(LoadError) as e:
        load_bytes(_docx_with_broken(part), "broken.docx")
    assert label in str(e.value) and f"word/{part}" in str(e.value)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("command", [[], ["--fix"]])
def test_docx_part_that_is_not_xml_leaves_the_next_file_checked(tmp_path, run_cli, command):
    bad = tmp_path / "a_broken.docx"
    bad.write_bytes(_docx_with_broken("header"))
    good = tmp_path / "b_good.docx"
    d = docx.Document()
    d.add_paragraph("通知")
    d.add_paragraph("学习习近平书记讲话精神。")
    d.save(good)
    result = run_cli(*command, bad, good)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "a_broken.docx" in line]
    assert len(lines) == 1 and "页眉" in lines[0]
    assert "GOV001" in result.output or "修改" in result.output


def test_review_of_a_docx_whose_part_is_not_xml_is_one_line(tmp_path, run_cli):
    bad = tmp_path / "a_broken.docx"
    bad.write_bytes(_docx_with_broken("footer"))
    result = run_cli("review", bad)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "a_broken.docx" in lines[0] and "页脚" in lines[0]
    assert not (tmp_path / "a_broken.govlint.docx").exists()


# -- (2) quadratic loops: the typo rule ----------------------------------------------------------------

SENTENCE = "发挥好上情下达、下请上传的作用，全面布署安全生产工作。"


def _count_runs(monkeypatch) -> list[int]:
    import textlint_gov.typo.detector as typo  # where candidates() looks _detect_run up

    lengths: list[int] = []
    real = typo._detect_run

    def counting(m, s, *args, **kw):
        lengths.append(len(s))
        return real(m, s, *args, **kw)

    monkeypatch.setattr(typo, "_detect_run", counting)
    return lengths


def test_typo_judges_a_repeated_sentence_once(monkeypatch):
    from textlint_gov.typo import candidates

    one = candidates(SENTENCE)
    assert one, "the sentence has a typo the rule finds"
    lengths = _count_runs(monkeypatch)
    many = candidates(SENTENCE * 2000)
    assert len(lengths) <= 3  # one per distinct run of Han characters, not 6,000
    step = len(SENTENCE)
    expected = [(s.start + k * step, s.end + k * step, s.right) for k in range(2000) for s in one]
    assert sorted((s.start, s.end, s.right) for s in many) == sorted(expected)


def test_typo_judges_a_long_unpunctuated_run_in_bounded_windows(monkeypatch):
    import random

    from textlint_gov.typo import GEN_GAIN, MAX_RUN, RUN_PAD, _detect_run, _guarded, candidates, model

    rnd = random.Random(16)
    text = "".join(
        rnd.choice("发挥好上情下达请传的作用全面布署安全生产工作部门会议精神")
        for _ in range(5 * MAX_RUN + 17)
    )
    whole = _detect_run(model(), text, 0, frozenset(), GEN_GAIN, _guarded(text))  # the run judged at once
    lengths = _count_runs(monkeypatch)
    windowed = candidates(text)
    assert len(lengths) == 6 and max(lengths) <= MAX_RUN + 2 * RUN_PAD
    # no finding lost at a seam (gains are sums over the run read: equal up to rounding)
    a, b = (sorted(x, key=lambda s: (s.pos, s.start, s.right)) for x in (windowed, whole))
    assert [(s.start, s.end, s.right) for s in a] == [(s.start, s.end, s.right) for s in b] and whole
    assert all(abs(x.gain - y.gain) < 1e-6 and abs(x.score - y.score) < 1e-6 for x, y in zip(a, b))


def test_typo_protected_words_are_a_mask_not_a_list_scanned_per_candidate():
    from textlint_gov.typo import _protected

    s = "安全生产" * 3000 + "布署"
    mask = _protected(s, ["安全生产", "生产安全", "布署工作"])
    assert isinstance(mask, (bytes, bytearray)) and len(mask) == len(s)
    assert all(mask[:12000]) and not any(mask[12000:])


def test_typo_results_unchanged_on_ordinary_sentences():
    from textlint_gov.typo import detect

    # the rule's own examples: found as before, at the same place
    found = {
        (s.wrong, s.right)
        for s in detect("发挥好上情下达、下请上传的作用。全面布署安全生产。要认真署部各项工作。")
    }
    assert ("下请", "下情") in found


# -- (2) quadratic loops: the HTML loader --------------------------------------------------------------


class _CountingList(list):
    """A list that counts the elements a membership test walks."""

    walked = 0

    def __contains__(self, item):
        _CountingList.walked += len(self)
        return super().__contains__(item)


def test_html_unclosed_skip_tags_cost_no_scan_per_end_tag(monkeypatch):
    from textlint_gov.loaders import html as loader

    real_init = loader._Parser.__init__

    def init(self, source):
        real_init(self, source)
        self.stack = _CountingList()

    monkeypatch.setattr(loader._Parser, "__init__", init)
    _CountingList.walked = 0
    n = 3000
    doc = load_bytes(b"<p>\xe4\xb8\xad</p>" + b"<svg>" * n + b"</object>" * n, "a.html")
    assert [b.text for b in doc.blocks] == ["中"]
    assert _CountingList.walked < 10 * n  # a scan of the stack per end tag walked n * n


def test_html_tail_without_closing_bracket_is_read_without_html_parser(monkeypatch):
    from html.parser import HTMLParser

    calls = {"n": 0}
    real = HTMLParser.parse_starttag

    def counting(self, i):
        calls["n"] += 1
        return real(self, i)

    monkeypatch.setattr(HTMLParser, "parse_starttag", counting)
    n = 2000
    doc = load_bytes(b"<p>x</p>" + b"<a " * n, "a.html")
    assert calls["n"] <= 5  # html.parser on 3.11 rescans the rest of the file for each of the n
    assert "".join(b.text for b in doc.blocks).replace(" ", "") == "x" + "<a" * n
    _assert_positions(doc)


@pytest.mark.parametrize(
    "tail",
    [
        "<a ",
        "a &amp; b <b c",
        "<!-- x",
        "</a  &#65; &#x42 &lt",
        "<b>中</b>尾 < 文 &nbsp;<",
        "<a &amp",
    ],
)
def test_html_tail_reads_as_html_parser_reads_it(tail):
    """The hand-read tail gives the text html.parser gives (fed whole, the old way)."""
    from textlint_gov.loaders.html import _Parser

    source = "<div><p>正文</p>" + tail
    old = _Parser(source)
    old.feed(source)
    old.close()
    doc = load_bytes(source.encode(), "a.html")
    new_text = "".join(b.text for b in doc.blocks)
    assert re.sub(r"\s", "", new_text) == re.sub(r"\s", "", "".join(e[1] for e in old.events if e[0] == "t"))
    _assert_positions(doc)


def test_article_finds_block_owners_without_walking_up_per_text():
    from textlint_gov.loaders import article

    class Nodes(list):
        reads = 0

        def __getitem__(self, i):
            Nodes.reads += 1
            return super().__getitem__(i)

    real = article.select

    n = 2000
    from textlint_gov.loaders.html import _kind, _Parser

    source = "<nav></nav><div>" + "<span>中文内容，这是一段话。" * n
    p = _Parser(source)
    p.feed(source)
    p.close()
    p.close_all()
    nodes = Nodes(p.nodes)
    sel = real(nodes, p.events, _kind)
    assert sel.how in ("density", "page")
    assert Nodes.reads < 50 * n  # a walk up to the block element for each text read ~n * n / 2


# -- (3) fuzz: every loader returns a Document whose blocks hold their text, or raises LoadError --------


def _assert_positions(doc: Document) -> None:
    src = doc.source
    for b in doc.blocks:
        for t0, s0, tl, sl in b.segments:
            assert 0 <= s0 <= s0 + sl <= len(src)
            assert 0 <= t0 <= t0 + tl <= len(b.text)
            if tl == sl:
                assert b.text[t0 : t0 + tl] == src[s0 : s0 + sl], (b, doc.source)


def _load(data: bytes, name: str) -> None:
    try:
        doc = load_bytes(data, name)
    except LoadError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert isinstance(doc, Document)
    _assert_positions(doc)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKUP = [
    "<",
    ">",
    "</",
    "<a ",
    "<p>",
    "</p>",
    "<div class='TRS_Editor'>",
    "</div>",
    "<svg>",
    "</svg>",
    "<script>",
    "</script>",
    "<title>",
    "<!--",
    "-->",
    "<!--ContentStart-->",
    "<br/>",
    "<meta name='ArticleTitle' content='",
    "'>",
    "&",
    "&amp;",
    "&#",
    "&#x4e2d;",
    "&nbsp",
    ";",
    "=",
    '"',
    "中文",
    "通知",
    "，",
    "。",
    "\n",
    "\r",
    " ",
    "<nav>",
    "<table><tr><td>",
    "索引号：",
    "发布日期：2021-02-05",
    "\x00",
    "\ufeff",
    "---",
    "# ",
    "date: ",
    "*a",
]
markup_st = st.lists(st.sampled_from(MARKUP), max_size=40).map("".join)


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([".txt", ".md", ".html", ".docx"]))
def test_fuzz_random_bytes_through_every_loader(data, suffix):
    _load(data, "fuzz" + suffix)


@FUZZ
@given(markup_st, st.sampled_from([".txt", ".md", ".html"]), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_fuzz_random_markup_through_the_text_loaders(text, suffix, encoding):
    _load(text.encode(encoding, "replace"), "fuzz" + suffix)


DOCX_PARTS = [
    "word/document.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "word/footnotes.xml",
]


def _base_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("通知")
    d.add_paragraph("正文")
    d.sections[0].header.paragraphs[0].text = "页眉"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


_BASE_DOCX = _base_docx()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(DOCX_PARTS), st.one_of(st.binary(max_size=200), markup_st.map(str.encode)), st.booleans()
)
def test_fuzz_docx_with_one_part_replaced(part, payload, keep_prefix):
    """A real .docx with one part replaced by random bytes or markup (kept as a prefix of the real
    part, or instead of it)."""
    src = zipfile.ZipFile(io.BytesIO(_BASE_DOCX))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = (data[: len(data) // 2] + payload) if keep_prefix else payload
            z.writestr(info, data)
        if part not in names:
            z.writestr(part, payload)
    _load(out.getvalue(), "fuzz.docx")


def test_gov102_checks_a_bounded_part_of_an_endless_paragraph(monkeypatch):
    """A block longer than any paragraph (a flattened or crafted file: a 9.6 MB single line took
    575 s and 786 MB) is checked for typos up to a bound, and the finding list says where it stopped."""
    from textlint_gov.config import config_from_dict
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes
    from textlint_gov.rules import gov102_confusable_char as gov102

    monkeypatch.setattr(gov102, "MAX_BLOCK_CHARS", 2_000)
    body = "会议要求认真布署安全生产工作。" * 400  # 6,000 characters, a slip in every sentence
    doc = load_bytes(f"标题\n{body}\n".encode(), "a.txt")
    found = lint(doc, config_from_dict({"select": ["GOV102"]}))
    notes = [f for f in found if "未做错别字统计检测" in f.message]
    assert len(notes) == 1 and notes[0].severity.value == "info" and notes[0].column == 2_001
    slips = [f for f in found if f not in notes]
    assert slips and all(f.column <= 2_000 for f in slips)
