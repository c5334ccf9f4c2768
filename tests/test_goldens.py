"""Golden tests: each fixture reads to the canonical JSON (and diagnostics) in its golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from converter import Diagnostics, dumps, load, loads
from converter.canonical import agent_to_dict
from tests.conftest import FIXTURES, ROOT
from tests.goldens import assert_golden

MARKDOWN = sorted((FIXTURES / "markdown").glob("*.md"))
JSON = sorted(p for p in (FIXTURES / "json").glob("*.json") if not p.name.endswith(".golden.json"))
TOML = sorted((FIXTURES / "toml").glob("*.toml"))
XML = sorted((FIXTURES / "xml").glob("*.xml"))
ALL = MARKDOWN + JSON + TOML + XML
NEUTRAL = ("markdown", "json", "toml", "xml")
TARGETS = (
    "claude",
    "claude-json",
    "opencode",
    "copilot",
    "gemini",
    "gemini-command",
    "codex",
    "kiro",
    "kiro-md",
    "roo",
    "cursor",
)
TARGET_FILES = sorted(
    p for t in TARGETS for p in (FIXTURES / t).iterdir() if p.is_file() and ".golden." not in p.name
)


def _id(path: Path) -> str:
    return str(path.relative_to(FIXTURES))


def golden_text(path: Path, fmt: str | None = None) -> str:
    diags = Diagnostics()
    agent = load(path.relative_to(ROOT), format=fmt, diagnostics=diags)
    record = {
        "agent": agent_to_dict(agent),
        "diagnostics": [d.render() for d in diags],
    }
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_reads_to_golden(path: Path, update_goldens: bool) -> None:
    assert_golden(golden_text(path), path.with_suffix(".golden.json"), update=update_goldens)


@pytest.mark.parametrize("path", MARKDOWN, ids=_id)
def test_untouched_markdown_is_written_back_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    assert dumps(loads(data, path=str(path)), "markdown").encode("utf-8") == data


@pytest.mark.parametrize("path", MARKDOWN, ids=_id)
def test_normalized_markdown_is_strict_yaml_with_the_same_model(path: Path) -> None:
    agent = loads(path.read_bytes(), path=str(path))
    text = dumps(agent, "markdown", normalize=True)
    header = text.split("\n---\n", 1)[0].removeprefix("---\n")
    strict = yaml.safe_load(header)  # PyYAML, YAML 1.1: what most tools use
    assert strict["name"] == agent.name
    assert strict.get("description") == agent.description
    again = loads(text, format="markdown", path=str(path))
    assert again == agent
    assert dumps(again, "markdown", normalize=True) == text  # stable


@pytest.mark.parametrize("target", NEUTRAL)
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_every_fixture_round_trips_through_every_neutral_format(path: Path, target: str) -> None:
    agent = loads(path.read_bytes(), path=str(path))
    assert loads(dumps(agent, target), format=target, path=str(path)) == agent


@pytest.mark.parametrize("path", TARGET_FILES, ids=_id)
def test_target_reads_to_golden(path: Path, update_goldens: bool) -> None:
    fmt = path.parent.name
    golden = path.with_name(path.name.split(".")[0] + ".golden.json")
    assert_golden(golden_text(path, fmt), golden, update=update_goldens)


@pytest.mark.parametrize("target", TARGETS)
def test_target_writes_to_golden(target: str, update_goldens: bool) -> None:
    diags = Diagnostics()
    agent = load((FIXTURES / "markdown" / "claude-extensions.md").relative_to(ROOT))
    text = dumps(agent, target, diagnostics=diags)
    notes = "".join(f"# {d.render()}\n" for d in diags)
    assert_golden(notes + text, FIXTURES / target / "written.golden.txt", update=update_goldens)
