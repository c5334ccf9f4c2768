"""An agent's colour between Claude Code (eight names, any other text dropped) and OpenCode
(`#RRGGBB` or its theme's names, any other text failing its whole configuration): a name
went to OpenCode as nothing ("no place for extensions.claude.color"), a shade to Claude
Code as nothing. Now a name goes as the shade Claude Code shows it in, a shade as the name
of the nearest shade (said), and neither tool is given a value it refuses."""

from __future__ import annotations

import re

import yaml
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.diagnostics import Code, Severity
from converter.targets import vocabulary

PALETTE: dict[str, str] = vocabulary.table()["colors"]["palette"]
THEME = vocabulary.table()["colors"]["theme_names"]


def _claude(color: str) -> str:
    return f"---\nname: scout\ndescription: Maps the code.\ncolor: {color}\n---\nMap.\n"


def _opencode(color: str) -> str:
    return f"---\ndescription: Maps the code.\nmode: subagent\ncolor: '{color}'\n---\nMap.\n"


def _write(text: str, path: str, target: str) -> tuple[dict[str, object], Diagnostics]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return yaml.safe_load(written.split("---\n")[1]), diags


def test_a_claude_code_colour_goes_to_opencode_as_the_shade_it_is_shown_in() -> None:
    header, diags = _write(_claude("red"), ".claude/agents/scout.md", "opencode")
    assert header["color"] == "#DC2626"
    [said] = [d for d in diags if d.field == "extensions.claude.color"]
    assert said.code is Code.VALUE_DERIVED and said.severity is Severity.INFO


def test_an_opencode_shade_goes_to_claude_code_as_the_nearest_name_said() -> None:
    header, diags = _write(_opencode("#00ff00"), ".opencode/agents/scout.md", "claude")
    assert header["color"] == "green"
    [said] = [d for d in diags if d.field == "extensions.opencode.color"]
    assert said.severity is Severity.WARNING and "nearest" in said.message
    header, diags = _write(_opencode("#dc2626"), ".opencode/agents/scout.md", "claude")
    assert header["color"] == "red"
    assert all(d.severity is Severity.INFO for d in diags if d.field)


def test_a_theme_name_has_no_one_shade_so_claude_code_gets_none_said() -> None:
    header, diags = _write(_opencode("primary"), ".opencode/agents/scout.md", "claude")
    assert "color" not in header
    assert any(d.code is Code.FIELD_DROPPED and "'primary'" in d.message for d in diags)


def test_a_colour_neither_takes_is_written_to_none() -> None:
    text = _claude("teal")  # Claude Code drops it; OpenCode would fail its configuration
    header, diags = _write(text, ".claude/agents/scout.md", "opencode")
    assert "color" not in header
    assert any(d.code is Code.FIELD_DROPPED and "'teal'" in d.message for d in diags)


@given(st.sampled_from(sorted(PALETTE)))
def test_a_name_goes_there_and_back_unchanged(name: str) -> None:
    there, _ = _write(_claude(name), ".claude/agents/scout.md", "opencode")
    shade = str(there["color"])
    back, _ = _write(_opencode(shade), ".opencode/agents/scout.md", "claude")
    assert back["color"] == name


@given(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True) | st.sampled_from(THEME))
def test_each_tool_is_given_only_what_it_takes(color: str) -> None:
    header, _ = _write(_opencode(color), ".opencode/agents/scout.md", "claude")
    assert header.get("color", "red") in PALETTE
    there, _ = _write(_opencode(color), ".opencode/agents/scout.md", "opencode")
    assert there["color"] == color and re.fullmatch(r"#[0-9a-fA-F]{6}|[a-z]+", color)
