"""Where each output of a batch goes: a file name made from the agent's name, inside `-o`."""

from __future__ import annotations

import functools
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from converter.errors import OutputError, SourceSpan

if TYPE_CHECKING:
    from converter.io.inputs import Job
    from converter.io.plan import Plan
    from converter.model import Agent
    from converter.registry import Format


def output_path(
    job: Job, agent: Agent, the_plan: Plan, target: Format, *, many: bool
) -> Path | None:
    """Where `agent` (of `job`) is written: None to stdout, `-o FILE`, or in `-o DIR` the
    target's own layout or the input's relative path with the target's extension (more
    agents of one input: each by its name).

    Raises:
        OutputError: the path would leave `-o DIR`.
    """
    if the_plan.mode == "stdout" or the_plan.output is None:
        return None
    if the_plan.mode == "file":
        return the_plan.output
    from converter.targets import file_name

    if target.layout:
        # The tool's own layout (DIR/.codex/agents/NAME.toml); the agent's name is made a
        # plain file name first (no separator, never "." or ".."), so it can never choose a
        # path: whether the path stays inside -o depends on the layout alone (checked once).
        name = file_name(target.file_stem(agent) or agent.name)
        if not _layout_stays_inside(target.layout):
            raise OutputError(
                f"output path {target.layout} would leave {the_plan.output}",
                span=SourceSpan(job.shown),
            )
        return the_plan.output / _within(the_plan.output, target.layout).format(name=name)
    if many:
        folder = (job.relative or PurePath("stdin")).parent
        relative = folder / (file_name(agent.name) + target.extension)
    else:
        relative = (job.relative or PurePath("stdin")).with_suffix(target.extension)
    # Lexically first (the relative path comes from our own walk or a cleaned name); links
    # on the way are resolved by the output policy before writing.
    if not _stays_inside(relative):
        raise OutputError(
            f"output path {relative} would leave {the_plan.output}", span=SourceSpan(job.shown)
        )
    return the_plan.output / relative


def in_folder(folder: Path, agent: Agent, target: Format) -> Path:
    """Where one agent goes in `folder` by its name (`merge -o DIR`): the target's own
    layout (DIR/.codex/agents/NAME.toml), else `DIR/NAME` with the target's extension."""
    from converter.targets import file_name

    if target.layout and _layout_stays_inside(target.layout):
        name = file_name(target.file_stem(agent) or agent.name)
        return folder / _within(folder, target.layout).format(name=name)
    return folder / (file_name(agent.name) + target.extension)


def names_folder(output: str) -> bool:
    """`-o` names a folder: one that is there, or a name ending in a separator."""
    return output.endswith(("/", "\\")) or Path(output).is_dir()


@functools.cache
def _within(output: Path, layout: str) -> str:
    """The layout below `output`, less the folders `output` already ends in: `-o
    .codex/agents` (or `-o .codex`) is the tool's own folder, not one to nest it in."""
    folders = PurePath(layout).parts[:-1]
    ends = output.resolve().parts if output.parts else ()
    for length in range(len(folders), 0, -1):
        if ends[-length:] == folders[:length]:
            return str(PurePath(*PurePath(layout).parts[length:]))
    return layout


def _stays_inside(relative: PurePath) -> bool:
    return not (relative.is_absolute() or relative.drive or ".." in relative.parts)


@functools.cache
def _layout_stays_inside(layout: str) -> bool:
    return _stays_inside(PurePath(layout.format(name="agent")))
