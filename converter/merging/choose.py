"""Which phrasing of each point the merged prompt keeps, and where: clusters of one place
become kept items, folded into a point an earlier section makes already, or taking the
place of an earlier point they say with more facts or words; every phrasing not kept is
noted with its reason (the report's `folded`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from converter.merging.clusters import SAMPLE, Cluster, Said
from converter.merging.languages import one_language
from converter.merging.meaning import Meaning, distinct_words, facts, says_less
from converter.merging.skeleton import Slot
from converter.merging.types import Folded, MergedItem, MergedSection, MergeOptions
from converter.prompt import items as itemlib

#: candidates for a near-duplicate are found by shared words first (rapidfuzz, in C), at
#: this lower cutoff, then judged by words or meaning
CANDIDATE_CUTOFF = 45.0
#: a task-list item ("- [ ] Logging configured"): a checklist's own point
TASK = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]")
_PROSE = ("paragraph", "bullet", "ordered")
_SAME = "the same point in other words; the fullest phrasing is kept"

Kept = tuple[itemlib.Item, set[int]]


def cutoff(meaning: Meaning) -> float:
    """Where candidates are looked for: lower with the embedding model, which finds the
    same point in fewer shared words."""
    return CANDIDATE_CUTOFF - 15 if meaning.embedder is not None else CANDIDATE_CUTOFF


class Chooser:
    """Kept texts never change but by a fuller phrasing that every phrasing of the point
    is like, so merging the result again decides the same, and what is folded is always
    like a kept text."""

    def __init__(
        self,
        labels: list[str],
        options: MergeOptions,
        meaning: Meaning,
        languages: tuple[str, ...] = (),
    ) -> None:
        self.labels, self.options, self.meaning = labels, options, meaning
        #: each variant's language, where the variants are in more than one (else empty):
        #: a phrasing is never folded into, nor takes the place of, another language's
        self.languages = languages if len(set(languages) - {""}) > 1 else ()
        self.said = Said(cutoff(meaning))
        self.kept: dict[Slot, list[Kept]] = {}
        self.owners: list[tuple[Slot, int]] = []
        self.numbers: dict[int, int] = {}
        #: per kept point (its variant set's identity): the folding notes, and every
        #: phrasing it stands for (the kept one first)
        self.notes: dict[int, list[Folded]] = {}
        self.phrasings: dict[int, list[itemlib.Item]] = {}
        #: kept points folded into a fuller phrasing that came later
        self.removed: set[tuple[Slot, int]] = set()
        #: the sections that no variant gives an item: their title is all they say
        self.bare: set[int] = set()

    def run(self, skeleton: Slot, clustered: Iterable[list[Cluster]]) -> None:
        """Places each slot's clusters (`clustered`: theirs in the skeleton's walk order)."""
        for number, (slot, clusters) in enumerate(zip(skeleton.walk(), clustered, strict=True)):
            self.numbers[id(slot)] = number
            self.kept[slot] = []
            checklist = "checklist" in (slot.title or "").lower()
            if not any(node.text.strip() for node in slot.members):
                self.bare.add(id(slot))
            for cluster in clusters:
                self._place(cluster, slot, number, checklist)

    def _place(self, cluster: Cluster, slot: Slot, number: int, checklist: bool) -> None:
        fresh: itemlib.Item | None = None
        said: list[tuple[itemlib.Item, int]] = []  # phrasings an earlier point says
        previous: itemlib.Item | None = None
        for item in cluster.by_preference():
            if item == previous:  # another variant's copy, word for word: said as well
                continue
            previous = item
            foldable = item.kind in _PROSE and not cluster.role
            foldable = foldable and not checklist and not TASK.match(item.text)
            match = self._said(item, number, cluster.seen) if foldable else None
            if match is None:
                fresh = item
                break
            said.append((item, match))
        if fresh is None:  # each phrasing to the point that says it (not all to the first's:
            # `deploy deploy`, said by `api tests cache deploy deploy deploy`, was folded
            # into `api deploy`, which said only the cluster's fullest phrasing)
            self._fold_said(cluster, said)
            return
        if said:  # the fuller phrasings go to the point that says them, not to `fresh`
            cluster = self._fold_said(cluster, said)
        if not cluster.role and not checklist and not TASK.match(fresh.text):
            earlier = self._fuller(fresh, number, cluster.seen)
            if earlier:
                self._take_place(cluster, fresh, earlier[0])
                for other in earlier[1:]:
                    self._absorb(other, earlier[0])
                return
        self.said.add(fresh.sorted_key, number)
        self.owners.append((slot, len(self.kept[slot])))
        variants = set(cluster.seen)
        why = "one identity statement, where the base says its own" if cluster.role else _SAME
        self.notes[id(variants)] = self._notes(cluster, fresh, fresh, slot, why)
        self.phrasings[id(variants)] = [fresh, *(i for _, i in cluster.members)]
        self.kept[slot].append((fresh, variants))

    def _fold_said(self, cluster: Cluster, said: list[tuple[itemlib.Item, int]]) -> Cluster:
        """Folds each phrasing of `said` (with the variants that wrote it) into the earlier
        point that says it; the rest of the cluster, to be placed, is returned. The shorter
        phrasing kept after them does not say them (`Beds and paths`, `Beds, paths and
        their borders`): the report had noted them as folded into it."""
        gone = {item.text for item, _ in said}
        for item, match in said:
            part = Cluster()
            for variant, member in cluster.members:
                if member.text == item.text:
                    part.add(variant, member)
            self._fold(part, match)
        rest = Cluster(role=cluster.role)
        for variant, member in cluster.members:
            if member.text not in gone:
                rest.add(variant, member)
        return rest

    def _fold(self, cluster: Cluster, match: int) -> None:
        """Every phrasing of the cluster was said in an earlier place."""
        owner, index = self.owners[match]
        into, variants = self.kept[owner][index]
        variants.update(cluster.seen)
        self.phrasings[id(variants)].extend(i for _, i in cluster.members)
        reason = "said in an earlier section"
        self.notes[id(variants)].extend(self._notes(cluster, None, into, owner, reason))

    def _take_place(self, cluster: Cluster, fresh: itemlib.Item, match: int) -> None:
        """A later phrasing that says an earlier point and more takes its place."""
        owner, index = self.owners[match]
        earlier, variants = self.kept[owner][index]
        self.kept[owner][index] = (_as_kind(fresh, earlier.kind), variants)
        sources = tuple(self.labels[v] for v in sorted(variants))
        variants.update(cluster.seen)
        reason = "a later phrasing says this and more; it takes this place"
        notes = [replace(n, into=fresh.text) for n in self.notes[id(variants)]]
        notes.append(Folded(earlier.text, sources, fresh.text, owner.title, reason))
        notes += self._notes(cluster, fresh, fresh, owner, _SAME)
        self.notes[id(variants)] = notes
        self.phrasings[id(variants)].extend(i for _, i in cluster.members)
        # found again under its new words
        self.said.add(fresh.sorted_key, self.numbers[id(owner)])
        self.owners.append((owner, index))

    def _absorb(self, match: int, into_match: int) -> None:
        """Another earlier point the fuller phrasing says too is folded into it."""
        owner, index = self.owners[match]
        if (owner, index) in self.removed or self.owners[into_match] == (owner, index):
            return
        gone, variants = self.kept[owner][index]
        into_owner, into_index = self.owners[into_match]
        into, into_variants = self.kept[into_owner][into_index]
        if variants & into_variants:
            return  # one variant wrote both: two points (see _said)
        self.removed.add((owner, index))
        into_variants.update(variants)
        reason = "a later phrasing says this and more; it takes this place"
        sources = tuple(self.labels[v] for v in sorted(variants))
        notes = [
            replace(n, into=into.text, section=into_owner.title) for n in self.notes[id(variants)]
        ]
        notes.append(Folded(gone.text, sources, into.text, into_owner.title, reason))
        self.notes[id(into_variants)].extend(notes)
        self.phrasings[id(into_variants)].extend(self.phrasings[id(variants)])

    def _said(self, item: itemlib.Item, number: int, seen: set[int]) -> int | None:
        """The kept item that says `item` already (every fact of it, and its words but at
        most one in four: `meaning.unsaid`), the one that lacks fewest of them if several
        do. Never a point a variant of `seen` made: what one author wrote twice, in two
        lists or two sections (`Active Storage` under `Rails 8 features:` and under `Rails
        7:`), or in other words (`Turbo Native for mobile bridges`, `Native mobile bridge
        with Turbo Native`), is two points to that author, so merging one variant gives it
        back."""
        best: tuple[int, int] | None = None
        mine = facts(item.text)
        for match in self.said.candidates(item.sorted_key, number):
            owner, index = self.owners[match]
            if (owner, index) in self.removed:
                continue
            earlier, variants = self.kept[owner][index]
            if not variants.isdisjoint(seen):  # no set is built for the answer
                continue
            if self.languages and not one_language(self.languages, variants, seen):
                continue
            if not mine <= facts(earlier.text):
                continue
            if says_less(earlier.sorted_key, item.sorted_key):
                continue  # a short point lacking a word of this one does not say it
            lost = self.meaning.unsaid(earlier, item)
            if lost is None or (best is not None and lost >= best[0]):
                continue  # folded there, what this one says more would be lost
            if self.meaning.similar(item, earlier, self.options.item_threshold):
                best = (lost, match)
                if not lost:
                    break
        return best[1] if best is not None else None

    def _fuller(self, item: itemlib.Item, number: int, seen: set[int]) -> list[int]:
        """The kept points of earlier places that `item` says with more facts, or with its
        facts and more words (`Turn the compost heap every fortnight`, said by a later
        `Turn the compost heap every fortnight and check its moisture`), each when every
        phrasing that point stands for is like `item` too and said by it (nothing is lost
        by the swap: `Meaning.unsaid`) and no variant of `seen` made it (see _said): the
        first takes `item`, the others are folded into it."""
        mine = facts(item.text)
        if item.kind not in _PROSE:
            return []
        words = distinct_words(item.key)
        found: list[int] = []
        places: set[tuple[int, int]] = set()
        for match in self.said.candidates(item.sorted_key, number):
            owner, index = self.owners[match]
            if (owner, index) in self.removed or (id(owner), index) in places:
                continue
            earlier, variants = self.kept[owner][index]
            if not variants.isdisjoint(seen) or earlier.kind not in _PROSE:
                continue
            if self.languages and not one_language(self.languages, variants, seen):
                continue
            theirs = facts(earlier.text)
            if not theirs <= mine:
                continue
            if theirs == mine and words <= distinct_words(earlier.key):
                continue  # no fact, no word more: it says no more
            if "checklist" in (owner.title or "").lower() or TASK.match(earlier.text):
                continue
            if says_less(earlier.sorted_key, item.sorted_key):
                continue  # a short point is its own, never swallowed by a longer one
            if words < distinct_words(earlier.key):
                continue  # says more in fewer words? a step (`**Implement** - Build robust
                # ... solutions`) like a longer sentence in words it shares with it
            stands_for = self.phrasings[id(variants)][:SAMPLE]
            threshold = self.options.item_threshold
            if all(
                self.meaning.says(item, other) and self.meaning.similar(item, other, threshold)
                for other in stands_for
            ):
                found.append(match)
                places.add((id(owner), index))
        return found

    def _notes(
        self,
        cluster: Cluster,
        kept: itemlib.Item | None,
        into: itemlib.Item,
        owner: Slot,
        reason: str,
    ) -> list[Folded]:
        """One note per phrasing of the cluster not kept as written (the variants that
        wrote it that way together)."""
        by_text: dict[str, list[int]] = {}
        for variant, item in cluster.members:
            if kept is None or item.text != kept.text:
                by_text.setdefault(item.text, []).append(variant)
        label = self.labels.__getitem__
        return [
            Folded(text, tuple(map(label, sorted(set(vs)))), into.text, owner.title, reason)
            for text, vs in by_text.items()
        ]

    def sections(
        self, skeleton: Slot, needed: int, folded: list[Folded]
    ) -> tuple[MergedSection, ...]:
        """The merged sections in tree order, items below --min-support left out (and
        said); a section without items of its own stays when a subsection is kept."""
        labels = self.labels
        result: list[MergedSection] = []
        for slot in skeleton.walk():
            self.kept[slot] = [
                kept for n, kept in enumerate(self.kept[slot]) if (slot, n) not in self.removed
            ]
        self.removed = set()
        offset = _heading_offset(skeleton)
        for slot in skeleton.walk():
            for item, variants in self.kept[slot]:
                if len(variants) >= needed:
                    folded.extend(self.notes[id(variants)])
                    continue
                why = (
                    f"carried by {len(variants)} of {len(labels)} variants; "
                    f"--min-support needs {needed}"
                )
                sources = tuple(labels[i] for i in sorted(variants))
                folded.append(Folded(item.text, sources, None, None, why))
            items = tuple(
                MergedItem(item, tuple(labels[i] for i in sorted(variants)))
                for item, variants in self.kept[slot]
                if len(variants) >= needed
            )
            has_children = any(
                len(v) >= needed for s in slot.walk() if s is not slot for _, v in self.kept[s]
            )
            # a title no variant gives an item is kept for itself: most are a bold line
            # read as a heading (`**REMEMBER: ...**` closing a section, `**Selected
            # Agents:**` before a bold sub-title), so dropping it lost a sentence
            said_alone = id(slot) in self.bare and len(slot.seen) >= needed
            if not items and not ((has_children or said_alone) and slot.parent is not None):
                continue
            sources = tuple(labels[i] for i in sorted(slot.seen))
            # Markdown writes at most six #s (render.py); the opening, untitled, says 2
            level = max(1, slot.depth() + offset - 1) if slot.parent is not None else 2
            titles = tuple(sorted(slot.titles))
            # a bold line or a tag as written where every variant has the section and wrote
            # one (merging one variant keeps them, `<ROLE lang="en">` and all), else a title
            # written anew: a heading, or a tag named after it (one kind of title, not both)
            first = next((n for n in slot.members if n.title == slot.title), None)
            every = len(slot.seen) == len(labels) and all(n.written for n in slot.members)
            written = first.written if first is not None and every else ""
            result.append(MergedSection(slot.title, level, sources, items, titles, written))
        return tuple(result)


def _heading_offset(skeleton: Slot) -> int:
    """What a top-level section's depth (1) adds up to as a heading level: the base's own
    top heading level (`# Garden planner` stays `#`, merging one variant shifts no heading),
    level 2 when it has none (bold lines, tags, no headings)."""
    base = skeleton.members[0].variant if skeleton.members else 0
    top = [n.level for slot in skeleton.children for n in slot.members if n.variant == base]
    written = [level for level in top if level]
    return min(written) if written else 2


def _as_kind(item: itemlib.Item, kind: str) -> itemlib.Item:
    """`item` written as the list item or paragraph whose place it takes."""
    if item.kind == kind:
        return item
    marker = {"bullet": "- ", "ordered": "1. ", "paragraph": ""}[kind]
    return itemlib.Item(kind, marker + item.body.lstrip())  # type: ignore[arg-type]
