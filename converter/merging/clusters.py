"""Finding near-duplicate items fast: an index of item keys searched by rapidfuzz's
token-sort ratio in bounded time (`KeyIndex`), and the index of what the merged prompt
says already (`Said`)."""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from rapidfuzz import fuzz, process

from converter.prompt import items as itemlib


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
        rare = [w for _, w in sorted([(len(postings(w, ())), w) for w in set(key.split())])[:5]]
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
