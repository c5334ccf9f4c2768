"""The `claude` target: Claude Code subagents, `.claude/agents/<name>.md` (formats.md §1.1).

Claude Code v2.1.330: `name` and `description` are required; the name may not start with
`-` or contain `:`; `tools` is a comma list (or YAML list); unknown keys are accepted.
"""

from __future__ import annotations

from converter.frontmatter_target import FrontmatterTarget
from converter.model import FIELDS
from converter.targets import CLAUDE_KEYS, TargetRules


class ClaudeFormat(FrontmatterTarget):
    name = "claude"
    aliases = ("claude-code",)
    filenames = (".claude/agents/*.md",)
    carries = frozenset(FIELDS)
    summary = "Claude Code subagent: .claude/agents/NAME.md"
    layout = ".claude/agents/{name}.md"
    rules = TargetRules(
        tool="claude",
        keys=CLAUDE_KEYS,
        name_pattern=r"[^-:][^:]{0,255}",
        required=("description",),
        tools="comma",
    )
