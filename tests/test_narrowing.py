"""Limits a tool sets on a tool it grants, by pattern: OpenCode's `bash: {"git push*": "deny"}`,
Kiro's `toolsSettings` (`deniedPaths`, `denyByDefault`) and its Markdown agents' `permissions`
rules, Roo's `fileRegex`. A target with no such limit gives the tool for everything: said as
`tools-widened`; a rule that takes a tool away whole is applied to the tool list."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads

OPENCODE = (
    "---\ndescription: Reviews code.\nmode: subagent\npermission:\n  edit: deny\n"
    '  bash:\n    "git push*": deny\n    "*": allow\n---\nReview.\n'
)
KIRO_MD = (
    "---\ndescription: Builds.\ntools: [read, write, shell]\npermissions:\n"
    '  - capability: shell\n    effect: deny\n    match: ["rm *", "sudo *"]\n---\nBuild.\n'
)
KIRO_MD_NO_SHELL = (
    "---\ndescription: Reads.\ntools: [read, shell]\npermissions:\n"
    "  - capability: shell\n    effect: deny\n---\nRead.\n"
)


def _convert(text: str, path: str, target: str) -> tuple[str, list[tuple[str, str]]]:
    diags = Diagnostics(path)
    written = dumps(loads(text, path=path, diagnostics=diags), format=target, diagnostics=diags)
    return written, [(d.code.value, d.message) for d in diags]


def _widened(said: list[tuple[str, str]]) -> list[str]:
    return [message for code, message in said if code == "tools-widened"]


def test_an_opencode_command_pattern_denied_is_said_widened_where_a_target_has_no_patterns() -> (
    None
):
    for target in ("claude", "codex", "gemini", "copilot", "kiro", "cursor"):
        _, said = _convert(OPENCODE, ".opencode/agent/review.md", target)
        (widened,) = _widened(said)
        assert "opencode lets the agent use bash except for `git push*`" in widened, target
    written, said = _convert(OPENCODE, ".opencode/agent/review.md", "opencode")
    assert not _widened(said) and '"git push*": deny' in written


def test_an_opencode_tool_allowed_only_for_some_commands_names_them() -> None:
    only = OPENCODE.replace(
        '"git push*": deny\n    "*": allow', '"*": deny\n    "git status": allow'
    )
    _, said = _convert(only, ".opencode/agent/review.md", "gemini")
    assert _widened(said) == [
        "opencode lets the agent use bash only for `git status`; Gemini CLI has no such limit: "
        "it gives run_shell_command for everything"
    ]


def test_an_opencode_map_denying_every_command_takes_the_tool_away() -> None:
    every = OPENCODE.replace('"git push*": deny\n    "*": allow', '"*": deny')
    written, said = _convert(every, ".opencode/agent/review.md", "claude")
    assert "disallowedTools: Write, Edit, Bash" in written
    assert not _widened(said) and not [s for s in said if s[0] == "field-dropped"]


def test_a_kiro_denied_path_or_a_shell_denied_by_default_is_said_a_prompt_spared_is_not() -> None:
    kiro = {
        "name": "tester", "description": "Tests.", "prompt": "Test.",
        "tools": ["fs_read", "fs_write", "execute_bash"],
        "toolsSettings": {
            # (a regular expression no Claude Code pattern says: `npm test` alone is read as
            # `Bash(npm test)`, tests/test_scoped_settings.py)
            "execute_bash": {"allowedCommands": ["npm (test|run lint)"], "denyByDefault": True},
            "fs_write": {"allowedPaths": ["src/**"], "deniedPaths": [".env"]},
            "web_fetch": {"blocked": ["https://internal\\..*"]},  # not granted: nothing widened
        },
    }  # fmt: skip
    _, said = _convert(json.dumps(kiro), ".kiro/agents/tester.json", "claude")
    assert _widened(said) == [
        "kiro lets the agent use execute_bash only for `npm (test|run lint)`; Claude Code has no such "
        "limit: it gives Bash for everything",
        "kiro lets the agent use fs_write except for `.env`; Claude Code has no such limit: it "
        "gives Write, Edit for everything",
    ]
    del kiro["toolsSettings"]["execute_bash"]["denyByDefault"]  # type: ignore[attr-defined]
    del kiro["toolsSettings"]["fs_write"]["deniedPaths"]  # type: ignore[attr-defined]
    _, said = _convert(json.dumps(kiro), ".kiro/agents/tester.json", "claude")
    assert not _widened(said)  # allowedCommands and allowedPaths only spare a prompt


def test_a_kiro_permission_rule_with_a_pattern_is_said_even_to_kiro_s_own_json_agents() -> None:
    _, said = _convert(KIRO_MD, ".kiro/agents/builder.md", "claude")
    (widened,) = _widened(said)
    assert "kiro lets the agent use shell except for `rm *`, `sudo *`" in widened
    _, said = _convert(KIRO_MD, ".kiro/agents/builder.md", "kiro")
    (widened,) = _widened(said)
    assert "this kiro file has no `permissions`: it gives execute_bash for everything" in widened
    written, said = _convert(KIRO_MD, ".kiro/agents/builder.md", "kiro-md")
    assert not _widened(said) and "rm *" in written


def test_a_kiro_rule_denying_a_capability_whole_takes_it_away_where_the_rule_is_not_kept() -> None:
    written, said = _convert(KIRO_MD_NO_SHELL, ".kiro/agents/reader.md", "claude")
    lost = ("field-dropped", "tools-widened")
    assert "disallowedTools: Bash" in written and not [s for s in said if s[0] in lost]
    written, said = _convert(KIRO_MD_NO_SHELL, ".kiro/agents/reader.md", "kiro")
    assert json.loads(written)["tools"] == ["fs_read"] and not [s for s in said if s[0] in lost]
    written, _ = _convert(KIRO_MD_NO_SHELL, ".kiro/agents/reader.md", "kiro-md")
    assert "shell" in written.split("permissions")[0]  # its own list, as written


@given(
    st.lists(
        st.text("abcdefgh-_ ./*", min_size=1, max_size=12).filter(lambda p: p != "*"),
        min_size=1, max_size=4, unique=True,
    )
)  # fmt: skip
def test_every_denied_pattern_is_named(patterns: list[str]) -> None:
    header = "".join(f"    {json.dumps(p)}: deny\n" for p in patterns)
    text = f"---\ndescription: D.\nmode: subagent\npermission:\n  bash:\n{header}---\nP.\n"
    _, said = _convert(text, ".opencode/agent/p.md", "claude")
    (widened,) = _widened(said)
    assert all(f"`{pattern}`" in widened for pattern in patterns)


def test_a_kiro_subagent_held_to_some_agents_is_said() -> None:
    kiro = {
        "name": "lead", "description": "Leads.", "prompt": "Lead.", "tools": ["subagent"],
        "toolsSettings": {"subagent": {"availableAgents": ["worker", "review-*"]}},
    }  # fmt: skip
    _, said = _convert(json.dumps(kiro), ".kiro/agents/lead.json", "opencode")
    assert _widened(said) == [
        "kiro lets the agent use subagent only for `worker`, `review-*`; OpenCode has no such "
        "limit: it gives task for everything"
    ]


ASKING = (
    "---\ndescription: Builds.\nmode: subagent\npermission:\n"
    '  "*": deny\n  read: allow\n  bash: ask\n  edit:\n    "*.md": allow\n---\nBuild.\n'
)


def test_an_opencode_agent_that_asks_before_a_tool_is_still_restricted() -> None:
    # `ask` made the whole map "not restricting": Claude Code's agent got every tool
    written, said = _convert(ASKING, ".opencode/agent/builder.md", "claude")
    assert "tools: Read, Bash, Edit(*.md)\n" in written
    # the prompt OpenCode asks for has no place in Claude Code: said, and kept for OpenCode
    assert [s for s in said if s[0] == "field-dropped" and "permission" in s[1]]
    agent = loads(ASKING, path=".opencode/agent/builder.md")
    again = loads(dumps(agent, "json"), path="builder.json")
    assert "bash: ask" in dumps(again, "opencode")


def test_an_opencode_map_denying_some_commands_grants_the_tool_and_says_the_limit() -> None:
    text = ASKING.replace(
        "bash: ask", 'bash:\n    "*": deny\n    "git *": allow\n    "git push *": deny'
    )
    written, said = _convert(text, ".opencode/agent/builder.md", "claude")
    assert "Bash" in written.split("tools:")[1].splitlines()[0]
    assert any("only for `git *`" in message for message in _widened(said))


def test_opencode_switches_that_turn_every_tool_off_but_some_restrict_the_agent() -> None:
    # `"*": false` was read as a tool named "*": Claude Code was given `disallowedTools: '*'`
    text = '---\ndescription: Reads.\nmode: subagent\ntools:\n  "*": false\n  read: true\n---\nR.\n'
    written, said = _convert(text, ".opencode/agent/reader.md", "claude")
    assert "tools: Read\n" in written and "disallowedTools" not in written
    assert not [s for s in said if s[0] == "field-in-extension"]


@pytest.mark.parametrize(
    ("target", "shell"),
    [("kiro", "execute_bash"), ("gemini", "run_shell_command"), ("copilot", "execute")],
)
def test_a_pattern_in_claude_codes_deny_list_takes_the_tool_away_everywhere(
    target: str, shell: str
) -> None:
    # Claude Code 2.1.332 gives an agent of `disallowedTools: Bash(rm *)` no Bash at all (a
    # recorded case); Kiro, Gemini CLI and Copilot were given the shell for everything, unsaid
    text = (
        "---\nname: runner\ndescription: Runs tests.\ntools: Read, Bash\n"
        "disallowedTools: Bash(rm *)\n---\nRun.\n"
    )
    written, said = _convert(text, ".claude/agents/runner.md", target)
    assert shell not in written
    assert [m for code, m in said if code == "tool-misreads" and "away whole" in m]


DELEGATING = (
    '---\ndescription: Delegates.\nmode: primary\npermission:\n  "*": deny\n  read: allow\n'
    '  bash:\n    "*": deny\n    "git status": allow\n  task:\n    "*": deny\n    reviewer: allow\n'
    "---\nDelegate.\n"
)


def test_an_opencode_map_that_allows_only_some_patterns_after_denying_the_rest_is_the_patterns() -> (
    None
):
    # `"*": deny` first in a tool's map, as OpenCode's docs write it, denies what the agent's
    # own `"*": deny` denies anyway: the patterns are the limit, which other tools keep
    # (before, Claude Code's agent could run any command and start any subagent)
    written, said = _convert(DELEGATING, ".opencode/agent/lead.md", "claude")
    assert "tools: Read, Bash(git status), Task(reviewer)\n" in written
    assert not _widened(said) and not [s for s in said if "permission" in s[1]]
    kiro = json.loads(_convert(DELEGATING, ".opencode/agent/lead.md", "kiro")[0])
    assert kiro["toolsSettings"]["subagent"] == {"availableAgents": ["reviewer"]}
    assert kiro["toolsSettings"]["execute_bash"]["allowedCommands"] == ["^git status$"]
    # and OpenCode gets the same limit back
    again = _convert(written, ".claude/agents/lead.md", "opencode")[0]
    assert "task:\n    reviewer: allow" in again and "git status: allow" in again


def test_a_subagent_named_by_a_wildcard_is_no_pattern_of_claude_code() -> None:
    # Claude Code's `Agent(a, b)` names agents, with no wildcard: the limit is said
    text = DELEGATING.replace("reviewer: allow", '"review-*": allow')
    written, said = _convert(text, ".opencode/agent/lead.md", "claude")
    assert "Task\n" in written
    assert any("only for `review-*`" in message for message in _widened(said))


def test_opencode_permissions_that_guard_no_tool_are_no_tools() -> None:
    # `external_directory` and `doom_loop` guard a path outside the project and a repeated
    # call: they were written into Claude Code's tool list as tools it does not have
    text = DELEGATING.replace("  read: allow\n", "  read: allow\n  external_directory: ask\n")
    written, said = _convert(text, ".opencode/agent/lead.md", "claude")
    assert "tools: Read, Bash(git status), Task(reviewer)\n" in written
    assert not [s for s in said if s[0] == "tool-unmapped"]
    again = _convert(text, ".opencode/agent/lead.md", "opencode")[0]
    assert "external_directory: ask" in again  # kept for OpenCode


def test_opencodes_lsp_tool_is_claude_codes() -> None:
    text = '---\ndescription: Navigates.\nmode: subagent\npermission:\n  "*": deny\n  lsp: allow\n---\nN.\n'
    written, said = _convert(text, ".opencode/agent/nav.md", "claude")
    assert "tools: LSP\n" in written and not [s for s in said if s[0] == "tool-unmapped"]
    back = _convert(written, ".claude/agents/nav.md", "opencode")[0]
    assert "lsp: allow" in back
