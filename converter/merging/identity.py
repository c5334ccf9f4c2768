"""Each variant's items per section of the merge, and its identity statement ("You are ..."):
the first one a variant writes, said once in the merged prompt, where the base says its own,
and its paragraph whole again when nothing came between its halves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from converter.merging.clusters import is_role_statement
from converter.merging.skeleton import Slot
from converter.merging.types import Folded, MergedItem, MergedSection
from converter.prompt import items as itemlib

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

#: per slot, each member's items (the base first)
Found = dict[Slot, list[tuple[int, list[itemlib.Item]]]]


@dataclass(slots=True)
class Identity:
    """Where the merged identity statement goes, and which items are identity statements."""

    #: the base's section that holds its identity, else the opening
    slot: Slot
    #: the identity sentences (by id: the very items of `Found`)
    statements: set[int] = field(default_factory=set)
    #: the rest of an identity's paragraph: its identity sentence, and what joined the two
    halves: dict[int, tuple[itemlib.Item, str]] = field(default_factory=dict)
    #: the rest of the base's identity paragraph (by id), which stays right after it
    base_rest: int = 0
    #: numbered items that begin a list as written, and those that are a list alone (by id):
    #: a merged list keeps the number it starts at only then (render.py)
    list_starts: set[int] = field(default_factory=set)
    lone_steps: set[int] = field(default_factory=set)


def gather(
    skeleton: Slot, base: int, split: dict[str, list[itemlib.Item]] | None = None
) -> tuple[Found, Identity]:
    """Each slot's items per member. A variant's first identity statement is split into its
    first sentence (the identity) and the rest (an ordinary item). The base's stays where it
    is written; every other variant's goes to that place, before its own items there, so the
    prompt says one identity where the base says it (merging one variant moves nothing). A
    later one stays where it is written, an ordinary item (`You are a genius, not a silent
    script.` under a rule, `You're ready to help ...` closing a prompt), and so does one that
    opens a list (`You are the master agent with expertise in 6 use cases:`). `split` holds
    the items of section texts split already (by a worker while the sections were aligned)."""
    found: Found = {}
    firsts: dict[int, tuple[Slot, list[itemlib.Item]]] = {}
    identity = Identity(skeleton)
    for slot in skeleton.walk():
        per = []
        for node in slot.members:
            kept: list[itemlib.Item] = []
            items = split.get(node.text) if split is not None else None
            for item in itemlib.split(node.text) if items is None else items:
                if node.variant in firsts or not is_role_statement(item):
                    kept.append(item)
                    continue
                text = item.text.strip()
                end = _SENTENCE_END.search(text)
                head = text[: end.start()] if end else text
                if head.endswith(":"):  # a lead-in: the title of the list after it
                    kept.append(item)
                    continue
                first = itemlib.Item("paragraph", head + "\n")
                firsts[node.variant] = (slot, [first])
                identity.statements.add(id(first))
                kept.append(first)
                if end:
                    rest = itemlib.Item("paragraph", text[end.end() :] + "\n")
                    identity.halves[id(rest)] = (first, end.group())
                    kept.append(rest)
                    firsts[node.variant][1].append(rest)
                    if node.variant == base:
                        identity.base_rest = id(rest)
            _note_lists(kept, identity)
            per.append((node.variant, kept))
        found[slot] = per
    if base in firsts:
        identity.slot = firsts[base][0]
    for variant, (slot, moving) in firsts.items():
        if slot is identity.slot and variant == base:
            continue
        _move(found, variant, moving, slot, identity.slot)
    return found, identity


def _note_lists(items: list[itemlib.Item], identity: Identity) -> None:
    listed = [item.kind in ("bullet", "ordered") for item in items]
    for number, item in enumerate(items):
        if item.kind == "ordered" and not (number and listed[number - 1]):
            identity.list_starts.add(id(item))
            if number + 1 == len(items) or not listed[number + 1]:
                identity.lone_steps.add(id(item))


def _move(
    found: Found, variant: int, moving: list[itemlib.Item], source: Slot, target: Slot
) -> None:
    """An identity and the rest of its paragraph out of `source`, and first of the
    variant's items in `target` (the rest with it: `You also order seeds.` no longer stays
    alone where its identity was)."""
    gone = {id(item) for item in moving}
    for number, (member, items) in enumerate(found[source]):
        if member == variant and any(id(i) in gone for i in items):
            found[source][number] = (member, [i for i in items if id(i) not in gone])
            break
    entries = found[target]
    for number, (member, items) in enumerate(entries):
        if member == variant:
            entries[number] = (member, [*moving, *items])
            return
    entries.append((variant, list(moving)))


def rejoin(
    merged: tuple[MergedSection, ...], identity: Identity, labels: list[str], folded: list[Folded]
) -> tuple[MergedSection, ...]:
    """The kept identity sentence and the rest of its paragraph, side by side in the merged
    prompt, one paragraph again as written (the report's notes name it)."""
    halves = identity.halves
    for place, section in enumerate(merged):
        for number in range(len(section.items) - 1):
            first, second = section.items[number], section.items[number + 1]
            pair = halves.get(id(second.item))
            if pair is None or pair[0] is not first.item:
                continue
            text = first.item.text.rstrip("\n") + pair[1] + second.item.text
            joined = itemlib.Item("paragraph", text)
            sources = set(first.sources) | set(second.sources)
            item = MergedItem(joined, tuple(label for label in labels if label in sources))
            for n, note in enumerate(folded):
                said = note.into in (first.item.text, second.item.text)
                if said and note.section == section.title:
                    folded[n] = replace(note, into=joined.text)
            items = (*section.items[:number], item, *section.items[number + 2 :])
            return (*merged[:place], replace(section, items=items), *merged[place + 1 :])
    return merged
