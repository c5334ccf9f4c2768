"""The `fix` command's work as a library function: rewrite agent files in place so that the
tools read what their authors meant (converter/frontmatter/fix.py), atomically, keeping each
file's newlines, BOM and permissions. A file that needs nothing is never written."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from converter.diagnostics import Diagnostic
from converter.errors import ConverterError, UsageError, unexpected
from converter.frontmatter import loaders
from converter.frontmatter.fix import fix_text
from converter.frontmatter.target import FrontmatterTarget
from converter.io import textio
from converter.io.inputs import Job, expand
from converter.io.policy import OutputPolicy
from converter.options import MAX_BYTES, Limits
from converter.registry import Registry, default_registry


class FixStatus(StrEnum):
    UNCHANGED = "unchanged"
    FIXED = "fixed"
    WOULD_FIX = "would-fix"
    SKIPPED = "skipped"  # not a Markdown agent: nothing a header fix can change
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FixResult:
    """What `fix` did, or would do, to one file."""

    job: Job
    status: FixStatus
    readings: tuple[loaders.Reading, ...] = ()
    keys: tuple[str, ...] = ()
    #: a unified diff of the change (with `diff=True`)
    diff: str | None = None
    error: ConverterError | None = None


def default_tools(fmt: FrontmatterTarget) -> list[str]:
    """The tool whose layout a file is in, plus any strict YAML reader (Cursor's alone)."""
    tool = fmt.rules.tool
    if tool == "cursor":  # its folder is Cursor's alone, and it reads lines, not YAML
        return [tool]
    own = tool if tool in loaders.LOADERS else "claude"
    return [own, "strict-yaml"]


def parse_tools(text: str | None) -> list[str] | None:
    """`--for claude,copilot` as loader names.

    Raises:
        UsageError: an unknown tool name.
    """
    if not text:
        return None
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in loaders.LOADERS]
    if unknown or not names:
        raise UsageError(
            f"--for takes tool names from {', '.join(loaders.LOADERS)}; not {', '.join(unknown)}"
        )
    return names


def fix_files(
    sources: list[str],
    *,
    tools: list[str] | None = None,
    check: bool = False,
    diff: bool = False,
    max_bytes: int = MAX_BYTES,
    limits: Limits = Limits(),
    registry: Registry | None = None,
) -> tuple[list[FixResult], tuple[Diagnostic, ...]]:
    """Fix every Markdown agent under `sources` (files, folders, project roots); with
    `check`, write nothing. Returns a result per file and the notes of the folder walk."""
    registry = registry or default_registry()
    found = expand(sources, registry)
    policy = OutputPolicy.of((), in_place=True, force=True)
    results = [
        _fix_one(job, tools, check, diff, max_bytes, limits, registry, policy) for job in found.jobs
    ]
    return results, tuple(found.notes)


def _fix_one(
    job: Job,
    tools: list[str] | None,
    check: bool,
    diff: bool,
    max_bytes: int,
    limits: Limits,
    registry: Registry,
    policy: OutputPolicy,
) -> FixResult:
    if job.source is None:
        return FixResult(job, FixStatus.FAILED, error=UsageError("fix changes files; not stdin"))
    try:
        if job.error is not None:
            raise job.error
        data = textio.read_bytes(job.source, max_bytes)
        if job.walked and textio.blank(data):  # an empty `notes.md`: no agent
            return FixResult(job, FixStatus.SKIPPED)
        decoded = textio.decode(data, job.shown)
        fmt = registry.detect(str(job.source), decoded.text)
        if not isinstance(fmt, FrontmatterTarget):
            return FixResult(job, FixStatus.SKIPPED)
        chosen = tools or default_tools(fmt)
        crlf = decoded.newline == "\r\n"
        fixed = fix_text(
            decoded.text, chosen, path=job.shown, limits=limits, bom=decoded.bom, crlf=crlf
        )
        if fixed.text is None:
            return FixResult(job, FixStatus.UNCHANGED, fixed.readings)
        bom = decoded.bom and all(loaders.LOADERS[name].takes_bom for name in chosen)
        new = textio.restore_text(fixed.text, decoded.newline, bom).encode("utf-8")
        patch = _diff(data, new, job.shown) if diff else None
        if check:
            return FixResult(job, FixStatus.WOULD_FIX, fixed.readings, fixed.keys, patch)
        policy.check(job.source)
        textio.atomic_write(job.source, new, overwrite=True)
        return FixResult(job, FixStatus.FIXED, fixed.readings, fixed.keys, patch)
    except ConverterError as error:
        return FixResult(job, FixStatus.FAILED, error=error.with_path(job.shown))
    except Exception as error:  # a bug: said for this file (exit 70); the others are fixed
        return FixResult(job, FixStatus.FAILED, error=unexpected(error, job.shown))


def _diff(old: bytes, new: bytes, shown: str) -> str:
    from converter.io.patch import unified

    return unified(old, new, shown)


def check_files(
    sources: list[str],
    tools: list[str],
    *,
    max_bytes: int = MAX_BYTES,
    limits: Limits = Limits(),
    registry: Registry | None = None,
) -> tuple[list[FixResult], tuple[Diagnostic, ...]]:
    """Each Markdown agent's reading by each tool (`validate --for`): nothing is written."""
    return fix_files(
        sources, tools=tools, check=True, max_bytes=max_bytes, limits=limits, registry=registry
    )
