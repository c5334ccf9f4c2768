"""Word weights a merge aligns by: each word's inverse document frequency, a text's heaviest
words by tf-idf (its vector), every section's weighed at once (`weigh`), and the variant most
like the others (`medoid`, the base of the merge when none is preferred)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import ge, mul

from converter.merging.outline import Node
from converter.prompt import items as itemlib


def idf(documents: list[Iterable[str]]) -> dict[str, float]:
    """Each word's inverse document frequency; a document is its distinct words."""
    counts = Counter(chain.from_iterable(documents))  # counted in C
    total = max(1, len(documents))
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in counts.items()}


@lru_cache(maxsize=8192)
def title_stems(text: str) -> frozenset[str]:
    """Title words cut to five letters: a crude stemmer (develop/development, api/apis)."""
    return frozenset(word[:5] for word in itemlib.normalise(text).split())


def vector(text: Iterable[str], weights: dict[str, float], keep: int = 24) -> dict[str, float]:
    """The `keep` heaviest of these words by tf-idf: enough to tell topics apart, cheap."""
    return heaviest(Counter(text), weights, keep)


def heaviest(counts: Counter[str], weights: dict[str, float], keep: int) -> dict[str, float]:
    """`vector` of words already counted."""
    words = counts.keys()
    # heaviest first, ties by the word: (count * weight, word) pairs made and sorted in C;
    # of many words (a whole prompt's, for the medoid), only those as heavy as the keep-th
    # heaviest are sorted as pairs (the same pairs come first: 2x faster at 1,000 words)
    tf_idf = list(map(mul, counts.values(), map(weights.get, words, repeat(1.0))))
    pairs: Iterable[tuple[float, str]] = zip(tf_idf, words, strict=True)
    if len(tf_idf) > 4 * keep:
        least = sorted(tf_idf, reverse=True)[keep - 1]
        pairs = compress(pairs, map(ge, tf_idf, repeat(least)))
    heaviest = sorted(pairs, reverse=True)[:keep]
    return {word: weight for weight, word in heaviest}


#: each word's weight over every section, and each section's heaviest words (`weigh`)
Weighed = tuple[dict[str, float], list[dict[str, float]]]


def weigh(roots: list[Node]) -> Weighed:
    """Each word's inverse document frequency over every section, and each section's
    heaviest words by tf-idf (its vector), in the order of the roots' walks: what the
    `Aligner` weighs sections by, worked out while a worker finds the base variant."""
    every = [n for root in roots for n in root.walk()]
    weights = idf([set(n.words()) for n in every])
    return weights, [vector(n.words(), weights) for n in every]


def medoid(roots: list[Node]) -> int:
    """The variant whose prompt is most like all the others (ties: the first in order)."""
    if len(roots) <= 2:
        return 0
    # each prompt's words counted once (in C); its distinct words are the counts' keys
    counts = [Counter(chain.from_iterable(n.words() for n in root.walk())) for root in roots]
    weights = idf([c.keys() for c in counts])
    vectors = [heaviest(c, weights, keep=64) for c in counts]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]

    def cosine(a: int, b: int) -> float:
        mine, other = vectors[a], vectors[b].get
        dot: float = sum(map(mul, mine.values(), map(other, mine.keys(), repeat(0.0))))  # in C
        return dot / (norms[a] * norms[b])

    if len(roots) > 32:  # many variants: compared with an even sample, bounded work
        step = len(roots) / 32
        sample = sorted({int(n * step) for n in range(32)})
    else:
        sample = list(range(len(roots)))
    totals = [sum(cosine(a, b) for b in sample if b != a) for a in range(len(roots))]
    return max(range(len(roots)), key=lambda n: (totals[n], -n))
