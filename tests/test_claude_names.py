"""Agent names Claude Code 2.1.332 leaves out of its list, unsaid (its loader: a name that
starts with '-', holds ':' once NFKC-normalised, or is longer than 256 UTF-16 code units):
read, they are said; written, they never happen."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from converter import Diagnostics, dumps, loads
from converter.model import Agent


def _claude(name: str) -> str:
    return f'---\nname: "{name}"\ndescription: Reviews code.\n---\nReview.\n'


def _read(name: str) -> list[tuple[str, str]]:
    diags = Diagnostics()
    loads(_claude(name), path=".claude/agents/x.md", diagnostics=diags)
    return [(d.code.value, d.message) for d in diags if d.code.value == "tool-refuses"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a\uff1ab", "NFKC"),  # FULLWIDTH COLON
        ("a\ufe55b", "NFKC"),  # SMALL COLON
        ("a\ufe13b", "NFKC"),  # PRESENTATION FORM FOR VERTICAL COLON
        ("a\u2a74b", "NFKC"),  # DOUBLE COLON EQUAL: "::="
        ("team:reviewer", "plugin"),
        ("-rf", "start with '-'"),
        ("r" * 257, "at most 256 characters; this one has 257"),
        ("\U0001f600" * 129, "at most 256 characters"),  # 258 UTF-16 code units
    ],
)
def test_a_name_claude_code_refuses_is_said(name: str, why: str) -> None:
    said = _read(name)
    assert len(said) == 1 and why in said[0][1]


@pytest.mark.parametrize(
    "name",
    ["r" * 256, "\U0001f600" * 128, "Code Reviewer", "r<s>", "p\u00a0q", "caf\u00e9", "\uff0dx"],
)
def test_a_name_claude_code_loads_is_not_said_refused(name: str) -> None:
    # each of these Claude Code 2.1.332 lists (the recorded cases and its loader's checks)
    assert _read(name) == []


def test_validate_does_not_advise_a_refused_name() -> None:
    from converter.targets import validate
    from formats.claude_format import ClaudeFormat

    diags = Diagnostics()
    validate(Agent(name="a\uff1ab", description="d"), ClaudeFormat.rules, diags)
    assert not [d for d in diags if "loads the name" in d.message]


def test_a_long_name_is_cut_to_what_claude_code_loads() -> None:
    diags = Diagnostics()
    name = "-".join(["review"] * 60)  # 419 characters
    written = dumps(
        Agent(name=name, description="d", instructions="x"), "claude", diagnostics=diags
    )
    header_name = written.split("name: ", 1)[1].split("\n", 1)[0]
    assert len(header_name) <= 256 and not header_name.endswith("-")
    assert name.startswith(header_name)
    assert [d.code.value for d in diags] == ["name-changed"]
    assert "longer than 256 characters" in next(iter(diags)).message


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1, max_size=400) | st.from_regex(r"[a-z0-9-:\uff1a]{200,400}", fullmatch=True)
)
@example("r" * 300)
@example("-".join(["review"] * 60))
def test_no_name_claude_code_refuses_is_written(name: str) -> None:
    written = dumps(
        Agent(name=name, description="d", instructions="x"), "claude", diagnostics=Diagnostics()
    )
    assert _read_written(written) == []


def _read_written(text: str) -> list[tuple[str, str]]:
    diags = Diagnostics()
    loads(text, path=".claude/agents/x.md", diagnostics=diags)
    return [(d.code.value, d.message) for d in diags if d.code.value == "tool-refuses"]
