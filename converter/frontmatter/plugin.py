"""A Claude Code plugin's agents: the keys Claude Code ignores there, said when read.

Claude Code loads a plugin's agents from its `agents/` folder (beside `.claude-plugin/`,
formats.md §1.1), and 2.1.332's loader ignores five of their keys, with a warning of its own
("Plugin agent file ... sets permissionMode, which is ignored for plugin agents. Use
.claude/agents/ for this level of control."): `permissionMode`, `hooks` and `mcpServers`, and
`initialPrompt` and `observer*`. Read, such an agent is read as its author meant it (another
tool, or the agent copied to `.claude/agents`, gets these keys), and said: in the plugin,
Claude Code runs it without them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from converter.diagnostics import Code, Diagnostics

#: what 2.1.332's plugin-agent loader ignores, in its order (its `sXn` and `iXn` lists)
IGNORED_IN_PLUGINS = (
    "permissionMode", "hooks", "mcpServers",
    "initialPrompt", "observer", "observerMessage", "observeSubagents",
)  # fmt: skip

#: the folder that marks a plugin's root (formats.md §1.1)
PLUGIN_MARK = ".claude-plugin"


def say_ignored(
    own: Mapping[str, Any], path: str | None, lines: Mapping[str, int], diags: Diagnostics
) -> None:
    """Say the keys of `own` (an agent's Claude Code keys) that Claude Code ignores, when
    `path` is an agent of a plugin's `agents/` folder."""
    keys = [key for key in IGNORED_IN_PLUGINS if key in own]
    if not keys or path is None or not in_plugin(path):
        return  # the cheap test first: most agents set none of these
    shown = ", ".join(repr(key) for key in keys)
    diags.add(
        Code.TOOL_MISREADS,
        f"Claude Code ignores {shown} in a plugin's agent (it asks for .claude/agents/ for "
        "these); read as written, so another tool, or this agent in .claude/agents, gets them",
        line=min((lines[key] for key in keys if key in lines), default=None),
        field=f"extensions.claude.{keys[0]}",
    )


def in_plugin(path: str) -> bool:
    """Whether `path` is in a plugin's `agents/` folder, at any depth: a folder named
    `agents` with `.claude-plugin/` beside it."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        beside = os.path.join(os.path.dirname(folder), PLUGIN_MARK)
        if os.path.basename(folder) == "agents" and os.path.isdir(beside):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
