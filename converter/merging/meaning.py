"""When two items say the same thing: shared words (rapidfuzz's token-sort ratio) or shared
meaning (a tf-idf cosine over word stems, with an abbreviation and synonym table of our
own), and never when one names a fact the other lacks and lacks one the other names
(`Check rule 1` and `Check rule 2` are two points; `SQL and NoSQL` folds into `SQL
(PostgreSQL) and NoSQL (MongoDB)`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import Any

from rapidfuzz import fuzz

from converter.prompt import items as itemlib

#: words written several ways for one thing (compared after lower-casing, before stemming)
SYNONYMS = {
    "authentication": "auth", "authn": "auth", "authorisation": "authz",
    "authorization": "authz", "database": "db", "databases": "db", "postgres": "postgresql",
    "k8s": "kubernetes", "js": "javascript", "ts": "typescript", "config": "configuration",
    "configure": "configuration", "configured": "configuration", "repo": "repository",
    "docs": "documentation", "documenting": "documentation", "perf": "performance",
    "optimise": "optimize", "optimisation": "optimize", "optimization": "optimize",
    "analyse": "analyze", "analysis": "analyze", "tests": "test", "testing": "test",
    "tested": "test", "endpoints": "endpoint", "apis": "api", "ensure": "make sure",
    "utilize": "use", "utilise": "use", "leverage": "use", "implement": "build",
    "implementing": "build", "implementation": "build", "develop": "build",
    "development": "build", "create": "build", "creating": "build",
}  # fmt: skip

#: the embedding cosine at which two items say the same (--semantic; facts still apply)
SEMANTIC = 0.78

#: a fact: a number, or a name written with a capital inside it or after the first word
_NUMBER = re.compile(r"\b\d++(?:[.,]\d++)*+%?")  # possessive: "1.1.1..." keeps no state
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w+#.]*[A-Za-z0-9+#]|\b\w+[A-Z][\w+#.]*")
_DIGIT = re.compile(r"\d")
_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_LABEL = re.compile(r"^\*\*[^*\n]{1,60}\*\*:?\s*")


@lru_cache(maxsize=65536)
def facts(text: str) -> frozenset[str]:
    """The numbers and names an item states (lower case): what folding must never lose."""
    primed = _PRIMED.pop(text, None)
    if primed is not None:  # worked out already, by a worker (`prime_facts`)
        return primed
    body = text.strip()
    first = body[:1]
    if first in "-*+" or first.isdigit():  # tried only where they may match (\d: a digit
        # of any script, each of which isdigit() knows)
        body = _MARKER.sub("", body, count=1)
    if body.startswith("**"):  # "**Load Balancing**: ..." names a topic, not a fact
        body = _LABEL.sub("", body)
    # a name has a capital after the first character, a number a digit: most items have
    # neither, and the name pattern is slow to search
    inner = body[1:]
    names = _NAME.findall(body) if inner.lower() != inner else []
    words = body.split()
    if len(names) * 2 > len(words):  # Title Case prose: only inner capitals name things
        names = [n for n in names if any(c.isupper() for c in n[1:])]
    found = {m.lower().rstrip(".") for m in names}
    if _DIGIT.search(body):
        found.update(m.replace(",", "") for m in _NUMBER.findall(body))
    return frozenset(f for f in found if f)


#: the facts of texts a worker worked out, taken into `facts`'s cache as they are asked
_PRIMED: dict[str, frozenset[str]] = {}


def prime_facts(found: dict[str, frozenset[str]]) -> None:
    """What `facts` gives for these texts, worked out by a worker (a merge's early one):
    this process, and the workers forked from it, do not work it out again. The facts of
    the merge before are dropped: they hold only one merge's texts."""
    _PRIMED.clear()
    _PRIMED.update(found)


@lru_cache(maxsize=65536)
def stems(key: str) -> tuple[str, ...]:
    """An item key's words, synonyms unified, cut to five letters (a crude stemmer)."""
    out: list[str] = []
    for word in key.split():
        word = SYNONYMS.get(word, word)
        out.extend(part[:5] for part in word.split())
    return tuple(out)


class Meaning:
    """Similarity of items by meaning: shared stems, synonyms unified."""

    def __init__(self, keys: list[str] | None = None, embedder: Any = None) -> None:
        #: the optional static embedding model (converter/merging/semantic.py; --semantic)
        self.embedder = embedder
        # Every stem weighs the same: a weight learnt from the variants would make the same
        # two items alike in one merge and not in another, and break the merge's laws
        # (merging x with itself gives x; merging the result again changes nothing).
        self.idf: dict[str, float] = {}
        self._vectors: dict[str, tuple[dict[str, float], float]] = {}

    def vector(self, key: str) -> tuple[dict[str, float], float]:
        found = self._vectors.get(key)
        if found is None:
            counts = Counter(stems(key))
            weights = {s: n * self.idf.get(s, 1.0) for s, n in counts.items()}
            found = (weights, math.sqrt(sum(w * w for w in weights.values())))
            self._vectors[key] = found
        return found

    def cosine(self, left: str, right: str) -> float:
        (a, norm_a), (b, norm_b) = self.vector(left), self.vector(right)
        if not norm_a or not norm_b:
            return 0.0
        if len(b) < len(a):
            a, b = b, a
        # map() keeps the loop in C; the same products added in the same order
        dot: float = sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0))))
        return dot / (norm_a * norm_b)

    def similar(self, left: itemlib.Item, right: itemlib.Item, threshold: float) -> bool:
        """Near-duplicates by words or by meaning, and neither adds a fact the other lacks
        unless the other's facts are all in it (then the fuller one is kept), nor are they
        two short items that each have a word of their own (`swaps_a_word`), nor a list's
        lead-in and a point (`is_lead_in`), nor a quoted request and a point
        (`is_quotation`)."""
        if not compatible(facts(left.text), facts(right.text)):
            return False
        if is_lead_in(left) != is_lead_in(right):
            return False  # a list's title is not one of its points, nor one of another list
        if is_quotation(left) != is_quotation(right):
            return False  # a request quoted as an example is not a point the agent makes
        mine, theirs = left.sorted_key, right.sorted_key
        if mine == theirs:
            return True
        alike = (
            # itemlib.fuzzy for both, inline: this runs for every pair judged
            len(mine) <= itemlib.FUZZY_CHARS
            and len(theirs) <= itemlib.FUZZY_CHARS
            and fuzz.ratio(mine, theirs) >= threshold * 100
        )
        alike = alike or self.cosine(left.key, right.key) >= max(threshold, 0.6) + 0.1
        alike = alike or self.contained(left.key, right.key) >= 0.8
        if not alike and self.embedder is not None:
            alike = self.embedder.cosine(left.body.strip(), right.body.strip()) >= SEMANTIC
        return bool(alike) and not swaps_a_word(mine, theirs)

    def unsaid(self, whole: itemlib.Item, part: itemlib.Item) -> int | None:
        """How many of `part`'s words `whole` lacks when it says `part` (module `unsaid`),
        or says it in other words by the embedding model (--semantic: then the most, so a
        phrasing that says it in its words is preferred); None when it does not."""
        lost = unsaid(whole.key, part.key)
        if lost is not None or self.embedder is None:
            return lost
        if self.embedder.cosine(whole.body.strip(), part.body.strip()) >= SEMANTIC:
            return len(part.key)  # more than any count of its words
        return None

    def says(self, whole: itemlib.Item, part: itemlib.Item) -> bool:
        """`unsaid(whole, part) is not None`, its words' test first and no count made past
        what decides it."""
        if says(whole.key, part.key):
            return True
        return self.embedder is not None and self.unsaid(whole, part) is not None

    def contained(self, left: str, right: str) -> float:
        """How much of the shorter item the longer one says (weighted by rarity), for a
        shorter item of four stems or more and at least two fifths of the longer: a short
        item is never swallowed by a long one ("Logging for debugging" stays)."""
        (a, _), (b, _) = self.vector(left), self.vector(right)
        if len(b) < len(a):
            a, b = b, a
        if len(a) < 4 or len(a) * 5 < len(b) * 2:  # and not a fragment of a long one
            return 0.0
        if len(a) == len(b):  # neither is the shorter: both ways, so the measure is symmetric
            return min(_share(a, b), _share(b, a))
        return _share(a, b)


def is_lead_in(item: itemlib.Item) -> bool:
    """A paragraph that ends in a colon (`Memory debugging:`): the title of the list after
    it. Folded into a point of a list, it would leave its own list under another's title."""
    return item.kind == "paragraph" and item.text.rstrip().endswith(":")


def is_quotation(item: itemlib.Item) -> bool:
    """An item that is a quotation as a whole: in a prompt, most are a request quoted as an
    example of what the agent is asked (`- "Plan a rotation for four beds"`), which is no
    point the agent makes in its own words (`- Plan crop rotation for the beds`)."""
    body = item.body.strip()
    return len(body) > 1 and body[0] in _QUOTES and body[-1] in _QUOTES


#: straight, curly (U+201C, U+201D, U+2018, U+2019) and angle quotation marks
_QUOTES = "\"'\u201c\u201d\u2018\u2019«»"


#: an item whose key has at most this many words is short: each of its words is much of its
#: point, and one word in place of another makes another point
SHORT = 3


def swaps_a_word(left: str, right: str) -> bool:
    """Two short items (keys of at most SHORT words) each with a word the other lacks, and
    that word no spelling of one of the other's: `Java conventions` and `Naming conventions`,
    `Mock usage` and `Memory usage`, `License compliance` and `SOLID compliance` are two
    points, which edit distance on so few letters takes for one (sorted keys; both ways)."""
    if min(left.count(" "), right.count(" ")) >= SHORT:  # the usual pair: longer items
        return False  # (a synonym only ever adds words: `ensure` is `make sure`)
    mine, theirs = _words(left), _words(right)
    if min(len(mine), len(theirs)) > SHORT:
        return False
    return bool(lacking(mine, theirs)) and bool(lacking(theirs, mine))


def says_less(short: str, item: str) -> bool:
    """A short item (its key of at most SHORT words) lacks a word of `item`, so does not say
    it: `Security vulnerabilities` does not say `Collaborate with security-auditor on
    vulnerabilities`, nor `Documentation` say `Documentation review:`."""
    if short.count(" ") >= SHORT:
        return False
    return _lacks_a_word(short, item)


@lru_cache(maxsize=65536)
def _lacks_a_word(short: str, item: str) -> bool:
    # asked twice of most pairs: is a point said earlier (choose._said), does it say more
    # (choose._fuller); each asks every word of `item` against every word of `short`
    words = _words(short)
    return len(words) <= SHORT and bool(lacking(_words(item), words))


def unsaid(whole: str, part: str) -> int | None:
    """How many of `part`'s different words `whole` lacks (item keys; another spelling of
    a word is the word, a FILLER word no word), when `whole` says what `part` says: it
    lacks at most one in five of them (none of fewer than five). None when it lacks more:
    a point folded into another that lacks more is lost. `Keep tools clean, sharp and
    oiled` is not said by `Keep tools clean and stored dry`, nor `Test soil moisture and
    pH every spring with a probe meter` by `Test the soil pH every spring`, though each
    pair is alike in words (one says the other's point, not the other way round)."""
    mine = _saying(part)  # a word that only stresses or frames a point says nothing
    missing = mine - _word_set(whole)  # most words: in C
    if not missing:
        return 0
    allowed = len(mine) // 5
    lost = 0
    for word in sorted(missing):  # the same count in any order; sorted, the same work
        if not _spelled_in(word, whole):
            lost += 1
            if lost > allowed:
                return None
    return lost


def says(whole: str, part: str) -> bool:
    """`unsaid(whole, part) is not None` (item keys), with no count made past what decides
    it: most phrasings asked about lack no more words than they may, or far more."""
    mine = _saying(part)
    missing = mine - _word_set(whole)
    allowed = len(mine) // 5
    if len(missing) <= allowed:
        return True
    lost = 0
    for word in missing:  # the same answer in any order
        if not _spelled_in(word, whole):
            lost += 1
            if lost > allowed:
                return False
    return True


@lru_cache(maxsize=65536)
def _spelled_in(word: str, key: str) -> bool:
    """Whether `key` has another spelling of `word`. Such a spelling shares at least three
    first letters (_spelled_alike): only those are compared, so a long paragraph against
    another costs no product of their lengths."""
    return any(_spelled_alike(word, other) for other in _by_start(key).get(word[:3], ()))


#: words that stress or frame a point but are no part of it (after SYNONYMS: `implement`,
#: `develop` and `create` are `build`, `ensure` is `make sure`): a phrasing that lacks them
#: loses nothing (`Water the seed trays` says `Always water the seed trays thoroughly`),
#: and one that adds only them says no more
FILLER = frozenset(
    (
        "all", "also", "always", "any", "appropriate", "appropriately", "build", "builds",
        "clear", "clearly", "complete", "completely", "comprehensive", "comprehensively",
        "detailed", "each", "effective", "effectively", "efficient", "efficiently", "every",
        "full", "fully", "implements", "implemented", "make", "makes", "proper", "properly",
        "robust", "solution", "solutions", "sure", "thorough", "thoroughly", "use", "uses",
        "various", "very",
    )
)  # fmt: skip


@lru_cache(maxsize=65536)
def _word_set(key: str) -> frozenset[str]:
    return frozenset(_words(key))


@lru_cache(maxsize=16384)
def _by_start(key: str) -> dict[str, tuple[str, ...]]:
    """A key's distinct words by their first three letters."""
    found: dict[str, list[str]] = {}
    for word in _word_set(key):
        found.setdefault(word[:3], []).append(word)
    return {start: tuple(words) for start, words in found.items()}


@lru_cache(maxsize=65536)
def _saying(key: str) -> frozenset[str]:
    """A key's different words that say something (FILLER aside), synonyms unified."""
    return _word_set(key) - FILLER


def distinct_words(key: str) -> int:
    """How many different words an item key has that say something (FILLER aside),
    synonyms unified."""
    return len(_saying(key))


def lacking(mine: tuple[str, ...], theirs: tuple[str, ...]) -> list[str]:
    """My words that are none of theirs, nor another spelling of one of them."""
    return [word for word in mine if not any(_spelled_alike(word, other) for other in theirs)]


@lru_cache(maxsize=65536)
def _words(key: str) -> tuple[str, ...]:
    """A key's words, synonyms unified (`docs` is `documentation`)."""
    return tuple(part for word in key.split() for part in SYNONYMS.get(word, word).split())


def _spelled_alike(word: str, other: str) -> bool:
    """One word in two spellings (`test`, `tests`; `handle`, `handling`; `shared`, `sharing`):
    the shorter one begins the longer, or they begin alike for five letters, or for most of
    the shorter (`cont` is not enough for `container` and `contract`)."""
    if word == other:
        return True
    shorter = min(len(word), len(other))
    common = 0
    for a, b in zip(word, other, strict=False):  # as far as the shorter goes, or five
        if a != b or common == 5:
            break
        common += 1
    return common >= 5 or (common == shorter >= 3) or (common >= 4 and common * 5 >= shorter * 3)


def _share(part: dict[str, float], whole: dict[str, float]) -> float:
    total = sum(part.values())
    return sum(w for s, w in part.items() if s in whole) / total if total else 0.0


def compatible(left: frozenset[str], right: frozenset[str]) -> bool:
    """One item's facts hold the other's: folding them loses nothing."""
    return left <= right or right <= left
