"""The merge's fast paths give what the plain definitions give: the same words, the same
candidates in the same order, the same budget spent (so every merge stays as it was)."""

from __future__ import annotations

import heapq
import re
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from converter.merging.clusters import KeyIndex, Said
from converter.merging.clusters import word_count as _word_count
from converter.merging.outline import Node
from converter.merging.skeleton import Slot
from converter.merging.weights import title_stems, vector
from converter.prompt import items as itemlib

# letters that change length or meaning under lower() (İ, final sigma, Kelvin sign),
# markup, the underscore, controls str.split() takes for spaces, and plain words
_PIECES = st.sampled_from(
    ["İ", "Σ", "ΣΑ", "K", "é", "_", "*", "`", "#", "|", "~", "[x]", "(y)", "\x1c", "\x1f",
     "\t", "\n", "\u2028", "\xa0", "1.5", "a-b", "snake_case", "The", "and", "API", " "]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=8).map("".join)

_MARKUP = re.compile(r"[*_`~#>\[\]()|]+")
_NON_WORD = re.compile(r"[^\w]+")


def _normalise_by_definition(text: str) -> str:
    """What normalise was first written as: markup out, then everything not a word."""
    words = _NON_WORD.sub(" ", _MARKUP.sub(" ", text.lower())).split()
    return " ".join(w for w in words if w not in itemlib.STOPWORDS)


@given(_TEXT)
@example("İstanbul ΣΑΣ snake_case K")
def test_normalise_is_its_definition(text: str) -> None:
    assert itemlib.normalise(text) == _normalise_by_definition(text)


@given(_TEXT)
def test_a_keys_word_count_is_its_words(text: str) -> None:
    key = itemlib.normalise(text)
    assert _word_count(key) == len(key.split())


@given(_TEXT, st.one_of(st.none(), _TEXT))
def test_a_sections_words_are_its_text_and_title_normalised_together(
    text: str, title: str | None
) -> None:
    node = Node(0, title, text)
    assert list(node.words()) == itemlib.normalise(text + " " + (title or "")).split()


@given(st.lists(st.sampled_from(["api", "cache", "logs", "db", "z"]), max_size=40))
def test_vector_is_the_heaviest_words_by_tf_idf(words: list[str]) -> None:
    weights = {"api": 2.0, "cache": 0.5, "logs": 2.0}
    counts = Counter(words)
    weighted = {w: n * weights.get(w, 1.0) for w, n in counts.items()}
    expected = dict(heapq.nlargest(3, weighted.items(), key=lambda pair: (pair[1], pair[0])))
    found = vector(words, weights, keep=3)
    assert list(found.items()) == list(expected.items())


_KEYS = st.lists(
    st.lists(st.sampled_from(["api", "cache", "logs", "queue", "retry", "x"]), max_size=5).map(
        lambda ws: " ".join(sorted(ws))
    ),
    max_size=30,
)


@given(_KEYS, st.integers(0, 29), st.sampled_from([None, 1, 3]), st.booleans())
def test_lazy_matches_are_the_matches_with_the_same_budget(
    keys: list[str], pick: int, limit: int | None, small: bool
) -> None:
    lazy, eager = KeyIndex(), KeyIndex()
    if small:  # past FULL_SCAN keys, candidates come from the stems' postings
        lazy.FULL_SCAN = eager.FULL_SCAN = 4
    for key in keys:
        lazy.append(key)
        eager.append(key)
    key = keys[pick % len(keys)] if keys else "api"
    assert list(lazy.matches_lazily(key, 45.0, limit)) == eager.matches(key, 45.0, limit)
    assert lazy.spent == eager.spent


@given(
    st.lists(st.tuples(_KEYS.map(lambda ks: ks[0] if ks else ""), st.integers(0, 2)), max_size=20),
    st.integers(0, 2),
)
def test_asking_said_twice_answers_and_charges_as_asking_once_more(
    kept: list[tuple[str, int]], section: int
) -> None:
    remembered, fresh = Said(45.0), Said(45.0)
    for key, where in kept:
        if key:
            remembered.add(key, where)
            fresh.add(key, where)
    key = "api cache logs"
    first = remembered.candidates(key, section)
    again = remembered.candidates(key, section)  # the remembered answer
    assert first == again == fresh.candidates(key, section)
    fresh._last = None  # forget: computed again
    assert fresh.candidates(key, section) == again
    spent = [s.by_section[section][0].spent for s in (remembered, fresh) if section in s.by_section]
    assert len(set(spent)) <= 1


_FACT_PIECES = st.sampled_from(
    ["- ", "1. ", "**Label**: ", "Use ", "PostgreSQL", "API", "v2", "1,000", "3.5%", "x86",
     "a", " ", ". ", "iOS", "É", "٣", "C#", "Node.js", "the", "e.g."]
)  # fmt: skip


@given(st.lists(st.one_of(_FACT_PIECES, st.text(max_size=3)), max_size=8).map("".join))
@example("Use Redis")
@example("a1")
@example("٣. Point of API")
@example("  * **Label**: Uses Redis 7")
def test_facts_are_found_as_the_patterns_alone_find_them(text: str) -> None:
    from converter.merging import meaning

    body = meaning._LABEL.sub("", meaning._MARKER.sub("", text.strip(), count=1))
    names = meaning._NAME.findall(body)
    if len(names) * 2 > len(body.split()):
        names = [n for n in names if any(c.isupper() for c in n[1:])]
    found = {m.lower().rstrip(".") for m in names}
    found.update(m.replace(",", "") for m in meaning._NUMBER.findall(body))
    assert meaning.facts.__wrapped__(text) == frozenset(f for f in found if f)


@given(st.lists(st.sampled_from(["- api", "- cache", "- logs", "1. api"]), max_size=60))
def test_a_clusters_sample_is_its_even_picks_each_phrasing_once(texts: list[str]) -> None:
    from converter.merging.clusters import SAMPLE, Cluster

    cluster = Cluster()
    for number, text in enumerate(texts):
        cluster.add(number, itemlib.Item("ordered" if text[0] == "1" else "bullet", text))
        picked = [i for _, i in cluster.members[:: max(1, len(cluster.members) // SAMPLE)]]
        assert cluster.sample() == list(dict.fromkeys(picked[:SAMPLE]))


@given(st.lists(st.sampled_from(["Setup", "Set up", "Tests", "Testing", "API", "Errors", "Logs"])))
def test_a_places_remembered_title_likeness_holds_for_its_titles(titles: list[str]) -> None:
    slot = Slot()
    for title in titles:
        slot.add(Node(0, title, ""), {})
        # anything remembered was worked out for the same common titles as now
        assert all(value == frozenset(slot.common) for value in slot.title_scores.values())
        assert slot.stems == frozenset().union(*(title_stems(t) for t in slot.common))
        slot.title_scores[title] = frozenset(slot.common)  # type: ignore[assignment]


@given(
    st.lists(st.sampled_from([f"w{n}" for n in range(40)]), max_size=200),
    st.integers(1, 6),
)
def test_many_words_give_the_heaviest_as_one_sort_would(words: list[str], keep: int) -> None:
    """More words than four times `keep` go a quicker way (only those as heavy as the
    keep-th are sorted); ties in weight are many here, and go by the word."""
    weights = {f"w{n}": float(n % 3) for n in range(40)}
    counts = Counter(words)
    pairs = sorted(((n * weights.get(w, 1.0), w) for w, n in counts.items()), reverse=True)
    found = vector(words, weights, keep=keep)
    assert list(found.items()) == [(w, x) for x, w in pairs[:keep]]


@given(st.lists(st.one_of(_PIECES, st.sampled_from(["- ", "1. ", "\n", "```\n"])), max_size=12))
def test_an_item_sent_to_another_process_is_the_item(pieces: list[str]) -> None:
    import pickle

    for item in itemlib.split("".join(pieces)):
        back = pickle.loads(pickle.dumps(item))
        assert back == item
        assert (back.body, back.key, back.sorted_key) == (item.body, item.key, item.sorted_key)


@given(
    st.lists(
        st.sampled_from(["- api", "- Api v2", "- api api", "- cache api", "1. api"]),
        min_size=1,
        max_size=40,
    )
)
def test_a_clusters_preference_is_its_sort_and_a_rebuilt_cluster_keeps_it(
    texts: list[str],
) -> None:
    from converter.merging.clusters import Cluster, fullness
    from converter.merging.meaning import facts

    cluster = Cluster()
    for number, text in enumerate(texts):
        cluster.add(number, itemlib.Item("ordered" if text[0] == "1" else "bullet", text + "\n"))
    expected = sorted(
        (i for _, i in cluster.members),
        key=lambda i: (
            not facts(i.text) >= cluster.facts,
            *fullness(i),
            -cluster.written[i.text],
            i.text,
        ),
    )
    assert cluster.by_preference() == expected
    again = Cluster.rebuilt(False, list(cluster.members), cluster.facts, cluster.preference())
    assert again.by_preference() == expected
    assert (again.seen, again.written, again.facts) == (
        cluster.seen,
        cluster.written,
        cluster.facts,
    )


_WORDS = st.sampled_from(
    ["test", "tests", "testing", "cache", "caching", "api", "always", "proper", "logs", "x"]
)


@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, max_size=12))
def test_says_is_unsaid_giving_a_count(whole: list[str], part: list[str]) -> None:
    from converter.merging.meaning import says, unsaid

    assert says(" ".join(whole), " ".join(part)) == (
        unsaid(" ".join(whole), " ".join(part)) is not None
    )


def test_primed_facts_are_taken_once_and_a_new_priming_drops_the_old() -> None:
    from converter.merging import meaning

    meaning.prime_facts({"zz primed text": frozenset({"primed"})})
    assert meaning.facts("zz primed text") == frozenset({"primed"})  # as the worker said
    meaning.prime_facts({"zz other text": frozenset({"other"})})
    left = meaning._PRIMED
    assert left == {"zz other text": frozenset({"other"})}
    meaning.prime_facts({})
    assert meaning.facts.__wrapped__("Uses Redis 7") == frozenset({"redis", "7"})
