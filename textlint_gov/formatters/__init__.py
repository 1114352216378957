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
    lines: dict[int, str] = field(default_factory=dict)  # source lines by number when there is no document

    def line_text(self, line: int) -> str | None:
        if self.document is not None:
            return self.document.line_text(line)
        return self.lines.get(line)


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
