"""Word: the annexes as real tables (附件N, title, table), one annex per page, ready to attach to the notice."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from textlint_gov.audit.formats import annex_title, header, month_label, row
from textlint_gov.audit.formats.inspection import (
    INDICATOR_HEADER,
    LEDGER_HEADER,
    indicator_rows,
    ledger_rows,
    ledger_title,
)


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _annex(doc, annex: str, title: str, head: list[str], rows: list[list[str]]) -> None:
    """One more annex on its own page: 附件N, the title, a table (a row saying 无 when empty)."""
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    _font(p.add_run(annex), "黑体", 16)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(title), "方正小标宋简体", 18)
    rows = rows or [["无", *[""] * (len(head) - 1)]]
    table = doc.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, text in enumerate(head):
        cell = table.cell(0, j)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), "黑体", 12)
    for r, values in enumerate(rows, 1):
        for j, text in enumerate(values):
            _font(table.cell(r, j).paragraphs[0].add_run(text), "仿宋_GB2312", 12)


def render(result, **_) -> bytes:
    doc = Document()
    for i, group in enumerate(result.groups, 1):
        annex, title = annex_title(result, i, group)
        p = doc.add_paragraph()
        if i > 1:
            p.add_run().add_break(WD_BREAK.PAGE)
        _font(p.add_run(annex), "黑体", 16)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(title), "方正小标宋简体", 18)
        head = header(result)
        units = result.group_units(group)
        table = doc.add_table(rows=1 + len(units), cols=len(head))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for j, text in enumerate(head):
            cell = table.cell(0, j)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(text), "黑体", 12)
        for r, u in enumerate(units, 1):
            for j, text in enumerate(row(result, u)):
                cell = table.cell(r, j)
                cell.paragraphs[0].alignment = (
                    WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER
                )
                _font(cell.paragraphs[0].add_run(text), "仿宋_GB2312", 12)
    number = len(result.groups) + 1
    flagged = [["单项否决", *r] for r in indicator_rows(result.vetoes(), limit=5)]
    flagged += [["预警", *r] for r in indicator_rows(result.warnings(), limit=5)]
    title = f"{month_label(result)}单项否决和预警情况"
    _annex(doc, f"附件{number}", title, ["类别", *INDICATOR_HEADER], flagged)
    ledger = ledger_rows(result)
    if ledger:
        number += 1
        _annex(doc, f"附件{number}", f"{month_label(result)}{ledger_title(result)}", LEDGER_HEADER, ledger)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
