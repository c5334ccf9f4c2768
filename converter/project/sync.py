"""`sync`: every source agent in every configured target's layout, planned, then applied.

The plan is computed in memory first: each source agent converted to each target (with the
same self-check as `convert`), then compared with what is on disk and with the manifest of
what agentmorph generated before. Only files whose content changes are written; outputs
whose source is gone are removed; a file agentmorph did not write, or that was edited since
it wrote it, is never replaced or removed (it is refused, unless `force`). Nothing here
prints.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath

from converter import api
from converter.diagnostics import Diagnostic, Diagnostics
from converter.errors import ConverterError, OutputError, SourceSpan, UsageError
from converter.io import textio
from converter.io.inputs import expand, selected
from converter.io.policy import OutputPolicy
from converter.model import Agent
from converter.project.config import Config
from converter.project.manifest import MANIFEST, Entry, Manifest, digest, load
from converter.registry import Format, Registry


class Action(StrEnum):
    WRITE = "written"
    UNCHANGED = "unchanged"
    REMOVE = "removed"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Change:
    """What `sync` does (or would do) to one output file."""

    action: Action
    #: the output's path relative to the project root, POSIX form
    path: str
    target: str
    sources: tuple[str, ...]
    #: the content to write (WRITE), None otherwise
    new: bytes | None = None
    #: the content on disk now (None: no file)
    old: bytes | None = None
    #: why a file is refused, or what kind of write it is ("new", "changed")
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SyncPlan:
    root: Path
    changes: tuple[Change, ...]
    #: inputs that could not be read or converted, and outputs that cannot be written
    errors: tuple[ConverterError, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: the manifest as it is after the plan is applied
    manifest: Manifest
    #: targets that were configured and left out, with the reason
    skipped: tuple[str, ...] = ()
    sources: int = 0

    @property
    def stale(self) -> tuple[Change, ...]:
        """What is out of date: writes, removals and refusals."""
        return tuple(c for c in self.changes if c.action is not Action.UNCHANGED)


@dataclass(slots=True)
class _Output:
    target: Format
    sources: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def read_sources(
    config: Config, registry: Registry
) -> tuple[list[tuple[str, Agent]], list[ConverterError], Diagnostics]:
    """The source folder's agents as (path relative to the root, agent), in path order.

    Raises:
        UsageError: the source folder does not exist.
    """
    from converter.io.batch import Settings, read_agents

    folder = config.root / config.source
    if not folder.is_dir():
        raise UsageError(
            f"the source folder {config.source} does not exist in {config.root}",
            span=SourceSpan(str(config.path or config.root)),
            hint="run 'agentmorph import' to gather the project's agents there, or set "
            "'source' in the configuration",
        )
    found = expand([str(folder)], registry, allow_empty=True)
    notes = found.notes
    settings = Settings(target=registry.get("markdown"))
    agents, errors = [], []
    for job in found.jobs:
        relative = Path(job.shown).relative_to(config.root).as_posix()
        inside = Path(job.shown).relative_to(folder).as_posix()
        if not selected(inside, config.include, config.exclude):
            continue
        diags = Diagnostics(relative)
        try:
            for agent in read_agents(replace(job, shown=relative), settings, registry, None, diags)[
                0
            ]:
                agents.append((relative, agent))
        except ConverterError as error:
            errors.append(error.with_path(relative))
        notes.extend(diags)
    return agents, errors, notes


def plan_sync(
    config: Config,
    registry: Registry,
    *,
    targets: Iterable[str] | None = None,
    force: bool = False,
) -> SyncPlan:
    """What `sync` would write and remove.

    Raises:
        UsageError: the source folder is missing, or no target is configured.
        InputError: the manifest is damaged.
    """
    root = config.root
    wanted = [registry.get(t) for t in (targets or config.targets)]
    if not wanted:
        raise UsageError(
            "no targets configured",
            span=SourceSpan(str(config.path or root)),
            hint='list them in the configuration (targets = ["codex", "gemini"]) or run '
            "'agentmorph init'",
        )
    agents, errors, notes = read_sources(config, registry)
    source_folder = (root / config.source).resolve()
    chosen, skipped = [], []
    for target in wanted:
        layout = getattr(target, "layout", None)
        if not layout:
            skipped.append(f"{target.name}: has no project layout (use convert)")
        elif (root / layout).parent.resolve() == source_folder:
            skipped.append(f"{target.name}: its layout is the source folder")
        else:
            chosen.append(target)
    diagnostics = list(notes)
    outputs: dict[str, _Output] = {}
    for target in chosen:
        for shown, agent in agents:
            try:
                path, text = _convert(agent, shown, target, config, diagnostics)
            except ConverterError as error:
                errors.append(error.with_path(shown))
                continue
            slot = outputs.setdefault(path, _Output(target))
            slot.sources.append(shown)
            slot.texts.append(text)
    manifest = load(root)
    policy = OutputPolicy.of((root / shown for shown, _ in agents), force=True, root=root)
    changes: list[Change] = []
    kept = Manifest()
    for path, out in sorted(outputs.items()):
        change = _planned(root, path, out, manifest, policy, force, errors)
        if change is None:
            continue
        changes.append(change)
        if change.action is Action.REFUSED:
            if path in manifest.files:
                kept.files[path] = manifest.files[path]
        else:
            new = change.new if change.new is not None else change.old
            kept.files[path] = Entry(digest(new or b""), out.target.name, tuple(out.sources))
    for path, entry in sorted(manifest.files.items()):
        if path not in outputs:
            change = _gone(root, path, entry, force)
            if change is not None:
                changes.append(change)
                if change.action is Action.REFUSED:
                    kept.files[path] = entry
    return SyncPlan(
        root, tuple(changes), tuple(errors), tuple(diagnostics), kept, tuple(skipped), len(agents)
    )


def _convert(
    agent: Agent, shown: str, target: Format, config: Config, diagnostics: list[Diagnostic]
) -> tuple[str, str]:
    from converter.prompt.restyle import apply_policy
    from converter.targets import file_name

    options = config.options_for(target.name)
    diags = Diagnostics(shown)
    if options.models and isinstance(agent.model, str):
        override = dict(options.models).get(agent.model)
        agent = replace(agent, model=override) if override else agent
    agent = apply_policy(agent, target.name, options.sections, diags)
    # as `convert` writes it (so what `make conformance` judges is what sync writes)
    text = api.write_with(target, agent, diagnostics=diags)
    api.check_writable(target, agent, text, shown)
    api.check_round_trip(target, agent, text, path=shown, diagnostics=diags)
    for note in diags:
        if str(note.code) not in config.ignore:
            diagnostics.append(replace(note, message=f"{target.name}: {note.message}"))
    layout = str(getattr(target, "layout", ""))
    path = layout.format(name=file_name(target.file_stem(agent) or agent.name))
    return PurePosixPath(path).as_posix(), text


def _planned(
    root: Path,
    path: str,
    out: _Output,
    manifest: Manifest,
    policy: OutputPolicy,
    force: bool,
    errors: list[ConverterError],
) -> Change | None:
    target, sources = out.target, tuple(out.sources)
    destination = root / path
    if len(sources) > 1 and not getattr(target, "collects", False):
        errors.append(
            OutputError(
                f"{' and '.join(sources)} map to the same output {path}; neither is written",
                span=SourceSpan(sources[0]),
                hint="rename one of the agents",
            )
        )
        return None
    try:
        policy.check(destination)
        if getattr(target, "collects", False):
            text = target.combine(out.texts, None, replace=False)  # type: ignore[attr-defined]
        else:
            text = out.texts[0]
    except ConverterError as error:
        errors.append(error)
        return None
    new = text.encode("utf-8")
    try:
        old = _read(destination)
    except ConverterError as error:
        errors.append(error)
        return None
    if old == new:
        return Change(Action.UNCHANGED, path, target.name, sources, old=old)
    entry = manifest.files.get(path)
    if old is not None and not force:
        if entry is None:
            return Change(
                Action.REFUSED, path, target.name, sources, old=old,
                reason="exists and was not generated by agentmorph",
            )  # fmt: skip
        if digest(old) != entry.sha256:
            return Change(
                Action.REFUSED, path, target.name, sources, old=old,
                reason="edited by hand since agentmorph wrote it",
            )  # fmt: skip
    reason = "new" if old is None else "changed"
    return Change(Action.WRITE, path, target.name, sources, new=new, old=old, reason=reason)


def _gone(root: Path, path: str, entry: Entry, force: bool) -> Change | None:
    """An output agentmorph wrote whose source is gone: removed if unedited."""
    if ".." in PurePosixPath(path).parts or PurePosixPath(path).is_absolute():
        return None  # a manifest entry we would never write: not ours to remove
    try:
        old = _read(root / path)
    except ConverterError:
        return None  # not a file any more: nothing of ours to remove
    if old is None:
        return None
    if digest(old) != entry.sha256 and not force:
        return Change(
            Action.REFUSED, path, entry.target, entry.sources, old=old,
            reason="its source is gone, but it was edited by hand since agentmorph wrote it",
        )  # fmt: skip
    return Change(Action.REMOVE, path, entry.target, entry.sources, old=old)


def _read(path: Path) -> bytes | None:
    """What is at an output path now: None when nothing is (a FIFO or a folder there is an
    error, never opened: opening a FIFO would wait for a writer)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror}", span=SourceSpan(str(path))) from None
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(
            f"{path} is not a regular file; agentmorph never replaces it",
            span=SourceSpan(str(path)),
        )
    return textio.read_bytes(path)


def apply(plan: SyncPlan) -> list[ConverterError]:
    """Write and remove what the plan says, then save the manifest; errors per file (a
    file that failed keeps the manifest entry that matches what is still on disk)."""
    from converter.project.manifest import save

    failures: list[ConverterError] = []
    manifest = Manifest(dict(plan.manifest.files))
    for change in plan.changes:
        destination = plan.root / change.path
        try:
            if change.action is Action.WRITE:
                assert change.new is not None
                destination.parent.mkdir(parents=True, exist_ok=True)
                textio.atomic_write(destination, change.new, overwrite=True)
            elif change.action is Action.REMOVE:
                os.unlink(destination)
            continue
        except FileNotFoundError:
            continue
        except ConverterError as error:
            failures.append(error)
        except OSError as error:
            failures.append(
                OutputError(f"{change.path}: {error.strerror}", span=SourceSpan(change.path))
            )
        if change.old is None:
            manifest.files.pop(change.path, None)
        else:
            manifest.files[change.path] = Entry(digest(change.old), change.target, change.sources)
    save(plan.root, manifest)
    return failures


__all__ = ["MANIFEST", "Action", "Change", "SyncPlan", "apply", "plan_sync", "read_sources"]
