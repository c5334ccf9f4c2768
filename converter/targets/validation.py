"""Validation of an agent against a tool's rules: what the tool would reject or ignore."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets import efforts, models, placeholders, spelling, vocabulary
from converter.targets.kinds import kind_text, takes
from converter.targets.names import name_advice, refused_name
from converter.targets.rules import TargetRules, can_name
from converter.targets.server_values import server_problems


def validate(
    agent: Agent,
    rules: TargetRules,
    diags: Diagnostics,
    raw_keys: list[str] | None = None,
    *,
    names_as_written: bool = False,
) -> None:
    """Report, with lines, everything the tool would reject or ignore in this agent
    (`names_as_written`: the caller checks the tool names as the file spells them)."""
    lines = agent.provenance.field_lines if agent.provenance else {}
    for field in rules.required:
        value = getattr(agent, field, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} requires '{field}'",
                line=lines.get(field),
                field=field,
            )
    for field in rules.advised:
        if not (getattr(agent, field, None) or "").strip():
            diags.add(
                Code.TARGET_RULE,
                f"{rules.display or rules.tool} loads an agent without '{field}', but its "
                f"documentation asks for one (converting to it derives one from the prompt)",
                line=lines.get(field),
                field=field,
                severity=Severity.INFO,
            )
    refused = refused_name(agent.name, rules)
    if rules.name_pattern and not re.fullmatch(rules.name_pattern, agent.name) and not refused:
        rule = rules.name_rule or rules.name_pattern
        diags.add(
            Code.TARGET_RULE,
            f"{rules.display or rules.tool} loads the name {agent.name!r} as written, but "
            f"{name_advice(rules)} (converting to it writes one)"
            if rules.name_advised
            else f"{rules.tool} needs a name of {rule}; got {agent.name!r}",
            line=lines.get("name"),
            field="name",
            severity=Severity.INFO if rules.name_advised else Severity.WARNING,
        )
    placeholders.rule_issues(agent, rules.tool, diags)
    if rules.max_prompt is not None and len(agent.instructions) > rules.max_prompt:
        diags.add(
            Code.TARGET_RULE,
            f"{rules.display or rules.tool}'s documentation caps a prompt at "
            f"{rules.max_prompt:,} characters; this one has {len(agent.instructions):,}",
            field="instructions",
        )
    _unknown_keys(rules, diags, raw_keys or [], lines)
    _servers(agent, rules, diags, lines)
    if not names_as_written:
        _tools(agent, rules, diags, lines)
    _model(agent, rules, diags, lines)
    efforts.rule_issues(agent, rules, _model_there(agent, rules), diags, lines)
    _own_values(agent, rules, diags, lines)


def _model_there(agent: Agent, rules: TargetRules) -> str | None:
    """The agent's model as the tool spells it (None: its default)."""
    model = (agent.model or (None,))[0] if isinstance(agent.model, tuple) else agent.model
    if model is None or models.is_inherit(model):
        return None
    return models.model_to(rules.tool, model) or model


def _unknown_keys(
    rules: TargetRules, diags: Diagnostics, raw_keys: list[str], lines: Mapping[str, int]
) -> None:
    """Keys the tool does not know: refused (a strict schema), sent to the provider, or
    ignored; a near spelling of a key it reads is named (`permissions` for OpenCode's
    `permission`: as written, none of its rules apply)."""
    for key in raw_keys:
        near = near_key(key, rules)
        meant = f"; did you mean {near!r}?" if near else ""
        if rules.strict:
            message = f"{rules.tool} rejects the unknown key {key!r}{meant}"
        elif rules.unknown_keys_to_provider:
            message = (
                f"{rules.tool} sends the unknown key {key!r} to the model provider with every "
                f"request (a provider may refuse it){meant}"
            )
        elif near:
            message = f"{rules.tool} ignores the key {key!r}{meant}"
        else:
            continue
        diags.add(
            Code.TARGET_RULE, message, line=lines.get(key), field=key, severity=Severity.WARNING
        )


def say_unknown_key(key: str, rules: TargetRules, diags: Diagnostics, line: int | None) -> None:
    """A key the tool refuses (a strict schema), or one it ignores that nearly spells a key
    it reads (OpenCode's `permissions`: the author's rules are not applied)."""
    near = near_key(key, rules)
    meant = f"; did you mean {near!r}?" if near else ""
    if rules.strict:
        message = f"{rules.tool} rejects the unknown key {key!r}{meant}"
        diags.add(Code.TARGET_RULE, message, line=line, field=key)
    elif near:
        message = f"{rules.tool} has no key {key!r}{meant} (kept as written)"
        diags.add(Code.TOOL_MISREADS, message, line=line, field=key)


def near_key(key: str, rules: TargetRules) -> str | None:
    """A key the tool reads that `key` is a near spelling of: the same but for case, '-'
    and '_' (`disallowed-tools`), a plural (`permissions`), or one letter typed wrong in a
    long key (`descripton`); not short keys a letter apart (`mode` is not `model`)."""
    return _near_key(key, rules.tool, rules.keys)


@functools.lru_cache(maxsize=1024)  # a batch asks of the same few keys again and again
def _near_key(key: str, tool: str, keys: tuple[str, ...]) -> str | None:
    known = {"name", "description", "model", "tools", *keys}
    known.update(k for k in (vocabulary.deny_list_key(tool), vocabulary.switch_key(tool)) if k)
    written = _plain_key(key)
    named = vocabulary.table().get("near_keys", {}).get(tool, {}).get(written)
    if named is not None:  # the tool's own hint (`allowed-tools`: did you mean `tools`?)
        return str(named)
    for candidate in sorted(known - {key}):
        meant = _plain_key(candidate)
        if written == meant or written in (meant + "s", meant + "es") or meant == written + "s":
            return candidate
        if min(len(written), len(meant)) >= 8 and _one_edit_apart(written, meant):
            return candidate
    return None


def _plain_key(key: str) -> str:
    return key.lower().replace("-", "").replace("_", "")


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    if len(a) < len(b):  # one letter more in b
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    swapped = len(differ) == 2 and differ[1] == differ[0] + 1
    return len(differ) == 1 or (
        swapped and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
    )


def _servers(
    agent: Agent, rules: TargetRules, diags: Diagnostics, lines: Mapping[str, int]
) -> None:
    """The agent's own MCP servers as the tool requires them."""
    servers_key = vocabulary.table().get("fields", {}).get("mcp_servers", {}).get(rules.tool)
    own = agent.extensions.get(rules.tool, {})
    for problem in server_problems(rules.tool, own.get(servers_key)) if servers_key else ():
        diags.add(
            Code.TARGET_RULE,
            f"{rules.tool} {problem}",
            line=lines.get(str(servers_key)),
            field=str(servers_key),
        )


def _own_values(
    agent: Agent, rules: TargetRules, diags: Diagnostics, lines: Mapping[str, int]
) -> None:
    """The tool's own keys: values of the type its loader checks, values it takes."""
    for key, value in agent.extensions.get(rules.tool, {}).items():
        say_refused_value(key, value, rules, diags, lines.get(key))
        allowed = rules.allowed_values.get(key)
        if allowed is not None and value not in allowed:
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} ignores the {key} {value!r}; use one of {', '.join(sorted(allowed))}",
                line=lines.get(key),
                field=key,
                severity=Severity.WARNING,
            )


def say_refused_value(
    key: str, value: object, rules: TargetRules, diags: Diagnostics, line: int | None
) -> None:
    """A value of the tool's own key of a kind its loader refuses (the agent, or OpenCode's
    whole configuration, is not loaded: Codex 0.171 "Ignoring malformed agent role
    definition", Copilot CLI and Gemini CLI fail the agent, each seen with its loader): said when a file of the tool is read, and by
    `validate` (one code, so that validate says it once)."""
    kind = rules.key_types.get(key)
    if kind is not None and not takes(kind, value):
        shown = repr(value)
        shown = shown if len(shown) <= 80 else f"{shown[:60]}... ({len(shown):,} characters)"
        diags.add(
            Code.TARGET_RULE,
            f"{rules.display or rules.tool} refuses {key} = {shown}"
            + ("" if rules.whole_config else ", and the agent with it")
            + f": it takes {kind_text(kind)}"
            + (
                " (and its whole configuration with it: no agent loads)"
                if rules.whole_config
                else ""
            ),
            line=line,
            field=key,
        )


def _tools(agent: Agent, rules: TargetRules, diags: Diagnostics, lines: Mapping[str, int]) -> None:
    """Tool names the tool has no tool for: refused where it checks them."""
    if agent.tools is None:
        return
    for tool in agent.tools:
        if not can_name(rules, tool):
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} reads the tool name {tool!r} as other names",
                line=lines.get("tools"),
                field="tools",
                severity=Severity.WARNING,
            )
    if rules.native:
        if not rules.names_as_written:
            _unknown_native(agent.tools, rules, diags, lines)
        return
    strict = bool(vocabulary.table().get("strict_tool_names", {}).get(rules.tool))
    for tool in agent.tools:
        if tool == "*":
            continue
        found = vocabulary.translate(rules.tool, (tool,))
        if found.dropped or (found.unmapped and strict):
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} has no tool {tool!r}" + (" and refuses the agent" if strict else ""),
                line=lines.get("tools"),
                field="tools",
                severity=Severity.WARNING,
            )


def _unknown_native(
    tools: tuple[str, ...],
    rules: TargetRules,
    diags: Diagnostics,
    lines: Mapping[str, int],
    *,
    refused_only: bool = False,
) -> None:
    """Names the tool has no tool for: it gives the agent nothing by them (Claude Code's
    allow-list keeps only the tools it has), so an agent of nothing but such names has none
    (`refused_only`: said only then, as a file of the tool is read; validate says them all)."""
    unknown = []
    for tool in tools:
        gone = spelling.why(rules.tool, tool)
        if tool == "*" or (vocabulary.is_known(rules.tool, tool) and not gone):
            continue
        meaning = vocabulary.foreign_meaning(tool)
        case = vocabulary.spelled(rules.tool, tool.split("(")[0])
        hint = (
            f" ({gone})"
            if gone
            else f" ({' and '.join(meaning[0])}'s name for {', '.join(meaning[1])})"
            if meaning
            else f" (its names are case-sensitive: {case})"
            if case
            else ""
        )
        unknown.append(f"{tool!r}{hint}")
    if unknown:
        # Claude Code 2.1.332 refuses to start a subagent none of whose tools it knows
        # ("would be spawned with zero tools"), checked by having it spawn one
        none = len(unknown) == len([t for t in tools if t != "*"])
        if refused_only and not none:
            return
        diags.add(
            Code.TARGET_RULE,
            f"{rules.display or rules.tool} has no tool {', '.join(unknown)}: the agent does not "
            + ("get them" if len(unknown) > 1 else "get it")
            + (", so it gets no tool and is refused when it starts" if none else "")
            # `[all]` names a tool (claude_code.comma_line): every tool is no `tools` at all
            + (
                "; an agent without 'tools' has every tool"
                if none
                and rules.header_reader == vocabulary.canonical()
                and vocabulary.means_every_tool(tools)
                else ""
            ),
            line=lines.get("tools"),
            field="tools",
            severity=Severity.WARNING,
        )


def say_refused_for_tools(agent: Agent, rules: TargetRules, diags: Diagnostics) -> None:
    """An agent none of whose tools the tool has: it is refused when it starts. (This runs
    on every read of the tool's files, self-checks included: one tool it has ends it.)"""
    if agent.tools and not any(
        tool == "*"
        or (vocabulary.is_known(rules.tool, tool) and not spelling.why(rules.tool, tool))
        for tool in agent.tools
    ):
        lines = agent.provenance.field_lines if agent.provenance else {}
        _unknown_native(agent.tools, rules, diags, lines, refused_only=True)


def _model(agent: Agent, rules: TargetRules, diags: Diagnostics, lines: Mapping[str, int]) -> None:
    """A model the tool cannot run or its catalog does not hold."""
    # `model: []` names no model (the tool's default, as with none)
    model = (agent.model or (None,))[0] if isinstance(agent.model, tuple) else agent.model
    if model is None or rules.names_as_written or not rules.models or models.is_inherit(model):
        return
    if models.model_to(rules.tool, model) is None:
        catalog = " (not in its catalog)" if models.catalog(rules.tool) is not None else ""
        diags.add(
            Code.TARGET_RULE,
            f"{rules.tool} cannot run the model {model!r}{catalog}",
            line=lines.get("model"),
            field="model",
        )
        return
    listed = agent.model if isinstance(agent.model, tuple) else (model,)
    if all(
        models.offered(rules.tool, models.model_to(rules.tool, name) or name) is False
        for name in listed
    ):
        # GitHub Copilot CLI 1.0.102 runs its current model instead (`model_offers`)
        names = ", ".join(repr(name) for name in listed)
        diags.add(
            Code.TARGET_RULE,
            f"{rules.display or rules.tool} does not offer {names} (its model list: `agentmorph models`): it runs "
            "its current model instead",
            line=lines.get("model"),
            field="model",
        )
