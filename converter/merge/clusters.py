"""Clusters of near-duplicate items: complete linkage on rapidfuzz's token-sort ratio of
the items' normalised words, and the index of what the merged prompt says already."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import fuzz, process

from converter.prompt import items as itemlib


class Member(NamedTuple):
    variant: int
    item: itemlib.Item
    position: float


@dataclass(slots=True)
class ItemGroup:
    """Items that say the same thing, gathered across the variants."""

    members: list[Member] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    #: the group of opening "You are ..." statements
    role: bool = False
    seen: set[int] = field(default_factory=set)

    def add(self, variant: int, item: itemlib.Item, position: float) -> None:
        self.members.append(Member(variant, item, position))
        self.keys.append(item.sorted_key)
        self.seen.add(variant)

    def variants(self) -> set[int]:
        return self.seen

    def representative(self) -> itemlib.Item:
        # the most complete phrasing: most words, then the text that sorts first
        return min((m.item for m in self.members), key=lambda i: (-len(i.key.split()), i.text))

    def position(self) -> float:
        return sum(m.position for m in self.members) / len(self.members)


def by_completeness(group: ItemGroup) -> list[itemlib.Item]:
    return sorted((m.item for m in group.members), key=lambda i: (-len(i.key.split()), i.text))


class KeyIndex:
    """Item keys, searchable for the near-duplicates of a new key, in bounded time.

    Up to FULL_SCAN keys every key is scored (in rapidfuzz's C loop). Past that, only keys
    that share a word stem with the new key are, the rarest stems first, at most CANDIDATES
    of them (a near-duplicate shares most of its words' stems). Every index stops fuzzy
    scoring after BUDGET comparisons and then finds exact duplicates only (`exhausted`
    says so): one section of 200,000 items merges in seconds, not hours.
    """

    FULL_SCAN = 512
    CANDIDATES = 256
    BUDGET = 4_000_000

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.postings: dict[str, list[int]] = {}
        self.exact: dict[str, int] = {}
        self.spent = 0

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.BUDGET

    def append(self, key: str) -> None:
        number = len(self.keys)
        self.keys.append(key)
        self.exact.setdefault(key, number)
        for stem in _stems(key):
            self.postings.setdefault(stem, []).append(number)

    def matches(self, key: str, cutoff: float, limit: int | None = None) -> list[int]:
        """The numbers of keys at least `cutoff` similar to `key`, best first (ties: the
        earlier key first); the best `limit` only, if given."""
        if self.exhausted or not itemlib.fuzzy(key):
            return [self.exact[key]] if key in self.exact else []
        candidates = self._candidates(key)
        if candidates is None:
            choices = self.keys
        elif len(candidates) < 2:  # itemgetter of one index gives the item, of none fails
            choices = [self.keys[n] for n in candidates]
        else:  # itemgetter picks them in C: this runs once per item of a large section
            choices = list(itemgetter(*candidates)(self.keys))
        self.spent += len(choices)
        found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        if candidates is None:
            return [int(number) for _, _, number in found]
        return [candidates[int(at)] for _, _, at in found]

    def _candidates(self, key: str) -> list[int] | None:
        if len(self.keys) <= self.FULL_SCAN:
            return None
        chosen: set[int] = {self.exact[key]} if key in self.exact else set()
        for posting in sorted((self.postings.get(s, ()) for s in _stems(key)), key=len):
            chosen.update(posting[-(self.CANDIDATES - len(chosen)) :])
            if len(chosen) >= self.CANDIDATES:
                break
        return sorted(chosen)


def _stems(key: str) -> set[str]:
    return {word[:5] for word in key.split()}


class Said:
    """The items kept so far, searchable for a near-duplicate of a new one: every kept item
    of the same section, and across sections those sharing one of the new item's three
    rarest words (blocking: the cost stays near-linear in the number of items)."""

    def __init__(self, cutoff: float) -> None:
        self.cutoff = cutoff
        self.keys: list[str] = []
        self.sections: list[int] = []
        self.by_section: dict[int, tuple[KeyIndex, list[int]]] = {}
        self.postings: dict[str, list[int]] = {}

    def add(self, key: str, section: int) -> None:
        index = len(self.keys)
        self.keys.append(key)
        self.sections.append(section)
        keys, numbers = self.by_section.setdefault(section, (KeyIndex(), []))
        keys.append(key)
        numbers.append(index)
        for word in set(key.split()):
            self.postings.setdefault(word, []).append(index)

    def find(self, key: str, section: int) -> int | None:
        """The index of a kept item that already says `key` (an item's `sorted_key`)."""
        if not key:
            return None
        if section in self.by_section:
            keys, numbers = self.by_section[section]
            best = keys.matches(key, self.cutoff, limit=1)
            if best:
                return numbers[best[0]]
        if len(self.by_section) <= (section in self.by_section):
            return None  # no other section holds an item yet
        rare = sorted(set(key.split()), key=lambda w: (len(self.postings.get(w, ())), w))[:3]
        limit = KeyIndex.CANDIDATES  # the latest items of each rare word: bounded work
        others = sorted(
            {
                i
                for w in rare
                for i in self.postings.get(w, ())[-limit:]
                if self.sections[i] != section
            }
        )
        return self._best(key, others)

    def candidates(self, key: str, section: int, limit: int = 5) -> list[int]:
        """Up to `limit` kept items that may say `key`, best first (for a caller that
        judges each by more than shared words)."""
        if not key:
            return []
        found: list[int] = []
        if section in self.by_section:
            keys, numbers = self.by_section[section]
            found.extend(numbers[n] for n in keys.matches(key, self.cutoff, limit=limit))
        if len(self.by_section) <= (section in self.by_section):
            return found  # no other section holds an item yet
        rare = sorted(set(key.split()), key=lambda w: (len(self.postings.get(w, ())), w))[:5]
        others = sorted(
            {
                i
                for w in rare
                for i in self.postings.get(w, ())[-KeyIndex.CANDIDATES :]
                if self.sections[i] != section
            }
        )
        if others and itemlib.fuzzy(key):
            choices = [self.keys[i] for i in others]
            scored = process.extract(
                key, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=limit
            )
            found.extend(others[int(match[2])] for match in scored)
        return found[: limit * 2]

    def _best(self, key: str, indices: list[int]) -> int | None:
        if not indices:
            return None
        if not itemlib.fuzzy(key):
            return next((i for i in indices if self.keys[i] == key), None)
        choices = [self.keys[i] for i in indices]
        match = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return None if match is None else indices[int(match[2])]


def is_role_statement(item: itemlib.Item) -> bool:
    return item.kind == "paragraph" and item.text.lstrip().lower().startswith(
        ("you are ", "you're ")
    )


#: complete linkage compares a new item with at most this many members of a cluster
_LINKAGE_SAMPLE = 16


def close_to_all(key: str, keys: list[str], cutoff: float) -> bool:
    # Large clusters (many variants saying one thing) are checked against an even sample
    # that always holds the first member: the cost per item stays bounded.
    if len(keys) > _LINKAGE_SAMPLE:
        step = len(keys) / _LINKAGE_SAMPLE
        keys = [keys[int(n * step)] for n in range(_LINKAGE_SAMPLE)]
    if not itemlib.fuzzy(key):
        return all(other == key for other in keys)
    # one call into rapidfuzz's C loop instead of one Python call per member
    found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return len(found) == len(keys)
