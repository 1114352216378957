"""``--format json``: one JSON array of findings (keys documented in README)."""

from __future__ import annotations

import json


def render(results, **_options) -> str:
    return json.dumps([f.to_dict() for r in results for f in r.findings], ensure_ascii=False, indent=2) + "\n"
