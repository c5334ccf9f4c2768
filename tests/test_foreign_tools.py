"""Tool names from another tool's vocabulary (a Qwen Code or Antigravity agent listing Gemini
CLI's `read_file`): read as what they mean there, written as each target's own names, and
said; a Claude Code agent's names Claude Code has no tool for are said, not passed silently."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from converter import Agent, Diagnostics, dumps, loads
from converter.cli import build_app
from converter.targets import vocabulary

RUNNER = CliRunner()

#: an agent outside every tool's folder that lists Gemini CLI's names (Qwen Code's layout)
QWEN_STYLE = (
    "---\nname: scout\ndescription: Finds things.\n"
    "tools: [read_file, grep_search, run_shell_command]\n---\nLook around.\n"
)


def _codes(diags: Diagnostics) -> dict[str, str]:
    return {d.code.value: d.message for d in diags}


def test_foreign_names_are_written_as_claude_codes_own_and_said() -> None:
    diags = Diagnostics()
    agent = loads(QWEN_STYLE, path=".qwen/agents/scout.md")
    text = dumps(agent, "claude", diagnostics=diags)
    assert "tools: Read, Grep, Bash\n" in text
    said = _codes(diags)
    assert "read_file (gemini's name for Read)" in said["tool-foreign"]
    assert "tool-unmapped" not in said


def test_foreign_names_reach_strict_tools_instead_of_being_left_out() -> None:
    # Gemini CLI refuses names it does not know: before, its own names were "left out"
    diags = Diagnostics()
    text = dumps(loads(QWEN_STYLE, path=".qwen/agents/scout.md"), "gemini", diagnostics=diags)
    assert "- read_file\n- grep_search\n- run_shell_command\n" in text
    assert "tool-unmapped" not in _codes(diags) and "tools-widened" not in _codes(diags)


@pytest.mark.parametrize(("target", "read_only"), [("codex", 'sandbox_mode = "read-only"'),
                                                   ("cursor", "readonly: true")])  # fmt: skip
def test_a_foreign_shell_tool_is_not_taken_for_a_read_only_list(
    target: str, read_only: str
) -> None:
    text = dumps(loads(QWEN_STYLE, path=".qwen/agents/scout.md"), target)
    assert read_only not in text
    reader = QWEN_STYLE.replace(", run_shell_command", "")
    assert read_only in dumps(loads(reader, path=".qwen/agents/scout.md"), target)


def test_opencode_permissions_from_foreign_names() -> None:
    text = dumps(loads(QWEN_STYLE, path=".qwen/agents/scout.md"), "opencode")
    assert "  read: allow\n  grep: allow\n  bash: allow\n" in text


def test_a_claude_file_of_its_own_keeps_its_names_and_hears_they_are_none() -> None:
    text = QWEN_STYLE.replace(
        "tools: [read_file, grep_search, run_shell_command]", "tools: Read, read_file"
    )
    diags = Diagnostics()
    agent = loads(text, path=".claude/agents/scout.md")
    assert dumps(agent, "claude", diagnostics=diags) == text  # its own file, byte for byte
    said = _codes(diags)["tool-unmapped"]
    assert said.startswith("Claude Code has no tool named read_file")


def test_an_unknown_claude_tool_is_said_even_when_nothing_was_said_before() -> None:
    # the warning was guarded by the diagnostics' truthiness: an empty list is false
    diags = Diagnostics()
    dumps(Agent(name="a", description="d", instructions="x", tools=("Read", "frobnicate")),
          "claude", diagnostics=diags)  # fmt: skip
    assert "frobnicate" in _codes(diags)["tool-unmapped"]


def test_the_lossless_markdown_format_neither_checks_nor_translates_names() -> None:
    diags = Diagnostics()
    agent = loads(QWEN_STYLE, path=".qwen/agents/scout.md")
    assert dumps(agent, "markdown", diagnostics=diags) == QWEN_STYLE
    assert not list(diags)


def test_validate_names_the_tools_claude_code_does_not_have(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "scout.md"
    path.write_text(QWEN_STYLE.replace("grep_search", "TaskCreate"), encoding="utf-8")
    result = RUNNER.invoke(build_app(), ["validate", str(path), "--target", "claude"])
    assert "has no tool 'read_file' (gemini's name for Read), 'run_shell_command'" in result.output
    assert "TaskCreate" not in result.output  # Claude Code 2.1.332 has that one


def test_codex_says_which_names_it_took_to_change_nothing() -> None:
    diags = Diagnostics()
    agent = Agent(name="a", description="d", instructions="x", tools=("Read", "docker"))
    assert 'sandbox_mode = "read-only"' in dumps(agent, "codex", diagnostics=diags)
    assert "taking docker to change nothing" in _codes(diags)["tools-not-restricted"]


@pytest.mark.parametrize("tool", ["opencode", "gemini", "copilot", "kiro", "roo"])
def test_every_name_of_every_tool_reaches_that_tool_unchanged(tool: str) -> None:
    # A name only other tools have is read as what it means there; written back to its own
    # tool it must be one of that tool's names for the same tools, never unmapped or dropped.
    table = tomllib.loads(
        (__import__("pathlib").Path(vocabulary.__file__).parent / "vocabulary.toml").read_text()
    )
    for row in table["tools"].values():
        for name in row.get(tool, []):
            if vocabulary.foreign_meaning(name) is None:
                continue  # Claude Code's own name too (`edit`, `glob`): read as such
            found = vocabulary.translate(tool, (name,))
            assert not found.unmapped and not found.dropped, (tool, name, found)
            assert set(found.names) <= set(vocabulary.all_tools(tool)) | set(row[tool]), name


def test_a_name_two_tools_mean_differently_is_not_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {**vocabulary.table()}
    table["tools"] = {
        "read": {"claude": ["Read"], "alpha": ["fetch"]},
        "webfetch": {"claude": ["WebFetch"], "beta": ["fetch"], "alpha": ["get"]},
    }
    caches = (vocabulary._concepts_by_name, vocabulary.foreign_meaning, vocabulary._vocabularies)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(vocabulary, "table", lambda: table)
    try:
        assert vocabulary.foreign_meaning("fetch") is None
        assert vocabulary.foreign_meaning("get") == (("alpha",), ("WebFetch",))
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


def test_kiro_s_every_built_in_is_its_own_tools_not_every_tool_claude_code_has() -> None:
    """Kiro's `@builtin` grants Kiro's built-in tools (kiro.dev/docs/cli/v3/agent-config:
    "All built-in tools"): not Claude Code's ExitPlanMode, AskUserQuestion or Skill, which no
    Kiro agent has; a list of every tool still becomes `@builtin` in Kiro."""
    kiro = '{"name": "all", "description": "All.", "prompt": "Do.", "tools": ["@builtin"]}'
    agent = loads(kiro, path=".kiro/agents/all.json")
    assert agent.tools == tuple(vocabulary.builtins("kiro"))
    assert "ExitPlanMode" not in dumps(agent, format="claude")
    assert "Bash" in dumps(agent, format="claude")
    every = Agent(name="all", description="All.", instructions="Do.",
                  tools=tuple(vocabulary.concept_names()))  # fmt: skip
    assert '"@builtin"' in dumps(every, format="kiro")


def test_a_retired_name_s_work_comes_with_its_successor_not_as_a_widening() -> None:
    """Claude Code has no LS now; Glob does its work: an agent of Read, Grep and Glob given
    Kiro's fs_read (which also lists folders) is not widened, one of Grep alone is."""
    for tools, widened in ((("Read", "Grep", "Glob"), []), (("Grep",), ["Glob", "LS", "Read"])):
        diags = Diagnostics("a.md")
        agent = Agent(name="a", description="A.", instructions="A.", tools=tools)
        dumps(agent, format="kiro", diagnostics=diags)
        said = [d.message for d in diags if d.code.value == "tools-widened"]
        assert said == ([f"kiro's tool names also allow {', '.join(widened)}, which the agent "
                         "did not have"] if widened else [])  # fmt: skip
