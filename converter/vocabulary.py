"""Translate tool and model names between tools, from the tables in formats/vocabulary.toml.

The model holds Claude Code's tool names; a target maps them to its own on write and back on
read. Nothing is dropped silently: what has no equivalent is reported, and a mapping that
grants more than the list asked for (Copilot's `search` is Grep, Glob and LS) says so.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_TABLE = Path(__file__).resolve().parent.parent / "formats" / "vocabulary.toml"
_CLAUDE_MCP = re.compile(r"mcp__([^_]+(?:_[^_]+)*?)__(.+)")
_SCOPED = re.compile(r"(\w+)\((.*)\)")
#: how each tool spells one MCP tool (formats.md §10)
_MCP_FORMS = {
    "opencode": "{server}_{tool}",
    "gemini": "mcp_{server}_{tool}",
    "copilot": "{server}/{tool}",
    "kiro": "@{server}/{tool}",
}


@cache
def _vocabulary() -> dict[str, Any]:
    import tomllib

    with _TABLE.open("rb") as handle:
        return tomllib.load(handle)


def concepts() -> dict[str, dict[str, list[str]]]:
    tools: dict[str, dict[str, list[str]]] = _vocabulary()["tools"]
    return tools


def tools_to(target: str, tools: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Claude tool names in `target`'s names: (names, unmapped, widened-by).

    `unmapped` are kept verbatim in the output; `widened-by` lists the Claude tools a coarser
    target name now also allows.
    """
    # Agents of one collection share a few tool lists: each list is translated once.
    out, unmapped, widened = _tools_to(target, tuple(tools))
    return list(out), list(unmapped), list(widened)


@lru_cache(maxsize=4096)
def _tools_to(
    target: str, tools: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    out: list[str] = []
    unmapped: list[str] = []
    granted: set[str] = set()
    asked = set()
    scoped_tools: list[str] = []
    for tool in tools:
        scoped = _SCOPED.fullmatch(tool)
        base = scoped.group(1) if scoped else tool
        asked.add(base.lower())
        if scoped:
            scoped_tools.append(f"{base} beyond {scoped.group(2)!r}")
        mcp = _CLAUDE_MCP.fullmatch(base)
        if mcp and target in _MCP_FORMS:
            _add(out, _MCP_FORMS[target].format(server=mcp.group(1), tool=mcp.group(2)))
            continue
        if mcp and target == "roo":
            _add(out, "mcp")  # Roo's group grants every MCP tool
            scoped_tools.append(f"every MCP tool beyond {tool}")
            continue
        concept = _concept_of("claude", base)
        names = concepts()[concept].get(target) if concept else None
        if not names:
            unmapped.append(tool)
            _add(out, tool)
            continue
        _add(out, names[0])
        granted.update(_granted_by(target, names[0]))
    widened = sorted(name for name in granted if name.lower() not in asked) + scoped_tools
    # a tool that comes back under another name (MultiEdit as Edit) is a loss too: say so
    back = {name.lower() for name in tools_from(target, out)}
    for tool in tools:
        base = tool.split("(")[0]
        if base.lower() not in back and tool not in unmapped and not _CLAUDE_MCP.fullmatch(base):
            unmapped.append(
                f"{base} (comes back as {', '.join(tools_from(target, tools_to_names(target, base)))})"
            )
    return tuple(out), tuple(unmapped), tuple(widened)


def tools_to_names(target: str, tool: str) -> list[str]:
    concept = _concept_of("claude", tool)
    names = concepts()[concept].get(target) if concept else None
    return names[:1] if names else [tool]


def tools_from(source: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """`source`'s tool names as Claude names (a coarse name gives every tool it grants)."""
    return _tools_from(source, tuple(names))


@lru_cache(maxsize=4096)
def _tools_from(source: str, names: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        mcp = _mcp_from(source, name)
        if mcp:
            _add(out, mcp)
            continue
        found = _concepts_by_name(source).get(name.lower(), ())
        if not found:
            _add(out, name)
        for concept in found:
            _add(out, concepts()[concept]["claude"][0])
    return tuple(out)


@cache
def _granted_by(target: str, name: str) -> tuple[str, ...]:
    return tuple(row["claude"][0] for row in concepts().values() if name in row.get(target, []))


@cache
def _concepts_by_name(tool: str) -> dict[str, tuple[str, ...]]:
    """`tool`'s names, lowercased, to the concepts that list them, in table order (an index:
    tools are looked up once per name per agent, across whole folders)."""
    index: dict[str, tuple[str, ...]] = {}
    for concept, row in concepts().items():
        for name in dict.fromkeys(n.lower() for n in row.get(tool, [])):
            index[name] = (*index.get(name, ()), concept)
    return index


def _concept_of(tool: str, name: str) -> str | None:
    found = _concepts_by_name(tool).get(name.lower())
    return found[0] if found else None


@cache
def _mcp_pattern(form: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(form)
        .replace(r"\{server\}", r"(?P<server>[\w-]+?)")
        .replace(r"\{tool\}", r"(?P<tool>[\w*-]+)")
    )


def _mcp_from(source: str, name: str) -> str | None:
    form = _MCP_FORMS.get(source)
    if form is None:
        return None
    match = _mcp_pattern(form).fullmatch(name)
    if match is None or (source == "opencode" and _concept_of("opencode", name)):
        return None
    if source == "opencode":
        return None  # `server_tool` cannot be told from a built-in reliably: keep the name
    return f"mcp__{match.group('server')}__{match.group('tool')}"


def _add(out: list[str], name: str) -> None:
    if name not in out:
        out.append(name)


def model_to(target: str, model: str) -> str | None:
    """The target's name for a Claude model alias; the model itself when it is no alias."""
    for row in _vocabulary()["models"].values():
        if row.get("claude") == model:
            found = row.get(target)
            return str(found) if found is not None else None
    return model


def model_from(source: str, value: str) -> str:
    """A target's model name as the Claude alias it stands for, when the table knows it."""
    for row in _vocabulary()["models"].values():
        if row.get(source) == value and "claude" in row:
            return str(row["claude"])
    return value


def is_alias(model: str) -> bool:
    return any(row.get("claude") == model for row in _vocabulary()["models"].values())
