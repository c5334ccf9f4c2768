"""Find the tool layouts of a project (`init`), and gather their agents into the source
folder as canonical Markdown (`import`), merging agents of one name found in several tools."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from converter.diagnostics import Diagnostic, Diagnostics
from converter.errors import ConverterError
from converter.io.globs import glob_specificity
from converter.io.inputs import expand
from converter.model import Agent
from converter.project import manifest
from converter.registry import Format, Registry


@dataclass(frozen=True, slots=True)
class Layout:
    """One tool's agents found in the project."""

    target: str
    #: the folder (or, for a tool that keeps every agent in one file, the file) relative to
    #: the project root, POSIX form
    place: str
    files: tuple[Path, ...]


def tool_targets(registry: Registry, *, every: bool = False) -> list[Format]:
    """The targets a project gets by default (a layout, agents, `project_default`) in the
    registry's order; with `every`, each target that has a layout, commands and second
    forms included (Gemini CLI's commands, Kiro's Markdown agents): those a project asks for."""
    return [
        f
        for f in registry.builtins().values()
        if getattr(f, "layout", None)
        and (every or (f.kind == "agent" and getattr(f, "project_default", True)))
    ]


def find_layouts(root: Path, registry: Registry) -> list[Layout]:
    """Every tool layout of the project that holds at least one agent file."""
    found = []
    for target in tool_targets(registry, every=True):
        if target.kind != "agent":
            continue  # a tool's commands are not its agents
        layout = str(getattr(target, "layout", ""))
        place = Path(layout).parent if "{name}" in layout else Path(layout)
        path = root / place
        if "{name}" not in layout:
            files: tuple[Path, ...] = (path,) if path.is_file() else ()
        elif path.is_dir():
            # the files the tool reads there, in folders too where it reads those (Claude
            # Code, OpenCode, Kiro: their patterns say how deep), of every ending it takes
            # (Cursor's `.mdc` beside its `.md`)
            files = tuple(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and any(glob_specificity(f, str(p)) for f in target.filenames)
                )
            )
        else:
            files = ()
        if files:
            found.append(Layout(target.name, place.as_posix(), files))
        found += _other_folders(root, target, place)
        # a file of settings that may hold agents too (OpenCode's `opencode.json`)
        for name in getattr(target, "agents_also_in", ()):
            if _holds_agents(root / name, target):
                found.append(Layout(target.name, name, (root / name,)))
    return found


def _other_folders(root: Path, target: Format, place: Path) -> list[Layout]:
    """The other folders the tool reads agents from, by its file patterns (Amazon Q CLI's
    `.amazonq/cli-agents/*.json` for Kiro, VS Code's `.github/chatmodes/*.md` for Copilot,
    OpenCode's older `.opencode/agent/`, nested folders too where its patterns say so);
    they were passed over, so `import` left those agents behind."""
    folders: dict[str, None] = {}
    for pattern in target.filenames:
        fixed = []
        for part in pattern.split("/")[:-1]:
            if any(c in part for c in "*?["):
                break
            fixed.append(part)
        if fixed and Path(*fixed) != place:
            folders["/".join(fixed)] = None
    found = []
    for folder in folders:
        path = root / folder
        if not path.is_dir():
            continue
        files = tuple(
            sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and any(glob_specificity(f, str(p)) for f in target.filenames)
            )
        )
        if files:
            found.append(Layout(target.name, folder, files))
    return found


def _holds_agents(path: Path, target: Format) -> bool:
    """Whether the file is there and defines at least one agent the tool loads."""
    from converter.registry import ReadContext

    if not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        return bool(target.read_many(text, ReadContext(path=str(path))))
    except (OSError, ConverterError):
        return False  # `import` says why when it reads the file


@dataclass(frozen=True, slots=True)
class Gathered:
    """The agents of one name, from every layout that has one."""

    name: str
    #: (path relative to the root, agent), in path order
    variants: tuple[tuple[str, Agent], ...]


def gather(
    root: Path, layouts: list[Layout], registry: Registry
) -> tuple[list[Gathered], list[ConverterError], list[Diagnostic]]:
    """Read every agent of the layouts, grouped by name (a name is compared in lower case)."""
    from converter.io.batch import Settings, read_agents
    from converter.io.not_agents import not_an_agent, note

    settings = Settings(target=registry.get("markdown"))
    from converter.merging.fields import normalise_name

    groups: dict[str, list[tuple[str, Agent]]] = {}
    errors: list[ConverterError] = []
    notes: list[Diagnostic] = []
    for layout in layouts:
        found = expand([str(f) for f in layout.files], registry, allow_empty=True)
        notes.extend(found.notes)
        for job in found.jobs:
            assert job.source is not None
            shown = (
                job.source.relative_to(root).as_posix()
                if job.source.is_relative_to(root)
                else job.shown
            )
            diags = Diagnostics(shown)
            try:
                fixed = Settings(target=settings.target, source_format=registry.get(layout.target))
                agents = read_agents(job, fixed, registry, None, diags)[0]
            except ConverterError as error:
                notes.extend(diags)
                errors.append(error.with_path(shown))
                continue
            # a layout's files are found as a walk finds them: a header-less README.md in
            # .claude/agents is no agent to import (converter/io/not_agents.py)
            reason = not_an_agent(fixed.source_format or settings.target, agents, diags)
            if reason is not None:
                notes.append(note(shown, reason))
                continue
            notes.extend(diags)
            for agent in agents:
                # "Accessibility Expert" (Copilot) and accessibility-expert (Claude Code)
                # are one agent
                groups.setdefault(normalise_name(agent.name), []).append((shown, agent))
    gathered = [
        Gathered(name, tuple(sorted(v, key=lambda p: p[0]))) for name, v in sorted(groups.items())
    ]
    return gathered, errors, notes


@dataclass(frozen=True, slots=True)
class Imported:
    """One source agent `import` writes (or cannot)."""

    name: str
    #: the source file, relative to the project root
    path: str
    variants: tuple[str, ...]
    #: the canonical Markdown to write; None when a conflict stops it
    text: str | None
    #: the conflicts that stop it, said as "field: reason"
    conflicts: tuple[str, ...] = ()
    #: what is there now (None: no file)
    old: bytes | None = None


def plan_import(
    root: Path, source: str, registry: Registry
) -> tuple[list[Imported], list[ConverterError], list[Diagnostic]]:
    """Every agent of the project's tool layouts (the source folder's own excluded) as the
    canonical Markdown file it becomes in `source`; agents of one name merged."""
    from converter import api
    from converter.merging import MergeOptions, merge
    from converter.merging.fields import normalise_name
    from converter.targets import file_name

    source_folder = (root / source).resolve()
    layouts = [
        lay for lay in find_layouts(root, registry) if (root / lay.place).resolve() != source_folder
    ]
    # What sync generated from the source (unedited) carries nothing new: not gathered.
    generated = manifest.load(root).files
    layouts = [
        Layout(lay.target, lay.place, kept)
        for lay in layouts
        if (kept := tuple(f for f in lay.files if not _generated(root, f, generated)))
    ]
    groups, errors, notes = gather(root, layouts, registry)
    shared = {lay.place for lay in layouts if (root / lay.place).is_file()}
    markdown = registry.get("markdown")
    planned = []
    taken: set[str] = set()
    for group in groups:
        labels = tuple(shown for shown, _ in group.variants)
        if len(group.variants) == 1:
            agent = group.variants[0][1]
            conflicts: tuple[str, ...] = ()
        else:
            from converter.merging import Variant

            result = merge(
                [Variant(shown, agent) for shown, agent in group.variants],
                MergeOptions(name=group.variants[0][1].name),
            )
            agent = result.agent
            prompts = {a.instructions for _, a in group.variants}
            if len(prompts) == 1:
                # The same prompt in every tool: kept as written (the merge's canonical
                # rendering would reflow it; there is nothing to merge).
                agent = replace(agent, instructions=prompts.pop())
            conflicts = tuple(f"{c.field}: {c.reason}" for c in result.report.conflicts)
        # named as the tools' files were (sync gives each tool's file that name again); a
        # file of many agents (`.roomodes`, `opencode.json`) names none of them
        stem = "" if labels[0] in shared else PurePosixPath(labels[0]).name.split(".")[0]
        stem = stem or normalise_name(agent.name)
        if stem.lower() in taken:
            stem = normalise_name(agent.name)
        taken.add(stem.lower())
        path = f"{source.rstrip('/')}/{file_name(stem)}.md"
        text = None
        if not conflicts:
            diags = Diagnostics(path)
            text = api.write_with(markdown, agent, normalize=True, diagnostics=diags)
            notes.extend(diags)
        old = None
        with contextlib.suppress(OSError):
            old = (root / path).read_bytes()
        planned.append(Imported(agent.name, path, labels, text, conflicts, old))
    return planned, errors, notes


def _generated(root: Path, path: Path, generated: dict[str, manifest.Entry]) -> bool:
    entry = generated.get(path.relative_to(root).as_posix())
    if entry is None:
        return False
    try:
        return manifest.digest(path.read_bytes()) == entry.sha256
    except OSError:
        return False
