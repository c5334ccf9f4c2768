"""MCP tool names in each tool's form (`vocabulary.toml [mcp.*]`): a tool of a server
(`mcp__github__get_issue`, Gemini CLI's `mcp_github_get_issue`), a whole server, and the
characters a tool takes in them. Every tool fact is data: this code names no tool.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from converter.targets.tables import canonical, table


def mcp(kind: str) -> dict[str, Any]:
    found: dict[str, Any] = table().get("mcp", {}).get(kind, {})
    return found


@cache
def canonical_mcp() -> re.Pattern[str]:
    return _pattern(mcp("forms")[canonical()])


def mcp_to(target: str, name: str) -> str | None:
    """An MCP tool (or a whole server) in the target's form; "" when the target cannot
    name it; None when `name` is no MCP name."""
    whole = canonical_server().fullmatch(name)
    one = canonical_mcp().fullmatch(name)
    if whole is None and one is None:
        return None
    group = mcp("groups").get(target)
    if group:
        return str(group)
    match = one or whole
    assert match is not None
    server = match.group("server")
    unsafe = mcp("server_sanitized").get(target)
    if unsafe:  # the tool's own name for the server (`microsoft.docs.mcp`: microsoft_docs_mcp)
        server = re.sub(unsafe, "_", server)
    forbidden = mcp("server_forbids").get(target, "")
    if any(char in server for char in forbidden):
        return ""
    if not _takes_parts(target, server, one.group("tool") if one else None):
        return ""
    if one is not None:
        form = mcp("forms").get(target)
        return form.format(server=server, tool=one.group("tool")) if form else ""
    form = mcp("servers").get(target)
    return form.format(server=server) if form else ""


@cache
def canonical_prefix() -> str:
    """What every canonical MCP name starts with (`mcp__`): a quick test before the patterns."""
    return str(mcp("servers")[canonical()]).split("{", 1)[0]


@cache
def canonical_server() -> re.Pattern[str]:
    return _pattern(mcp("servers")[canonical()])


@cache
def _pattern(form: str, tool: str | None = None) -> re.Pattern[str]:
    """`form` as a pattern; for `tool`, its parts only in the characters it takes."""
    chars = mcp("part_chars").get(tool) if tool else None
    if tool is None or chars is None:
        server, name = r"[\w.-]", r"[\w*.-]"
    else:
        forbidden = mcp("server_forbids").get(tool, "")
        server = "[" + "".join(c for c in chars if c not in forbidden) + "]"
        name = f"[*{chars}]"
    return re.compile(
        re.escape(form)
        .replace(r"\{server\}", f"(?P<server>{server}+?)")
        .replace(r"\{tool\}", f"(?P<tool>{name}+)")
    )


def _takes_parts(tool: str, server: str, name: str | None) -> bool:
    """Whether `tool` takes an MCP name of these parts (its `part_chars`, `tool_refused`)."""
    chars = mcp("part_chars").get(tool)
    if chars is None:
        return True
    refused = mcp("tool_refused").get(tool)
    if name is not None and refused and re.fullmatch(refused, name):
        return False
    return all(re.fullmatch(f"[*{chars}]+", part) for part in (server, name or "*"))


def mcp_from(source: str, name: str) -> str | None:
    """A source tool's MCP name as the canonical one (a whole server too); None otherwise."""
    if source == canonical():
        return None
    prefix = name.split("/", 1)[0] if "/" in name else None
    own_set = prefix is not None and prefix in mcp("tool_sets").get(source, ())
    if own_set or (prefix is not None and "." in prefix and name != f"{prefix}/*"):
        # one of the tool's own tool sets, or an editor extension's tool; `microsoft.docs.mcp/*`
        # is every tool of a server (VS Code names no extension's tools with `/*`)
        return None
    servers = mcp("servers").get(source)
    if servers:  # a whole server (OpenCode's `github_*`) is no built-in name, even there
        whole = _pattern(servers, source).fullmatch(name)
        if whole is not None:
            return str(mcp("servers")[canonical()]).format(server=whole.group("server"))
    if mcp("ambiguous").get(source):
        return None
    form = mcp("forms").get(source)
    match = _pattern(form, source).fullmatch(name) if form else None
    if match is None or not _takes_parts(source, match["server"], match["tool"]):
        return None
    return str(mcp("forms")[canonical()]).format(
        server=match.group("server"), tool=match.group("tool")
    )
