"""A content-keyed findings cache: an unchanged file under an unchanged configuration costs nothing.

The key is a SHA-256 of the file's bytes, its suffix, the file-specific ignores and a fingerprint of
everything that can change the findings (govlint version, rule code, shipped dictionaries, the
configuration and user dictionaries). Entries are small JSON files written atomically, so two
processes (the audit's workers, parallel hooks) can share one cache folder.

A cache folder is not trusted (issue 16): it may come with a repository or be written by someone
else. So the key is an HMAC under a secret of this user's (``~/.cache/govlint/cache.key``, else a
``.key`` file in the cache folder): an entry planted by anyone who does not know the secret is never
looked up. An entry also names its own key and the SHA-256 of the bytes it describes, and its shape
is checked field by field; anything else is a miss (the file is checked again and the entry
rewritten), never a traceback. Files are opened without following links and read with a size cap,
and ``.tmp`` files left by a writer that was killed are removed after an hour.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import tempfile
import time
from pathlib import Path

from textlint_gov import __version__
from textlint_gov.findings import (
    CATEGORIES,
    Applicability,
    Finding,
    Severity,
    finding_from_record,
    finding_to_record,
)
from textlint_gov.rules.kinds import dictionaries_dir
from textlint_gov.userfiles import read_capped, user_cache_dir

DEFAULT_DIR = ".govlint_cache"
FORMAT = 3  # the entry layout; entries of another layout are misses (3: source lines by offset)
MAX_ENTRY = 32 * 1024 * 1024  # bytes; a larger "entry" is no entry of ours
STALE_TMP = 3600  # seconds after which a .tmp file is a killed writer's leftover
_KEY_BYTES = 32


def _user_key_file() -> Path | None:
    folder = user_cache_dir()
    return folder / "cache.key" if folder else None


def _load_or_create_key(path: Path) -> bytes | None:
    """The secret in ``path``, created (mode 0600, atomically: link of a complete file) if missing."""
    for _ in range(2):
        data = read_capped(path, 4096)
        if data is not None and len(data) >= _KEY_BYTES:
            return data
        if data is not None or path.is_symlink():
            return None  # something else is there: do not trust it, do not replace it
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                os.write(fd, os.urandom(_KEY_BYTES).hex().encode())
                os.close(fd)
                os.chmod(tmp, 0o600)
                os.link(tmp, path)  # fails if another process made it first; then read theirs
            except FileExistsError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        except OSError:
            return None
    return None


def cache_secret(directory: Path) -> bytes | None:
    """This user's secret for cache keys (None: no secret can be had, so no cache is used)."""
    user = _user_key_file()
    if user is not None:
        key = _load_or_create_key(user)
        if key is not None:
            return key
    return _load_or_create_key(Path(directory) / ".key")


def _is_int(v, low: int = 0) -> bool:
    return type(v) is int and v >= low


def _valid_finding(d) -> bool:
    if not isinstance(d, dict):
        return False
    try:
        ok = (
            isinstance(d.get("code"), str)
            and d.get("category") in CATEGORIES
            and isinstance(d.get("message"), str)
            and isinstance(d.get("match"), str)
            and all(_is_int(d.get(k)) for k in ("start", "end"))
            and all(_is_int(d.get(k), 1) for k in ("line", "column", "end_line", "end_column"))
            and d["start"] <= d["end"]
            and (d.get("suggestion") is None or isinstance(d.get("suggestion"), str))
            and isinstance(d.get("where", ""), str)
            and (
                d.get("block") is None
                or (
                    isinstance(d["block"], list)
                    and len(d["block"]) == 3
                    and all(_is_int(v) for v in d["block"])
                )
            )
        )
        if not ok:
            return False
        Severity(d["severity"])
        if d.get("applicability") is not None:
            Applicability(d["applicability"])
        fix = d.get("fix", [])
        return isinstance(fix, list) and all(
            isinstance(e, list)
            and len(e) == 3
            and _is_int(e[0])
            and _is_int(e[1])
            and e[0] <= e[1]
            and (e[2] is None or isinstance(e[2], str))
            for e in fix
        )
    except (ValueError, TypeError, KeyError):
        return False


def _hash_tree(h, root: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for p in sorted(root.rglob(pattern)):
            if "__pycache__" in p.parts:
                continue
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())


def config_fingerprint(config) -> str:
    """Changes whenever a rule, a dictionary or the configuration changes."""

    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).parent
    _hash_tree(h, pkg, ("*.py",))
    # every shipped data file but typo_model.bin, which is derived from the text files (packed.py)
    _hash_tree(h, dictionaries_dir(), ("*.yaml", "*.txt", "*.tsv", "*.json", "*.gz"))
    settings = {
        "select": config.select,
        "ignore": config.ignore,
        "severity": {k: v.value for k, v in config.severity.items()},
        "rules": config.rule_options,
        "words": config.words,
        "allow": config.allow,
        "per-file-ignores": config.per_file_ignores,
        "region": config.region,
    }
    h.update(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str).encode())
    for path in config.dictionaries:
        h.update(str(path).encode())
        with contextlib.suppress(OSError):
            h.update(Path(path).read_bytes())
    return h.hexdigest()


class FindingsCache:
    def __init__(self, directory: str | os.PathLike, config) -> None:
        self.dir = Path(directory)
        self.config = config
        self.fingerprint = config_fingerprint(config)
        self.secret = cache_secret(self.dir)
        self.hits = 0
        self.misses = 0
        self._swept = False

    def key(self, data: bytes, path: str) -> str:
        h = hmac.new(self.secret or b"", self.fingerprint.encode(), hashlib.sha256)
        h.update(b"\0" + Path(path).suffix.lower().encode())
        h.update(b"\0" + "\0".join(sorted(self.config.ignores_for(path))).encode())
        h.update(b"\0" + hashlib.sha256(data).digest())
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key[2:]}.json"

    def get(self, data: bytes, path: str) -> tuple[list[Finding], dict[int, str], dict] | None:
        """(findings with ``path`` set, the source line of each finding by its start offset, document
        meta) or None."""
        hit = self._lookup(data, path) if self.secret is not None else None
        if hit is None:
            self.misses += 1
        else:
            self.hits += 1
        return hit

    def _lookup(self, data: bytes, path: str):
        key = self.key(data, path)
        raw = read_capped(self._file(key), MAX_ENTRY)
        if raw is None:
            return None
        try:
            record = json.loads(raw.decode("utf-8"))
            if not (
                isinstance(record, dict)
                and record.get("format") == FORMAT
                and hmac.compare_digest(str(record.get("key", "")), key)
                and hmac.compare_digest(str(record.get("sha256", "")), hashlib.sha256(data).hexdigest())
            ):
                return None
            items, lines, meta = record["findings"], record["lines"], record["meta"]
            if not (
                isinstance(items, list)
                and all(_valid_finding(d) for d in items)
                and isinstance(lines, dict)
                and all(v is None or isinstance(v, str) for v in lines.values())
                and isinstance(meta, dict)
                and all(isinstance(v, str) for v in meta.values())
            ):
                return None
            findings = [finding_from_record({**d, "path": path}) for d in items]
            lines = {int(k): v for k, v in lines.items()}
        except (ValueError, TypeError, KeyError, RecursionError, AttributeError):
            return None
        return findings, lines, meta

    def put(
        self, data: bytes, path: str, findings: list[Finding], document=None, meta: dict | None = None
    ) -> None:
        lines = {}
        if document is not None:
            lines = {f.start: document.source_line_at(f.start) for f in findings}
        if self.secret is None:
            return
        key = self.key(data, path)
        record = {
            "format": FORMAT,
            "key": key,
            "sha256": hashlib.sha256(data).hexdigest(),
            "findings": [finding_to_record(f) for f in findings],
            "lines": lines,
            "meta": meta or {},
        }
        target = self._file(key)
        self._sweep()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written is only slower
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(record, fh, ensure_ascii=False)
            os.replace(tmp, target)
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def _sweep(self) -> None:
        """Once per process: remove ``.tmp`` files older than an hour (a writer killed mid-write)."""
        if self._swept:
            return
        self._swept = True
        now = time.time()
        try:
            subdirs = [
                d for d in os.scandir(self.dir) if len(d.name) == 2 and d.is_dir(follow_symlinks=False)
            ]
        except OSError:
            return
        for sub in subdirs:
            try:
                entries = list(os.scandir(sub.path))
            except OSError:
                continue
            for e in entries:
                try:
                    if (
                        e.name.endswith(".tmp")
                        and e.is_file(follow_symlinks=False)
                        and now - e.stat(follow_symlinks=False).st_mtime > STALE_TMP
                    ):
                        os.unlink(e.path)
                except OSError:
                    pass
