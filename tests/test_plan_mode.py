"""Claude Code's `permissionMode: plan` holds a subagent to reading (its docs: "Plan mode
(read-only exploration)"). Every other tool got the agent with every tool and a warning
that the key has no place: a Codex role that could write, an OpenCode agent that could edit
and run commands. Now the tools that change files or run commands are taken away there, as
for Codex's read-only sandbox (a shell cannot be held to reading, so it goes too)."""

from __future__ import annotations

import json
import tomllib

import pytest
import yaml

from converter import Diagnostics, dumps, loads

PLANNER = "---\nname: planner\ndescription: Plans.\n{more}permissionMode: {mode}\n---\nPlan.\n"
PATH = ".claude/agents/planner.md"


def _write(target: str, mode: str = "plan", more: str = "") -> tuple[str, list[str]]:
    diags = Diagnostics(PATH)
    agent = loads(PLANNER.format(mode=mode, more=more), path=PATH, diagnostics=diags)
    return dumps(agent, format=target, diagnostics=diags), [d.message for d in diags]


def _header(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---\n")[1])


def test_codex_and_cursor_get_their_read_only_switch() -> None:
    codex, said = _write("codex")
    assert tomllib.loads(codex)["sandbox_mode"] == "read-only"
    assert not [m for m in said if "permissionMode" in m], said
    assert _header(_write("cursor")[0])["readonly"] is True


def test_opencode_denies_editing_and_commands() -> None:
    permission = _header(_write("opencode")[0])["permission"]
    assert permission["edit"] == "deny" and permission["bash"] == "deny"


@pytest.mark.parametrize("target", ["copilot", "gemini", "kiro"])
def test_a_tool_list_holds_no_tool_that_writes_or_runs_commands(target: str) -> None:
    text, _ = _write(target, more="tools: Read, Grep, Edit, Bash\n")
    tools = json.loads(text)["tools"] if target == "kiro" else _header(text)["tools"]
    assert tools and not {"edit", "execute", "write", "shell", "replace", "run_shell_command",
                          "write_file", "execute_bash", "fs_write"} & set(tools)  # fmt: skip


def test_another_mode_takes_nothing_away() -> None:
    codex, said = _write("codex", mode="acceptEdits")
    assert "sandbox_mode" not in codex
    assert any("permissionMode" in m for m in said), said


def test_claude_code_keeps_its_own_mode_and_tools() -> None:
    text, _ = _write("claude", more="tools: Read, Edit\n")
    assert _header(text) == {
        "name": "planner", "description": "Plans.", "tools": "Read, Edit", "permissionMode": "plan"
    }  # fmt: skip
