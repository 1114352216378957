"""Whole outputs on the shipped samples, compared with the reviewed copies in ``tests/snapshots/``
(as ruff's snapshot tests do): a new false alarm, a moved column or a changed message on a sample
fails here and shows the difference.

After a deliberate change, write the new outputs and review them with ``git diff tests/snapshots``::

    GOVLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from textlint_gov.cli import main

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SAMPLES = sorted(
    p.name for p in (ROOT / "samples").iterdir() if p.suffix in {".docx", ".txt", ".md", ".html"}
)
UPDATE = os.environ.get("GOVLINT_UPDATE_SNAPSHOTS") == "1"

# (snapshot suffix, command-line options)
OUTPUTS = [
    ("text", ["--no-color"]),
    ("json", ["--format", "json"]),
    ("sarif", ["--format", "sarif"]),
    ("github", ["--format", "github"]),
    ("diff", ["--diff", "--no-color"]),
]


@pytest.fixture
def samples(tmp_path, monkeypatch):
    """A copy of the samples in an empty folder (no rules.yaml upward), run by relative name so the
    outputs do not depend on where the checkout lies."""
    for name in SAMPLES:
        shutil.copy(ROOT / "samples" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


@pytest.mark.parametrize("kind,options", OUTPUTS, ids=[k for k, _ in OUTPUTS])
@pytest.mark.parametrize("sample", SAMPLES)
def test_output_matches_snapshot(samples, sample, kind, options):
    before = (samples / sample).read_bytes()
    result = CliRunner().invoke(main, ["check", *options, sample], catch_exceptions=False)
    assert (samples / sample).read_bytes() == before  # no output mode writes to the draft
    stdout = _stable_sarif(result.stdout) if kind == "sarif" else result.stdout
    got = f"exit code: {result.exit_code}\n--- stdout\n{stdout}--- stderr\n{result.stderr}"
    snapshot = SNAPSHOTS / f"{sample}.{kind}.txt"
    if UPDATE:
        snapshot.write_text(got, encoding="utf-8")
    assert snapshot.exists(), (
        f"no snapshot {snapshot.name}: run with GOVLINT_UPDATE_SNAPSHOTS=1 and review it"
    )
    assert got == snapshot.read_text(encoding="utf-8"), f"{snapshot.name} differs (see the module docstring)"


def _stable_sarif(text: str) -> str:
    """The SARIF log without what changes with every new rule or checkout folder: the rulebook
    (``tool.driver.rules``, tested in test_sarif.py), rule indexes into it, the folder's URI."""
    log = json.loads(text)
    for run in log["runs"]:
        run["tool"]["driver"]["rules"] = "(rulebook: see test_sarif.py)"
        for base in run.get("originalUriBaseIds", {}).values():
            base["uri"] = "file:///CHECKOUT/"
        for res in run["results"]:
            res.pop("ruleIndex", None)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
