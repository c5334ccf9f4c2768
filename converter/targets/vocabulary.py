"""Translate tool and model names between tools, from the tables in `vocabulary.toml`.

The model holds the canonical tool's names (the table says which); a target maps them to its
own on write and back on read. Nothing is dropped silently: what has no equivalent is
reported, and a mapping that grants more than the list asked for (a coarse name that stands
for several tools) says so. Every tool fact is data: this code names no tool.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

_SCOPED = re.compile(r"(\w+)\((.*)\)")


@cache
def table() -> dict[str, Any]:
    """The whole vocabulary, read once per process from the package's data file."""
    import tomllib
    from importlib import resources

    data = resources.files(__package__).joinpath("vocabulary.toml").read_bytes()
    found: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
    return found


def canonical() -> str:
    """The tool whose names the model holds."""
    return str(table()["canonical"])


def concepts() -> dict[str, dict[str, list[str]]]:
    tools: dict[str, dict[str, list[str]]] = table()["tools"]
    return tools


def model_rules(tool: str) -> dict[str, Any]:
    rules: dict[str, Any] = table().get("model_rules", {}).get(tool, {})
    return rules


def _mcp(kind: str) -> dict[str, Any]:
    found: dict[str, Any] = table().get("mcp", {}).get(kind, {})
    return found


@cache
def _canonical_mcp() -> re.Pattern[str]:
    return _mcp_pattern(_mcp("forms")[canonical()])


def tools_to(target: str, tools: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Canonical tool names in `target`'s names: (names, unmapped, widened-by).

    `unmapped` are kept verbatim in the output; `widened-by` lists the canonical tools a
    coarser target name now also allows.
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
    form, group = _mcp("forms").get(target), _mcp("groups").get(target)
    for tool in tools:
        scoped = _SCOPED.fullmatch(tool)
        base = scoped.group(1) if scoped else tool
        asked.add(base.lower())
        if scoped:
            scoped_tools.append(f"{base} beyond {scoped.group(2)!r}")
        mcp = _canonical_mcp().fullmatch(base)
        if mcp and form:
            _add(out, form.format(server=mcp.group("server"), tool=mcp.group("tool")))
            continue
        if mcp and group:
            _add(out, group)  # the group grants every MCP tool
            scoped_tools.append(f"every MCP tool beyond {tool}")
            continue
        concept = _concept_of(canonical(), base)
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
        if (
            base.lower() not in back
            and tool not in unmapped
            and not _canonical_mcp().fullmatch(base)
        ):
            again = tools_from(target, tools_to_names(target, base))
            unmapped.append(f"{base} (comes back as {', '.join(again)})")
    return tuple(out), tuple(unmapped), tuple(widened)


def tools_to_names(target: str, tool: str) -> list[str]:
    concept = _concept_of(canonical(), tool)
    names = concepts()[concept].get(target) if concept else None
    return names[:1] if names else [tool]


def tools_from(source: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """`source`'s tool names as canonical names (a coarse name gives every tool it grants)."""
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
            _add(out, concepts()[concept][canonical()][0])
    return tuple(out)


@cache
def _granted_by(target: str, name: str) -> tuple[str, ...]:
    return tuple(row[canonical()][0] for row in concepts().values() if name in row.get(target, []))


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
    form = _mcp("forms").get(source)
    if form is None or source == canonical() or _mcp("ambiguous").get(source):
        return None
    match = _mcp_pattern(form).fullmatch(name)
    if match is None:
        return None
    return str(_mcp("forms")[canonical()]).format(
        server=match.group("server"), tool=match.group("tool")
    )


def _add(out: list[str], name: str) -> None:
    if name not in out:
        out.append(name)


def model_to(target: str, model: str) -> str | None:
    """The target's name for a canonical model alias; the model itself when it is no alias."""
    for row in table()["models"].values():
        if row.get(canonical()) == model:
            found = row.get(target)
            return str(found) if found is not None else None
    return model


def model_from(source: str, value: str) -> str:
    """A target's model name as the canonical alias it stands for, when the table knows it."""
    for row in table()["models"].values():
        if row.get(source) == value and canonical() in row:
            return str(row[canonical()])
    return value


def provider_of(model: str) -> str | None:
    """The provider of a model id, by its prefix (`claude-…` → `anthropic`)."""
    lowered = model.lower()
    providers: dict[str, str] = table().get("providers", {})
    return next((p for prefix, p in providers.items() if lowered.startswith(prefix)), None)
