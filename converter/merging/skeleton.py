"""The merge's skeleton: the base variant's section tree, kept in its order, with every
other variant's sections aligned to it by title and words. A section keeps its parent: one
with no match is added under the place its parent went, right after the place its previous
sibling went (or beside its most related section), so it is never re-parented under an
unrelated one."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import mul

from converter.merging.outline import Node
from converter.merging.types import MergeOptions
from converter.merging.weights import Weighed, idf, title_stems, vector


@dataclass(slots=True, eq=False, repr=False)
class Slot:
    """A section of the merged prompt: the aligned sections of the variants."""

    parent: Slot | None = None
    members: list[Node] = field(default_factory=list)
    children: list[Slot] = field(default_factory=list)
    titles: Counter[str] = field(default_factory=Counter)
    vector: dict[str, float] = field(default_factory=dict)
    squares: float = 0.0
    seen: set[int] = field(default_factory=set)
    #: the five commonest titles, which stand for the slot when aligning, and their stems
    common: list[str] = field(default_factory=list)
    stems: frozenset[str] = frozenset()
    best: str | None = None
    #: the base variant's title for this place, if it has the place: it wins a tie
    base_title: str | None = None
    #: a title's best likeness to `common`, by title (cleared when `common` is set again):
    #: a hundred variants bring the same few titles to each place
    title_scores: dict[str, float] = field(default_factory=dict)

    def add(self, node: Node, vector: dict[str, float]) -> None:
        self.members.append(node)
        self.seen.add(node.variant)
        summed, squares = self.vector, self.squares  # locals: the same sums, faster
        for word, value in vector.items():
            old = summed.get(word, 0.0)
            squares += (old + value) ** 2 - old * old
            summed[word] = old + value
        self.squares = squares
        if node.title is not None:
            self.titles[node.title] += 1
            if node.title not in self.common or len(self.titles) <= 5:
                common = [t for t, _ in self.titles.most_common(5)]
                # what reads `common` takes a maximum over it: only its titles matter, and
                # while they stay the same the likenesses worked out for them still hold
                if set(common) != set(self.common):
                    self.stems = frozenset().union(*(title_stems(t) for t in common))
                    self.title_scores = {}
                self.common = common
            count, best = self.titles[node.title], self.best
            if best is None or (-count, node.title) < (-self.titles[best], best):
                self.best = node.title

    @property
    def title(self) -> str | None:
        """The title most variants gave this place; of titles given as often, the base's
        (its sections are the skeleton), else the one that sorts first."""
        base, best = self.base_title, self.best
        if base is not None and best is not None and self.titles[base] == self.titles[best]:
            return base
        return best

    def __repr__(self) -> str:
        return f"Slot({self.title!r}, {len(self.members)} members, {len(self.children)} children)"

    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth() + 1

    def walk(self) -> Iterator[Slot]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class _Probe:
    """What placing one section compares, worked out once: its heaviest words and their
    norm, its title and the title's stems, and the index keys it is found under (sorted)."""

    node: Node
    title: str
    found: dict[str, float]
    norm: float
    stems: frozenset[str]
    keys: list[str]


class Aligner:
    """Places each variant's sections in the skeleton (blocking keeps it near-linear)."""

    def __init__(
        self,
        roots: list[Node],
        base: int,
        options: MergeOptions,
        weighed: Weighed | None = None,
    ) -> None:
        """`weighed` is what `weigh(roots)` gives, worked out before the base was known."""
        every = [n for root in roots for n in root.walk()]
        self.vectors: dict[int, dict[str, float]] = {}
        if weighed is None:
            self.word_idf = idf([set(n.words()) for n in every])
        else:
            self.word_idf, found = weighed
            self.vectors = {id(n): vector for n, vector in zip(every, found, strict=True)}
        self.title_idf = idf([title_stems(n.title) for n in every if n.title])
        self.options = options
        self.root = Slot()
        #: key (title stem, heavy word) → the slots indexed under it, each once, in order
        self.postings: dict[str, dict[int, Slot]] = {}
        self.known: dict[tuple[str, str], float] = {}
        self.title_weights: dict[str, float] = {}
        self.base = base
        self._copy(roots[base], self.root)
        for number, root in enumerate(roots):
            if number != base:
                self.root.add(root, self._vector(root))
                self._place_children(root, self.root)
        self._consolidate()

    def _consolidate(self) -> None:
        """One pass that joins a section the base lacks with a section it matches now that
        every variant is placed (alignment is greedy: an early variant may have missed a
        section a later one filled in). Sections of one variant are never joined."""
        for slot in list(self.root.walk()):
            if slot.parent is None or self.base in slot.seen or slot.parent is None:
                continue
            best: tuple[float, Slot] | None = None
            for other in self._slot_candidates(slot):
                score = self._slot_score(slot, other)
                if score >= self.options.section_threshold and (best is None or score > best[0]):
                    best = (score, other)
            if best is not None:
                self._join(slot, best[1])

    def _slot_candidates(self, slot: Slot) -> list[Slot]:
        keys = {f"t:{s}" for s in slot.stems}
        keys |= {f"w:{w}" for w in heapq.nlargest(8, slot.vector, key=slot.vector.__getitem__)}
        lineage = set()
        current: Slot | None = slot
        while current is not None:
            lineage.add(id(current))
            current = current.parent
        found: dict[int, Slot] = {}
        for key in sorted(keys):
            for other in _latest(self.postings.get(key)):
                if (
                    id(other) in lineage
                    or other.parent is None
                    or not other.seen.isdisjoint(slot.seen)
                ):
                    continue
                if any(id(d) == id(slot) for d in other.walk()):
                    continue
                found.setdefault(id(other), other)
        return list(found.values())

    def _slot_score(self, slot: Slot, other: Slot) -> float:
        title = 0.0
        if slot.stems & other.stems:
            title = max(self._title_similarity(a, b) for a in slot.common for b in other.common)
        if not slot.squares or not other.squares:
            return title
        dot = sum(v * other.vector.get(w, 0.0) for w, v in slot.vector.items())
        return title + 0.8 * dot / math.sqrt(slot.squares * other.squares)

    def _join(self, slot: Slot, into: Slot) -> None:
        """`slot` becomes part of `into`: its members, and its subsections under `into`."""
        assert slot.parent is not None
        slot.parent.children.remove(slot)
        for member in slot.members:
            into.add(member, {})
        for word, value in slot.vector.items():
            old = into.vector.get(word, 0.0)
            into.squares += (old + value) ** 2 - old * old
            into.vector[word] = old + value
        for child in slot.children:
            child.parent = into
            into.children.append(child)
        for bucket in self.postings.values():
            if bucket.pop(id(slot), None) is not None:
                bucket[id(into)] = into

    def _vector(self, node: Node) -> dict[str, float]:
        found = self.vectors.get(id(node))
        return vector(node.words(), self.word_idf) if found is None else found

    def _probe(self, node: Node) -> _Probe:
        found = self._vector(node)
        stems = title_stems(node.title or "")
        keys = {f"t:{s}" for s in stems}
        keys |= {f"w:{w}" for w in list(found)[:8]}
        return _Probe(node, node.title or "", found, _norm(found), stems, sorted(keys))

    def _index(self, slot: Slot, probe: _Probe) -> None:
        for key in probe.keys:
            self.postings.setdefault(key, {})[id(slot)] = slot

    def _copy(self, node: Node, slot: Slot) -> None:
        probe = self._probe(node)
        slot.add(node, probe.found)
        slot.base_title = node.title
        if slot.parent is not None:
            self._index(slot, probe)
        for child in node.children:
            made = Slot(parent=slot)
            slot.children.append(made)
            self._copy(child, made)

    def _place_children(self, node: Node, parent: Slot) -> None:
        after: Slot | None = None
        for child in node.children:
            probe = self._probe(child)
            slot = self._best(probe, parent)
            if slot is None:
                slot = Slot(parent=parent)
                siblings = parent.children
                anchor = after if after in siblings else self._nearest(probe, parent)
                at = siblings.index(anchor) + 1 if anchor is not None else len(siblings)
                siblings.insert(at, slot)
            slot.add(child, probe.found)
            self._index(slot, probe)
            after = slot
            self._place_children(child, slot)

    def _score(self, probe: _Probe, slot: Slot, parent: Slot) -> float:
        best_title = 0.0
        if not probe.stems.isdisjoint(slot.stems):  # no set is built for the answer
            title = probe.title
            found_title = slot.title_scores.get(title)
            if found_title is None:
                found_title = max(self._title_similarity(title, t) for t in slot.common)
                slot.title_scores[title] = found_title
            best_title = found_title
        found, norm = probe.found, probe.norm
        # map() keeps the loop in C: this runs for every (section, candidate) pair
        dot = sum(map(mul, found.values(), map(slot.vector.get, found.keys(), repeat(0.0))))
        cosine = dot / (norm * math.sqrt(slot.squares)) if norm and slot.squares else 0.0
        # the same parent as in the base is a small sign of the same place
        return best_title + 0.8 * cosine + (0.1 if slot.parent is parent else 0.0)

    def _candidates(self, probe: _Probe) -> list[Slot]:
        seen: dict[int, Slot] = {}
        for key in probe.keys:
            bucket = self.postings.get(key)
            if bucket is not None and len(bucket) <= _LATEST:
                seen.update(bucket)  # in C: a slot seen already keeps its place
                continue
            for slot in _latest(bucket):
                seen.setdefault(id(slot), slot)
        variant = probe.node.variant
        return [s for s in seen.values() if variant not in s.seen]

    def _best(self, probe: _Probe, parent: Slot) -> Slot | None:
        """The candidate of the best `_score` (the first of equal scores) at the section
        threshold or above. `_score` written out: this runs for every candidate of every
        section of every variant, and the same sums in the same order give the same score."""
        best, best_score = None, self.options.section_threshold
        title, stems, found, norm = probe.title, probe.stems, probe.found, probe.norm
        words, weights = found.keys(), found.values()
        for slot in self._candidates(probe):
            title_score = 0.0
            if not stems.isdisjoint(slot.stems):
                title_score = slot.title_scores.get(title)  # type: ignore[assignment]
                if title_score is None:
                    title_score = max(self._title_similarity(title, t) for t in slot.common)
                    slot.title_scores[title] = title_score
            squares = slot.squares
            dot = sum(map(mul, weights, map(slot.vector.get, words, repeat(0.0))))
            cosine = dot / (norm * math.sqrt(squares)) if norm and squares else 0.0
            score = title_score + 0.8 * cosine + (0.1 if slot.parent is parent else 0.0)
            if score > best_score or (best is None and score == best_score):
                best, best_score = slot, score
        return best

    def _nearest(self, probe: _Probe, parent: Slot) -> Slot | None:
        scored = [(self._score(probe, s, parent), n) for n, s in enumerate(parent.children)]
        if not scored:
            return None
        score, number = max(scored, key=lambda pair: (pair[0], -pair[1]))
        return parent.children[number] if score > 0.15 else None

    def _title_similarity(self, left: str, right: str) -> float:
        found = self.known.get((left, right))
        if found is None:
            a, b = title_stems(left), title_stems(right)
            total = self._title_weight(left) + self._title_weight(right)
            found = 0.0
            if total and not a.isdisjoint(b):  # else 0: nothing shared, no sum
                weight = self.title_idf.get
                found = 2 * sum(weight(w, 1.0) for w in a & b) / total
            self.known[(left, right)] = found
        return found

    def _title_weight(self, title: str) -> float:
        """A title's stems' weights summed, once per title: a hundred variants' titles, each
        compared with the five commonest of each candidate place, share most titles."""
        found = self.title_weights.get(title)
        if found is None:
            weight = self.title_idf.get
            found = self.title_weights[title] = sum(weight(w, 1.0) for w in title_stems(title))
        return found


def _norm(found: dict[str, float]) -> float:
    return math.sqrt(sum(map(mul, found.values(), found.values())))


#: how many of the latest slots of a posting are looked at (bounded work per lookup)
_LATEST = 256


def _latest(bucket: dict[int, Slot] | None, limit: int = _LATEST) -> Iterator[Slot]:
    """The slots of a posting, the latest `limit` of them (bounded work per lookup)."""
    if not bucket:
        return iter(())
    if len(bucket) <= limit:
        return iter(bucket.values())
    return islice(reversed(bucket.values()), limit)
