"""Our pre-commit hooks (.pre-commit-hooks.yaml) run by the real `pre-commit` (a pinned dev
dependency) in a temporary git repository: the sync check fails on a stale output and
passes after `sync`; the fix hook repairs a header a strict YAML reader cannot read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (BIN / "pre-commit").exists(),
    reason="needs git and pre-commit (make test installs it)",
)


def _hooks() -> list[dict[str, object]]:
    """Our published hooks, run from this checkout: `language: system` with our own
    executable, since `language: python` would install the package from the network."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    local = []
    for hook in hooks:
        entry = str(hook["entry"]).replace("agentmorph", str(BIN / "agentmorph"), 1)
        local.append({**hook, "entry": entry, "language": "system"})
    return local


def _git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True)


def _pre_commit(root: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", hook, "--all-files", "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "project", root)
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "test@example.com")
    _git(root, "config", "user.name", "Test")
    config = {"repos": [{"repo": "local", "hooks": _hooks()}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    agentmorph = str(BIN / "agentmorph")
    subprocess.run([agentmorph, "init", "-q", "--targets", "codex,gemini"], cwd=root, check=True)
    subprocess.run([agentmorph, "sync", "-q"], cwd=root, check=True)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "agents")
    return root


def test_the_published_hooks_are_the_ones_tested() -> None:
    ids = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
    assert ids == ["agentmorph-sync-check", "agentmorph-fix"]


def test_sync_check_fails_on_a_stale_output_and_passes_after_sync(repository: Path) -> None:
    assert _pre_commit(repository, "agentmorph-sync-check").returncode == 0
    source = repository / ".claude/agents/docs-editor.md"
    source.write_text(source.read_text() + "\nLink every page you mention.\n")
    stale = _pre_commit(repository, "agentmorph-sync-check")
    assert stale.returncode == 1, stale.stdout
    assert ".codex/agents/docs-editor.toml" in stale.stdout
    subprocess.run([str(BIN / "agentmorph"), "sync", "-q"], cwd=repository, check=True)
    again = _pre_commit(repository, "agentmorph-sync-check")
    assert again.returncode == 0, again.stdout


def test_fix_hook_repairs_a_header_and_fails_once(repository: Path) -> None:
    broken = repository / ".claude/agents/planner.md"
    broken.write_text(
        "---\nname: planner\ndescription: Plans work: one step at a time\n---\nYou plan.\n"
    )
    _git(repository, "add", "-A")
    first = _pre_commit(repository, "agentmorph-fix")
    assert first.returncode == 1, first.stdout  # files were modified: pre-commit says so
    assert "files were modified by this hook" in first.stdout
    assert 'description: "Plans work: one step at a time"' in broken.read_text() or (
        "description: 'Plans work: one step at a time'" in broken.read_text()
    )
    second = _pre_commit(repository, "agentmorph-fix")
    assert second.returncode == 0, second.stdout
