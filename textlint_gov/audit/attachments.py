"""Attachments count with their post in the audit, not as posts of their own (issue 13).

An attachment (.pdf .xlsx .xls .et .doc .wps, pictures) belongs to a post of the same folder
when its name starts with the post's name without suffix (``2021-04-07_通知_附件1.pdf`` goes with
``2021-04-07_通知.html``), when it lies in a folder named after the post (``2021-04-07_通知/``,
``…_files/``, ``…附件/``), or when a page or Markdown post of its folder names it (a link, or the
附件下载 list). An attachment that belongs to no post is checked as a post of its own.

This module only decides which files are whose: :func:`drop_owned` takes the owned attachments out
of ``walk_export``'s candidates, and :func:`attachments_of` finds a post's attachments again on disk
(in the workers), by the same rule. :mod:`textlint_gov.audit.collect` lints them with the post: their
findings (``path`` the attachment's) count in the post's deductions; one that cannot be read adds a
GOV911 (info) finding naming it; each is cached by its own content.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from textlint_gov.loaders import ATTACHMENT_SUFFIXES, SUFFIXES

_DIR_SUFFIXES = ("_files", ".files", "_附件", "附件")
_LINK_READ_CAP = 5 * 1024 * 1024  # bytes of a post searched for an attachment's name
_JOINERS = "_-－—.·（(【[ 　"  # what may stand between a post's name and its attachment's


def is_attachment(p: Path) -> bool:
    return p.suffix.lower() in ATTACHMENT_SUFFIXES


def _is_post(p: Path) -> bool:
    return p.suffix.lower() in SUFFIXES and not is_attachment(p)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$", "__"))


def name_owner(att: Path, post_stems: set[str]) -> str | None:
    """The name (without suffix) of the post of the same folder whose name starts the attachment's,
    the longest such, when what follows it is nothing, a separator or 附件: ``2021-04-07_通知`` for
    ``2021-04-07_通知_附件1.pdf``, never ``1`` for ``123.pdf``. Linear in the name's length."""
    stem = att.stem
    for k in range(len(stem), 0, -1):
        head, rest = stem[:k], stem[k:]
        if head in post_stems and (not rest or rest[0] in _JOINERS or rest.startswith("附件")):
            return head
    return None


def folder_owner(att: Path, parent_post_stems: set[str]) -> str | None:
    """The post after which the attachment's folder is named (``2021-04-07_通知/``, ``…_files/``)."""
    name = att.parent.name
    for stem in (name, *(name[: -len(s)] for s in _DIR_SUFFIXES if name.endswith(s))):
        if stem in parent_post_stems:
            return stem
    return None


def links_to(post: Path, atts: list[Path]) -> list[Path]:
    """The attachments a page or Markdown post names (a link, the 附件下载 list), read once, 5 MB at most."""
    if not atts or post.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        return []
    try:
        with post.open("rb") as fh:
            data = fh.read(_LINK_READ_CAP)
    except OSError:
        return []
    out = []
    for att in atts:
        names = {att.name.encode("utf-8"), quote(att.name).encode("ascii"), att.name.encode("gb18030")}
        if any(n in data for n in names):
            out.append(att)
    return out


def drop_owned(candidates: list) -> list:
    """The candidates (of ``walk_export``) without the attachments that belong to a post."""
    by_folder: dict[Path, list[Path]] = {}
    for c in candidates:
        by_folder.setdefault(c.path.parent, []).append(c.path)
    stems = {folder: {p.stem for p in files if _is_post(p)} for folder, files in by_folder.items()}
    owned: set[Path] = set()
    for folder, files in by_folder.items():
        unowned = []
        for a in files:
            if not is_attachment(a):
                continue
            if name_owner(a, stems[folder]) or folder_owner(a, stems.get(folder.parent, set())):
                owned.add(a)
            else:
                unowned.append(a)
        for post in (p for p in files if _is_post(p)) if unowned else ():
            linked = links_to(post, unowned)
            owned.update(linked)
            unowned = [a for a in unowned if a not in linked]
            if not unowned:
                break
    return [c for c in candidates if c.path not in owned]


_LISTINGS: dict[
    Path, tuple[int, list[Path], set[str]]
] = {}  # per worker: folder -> (mtime, attachments, post names)


def _listing(folder: Path) -> tuple[list[Path], set[str]]:
    """A folder's attachments and the names of its posts, listed once per worker while the folder is
    unchanged (a post's worker does not list its folder again for every post)."""
    try:
        st = folder.stat()
    except OSError:
        return [], set()
    cached = _LISTINGS.get(folder)
    if cached is not None and cached[0] == st.st_mtime_ns:
        return cached[1], cached[2]
    atts: list[Path] = []
    stems: set[str] = set()
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if _hidden(entry.name) or not entry.is_file(follow_symlinks=False):
                    continue
                p = folder / entry.name
                if is_attachment(p):
                    atts.append(p)
                elif _is_post(p):
                    stems.add(p.stem)
    except OSError:
        return [], set()
    atts.sort()
    if len(_LISTINGS) > 4096:
        _LISTINGS.clear()
    _LISTINGS[folder] = (st.st_mtime_ns, atts, stems)
    return atts, stems


def attachments_of(post: Path) -> list[Path]:
    """The attachments of one post, found on disk by the rule above (in a worker)."""
    if not _is_post(post):
        return []
    atts, stems = _listing(post.parent)
    mine = [a for a in atts if name_owner(a, stems) == post.stem]
    parent_stems = _listing(post.parent.parent)[1] if atts else set()
    unowned = [a for a in atts if name_owner(a, stems) is None and folder_owner(a, parent_stems) is None]
    mine += links_to(post, unowned)
    for sub in (post.parent / (post.stem + s) for s in ("", *_DIR_SUFFIXES)):
        if sub.is_dir() and not sub.is_symlink():
            sub_atts, sub_stems = _listing(sub)
            mine += [a for a in sub_atts if name_owner(a, sub_stems) is None]
    return sorted(set(mine))
