"""CSV: per group a title row (附件N …), the notice's header row and one row per unit, then a blank row."""

from __future__ import annotations

import csv
import io

from textlint_gov.audit.formats import annex_title, header, row


def render(result, **_) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for i, group in enumerate(result.groups, 1):
        if i > 1:
            w.writerow([])
        annex, title = annex_title(result, i, group)
        w.writerow([f"{annex} {title}"])
        w.writerow(header(result))
        for u in result.group_units(group):
            w.writerow(row(result, u))
    return buf.getvalue()
