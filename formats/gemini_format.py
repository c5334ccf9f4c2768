"""The `gemini` target: Gemini CLI subagents, `.gemini/agents/<name>.md` (formats.md §3.2).

Gemini CLI 0.61's loader (`localAgentSchema`, zod, strict) refuses an unknown key and a tool
name it does not know, so nothing but its own keys is written (the rest is reported
dropped) and a tool with no Gemini name is left out of the list. The name must match
`^[a-z0-9-_]+$`; `description` must not be empty; `max_turns` and `timeout_mins` are
positive integers; `mcp_servers` maps a server's name to its configuration.

A remote agent (`kind: remote`, an A2A server named by its `agent_card_url`) runs elsewhere:
it has no prompt here, which is said, and needs no description. A header that lists several
remote agents is refused with that reason: none of them is an agent another tool can run.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.frontmatter.target import FrontmatterTarget
from converter.io import beside, globs
from converter.model import FIELDS, Agent
from converter.registry import ReadContext
from converter.targets import (
    TargetRules,
    placeholders,
    say_if_not_its_file,
    say_if_refused,
    say_if_unnamed,
)

_KEYS = (
    "kind", "display_name", "temperature", "max_turns", "timeout_mins", "mcp_servers",
    "agent_card_url", "auth",
)  # fmt: skip
#: the names Gemini CLI 0.61 loads (its nameSchema: /^[a-z0-9-_]+$/, "Name must be a valid
#: slug"); the writer's rule is narrower (no leading '_', which marks a draft file)
_SLUG = (r"[a-z0-9_-]++", "lowercase letters, digits, hyphens and underscores")
#: a header that is a YAML list (of remote agents), not a mapping
_LISTED = re.compile(r"---[ \t]*\r?\n(?:[ \t]*(?:#.*)?\r?\n)*-[ \t]")


#: what Gemini CLI 0.61 fills in an extension's agent before a run (its extension loader's
#: hydration context; `${/}` the pattern never takes for a placeholder)
_HYDRATED = ("extensionPath", "workspacePath", "pathSeparator")


def _in_extension(path: str) -> bool:
    """Whether `path` is an agent of a Gemini CLI extension: its `agents/` folder, with the
    extension's `gemini-extension.json` beside that folder."""
    return beside.marked(os.path.dirname(os.path.abspath(path)), "gemini-extension.json")


class GeminiFormat(FrontmatterTarget):
    name = "gemini"
    # its FRONTMATTER_REGEX wants `---` as the file's first bytes (below)
    takes_bom = False
    aliases = ("gemini-cli",)
    # Gemini CLI 0.61.0 loads only the files directly in .gemini/agents (checked with its
    # loader: `.gemini/agents/team/x.md` is not listed); one in a folder there is its own
    # file all the same, said as one it never loads (below)
    filenames = (".gemini/agents/*.md", ".gemini/agents/*/*.md", ".gemini/agents/*/*/*.md")
    carries = frozenset(FIELDS) - {"metadata"}
    summary = "Gemini CLI subagent: .gemini/agents/NAME.md (strict keys)"
    layout = ".gemini/agents/{name}.md"
    rules = TargetRules(
        tool="gemini",
        display="Gemini CLI",
        keys=_KEYS,
        long_fence="no-prompt",  # said by _say_fence, below
        header_parser="js-yaml-4",  # (converter/frontmatter/tabs.py, breaks.py)
        # Gemini CLI 0.61 does not load a file whose name starts with "_" (loadAgentsFromDirectory)
        name_pattern=r"[a-z0-9-][a-z0-9_-]*+",
        name_rule="lowercase letters, digits, hyphens and underscores, not starting with '_'",
        required=("description",),
        strict=True,
        # Gemini CLI 0.61 refuses the agent for another kind of value here (its zod schema:
        # "temperature: Expected number, received string"; "model: ... received number")
        core_types={"name": "text", "description": "text", "model": "text"},
        key_types={
            "display_name": "text",
            "temperature": "number",
            "max_turns": "positive-integer",
            "timeout_mins": "positive-integer",
            "mcp_servers": "map-of-maps",
            "kind": "one-of local remote",
            "agent_card_url": "text",
            "auth": "mapping",
        },
    )

    def read(self, text: str, context: ReadContext) -> Agent:
        if _LISTED.match(text):
            raise ValidationError(
                "this header lists Gemini CLI remote agents (A2A servers named by their agent "
                "card): none has a prompt here, so there is no agent to convert",
                span=SourceSpan(context.path, 2, 1),
                hint="convert local agents: one header of name, description... and a prompt",
            )
        agent = super().read(text, context)
        if _say_fence(text, agent, context) and agent.provenance is not None:
            # its own file is written back with fences Gemini CLI reads, not as it was
            agent = replace(agent, provenance=replace(agent.provenance, header_snapshot=None))
        if agent.extensions.get("gemini", {}).get("kind") != "remote":  # needs no description
            say_if_refused(agent, self.rules, context.diagnostics)
        say_if_unnamed(agent, self.rules, context.diagnostics, slug=_SLUG)
        say_if_not_its_file(context.path, "Gemini CLI", ".md", context.diagnostics)
        shown = globs.where(context.path) if context.stem is not None else context.path
        _, found, folder = shown.replace("\\", "/").rpartition(".gemini/agents/")
        if found and "/" in folder:
            context.diagnostics.add(
                Code.FILE_NOT_LOADED,
                "Gemini CLI loads only the files directly in .gemini/agents, not in its "
                f"folder {folder.rpartition('/')[0]!r}",
                line=1,
            )
        if os.path.basename(context.path).startswith("_"):
            # Gemini CLI 0.61's loadAgentsFromDirectory lists only `.md` files not starting
            # with "_" (drafts, templates): it never loads this one
            context.diagnostics.add(
                Code.FILE_NOT_LOADED,
                "Gemini CLI does not load an agent file whose name starts with '_'",
                line=1,
            )
        return agent

    def after_read(self, agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        # a `${word}` in the prompt that no run has an input for fails every run; in an
        # extension's agent, Gemini CLI 0.61 fills its own words first (`hydrateString`)
        hydrated = _HYDRATED if _in_extension(context.path) else ()
        placeholders.say_read(agent, self.rules.tool, context.diagnostics, hydrated)
        if data.get("kind") == "remote":
            context.diagnostics.add(
                Code.REMOTE_AGENT,
                "a Gemini CLI remote agent (kind: remote) runs behind its agent card: it has no "
                "prompt here, so another tool gets an agent without one",
                line=1,
            )
            _say_if_cardless(data, context.diagnostics)
        tools = data.get("tools")
        if "tools" in data and not _listed(tools):
            # Gemini CLI 0.61 refuses the agent ("tools: Expected array, received string");
            # read as the list meant, and written back as one, which it loads
            context.diagnostics.add(
                Code.TOOL_REFUSES,
                f"Gemini CLI refuses this agent: tools must be a list of names, not {tools!r} "
                "(read as the list meant; written for it as one)",
                field="tools",
            )
        return agent

    def header(self, agent: Agent, diags: Diagnostics | None) -> dict[str, Any]:
        mapping = super().header(agent, diags)
        # a name Gemini CLI cannot take ("Workshop TA") stays as its display name
        if mapping.get("name") != agent.name and "display_name" not in mapping:
            mapping["display_name"] = agent.name
        return mapping

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        if agent.extensions.get("gemini", {}).get("kind") == "remote" and not agent.description:
            # a remote agent needs no description (formats.md §3.2: required for local ones)
            agent = replace(agent, description="(remote)")
        super().validate(agent, diagnostics)
        if agent.extensions.get("gemini", {}).get("kind") == "remote":
            _say_if_cardless(agent.extensions["gemini"], diagnostics)
        written = self.written_header(agent) or {}
        tools = written.get("tools")
        ours = agent.provenance is not None and agent.provenance.format == self.name
        if not ours and "tools" in written and not _listed(tools):
            # Gemini CLI 0.61 refuses the agent ("tools: Expected array, received string",
            # "... received null"); we read a text as a comma list, as others take it
            self.tools_refused(
                agent,
                diagnostics,
                f"Gemini CLI refuses the agent: tools must be a list of names, not {tools!r}",
            )


def _listed(tools: Any) -> bool:
    """Whether `tools` is what Gemini CLI 0.61 takes: a list of names (its zod schema)."""
    return isinstance(tools, list) and all(isinstance(t, str) for t in tools)


def _say_if_cardless(keys: dict[str, Any], diagnostics: Diagnostics) -> None:
    """Gemini CLI 0.61 refuses a remote agent without its card ("(Remote Agent)
    agent_card_url: Required", or agent_card_json)."""
    if "agent_card_url" not in keys and "agent_card_json" not in keys:
        diagnostics.add(
            Code.TARGET_RULE,
            "Gemini CLI refuses a remote agent (kind: remote) without agent_card_url or "
            "agent_card_json",
            field="kind",
        )


def _fence_end(text: str) -> int | None:
    """Where Gemini CLI 0.61's FRONTMATTER_REGEX (parseAgentMarkdown) ends the header: just
    past the three dashes that close it; None when it finds no header. The file must start
    with `---` and a line break; the header ends at the first line that starts with `---`;
    the prompt is what follows that line's line break: more on the line (`---  `, `--- x`,
    `------`) leaves none. Read with str.find (its lazy pattern, in Python, cost 2% of a
    conversion)."""
    start = 4 if text.startswith("---\n") else 5 if text.startswith("---\r\n") else 0
    end = text.find("\n---", start) if start else -1
    return None if end < 0 else end + 4


def _say_fence(text: str, agent: Agent, context: ReadContext) -> bool:
    """Where Gemini CLI's fence differs from ours: it refuses a file with a byte-order mark
    or a space after the opening dashes, and runs an agent whose closing dashes have more on
    their line with no prompt (each loaded with its `loadAgentsFromDirectory`)."""
    if agent.provenance is None or not agent.provenance.raw_header:
        return False  # no header: said as an agent without a description
    end = _fence_end(text)
    if context.bom or end is None:
        what = "a byte-order mark" if context.bom else "more than '---' on its first line"
        context.diagnostics.add(
            Code.TOOL_REFUSES,
            f"Gemini CLI does not load this file: it must start with a line of '---' alone, "
            f"and this one has {what}",
            line=1,
        )
        return end is None
    if text[end : end + 1] != "\n" and text[end : end + 2] != "\r\n" and agent.instructions.strip():
        line = text.count("\n", 0, end) + 1
        context.diagnostics.add(
            Code.TOOL_CANNOT_READ,
            "Gemini CLI cannot read this agent's prompt: the line that ends its header has "
            "more than '---' on it, so it runs the agent with no prompt",
            line=line,
        )
        return True
    return False
