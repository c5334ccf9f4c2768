"""A target tool's own key found in another tool's file is written as that tool's key.

The tool a file was written for reads only its own keys; what else its header holds is
kept as metadata (`mode: subagent` and `temperature: 0.1` in an agent read as Claude Code
reads it, `permissionMode: plan` in a GitHub Copilot agent). Those keys are often meant for
the other tool: the same file is read by several (Copilot CLI loads `.claude/agents`), and
collections write every tool's keys into one header. Written for a tool whose own key it
is, such a value is that key: Claude Code gets `permissionMode: plan`, OpenCode and Gemini
CLI `temperature: 0.1`. Before, a tool that takes unknown keys left it out unsaid (its own
keys are never written from metadata), and one that takes none said it had "no place" for
a key it has.

A value goes over only where it is sure to be taken as meant: the tool checks the key's
kind and the writer leaves out, said, a value of another kind (`TargetRules.key_types`),
or the tool takes keys it does not know (a lenient loader ignores a value it cannot use).
A key a strict tool reads whose kind is not known here stays metadata, said dropped. The
agent's own value for the key wins; the metadata one is then said dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets.rules import TargetRules


def rules_of(fmt: Any) -> TargetRules | None:
    """A tool target's rules: a class attribute of the Markdown targets, a module constant
    of the others (`target_rules` names it there)."""
    found = getattr(fmt, "rules", None)
    if found is None:
        found = getattr(fmt, "target_rules", None)
    return found if isinstance(found, TargetRules) else None


def own_from_metadata(agent: Agent, rules: TargetRules | None, diags: Diagnostics | None) -> Agent:
    """`agent` with each of the tool's own keys in its metadata moved to the tool's
    extension (see the module's docstring); the same agent when there is none."""
    if rules is None or not agent.metadata:
        return agent
    keys = rules.keys
    found = [key for key in agent.metadata if key in keys]
    if not found:
        return agent
    own = agent.extensions.get(rules.tool, {})
    moved: dict[str, Any] = {}
    shadowed: list[str] = []
    for key in found:
        if key in own:
            shadowed.append(key)
        elif key in rules.key_types or not rules.strict:
            moved[key] = agent.metadata[key]
    if shadowed and diags is not None:
        tool = rules.display or rules.tool
        diags.add(
            Code.FIELD_DROPPED,
            f"{tool} takes {', '.join(shadowed)} from the agent's own settings for it; "
            f"the other value{'s' if len(shadowed) > 1 else ''} in the header "
            f"({', '.join(f'metadata.{key}' for key in shadowed)}) not written",
            field=f"metadata.{shadowed[0]}",
        )
    if not moved and not shadowed:
        return agent
    metadata = {k: v for k, v in agent.metadata.items() if k not in moved and k not in shadowed}
    extensions = {**agent.extensions, rules.tool: {**own, **moved}} if moved else agent.extensions
    return replace(agent, metadata=metadata, extensions=extensions)
