"""VS Code's `agents` list (the subagents a custom agent may start) is Claude Code's
`Agent(a, b)`: read into the tool list, so that every tool keeps the limit, and written back."""

from __future__ import annotations

import json

import pytest
import yaml

from converter import Diagnostics, dumps, loads

PATH = ".github/agents/planner.agent.md"


def _copilot(tools: str, agents: str | None) -> str:
    listed = "" if agents is None else f"agents: {agents}\n"
    return f"---\ndescription: Plans.\ntools: {tools}\n{listed}---\nPlan the change.\n"


def _header(text: str) -> dict[str, object]:
    return dict(yaml.safe_load(text.split("---\n")[1]))


def test_the_subagents_named_hold_the_agent_tool_in_every_tool() -> None:
    agent = loads(_copilot("[read, agent]", "[Researcher, Implementer]"), path=PATH)
    assert agent.tools == ("Read", "Task(Researcher, Implementer)")
    assert "agents" not in agent.extensions.get("copilot", {})
    # before, Claude Code got `agents:` (a key it ignores) and a Task tool for any agent
    claude = _header(dumps(agent, "claude"))
    assert claude["tools"] == "Read, Task(researcher, implementer)"  # named as written there
    assert "agents" not in claude
    opencode = _header(dumps(agent, "opencode"))
    assert opencode["permission"]["task"] == {"Researcher": "allow", "Implementer": "allow"}  # type: ignore[index]
    kiro = json.loads(dumps(agent, "kiro"))
    assert kiro["toolsSettings"] == {"subagent": {"availableAgents": ["Researcher", "Implementer"]}}


@pytest.mark.parametrize(
    ("agents", "tools"),
    [
        ("[]", ("Read",)),  # none: the tool starts nothing
        ("['*']", ("Read", "Task")),  # any
        (None, ("Read", "Task")),  # no list: any
    ],
)
def test_none_any_and_no_list(agents: str | None, tools: tuple[str, ...]) -> None:
    agent = loads(_copilot("[read, agent]", agents), path=PATH)
    assert agent.tools == tools
    assert "agents" not in agent.extensions.get("copilot", {})


def test_a_list_with_nothing_to_hold_stays_as_it_was() -> None:
    # no agent tool: VS Code starts no subagent whatever the list says; kept, not read
    agent = loads(_copilot("[read]", "[Researcher]"), path=PATH)
    assert agent.tools == ("Read",)
    assert agent.extensions["copilot"]["agents"] == ["Researcher"]


def test_claude_codes_pattern_is_written_as_the_list_and_read_back() -> None:
    source = "---\nname: lead\ndescription: d\ntools: Read, Agent(researcher, tester)\n---\nLead.\n"
    diags = Diagnostics()
    text = dumps(loads(source, path=".claude/agents/lead.md"), "copilot", diagnostics=diags)
    header = _header(text)
    assert header["tools"] == ["read", "agent"] and header["agents"] == ["researcher", "tester"]
    # Copilot CLI ignores the key: said, as what it widens there
    assert [(d.code.value, d.severity.value) for d in diags] == [("tools-widened", "info")]
    back = loads(text, path=PATH)
    assert back.tools == ("Read", "Task(researcher, tester)")
    assert _header(dumps(back, "claude"))["tools"] == "Read, Task(researcher, tester)"


def test_the_authors_own_file_is_written_back_as_it_was() -> None:
    text = _copilot("[read, agent]", "[Researcher, Implementer]")
    assert dumps(loads(text, path=PATH), "copilot") == text


def test_a_list_another_tool_cannot_keep_is_said_lost_not_written_as_a_key() -> None:
    # every tool inherited: Claude Code's header had `agents:`, a key it ignores, unsaid
    text = "---\ndescription: All tools.\nagents: [helper]\n---\nGo.\n"
    diags = Diagnostics()
    written = dumps(loads(text, path=PATH), "claude", diagnostics=diags)
    assert "agents" not in written
    assert any("extensions.copilot.agents" in d.message for d in diags)
    assert dumps(loads(text, path=PATH), "copilot") == text


def test_several_patterns_make_one_list() -> None:
    # `claude --agents` takes one agent per entry: Agent(a), Agent(b, c) is one list here
    source = "---\nname: lead\ndescription: d\ntools: Read, Agent(a), Agent(b, c)\n---\nLead.\n"
    header = _header(dumps(loads(source, path=".claude/agents/lead.md"), "copilot"))
    assert header["tools"] == ["read", "agent"] and header["agents"] == ["a", "b", "c"]


def test_claude_code_gets_the_names_its_agents_are_written_with() -> None:
    # `SWE` and `QA` are written for Claude Code as `swe` and `qa`: the limit names those
    # agents, not names no agent there has; its own agent types (`Explore`) stay
    agent = loads(_copilot("[read, agent]", "[SWE, QA, Explore]"), path=PATH)
    assert _header(dumps(agent, "claude"))["tools"] == "Read, Task(swe, qa, Explore)"
    assert json.loads(dumps(agent, "kiro"))["toolsSettings"]["subagent"] == {
        "availableAgents": ["SWE", "QA", "Explore"]  # Kiro keeps the names as they are
    }
