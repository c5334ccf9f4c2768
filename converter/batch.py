"""The `convert` command's engine: find inputs, map them to outputs, convert, write safely.

Yields one result per input so the CLI can show progress; it prints nothing itself. A failed
input never stops the batch and never leaves output behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePath

from converter import api, textio
from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import (
    ConverterError,
    InputError,
    InternalError,
    OutputError,
    SourceSpan,
    UsageError,
)
from converter.model import Agent
from converter.registry import Format, ReadOptions, Registry

STDIN = "-"


class Status(StrEnum):
    WRITTEN = "written"
    PRINTED = "printed"
    UNCHANGED = "unchanged"
    WOULD_CHANGE = "would-change"
    REFUSED = "refused"  # warnings under --strict: nothing written
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Job:
    """One input: where it is read from, how it is shown, and where its output goes."""

    source: Path | None  #: None for standard input
    shown: str
    #: the output's path relative to the output folder (folder mode), or None
    relative: PurePath | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    jobs: tuple[Job, ...]
    #: "stdout", "file" (-o FILE) or "folder" (-o DIR)
    mode: str
    output: Path | None
    notes: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    target: Format
    source_format: Format | None = None
    read_options: ReadOptions = field(default_factory=ReadOptions)
    normalize: bool = False
    #: the --sections policy (converter.restyle.POLICIES)
    sections: str = "auto"
    force: bool = False
    strict: bool = False
    check: bool = False
    max_bytes: int = textio.DEFAULT_MAX_BYTES
    verify: bool = True


@dataclass(frozen=True, slots=True)
class Result:
    job: Job
    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()
    error: ConverterError | None = None
    #: where the output went (a path), or None
    destination: str | None = None
    #: the converted text when it goes to stdout
    text: str | None = None
    #: a traceback for --debug when the error is a bug
    trace: str | None = None


def plan(sources: list[str], output: str | None, registry: Registry, *, check: bool) -> Plan:
    """Expand folders, decide the output mode, and refuse impossible combinations.

    Raises:
        UsageError: several inputs to stdout, a folder to one file, stdin given twice.
    """
    jobs, notes, folder_input = expand(sources, registry)
    single = len(sources) == 1 and not folder_input
    if output is None:
        if not single and not check:
            raise UsageError(
                "several inputs need an output folder",
                hint="add -o DIR (the input tree is mirrored there), or --check",
            )
        return Plan(tuple(jobs), "stdout", None, tuple(notes.items))
    out = Path(output)
    if single and not (out.is_dir() or output.endswith(("/", os.sep))):
        return Plan(tuple(jobs), "file", out, tuple(notes.items))
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {output}: several inputs need a folder, and this is a file")
    return Plan(tuple(jobs), "folder", out, tuple(notes.items))


def expand(sources: list[str], registry: Registry) -> tuple[list[Job], Diagnostics, bool]:
    """Inputs as jobs: folders walked (recursively), `-` as stdin; also: was a folder given?

    Raises:
        UsageError: stdin given twice.
    """
    notes = Diagnostics("<inputs>")
    jobs: list[Job] = []
    folder_input = False
    if sources.count(STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    for source in sources:
        if source == STDIN:
            jobs.append(Job(None, "<stdin>", PurePath("stdin")))
            continue
        path = Path(source)
        if path.is_dir():
            folder_input = True
            jobs.extend(_walk(path, registry, notes))
        else:
            jobs.append(Job(path, source, PurePath(path.name)))
    return jobs, notes, folder_input


def read_job(
    job: Job, settings: Settings, registry: Registry, stdin: bytes | None, diags: Diagnostics
) -> tuple[Agent, bytes]:
    """Read one input with its format (given, or detected); also return its bytes."""
    agents, data = read_agents(job, settings, registry, stdin, diags)
    return agents[0], data


def read_agents(
    job: Job, settings: Settings, registry: Registry, stdin: bytes | None, diags: Diagnostics
) -> tuple[list[Agent], bytes]:
    """Every agent of one input (a `.roomodes` file holds several); also its bytes."""
    if job.source is None:
        data, path = stdin or b"", None
    else:
        data, path = textio.read_bytes(job.source, settings.max_bytes), str(job.source)
    decoded = textio.decode(data, job.shown)
    source_format = settings.source_format or registry.detect(path, decoded.text)
    agents = api.read_many_with(
        source_format, decoded, path=job.shown if job.source else None,
        options=settings.read_options, diagnostics=diags,
    )  # fmt: skip
    if not agents:
        raise InputError("no agent in this input", span=SourceSpan(job.shown))
    return agents, data


def _walk(root: Path, registry: Registry, notes: Diagnostics) -> Iterator[Job]:
    """Every file under `root` that a format claims, sorted; links out of the tree skipped."""
    real_root = root.resolve()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != ".git")
        for name in sorted(files):
            path = Path(folder, name)
            relative = path.relative_to(root)
            if not registry.claims(str(relative)):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                notes.add(Code.SYMLINK_SKIPPED, f"{path}: a link out of {root}; skipped")
                continue
            yield Job(path, str(path), relative)


def run(
    the_plan: Plan,
    settings: Settings,
    registry: Registry,
    stdin: bytes | None = None,
    *,
    workers: int = 1,
) -> Iterator[Result]:
    """Convert every job of the plan, yielding results in order (one per agent written).

    With `workers` > 1 and a folder to write, conversions run in that many processes
    (converter.parallel); outputs are still claimed and written here, in order.
    """
    if workers > 1 and the_plan.mode == "folder" and stdin is None:
        from converter import parallel

        if parallel.available():
            yield from parallel.run(the_plan, settings, registry, workers)
            return
    claimed: set[Path] = set()
    for job in the_plan.jobs:
        for outcome in prepare(job, the_plan, settings, registry, stdin):
            yield commit(outcome, settings, claimed)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One agent converted in memory: what `commit` needs to claim its output and write it."""

    job: Job
    output: str
    destination: Path | None
    diagnostics: tuple[Diagnostic, ...]
    #: the input's bytes, for --check without an output (compared with the input itself)
    data: bytes | None = None


def prepare(
    job: Job, the_plan: Plan, settings: Settings, registry: Registry, stdin: bytes | None
) -> list[Prepared | Result]:
    """Read one input and convert each of its agents in memory; a failure is one result.

    Touches no output: safe to run in a worker process. Every agent of the input is
    converted before any is written, so a failed input leaves nothing behind.
    """
    try:
        return [*_prepare_all(job, the_plan, settings, registry, stdin)]
    except Exception as error:  # ConverterError: the input's fault; anything else: a bug
        return [_failure(job, error)]


def commit(outcome: Prepared | Result, settings: Settings, claimed: set[Path]) -> Result:
    """Claim the output of a prepared agent and write it (or check or refuse it)."""
    if isinstance(outcome, Result):
        return outcome
    try:
        return _commit_one(outcome, settings, claimed)
    except Exception as error:
        return _failure(outcome.job, error, outcome.diagnostics)


def _failure(job: Job, error: Exception, found: tuple[Diagnostic, ...] = ()) -> Result:
    if isinstance(error, ConverterError):
        return Result(job, Status.FAILED, found, error=error.with_path(job.shown))
    internal = InternalError(
        f"unexpected {type(error).__name__}: {error}; please report this",
        span=SourceSpan(job.shown),
    )
    import traceback

    trace = "".join(traceback.format_exception(error))
    return Result(job, Status.FAILED, found, error=internal, trace=trace)


def _prepare_all(
    job: Job, the_plan: Plan, settings: Settings, registry: Registry, stdin: bytes | None
) -> list[Prepared]:
    diags = Diagnostics(job.shown)
    agents, data = read_agents(job, settings, registry, stdin, diags)
    if len(agents) > 1 and the_plan.mode != "folder":
        raise UsageError(
            f"{len(agents)} agents in one input need an output folder",
            span=SourceSpan(job.shown),
            hint="add -o DIR: each agent gets its own file",
        )
    prepared = []
    for agent in agents:
        prepared.append(
            _prepare_one(job, agent, data, diags, the_plan, settings, many=len(agents) > 1)
        )
        diags = Diagnostics(job.shown)
    return prepared


def _prepare_one(
    job: Job,
    agent: Agent,
    data: bytes,
    diags: Diagnostics,
    the_plan: Plan,
    settings: Settings,
    *,
    many: bool,
) -> Prepared:
    diags.path = job.shown
    if _may_restyle(agent, settings):
        from converter.restyle import apply_policy

        agent = apply_policy(agent, settings.target.name, settings.sections, diags)
    output = api.write_with(settings.target, agent, normalize=settings.normalize, diagnostics=diags)
    if settings.verify:
        api.check_round_trip(settings.target, agent, output, path=job.shown, diagnostics=diags)
    destination = _destination(job, agent, the_plan, settings.target, many=many)
    kept = data if destination is None else None
    return Prepared(job, output, destination, tuple(diags.items), kept)


def _commit_one(prepared: Prepared, settings: Settings, claimed: set[Path]) -> Result:
    job, output, destination, found = (
        prepared.job,
        prepared.output,
        prepared.destination,
        prepared.diagnostics,
    )
    if destination is not None:
        if destination in claimed:
            raise OutputError(
                f"two inputs map to the output {destination}; this one is not written",
                span=SourceSpan(job.shown),
            )
        claimed.add(destination)
    if settings.check:
        return _check(job, prepared.data or b"", output, destination, found)
    if settings.strict and any(d.severity is Severity.WARNING for d in found):
        return Result(job, Status.REFUSED, found, destination=str(destination or "-"))
    if destination is None:
        return Result(job, Status.PRINTED, found, text=output)
    textio.atomic_write(destination, output.encode("utf-8"), overwrite=settings.force)
    return Result(job, Status.WRITTEN, found, destination=str(destination))


def _may_restyle(agent: Agent, settings: Settings) -> bool:
    """Whether --sections can change this agent (so the section machinery loads only then)."""
    if settings.sections == "keep":
        return False
    if settings.sections != "auto" or settings.target.name == "xml":
        return True
    return "sections" in agent.extensions.get("agentmorph", {})


def _destination(
    job: Job, agent: Agent, the_plan: Plan, target: Format, *, many: bool
) -> Path | None:
    if the_plan.mode == "stdout" or the_plan.output is None:
        return None
    if the_plan.mode == "file":
        return the_plan.output
    from converter.targets import file_name

    relative = (job.relative or PurePath("stdin")).with_suffix(target.extension)
    if target.layout:
        # The tool's own layout (DIR/.codex/agents/NAME.toml); the agent's name is made a
        # plain file name first, so it can never choose a path.
        relative = PurePath(target.layout.format(name=file_name(agent.name)))
    elif many:
        relative = relative.parent / (file_name(agent.name) + target.extension)
    # An output path never leaves its folder, whatever the input tree or names say. The
    # relative path comes from our own folder walk, a layout or a cleaned name, so a lexical
    # check is enough (and saves a resolve() per file).
    if relative.is_absolute() or relative.drive or ".." in relative.parts:
        raise OutputError(
            f"output path {relative} would leave {the_plan.output}", span=SourceSpan(job.shown)
        )
    return the_plan.output / relative


def _check(
    job: Job, data: bytes, output: str, destination: Path | None, found: tuple[Diagnostic, ...]
) -> Result:
    """--check: compare with the existing output, or with the input itself (no -o)."""
    if destination is None:
        current: bytes | None = data
    elif destination.exists():
        current = textio.read_bytes(destination)
    else:
        current = None
    same = current is not None and current == output.encode("utf-8")
    status = Status.UNCHANGED if same else Status.WOULD_CHANGE
    return Result(job, status, found, destination=str(destination) if destination else job.shown)
