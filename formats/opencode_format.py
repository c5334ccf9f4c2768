"""The `opencode` target: OpenCode agents, `.opencode/agents/<name>.md` (formats.md §2).

OpenCode 1.18 (checked with `opencode debug config` and `opencode agent list`): the name is
the file's; `model` is `provider/model-id`; `mode` defaults to `all` (a sub-agent written
without it also shows up as a primary agent, so `subagent` is written); every key it does
not know goes into the agent's options, which it sends with **each request to the model
provider** (so nothing but its own keys is written). `tools` is deprecated for
`permission`, where `"*": deny` and then the allowed tools restrict an agent; `write`,
`edit` and `patch` are one `edit` permission. Reading still takes the old `tools` switches,
and the agents of its configuration file, `opencode.json(c)` (formats/_opencode_config.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.frontmatter import gray_matter, split
from converter.frontmatter.target import FrontmatterTarget
from converter.model import Agent, Provenance
from converter.registry import ReadContext
from converter.targets import (
    TargetRules,
    denials,
    denied_tools,
    first_agent,
    path_named,
    read_tools,
    refusal,
    say_foreign,
    say_if_not_its_file,
    say_unmapped,
    vocabulary,
    with_extension,
)
from formats import _opencode_config
from formats import _opencode_permission as permissions

_KEYS = (
    "mode", "variant", "temperature", "top_p", "permission", "disable", "hidden", "color",
    "steps", "maxSteps", "options", "prompt",
)  # fmt: skip
#: tools that OpenCode governs by one permission (write and patch fold into edit)
_PERMISSION = {"write": "edit", "patch": "edit"}
#: the folders under whose path OpenCode names an agent (formats.md §2)
_AGENT_FOLDERS = (
    "/.opencode/agent/",
    "/.opencode/agents/",
    "/opencode/agent/",
    "/opencode/agents/",
)
_SCOPED = re.compile(r"(\w+)\((.*)\)")
#: a mode's file: OpenCode 1.18.33 loads `{mode,modes}/*.md` of its folder as primary agents
_MODE_FILE = re.compile(r"(?:\A|/)\.opencode/modes?/[^/]+\.md\Z")
_PRIMARY = re.compile(r"""(?m)^mode:[ \t]*["']?primary["']?[ \t]*(?:#.*)?$""")


def _builtins() -> list[str]:
    """OpenCode's built-in tools, one name per concept (vocabulary.toml)."""
    return vocabulary.all_tools("opencode")


#: an agent of `opencode.json` holds its prompt as a key; a Markdown agent's body replaces
#: any `prompt` in its header (OpenCode 1.18 loads `prompt: [x]` there, the body its prompt)
_CONFIG_TYPES = {"prompt": "text"}


class OpencodeFormat(FrontmatterTarget):
    name = "opencode"
    aliases = ("kilo",)
    # nested folders hold agents too (named by their path: below); two levels are claimed by
    # name, deeper ones by content
    filenames = (
        *(f".opencode/{f}/{'*/' * depth}*.md" for depth in range(3) for f in ("agent", "agents")),
        # Kilo, an OpenCode fork, reads its own folders' agents as OpenCode does (formats.md §2)
        *(f".{kilo}/{f}/*.md" for kilo in ("kilo", "kilocode") for f in ("agent", "agents")),
        # its older modes: primary agents, one level only (`{mode,modes}/*.md`, below)
        ".opencode/mode/*.md",
        ".opencode/modes/*.md",
        # the configuration file's `agent` map (read; agents are written as Markdown)
        *_opencode_config.CONFIG_NAMES,
    )
    carries = frozenset(
        {"name", "description", "instructions", "model", "tools", "metadata", "extensions"}
    )
    summary = "OpenCode agent: .opencode/agents/NAME.md (name from the file); opencode.json's agents are read too"
    layout = ".opencode/agents/{name}.md"
    #: the project's configuration files, whose `agent` map `init` and `import` gather too
    agents_also_in = ("opencode.json", "opencode.jsonc", ".opencode/opencode.json")
    name_in_header = False
    rules = TargetRules(
        tool="opencode",
        display="OpenCode",
        keys=_KEYS,
        required=(),
        advised=("description",),  # asked by its documentation; OpenCode 1.18.33 loads without
        tools="switches",
        unknown_keys_to_provider=True,
        whole_config=True,
        long_fence="prompt",  # gray-matter closes on the first three dashes
        # OpenCode 1.18.33 (`opencode debug config`) makes a block scalar of a value holding
        # ':' and parses again (converter/frontmatter/sanitize.py); a header that pass leaves
        # as it was (a key written twice, an unclosed quote) is the whole file as the prompt
        # of an agent with no description
        header_reader="sanitize",
        header_parser="js-yaml-3",  # in gray-matter (converter/frontmatter/tabs.py)
        unreadable_header="reads the whole file, header and all, as the prompt of an agent "
        "with no description",
        # OpenCode 1.18 refuses its whole configuration for another kind of value here
        # ("Configuration is invalid ... Expected object | undefined, got ["read"] tools":
        # a Claude Code tool list in an OpenCode agent file)
        core_types={"description": "text", "model": "text", "tools": "switch-map"},
        # OpenCode 1.18.33 refuses the whole configuration for one of these (its schema,
        # checked with `opencode debug config`: "Configuration is invalid")
        key_types={
            "mode": "one-of subagent primary all",
            "temperature": "number",
            "top_p": "number",
            "steps": "positive-integer",
            "maxSteps": "positive-integer",
            "hidden": "boolean",
            "disable": "boolean",
            "variant": "text",
            "options": "mapping",
            "color": "hex-colour or one-of primary secondary accent success warning error info",
            "permission": "permission-rules",
        },
    )

    def sniff(self, text: str) -> float:
        by_config = _opencode_config.sniff(text)
        return by_config if by_config else super().sniff(text)

    def read(self, text: str, context: ReadContext) -> Agent:
        if _opencode_config.is_config(context.path, text):
            return first_agent(self._read_config(text, context), "agent", context)
        # OpenCode 1.18 names an agent without `name` by its path under the config folder's
        # agent/ or agents/, nested folders kept (`.opencode/agent/core/coder.md` is
        # `core/coder`; formats.md §2, checked with `opencode debug config`)
        first = len(context.diagnostics.items)
        agent = self._read_tagged(text, context) or super().read(
            text, path_named(context, _AGENT_FOLDERS)
        )
        said = context.diagnostics.items[first:]
        say_if_not_its_file(context.path, "OpenCode", ".md", context.diagnostics)
        moved = _MODE_FILE.search(context.path.replace("\\", "/")) and not _PRIMARY.search(
            agent.provenance.raw_header or "" if agent.provenance else ""
        )  # a mode's file, written to .opencode/agents, needs `mode: primary` there
        if agent.provenance and (
            moved or any(d.field == "model" and d.code is Code.TOOL_REFUSES for d in said)
        ):
            # a model it cannot run as spelt: its own file is written back with the model it
            # runs (or none), not as it was
            agent = replace(agent, provenance=replace(agent.provenance, header_snapshot=None))
        return agent

    def _read_tagged(self, text: str, context: ReadContext) -> Agent | None:
        """A `---yaml` or `---json` header, read and said as OpenCode reads it (gray_matter.py)."""
        tagged = gray_matter.language_tag(text)
        if tagged is None or not tagged.read_as_data():
            return None
        meant = gray_matter.plain(text, tagged)
        parts = split.split(meant, path=context.path)
        if parts is None or (
            tagged.language == "json" and not gray_matter.json_object(parts.yaml_text)
        ):
            return None  # JSON.parse refuses it: the whole file is the prompt there too
        agent = super().read(meant, path_named(context, _AGENT_FOLDERS))
        context.diagnostics.add(  # advice: OpenCode reads it (an info, as a name's style)
            Code.TARGET_RULE,
            f"the first line {tagged.line!r} opens a header for OpenCode, which reads a "
            "language after the dashes (gray-matter's), and for no other tool: Claude Code, "
            "Copilot and Gemini CLI take the whole file for the prompt; 'agentmorph fix' "
            "writes '---'",
            line=1,
            severity=Severity.INFO,
        )
        if agent.provenance is not None and agent.provenance.raw_header is not None:
            raw = tagged.line + agent.provenance.raw_header[3:]  # the first line as written
            agent = replace(agent, provenance=replace(agent.provenance, raw_header=raw))
        return agent

    def read_many(self, text: str, context: ReadContext) -> list[Agent]:
        if _opencode_config.is_config(context.path, text):
            return self._read_config(text, context)
        return [self.read(text, context)]

    def _read_config(self, text: str, context: ReadContext) -> list[Agent]:
        """The agents of `opencode.json` (formats/_opencode_config.py), each read as the
        header of a Markdown agent is: they take the same keys."""
        diags = context.diagnostics
        found = _opencode_config.entries(
            text,
            context.path,
            diags,
            context.options.max_depth,
            {**self.rules.key_types, **_CONFIG_TYPES},
        )
        agents = []
        for entry in found:
            data = dict(entry.data)
            shown = data.pop("name", None)  # the name OpenCode's agent list shows
            lines = dict.fromkeys(data, entry.line)
            each = replace(context, stem=entry.name, options=replace(context.options, name=None))
            first = len(diags.items)
            agent = self.agent_from(data, entry.prompt, lines, each)
            _opencode_config.label(diags, first, entry)  # several agents: say which
            if shown is not None and shown != entry.name:
                agent = with_extension(agent, "opencode", {"name": shown})
            provenance = Provenance(path=context.path, format=self.name, field_lines=lines)
            agents.append(replace(agent, provenance=provenance))
        return agents

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        # the map OpenCode 1.18.33 builds: switches (write, patch, edit one `edit`), then
        # `permission` over them (`opencode debug config`); where keys say otherwise, said
        permissions.say_misread(data, lines, context.diagnostics)
        effective = denials.effective_permissions("opencode", data)
        allowed = permissions.restricting(effective)
        switches = data.get("tools")
        if allowed is None and isinstance(switches, dict) and set(_builtins()) <= set(switches):
            # every built-in tool switched: the agent has those on (an MCP tool too, if on)
            allowed = permissions.restricting({"*": "deny", **effective})
        if allowed is not None:
            tools: list[str] = []
            for name in allowed:
                scoped = _SCOPED.fullmatch(name)
                if scoped is None:
                    tools.extend(read_tools([name], self.rules))
                else:  # bash: {"git *": allow} is Bash(git *)
                    tools.extend(
                        f"{t}({scoped.group(2)})" for t in read_tools([scoped.group(1)], self.rules)
                    )
            return tuple(dict.fromkeys(tools))
        if not isinstance(switches, dict):
            return super().read_tools(data, lines, context)
        return None  # partial switches: kept as written (after_read); the rest stays on

    def after_read(self, agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        agent = self._mode(agent, data, context)
        if "description" in data and data["description"] is None:
            # OpenCode 1.18 refuses its whole configuration for `description:` with no value
            # ("Expected string | undefined, got null"); one left out it takes
            context.diagnostics.add(
                Code.TOOL_REFUSES,
                refusal(self.rules, "an agent whose description has no value; it takes text"),
                field="description",
            )
        if data.get("disable") is True:
            # OpenCode 1.18.33 leaves a disabled agent out (`opencode agent list`): converted
            # elsewhere it would be switched on, so a walk passes over it
            context.diagnostics.add(
                Code.FILE_NOT_LOADED, "OpenCode does not load this agent (disable: true)"
            )
        if "prompt" in data:
            # OpenCode 1.18.33 takes a Markdown agent's prompt from its body, always: a
            # `prompt` in the header (text or `{file:...}`) is not read (`opencode debug
            # agent` shows the body, or "" when there is none)
            context.diagnostics.add(
                Code.TOOL_MISREADS,
                "OpenCode ignores 'prompt' in a Markdown agent's header: the body is the prompt"
                + ("" if agent.instructions.strip() else ", and this one has none")
                + "; kept in extensions.opencode.prompt",
                field="prompt",
            )
        permission = data.get("permission")
        if permissions.restricting(permission) is not None and permissions.says_only_tools(
            permission
        ):
            # read as the tool list; one that also asks or denies patterns stays as well
            own = {
                k: v for k, v in agent.extensions.get("opencode", {}).items() if k != "permission"
            }
            agent = replace(agent, extensions={**agent.extensions, "opencode": own})
            agent = replace(agent, extensions={k: v for k, v in agent.extensions.items() if v})
        switches = data.get("tools")
        if isinstance(switches, dict) and agent.tools is None:
            off = [name for name, enabled in switches.items() if enabled is False]
            context.diagnostics.add(
                Code.FIELD_IN_EXTENSION,
                "'tools' switches only some tools: every other tool stays on"
                + (f" (off: {', '.join(off)})" if off else "")
                + "; kept in extensions.opencode.tools",
                field="tools",
                severity=Severity.WARNING if off else Severity.INFO,
            )
            return with_extension(agent, "opencode", {"tools": switches})
        return agent

    @staticmethod
    def _mode(agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        """`subagent` is what this target writes for an agent with no mode of its own, so it
        is read as nothing to remember; no `mode` at all is OpenCode's `all`, said so. A
        mode's file (`.opencode/mode/x.md`) is a primary agent, whatever its `mode` says."""
        own = dict(agent.extensions.get("opencode", {}))
        if _MODE_FILE.search(context.path.replace("\\", "/")):
            # OpenCode 1.18.33 loads it with `mode: primary`, its own `mode` or none (its
            # loader's `{pattern: "{mode,modes}/*.md", primary: true}`; `opencode debug config`)
            if data.get("mode", "primary") != "primary":
                context.diagnostics.add(
                    Code.TOOL_MISREADS,
                    f"OpenCode loads an agent of a mode folder as a primary agent, not "
                    f"{data['mode']!r}; read so (in .opencode/agents its mode holds)",
                    field="extensions.opencode.mode",
                )
            own["mode"] = "primary"
        elif data.get("mode") == "subagent":
            own.pop("mode", None)
        elif "mode" not in data:
            own["mode"] = "all"
        else:
            return agent
        extensions = {**agent.extensions, "opencode": own}
        return replace(agent, extensions={k: v for k, v in extensions.items() if v})

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        own = agent.extensions.get("opencode", {})
        rules = own.get("permission")
        # the agent's own permissions, written as they are (own keys), when they say what its
        # tool list says; a value OpenCode refuses (left out, said) or rules that restrict
        # nothing would leave an explicit list as every tool
        if isinstance(rules, dict) and (
            agent.tools is None or permissions.restricting(rules) is not None
        ):
            return
        if isinstance(rules, dict) and diags is not None:
            diags.add(
                Code.FIELD_DROPPED,
                "the agent's own OpenCode permissions restrict no tool list; written from its "
                f"tools instead: {rules!r} not written",
                field="extensions.opencode.permission",
            )
        switches = own.get("tools")
        if isinstance(switches, dict) and agent.tools is None:
            mapping["tools"] = switches  # an OpenCode agent's own switches, as written
            return
        permission = self._permission(agent, diags)
        if permission:
            mapping["permission"] = permission

    def _permission(self, agent: Agent, diags: Diagnostics | None) -> dict[str, Any]:
        """`permission` for the agent's tools: "*" denied then each allowed tool, or each
        denied one; a `Bash(git *)` pattern becomes a pattern rule."""
        if agent.tools is None or "*" in agent.tools:
            denied = denied_tools(agent, "opencode")
            names, _, _ = vocabulary.tools_to("opencode", denied)
            return {_PERMISSION.get(n, n): "deny" for n in names}
        refused = set(denied_tools(agent, "opencode"))  # once: asked for every tool below
        allowed = [t for t in agent.tools if t.split("(")[0] not in refused]
        permission: dict[str, Any] = {"*": "deny"}
        plain = [t for t in allowed if not _SCOPED.fullmatch(t)]
        names = self._names(tuple(plain), diags)
        for name in names:
            permission[_PERMISSION.get(name, name)] = "allow"
        for tool in allowed:
            scoped = _SCOPED.fullmatch(tool)
            if scoped is None:
                continue
            target = self._names((scoped.group(1),), None)
            for name in target:
                rule = permission.setdefault(_PERMISSION.get(name, name), {})
                if isinstance(rule, dict):
                    for pattern in permissions.patterns(name, scoped.group(2)):
                        rule[pattern] = "allow"
        folded = {n for n in names if n in _PERMISSION} | {"edit"} & set(names)
        if folded and not {"write", "edit"} <= set(names) and diags is not None:
            diags.add(
                Code.TOOLS_WIDENED,
                "OpenCode governs write, edit and patch with one 'edit' permission: "
                "allowing one allows them all",
                field="tools",
            )
        return permission

    def _names(self, tools: tuple[str, ...], diags: Diagnostics | None) -> list[str]:
        found = vocabulary.translate("opencode", tools)
        say_foreign(self.rules, found.foreign, diags)
        mcp = [t for t in tools if t.startswith("mcp__")]
        if diags is not None and mcp:
            diags.add(
                Code.TOOL_UNMAPPED,
                f"OpenCode names MCP tools server_tool, which reads back as a tool name, not "
                f"as MCP: {', '.join(mcp)}",
                field="tools",
            )
        say_unmapped("opencode", found.unmapped, diags)
        return list(found.names)

    def header(self, agent: Agent, diags: Diagnostics | None) -> dict[str, Any]:
        mapping = super().header(agent, diags)
        # OpenCode's default mode is "all": an agent converted from another tool is a
        # sub-agent (it also shows up as a primary agent otherwise)
        if "mode" not in agent.extensions.get("opencode", {}):
            mapping.setdefault("mode", "subagent")  # but another tool's user-only agent
        return mapping
