"""The merge engine: its laws as hypothesis properties, its rules as examples."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import Agent, UsageError, dumps, loads
from converter.merging import MergeOptions, Variant, merge
from converter.merging.fields import normalise_name
from converter.merging.meaning import Meaning, says_less, swaps_a_word
from converter.prompt import items as itemlib
from converter.prompt.sections import parse

WORDS = ["api", "tests", "cache", "errors", "logs", "queues", "auth", "schema", "deploy", "review"]
TITLES = ["Core Duties", "Workflow", "Output", "Security Rules", "Testing"]

phrase = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map(" ".join)


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(
            draw(st.sampled_from(["You are a careful engineer.", "You are an expert."])) + "\n\n"
        )
    for title in draw(st.lists(st.sampled_from(TITLES), unique=True, max_size=4)):
        marker = draw(st.sampled_from(["## {}\n\n", "**{}:**\n", "### {}\n"]))
        lines = draw(st.lists(phrase, min_size=1, max_size=4))
        parts.append(marker.format(title) + "".join(f"- {line}\n" for line in lines) + "\n")
    return "".join(parts)


@st.composite
def families(draw: st.DrawFn) -> list[Variant]:
    count = draw(st.integers(1, 4))
    variants = []
    for number in range(count):
        agent = Agent(
            name=draw(st.sampled_from(["test-writer", "test_writer_agent", "Test Writer"])),
            description=draw(
                st.sampled_from([None, "Writes tests.", "Writes tests. <example>go</example>"])
            ),
            instructions=draw(bodies()),
            tools=draw(st.sampled_from([None, ("Read",), ("Read", "Write"), ()])),
            model=draw(st.sampled_from([None, "sonnet"])),
        )
        variants.append(Variant(f"v{number}.md", agent))
    return variants


def _items(agent: Agent) -> list[list[itemlib.Item]]:
    outline = parse(agent.instructions)
    groups = [itemlib.split(outline.preamble)]
    groups.extend(itemlib.split(section.text) for section in outline.walk())
    return groups


@settings(max_examples=40)
@given(variants=families(), data=st.data())
def test_result_does_not_depend_on_input_order(
    variants: list[Variant], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(variants))
    first, second = merge(variants), merge(list(shuffled))
    assert first.agent == second.agent
    assert first.report == second.report


@given(variants=families())
def test_merging_one_variant_twice_is_merging_it_once(variants: list[Variant]) -> None:
    single = variants[0]
    once = merge([single])
    twice = merge([single, Variant("copy.md", single.agent)])
    assert twice.agent == once.agent
    assert merge([Variant("again.md", once.agent)]).agent == once.agent  # normalised is stable


@given(variants=families())
def test_nothing_is_lost_at_min_support_1(variants: list[Variant]) -> None:
    result = merge(variants)
    output = [item for group in _items(result.agent) for item in group]
    for variant in variants:
        for item in (i for group in _items(variant.agent) for i in group):
            if item.text.lower().startswith("you are"):
                # opening role statements are one point by rule (README, "Merging")
                assert any(o.text.lower().startswith("you are") for o in output)
                continue
            # said by an output item: in the same words, or by meaning, and with its facts
            # and its words but one in five (a fold loses nothing said: `meaning.unsaid`)
            threshold = MergeOptions().item_threshold
            meaning = Meaning([i.key for v in variants for g in _items(v.agent) for i in g])
            assert any(
                meaning.similar(item, o, threshold) and meaning.unsaid(o, item) is not None
                for o in output
            ), item.text


@given(variants=families())
def test_no_two_items_of_a_section_are_near_duplicates(variants: list[Variant]) -> None:
    """Unless one variant wrote both: what one author says twice stays twice (the next law)."""
    result = merge(variants)
    for section in result.report.sections:
        for left, right in itertools.combinations(section.items, 2):
            mine, theirs = left.item.sorted_key, right.item.sorted_key
            # two short points, each a word of its own ("Mock usage", "Memory usage"), or
            # a short one that lacks a word of the other, are two points by rule
            apart = swaps_a_word(mine, theirs) or says_less(mine, theirs) or says_less(theirs, mine)
            apart = apart or bool(set(left.sources) & set(right.sources))
            # the earlier does not say the later ("Keep tools clean and stored dry", "Keep
            # tools clean, sharp and oiled"): two points, as folding would lose words
            apart = apart or Meaning().unsaid(left.item, right.item) is None
            similarity = itemlib.similarity(left.item.key, right.item.key)
            assert apart or similarity < MergeOptions().item_threshold


@given(variants=families())
def test_merging_one_variant_keeps_every_item_it_has(variants: list[Variant]) -> None:
    """Even its own repeats and near-repeats, in one list or two sections: the author wrote
    both (`merge([x]) == normalised x`, BRIEF §6)."""
    single = variants[0]
    merged = [i.text for group in _items(merge([single]).agent) for i in group]
    written = [i.text for group in _items(single.agent) for i in group]
    # the opening identity statement is its own paragraph in a merge (README, "Merging")
    assert sorted(merged) == sorted(written)


@given(variants=families())
def test_the_merged_agent_reads_back_equal(variants: list[Variant]) -> None:
    result = merge(variants)
    for fmt in ("markdown", "json", "toml", "xml"):
        assert loads(dumps(result.agent, fmt), format=fmt) == result.agent


@given(variants=families())
def test_majority_keeps_only_what_most_variants_say(variants: list[Variant]) -> None:
    result = merge(variants, MergeOptions(min_support="majority"))
    needed = len(variants) // 2 + 1
    for section in result.report.sections:
        for item in section.items:
            assert item.support >= needed


def test_names_are_normalised_before_the_vote() -> None:
    assert (
        normalise_name("backend_developer_agent")
        == normalise_name("Backend Developer")
        == "backend-developer"
    )


def _variant(label: str, **fields: object) -> Variant:
    return Variant(label, Agent(name="a", **fields))  # type: ignore[arg-type]


def test_an_inheriting_variant_never_widens_the_union_and_is_named() -> None:
    variants = [
        _variant("a.md", tools=("Read",)),
        _variant("b.md", tools=None),
        _variant("c.md", tools=("Grep", "Read")),
    ]
    result = merge(variants)
    assert result.agent.tools == ("Read", "Grep")
    (rule,) = [d.rule for d in result.report.decisions if d.field == "tools"]
    assert "b.md set no tool list" in rule
    widened = merge(variants, MergeOptions(tools="inherit"))
    assert widened.agent.tools is None
    assert merge([_variant("b.md"), _variant("d.md")]).agent.tools is None  # nobody restricts


def test_tools_intersect_is_the_strictest() -> None:
    variants = [
        _variant("a.md", tools=("Read", "Bash")),
        _variant("b.md", tools=("Read",)),
        _variant("c.md"),
    ]
    assert merge(variants, MergeOptions(tools="intersect")).agent.tools == ("Read",)
    assert merge(variants).agent.tools == ("Read", "Bash")


def test_tools_union_orders_by_support() -> None:
    variants = [_variant("a.md", tools=("Bash", "Read")), _variant("b.md", tools=("Read", "Grep"))]
    assert merge(variants).agent.tools == ("Read", "Bash", "Grep")


def test_model_tie_is_a_conflict_unless_preferred() -> None:
    variants = [_variant("a.md", model="opus"), _variant("b.md", model="sonnet")]
    assert [c.field for c in merge(variants).report.conflicts] == ["model"]
    preferred = merge(variants, MergeOptions(prefer="b.md"))
    assert preferred.clean and preferred.agent.model == "sonnet"


def test_model_majority_wins() -> None:
    variants = [
        _variant("a.md", model="opus"),
        _variant("b.md", model="sonnet"),
        _variant("c.md", model="sonnet"),
    ]
    assert merge(variants).agent.model == "sonnet"


def test_cosmetic_disagreement_is_settled_and_reported() -> None:
    variants = [
        _variant("a.md", extensions={"claude": {"color": "red"}}),
        _variant("b.md", extensions={"claude": {"color": "blue"}}),
    ]
    result = merge(variants)
    assert result.clean
    assert result.agent.extensions == {"claude": {"color": "blue"}}
    assert any(d.field == "extensions.claude.color" for d in result.report.decisions)


def test_behaviour_disagreement_without_majority_is_a_conflict() -> None:
    variants = [
        _variant("a.md", extensions={"claude": {"permissionMode": "plan"}}),
        _variant("b.md", extensions={"claude": {"permissionMode": "acceptEdits"}}),
    ]
    assert [c.field for c in merge(variants).report.conflicts] == [
        "extensions.claude.permissionMode"
    ]


def test_description_is_the_medoid_plus_distinct_examples() -> None:
    variants = [
        _variant("a.md", description="Writes unit tests for code."),
        _variant(
            "b.md",
            description="Writes unit tests for new code. <example>add tests for the parser</example>",
        ),
        _variant("c.md", description="Writes unit tests for the code base."),
    ]
    description = merge(variants).agent.description or ""
    assert description.count("<example>") == 1
    assert "add tests for the parser" in description


def test_short_distinct_items_are_not_swallowed_by_long_ones() -> None:
    long_item = (
        "- Implement proper error handling, logging, and monitoring for debugging and operations\n"
    )
    variants = [
        _variant("a.md", instructions="## Practices\n\n" + long_item),
        _variant("b.md", instructions="## Practices\n\n- Logging for debugging\n"),
    ]
    body = merge(variants).agent.instructions
    assert "Logging for debugging" in body and "error handling" in body


def test_sections_align_by_title_meaning_and_order_by_position() -> None:
    variants = [
        _variant(
            "a.md",
            instructions="## Core Responsibilities\n\n- write tests\n\n## Output\n\n- a report\n",
        ),
        _variant(
            "b.md",
            instructions="## Responsibilities\n\n- write tests first\n- cover errors\n\n## Output Format\n\n- a short report\n",
        ),
    ]
    result = merge(variants)
    titles = [s.title for s in result.report.sections]
    # each place has one title from each variant: the base's wins the tie (the skeleton's)
    by_base = {
        "a.md": ["Core Responsibilities", "Output"],
        "b.md": ["Responsibilities", "Output Format"],
    }
    assert titles == by_base[result.report.base]
    assert result.agent.instructions.count("write tests") == 1


def test_annotate_writes_provenance_comments() -> None:
    variants = [
        _variant("a.md", instructions="## Duties\n\n- test\n"),
        _variant("b.md", instructions="## Duties\n\n- test\n"),
    ]
    body = merge(variants, MergeOptions(annotate=True)).agent.instructions
    assert "<!-- support 2/2: a.md, b.md -->" in body


def test_prefer_must_name_a_variant() -> None:
    with pytest.raises(UsageError):
        merge([_variant("a.md")], MergeOptions(prefer="zzz"))


_WORDS = st.sampled_from(
    ["api", "apis", "cache", "tests", "testing", "db", "database", "logs", "queue", "errors"]
)


@given(
    left=st.lists(_WORDS, min_size=1, max_size=10),
    right=st.lists(_WORDS, min_size=1, max_size=10),
)
def test_meaning_is_symmetric(left: list[str], right: list[str]) -> None:
    """Whether two items say the same never depends on which comes first (the merge's laws
    rest on it)."""
    a = itemlib.Item("bullet", "- " + " ".join(left) + "\n")
    b = itemlib.Item("bullet", "- " + " ".join(right) + "\n")
    meaning = Meaning()
    assert meaning.similar(a, b, 0.7) == meaning.similar(b, a, 0.7)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("- Java conventions", "- Naming conventions"),
        ("- Mock usage", "- Memory usage"),
        ("- License compliance", "- SOLID compliance"),
        ("- Integration tests", "- Test isolation"),
        ("Design patterns:", "- Async patterns"),
        ("- Lines reviewed: X", "- All files reviewed"),
        ("- Prioritize feedback", "- Provide feedback"),
        ("- Container checks", "- Contract checks"),  # four letters alike are not enough
    ],
)
def test_short_items_with_a_word_each_of_their_own_are_two_points(left: str, right: str) -> None:
    """Edit distance on a few letters takes them for one point; each names a thing the
    other does not (corpus merges of 12 code reviewers lost `Java conventions` this way)."""
    a = itemlib.Item("paragraph" if left[0] != "-" else "bullet", left + "\n")
    b = itemlib.Item("paragraph" if right[0] != "-" else "bullet", right + "\n")
    assert not Meaning().similar(a, b, MergeOptions().item_threshold)
    assert not Meaning().similar(b, a, MergeOptions().item_threshold)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("- Knowledge sharing", "- Knowledge shared"),
        ("- Error handling", "- Proper error handling"),
        ("- Test coverage", "- Tests coverage"),
        ("- Quality improvement", "- Quality improved"),
        ("- Review history", "- History review"),
    ],
)
def test_short_items_spelled_another_way_stay_one_point(left: str, right: str) -> None:
    a, b = itemlib.Item("bullet", left + "\n"), itemlib.Item("bullet", right + "\n")
    assert Meaning().similar(a, b, MergeOptions().item_threshold)


@pytest.mark.parametrize(
    ("title", "point"),
    [
        ("Caching strategies:", "- Add strategic caching"),
        ("Schema migrations:", "- Plan schema migrations"),
        ("Release pipeline design:", "- Design the release pipeline with gated stages"),
    ],
)
def test_a_lead_in_is_never_one_of_the_points_of_a_list(title: str, point: str) -> None:
    """`Schema migrations:` titles a list; folded into `- Plan schema migrations` (a point
    of another list), its own list would stand under that other list's title."""
    meaning, threshold = Meaning(), MergeOptions().item_threshold
    lead_in, item = itemlib.Item("paragraph", title + "\n"), itemlib.Item("bullet", point + "\n")
    assert not meaning.similar(lead_in, item, threshold)
    assert not meaning.similar(item, lead_in, threshold)
    other_title = itemlib.Item("paragraph", title.replace(":", " overview:") + "\n")
    assert meaning.similar(lead_in, other_title, threshold)  # two titles of one list fold


def test_a_short_item_does_not_say_a_longer_one_with_words_it_lacks() -> None:
    short = itemlib.Item("bullet", "- Security vulnerabilities\n").sorted_key
    longer = itemlib.Item("bullet", "- Collaborate with auditors on security vulnerabilities\n")
    assert says_less(short, longer.sorted_key)
    assert not says_less(longer.sorted_key, short)  # the longer one says the short one
    assert not says_less("error handling", "error handling")


@given(
    left=st.lists(_WORDS, min_size=1, max_size=4),
    right=st.lists(_WORDS, min_size=1, max_size=4),
)
def test_swapping_a_word_is_symmetric(left: list[str], right: list[str]) -> None:
    mine = itemlib.Item("bullet", "- " + " ".join(left) + "\n").sorted_key
    theirs = itemlib.Item("bullet", "- " + " ".join(right) + "\n").sorted_key
    assert swaps_a_word(mine, theirs) == swaps_a_word(theirs, mine)
    assert not swaps_a_word(mine, mine)


@given(variants=families())
def test_annotations_strip_with_one_sed_command(variants: list[Variant]) -> None:
    """README: `sed -E -i -e '/^<!-- support [^>]*-->$/d' -e 's/ <!-- support [^>]*-->$//'`
    turns an annotated merge into the plain one."""
    import re

    plain = merge(variants).agent.instructions
    annotated = merge(variants, MergeOptions(annotate=True)).agent.instructions
    lines = [
        line for line in annotated.split("\n") if not re.fullmatch(r"<!-- support [^>]*-->", line)
    ]
    stripped = "\n".join(re.sub(r" <!-- support [^>]*-->$", "", line) for line in lines)
    assert stripped == plain


def test_the_report_tells_apart_variants_of_one_file_name(tmp_path: Path) -> None:
    # .claude/agents/reviewer.md and .gemini/agents/reviewer.md were both "reviewer.md"
    from typer.testing import CliRunner

    from converter.cli import build_app

    paths = []
    for tool, description in (("claude", "Reviews code for bugs."), ("gemini", "Reviews.")):
        path = tmp_path / f".{tool}" / "agents" / "reviewer.md"
        path.parent.mkdir(parents=True)
        path.write_text(f"---\nname: reviewer\ndescription: {description}\n---\nReview.\n")
        paths.append(str(path))
    result = CliRunner().invoke(build_app(), ["merge", *paths])
    assert ".claude/agents/reviewer.md" in result.output or ".gemini/agents/reviewer.md" in (
        result.output
    ), result.output


def test_nested_tags_stay_nested() -> None:
    # a tagged prompt's sections were written one after another: <examples><example>...
    # became <examples></examples> then <example>..., a merge of a prompt with itself changed it
    text = (
        "<role>\nYou review.\n</role>\n\n<examples>\n<example>\nOne.\n</example>\n\n"
        "<example2>\nTwo.\n</example2>\n</examples>\n\n<rules>\n- a\n- b\n</rules>\n"
    )
    agent = Agent(name="a", description="d", instructions=text)
    assert merge([agent, agent]).agent.instructions == text
    # deeper than Markdown's six heading levels too (they were capped at six, then siblings)
    deep = (
        "".join(f"<t{n}>\n" for n in range(9))
        + "x\n"
        + "".join(f"</t{n}>\n" for n in range(8, -1, -1))
    )
    nested = Agent(name="a", description="d", instructions=deep)
    assert merge([nested, nested]).agent.instructions == deep
