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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from converter.diagnostics import Diagnostic
from converter.errors import (
    ConverterError,
    OutputError,
    SourceSpan,
    UsageError,
    none_written,
    rename_hint,
    several,
)
from converter.io import textio
from converter.io.policy import OutputPolicy
from converter.project import shared as shared_file
from converter.project.changes import Action, Change, read_output
from converter.project.config import Config
from converter.project.manifest import MANIFEST, Entry, Manifest, digest, load
from converter.project.outputs import Found, Planned, plan_outputs
from converter.registry import Registry


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What a sync would change in a project, and what stops it."""

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
    found = plan_outputs(config, registry, chosen)
    manifest = load(root)
    policy = OutputPolicy.of((root / shown for shown in found.sources), force=True, root=root)
    layouts = {t.name: str(getattr(t, "layout", "")) for t in chosen}
    changes, kept = _changes(root, found, manifest, policy, layouts, force)
    return SyncPlan(
        root,
        tuple(changes),
        tuple(found.errors),
        tuple(found.diagnostics),
        kept,
        tuple(skipped),
        found.agents,
    )


def _changes(
    root: Path,
    found: Found,
    manifest: Manifest,
    policy: OutputPolicy,
    layouts: dict[str, str],
    force: bool,
) -> tuple[list[Change], Manifest]:
    """Every change to the project's outputs, and the manifest after them (`layouts`: each
    synced target's layout)."""
    synced = set(layouts)
    changes: list[Change] = []
    kept = Manifest()

    def held(path: str) -> bool:
        """A file this run leaves as it is: another target's (`--target` limits the run),
        or one made from a source that is still there but failed this time (its error is
        reported; a broken source never takes its outputs away)."""
        entry = manifest.files.get(path)
        return entry is not None and (
            entry.target not in synced
            or any(
                (entry.target, s) in found.failed or ("", s) in found.failed for s in entry.sources
            )
        )

    for path, out in sorted(found.outputs.items()):
        change = None
        if not held(path):
            change = _planned(
                root, path, out, manifest, policy, force, found.errors, found.diagnostics
            )
        if change is None:
            if path in manifest.files:  # not written this time: still ours
                kept.files[path] = manifest.files[path]
            continue
        changes.append(change)
        if change.action is Action.REFUSED:
            if path in manifest.files:
                kept.files[path] = manifest.files[path]
        else:
            made = digest(change.new) if change.new is not None else change.reason
            kept.files[path] = Entry(made, out.target.name, tuple(out.sources), change.names)
    for path, entry in sorted(manifest.files.items()):
        if path in found.outputs:
            continue
        if held(path):
            kept.files[path] = entry
            continue
        ours = _in_layout(root, path, layouts.get(entry.target, ""))
        gone = _gone(root, path, entry, force) if ours else None
        if gone is not None:
            changes.append(gone)
            if gone.action is Action.REFUSED:
                kept.files[path] = entry
    return changes, kept


def _planned(
    root: Path,
    path: str,
    out: Planned,
    manifest: Manifest,
    policy: OutputPolicy,
    force: bool,
    errors: list[ConverterError],
    notes: list[Diagnostic],
) -> Change | None:
    """What to do with one output path. An UNCHANGED change carries the output's hash in
    `reason` (for the manifest)."""
    target, sources = out.target, tuple(out.sources)
    destination = os.path.join(root, path)  # a string: thousands of outputs are planned
    shared = bool(getattr(target, "collects", False))
    if len(sources) > 1 and not shared:
        errors.append(
            OutputError(
                f"{several(sources)} map to the same output {path}; {none_written(len(sources))}",
                span=SourceSpan(sources[0]),
                hint=rename_hint(len(sources)),
            )
        )
        return None
    try:
        policy.check(destination)
        if not shared and out.texts[0] is None:
            # the cache vouched for it: the file holds what this source makes
            return Change(Action.UNCHANGED, path, target.name, sources, reason=out.hashes[0])
        if shared:
            return shared_file.planned(
                destination, path, out, manifest.files.get(path), force, errors, notes
            )
        else:
            text = str(out.texts[0])
    except ConverterError as error:
        errors.append(error)
        return None
    new = text.encode("utf-8")
    try:
        old = read_output(destination)
    except ConverterError as error:
        errors.append(error)
        return None
    if old == new:
        return Change(Action.UNCHANGED, path, target.name, sources, reason=digest(new))
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


def _in_layout(root: Path, path: str, layout: str) -> bool:
    """Whether a manifest entry names a place its target writes: in the target's layout
    (`.claude/agents/NAME.md`, `.roomodes`), in the project, links resolved. A manifest is a
    file of the repository: one naming `main.py` or `.git/config`, or a place behind a link
    out, must not make sync remove it."""
    pure = PurePosixPath(path)
    prefix, marker, suffix = layout.partition("{name}")
    if not layout or ".." in pure.parts or pure.is_absolute():
        return False
    if not (path == layout if not marker else path.startswith(prefix) and path.endswith(suffix)):
        return False
    if marker and len(path) <= len(prefix) + len(suffix):
        return False
    real_root = os.path.realpath(root)
    return os.path.realpath(os.path.join(root, path)).startswith(real_root.rstrip(os.sep) + os.sep)


def _gone(root: Path, path: str, entry: Entry, force: bool) -> Change | None:
    """An output agentmorph wrote whose source is gone: removed if unedited."""
    try:
        old = read_output(root / path)
    except ConverterError:
        return None  # not a file any more: nothing of ours to remove
    if old is None:
        return None
    if entry.names:  # a file many agents share: only sync's parts go (shared.py)
        return shared_file.gone(path, entry, old, force)
    if digest(old) != entry.sha256 and not force:
        return Change(
            Action.REFUSED, path, entry.target, entry.sources, old=old,
            reason="its source is gone, but it was edited by hand since agentmorph wrote it",
        )  # fmt: skip
    return Change(Action.REMOVE, path, entry.target, entry.sources, old=old)


def apply(plan: SyncPlan) -> list[ConverterError]:
    """Write and remove what the plan says, then save the manifest; errors per file (a
    file that failed keeps the manifest entry that matches what is still on disk)."""
    from converter.project.manifest import save

    failures: list[ConverterError] = []
    manifest = Manifest(dict(plan.manifest.files))
    for change in plan.changes:
        if change.action is Action.UNCHANGED:
            continue
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
            manifest.files[change.path] = Entry(
                digest(change.old), change.target, change.sources, change.names
            )
    save(plan.root, manifest)
    return failures


__all__ = ["MANIFEST", "Action", "Change", "SyncPlan", "apply", "plan_sync"]
