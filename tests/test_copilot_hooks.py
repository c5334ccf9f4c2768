"""Hooks in a GitHub Copilot custom agent. Copilot CLI 1.0.102 reads an agent's `hooks` in
Claude Code's form (its parser, seen: `PreToolUse` with a `matcher` and nested `hooks` becomes
its `preToolUse` with the same matcher and command, `Stop` its `agentStop`, `timeout` its
`timeoutSec`; its changelog: "Claude-format ... hooks now fire correctly for tool matchers
like `Bash`", "preToolUse hooks that exit with code 2 deny tool calls"). A Claude Code or
Kiro CLI agent's hooks went to Copilot as nothing ("no place"): a guard lost. Now they are
written in that form, and a Copilot agent's hooks, in it or in Copilot's own flat form, go
to the other tools."""

from __future__ import annotations

import json

import yaml

from converter import Diagnostics, dumps, loads

CLAUDE = """---
name: guarded
description: Guarded.
hooks:
  PreToolUse:
    - matcher: Bash
      hooks:
        - type: command
          command: ./guard.sh
          timeout: 5
  Stop:
    - hooks:
        - type: command
          command: npm test
---
Work.
"""


def _convert(text: str, path: str, target: str) -> tuple[str, list[str]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return written, [d.message for d in diags]


def _header(text: str) -> dict[str, object]:
    return dict(yaml.safe_load(text.split("---\n")[1]))


def test_claude_code_hooks_guard_in_copilot_as_written() -> None:
    copilot, said = _convert(CLAUDE, ".claude/agents/guarded.md", "copilot")
    assert _header(copilot)["hooks"] == _header(CLAUDE)["hooks"]
    assert not [m for m in said if "hooks" in m and "info" not in m and "written as" not in m]


def test_kiro_hooks_reach_copilot_with_claude_code_s_names() -> None:
    kiro = {
        "name": "guarded", "description": "Guarded.", "prompt": "Work.",
        "hooks": {"preToolUse": [{"matcher": "execute_bash", "command": "./guard.sh"}]},
    }  # fmt: skip
    copilot, _ = _convert(json.dumps(kiro), ".kiro/agents/guarded.json", "copilot")
    assert _header(copilot)["hooks"] == {
        "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh"}]}]
    }


def test_a_copilot_agent_s_claude_form_hooks_go_to_claude_code() -> None:
    copilot, _ = _convert(CLAUDE, ".claude/agents/guarded.md", "copilot")
    back, _ = _convert(copilot, ".github/agents/guarded.agent.md", "claude")
    assert _header(back)["hooks"] == _header(CLAUDE)["hooks"]


def test_copilot_s_own_form_goes_to_claude_code_and_kiro_with_what_is_lost_said() -> None:
    # its flat form was written for Claude Code as Claude Code's `hooks`, which never ran
    own = (
        "---\nname: g\ndescription: G.\nhooks:\n  preToolUse:\n    - type: command\n"
        "      bash: ./guard.sh\n      powershell: ./guard.ps1\n      matcher: bash\n"
        "      timeoutSec: 10\n  agentStop:\n    - command: npm test\n"
        "  sessionStart:\n    - command: echo hi\n---\nWork.\n"
    )
    claude, said = _convert(own, ".github/agents/g.agent.md", "claude")
    assert _header(claude)["hooks"] == {
        "PreToolUse": [
            {"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh", "timeout": 10}]}
        ],
        "Stop": [{"hooks": [{"type": "command", "command": "npm test"}]}],
    }  # fmt: skip
    [lost] = [m for m in said if "cannot take" in m]
    assert "a hook's powershell" in lost and "sessionStart (no such event there)" in lost
    kiro, _ = _convert(own, ".github/agents/g.agent.md", "kiro")
    assert json.loads(kiro)["hooks"]["preToolUse"] == [
        {"matcher": "execute_bash", "command": "./guard.sh", "timeout_ms": 10000}
    ]
