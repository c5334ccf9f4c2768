"""A Markdown target whose tool skips an agent file over a size (`TargetRules.max_file_bytes`):
such a file is said when read and when written; its prompt is never cut."""

from __future__ import annotations

from converter import targets
from converter.frontmatter.target import FrontmatterTarget
from converter.model import Agent
from converter.registry import ReadContext, WriteContext


class SizeLimitedTarget(FrontmatterTarget):
    """Claude Code 2.1.332 and GitHub Copilot CLI 1.0.102 skip an agent file of more than
    1 MiB (converter/targets/refusals.py, `say_if_too_big`)."""

    def read(self, text: str, context: ReadContext) -> Agent:
        agent = super().read(text, context)
        targets.say_if_too_big(
            text, self.rules, context.diagnostics, crlf=context.crlf, bom=context.bom, written=False
        )
        return agent

    def write(self, agent: Agent, context: WriteContext) -> str:
        text = super().write(agent, context)
        normalize = context.options.normalize
        targets.say_if_written_too_big(
            text, agent, self.name, self.rules, context.diagnostics, normalize
        )
        return text
