"""The `validate` command's work as a library function: read agent files and check each
against a tool's rules (the tool of its own format, or the one asked for)."""

from __future__ import annotations

from dataclasses import dataclass

from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import ConverterError, unexpected
from converter.io import batch
from converter.io.inputs import Job, expand
from converter.io.not_agents import skipped
from converter.options import MAX_BYTES, ReadOptions
from converter.registry import Format, Registry, default_registry


@dataclass(frozen=True, slots=True)
class Checked:
    """One input checked: what reading it noticed, the rule issues, or why it failed."""

    job: Job
    notes: tuple[Diagnostic, ...] = ()
    issues: tuple[Diagnostic, ...] = ()
    error: ConverterError | None = None


#: read notes that are rule issues: the rules' own (validate says them again) and refusals,
#: a header the tool cannot read among them (Claude Code leaves such a project agent out)
_REFUSALS = (Code.TOOL_REFUSES, Code.TOOL_CANNOT_READ)
_ISSUES = (Code.TARGET_RULE, *_REFUSALS)


def validate_files(
    sources: list[str],
    *,
    target: str | None = None,
    source_format: str | None = None,
    read_options: ReadOptions | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: bytes | None = None,
    registry: Registry | None = None,
) -> tuple[list[Checked], tuple[Diagnostic, ...]]:
    """Every input checked, in order, and the notes of the folder walk.

    With `target`, files are read as that tool's files unless `source_format` says otherwise.

    Raises:
        UsageError: an unknown format or target.
        InputError: a folder holds no agent file.
    """
    registry = registry or default_registry()
    rules_of = registry.get(target) if target else None
    settings = batch.Settings(
        target=rules_of or registry.get("json"),
        source_format=registry.get(source_format) if source_format else rules_of,
        read_options=read_options or ReadOptions(),
        max_bytes=max_bytes,
    )
    found = expand(sources, registry)
    checked: list[Checked] = []
    for job in found.jobs:
        diags = Diagnostics(job.shown)
        try:
            agents, _ = batch.read_agents(job, settings, registry, stdin, diags)
            passed_over = skipped(job, agents, diags, registry)
        except ConverterError as error:
            error = error.with_path(job.shown)
            if rules_of is not None and source_format is None and error.hint is None:
                error.hint = _read_as_it_is(job, rules_of, registry)
            checked.append(Checked(job, error=error))
            continue
        except Exception as error:  # a bug: said for this file, as convert says it, and the
            # other files are still checked
            checked.append(Checked(job, error=unexpected(error, job.shown)))
            continue
        if passed_over is not None:  # README.md in a project root: no agent to validate
            found.notes.items.extend(passed_over.diagnostics)
            continue
        notes = tuple(d for d in diags.warnings if d.code not in _ISSUES)
        # what the tool refuses, said while reading (a Codex role without instructions), is
        # a rule issue: validate fails for it
        refused = tuple(d for d in diags.warnings if d.code in _REFUSALS)
        for agent in agents:
            checker = rules_of or registry.get(
                agent.provenance.format if agent.provenance and agent.provenance.format else "json"
            )
            issues = Diagnostics(job.shown)
            try:
                checker.validate(agent, issues)
            except Exception as error:  # a bug, as above: said for this file
                checked.append(Checked(job, error=unexpected(error, job.shown)))
                break
            # an info is advice (a name style the tool's documentation asks for), not an issue
            advice = tuple(d for d in issues.items if d.severity is not Severity.WARNING)
            if any(d.field == "name" for d in refused):  # a name the tool refuses (`0x1F`):
                advice = tuple(d for d in advice if d.field != "name")  # no style advice
            rule_issues = tuple(d for d in issues.items if d.severity is Severity.WARNING)
            checked.append(
                Checked(job, _unsaid(notes, rule_issues) + advice, refused + rule_issues)
            )
            notes = refused = ()
    return checked, tuple(found.notes)


def _unsaid(
    notes: tuple[Diagnostic, ...], issues: tuple[Diagnostic, ...]
) -> tuple[Diagnostic, ...]:
    """The notes but how the tool misreads a key that a rule issue on its line says too
    (Claude Code's map of MCP servers: read as meant, and against its rule)."""
    said = {(d.field, d.span.line) for d in issues if d.span is not None}
    return tuple(
        d for d in notes
        if d.code is not Code.TOOL_MISREADS or d.span is None or (d.field, d.span.line) not in said
    )  # fmt: skip


def _read_as_it_is(job: Job, target: Format, registry: Registry) -> str | None:
    """With --target, every file is read as that tool's file. One that is another format
    (a Markdown agent checked against Codex's TOML rules) is unreadable that way: say how to
    check it as it would be converted."""
    if job.source is None:
        return None
    try:  # by its name alone: a broken file of the target's own would sniff as another
        found = registry.detect(str(job.source), "")
    except ConverterError:
        return None
    if found.name == target.name:
        return None
    return (
        f"this is a {found.name} file, not a {target.name} one; --from {found.name} checks it "
        f"against {target.name}'s rules as it would be converted"
    )
