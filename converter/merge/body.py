"""The body merge: align the variants' sections by meaning (titles and words), cluster
near-duplicate items inside aligned sections, keep one representative per cluster (the most
complete phrasing) with its support and sources, and render the merged prompt."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import NamedTuple

from converter.merge.clusters import (
    ItemGroup,
    KeyIndex,
    Said,
    by_completeness,
    close_to_all,
    is_role_statement,
)
from converter.merge.render import render
from converter.merge.types import MergedItem, MergedSection, MergeOptions, Variant
from converter.prompt import items as itemlib
from converter.prompt import sections
from converter.prompt.restyle import title_from_tag


class _SectionMember(NamedTuple):
    variant: int
    section: sections.Section | None
    position: float


@dataclass(frozen=True, slots=True)
class BodyMerge:
    """The merged prompt, its sections for the report, the input item count, its style."""

    text: str
    sections: tuple[MergedSection, ...]
    input_items: int
    style: str


@dataclass(slots=True)
class _SectionGroup:
    preamble: bool = False
    members: list[_SectionMember] = field(default_factory=list)
    titles: Counter[str] = field(default_factory=Counter)
    vector: dict[str, float] = field(default_factory=dict)
    groups: list[ItemGroup] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    #: the first key of each item cluster, in cluster order (what new items are scored on)
    founders: KeyIndex = field(default_factory=KeyIndex)
    norm: float = 0.0
    squares: float = 0.0
    #: the five commonest titles, which stand for the group when aligning
    common: list[str] = field(default_factory=list)

    def add(
        self,
        variant: int,
        section: sections.Section | None,
        position: float,
        vector: dict[str, float],
        title: str | None,
    ) -> None:
        self.members.append(_SectionMember(variant, section, position))
        self.seen.add(variant)
        for word, value in vector.items():  # keep the norm current in O(len(vector))
            old = self.vector.get(word, 0.0)
            self.squares += (old + value) ** 2 - old * old
            self.vector[word] = old + value
        self.norm = math.sqrt(self.squares)
        if title is not None:
            self.titles[title] += 1
            self.common = [t for t, _ in self.titles.most_common(5)]

    def variants(self) -> set[int]:
        return self.seen


def merge_bodies(variants: list[Variant], options: MergeOptions) -> BodyMerge:
    """The merged prompt, its sections for the report, the input item count, and the style."""
    outlines = [sections.parse(v.agent.instructions) for v in variants]
    styles = Counter("tags" if o.style == "tags" else "markdown" for o in outlines)
    style = "tags" if styles["tags"] > styles["markdown"] else "markdown"
    pieces = [_pieces(outline) for outline in outlines]
    idf = _idf([text for variant in pieces for _, _, text in variant])
    titles = _Titles(
        _idf([title for variant in pieces for _, title, _ in variant if title], stems=True)
    )
    preamble = _SectionGroup(preamble=True)
    groups: list[_SectionGroup] = []
    postings: dict[str, set[int]] = {}
    input_items = 0
    for index, variant in enumerate(pieces):
        for position, (section, title, text) in enumerate(variant):
            found = itemlib.split(text)
            input_items += len(found)
            relative = position / max(1, len(variant))
            vector = _vector(text + " " + (title or ""), idf)
            if section is None:
                group = preamble
            else:
                # Blocking: only groups sharing a title stem or a heavy word are scored, and
                # title similarity is computed only for those sharing a stem.
                stems = {f"t:{stem}" for stem in _stems(title or "")}
                words = {f"w:{word}" for word in list(vector)[:8]}  # heaviest first
                by_title = set().union(*(postings.get(key, ()) for key in stems))
                numbers = sorted(by_title.union(*(postings.get(key, ()) for key in words)))
                found_group = _best_group(
                    [(n, groups[n], n in by_title) for n in numbers],
                    index,
                    title or "",
                    vector,
                    titles,
                    options,
                )
                if found_group is None:
                    found_group = len(groups)
                    groups.append(_SectionGroup())
                group = groups[found_group]
                for key in stems | words:
                    postings.setdefault(key, set()).add(found_group)
            group.add(index, section, relative, vector, None if section is None else title or "")
            _add_items(group, index, found, options)
    chosen = [g for g in [preamble, *groups] if g.members]
    chosen.sort(key=lambda g: (not g.preamble, _average(g), _title(g) or ""))
    labels = [v.label for v in variants]
    merged = _finish(chosen, labels, options)
    text = render(merged, style, len(labels) if options.annotate else 0)
    return BodyMerge(text, merged, input_items, style)


def _pieces(outline: sections.Outline) -> list[tuple[sections.Section | None, str | None, str]]:
    flat: list[tuple[sections.Section | None, str | None, str]] = [(None, None, outline.preamble)]
    flat.extend(
        (s, s.title if s.kind != "tag" else title_from_tag(s.title), s.text) for s in outline.walk()
    )
    return flat


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """Title words cut to five letters: a crude stemmer (develop/development, api/apis)."""
    return frozenset(word[:5] for word in itemlib.normalise(text).split())


class _Titles:
    """Dice similarity of title stems, each weighted by its rarity among all titles; memoised
    (the same few titles meet again and again)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self.known: dict[tuple[str, str], float] = {}

    def similarity(self, left: str, right: str) -> float:
        found = self.known.get((left, right))
        if found is None:
            a, b = _stems(left), _stems(right)
            weight = self.weights.get
            total = sum(weight(w, 1.0) for w in a) + sum(weight(w, 1.0) for w in b)
            found = 2 * sum(weight(w, 1.0) for w in a & b) / total if total else 0.0
            self.known[(left, right)] = found
        return found


def _idf(texts: list[str], *, stems: bool = False) -> dict[str, float]:
    split = _stems if stems else (lambda text: set(itemlib.normalise(text).split()))
    documents = Counter(word for text in texts for word in split(text))
    total = max(1, len(texts))
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in documents.items()}


def _vector(text: str, idf: dict[str, float], keep: int = 24) -> dict[str, float]:
    """The section's `keep` heaviest words by tf-idf: enough to tell topics apart, cheap."""
    counts = Counter(itemlib.normalise(text).split())
    weighted = {word: count * idf.get(word, 1.0) for word, count in counts.items()}
    return dict(heapq.nlargest(keep, weighted.items(), key=lambda pair: (pair[1], pair[0])))


def _cosine(vector: dict[str, float], norm: float, group: _SectionGroup) -> float:
    if not norm or not group.norm:
        return 0.0
    # map() keeps the loop in C: this runs for every (section, candidate group) pair
    dot = sum(map(mul, vector.values(), map(group.vector.get, vector.keys(), repeat(0.0))))
    return float(dot) / (norm * group.norm)


def _best_group(
    candidates: list[tuple[int, _SectionGroup, bool]],
    variant: int,
    title: str,
    vector: dict[str, float],
    titles: _Titles,
    options: MergeOptions,
) -> int | None:
    """Align a section with the group whose titles and words it shares most (BRIEF §6.2):
    titles alone mislead (`Security & Performance` ~ `Authentication & Authorization`).
    `candidates` holds (group number, group, shares a title stem)."""
    best: tuple[float, int] | None = None
    norm = math.sqrt(sum(v * v for v in vector.values()))
    for number, group, shares_stem in candidates:
        if variant in group.seen:
            continue
        # the group's five commonest titles stand for it (cost stays per group)
        title_score = (
            max((titles.similarity(title, t) for t in group.common), default=0.0)
            if shares_stem
            else 0.0
        )
        score = title_score + 0.8 * _cosine(vector, norm, group)
        if score >= options.section_threshold and (best is None or score > best[0]):
            best = (score, number)
    return best[1] if best else None


def _add_items(
    group: _SectionGroup, variant: int, found: list[itemlib.Item], options: MergeOptions
) -> None:
    """Cluster items with complete linkage: an item joins a cluster only if it is a
    near-duplicate of every member, so every member is close to the representative."""
    cutoff = options.item_threshold * 100
    founders = group.founders
    for position, item in enumerate(found):
        key = item.sorted_key  # compared with fuzz.ratio: token_sort_ratio of the keys
        relative = position / max(1, len(found))
        target: ItemGroup | None = None
        if group.preamble and is_role_statement(item):
            # Every variant opens with its own "You are ..." sentence: one point, said once.
            target = next((g for g in group.groups if g.role and variant not in g.seen), None)
        elif founders and key:
            # rapidfuzz scores every cluster's first member in C; the few above the cutoff
            # are then checked in Python (best first; ties keep the earlier cluster)
            for number in founders.matches(key, cutoff):
                candidate = group.groups[number]
                if variant not in candidate.seen and close_to_all(key, candidate.keys, cutoff):
                    target = candidate
                    break
        if target is None:
            target = ItemGroup(role=group.preamble and is_role_statement(item))
            group.groups.append(target)
            founders.append(key)
        target.add(variant, item, relative)


def _average(group: _SectionGroup) -> float:
    return sum(m.position for m in group.members) / len(group.members)


def _title(group: _SectionGroup) -> str | None:
    if group.preamble or not group.titles:
        return None
    return min(group.titles.items(), key=lambda pair: (-pair[1], pair[0]))[0]


_KIND_ORDER = {"paragraph": 0, "bullet": 1, "ordered": 1, "block": 2, "code": 2}


def _item_order(group: ItemGroup) -> tuple[int, float, str]:
    """Within a section: the role statement, prose, then lists, then code; each by position."""
    representative = group.representative()
    rank = -1 if group.role else _KIND_ORDER[representative.kind]
    return rank, group.position(), representative.text


def _finish(
    groups: list[_SectionGroup], labels: list[str], options: MergeOptions
) -> tuple[MergedSection, ...]:
    """Pick representatives, fold repeats across sections, apply --min-support."""
    needed = (
        len(labels) // 2 + 1
        if options.min_support == "majority"
        else max(1, int(options.min_support))
    )
    cutoff = options.item_threshold * 100
    said = Said(cutoff)
    kept: list[tuple[int, itemlib.Item, set[int]]] = []
    for number, group in enumerate(groups):
        for item_group in sorted(group.groups, key=_item_order):
            # The representative is the most complete phrasing not said already. Members are
            # near-duplicates of each other (complete linkage), so any of them represents the
            # group; a group all of whose members were said already is folded away.
            fresh = None
            for item in by_completeness(item_group):
                if said.find(item.sorted_key, number) is None:
                    fresh = item
                    break
            if fresh is None:
                match = said.find(item_group.representative().sorted_key, number)
                if match is not None:
                    kept[match][2].update(item_group.variants())
                continue
            said.add(fresh.sorted_key, number)
            kept.append((number, fresh, set(item_group.variants())))
    result: list[MergedSection] = []
    for number, group in enumerate(groups):
        chosen = [
            MergedItem(item, tuple(labels[i] for i in sorted(variants)))
            for owner, item, variants in kept
            if owner == number and len(variants) >= needed
        ]
        if not chosen:
            continue
        levels = Counter(
            min(3, max(2, s.level)) if s is not None and s.kind == "heading" else 2
            for _, s, _ in group.members
        )
        level = min(levels.items(), key=lambda pair: (-pair[1], pair[0]))[0]
        section_sources = tuple(labels[i] for i in sorted(group.variants()))
        result.append(
            MergedSection(
                _title(group), level, section_sources, tuple(chosen), tuple(sorted(group.titles))
            )
        )
    return tuple(result)
