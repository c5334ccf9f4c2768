"""The class every Markdown agent format derives from: a YAML header and a verbatim body.

The `markdown` format is its lossless, Claude-layout case; the tool targets state their rules
and layout in formats/. An untouched agent is written back byte for byte (its header reused).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError, ParseError, SourceSpan, ValidationError
from converter.frontmatter import claude_code, header, split, yaml_merge
from converter.frontmatter.reserved import RESERVED, pack_reserved, unpack_reserved
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, WriteContext
from converter.targets import own_file, vocabulary
from converter.targets.fields import left_out
from converter.targets.fields import own as own_keys
from converter.targets.fields import shared as shared_fields
from converter.targets.kinds import keys_by_kind
from converter.targets.server_values import rewrites_own

#: our own header key for what has no place at the top level: other tools' extensions, and
#: metadata whose key a core or tool key already takes
CORE = ("name", "description", "tools", "model")


class FrontmatterTarget(Format):
    """A Markdown agent file; subclasses set `rules`, `layout` and the format's metadata."""

    rules: ClassVar[targets.TargetRules]
    extension = ".md"
    lossless = False
    #: the tool reads the agent's name from the header (False: from the file name)
    name_in_header: ClassVar[bool] = True
    #: the tool names an agent without `name` by its file (formats.md §0: Copilot, Kiro)
    named_by_file: ClassVar[bool] = False

    def sniff(self, text: str) -> float:
        # below the generic markdown format's 0.9: a target is chosen by its path, then kept
        return 0.5 if text.startswith("---") else 0.2

    def read(self, text: str, context: ReadContext) -> Agent:
        said_before = len(context.diagnostics.items)
        found = header.read(text, context, reader_of(self.rules))
        if found is None:
            return self._read_bare(text, context)
        data, lines = found.data, found.lines
        if "name" not in data and "description" not in data and not found.body.strip():
            raise ParseError(
                "empty agent file: no name, no description and no prompt",
                span=SourceSpan(context.path, 1, 1),
            )
        agent = self.agent_from(data, found.body, lines, context)
        for key, number in found.numbers:  # text to us, a number to the tool (`name: 1.10`)
            diags, line = context.diagnostics, lines.get(key)  # (its text as written)
            targets.say_if_mistyped(key, number, self.rules, diags, line, data[key])
        provenance = Provenance(
            path=context.path,
            format=self.name,
            field_lines=lines,
            raw_header=found.raw,
            # a tool list its tool misreads is not written back as it was, but as read
            header_snapshot=None
            if _tools_misread(context.diagnostics.items, said_before) and not self.lossless
            else header_inputs(agent),
        )
        # made just above and held by no one else: its provenance is set in place (replace()
        # copies every field, about 6 us a file; provenance takes no part in == or hash)
        object.__setattr__(agent, "provenance", provenance)
        return agent

    def _read_bare(self, text: str, context: ReadContext) -> Agent:
        name = context.options.name or context.stem
        if not name:
            raise ParseError(
                "no frontmatter: the input does not start with a '---' line",
                span=SourceSpan(context.path, 1, 1),
                hint="add a '---' header with name and description, or pass --name",
            )
        context.diagnostics.add(Code.NO_FRONTMATTER, split.no_header_said(text, name), line=1)
        agent = Agent(name=name, instructions=text)
        snapshot = header_inputs(agent)
        provenance = Provenance(
            path=context.path, format=self.name, raw_header="", header_snapshot=snapshot
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
                    "the frontmatter has no 'name'",
                    span=SourceSpan(context.path, 1, 1),
                    hint="add name: my-agent",
                )
            if self.name_in_header:
                tool = self.rules.display or self.rules.tool
                diags.add(
                    Code.NAME_FROM_FILENAME,
                    f"no 'name' in the frontmatter; using {name!r}"
                    + (f", the file's name, as {tool} does" if self.named_by_file else ""),
                    line=1,
                    severity=Severity.INFO if self.named_by_file else Severity.WARNING,
                )
        metadata: dict[str, Any] = {}
        own: dict[str, Any] = {}
        extensions: dict[str, dict[str, Any]] = {}
        for key, value in data.items():
            if key in CORE:
                if key in rules.core_types:
                    targets.say_if_mistyped(key, value, rules, diags, lines.get(key))
                continue
            if key in rules.keys:
                own[key] = value
                if key in rules.key_types:
                    targets.say_refused_value(key, value, rules, diags, lines.get(key))
            elif key == RESERVED:
                unpack_reserved(value, metadata, extensions, context.path, lines.get(key))
            else:
                targets.say_unknown_key(key, rules, diags, lines.get(key))
                metadata[key] = value
        if own:
            extensions[rules.tool] = {**own, **extensions.get(rules.tool, {})}
        tools: tuple[str, ...] | None = None
        value = data.get("tools")
        if rules.switch_extension and isinstance(value, dict) and is_tool_switches(value):
            extensions.setdefault(rules.switch_extension, {})["tools"] = value
            _note_switches(value, diags, lines.get("tools"), rules.switch_extension)
            if rules.header_reader == "claude" and not self.lossless:
                line = lines.get("tools")
                diags.add(Code.TOOL_MISREADS, claude_code.SWITCHES, line=line, field="tools")
        else:
            tools = self.read_tools(data, lines, context)
        agent = Agent(
            name=name,
            description=fields.text_field(
                data.get("description"), "description", diags, lines.get("description")
            ),
            instructions=body,
            model=targets.read_model(data.get("model"), rules, diags, lines.get("model")),
            tools=tools,
            metadata=metadata,
            extensions=extensions,
        )
        return self.after_read(agent, data, context)

    def read_tools(
        self, data: dict[str, Any], lines: dict[str, int], context: ReadContext
    ) -> tuple[str, ...] | None:
        """The tool list; absent inherits every tool. `tools: '*'` stays `("*",)`: the model
        keeps what was written, and every writer reads "*" as "inherit every tool"."""
        if "tools" not in data:
            return None
        raw, diags, line = data["tools"], context.diagnostics, lines.get("tools")
        if self.rules.header_reader == "claude":  # Claude Code reads some values otherwise
            return claude_code.read_tools(raw, self.rules, diags, line, lossless=self.lossless)
        if isinstance(raw, list) and targets.strict_names(self.rules.tool):
            # the tool refuses the whole agent for a name it lacks: said as the file is read
            targets.say_unknown_names(self.rules, raw, diags, line)
        return targets.read_tools(fields.tools_field(raw, diags, line), self.rules)

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
        self.write_denied(agent, mapping)
        model = targets.write_model(agent, rules, diags)
        if model is not None:
            mapping["model"] = model
        mapping.update(own_keys(agent, rules, diags, mapping, lossless=self.lossless))
        self.write_extras(agent, mapping, diags)
        return mapping

    def write_tools(self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None) -> None:
        rules = self.rules
        names = targets.write_tools(agent, rules, diags)
        if names == [] and rules.header_reader == "claude":
            mapping["tools"] = []  # no tool (an absent list is every tool)
            return
        if names is None:
            if agent.tools is not None and rules.native:
                mapping["tools"] = claude_code.comma_line(agent.tools, rules) or list(agent.tools)
            elif agent.tools is None and rules.switch_extension and self.lossless:
                switches = agent.extensions.get(rules.switch_extension, {}).get("tools")
                if is_tool_switches(switches):
                    mapping["tools"] = switches  # read back into the same extension
            return
        joined = claude_code.comma_line(tuple(names), rules) if rules.tools == "comma" else None
        mapping["tools"] = joined or claude_code.listed(names, rules, lossless=self.lossless)

    def write_denied(self, agent: Agent, mapping: dict[str, Any]) -> None:
        """A tool with a deny list of its own gets the ones other tools kept (OpenCode's
        switches set to false become Claude Code's `disallowedTools`)."""
        if self.lossless or not agent.extensions:
            return
        key = vocabulary.deny_list_key(self.rules.tool)
        if key is None or key in agent.extensions.get(self.rules.tool, {}):
            return
        denied = targets.denied_tools(agent, self.rules.tool)
        if denied:
            mapping[key] = fields.join_tools(denied) or list(denied)

    def write_extras(
        self, agent: Agent, mapping: dict[str, Any], diags: Diagnostics | None
    ) -> None:
        """The lossless format keeps everything (what has no top-level place under
        x-agentmorph). A tool target writes its own keys, the settings other tools share
        with it, and portable metadata where the tool ignores unknown keys; the rest is
        reported dropped: our bookkeeping never reaches a tool."""
        rules = self.rules
        if not self.lossless:
            model = mapping.get("model")
            written = model if isinstance(model, str) else None
            for key, value in shared_fields(agent, rules, diags, written).items():
                mapping.setdefault(key, value)
            if rules.metadata:
                for key, value in agent.metadata.items():
                    if key not in mapping and key not in rules.keys and key not in CORE:
                        mapping[key] = value
            shown, parser = rules.display or rules.tool, rules.header_parser
            yaml_merge.take_out_merge_key(mapping, parser, shown, diags, lossless=False)
            left_out(agent, rules, diags, metadata=rules.metadata)
            return
        hidden_extensions: dict[str, dict[str, Any]] = {}
        for tool, keys in agent.extensions.items():
            for key, value in keys.items():
                if tool == rules.tool and key in rules.keys:
                    continue
                if (  # the switch map written as the header's tools (a null is no map)
                    tool == rules.switch_extension
                    and key == "tools"
                    and value is not None
                    and mapping.get("tools") is value
                ):
                    continue
                hidden_extensions.setdefault(tool, {})[key] = value
        hidden_metadata = {}
        for key, value in agent.metadata.items():
            if key in mapping or key in rules.keys or key in (*CORE, RESERVED):
                hidden_metadata[key] = value
            else:
                mapping[key] = value
        pack_reserved(mapping, hidden_metadata, hidden_extensions)
        yaml_merge.take_out_merge_key(mapping, rules.header_parser, self.name, diags, lossless=True)

    def write(self, agent: Agent, context: WriteContext) -> str:
        # what building the header says is held apart: untrue of the header as read, reused
        said = Diagnostics(context.diagnostics.path)
        mapping = self.header(agent, said)
        source = agent.provenance
        # the header as read is reused only while it means the same and nothing was made up
        made_up = any(d.code in own_file.MADE_UP for d in said.items) or rewrites_own(said)
        if (
            not context.options.normalize
            and not made_up
            and source is not None
            and source.format == self.name
            and source.raw_header is not None
            and source.header_snapshot == header_inputs(agent)
        ):
            # a name the tool has none for is still said; what was not widened or cut is not
            context.diagnostics.items.extend(filter(targets.kept_as_written, said.items))
            return source.raw_header + agent.instructions
        context.diagnostics.extend(said)
        return f"---\n{self.emit_header(mapping, context.diagnostics)}---\n{agent.instructions}"

    def emit_header(self, mapping: dict[str, Any], diags: Diagnostics) -> str:
        """The header's text between its fences: YAML (Cursor's are lines of text)."""
        from converter.frontmatter.yaml_emit import dump  # (Copilot CLI's: no last line end)

        return dump(mapping, parser=self.rules.header_parser)

    def file_stem(self, agent: Agent) -> str | None:
        return targets.safe_name(agent.name, self.rules, None) if self.name_in_header else None

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:
        # every unknown key: refused or sent on by some tools, and near spellings of a key
        # the tool reads named for all (converter/targets/validation.py)
        raw = list(agent.metadata)
        of_its_own = agent.provenance is not None and agent.provenance.format == self.name
        as_written = of_its_own and targets.strict_names(self.rules.tool)
        targets.validate(agent, self.rules, diagnostics, raw, names_as_written=as_written)
        if as_written:
            self._check_tool_names(agent, diagnostics)

    def written_header(self, agent: Agent) -> dict[str, Any] | None:
        """The agent's own header as written (the model holds values translated, so the
        header is read again); None when it has none or it cannot be read."""
        source = agent.provenance
        if source is None or not source.raw_header:
            return None
        shown = source.path or "<input>"
        context = ReadContext(path=shown, stem="", diagnostics=Diagnostics(shown))
        try:
            found = header.read(source.raw_header, context, reader_of(self.rules))
        except ConverterError:
            return None
        return found.data if found is not None and found.data else None

    def written_tools(self, agent: Agent) -> Any:
        """`tools` as the agent's own header wrote it; None when there is none."""
        return (self.written_header(agent) or {}).get("tools")

    def tools_refused(self, agent: Agent, diagnostics: Diagnostics, why: str) -> None:
        """Say, at the agent's `tools` line, that the tool refuses the agent for its list."""
        lines = agent.provenance.field_lines if agent.provenance else {}
        diagnostics.add(Code.TARGET_RULE, why, line=lines.get("tools"), field="tools")

    def _check_tool_names(self, agent: Agent, diagnostics: Diagnostics) -> None:
        """Names as written that the tool has no tool for: it refuses the agent."""
        listed = self.written_tools(agent)
        names = fields.split_tools(listed) if isinstance(listed, str) else listed
        lines = agent.provenance.field_lines if agent.provenance else {}
        if isinstance(names, list | tuple):
            targets.say_unknown_names(self.rules, names, diagnostics, lines.get("tools"))


def header_inputs(agent: Agent) -> tuple[Any, ...]:
    """What a format's header is made from: while an agent still has exactly these values,
    its header as read is what the format would write (so it is reused, byte for byte).
    Cheaper to keep than the header itself, which most conversions never need."""
    return (
        agent.name,
        agent.description,
        agent.model,
        agent.tools,
        agent.metadata,
        agent.extensions,
    )


def reader_of(rules: targets.TargetRules) -> header.Reader:
    """How the rules' tool reads a header (header.py); made once, as every file asks."""
    if id(rules) in _READERS and _READERS[id(rules)][0] is rules:
        return _READERS[id(rules)][1]
    (numbers, texts), parser = keys_by_kind(rules), rules.header_parser
    claude = rules.header_reader == "claude"
    then = claude_code.CLAUDE_CONSEQUENCE if claude else rules.unreadable_header
    reader = header.Reader(rules.display or rules.tool, claude, then or header.NOT_LOADED)
    reader = reader._replace(numbers=numbers, texts=texts, long_fence=rules.long_fence)
    sanitizes, whole = rules.header_reader == "sanitize", rules.whole_config
    reader = reader._replace(sanitizes=sanitizes, parser=parser, whole_config=whole)
    _READERS[id(rules)] = (rules, reader)
    return reader


_READERS: dict[int, tuple[targets.TargetRules, header.Reader]] = {}


def _tools_misread(said: list[Any], start: int) -> bool:  # a warning (`tools:` is an info)
    if len(said) <= start:  # most files say nothing: no slice made
        return False
    misread = (Code.TOOL_MISREADS, Code.TOOL_REFUSES)  # (Gemini CLI's `tools` as a text)
    return any(
        d.code in misread and d.field == "tools" and d.severity == "warning" for d in said[start:]
    )


def is_tool_switches(value: Any) -> bool:
    """OpenCode's `tools: {write: false, ...}` (formats.md §2): switches, not an allow-list."""
    return isinstance(value, dict) and bool(value) and all(type(v) is bool for v in value.values())


def _note_switches(
    switches: dict[str, bool], diags: Diagnostics, line: int | None, where: str
) -> None:
    # The tool that reads switches enables every tool not switched off, so the agent inherits
    # all tools minus these; the model has no deny-list, so the switches ride in extensions.
    off = [name for name, enabled in switches.items() if not enabled]
    but = f" except {', '.join(off)}" if off else ""
    message = f"'tools' is a map of switches (OpenCode's form): every tool{but} is allowed"
    level = Severity.WARNING if off else Severity.INFO
    where = f"; kept in extensions.{where}.tools"
    diags.add(Code.FIELD_IN_EXTENSION, message + where, line=line, field="tools", severity=level)
