"""What the review page shows, computed without any web framework: load bytes, lint, and lay the
findings out on the blocks the page draws. Pure functions of (bytes, name, config); nothing is written.

The page draws the draft block by block (a paragraph, a heading, a table cell), so every finding is
mapped from its source offsets back into the block it came from (the inverse of
``Block.to_source``). Offsets in the JSON are Unicode code points, as everywhere in govlint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from textlint_gov.config import Config
from textlint_gov.document import Block, Document
from textlint_gov.engine import RuleCrash, lint
from textlint_gov.findings import CATEGORIES, Applicability, Finding, Severity
from textlint_gov.fix import fix_bytes
from textlint_gov.loaders import SUFFIXES, LoadError, load_bytes
from textlint_gov.rules import registry
from textlint_gov.rules.gov201_title_length import cut_at, display_width

PASTE_NAME = "粘贴文本.txt"

# Formats people often try that govlint cannot read, with what to do instead.
_HINTS = {
    ".png": "图片要用文字识别检查：请在命令行运行 govlint --ocr 图片文件",
    ".jpg": "图片要用文字识别检查：请在命令行运行 govlint --ocr 图片文件",
    ".jpeg": "图片要用文字识别检查：请在命令行运行 govlint --ocr 图片文件",
    ".rtf": "请在 Word 或 WPS 中“另存为” .docx 后再上传",
    ".odt": "请在 WPS 或 LibreOffice 中“另存为” .docx 后再上传",
}


class InputError(Exception):
    """A draft the page cannot check; ``str(err)`` is a short Chinese message for the clerk."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Engine:
    """One configuration, loaded and warmed once, shared by every request (read-only afterwards)."""

    config: Config
    title_limit: float
    hints: dict[str, dict]  # rule code -> {"example", "fix"}: the rule's own 示例 and 修改为

    @classmethod
    def create(cls, config: Config) -> Engine:
        config.rules()  # compile dictionaries and rule options now, not in a request thread
        engine = cls(config, _title_limit(config), _hints(config))
        # Warm the lazily loaded parts (segmenter, automata) before clerks arrive, so concurrent
        # first requests never race to build them.
        warm = "关于开展稿件校对工作的通知\n习近平书记强调,要布署落实。联系电话13800138000。\n"
        lint(load_bytes(warm.encode("utf-8"), "warm.txt"), config)
        return engine

    def check(self, data: bytes, name: str) -> tuple[Document, list[Finding]]:
        """Load and lint; every failure becomes an :class:`InputError` with a Chinese message."""

        check_suffix(name)
        try:
            doc = load_bytes(data, name)
        except LoadError as e:
            raise InputError(f"无法读取“{name}”：{e}") from None
        except Exception as e:  # a loader bug must not show a traceback to a clerk
            raise InputError(f"无法读取“{name}”：文件内容异常（{type(e).__name__}）") from None
        try:
            findings = lint(doc, self.config)
        except RuleCrash as e:  # lint turns any exception in a rule into RuleCrash
            raise InputError(f"检查“{name}”时出错：{e}", 500) from None
        return doc, findings

    def fix(self, text: str, ids: list[int] | None) -> tuple[Document, list[Finding], int]:
        """The pasted ``text`` with the safe fixes applied as ``--fix`` applies them (all, or those of
        the findings numbered ``ids`` in a check of the same text), and its new findings."""

        try:
            result = fix_bytes(text.encode("utf-8"), PASTE_NAME, self.config, only=ids)
        except RuleCrash as e:
            raise InputError(f"修改时出错：{e}", 500) from None
        assert result.document is not None
        return result.document, result.findings, len(result.applied)


def check_suffix(name: str) -> None:
    """An :class:`InputError` (415) for a file type govlint cannot read, before its bytes are read."""

    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        hint = _HINTS.get(suffix, f"请上传 {'、'.join(SUFFIXES)} 格式的文稿")
        shown = suffix or "无扩展名"
        raise InputError(f"不支持的文件类型“{shown}”：{hint}", 415)


def _title_limit(config: Config) -> float:
    for cr in config.rules():
        if cr.rule.code == "GOV201":
            return float(cr.options["max-width"])

    reg = registry()
    default = reg["GOV201"].options["max-width"] if "GOV201" in reg else 30.0
    return float(config.rule_options.get("GOV201", {}).get("max-width", default))


def _hints(config: Config) -> dict[str, dict]:
    """What a clerk can write instead where a finding has no one-word suggestion (a long title,
    a first-person title): the first example of the rule's own documentation."""
    out = {}
    for cr in config.rules():
        try:
            docs = cr.rule.docs()
        except Exception:  # a rule without the documented sections simply has no hint
            continue
        example = _first_line(docs.get("示例", ""))
        fix = _first_line(docs.get("修改为", ""))
        if fix and fix != example:
            # a long example (a whole title) distracts more than it helps: then only the fix
            keep = example and "→" not in example and len(example) <= 30
            out[cr.rule.code] = {"example": example if keep else "", "fix": fix}
    return out


def _first_line(text: str, limit: int = 80) -> str:
    line = next((x.strip() for x in text.splitlines() if x.strip() and not x.strip().startswith("<!--")), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def title_preview(doc: Document, limit: float) -> dict | None:
    """The title as the front page list would cut it at ``limit`` (GOV201's display width)."""

    block = doc.title
    text = block.text if block is not None else (doc.meta.get("title") or "")
    if not text:
        return None
    cut = cut_at(text, limit)
    return {
        "text": text,
        "width": display_width(text),
        "limit": limit,
        "cut": cut,
        "fits": cut >= len(text),
        "shown": text[:cut] + ("" if cut >= len(text) else "…"),
    }


def _block_json(b: Block) -> dict:
    return {"kind": b.kind, "where": b.where, "text": b.text}


def finding_json(n: int, f: Finding, placed: tuple[int, int, int] | None, hints: dict | None = None) -> dict:
    d = f.to_dict()
    hint = (hints or {}).get(f.code) if f.suggestion is None else None
    d.update(
        id=n,
        start=f.start,
        end=f.end,
        category_name=CATEGORIES.get(f.category, f.category),
        severity_label=f.severity.label,
        block=placed[0] if placed else None,
        block_start=placed[1] if placed else None,
        block_end=placed[2] if placed else None,
        fix=[[e.start, e.end, e.content] for e in f.fix] if f.applicability is Applicability.SAFE else [],
        hint=hint,
    )
    return d


def result_json(
    doc: Document,
    findings: list[Finding],
    name: str,
    limit: float,
    *,
    pasted: bool = False,
    hints: dict | None = None,
) -> dict:
    """Everything the page needs to draw one checked draft."""
    placed = [f.block for f in findings]
    counts = {s.value: 0 for s in Severity}
    by_cat = dict.fromkeys(CATEGORIES, 0)
    for f in findings:
        counts[f.severity.value] += 1
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
    out = {
        "name": name,
        "format": doc.meta.get("format", ""),
        "blocks": [_block_json(b) for b in doc.blocks],
        "findings": [finding_json(n, f, p, hints) for n, (f, p) in enumerate(zip(findings, placed))],
        "report": [f.to_dict() for f in findings],  # the same records as `govlint --format json`
        "title": title_preview(doc, limit),
        "counts": counts,
        "categories": [{"key": k, "name": CATEGORIES.get(k, k), "count": c} for k, c in by_cat.items() if c],
    }
    if pasted:
        out["source"] = doc.source  # the text the fix offsets refer to
    return out
