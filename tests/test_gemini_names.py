"""Tool names and models in a Gemini CLI agent, read as Gemini CLI 0.61 reads them (each value
loaded with its own `loadAgentsFromDirectory`; its isValidToolName and resolveModel read from
its bundle): names are compared exactly, an MCP tool is `mcp_<server>_<tool>` in the
characters it takes, `discovered_tool_*` is a name it knows, `pro` and `flash` are its own
aliases, and an empty model is `inherit`."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import Agent, Diagnostics, dumps, loads
from converter.diagnostics import Code
from converter.io.validation import validate_files
from converter.targets import models, vocabulary


def _gemini(header: str) -> str:
    return f"---\nname: api-scout\ndescription: Maps endpoints.\n{header}\n---\nList them.\n"


def _issues(tmp_path: Path, header: str, target: str = "gemini") -> list[str]:
    path = tmp_path / "agent.md"
    path.write_text(_gemini(header), encoding="utf-8")
    checked, _ = validate_files([str(path)], target=target)
    return [d.message for one in checked for d in one.issues]


@pytest.mark.parametrize(
    "header",
    [
        "tools: [READ_FILE]",  # "tools.0: Invalid tool name": names are compared exactly
        "tools: [Read_File, grep_search]",
        "tools: [mcp__github__get_issue]",  # Claude Code's form: a server may not start with _
        "tools: ['mcp_*_get_issue']",  # a server of any name is no part it takes
        "tools: [mcp_github___]",  # a tool part only of underscores
        "tools: [mcp_gïthub_get_issue]",  # outside /^[a-z0-9_.:-]+$/i
    ],
)
def test_names_gemini_cli_refuses_are_said(tmp_path: Path, header: str) -> None:
    issues = _issues(tmp_path, header)
    assert any("refuses the agent" in issue for issue in issues), issues


@pytest.mark.parametrize(
    "header",
    [
        "tools: [read_file, grep_search]",
        "tools: [discovered_tool_openapi_lint]",  # found by its tool-discovery command
        # built-in tools of 0.61 (ALL_BUILTIN_TOOL_NAMES) that were said to fail the agent
        "tools: [enter_plan_mode, read_mcp_resource, list_mcp_resources]",
        "tools: [tracker_create_task, tracker_visualize, get_internal_docs, complete_task]",
        "tools: [mcp_github_get_issue, 'mcp_gitlab_*', 'mcp_*']",
        "tools: [mcp_my-server.v2_get.issue]",
        "model: pro",  # its own aliases, resolved at each request
        "model: flash-lite",
        "model: auto",
        "model: auto-gemini-3",
        "model: gemma-4-31b-it",  # VALID_GEMINI_MODELS holds Gemma models
        "model: ' gemini-2.5-flash '",  # trimmed before each request
        "model: ''",  # `markdown.model || "inherit"`
    ],
)
def test_what_gemini_cli_loads_and_runs_is_no_rule_issue(tmp_path: Path, header: str) -> None:
    assert _issues(tmp_path, header) == []


def test_a_name_in_another_case_says_the_tools_spelling(tmp_path: Path) -> None:
    (issue,) = _issues(tmp_path, "tools: [READ_FILE]")
    assert "'READ_FILE' (its name is 'read_file')" in issue


def test_an_mcp_tool_is_read_only_in_gemini_clis_own_form() -> None:
    assert loads(_gemini("tools: [mcp_github_get_issue]"), format="gemini").tools == (
        "mcp__github__get_issue",
    )
    # was read as server `_github`, tool `_get_issue`: `mcp___github___get_issue`
    agent = loads(_gemini("tools: [mcp__github__get_issue]"), format="gemini")
    assert agent.tools == ("mcp__github__get_issue",)


def test_an_mcp_tool_gemini_cli_cannot_name_is_left_out_and_said() -> None:
    agent = Agent(name="a", description="d", instructions="x", tools=("Read", "mcp__gh__lïst"))
    diags = Diagnostics()
    text = dumps(agent, "gemini", diagnostics=diags)
    assert "lïst" not in text and "read_file" in text
    assert any(d.code is Code.TOOL_UNMAPPED and "lïst" in d.message for d in diags)


def test_gemini_clis_aliases_are_its_own_words() -> None:
    assert models.model_to("gemini", "pro") == "pro"
    assert models.model_to("gemini", " gemini-2.5-pro ") == "gemini-2.5-pro"
    diags = Diagnostics()
    text = dumps(Agent(name="a", description="d", instructions="x", model="pro"), "opencode",
                 diagnostics=diags)  # fmt: skip
    assert "model:" not in text  # no other tool knows which model `pro` means
    assert any(d.code is Code.MODEL_UNMAPPED for d in diags)


@pytest.mark.parametrize("model", ["", " "])
def test_an_empty_model_is_the_parents_in_claude_code(tmp_path: Path, model: str) -> None:
    # Claude Code 2.1.332 started such an agent on the session's model
    assert models.is_inherit(model)
    assert _issues(tmp_path, f"model: '{model}'", target="claude") == []
    diags = Diagnostics()
    dumps(Agent(name="a", description="d", instructions="x", model=model), "codex",
          diagnostics=diags)  # fmt: skip
    assert not [d for d in diags if d.field == "model"]  # nothing to say: left out


def test_known_prefixes_are_the_tools_own() -> None:
    assert vocabulary.is_known("gemini", "discovered_tool_x")
    assert not vocabulary.is_known("claude", "discovered_tool_x")


def test_its_built_in_tools_go_through_another_format_and_back() -> None:
    # they were left out ("refuses names it does not know") when written for it again
    text = _gemini("tools: [read_file, enter_plan_mode, tracker_create_task, read_mcp_resource]")
    agent = loads(text, path=".gemini/agents/api-scout.md")
    assert "EnterPlanMode" in dumps(agent, "claude")
    again = loads(dumps(agent, "json"), path="api-scout.json")
    assert again.tools == agent.tools
    assert "- tracker_create_task\n- read_mcp_resource\n" in dumps(again, "gemini")
