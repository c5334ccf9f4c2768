"""Plan a batch: its inputs as jobs, and where the outputs go (stdout, one file, a folder)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import NamedTuple

from converter.diagnostics import Diagnostic
from converter.errors import UsageError
from converter.io.inputs import Job, expand
from converter.registry import Registry


class Plan(NamedTuple):
    """A batch's jobs and where their outputs go."""

    jobs: tuple[Job, ...]
    #: "stdout", "file" (-o FILE) or "folder" (-o DIR)
    mode: str
    output: Path | None
    notes: tuple[Diagnostic, ...] = ()


def plan(
    sources: list[str],
    output: str | None,
    registry: Registry,
    *,
    check: bool,
    collects: bool = False,
    extension: str = "",
) -> Plan:
    """Expand folders, decide the output mode, and refuse impossible combinations.
    `extension`: the output format's; a new folder is never given a name ending in it.

    Raises:
        UsageError: several inputs to stdout, a folder to one file, stdin given twice,
            a new output folder named like an output file.
        InputError: a folder holds no agent file.
    """
    found = expand(sources, registry, output=None if output in (None, "-") else Path(output))
    jobs, notes = found.jobs, found.notes
    single = len(sources) == 1 and not found.folder_input
    if output is None:
        if not single and not check:
            raise UsageError(
                "several inputs need an output folder",
                hint="add -o DIR (the input tree is mirrored there), or --check",
            )
        return Plan(tuple(jobs), "stdout", None, tuple(notes.items))
    out = Path(output)
    is_dir, exists = _kind_of(out)
    slash = output.endswith(("/", "\\"))  # a folder, said so
    # a format whose one file holds every agent (Roo's .roomodes) takes many inputs into
    # one file too, when -o names a file: one there, or a name the file takes
    # (`.roomodes`, `modes.yaml`); a new name without a suffix (`-o out`) is the project's
    # folder, as for every target: `out/.roomodes`, where Roo looks, not a file `out`
    as_file = single or (collects and (exists or out.suffix or out.name.endswith(extension)))
    if as_file and not (is_dir or slash):
        refuse_configuration(output)
        return Plan(tuple(jobs), "file", out, tuple(notes.items))
    if exists and not is_dir:
        raise UsageError(f"-o {output}: several inputs need a folder, and this is a file")
    if not (exists or slash) and extension and out.name.endswith(extension):
        # `-o team.agents.json` for a folder of agents would make a folder of that name
        raise UsageError(
            f"-o {output}: several inputs need a folder, and this names a {extension} file",
            hint=f"write them to a folder (-o {output.removesuffix(extension) or 'out'}/), "
            f"or add / to make a folder named {out.name}",
        )
    return Plan(tuple(jobs), "folder", out, tuple(notes.items))


#: files the tools read as their configuration, not as an agent: an agent written over one
#: (`-o opencode.json --to opencode --force`) replaced the project's settings with it
CONFIGURATIONS = {
    "opencode.json": "OpenCode's configuration",
    "opencode.jsonc": "OpenCode's configuration",
    "kilo.json": "Kilo's configuration",
    "kilo.jsonc": "Kilo's configuration",
    "config.toml": "Codex's configuration",
    "settings.json": "Claude Code's and Gemini CLI's settings",
    "settings.local.json": "Claude Code's settings",
    ".mcp.json": "the project's MCP servers",
    "mcp.json": "the MCP servers of Kiro, Cursor and VS Code",
}


def refuse_configuration(output: str) -> None:
    """Refuse `-o FILE` where FILE is named as a tool's configuration file.

    Raises:
        UsageError: naming the file, what it is, and where an agent goes instead.
    """
    found = CONFIGURATIONS.get(Path(output).name.lower())
    if found is not None:
        raise UsageError(
            f"-o {output}: a file of that name is {found}, not an agent; an agent written "
            "there would replace it",
            hint="write the agent to a folder (-o DIR, with --to TOOL: where the tool looks), "
            "or give the file another name",
        )


def _kind_of(path: Path) -> tuple[bool, bool]:
    """(is a folder, exists); a path we may not look at (no permission) is neither, and the
    write that follows says why."""
    try:
        status = path.stat()
    except OSError:
        return False, False
    return stat.S_ISDIR(status.st_mode), True
