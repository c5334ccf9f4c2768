"""NEL, U+2028 and U+2029 in a header (converter/frontmatter/breaks.py): characters of the text
to YAML 1.2 and to the tools that parse it so (Gemini CLI 0.61.0, Claude Code 2.1.332,
OpenCode 1.18.33), line breaks to libyaml and GitHub Copilot CLI 1.0.102; each reading below
was seen with the tool's own loader (fixtures/conformance holds the recorded cases)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import ParseError, dumps, loads
from converter.frontmatter import breaks, fix, loaders, yaml12
from converter.io.patch import unified

LS, PS, NEL = "\u2028", "\u2029", "\x85"
FAILS = None

#: description line, then what Gemini CLI (as Claude Code and OpenCode) and Copilot CLI read
SEEN = [
    (f"description: a{LS} b", f"a{LS} b", f"a{LS}b"),
    (f"description: a{PS} b", f"a{PS} b", f"a{PS}b"),
    (f"description: a{NEL} b", f"a{NEL} b", "a b"),
    (f'description: "a{LS} b"', f"a{LS} b", f"a{LS}b"),
    (f"description: ab{LS}", f"ab{LS}", "ab"),
    (f"description: a{LS}b", f"a{LS}b", FAILS),
    (f"description: |\n  a{LS} b\n  c", f"a{LS} b\nc\n", FAILS),
]


@pytest.mark.parametrize(("line", "yaml12_reads", "copilot_reads"), SEEN)
def test_each_tool_reads_what_its_loader_read(
    line: str, yaml12_reads: str, copilot_reads: str | None
) -> None:
    text = f"---\nname: x\n{line}\n---\nbody\n"
    for tool in ("gemini", "claude", "opencode", "strict-yaml"):
        reading = loaders.read_as(loaders.LOADERS[tool], text, {}, path="x.md")
        assert reading.data == {"name": "x", "description": yaml12_reads}, tool
    copilot = loaders.read_as(loaders.LOADERS["copilot"], text, {}, path="x.md")
    if copilot_reads is FAILS:
        assert copilot.verdict is loaders.Verdict.FAILS
    else:
        assert copilot.data == {"name": "x", "description": copilot_reads}
    assert loads(text, format="gemini").description == yaml12_reads


def test_a_stand_in_in_the_text_leaves_it_to_libyaml() -> None:
    assert breaks.stand_in("plain ascii") is None
    assert breaks.stand_in(f"a{LS}b") == "a\uf8feb"
    assert breaks.stand_in(f"a{LS}b\uf8fe") is None  # (read as libyaml reads it)


def test_an_error_shows_its_line_as_written() -> None:
    with pytest.raises(ParseError) as caught:
        yaml12.load_mapping_fully(f"a: b{LS}: c\n", path="x", first_line=1)
    assert getattr(caught.value, "source_line", None) == f"a: b{LS}: c"


_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "\n", ":", "#", "'", '"', LS, PS, NEL]))


@given(_TEXT)
def test_what_we_write_every_parser_reads_back(value: str) -> None:
    # libyaml writes these characters as line breaks, which YAML 1.2 reads as text: a value
    # holding one is double-quoted, where each is an escape (\\L, \\P, \\N)
    # (a key after it: Copilot CLI's libyaml reads a `|` text that ends the header without
    # its last line end)
    written = yaml12.dump_mapping({"description": value, "name": "x"})
    if breaks.holds(value):
        assert written.startswith('description: "') and not breaks.holds(written)
    for load in (yaml12.load_mapping_fully, yaml12.load_as_libyaml_reads):
        assert load(written, path="x", first_line=1)[0] == {"description": value, "name": "x"}


def test_a_converted_agent_keeps_the_character_for_every_tool() -> None:
    agent = loads(f"---\nname: x\ndescription: one{LS} two\n---\nbody\n", format="markdown")
    for target in ("claude", "gemini", "opencode", "copilot"):
        written = dumps(agent, target)
        assert '"one\\L two"' in written, target
        for tool in ("gemini", "copilot"):
            reading = loaders.read_as(loaders.LOADERS[tool], written, {}, path="x.md")
            assert reading.data is not None and reading.data["description"] == f"one{LS} two"


def test_fix_quotes_the_value_for_copilot() -> None:
    fixed = fix.fix_text(f"---\nname: x\ndescription: a{LS} b\n---\nbody\n", ["copilot"])
    assert fixed.text == '---\nname: x\ndescription: "a\\L b"\n---\nbody\n'


def test_a_diff_shows_a_line_holding_one_as_one_line() -> None:
    shown = unified(f"a{LS}b\nc\n".encode(), b"a\nc\n", "x.md")
    assert f"-a{LS}b\n" in shown and "+a\n" in shown


def test_copilot_reads_a_block_text_ending_the_header_without_its_last_line_end() -> None:
    # Copilot CLI 1.0.102 parses the text between the fences without the line end before
    # the closing one (seen with its loader on 5 corpus agents so changed); js-yaml keeps it
    text = "---\nname: x\ndescription: |\n  Reads logs.\n---\nbody\n"
    copilot = loaders.read_as(loaders.LOADERS["copilot"], text, {}, path="x.md")
    gemini = loaders.read_as(loaders.LOADERS["gemini"], text, {}, path="x.md")
    assert copilot.data == {"name": "x", "description": "Reads logs."}
    assert gemini.data == {"name": "x", "description": "Reads logs.\n"}


@given(
    st.sampled_from(["0\n", "Reads logs.\n", "one\ntwo\n", "a\n\n", "x:\n  - y\n"]),
    st.booleans(),
)
def test_a_text_we_write_last_in_a_copilot_header_keeps_its_last_line_end(
    text: str, with_model: bool
) -> None:
    """Our header for Copilot never ends on a block that its reading would cut (a
    hypothesis round trip found `description: |` + `0` read back as `0`); other tools keep
    the literal block, easier to read."""
    from converter.model import Agent

    agent = Agent(name="x", description=text, model="gpt-5" if with_model else None)
    written = dumps(agent, "copilot")
    copilot = loaders.read_as(loaders.LOADERS["copilot"], written, {}, path="x.agent.md")
    assert copilot.data is not None and copilot.data["description"] == text
    assert loads(written, format="copilot", path="x.agent.md").description == text
    if not with_model:
        assert "description: |" in dumps(agent, "claude")
