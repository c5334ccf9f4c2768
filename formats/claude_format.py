"""The `claude` target: Claude Code subagents, `.claude/agents/<name>.md` (formats.md §1.1).

Claude Code 2.1.x: `name` and `description` are required; the name may not start with `-`
or contain `:`; `tools` is a comma list (or YAML list); unknown keys are accepted. It reads
a header exactly as the `markdown` format does (one reader, converter/frontmatter).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from converter import targets
from converter.diagnostics import Code, Diagnostics
from converter.frontmatter import plugin
from converter.frontmatter.claude_code import (
    CLAUDE_LAYOUT,
    CLAUDE_TOOL_NAME_FORBIDS,
    NO_TOOLS,
    not_names,
    say_denied_patterns,
    tools_unread,
)
from converter.frontmatter.sized import SizeLimitedTarget
from converter.model import FIELDS, Agent
from converter.registry import ReadContext
from converter.targets import TargetRules, escapes, hooks, scoped, vocabulary


class ClaudeFormat(SizeLimitedTarget):
    name = "claude"
    aliases = ("claude-code",)
    # Claude Code 2.1.332 loads agents from folders inside .claude/agents too (checked with
    # its own loader: `.claude/agents/team/x.md` is listed), each by its `name`
    filenames = (".claude/agents/*.md", ".claude/agents/*/*.md", ".claude/agents/*/*/*.md")
    carries = frozenset(FIELDS)
    summary = "Claude Code subagent: .claude/agents/NAME.md"
    layout = ".claude/agents/{name}.md"
    rules = CLAUDE_LAYOUT._replace(
        # Claude Code 2.1 refuses only ":" (plugin namespaces), but its documentation asks
        # for lowercase letters and hyphens, the form every other tool takes too. "*+":
        # possessive, so checking a megabyte name keeps no regex state per hyphen
        name_pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*+",
        name_rule="lowercase letters and digits, words joined by single hyphens",
        # ... and 2.1.332 loads any other name but one starting with "-", holding ":" once
        # NFKC-normalised (U+FF1A, U+FE55, U+FE13, U+2A74 too: `name.normalize("NFKC")`), or
        # longer than 256 UTF-16 code units (`CoderAgent`, `Code Reviewer`, `a_b`, `café`,
        # `r<s>`, a no-break space: all started with it; the other three not): advice there
        name_advised=True,
        name_refused="\\A-|[:\u2a74\ufe13\ufe55\uff1a]",
        name_max=256,
        # ... and skips, unsaid, an agent file of more than 1 MiB (loadMarkdownFilesFromDir;
        # 1,048,576 bytes loaded, 1,048,577 not, with its loader)
        max_file_bytes=1 << 20,
        required=("description",),
        # its loader takes only a name YAML reads as text (`typeof name === "string"`): it
        # leaves out, unsaid, an agent named `42`, `true`, `1e3`, `0o17`, `.inf` or `null`,
        # as Bun's YAML 1.2 reads them (each checked with 2.1.332's own loader)
        core_types={"name": "text"},
        model_lists=False,
        tool_name_forbids=CLAUDE_TOOL_NAME_FORBIDS,
        names_as_written=False,
        # Claude Code 2.1.332 leaves out an agent whose hooks are not its hooks map (checked
        # with its loader: `hooks: text`, a matcher without `hooks`, `type: nope`); the
        # lossless Markdown format keeps any value, so this is the target's rule only
        key_types={"hooks": "hook-map or null"},  # `hooks:` with no value loads
        # a header closed by `------` ends on the first three dashes; the agent's prompt
        # starts with the rest (its system prompt, seen at the mock API)
        long_fence="prompt",
    )

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        super().validate(agent, diagnostics)
        written = self.written_tools(agent)
        if written == NO_TOOLS:  # read as no tools: the model says []
            self.tools_refused(
                agent,
                diagnostics,
                "Claude Code has no tool 'none' and refuses to start the agent; 'tools: []' "
                "is an agent with no tools",
            )
        elif isinstance(written, str) and vocabulary.means_every_tool(written):  # every tool
            self.tools_refused(
                agent,
                diagnostics,
                f"Claude Code has no tool {written!r} and refuses to start the agent; an agent "
                "without 'tools' has every tool",
            )
        elif (unread := tools_unread(written)) is not None:  # `tools: 5`, a map, `[Read, 5]`
            self.tools_refused(agent, diagnostics, unread)
        lines = agent.provenance.field_lines if agent.provenance else {}
        own = agent.provenance is not None and agent.provenance.format == self.name
        if isinstance(agent.model, tuple) and own:  # another's list: the writer takes one
            diagnostics.add(
                Code.TARGET_RULE,
                "Claude Code takes one model: it runs an agent of a list of models with the "
                "session's model (Claude Code 2.1.332, started with `model: [sonnet, opus]`)",
                line=lines.get("model"),
                field="model",
            )
        passed = not_names(agent.extensions.get("claude", {}).get("disallowedTools"))
        if passed is not None:  # `disallowedTools: {Bash: true}`: the agent may use Bash
            diagnostics.add(
                Code.TARGET_RULE,
                f"Claude Code denies the agent nothing by {passed} in 'disallowedTools'; list "
                "the names of the tools it may not use",
                line=lines.get("disallowedTools"),
                field="extensions.claude.disallowedTools",
            )

        denied = agent.extensions.get("claude", {}).get("disallowedTools")
        say_denied_patterns(denied, diagnostics, lines.get("disallowedTools"), as_rule=True)

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        # `Agent(SWE, QA)` names the agents as this writer names them (`SWE` is written
        # `swe`), so that the limit names the agents written; Claude Code's own agent types
        # (`Explore`) stay as they are
        tools = agent.tools
        renamed = tools and tuple(_agents_named(tool, self.rules) for tool in tools)
        super().write_tools(
            replace(agent, tools=renamed) if renamed != tools else agent, mapping, diags
        )

    def read(self, text: str, context: ReadContext) -> Agent:
        agent = super().read(text, context)
        targets.say_if_refused(agent, self.rules, context.diagnostics)
        targets.say_if_not_its_file(context.path, "Claude Code", ".md", context.diagnostics)
        targets.say_if_unnamed(agent, self.rules, context.diagnostics)
        targets.say_refused_for_tools(agent, self.rules, context.diagnostics)
        lines = agent.provenance.field_lines if agent.provenance else {}
        own = agent.extensions.get("claude", {}) if agent.extensions else {}
        hooks.say_unheard("claude", "Claude Code", own.get("hooks"), context.diagnostics,
                                 lines.get("hooks"))  # fmt: skip
        plugin.say_ignored(own, context.path, lines, context.diagnostics)
        escapes.say_read(agent.description, "Claude Code", context.diagnostics,
                         lines.get("description"))  # fmt: skip
        servers = own.get("mcpServers")
        if isinstance(servers, dict) and servers:
            # Claude Code 2.1.332's agent loader takes `mcpServers` only as a list
            # (`Array.isArray`): a map, as .mcp.json writes servers, gives the agent none
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                "Claude Code takes an agent's 'mcpServers' only as a list ('- github: {...}'); "
                f"as a map it starts none of {', '.join(map(repr, servers))}; read "
                "here as meant, so other tools get them",
                line=lines.get("mcpServers"),
                field="mcpServers",
            )
        if "name" in lines and targets.refused_name(agent.name, self.rules):
            # Claude Code 2.1.332 leaves such an agent out of its list, unsaid (recorded
            # cases; it loads any other name: `CoderAgent`, `Code Reviewer`, `café`)
            shown = agent.name if len(agent.name) <= 60 else f"{agent.name[:40]}..."
            context.diagnostics.add(
                Code.TOOL_REFUSES,
                f"Claude Code does not load an agent named {shown!r} ({_why_refused(agent.name)})",
                line=lines["name"],
                field="name",
            )
        denied = (
            agent.extensions.get("claude", {}).get("disallowedTools") if agent.extensions else None
        )
        if denied is not None and (passed := not_names(denied)) is not None:
            # Claude Code 2.1.332 denies by names only (each started with it)
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                f"Claude Code denies no tool by {passed} in 'disallowedTools' (not names of tools)",
                line=lines.get("disallowedTools"),
                field="extensions.claude.disallowedTools",
            )
        say_denied_patterns(denied, context.diagnostics, lines.get("disallowedTools"))
        misspelt = [
            f"{tool} ({spelling})"
            for tool in agent.tools or ()
            if (spelling := vocabulary.spelled(self.rules.tool, tool.split("(")[0]))
        ]
        if misspelt:
            # Claude Code 2.1.332 matches tool names exactly: a subagent of `tools: read,
            # grep` got none and was refused when spawned ("unrecognized [read, grep]")
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                f"Claude Code's tool names are case-sensitive: it has no tool {', '.join(misspelt)}"
                " and gives the agent none by that name; another tool gets what was meant",
                line=lines.get("tools"),
                field="tools",
            )
        return agent


def _why_refused(name: str) -> str:
    """Why Claude Code 2.1.332 refuses the name (its agent loader's own checks, in order)."""
    if name.startswith("-"):
        return "a name may not start with '-'"
    if len(name) > 256 or len(name.encode("utf-16-le")) > 512:
        return f"a name may be at most 256 characters; this one has {len(name):,}"
    return (
        "a ':' names a plugin's agent, and so does '\uff1a', '\ufe55', '\ufe13' or '\u2a74' (NFKC)"
    )


def _agents_named(tool: str, rules: TargetRules) -> str:
    """`tool` with the agents of an `Agent(a, b)` named as agents are named here."""
    agents = scoped.agents_named(tool)
    if agents is None:
        return tool
    own = vocabulary.table().get("builtin_agents", {}).get(rules.tool, ())
    named = [n if n in own else targets.safe_name(n, rules, None) for n in agents[1]]
    return tool if named == agents[1] else f"{agents[0]}({', '.join(named)})"
