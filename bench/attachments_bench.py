"""Attachments (issue 13): how fast and how big.

Each part runs in a child process of its own, so its peak memory (max RSS, PDFium's and calamine's
native memory included) is its own:

- pdf: the real PDFs of ``../shared/realworld/`` loaded (pages per second) and loaded + linted with
  the default rule book;
- xlsx: a generated 名单 workbook of 20,000 rows x 6 columns (cells per second, load and load + lint);
- ocr: seconds per picture (a real PDF page rendered at 2x, about 150 dpi), when the ``ocr`` extra
  is installed;
- hostile: time to refuse a 10,000-page PDF, a 300 MB Flate bomb and a 200 MB zip-bomb workbook.

    python bench/attachments_bench.py [--realworld DIR] [--rows 20000]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the hand-written PDFs of the tests


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _xlsx(rows: int) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    body = []
    for r in range(1, rows + 1):
        cells = [
            f'<c r="A{r}"><v>{r}</v></c>',
            f'<c r="B{r}" t="inlineStr"><is><t>张{r % 97}某</t></is></c>',
            f'<c r="C{r}" t="inlineStr"><is><t>110105********{r % 10000:04d}</t></is></c>',
            f'<c r="D{r}" t="inlineStr"><is><t>139****{r % 10000:04d}</t></is></c>',
            f'<c r="E{r}" t="inlineStr"><is><t>平潭综合实验区金井镇吉钓村{r % 50}号</t></is></c>',
            f'<c r="F{r}" t="inlineStr"><is><t>2025年一次性稳就业奖补，已于3月14日公示</t></is></c>',
        ]
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{ns}"><sheetData>{"".join(body)}</sheetData></worksheet>',
        )
    return buf.getvalue()


def part_pdf(args) -> dict:
    from textlint_gov.config import load_config
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes

    files = sorted(Path(args.realworld).rglob("*.pdf"))
    datas = [p.read_bytes() for p in files]
    t = time.perf_counter()
    docs = [load_bytes(d, str(p)) for d, p in zip(datas, files)]
    load_s = time.perf_counter() - t
    pages = sum(d.meta["pages"] for d in docs)
    config = load_config(None, discover=False)
    lint(docs[0], config)  # rules compiled and the segmenter loaded outside the timing
    t = time.perf_counter()
    findings = sum(len(lint(d, config)) for d in docs)
    lint_s = time.perf_counter() - t
    return {
        "files": len(files),
        "pages": pages,
        "chars": sum(d.text_length for d in docs),
        "load_pages_per_s": round(pages / load_s, 1),
        "load_and_lint_pages_per_s": round(pages / (load_s + lint_s), 1),
        "findings": findings,
    }


def part_xlsx(args) -> dict:
    from textlint_gov.config import load_config
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes

    data = _xlsx(args.rows)
    t = time.perf_counter()
    doc = load_bytes(data, "名单.xlsx")
    load_s = time.perf_counter() - t
    config = load_config(None, discover=False)
    lint(load_bytes(_xlsx(10), "warm.xlsx"), config)
    t = time.perf_counter()
    findings = lint(doc, config)
    lint_s = time.perf_counter() - t
    cells = len(doc.blocks)
    return {
        "cells": cells,
        "bytes": len(data),
        "load_cells_per_s": round(cells / load_s),
        "load_and_lint_cells_per_s": round(cells / (load_s + lint_s)),
        "findings": len(findings),
    }


def part_ocr(args) -> dict:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return {"skipped": "the ocr extra is not installed (pip install -e '.[ocr]')"}
    import pypdfium2 as pdfium

    from textlint_gov.loaders.image import ocr

    pdf = next(iter(sorted(Path(args.realworld).rglob("*.pdf"))))
    page = pdfium.PdfDocument(pdf.read_bytes())[1]
    image = page.render(scale=2).to_pil()
    t = time.perf_counter()
    ocr(image)  # the model is loaded here
    first = time.perf_counter() - t
    runs = 3
    t = time.perf_counter()
    boxes = []
    for _ in range(runs):
        boxes = ocr(image)
    return {
        "image": f"{image.width}x{image.height}",
        "first_s": round(first, 2),
        "s_per_image": round((time.perf_counter() - t) / runs, 2),
        "text_boxes": len(boxes),
    }


def part_hostile(args) -> dict:
    from pdf_fixtures import make_pdf

    from textlint_gov.loaders import LoadError, load_bytes

    out = {}
    cases = {
        "pdf_10000_pages": (make_pdf([["x"]], shared_pages=10_000), "a.pdf"),
        "pdf_flate_bomb_300MB": (make_pdf([["正文。"]], bomb_mb=300), "b.pdf"),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * 200_000_000)
    cases["xlsx_zip_bomb_200MB"] = (buf.getvalue(), "c.xlsx")
    for name, (data, fname) in cases.items():
        t = time.perf_counter()
        try:
            load_bytes(data, fname)
            verdict = "loaded"
        except LoadError as e:
            verdict = str(e)
        out[name] = {"s": round(time.perf_counter() - t, 2), "file_kB": len(data) // 1024, "result": verdict}
    return out


PARTS = {"pdf": part_pdf, "xlsx": part_xlsx, "ocr": part_ocr, "hostile": part_hostile}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realworld", default=str(HERE.parent.parent / "shared" / "realworld"))
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--part", choices=list(PARTS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.part:
        result = PARTS[args.part](args)
        result["peak_rss_mb"] = round(_peak_mb())
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for part in PARTS:
        cmd = [
            sys.executable,
            __file__,
            "--part",
            part,
            "--realworld",
            args.realworld,
            "--rows",
            str(args.rows),
        ]
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if r.returncode:
            print(f"{part}: failed\n{r.stderr}", file=sys.stderr)
            continue
        print(f"{part}: {r.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
