"""Validation of an agent against a tool's rules: what the tool would reject or ignore."""

from __future__ import annotations

import re

from converter.diagnostics import Code, Diagnostics, Severity
from converter.model import Agent
from converter.targets.rules import TargetRules


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
        allowed = rules.allowed_values.get(key)
        if allowed is not None and value not in allowed:
            diags.add(
                Code.TARGET_RULE,
                f"{rules.tool} ignores the {key} {value!r}; use one of {', '.join(sorted(allowed))}",
                line=lines.get(key),
                field=key,
                severity=Severity.WARNING,
            )
