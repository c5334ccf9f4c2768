"""What every tool target shares: its rules as data, tool and model translation with loss
reports, names that are safe as file names, and validation against the tool's own rules.

A target module states its rules (a `TargetRules`) and its file shape; this module never
knows one tool from another beyond those rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import SourceSpan, ValidationError
from converter.fields import CLAUDE_KEYS as CLAUDE_KEYS  # re-exported for the targets
from converter.model import Agent


@dataclass(frozen=True, slots=True)
class TargetRules:
    """A tool's rules for one agent definition (formats.md, one section per tool)."""

    #: the tool's key in _vocabulary().toml and in `Agent.extensions`
    tool: str
    #: the tool's own keys: read into `extensions[tool]`, written back as they are
    keys: tuple[str, ...] = ()
    #: a pattern the name must match, and how to make one that does
    name_pattern: str | None = None
    #: fields the tool refuses to load without
    required: tuple[str, ...] = ("description",)
    #: the tool rejects keys it does not know (so metadata cannot ride along)
    strict: bool = False
    #: how the tool takes a tool list: "list", "comma", "switches" (OpenCode) or "none"
    tools: str = "list"
    #: the tool has a model field
    models: bool = True
    #: the longest prompt the tool takes, if it has a limit
    max_prompt: int | None = None


def _vocabulary() -> ModuleType:
    from converter import vocabulary  # the tables load only when a target needs them

    return vocabulary


def write_tools(agent: Agent, rules: TargetRules, diags: Diagnostics | None) -> list[str] | None:
    """The agent's tool list in the tool's names; None when the agent inherits every tool.

    Never widens silently: a coarser name, a lost `Bash(pattern)` or a target with no tool
    list is a warning (`--strict` then refuses to write).
    """
    if agent.tools is None or "*" in agent.tools:
        return None
    if rules.tool == "claude":
        return list(agent.tools)
    names, unmapped, widened = _vocabulary().tools_to(rules.tool, agent.tools)
    if diags is not None:
        if unmapped:
            diags.add(
                Code.TOOL_UNMAPPED,
                f"{rules.tool} has no name for {', '.join(unmapped)}; written as is",
                field="tools",
            )
        if widened:
            diags.add(
                Code.TOOLS_WIDENED,
                f"{rules.tool}'s tool names also allow {', '.join(widened)}, which the agent did not have",
                field="tools",
            )
    return list(names)


def read_tools(value: list[str] | tuple[str, ...], rules: TargetRules) -> tuple[str, ...]:
    if rules.tool == "claude":
        return tuple(value)
    return tuple(_vocabulary().tools_from(rules.tool, list(value)))


def write_model(agent: Agent, rules: TargetRules, diags: Diagnostics | None) -> Any:
    """The model in the tool's naming; None (with a warning) when it has no equivalent."""
    model = agent.model
    if model is None:
        return None
    if isinstance(model, tuple):
        first = model[0]
        if diags is not None and len(model) > 1:
            diags.add(
                Code.FIELD_DROPPED, f"{rules.tool} takes one model; kept {first!r}", field="model"
            )
        model = first
    if not rules.models:
        if diags is not None:
            diags.add(
                Code.FIELD_DROPPED,
                f"{rules.tool} has no model field; {model!r} is not written",
                field="model",
            )
        return None
    mapped = _vocabulary().model_to(rules.tool, model) if rules.tool != "claude" else model
    if mapped is not None and mapped.lower().startswith(_FOREIGN.get(rules.tool, ())):
        mapped = None  # a model from a provider this tool cannot run
    if mapped is not None and rules.tool == "opencode" and "/" not in mapped:
        # OpenCode names models provider/model-id (formats.md §2)
        provider = next((p for prefix, p in _PROVIDERS if mapped.lower().startswith(prefix)), None)
        mapped = f"{provider}/{mapped}" if provider else mapped
    if mapped is None and diags is not None:
        diags.add(
            Code.MODEL_UNMAPPED,
            f"{rules.tool} has no model like {model!r}; it uses its default",
            field="model",
        )
    return mapped


#: model-name prefixes a tool cannot run (it would fail or fall back silently)
_FOREIGN = {
    "gemini": ("claude", "gpt", "o1", "o3", "o4", "sonnet", "opus", "haiku"),
    "codex": ("claude", "gemini", "sonnet", "opus", "haiku"),
}
_PROVIDERS = (
    ("claude", "anthropic"),
    ("gpt", "openai"),
    ("o1", "openai"),
    ("o3", "openai"),
    ("o4", "openai"),
    ("gemini", "google"),
)


def read_model(value: Any, rules: TargetRules) -> Any:
    if isinstance(value, str) and rules.tool != "claude":
        return _vocabulary().model_from(rules.tool, value)
    return value


def safe_name(name: str, rules: TargetRules, diags: Diagnostics | None) -> str:
    """The name, made to match the tool's pattern (lowercase, dashes) when it does not."""
    if rules.name_pattern is None or re.fullmatch(rules.name_pattern, name):
        return name
    fixed = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "agent"
    if diags is not None:
        diags.add(
            Code.NAME_CHANGED,
            f"{rules.tool} needs a name like {rules.name_pattern}; {name!r} is written {fixed!r}",
            field="name",
        )
    return fixed


def file_name(name: str) -> str:
    """A name usable as one file name in any folder: no separators, dots, NUL or devices.

    An agent's `name` comes from the file, so it must never choose a path (`../x`, `/etc/x`,
    `C:x`, `NUL`); what is not a plain name becomes one.
    """
    text = re.sub(r'[\x00-\x1f/\\:*?"<>|]+', "-", name).strip(" .-")
    if not text or text.upper().split(".")[0] in _DEVICE_NAMES:
        text = f"agent-{text}" if text else "agent"
    return text[:120]


_DEVICE_NAMES = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{n}" for n in range(1, 10)),
        *(f"LPT{n}" for n in range(1, 10)),
    }
)


def description_or_derived(
    agent: Agent, rules: TargetRules, diags: Diagnostics | None
) -> str | None:
    """The description; for a tool that requires one, the prompt's first sentence (noted)."""
    if agent.description is not None or "description" not in rules.required:
        return agent.description
    first = next(
        (line.strip(" #*") for line in agent.instructions.splitlines() if line.strip(" #*")),
        agent.name,
    )
    derived = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0][:200]
    if diags is not None:
        diags.add(
            Code.VALUE_DERIVED,
            f"{rules.tool} requires a description; used the prompt's first sentence",
            field="description",
        )
    return derived


def validate(
    agent: Agent, rules: TargetRules, diags: Diagnostics, raw_keys: list[str] | None = None
) -> None:
    """Report, with lines, everything the tool would reject or ignore in this agent."""
    lines = agent.provenance.field_lines if agent.provenance else {}
    for field in rules.required:
        if getattr(agent, field, None) in (None, ""):
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} requires '{field}'",
                line=lines.get(field),
                field=field,
            )
    if rules.name_pattern and not re.fullmatch(rules.name_pattern, agent.name):
        diags.add(
            Code.TARGET_RULE,
            f"{rules.tool} needs a name matching {rules.name_pattern}; got {agent.name!r}",
            line=lines.get("name"),
            field="name",
        )
    if rules.max_prompt is not None and len(agent.instructions) > rules.max_prompt:
        diags.add(
            Code.TARGET_RULE,
            f"{rules.tool} takes a prompt of at most {rules.max_prompt:,} characters; this one has {len(agent.instructions):,}",
            field="instructions",
        )
    if rules.strict:
        for key in raw_keys or []:
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} rejects the unknown key {key!r}",
                line=lines.get(key),
                field=key,
            )
    for key, value in agent.extensions.get(rules.tool, {}).items():
        if key == "color" and rules.tool == "claude" and value not in _CLAUDE_COLORS:
            diags.add(
                Code.TARGET_RULE,
                f"claude ignores the color {value!r}; use one of {', '.join(sorted(_CLAUDE_COLORS))}",
                line=lines.get(key),
                field=key,
                severity=Severity.WARNING,
            )


_CLAUDE_COLORS = frozenset({"red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"})


def report_left_out(
    agent: Agent, rules: TargetRules, diags: Diagnostics | None, kept: bool
) -> None:
    """Say what the tool cannot carry: kept (for a round trip) or dropped."""
    if diags is None:
        return
    others = [tool for tool in agent.extensions if tool not in (rules.tool, "agentmorph")]
    what = [f"metadata.{key}" for key in agent.metadata] if rules.strict else []
    what += [f"extensions.{tool}" for tool in others]
    if not what:
        return
    if kept:
        diags.add(
            Code.FIELD_IN_EXTENSION,
            f"{rules.tool} does not use {', '.join(what)}; kept in x-agentmorph",
            severity=Severity.INFO,
        )
    else:
        diags.add(Code.FIELD_DROPPED, f"{rules.tool} cannot carry {', '.join(what)}; not written")


def with_extension(agent: Agent, tool: str, values: dict[str, Any]) -> Agent:
    if not values:
        return agent
    extensions = {**agent.extensions, tool: {**agent.extensions.get(tool, {}), **values}}
    return replace(agent, extensions=extensions)


def first_agent(agents: list[Agent], what: str, context: Any) -> Agent:
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


def name_or_fallback(value: Any, context: Any) -> str:
    """The agent's name: the file's own, else --name, else the file name.

    Raises:
        ValidationError: none of the three is there.
    """
    from converter import fields

    name = (
        fields.text_field(value, "name", context.diagnostics, None)
        or context.options.name
        or context.stem
    )
    if not name:
        raise ValidationError(
            "the agent has no name", span=SourceSpan(context.path, 1, 1), hint="pass --name"
        )
    return str(name)
