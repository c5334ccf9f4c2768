"""What Claude Code knows of an agent header: its keys, and the layout every Claude-style
Markdown agent shares (the `markdown` format and the `claude` target read it alike).

Claude Code 2.1.x frontmatter (formats.md §1.1; docs.anthropic.com/en/docs/claude-code/sub-agents):
`name` and `description` are required, `tools` is a comma list or a YAML list, and the keys
below are its own. Other keys are accepted and ignored (its debug log names them).
"""

from __future__ import annotations

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
