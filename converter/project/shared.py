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
from typing import Any

from converter.project.manifest import Entry, digest


@dataclass(frozen=True, slots=True)
class Merged:
    """The file's text after the merge, the parts sync wrote (name → hash), and why it may
    not be written without --force ("" when it may)."""

    text: str
    names: tuple[tuple[str, str], ...]
    refused: str = ""


def merged(
    target: Any, texts: list[str], names: list[str], old: bytes | None, entry: Entry | None
) -> Merged:
    """The agents' parts (`texts`, one per name in `names`) merged into the file now there
    (`old`), judged against what sync wrote last (`entry`).

    Raises:
        ConverterError: the file there cannot be merged into (the target says why).
    """
    if old is None:
        text = target.combine(texts, None, replace=False)
        return Merged(text, _ours(target, text, names))
    existing = old.decode("utf-8", "replace")
    there = target.parts_of(existing)
    legacy = entry is not None and not entry.names  # the whole file was sync's
    before = dict(entry.names) if entry is not None else {}
    ours_before = set(there) if legacy else set(before)
    wanted = {name: _hash_of(target, text, name) for name, text in zip(names, texts, strict=True)}
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
    changed = [text for name, text in zip(names, texts, strict=True) if name not in same]
    text = target.combine(changed, existing, replace=True, remove=remove)
    return Merged(text, _ours(target, text, names), "; ".join(why))


def _hash_of(target: Any, text: str, name: str) -> str | None:
    return target.parts_of(text).get(name)  # type: ignore[no-any-return]


def _ours(target: Any, text: str, names: list[str]) -> tuple[tuple[str, str], ...]:
    parts = target.parts_of(text)
    return tuple((name, parts[name]) for name in sorted(names) if name in parts)


def without_ours(target: Any, old: bytes, entry: Entry) -> str | None:
    """The file with sync's parts taken out, when its agents are all gone; None when nothing
    else is left in it (the file is then removed) or the whole file was sync's."""
    if not entry.names:
        return None
    existing = old.decode("utf-8", "replace")
    others = set(target.parts_of(existing)) - {name for name, _ in entry.names}
    if not others:
        return None
    text: str = target.combine([], existing, replace=True, remove=frozenset(dict(entry.names)))
    return text
