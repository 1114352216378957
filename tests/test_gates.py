"""The engineering gates run with the tests (README's one test command): ruff's linter and formatter
and mypy, configured in pyproject.toml, over the whole tree. Their versions are pinned in the
``test`` extra so a new release cannot fail a commit that did not change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GATES = {
    "ruff-lint": [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
    "ruff-format": [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
    "mypy": [sys.executable, "-m", "mypy", "--cache-dir", "/dev/null"],
}


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_is_clean(gate):
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not running from a checkout")
    run = subprocess.run(GATES[gate], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"{gate} 未通过：\n{run.stdout[-4000:]}{run.stderr[-2000:]}"
