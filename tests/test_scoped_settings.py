"""Claude Code's `Tool(patterns)` kept as Kiro CLI's `toolsSettings` (a shell held to its
commands by `denyByDefault` and `allowedCommands`, the agents a subagent tool may start by
`availableAgents`), and read back from them: the limit travels, instead of being said lost."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.targets.scoped import command_regex

CLAUDE = (
    "---\nname: git-helper\ndescription: Commits.\n"
    "tools: Read, Bash(git status:*), Bash(git diff *), Bash(make lint), Agent(reviewer, tester)\n"
    "---\nCommit.\n"
)


def _claude_matches(pattern: str, command: str) -> bool:
    """Claude Code 2.1.332's own matching of a Bash pattern (its bundle): `P:*` is P alone or
    followed by a space; `*` any text, a last ` *` possibly nothing; else the very command."""
    if pattern.endswith(":*"):
        prefix = pattern[:-2]
        return command == prefix or command.startswith(prefix + " ")
    if "*" not in pattern:
        return command == pattern
    pieces = [re.escape(p) for p in pattern.split("*")]
    if len(pieces) == 2 and pieces[1] == "" and pieces[0].endswith("\\ "):
        pieces[0] = pieces[0][:-2] + "(?: |$)"
    return re.fullmatch(".*".join(pieces), command, re.S) is not None


def test_claude_patterns_become_kiros_settings_and_no_loss_is_said() -> None:
    diags = Diagnostics()
    written = json.loads(dumps(loads(CLAUDE, path="a.md"), "kiro", diagnostics=diags))
    assert written["tools"] == ["fs_read", "execute_bash", "subagent"]
    assert written["toolsSettings"] == {
        "execute_bash": {
            "allowedCommands": ["^git status(?: .*)?$", "^git diff(?: .*)?$", "^make lint$"],
            "denyByDefault": True,
        },
        "subagent": {"availableAgents": ["reviewer", "tester"]},
    }
    # before, each pattern was said lost: "Bash beyond 'git status:*'"
    assert not [d for d in diags if "beyond" in d.message]


def test_the_limit_comes_back_from_kiro_to_every_tool() -> None:
    kiro = dumps(loads(CLAUDE, path="a.md"), "kiro")
    agent = loads(kiro, path=".kiro/agents/git-helper.json")
    assert agent.tools is not None
    assert "Bash(git status *)" in agent.tools and "Bash(make lint)" in agent.tools
    assert "Task(reviewer, tester)" in agent.tools and "Bash" not in agent.tools
    assert "kiro" not in agent.extensions  # the settings are the tool list now
    diags = Diagnostics()
    opencode = dumps(agent, "opencode", diagnostics=diags)
    assert "git status *: allow" in opencode and "reviewer: allow" in opencode
    assert not [d for d in diags if d.code.value == "tools-widened"]
    assert dumps(agent, "kiro") == kiro  # and back, the same settings


def test_a_tool_also_listed_plain_is_granted_whole() -> None:
    text = "---\nname: a\ndescription: d\ntools: Read, Bash, Bash(git:*)\n---\nx\n"
    diags = Diagnostics()
    written = json.loads(dumps(loads(text, path="a.md"), "kiro", diagnostics=diags))
    assert "toolsSettings" not in written
    assert not [d for d in diags if "beyond" in d.message]  # was said widened "beyond git:*"


@pytest.mark.parametrize(
    "regex",
    ["git .*", "(git|npm) test", "git status\\d"],
)
def test_a_kiro_setting_of_another_form_stays_and_is_said(regex: str) -> None:
    kiro = json.dumps(
        {
            "name": "a",
            "description": "d",
            "prompt": "x",
            "tools": ["fs_read", "execute_bash"],
            "toolsSettings": {"execute_bash": {"allowedCommands": [regex], "denyByDefault": True}},
        }
    )
    agent = loads(kiro, path=".kiro/agents/a.json")
    assert agent.tools is not None and "Bash" in agent.tools
    diags = Diagnostics()
    dumps(agent, "claude", diagnostics=diags)
    assert [d for d in diags if d.code.value == "tools-widened" and "only for" in d.message]


def test_every_command_is_the_tool_whole() -> None:
    kiro = json.dumps(
        {
            "name": "a",
            "description": "d",
            "prompt": "x",
            "tools": ["execute_bash"],
            "toolsSettings": {"execute_bash": {"allowedCommands": [".*"], "denyByDefault": True}},
        }
    )
    assert loads(kiro, path=".kiro/agents/a.json").tools == ("Bash",)


COMMANDS = ["git", "git diff", "git diff --stat", "git difftool", "make lint", "make lint2",
            "a.b (c)", "ls", "lsof", "npm run test", "npm run test:unit"]  # fmt: skip
PATTERNS = ["git diff:*", "git diff *", "git*", "make lint", "a.b (c)", "ls*", "ls *",
            "npm run test*", "git * --stat", "*"]  # fmt: skip


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_regular_expression_runs_what_claude_code_runs(pattern: str) -> None:
    regex = command_regex(pattern)
    for command in COMMANDS:  # Kiro anchors each at both ends (\A...\z)
        assert bool(re.fullmatch(regex, command, re.S)) == _claude_matches(pattern, command), (
            pattern,
            command,
        )


@given(st.text(alphabet="ab .*()[]$^|+?{}-:", min_size=1, max_size=12))
def test_any_command_pattern_is_matched_alike(pattern: str) -> None:
    regex = command_regex(pattern)
    for command in ("a", "ab", "a b", "a.b", "a (b)", "ab:", "a b c", pattern, pattern + " x"):
        assert bool(re.fullmatch(regex, command, re.S)) == _claude_matches(pattern, command)


def test_kiros_markdown_agents_keep_the_limit_too() -> None:
    # Kiro's Markdown agents take the JSON agent's keys (formats.md §6.2)
    diags = Diagnostics()
    written = dumps(loads(CLAUDE, path="a.md"), "kiro-md", diagnostics=diags)
    assert "toolsSettings:" in written and "denyByDefault: true" in written
    assert not [d for d in diags if "beyond" in d.message]
    again = loads(written, path=".kiro/agents/git-helper.md")
    assert again.tools is not None and "Bash(git status *)" in again.tools
    assert dumps(again, "kiro-md") == written


def test_task_limited_while_agent_is_listed_whole_is_no_limit() -> None:
    # Task is Agent's older name (Claude Code 2.1.332 reads either): the agent may start any
    text = "---\nname: a\ndescription: d\ntools: Read, Agent, Task(reviewer)\n---\nx\n"
    diags = Diagnostics()
    written = json.loads(dumps(loads(text, path="a.md"), "kiro", diagnostics=diags))
    assert "toolsSettings" not in written
    assert not [d for d in diags if "beyond" in d.message]
