"""What Claude Code knows of an agent header: its keys, and the layout every Claude-style
Markdown agent shares (the `markdown` format and the `claude` target read it alike).

Claude Code 2.1.x frontmatter (formats.md §1.1; docs.anthropic.com/en/docs/claude-code/sub-agents):
`name` and `description` are required, `tools` is a comma list or a YAML list, and the keys
below are its own. Other keys are accepted and ignored (its debug log names them).
"""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Severity
from converter.targets import TargetRules

#: keys Claude Code understands that no other tool shares: read into `extensions["claude"]`
#: and written back at the top level
CLAUDE_KEYS = (
    "disallowedTools", "color", "effort", "permissionMode", "mcpServers", "hooks", "maxTurns",
    "autoCompactWindow", "skills", "initialPrompt", "memory", "background", "omitClaudeMd",
    "isolation", "observer", "observerMessage", "observeSubagents", "observeToolResults",
    "cacheTtl",
)  # fmt: skip

#: the colours Claude Code shows; it ignores any other value
CLAUDE_COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")

#: the Claude layout as a lossless format reads and writes it: names pass unchanged, nothing
#: is required, a model list is kept, and OpenCode's map of tool switches (a common sight in
#: Claude-style files) is kept in OpenCode's extension
#: what Claude Code does with an agent whose header it cannot parse (the header reads as
#: empty): a plugin agent gets a placeholder description, a project agent is left out
CLAUDE_CONSEQUENCE = (
    "leaves a project agent out, and gives a plugin agent the placeholder description "
    "'Agent from <plugin> plugin'"
)

#: Claude Code 2.1.332 splits a tool list at commas and whitespace (in a YAML list and in the
#: --agents JSON too), and ":" ends a name: "Microsoft Docs" would become two tools
CLAUDE_TOOL_NAME_FORBIDS = r"[\s,:]"

CLAUDE_LAYOUT = TargetRules(
    tool="claude",
    display="Claude Code",
    header_reader="claude",
    keys=CLAUDE_KEYS,
    required=(),
    tools="comma",
    native=True,
    names_as_written=True,
    model_lists=True,
    allowed_values={"color": CLAUDE_COLORS},
    switch_extension="opencode",
    metadata=True,
)

#: Claude Code 2.1.332 starts an agent of an empty tool list (`tools: []`, `tools:`) with no
#: tool, and refuses to start one whose every name is unknown. "none" is how we once wrote
#: no tools: it is read back as no tools, and said (Claude Code refuses it)
NO_TOOLS = "none"

#: one-word lists authors write for every tool: Claude Code 2.1.332 has no tool by these
#: names and refuses to start such an agent ("unrecognized [all]", "[All, tools]",
#: "[inherit]"; checked by having it start each), so they are read as every tool, as meant
EVERY_TOOL = frozenset({"all", "all tools", "inherit", "any"})


def means_every_tool(listed: Any) -> bool:
    """`all`, `All tools`, `inherit`... written as the whole tool list (a line or a list)."""
    words = listed if isinstance(listed, str) else " ".join(map(str, listed or ()))
    return isinstance(listed, str | list | tuple) and words.strip().lower() in EVERY_TOOL


def tools_meant(
    raw: Any, listed: tuple[str, ...]
) -> tuple[tuple[str, ...] | None, str, Severity] | None:
    """A tool list Claude Code does not read as its author meant, as meant, and what to say
    of it; None for any other list. An empty list gives the agent no tool (Claude Code
    lists it as having all tools, but starts it with none)."""
    if raw == NO_TOOLS:
        return (
            (),
            (
                "Claude Code refuses to start an agent of 'tools: none' (it has no tool 'none'); "
                "read as no tools, which is written 'tools: []'"
            ),
            Severity.WARNING,
        )
    if means_every_tool(raw):
        return (
            None,
            (
                f"Claude Code refuses to start an agent of 'tools: {raw if isinstance(raw, str) else ', '.join(map(str, raw))}' "
                "(it has no tool by that name); read as every tool, as meant, which is written "
                "by leaving 'tools' out"
            ),
            Severity.WARNING,
        )
    if not listed:
        return (
            (),
            (
                "an empty 'tools' gives the agent no tool (Claude Code lists it as having all "
                "tools, but starts it with none); read as no tools"
            ),
            Severity.INFO,
        )
    return None
