"""The pre-commit hook, for real: a git repository whose commits go through ``pre-commit try-repo``
against this checkout (its working tree, as try-repo takes it). The hook environment is built by
pre-commit from the package index, like a clerk's first run, so this test takes tens of seconds.

Skipped, with the reason, where git or pre-commit is missing, when the code does not run from a git
checkout with the hook manifest committed, or when the package index cannot be reached (the hook
environment could not be built); CI installs pre-commit with the ``test`` extra.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import textlint_gov

ROOT = Path(textlint_gov.__file__).resolve().parents[1]
BAD = "习近平书记"


def _git(*args, cwd, check=True, env=None):
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=check, env=env, timeout=900
    )


@pytest.fixture
def draft_repo(tmp_path):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("govlint is not running from a git checkout")
    tracked = _git("ls-files", "--error-unmatch", ".pre-commit-hooks.yaml", cwd=ROOT, check=False)
    if tracked.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed in this checkout")
    _skip_without_package_index()

    repo = tmp_path / "cms-export"
    repo.mkdir()
    _git("init", "-q", ".", cwd=repo)
    _git("config", "user.name", "办公室", cwd=repo)
    _git("config", "user.email", "office@example.gov.cn", cwd=repo)
    _git("config", "commit.gpgsign", "false", cwd=repo)
    # The git hook a clerk gets from `pre-commit install`, but running this checkout's hook manifest.
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(
        "#!/bin/sh\n"
        "unset GIT_INDEX_FILE GIT_DIR GIT_WORK_TREE GIT_PREFIX\n"
        f'exec "{sys.executable}" -m pre_commit try-repo "{ROOT}" govlint\n',
        encoding="utf-8",
    )
    hook.chmod(0o755)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)  # the hook runs from its own environment, as for a clerk
    return repo, env


def _skip_without_package_index() -> None:
    """pre-commit builds the hook's environment with pip from the configured package index: ask that
    index (pip's own configuration) for a package the hook needs, and skip with the reason if it fails."""
    try:
        probe = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", "click"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("the package index did not answer within 120 s: the hook environment cannot be built")
    if probe.returncode != 0:
        last = (probe.stderr or probe.stdout).strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"the package index cannot be reached ({last[0]}): the hook environment cannot be built")


def _commit(repo, env, message):
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env, timeout=900
    )


def test_commit_with_wrong_expression_is_refused_clean_draft_passes(draft_repo):
    repo, env = draft_repo
    (repo / "通知.txt").write_text(f"关于召开会议的通知\n深入学习贯彻{BAD}重要讲话精神。\n", encoding="utf-8")
    (repo / "data.csv").write_text(f"{BAD}\n", encoding="utf-8")  # not a draft: the hook ignores it
    _git("add", ".", cwd=repo)

    refused = _commit(repo, env, "发布通知")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "GOV001" in output and f"“{BAD}”表述有误，应为“习近平总书记”" in output
    assert "通知.txt:2:7" in output
    assert _git("rev-parse", "--verify", "HEAD", cwd=repo, check=False).returncode != 0  # nothing committed

    (repo / "通知.txt").write_text(
        "关于召开会议的通知\n深入学习贯彻习近平总书记重要讲话精神。\n", encoding="utf-8"
    )
    (repo / "简报.md").write_text("# 工作简报\n\n各单位认真做好各项工作。\n", encoding="utf-8")
    _git("add", ".", cwd=repo)
    passed = _commit(repo, env, "发布通知")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "govlint" in passed.stdout + passed.stderr and "Passed" in passed.stdout + passed.stderr
    assert _git("log", "--format=%s", cwd=repo).stdout.strip() == "发布通知"
