"""VS Code's `agents` list in a custom agent (the subagents it may start, by name) as Claude
Code's `Agent(a, b)` in the tool list, both ways; a private helper of the `copilot` target.

VS Code (code.visualstudio.com/docs/agents/reference/custom-agent-file-reference): `agents`
names the agents this one may start through its `agent` tool; `*` any, `[]` none, and no
list any. The same limit is Claude Code's `Agent(a, b)` (formats.md §1.1), OpenCode's `task`
permission map and Kiro CLI's `availableAgents`, so read as the pattern it reaches them all;
before, it was a key of no meaning to them, and their agents could start any subagent,
unsaid in Claude Code. Copilot CLI 1.0.102 ignores the key (`unknown field ignored:
agents`): there the `agent` tool starts any agent, which writing says (`tools-widened`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter.model import Agent
from converter.targets import scoped, vocabulary

KEY = "agents"
TOOL = "copilot"
#: a name that a pattern's list holds as one entry
_NAME = re.compile(r"[^,()\s][^,()]*")


def read(agent: Agent, data: dict[str, Any]) -> Agent:
    """`agent` with VS Code's `agents` list in its tools: the `agent` tool held to those
    names (`Agent(a, b)`), taken away by `[]`, left whole by `*`; the key then leaves the
    agent's Copilot keys. A list with nothing to hold (no `agent` tool, every tool
    inherited) or names that a pattern cannot hold stays one of them, said lost elsewhere."""
    listed = data.get(KEY)
    tools = agent.tools
    if not isinstance(listed, list) or tools is None or "*" in tools:
        return agent
    if not all(isinstance(name, str) and _NAME.fullmatch(name.strip()) for name in listed):
        return agent
    names = list(dict.fromkeys(name.strip() for name in listed))
    own = {k: v for k, v in agent.extensions.get(TOOL, {}).items() if k != KEY}
    spelt = vocabulary.spellings("Agent")
    plain = [tool for tool in tools if tool.lower() in spelt]
    if not plain:
        return agent
    if "*" in names:
        held: list[str] = [plain[0]]
    elif names:
        held = [f"{plain[0]}({', '.join(names)})"]
    else:
        held = []  # `[]`: it may start none
    out: list[str] = []
    for tool in tools:
        if tool in plain:
            out.extend(held if tool == plain[0] else [])
        else:
            out.append(tool)
    extensions = {k: v for k, v in agent.extensions.items() if k != TOOL}
    return replace(
        agent, tools=tuple(out), extensions={**extensions, TOOL: own} if own else extensions
    )


def written(agent: Agent) -> tuple[list[str], tuple[str, ...]] | None:
    """The `agents` list for an agent whose tools hold the subagent tool to names (one or
    more `Agent(a, b)`, the tool not also listed plain), and its tools with that tool plain,
    once; None for any other agent."""
    tools = agent.tools
    if tools is None or KEY in agent.extensions.get(TOOL, {}):
        return None
    spelt = vocabulary.spellings("Agent")
    held = {tool: found for tool in tools if (found := scoped.agents_named(tool))}
    if not held or any(tool.lower() in spelt for tool in tools):
        return None
    names = list(dict.fromkeys(name for _, found in held.values() for name in found))
    if not names:
        return None
    base = next(iter(held.values()))[0]
    return names, tuple(dict.fromkeys(base if tool in held else tool for tool in tools))
