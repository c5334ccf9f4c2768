"""Near-duplicate items: the phrasings of one point in one place (`Cluster`), found fast by
an index of item keys searched by rapidfuzz's token-sort ratio in bounded time
(`KeyIndex`), and the index of what the merged prompt says already (`Said`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz, process

from converter.merging.meaning import Meaning, distinct_words, facts
from converter.prompt import items as itemlib

#: complete linkage compares a new item with at most this many members of a cluster
SAMPLE = 8
#: the order of phrasings by how much they say (`fuller_first`), and in a cluster by how
#: many variants wrote them too (`Cluster._ranked`)
Rank = tuple[int, int, int]
Ranked = tuple[int, int, int, int, str]


@dataclass(slots=True, eq=False)
class Cluster:
    """The phrasings of one point in one place, from different variants."""

    members: list[tuple[int, itemlib.Item]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    facts: frozenset[str] = frozenset()
    role: bool = False
    #: the fullest phrasing (`says_with`, kept by `_rank_members`): a new one must say it,
    #: or be said by it
    fullest: itemlib.Item | None = None
    _fullest_rank: Ranked = (0, 0, 0, 0, "")
    _ranked_upto: int = 0
    #: how many variants wrote each phrasing, word for word: of phrasings that say as
    #: much, the one most wrote is kept (not the one that sorts first)
    written: Counter[str] = field(default_factory=Counter)
    #: the distinct phrasings of `sample()`, and what they were taken for (see there)
    _sample: list[itemlib.Item] = field(default_factory=list)
    _sampled: int = 0
    #: `preference()` as a worker worked it out (None: worked out when asked)
    order: list[int] | None = None

    def add(self, variant: int, item: itemlib.Item) -> None:
        self.members.append((variant, item))
        self.seen.add(variant)
        self.written[item.text] += 1
        said = facts(item.text)
        if not said <= self.facts:  # most phrasings state no new fact: no new set
            self.facts = self.facts | said

    def says_with(self, meaning: Meaning, item: itemlib.Item, rank: Rank) -> bool:
        """The fuller of `item` (of `rank`: `fuller_first`) and the cluster's fullest
        phrasing says the other (a fuller `item` says every phrasing `sample` gives), so the
        phrasing kept says every one it stands for: `Keep tools clean, sharp and oiled` and
        `Keep tools clean and stored dry` are two points, though alike in words."""
        if self._ranked_upto != len(self.members):
            self._rank_members()
        fullest = self.fullest
        if fullest is None:
            return True
        # `_ranked(rank, item.text, 1) < _fullest_rank`, its tail built only on a tie (this
        # runs for every candidate cluster of every item)
        head = self._fullest_rank[:3]
        if rank != head:
            fuller = rank < head
        else:
            fuller = (-self.written[item.text] - 1, item.text) < self._fullest_rank[3:]
        if fuller:  # it would be kept: it must say them all (sampled)
            return all(meaning.says(item, other) for other in self.sample())
        return meaning.says(fullest, item)

    def _rank_members(self) -> None:
        """`fullest` over the members added since last asked (only clustering asks: a
        cluster handed over by a worker is not ranked again)."""
        if self._ranked_upto == len(self.members):
            return
        if self.fullest is not None:  # its copies added since rank it higher
            self._fullest_rank = self._ranked(fuller_first(self.fullest), self.fullest.text, 0)
        for _, item in self.members[self._ranked_upto :]:
            rank = self._ranked(fuller_first(item), item.text, 0)
            if self.fullest is None or rank < self._fullest_rank:
                self.fullest, self._fullest_rank = item, rank
        self._ranked_upto = len(self.members)

    def _ranked(self, rank: Rank, text: str, more: int) -> Ranked:
        """`rank` (`fuller_first`) with how many wrote the text (and `more` copies)."""
        return (*rank, -self.written[text] - more, text)

    def sample(self) -> list[itemlib.Item]:
        """What a new phrasing is compared with (complete linkage, bounded): up to SAMPLE
        members evenly spread, the first always, each distinct phrasing once (copies of
        one phrasing, word for word, would be judged alike again)."""
        count = len(self.members)
        step = max(1, count // SAMPLE)
        # members are only appended: the picks (0, step, ... 7 step) change with the step,
        # or with the count while it is below SAMPLE
        key = SAMPLE + step if count >= SAMPLE else count
        if self._sampled != key:
            picked = self.members[::step][:SAMPLE]
            self._sample = list({(i.kind, i.text): i for _, i in picked}.values())
            self._sampled = key
        return self._sample

    def by_preference(self) -> list[itemlib.Item]:
        """The identity statement: the base's first. Else the phrasings that state every
        fact of the cluster first, the most complete first: the most distinct words (the
        one that says the others: `api api tests` says `api api api`, not the other way
        round), then the most words, then the phrasing most variants wrote."""
        members = self.members
        return [members[n][1] for n in self.preference()]

    def preference(self) -> list[int]:
        """`by_preference` as the members' places (a worker sends them with the cluster)."""
        if self.order is not None:
            return self.order
        if self.role:
            return [0]
        written, every = self.written, self.facts
        keys: dict[tuple[str, str], tuple[bool, int, int, int, str]] = {}
        for _, item in self.members:  # worked out once per phrasing: copies share it
            if (item.kind, item.text) not in keys:
                text = item.text
                keys[(item.kind, text)] = (
                    not facts(text) >= every,
                    *fullness(item),
                    -written[text],
                    text,
                )
        members = self.members
        return sorted(
            range(len(members)), key=lambda n: keys[(members[n][1].kind, members[n][1].text)]
        )

    @classmethod
    def rebuilt(
        cls,
        role: bool,
        members: list[tuple[int, itemlib.Item]],
        said: frozenset[str],
        order: list[int],
    ) -> Cluster:
        """A cluster a worker made, from its members and what it worked out (its facts and
        `preference`): the parent works none of it out again."""
        cluster = cls(members=members, seen={v for v, _ in members}, facts=said, role=role)
        cluster.written = Counter(item.text for _, item in members)
        cluster.order = order
        return cluster


@lru_cache(maxsize=65536)
def fullness(item: itemlib.Item) -> tuple[int, int]:
    """Sorts the fullest phrasing first: the most distinct words, then the most words."""
    return (-distinct_words(item.key), -word_count(item.key))


@lru_cache(maxsize=65536)
def fuller_first(item: itemlib.Item) -> Rank:
    """Sorts the phrasing that says most first: the most facts, then `fullness`."""
    return (-len(facts(item.text)), *fullness(item))


def word_count(key: str) -> int:
    # a key's words are parted by single spaces (itemlib.normalise): no list is built
    return key.count(" ") + 1 if key else 0


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
        candidates, choices = self._choices(key)
        self.spent += len(choices)
        return self._scored(key, candidates, choices, cutoff, limit)

    def matches_lazily(self, key: str, cutoff: float, limit: int | None = None) -> Iterator[int]:
        """What `matches` gives, in its order, but an exact duplicate (always the best
        match, the first of its copies) comes before any key is scored: most copies of a
        point are word for word, and a caller that takes it scores nothing."""
        first = self.exact.get(key)
        if first is None or self.exhausted or not itemlib.fuzzy(key):
            yield from self.matches(key, cutoff, limit)
            return
        candidates, choices = self._choices(key)
        self.spent += len(choices)  # charged as `matches` would: the budget stays the same
        yield first
        yield from self._scored(key, candidates, choices, cutoff, limit)[1:]

    def _choices(self, key: str) -> tuple[list[int] | None, list[str]]:
        candidates = self._candidates(key)
        if candidates is None:
            return None, self.keys
        return candidates, _picked(self.keys, candidates)

    @staticmethod
    def _scored(
        key: str, candidates: list[int] | None, choices: list[str], cutoff: float, limit: int | None
    ) -> list[int]:
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
    of the same section, and across sections those sharing one of the new item's five
    rarest words (blocking: the cost stays near-linear in the number of items)."""

    def __init__(self, cutoff: float) -> None:
        self.cutoff = cutoff
        self.keys: list[str] = []
        self.sections: list[int] = []
        self.by_section: dict[int, tuple[KeyIndex, list[int]]] = {}
        self.postings: dict[str, list[int]] = {}
        #: the last `candidates` asked and its answer, good until the next `add`: a caller
        #: asks twice in a row for one phrasing (is it said? does it say more?)
        self._last: tuple[tuple[str, int, int], int, list[int]] | None = None

    def add(self, key: str, section: int) -> None:
        index = len(self.keys)
        self._last = None
        self.keys.append(key)
        self.sections.append(section)
        keys, numbers = self.by_section.setdefault(section, (KeyIndex(), []))
        keys.append(key)
        numbers.append(index)
        for word in set(key.split()):
            self.postings.setdefault(word, []).append(index)

    def candidates(self, key: str, section: int, limit: int = 5) -> list[int]:
        """Up to `limit` kept items that may say `key`, best first (for a caller that
        judges each by more than shared words)."""
        if not key:
            return []
        asked = (key, section, limit)
        if self._last is not None and self._last[0] == asked:
            _, charged, answer = self._last
            if not charged:  # nothing was scored: nothing to charge, the same answer
                return list(answer)
            index = self.by_section[section][0]
            if not index.exhausted:  # else the answer is now exact duplicates only
                index.spent += charged  # as if scored again: the budget runs out as it did
                return list(answer)
        found: list[int] = []
        charged = 0
        if section in self.by_section:
            keys, numbers = self.by_section[section]
            spent = keys.spent
            found.extend(numbers[n] for n in keys.matches(key, self.cutoff, limit=limit))
            charged = keys.spent - spent
        if len(self.by_section) <= (section in self.by_section):
            return found  # no other section holds an item yet
        postings = self.postings.get  # the rarest words first, ties by the word
        distinct = set(key.split())
        rare: Iterable[str] = distinct  # five words or fewer: each is one of the five (the
        # order they are taken in is no matter)
        if len(distinct) > 5:
            rare = [w for _, w in sorted([(len(postings(w, ())), w) for w in distinct])[:5]]
        pool: set[int] = set()
        for word in rare:  # the latest items of each rare word: bounded work
            pool.update(self.postings.get(word, ())[-KeyIndex.CANDIDATES :])
        if section in self.by_section:  # other sections only (set operations run in C)
            pool.difference_update(self.by_section[section][1])
        others = sorted(pool)
        if others and itemlib.fuzzy(key):
            choices = _picked(self.keys, others)
            scored = process.extract(
                key, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=limit
            )
            found.extend(others[int(match[2])] for match in scored)
        self._last = (asked, charged, found[: limit * 2])
        return found[: limit * 2]


def _picked(keys: list[str], numbers: list[int]) -> list[str]:
    """`keys[n]` for each of `numbers`, picked in C (this runs once per item)."""
    if len(numbers) < 2:  # itemgetter of one index gives the item, of none fails
        return [keys[n] for n in numbers]
    return list(itemgetter(*numbers)(keys))


def is_role_statement(item: itemlib.Item) -> bool:
    return item.kind == "paragraph" and item.text.lstrip().lower().startswith(
        ("you are ", "you're ")
    )
