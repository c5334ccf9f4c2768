"""The body merge: the base variant's section tree (converter/merging/skeleton.py) with every
variant's items placed in it. Near-duplicates by words or meaning are kept once, as the
phrasing that carries every fact of the cluster; an item another variant adds goes right
after the item that precedes it there, so a lead-in stays with its list; one identity
statement ("You are ...") is said, where the base says its own (converter/merging/identity.py)."""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field

from converter.errors import LimitError, SourceSpan
from converter.merging.choose import Chooser, cutoff
from converter.merging.clusters import Cluster, KeyIndex, fuller_first
from converter.merging.identity import Identity, gather, rejoin
from converter.merging.languages import language_of, one_language
from converter.merging.meaning import Meaning, compatible, facts, prime_facts
from converter.merging.outline import Node, tree
from converter.merging.render import render
from converter.merging.skeleton import Aligner
from converter.merging.spread import cluster_all, distinct_items, work_early
from converter.merging.types import (
    Folded,
    MergedSection,
    MergeOptions,
    Variant,
    find_variant,
)
from converter.merging.weights import medoid, weigh
from converter.prompt import items as itemlib
from converter.prompt import sections


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
    #: each variant's language ("" where it cannot be told), in the variants' order
    languages: tuple[str, ...] = ()


@dataclass(slots=True, eq=False)
class _SlotItems:
    """The items merged into one section so far, in their merged order."""

    founders: KeyIndex = field(default_factory=KeyIndex)
    by_founder: list[Cluster] = field(default_factory=list)
    #: the merged order as a doubly linked list (insertions anywhere in O(1))
    after: dict[int, Cluster | None] = field(default_factory=dict)
    before: dict[int, Cluster | None] = field(default_factory=dict)
    first: Cluster | None = None
    last: Cluster | None = None
    #: the founders by their text, and per (text, variant) where to look on: a code block or
    #: a keyless item joins only its very text, which a scan of every founder found (10,000
    #: empty headings took seconds each time the count doubled); variants only join more
    by_text: dict[str, list[Cluster]] = field(default_factory=dict)
    looked: dict[tuple[str, int], int] = field(default_factory=dict)

    def found(self, item: itemlib.Item, cluster: Cluster) -> None:
        """`cluster` is founded by `item`."""
        self.founders.append(item.sorted_key)
        self.by_founder.append(cluster)
        self.by_text.setdefault(item.text, []).append(cluster)

    def same_text(self, text: str, variant: int) -> Cluster | None:
        """The first cluster, in founding order, founded by this very text that `variant`
        has not joined."""
        founded = self.by_text.get(text)
        if not founded:
            return None
        at = self.looked.get((text, variant), 0)
        while at < len(founded) and variant in founded[at].seen:
            at += 1
        self.looked[(text, variant)] = at
        return founded[at] if at < len(founded) else None

    def placed(self, cluster: Cluster) -> bool:
        return id(cluster) in self.after

    def insert_after(self, anchor: Cluster | None, cluster: Cluster) -> None:
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

    def order(self) -> list[Cluster]:
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
    _within_limit(variants, roots, options.max_sections)
    preferred = find_variant(variants, options.prefer) if options.prefer else None
    early = work_early(roots, options, preferred is None)
    try:
        if early is None:
            base = variants.index(preferred) if preferred is not None else medoid(roots)
            skeleton = Aligner(roots, base, options).root
            found, identity = gather(skeleton, base)
        else:  # the sections weighed here while the worker finds the base
            weighed = weigh(roots)
            base = variants.index(preferred) if preferred is not None else early.result(0)
            skeleton = Aligner(roots, base, options, weighed).root
            split = early.result(1)
            found, identity = gather(skeleton, base, split)
            distinct, said = distinct_items(split), early.result(2)
            if len(said) == len(distinct):  # else the worker died first: worked out as asked
                prime_facts({i.text: its for i, its in zip(distinct, said, strict=True)})
    finally:
        if early is not None:
            early.close()
    embedder = None
    if options.semantic:
        from converter.merging import semantic

        embedder = semantic.load()
    meaning = Meaning(embedder=embedder)
    input_items = sum(len(items) for per in found.values() for _, items in per)
    labels = [v.label for v in variants]
    needed = (
        len(labels) // 2 + 1
        if options.min_support == "majority"
        else max(1, int(options.min_support))
    )
    languages = tuple(language_of(v.agent.instructions) for v in variants)
    chooser = Chooser(labels, options, meaning, languages)

    apart = chooser.languages  # () when the variants write one language

    def cluster(per: list[tuple[int, list[itemlib.Item]]]) -> list[Cluster]:
        return _cluster(per, meaning, options, identity, apart)  # looked up when called (tests)

    jobs = 1 if options.semantic else options.jobs
    with closing(cluster_all(found, cluster, jobs)) as clustered:
        chooser.run(skeleton, clustered)
    folded: list[Folded] = []
    merged = rejoin(chooser.sections(skeleton, needed, folded), identity, labels, folded)
    written = (identity.list_starts, identity.lone_steps)
    text = render(merged, style, len(variants) if options.annotate else 0, written)
    if sum(v.agent.instructions.startswith("\n") for v in variants) * 2 < len(variants):
        # most variants begin right after their header (a prompt from a JSON file always
        # does): so does the merge; a blank line first where most have one (the seeds)
        text = text.removeprefix("\n")
    return BodyMerge(
        text, merged, input_items, style, variants[base].label, tuple(folded), languages
    )


def _within_limit(variants: list[Variant], roots: list[Node], limit: int) -> None:
    """Refuse, before any alignment, variants with more sections than a merge compares."""
    counts = [sum(1 for _ in root.walk()) - 1 for root in roots]
    if sum(counts) <= limit:
        return
    largest = max(range(len(counts)), key=counts.__getitem__)
    raise LimitError(
        f"the variants hold {sum(counts):,} sections together ({counts[largest]:,} in this "
        f"one); a merge aligns at most {limit:,}",
        span=SourceSpan(variants[largest].label),
        hint="an agent's prompt has tens of sections; if these really are agents, raise the "
        "limit with --max-sections N",
    )


def _cluster(
    per: list[tuple[int, list[itemlib.Item]]],
    meaning: Meaning,
    options: MergeOptions,
    identity: Identity,
    languages: tuple[str, ...] = (),
) -> list[Cluster]:
    """Clusters in the merged order: the base's order, and each item another variant adds
    right after the item that precedes it there (before its first known item otherwise)."""
    state = _SlotItems()
    role: Cluster | None = None
    for variant, items in per:
        previous: Cluster | None = None
        pending: list[Cluster] = []
        #: what the variant's current list follows (its lead-in): a point of that list that
        #: another list holds already stays there, and the next new point stays in this one
        title: Cluster | None = None
        #: a paragraph the merge holds, which new points of the variant's list follow: they
        #: go after the points that follow it there (the base's `FIRST: read the lockfile`
        #: stays step 1), or before a later point of theirs that the list holds
        under: Cluster | None = None
        for item in items:
            listed = item.kind in _LIST_KINDS
            if under is not None and not listed:  # the list ended: its new points after it
                _insert_all(state, _list_end(state, under), pending)
                pending, under = [], None
            if id(item) in identity.statements:
                if role is None:
                    role = Cluster(role=True)
                    if variant != per[0][0]:  # the base has none: the identity opens
                        state.insert_after(None, role)
                    elif previous is None or not state.placed(previous):
                        pending.append(role)  # the base's: where it is written
                    else:
                        state.insert_after(previous, role)
                role.add(variant, item)
                previous = role
                continue
            target = _match(state, variant, item, meaning, options, languages)
            if target is None:
                target = Cluster()
                state.found(item, target)
                if previous is None or not state.placed(previous):
                    pending.append(target)
                elif listed and previous.members[0][1].kind not in _LIST_KINDS:
                    pending.append(target)
                    under = previous
                elif previous is role:  # after the identity: past the rest of the base's
                    state.insert_after(_past_base_rest(state, role, identity), target)
                else:
                    state.insert_after(_past_its_list(state, previous, item), target)
            elif listed and title is not None and _title_of(state, target) not in (title, None):
                target.add(variant, item)  # said in another list: the next new point stays
                continue
            elif pending and state.placed(target):
                _insert_all(state, state.before[id(target)], pending)
                pending, under = [], None
            if not listed:
                title = target
            target.add(variant, item)
            previous = target
        _insert_all(state, state.last if under is None else _list_end(state, under), pending)
    return state.order()


def _past_its_list(state: _SlotItems, anchor: Cluster, item: itemlib.Item) -> Cluster:
    """Where a new item that came after `anchor` in its variant goes: right after it, but a
    paragraph never inside a list. After the list items that follow `anchor` (other
    variants' points of the list it ends, or of the list a lead-in `anchor` opens): a
    variant's own lead-in (`Caching strategies:`) would put them under its title."""
    return anchor if item.kind != "paragraph" else _list_end(state, anchor)


def _past_base_rest(state: _SlotItems, role: Cluster, identity: Identity) -> Cluster:
    """The rest of the base's identity paragraph when it follows the identity (the two are
    one paragraph again, `rejoin`), else the identity."""
    following = state.after[id(role)]
    if following is not None and id(following.members[0][1]) == identity.base_rest:
        return following
    return role


def _list_end(state: _SlotItems, anchor: Cluster) -> Cluster:
    """The last of the list items that follow `anchor` in the merged order (or `anchor`)."""
    following = state.after[id(anchor)]
    while following is not None and following.members[0][1].kind in _LIST_KINDS:
        anchor, following = following, state.after[id(following)]
    return anchor


def _insert_all(state: _SlotItems, anchor: Cluster | None, clusters: list[Cluster]) -> None:
    """`clusters`, in their order, right after `anchor`."""
    for cluster in clusters:
        state.insert_after(anchor, cluster)
        anchor = cluster


_LIST_KINDS = ("bullet", "ordered")
#: list items looked past for the title of a list: a longer list is taken for one's own
_TITLE_SEARCH = 64


def _title_of(state: _SlotItems, cluster: Cluster) -> Cluster | None:
    """What the list `cluster` stands in follows in the merged order (its lead-in, or
    another paragraph); None when unknown: the section's start, or a list too long to
    walk (bounded: a section of thousands of points costs no quadratic walk)."""
    current = state.before.get(id(cluster))
    for _ in range(_TITLE_SEARCH):
        if current is None:
            return None
        if current.members[0][1].kind not in _LIST_KINDS:
            return current
        current = state.before.get(id(current))
    return None


#: how many of the most similar clusters an item is tried against, best first
CLOSEST = 32


def _match(
    state: _SlotItems,
    variant: int,
    item: itemlib.Item,
    meaning: Meaning,
    options: MergeOptions,
    languages: tuple[str, ...] = (),
) -> Cluster | None:
    if not item.sorted_key or item.kind in ("code", "block"):
        return state.same_text(item.text, variant)
    said, threshold, rank = facts(item.text), options.item_threshold, fuller_first(item)
    # the very words first: a variant that repeats a point 20,000 times, merged with itself,
    # would find only the CLOSEST first look-alikes (all joined already) and be doubled
    exact = state.same_text(item.text, variant)
    if exact is not None and compatible(said, exact.facts):
        return exact
    # the best CLOSEST clusters only: a real section has a few phrasings of one point, and a
    # section of thousands of look-alike items must not walk all of them for each item
    for number in state.founders.matches_lazily(item.sorted_key, cutoff(meaning), CLOSEST):
        cluster = state.by_founder[number]
        if variant in cluster.seen or cluster.role:
            continue
        if languages and not one_language(languages, {variant}, cluster.seen):
            continue  # a point in another language is its own (converter/merging/languages.py)
        if not compatible(said, cluster.facts):
            continue
        # the fuller of it and the cluster's fullest phrasing says the other: the phrasing
        # kept says every one it stands for (`Keep tools clean, sharp and oiled` and `Keep
        # tools clean and stored dry`, alike in words, are two points); the cheaper test first
        if not cluster.says_with(meaning, item, rank):
            continue
        if all(meaning.similar(item, other, threshold) for other in cluster.sample()):
            return cluster
    return None


__all__ = ["BodyMerge", "Node", "merge_bodies"]
