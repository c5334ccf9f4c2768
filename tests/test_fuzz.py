"""Fuzzing: arbitrary text and bytes into every reader and the section parser. A reader returns
an agent or raises one of our typed errors, nothing else. `make fuzz` runs these longer.

Regressions found by fuzzing are pinned below with @example.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from converter import ConverterError, dumps, loads
from converter.prompt.sections import parse
from converter.registry import default_registry
from tests.strategies import HOSTILE, hostile_text

FORMATS = [fmt.name for fmt in default_registry()]

# Text shaped like each format, then damaged: fuzzing finds more past the first character.
frames = st.sampled_from(
    [
        "---\n{}\n---\n{}",
        '{{"name": {}, "tools": {}}}',
        "name = {}\ninstructions = {}",
        '<agent name="{}">\n{}\n</agent>\n',
        "customModes:\n  - slug: {}\n    roleDefinition: {}\n",
        'name = "a"\ndescription = {}\ndeveloper_instructions = {}\n',
        '{{"name": "a", "prompt": {}, "tools": ["fs_read", {}]}}',
        '{{"a": {{"description": {}, "prompt": {}}}}}',
        "{}{}",
    ]
)
# Values at the edges of what parsers take: huge integers, lone surrogates, deep nesting.
edges = st.sampled_from(
    [
        "1" * 4301,
        '"\\udfff"',
        "[" * 70 + "]" * 70,
        "{" * 70 + "}" * 70,
        '"a\\u0000b"',
    ]
)
shaped = st.one_of(
    st.builds(lambda frame, a, b: frame.format(a, b), frames, hostile_text, hostile_text),
    st.builds(lambda frame, a, b: frame.format(a, b), frames, edges, edges),
)


@pytest.mark.parametrize("fmt", FORMATS)
@given(text=st.one_of(hostile_text, shaped, st.text()))
@example(text="---\nname: a\n-----\n")
@example(text="---\n\t- x\n---\n")
@example(text='<agent name="a">\n<instructions end="-1">\nx\n</instructions>\n</agent>\n')
def test_readers_raise_only_typed_errors(fmt: str, text: str) -> None:
    try:
        agent = loads(text, format=fmt, path=f"fuzz.{fmt}")
    except ConverterError:
        return
    assert dumps(agent, fmt) is not None  # a read agent can always be written


@pytest.mark.parametrize("fmt", FORMATS)
@given(data=st.binary(max_size=200))
def test_readers_take_any_bytes(fmt: str, data: bytes) -> None:
    with contextlib.suppress(ConverterError):
        loads(data, format=fmt, path=f"fuzz.{fmt}")


@given(
    text=st.lists(
        st.sampled_from([*HOSTILE, "## T\n", "<a>\n", "</a>\n", "**B:**\n", "```\n", "- x\n"]),
        max_size=30,
    ).map("".join)
)
def test_section_parser_never_fails_and_renders_back(text: str) -> None:
    assert parse(text).render() == text


@given(text=st.one_of(hostile_text, shaped))
def test_detection_never_fails_with_anything_but_a_typed_error(text: str) -> None:
    with contextlib.suppress(ConverterError):
        default_registry().detect(None, text)
