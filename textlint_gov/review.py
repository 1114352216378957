"""``govlint review draft.docx``: a copy of the draft with one Word comment per finding.

The copy ``draft.govlint.docx`` is written beside the original, which is never touched: through a
temporary file in the same folder renamed over the name, so a symbolic or hard link planted at
``draft.govlint.docx`` is replaced and never written through. Each
comment is authored "govlint", anchored on the offending text and says what is wrong and what to
write instead, so a clerk reads the review in Word or WPS. A finding inside a run gets its own run
(the run is split on the copy, formatting kept); findings in headers, footers and footnotes, where
Word has no comments, are anchored on the title with their place named.

For other programs (the web page offers the reviewed file for download)::

    from textlint_gov.review import review_docx_bytes
    reviewed: bytes = review_docx_bytes(data, findings)

``findings`` are those of :func:`textlint_gov.engine.lint` on a document loaded from the same
``data`` (only ``line``/``column``/``end_line``/``end_column``, ``code``, ``message``,
``suggestion`` and ``where`` are used, so cached findings work too).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from textlint_gov.cli import err, load_config_or_exit
from textlint_gov.cliopts import config_option
from textlint_gov.docxedit import isolate, paragraph_text, run_spans
from textlint_gov.engine import RuleCrash, lint
from textlint_gov.fix import write_new
from textlint_gov.formatters.text import suggestion_text
from textlint_gov.loaders import LoadError, load_bytes, read_input
from textlint_gov.status import EXIT_ERROR, EXIT_OK

AUTHOR = "govlint"
INITIALS = "GL"


def review_path(path: str | Path) -> Path:
    """Where the review of ``path`` is written: ``draft.docx`` -> ``draft.govlint.docx``."""
    p = Path(path)
    return p.with_name(f"{p.stem}.govlint.docx")


def comment_text(f) -> str:
    """What the comment says: the rule, what is wrong, what to write instead."""

    text = f"{f.code} {f.message}"
    if f.suggestion is not None and suggestion_text(f.suggestion) not in f.message:
        text += f"（建议：{suggestion_text(f.suggestion)}）"
    return text


def review_docx_bytes(data: bytes, findings) -> bytes:
    """Return a copy of the .docx ``data`` with one comment per finding (see module docstring).

    Raises :class:`textlint_gov.loaders.LoadError` when ``data`` is not a readable .docx.
    """
    doc, _anchored = _annotate(data, findings)
    out = io.BytesIO()
    doc.meta["docx"].save(out)
    return out.getvalue()


def _annotate(data: bytes, findings):
    """(the freshly loaded document with the comments added, the findings that got a comment)."""
    from docx.text.run import Run

    doc = load_bytes(data, "review.docx")  # a fresh parse: the caller's objects are never touched
    d = doc.meta["docx"]
    paragraphs = doc.meta["paragraphs"]
    body_root = d.element
    fallback = _fallback_paragraph(paragraphs, body_root)
    anchored = []
    # Place the comments from the end of the document backwards: splitting runs for one comment
    # never moves the text of a comment placed before it.
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.end_line, f.end_column), reverse=True):
        text = comment_text(f)
        p = paragraphs[f.line - 1] if 0 < f.line <= len(paragraphs) else None
        runs = []
        if p is not None and p.getroottree().getroot() is body_root:
            length = len(paragraph_text(p))
            a = f.column - 1
            b = f.end_column - 1 if f.end_line == f.line else length
            a, b = max(0, min(a, length)), max(0, min(b, length))
            if a == b:  # a point (a missing mark): anchor on the character before it, or after
                a, b = (a - 1, a) if a > 0 else (a, min(a + 1, length))
            if a < b:
                runs = isolate(p, a, b)
        if not runs:  # header, footer, footnote or an empty place: on the title, naming the place
            text = f"{f.where or f'第{f.line}段'}：{text}"
            spans = run_spans(fallback) if fallback is not None else []
            runs = [spans[0][0], spans[-1][0]] if spans else []
        if not runs:
            continue
        first, last = Run(runs[0], d), Run(runs[-1], d)  # runs of the document's body part
        d.add_comment([first, last], text=text, author=AUTHOR, initials=INITIALS)
        anchored.append(f)
    if anchored:
        _renumber(d)
    return doc, anchored


def _renumber(d) -> None:
    """Number the comments in reading order (they were placed from the end backwards), so that
    comments.xml and every list of comments follow the text."""
    from docx.oxml.ns import qn

    wid = qn("w:id")
    markers = {qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")}
    order: dict[str, str] = {}
    for el in d.element.body.iter(qn("w:commentRangeStart")):
        order.setdefault(el.get(wid), str(len(order)))
    comments = next(iter(d.comments)).part.element  # the comments part, through public API only
    existing = [c for c in comments if c.tag == qn("w:comment")]
    for c in existing:  # comments the draft already had keep their place after ours
        order.setdefault(c.get(wid), str(len(order)))
    for el in d.element.body.iter(*markers):
        if el.get(wid) in order:
            el.set(wid, order[el.get(wid)])
    for c in existing:
        c.set(wid, order[c.get(wid)])
        comments.remove(c)
    for c in sorted(existing, key=lambda c: int(c.get(wid))):
        comments.append(c)


def _fallback_paragraph(paragraphs, body_root):
    """The first body paragraph with text (the title): anchor of comments that have no place."""

    for p in paragraphs:
        if p is not None and p.getroottree().getroot() is body_root and run_spans(p):
            return p
    return None


@click.command("review")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@config_option()
@click.option("--select", help="只启用这些代码前缀的规则，逗号分隔")
@click.option("--ignore", help="停用这些代码前缀的规则，逗号分隔")
def review(path, config_path, select, ignore):
    """生成带批注的 Word 审阅稿：draft.docx -> draft.govlint.docx（原文不变）。"""

    src = Path(path)
    if src.suffix.lower() != ".docx":
        err(f"{path}: review 只处理 .docx 文稿（其他格式请用 govlint {path}）")
        sys.exit(EXIT_ERROR)
    config = load_config_or_exit(config_path, select, ignore)
    try:
        data = read_input(src)
        doc = load_bytes(data, path)
        findings = lint(doc, config)
        reviewed = review_docx_bytes(data, findings)
    except FileNotFoundError:
        err(f"{path}: 文件不存在")
        sys.exit(EXIT_ERROR)
    except OSError as e:
        err(f"{path}: 无法读取（{e.strerror or e}）")
        sys.exit(EXIT_ERROR)
    except (LoadError, RuleCrash) as e:
        err(f"{path}: {e}")
        sys.exit(EXIT_ERROR)
    target = review_path(src)
    if target.absolute() == src.absolute():  # pragma: no cover - cannot happen with the .govlint suffix
        err(f"{path}: 审阅稿不能覆盖原文")
        sys.exit(EXIT_ERROR)

    try:
        write_new(target, reviewed)  # a link planted at the target is replaced, never followed
    except OSError as e:
        err(f"{target}: 无法写入（{e.strerror or e}）")
        sys.exit(EXIT_ERROR)
    if findings:
        click.echo(f"已写出 {target}：{len(findings)} 条批注（作者 {AUTHOR}）。原文未改动。")
    else:
        click.echo(f"已写出 {target}：未发现问题，没有批注。原文未改动。")
    sys.exit(EXIT_OK)
