"""The `markdown` format: YAML frontmatter plus a verbatim body, in Claude Code's layout.

The lossless case of the frontmatter target: it reads what real files contain (invalid
YAML repaired as Claude Code repairs it, BOM, CRLF, no frontmatter) exactly as the `claude`
target does, and writes an untouched agent back byte for byte; `normalize` writes strict
YAML that PyYAML's `safe_load` and Claude Code both read.
"""

from __future__ import annotations

import re

from converter.frontmatter import plugin
from converter.frontmatter.claude_code import CLAUDE_LAYOUT
from converter.frontmatter.target import FrontmatterTarget
from converter.model import FIELDS, Agent
from converter.registry import ReadContext

_KEY_AFTER_FENCE = re.compile(r"---[ \t]*\r?\n[ \t]*[\w\"'-][^\n]*:")


class MarkdownFormat(FrontmatterTarget):
    name = "markdown"
    aliases = ("md", "frontmatter", "claude-md")
    filenames = ("*.md", "*.markdown")
    carries = frozenset(FIELDS)
    summary = "YAML frontmatter + verbatim body (Claude Code layout); repairs invalid YAML"
    lossless = True
    rules = CLAUDE_LAYOUT

    def sniff(self, text: str) -> float:
        if _KEY_AFTER_FENCE.match(text[:512]):  # the first key line is enough to tell
            return 0.9
        return 0.6 if text.startswith("---") else 0.2

    def read(self, text: str, context: ReadContext) -> Agent:
        agent = super().read(text, context)
        own = agent.extensions.get("claude") if agent.extensions else None
        if own:  # a Claude Code plugin's agent is read here (plugin/agents/*.md)
            lines = agent.provenance.field_lines if agent.provenance else {}
            plugin.say_ignored(own, context.path, lines, context.diagnostics)
        return agent
