"""Reasoning effort across tools: the levels each takes ([effort_levels] in vocabulary.toml)
and, where a level is a variant of the agent's model ([model_variants]: OpenCode's
`variant`), whether the tool applies it to the model written.

Code names no tool: the facts are data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import vocabulary
from converter.targets.rules import TargetRules


def levels_said(target: str) -> str:
    """The levels `target` takes, for a message."""
    return ", ".join(vocabulary.table().get("effort_levels", {}).get(target, ()))


def level_for(target: str, value: Any) -> str | None:
    """`value` if `target` takes it as a reasoning level, else the nearest level it takes on
    the common scale ([effort_scale]: Claude Code ignores a level it does not know, such as
    Codex's `minimal`, which goes to it as `low`; Codex has no `max`, its `xhigh` is nearest;
    the lower of two as near), or None for a value on no scale."""
    levels: list[str] = vocabulary.table().get("effort_levels", {}).get(target, [])
    if not isinstance(value, str):
        return None
    if value in levels:
        return value
    scale: list[str] = vocabulary.table().get("effort_scale", {}).get("levels", [])
    if value not in scale or not levels:
        return None
    at = scale.index(value)
    return min(levels, key=lambda level: (abs(scale.index(level) - at), scale.index(level)))


def applied(
    rules: TargetRules,
    key: str,
    level: str,
    model: str | None,
    diags: Diagnostics | None,
    source: str,
) -> bool:
    """Whether a tool whose reasoning level is a variant of the agent's own model
    ([model_variants]) applies `level` with `model` (the model written); if not, said."""
    why = ignored(rules, key, level, model)
    if why is not None and diags is not None:
        tool, _, key_there = source.removeprefix("extensions.").partition(".")
        diags.add(
            Code.FIELD_DROPPED,
            f"{rules.display or rules.tool} {why}: {tool}'s {key_there} {level!r} is not written",
            field=source,
        )
    return why is None


def ignored(rules: TargetRules, key: str, level: str, model: str | None) -> str | None:
    """Why the tool ignores the reasoning level `level` given as `key` with `model`, or None
    where it applies it (or has no [model_variants]: every level it takes applies)."""
    variants = vocabulary.table().get("model_variants", {}).get(rules.tool)
    if variants is None or (model and (model not in variants or level in variants[model])):
        return None  # a model it lists with that variant, or one of a provider it does not list
    if not model:
        return f"applies a {key} only with an agent's own model, and this agent has none"
    has = ", ".join(variants[model])
    return f"has no {key} {level!r} for {model} ({f'its {key}s: {has}' if has else f'it has no {key}s'})"


def rule_issues(
    agent: Agent,
    rules: TargetRules,
    model: str | None,
    diags: Diagnostics,
    lines: Mapping[str, int],
) -> None:
    """`validate`: a reasoning level of the tool's own that it ignores with the agent's model
    (OpenCode's `variant: high` in an agent with no model: the tool drops it without a word)."""
    key = vocabulary.table().get("fields", {}).get("effort", {}).get(rules.tool)
    level = agent.extensions.get(rules.tool, {}).get(key) if key else None
    if isinstance(level, str) and level and key:
        why = ignored(rules, key, level, model)
        if why is not None:
            display = rules.display or rules.tool
            diags.add(
                Code.TARGET_RULE,
                f"{display} ignores {key} {level!r}: it {why}",
                line=lines.get(key),
                field=f"extensions.{rules.tool}.{key}",
            )
