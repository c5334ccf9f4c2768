"""The body merge: the base variant's section tree (converter/merge/skeleton.py) with every
variant's items placed in it. Near-duplicates by words or meaning are kept once, as the
phrasing that carries every fact of the cluster; an item another variant adds goes right
after the item that precedes it there, so a lead-in stays with its list; exactly one
identity statement ("You are ...") opens the prompt."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from converter.merge.clusters import KeyIndex, Said, is_role_statement
from converter.merge.meaning import Meaning, compatible, facts
from converter.merge.render import render
from converter.merge.skeleton import Aligner, Node, Slot, medoid, tree
from converter.merge.types import (
    Folded,
    MergedItem,
    MergedSection,
    MergeOptions,
    Variant,
    find_variant,
)
from converter.prompt import items as itemlib
from converter.prompt import sections

#: candidates for a near-duplicate are found by shared words first (rapidfuzz, in C), at
#: this lower cutoff, then judged by words or meaning
_CANDIDATE_CUTOFF = 45.0
#: complete linkage compares a new item with at most this many members of a cluster
_SAMPLE = 8
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
#: a task-list item ("- [ ] Logging configured"): a checklist's own point
_TASK = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]")


@dataclass(frozen=True, slots=True)
class BodyMerge:
    """The merged prompt, its sections for the report, the input item count, its style."""

    text: str
    sections: tuple[MergedSection, ...]
    input_items: int
    style: str
    #: the variant whose section tree is the skeleton
    base: str = ""
    folded: tuple[Folded, ...] = ()


@dataclass(slots=True, eq=False)
class _Cluster:
    members: list[tuple[int, itemlib.Item]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    facts: frozenset[str] = frozenset()
    role: bool = False

    def add(self, variant: int, item: itemlib.Item) -> None:
        self.members.append((variant, item))
        self.seen.add(variant)
        self.facts = self.facts | facts(item.text)

    def by_preference(self) -> list[itemlib.Item]:
        """The identity statement: the base's first. Else the phrasings that state every
        fact of the cluster first, the most complete first."""
        if self.role:
            return [self.members[0][1]]
        return sorted(
            (i for _, i in self.members),
            key=lambda i: (not facts(i.text) >= self.facts, -len(i.key.split()), i.text),
        )


@dataclass(slots=True, eq=False)
class _SlotItems:
    founders: KeyIndex = field(default_factory=KeyIndex)
    by_founder: list[_Cluster] = field(default_factory=list)
    #: the merged order as a doubly linked list (insertions anywhere in O(1))
    after: dict[int, _Cluster | None] = field(default_factory=dict)
    before: dict[int, _Cluster | None] = field(default_factory=dict)
    first: _Cluster | None = None
    last: _Cluster | None = None

    def placed(self, cluster: _Cluster) -> bool:
        return id(cluster) in self.after

    def insert_after(self, anchor: _Cluster | None, cluster: _Cluster) -> None:
        """After `anchor`; at the start when it is None."""
        following = self.first if anchor is None else self.after[id(anchor)]
        self.before[id(cluster)], self.after[id(cluster)] = anchor, following
        if anchor is None:
            self.first = cluster
        else:
            self.after[id(anchor)] = cluster
        if following is None:
            self.last = cluster
        else:
            self.before[id(following)] = cluster

    def order(self) -> list[_Cluster]:
        out, current = [], self.first
        while current is not None:
            out.append(current)
            current = self.after[id(current)]
        return out


def merge_bodies(variants: list[Variant], options: MergeOptions) -> BodyMerge:
    """The merged prompt, its sections for the report, the input item count, and the style."""
    outlines = [sections.parse(v.agent.instructions) for v in variants]
    styles = Counter("tags" if o.style == "tags" else "markdown" for o in outlines)
    style = "tags" if styles["tags"] > styles["markdown"] else "markdown"
    roots = [tree(outline, n) for n, outline in enumerate(outlines)]
    preferred = find_variant(variants, options.prefer) if options.prefer else None
    base = variants.index(preferred) if preferred is not None else medoid(roots)
    skeleton = Aligner(roots, base, options).root
    found = _items(skeleton)
    embedder = None
    if options.semantic:
        from converter.merge import semantic

        embedder = semantic.load()
    meaning = Meaning(embedder=embedder)
    input_items = sum(len(items) for per in found.values() for _, items in per)
    clustered = {
        slot: _cluster(per, meaning, options, slot is skeleton) for slot, per in found.items()
    }
    folded: list[Folded] = []
    labels = [v.label for v in variants]
    merged = _finish(skeleton, clustered, labels, options, meaning, folded)
    text = render(merged, style, len(variants) if options.annotate else 0)
    return BodyMerge(text, merged, input_items, style, variants[base].label, tuple(folded))


def _items(skeleton: Slot) -> dict[Slot, list[tuple[int, list[itemlib.Item]]]]:
    """Each slot's items per member, base first. Identity statements anywhere go to the
    opening: the first sentence is the identity, the rest an ordinary item."""
    found: dict[Slot, list[tuple[int, list[itemlib.Item]]]] = {}
    roles: dict[int, list[itemlib.Item]] = {}
    for slot in skeleton.walk():
        per = []
        for node in slot.members:
            kept = []
            for item in itemlib.split(node.text):
                if is_role_statement(item):
                    first, *rest = _SENTENCE_END.split(item.text.strip(), maxsplit=1)
                    roles.setdefault(node.variant, []).append(
                        itemlib.Item("paragraph", first + "\n")
                    )
                    if rest:
                        kept.append(itemlib.Item("paragraph", rest[0] + "\n"))
                else:
                    kept.append(item)
            per.append((node.variant, kept))
        found[slot] = per
    opening = found[skeleton]
    order = {variant: n for n, (variant, _) in enumerate(opening)}
    for variant, statements in roles.items():
        if variant in order:
            opening[order[variant]] = (variant, statements + opening[order[variant]][1])
    return found


def _cluster(
    per: list[tuple[int, list[itemlib.Item]]],
    meaning: Meaning,
    options: MergeOptions,
    opening: bool,
) -> list[_Cluster]:
    """Clusters in the merged order: the base's order, and each item another variant adds
    right after the item that precedes it there (before its first known item otherwise)."""
    state = _SlotItems()
    role: _Cluster | None = None
    for variant, items in per:
        previous: _Cluster | None = None
        pending: list[_Cluster] = []
        for item in items:
            target = None
            if opening and is_role_statement(item):
                if role is None:
                    role = _Cluster(role=True)
                    state.insert_after(None, role)
                if variant not in role.seen:
                    role.add(variant, item)
                    previous = role
                    continue
            target = _match(state, variant, item, meaning, options)
            if target is None:
                target = _Cluster()
                state.founders.append(item.sorted_key)
                state.by_founder.append(target)
                if previous is None or not state.placed(previous):
                    pending.append(target)
                else:
                    state.insert_after(previous, target)
            elif pending and state.placed(target):
                anchor = state.before[id(target)]
                for waiting in pending:
                    state.insert_after(anchor, waiting)
                    anchor = waiting
                pending = []
            target.add(variant, item)
            previous = target
        anchor = state.last
        for waiting in pending:
            state.insert_after(anchor, waiting)
            anchor = waiting
    return state.order()


def _match(
    state: _SlotItems, variant: int, item: itemlib.Item, meaning: Meaning, options: MergeOptions
) -> _Cluster | None:
    if not item.sorted_key or item.kind in ("code", "block"):
        exact = [c for c in state.by_founder if c.members[0][1].text == item.text]
        return next((c for c in exact if variant not in c.seen), None)
    for number in state.founders.matches(item.sorted_key, _cutoff(meaning)):
        cluster = state.by_founder[number]
        if variant in cluster.seen or cluster.role:
            continue
        if not compatible(facts(item.text), cluster.facts):
            continue
        sample = cluster.members[:: max(1, len(cluster.members) // _SAMPLE)][:_SAMPLE]
        if all(meaning.similar(item, other, options.item_threshold) for _, other in sample):
            return cluster
    return None


def _finish(
    skeleton: Slot,
    clustered: dict[Slot, list[_Cluster]],
    labels: list[str],
    options: MergeOptions,
    meaning: Meaning,
    folded: list[Folded],
) -> tuple[MergedSection, ...]:
    """Representatives per slot in tree order; a point said in an earlier section is said
    once (not a checklist's item); --min-support; empty sections with kept children stay.
    Every input phrasing not kept as written goes to `folded` with the reason."""
    needed = (
        len(labels) // 2 + 1
        if options.min_support == "majority"
        else max(1, int(options.min_support))
    )
    said = Said(_cutoff(meaning))
    kept: dict[Slot, list[tuple[itemlib.Item, set[int]]]] = {}
    owners: list[tuple[Slot, int]] = []
    #: the folding notes of each kept point (keyed by its variant set's identity)
    pending: dict[int, list[Folded]] = {}
    for number, slot in enumerate(skeleton.walk()):
        checklist = "checklist" in (slot.title or "").lower()
        chosen: list[tuple[itemlib.Item, set[int]]] = []
        kept[slot] = chosen
        for cluster in clustered[slot]:
            # The phrasing kept is the fullest one not said in an earlier place already; a
            # point all of whose phrasings were said is folded into the first such place.
            # Kept texts never change afterwards, so merging the result again decides the
            # same; what is folded is always like a kept text.
            fresh = None
            first_match: int | None = None
            for item in cluster.by_preference():
                foldable = item.kind in ("paragraph", "bullet", "ordered") and not cluster.role
                foldable = foldable and not checklist and not _TASK.match(item.text)
                match = (
                    _said(said, owners, kept, item, number, meaning, options) if foldable else None
                )
                if match is None:
                    fresh = item
                    break
                if first_match is None:
                    first_match = match
            if fresh is None:
                assert first_match is not None
                owner, index = owners[first_match]
                kept[owner][index][1].update(cluster.seen)
                into = kept[owner][index][0]
                notes = _fold_notes(
                    cluster, None, into, owner, labels, "said in an earlier section"
                )
                pending[id(kept[owner][index][1])].extend(notes)
                continue
            said.add(fresh.sorted_key, number)
            owners.append((slot, len(chosen)))
            variants = set(cluster.seen)
            why = (
                "one identity statement opens the prompt"
                if cluster.role
                else ("the same point in other words; the fullest phrasing is kept")
            )
            pending[id(variants)] = _fold_notes(cluster, fresh, fresh, slot, labels, why)
            chosen.append((fresh, variants))
    return _sections(skeleton, kept, pending, labels, needed, folded)


def _sections(
    skeleton: Slot,
    kept: dict[Slot, list[tuple[itemlib.Item, set[int]]]],
    pending: dict[int, list[Folded]],
    labels: list[str],
    needed: int,
    folded: list[Folded],
) -> tuple[MergedSection, ...]:
    """The merged sections in tree order, items below --min-support left out (and said)."""
    result: list[MergedSection] = []
    for slot in skeleton.walk():
        for item, variants in kept[slot]:
            if len(variants) >= needed:
                folded.extend(pending[id(variants)])
            else:
                why = f"carried by {len(variants)} of {len(labels)} variants; --min-support needs {needed}"
                sources = tuple(labels[i] for i in sorted(variants))
                folded.append(Folded(item.text, sources, None, None, why))
        items = tuple(
            MergedItem(item, tuple(labels[i] for i in sorted(variants)))
            for item, variants in kept[slot]
            if len(variants) >= needed
        )
        has_children = any(
            len(v) >= needed for s in slot.walk() if s is not slot for _, v in kept[s]
        )
        if not items and not (has_children and slot.parent is not None):
            continue
        sources = tuple(labels[i] for i in sorted(slot.seen))
        level = min(6, max(2, slot.depth() + 1))
        result.append(MergedSection(slot.title, level, sources, items, tuple(sorted(slot.titles))))
    return tuple(result)


def _cutoff(meaning: Meaning) -> float:
    """Where candidates are looked for: lower with the embedding model, which finds the
    same point in fewer shared words."""
    return _CANDIDATE_CUTOFF - 15 if meaning.embedder is not None else _CANDIDATE_CUTOFF


def _fold_notes(
    cluster: _Cluster,
    kept: itemlib.Item | None,
    into: itemlib.Item,
    owner: Slot,
    labels: list[str],
    reason: str,
) -> list[Folded]:
    """One note per phrasing of the cluster not kept as written (the variants that wrote
    it that way together)."""
    by_text: dict[str, list[int]] = {}
    for variant, item in cluster.members:
        if kept is None or item.text != kept.text:
            by_text.setdefault(item.text, []).append(variant)
    return [
        Folded(text, tuple(labels[v] for v in sorted(set(vs))), into.text, owner.title, reason)
        for text, vs in by_text.items()
    ]


def _said(
    said: Said,
    owners: list[tuple[Slot, int]],
    kept: dict[Slot, list[tuple[itemlib.Item, set[int]]]],
    item: itemlib.Item,
    number: int,
    meaning: Meaning,
    options: MergeOptions,
) -> int | None:
    """The kept item that says `item` already (and every fact of it), if any."""
    for match in said.candidates(item.sorted_key, number):
        owner, index = owners[match]
        earlier = kept[owner][index][0]
        if facts(item.text) <= facts(earlier.text) and meaning.similar(
            item, earlier, options.item_threshold
        ):
            return match
    return None


__all__ = ["BodyMerge", "Node", "merge_bodies"]
