"""Hooks between Claude Code and Kiro CLI, the two tools whose agents run commands around
their own tool calls: the event, the tools its matcher names and the timeout said each tool's
way; what the other cannot take (another event, a hook that runs no command, a pattern of
names) said. A guard against `rm -rf` written for one still guards in the other."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads

KIRO = {
    "name": "guarded", "description": "Guarded.", "prompt": "Work.",
    "tools": ["fs_read", "fs_write", "execute_bash", "@git"],
    "mcpServers": {"git": {"command": "git-mcp"}},
    "hooks": {
        "agentSpawn": [{"command": "git status"}],
        "preToolUse": [
            {"matcher": "execute_bash", "command": "./guard.sh", "timeout_ms": 5000},
            {"matcher": "@git", "command": "./audit.sh"},
        ],
        "postToolUse": [{"matcher": "fs_write", "command": "npx prettier --write ."}],
        "stop": [{"command": "npm test"}],
    },
}  # fmt: skip


def _convert(text: str, path: str, target: str) -> tuple[str, list[tuple[str, str]]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return written, [(d.code.value, d.message) for d in diags]


def test_kiro_hooks_are_claude_code_hooks_and_back() -> None:
    claude, said = _convert(json.dumps(KIRO), ".kiro/agents/guarded.json", "claude")
    assert (
        "hooks:\n  PreToolUse:\n  - matcher: Bash\n    hooks:\n    - type: command\n"
        "      command: ./guard.sh\n      timeout: 5\n  - matcher: mcp__git__.*\n" in claude
    )
    assert "  PostToolUse:\n  - matcher: Write|Edit\n" in claude and "  Stop:\n" in claude
    assert ("field-dropped", "claude cannot take these kiro hooks: agentSpawn (no such event "
            "there)") in said  # fmt: skip
    kiro, said = _convert(claude, ".claude/agents/guarded.md", "kiro")
    expected = {event: KIRO["hooks"][event] for event in ("preToolUse", "postToolUse", "stop")}  # type: ignore[index]
    assert json.loads(kiro)["hooks"] == expected and not [
        s for s in said if s[0] == "field-dropped"
    ]


def test_what_kiro_cannot_take_of_claude_code_hooks_is_said() -> None:
    claude = (
        "---\nname: g\ndescription: G.\nhooks:\n  PreToolUse:\n"
        "    - matcher: Edit|Write\n      hooks:\n        - type: command\n          command: ./a.sh\n"
        "    - matcher: Edit.*\n      hooks:\n        - type: command\n          command: ./b.sh\n"
        "    - hooks:\n        - type: prompt\n          prompt: Is this safe?\n"
        "  SessionStart:\n    - hooks:\n        - type: command\n          command: echo hi\n"
        "---\nG.\n"
    )
    kiro, said = _convert(claude, ".claude/agents/g.md", "kiro")
    assert json.loads(kiro)["hooks"] == {
        "preToolUse": [{"matcher": "fs_write", "command": "./a.sh"}]
    }
    assert ("field-dropped", "kiro cannot take these claude hooks: PreToolUse for the pattern "
            "`Edit.*`; PreToolUse: a hook that runs no command; SessionStart (no such event "
            "there)") in said  # fmt: skip


def test_a_tool_without_hooks_says_them_lost() -> None:
    _, said = _convert(json.dumps(KIRO), ".kiro/agents/guarded.json", "gemini")
    assert any(code == "field-dropped" and "extensions.kiro.hooks" in m for code, m in said)


@given(st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t and "\x00" not in t))
def test_a_hook_s_command_is_carried_as_written(command: str) -> None:
    kiro = {"name": "h", "description": "H.", "prompt": "P.",
            "hooks": {"preToolUse": [{"matcher": "execute_bash", "command": command}]}}  # fmt: skip
    claude, _ = _convert(json.dumps(kiro), ".kiro/agents/h.json", "claude")
    back, _ = _convert(claude, ".claude/agents/h.md", "kiro")
    assert json.loads(back)["hooks"] == kiro["hooks"]


def test_a_hook_event_the_tool_does_not_have_is_said_of_its_own_file() -> None:
    """Claude Code's event names are its own, case and all: a Kiro agent's `preToolUse` copied
    into a Claude Code header loads, and its guard never runs (a recorded case)."""
    claude = (
        "---\nname: g\ndescription: G.\nhooks:\n  preToolUse:\n    - matcher: Bash\n"
        "      hooks:\n        - type: command\n          command: ./g.sh\n---\nG.\n"
    )
    diags = Diagnostics("g.md")
    loads(claude, path=".claude/agents/g.md", diagnostics=diags)
    assert [(d.message, d.span.line if d.span else None) for d in diags] == [
        ("Claude Code has no hook event 'preToolUse' (its spelling: PreToolUse): its hooks "
         "never run", 4)
    ]  # fmt: skip
    kiro = {"name": "k", "description": "K.", "prompt": "P.",
            "hooks": {"PreToolUse": [{"command": "x"}], "stop": []}}  # fmt: skip
    diags = Diagnostics("k.json")
    loads(json.dumps(kiro), path=".kiro/agents/k.json", diagnostics=diags)
    assert [d.message for d in diags if d.code.value == "tool-misreads"] == [
        "Kiro CLI has no hook event 'PreToolUse' (its spelling: preToolUse): its hooks never run"
    ]


def test_a_matcher_naming_a_tool_the_tool_does_not_have_is_said() -> None:
    """Claude Code matches a plain matcher's names exactly: `bash` and Kiro's `execute_bash`
    never match, so the guard never runs; a pattern is not judged."""
    claude = (
        "---\nname: g\ndescription: G.\nhooks:\n  PreToolUse:\n"
        "    - matcher: bash|Write\n      hooks:\n        - type: command\n          command: a\n"
        "    - matcher: execute_bash\n      hooks:\n        - type: command\n          command: b\n"
        "    - matcher: Bas.*\n      hooks:\n        - type: command\n          command: c\n"
        "---\nG.\n"
    )
    diags = Diagnostics("g.md")
    loads(claude, path=".claude/agents/g.md", diagnostics=diags)
    assert [d.message for d in diags] == [
        "Claude Code has no tool 'bash' (its spelling: Bash), 'execute_bash' (kiro's name for "
        "Bash) that a hook's matcher names: the hook never runs for it"
    ]
    kiro = {"name": "k", "description": "K.", "prompt": "P.",
            "hooks": {"preToolUse": [{"matcher": "Bash", "command": "x"},
                                     {"matcher": "@git/*", "command": "y"}]}}  # fmt: skip
    diags = Diagnostics("k.json")
    loads(json.dumps(kiro), path=".kiro/agents/k.json", diagnostics=diags)
    assert [d.message for d in diags if d.code.value == "tool-misreads"] == [
        "Kiro CLI has no tool 'Bash' that a hook's matcher names: the hook never runs for it"
    ]


def test_an_exec_form_hook_is_one_quoted_command_and_other_keys_are_said() -> None:
    """Claude Code's exec form (`command` and `args`) is one shell command for Kiro, each
    part quoted; a key neither has a place for (`statusMessage`, `cache_ttl_seconds`) is said."""
    claude = (
        "---\nname: g\ndescription: G.\nhooks:\n  PreToolUse:\n    - matcher: Bash\n"
        "      hooks:\n        - type: command\n          command: ./guard.sh\n"
        "          args: [--strict, it's here]\n          statusMessage: Checking\n---\nG.\n"
    )
    kiro, said = _convert(claude, ".claude/agents/g.md", "kiro")
    assert json.loads(kiro)["hooks"]["preToolUse"] == [
        {"matcher": "execute_bash", "command": "./guard.sh --strict 'it'\"'\"'s here'"}
    ]
    assert ("field-dropped", "kiro cannot take these claude hooks: PreToolUse: a hook's "
            "statusMessage") in said  # fmt: skip


def test_hooks_that_are_no_map_of_events_are_said_lost_not_dropped_unsaid() -> None:
    # `hooks: [require-code-review, test-gate]` (names of the author's own scripts): Claude
    # Code refuses it; Copilot and Kiro, which carry a map of events, were given nothing and
    # told nothing
    text = (
        "---\nname: fixer\ndescription: Fixes bugs.\nhooks:\n  - require-code-review\n"
        "  - test-gate\n---\nFix the bug.\n"
    )
    for target in ("copilot", "kiro"):
        diags = Diagnostics(".claude/agents/fixer.md")
        written = dumps(loads(text, path=".claude/agents/fixer.md"), target, diagnostics=diags)
        assert "require-code-review" not in written, target
        dropped = [d.message for d in diags if d.code.value == "field-dropped"]
        assert any("require-code-review" in m for m in dropped), (target, dropped)
