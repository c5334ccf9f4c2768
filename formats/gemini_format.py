"""The `gemini` target: Gemini CLI subagents, `.gemini/agents/<name>.md` (formats.md §3.2).

Gemini's loader is strict: an unknown key is a load error, so nothing but its own keys is
written (the rest is reported dropped). The name must match `^[a-z0-9-_]+$`; `tools` is a
list of Gemini's tool names.
"""

from __future__ import annotations

from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS
from converter.targets import TargetRules

_KEYS = (
    "kind",
    "display_name",
    "temperature",
    "max_turns",
    "timeout_mins",
    "mcpServers",
    "mcp_servers",
    "policy",
)


class GeminiFormat(FrontmatterTarget):
    name = "gemini"
    aliases = ("gemini-cli",)
    filenames = (".gemini/agents/*.md",)
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "Gemini CLI subagent: .gemini/agents/NAME.md (strict keys)"
    layout = ".gemini/agents/{name}.md"
    rules = TargetRules(
        tool="gemini",
        keys=_KEYS,
        name_pattern=r"[a-z0-9_-]+",
        required=("description",),
        strict=True,
    )
