"""A merge folds a phrasing only into one that says it: the kept words lack at most one in
five of the folded one's (none of a shorter one), other spellings and words that only
stress a point aside. Each example lost
words before (merging the corpus's families and the seeds folded 195 phrasings into one
that lacked more than a fifth of their words; now none, the identity statements aside)."""

from __future__ import annotations

import collections
import re

import pytest

from converter import Agent, load
from converter.merging import MergeOptions, Variant, merge
from converter.merging.meaning import FILLER, Meaning, _words, lacking, unsaid
from converter.prompt import items as itemlib
from tests.conftest import SHARED


def _merged(*bodies: str, prefer: str | None = "a.md") -> str:
    variants = [
        Variant(label, Agent(name="gardener", description="Keeps a garden.", instructions=body))
        for label, body in zip(("a.md", "b.md", "c.md"), bodies, strict=False)
    ]
    return merge(variants, MergeOptions(prefer=prefer)).agent.instructions


def _item(text: str) -> itemlib.Item:
    return itemlib.split(text + "\n")[0]


@pytest.mark.parametrize(
    ("whole", "part", "expected"),
    [
        ("Turn the compost heap every fortnight", "Turn the compost heap every fortnight", 0),
        # another spelling of a word is the word
        ("Turning compost heaps every fortnight", "Turn the compost heap every fortnight", 0),
        # one of five words, or of more: the same point in other words
        ("Water the seed trays every morning", "Water the seed trays every morning gently", 1),
        ("Water the seed trays every morning", "Water seed trays each morning gently", 1),
        ("Water the seed trays every morning", "Water seed trays each morning gently, fed", None),
        # a word that only stresses or frames a point (FILLER) is no part of it
        ("Water the seed trays", "Always water the seed trays thoroughly", 0),
        ("Label the seed trays", "Implements comprehensive labels for seed trays", 0),
        ("Water the seed trays", "Always water the seed trays daily", None),
        # one word of four is more than a fifth: a point folded so lost the word it adds
        ("Test the soil pH in spring", "Test soil moisture in spring", None),
        ("Keep tools clean and stored dry", "Keep tools clean, sharp and oiled", None),
    ],
)
def test_what_the_kept_words_lack(whole: str, part: str, expected: int | None) -> None:
    assert unsaid(_item(whole).key, _item(part).key) == expected


def test_a_long_paragraph_is_compared_without_the_product_of_lengths() -> None:
    # every word another spelling of none of the other's: bounded by three-letter starts
    left = " ".join(f"word{n}x" for n in range(50_000))
    right = " ".join(f"term{n}y" for n in range(50_000))
    assert unsaid(left, right) is None
    assert unsaid(left, left) == 0


def test_a_point_a_later_section_says_with_more_words_is_kept() -> None:
    merged = _merged(
        "## Soil\n\n- Test the soil pH every spring\n- Dig in manure\n",
        "## Soil\n\n- Dig in manure\n\n"
        "## Care\n\n- Test soil moisture and pH every spring with a probe meter\n",
    )
    assert "with a probe meter" in merged  # folded into the shorter point before


def test_two_phrasings_that_each_say_more_are_two_points() -> None:
    merged = _merged(
        "## Shed\n\n- Keep tools clean, sharp and oiled\n",
        "## Shed\n\n- Keep tools clean and stored dry\n",
    )
    assert "sharp and oiled" in merged and "stored dry" in merged  # one was kept before


def test_a_fuller_later_phrasing_takes_the_earlier_place() -> None:
    merged = _merged(
        "## Shed\n\n- Turn the compost heap every fortnight\n\n## Soil\n\n- Dig in manure\n",
        "## Shed\n\n- Oil the hinges\n\n## Soil\n\n- Dig in manure\n"
        "- Turn the compost heap every fortnight and check its moisture\n",
    )
    assert merged.count("Turn the compost heap every fortnight") == 1
    assert "and check its moisture" in merged  # folded into the shorter one before
    assert merged.index("and check its moisture") < merged.index("## Soil")  # its place


def test_the_fullest_phrasing_of_a_cluster_says_the_others() -> None:
    # the most distinct words first: `api api api` is said by `api api tests`, not back
    merged = _merged("## Work\n\n- api api api\n", "## Work\n\n- api api tests\n", prefer=None)
    assert "- api api tests" in merged


def test_each_said_phrasing_of_a_cluster_folds_where_it_is_said() -> None:
    """A cluster all of whose phrasings earlier points say: each goes to the point that says
    it. All went to the point that said its fullest phrasing (a merge law's hypothesis
    example: `deploy deploy` into `api deploy`, which does not say it)."""
    bodies = [
        "## Workflow\n\n- api api\n- deploy deploy\n",
        "## Output\n\n- api deploy\n\n## Core Duties\n\n- api api\n\n## Workflow\n\n- api api\n",
        "## Core Duties\n\n- api api\n\n## Workflow\n\n- api api\n\n## Output\n\n- api api\n\n"
        "## Security Rules\n\n- api tests cache deploy deploy deploy\n",
        "## Output\n\n- api api\n\n## Workflow\n\n- api api\n- api deploy deploy\n"
        "- api tests cache errors auth deploy\n\n## Testing\n\n- api api\n\n"
        "## Core Duties\n\n- api api\n",
    ]
    variants = [
        Variant(f"v{n}.md", Agent(name="test-writer", instructions=body))
        for n, body in enumerate(bodies)
    ]
    result = merge(variants, MergeOptions())
    into = {f.text: f.into for f in result.report.folded}
    assert into["- deploy deploy\n"] == "- api tests cache deploy deploy deploy\n"
    assert into["- api deploy deploy\n"] == "- api deploy\n"
    judge = Meaning()
    kept = [i for text in [result.agent.instructions] for i in itemlib.split(text)]
    for body in bodies:
        for item in itemlib.split(body):
            if item.kind != "paragraph":
                assert any(judge.similar(item, k, 0.7) for k in kept), item.text


def test_a_quoted_request_is_not_a_point_the_agent_makes() -> None:
    merged = _merged(
        "## Planning\n\n- Plan crop rotation for the beds\n",
        '## Examples\n\n- "Plan a crop rotation for four beds with legumes"\n',
    )
    assert "- Plan crop rotation for the beds" in merged  # folded into the quote before
    assert '"Plan a crop rotation for four beds with legumes"' in merged


def test_a_title_tie_goes_to_the_base() -> None:
    merged = _merged(
        "## Planning\n\n- Plan crop rotation\n", "## Rotation\n\n- Plan crop rotation\n"
    )
    assert "## Planning" in merged and "## Rotation" not in merged
    merged = _merged(
        "## Planning\n\n- Plan crop rotation\n",
        "## Rotation\n\n- Plan crop rotation\n",
        prefer="b.md",
    )
    assert "## Rotation" in merged and "## Planning" not in merged


class _SaysAllIsOne:
    """An embedding model that judges every two texts the same point."""

    def cosine(self, left: str, right: str) -> float:
        return 1.0


def test_the_embedding_model_still_folds_other_words() -> None:
    # --semantic folds a paraphrase whose words differ: the model judges the meaning
    tools, oil = _item("Keep tools clean and stored dry"), _item("Oil the shears")
    assert Meaning().unsaid(tools, oil) is None
    assert Meaning(embedder=_SaysAllIsOne()).unsaid(tools, oil) is not None


@pytest.mark.corpus
def test_no_real_phrasing_is_folded_into_one_that_lacks_its_words() -> None:
    """Every family of the corpus (agents of one file name, 5 variants or more) and the
    seeds, merged: each phrasing folded into another (the identity statement aside, one by
    rule) lacks at most a fifth of its words there."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is absent")
    families: dict[str, list[Variant]] = collections.defaultdict(list)
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.name in ("README.md", "SOURCES.md") or "LICENSE" in path.name:
            continue
        try:
            agent = load(path)
        except Exception:  # files that are no agent: not this test's concern
            continue
        name = path.name.split("__")[-1].lower()
        stem = re.sub(r"\.(agent\.md|chatmode\.md|md|yaml|yml|toml|json)$", "", name)
        if stem != "agent":  # many unrelated agents share that name
            families[stem].append(Variant(str(path), agent))
    families["seeds"] = [Variant(str(p), load(p)) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    lossy = []
    for name, variants in families.items():
        if len(variants) < 5 and name != "seeds":
            continue
        for fold in merge(variants, MergeOptions(name=name)).report.folded:
            if fold.into is None or fold.reason.startswith("one identity statement"):
                continue
            words = [w for w in _words(_item(fold.text.rstrip("\n")).key) if w not in FILLER]
            lost = lacking(tuple(words), _words(_item(fold.into.rstrip("\n")).key))
            if len(lost) > len(words) // 5:
                lossy.append((name, fold.text, fold.into, lost))
    assert not lossy, lossy[:5]
