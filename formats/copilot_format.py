"""The `copilot` target: GitHub Copilot custom agents, `*.agent.md` (formats.md §5.1).

`description` is required; `tools` uses Copilot's aliases (`read`, `edit`, `search`,
`execute`, `web`, `agent`, `todo`; MCP as `server/tool`); the prompt is at most 30,000
characters. Copilot's own `metadata` key is kept as a Copilot key. VS Code still reads the
legacy chat modes, `.github/chatmodes/NAME.chatmode.md` (formats.md §5.2): they are read as
agents of the same shape, named by the file without `.chatmode.md`; writing gives `.agent.md`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from converter import fields
from converter.diagnostics import Code, Diagnostics, Severity
from converter.frontmatter.sized import SizeLimitedTarget
from converter.model import FIELDS, Agent
from converter.registry import ReadContext
from converter.targets import TargetRules, path_named, say_if_not_its_file, say_if_refused
from formats import _copilot_agents as subagents

#: (`models` and `modelPolicy`, which formats.md lists for Copilot CLI 1.0.81, are no keys
#: of 1.0.102: "unknown fields ignored: models, modelPolicy"; its list of models is `model`.
#: Its parser takes `skills`, `hooks` and `github`, seen with it: a Copilot agent's hooks
#: were written for Claude Code as its own `hooks`, in a form Claude Code does not run)
_KEYS = (
    "target", "disable-model-invocation", "user-invocable", "infer", "mcp-servers", "metadata",
    "handoffs", "argument-hint", "agents", "reasoning-effort", "skills", "hooks", "github",
)  # fmt: skip


class CopilotFormat(SizeLimitedTarget):
    named_by_file = True
    name = "copilot"
    aliases = ("github-copilot", "vscode")
    # Copilot CLI 1.0.102's discovery (customAgentsDiscoverJson) loads `.github/agents/team/x.md`
    filenames = (
        "*.agent.md", ".github/agents/*.md", ".github/agents/*/*.md",
        ".github/agents/*/*/*.md", "*.chatmode.md", ".github/chatmodes/*.md",
    )  # fmt: skip
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
        # a list of models, in order of preference: Copilot CLI 1.0.102 runs the first it
        # has (its own agentsCustomAgentInitialModelDecision), as VS Code does
        model_lists=True,
        long_fence="refused",  # "missing or malformed YAML frontmatter" (1.0.102)
        header_parser="libyaml",  # as Copilot CLI 1.0.102 reads (converter/frontmatter/breaks.py)
        # the body is the prompt, at most 30,000 characters by GitHub's custom agents
        # reference (formats.md §5.1); Copilot CLI 1.0.102 loads a longer one (11 corpus
        # agents, each seen with its loader): said as the documented limit
        max_prompt=30_000,
        # ... and Copilot CLI 1.0.102 skips a file of more than 1 MiB ("file exceeds the 1 MiB
        # size limit", its discovery: 1,048,576 bytes loaded, 1,048,577 not)
        max_file_bytes=1 << 20,
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
            # "reasoning-effort: Expected string, received number" (and null)
            "reasoning-effort": "text",
            # "skills: Expected array, received number", "hooks must be an object",
            # "github: Expected object, received number"
            "skills": "text-list",
            "hooks": "mapping",
            "github": "mapping",
        },
    )

    def read(self, text: str, context: ReadContext) -> Agent:
        nested = path_named(context, ("/.github/agents/",))
        if nested.stem and "/" in nested.stem:
            # Copilot CLI 1.0.102 names an agent of a folder inside .github/agents without a
            # `name` by its path: `team/x.agent.md` is `team--x` (its discovery, run)
            parts = nested.stem.split("/")
            parts[-1] = parts[-1].removesuffix(".agent")
            context = replace(context, stem="--".join(parts))
        agent = super().read(text, context)
        say_if_refused(agent, self.rules, context.diagnostics)
        if isinstance(agent.metadata.get("<<"), dict | list):  # a merge key: its parser has none
            lines = agent.provenance.field_lines if agent.provenance else {}
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                "GitHub Copilot CLI does not apply the YAML merge key '<<' (seen with its "
                "loader): the keys under it are not the agent's, where Claude Code, Gemini CLI "
                "and OpenCode merge them; 'agentmorph fix' writes them as keys of the agent's",
                line=lines.get("<<"),
                field="<<",
            )
        # Copilot CLI 1.0.102's discovery (customAgentsDiscoverJson, run on a project) left
        # out `.github/agents/x.AGENT.MD` and loaded `x.agent.md` and `x.md`
        say_if_not_its_file(context.path, "GitHub Copilot CLI", ".md", context.diagnostics)
        return agent

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        """A `tools` text as GitHub Copilot CLI 1.0.102 reads it: cut at every comma and
        nowhere else (`read search` is one name to it, where Claude Code reads two; `Bash(a,
        b)` two; each seen with its loader); said where that is not the names meant."""
        written = data.get("tools")
        if written is None and "tools" in data:
            # GitHub Copilot CLI 1.0.102: "tools: Expected array, received null"
            context.diagnostics.add(
                Code.TOOL_REFUSES,
                "GitHub Copilot CLI does not load an agent whose 'tools' has no value; read as "
                "no tools ('tools: []' is an agent with no tools, and no 'tools' one with all)",
                line=lines.get("tools"),
                field="tools",
            )
        if not isinstance(written, str):
            return super().read_tools(data, lines, context)
        cut = [name for part in written.split(",") if (name := part.strip())]
        meant = list(fields.split_tools(written))
        if cut != meant:
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                f"GitHub Copilot cuts 'tools' at every comma and nowhere else: it reads {cut} "
                f"where {meant} is meant; this keeps its reading, and a YAML list of the "
                "names ('tools: [read, search]') is read alike by all",
                line=lines.get("tools"),
                field="tools",
            )
        if "'" in written or '"' in written:
            fields.say_quoted(tuple(cut), context.diagnostics, lines.get("tools"))
        return super().read_tools({**data, "tools": cut}, lines, context)

    def after_read(self, agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        return subagents.read(agent, data)  # VS Code's `agents`: Claude Code's `Agent(a, b)`

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        found = subagents.written(agent)
        if found is None:
            super().write_tools(agent, mapping, diags)
            return
        names, tools = found
        super().write_tools(replace(agent, tools=tools), mapping, diags)
        mapping[subagents.KEY] = names
        if diags is not None:
            diags.add(
                Code.TOOLS_WIDENED,
                "VS Code holds the 'agent' tool to the agents named in 'agents'; GitHub Copilot "
                "CLI ignores that key, and there the tool starts any agent",
                field="tools",
                severity=Severity.INFO,
            )

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        super().validate(agent, diagnostics)
        written = self.written_header(agent) or {}
        own = agent.provenance is not None and agent.provenance.format == self.name
        if "tools" in written and written["tools"] is None and not own:  # (own: said on reading)
            # GitHub Copilot CLI 1.0.102: "tools: Expected array, received null"
            self.tools_refused(
                agent,
                diagnostics,
                "GitHub Copilot refuses the agent: 'tools' is empty; 'tools: []' is an agent "
                "with no tools, and no 'tools' one with all of them",
            )
