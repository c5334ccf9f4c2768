"""The `convert` command: options checked, the batch run with a progress bar, results told."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from converter.cli.report import Report, echo, known_codes, out, registry_notes, set_color
from converter.cli.spec import Arguments
from converter.diagnostics import Code
from converter.errors import ConverterError, UsageError
from converter.options import SECTION_POLICIES, ReadOptions

if TYPE_CHECKING:
    from collections.abc import Sequence

    from converter.io.batch import Plan, Result


def run_convert(a: Arguments) -> int:
    """The `convert` command; returns the exit code."""
    from converter.io import batch
    from converter.registry import default_registry

    registry = default_registry()
    try:
        set_color(a.color)
        ignore = known_codes(a.ignore)
        if a.report not in (None, "json"):
            raise UsageError(f"--report takes 'json', not {a.report!r}")
        if a.sections not in SECTION_POLICIES:
            raise UsageError(f"--sections takes {', '.join(SECTION_POLICIES)}, not {a.sections!r}")
        workers = workers_from(a.jobs)
        target = registry.get(a.to or format_from_output(a.output))
        source_format = registry.get(a.from_format) if a.from_format else None
        collects = bool(getattr(target, "collects", False))
        the_plan = batch.plan(
            a.sources, a.output, registry,
            check=a.check, collects=collects, extension=target.extension,
        )  # fmt: skip
        if a.include or a.exclude:
            the_plan = only_selected(the_plan, a.include or (), a.exclude or ())
        if a.report and the_plan.mode == "stdout" and not a.check:
            raise UsageError(
                "--report json prints to stdout: write the output to a file or folder (-o FILE or -o DIR, not -)"
            )
        stdin = read_stdin(a.max_size) if batch.STDIN in a.sources else None
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    settings = batch.Settings(
        target=target,
        source_format=source_format,
        read_options=ReadOptions(name=a.name, max_nodes=a.max_nodes, max_depth=a.max_depth),
        normalize=a.normalize,
        sections=a.sections,
        force=a.force,
        in_place=a.in_place,
        strict=a.strict,
        check=a.check,
        max_bytes=a.max_size,
        diff=a.diff,
    )
    report = Report(verbose=a.verbose, quiet=a.quiet, debug=a.debug, ignore=ignore)
    for note in the_plan.notes:
        report.walk_note(note)
    total = len(the_plan.jobs)
    results = with_progress(
        lambda tick: batch.run(the_plan, settings, registry, stdin, workers=workers, progress=tick),
        total,
        quiet=a.quiet,
    )
    for result in results:
        report.result(result)
    report.closing(total, summary=total > 1 or a.check or bool(report.passed_over))
    registry_notes()
    if a.report:
        print_json_report(results, target.name)
    return report.exit_code


def only_selected(the_plan: Plan, include: Sequence[str], exclude: Sequence[str]) -> Plan:
    """The plan's folder inputs filtered by --include/--exclude (a file named on the command
    line is always kept).

    Raises:
        InputError: nothing is left.
    """
    from converter.errors import InputError
    from converter.io.inputs import selected

    kept = tuple(
        job
        for job in the_plan.jobs
        if not job.walked
        or job.relative is None
        or selected(job.relative.as_posix(), include, exclude)
    )
    if not kept:
        raise InputError("no input file matches --include/--exclude")
    return the_plan._replace(jobs=kept)


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, read in chunks up to the size limit (and interruptible)."""
    from converter.io.textio import read_stream

    return read_stream(sys.stdin.buffer, max_bytes)


def workers_from(jobs: str) -> int:
    """--jobs as a number of processes: auto is one per usable CPU."""
    if jobs.strip().lower() == "auto":
        from converter.io.parallel import default_workers

        return default_workers()
    if not jobs.strip().isdigit() or int(jobs) < 1:
        raise UsageError(f"--jobs takes a number of processes (1 or more) or auto, not {jobs!r}")
    return int(jobs)


def format_from_output(output: str | None) -> str:
    from converter.registry import default_registry

    if output:
        for fmt in default_registry():
            if any(
                pattern.startswith("*.") and output.endswith(pattern[1:])
                for pattern in fmt.filenames
            ):
                return fmt.name
    raise UsageError(
        "say which format to write with --to FMT",
        hint="e.g. --to json; 'agentmorph formats' lists them",
    )


def with_progress(run: Any, total: int, *, quiet: bool) -> list[Result]:
    """Run a batch with a progress bar on a terminal (not with -q); Ctrl-C says what was done.

    `run(tick)` returns the results; `tick()` is called once per input converted.
    """
    items: list[Result] = []
    bar: Any = None
    try:
        if total > 1 and sys.stderr.isatty() and not quiet:
            import typer  # only for the bar: a one-file call never loads it

            with typer.progressbar(length=total, label="converting", file=sys.stderr) as bar:
                items.extend(run(lambda: bar.update(1)))
        else:
            items.extend(run(None))
    except KeyboardInterrupt:
        # What was written stays (each file whole); the file in progress left nothing.
        written = sum(1 for r in items if r.destination and r.status == "written")
        echo(
            f"agentmorph: interrupted after {len(items)} of {total} inputs "
            f"({written} written); no partial file left"
        )
        sys.exit(130)
    return items


def print_json_report(results: list[Result], target: str) -> None:
    import json

    report = {
        "target": target,
        "inputs": [
            {
                "input": r.job.shown,
                "output": r.destination,
                "status": str(r.status),
                "error": r.error.render() if r.error else None,
                "diagnostics": [d.to_json() for d in r.diagnostics],
                "losses": [d.to_json() for d in r.diagnostics if d.code in LOSS_CODES],
            }
            for r in results
        ],
    }
    out(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


#: what the output could not carry as it was: translated, kept aside, or dropped
LOSS_CODES = frozenset(
    {
        Code.FIELD_DROPPED, Code.FIELD_IN_EXTENSION, Code.MODEL_UNMAPPED, Code.TOOL_UNMAPPED,
        Code.TOOLS_WIDENED, Code.TOOLS_NOT_RESTRICTED, Code.NAME_CHANGED, Code.VALUE_DERIVED,
        Code.SECTIONS_KEPT,
    }
)  # fmt: skip
