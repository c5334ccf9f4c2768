"""Merges of prompts and descriptions no agent has, but a hostile or broken file can: each
part that compared every item with every other is held to its plain definition, and the
whole merge to the hostile-input bounds (tests/test_hostile.py): 13,000 empty headings in
a 40 KB prompt took 15 s (doubling the count took four times as long), 4,000 examples in a
description 26 s."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from converter import Agent, merge
from converter.merging.body import _SlotItems
from converter.merging.clusters import Cluster
from converter.merging.fields import _COMPARED, _examples, _without_examples
from converter.prompt.items import Item
from tests.test_hostile import bounded

_EXAMPLE = re.compile(r"<example>.*?</example>", re.DOTALL)  # what the merge first used
_PIECES = st.sampled_from(["<example>", "</example>", "a", "\n", "<exam", "ple>", " ", "x y"])


@given(st.lists(_PIECES, max_size=16).map("".join))
def test_examples_are_what_the_lazy_pattern_finds(text: str) -> None:
    assert _examples(text) == _EXAMPLE.findall(text)
    assert _without_examples(text) == _EXAMPLE.sub(" ", text)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 2)), max_size=40))
def test_a_text_joins_the_first_cluster_of_its_text_its_variant_has_not_joined(
    steps: list[tuple[str, int]],
) -> None:
    state = _SlotItems()
    for text, variant in steps:
        item = Item(kind="code", text=text)
        scanned = next(  # the definition: every founder, in order
            (c for c in state.by_founder if c.members[0][1].text == text and variant not in c.seen),
            None,
        )
        found = state.same_text(text, variant)
        assert found is scanned
        if found is None:
            found = Cluster()
            state.found(item, found)
        found.add(variant, item)


def _variants(prompt: str) -> list[Agent]:
    agent = Agent(name="a", description="d", instructions=prompt)
    half = replace(agent, instructions=prompt[: len(prompt) // 2] + "\n# Extra\n- x\n")
    return [agent, half, agent]


def test_thousands_of_empty_headings_or_code_blocks_merge_within_bounds() -> None:
    for unit in ("\n\n#", "\n---\n", "\n```\n"):
        prompt = unit * (30_000 // len(unit))  # 10,000 headings took 8 s, 13,000 15 s
        merged = bounded(lambda prompt=prompt: merge(_variants(prompt)))
        assert merged.agent.instructions.count(unit.strip()) >= prompt.count(unit.strip())


def test_a_description_of_thousands_of_examples_merges_within_bounds() -> None:
    def examples(form: str) -> str:
        return "".join(f"<example>{form.format(n)}</example>" for n in range(4_000))

    mine = Agent(name="a", description=examples("asks about topic {0}"), instructions="x")
    theirs = replace(mine, description="short " + examples("wants case {0} done"))
    merged = bounded(lambda: merge([mine, theirs, mine]), seconds=5.0)
    assert merged.agent.description == mine.description  # it has room for no more
    decided = next(d for d in merged.report.decisions if d.field == "description")
    # the other's examples past the compared ones are left out too, and counted
    left = re.search(r"\((\d+) more left out", decided.rule)
    assert left is not None and int(left.group(1)) > 4_000 - _COMPARED


def test_an_unclosed_example_tag_repeated_merges_within_bounds() -> None:
    mine = Agent(name="a", description="<example>" * 20_000, instructions="x")
    merged = bounded(lambda: merge([mine, replace(mine, description="d"), mine]), seconds=5.0)
    assert merged.agent.description == mine.description
