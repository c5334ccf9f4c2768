"""The `import` command's output: each agent gathered into the source folder, said."""

from __future__ import annotations

from converter.cli.report import EXIT_FAILED, EXIT_OK, echo, plural
from converter.errors import ConverterError
from converter.project.config import Config
from converter.registry import Registry


def import_agents(
    config: Config, registry: Registry, *, dry_run: bool, force: bool, verbose: bool, quiet: bool
) -> int:
    """Gather, merge and write the project's agents into the source folder; the exit code."""
    from converter.io import textio
    from converter.project.gather import plan_import

    try:
        planned, errors, notes = plan_import(config.root, config.source, registry)
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    for note in notes:
        if verbose or (str(note.severity) == "warning" and not quiet):
            echo(note.render())
    for problem in errors:
        echo(problem.render())
    counts = {"written": 0, "unchanged": 0, "refused": 0, "conflicts": 0}
    failed = bool(errors)
    for item in planned:
        origin = ", ".join(item.variants)
        if item.text is None:
            counts["conflicts"] += 1
            failed = True
            echo(f"not written: {item.path}: the agents in {origin} conflict")
            for conflict in item.conflicts:
                echo(f"  {conflict}")
            echo(
                "  merge them by hand: agentmorph merge "
                + " ".join(item.variants)
                + " --prefer ..."
            )
            continue
        data = item.text.encode("utf-8")
        if item.old == data:
            counts["unchanged"] += 1
            continue
        if item.old is not None and not force:
            counts["refused"] += 1
            failed = True
            echo(f"refused: {item.path} exists and differs (--force replaces it)")
            continue
        verb = "would write" if dry_run else "wrote"
        merged = f"merged from {origin}" if len(item.variants) > 1 else f"from {origin}"
        if not dry_run:
            try:
                target = config.root / item.path
                target.parent.mkdir(parents=True, exist_ok=True)
                textio.atomic_write(target, data, overwrite=True)
            except (OSError, ConverterError) as error:
                echo(f"error: {item.path}: {error}")
                failed = True
                continue
        counts["written"] += 1
        if not quiet:
            echo(f"{verb}: {item.path} ({merged})")
    if not quiet:
        said = "to write" if dry_run else "written"
        echo(
            f"{plural(len(planned), 'agent')} into {config.source}: {counts['written']:,} {said}, "
            f"{counts['unchanged']:,} unchanged, {counts['refused']:,} refused, "
            f"{plural(counts['conflicts'], 'conflict')}"
        )
        if counts["written"] and not dry_run:
            echo(
                "next: agentmorph sync --dry-run. The tool files read here are kept; where the "
                "imported agent writes one differently, sync refuses to replace it until you "
                "run 'agentmorph sync --force'"
            )
    return EXIT_FAILED if failed else EXIT_OK
