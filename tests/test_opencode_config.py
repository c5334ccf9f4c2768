"""OpenCode's configuration file (`opencode.json`, `.jsonc`): its `agent` map read as OpenCode
1.18.33 reads it (checked with `opencode debug agent`), never as a Kiro agent of settings."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from converter import Diagnostics, ParseError, ValidationError, dumps, loads
from converter.cli import build_app
from converter.registry import ReadContext, default_registry
from formats import _opencode_config
from tests.conftest import FIXTURES

RUNNER = CliRunner()
OPENCODE = default_registry().get("opencode")


def _agents(text: str, path: str = "opencode.json") -> tuple[list, Diagnostics]:  # type: ignore[type-arg]
    diags = Diagnostics(path)
    return OPENCODE.read_many(text, ReadContext(path=path, diagnostics=diags)), diags


def test_the_agent_map_is_read_as_opencode_reads_it() -> None:
    agents, diags = _agents((FIXTURES / "opencode" / "opencode.jsonc").read_text("utf-8"))
    by_name = {a.name: a for a in agents}
    # disable: true is not loaded; the legacy `mode` map loads as primary agents
    assert sorted(by_name) == ["api-reviewer", "planner"]
    reviewer = by_name["api-reviewer"]
    assert reviewer.instructions.startswith("You review API changes.\n\nFlag removed")
    assert reviewer.extensions["opencode"] == {"permission": {"edit": "deny"}, "temperature": 0.1}
    assert by_name["planner"].extensions["opencode"] == {"mode": "primary"}
    assert any("'old-helper' (disable: true)" in d.message for d in diags)


def test_comments_and_trailing_commas_keep_their_lines() -> None:
    text = '{\n  // one\n  /* two\n  three */\n  "agent": {\n    "a": {"prompt": "// not a comment, /* nor this */",},\n  },\n}\n'
    agents, _ = _agents(text)
    assert agents[0].instructions == "// not a comment, /* nor this */"
    bad = '{\n  // one\n  "agent": {"a": {"prompt": }}\n}\n'
    with pytest.raises(Exception) as caught:
        _agents(bad)
    assert caught.value.span.line == 3  # type: ignore[attr-defined]


def test_a_mode_entry_is_merged_over_the_agent_of_its_name() -> None:
    text = json.dumps(
        {
            "agent": {"x": {"description": "X", "prompt": "agent x", "foo": 1, "name": "Shown"}},
            "mode": {"x": {"prompt": "legacy x", "mode": "subagent"}},
        }
    )
    (agent,), _ = _agents(text)
    # OpenCode 1.18.33: prompt "legacy x", mode primary, description "X", name "Shown" shown
    assert (agent.name, agent.description, agent.instructions) == ("x", "X", "legacy x")
    assert agent.extensions["opencode"]["mode"] == "primary"
    assert agent.extensions["opencode"]["name"] == "Shown"
    assert agent.metadata == {"foo": 1}


def _project(tmp_path: Path, prompt: str) -> Path:
    (tmp_path / "app" / "prompts").mkdir(parents=True)
    config = tmp_path / "app" / "opencode.json"
    config.write_text(json.dumps({"agent": {"a": {"description": "A", "prompt": prompt}}}))
    return config


def test_a_file_reference_inside_the_project_is_read_and_trimmed_as_javascript_does(
    tmp_path: Path,
) -> None:
    config = _project(tmp_path, "{file:./prompts/a.txt}")
    # JavaScript's trim removes the byte-order mark and no-break spaces, keeps \x1c
    (config.parent / "prompts" / "a.txt").write_text("\ufeff\u00a0 Review.\n\nCarefully.\x1c\n\n")
    (agent,), diags = _agents(config.read_text(), str(config))
    assert agent.instructions == "Review.\n\nCarefully.\x1c"
    assert any("read from prompts/a.txt" in d.message for d in diags)


@pytest.mark.parametrize(
    "reference", ["../secret.txt", "~/secret.txt", "ABSOLUTE", "./prompts/link"]
)
def test_a_file_outside_the_project_is_never_read(tmp_path: Path, reference: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc")
    if reference == "ABSOLUTE":
        reference = str(secret)
    config = _project(tmp_path, "Intro {file:" + reference + "}")
    os.symlink(secret, config.parent / "prompts" / "link")
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(tmp_path)
    try:
        (agent,), diags = _agents(config.read_text(), str(config))
    finally:
        if old_home is not None:
            os.environ["HOME"] = old_home
    assert "TOKEN" not in agent.instructions
    assert agent.instructions == "Intro {file:" + reference + "}"
    assert [d.code.value for d in diags] == ["prompt-in-file"]


def test_a_missing_file_is_refused_as_opencode_refuses_the_whole_file(tmp_path: Path) -> None:
    config = _project(tmp_path, "{file:./prompts/none.txt}")
    with pytest.raises(ValidationError, match="does not exist, and OpenCode refuses"):
        _agents(config.read_text(), str(config))


def test_an_environment_variable_is_never_read() -> None:
    os.environ["AGENTMORPH_TEST_SECRET"] = "s3cret"
    (agent,), diags = _agents('{"agent": {"a": {"prompt": "Key {env:AGENTMORPH_TEST_SECRET}"}}}')
    assert agent.instructions == "Key {env:AGENTMORPH_TEST_SECRET}"
    assert "environment variable AGENTMORPH_TEST_SECRET" in diags.items[0].message


def test_the_configuration_is_told_from_other_json_agents() -> None:
    registry = default_registry()
    config = '{"$schema": "https://opencode.ai/config.json", "agent": {"a": {"prompt": "p"}}}'
    assert registry.detect("opencode.json", config).name == "opencode"
    assert registry.detect("team.json", config).name == "opencode"  # by its schema
    assert registry.detect(None, '{"agent": {"a": {"prompt": "p"}}}').name == "opencode"
    # one Kiro agent and the object `claude --agents` takes are what they were
    kiro = '{"name": "a", "prompt": "p", "tools": ["fs_read"]}'
    assert registry.detect(".kiro/agents/a.json", kiro).name == "kiro"
    assert registry.detect("team.agents.json", '{"a": {"prompt": "p"}}').name == "claude-json"


def test_converted_to_markdown_it_reads_back_the_same() -> None:
    agents, _ = _agents((FIXTURES / "opencode" / "opencode.jsonc").read_text("utf-8"))
    for agent in agents:
        text = dumps(agent, "opencode")
        again = loads(text, format="opencode", path=f".opencode/agents/{agent.name}.md")
        assert (again.name, again.instructions, again.extensions) == (
            agent.name,
            agent.instructions,
            agent.extensions,
        )


def test_a_project_root_converts_the_agents_of_its_configuration(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "sub").mkdir(parents=True)
    (root / "opencode.json").write_text(
        (FIXTURES / "opencode" / "opencode.jsonc").read_text("utf-8")
    )
    # a configuration of settings only holds no agent: passed over
    (root / "sub" / "opencode.json").write_text('{"model": "anthropic/claude-sonnet-4-5"}')
    out = tmp_path / "out"
    result = RUNNER.invoke(build_app(), ["convert", str(root), "--to", "claude", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (out / ".claude" / "agents").iterdir())
    assert written == ["api-reviewer.md", "planner.md"]
    assert "1 skipped" in result.output
    # each note of a file of several agents names its agent
    assert "warning[field-dropped]: api-reviewer: claude has no place for" in result.output
    named = RUNNER.invoke(
        build_app(), ["convert", str(root / "sub" / "opencode.json"), "--to", "claude"]
    )
    assert named.exit_code != 0 and "no agent in this input" in named.output


def test_several_agents_to_one_file_say_how_to_name_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "new"
    config = str(FIXTURES / "opencode" / "opencode.jsonc")
    result = RUNNER.invoke(build_app(), ["convert", config, "--to", "claude", "-o", str(out)])
    assert result.exit_code != 0
    assert f"-o {out}/ (a folder) gives each agent its own file" in result.output


def test_init_and_import_gather_the_configurations_agents_by_their_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / ".claude" / "agents" / "api-reviewer.md").write_text(
        "---\nname: api-reviewer\ndescription: Reviews HTTP API changes for breaking changes "
        "and missing docs.\n---\nYou review API changes.\n\nFlag removed fields, renamed routes "
        "and changed status codes.\n"
    )
    (tmp_path / "opencode.jsonc").write_text(
        (FIXTURES / "opencode" / "opencode.jsonc").read_text("utf-8")
    )
    monkeypatch.chdir(tmp_path)
    init = RUNNER.invoke(build_app(), ["init"])
    assert "found: opencode.jsonc (opencode, 1 file)" in init.output, init.output
    imported = RUNNER.invoke(build_app(), ["import"])
    assert imported.exit_code == 0, imported.output
    # each agent of the file gets its own name (not `opencode.md`, the file's)
    assert sorted(p.name for p in (tmp_path / ".agents").iterdir()) == [
        "api-reviewer.md",
        "planner.md",
    ]
    merged = (tmp_path / ".agents" / "api-reviewer.md").read_text()
    # neither variant has a blank line after its header: neither has the merge
    assert "---\nYou review API changes.\n" in merged


def test_references_cannot_make_it_read_without_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from converter import LimitError
    from formats import _opencode_config

    # one small file named a thousand times is read a thousand times: the total is capped
    monkeypatch.setattr(_opencode_config, "MAX_BYTES", 1000)
    config = _project(tmp_path, "{file:./prompts/a.txt}" * 1000)
    (config.parent / "prompts" / "a.txt").write_text("x" * 10)
    with pytest.raises(LimitError, match="more than 1000 bytes"):
        _agents(config.read_text(), str(config))


@pytest.mark.parametrize("reference", ["../missing.txt", "./prompts/a\x00b", "./prompts/fifo"])
def test_odd_references_are_said_never_a_traceback_nor_a_hang(
    tmp_path: Path, reference: str
) -> None:
    config = _project(tmp_path, "{file:" + reference + "}")
    os.mkfifo(config.parent / "prompts" / "fifo")
    try:
        (agent,), diags = _agents(config.read_text(), str(config))
    except ValidationError as error:  # OpenCode refuses a reference to a pipe too
        assert reference.endswith("fifo") and "is not a file" in error.message
        return
    # outside the project (even a missing file: nothing outside is looked at), or unreadable
    assert agent.instructions == "{file:" + reference + "}"
    assert [d.code.value for d in diags] == ["prompt-in-file"]


def test_a_configuration_given_without_its_path_reads_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("from the working folder")
    monkeypatch.chdir(tmp_path)
    (agent,), diags = _agents('{"agent": {"a": {"prompt": "{file:./a.txt}"}}}', "<input>")
    assert agent.instructions == "{file:./a.txt}"
    assert "given without its path" in diags.items[0].message


def test_settings_of_opencodes_own_agents_are_no_agents_to_convert() -> None:
    # `agent.build` without a prompt sets OpenCode's own build agent (native, with its own
    # prompt: `opencode debug agent build`); converted, it was an agent with an empty prompt
    text = json.dumps(
        {
            "agent": {
                "build": {"model": "anthropic/claude-sonnet-4-5", "temperature": 0.3},
                "plan": {"prompt": "Plan carefully.", "description": "Plans."},
                "reviewer": {"prompt": "Review.", "description": "Reviews."},
            }
        }
    )
    agents, diags = _agents(text)
    assert [a.name for a in agents] == ["plan", "reviewer"]  # a prompt of its own: converted
    assert "'build' is OpenCode's own agent" in diags.items[0].message
    only = json.dumps({"agent": {"build": {"temperature": 0.3}}})
    result = RUNNER.invoke(
        build_app(), ["convert", "-", "--from", "opencode", "--to", "claude"], input=only
    )
    assert result.exit_code != 0 and "OpenCode's own agent" in result.output


def test_a_refused_value_in_opencodes_own_agents_settings_is_said() -> None:
    # OpenCode refuses the whole configuration for it ("Expected number ... temperature")
    text = '{"agent": {"build": {"temperature": "hot"}, "x": {"prompt": "p", "description": "d"}}}'
    agents, diags = _agents(text)
    assert [a.name for a in agents] == ["x"]  # converted all the same
    refusal = [d for d in diags if d.code.value == "tool-refuses"]
    assert refusal and "build.temperature = 'hot'" in refusal[0].message


_NAMES = st.text(
    alphabet=st.sampled_from(["a", "b", '"', "\\", "é", " ", "\n", ":", "{", "\U0001d4b3", "-"]),
    min_size=1,
    max_size=6,
)


def _line_by_definition(text: str, name: str) -> int:
    """The first line that starts with `name` as a key (pretty-printed JSON: one key a line)."""
    key = json.dumps(name, ensure_ascii=False) + ":"
    rows = text.split("\n")
    return next((n for n, row in enumerate(rows, 1) if row.lstrip(" ").startswith(key)), 1)


@given(st.lists(_NAMES, min_size=1, max_size=8, unique=True), st.integers(0, 3))
@example(['"\\', "\\", ":"], 1)  # the search from the start found '"\\"' inside '"\"\\"'
def test_each_agents_line_is_where_its_key_is_first_written(names: list[str], indent: int) -> None:
    """One pass finds every agent's line (`_KeyPlaces`), where a search from the file's start
    per agent made 10,000 agents take 8.7 s and could land inside another key: the line of
    the key as written, also of one that is a key elsewhere first or is said in a value."""
    config = {
        "permission": {names[-1]: "ask"},
        "agent": {name: {"description": f"says {json.dumps(name)}: here"} for name in names},
    }
    text = json.dumps(config, ensure_ascii=False, indent=indent)
    places = _opencode_config._KeyPlaces(text)
    for name in names:
        line = _line_by_definition(text, name)
        row = text.split("\n")[line - 1]
        column = len(row) - len(row.lstrip(" ")) + 1 if "\n" in text else None
        span = places.span("x", name)
        assert places.line(name) == span.line == line
        assert column is None or span.column == column
    assert places.line("not there") == 1


#: the stripping before a string or block comment left open was one token (tests below)
_OLD_JSONC = r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|,(?=(?:\s|//[^\n]*|/\*.*?\*/)*[}\]])'
_JSONC_PIECES = st.sampled_from(
    ['{', '}', '[', ']', '"a"', '"', '\\', '\\"', ":", ",", " ", "\n", "//", "/*", "*/", "1",
     '"k": 1', "x", "*"]
)  # fmt: skip


def _parsed(strip: Any, text: str) -> object:
    """What the file parses to after `strip`, or that it is an error. Which error may differ:
    the old stripping blanked `//` inside a string left open (a quote, a backslash and `//`:
    "invalid escape"),
    the new one keeps the string as written ("unterminated string")."""
    import re

    from converter import ConverterError
    from converter.fields import parse_json

    try:
        return parse_json(re.compile(strip, re.S).sub(_opencode_config._blank, text), "c.json")
    except ConverterError:
        return "error"


@given(st.lists(_JSONC_PIECES, max_size=14).map("".join))
@example('{"a": "\\"\\"\\"\n}')  # a string left open
@example('{"a": 1, /*/*/* }')  # a block comment left open
@example('"\\//')  # `//` inside a string left open: an error either way
def test_a_string_or_comment_left_open_reads_as_before(text: str) -> None:
    assert _parsed(_opencode_config._JSONC.pattern, text) == _parsed(_OLD_JSONC, text)


def test_escaped_quotes_that_never_close_are_read_within_bounds() -> None:
    from tests.test_hostile import bounded

    text = '{"agent": {"a": {"prompt": "p"}}, "x": "' + '\\"' * 40_000 + "\n}"  # took 15 s
    with pytest.raises(ParseError):
        bounded(lambda: _agents(text))


def test_a_key_or_an_agent_written_twice_is_read_last_and_said() -> None:
    # OpenCode's JSONC parser keeps the last, unsaid: the first prompt was lost unsaid here too
    text = (
        '{\n  "agent": {\n    "rev": {"description": "A.", "prompt": "One.", "prompt": "Two."},\n'
        '    "doc": {"description": "D.", "prompt": "Docs."},\n'
        '    "doc": {"description": "E.", "prompt": "More docs."}\n  },\n'
        '  "provider": {"x": 1, "x": 2}\n}\n'
    )
    agents, diags = _agents(text)
    assert [(a.name, a.instructions) for a in agents] == [("rev", "Two."), ("doc", "More docs.")]
    said = [
        (d.message, d.span.line if d.span else None)
        for d in diags
        if str(d.code) == "duplicate-key"
    ]
    assert len(said) == 2  # the provider's key is no agent's
    assert (
        "rev: key 'prompt' appears more than once; the last one is kept, as OpenCode reads it",
        3,
    ) in said
    assert any(message.startswith("agent 'doc'") for message, _ in said)
