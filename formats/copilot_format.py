"""The `copilot` target: GitHub Copilot custom agents, `*.agent.md` (formats.md §5.1).

`description` is required; `tools` uses Copilot's aliases (`read`, `edit`, `search`,
`execute`, `web`, `agent`, `todo`; MCP as `server/tool`); the prompt is at most 30,000
characters. Copilot's own `metadata` key is kept as a Copilot key. VS Code still reads the
legacy chat modes, `.github/chatmodes/NAME.chatmode.md` (formats.md §5.2): they are read as
agents of the same shape, named by the file without `.chatmode.md`; writing gives `.agent.md`.
"""

from __future__ import annotations

from dataclasses import replace

from converter.diagnostics import Code, Diagnostics
from converter.frontmatter.target import FrontmatterTarget, header_inputs
from converter.model import FIELDS, Agent
from converter.registry import ReadContext
from converter.targets import TargetRules, say_if_refused

_KEYS = (
    "target", "disable-model-invocation", "user-invocable", "infer", "mcp-servers", "metadata",
    "handoffs", "argument-hint", "models", "modelPolicy",
)  # fmt: skip


class CopilotFormat(FrontmatterTarget):
    named_by_file = True
    name = "copilot"
    aliases = ("github-copilot", "vscode")
    filenames = ("*.agent.md", ".github/agents/*.md", "*.chatmode.md", ".github/chatmodes/*.md")
    extension = ".agent.md"
    carries = frozenset(FIELDS)
    summary = "GitHub Copilot custom agent: .github/agents/NAME.agent.md"
    layout = ".github/agents/{name}.agent.md"
    rules = TargetRules(
        tool="copilot",
        display="GitHub Copilot",
        keys=_KEYS,
        required=("description",),
        tools="list",
        long_fence="refused",  # "missing or malformed YAML frontmatter" (1.0.102)
        header_parser="libyaml",  # as Copilot CLI 1.0.102 reads (converter/frontmatter/breaks.py)
        # the body is the prompt, at most 30,000 characters by GitHub's custom agents
        # reference (formats.md §5.1); Copilot CLI 1.0.102 loads a longer one (11 corpus
        # agents, each seen with its loader): said as the documented limit
        max_prompt=30_000,
        # GitHub Copilot CLI 1.0.102 refuses the agent for another kind of value here
        # (customAgentsParseMarkdown: "infer: Expected boolean, received string")
        # ("tools: 1: Expected string, received number": `[read, 5]`; `tools:` with no value
        # is said by validate)
        core_types={
            "name": "text",
            "description": "text",
            "model": "text or non-empty-text-list",
            "tools": "tool-names",
        },
        key_types={
            "infer": "boolean",
            "disable-model-invocation": "boolean",
            "user-invocable": "boolean",
            "mcp-servers": "map-of-maps or null",  # `mcp-servers:` with no value loads
        },
    )

    def read(self, text: str, context: ReadContext) -> Agent:
        agent = super().read(text, context)
        say_if_refused(agent, self.rules, context.diagnostics)
        return self._split_at_commas(agent, context.diagnostics)

    def _split_at_commas(self, agent: Agent, diagnostics: Diagnostics) -> Agent:
        """A `tools` text as GitHub Copilot CLI 1.0.102 reads it: cut at every comma and
        nowhere else (`Read Grep` is one name to it, where Claude Code reads two; `Bash(a,
        b)` two; each seen with its loader); said where that is not the names meant."""
        lines = agent.provenance.field_lines if agent.provenance else {}
        if not agent.tools or "tools" not in lines or not _text_on(agent, lines["tools"]):
            return agent  # (a list is read alike: most Copilot agents write one)
        written = self.written_tools(agent)
        if not isinstance(written, str):
            return agent
        read = tuple(name for part in written.split(",") if (name := part.strip()))
        if read == agent.tools:
            return agent
        diagnostics.add(
            Code.TOOL_MISREADS,
            f"GitHub Copilot cuts 'tools' at every comma and nowhere else: it reads "
            f"{list(read)} where {list(agent.tools or ())} is meant; this keeps its reading, "
            "and a YAML list of the names ('tools: [read, search]') is read alike by all",
            line=lines["tools"],
            field="tools",
        )
        agent = replace(agent, tools=read)
        assert agent.provenance is not None  # the header as written stays this reading
        return replace(
            agent, provenance=replace(agent.provenance, header_snapshot=header_inputs(agent))
        )

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        super().validate(agent, diagnostics)
        written = self.written_header(agent) or {}
        if "tools" in written and written["tools"] is None:
            # GitHub Copilot CLI 1.0.102: "tools: Expected array, received null"
            self.tools_refused(
                agent,
                diagnostics,
                "GitHub Copilot refuses the agent: 'tools' is empty; 'tools: []' is an agent "
                "with no tools, and no 'tools' one with all of them",
            )


def _text_on(agent: Agent, line: int) -> bool:
    """Whether the header line of `tools` holds more than the start of a list after it."""
    raw = agent.provenance.raw_header if agent.provenance else None
    lines = (raw or "").split("\n", line)
    after = lines[line - 1].partition(":")[2].strip() if len(lines) >= line else ""
    return bool(after) and after[0] != "["
