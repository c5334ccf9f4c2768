"""The `merge` command's work as a library function: read the variants from files and
folders, merge them, and say what could not be read. Nothing here prints or writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
from converter.errors import ConverterError, UsageError
from converter.io import batch
from converter.io.inputs import STDIN, expand
from converter.merging.engine import merge
from converter.merging.types import MergeOptions, MergeResult, Variant
from converter.registry import Format, Registry, default_registry


@dataclass(frozen=True, slots=True)
class MergeRun:
    """What `merge_files` did: the result (None when a variant could not be read), the
    variants, the errors of the files that failed, and what reading them noticed."""

    result: MergeResult | None
    variants: tuple[Variant, ...] = ()
    failures: tuple[ConverterError, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def merge_files(
    sources: list[str],
    options: MergeOptions = MergeOptions(),
    *,
    settings: batch.Settings | None = None,
    stdin: bytes | None = None,
    registry: Registry | None = None,
) -> MergeRun:
    """Read every variant under `sources` and merge them; nothing is merged when one fails.

    Files found in folders that hold a prompt but no agent header (notes, READMEs read as
    bare prompts) are not variants: they are skipped with a note.

    Raises:
        UsageError: no variants to merge, or stdin named but not given.
        InputError: a folder holds no agent file.
    """
    registry = registry or default_registry()
    settings = settings or batch.Settings(target=registry.get("markdown"))
    found = expand(sources, registry)
    if not found.jobs:
        raise UsageError("no variants to merge", hint="name files, or folders that hold agents")
    if STDIN in sources and stdin is None:
        raise UsageError("'-' names standard input, but none was given")
    named = {Path(s) for s in sources if s != STDIN}
    variants: list[Variant] = []
    failures: list[ConverterError] = []
    notes: list[Diagnostic] = list(found.notes)
    for job in found.jobs:
        diags = Diagnostics(job.shown)
        try:
            agents, _ = batch.read_agents(job, settings, registry, stdin, diags)
        except ConverterError as error:
            failures.append(error.with_path(job.shown))
            continue
        from_folder = job.source is not None and job.source not in named
        if from_folder and _bare(diags):
            notes.append(
                Diagnostic(
                    Code.INPUT_SKIPPED,
                    "a prompt without an agent header (notes?); not a variant, skipped",
                    Severity.WARNING,
                    diags.items[0].span if diags.items else None,
                )
            )
            continue
        notes.extend(diags.items)
        variants.extend(Variant(_label(job.shown, n, len(agents)), a) for n, a in enumerate(agents))
    if failures:
        return MergeRun(None, tuple(variants), tuple(failures), tuple(notes))
    if not variants:
        raise UsageError("no variants to merge", hint="name files, or folders that hold agents")
    result = merge(variants, options)
    return MergeRun(result, tuple(variants), (), (*notes, *result.diagnostics))


def _bare(diags: Diagnostics) -> bool:
    return any(d.code is Code.NO_FRONTMATTER for d in diags)


def _label(shown: str, number: int, count: int) -> str:
    return shown if count == 1 else f"{shown}#{number + 1}"


def output_format(registry: Registry, to: str | None, output: str | None) -> Format:
    """The merged agent's format: --to, else -o's file name, else Markdown."""
    if to:
        return registry.get(to)
    if output:
        found = registry.by_ending(output)
        if found is not None:
            return found
    return registry.get("markdown")
