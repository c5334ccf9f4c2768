"""Options by which a tool narrows a tool its list grants (vocabulary.toml
[narrowing_options]: Roo's `["edit", {"fileRegex": ...}]` lets a mode edit only the files the
pattern matches). Written for a tool that has no such option, the tool is granted for every
file: said as `tools-widened`, not only as a key with no place.

Code names no tool: the facts are data.
"""

from __future__ import annotations

from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import vocabulary


def say_widened(agent: Agent, target: str, display: str, diags: Diagnostics) -> None:
    """Say each narrowed grant of another tool's that `target` gives without its limit."""
    table: dict[str, dict[str, str]] = vocabulary.table().get("narrowing_options", {})
    for tool, keys in agent.extensions.items():
        if tool == target or tool not in table:
            continue
        for key, option in table[tool].items():
            for name, limit, why in _narrowed(keys.get(key), option):
                diags.add(
                    Code.TOOLS_WIDENED,
                    f"{tool} lets the agent use {name} only on files matching `{limit}`"
                    f"{f' ({why})' if why else ''}; {display} has no such limit: its tools "
                    "for it work on every file",
                    field=f"extensions.{tool}.{key}",
                )


def _narrowed(value: Any, option: str) -> list[tuple[str, str, str]]:
    """(grant, limit, its description) for each entry of `value` written `[grant, {option:
    limit}]`."""
    found = []
    for entry in value if isinstance(value, list) else ():
        if (
            isinstance(entry, list)
            and len(entry) > 1
            and isinstance(entry[0], str)
            and isinstance(entry[1], dict)
            and isinstance(entry[1].get(option), str)
        ):
            why = entry[1].get("description")
            found.append((entry[0], entry[1][option], why if isinstance(why, str) else ""))
    return found
