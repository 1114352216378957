"""``--format json``: one object (month, weeks, units, problems …); see AuditResult.to_dict."""

from __future__ import annotations

import json


def render(result, **_) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
