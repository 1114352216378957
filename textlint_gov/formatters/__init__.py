"""Formatters turn findings into text; they never filter or rescore (flake8 ``BaseFormatter``).

``FORMATTERS[name](results, options) -> str`` where ``results`` is a list of
:class:`FileResult`. Each formatter lives in its own module and is imported on use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from textlint_gov.document import Document
from textlint_gov.findings import Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None  # the one-line cause when the file could not be read
    # the source line of each finding, by its start offset, when there is no document (a cache hit)
    lines: dict[int, str] = field(default_factory=dict)

    def source_line(self, f: Finding) -> str | None:
        """The line of the source a finding is on (a spreadsheet's cell, whose ``line`` is its row)."""
        if self.document is not None:
            return self.document.source_line_at(f.start)
        return self.lines.get(f.start)


FORMATTERS: dict[str, str] = {
    "text": "textlint_gov.formatters.text",
    "json": "textlint_gov.formatters.json",
    "sarif": "textlint_gov.formatters.sarif",
    "github": "textlint_gov.formatters.github",
}


def available() -> list[str]:
    return list(FORMATTERS)


def render(name: str, results: list[FileResult], **options) -> str:
    module = importlib.import_module(FORMATTERS[name])
    return module.render(results, **options)
