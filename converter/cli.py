"""The `agentmorph` command line: the only module that prints or exits.

Every library error maps to an exit code through one table (README, "Exit codes"):
0 ok; 1 an input failed, --check found changes, or a merge has conflicts; 2 usage;
3 warnings under --strict; 70 an internal error (a bug; please report it).
"""

import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

if TYPE_CHECKING:
    from converter.batch import Result

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STRICT, EXIT_INTERNAL = 0, 1, 2, 3, 70


def main() -> None:
    """Console-script entry point."""
    # `--version` answers before typer loads, so hooks and scripts that probe us stay fast.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from converter._version import __version__

        sys.stdout.write(f"agentmorph {__version__}\n")
        return
    _interrupt_on_sigterm()
    try:
        fast = fast_convert_arguments(sys.argv[1:])
        if fast is not None:
            sys.exit(run_convert(fast))
        app = build_app()  # type: ignore[no-untyped-call]
        app(prog_name="agentmorph")
    except KeyboardInterrupt:
        sys.stderr.write("agentmorph: interrupted\n")
        sys.exit(130)


def _interrupt_on_sigterm() -> None:
    """SIGTERM stops a batch like Ctrl-C: the file being written is dropped, none is partial."""
    import contextlib
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # not the main thread, or a platform without SIGTERM: nothing to install
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGTERM, interrupt)


def build_app():  # type: ignore[no-untyped-def]  # typer's app type is not exported stably
    import typer

    app = typer.Typer(
        name="agentmorph",
        help="Convert AI coding-agent definitions between formats and tools without losing "
        "anything, and merge variants of one agent.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def show_version(value: bool) -> None:
        if value:
            from converter._version import __version__

            typer.echo(f"agentmorph {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(
                "--version", "-V", callback=show_version, is_eager=True, help="Show the version."
            ),
        ] = False,
    ) -> None:
        """Convert AI coding-agent definitions between formats and tools without losing anything.

        Examples:

          agentmorph convert agent.md --to json

          agentmorph convert .claude/agents -o out --to toml

          agentmorph formats
        """

    @app.command()
    def convert(
        sources: Annotated[
            list[str],
            typer.Argument(
                metavar="SRC",
                help="Files, folders (recursive), or - for stdin.",
                show_default=False,
            ),
        ],
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                "-t",
                metavar="FMT",
                help="Output format (see 'agentmorph formats'); default: from -o's file name.",
            ),
        ] = None,
        from_format: Annotated[
            str | None,
            typer.Option(
                "--from",
                "-f",
                metavar="FMT",
                help="Input format; default: detected from name, then content.",
            ),
        ] = None,
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="OUT",
                help="Output file (one input) or folder (mirrors the input tree). Default: stdout.",
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite existing output files.")
        ] = False,
        strict: Annotated[
            bool,
            typer.Option(
                "--strict", help="Treat warnings as errors: write nothing for such inputs, exit 3."
            ),
        ] = False,
        check: Annotated[
            bool,
            typer.Option(
                "--check",
                help="Write nothing; exit 1 if an output would change "
                "(without -o: compare with the input).",
            ),
        ] = False,
        normalize: Annotated[
            bool,
            typer.Option(
                "--normalize",
                help="Write the canonical form instead of keeping the source's layout.",
            ),
        ] = False,
        sections: Annotated[
            str,
            typer.Option(
                "--sections",
                metavar="STYLE",
                help="Prompt sections: auto (tags for xml, else as read), keep, "
                "markdown (## headings) or xml (<tags>).",
            ),
        ] = "auto",
        name: Annotated[
            str | None,
            typer.Option(
                "--name",
                metavar="NAME",
                help="Name for an input that has none (stdin, a bare prompt).",
            ),
        ] = None,
        max_size: Annotated[
            int, typer.Option("--max-size", metavar="BYTES", help="Largest input file to read.")
        ] = 16 * 1024 * 1024,
        max_nodes: Annotated[
            int,
            typer.Option(
                "--max-nodes", metavar="N", help="Most YAML values after alias expansion."
            ),
        ] = 100_000,
        max_depth: Annotated[
            int, typer.Option("--max-depth", metavar="N", help="Deepest YAML nesting.")
        ] = 64,
        jobs: Annotated[
            str,
            typer.Option(
                "--jobs",
                "-j",
                metavar="N",
                help="Processes converting a folder: a number, or auto (one per CPU, at most 8, "
                "for 200 inputs or more). Results and order are the same; 1 converts in "
                "this process.",
            ),
        ] = "auto",
        report: Annotated[
            str | None,
            typer.Option(
                "--report",
                metavar="json",
                help="Print a JSON report of every input and diagnostic to stdout (with -o).",
            ),
        ] = None,
        verbose: Annotated[
            bool, typer.Option("--verbose", "-v", help="Also show notes (info diagnostics).")
        ] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Show errors only.")] = False,
        debug: Annotated[
            bool, typer.Option("--debug", help="Show a traceback for internal errors.")
        ] = False,
    ) -> None:
        """Convert agents between formats.

        Examples:

          agentmorph convert reviewer.md --to json            # to stdout

          agentmorph convert reviewer.md -o reviewer.toml     # format from the name

          agentmorph convert agents/ -o out/ --to json        # a whole tree

          cat a.md | agentmorph convert - --to json --name a

          agentmorph convert agent.md --to xml                # ## Headings become <tags>

          agentmorph convert agent.xml --to markdown --sections markdown

          agentmorph convert agents/ --to markdown --normalize --check

          agentmorph convert big-collection/ -o out/ --to json --jobs 4
        """
        arguments = ConvertArguments(
            sources=sources, to=to, from_format=from_format, output=output, force=force,
            strict=strict, check=check, normalize=normalize, sections=sections, name=name,
            max_size=max_size, max_nodes=max_nodes, max_depth=max_depth, jobs=jobs, report=report, verbose=verbose, quiet=quiet, debug=debug,
        )  # fmt: skip
        raise typer.Exit(run_convert(arguments))

    @app.command()
    def merge(
        sources: Annotated[
            list[str],
            typer.Argument(
                metavar="SRC", help="Variant files or folders (any format).", show_default=False
            ),
        ],
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="OUT",
                help="Write the merged agent here (default: stdout).",
            ),
        ] = None,
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                "-t",
                metavar="FMT",
                help="Output format (default: from -o's name, else markdown).",
            ),
        ] = None,
        from_format: Annotated[
            str | None,
            typer.Option(
                "--from",
                "-f",
                metavar="FMT",
                help="Input format for every variant (default: detected).",
            ),
        ] = None,
        min_support: Annotated[
            str,
            typer.Option(
                "--min-support",
                metavar="N|majority",
                help="Keep items that N variants (or a majority) carry.",
            ),
        ] = "1",
        prefer: Annotated[
            str | None,
            typer.Option(
                "--prefer",
                metavar="SRC",
                help="Settle every conflict with this variant's values (path, name or stem).",
            ),
        ] = None,
        tools: Annotated[
            str,
            typer.Option(
                "--tools",
                metavar="union|intersect",
                help="Merge tool lists as a union (default) or an intersection.",
            ),
        ] = "union",
        report_file: Annotated[
            str | None,
            typer.Option(
                "--report",
                metavar="FILE",
                help="Write the merge report as JSON to FILE (- for stdout).",
            ),
        ] = None,
        annotate: Annotated[
            bool,
            typer.Option(
                "--annotate",
                help="Write each section's and item's support and sources as HTML comments.",
            ),
        ] = False,
        item_threshold: Annotated[
            float,
            typer.Option(
                "--item-threshold",
                metavar="0..1",
                help="Similarity at which two items are the same point.",
            ),
        ] = 0.70,
        section_threshold: Annotated[
            float,
            typer.Option(
                "--section-threshold",
                metavar="0..1",
                help="Score at which two sections are aligned.",
            ),
        ] = 0.55,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite an existing output file.")
        ] = False,
        quiet: Annotated[
            bool, typer.Option("--quiet", "-q", help="Show errors and conflicts only.")
        ] = False,
    ) -> None:
        """Merge several variants of one agent into one canonical agent.

        Sections are aligned by meaning, near-duplicate items kept once (the most complete
        phrasing), metadata settled by documented rules. A conflict that no rule settles
        (two models, no majority) exits 1 and writes nothing; --prefer settles it.

        Examples:

          agentmorph merge variants/ -o backend-developer.md

          agentmorph merge a.md b.md c.md --min-support majority --report report.json

          agentmorph merge a.md b.toml --prefer a.md --to json
        """
        from converter import api, batch, merge_report, textio
        from converter.diagnostics import Diagnostics
        from converter.errors import ConverterError, UsageError
        from converter.merge_engine import MergeOptions, Variant
        from converter.merge_engine import merge as run_merge
        from converter.registry import default_registry

        registry = default_registry()
        try:
            support: int | str = "majority" if min_support == "majority" else _positive(min_support)
            if tools not in ("union", "intersect"):
                raise UsageError(f"--tools takes union or intersect, not {tools!r}")
            target = registry.get(to or (_format_from_output(output) if output else "markdown"))
            settings = batch.Settings(
                target=target, source_format=registry.get(from_format) if from_format else None
            )
            jobs, _, _ = batch.expand(sources, registry)
            if not jobs:
                raise UsageError(
                    "no variants to merge", hint="name files, or folders that hold agent files"
                )
        except ConverterError as error:
            _fail(error)
        stdin = sys.stdin.buffer.read() if batch.STDIN in sources else None
        variants, failed = [], False
        for job in jobs:
            diags = Diagnostics(job.shown)
            try:
                agent, _ = batch.read_job(job, settings, registry, stdin, diags)
                variants.append(Variant(job.shown, agent))
            except ConverterError as error:
                _echo_err(error.with_path(job.shown).render())
                failed = True
            for note in diags.warnings if not quiet else []:
                _echo_err(note.render())
        if failed:
            _echo_err("merge: some variants could not be read; nothing written")
            raise typer.Exit(EXIT_FAILED)
        try:
            options = MergeOptions(
                min_support=support,  # type: ignore[arg-type]  # checked above
                item_threshold=item_threshold,
                section_threshold=section_threshold,
                tools=tools,  # type: ignore[arg-type]  # checked above
                prefer=prefer,
                annotate=annotate,
            )
            result = run_merge(variants, options)
            text = api.write_with(target, result.agent)
            api.check_round_trip(target, result.agent, text, path=output)
        except ConverterError as error:
            _fail(error)
        lines = merge_report.summary(result.report, result.agent.name)
        if sys.stderr.isatty() and not quiet:
            lines += ["", *merge_report.outline(result.report)]
        for line in lines if not quiet else [line for line in lines if line.startswith("CONFLICT")]:
            _echo_err(line)
        if report_file:
            _write_report(report_file, merge_report.to_json(result.report), force)
        if not result.clean:
            count = len(result.report.conflicts)
            _echo_err(
                f"{count} conflict(s); nothing written. Settle them with --prefer SRC, or edit a variant."
            )
            raise typer.Exit(EXIT_FAILED)
        if output is None:
            sys.stdout.write(text)
        else:
            try:
                from pathlib import Path

                textio.atomic_write(Path(output), text.encode("utf-8"), overwrite=force)
            except ConverterError as error:
                _fail(error)
            if not quiet:
                _echo_err(f"wrote {output}")

    @app.command()
    def diff(
        old: Annotated[str, typer.Argument(metavar="A", help="The first agent (any format).")],
        new: Annotated[str, typer.Argument(metavar="B", help="The second agent (any format).")],
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the differences as JSON.")
        ] = False,
    ) -> None:
        """Show how two agents differ, field by field and section by section (not a text diff).

        Exit 0 when they are the same agent, 1 when they differ.

        Examples:

          agentmorph diff .claude/agents/reviewer.md reviewer.toml

          agentmorph diff a.md b.md --json
        """
        import json

        from converter.api import load
        from converter.diffing import model_diff, render_diff
        from converter.errors import ConverterError

        try:
            difference = model_diff(load(old), load(new))
        except ConverterError as error:
            _fail(error)
        if as_json:
            sys.stdout.write(json.dumps(difference, indent=2, ensure_ascii=False) + "\n")
        else:
            for line in render_diff(difference) or ["no difference"]:
                sys.stdout.write(line + "\n")
        raise typer.Exit(EXIT_FAILED if difference else EXIT_OK)

    @app.command()
    def validate(
        sources: Annotated[
            list[str],
            typer.Argument(metavar="SRC", help="Agent files or folders.", show_default=False),
        ],
        target: Annotated[
            str | None,
            typer.Option(
                "--target",
                metavar="TOOL",
                help="Check against this tool's rules (default: each file's own format).",
            ),
        ] = None,
        from_format: Annotated[
            str | None,
            typer.Option("--from", "-f", metavar="FMT", help="Input format (default: detected)."),
        ] = None,
        quiet: Annotated[
            bool, typer.Option("--quiet", "-q", help="Print only the issues.")
        ] = False,
    ) -> None:
        """Check agent files against a tool's rules; report every issue with its line.

        Exit 0 when every file passes, 1 when any breaks a rule or cannot be read.

        Examples:

          agentmorph validate .claude/agents

          agentmorph validate agents/reviewer.md --target gemini
        """
        from converter import batch
        from converter.diagnostics import Diagnostics
        from converter.errors import ConverterError
        from converter.registry import default_registry

        registry = default_registry()
        try:
            rules_of = registry.get(target) if target else None
            # with --target, files are read as that tool's files unless --from says otherwise
            settings = batch.Settings(
                target=rules_of or registry.get("json"),
                source_format=registry.get(from_format) if from_format else rules_of,
            )
            jobs, _, _ = batch.expand(sources, registry)
        except ConverterError as error:
            _fail(error)
        stdin = sys.stdin.buffer.read() if batch.STDIN in sources else None
        problems = failed = 0
        for job in jobs:
            diags = Diagnostics(job.shown)
            try:
                agents, _ = batch.read_agents(job, settings, registry, stdin, diags)
            except ConverterError as error:
                _echo_err(error.with_path(job.shown).render())
                failed += 1
                continue
            for agent in agents:
                checker = rules_of or registry.get(
                    agent.provenance.format
                    if agent.provenance and agent.provenance.format
                    else "json"
                )
                found = Diagnostics(job.shown)
                checker.validate(agent, found)
                read_notes = [d for d in diags.warnings if d.code != "target-rule"]
                for note in [*read_notes, *found.items]:
                    _echo_err(note.render())
                problems += len(found)
        if not quiet:
            _echo_err(f"{len(jobs)} files checked: {problems} rule issues, {failed} unreadable")
        raise typer.Exit(EXIT_FAILED if problems or failed else EXIT_OK)

    @app.command()
    def formats() -> None:
        """List every format and target, with aliases, file patterns and the fields each carries."""
        from converter.registry import default_registry

        for fmt in default_registry():
            aliases = ", ".join(fmt.aliases) or "-"
            patterns = " ".join(fmt.filenames) or "-"
            typer.echo(f"{fmt.name:<10} {fmt.summary}")
            typer.echo(f"{'':<10} aliases: {aliases}; files: {patterns}")
            typer.echo(f"{'':<10} carries: {', '.join(sorted(fmt.carries))}")

    @app.command()
    def schema() -> None:
        """Print the JSON Schema of the canonical agent model (what --to json writes)."""
        import json

        from converter.canonical import json_schema

        typer.echo(json.dumps(json_schema(), indent=2))

    return app


def _positive(text: str) -> int:
    from converter.errors import UsageError

    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--min-support takes a whole number from 1, or 'majority'; not {text!r}")
    return int(text)


def _write_report(target: str, report: object, force: bool) -> None:
    import json

    from converter import textio

    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        from pathlib import Path

        textio.atomic_write(Path(target), text.encode("utf-8"), overwrite=True)


class ConvertArguments:
    """The `convert` command's options, filled by typer or by the fast path below.

    A plain class rather than a dataclass: importing `dataclasses` costs start-up time.
    """

    sources: list[str]
    to: str | None = None
    from_format: str | None = None
    output: str | None = None
    force: bool = False
    strict: bool = False
    check: bool = False
    normalize: bool = False
    sections: str = "auto"
    name: str | None = None
    max_size: int = 16 * 1024 * 1024
    max_nodes: int = 100_000
    max_depth: int = 64
    jobs: str = "auto"
    report: str | None = None
    verbose: bool = False
    quiet: bool = False
    debug: bool = False

    def __init__(self, sources: list[str], **options: Any) -> None:
        self.sources = sources
        for key, value in options.items():
            if not hasattr(type(self), key):
                raise TypeError(f"unknown convert option {key!r}")
            setattr(self, key, value)


def run_convert(arguments: ConvertArguments) -> int:
    """The `convert` command; returns the exit code."""
    from converter import batch
    from converter.errors import ConverterError, UsageError
    from converter.registry import SECTION_POLICIES as POLICIES
    from converter.registry import ReadOptions, default_registry

    registry = default_registry()
    a = arguments
    try:
        if a.report not in (None, "json"):
            raise UsageError(f"--report takes 'json', not {a.report!r}")
        if a.sections not in POLICIES:
            raise UsageError(f"--sections takes {', '.join(POLICIES)}, not {a.sections!r}")
        workers = _workers(a.jobs)
        target = registry.get(a.to or _format_from_output(a.output))
        source_format = registry.get(a.from_format) if a.from_format else None
        the_plan = batch.plan(a.sources, a.output, registry, check=a.check)
        if a.report and the_plan.mode == "stdout" and not a.check:
            raise UsageError("--report json prints to stdout; write the output with -o")
    except ConverterError as error:
        _echo_err(error.render())
        return error.exit_code
    settings = batch.Settings(
        target=target,
        source_format=source_format,
        read_options=ReadOptions(name=a.name, max_nodes=a.max_nodes, max_depth=a.max_depth),
        normalize=a.normalize,
        sections=a.sections,
        force=a.force,
        strict=a.strict,
        check=a.check,
        max_bytes=a.max_size,
    )
    stdin = sys.stdin.buffer.read() if batch.STDIN in a.sources else None
    results = _run_with_progress(
        batch.run(the_plan, settings, registry, stdin, workers=workers), len(the_plan.jobs)
    )
    for note in the_plan.notes if not a.quiet else ():
        _echo_err(note.render())
    summary = len(the_plan.jobs) > 1 or a.check
    code = _report_results(
        results, verbose=a.verbose, quiet=a.quiet, debug=a.debug, summary=summary
    )
    if a.report:
        _print_json_report(results, target.name)
    return code


# The fast path: a plain `convert` call is parsed here, without loading typer (which costs
# several times the interpreter's own start-up). Anything else (help, an unknown or rare
# option, another command) goes to typer, which also owns every usage message.
_FAST_FLAGS = {
    "--force": "force", "--strict": "strict", "--check": "check", "--normalize": "normalize",
    "--verbose": "verbose", "-v": "verbose", "--quiet": "quiet", "-q": "quiet", "--debug": "debug",
}  # fmt: skip
_FAST_VALUES = {
    "--to": "to", "-t": "to", "--from": "from_format", "-f": "from_format", "--output": "output",
    "-o": "output", "--sections": "sections", "--name": "name", "--report": "report", "--jobs": "jobs", "-j": "jobs",
}  # fmt: skip


def fast_convert_arguments(argv: list[str]) -> ConvertArguments | None:
    """`convert` arguments parsed without typer, or None when typer must handle them."""
    if not argv or argv[0] != "convert":
        return None
    values: dict[str, object] = {}
    sources: list[str] = []
    tokens = iter(argv[1:])
    for token in tokens:
        option, equals, attached = token.partition("=")
        if token == "--":
            sources.extend(tokens)
        elif token in _FAST_FLAGS:
            values[_FAST_FLAGS[token]] = True
        elif option in _FAST_VALUES and option.startswith("--") and equals:
            values[_FAST_VALUES[option]] = attached
        elif token in _FAST_VALUES:
            value = next(tokens, None)
            if value is None:
                return None
            values[_FAST_VALUES[token]] = value
        elif token.startswith("-") and token != "-":
            return None
        else:
            sources.append(token)
    return ConvertArguments(sources=sources, **values) if sources else None


def _workers(jobs: str) -> int:
    """--jobs as a number of processes: auto is one per usable CPU."""
    from converter.errors import UsageError

    if jobs.strip().lower() == "auto":
        from converter.parallel import default_workers

        return default_workers()
    if not jobs.strip().isdigit() or int(jobs) < 1:
        raise UsageError(f"--jobs takes a number of processes (1 or more) or auto, not {jobs!r}")
    return int(jobs)


def _format_from_output(output: str | None) -> str:
    from converter.errors import UsageError
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


def _run_with_progress(results: object, total: int) -> list["Result"]:
    from converter.batch import Result

    items: list[Result] = []
    iterator = iter(results)  # type: ignore[call-overload]
    try:
        if total > 1 and sys.stderr.isatty():
            import typer  # only for the bar: a one-file call never loads it

            with typer.progressbar(
                iterator, length=total, label="converting", file=sys.stderr
            ) as bar:
                for result in bar:
                    items.append(result)
        else:
            for result in iterator:
                items.append(result)
    except KeyboardInterrupt:
        # What was written stays (each file whole); the file in progress left nothing.
        written = sum(1 for r in items if r.destination and r.status == "written")
        _echo_err(
            f"agentmorph: interrupted after {len(items)} of {total} inputs ({written} written); no partial file left"
        )
        sys.exit(130)
    return items


def _report_results(
    results: list["Result"], *, verbose: bool, quiet: bool, debug: bool, summary: bool
) -> int:
    from converter.batch import Status
    from converter.diagnostics import Severity

    counts: dict[str, int] = {}
    warnings = 0
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
        for note in result.diagnostics:
            if note.severity is Severity.WARNING:
                warnings += 1
                if not quiet:
                    _echo_err(note.render())
            elif verbose:
                _echo_err(note.render())
        if result.error is not None:
            _echo_err(result.error.render())
            if debug and result.trace:
                _echo_err(result.trace)
        elif result.status is Status.PRINTED and result.text is not None:
            sys.stdout.write(result.text)
        elif result.status is Status.WOULD_CHANGE and not quiet:
            _echo_err(f"would change: {result.destination}")
        elif result.status is Status.REFUSED:
            _echo_err(f"{result.job.shown}: not written: warnings under --strict")
    if summary and not quiet:
        parts = [f"{n} {status}" for status, n in sorted(counts.items())]
        _echo_err(f"{len(results)} inputs: {', '.join(parts)}; {warnings} warnings")
    if any(r.error is not None and r.error.exit_code == EXIT_INTERNAL for r in results):
        return EXIT_INTERNAL
    if counts.get(Status.FAILED):
        return EXIT_FAILED
    if counts.get(Status.REFUSED):
        return EXIT_STRICT
    if counts.get(Status.WOULD_CHANGE):
        return EXIT_FAILED
    return EXIT_OK


def _print_json_report(results: list["Result"], target: str) -> None:
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
                # what the output could not carry as it was: translated, kept aside, or dropped
                "losses": [d.to_json() for d in r.diagnostics if str(d.code) in _LOSS_CODES],
            }
            for r in results
        ],
    }
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


_LOSS_CODES = frozenset(
    {"field-dropped", "field-in-extension", "model-unmapped", "tool-unmapped", "tools-widened",
     "tools-not-restricted", "name-changed", "value-derived", "sections-kept"}
)  # fmt: skip


def _echo_err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _fail(error: Exception) -> NoReturn:
    import typer

    from converter.errors import ConverterError

    assert isinstance(error, ConverterError)
    _echo_err(error.render())
    raise typer.Exit(error.exit_code)
