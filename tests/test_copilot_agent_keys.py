"""Keys GitHub Copilot CLI 1.0.102's own parser takes in a custom agent that were not taken
for its keys: `skills` (a list of names), `hooks` (its own form: `preToolUse: [{type:
command, bash}]`) and `github` (its server's toolsets). Read as metadata, a Copilot agent's
hooks were written for Claude Code as Claude Code's `hooks`, a form it does not run, unsaid;
now they are Copilot's, and `skills` is Claude Code's `skills` both ways."""

from __future__ import annotations

import pytest
import yaml

from converter import Diagnostics, dumps, loads

PATH = ".github/agents/helper.agent.md"


def _copilot(more: str) -> str:
    return f"---\nname: helper\ndescription: Helps.\n{more}---\nHelp.\n"


def _write(text: str, path: str, target: str) -> tuple[dict[str, object], list[str]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return yaml.safe_load(written.split("---\n")[1]), [d.message for d in diags]


@pytest.mark.parametrize(
    "more",
    [
        # its own hook form, which Claude Code does not run (now written in Claude Code's:
        # tests/test_copilot_hooks.py), and its server's toolsets
        "hooks:\n  sessionStart:\n    - type: command\n      bash: ./guard.sh\n",
        "github:\n  toolsets: [repos]\n",
    ],
)
def test_copilot_s_own_settings_reach_no_other_tool_as_its_own(more: str) -> None:
    key = more.split(":")[0]
    header, said = _write(_copilot(more), PATH, "claude")
    assert key not in header
    assert any(f"extensions.copilot.{key}" in m or f"copilot {key}" in m for m in said), said
    back, _ = _write(_copilot(more), PATH, "copilot")
    assert key in back  # its own file keeps them


@pytest.mark.parametrize(
    ("source", "path", "target"),
    [
        ("---\nname: helper\ndescription: Helps.\nskills: [pdf, docx]\n---\nHelp.\n", PATH, "claude"),
        ("---\nname: helper\ndescription: Helps.\nskills: pdf, docx\n---\nHelp.\n", "helper.md", "copilot"),
    ],
)  # fmt: skip
def test_skills_go_both_ways_as_a_list_of_names(source: str, path: str, target: str) -> None:
    header, said = _write(source, path, target)
    assert header["skills"] == ["pdf", "docx"]
    assert not [m for m in said if "MCP" in m or "no place" in m], said


def test_a_value_copilot_refuses_is_said_when_its_file_is_read() -> None:
    diags = Diagnostics(PATH)
    loads(_copilot("skills: 5\n"), path=PATH, diagnostics=diags)
    assert any("refuses skills = 5" in d.message for d in diags), list(diags)


@pytest.mark.parametrize("empty", ["tools:\n", "tools: ~\n", "tools: null\n"])
def test_tools_with_no_value_is_said_as_copilot_refusing_the_agent(empty: str) -> None:
    # GitHub Copilot CLI 1.0.102: "tools: Expected array, received null"; `tools: []` loads
    diags = Diagnostics(PATH)
    agent = loads(_copilot(empty), path=PATH, diagnostics=diags)
    assert agent.tools == ()
    refused = [d for d in diags if d.code.value == "tool-refuses"]
    assert len(refused) == 1 and refused[0].span is not None and refused[0].span.line == 4
    diags = Diagnostics(PATH)
    loads(_copilot("tools: []\n"), path=PATH, diagnostics=diags)
    assert "tool-refuses" not in {d.code.value for d in diags}
