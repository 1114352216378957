"""CSV: per group a title row (附件N …), the notice's header row and one row per unit, then a blank row;
then 单项否决, 预警 and, with --previous, the 整改台账 counts, each under its own title row."""

from __future__ import annotations

import csv
import io

from textlint_gov.audit.formats import annex_title, header, row
from textlint_gov.audit.formats.inspection import (
    INDICATOR_HEADER,
    LEDGER_HEADER,
    indicator_rows,
    ledger_rows,
    ledger_title,
)


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
    for title, pairs in (("单项否决", result.vetoes()), ("预警", result.warnings())):
        w.writerow([])
        w.writerow([f"{title}（{len(pairs)}）"])
        w.writerow(INDICATOR_HEADER)
        w.writerows(indicator_rows(pairs, limit=50))
    rows = ledger_rows(result)
    if rows:
        w.writerow([])
        w.writerow([ledger_title(result)])
        w.writerow(LEDGER_HEADER)
        w.writerows(rows)
    return buf.getvalue()
