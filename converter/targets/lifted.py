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

import functools
from dataclasses import replace
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import vocabulary
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
    ignored: list[str] = []
    for key in found:
        allowed = rules.allowed_values.get(key)
        if key in own:
            shadowed.append(key)
        elif allowed is not None and agent.metadata[key] not in allowed:
            ignored.append(key)  # the tool ignores it (Claude Code's `permissionMode: ask`)
        elif key in rules.key_types or not rules.strict:
            moved[key] = agent.metadata[key]
    if ignored and diags is not None:
        tool = rules.display or rules.tool
        for key in ignored:
            diags.add(
                Code.FIELD_DROPPED,
                f"{tool} ignores the {key} {agent.metadata[key]!r} (it takes "
                f"{', '.join(sorted(rules.allowed_values[key]))}); not written",
                field=f"metadata.{key}",
            )
    if shadowed and diags is not None:
        tool = rules.display or rules.tool
        diags.add(
            Code.FIELD_DROPPED,
            f"{tool} takes {', '.join(shadowed)} from the agent's own settings for it; "
            f"the other value{'s' if len(shadowed) > 1 else ''} in the header "
            f"({', '.join(f'metadata.{key}' for key in shadowed)}) not written",
            field=f"metadata.{shadowed[0]}",
        )
    if not moved and not shadowed and not ignored:
        return agent
    gone = {*moved, *shadowed, *ignored}
    metadata = {k: v for k, v in agent.metadata.items() if k not in gone}
    extensions = {**agent.extensions, rules.tool: {**own, **moved}} if moved else agent.extensions
    return replace(agent, metadata=metadata, extensions=extensions)


def others_from_metadata(agent: Agent, rules: TargetRules | None, same_tool: bool) -> Agent:
    """`agent` with each key of its metadata that is one other tool's key for a setting the
    target has too (`maxTurns`, Claude Code's, in a Gemini CLI agent, for OpenCode's
    `steps`) moved to that tool's extension, where the target's writer takes it as that
    tool's value (converter/targets/fields.py `shared`). Not for the tool's own file written
    back (`same_tool`): it keeps what it says, said when read (`max_turns` in Claude Code's)."""
    if rules is None or same_tool or not agent.metadata:
        return agent
    found = _owners().keys() & agent.metadata.keys()
    if not found:
        return agent
    extensions = {tool: dict(keys) for tool, keys in agent.extensions.items()}
    metadata = dict(agent.metadata)
    for key in found:
        concept, tool = _owners()[key]
        target_key = vocabulary.table()["fields"][concept].get(rules.tool)
        if tool is None or tool == rules.tool or target_key is None:
            continue  # several tools' key (`temperature`), or no such setting in the target
        if metadata[key] in (None, "", [], {}):
            continue  # no setting to carry: left as it was written
        if any(  # the agent already has the setting, for the target or from another tool
            k in extensions.get(t, {}) for t, k in vocabulary.table()["fields"][concept].items()
        ):
            continue
        extensions.setdefault(tool, {})[key] = metadata.pop(key)
    if metadata == agent.metadata:
        return agent
    return replace(agent, metadata=metadata, extensions=extensions)


@functools.cache
def _owners() -> dict[str, tuple[str, str | None]]:
    """Each key of a shared setting (the vocabulary's `fields`), with its concept and the one
    tool whose key it is (None where several tools spell it so)."""
    found: dict[str, tuple[str, str | None]] = {}
    for concept, row in vocabulary.table().get("fields", {}).items():
        for tool, key in row.items():
            if key in ("name", "description", "model", "tools"):
                continue  # Roo's `name` is a display name, but the model's own field
            known = found.get(key)
            found[key] = (concept, tool if known is None else None)
    return found
