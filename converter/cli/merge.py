"""The `merge` command: check where it may write, merge, tell the decisions, write."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from converter.cli.convert import read_stdin, workers_from
from converter.cli.report import EXIT_FAILED, EXIT_OK, Report, echo, out, plural
from converter.cli.spec import Arguments
from converter.diagnostics import Diagnostics
from converter.errors import ConverterError, OutputError, SourceSpan, UsageError
from converter.io.destinations import in_folder, names_folder
from converter.io.plan import refuse_configuration
from converter.options import ReadOptions

if TYPE_CHECKING:
    from converter.io.policy import OutputPolicy
    from converter.merging import MergeOptions, MergeResult
    from converter.merging.files import MergeRun
    from converter.model import Agent
    from converter.registry import Format


def run_merge(a: Arguments) -> int:
    """The `merge` command; returns the exit code."""
    from converter import api

    report = Report(quiet=a.quiet)
    try:
        check_writes(a)
        run, target = _merge(a)
    except ConverterError as error:
        echo(error.render())
        return error.exit_code
    for note in run.diagnostics:
        report.diagnostic(note)
    for failure in run.failures:
        report.error(failure)
    if run.result is None:
        echo(f"merge: {plural(len(run.failures), 'variant')} could not be read; nothing written")
        return EXIT_FAILED
    result = run.result
    # what writing the merged agent to the target loses or changes is said, as convert says
    # it (a tool target maps and drops; the self-check needs those notes too)
    try:
        output = _destination(a, result.agent, target)
        written = Diagnostics(output or "<stdout>")
        text = api.write_with(target, result.agent, diagnostics=written)
        api.check_writable(target, result.agent, text, output or "<stdout>")
        # a tool that names an agent by its file (OpenCode) reads the name from where the
        # output goes; on stdout there is no file, so the merged name stands in
        named = ReadOptions(name=result.agent.name)
        api.check_round_trip(
            target, result.agent, text, path=output, diagnostics=written, options=named
        )
        shared = _shares_a_file(target) and output not in (None, "-") and result.clean
        if shared and os.path.exists(str(output)):  # Roo's .roomodes: its other modes kept
            from converter.io.collect import combine_into

            parts = (text,)
            text, refused = combine_into(Path(str(output)), parts, target, replace_modes=a.force)
            written.items.extend(refused)
        for note in written:
            report.diagnostic(note)
        report.closing(0, summary=False)  # warnings told once by code (repaired headers)
        _tell(result, a.quiet)
        return _write_outputs(result, text, a, output, overwrite=a.force or shared)
    except ConverterError as error:
        echo(error.render())
        return error.exit_code


def check_writes(a: Arguments) -> None:
    """Every file this command writes is checked before anything is read: never an input,
    never over an existing file without --force, never -o and --report the same file.

    Raises:
        OutputError: a write the output policy refuses.
    """
    from converter.io.inputs import STDIN
    from converter.io.policy import OutputPolicy

    policy = OutputPolicy.of((Path(s) for s in a.sources if s != STDIN), force=a.force)
    writes = [Path(p) for p in (a.output, a.report) if p not in (None, "-")]
    if len(writes) == 2 and writes[0] == writes[1]:
        raise UsageError("-o and --report name the same file")
    if a.report not in (None, "-") and names_folder(a.report):
        raise UsageError(f"--report {a.report}: a folder; name the report's file")
    for path in writes:
        if path != Path(a.output or "-"):  # the report
            _check_write(policy, path, a.force)
        elif not names_folder(str(a.output)):  # (in a folder: checked once named, later)
            refuse_configuration(str(a.output))
            _check_write(policy, path, a.force or _shares_a_file(_target(a)))


def _target(a: Arguments) -> Format:
    from converter.merging.files import output_format
    from converter.registry import default_registry

    return output_format(default_registry(), a.to, a.output)


def _shares_a_file(target: Format) -> bool:
    """Roo keeps every mode of a project in one file: the merged mode goes into the file
    there, its other modes kept (a mode of the same name replaced only with --force), as
    `convert` writes into it; not over it."""
    return bool(getattr(target, "collects", False))


def _check_write(policy: OutputPolicy, path: Path, force: bool) -> None:
    policy.check(path)
    if os.path.lexists(path) and not force:
        raise OutputError(
            "output exists; not overwritten", span=SourceSpan(str(path)), hint="use --force"
        )


def _destination(a: Arguments, agent: Agent, target: Format) -> str | None:
    """Where the merged agent goes: -o's file, or with -o DIR (a folder that is there, or
    a name ending in /) the file convert would write there for it, named after it
    (`DIR/NAME.md`, `DIR/.codex/agents/NAME.toml`), checked as -o is before reading."""
    if a.output in (None, "-") or not names_folder(a.output):
        return a.output
    from converter.io.inputs import STDIN
    from converter.io.policy import OutputPolicy

    found = in_folder(Path(a.output), agent, target)
    inputs = (Path(s) for s in a.sources if s != STDIN)  # and never out of DIR through a link
    policy = OutputPolicy.of(inputs, force=a.force, root=Path(a.output))
    _check_write(policy, found, a.force or _shares_a_file(target))
    return str(found)


def _merge(a: Arguments) -> tuple[MergeRun, Format]:
    from converter.io import batch
    from converter.io.inputs import STDIN
    from converter.merging.files import merge_files, output_format
    from converter.registry import default_registry

    registry = default_registry()
    target = output_format(registry, a.to, a.output)
    settings = batch.Settings(
        target=target,
        source_format=registry.get(a.from_format) if a.from_format else None,
        read_options=ReadOptions(max_nodes=a.max_nodes, max_depth=a.max_depth),
        max_bytes=a.max_size,
    )
    stdin = read_stdin(a.max_size) if STDIN in a.sources else None
    run = merge_files(a.sources, options(a), settings=settings, stdin=stdin, registry=registry)
    return run, target


def options(a: Arguments) -> MergeOptions:
    from converter.merging import MergeOptions

    for flag, value, top in (
        ("--item-threshold", a.item_threshold, 1.0),
        ("--section-threshold", a.section_threshold, 2.0),
    ):
        if not (math.isfinite(value) and 0.0 <= value <= top):
            raise UsageError(f"{flag} takes a number from 0 to {top:g}, not {value}")

    return MergeOptions(
        min_support=_support(a.min_support),
        item_threshold=a.item_threshold,
        section_threshold=a.section_threshold,
        tools=_tools(a.tools),
        prefer=a.prefer,
        annotate=a.annotate,
        name=a.name,
        max_examples=a.max_examples,
        semantic=a.semantic,
        jobs=workers_from(a.jobs),
        max_sections=a.max_sections,
    )


def _tell(result: MergeResult, quiet: bool) -> None:
    from converter.merging import report as merge_report

    lines = merge_report.summary(result.report, result.agent.name)
    if sys.stderr.isatty() and not quiet:
        lines += ["", *merge_report.outline(result.report)]
    for line in lines:
        if not quiet or line.startswith("CONFLICT"):
            echo(line)


def _write_outputs(
    result: MergeResult, text: str, a: Arguments, output: str | None, *, overwrite: bool
) -> int:
    from converter.merging import report as merge_report

    if a.report and (result.clean or a.report_on_failure):
        data = json.dumps(merge_report.to_json(result.report), indent=2, ensure_ascii=False)
        _write(a.report, data + "\n", a.force)
    if not result.clean:
        count = len(result.report.conflicts)
        if a.prefer:  # --prefer settles every field its variant sets: it sets none of these
            unset = ", ".join(sorted({c.field for c in result.report.conflicts}))
            echo(
                f"{plural(count, 'conflict')}; nothing written. {a.prefer} sets no {unset}: "
                "--prefer a variant that does, or edit a variant."
            )
            return EXIT_FAILED
        echo(
            f"{plural(count, 'conflict')}; nothing written. Settle them with --prefer SRC "
            "or --name NAME, or edit a variant."
        )
        return EXIT_FAILED
    if output is None:
        out(text)
        return EXIT_OK
    _write(output, text, overwrite)
    if not a.quiet:
        echo(f"wrote {output}")
    return EXIT_OK


def _write(path: str, text: str, force: bool) -> None:
    if path == "-":
        out(text)
        return
    from converter.io.textio import atomic_write

    atomic_write(Path(path), text.encode("utf-8"), overwrite=force)


def _support(text: str) -> int | Literal["majority"]:
    if text == "majority":
        return "majority"
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--min-support takes a whole number from 1, or 'majority'; not {text!r}")
    return int(text)


def _tools(text: str) -> Literal["union", "intersect", "inherit"]:
    if text == "union":
        return "union"
    if text == "intersect":
        return "intersect"
    if text == "inherit":
        return "inherit"
    raise UsageError(f"--tools takes union, intersect or inherit, not {text!r}")
