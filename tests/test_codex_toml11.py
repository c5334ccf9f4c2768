"""Codex 0.171 reads its role files and `.codex/config.toml` as TOML 1.1 (`\\e` and `\\xHH`
escapes, an inline table over several lines with a trailing comma): each such file was
loaded by Codex's own loader (`codex doctor`, `codex debug prompt-input`) and refused by
every TOML 1.0 parser, ours included. What TOML 1.1 refuses too, Codex refused: it stays
an error here, with its line. Other TOML formats read TOML 1.0, as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from converter import Diagnostics, ParseError, convert, loads

ROLE = 'name = "term-colors"\ndescription = "{description}"\ndeveloper_instructions = """\n{prompt}\n"""\n'


def _role(
    description: str = "Explains colors.", prompt: str = "Explain them.", more: str = ""
) -> str:
    return ROLE.format(description=description, prompt=prompt) + more


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("\\e[31m red", "\x1b[31m red"),  # TOML 1.1's escape of ESC
        ("\\x41\\x28", "A("),  # TOML 1.1's two-digit escapes
        ("\\xFF", "\xff"),
        ("\\u00e9 \\U0001F600", "\u00e9 \U0001f600"),  # TOML 1.0's, as ever
    ],
)
def test_toml_11_escapes_read_as_codex_reads_them(written: str, read: str) -> None:
    agent = loads(_role(description=written, prompt=written), format="codex", path="r.toml")
    assert agent.description == read
    assert agent.instructions == read + "\n"


def test_an_inline_table_over_several_lines_with_trailing_commas() -> None:
    more = '\n[mcp_servers.docs]\ncommand = "npx"\nenv = {\n  A = "1",\n  # why\n  B = "2",\n}\n'
    agent = loads(_role(more=more), format="codex", path="r.toml")
    assert agent.extensions["codex"]["mcp_servers"] == {
        "docs": {"command": "npx", "env": {"A": "1", "B": "2"}}
    }


def test_the_file_is_written_back_to_codex_as_it_was_and_anew_as_toml_10() -> None:
    text = _role(prompt="Reset with \\e[0m.")
    assert convert(text, to="codex", from_format="codex", path="r.toml").text == text
    anew = convert(text, to="codex", from_format="codex", path="r.toml", normalize=True).text
    assert "\\u001b[0m" in anew  # an escape every TOML parser reads
    assert tomllib.loads(anew)["developer_instructions"] == "Reset with \x1b[0m.\n"


@pytest.mark.parametrize(
    ("more", "line"),
    [
        ('description = "again"\n', 6),  # a key twice
        ("[mcp_servers.notizbücher]\n", 6),  # a bare key of letters beyond ASCII
        ("model_context_window = 01\n", 6),  # a leading zero
        ('model = "a\x7fb"\n', 6),  # DEL in a string
    ],
)
def test_what_toml_11_refuses_codex_refused_and_it_stays_an_error(more: str, line: int) -> None:
    with pytest.raises(ParseError) as raised:
        loads(_role(more=more), format="codex", path="r.toml")
    assert raised.value.span is not None and raised.value.span.line == line


@pytest.mark.parametrize("fmt", ["toml", "gemini-command"])
def test_other_toml_formats_read_toml_10_and_say_what_the_file_holds(fmt: str) -> None:
    text = (
        'name = "x"\ndescription = "Colors \\e[31m"\nprompt = "Do it."\ninstructions = "Do it."\n'
    )
    with pytest.raises(ParseError) as raised:
        loads(text, format=fmt, path="x.toml")
    assert "TOML 1.1" in raised.value.message


def test_a_configuration_in_toml_11_declares_its_roles(tmp_path: Path) -> None:
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    config = '[agents.reviewer]\ndescription = "Reviews \\x28diffs\\x29."\nconfig_file = "agents/r.toml"\n'
    (tmp_path / ".codex" / "config.toml").write_text(config)
    path = agents / "r.toml"
    path.write_text('developer_instructions = "Look."\n')
    diags = Diagnostics()
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    assert (agent.name, agent.description) == ("reviewer", "Reviews (diffs).")
    assert "file-not-loaded" not in [d.code.value for d in diags]


def test_an_invalid_configuration_is_said_with_its_line(tmp_path: Path) -> None:
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".codex" / "config.toml").write_text('[agents.reviewer]\nx = "\\d"\n')
    path = agents / "r.toml"
    path.write_text('developer_instructions = "Look."\n')
    diags = Diagnostics()
    loads(path.read_text(), path=str(path), diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "file-not-loaded"]
    assert said and "config.toml:2: invalid TOML" in said[0]
