"""Cursor reads a subagent's header line by line, not as YAML (its own loader, @cursor/sdk
1.0.32: converter/frontmatter/cursor_lines.py): it is read here as Cursor reads it, written
so that Cursor reads what was meant, and fixed for Cursor alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from converter import Agent, Diagnostics, dumps, loads
from converter.cli import build_app
from converter.frontmatter import cursor_lines
from converter.frontmatter.fix import fix_text

PATH = ".cursor/agents/rev.md"


def _read(header: str, body: str = "Review.\n") -> tuple[Agent, Diagnostics]:
    said = Diagnostics(PATH)
    return loads(f"---\n{header}---\n{body}", path=PATH, diagnostics=said), said


def _codes(said: Diagnostics, code: str) -> list[str]:
    return [f"{d.field}: {d.message}" for d in said if d.code.value == code]


def test_quotes_and_block_scalars_are_read_as_cursor_reads_them_and_said() -> None:
    # before, a Cursor agent was read as YAML: 'rev' and the two lines, which Cursor never shows
    agent, said = _read("name: 'rev'\ndescription: |\n  Reviews code.\n  Twice.\n")
    assert (agent.name, agent.description) == ("'rev'", "|")
    misread = _codes(said, "tool-misreads")
    assert len(misread) == 2 and misread[0].startswith("name: Cursor reads 'name' as \"'rev'\"")
    assert "where YAML reads 'Reviews code.\\nTwice.\\n'" in misread[1]


def test_keys_are_read_in_any_case_the_last_line_wins_and_comments_are_passed_over() -> None:
    header = "Name: first\n# name: commented\nname: second\nMODEL: fast\ndescription: a: b # c\n"
    agent, _ = _read(header)
    assert (agent.name, agent.model, agent.description) == ("second", "fast", "a: b # c")
    assert "Name" not in agent.metadata and "MODEL" not in agent.metadata


def test_switches_are_on_only_for_the_text_true() -> None:
    agent, said = _read(
        "name: r\ndescription: d\nreadonly: yes\nbackground: TRUE\nis_background: false\n"
    )
    cursor = agent.extensions["cursor"]
    # `background` before `is_background`, as its loader's `Y.background ?? Y.is_background`
    assert cursor["readonly"] is False and cursor["is_background"] is True
    misread = [m.split(": it is")[0] for m in _codes(said, "tool-misreads")]
    assert misread == ["readonly: Cursor reads 'readonly' as off, where YAML reads 'yes'"]


def test_a_file_with_no_prompt_is_one_cursor_does_not_load() -> None:
    _, said = _read("name: r\ndescription: d\n", body="\n  \n")
    assert _codes(said, "tool-refuses") == ["None: Cursor does not load a subagent with no prompt"]


def test_the_writer_puts_each_value_on_one_line_as_the_text_cursor_reads() -> None:
    agent = Agent(
        name="rev",
        description="'Reviews' code: twice #1\n\nThen reports.",
        instructions="",
        extensions={"cursor": {"readonly": True}},
    )
    said = Diagnostics()
    text = dumps(agent, "cursor", diagnostics=said)
    header = text.split("---\n")[1]
    assert header.splitlines()[1] == "description: 'Reviews' code: twice #1 Then reports."
    assert cursor_lines.as_read(header) == {
        "name": "rev",
        "description": "'Reviews' code: twice #1 Then reports.",
        "readonly": True,
    }
    assert [d.field for d in said if d.code.value == "value-derived"] == [
        "instructions",
        "description",
    ]
    # no prompt: Cursor would not load it; the description is the prompt, said
    assert text.endswith("---\n'Reviews' code: twice #1\n\nThen reports.\n")


one_line = (
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), min_size=1
    )
    .map(lambda t: t.strip(cursor_lines.JS_SPACE))
    .filter(str.strip)
    # a literal \n is a line break where its author meant one, as Claude Code reads it
    # (converter/targets/escapes.py; test_description_escapes.py holds Cursor to it)
    .filter(lambda text: "\\n" not in text)
)  # (blank: one is made)


@given(description=one_line, model=st.sampled_from([None, "inherit", "fast", "sonnet"]))
def test_cursor_reads_back_every_line_written(description: str, model: str | None) -> None:
    agent = Agent(name="a", description=description, model=model, instructions="x\n")
    text = dumps(agent, "cursor")
    header = text[4 : text.index("\n---\n", 3) + 1]
    read = cursor_lines.as_read(header)
    assert (read["name"], read["description"]) == ("a", description)
    again = loads(text, format="cursor", path=PATH)
    assert (again.description, again.model) == (description, read.get("model"))


def test_fix_writes_what_cursor_misreads_on_one_line_and_leaves_the_rest() -> None:
    text = '---\nname: "rev"\ndescription: >\n  Reviews\n  code.\nreadonly: yes\ncolor: blue\n---\nGo.\n'
    fixed = fix_text(text, ["cursor"], path=PATH)
    assert (
        fixed.text
        == "---\nname: rev\ndescription: Reviews code.\nreadonly: yes\ncolor: blue\n---\nGo.\n"
    )
    assert fixed.keys == ("name", "description")
    assert fix_text(fixed.text, ["cursor"], path=PATH).text is None


def test_fix_for_cursor_and_a_yaml_reader_that_cannot_both_read_it_is_refused() -> None:
    # `#` starts a comment to YAML and is text to Cursor
    text = "---\nname: rev\ndescription: '#1 reviewer'\n---\nGo.\n"
    fixed = fix_text(text, ["cursor", "claude"], path=PATH)
    assert fixed.text is None  # left, and said
    cursor, claude = fixed.readings
    assert cursor.verdict == "loads but differs" and claude.verdict == "loads as meant"
    assert "no one header reads as meant by Cursor" in cursor.detail


def test_fix_of_a_cursor_folder_is_for_cursor_alone(tmp_path: Path) -> None:
    agent = tmp_path / ".cursor" / "agents" / "rev.md"
    agent.parent.mkdir(parents=True)
    agent.write_text("---\nname: rev\ndescription: 'Reviews code.'\n---\nGo.\n", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["fix", str(tmp_path / ".cursor")])
    assert result.exit_code == 0, result.output
    assert "(Cursor differs)" in result.output
    assert (
        agent.read_text(encoding="utf-8")
        == "---\nname: rev\ndescription: Reviews code.\n---\nGo.\n"
    )


def _walked(tmp_path: Path, start: Path, target: str) -> list[str]:
    """The files written converting what a walk from `start` finds (below .cursor/agents,
    `team/lead.md` and `my first_agent.mdc`, the second without a name)."""
    agents = tmp_path / ".cursor" / "agents"
    (agents / "team").mkdir(parents=True)
    (agents / "my first_agent.mdc").write_text("---\ndescription: d\n---\nGo.\n", "utf-8")
    (agents / "team" / "lead.mdc").write_text(
        "---\nname: lead\ndescription: d\n---\nGo.\n", "utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        build_app(), ["convert", str(start), "--to", target, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in out.rglob("*") if p.is_file())


def test_a_walk_reads_cursor_agents_as_its_loader_finds_and_names_them(tmp_path: Path) -> None:
    # its loader takes `.md`, `.mdc` and `.markdown` files, in folders inside .cursor/agents
    # too, and names an agent with no `name` by its file, blanks and `_` as `-`
    assert _walked(tmp_path, tmp_path, "claude") == ["lead.md", "my-first-agent.md"]


def test_a_walk_from_inside_its_folder_finds_what_cursor_loads(tmp_path: Path) -> None:
    # walked from .cursor/agents itself, `team/lead.mdc` was claimed by no format: passed over
    found = _walked(tmp_path, tmp_path / ".cursor" / "agents", "codex")
    assert found == ["lead.toml", "my-first-agent.toml"]


def test_tools_are_the_comma_list_cursor_reads_not_a_refusal() -> None:
    # `tools: true` refused the whole file here ("'tools' must be a list"): Cursor loads it
    agent, _ = _read("name: r\ndescription: d\ntools: true\n")
    assert agent.tools == ("true",)
    agent, said = _read("name: r\ndescription: d\ntools: [Read, Grep]\n")
    assert agent.tools == ("[Read", "Grep]")
    assert _codes(said, "tool-misreads")[0].startswith("tools: Cursor reads 'tools' as ['[Read'")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("---\n---\nGo.\n", "Cursor does not load a subagent whose header it does not find"),
        ("\ufeff---\nname: r\ndescription: d\n---\nGo.\n", "(a byte-order mark before it)"),
    ],
)
def test_a_file_whose_header_cursor_does_not_find_is_said(text: str, said: str) -> None:
    found = Diagnostics(PATH)
    loads(text.encode(), path=PATH, diagnostics=found)
    assert any(said in m for m in _codes(found, "tool-refuses")), found.items


def test_an_empty_header_closed_again_in_the_prompt_is_said() -> None:
    # Cursor's own fence takes the prompt's `---` line as the header's end
    found = Diagnostics(PATH)
    loads("---\n---\nPart one.\n\n---\nPart two.\n", path=PATH, diagnostics=found)
    assert "the prompt it reads starts 'Part two.'" in _codes(found, "tool-misreads")[0]


def test_force_default_model_is_a_key_of_cursor_and_kept_for_it() -> None:
    # its loader reads `force-default-model` (on for `true`): a Cursor key, not lost metadata
    agent, _ = _read("name: r\ndescription: d\nforce-default-model: true\n")
    assert agent.extensions["cursor"]["force-default-model"] is True
    assert "force-default-model: true\n" in dumps(agent, "cursor")
    said = Diagnostics()
    dumps(agent, "claude", diagnostics=said)
    assert any("force-default-model" in d.message for d in said if d.code.value == "field-dropped")


def test_a_cursor_files_own_tools_are_written_back_for_it() -> None:
    # written again (--normalize), its `tools` became `readonly: true`, a key it did not have
    agent, _ = _read("name: r\ndescription: d\ntools: Read, Grep\n")
    assert "tools: Read, Grep\n" in dumps(agent, "cursor", normalize=True)
