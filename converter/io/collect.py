"""Formats whose one file holds every agent of a project (Roo's `.roomodes`): the outputs
bound for that file are collected into one write, merged into the file already there."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from converter.diagnostics import Code, Diagnostic, Severity
from converter.errors import OutputError, SourceSpan, both_or_all, none_written, several
from converter.io import textio
from converter.io.outcomes import Outcome, Prepared, Result, Status
from converter.registry import Format


def collects(target: Format) -> bool:
    return bool(getattr(target, "collects", False))


def collect(outcomes: list[Outcome], target: Format) -> list[Outcome]:
    """Outputs bound for one file become one: the first carries every part, the others
    follow it (their results mirror its). Two agents of one name are refused, both named."""
    groups: dict[Path, list[int]] = {}
    for number, outcome in enumerate(outcomes):
        if isinstance(outcome, Prepared) and outcome.destination is not None:
            groups.setdefault(outcome.destination, []).append(number)
    for numbers in groups.values():
        members = [outcomes[n] for n in numbers]
        by_name: dict[str, list[int]] = {}
        for n, member in zip(numbers, members, strict=True):
            assert isinstance(member, Prepared)
            by_name.setdefault(member.name, []).append(n)
        kept = []
        for name, same in by_name.items():
            if len(same) == 1:
                kept.extend(same)
                continue
            shown = [outcomes[n].job.shown for n in same]
            for n in same:
                this = outcomes[n].job.shown
                error = OutputError(
                    f"{several(shown, first=this)} {both_or_all(len(same))} "
                    f"write the mode {name!r}; {none_written(len(same))}",
                    span=SourceSpan(this),
                )
                outcomes[n] = Result(outcomes[n].job, Status.FAILED, outcomes[n].diagnostics, error)
        if not kept:
            continue
        kept.sort()
        leader = outcomes[kept[0]]
        assert isinstance(leader, Prepared)
        parts = tuple(outcomes[n].output or "" for n in kept)  # type: ignore[union-attr]
        followers = tuple(outcomes[n] for n in kept[1:])
        outcomes[kept[0]] = leader._replace(parts=parts, followers=followers)  # type: ignore[arg-type]
        for n in kept[1:]:
            outcomes[n] = None  # type: ignore[call-overload]
    return [o for o in outcomes if o is not None]


def combined(
    prepared: Prepared, target: Format, *, replace_modes: bool
) -> tuple[str, tuple[Diagnostic, ...]]:
    """The collected file's text: the parts merged into the file already there; and, when
    the tool refuses a part that file already held (and with it the whole file, the parts
    written too), that said (the target's own words).

    Raises:
        OutputError: the existing file cannot be read, or holds a mode of the same name and
            not `replace_modes`.
    """
    assert prepared.destination is not None
    return combine_into(prepared.destination, prepared.parts, target, replace_modes=replace_modes)


def combine_into(
    destination: Path, parts: tuple[str, ...], target: Format, *, replace_modes: bool
) -> tuple[str, tuple[Diagnostic, ...]]:
    """`combined` for `parts` bound for `destination` (a merged agent's one part too).

    Raises:
        OutputError: as `combined`.
    """
    existing = None
    if destination.exists():
        existing = textio.read_bytes(destination).decode("utf-8", "replace")
    refused: list[str] = []
    try:
        text: str = target.combine(  # type: ignore[attr-defined]
            list(parts), existing, replace=replace_modes, refused=refused
        )
    except OutputError as error:
        error.span = SourceSpan(str(destination))
        raise
    except Exception as error:  # the file there is not a modes file we can merge into
        raise OutputError(
            f"cannot merge into {destination}: {error}", span=SourceSpan(str(destination))
        ) from None
    said = tuple(
        Diagnostic(Code.TOOL_REFUSES, why, Severity.WARNING, SourceSpan(str(destination)))
        for why in refused
    )  # each is said once, at the file
    return text, said


def file_key(path: str | Path) -> str:
    """What names one file on every system the outputs may be checked out on: `QA.md` and
    `qa.md` are two files on Linux but one on macOS and Windows, whose file systems do not
    tell case apart (and macOS's not `é` from `e` and a combining accent), so a project
    that holds both loses one there (git says "the following paths have collided")."""
    text = str(path)
    return text.lower() if text.isascii() else unicodedata.normalize("NFC", text).lower()


def refuse_collisions(outcomes: list[Outcome]) -> list[Outcome]:
    """Two inputs (or more) that map to one output: none is written, and each message names
    them (a few, and how many more: converter.errors.several). Paths that differ only in
    case are one output (`file_key`), wherever this runs: a batch gives the same outputs on
    every system. Inputs of one agent's name (variants, as collections hold them) are
    pointed to `merge`."""
    by_destination: dict[str, list[int]] = {}
    for number, outcome in enumerate(outcomes):
        if isinstance(outcome, Prepared) and outcome.destination is not None:
            by_destination.setdefault(file_key(outcome.destination), []).append(number)
    for numbers in by_destination.values():
        if len(numbers) < 2:
            continue
        shown = [outcomes[n].job.shown for n in numbers]
        names = {o.name for o in (outcomes[n] for n in numbers) if isinstance(o, Prepared)}
        hint = _clash_hint(shown, len(names) == 1)
        paths = [str(outcomes[n].destination) for n in numbers]
        for number in numbers:
            outcome = outcomes[number]
            assert isinstance(outcome, Prepared)
            named = several(shown, first=outcome.job.shown)
            error = OutputError(
                f"{named} map to {_one_file(outcome.destination, paths)}; "
                f"{none_written(len(shown))}",
                span=SourceSpan(outcome.job.shown),
                hint=hint,
            )
            outcomes[number] = Result(outcome.job, Status.FAILED, outcome.diagnostics, error)
    return outcomes


def _one_file(destination: Path | None, paths: list[str]) -> str:
    """The output a clash is over: one path, or paths that differ only in case."""
    spelt = list(dict.fromkeys(paths))
    if len(spelt) < 2:
        return f"the same output {destination}"
    # `a/qa`, `b/qa` and `b/QA`: two of them write the very same path
    same = "the same output, or " if len(spelt) < len(paths) else ""
    return (
        f"{same}outputs that differ only in case, one file on macOS and Windows "
        f"({several(spelt, 'paths', first=str(destination))})"
    )


def _clash_hint(shown: list[str], one_name: bool) -> str:
    """What to do about inputs that map to one output: agents of one name are variants of
    one agent (`merge` makes one of them); else every one but one needs another name."""
    rename = "rename one" if len(shown) == 2 else "rename all but one"
    if one_name and len(shown) <= 8:
        return (
            f"they are variants of one agent: 'agentmorph merge {_quoted(shown)}' makes one "
            f"agent of them; or {rename}"
        )
    if one_name:  # too many to spell out a command
        return (
            f"they are {len(shown):,} variants of one agent: 'agentmorph merge' of those files "
            f"makes one agent of them; or {rename}"
        )
    return f"{rename} of the agents, or convert them to separate folders"


def _quoted(paths: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(path) for path in paths)
