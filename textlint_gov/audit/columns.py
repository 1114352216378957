"""Columns (栏目) of a unit: declared under ``columns:`` in units.yaml, found from the export.

A post belongs to a column by, in this order: a folder between the unit folder and the file whose
name is a declared column's name or alias (``教育体育局/通知公告/…``, a crawled site's
``教育体育局/zwgk/gsgg/202101/…`` with ``aliases: [gsgg]``), else the CMS metadata of the page
(``<meta name="ColumnName">``, front matter ``column:``). A folder or metadata label that matches no
declared column is reported once per unit; the post still counts for the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from textlint_gov.errors import unknown_key

TYPES = ("动态要闻", "通知公告", "政策文件", "其他")
UPDATED_TYPES = ("动态要闻", "通知公告", "政策文件")  # 应更新 by default
COLUMN_KEYS = ("name", "type", "aliases", "cycle_days", "required")
MAX_CYCLE_DAYS = 3660


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    cycle_days: int | None = None  # own update cycle; None: the type's default (inspection.update_days)
    required: bool = True  # false: exempt from the update indicators

    def must_update(self) -> bool:
        return self.required and (self.type in UPDATED_TYPES or self.cycle_days is not None)

    def cycle(self, defaults: dict[str, int]) -> int | None:
        if not self.must_update():
            return None
        return self.cycle_days if self.cycle_days is not None else defaults.get(self.type)


def parse_columns(raw: Any, at: str, error: type[Exception]) -> tuple[Column, ...]:
    """The ``columns:`` list of one unit; ``error(message)`` naming the entry and key otherwise."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise error(f"{at}: columns 应为列表，如 [{{name: 通知公告, type: 通知公告}}]")
    out: list[Column] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(raw, 1):
        where = f"{at}: columns 第{i}项"
        if isinstance(item, str):
            item = {"name": item, "type": "其他"}
        if not isinstance(item, dict):
            raise error(f"{where} 应为映射（name、type、aliases、cycle_days、required）")
        if unknown := unknown_key(item, COLUMN_KEYS):
            raise error(f"{where}: {unknown}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise error(f"{where}: name 应为栏目名称（字符串）")
        name = squeeze(name)
        where = f"{at}: 栏目“{name}”"
        kind = item.get("type", "其他")
        if kind not in TYPES:
            raise error(f"{where}: type 应为 {'、'.join(TYPES)} 之一，而不是“{kind}”")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise error(f"{where}: aliases 应为字符串列表")
        cycle = item.get("cycle_days")
        if cycle is not None and (
            isinstance(cycle, bool) or not isinstance(cycle, int) or not 1 <= cycle <= MAX_CYCLE_DAYS
        ):
            raise error(f"{where}: cycle_days 应为 1 到 {MAX_CYCLE_DAYS} 之间的整数（天），而不是“{cycle}”")
        required = item.get("required", True)
        if not isinstance(required, bool):
            raise error(f"{where}: required 应为 true 或 false")
        column = Column(name, kind, tuple(squeeze(a) for a in aliases), cycle, required)
        for label in (name, *column.aliases):
            key = label.casefold()
            if key in seen and seen[key] != name:
                raise error(f"{where}: 名称或别名“{label}”与栏目“{seen[key]}”重复")
            seen[key] = name
        out.append(column)
    return tuple(out)


def squeeze(text: str) -> str:
    return "".join(str(text).split())


_DATE_FOLDER = re.compile(r"(?:19|20)\d{2}(?:[-_.]?\d{2}){1,2}")


def is_date_folder(name: str) -> bool:
    """``202101``, ``2021-01``, ``20210105``: the date folders of a crawled site, never a column."""
    return bool(_DATE_FOLDER.fullmatch(name))


class ColumnIndex:
    """Names and aliases of one unit's columns, compared without spaces and case."""

    def __init__(self, columns: tuple[Column, ...]) -> None:
        self.columns = columns
        self.labels: dict[str, str] = {}
        for c in columns:
            for label in (c.name, *c.aliases):
                self.labels.setdefault(label.casefold(), c.name)

    def match(self, label: str | None) -> str | None:
        if not label:
            return None
        return self.labels.get(squeeze(label).casefold())

    def assign(self, folders: list[str], meta_label: str | None) -> tuple[str | None, str | None]:
        """(column name, unmatched label) of a post: the first folder that names a column, else the
        metadata's column; otherwise the first folder that is no date folder (shown with a trailing
        ``/``) or the metadata label, as the unmatched one."""
        for f in folders:
            name = self.match(f)
            if name:
                return name, None
        name = self.match(meta_label)
        if name:
            return name, None
        for i, f in enumerate(folders):
            if not is_date_folder(f):
                return None, "/".join(folders[: i + 1]) + "/"
        if meta_label and squeeze(meta_label):
            return None, squeeze(meta_label)
        return None, None
