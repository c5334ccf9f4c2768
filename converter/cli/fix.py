"""The `fix` command, and `validate --for`: how tools read agent headers, and the repair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from converter.cli.report import EXIT_FAILED, EXIT_OK, Report, echo, out, plural, registry_notes
from converter.cli.spec import Arguments
from converter.errors import ConverterError
from converter.options import Limits

if TYPE_CHECKING:
    from converter.frontmatter.loaders import Reading


def run_fix(a: Arguments) -> int:
    """The `fix` command; returns the exit code."""
    from converter.io.fixing import FixStatus, fix_files, parse_tools

    report = Report(verbose=a.verbose, quiet=a.quiet)
    try:
        results, notes = fix_files(
            a.sources,
            tools=parse_tools(a.tools),
            check=a.check or a.dry_run,
            diff=a.diff,
            max_bytes=a.max_size,
            limits=Limits(a.max_size, a.max_nodes, a.max_depth),
        )
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    for note in notes:
        report.diagnostic(note)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
        if result.error is not None:
            report.error(result.error)
            continue
        if result.diff:
            out(result.diff)
        if result.status in (FixStatus.FIXED, FixStatus.WOULD_FIX) and not a.quiet:
            verb = "fixed" if result.status is FixStatus.FIXED else "would fix"
            what = ", ".join(result.keys) or "the header"
            echo(f"{verb}: {result.job.shown}: {what} ({_why(result.readings)})")
        elif result.status is FixStatus.SKIPPED and a.verbose:
            echo(f"skipped: {result.job.shown} (not a Markdown agent)")
        elif result.status is FixStatus.UNCHANGED and not a.quiet and _left(result.readings):
            # misread and not ours to change (a comment above the header): said, left
            echo(f"left: {result.job.shown}: {_left(result.readings)}; yours to change")
    if not a.quiet:
        parts = [f"{n:,} {status}" for status, n in sorted(counts.items())]
        echo(f"{plural(len(results), 'file')}: {', '.join(parts) or 'none'}")
    registry_notes()
    if report.internal:  # a bug met on some file (70), as convert says it
        return report.exit_code
    if report.failed or (a.check and counts.get(FixStatus.WOULD_FIX)):
        return EXIT_FAILED
    return EXIT_OK


def _left(readings: tuple[Reading, ...]) -> str:
    """Why a file fix leaves as it is is not read as meant ("" when it is)."""
    return next((r.detail for r in readings if r.verdict != "loads as meant"), "")


def _why(readings: tuple[Reading, ...]) -> str:
    said = []
    for reading in readings:
        if reading.verdict != "loads as meant":
            said.append(f"{reading.loader.tool} {reading.verdict.replace('loads but ', '')}")
        elif reading.detail:
            said.append(f"{reading.loader.tool} reads it only {reading.detail}")
    return "; ".join(said)


def run_validate_for(a: Arguments) -> int:
    """`validate --for TOOLS`: per file and tool, whether it reads the header as meant."""
    from converter.frontmatter.loaders import Verdict
    from converter.io.fixing import FixStatus, check_files, parse_tools

    report = Report()
    try:
        tools = parse_tools(a.tools)
        assert tools is not None
        results, notes = check_files(
            a.sources, tools, max_bytes=a.max_size,
            limits=Limits(a.max_size, a.max_nodes, a.max_depth),
        )  # fmt: skip
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    for note in notes:
        report.diagnostic(note)
    misread = 0
    for result in results:
        if result.error is not None:
            report.error(result.error)
            continue
        if result.status is FixStatus.SKIPPED:
            continue
        for reading in result.readings:
            loader = reading.loader
            detail = f": {reading.detail}" if reading.detail else ""
            echo(f"{result.job.shown}: {loader.tool} {loader.version}: {reading.verdict}{detail}")
            misread += reading.verdict is not Verdict.AS_MEANT
    if not a.quiet:
        echo(
            f"{plural(len(results), 'file')} checked: {plural(misread, 'reading')} not as meant, "
            f"{report.failed:,} unreadable"
        )
    return EXIT_FAILED if misread or report.failed else EXIT_OK
