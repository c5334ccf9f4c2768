"""The project commands: `init` (write the configuration), `sync` and `import`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from converter.cli.report import EXIT_FAILED, EXIT_OK, EXIT_STRICT, EXIT_USAGE, echo, out, plural
from converter.cli.spec import Arguments
from converter.diagnostics import Code, Diagnostic, Severity
from converter.errors import ConverterError, UsageError
from converter.project.config import (
    CONFIG_FILE,
    DEFAULT_SOURCE,
    PYPROJECT,
    Config,
    find_config,
    load_config,
)
from converter.registry import Registry, default_registry


def _tool_names(registry: Registry) -> dict[str, str]:
    from converter.project.gather import tool_targets

    names = {}
    for target in tool_targets(registry, every=True):
        for name in (target.name, *target.aliases):
            names[name] = target.name
    return names


def _config(a: Arguments, registry: Registry) -> Config:
    path = Path(a.config) if a.config else find_config(Path.cwd())
    if path is None:
        raise UsageError(
            f"no {CONFIG_FILE} here or in a folder above",
            hint="run 'agentmorph init' to write one from the tool folders in this project",
        )
    codes = frozenset(str(c) for c in Code)
    config = load_config(path, tool_targets=_tool_names(registry), codes=codes)
    ignored = set(getattr(a, "ignore", None) or ())
    unknown = sorted(ignored - codes)
    if unknown:
        raise UsageError(
            f"--ignore: unknown diagnostic code {unknown[0]!r}",
            hint="see README, 'Diagnostic codes'",
        )
    if ignored:
        from dataclasses import replace

        config = replace(config, ignore=config.ignore | ignored)
    return config


def run_init(a: Arguments) -> int:
    """The `init` command; returns the exit code."""
    from converter.project.gather import find_layouts, tool_targets

    registry = default_registry()
    root = Path.cwd()
    target_file = root / (PYPROJECT if a.pyproject else CONFIG_FILE)
    existing = find_config(root)
    if existing is not None and existing.parent == root and not a.force:
        echo(f"error: {existing.name} already configures agentmorph here (--force replaces it)")
        return EXIT_FAILED
    layouts = find_layouts(root, registry)
    for layout in layouts:
        if not a.quiet:
            echo(f"found: {layout.place} ({layout.target}, {plural(len(layout.files), 'file')})")
    if not layouts and not a.quiet:
        echo("found: no tool folder with agents")
    source = a.source or _chosen_source(root, layouts)
    names = _tool_names(registry)
    if a.targets:
        wanted = [t.strip().lower() for t in a.targets.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in names]
        if unknown:
            echo(
                f"error: --targets: {unknown[0]!r} is not a tool target ({', '.join(sorted(set(names.values())))})"
            )
            return EXIT_USAGE
        targets = [names[t] for t in wanted]
    else:
        own = {lay.target for lay in layouts if lay.place == source.rstrip("/")}
        targets = [t.name for t in tool_targets(registry) if t.name not in own]
    text = _config_text(source, targets, pyproject=a.pyproject)
    try:
        _write_config(target_file, text, pyproject=a.pyproject)
    except (OSError, ConverterError) as error:
        echo(f"error: cannot write {target_file.name}: {error}")
        return EXIT_FAILED
    if not a.quiet:
        echo(
            f"wrote {target_file.name}: source {source}, {plural(len(targets), 'target')} ({', '.join(targets)})"
        )
        several = len({lay.place for lay in layouts}) > 1
        if source == DEFAULT_SOURCE and not (root / source).is_dir():
            hint = "agentmorph import" if layouts else f"mkdir {source} and add agents"
            echo(f"next: {hint}, then agentmorph sync")
        elif several:
            echo(
                "next: agentmorph sync --dry-run (files agentmorph did not write are kept and reported)"
            )
        else:
            echo("next: agentmorph sync")
    return EXIT_OK


def _chosen_source(root: Path, layouts: list) -> str:  # type: ignore[type-arg]
    if (root / DEFAULT_SOURCE).is_dir():
        return DEFAULT_SOURCE
    folders = [lay for lay in layouts if not (root / lay.place).is_file()]
    if len(layouts) == 1 and folders:
        return str(folders[0].place)
    return DEFAULT_SOURCE


def _config_text(source: str, targets: list[str], *, pyproject: bool) -> str:
    quoted = ", ".join(f'"{t}"' for t in targets)
    table = "[tool.agentmorph]\n" if pyproject else ""
    per = "[tool.agentmorph.target.codex]" if pyproject else "[target.codex]"
    return (
        "# agentmorph: `agentmorph sync` keeps each target's layout in step with the agents in\n"
        '# `source` (README, "Keep agents in sync").\n'
        f'{table}source = "{source}"\n'
        f"targets = [{quoted}]\n"
        '# include = ["**/*.md"]        # globs relative to source\n'
        '# exclude = ["drafts/**"]\n'
        '# ignore = ["model-unmapped"]  # diagnostic codes not shown\n'
        "# strict = false               # true: a warning stops the sync (exit 3)\n"
        "\n"
        f"# {per}\n"
        '# sections = "markdown"        # as --sections\n'
        '# models = { sonnet = "gpt-5.5" }\n'
    )


def _write_config(path: Path, text: str, *, pyproject: bool) -> None:
    from converter.io import textio

    if pyproject and path.exists():
        old = path.read_text("utf-8")
        text = old.rstrip("\n") + "\n\n" + text
    textio.atomic_write(path, text.encode("utf-8"), overwrite=True)


def run_sync(a: Arguments) -> int:
    """The `sync` command; returns the exit code."""
    from converter.project.sync import Action, apply, plan_sync

    registry = default_registry()
    try:
        config = _config(a, registry)
        targets = None
        if a.target:
            names = _tool_names(registry)
            wanted = [t.strip().lower() for t in a.target.split(",") if t.strip()]
            for name in wanted:
                if name not in names:
                    raise UsageError(f"--target: {name!r} is not a tool target")
            targets = [names[t] for t in wanted]
        plan = plan_sync(config, registry, targets=targets, force=a.force)
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    for skipped in plan.skipped:
        if a.verbose:
            echo(f"note: target {skipped}; skipped")
    warnings = _show_diagnostics(plan.diagnostics, verbose=a.verbose, quiet=a.quiet)
    for problem in plan.errors:
        echo(problem.render())
    strict = (a.strict or config.strict) and warnings > 0
    writing = not (a.check or a.dry_run or strict)
    failures = apply(plan) if writing else []
    for problem in failures:
        echo(problem.render())
    verb = {
        Action.WRITE: "wrote" if writing else "would write",
        Action.REMOVE: "removed" if writing else "would remove",
        Action.REFUSED: "refused",
        Action.UNCHANGED: "unchanged",
    }
    for change in plan.changes:
        if a.diff and change.action in (Action.WRITE, Action.REMOVE):
            out(_unified(change.path, change.old, change.new))
        if a.quiet and change.action is not Action.REFUSED:
            continue
        if change.action is Action.UNCHANGED and not a.verbose:
            continue
        why = f": {change.reason}" if change.action is Action.REFUSED else ""
        if change.action is Action.REFUSED:
            why += " (--force replaces it)"
        sources = _sources(change.sources, verbose=a.verbose)
        echo(f"{verb[change.action]}: {change.path} ({change.target}, from {sources}){why}")
    if not a.quiet:
        _summary(plan, writing)
    if strict:
        echo(f"not written: {plural(warnings, 'warning')} under strict mode")
        return EXIT_STRICT
    refused = any(c.action is Action.REFUSED for c in plan.changes)
    if plan.errors or failures or refused or (a.check and plan.stale):
        return EXIT_FAILED
    return EXIT_OK


#: sources named in full on a line about one file; a file that holds many agents (Roo's
#: `.roomodes`) says how many more there are, unless --verbose
SHOWN_SOURCES = 3


def _sources(sources: tuple[str, ...], *, verbose: bool) -> str:
    if verbose or len(sources) <= SHOWN_SOURCES + 1:
        return ", ".join(sources)
    more = len(sources) - SHOWN_SOURCES
    return f"{', '.join(sources[:SHOWN_SOURCES])} and {more} more (--verbose lists them)"


def _show_diagnostics(notes: tuple[Diagnostic, ...], *, verbose: bool, quiet: bool) -> int:
    """Warnings one by one with --verbose, else grouped by code with a count and the first
    place; returns how many warnings there were."""
    warnings = [n for n in notes if n.severity is Severity.WARNING]
    if verbose:
        for note in notes:
            echo(note.render())
    elif not quiet:
        by_code = Counter(str(n.code) for n in warnings)
        for code, count in sorted(by_code.items()):
            first = next(n for n in warnings if str(n.code) == code)
            echo(
                f"warning[{code}]: {plural(count, 'time')} (first: {first.span}: {first.message}); --verbose lists each"
            )
    return len(warnings)


def _summary(plan, writing: bool) -> None:  # type: ignore[no-untyped-def]
    from converter.project.sync import Action

    per: dict[str, Counter[str]] = {}
    for change in plan.changes:
        per.setdefault(change.target, Counter())[str(change.action)] += 1
    order = [Action.WRITE, Action.UNCHANGED, Action.REMOVE, Action.REFUSED]
    for target, counts in sorted(per.items()):
        parts = [f"{counts[str(a)]:,} {_said(a, writing)}" for a in order]
        echo(f"  {target}: {', '.join(parts)}")
    totals = Counter(str(c.action) for c in plan.changes)
    parts = [f"{totals[str(a)]:,} {_said(a, writing)}" for a in order]
    echo(
        f"{plural(plan.sources, 'source agent')} → {plural(len(per), 'target')}: {', '.join(parts)}"
        + (f"; {plural(len(plan.errors), 'error')}" if plan.errors else "")
    )


def _said(action: object, writing: bool) -> str:
    from converter.project.sync import Action

    if writing or action in (Action.UNCHANGED, Action.REFUSED):
        return str(action)
    return "to write" if action is Action.WRITE else "to remove"


def _unified(path: str, old: bytes | None, new: bytes | None) -> str:
    from converter.io.patch import unified

    return unified(old, new, path)


def run_import(a: Arguments) -> int:
    """The `import` command; returns the exit code."""
    from converter.cli.project_import import import_agents

    registry = default_registry()
    try:
        path = Path(a.config) if a.config else find_config(Path.cwd())
        if path is None:
            config = Config(root=Path.cwd())
        else:
            config = load_config(
                path, tool_targets=_tool_names(registry), codes=frozenset(str(c) for c in Code)
            )
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    return import_agents(
        config, registry, dry_run=a.dry_run, force=a.force, verbose=a.verbose, quiet=a.quiet
    )
