"""`sync` and a file many agents share (Roo's `.roomodes`): the agents' parts are merged into
the file that is there, so the user's own parts (a team's hand-written modes) stay.

The manifest keeps, for such a file, each part sync wrote and its hash. A part of that name
found changed is an edit by hand (refused, as for any file, until --force); a user's part
of a name an agent now takes is refused too; a part whose agent is gone is taken out;
every other part is the user's and is never touched. A manifest from before this kept no
names: the whole file was sync's, as it was then written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from converter.diagnostics import Code, Diagnostic, Severity
from converter.errors import (
    ConverterError,
    OutputError,
    SourceSpan,
    both_or_all,
    none_written,
    rename_hint,
    several,
)
from converter.project.changes import Action, Change, read_output
from converter.project.manifest import Entry, digest

if TYPE_CHECKING:
    from converter.project.outputs import Planned


@dataclass(frozen=True, slots=True)
class Merged:
    """The file's text after the merge, the parts sync wrote (name → hash), and why it may
    not be written without --force ("" when it may)."""

    text: str
    names: tuple[tuple[str, str], ...]
    refused: str = ""


def merged(
    target: Any,
    texts: list[str],
    names: list[str],
    old: bytes | None,
    entry: Entry | None,
    refused: list[str] | None = None,
) -> Merged:
    """The agents' parts (`texts`, one per name in `names`) merged into the file now there
    (`old`), judged against what sync wrote last (`entry`); what the tool refuses in a file
    written into goes to `refused` (a user's part Roo refuses: it loads none of the file).

    Raises:
        ConverterError: the file there cannot be merged into (the target says why).
    """
    if old is None:
        text = target.combine(texts, None, replace=False)
        return Merged(text, _ours(target, text, names))
    existing = _text(old)
    there = target.parts_of(existing)
    legacy = entry is not None and not entry.names  # the whole file was sync's
    before = dict(entry.names) if entry is not None else {}
    ours_before = set(there) if legacy else set(before)
    # every part's hash from one parse of them joined (not a parse each: 1,000 modes)
    wanted = target.parts_of(target.combine(texts, None, replace=False))
    # a part that already holds what sync would write stays as it is written (a mode an
    # `import` read from this file, one a user laid out otherwise): adopted, not rewritten
    same = {name for name, h in wanted.items() if there.get(name) == h}
    edited = sorted(n for n, h in before.items() if n in there and there[n] != h and n not in same)
    if legacy and entry is not None and digest(old) != entry.sha256:
        edited = sorted(set(there) - same)  # the whole file was sync's, and it changed
    taken = sorted(n for n in names if n in there and n not in ours_before and n not in same)
    why = []
    if edited:
        why.append(f"edited by hand since agentmorph wrote it ({', '.join(edited)})")
    if taken:
        why.append(
            f"holds a part of the same name that agentmorph did not write ({', '.join(taken)})"
        )
    remove = frozenset(ours_before - set(names))
    if len(same) == len(names) and not remove:  # nothing to change: the file stays as it is
        return Merged(existing, tuple((n, there[n]) for n in sorted(names)), "; ".join(why))
    changed = [text for name, text in zip(names, texts, strict=True) if name not in same]
    text = target.combine(changed, existing, replace=True, remove=remove, refused=refused)
    return Merged(text, _ours(target, text, names), "; ".join(why))


def _text(old: bytes) -> str:
    """The file's text; one that is not UTF-8 is not merged into (its bytes would change)."""
    try:
        return old.decode("utf-8")
    except UnicodeDecodeError:
        from converter.errors import OutputError

        raise OutputError("the file there is not UTF-8 text; nothing is merged into it") from None


def _ours(target: Any, text: str, names: list[str]) -> tuple[tuple[str, str], ...]:
    parts = target.parts_of(text)
    return tuple((name, parts[name]) for name in sorted(names) if name in parts)


def without_ours(target: Any, old: bytes, entry: Entry) -> str | None:
    """The file with sync's parts taken out, when its agents are all gone; None when nothing
    else is left in it (the file is then removed) or the whole file was sync's."""
    if not entry.names:
        return None
    existing = _text(old)
    others = set(target.parts_of(existing)) - {name for name, _ in entry.names}
    if not others:
        return None
    text: str = target.combine([], existing, replace=True, remove=frozenset(dict(entry.names)))
    return text


def planned(
    destination: str,
    path: str,
    out: Planned,
    entry: Entry | None,
    force: bool,
    errors: list[ConverterError],
    notes: list[Diagnostic],
) -> Change | None:
    """A file many agents share (Roo's `.roomodes`): their parts merged into the file that
    is there, whose other parts are the user's (converter/project/shared.py); a part there
    the tool refuses, and so the whole file with the parts written, goes to `notes`."""
    target, sources = out.target, tuple(out.sources)
    kept = _one_of_each_name(path, out, errors)
    if not kept:
        return None
    texts = [str(out.texts[n]) for n in kept]
    names = [out.names[n] for n in kept]
    old = read_output(destination)
    # nothing changed, and the file is all ours: no YAML is read (a sync of 1,000 modes)
    ours = entry is not None and entry.names and old is not None
    if ours and old == target.combine(texts, None, replace=False).encode():  # type: ignore[attr-defined]
        assert entry is not None and old is not None
        return Change(
            Action.UNCHANGED, path, target.name, sources, reason=digest(old), names=entry.names
        )
    refused: list[str] = []
    try:
        done = merged(target, texts, names, old, entry, refused)
    except ConverterError as error:
        error.span = error.span or SourceSpan(path)
        raise
    notes += [
        Diagnostic(Code.TOOL_REFUSES, why, Severity.WARNING, SourceSpan(path)) for why in refused
    ]
    new = done.text.encode("utf-8")
    if old == new:
        return Change(
            Action.UNCHANGED, path, target.name, sources, reason=digest(new), names=done.names
        )
    if done.refused and not force:
        return Change(
            Action.REFUSED, path, target.name, sources, old=old, reason=done.refused,
            names=entry.names if entry else (),
        )  # fmt: skip
    reason = (
        "new" if old is None else "changed" if entry is not None else "merged: its own parts kept"
    )
    return Change(
        Action.WRITE, path, target.name, sources, new=new, old=old, reason=reason, names=done.names
    )


def gone(path: str, entry: Entry, old: bytes, force: bool) -> Change:
    from converter.registry import default_registry

    """A file many agents share whose agents are all gone: sync's parts taken out (the file
    removed when nothing else is left), unless one was edited by hand since."""
    target = default_registry().get(entry.target)
    try:
        there = target.parts_of(_text(old))  # type: ignore[attr-defined]
        edited = sorted(n for n, h in entry.names if n in there and there[n] != h)
        text = None if edited and not force else without_ours(target, old, entry)
    except ConverterError as error:
        return Change(
            Action.REFUSED, path, entry.target, entry.sources, old=old, names=entry.names,
            reason=error.message,
        )  # fmt: skip
    if edited and not force:
        return Change(
            Action.REFUSED, path, entry.target, entry.sources, old=old, names=entry.names,
            reason=f"its sources are gone, but {', '.join(edited)} was edited by hand since "
            "agentmorph wrote it",
        )  # fmt: skip
    if text is None:
        return Change(Action.REMOVE, path, entry.target, entry.sources, old=old)
    return Change(
        Action.WRITE, path, entry.target, entry.sources, new=text.encode(), old=old,
        reason="its agents are gone: their parts taken out, its own kept",
    )  # fmt: skip


def _one_of_each_name(path: str, out: Planned, errors: list[ConverterError]) -> list[int]:
    """The parts of a file that holds many agents (Roo's `.roomodes`): two sources of one
    name are an error naming both, and neither is written; the others are."""
    by_name: dict[str, list[int]] = {}
    for number, name in enumerate(out.names):
        by_name.setdefault(name, []).append(number)
    kept = []
    for name, numbers in by_name.items():
        if len(numbers) > 1:
            shown = several([out.sources[n] for n in numbers])
            errors.append(
                OutputError(
                    f"{shown} are {both_or_all(len(numbers))} named {name!r}: "
                    f"{path} holds one agent of a name; {none_written(len(numbers))} there",
                    span=SourceSpan(out.sources[numbers[0]]),
                    hint=rename_hint(len(numbers)),
                )
            )
            continue
        kept.append(numbers[0])
    return sorted(kept)
