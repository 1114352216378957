"""Attachments (issue 13): PDF, spreadsheets, old Word/WPS files and pictures, on fixtures built
here (PDFs by hand in pdf_fixtures.py, workbooks as ZIPs of XML, pictures with Pillow when OCR is
installed). Every finding's position holds its match; bad input is one line and the rest go on."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import assert_positions
from pdf_fixtures import make_pdf

from textlint_gov.config import config_from_dict
from textlint_gov.engine import lint
from textlint_gov.loaders import SUFFIXES, LoadError, load_bytes

ID = "11010519491231002X"  # valid check digit
ID2 = "320102198001011238"
PHONE = "13800138000"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _lint(doc, *codes):
    findings = lint(doc, config_from_dict({"select": list(codes)} if codes else {}))
    assert_positions(doc, findings)
    return findings


# ---- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_are_lines_and_findings_hold_their_match():
    pdf = make_pdf(
        [
            ["关于公布补贴名单的公告", f"申请人张某，身份证号{ID}，电话{PHONE}。"],
            "scan",
            ["第三页正文。", f"联系人王某，身份证号{ID}。"],
        ]
    )
    doc = load_bytes(pdf, "名单.pdf")
    assert doc.meta["format"] == "pdf" and doc.meta["pages"] == 3
    assert doc.source.count("\n") == 2  # one line per page
    assert doc.title is not None and doc.title.text == "关于公布补贴名单的公告"
    findings = _lint(doc, "GOV5", "GOV911")
    ids = [f for f in findings if f.code == "GOV501"]
    assert [(f.line, f.where, f.match) for f in ids] == [(1, "第1页", ID), (3, "第3页", ID)]
    assert ids[0].column == doc.line_text(1).index(ID) + 1
    assert [f.line for f in findings if f.code == "GOV502"] == [1]
    scans = [f for f in findings if f.code == "GOV911"]
    assert len(scans) == 1 and scans[0].severity.value == "info"
    assert scans[0].line == 2 and scans[0].where == "第2页" and "第2页" in scans[0].message
    assert all(f.applicability is None or f.applicability.value == "unsafe" for f in findings)


def test_pdf_lines_that_run_to_the_margin_are_one_paragraph():
    full = "组织开展全面依法治区重大问题的政策研究协调有关方面提出全面依法治区中长"
    lines = [
        full,
        "期规划建议负责有关重大决策部署督察工作推进本区法治政府建设工作和相关任务",
        "。负责本系统信息化建设。",
        "（一）贯彻执行国家和本市有关法律法规规章和方针政策制定本区工作规划。",
        "- 2 -",
    ]
    doc = load_bytes(make_pdf([lines]), "a.pdf")
    texts = [b.text for b in doc.blocks]
    assert texts[0].startswith(full + "期规划") and texts[0].endswith("任务。负责本系统信息化建设。")
    assert texts[1].startswith("（一）")
    assert not any("- 2 -" in t for t in texts)  # the page number is no text


def test_pdf_scanned_pages_are_listed_once_and_not_with_ocr_text():
    doc = load_bytes(make_pdf(["scan", "scan", ["正文。"]]), "扫描.pdf")
    found = [f for f in _lint(doc) if f.code == "GOV911"]
    assert len(found) == 1 and "第1页、第2页" in found[0].message and "共 2 页" in found[0].message
    ignored = lint(doc, config_from_dict({"ignore": ["GOV911"]}))
    assert not [f for f in ignored if f.code == "GOV911"]


def test_pdf_with_an_open_password_is_refused_and_one_without_is_read():
    with pytest.raises(LoadError, match="打开密码"):
        load_bytes(make_pdf([["保密内容。"]], user_password="1234"), "加密.pdf")
    doc = load_bytes(make_pdf([["公开内容。"]], user_password=""), "限制.pdf")  # permissions only
    assert doc.blocks[0].text == "公开内容。"


@pytest.mark.parametrize(
    "data,words",
    [
        (make_pdf([["正文。"]])[:300], "损坏"),  # truncated
        (b"%PDF-1.4\n" + b"\0" * 500, "损坏"),
        (b"not a pdf at all" * 10, "%PDF"),
    ],
)
def test_damaged_pdf_is_one_line(data, words):
    with pytest.raises(LoadError, match=words) as e:
        load_bytes(data, "坏.pdf")
    assert "\n" not in str(e.value)


def test_ten_thousand_pages_are_refused_before_reading():
    big = make_pdf([["x"]], shared_pages=10_000)
    with pytest.raises(LoadError, match="10001 页"):
        load_bytes(big, "厚.pdf")


def test_pdf_compression_bomb_is_refused():
    with pytest.raises(LoadError, match="压缩炸弹"):
        load_bytes(make_pdf([["正文。"]], bomb_mb=60), "炸弹.pdf")


def test_real_pdfs_load(tmp_path):
    root = Path(__file__).resolve().parents[2] / "shared" / "realworld"
    pdfs = sorted(root.rglob("*.pdf"))
    if not pdfs:
        pytest.skip("no ../shared/realworld PDFs in this checkout")
    for p in pdfs:
        doc = load_bytes(p.read_bytes(), str(p))
        assert doc.blocks and doc.meta["pages"] > 0 and not doc.meta["unchecked"], p.name
        _lint(doc)


# ---- spreadsheets ----------------------------------------------------------------------------


def _sheet_xml(rows: dict[int, dict[str, str | float]], merged: list[str] = ()) -> str:
    out = []
    for r, cells in sorted(rows.items()):
        cs = []
        for col, v in cells.items():
            if isinstance(v, str):
                cs.append(f'<c r="{col}{r}" t="inlineStr"><is><t>{v}</t></is></c>')
            else:
                cs.append(f'<c r="{col}{r}"><v>{v}</v></c>')
        out.append(f'<row r="{r}">{"".join(cs)}</row>')
    merge = ""
    if merged:
        merge = (
            f'<mergeCells count="{len(merged)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in merged)
            + "</mergeCells>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(out)}</sheetData>{merge}</worksheet>"
    )


def make_xlsx(sheets: dict[str, str], extra: dict[str, bytes] | None = None) -> bytes:
    """A workbook of the given sheet XMLs, written as the ZIP of XML parts it is."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    names = list(sheets)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>",
        )
        for i, n in enumerate(names, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheets[n])
        for part, data in (extra or {}).items():
            z.writestr(part, data)
    return buf.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _roster() -> bytes:
    roster = {
        1: {"A": "2025年一次性稳就业奖补对象名单"},
        2: {"A": "序号", "B": "姓名", "C": "身份证号", "D": "联系电话"},
        3: {"A": 1, "B": "张某", "C": ID, "D": 13800138000},
        4: {"A": 2, "B": "李某", "C": ID2, "D": "139****0000"},
        5: {"A": 3, "B": "王某", "C": "110105********0021", "D": ""},
    }
    summary = {1: {"A": "合计"}, 2: {"B": "部署工作的通知"}}
    return make_xlsx({"名单": _sheet_xml(roster, ["A1:D1"]), "汇总": _sheet_xml(summary)})


def test_xlsx_every_cell_of_every_sheet_with_its_sheet_and_cell():
    doc = load_bytes(_roster(), "名单.xlsx")
    wheres = [b.where for b in doc.blocks]
    assert wheres[0] == "工作表「名单」A1:D1"  # the merged title, once
    assert "工作表「名单」C3" in wheres and "工作表「汇总」B2" in wheres
    assert not any(w.startswith("工作表「名单」B1") for w in wheres)
    cell = {b.where: b.text for b in doc.blocks}
    assert cell["工作表「名单」D3"] == "13800138000"  # a number cell is its digits, not 13800138000.0
    assert cell["工作表「名单」A3"] == "1"
    findings = _lint(doc, "GOV5")
    ids = [f for f in findings if f.code == "GOV501"]
    # line is the cell's row, column the position within the cell (issue 13)
    assert [(f.where, f.match, f.line, f.column) for f in ids] == [
        ("工作表「名单」C3", ID, 3, 1),
        ("工作表「名单」C4", ID2, 4, 1),
    ]
    assert [(f.where, f.line) for f in findings if f.code == "GOV502"] == [("工作表「名单」D3", 3)]


def test_xlsx_text_output_shows_the_cell_under_a_finding_on_its_row(tmp_path, run_cli):
    (tmp_path / "名单.xlsx").write_bytes(_roster())
    r = run_cli("--no-color", "--select", "GOV501", tmp_path / "名单.xlsx")
    assert "名单.xlsx:3:1: GOV501" in r.stdout and "名单.xlsx:4:1: GOV501" in r.stdout
    assert f"工作表「名单」C3 | {ID}" in r.stdout  # the cell's own text under the finding
    cached = run_cli("--no-color", "--select", "GOV501", "--cache", tmp_path / "名单.xlsx")
    again = run_cli("--no-color", "--select", "GOV501", "--cache", tmp_path / "名单.xlsx")
    assert again.stdout == cached.stdout  # a cache hit shows the same cells


def test_et_and_xls_names_read_the_same_workbook():
    for name in ("名单.et", "名单.xls"):
        doc = load_bytes(_roster(), name)  # WPS and older names for a workbook that is really .xlsx
        assert any(b.where == "工作表「名单」C3" for b in doc.blocks)


def test_xlsx_zip_bomb_is_refused():
    bomb = make_xlsx({"名单": _sheet_xml({1: {"A": "x"}})}, {"xl/media/pad.bin": b"\0" * 30_000_000})
    with pytest.raises(LoadError, match="压缩炸弹"):
        load_bytes(bomb, "炸弹.xlsx")


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("加密.xlsx", OLE + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512, "加密"),
        ("坏.xlsx", b"PK\x03\x04 broken", "ZIP"),
        ("坏.xlsx", b"just text, not a workbook" * 10, "不是有效的表格"),
        ("坏.xls", OLE + b"\0" * 600, "表格"),
        ("截断.xlsx", _roster()[:900], "ZIP|表格"),
        ("无工作簿.xlsx", _zip({"[Content_Types].xml": b"<Types/>"}), "缺少工作簿"),
    ],
)
def test_bad_workbooks_are_one_line(name, data, words):
    with pytest.raises(LoadError, match=words) as e:
        load_bytes(data, name)
    assert "\n" not in str(e.value)


# ---- .doc / .wps -------------------------------------------------------------------------------


def test_doc_without_libreoffice_names_what_to_install(monkeypatch):
    from textlint_gov.loaders import office

    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    for name in ("通知.doc", "通知.wps"):
        with pytest.raises(LoadError, match="LibreOffice") as e:
            load_bytes(OLE + b"\0" * 600, name)
        assert "apt-get install libreoffice-writer-nogui" in str(e.value) and "\n" not in str(e.value)


def test_doc_that_is_really_a_docx_is_read(tmp_path, docx_factory):
    path = docx_factory("a.docx", ["关于做好防汛工作的通知", "要认真布署防汛工作。"])
    doc = load_bytes(path.read_bytes(), "旧名.wps")
    assert any("布署" in b.text for b in doc.blocks)


def test_encrypted_doc_is_refused():
    with pytest.raises(LoadError, match="加密"):
        load_bytes(OLE + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600, "密.doc")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_doc_is_converted_by_libreoffice(tmp_path, docx_factory):
    import subprocess

    src = docx_factory("a.docx", ["关于做好防汛工作的通知", "要认真布署防汛工作。"])
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "o"), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    doc = load_bytes((tmp_path / "o" / "a.doc").read_bytes(), "a.doc")
    found = _lint(doc, "GOV101")
    assert [f.match for f in found] == ["布署"] and doc.meta["converted_from"] == ".doc"


# ---- pictures ----------------------------------------------------------------------------------


def test_picture_without_ocr_says_how(monkeypatch):
    from textlint_gov.loaders import image

    monkeypatch.setattr(image, "_STATE", {"on": False, "engine": None})
    monkeypatch.setattr(image, "ocr_available", lambda: False)
    with pytest.raises(LoadError, match=r"textlint-gov\[ocr\]"):
        load_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "名单.png")
    assert "textlint-gov[ocr]" in image.enable_ocr()


def test_picture_with_an_id_number_is_read_by_ocr(monkeypatch):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra (textlint-gov[ocr]) is not installed")
    from PIL import Image, ImageDraw, ImageFont

    from textlint_gov.loaders import image

    monkeypatch.setattr(image, "_STATE", {"on": False, "engine": None})
    assert image.enable_ocr() is None
    img = Image.new("RGB", (900, 200), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=40)
    draw.text((20, 30), f"ID {ID}", fill="black", font=font)
    draw.text((20, 110), f"Tel {PHONE}", fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    doc = load_bytes(buf.getvalue(), "名单.png")
    found = _lint(doc, "GOV501")
    assert [(f.match, f.where, f.line) for f in found] == [(ID, "图片第1行", 1)]


def test_picture_bomb_is_refused_before_decoding(monkeypatch):
    pytest.importorskip("PIL", reason="Pillow comes with the OCR extra")
    from PIL import Image

    from textlint_gov.loaders import image

    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buf, "PNG")  # 100 megapixels in a few kB
    monkeypatch.setattr(image, "_STATE", {"on": True, "engine": None})
    with pytest.raises(LoadError, match="图片过大"):
        load_bytes(buf.getvalue(), "大.png")


# ---- in the workflow ---------------------------------------------------------------------------


def test_folder_check_includes_attachments_and_a_bad_one_is_one_line(run_cli, tmp_path):
    d = tmp_path / "附件"
    d.mkdir()
    (d / "名单.xlsx").write_bytes(_roster())
    (d / "年报.pdf").write_bytes(make_pdf([["年度报告", f"身份证号{ID}。"]]))
    (d / "坏.pdf").write_bytes(b"%PDF-1.4\n" + b"\0" * 100)
    (d / "logo.png").write_bytes(b"\x89PNG")  # pictures only with --ocr
    r = run_cli("--format", "json", d)
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"govlint: {d / '坏.pdf'}: PDF 文件损坏或不完整，无法读取"]
    got = {(Path(f["path"]).name, f["code"], f["where"]) for f in json.loads(r.stdout)}
    assert ("名单.xlsx", "GOV501", "工作表「名单」C3") in got and ("年报.pdf", "GOV501", "第1页") in got
    assert not any(name == "logo.png" for name, _c, _w in got)


def test_ocr_flag_without_the_extra_says_how_to_install(run_cli, tmp_path, monkeypatch):
    from textlint_gov.loaders import image

    monkeypatch.setattr(image, "ocr_available", lambda: False)
    p = tmp_path / "a.txt"
    p.write_text("标题\n正文。\n", encoding="utf-8")
    r = run_cli("--ocr", p)
    assert (
        r.exit_code == 2
        and "pip install 'textlint-gov[ocr]'" in r.stderr
        and len(r.stderr.strip().splitlines()) == 1
    )


def test_fix_never_rewrites_an_attachment(run_cli, tmp_path):
    p = tmp_path / "a.pdf"
    data = make_pdf([["通知", "会议强调,要抓好落实."]])
    p.write_bytes(data)
    r = run_cli("--fix", p)
    assert p.read_bytes() == data and "不能自动修改" in r.stdout + r.stderr


def test_review_stays_docx_only(run_cli, tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(make_pdf([["通知"]]))
    r = run_cli("review", p)
    assert r.exit_code == 2 and "只处理 .docx" in r.stderr


def test_attachments_are_found_by_suffix():
    for suffix in (".pdf", ".xlsx", ".xls", ".et", ".doc", ".wps"):
        assert suffix in SUFFIXES


def test_audit_counts_an_attachment_with_its_post(tmp_path):
    from textlint_gov.audit.aggregate import run_audit
    from textlint_gov.audit.attachments import drop_owned
    from textlint_gov.audit.collect import load_units, walk_export

    ex = tmp_path / "export"
    unit = ex / "甲局"
    unit.mkdir(parents=True)
    (ex / "units.yaml").write_text("units:\n  - {name: 甲局, group: 市直单位}\n", encoding="utf-8")
    (unit / "2021-04-07_通知.html").write_text(
        '<html><body><h1>通知</h1><p>召开会议。</p><a href="/f/名单.pdf">名单.pdf</a></body></html>',
        encoding="utf-8",
    )
    (unit / "2021-04-07_通知_附件1.xlsx").write_bytes(_roster())  # beside, by name
    (unit / "名单.pdf").write_bytes(make_pdf([["名单", f"身份证号{ID}。"]]))  # linked from the page
    (unit / "2021-04-09_公示.pdf").write_bytes(make_pdf([["公示", "正文。"]]))  # a post of its own
    (unit / "2021-04-07_通知").mkdir()  # a folder named after the post
    (unit / "2021-04-07_通知" / "附件2.pdf").write_bytes(make_pdf([["附件2", f"身份证号{ID}。"]]))
    (unit / "2021-04-1.html").write_text("<p>召开会议。</p>", encoding="utf-8")
    (unit / "2021-04-12.pdf").write_bytes(
        make_pdf([["公告", "正文。"]])
    )  # not 2021-04-1's: a post of its own
    units = load_units(ex / "units.yaml")
    cands, _problems = walk_export(ex, units, ex / "units.yaml")
    assert sorted(c.rel for c in cands) == [
        "甲局/2021-04-07_通知.html",
        "甲局/2021-04-09_公示.pdf",
        "甲局/2021-04-1.html",
        "甲局/2021-04-12.pdf",
    ]
    assert drop_owned([]) == []
    result = run_audit(ex, "2021-04", config=config_from_dict({"select": ["GOV501"]}))
    posts = {p.post.path: p for p in result.units[0].posts}
    assert set(posts) == {"甲局/2021-04-07_通知.html", "甲局/2021-04-09_公示.pdf", "甲局/2021-04-12.pdf"}
    paths = sorted({f["path"] for f in posts["甲局/2021-04-07_通知.html"].post.findings})
    assert paths == ["甲局/2021-04-07_通知/附件2.pdf", "甲局/2021-04-07_通知_附件1.xlsx", "甲局/名单.pdf"]
    # two ID numbers in the list, one in each PDF count against the post
    assert posts["甲局/2021-04-07_通知.html"].counts["error"] == 4


def _id_png() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (900, 120), "white")
    ImageDraw.Draw(img).text((20, 30), f"ID {ID}", fill="black", font=ImageFont.load_default(size=40))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_pictures_in_a_docx_and_on_a_page_are_read_with_ocr(monkeypatch, tmp_path):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra (textlint-gov[ocr]) is not installed")
    import docx

    from textlint_gov.loaders import image, load

    monkeypatch.setattr(image, "_STATE", {"on": False, "engine": None})
    png = _id_png()
    d = docx.Document()
    d.add_paragraph("关于公布名单的通知")
    d.add_paragraph("名单见下图。")
    d.add_picture(io.BytesIO(png))
    buf = io.BytesIO()
    d.save(buf)
    assert not _lint(load_bytes(buf.getvalue(), "a.docx"), "GOV501")  # OCR off: text only
    assert image.enable_ocr() is None
    doc = load_bytes(buf.getvalue(), "a.docx")
    found = _lint(doc, "GOV501")
    assert [(f.match, f.where) for f in found] == [(ID, "图片1第1行")]
    assert found[0].line > len(doc.meta["paragraphs"])  # after the paragraphs: fix and review leave it alone
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "名单.png").write_bytes(png)
    (tmp_path / "secret.png").write_bytes(png)
    page = tmp_path / "sub" / "a.html"
    page.parent.mkdir()
    (page.parent / "img").mkdir()
    (page.parent / "img" / "名单.png").write_bytes(png)
    page.write_text(
        '<html><body><h1>通知</h1><p>名单如下。</p><img src="img/%E5%90%8D%E5%8D%95.png">'
        '<img src="../secret.png"><img src="/etc/x.png"></body></html>',
        encoding="utf-8",
    )
    doc = load(page)
    assert [(f.match, f.where) for f in _lint(doc, "GOV501")] == [(ID, "图片1第1行")]  # ../ and / not read


def test_review_page_checks_an_uploaded_pdf_and_workbook():
    pytest.importorskip("starlette", reason="govlint[serve] is not installed")
    from starlette.testclient import TestClient

    from textlint_gov.config import load_config
    from textlint_gov.serve.app import LOOPBACK_HOSTS, create_app

    client = TestClient(
        create_app(load_config(None, discover=False), allowed_hosts=LOOPBACK_HOSTS),
        base_url="http://127.0.0.1",
    )
    for name, data, where in (
        ("名单.pdf", make_pdf([["名单", f"身份证号{ID}。"]]), "第1页"),
        ("名单.xlsx", _roster(), "工作表「名单」C3"),
    ):
        r = client.post(
            "/api/check",
            params={"name": name},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        assert r.status_code == 200, r.text
        ids = [f for f in r.json()["findings"] if f["code"] == "GOV501"]
        assert ids and ids[0]["where"] == where and ids[0]["match"] == ID
    info = client.get("/api/info").json()
    assert {".pdf", ".xlsx", ".doc"} <= set(info["suffixes"])


def test_scanned_pdf_page_is_read_with_ocr(monkeypatch):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra (textlint-gov[ocr]) is not installed")
    from PIL import Image

    from textlint_gov.loaders import image

    picture = Image.open(io.BytesIO(_id_png())).convert("L")
    pdf = make_pdf([["名单"], "scan"], picture=(picture.width, picture.height, picture.tobytes()))
    monkeypatch.setattr(image, "_STATE", {"on": False, "engine": None})
    doc = load_bytes(pdf, "扫描.pdf")
    assert [f.code for f in _lint(doc, "GOV501", "GOV911")] == ["GOV911"]
    assert image.enable_ocr() is None
    doc = load_bytes(pdf, "扫描.pdf")
    found = _lint(doc, "GOV501", "GOV911")
    assert [(f.code, f.match, f.where) for f in found] == [("GOV501", ID, "第2页")]
