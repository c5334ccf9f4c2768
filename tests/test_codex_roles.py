"""A Codex role file declared in `.codex/config.toml` (`[agents.NAME]` with `config_file`):
read as Codex 0.171 reads it, the table naming and describing the role the file leaves
unnamed (checked with `codex debug prompt-input`: the role is offered so)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from converter import Diagnostics, ValidationError, dumps, loads
from converter.diagnostics import Code

CONFIG = """model = "gpt-6.2-sol"

[agents]
max_threads = 4

[agents.reviewer]
description = "Reviews diffs."
config_file = "./agents/review-role.toml"
nickname_candidates = ["Rev"]
"""


def _project(tmp_path: Path, role: str, config: str = CONFIG) -> Path:
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".codex" / "config.toml").write_text(config)
    path = agents / "review-role.toml"
    path.write_text(role)
    return path


def test_the_declaring_table_names_and_describes_the_role(tmp_path: Path) -> None:
    path = _project(tmp_path, 'sandbox_mode = "read-only"\ndeveloper_instructions = "Look."\n')
    diags = Diagnostics()
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    assert (agent.name, agent.description) == ("reviewer", "Reviews diffs.")
    assert agent.extensions["codex"]["nickname_candidates"] == ["Rev"]
    assert [d.code.value for d in diags] == ["field-in-extension"]
    assert "[agents.reviewer]" in diags.items[0].message


def test_the_files_own_name_and_description_win(tmp_path: Path) -> None:
    role = 'name = "other"\ndescription = "Own."\ndeveloper_instructions = "Look."\n'
    path = _project(tmp_path, role)
    agent = loads(path.read_text(), path=str(path))
    assert (agent.name, agent.description) == ("other", "Own.")


@pytest.mark.parametrize(
    "config", [CONFIG.replace("./agents/review-role.toml", "agents/x.toml"), "", "[agents\n"]
)
def test_an_undeclared_role_without_a_name_is_said_codex_ignores_it(
    tmp_path: Path, config: str
) -> None:
    path = _project(tmp_path, 'developer_instructions = "Look."\n', config)
    diags = Diagnostics()
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    assert agent.name == "review-role"
    said = [d.code.value for d in diags]
    assert "tool-refuses" in said
    assert ("file-not-loaded" in said) == (config == "[agents\n")


def test_a_configuration_python_cannot_read_is_said_not_an_internal_error(tmp_path: Path) -> None:
    # tomllib raises ValueError for an integer of more than 4,300 digits
    config = "big = " + "9" * 5000 + "\n" + CONFIG
    path = _project(tmp_path, 'developer_instructions = "Look."\n', config)
    diags = Diagnostics()
    loads(path.read_text(), path=str(path), diagnostics=diags)
    assert "file-not-loaded" in [d.code.value for d in diags]


def test_a_key_toml_cannot_write_bare_is_quoted() -> None:
    # `"a.b" = 2` was written bare, a dotted key (a table `a` holding `b`), and `"weird key"`
    # as TOML no parser takes: the self-check refused the conversion. Codex knows neither
    # key (it would ignore the role), so the Codex writer leaves them out and says so; the
    # TOML format, which takes any key, writes them quoted
    import tomllib

    from converter import dumps, loads

    text = (
        'name = "wk"\ndescription = "d"\ndeveloper_instructions = "x"\n"weird key" = 1\n"a.b" = 2\n'
    )
    agent = loads(text, format="codex", path=".codex/agents/wk.toml")
    neutral = loads(dumps(agent, "json"), format="json")
    said = Diagnostics()
    written = tomllib.loads(dumps(neutral, "codex", diagnostics=said))
    assert "weird key" not in written and "a" not in written and "a.b" not in written
    assert [d.message for d in said if "does not know" in d.message] == [
        "Codex ignores a role with a key it does not know: weird key, a.b; not written"
    ]
    again = tomllib.loads(dumps(neutral, "toml"))
    assert again["extensions"]["codex"]["weird key"] == 1
    assert again["extensions"]["codex"]["a.b"] == 2


def test_a_key_the_writer_says_itself_is_not_written_twice() -> None:
    # extensions.codex.model (a mapping) was written beside the agent's own keys: a role
    # Codex refuses, and the self-check refused the conversion
    import tomllib

    from converter import Agent, Diagnostics, dumps

    agent = Agent(name="a", description="d", instructions="x\n",
                  extensions={"codex": {"model": {"a": 1}, "description": "y"}})  # fmt: skip
    said = Diagnostics()
    written = tomllib.loads(dumps(agent, "codex", diagnostics=said))
    assert written["description"] == "d" and "model" not in written
    assert any("extensions.codex.model" in d.message for d in said)


def test_a_folder_of_roles_reads_the_configuration_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """300 roles declared in one config.toml: each gets its table, and the file is parsed
    once, not once per role (1,000 roles took 13 s, each resolving every table's path)."""
    from formats import _toml_text

    tables = "".join(
        f'[agents.r{n}]\ndescription = "Role {n}."\nconfig_file = "agents/r{n}.toml"\n'
        for n in range(300)
    )
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".codex" / "config.toml").write_text(tables)
    for n in range(300):
        (agents / f"r{n}.toml").write_text(f'developer_instructions = "Role {n} works."\n')
    loaded = []
    real_load = _toml_text.load

    def counted(text: str, path: str, **options: Any) -> dict[str, Any]:
        if path.endswith("config.toml"):  # (a role file is read through it too)
            loaded.append(path)
        return real_load(text, path, **options)

    monkeypatch.setattr(_toml_text, "load", counted)
    read = [
        loads((agents / f"r{n}.toml").read_text(), path=str(agents / f"r{n}.toml"))
        for n in range(300)
    ]
    assert [(a.name, a.description) for a in read] == [(f"r{n}", f"Role {n}.") for n in range(300)]
    assert len(loaded) == 1
    # a changed configuration is read again (the cache knows the file by size, time, inode)
    (tmp_path / ".codex" / "config.toml").write_text(tables.replace("Role 7.", "Role seven."))
    again = loads((agents / "r7.toml").read_text(), path=str(agents / "r7.toml"))
    assert again.description == "Role seven." and len(loaded) == 2


def test_roles_in_folders_inside_the_agents_folder_are_codex_roles(tmp_path: Path) -> None:
    # Codex 0.171 offers roles from folders inside .codex/agents, at any depth (its loader)
    from converter.registry import default_registry

    role = 'name = "n"\ndescription = "D."\n'  # no instructions: claimed by its path alone
    for path in ("proj/.codex/agents/team/r.toml", "proj/.codex/agents/a/b/r.toml"):
        assert default_registry().detect(path, role).name == "codex"


def test_a_role_file_named_in_capitals_loads_only_when_declared(tmp_path: Path) -> None:
    role = 'name = "upper"\ndescription = "D."\ndeveloper_instructions = "Look."\n'
    path = _project(tmp_path, role, config="").with_name("UPPER.TOML")
    path.write_text(role)
    diags = Diagnostics()
    loads(role, path=str(path), format="codex", diagnostics=diags)
    said = [d.message for d in diags if d.code.value == "file-not-loaded"]
    assert said and "never loads 'UPPER.TOML' unless config.toml declares it" in said[0]
    declared = '[agents.upper]\ndescription = "D."\nconfig_file = "agents/UPPER.TOML"\n'
    (tmp_path / ".codex" / "config.toml").write_text(declared)
    diags = Diagnostics()
    loads(role, path=str(path), format="codex", diagnostics=diags)
    assert "file-not-loaded" not in [d.code.value for d in diags]


@pytest.mark.parametrize(
    ("name", "description", "read"),
    [
        ('"""\nreviewer\n"""', '"""\nReviews diffs.\n"""', ("reviewer", "Reviews diffs.")),
        ('" reviewer\\t"', '"\\u3000Reviews diffs.\\u00a0"', ("reviewer", "Reviews diffs.")),
        # U+001C is white space to Python, not to Rust: Codex keeps it
        ('"reviewer"', '"Reviews diffs.\\u001c"', ("reviewer", "Reviews diffs.\x1c")),
    ],
)
def test_a_name_and_description_are_read_trimmed_as_codex_reads_them(
    name: str, description: str, read: tuple[str, str]
) -> None:
    # Codex 0.171 offers `name = " reviewer "` as the role `reviewer`, a description in a
    # multi-line string without its last line break (seen with `codex debug prompt-input`)
    role = f'name = {name}\ndescription = {description}\ndeveloper_instructions = "Look."\n'
    diags = Diagnostics()
    agent = loads(role, path="r.toml", format="codex", diagnostics=diags)
    assert (agent.name, agent.description) == read
    trimmed = [d for d in diags if d.code.value == "value-coerced"]
    assert len(trimmed) == (0 if read[1].endswith("\x1c") else 2), list(diags)
    assert all(d.severity.value == "info" and "white space" in d.message for d in trimmed)


def test_a_description_of_only_white_space_to_rust_is_refused_but_not_one_python_calls_blank() -> (
    None
):
    role = 'name = "r"\ndescription = "%s"\ndeveloper_instructions = "Look."\n'
    said = []
    for blank in ("\\u3000\\n", "\\u001c"):
        diags = Diagnostics()
        loads(role % blank, path="r.toml", format="codex", diagnostics=diags)
        said.append([d.code.value for d in diags])
    assert said == [["tool-refuses"], []]


@pytest.mark.parametrize(("target", "prompt"), [("codex", "\x1f"), ("roo", "\x1c")])
def test_a_prompt_blank_only_to_python_is_kept(target: str, prompt: str) -> None:
    # Codex 0.171 loads a role whose developer_instructions are "\u001f" and ignores one of
    # " " or U+00A0 (each seen with its loader): Rust trims Unicode's white space, where
    # Python's `strip` takes U+001C to U+001F too, and the writer gave the role its
    # description instead (hypothesis's fuzz run found it); Roo, JavaScript, alike
    from converter import Agent, dumps
    from converter.registry import default_registry

    agent = Agent(name="rev", description="Reviews.", instructions=prompt)
    notes = Diagnostics()
    text = dumps(agent, target, diagnostics=notes)
    assert not [d for d in notes if d.code.value == "value-derived"]
    path = "rev" + default_registry().get(target).extension
    assert loads(text, format=target, path=path).instructions == prompt
    blank = Diagnostics()  # blank to the tool too: the description is the prompt, said
    dumps(
        Agent(name="rev", description="Reviews.", instructions=" \u00a0"), target, diagnostics=blank
    )
    assert [d.code.value for d in blank if d.field == "instructions"] == ["value-derived"]


def test_a_read_only_list_of_mcp_tools_says_codex_gives_every_mcp_tool() -> None:
    # read-only is a sandbox for commands and edits: an MCP tool call is no command, so the
    # role may call any tool of the session's servers, not only the ones its author listed
    text = (
        "---\nname: gh\ndescription: Reads issues.\ntools: Read, mcp__github__get_issue\n---\nGo.\n"
    )
    said = Diagnostics("gh.md")
    written = dumps(loads(text, format="claude"), "codex", diagnostics=said)
    assert 'sandbox_mode = "read-only"' in written
    widened = [d.message for d in said if d.code is Code.TOOLS_WIDENED]
    assert widened and "mcp__github__get_issue" in widened[0]
    plain = Diagnostics("r.md")
    dumps(
        loads(text.replace(", mcp__github__get_issue", ""), format="claude"),
        "codex",
        diagnostics=plain,
    )
    assert not [d for d in plain if d.code is Code.TOOLS_WIDENED]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "[1.5, inf]"])
def test_a_role_value_of_toml_inf_or_nan_is_refused_with_its_line(value: str) -> None:
    # no JSON value holds one: it was kept, and the self-check of any conversion raised
    # "does not read back; please report this"
    text = f'name = "r"\ndescription = "d"\ndeveloper_instructions = "x"\nx = {value}\n'
    with pytest.raises(ValidationError, match="not a finite number") as caught:
        loads(text, format="codex")
    assert caught.value.span is not None and caught.value.span.line == 4
