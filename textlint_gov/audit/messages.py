"""``messages.csv``: the CMS's 留言 export (互动回应), one message a row: id, unit, asked, answered.

The header names the columns (``id,unit,asked,answered``; 编号, 单位, 留言时间, 答复时间 also work);
``answered`` is empty for a message not answered yet. UTF-8 (with or without BOM) or GB18030.
A file that cannot be read, or rows that cannot be, give one line under ``problems``; the audit goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textlint_gov.docdate import parse_date

MESSAGES_FILE = "messages.csv"
MAX_BYTES = 20 * 1024 * 1024
HEADERS = {
    "id": ("id", "编号", "留言编号"),
    "unit": ("unit", "单位", "办理单位", "答复单位"),
    "asked": ("asked", "留言时间", "留言日期", "提问时间"),
    "answered": ("answered", "答复时间", "回复时间", "答复日期", "回复日期"),
}


@dataclass(frozen=True)
class Message:
    id: str
    unit: str
    asked: dt.date
    answered: dt.date | None


def read_messages(path: Path, match_unit: Callable[[str], str | None]) -> tuple[list[Message], list[str]]:
    """(messages, one-line complaints). Rows of unknown units or bad dates are left out and named."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return [], [f"无法读取（{e.strerror or e}），互动回应未统计"]
    if len(data) > MAX_BYTES:
        return [], [f"超过 {MAX_BYTES // 1024 // 1024} MB，互动回应未统计"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return [], ["不是 UTF-8 或 GB18030 编码的 CSV，互动回应未统计"]
    if "\x00" in text:
        return [], ["不是文本 CSV 文件，互动回应未统计"]
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as e:
        return [], [f"不是有效的 CSV（{e}），互动回应未统计"]
    if not rows:
        return [], ["是空文件，互动回应未统计"]
    head = [h.strip().lower() for h in rows[0]]
    index: dict[str, int] = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(head):
            if h in names:
                index[key] = i
                break
    missing = [k for k in HEADERS if k not in index]
    if missing:
        return [], [f"首行应为列名 id,unit,asked,answered（缺少 {'、'.join(missing)}），互动回应未统计"]
    messages: list[Message] = []
    bad_rows: list[int] = []
    unknown: dict[str, int] = {}
    for n, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        cell = {k: (row[i].strip() if i < len(row) else "") for k, i in index.items()}
        asked = parse_date(cell["asked"])
        answered = parse_date(cell["answered"]) if cell["answered"] else None
        if asked is None or (cell["answered"] and answered is None):
            bad_rows.append(n)
            continue
        unit = match_unit(cell["unit"])
        if unit is None:
            unknown.setdefault(cell["unit"] or "（空）", n)
            continue
        messages.append(Message(cell["id"], unit, asked, answered))
    complaints = []
    if bad_rows:
        shown = "、".join(str(n) for n in bad_rows[:5]) + ("等" if len(bad_rows) > 5 else "")
        complaints.append(
            f"第 {shown} 行的留言时间或答复时间不是日期（共 {len(bad_rows)} 行，应如 2021-01-05），已跳过这些行"
        )
    if unknown:
        listed = "、".join(f"“{u}”" for u in list(unknown)[:3]) + ("等" if len(unknown) > 3 else "")
        complaints.append(f"单位{listed}不在 units.yaml 中，这些留言未统计")
    return messages, complaints
