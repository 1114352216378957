"""``govlint --fix``: apply the safe fixes, keeping every byte the fixes do not touch.

Only fixes whose applicability is SAFE are applied (a fixed expression with one right form,
punctuation width, a date or number with one right form; a typo only where its rule marks it
safe). In each pass the fixes are applied right to left, a fix overlapping one already taken is
skipped, and the result is linted again, until nothing more can be fixed (at most
:data:`MAX_PASSES` passes), as ruff does.

- .txt, .md, .html: the edits are spliced into the original bytes, each replacement encoded in the
  file's own encoding (a GB18030 file stays GB18030), so the BOM, the line endings and every byte
  outside the fixed spans stay as they were. The file is replaced atomically (a temporary file
  beside it, then ``os.replace``), keeping its mode, owner and group, and only if it still holds
  the bytes that were checked (an edit saved while govlint ran is never lost). A file with several
  hard links or without write permission (even for root) is refused with one line, as is a file
  whose owner cannot be kept: see :func:`replace_checked`.
- .docx: a fix inside one run replaces that run's text, so the run keeps its formatting; a fix whose
  span crosses runs (part bold, part plain; a tracked change) is reported and left alone, as are
  fixes in footnotes and endnotes.

:func:`fix_bytes` does the work in memory; :func:`fix_file` writes the result (or not, for
``--diff``).
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import html
import io
import itertools
import os
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from textlint_gov.document import Document
from textlint_gov.docxedit import pieces, set_text
from textlint_gov.engine import RuleCrash, lint
from textlint_gov.findings import Applicability, Finding
from textlint_gov.formatters import FileResult
from textlint_gov.formatters.text import suggestion_text
from textlint_gov.loaders import LoadError, load_bytes, read_input, read_stream

MAX_PASSES = 10


@dataclass
class Applied:
    """One fix applied: where it was (in the text before that pass), what it replaced, with what."""

    code: str
    line: int
    column: int
    match: str
    content: str
    message: str


@dataclass
class FixResult:
    path: str
    original: bytes
    fixed: bytes
    applied: list[Applied] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # safe fixes left alone, and why
    findings: list[Finding] = field(default_factory=list)  # what is left after fixing
    document: Document | None = None  # the final document (for source lines)
    before_text: str = ""
    after_text: str = ""

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the text (for .docx: one line per paragraph)."""
        a = self.before_text.splitlines()
        b = self.after_text.splitlines()
        lines = difflib.unified_diff(a, b, f"a/{self.path}", f"b/{self.path}", lineterm="")
        return "".join(line + "\n" for line in lines)


def safe_fixes(findings) -> list[Finding]:
    return [f for f in findings if f.applicability is Applicability.SAFE and f.fix]


def choose(findings) -> list[Finding]:
    """The fixes to apply in one pass, right to left, skipping any that overlaps one taken.

    The two halves of a paired mark made full-width (``(`` and ``)``, or two ``"``) go together:
    when one half cannot be applied in this pass, neither is, so a pass never leaves a mixed pair
    such as ``（2021年第2期)``."""
    taken: list[Finding] = []
    limit = None
    for f in sorted(safe_fixes(findings), key=lambda f: (f.fix[0].start, f.fix[0].end), reverse=True):
        e = f.fix[0]
        if limit is not None and (e.end > limit or (e.end == limit and e.start == e.end == limit)):
            continue  # overlaps (or inserts at the same point as) a fix already taken
        taken.append(f)
        limit = e.start
    chosen = {id(f) for f in taken}
    broken = {
        id(f)
        for a, b in _mark_pairs(safe_fixes(findings))
        if (id(a) in chosen) != (id(b) in chosen)
        for f in (a, b)
    }
    return [f for f in taken if id(f) not in broken]


def _with_partners(findings: list[Finding], only: Collection[int]) -> list[Finding]:
    """The findings numbered ``only``, with the other half of each half-width pair among them: one
    half of ``(2021年第2期)`` is made full-width together with its partner, never alone."""
    picked = {id(f) for i, f in enumerate(findings) if i in only}
    for a, b in _mark_pairs(safe_fixes(findings)):
        if id(a) in picked or id(b) in picked:
            picked |= {id(a), id(b)}
    return [f for f in findings if id(f) in picked]


_OPENING = {"(": "（", '"': "“"}
_CLOSING = {")": "）", '"': "”"}


def _mark_pairs(fixes) -> list[tuple[Finding, Finding]]:
    """Fixes that turn the two halves of one half-width pair into full-width marks, paired by
    nesting in source order (a fix of a single paired mark whose partner is already full-width
    pairs with nothing)."""
    pairs: list[tuple[Finding, Finding]] = []
    stack: list[Finding] = []
    for f in sorted(fixes, key=lambda f: f.fix[0].start):
        e = f.fix[0]
        if e.end - e.start != 1 or len(f.match) != 1:
            continue
        if _OPENING.get(f.match) == e.content:
            stack.append(f)
        elif _CLOSING.get(f.match) == e.content and stack:
            opener = stack.pop()
            if (opener.match, f.match) in {("(", ")"), ('"', '"')}:
                pairs.append((opener, f))
    return pairs


def fix_bytes(data: bytes, path: str, config, only: Collection[int] | None = None) -> FixResult:
    """Apply the safe fixes to a draft's bytes, relinting until it settles. Nothing is written.

    ``only``: the indices (in lint order) of the findings whose fixes to apply, in one pass (the
    review page's 采用修改 on one finding); the same choice of non-overlapping fixes as ``--fix``.

    Raises :class:`textlint_gov.loaders.LoadError` when the draft cannot be read and
    :class:`textlint_gov.engine.RuleCrash` when a rule fails.
    """

    result = FixResult(path, data, data)
    doc = load_bytes(data, path)
    result.before_text = doc.source
    seen = {data}
    current = data
    left: list[tuple[Finding, str]] = []
    if doc.meta.get("fixable") is False:
        # an attachment (issue 13) is checked, never rewritten: its source is text read out of it
        result.findings = lint(doc, config)
        result.document = doc
        result.after_text = doc.source
        why = "附件（PDF、表格、图片、.doc/.wps）不能自动修改，请在原文件中修改"
        result.skipped = [(f, why) for f in result.findings if f.fix]
        return result
    for _ in range(MAX_PASSES):
        findings = lint(doc, config)
        wanted = findings if only is None else _with_partners(findings, only)
        if doc.meta.get("format") == "docx":
            new, applied, left = _fix_docx(doc, wanted)
        else:
            new, applied, left = _fix_text(current, doc, wanted)
        if not applied or new in seen:
            break
        result.applied.extend(applied)
        seen.add(new)
        current = new
        doc = load_bytes(current, path)
        if only is not None:  # the indices named the first pass's findings
            findings = lint(doc, config)
            break
    else:
        findings = lint(doc, config)
    result.fixed = current
    result.findings = findings
    result.document = doc
    result.after_text = doc.source
    remaining = {(f.code, f.start, f.end) for f in result.findings}
    result.skipped = [(f, why) for f, why in left if (f.code, f.start, f.end) in remaining]
    return result


# --- text formats -------------------------------------------------------------------------


def _fix_text(data: bytes, doc, findings):
    enc = doc.meta.get("encoding") or "utf-8"
    bom = doc.meta.get("bom") or b""
    source = doc.source
    chosen = choose(findings)
    if not chosen:
        return data, [], []
    # Byte offset of each code-point offset, computed once for all edit points (stateless codecs).
    points = sorted({p for f in chosen for p in (f.fix[0].start, f.fix[0].end)})
    byte_at: dict[int, int] = {}
    pos, nbytes = 0, len(bom)
    for p in points:
        nbytes += len(source[pos:p].encode(enc))
        byte_at[p] = nbytes
        pos = p
    if data[: len(bom)] != bom or len(source.encode(enc)) + len(bom) != len(data):
        return data, [], [(f, "文件的编码无法逐字节还原，未修改") for f in chosen]
    out = data
    applied, left = [], []
    is_html = doc.meta.get("format") == "html"
    gaps = _gaps(doc)
    for f in chosen:  # right to left: earlier offsets stay valid
        e = f.fix[0]
        span = source[e.start : e.end]
        if (html.unescape(span) if is_html else span) != f.match or _crosses(gaps, e.start, e.end):
            left.append((f, "跨越格式标记（加粗、链接等），未自动修改，请手工修改"))
            continue
        text = html.escape(e.content, quote=False) if is_html else e.content
        try:
            content = text.encode(enc)
        except UnicodeEncodeError:
            left.append((f, f"建议的写法无法用文件的编码（{enc}）保存，未修改"))
            continue
        a, b = byte_at[e.start], byte_at[e.end]
        out = out[:a] + content + out[b:]
        applied.append(Applied(f.code, f.line, f.column, source[e.start : e.end], e.content, f.message))
    applied.reverse()
    return out, applied, left


def _gaps(doc) -> list[tuple[int, int]]:
    """Source ranges that blocks step over between two pieces of their text (markup, a soft line
    break), sorted: a fix across one would rewrite what the clerk did not see."""
    out = []
    for block in doc.blocks:
        segs = block.segments
        for (_, s0, _, sl), (_, s1, _, _) in itertools.pairwise(segs):
            if s1 > s0 + sl:
                out.append((s0 + sl, s1))
    out.sort()
    return out


def _crosses(gaps: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(gaps, (start, start))
    return i < len(gaps) and gaps[i][0] < end


def _fix_docx(doc, findings):
    d = doc.meta["docx"]
    paragraphs = doc.meta["paragraphs"]
    starts = doc.line_starts()
    live_roots = {id(d.element)}
    for rel in d.part.rels.values():
        element = None if rel.is_external else getattr(rel.target_part, "element", None)
        if element is not None:
            live_roots.add(id(element))
    applied, left = [], []
    for f in choose(findings):
        e = f.fix[0]
        line = f.line
        p = paragraphs[line - 1] if 0 < line <= len(paragraphs) else None
        if p is None or id(p.getroottree().getroot()) not in live_roots:
            left.append((f, "脚注、尾注中的问题请在 Word 中手工修改"))
            continue
        a, b = e.start - starts[line - 1], e.end - starts[line - 1]
        ps = pieces(p)
        if a == b:  # an insertion: into the text piece ending (or starting) there
            inside = [pc for pc in ps if pc.is_text and pc.start < a <= pc.end] or [
                pc for pc in ps if pc.is_text and pc.start <= a < pc.end
            ]
            inside = inside[:1]
        else:
            inside = [pc for pc in ps if pc.start < b and pc.end > a]
        runs = {id(pc.run) for pc in inside}
        if not inside or None in {pc.run for pc in inside} or len(runs) != 1:
            left.append((f, "跨越多个格式段（run），未自动修改，请在 Word 中手工修改"))
            continue
        if not all(pc.is_text for pc in inside):
            left.append((f, "包含制表符或换行，未自动修改，请在 Word 中手工修改"))
            continue
        first, last = inside[0], inside[-1]
        if first is last:
            t = first.element.text or ""
            set_text(first.element, t[: a - first.start] + e.content + t[b - first.start :])
        else:
            t0, t1 = first.element.text or "", last.element.text or ""
            set_text(first.element, t0[: a - first.start] + e.content)
            for pc in inside[1:-1]:
                set_text(pc.element, "")
            set_text(last.element, t1[b - last.start :])
        applied.append(Applied(f.code, f.line, f.column, doc.source[e.start : e.end], e.content, f.message))
    if not applied:
        return None, [], left
    out = io.BytesIO()
    d.save(out)
    applied.reverse()
    return out.getvalue(), applied, left


# --- files --------------------------------------------------------------------------------


class WriteRefused(Exception):
    """``--fix`` will not replace this file; the message says why in one short line."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tempfile_beside(path: Path, data: bytes) -> str:
    """A temporary file in ``path``'s folder holding ``data`` (flushed to disk); the caller renames
    or removes it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def write_new(path: str | os.PathLike, data: bytes) -> None:
    """Create or replace the output file ``path`` (a review copy) without ever writing through a
    link: the data goes to a temporary file in the same folder, which is then renamed over the
    name, so a symbolic or hard link planted there is replaced, never what it points to. The file
    gets the usual mode (0666 less the umask)."""
    p = Path(path)
    if p.is_dir() and not p.is_symlink():
        raise IsADirectoryError(21, "同名文件夹已存在", str(p))
    tmp = _tempfile_beside(p, data)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    except BaseException:
        _remove(tmp)
        raise


def check_rewritable(path: str | os.PathLike) -> os.stat_result:
    """The stat of the file ``--fix`` would rewrite (a symbolic link is followed, as the user named
    the draft), or :class:`WriteRefused` when replacing it would do what ``sed -i`` users do not
    expect: break hard links, or rewrite a file without write permission (even as root)."""
    target = os.path.realpath(path)
    st = os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused("不是普通文件，未改写")
    if st.st_nlink > 1:
        raise WriteRefused(
            f"该文件有 {st.st_nlink} 个硬链接，改写会断开链接，未改写（可用 --diff 查看修改，手工修改）"
        )
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused("文件只读（没有写权限），未改写")
    return st


def replace_checked(path: str | os.PathLike, data: bytes, original: bytes, before: os.stat_result) -> None:
    """Replace the draft at ``path`` with ``data`` atomically, keeping its mode, owner and group.

    ``original`` and ``before`` are the bytes and the stat read when the check started. Just before
    the rename the file is read again: if it is no longer the same file with the same bytes (someone
    saved it while govlint ran), nothing is replaced and :class:`WriteRefused` says so. Refused too:
    several hard links, no write permission (:func:`check_rewritable`), an owner that cannot be kept.
    """

    target = Path(os.path.realpath(path))
    st = check_rewritable(target)
    tmp = _tempfile_beside(target, data)
    try:
        mine = os.stat(tmp)
        if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                raise WriteRefused("无法保留文件的属主和属组，未改写") from None
        os.chmod(tmp, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
        try:
            now = os.stat(target)
            current = read_input(target)
        except (OSError, LoadError):
            raise WriteRefused("文件在检查期间被改动或移走，未改写，请重新运行") from None
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) or current != original:
            raise WriteRefused("文件在检查期间被改动，未改写（以免丢失改动），请重新运行")
        if (now.st_nlink, now.st_mode, now.st_uid, now.st_gid) != (
            st.st_nlink,
            st.st_mode,
            st.st_uid,
            st.st_gid,
        ):
            raise WriteRefused("文件的链接、权限或属主在检查期间被改动，未改写，请重新运行")
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise


def fix_file(path: str, config, write: bool = True) -> FixResult:
    """Fix one draft on disk; with ``write=False`` (``--diff``) the file is left as it is.

    Raises :class:`WriteRefused` when the file may not be replaced (see :func:`replace_checked`)."""

    data = read_input(path)
    before = os.stat(path)
    result = fix_bytes(data, path, config)
    if write and result.changed and result.applied:
        replace_checked(path, result.fixed, data, before)
    return result


# --- the command line ---------------------------------------------------------------------


def fix_target(target: str, config, write: bool = True, stdin_filename: str = "stdin.txt"):
    """``govlint --fix`` / ``--diff`` on one path: (FileResult with what is left, FixResult or None)."""
    import sys

    name = target
    try:
        if target == "-":
            if write:
                return FileResult(target, error="标准输入不能用 --fix 改写（可用 --diff 查看修改）"), None
            data, name = read_stream(sys.stdin.buffer), stdin_filename
        else:
            data = read_input(target)
            before = os.stat(target)
            if write:
                check_rewritable(target)  # refuse before the work, not only after it
        result = fix_bytes(data, name, config)
    except (LoadError, RuleCrash, WriteRefused) as e:
        return FileResult(target, error=str(e)), None
    except OSError as e:
        return FileResult(target, error=f"无法读取：{e.strerror or e}"), None
    result.path = target
    if write and result.changed and result.applied:
        try:
            replace_checked(target, result.fixed, data, before)
        except WriteRefused as e:
            return FileResult(target, error=str(e)), None
        except OSError as e:
            return FileResult(target, error=f"无法写回：{e.strerror or e}"), None
    return FileResult(target, result.findings, result.document), result


def report(results: list[FixResult]) -> str:
    """What ``--fix`` changed and which safe fixes it left alone, one line each."""

    out: list[str] = []
    for r in results:
        for a in r.applied:
            out.append(
                f"{r.path}:{a.line}:{a.column}: 已修改 {a.code} “{a.match}” → “{a.content}”"
                if a.content
                else f"{r.path}:{a.line}:{a.column}: 已修改 {a.code} 删去“{a.match}”"
            )
        for f, why in r.skipped:
            out.append(
                f"{r.path}:{f.line}:{f.column}: 未修改 {f.code} “{f.match}”（建议：{suggestion_text(f.suggestion)}）：{why}"
            )
    out.append(summary(results, write=True))
    return "\n".join(out) + "\n"


def summary(results: list[FixResult], write: bool) -> str:
    n = sum(len(r.applied) for r in results)
    files = sum(1 for r in results if r.applied)
    left = sum(len(r.skipped) for r in results)
    if write:
        text = f"已自动修改 {n} 处（{files} 个文件）。" if n else "没有可自动修改的问题。"
    else:
        text = (
            f"共 {n} 处可自动修改（{files} 个文件），未写入；去掉 --diff、加 --fix 即可修改。"
            if n
            else "没有可自动修改的问题。"
        )
    if left:
        text += f"另有 {left} 处可修改的问题须手工处理。"
    return text
