"""The `gemini` target: Gemini CLI subagents, `.gemini/agents/<name>.md` (formats.md §3.2).

Gemini CLI 0.61's loader (`localAgentSchema`, zod, strict) refuses an unknown key and a tool
name it does not know, so nothing but its own keys is written (the rest is reported
dropped) and a tool with no Gemini name is left out of the list. The name must match
`^[a-z0-9-_]+$`; `description` must not be empty; `max_turns` and `timeout_mins` are
positive integers; `mcp_servers` maps a server's name to its configuration.
"""

from __future__ import annotations

from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS
from converter.targets import TargetRules

_KEYS = ("kind", "display_name", "temperature", "max_turns", "timeout_mins", "mcp_servers")


class GeminiFormat(FrontmatterTarget):
    name = "gemini"
    aliases = ("gemini-cli",)
    filenames = (".gemini/agents/*.md",)
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "Gemini CLI subagent: .gemini/agents/NAME.md (strict keys)"
    layout = ".gemini/agents/{name}.md"
    rules = TargetRules(
        tool="gemini",
        display="Gemini CLI",
        keys=_KEYS,
        name_pattern=r"[a-z0-9_-]+",
        name_rule="lowercase letters, digits, hyphens and underscores",
        required=("description",),
        strict=True,
        key_types={
            "display_name": "text",
            "temperature": "number",
            "max_turns": "positive-integer",
            "timeout_mins": "positive-integer",
            "mcp_servers": "mapping",
        },
    )
