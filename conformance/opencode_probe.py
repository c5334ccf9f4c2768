"""Which tools OpenCode gives an agent whose `permission` or `tools` keys OpenCode reads
otherwise than they say (a `write` key: its write tool asks `edit`; switches folded into one
permission; rules before `"*": deny`), asked of OpenCode itself (`tools.opencode_tool_on`)
and set against what each key says, read as its author wrote it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tools as loaders

from converter.targets import denials, vocabulary

#: keys OpenCode 1.18.33 folds or asks for no tool (vocabulary.toml `permission_covers`)
_READ_OTHERWISE = frozenset({"write", "patch", "apply_patch", "multiedit"})


def misreads(tools_dir: Path, project: Path, name: str, header: dict[str, Any]) -> list[str]:
    """Each probed tool OpenCode turns on or off against what the header's keys say."""
    permission: dict[str, Any] = {}
    switches: dict[str, Any] = {}
    if isinstance(header.get("permission"), dict):
        permission = header["permission"]
    if isinstance(header.get("tools"), dict):
        switches = header["tools"]
    if not _read_otherwise(permission, switches):
        return []  # the permission rules OpenCode resolves tell it (judge.py)
    builtins = set(vocabulary.all_tools("opencode"))
    probed = ["write", "edit", *[k for k in {**switches, **permission} if k in builtins]]
    problems = []
    for tool in dict.fromkeys(probed):
        meant = _meant(tool, permission, switches)
        on = loaders.opencode_tool_on(tools_dir, project, name, tool)
        if on is not None and on != meant:
            says = "does not take it away" if meant else "takes it away"
            problems.append(
                f"the {tool} tool is {'on' if on else 'off'} (`opencode debug agent --tool "
                f"{tool}`), though its header {says}"
            )
    return problems


def _read_otherwise(permission: dict[str, Any], switches: dict[str, Any]) -> bool:
    effective = denials.effective_permissions(
        "opencode", {"tools": switches, "permission": permission}
    )
    return bool(
        _READ_OTHERWISE & (set(permission) | set(switches))
        or denials.overridden_by_every(effective)
        or (set(permission) & set(switches))
    )


def _meant(tool: str, permission: dict[str, Any], switches: dict[str, Any]) -> bool:
    """On or off as the keys say, each read for the tool it names (`edit` covering writing
    too, as OpenCode's documentation says), whatever their order."""
    for key in (tool, "edit") if tool == "write" else (tool,):
        if key in permission:
            return not denials.denies(permission[key])
        if isinstance(switches.get(key), bool):
            return bool(switches[key])
    if "*" in permission:
        return not denials.denies(permission["*"])
    return switches.get("*") is not False
