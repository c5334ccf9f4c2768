"""What every tool target shares: its rules as data, and tool and model translation with
loss reports.

A target module (formats/<tool>_format.py) states its rules as a `TargetRules` and its file
shape; this code knows no tool beyond those rules and `vocabulary.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import SourceSpan, ValidationError
from converter.fields import text_field
from converter.model import Agent
from converter.registry import ReadContext
from converter.targets import denials, escapes, mcp_names, server_tools, spelling, vocabulary

_EMPTY: Mapping[str, Any] = {}  #: a rules mapping's default (a mapping proxy's get costs more)


class TargetRules(NamedTuple):
    """A tool's rules for one agent definition (formats.md, one section per tool); a
    NamedTuple: a frozen dataclass (methods compiled from source) cost 2.3 ms of each start."""

    #: the tool's key in vocabulary.toml and in `Agent.extensions`
    tool: str
    #: the tool's name in messages ("Claude Code")
    display: str = ""
    #: how the tool reads a Markdown header: "yaml" (strict YAML 1.2: invalid YAML fails the
    #: agent), "claude" (Claude Code's fence and second pass) or "sanitize" (strict YAML,
    #: then OpenCode's second pass; converter/frontmatter/sanitize.py)
    header_reader: str = "yaml"
    #: the tool's YAML parser, where it reads a header otherwise than strict YAML 1.2: "bun",
    #: "js-yaml-4", "js-yaml-3" (tabs before a line's content: frontmatter/tabs.py) or
    #: "libyaml" (NEL, U+2028 and U+2029 break lines, as in YAML 1.1: frontmatter/breaks.py)
    header_parser: str = ""
    #: what the tool does with a header it cannot parse but loads (`tool-cannot-read`); "": none
    unreadable_header: str = ""
    #: what the tool does with a header closed by a line of more than three dashes: "" reads
    #: it as '---', "refused", "prompt" (the rest of the dashes start the prompt),
    #: "no-prompt" (the agent runs without one: said by its format)
    long_fence: str = ""
    #: the tool's own keys: read into `extensions[tool]`, written back as they are
    keys: tuple[str, ...] = ()
    #: a pattern the name must match, and the same rule in words for messages
    name_pattern: str | None = None
    name_rule: str = ""
    #: a name outside `name_pattern` loads as written: `validate` advises it, the writer fixes it
    name_advised: bool = False
    #: why the writer keeps to `name_rule` where the tool loads any name ("" : its documentation
    #: asks for such names)
    name_advice: str = ""
    #: names the tool does not load at all (searched for; its reader says so)
    name_refused: str | None = None
    #: the longest name the tool loads, counted as JavaScript counts a string (UTF-16 code
    #: units); the writer cuts a longer one, its reader says the tool refuses it
    name_max: int | None = None
    #: fields the tool refuses to load without; those only its documentation asks for (advice)
    required: tuple[str, ...] = ("description",)
    advised: tuple[str, ...] = ()
    #: the tool rejects keys it does not know (so metadata cannot ride along)
    strict: bool = False
    #: how the tool takes a tool list: "list", "comma", "switches" or "none"
    tools: str = "list"
    #: the tool has a model field
    models: bool = True
    #: the tool takes a prioritised list of models (else only the first is written)
    model_lists: bool = False
    #: the tool's tool and model names are the model's own (the vocabulary's canonical
    #: column): they pass unchanged
    native: bool = False
    #: tool names are kept exactly as written, neither checked nor translated (the lossless
    #: Markdown format: it is no tool, so no name is foreign to it)
    names_as_written: bool = False
    #: the longest prompt the tool's documentation allows, if it names a limit
    max_prompt: int | None = None
    #: the tool skips an agent file of more bytes than this (its reader and writer say so)
    max_file_bytes: int | None = None
    #: the tool quietly ignores keys it does not know, so the agent's portable metadata
    #: can ride along at the top level (else it is left out, and the loss reported)
    metadata: bool = False
    #: values the tool accepts for some of its own keys (others are ignored by the tool)
    allowed_values: Mapping[str, tuple[str, ...]] = _EMPTY
    #: the type the tool's loader checks for some of its own keys ("positive-integer",
    #: "number", "text", "boolean", "mapping"): another value fails the agent
    key_types: Mapping[str, str] = _EMPTY
    #: the same for the agent's own fields as the tool's header holds them (`name`,
    #: `description`, `model`, `tools`): said when a file of the tool is read
    core_types: Mapping[str, str] = _EMPTY
    #: such a value fails the tool's whole configuration: no agent loads (OpenCode 1.18.33)
    whole_config: bool = False
    #: the tool sends keys it does not know to the model provider with every request
    #: (OpenCode's agent schema puts them in `options`; tool-loaders.md §OpenCode)
    unknown_keys_to_provider: bool = False
    #: characters the tool cannot have in a tool name (it would read other names): a name
    #: with one is left out, with a warning
    tool_name_forbids: str | None = None
    #: where a map of tool switches (`tools: {write: false}`) is kept when this tool does
    #: not read switches itself (the extension namespace of the tool that does)
    switch_extension: str | None = None


def write_tools(agent: Agent, rules: TargetRules, diags: Diagnostics | None) -> list[str] | None:
    """The agent's tool list in the tool's names; None when the agent may use every tool.

    Never widens silently: a coarser name, a lost `Tool(pattern)` or a target with no tool
    list is a warning (`--strict` then refuses to write). A deny list (Claude Code's
    `disallowedTools`, OpenCode's switches) is applied where the target has none of its
    own: the list becomes explicit, never "every tool".
    """
    allowed = agent.tools if agent.tools is not None and "*" not in agent.tools else None
    denied: tuple[str, ...] = ()
    if agent.extensions and not vocabulary.deny_list_key(rules.tool):
        denied = denied_tools(agent, rules.tool, rules.keys)
    if allowed is None and not denied:
        return None
    if allowed is not None and agent.extensions and not rules.names_as_written:
        # (a lossless format keeps the server's list where it is, and the list as written)
        allowed = server_tools.narrowed(allowed, agent, rules.tool)
    if allowed is None:
        allowed = tuple(vocabulary.tools_from(rules.tool, vocabulary.all_tools(rules.tool)))
        if rules.native:
            allowed = tuple(vocabulary.concept_names())
        # every MCP tool stays the agent's: a list without them would take them away
        allowed += server_tools.every_mcp_tool(agent, rules.tool)
        if diags is not None:
            others = (
                ""
                if server_tools.names_every_mcp_tool(rules.tool)
                else f" (with its own MCP servers: {rules.tool} has no name for the tools of "
                "servers configured elsewhere, so the agent loses those)"
            )
            diags.add(
                Code.TOOLS_NOT_RESTRICTED,
                f"{rules.tool} has no deny list: every tool but {', '.join(denied)} is listed"
                + others,
                field="tools",
                severity=Severity.INFO,
            )
    if denied:
        blocked = {name.lower() for name in denied}
        allowed = tuple(t for t in allowed if t.split("(")[0].lower() not in blocked)
    if rules.native and rules.names_as_written:
        return list(allowed)
    if rules.native:
        source = agent.provenance.format if agent.provenance is not None else None
        if source != rules.tool:  # a file of the tool's own is written back as it was
            allowed, foreign = vocabulary.as_canonical(allowed)
            say_foreign(rules, foreign, diags)
            allowed = spelling.spelt(rules, allowed, diags)
            allowed = spelling.replaced(rules, allowed, diags)
            allowed = _mcp_named(rules.tool, allowed)
        unfit = [t for t in allowed if not can_name(rules, t)]
        if unfit:
            allowed = tuple(t for t in allowed if t not in unfit)
            if diags is not None:
                diags.add(
                    Code.TOOL_UNMAPPED,
                    f"{rules.tool} cannot name a tool {', '.join(map(repr, unfit))} (it would "
                    "read it as other names); left out",
                    field="tools",
                )
        unknown = spelling.ignored(rules.tool, allowed)
        # Claude Code 2.1.332 refuses to start an agent with no tool it knows ("would be
        # spawned with zero tools"), checked by having it start one
        refused = "; with no other tool, it refuses to start the agent"
        if unknown and diags is not None:
            diags.add(
                Code.TOOL_UNMAPPED,
                f"{rules.display or rules.tool} has no tool named {_names(unknown)} and "
                "gives the agent none by that name"
                f"{refused if len(unknown) == len(allowed) else ''}; written as is",
                field="tools",
            )
        return list(allowed)
    found = vocabulary.translate(rules.tool, tuple(allowed))
    say_foreign(rules, found.foreign, diags)
    if diags is not None:
        spelling.say_translation(found, rules, diags)
    return list(found.names)


def say_foreign(rules: TargetRules, foreign: tuple[str, ...], diags: Diagnostics | None) -> None:
    if foreign and diags is not None:
        diags.add(
            Code.TOOL_FOREIGN,
            f"another tool's tool names, written as {rules.display or rules.tool}'s: "
            + "; ".join(foreign),
            field="tools",
            severity=Severity.INFO,
        )


def can_name(rules: TargetRules, name: str) -> bool:
    """Whether the tool can carry a tool name at all (`Tool(...)`: its base name)."""
    base = name.split("(", 1)[0] if name.endswith(")") else name
    return rules.tool_name_forbids is None or re.search(rules.tool_name_forbids, base) is None


def _mcp_named(tool: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """Each MCP server's name as the tool names its tools (`microsoft.docs.mcp`: Claude Code's
    mcp__microsoft_docs_mcp); the patterns only for names in the canonical MCP form."""
    prefix = mcp_names.canonical_prefix()
    return tuple((mcp_names.mcp_to(tool, t) or t) if t.startswith(prefix) else t for t in allowed)


#: a pattern after a tool's name in a deny list (`Bash(rm *)`)
_SCOPE = re.compile(r"\(.*\)\s*$", re.S)


def denied_tools(agent: Agent, target: str, kept: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The canonical tools the agent may not use, from any tool's deny list in its
    extensions (Claude Code's `disallowedTools`, OpenCode's switches set to false and its
    permissions set to "deny") other than the target's own, and the target's own capability
    rules where this file of it does not keep them (`kept`: Kiro's JSON agents)."""
    denied: list[str] = []
    for tool, keys in agent.extensions.items():
        if tool == target:
            if vocabulary.table().get("narrowing_rules", {}).get(tool) not in kept:
                denied.extend(denials.denied_by_rules(tool, keys))
            continue
        key = vocabulary.deny_list_key(tool)
        value = keys.get(key) if key else None
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list):  # names only: Claude Code passes over `5`, `[Read]`
            # `Bash(rm *)` takes Bash away whole: Claude Code 2.1.332 gives such an agent no
            # Bash (a recorded case; only a settings file's permissions deny one command)
            names = [_SCOPE.sub("", v) for v in value if isinstance(v, str)]
            denied.extend(vocabulary.tools_from(tool, names))
        switches = keys.get(vocabulary.switch_key(tool) or "")
        if denials.permission_key(tool):  # its switches are permissions too (OpenCode's)
            effective = denials.effective_permissions(tool, keys)
            denied.extend(denials.denied_by_permissions(tool, effective))
        elif isinstance(switches, dict):
            off = [name for name, on in switches.items() if on is False]
            denied.extend(vocabulary.tools_from(tool, off))
        denied.extend(denials.denied_by_values(tool, keys))
        denied.extend(denials.denied_by_rules(tool, keys))
    if vocabulary.deny_list_key(target):  # a deny list of its own holds a server's too
        denied.extend(server_tools.denied(agent, target))
    return spelling.current(target, tuple(dict.fromkeys(denied)))


def read_tools(value: list[str] | tuple[str, ...], rules: TargetRules) -> tuple[str, ...]:
    if rules.native:
        return tuple(value)
    return tuple(vocabulary.tools_from(rules.tool, list(value)))


def description_or_derived(
    agent: Agent, rules: TargetRules, diags: Diagnostics | None
) -> str | None:
    """The description; for a tool that requires one, the prompt's first sentence (noted).

    Claude Code turns a literal `\\n` in a Markdown agent's description into a line break
    (formats.md §1.1), and agents written for it use that for their `<example>` blocks: that
    is what the author meant, so a tool that reads the header otherwise gets line breaks."""
    description = agent.description
    if description and "\\n" in description:  # converter/targets/escapes.py
        description = escapes.written(description, agent, rules, diags)
    if (description or "").strip() or "description" not in rules.required + rules.advised:
        return description
    # the prompt's first line with words (never a line of dashes, which would close a
    # Claude Code header: converter/frontmatter/split.py)
    first = next(
        (
            words
            # the words of an XML-tagged line (`<role>You review.</role>`), not its tags
            for words in map(_untagged, [*agent.instructions.splitlines(), agent.name])
            # a literal \n is a line break to Claude Code: words, not escapes, count
            if any(char.isalnum() for char in words.replace("\\n", " "))
        ),
        "An agent with no description",
    )
    derived = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0][:200]
    if diags is not None:
        source = "the prompt's first sentence" if agent.instructions.strip() else "its name"
        needs = " requires" if "description" in rules.required else "'s documentation asks for"
        diags.add(
            Code.VALUE_DERIVED, f"{rules.tool}{needs} a description; used {source}",
            field="description",
        )  # fmt: skip
    return derived


#: agentmorph's own extension namespace (restyle records): not a tool's keys
RECORD_NAMESPACE = "agentmorph"


def with_extension(agent: Agent, tool: str, values: dict[str, Any]) -> Agent:
    if not values:
        return agent
    extensions = {**agent.extensions, tool: {**agent.extensions.get(tool, {}), **values}}
    return replace(agent, extensions=extensions)


def first_agent(agents: list[Agent], what: str, context: ReadContext) -> Agent:
    """The first of a file's agents, for callers that want one (a batch converts them all).

    Raises:
        ValidationError: the file holds none.
    """
    if not agents:
        raise ValidationError(f"the file holds no {what}", span=SourceSpan(context.path, 1, 1))
    if len(agents) > 1:
        context.diagnostics.add(
            Code.FIELD_DROPPED,
            f"{len(agents)} {what}s in one file; this reads the first (convert to a folder for all)",
        )
    return agents[0]


def name_or_fallback(value: Any, context: ReadContext) -> str:
    """The agent's name: the file's own, else --name, else the file name.

    Raises:
        ValidationError: none of the three is there.
    """
    name = text_field(value, "name", context.diagnostics, None) or context.options.name
    name = name or context.stem
    if not name:
        raise ValidationError(
            "the agent has no name", span=SourceSpan(context.path, 1, 1), hint="pass --name"
        )
    return str(name)


def _names(names: list[str] | tuple[str, ...]) -> str:
    """Names for a message, each quoted when a comma or a parenthesis in it would blur where
    one ends (`'Task(SWE', 'QA)'`, not `Task(SWE, QA)`)."""
    blurred = any(set(name) & set(",()") for name in names)
    return ", ".join(map(repr, names) if blurred else names)


def _untagged(line: str) -> str:
    """A prompt line without the XML tags that open and close it, and Markdown's marks
    (a tag at a time from each end, by position: each character is looked at once or twice)."""
    first, last = len(line) - len(line.lstrip()), len(line.rstrip())
    while line.startswith("<", first):
        end = line.find(">", first)
        if end == -1 or re.compile(_TAG).fullmatch(line, first, end + 1) is None:
            break
        first = end + 1
        while first < last and line[first].isspace():
            first += 1
    while last > first and line[last - 1] == ">":
        start = line.rfind("<", first, last)
        if start == -1 or re.compile(_TAG).fullmatch(line, start, last) is None:
            break
        last = start
        while last > first and line[last - 1].isspace():
            last -= 1
    return line[first:last].strip(" #*-=_")


#: one XML tag, opening or closing (`<role>`, `</role>`, `<example id="1">`); text, compiled
#: on first use by re's own cache (`\w` costs milliseconds to compile at every start)
_TAG = r"</?[A-Za-z][\w:.-]*+(?:\s[^<>]*+)?/?>"
