"""A file its own tool will not load is said so when it is read (`tool-refuses`, or the
rule's `target-rule` for a value of the wrong kind), for convert and validate alike: each
case was checked with the tool's loader (Codex 0.171 `codex doctor`, Claude Code 2.1.332,
Gemini CLI 0.61 `loadAgentsFromDirectory`, OpenCode 1.18 `debug config`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter import Diagnostics, dumps, loads
from converter.cli import build_app
from converter.registry import default_registry

RUNNER = CliRunner()
APP = build_app()
ROLE = 'name = "r"\ndescription = "Reviews."\ndeveloper_instructions = "Look."\n'


def _read(tmp_path: Path, relative: str, text: str) -> Diagnostics:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    diags = Diagnostics(str(path))
    loads(text, path=str(path), diagnostics=diags)
    return diags


def _refusals(diags: Diagnostics) -> list[tuple[str, int | None]]:
    """What is said of the tool not loading the file: a refusal, or a value its rules refuse."""
    return [
        (d.message, d.span.line)
        for d in diags
        if d.code.value == "tool-refuses"
        or (d.code.value == "target-rule" and "refuses" in d.message)
    ]


@pytest.mark.parametrize(
    ("role", "said", "line"),
    [
        ('name = "r"\ndescription = "d"\n', "it has no developer_instructions", None),
        (ROLE.replace('"Look."', '""'), "developer_instructions are blank", 3),
        (ROLE.replace('"Look."', '"  \\n "'), "developer_instructions are blank", 3),
        (ROLE.replace('"Reviews."', '" "'), "its description is blank", 2),
        (ROLE.replace('name = "r"', 'name = ""'), "its name is empty", 1),
        # `name = 7` ended in "unexpected IndexError" (exit 70), and validate's traceback
        (ROLE.replace('name = "r"', "name = 7"), "its name is a number, not text", 1),
        (ROLE.replace('"Look."', "5"), "its developer_instructions is a number, not text", 3),
        (ROLE + "model = 5\n", "its model is a number, not text", 4),
        # Codex takes only its own keys: `unknown field` for a near spelling of one
        (ROLE + 'sandbox-mode = "read-only"\n', "no key 'sandbox-mode'; did you mean", 4),
        (ROLE + 'model_reasoning_efort = "high"\n', "did you mean 'model_reasoning_effort'", 4),
        # Codex's own keys of another kind ("reasoning_effort must not be empty", ...)
        (ROLE + 'model_reasoning_effort = ""\n', "refuses model_reasoning_effort = ''", 4),
        (ROLE + 'nickname_candidates = ["A", "A"]\n', "each once", 4),
        (ROLE + "skills = true\n", "refuses skills = True", 4),
        # a key Codex does not know ("unknown field `color`"), or a Claude Code habit
        (ROLE + 'color = "blue"\n', "it has no key 'color' (a role file takes the keys", 4),
        (
            ROLE + 'tools = ["Read", "Grep"]\n',
            "refuses tools = ['Read', 'Grep'], and the agent with it: it takes a map",
            4,
        ),
        # the kinds its loader says it expected ("expected u16", "expected a string"...)
        (ROLE + "mcp_oauth_callback_port = 70000\n", "an integer from 0 to 65535", 4),
        (ROLE + "project_doc_max_bytes = -1\n", "an integer from 0 to", 4),
        (ROLE + "model_context_window = true\n", "it takes an integer", 4),
        (ROLE + "notify = [1]\n", "it takes a list of text", 4),
        (ROLE + "hide_agent_reasoning = 1\n", "it takes true or false", 4),
        (ROLE + "features = {a = 1}\n", "a map of names to true or false", 4),
        (
            ROLE + "review_model = 5\n",
            "refuses review_model = 5, and the agent with it: it takes text",
            4,
        ),
        (ROLE + 'model_verbosity = "LOW"\n', "one of: low, medium, high", 4),
        (ROLE + 'plan_mode_reasoning_effort = ""\n', "text of at least one character", 4),
        (
            'name = "r"\ndescription = "d"\n[mcp_servers.docs]\ncommand = "npx"\n'
            'developer_instructions = "Look."\n',
            "no developer_instructions; [mcp_servers.docs] holds one: in TOML every key after "
            "a [table] line is that table's",
            5,
        ),
    ],
)
def test_a_role_codex_ignores_is_said_with_codexs_reason(
    tmp_path: Path, role: str, said: str, line: int | None
) -> None:
    found = _refusals(_read(tmp_path, ".codex/agents/r.toml", role))
    assert any(said in message and at == line for message, at in found), found


@pytest.mark.parametrize(
    "role",
    [
        ROLE,
        ROLE + 'model = "gpt-5"\nsandbox_mode = "read-only"\n[mcp_servers.docs]\ncommand = "x"\n',
        # configuration keys Codex 0.171 takes in a role (`codex doctor` says nothing)
        ROLE + 'model_provider = "openai"\ninstructions = "y"\nmodel_reasoning_summary = "auto"\n',
        ROLE + 'profile = "x"\nreview_model = ""\nproject_doc_max_bytes = 0\nnotify = []\n',
        ROLE + "model_context_window = -5\nfeatures = {a = true}\ntools = {foo = 1}\n",
        ROLE + "mcp_oauth_callback_port = 8080\nmodel_post_turn_compact_threshold_percent = 100\n",
    ],
)
def test_a_role_codex_loads_is_not_said_refused(tmp_path: Path, role: str) -> None:
    assert _refusals(_read(tmp_path, ".codex/agents/r.toml", role)) == []


@pytest.mark.parametrize(
    ("relative", "header", "said"),
    [
        (
            ".claude/agents/a.md",
            "description: d",
            "Claude Code does not load an agent without a name",
        ),
        (".claude/agents/a.md", "name: ''\ndescription: d", "whose name is empty"),
        (
            ".gemini/agents/a.md",
            "description: d",
            "Gemini CLI does not load an agent without a name",
        ),
        (".gemini/agents/a.md", "name: Bad Name\ndescription: d", "whose name is not lowercase"),
    ],
)
def test_a_name_the_tool_refuses_is_said(
    tmp_path: Path, relative: str, header: str, said: str
) -> None:
    found = _refusals(_read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n"))
    assert [message for message, _ in found if said in message], found


@pytest.mark.parametrize(
    ("relative", "header", "said"),
    [
        (
            ".github/agents/a.agent.md",
            "description: d\nmodel: 5",
            "whose model is 5; it takes text",
        ),
        (".github/agents/a.agent.md", "name: 7\ndescription: d", "whose name is 7; it takes text"),
        (".github/agents/a.agent.md", "description: d\nmodel:", "whose model has no value"),
        (".gemini/agents/a.md", "name: a\ndescription: d\nmodel: [x, y]", 'model is ["x", "y"]'),
        (
            ".gemini/agents/a.md",
            "name: a\ndescription: d\nmodel: true",
            "model is true; it takes text",
        ),
        # OpenCode refuses its whole configuration for a Claude Code tool list
        (".opencode/agents/a.md", "description: d\ntools: Read, Grep", 'tools is "Read, Grep"'),
        (".opencode/agents/a.md", "description: d\ntools: [read]", "takes a map of tools to"),
        (".opencode/agents/a.md", "description:\nmode: subagent", "description has no value"),
        # Copilot CLI 1.0.102: "tools: 1: Expected string, received number"
        (".github/agents/a.agent.md", "description: d\ntools: [read, 5]", 'tools is ["read", 5]'),
    ],
)
def test_a_name_or_model_of_another_kind_than_text_is_said_refused(
    tmp_path: Path, relative: str, header: str, said: str
) -> None:
    found = _refusals(_read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n"))
    assert [message for message, _ in found if said in message], found


@pytest.mark.parametrize(
    ("relative", "header", "whole"),
    [
        # OpenCode 1.18.33: "Configuration is invalid at .opencode/agent/a.md", and `opencode
        # agent list` lists no agent at all (seen with its loader): not this agent alone
        (".opencode/agents/a.md", "description: d\ntools: Read, Grep", True),
        (".opencode/agents/a.md", "description:\nmode: subagent", True),
        (".opencode/agents/a.md", "description: d\ntemperature: hot", True),
        (".gemini/agents/a.md", "name: a\ndescription: d\nmodel: true", False),
        (".gemini/agents/a.md", "name: a\ndescription: d\ntemperature: hot", False),
    ],
)
def test_what_the_tool_refuses_with_the_agent_is_said(
    tmp_path: Path, relative: str, header: str, whole: bool
) -> None:
    diags = _read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n")
    said = [d.message for d in diags if d.code.value in ("tool-refuses", "target-rule")]
    assert said, [d.message for d in diags]
    if whole:
        assert all("whole configuration" in m and "no agent" in m for m in said), said
    else:
        assert not any("whole configuration" in m for m in said), said


@pytest.mark.parametrize(
    "header",
    [
        "description: d\nmodel: [gpt-5, claude-sonnet-4.5]",
        "description: d\ntools: read, search",  # Copilot CLI splits it at the commas
        "description: d\ntools: [read, search]",
    ],
)
def test_a_model_list_or_tool_list_copilot_takes_is_not_said(tmp_path: Path, header: str) -> None:
    assert _refusals(_read(tmp_path, ".github/agents/a.agent.md", f"---\n{header}\n---\nx\n")) == []


@pytest.mark.parametrize(
    ("relative", "header"),
    [
        (".claude/agents/a.md", "name: a\ndescription: d"),
        (".gemini/agents/a.md", "name: _draft-2\ndescription: d"),  # its schema takes '_'
    ],
)
def test_a_name_the_tool_takes_is_not_said(tmp_path: Path, relative: str, header: str) -> None:
    assert _refusals(_read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n")) == []


def test_a_file_without_a_header_is_said_refused_once(tmp_path: Path) -> None:
    found = _refusals(_read(tmp_path, ".claude/agents/a.md", "Just a prompt.\n"))
    assert [message for message, _ in found] == [
        "Claude Code does not load an agent without a description"
    ]


@pytest.mark.parametrize(
    ("relative", "header", "said"),
    [
        (".gemini/agents/a.md", "name: a\ndescription: d\ntemperature: hot", "temperature = 'hot'"),
        (".opencode/agents/a.md", "description: d\nmode: bogus", "mode = 'bogus'"),
        # Gemini CLI refuses the agent for a tool name it lacks ("Invalid tool name")
        (".gemini/agents/a.md", "name: a\ndescription: d\ntools: [read_file, Read]", "tool 'Read'"),
    ],
)
def test_a_value_the_tool_refuses_is_said_on_reading_and_once_by_validate(
    tmp_path: Path, relative: str, header: str, said: str
) -> None:
    diags = _read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n")
    assert [d.span.line for d in diags if said in d.message] == [header.count("\n") + 2]
    result = RUNNER.invoke(APP, ["validate", str(tmp_path / relative)])
    assert result.stderr.count(said) == 1, result.stderr


def test_a_bug_met_on_one_file_is_said_and_the_others_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate and fix raised the bug past every file (a traceback, the rest unchecked);
    # convert said it for the one file (exit 70) and went on
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("---\nname: good\ndescription: d\n---\nDo it.\n")
    bad.write_text("---\nname: bad\ndescription: d\n---\nBreak it.\n")
    markdown = type(default_registry().get("markdown"))
    read = markdown.read

    def broken(self, text, context):  # type: ignore[no-untyped-def]
        if "Break" in text:
            raise RuntimeError("a bug")
        return read(self, text, context)

    monkeypatch.setattr(markdown, "read", broken)
    checked = RUNNER.invoke(APP, ["validate", str(good), str(bad)])
    assert checked.exit_code == 70, checked.stderr
    assert "unexpected RuntimeError: a bug; please report this" in checked.stderr
    assert "2 files checked" in checked.stderr
    # a bug in a format's own checks (`tools: 5` crashed Claude's), said the same way
    monkeypatch.setattr(markdown, "read", read)
    check = markdown.validate

    def broken_check(self, agent, diagnostics):  # type: ignore[no-untyped-def]
        if agent.name == "bad":
            raise TypeError("a bug in a check")
        check(self, agent, diagnostics)

    monkeypatch.setattr(markdown, "validate", broken_check)
    checked = RUNNER.invoke(APP, ["validate", str(good), str(bad)])
    assert checked.exit_code == 70, checked.stderr
    assert "unexpected TypeError: a bug in a check; please report this" in checked.stderr
    assert "2 files checked" in checked.stderr
    monkeypatch.setattr("converter.io.fixing.fix_text", lambda *a, **k: 1 / 0)
    fixed = RUNNER.invoke(APP, ["fix", str(good), str(bad), "--check"])
    assert fixed.exit_code == 70, fixed.stderr
    assert fixed.stderr.count("unexpected ZeroDivisionError") == 2


MODE = "  - slug: {slug}\n    name: N\n    roleDefinition: You plan.\n{groups}"


def test_converting_into_a_mode_file_roo_refuses_says_the_new_modes_are_lost(
    tmp_path: Path,
) -> None:
    # Roo drops every mode of a file with one it refuses: the ones written into it too
    agent = tmp_path / "planner.md"
    agent.write_text("---\nname: planner\ndescription: Plans.\n---\nPlan it.\n")
    for groups, lost in (("", True), ("    groups: [read]\n", False)):
        out = tmp_path / ("lost" if lost else "kept")
        out.mkdir()
        (out / ".roomodes").write_text("customModes:\n" + MODE.format(slug="old", groups=groups))
        result = RUNNER.invoke(APP, ["convert", str(agent), "--to", "roo", "-o", f"{out}/"])
        assert result.exit_code == 0, result.stderr
        said = "Roo loads no mode of this file, the ones written included: the mode 'old'"
        assert (said in result.stderr) == lost, result.stderr
        assert "slug: planner" in (out / ".roomodes").read_text()


@pytest.mark.parametrize(
    ("modes", "said"),
    [
        (MODE.format(slug="a b", groups="    groups: []\n"), "its slug is not letters"),
        (MODE.format(slug="a", groups=""), "it has no groups"),
        (MODE.format(slug="a", groups="    groups: [read, web]\n"), "it has no group 'web'"),
        (MODE.format(slug="a", groups="    groups: [read]\n") * 2, "its slug is used twice"),
        (MODE.format(slug="a", groups="    whenToUse:\n    groups: []\n"), "whenToUse is not"),
        # the `yaml` package: "Map keys must be unique"
        (MODE.format(slug="a", groups="    groups: []\n    groups: []\n"), "repeats the key"),
    ],
)
def test_a_mode_file_roo_refuses_is_said_on_reading(tmp_path: Path, modes: str, said: str) -> None:
    found = _refusals(_read(tmp_path, ".roomodes", "customModes:\n" + modes))
    assert [m for m, _ in found if m.startswith("Roo loads no mode of this file") and said in m]


def test_a_json_mode_file_that_repeats_a_key_is_said_refused(tmp_path: Path) -> None:
    # Roo parses JSON with the `yaml` package too (seen with its loader: "Map keys must be
    # unique"); Python's json keeps the last, so only the object hook sees it
    mode = '{"slug": "a", "name": "A", "roleDefinition": "R", "groups": [], "slug": "a"}'
    found = _refusals(_read(tmp_path, ".roomodes", '{\n"customModes": [\n' + mode + "\n]\n}\n"))
    assert [m for m, _ in found if "repeats the key 'slug' (line 3)" in m], found
    again = mode.replace(', "slug": "a"}', "}")
    assert _refusals(_read(tmp_path, ".roomodes", '{"customModes": [' + again + "]}")) == []


def test_a_mode_file_roo_loads_is_not_said_refused(tmp_path: Path) -> None:
    groups = "    groups: [read, browser, [edit, {fileRegex: '\\\\.md$'}]]\n"
    modes = MODE.format(slug="a", groups=groups) + MODE.format(slug="b", groups="    groups: []\n")
    assert _refusals(_read(tmp_path, ".roomodes", "customModes:\n" + modes)) == []


def test_a_value_claude_agents_refuses_is_said_on_reading_and_once_by_validate(
    tmp_path: Path,
) -> None:
    path = tmp_path / "team.agents.json"
    path.write_text('{"w": {"description": "d", "prompt": "p", "maxTurns": "ten"}}\n')
    diags = Diagnostics(str(path))
    loads(path.read_text(), path=str(path), diagnostics=diags)
    said = "claude --agents refuses maxTurns = 'ten', and with it every agent in the object"
    assert [d.message for d in diags] == [said]
    result = RUNNER.invoke(APP, ["validate", str(path)])
    assert result.stderr.count(said) == 1, result.stderr


def test_sync_into_a_mode_file_roo_refuses_says_the_new_modes_are_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".agents").mkdir()
    (tmp_path / ".agents" / "planner.md").write_text(
        "---\nname: planner\ndescription: Plans.\n---\nPlan it.\n"
    )
    (tmp_path / "agentmorph.toml").write_text('source = ".agents"\ntargets = ["roo"]\n')
    (tmp_path / ".roomodes").write_text("customModes:\n" + MODE.format(slug="old", groups=""))
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(APP, ["sync", "--verbose"])
    assert result.exit_code == 0, result.stderr
    assert "Roo loads no mode of this file, the ones written included: the mode 'old'" in (
        result.stderr
    )
    assert "slug: planner" in (tmp_path / ".roomodes").read_text()


def test_the_lines_of_many_misspelt_keys_are_found_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each key's line was searched from the file's start: 50,000 keys took the square
    from formats import _codex_roles as roles

    keys = [f"sandbox{'-' * n}mode" for n in range(1, 2001)]
    role = ROLE + "".join(f'{key} = "read-only"\n' for key in keys)
    pattern, matched = roles._KEY_LINE, []

    class Counting:
        def match(self, line: str):  # type: ignore[no-untyped-def]
            matched.append(line)
            return pattern.match(line)

    monkeypatch.setattr(roles, "_KEY_LINE", Counting())
    found = _refusals(_read(tmp_path, ".codex/agents/r.toml", role))
    assert len(found) == len(keys) and found[-1][1] == role.count("\n")
    assert len(matched) <= role.count("\n") + 1


@pytest.mark.parametrize(
    ("tools", "refused"), [("atlassian, jira", True), ("Read, atlassian", False)]
)
def test_a_claude_agent_of_no_tool_claude_code_has_is_said_on_reading(
    tmp_path: Path, tools: str, refused: bool
) -> None:
    # Claude Code 2.1.332: "would be spawned with zero tools — refusing"; with one tool it
    # has, the agent starts (validate names the others)
    diags = _read(
        tmp_path, ".claude/agents/a.md", f"---\nname: a\ndescription: d\ntools: {tools}\n---\nx\n"
    )
    said = [d.message for d in diags if "refused when it starts" in d.message]
    assert bool(said) == refused, diags.items


def test_validate_of_an_empty_model_list_is_no_internal_error(tmp_path: Path) -> None:
    # `model: []` in a Gemini agent ended validate in "unexpected IndexError" (exit 70)
    path = tmp_path / ".gemini" / "agents" / "a.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\nname: a\ndescription: d\nmodel: []\n---\nx\n")
    result = RUNNER.invoke(APP, ["validate", str(path)])
    assert result.exit_code == 1, result.stderr
    assert "unexpected" not in result.stderr
    assert "Gemini CLI does not load an agent whose model is []; it takes text" in result.stderr


def test_a_prompt_in_an_opencode_agents_header_is_not_said_refused(tmp_path: Path) -> None:
    # OpenCode 1.18 takes a Markdown agent's prompt from its body: any `prompt` there loads
    diags = _read(tmp_path, ".opencode/agents/a.md", "---\ndescription: d\nprompt: [x]\n---\nx\n")
    assert [d for d in diags if d.code.value in ("tool-refuses", "target-rule")] == []


@pytest.mark.parametrize("model", ["{name: opus}", "[{name: opus}]"])
def test_a_model_that_names_no_model_is_left_out_not_refused(tmp_path: Path, model: str) -> None:
    # `model: {name: opus}` was an error ("'model' must be text"); Claude Code 2.1.332 loads
    # the agent with its default model
    path = tmp_path / "a.md"
    path.write_text(f"---\nname: a\ndescription: d\nmodel: {model}\n---\nx\n")
    diags = Diagnostics(str(path))
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    assert agent.model is None
    assert [(d.code.value, d.span.line) for d in diags] == [("field-dropped", 4)]


def test_a_key_codex_does_not_know_is_left_out_when_writing_a_role() -> None:
    # Codex ignores the whole role for it: a role written with it would never be loaded
    import tomllib

    from converter import dumps
    from converter.model import Agent

    agent = Agent(
        name="r",
        description="Reviews.",
        instructions="Look.",
        extensions={"codex": {"color": "blue", "model_provider": "openai", "notify": [1]}},
    )
    said = Diagnostics()
    written = tomllib.loads(dumps(agent, "codex", diagnostics=said))
    assert written["model_provider"] == "openai"
    assert "color" not in written and "notify" not in written
    messages = [d.message for d in said]
    assert "Codex ignores a role with a key it does not know: color; not written" in messages
    assert any("refuses notify = [1]" in m for m in messages)
    assert not any("no place for" in m for m in messages), messages  # each said once


@pytest.mark.parametrize(
    ("relative", "header", "key", "number"),
    [
        (".gemini/agents/a.md", "name: a\ndescription: d\ntemperature: 0.50", "temperature", 0.5),
        (".gemini/agents/a.md", "name: a\ndescription: d\nmax_turns: 1e1", "max_turns", 10.0),
        (".claude/agents/a.md", "name: a\ndescription: d\nmaxTurns: +12", "maxTurns", 12),
        (".gemini/agents/a.md", "name: a\ndescription: d\ntimeout_mins: 0x10", "timeout_mins", 16),
        (".gemini/agents/a.md", "name: a\ndescription: d\ntemperature: 5e-1", "temperature", 0.5),
        (".opencode/agents/a.md", "description: d\ntop_p: 0.90", "top_p", 0.9),
        (".opencode/agents/a.md", "description: d\nsteps: +7", "steps", 7),
    ],
)
def test_a_number_the_tools_yaml_reads_is_that_number_where_the_key_takes_one(
    tmp_path: Path, relative: str, header: str, key: str, number: float
) -> None:
    # YAML 1.2 parsers (Gemini CLI's, OpenCode's) read `temperature: 0.50` as 0.5: we said
    # "Gemini CLI refuses temperature = '0.50'" and left it out of every conversion
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{header}\n---\nDo it.\n")
    diags = Diagnostics(str(path))
    agent = loads(path.read_text(), path=str(path), diagnostics=diags)
    tool = relative.split("/")[0][1:]
    value = agent.extensions[tool][key]
    assert value == number and type(value) is type(number)
    assert _refusals(diags) == [] and "number-kept-as-text" not in [d.code.value for d in diags]


def test_a_number_spelt_long_goes_to_another_tool_as_the_number() -> None:
    from converter import dumps

    text = (
        "---\nname: a\ndescription: d\ntemperature: 0.50\nmax_turns: 1e1\nversion: 1.10\n---\nx\n"
    )
    agent = loads(text, path=".gemini/agents/a.md")
    said = Diagnostics()
    written = dumps(agent, "opencode", diagnostics=said)
    assert "temperature: 0.5\n" in written and "steps: 10\n" in written
    dropped = [d.message for d in said if d.code.value == "field-dropped"]
    assert dropped == ["opencode has no place for metadata.version; not written"]
    # through the neutral JSON and back, the tool's numbers stay numbers
    back = dumps(loads(dumps(agent, "json"), format="json"), "gemini")
    assert "temperature: 0.5\n" in back and "max_turns: 10.0\n" in back
    # a value no tool types keeps the author's spelling, and an unchanged file its bytes
    assert agent.metadata["version"] == "1.10"
    assert dumps(agent, "gemini") == text


def test_a_number_written_as_text_is_text_to_the_tool_and_said(tmp_path: Path) -> None:
    diags = _read(
        tmp_path,
        ".gemini/agents/a.md",
        "---\nname: a\ndescription: d\ntemperature: '0.50'\n---\nx\n",
    )
    assert any("refuses temperature = '0.50'" in message for message, _ in _refusals(diags))


@pytest.mark.parametrize(
    ("relative", "header", "said"),
    [
        # the tools' parsers read these as numbers where only text goes: the agent is refused
        (
            ".gemini/agents/a.md",
            "name: a\ndescription: 1.10",
            "whose description is 1.10, which its YAML reads as the number 1.1; it",
        ),
        (".github/agents/a.agent.md", "name: a\ndescription: d\nmodel: 0x10", "the number 16;"),
        (".opencode/agents/a.md", "description: +5", "description is +5, which its YAML"),
        # Claude Code's (Bun's) reads both spellings the others read apart: no agent loads
        (".claude/agents/a.md", "name: 007\ndescription: d", "name is 007, which its YAML reads"),
        (".claude/agents/a.md", "name: 0o17\ndescription: d", "as the number 15; it takes"),
        (".claude/agents/a.md", "name: 1e3\ndescription: d", "as the number 1000.0; it takes"),
        # YAML 1.2's infinities and not-a-number: a number to every tool's parser (Gemini CLI
        # 0.61: "Expected string, received number"; OpenCode 1.18: "got Infinity")
        (".gemini/agents/a.md", "name: a\ndescription: .inf", "the number Infinity; it takes"),
        (".opencode/agents/a.md", "description: -.Inf", "the number -Infinity; it takes"),
        (".claude/agents/a.md", "name: .NaN\ndescription: d", "name is .NaN, which its YAML"),
        (".gemini/agents/a.md", "name: a\ndescription: '.inf'", None),  # quoted: text
        # read apart (Copilot CLI: `010` is text; OpenCode: `0o7` is text): nothing said
        (".github/agents/a.agent.md", "name: 010\ndescription: d", None),
        (".opencode/agents/a.md", "description: 0o7", None),
    ],
)
def test_a_number_where_the_tool_takes_text_is_said_where_the_tools_read_a_number(
    tmp_path: Path, relative: str, header: str, said: str | None
) -> None:
    found = _refusals(_read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n"))
    if said is None:
        assert found == []
    else:
        assert any(said in message for message, _ in found), found


def test_a_number_where_roo_takes_text_is_said_and_quoted_text_is_not(tmp_path: Path) -> None:
    modes = (
        "customModes:\n  - slug: m0\n    name: 1.10\n    roleDefinition: You plan.\n"
        "    groups: [read]\n  - slug: m1\n    name: M\n    roleDefinition: '0x10'\n"
        "    groups: [read]\n"
    )
    found = _refusals(_read(tmp_path, ".roomodes", modes))
    assert [message for message, _ in found] == [
        "Roo loads no mode of this file: the mode 'm0': its name is not text"
    ]


def test_a_tool_list_the_tool_reads_as_a_number_is_refused_as_tools_5_is(tmp_path: Path) -> None:
    from converter.errors import ValidationError

    path = tmp_path / ".github/agents/a.agent.md"
    path.parent.mkdir(parents=True)
    for tools in ("5", "0.50"):
        with pytest.raises(ValidationError, match="'tools' must be a list"):
            loads(f"---\nname: a\ndescription: d\ntools: {tools}\n---\nx\n", path=str(path))
    agent = loads("---\nname: a\ndescription: d\ntools: '0.50'\n---\nx\n", path=str(path))
    assert agent.tools == ("0.50",)  # quoted, it is a tool's name, for Copilot CLI too


def test_a_header_claude_code_cannot_read_fails_validate(tmp_path: Path) -> None:
    # Claude Code 2.1.332 reads `description: 1.10` as a number: "Missing required
    # "description" field", and leaves the project agent out; validate called it clean
    path = tmp_path / ".claude/agents/a.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\nname: a\ndescription: 1.10\n---\nDo it.\n")
    result = RUNNER.invoke(APP, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "tool-cannot-read" in result.output and "1 rule issue" in result.output
    agent = loads(path.read_text(), path=str(path))
    assert agent.description == "1.10"  # read as its author meant it


def test_a_whole_number_of_any_size_is_a_positive_integer() -> None:
    # JavaScript's Number.isInteger, as Gemini CLI checks `max_turns`: 1e3 and 2.0 are
    # whole; a 400-digit integer (beyond a float) must not end in an OverflowError
    from converter.targets.kinds import takes

    assert takes("positive-integer", 10**400) and takes("positive-integer", 1e3)
    assert not takes("positive-integer", 2.5) and not takes("positive-integer", float("inf"))
    assert not takes("positive-integer", 0) and not takes("positive-integer", True)


@pytest.mark.parametrize(
    ("text", "code", "said"),
    [
        # Gemini CLI 0.61's FRONTMATTER_REGEX, each loaded with its loadAgentsFromDirectory
        ("\ufeff---\nname: a\ndescription: d\n---\nDo it.\n", "tool-refuses", "byte-order mark"),
        ("---  \nname: a\ndescription: d\n---\nDo it.\n", "tool-refuses", "first line"),
        # loaded, with no prompt: what follows the closing dashes on their line ends it
        ("---\nname: a\ndescription: d\n---  \nDo it.\n", "tool-cannot-read", "no prompt"),
        ("---\nname: a\ndescription: d\n--- \r\nDo it.\r\n", "tool-cannot-read", "no prompt"),
    ],
)
def test_a_fence_gemini_cli_reads_otherwise_is_said_and_written_as_it_reads(
    tmp_path: Path, text: str, code: str, said: str
) -> None:
    path = tmp_path / ".gemini" / "agents" / "a.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode())
    diags = Diagnostics(str(path))
    agent = loads(path.read_bytes(), path=str(path), diagnostics=diags)
    assert [d.message for d in diags if d.code.value == code and said in d.message], list(diags)
    assert agent.instructions.startswith("Do it.")  # what the author meant, for other tools
    result = RUNNER.invoke(APP, ["validate", "--target", "gemini", str(path)])
    assert result.exit_code == 1 and "1 rule issue" in result.output
    # its own file written back is one Gemini CLI loads with the prompt
    written = dumps(agent, "gemini")
    assert written.startswith("---\nname: a\n") and "\n---\nDo it." in written.replace("\r", "")


@pytest.mark.parametrize(
    "text",
    [
        "---\nname: a\ndescription: d\n---\nDo it.\n",
        "---\r\nname: a\r\ndescription: d\r\n---\r\nx\r\n",
    ],
)
def test_a_fence_gemini_cli_reads_is_not_said(tmp_path: Path, text: str) -> None:
    diags = _read(tmp_path, ".gemini/agents/a.md", text)
    assert not [d for d in diags if d.code.value in ("tool-refuses", "tool-cannot-read")]


@pytest.mark.parametrize(
    ("relative", "header", "consequence"),
    [
        # js-yaml: "duplicated mapping key" (Gemini CLI 0.61, OpenCode 1.18.33); yaml 2:
        # "duplicate entry with key" (GitHub Copilot CLI 1.0.102)
        (".gemini/agents/a.md", "name: a\ndescription: d\ndescription: e", "does not load"),
        (".github/agents/a.agent.md", "description: d\ndescription: e", "does not load"),
        (".opencode/agents/a.md", "description: d\ndescription: e", "whole file"),
        # OpenCode's second pass changes this file (a value holding ':'), then fails again
        (".opencode/agents/a.md", "description: d\ndescription: see http://e", "does not load"),
    ],
)
def test_a_repeated_key_a_strict_reader_refuses_is_said_once(
    tmp_path: Path, relative: str, header: str, consequence: str
) -> None:
    diags = _read(tmp_path, relative, f"---\n{header}\n---\nDo it.\n")
    said = [d for d in diags if d.code.value == "tool-cannot-read"]
    assert len(said) == 1 and "'description' appears more than once" in said[0].message
    assert consequence in said[0].message
    line = header.count("\n") + 2  # the second 'description'
    assert consequence in said[0].message and said[0].span is not None and said[0].span.line == line
    assert not [d for d in diags if d.code.value == "duplicate-key"]  # said once


def test_a_repeated_key_claude_code_reads_is_only_noted(tmp_path: Path) -> None:
    # Claude Code 2.1.332 started such an agent with the last description
    diags = _read(
        tmp_path, ".claude/agents/a.md", "---\nname: a\ndescription: d\ndescription: e\n---\nx\n"
    )
    assert [d.code.value for d in diags] == ["duplicate-key"]


@pytest.mark.parametrize("closing", ["-" * 20, "--- end of header", "---x"])
@pytest.mark.parametrize(
    ("relative", "header", "code", "said"),
    [
        # each checked with the tool's own loader: a header closed by 20 dashes, or by a line
        # holding more after its three (fixtures/conformance: recorded cases)
        (".github/agents/a.agent.md", "description: d", "tool-refuses", "holds more than"),
        (".opencode/agents/a.md", "description: d", "tool-misreads", "starts the prompt"),
        (".gemini/agents/a.md", "name: a\ndescription: d", "tool-cannot-read", "no prompt"),
        (".claude/agents/a.md", "name: a\ndescription: d", "tool-misreads", "starts the prompt"),
        # the lossless Markdown format reads it as '---', and keeps the file as it is
        ("agents/a.md", "name: a\ndescription: d", "frontmatter-repaired", "read as"),
    ],
)
def test_a_header_closed_by_a_line_holding_more_is_said_as_the_tool_reads_it(
    tmp_path: Path, relative: str, header: str, code: str, said: str, closing: str
) -> None:
    text = f"---\n{header}\n{closing}\n\n# Title\nDo it.\n"
    diags = _read(tmp_path, relative, text)
    assert [d for d in diags if d.code.value == code and said in d.message], list(diags)
    agent = loads(text, path=str(tmp_path / relative))
    assert agent.instructions == "\n# Title\nDo it.\n"
    # its own file is written back as its tool reads it as meant (Claude Code's as it was)
    written = dumps(agent, agent.provenance.format if agent.provenance else "markdown")
    if code == "frontmatter-repaired":
        assert written == text
    else:
        assert "\n---\n\n# Title\nDo it.\n" in written and closing not in written


def test_the_first_line_starting_with_dashes_closes_the_header(tmp_path: Path) -> None:
    # Claude Code, OpenCode and Gemini CLI close on a '-----' line before a '---' one (a
    # thematic break in the prompt); the header held the prompt's first lines before
    text = "---\nname: a\ndescription: d\n-----\nPart one.\n\n---\n\nPart two.\n"
    agent = loads(text, path=str(tmp_path / ".opencode/agents/a.md"))
    assert agent.description == "d"
    assert agent.instructions == "Part one.\n\n---\n\nPart two.\n"


def test_a_prompt_past_copilots_documented_limit_is_said_as_documented(tmp_path: Path) -> None:
    # GitHub's reference caps a custom agent's prompt at 30,000 characters; Copilot CLI
    # 1.0.102 loads a longer one (corpus agents, seen with its loader): the limit is said
    # as documented, not as a refusal by the CLI
    folder = tmp_path / ".github" / "agents"
    folder.mkdir(parents=True)
    for name, size in (("long", 30_001), ("short", 29_999)):
        text = "---\nname: a\ndescription: d\n---\n" + "x" * size + "\n"
        (folder / f"{name}.agent.md").write_text(text)
    result = RUNNER.invoke(APP, ["validate", "--target", "copilot", str(folder)])
    said = "GitHub Copilot's documentation caps a prompt at 30,000 characters; this one has"
    assert result.stderr.count(said) == 1 and "30,002" in result.stderr, result.stderr
    assert "long.agent.md" in result.stderr and "short.agent.md" not in result.stderr


def test_an_infinite_number_where_a_tool_takes_one_is_kept_as_written() -> None:
    # `temperature: .inf`: no number the model (or canonical JSON) holds; kept as the text
    # written, where it read as infinity and the JSON writer's check failed ("please report")
    for relative in (".gemini/agents/a.md", ".opencode/agents/a.md"):
        text = "---\nname: a\ndescription: d\ntemperature: .inf\n---\nx\n"
        agent = loads(text, path=relative)
        assert '"temperature": ".inf"' in dumps(agent, format="json")
