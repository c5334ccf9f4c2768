"""The section view of a prompt and the Markdown ⇄ XML-tag section conversion."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from converter import Agent, Diagnostics, convert, dumps, loads
from converter.prompt.restyle import apply_policy, restyle, slug, title_from_tag
from converter.prompt.sections import fence_mask, parse, parse_markdown
from tests.strategies import hostile_text

words = st.from_regex(r"[A-Za-z][a-z]{0,7}", fullmatch=True)
titles = st.lists(words, min_size=1, max_size=3).map(" ".join)
paragraph = st.lists(words, min_size=1, max_size=6).map(lambda w: " ".join(w) + "\n")
items = st.lists(paragraph.map(lambda p: "- " + p), min_size=1, max_size=3).map("".join)
fence = paragraph.map(lambda p: "```python\n## not a heading\n<tag>\n" + p + "```\n")
blocks = st.one_of(paragraph, items, fence, st.just("\n"), st.just("\n\n"))


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    parts = [draw(st.lists(blocks, max_size=2).map("".join))]
    for _ in range(draw(st.integers(0, 5))):
        level = draw(st.integers(1, 4))
        marker = draw(st.sampled_from(["#" * level + " {}\n", "**{}:**\n", "**{}**:\n"]))
        parts.append(marker.format(draw(titles)))
        parts.append(draw(st.lists(blocks, max_size=3).map("".join)))
    return "".join(parts)


@st.composite
def tagged_bodies(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["", "\n", "Intro line.\n\n"]))]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True))
        indent = draw(st.sampled_from(["", "  "]))
        inner = draw(st.lists(blocks, max_size=3).map("".join))
        parts.append(f"<{name}>\n{inner}{indent}</{name}>\n")
        parts.append(draw(st.sampled_from(["", "\n", "\nTrailing words.\n"])))
    return "".join(parts)


@given(text=st.one_of(hostile_text, markdown_bodies(), tagged_bodies()))
def test_parse_then_render_gives_the_text_back(text: str) -> None:
    assert parse(text).render() == text
    assert parse_markdown(text).render() == text


@given(body=markdown_bodies())
def test_markdown_to_tags_and_back_is_exact(body: str) -> None:
    agent = Agent(name="a", instructions=body)
    there = restyle(agent, "tags")
    assume(there.kept_because is None)
    assert restyle(there.agent, "markdown").agent == agent


@given(body=tagged_bodies())
def test_tags_to_markdown_and_back_is_exact(body: str) -> None:
    agent = Agent(name="a", instructions=body)
    there = restyle(agent, "markdown")
    assert there.kept_because is None
    assert restyle(there.agent, "tags").agent == agent


@given(body=st.one_of(hostile_text, markdown_bodies(), tagged_bodies()))
def test_restyle_never_loses_text(body: str) -> None:
    agent = Agent(name="a", instructions=body)
    for style in ("tags", "markdown"):
        result = restyle(agent, style)  # type: ignore[arg-type]
        if result.kept_because is not None:
            assert result.agent == agent


def test_headings_become_nested_tags_a_person_would_write() -> None:
    body = (
        "Intro.\n\n## Core Duties\n\n- test\n\n### Edge Cases\n\n- empty input\n\n"
        "## Output\n\nA report.\n"
    )
    converted = restyle(Agent(name="a", instructions=body), "tags").agent
    assert converted.instructions == (
        "Intro.\n\n<core_duties>\n- test\n\n<edge_cases>\n- empty input\n</edge_cases>\n"
        "</core_duties>\n\n<output>\nA report.\n</output>\n"
    )
    assert "sections" in converted.extensions["agentmorph"]


def test_tags_become_headings() -> None:
    body = "<role_definition>\nYou review.\n</role_definition>\n\n<rules>\n- be brief\n</rules>\n"
    converted = restyle(Agent(name="a", instructions=body), "markdown").agent
    assert converted.instructions == "## Role Definition\n\nYou review.\n\n## Rules\n\n- be brief\n"


def test_fences_hide_headings_and_tags() -> None:
    body = "## Real\n\n```markdown\n## Not real\n```python\n<x>\n```\n</x>\n```\n"
    outline = parse(body)
    assert [s.title for s in outline.walk()] == ["Real"]


def test_nested_same_length_fences_are_read_as_nested() -> None:
    lines = "```markdown\n## a\n```bash\nls\n```\n## b\n```\nafter\n".splitlines(keepends=True)
    assert fence_mask(lines) == [True, True, True, True, True, True, True, False]


def test_example_blocks_inside_text_are_not_sections() -> None:
    body = "## Usage\n\nSay <example>hi</example> inline.\n"
    assert [s.title for s in parse(body).walk()] == ["Usage"]


@pytest.mark.parametrize(
    ("title", "tag"),
    [
        ("Core Responsibilities", "core_responsibilities"),
        ("API & Design", "api_design"),
        ("1. Setup", "section_1_setup"),
        ("!!", "section"),
    ],
)
def test_slug(title: str, tag: str) -> None:
    assert slug(title) == tag


def test_title_from_tag() -> None:
    assert title_from_tag("role_definition") == "Role Definition"
    assert title_from_tag("file-locations") == "File Locations"


def test_auto_policy_converts_for_xml_and_restores_elsewhere() -> None:
    markdown = "---\nname: a\n---\n## Duties\n\n- review\n"
    as_xml = convert(markdown, "xml").text
    assert "<duties>\n- review\n</duties>" in as_xml
    back = convert(as_xml, "markdown")
    assert back.agent == loads(markdown)
    assert "agentmorph" not in back.agent.extensions


def test_keep_policy_writes_the_prompt_as_it_is() -> None:
    agent = loads("---\nname: a\n---\n## Duties\n")
    diags = Diagnostics()
    assert apply_policy(agent, "xml", "keep", diags) is agent
    assert "## Duties" in dumps(agent, "xml")


def _fence_mask_line_by_line(lines: list[str], *, nesting: bool) -> list[bool] | None:
    """The fence reading asked of every line (the fast one asks only lines with ``` or ~~~)."""
    import re

    fence = re.compile(r" {0,3}(`{3,}|~{3,})([^\n]*)")
    mask: list[bool] = []
    stack: list[tuple[str, int]] = []
    for line in lines:
        match = fence.match(line)
        if match is None:
            mask.append(bool(stack))
            continue
        marker, info = match.group(1), match.group(2).strip()
        mask.append(True)
        if not stack:
            stack.append((marker[0], len(marker)))
        elif marker[0] == stack[-1][0] and len(marker) >= stack[-1][1]:
            if not info:
                stack.pop()
            elif nesting:
                stack.append((marker[0], len(marker)))
    return None if stack and nesting else mask


_FENCE_PIECE = st.sampled_from(
    ["```", "````", "~~~", "~~~~", "``", " ", "   ", "    ", "python", "x", "`", "~", "\r"]
)


@given(st.lists(st.lists(_FENCE_PIECE, max_size=4).map("".join), max_size=12))
def test_the_fence_mask_is_the_line_by_line_reading(rows: list[str]) -> None:
    lines = [row + "\n" for row in rows]
    expected = _fence_mask_line_by_line(lines, nesting=True)
    if expected is None:
        expected = _fence_mask_line_by_line(lines, nesting=False) or []
    assert fence_mask(lines) == expected
