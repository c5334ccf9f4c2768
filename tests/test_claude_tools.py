"""A Claude Code `tools` value that is not a list of names, read as Claude Code 2.1.332 reads
it (each started against the mock API; the recorded cases in fixtures/conformance/claude)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from converter import dumps, loads
from converter.diagnostics import Diagnostics

AGENT = "---\nname: a\ndescription: Does a.\n{tools}\n---\nBe a.\n"
PATH = ".claude/agents/a.md"


def _read(tools: str, path: str = PATH) -> tuple[object, list[str]]:
    notes = Diagnostics()
    agent = loads(AGENT.format(tools=tools), path=path, diagnostics=notes)
    return agent, [f"{d.code}: {d.message}" for d in notes]


@pytest.mark.parametrize("path", [PATH, "a.md"])  # the Claude target and the lossless format
@pytest.mark.parametrize(
    ("tools", "shown"),
    [
        ("tools: 5", "5"),
        ("tools: true", "true"),
        ("tools: false", "false"),
        ("tools: 0.5", "0.5"),
        ("tools: {}", "{}"),
        ("tools: {Read: yes}", '{"Read": "yes"}'),  # not switches: `yes` is text in YAML 1.2
    ],
)
def test_a_value_that_is_no_list_gives_no_tool(tools: str, shown: str, path: str) -> None:
    # it was refused as unreadable; Claude Code loads the agent and starts it with no tool
    agent, said = _read(tools, path)
    assert agent.tools == ()  # type: ignore[attr-defined]
    assert [s for s in said if not s.startswith("yaml11-value-kept")] == [
        f"tool-misreads: Claude Code reads 'tools: {shown}' as no tool (it takes a comma line "
        "or a list of names, and starts this agent with none); read as no tools"
    ]


@pytest.mark.parametrize(
    ("tools", "kept", "passed"),
    [
        ("tools: [Read, 5]", ("Read",), "5"),
        ("tools: [Read, [Grep]]", ("Read",), '["Grep"]'),
        ("tools: [Read, {Grep: 1}, null]", ("Read",), '{"Grep": 1}, null'),
        ("tools: [Read, '', 1.5]", ("Read",), '"", 1.5'),
        ("tools: [5]", (), "5"),
        ("tools: ['']", (), '""'),
    ],
)
def test_what_in_a_list_is_not_a_name_is_passed_over(
    tools: str, kept: tuple[str, ...], passed: str
) -> None:
    # it was kept as the text '5' (or refused); Claude Code gives the agent the names alone
    agent, said = _read(tools)
    assert agent.tools == kept  # type: ignore[attr-defined]
    ending = "" if kept else ", and starts this agent with no tool"
    assert said == [
        f"tool-misreads: Claude Code passes over what in 'tools' is not a name ({passed})"
        f"{ending}; left out"
    ]


def test_a_list_names_its_tools_once_passed_over() -> None:
    # a YAML list names tools (`[all]` is how a tool really named "all" is written); only
    # the comma line `tools: all` is read as every tool
    agent, said = _read("tools: [all, 7]")
    assert agent.tools == ("all",)  # type: ignore[attr-defined]
    assert [s.split(":")[0] for s in said] == ["tool-misreads", "target-rule"]
    assert "no tool 'all'" in said[1] and "refused when it starts" in said[1]
    assert said[1].endswith("an agent without 'tools' has every tool")
    agent, said = _read("tools: all")
    assert agent.tools is None  # type: ignore[attr-defined]
    assert [s.split(":")[0] for s in said] == ["tool-misreads"]


def test_other_tools_still_refuse_such_a_list() -> None:
    # Gemini CLI, Copilot and OpenCode refuse the agent: it stays unreadable for them
    from converter.errors import InputError

    for path in (".gemini/agents/a.md", ".github/agents/a.agent.md", ".opencode/agents/a.md"):
        with pytest.raises(InputError, match="'tools' must be a list"):
            _read("tools: 5", path)


def test_a_misread_tool_list_is_written_back_as_read_not_as_it_was() -> None:
    # converted to its own tool, a header its tool misreads was copied byte for byte, while
    # the warning said how it would be written
    for tools, written in (
        ("tools: 5", "tools: []\n"),
        ("tools: all", "description: Does a.\n---\n"),
        ("tools:\n  bash: false\n  read: true", "disallowedTools: Bash\n"),
    ):
        agent, said = _read(tools)
        text = dumps(agent, "claude")  # type: ignore[arg-type]
        assert written in text and "tools: 5" not in text and "bash: false" not in text, tools
    # the map of switches is said misread by Claude Code, as well as kept as meant
    _, said = _read("tools:\n  bash: false\n  read: true")
    assert any(
        s.startswith("tool-misreads: Claude Code reads no map of tool switches") for s in said
    )
    _, said = _read("tools:\n  bash: false\n  read: true", "a.md")  # the lossless format: not
    assert not any(s.startswith("tool-misreads") for s in said)
    # what it reads as written is still copied as it was (an empty list: an info only)
    for kept in ("tools:", "tools: Read,   Grep", "tools: [Read]"):
        agent, _ = _read(kept)
        assert dumps(agent, "claude") == AGENT.format(tools=kept), kept  # type: ignore[arg-type]
    # the lossless format keeps any header as it was
    agent, _ = _read("tools: 5", "a.md")
    assert dumps(agent, "markdown") == AGENT.format(tools="tools: 5")  # type: ignore[arg-type]


def test_claude_agents_json_takes_a_list_of_names_only() -> None:
    # `claude --agents` refuses the whole object for `"tools": ["Read", 5]` (it was read,
    # with '5' kept as text) as for `"tools": "Read"`
    from converter.errors import InputError

    for tools in ('["Read", 5]', '["Read", null]', '"Read"', "5"):
        text = '{"a": {"description": "d", "prompt": "x", "tools": ' + tools + "}}"
        with pytest.raises(InputError, match="a list of names here"):
            loads(text, format="claude-json")
    assert loads('{"a": {"description": "d", "tools": ["Read"]}}', format="claude-json").tools


@pytest.mark.parametrize(
    ("denied", "passed"),
    [("5", "5"), ("{Bash: true}", '{"Bash": true}'), ("[Bash, 5, [Read]]", '5, ["Read"]')],
)
def test_a_deny_list_of_what_is_no_name_denies_nothing(denied: str, passed: str) -> None:
    # Claude Code 2.1.332 started an agent of `disallowedTools: {Bash: true}` with Bash
    notes = Diagnostics()
    text = AGENT.format(tools=f"disallowedTools: {denied}")
    agent = loads(text, path=PATH, diagnostics=notes)
    assert [d.message for d in notes] == [
        f"Claude Code denies no tool by {passed} in 'disallowedTools' (not names of tools)"
    ]
    issues = Diagnostics()
    from converter.registry import default_registry

    default_registry().get("claude").validate(agent, issues)
    assert [d.code.value for d in issues] == ["target-rule"]
    # another tool is denied the names alone, as Claude Code denies them
    written = dumps(replace(agent, tools=None), "opencode")
    assert ("bash: deny" in written) == ("[Bash" in denied), written
    assert "'5'" not in written and "Read" not in written


@pytest.mark.parametrize(
    ("key", "meant"),
    [("allowed-tools", "tools"), ("allowedTools", "tools"), ("whenToUse", "description")],
)
def test_keys_claude_code_hints_at_are_hinted_at(key: str, meant: str) -> None:
    # Claude Code 2.1.332 ignores a command's `allowed-tools` in an agent (it gets every
    # tool) and says 'did you mean "tools"?'; we said nothing of it
    notes = Diagnostics()
    loads(AGENT.format(tools=f"{key}: Read"), path=PATH, diagnostics=notes)
    assert [d.message for d in notes] == [
        f"claude has no key {key!r}; did you mean {meant!r}? (kept as written)"
    ]


def test_a_name_claude_code_loads_as_written_is_advice_not_a_rule_issue(tmp_path: Path) -> None:
    # Claude Code 2.1.332 loads and starts `CoderAgent`, `Code Reviewer`, `a_b`; `validate`
    # called each a rule issue (exit 1). A name it does not load still is one.
    from typer.testing import CliRunner

    from converter.cli import build_app

    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("---\nname: CoderAgent\ndescription: d\n---\nx\n")
    result = CliRunner().invoke(build_app(), ["validate", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert "info[target-rule]: Claude Code loads the name 'CoderAgent' as written" in result.stderr
    assert "0 rule issues" in result.stderr
    (folder / "b.md").write_text("---\nname: team:coder\ndescription: d\n---\nx\n")
    result = CliRunner().invoke(build_app(), ["validate", str(folder)])
    assert result.exit_code == 1 and "1 rule issue" in result.stderr, result.stderr
    # converting to it still writes a name of its documentation's form
    written = dumps(loads((folder / "a.md").read_text(), path=str(folder / "a.md")), "claude")
    assert "name: coderagent\n" in written


def test_a_name_in_a_list_is_split_where_claude_code_splits_it() -> None:
    # Claude Code 2.1.332 gave `[Read Grep, Glob]` Read, Grep and Glob, and `['Read,Grep']`
    # Read and Grep; `Bash(git add:*)` stays one name. We kept 'Read Grep' as one tool,
    # which no other tool has either
    agent, said = _read("tools: [Read Grep, Glob, 'Bash(git add:*)', 'Write,Edit']")
    assert agent.tools == ("Read", "Grep", "Glob", "Bash(git add:*)", "Write", "Edit")  # type: ignore[attr-defined]
    assert said == [
        "tool-misreads: Claude Code splits a tool name in a list at spaces and commas (inside "
        "parentheses too; the comma line `tools: Agent(a, b)` keeps them): "
        '"Read Grep" as Read, Grep; "Write,Edit" as Write, Edit'
    ]
    # the lossless format keeps a name as it is (a model may hold one with a space)
    agent, said = _read("tools: [Read Grep]", "a.md")
    assert agent.tools == ("Read Grep",) and not said  # type: ignore[attr-defined]


def test_claude_agents_json_cuts_each_tools_entry_at_its_commas() -> None:
    # `claude --agents` read ["Task(SWE, QA)"] as 'Task(SWE' and 'QA)' (its loader, a recorded
    # case): the agent could start no subagent. One entry per agent is read as meant.
    said = Diagnostics()
    agent = loads(AGENT.format(tools="tools: Read, Agent(swe, qa), Bash(echo a, b)"), path=PATH)
    written = dumps(agent, "claude-json", diagnostics=said)
    import json

    assert json.loads(written)["a"]["tools"] == ["Read", "Agent(swe)", "Agent(qa)", "Bash"]
    assert [d.code.value for d in said] == ["tools-widened"]  # the command pattern, said
    # read back, the one-per-agent entries are Claude Code's agents
    assert loads(written, format="claude-json").tools == ("Read", "Agent(swe)", "Agent(qa)", "Bash")
    # an author's own entry with a comma is read as Claude Code reads it, and said
    notes = Diagnostics()
    cut = loads(
        '{"a": {"description": "d", "prompt": "p", "tools": ["Read", "Task(swe, qa)"]}}',
        format="claude-json",
        diagnostics=notes,
    )
    assert cut.tools == ("Read", "Task(swe", "qa)")
    assert [d.code.value for d in notes] == ["tool-misreads"]
    said = Diagnostics()
    dumps(cut, "claude", diagnostics=said)  # each name quoted: one name, not a pattern
    assert "no tool named 'Task(swe', 'qa)' and" in said.items[0].message


def test_a_pattern_in_a_list_is_cut_at_its_commas_as_claude_code_cuts_it() -> None:
    # started with it (a recorded case): `- Agent(a, b)` in a YAML list gave 'Agent(a' and
    # 'b)', where the comma line `tools: Read, Agent(a, b)` gives Agent for a and b
    agent, said = _read("tools:\n  - Read\n  - Agent(reviewer, tester)\n  - Bash(echo a b)")
    assert agent.tools == ("Read", "Agent(reviewer", "tester)", "Bash(echo a b)")  # type: ignore[attr-defined]
    assert (
        len(said) == 1 and "\"Agent(reviewer, tester)\" as 'Agent(reviewer', 'tester)'" in said[0]
    )
    agent, said = _read("tools: Read, Agent(reviewer, tester)")
    assert agent.tools == ("Read", "Agent(reviewer, tester)") and not said  # type: ignore[attr-defined]
