"""Spreadsheets: .xlsx, .xls and WPS's .et (either of the two inside), read with python-calamine.

Every non-empty cell of every sheet is a block of its own, in sheet order and then row by row; a
merged range is read once, from its top-left cell. The document's source is one line per cell, so a
finding's ``column`` is the position inside the cell; its ``line`` is the cell's row
(``Document.line_numbers``), and its ``where`` names the sheet and the cell: 工作表「名单」C12 (a merged range: 工作表「名单」A1:C1).
A column of ID numbers is therefore one finding per cell.

An .xlsx is a ZIP: it is inflated first against the same limits as a .docx (a zip bomb is refused
before the workbook is parsed). An encrypted workbook (an OLE container holding ``EncryptionInfo``,
or a password-protected .xls) is refused with one line; so is one of more than :data:`MAX_CELLS`
cells.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from textlint_gov.document import Block, Document, source_block
from textlint_gov.loaders.base import LoadError
from textlint_gov.loaders.docx import MAX_UNCOMPRESSED, _inflate_within_limits

MAX_CELLS = 2_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_sheet(data: bytes, name: str) -> Document:
    import python_calamine as pc

    label = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ".xlsx"
    _check_container(data, label)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise LoadError("表格设有打开密码，无法读取；请提供不加密的文件") from None
    except Exception as e:  # CalamineError, XmlError, ZipError: damaged or not a workbook
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise LoadError("表格设有打开密码，无法读取；请提供不加密的文件") from None
        cause = " ".join(str(e).split())[:80]
        raise LoadError(f"不是有效的表格文件，或文件已损坏（{cause}）") from None
    cells: list[tuple[str, str, int]] = []  # (where, text, row)
    try:
        for sheet_name in wb.sheet_names:
            try:
                sheet = wb.get_sheet_by_name(sheet_name)
            except Exception as e:  # a damaged sheet part; chart sheets have no cells
                if "password" in str(e).lower():
                    raise LoadError("表格设有打开密码，无法读取；请提供不加密的文件") from None
                continue
            _read_sheet(sheet, sheet_name, cells)
    except LoadError:
        raise
    except Exception as e:
        cause = " ".join(str(e).split())[:80]
        raise LoadError(f"表格内容损坏（{type(e).__name__}: {cause}）") from None
    finally:
        wb.close()
    return cells_document(cells, name, {"format": "sheet", "sheets": list(wb.sheet_names), "fixable": False})


def _check_container(data: bytes, label: str) -> None:
    if data.startswith(_OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data:
            raise LoadError("表格已加密（设有打开密码），无法读取；请提供不加密的文件")
        return  # .xls / .et (BIFF): calamine reads it within the 50 MB input cap
    if not data.startswith(b"PK"):
        raise LoadError(f"不是有效的表格文件（{label} 应为 ZIP 或旧版 Excel 格式）")

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise LoadError(f"不是有效的 {label} 文件（ZIP 结构损坏）") from None
    with zf:
        if "xl/workbook.xml" not in zf.namelist() and "xl/workbook.bin" not in zf.namelist():
            raise LoadError(f"不是有效的 {label} 文件（缺少工作簿部件）")
        if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
            raise LoadError(f"{label} 解压后过大，疑为压缩炸弹，已拒绝")
        _inflate_within_limits(zf, label)


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))  # 13800138000.0 is the phone number 13800138000
        return repr(value)
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _read_sheet(sheet, sheet_name: str, cells: list[tuple[str, str, int]]) -> None:
    merged: dict[tuple[int, int], str] = {}
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        merged[(r0, c0)] = f"{column_name(c0)}{r0 + 1}:{column_name(c1)}{r1 + 1}"
        if (r1 - r0 + 1) * (c1 - c0 + 1) <= 100_000:
            covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    start = sheet.start or (0, 0)
    r0, c0 = start
    for i, row in enumerate(sheet.iter_rows()):
        for j, value in enumerate(row):
            text = cell_text(value)
            if not text.strip():
                continue
            r, c = r0 + i, c0 + j
            if (r, c) in covered:
                continue  # .xls repeats a merged value in every cell of the range
            ref = merged.get((r, c)) or f"{column_name(c)}{r + 1}"
            cells.append((f"工作表「{sheet_name}」{ref}", text, r + 1))
            if len(cells) > MAX_CELLS:
                raise LoadError(f"表格超过 {MAX_CELLS // 10000} 万个非空单元格，已拒绝（请拆分后检查）")


def cells_document(cells: list[tuple[str, str, int]], name: str, meta: dict) -> Document:
    """One source line per cell; a finding's ``line`` is its cell's row (``Document.line_numbers``)."""
    lines = [" ".join(text.replace("\r", "\n").split("\n")) for _where, text, _row in cells]
    source = "\n".join(lines)
    blocks: list[Block] = []
    offset = 0
    for (where, _text, _row), line in zip(cells, lines):
        block = source_block(source, offset, offset + len(line), "table", where)
        if block is not None:
            blocks.append(block)
        offset += len(line) + 1
    return Document(name, source, blocks, meta, line_numbers=[row for _w, _t, row in cells])
