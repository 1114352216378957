"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=稿件.md,line=3,col=5,endLine=3,endColumn=10,title=GOV001 表述::message`` —
error, warning and notice for govlint's error, warning and info. Values are escaped as the
Actions runner expects (``%``, CR, LF; in properties also ``:`` and ``,``). Columns are
1-based code points. A file that could not be read is an error annotation on the file.
"""

from __future__ import annotations

from textlint_gov.findings import CATEGORIES, Severity
from textlint_gov.formatters.text import suggestion_text

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results, **_options) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(f"::error file={escape_property(r.path)},title=govlint::{escape_data(r.error)}")
            continue
        for f in r.findings:
            props = [
                f"file={escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
            ]
            if f.end_line == f.line:  # the runner accepts an end column only on the same line
                props.append(f"endColumn={f.end_column}")
            props.append(f"title={escape_property(f'{f.code} {CATEGORIES.get(f.category, f.category)}')}")
            message = f.message
            if f.suggestion is not None:
                message += f"（建议：{suggestion_text(f.suggestion)}）"
            if f.where and f.where != f"第{f.line}行":
                message += f"［{f.where}］"
            out.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in out)
