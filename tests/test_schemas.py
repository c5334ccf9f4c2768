"""Each tool's YAML schema (converter/frontmatter/schemas.py): what its parser makes of a plain
`description:` spelt as a number or a date, as each tool's own loader did (conformance/tools.py:
loaded, or refused for a description that is not text), said where we read and quoted where
we write."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converter import Diagnostics, loads
from converter.frontmatter import loaders, schemas, yaml12

TOOLS = {"claude": "bun", "copilot": "libyaml", "gemini": "js-yaml-4", "opencode": "js-yaml-3"}

#: spelling -> the tools that refused `description: <spelling>` (Claude Code 2.1.332,
#: GitHub Copilot CLI 1.0.102, Gemini CLI 0.61.0, OpenCode 1.18.33); the others loaded it
#: as the text written
SEEN = {
    "2024-01-01": {"gemini", "opencode"},
    "2024-1-1": set(),
    "2024-01-01T10:00:00Z": {"gemini", "opencode"},
    "2024-01-01 10:00:00": {"gemini", "opencode"},
    "2024-13-45": {"gemini", "opencode"},
    "1_000": {"gemini", "opencode"},
    "1_000.5": {"gemini", "opencode"},
    "0x1_F": {"gemini", "opencode"},
    "_1": set(),
    "0b101": {"gemini", "opencode", "copilot"},
    "017": {"claude", "gemini", "opencode"},
    "08": {"claude", "gemini"},
    "-017": {"claude", "gemini", "opencode"},
    "0o17": {"claude", "gemini", "copilot"},
    "1:30": {"opencode"},
    "190:20:30": {"opencode"},
    "1:30.5": {"opencode"},
    "1.": {"claude", "gemini", "copilot", "opencode"},
    "1.5_0": {"gemini", "opencode"},
    "0x1F": {"claude", "gemini", "copilot", "opencode"},
    "1e3": {"claude", "gemini", "copilot", "opencode"},
    ".inf": {"claude", "gemini", "copilot", "opencode"},
}


@pytest.mark.parametrize("spelling", sorted(SEEN))
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_each_parser_reads_a_spelling_as_its_tool_did(spelling: str, tool: str) -> None:
    assert (schemas.reads(spelling, TOOLS[tool]) is not None) == (tool in SEEN[spelling])


@pytest.mark.parametrize("tool", ["gemini", "opencode", "copilot"])
@pytest.mark.parametrize("spelling", ["2024-05-01", "1_000", "1:30", "0b101", "017", "0o17"])
def test_reading_says_that_the_tool_refuses_a_description_it_reads_otherwise(
    tool: str, spelling: str
) -> None:
    text = f"---\nname: checker\ndescription: {spelling}\n---\nCheck it.\n"
    diags = Diagnostics("checker.md")
    agent = loads(text, format=tool, path="checker.md", diagnostics=diags)
    assert agent.description == spelling  # the text as written, whatever the tool reads
    said = [d.message for d in diags if d.code.value == "tool-refuses"]
    assert bool(said) == (tool in SEEN.get(spelling, {"gemini", "opencode"})), said
    if said:
        read = "a date" if "-" in spelling else "the number"
        assert f"description is {spelling}, which its YAML reads as {read}" in said[0]


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_validate_for_a_tool_fails_a_description_it_reads_as_no_text(tool: str) -> None:
    for spelling, refused in SEEN.items():
        text = f"---\nname: checker\ndescription: {spelling}\n---\nCheck it.\n"
        meant = loaders.meant(text, path="checker.md")
        assert meant is not None
        reading = loaders.read_as(loaders.LOADERS[tool], text, meant.data, path="checker.md")
        assert (reading.verdict is loaders.Verdict.FAILS) == (tool in refused), spelling


def test_a_tagged_or_quoted_spelling_is_text_to_every_parser() -> None:
    for written in ("!!str 1_000", "'1_000'", '"2024-05-01"'):
        text = f"name: x\ndescription: {written}\n"
        data, notes = yaml12.load_mapping(text, path="x.md", first_line=2)
        assert data is not None and not notes.schema_words
        assert loaders.read_alike(text, data, notes) == data


_SPELT = st.text(alphabet="0123456789_:.-+eExobTZ ", min_size=1, max_size=12)


@settings(max_examples=400)
@given(_SPELT)
def test_a_written_text_is_read_back_as_that_text_by_every_parser(text: str) -> None:
    written = yaml12.dump_mapping({"description": text})
    data, notes = yaml12.load_mapping(written, path="x.md", first_line=2)
    assert data == {"description": text}
    assert loaders.read_alike(written, data, notes) == {"description": text}


@settings(max_examples=400)
@given(_SPELT.map(str.strip).filter(lambda s: s and ": " not in s and " #" not in s))
def test_a_plain_spelling_is_noted_whenever_a_parser_reads_it_otherwise(text: str) -> None:
    try:
        data, notes = yaml12.load_mapping(f"d: {text}\n", path="x.md", first_line=1)
    except Exception:  # not a plain scalar (`-`, `:x`): no reading to compare
        return
    assert data is not None
    if isinstance(data["d"], str) and data["d"] == text:
        typed = any(schemas.reads(text, parser) is not None for parser in TOOLS.values())
        noted = (text, 1) in [*notes.schema_words, *notes.numbers_kept]
        assert noted == typed


def test_fix_writes_the_number_a_number_key_means_and_quotes_a_text_the_tools_read_apart() -> None:
    from converter.frontmatter.fix import fix_text

    text = "---\nname: r\ndescription: 2024-05-01\nmax_turns: 1_0\nmaxTurns: 0o12\nbuild: 007\n---\nGo.\n"
    fixed = fix_text(text, ["claude", "copilot", "gemini", "opencode"], path="r.md").text
    assert fixed == (
        "---\nname: r\ndescription: '2024-05-01'\nmax_turns: 10\nmaxTurns: 10\nbuild: '007'\n"
        "---\nGo.\n"
    )
    again = fix_text(fixed, ["claude", "copilot", "gemini", "opencode"], path="r.md")
    assert again.text is None  # every tool reads it as meant now


@pytest.mark.parametrize(
    ("tool", "fails"), [("claude", True), ("copilot", True), ("gemini", True), ("opencode", False)]
)
def test_validate_for_a_tool_fails_a_name_it_reads_as_no_text(tool: str, fails: bool) -> None:
    # (OpenCode 1.18.33 loads `name: 1.5` as the agent named 1.5; the others refuse it)
    text = "---\nname: 1.5\ndescription: Reads flags.\n---\nRead.\n"
    meant = loaders.meant(text, path="r.md")
    assert meant is not None
    reading = loaders.read_as(loaders.LOADERS[tool], text, meant.data, path="r.md")
    assert (reading.verdict is loaders.Verdict.FAILS) == fails


@pytest.mark.parametrize(
    ("spelling", "named"),
    # each as OpenCode 1.18.33 named the agent, seen with its loader (conformance/tools.py)
    [("017", "'15'"), ("1_000", "'1000'"), ("1e3", "'1000'"), ("0x1F", "'31'"), ("1:30", "'90'"),
     ("1.50", "'1.5'"), (".inf", "'Infinity'"), ("2024-05-01", "by the date")],
)  # fmt: skip
def test_reading_says_the_name_opencode_gives_an_agent_its_yaml_reads_as_no_text(
    spelling: str, named: str
) -> None:
    # OpenCode names an agent by its header's `name` as its parser reads it; the name is read
    # as written, as meant, and the tool's name said (it had been unsaid)
    diags = Diagnostics("r.md")
    text = f"---\nname: {spelling}\ndescription: d\n---\nx\n"
    agent = loads(text, format="opencode", path=".opencode/agents/r.md", diagnostics=diags)
    assert agent.name == spelling
    said = [d.message for d in diags if d.code.value == "tool-misreads"]
    assert len(said) == 1 and said[0].startswith(f"OpenCode names this agent {named}"), said
    quoted = text.replace(spelling, f"'{spelling}'")
    assert not list(loads_said(quoted))  # quoted, it is the name there too


def loads_said(text: str) -> Diagnostics:
    diags = Diagnostics("r.md")
    loads(text, format="opencode", path=".opencode/agents/r.md", diagnostics=diags)
    return diags
