"""The shared shape of tool targets stored as Markdown with a YAML header (Claude Code,
OpenCode, Copilot, Gemini CLI, Cursor): read, write and validate through `TargetRules`.

Each tool's module subclasses `FrontmatterTarget` and states its rules and file layout.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from converter import fields, frontmatter, header, targets, yamlio
from converter.diagnostics import Code, Diagnostics
from converter.errors import SourceSpan, ValidationError
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext

RESERVED = fields.RESERVED
_CORE = ("name", "description", "tools", "model")


class FrontmatterTarget(Format):
    """A Markdown agent file of one tool; subclasses set `rules`, `layout` and the metadata."""

    rules: ClassVar[targets.TargetRules]
    #: where the tool looks for agents, with {name}: `-o DIR` writes there
    layout: ClassVar[str]
    extension = ".md"
    lossless = False
    #: the tool reads the agent's name from the header (False: from the file name)
    name_in_header: ClassVar[bool] = True

    def sniff(self, text: str) -> float:
        # Below the generic markdown format's 0.9: a target is chosen by its path, and then
        # only needs not to reject the content.
        return 0.5 if text.startswith("---") else 0.2

    def read(self, text: str, context: ReadContext) -> Agent:
        split = frontmatter.split(text, path=context.path)
        if split is None:
            context.diagnostics.add(
                Code.NO_FRONTMATTER, "no '---' frontmatter; the whole file is the prompt", line=1
            )
            data: dict[str, Any] = {}
            lines: dict[str, int] = {}
            body, raw = text, ""
        else:
            data, lines = header.load(split, context)
            body, raw = split.body, split.header
        agent = self.agent_from(data, body, lines, context)
        provenance = Provenance(
            path=context.path,
            format=self.name,
            field_lines=lines,
            raw_header=raw,
            header_snapshot=self.header(agent, None),
        )
        return replace(agent, provenance=provenance)

    def agent_from(
        self, data: dict[str, Any], body: str, lines: dict[str, int], context: ReadContext
    ) -> Agent:
        rules, diags = self.rules, context.diagnostics
        name = fields.text_field(data.get("name"), "name", diags, lines.get("name"))
        if name is None:
            name = context.options.name or context.stem
            if not name:
                raise ValidationError(
                    "the agent has no name", span=SourceSpan(context.path, 1, 1), hint="pass --name"
                )
            if self.name_in_header:
                diags.add(Code.NAME_FROM_FILENAME, f"no 'name'; using {name!r}", line=1)
        metadata: dict[str, Any] = {}
        own: dict[str, Any] = {}
        extensions: dict[str, dict[str, Any]] = {}
        for key, value in data.items():
            if key in _CORE:
                continue
            if key in rules.keys:
                own[key] = value
            elif key == RESERVED and isinstance(value, dict):
                metadata.update(value.get("metadata") or {})
                for tool, keys in fields.extensions_field(
                    value.get("extensions") or {}, context.path, lines.get(key)
                ).items():
                    extensions.setdefault(tool, {}).update(keys)
            else:
                if rules.strict:
                    diags.add(
                        Code.TARGET_RULE,
                        f"{rules.tool} rejects the unknown key {key!r}",
                        line=lines.get(key),
                        field=key,
                    )
                metadata[key] = value
        if own:
            extensions[rules.tool] = {**own, **extensions.get(rules.tool, {})}
        agent = Agent(
            name=name,
            description=fields.text_field(
                data.get("description"), "description", diags, lines.get("description")
            ),
            instructions=body,
            model=targets.read_model(
                fields.model_field(data.get("model"), diags, lines.get("model")), rules
            ),
            tools=self.read_tools(data, lines, context),
            metadata=metadata,
            extensions=extensions,
        )
        return self.after_read(agent, data, context)

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        if "tools" not in data:
            return None
        value = fields.tools_field(data["tools"], context.diagnostics, lines.get("tools"))
        return None if value == ("*",) else targets.read_tools(value, self.rules)

    def after_read(self, agent: Agent, data: dict[str, Any], context: ReadContext) -> Agent:
        """A hook for a tool's own translation (OpenCode's tool switches, Cursor's readonly)."""
        return agent

    def header(self, agent: Agent, diags: Diagnostics | None) -> dict[str, Any]:
        """The header this tool needs for `agent`, in its documented key order."""
        rules = self.rules
        mapping: dict[str, Any] = {}
        if self.name_in_header:
            mapping["name"] = targets.safe_name(agent.name, rules, diags)
        elif diags is not None and targets.file_name(agent.name) != agent.name:
            diags.add(
                Code.NAME_CHANGED,
                f"{rules.tool} takes the name from the file: {agent.name!r} becomes {targets.file_name(agent.name)!r}",
                field="name",
            )
        description = targets.description_or_derived(agent, rules, diags)
        if description is not None:
            mapping["description"] = description
        self.write_tools(agent, mapping, diags)
        model = targets.write_model(agent, rules, diags)
        if model is not None:
            mapping["model"] = model
        for key, value in agent.extensions.get(rules.tool, {}).items():
            if key in rules.keys and key not in mapping:
                mapping[key] = value
        self.write_extras(agent, mapping, diags)
        return mapping

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        names = targets.write_tools(agent, self.rules, diags)
        if names is None:
            return
        joined = fields.join_tools(tuple(names)) if self.rules.tools == "comma" else None
        mapping["tools"] = joined or names

    def write_extras(
        self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None
    ) -> None:
        """Portable metadata at the top level; what the tool cannot use under x-agentmorph
        (a strict tool, which rejects unknown keys, gets neither: they are reported dropped)."""
        rules = self.rules
        hidden_extensions = {
            tool: keys for tool, keys in agent.extensions.items() if tool != rules.tool
        }
        own_unknown = {
            k: v for k, v in agent.extensions.get(rules.tool, {}).items() if k not in rules.keys
        }
        if own_unknown:
            hidden_extensions[rules.tool] = own_unknown
        if rules.strict:
            targets.report_left_out(agent, rules, diags, kept=False)
            return
        hidden_metadata = {}
        for key, value in agent.metadata.items():
            if key in mapping or key in rules.keys or key in (*_CORE, RESERVED):
                hidden_metadata[key] = value
            else:
                mapping[key] = value
        fields.pack_reserved(mapping, hidden_metadata, hidden_extensions)
        if hidden_extensions:
            targets.report_left_out(agent, rules, diags, kept=True)

    def write(self, agent: Agent, context: WriteContext) -> str:
        mapping = self.header(agent, context.diagnostics)
        source = agent.provenance
        if (
            not context.options.normalize
            and source is not None
            and source.format == self.name
            and source.raw_header is not None
            and source.header_snapshot == self.header(agent, None)
        ):
            return source.raw_header + agent.instructions
        return f"---\n{yamlio.dump_mapping(mapping)}---\n{agent.instructions}"

    def validate(self, agent: Agent, diags: Diagnostics) -> None:
        raw = list(agent.metadata) if self.rules.strict else []
        targets.validate(agent, self.rules, diags, raw)
