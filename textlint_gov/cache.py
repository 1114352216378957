"""A content-keyed findings cache: an unchanged file under an unchanged configuration costs nothing.

The key is a SHA-256 of the file's bytes, its suffix, the file-specific ignores and a fingerprint of
everything that can change the findings (govlint version, rule code, shipped dictionaries, the
configuration and user dictionaries). Entries are small JSON files written atomically, so two
processes (the audit's workers, parallel hooks) can share one cache folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from textlint_gov import __version__
from textlint_gov.findings import Finding, finding_from_record, finding_to_record

DEFAULT_DIR = ".govlint_cache"


def _hash_tree(h, root: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for p in sorted(root.rglob(pattern)):
            if "__pycache__" in p.parts:
                continue
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())


def config_fingerprint(config) -> str:
    """Changes whenever a rule, a dictionary or the configuration changes."""
    from textlint_gov.rules.kinds import dictionaries_dir

    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).parent
    _hash_tree(h, pkg, ("*.py",))
    _hash_tree(h, dictionaries_dir(), ("*.yaml", "*.txt", "*.tsv", "*.json"))
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
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            pass
    return h.hexdigest()


class FindingsCache:
    def __init__(self, directory: str | os.PathLike, config) -> None:
        self.dir = Path(directory)
        self.config = config
        self.fingerprint = config_fingerprint(config)
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, path: str) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        h.update(Path(path).suffix.lower().encode())
        h.update("\0".join(sorted(self.config.ignores_for(path))).encode())
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key[2:]}.json"

    def get(self, data: bytes, path: str) -> tuple[list[Finding], dict[int, str], dict] | None:
        """(findings with ``path`` set, source lines of the findings, document meta) or None."""
        try:
            record = json.loads(self._file(self.key(data, path)).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        findings = [finding_from_record({**d, "path": path}) for d in record["findings"]]
        lines = {int(k): v for k, v in record.get("lines", {}).items()}
        return findings, lines, record.get("meta", {})

    def put(self, data: bytes, path: str, findings: list[Finding], document=None, meta: dict | None = None) -> None:
        lines = {}
        if document is not None:
            lines = {f.line: document.line_text(f.line) for f in findings}
        record = {"findings": [finding_to_record(f) for f in findings], "lines": lines, "meta": meta or {}}
        target = self._file(self.key(data, path))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(record, fh, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written is only slower
