"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

One run; the driver lists every rule with its summary, its documentation as help text (plain and
Markdown, as ``govlint rule CODE`` prints it) and its default level. Columns are counted in
Unicode code points (``columnKind: unicodeCodePoints``), 1-based, end column exclusive, which is
how govlint counts them. Paths are relative to the current folder (``%SRCROOT%``) when they lie
inside it. A safe fix is attached as a SARIF ``fix``. Files that could not be read become tool
execution notifications.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from textlint_gov import __version__
from textlint_gov.docs import rule_markdown
from textlint_gov.findings import CATEGORIES, Applicability, Severity
from textlint_gov.rules import registry

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to %SRCROOT% (the current folder) when possible."""
    if path == "-":
        return "stdin", None
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve()) if p.is_absolute() else None
    except ValueError:
        rel = None
    if not p.is_absolute():
        return quote(PurePosixPath(*p.parts).as_posix()), "%SRCROOT%"
    if rel is not None:
        return quote(rel.as_posix()), "%SRCROOT%"
    return p.resolve().as_uri(), None


def _artifact(path: str) -> dict:
    uri, base = _uri(path)
    loc = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _rule_descriptor(rule) -> dict:
    docs = rule.docs()
    markdown = rule_markdown(rule)
    plain = (
        "\n\n".join(f"{k}：{docs[k]}" for k in ("作用", "原因", "示例", "修改为", "选项") if docs.get(k))
        or rule.summary
    )
    d = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.get("作用") or rule.summary},
        "help": {"text": plain, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "category": rule.category,
            "tags": [rule.category, CATEGORIES[rule.category]],
            "fixable": rule.fix is Applicability.SAFE,
        },
    }
    if rule.source:
        d["properties"]["source"] = rule.source
    return d


def _region(f) -> dict:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def render(results, **_options) -> str:
    rules = [_rule_descriptor(r) for r in registry()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    out_results = []
    notifications = []
    artifacts: dict[str, int] = {}
    artifact_list: list[dict] = []
    seen: dict[str, int] = {}
    for r in results:
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": r.error},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path)}}],
                }
            )
            continue
        for f in r.findings:
            if f.code not in index:  # a rule from a user dictionary
                index[f.code] = len(rules)
                rules.append(
                    {
                        "id": f.code,
                        "shortDescription": {"text": f.code},
                        "help": {"text": "用户词典中的规则（见 rules.yaml 的 dictionaries）"},
                        "properties": {"category": f.category},
                    }
                )
            if f.path not in artifacts:
                artifacts[f.path] = len(artifact_list)
                artifact_list.append({"location": _artifact(f.path)})
            location = {
                "physicalLocation": {
                    "artifactLocation": {**_artifact(f.path), "index": artifacts[f.path]},
                    "region": _region(f),
                }
            }
            if f.where:
                location["message"] = {"text": f.where}
            res = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {
                    "text": f.message
                    + (f"（建议：{f.suggestion or '删去'}）" if f.suggestion is not None else "")
                },
                "locations": [location],
                "partialFingerprints": {"govlint/v1": _fingerprint(f, seen)},
                "properties": {"category": f.category, "match": f.match},
            }
            if f.suggestion is not None:
                res["properties"]["suggestion"] = f.suggestion
            if f.applicability is Applicability.SAFE and f.fix:
                res["fixes"] = [
                    {
                        "description": {"text": f"改为“{f.suggestion}”" if f.suggestion else "删去"},
                        "artifactChanges": [
                            {
                                "artifactLocation": _artifact(f.path),
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": f.line,
                                            "startColumn": f.column,
                                            "endLine": f.end_line,
                                            "endColumn": f.end_column,
                                        },
                                        "insertedContent": {"text": f.fix[0].content},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            out_results.append(res)
    run = {
        "tool": {
            "driver": {
                "name": "govlint",
                "fullName": "govlint 政府网站稿件内容质量检查",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "artifacts": artifact_list,
        "results": out_results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _fingerprint(f, seen: dict[str, int]) -> str:
    """Stable when lines move: the rule, the file, the offending text and which occurrence it is."""
    import hashlib

    key = f"{f.code}\0{f.path}\0{f.match}\0{f.suggestion or ''}"
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
