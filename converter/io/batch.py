"""The `convert` command's engine: plan the outputs, convert every input, then write safely.

Every input is read and converted in memory (`prepare`; in worker processes for big
folders) and its output path decided; the outputs are written in input order (`commit`),
each checked first (never over an input, never outside `-o`). Two inputs for one output
are both refused. A batch that replaces no file writes each output as it comes
(converter/io/early.py: the writes overlap the conversions) and takes back a file that a
later input turns out to collide with; otherwise nothing is written before every input is
converted. A failed input never stops the batch and never leaves output behind. Nothing
here prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from converter import api
from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import (
    ConverterError,
    InputError,
    OutputError,
    SourceSpan,
    UsageError,
    unexpected,
)
from converter.io import textio
from converter.io.collect import collect, collects, combined, refuse_collisions
from converter.io.destinations import output_path
from converter.io.early import EarlyWrites, writes_early
from converter.io.inputs import STDIN, Job
from converter.io.not_agents import skipped
from converter.io.outcomes import Outcome, Packed, Prepared, Result, Status, pack, unpack
from converter.io.plan import Plan, plan
from converter.io.policy import OutputPolicy
from converter.model import Agent
from converter.options import MAX_BYTES, ReadOptions
from converter.registry import Format, Registry

__all__ = ["STDIN", "Job", "Plan", "Result", "Settings", "Status", "plan", "read_agents", "run"]

#: converted outputs held in memory before the plan is checked; past this, an output's text
#: is dropped and made again when it is written (memory stays bounded on huge batches)
HELD_BYTES = 256 * 1024 * 1024

E = TypeVar("E", bound=BaseException)


class Settings(NamedTuple):
    """What one `convert` run does to every input (its options, resolved)."""

    target: Format
    source_format: Format | None = None
    read_options: ReadOptions = ReadOptions()
    normalize: bool = False
    #: the --sections policy (converter.prompt.restyle.POLICIES)
    sections: str = "auto"
    force: bool = False
    #: an output may replace its own input (convert --in-place)
    in_place: bool = False
    strict: bool = False
    check: bool = False
    max_bytes: int = MAX_BYTES
    verify: bool = True
    #: a unified diff of each change goes with its result (--diff)
    diff: bool = False


def read_agents(
    job: Job, settings: Settings, registry: Registry, stdin: bytes | None, diags: Diagnostics
) -> tuple[list[Agent], bytes]:
    """Every agent of one input (a `.roomodes` file holds several); also its bytes."""
    if job.error is not None:
        raise job.error
    if job.source is None:
        data, path = stdin or b"", None
    else:
        data, path = textio.read_bytes(job.source, settings.max_bytes), str(job.source)
    if job.walked and textio.blank(data):
        # an empty `README.md` or `notes.md` in a project: nothing to convert, and no tool
        # loads an empty file as an agent; named on the command line it is an error
        diags.add(Code.INPUT_SKIPPED, "an empty file", severity=Severity.INFO)
        return [], data
    decoded = textio.decode(data, job.shown)
    source_format = settings.source_format or registry.detect(path, decoded.text)
    agents = api.read_many_with(
        source_format, decoded, path=job.shown if job.source else None,
        options=settings.read_options, diagnostics=diags,
    )  # fmt: skip
    if not agents and not job.walked:  # a walk passes over it (converter/io/not_agents.py)
        why = [d.message for d in diags if d.code in (Code.INPUT_SKIPPED, Code.TOOL_REFUSES)]
        raise InputError(
            "no agent in this input", span=SourceSpan(job.shown), hint="; ".join(why) or None
        )
    return agents, data


def run(
    the_plan: Plan,
    settings: Settings,
    registry: Registry,
    stdin: bytes | None = None,
    *,
    workers: int = 1,
    progress: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """Convert every job of the plan, then write; one result per agent, in input order.

    With `workers` > 1 and a folder to write, conversions run in that many processes
    (converter.io.parallel); the outputs are still checked and written here, in order.
    """
    policy = OutputPolicy.of(
        (job.source for job in the_plan.jobs if job.source is not None),
        force=settings.force,
        in_place=settings.in_place,
        root=the_plan.output if the_plan.mode == "folder" else None,
    )

    def prepare_job(number: int) -> list[Outcome]:
        return prepare(the_plan.jobs[number], the_plan, settings, registry, stdin)

    outcomes: list[Outcome] = []
    held = 0
    early = EarlyWrites() if writes_early(the_plan, settings) else None
    try:
        for found in _prepared(len(the_plan.jobs), prepare_job, workers, the_plan, stdin):
            for outcome in found:
                if early and isinstance(outcome, Prepared) and early.take(outcome, len(outcomes)):
                    outcome = commit(outcome, settings, policy)
                elif isinstance(outcome, Prepared) and outcome.output is not None:
                    held += len(outcome.output)
                    if held > HELD_BYTES and outcome.destination is not None:
                        outcome = outcome._replace(output=None)
                outcomes.append(outcome)
            if progress is not None:
                progress()
    except KeyboardInterrupt:
        if early:  # what was written stays: the caller says so
            yield from early.written(outcomes)
        raise
    if collects(settings.target):
        outcomes = collect(outcomes, settings.target)
    else:
        outcomes = early.undo(outcomes) if early else refuse_collisions(outcomes)
    for outcome in outcomes:
        if isinstance(outcome, Prepared) and outcome.output is None:
            outcome = _again(outcome, the_plan, settings, registry, stdin)
        result = commit(outcome, settings, policy)
        yield result
        for follower in outcome.followers if isinstance(outcome, Prepared) else ():
            yield result._replace(job=follower.job, diagnostics=follower.diagnostics)


def _prepared(
    count: int,
    prepare_job: Callable[[int], list[Outcome]],
    workers: int,
    the_plan: Plan,
    stdin: bytes | None,
) -> Iterator[list[Outcome]]:
    if workers > 1 and the_plan.mode == "folder" and stdin is None:
        from converter.io import parallel

        parent = os.getpid()

        def packed(number: int) -> list[Outcome | Packed]:
            found = prepare_job(number)
            if os.getpid() == parent:  # this process's own share crosses no pipe
                return list(found)
            return [pack(outcome) for outcome in found]

        from converter.frontmatter.header import load_full_readers

        found_in_order = parallel.map_in_order(count, packed, workers, load_full_readers)
        for number, found in enumerate(found_in_order):
            job = the_plan.jobs[number]
            yield [unpack(job, outcome) for outcome in found]
    else:
        yield from map(prepare_job, range(count))


def _again(
    dropped: Prepared, the_plan: Plan, settings: Settings, registry: Registry, stdin: bytes | None
) -> Outcome:
    """An output whose text was dropped to bound memory, converted again for writing."""
    for outcome in prepare(dropped.job, the_plan, settings, registry, stdin):
        if isinstance(outcome, Result) or outcome.position == dropped.position:
            return outcome
    return _failure(dropped.job, InputError("the input changed during the batch"))


def prepare(
    job: Job, the_plan: Plan, settings: Settings, registry: Registry, stdin: bytes | None
) -> list[Outcome]:
    """Read one input and convert each of its agents in memory; a failure is one result.

    Touches no output: safe to run in a worker process. Every agent of the input is
    converted before any is written, so a failed input leaves nothing behind.
    """
    try:
        return [*_prepare_all(job, the_plan, settings, registry, stdin)]
    except Exception as error:  # ConverterError: the input's fault; anything else: a bug
        return [_failure(job, error)]


def commit(outcome: Outcome, settings: Settings, policy: OutputPolicy) -> Result:
    """Write a prepared agent's output (or check or refuse it)."""
    if isinstance(outcome, Result):
        return outcome
    try:
        return _commit_one(outcome, settings, policy)
    except Exception as error:
        return _failure(outcome.job, error, outcome.diagnostics)


def _failure(job: Job, error: Exception, found: tuple[Diagnostic, ...] = ()) -> Result:
    if isinstance(error, ConverterError):
        if not isinstance(error, OutputError):  # an output error names the output already
            error = error.with_path(job.shown)
        return Result(job, Status.FAILED, found, error=_unwound(error))
    internal = unexpected(error, job.shown)
    import traceback

    trace = "".join(traceback.format_exception(error))
    _unwound(error)
    return Result(job, Status.FAILED, found, error=internal, trace=trace)


def _unwound(error: E) -> E:
    """The error without its traceback and the exception it replaced: a result keeps the
    error to the end of the batch, and its frames would keep that input's text, agent and
    output alive (10,000 inputs refused as "output exists": 228 MB at its peak, now 39 MB)."""
    error.__traceback__ = error.__context__ = error.__cause__ = None
    return error


def _prepare_all(
    job: Job, the_plan: Plan, settings: Settings, registry: Registry, stdin: bytes | None
) -> list[Outcome]:
    diags = Diagnostics(job.shown)
    agents, data = read_agents(job, settings, registry, stdin, diags)
    passed_over = skipped(job, agents, diags, registry)
    if passed_over is not None:
        return [passed_over]
    one_file = the_plan.mode == "stdout" or (
        the_plan.mode == "file" and not collects(settings.target)
    )
    if len(agents) > 1 and one_file:
        raise UsageError(
            f"{len(agents)} agents in one input need an output folder",
            span=SourceSpan(job.shown),
            hint="add -o DIR: each agent gets its own file"
            if the_plan.output is None
            else f"-o {the_plan.output} names one file; -o {the_plan.output}/ (a folder) gives "
            "each agent its own file",
        )
    prepared: list[Outcome] = []
    many = len(agents) > 1
    for index, agent in enumerate(agents):
        prepared.append(_prepare_one(job, agent, data, diags, the_plan, settings, index, many))
        diags = Diagnostics(job.shown)
    return prepared


def _prepare_one(
    job: Job,
    agent: Agent,
    data: bytes,
    diags: Diagnostics,
    the_plan: Plan,
    settings: Settings,
    index: int,
    many: bool,
) -> Prepared:
    diags.path = job.shown
    first_own = len(diags.items)
    if _may_restyle(agent, settings):
        from converter.prompt.restyle import apply_policy

        agent = apply_policy(agent, settings.target.name, settings.sections, diags)
    output = api.write_with(settings.target, agent, normalize=settings.normalize, diagnostics=diags)
    api.check_writable(settings.target, agent, output, job.shown)
    if settings.verify:
        api.check_round_trip(
            settings.target,
            agent,
            output,
            path=job.shown,
            diagnostics=diags,
            options=settings.read_options,
        )
    if many:  # one file of many agents (`.roomodes`): say which agent each note is about
        diags.items[first_own:] = [
            replace(d, message=f"{agent.name}: {d.message}") for d in diags.items[first_own:]
        ]
    destination = output_path(job, agent, the_plan, settings.target, many=many)
    kept = data if destination is None else None
    # a collected file holds each agent under the target's own key (Roo's slug: "C# Expert"
    # and "C++ Expert" are both 'c-expert'), which is what two agents must not share
    name = agent.name
    if collects(settings.target):
        name = settings.target.file_stem(agent) or name
    return Prepared(job, output, destination, tuple(diags.items), kept, index, name)


def _commit_one(prepared: Prepared, settings: Settings, policy: OutputPolicy) -> Result:
    job, output, destination = prepared.job, prepared.output or "", prepared.destination
    found = prepared.diagnostics
    if prepared.parts:
        output, said = combined(prepared, settings.target, replace_modes=settings.force)
        found += said
    if settings.check:
        return _check(job, prepared.data or b"", output, destination, found, diff=settings.diff)
    if settings.strict and any(d.severity is Severity.WARNING for d in found):
        return Result(job, Status.REFUSED, found, destination=str(destination or "-"))
    if destination is None:
        return Result(job, Status.PRINTED, found, text=output)
    overwrite = settings.force or (settings.in_place and policy.is_input(destination))
    overwrite = overwrite or bool(prepared.parts)  # merged with what was there
    policy.check(destination, replacing=overwrite)
    patch = None
    if settings.diff:
        from converter.io.patch import unified

        before = textio.read_bytes(destination) if destination.is_file() else None
        patch = unified(before, output.encode("utf-8"), str(destination))
    policy.write(destination, output.encode("utf-8"), overwrite=overwrite)
    return Result(job, Status.WRITTEN, found, destination=str(destination), diff=patch)


def _may_restyle(agent: Agent, settings: Settings) -> bool:
    """Whether --sections can change this agent (so the section machinery loads only then)."""
    if settings.sections == "keep":
        return False
    if settings.sections != "auto" or settings.target.name == "xml":
        return True
    return "sections" in agent.extensions.get("agentmorph", {})


def _check(
    job: Job,
    data: bytes,
    output: str,
    destination: Path | None,
    found: tuple[Diagnostic, ...],
    *,
    diff: bool = False,
) -> Result:
    """--check: compare with the existing output, or with the input itself (no -o)."""
    if destination is None:
        current: bytes | None = data
    elif destination.exists():
        current = textio.read_bytes(destination)
    else:
        current = None
    new = output.encode("utf-8")
    same = current is not None and current == new
    status = Status.UNCHANGED if same else Status.WOULD_CHANGE
    shown = str(destination) if destination else job.shown
    patch = None
    if diff and not same:
        from converter.io.patch import unified

        patch = unified(current, new, shown)
    return Result(job, status, found, destination=shown, diff=patch)
