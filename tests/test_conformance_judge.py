"""The Claude Code judge of `make conformance` (conformance/judge_claude.py): what it makes of the
tools a started agent was given, without running Claude Code."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "conformance"))

import claude_session
import judge_claude


def test_a_tool_written_as_claude_codes_and_not_given_is_a_misread() -> None:
    assert judge_claude._not_given("Read, Glob", None, ["Read", "Glob"]) == []
    # LS was a Claude Code tool name in our vocabulary; 2.1.332 gives nothing for it (it is
    # retired now, so a list written as is with LS is said, not judged)
    assert judge_claude._not_given("Read, WebFetch", None, ["Read"]) == [
        "started, it is given nothing for WebFetch"
    ]
    assert judge_claude._not_given("Read", None, None) == ["asked to start, it never ran"]


def test_what_claude_code_does_on_its_own_is_no_misread() -> None:
    # Task starts as Agent; Bash searches for Glob and Grep; `claude -p` has no TodoWrite;
    # an MCP tool needs a server configured; a name we said it lacks is written as is
    tools = ["Read", "Task", "Glob", "Bash", "TodoWrite", "mcp__github__search", "problems"]
    assert judge_claude._not_given(tools, None, ["Read", "Agent", "Bash"]) == []


def test_a_denied_tool_that_is_given_is_a_misread() -> None:
    assert judge_claude._not_given(None, "Write, Edit", ["Read", "Edit"]) == [
        "started, it is given Edit, which it is denied"
    ]


def test_a_refusal_for_mcp_tools_alone_is_not_judged_offline() -> None:
    why = "refused when started: Agent 'a' would be spawned with zero tools — refusing. Its tools list resolved to nothing: "
    assert judge_claude._only_mcp_refused(why + "unrecognized [mcp__x__y]. Fix it")
    assert judge_claude._only_mcp_refused(
        why + "recognized but matched no tools in this session [mcp__x]. Fix"
    )
    assert not judge_claude._only_mcp_refused(why + "unrecognized [atlassian]. Fix it")
    # online, with the server configured, the MCP tool resolves and the agent starts
    assert judge_claude._only_mcp_refused(
        why + "unrecognized [github]; recognized but matched no tools in this session [mcp__nr]."
    )


def test_agents_with_the_same_tool_keys_are_started_once() -> None:
    names = ["a", "b", "c"]
    written = [{"tools": "Read"}, {"tools": "Read"}, {"tools": "Read", "permissionMode": "plan"}]
    start, like = judge_claude._one_per_tool_list(names, written)
    assert start == ["a", "c"] and like == {"a": "a", "b": "a", "c": "c"}


def test_a_started_agents_requests_name_it_and_the_sessions_do_not() -> None:
    session = {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "<r>x</r>\n"},
                    {"type": "text", "text": claude_session.SESSION},
                ],
            }
        ]
    }
    started = {"messages": [{"role": "user", "content": claude_session.PROMPT + "my-agent"}]}
    assert claude_session.is_session(session) and claude_session.started_as(session) is None
    assert claude_session.started_as(started) == "my-agent"


def test_an_agent_named_with_spaces_is_told_by_its_whole_name() -> None:
    # `claude --agents` takes any name: "Atlassian Requirements to Jira" was read as "Atlassian"
    started = {"messages": [{"role": "user", "content": [{"type": "text", "text": "ctx"}]},
                            {"role": "user", "content": claude_session.PROMPT + "Atlassian Requirements to Jira"}]}  # fmt: skip
    assert claude_session.started_as(started) == "Atlassian Requirements to Jira"


def test_a_target_no_loader_judges_is_a_usage_error_before_anything_is_installed() -> None:
    import subprocess

    runner = Path(__file__).resolve().parent.parent / "conformance" / "run.py"
    done = subprocess.run(
        [sys.executable, str(runner), "--targets", "kiro,json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2  # was a KeyError traceback once the other targets had run
    assert "no loader judges json" in done.stderr and "Traceback" not in done.stderr


def test_the_model_a_started_agent_runs_is_judged_against_the_one_written() -> None:
    # what Claude Code 2.1.332 ran, as the mock logged it ("" is the session's model, Opus)
    differs = judge_claude._model_differs
    assert differs("sonnet", "claude-sonnet-5-5") == []
    assert differs("Opus", "") == [] and differs("best", "") == []
    assert differs("opusplan", "claude-sonnet-5-5") == []  # Sonnet outside plan mode
    assert differs("sonnet[1m]", "claude-sonnet-5-5") == []
    assert differs(None, "") == [] and differs("inherit", "") == [] and differs({}, "") == []
    assert differs("claude-sonnet-4-6", "claude-sonnet-4-6") == []
    assert differs("sonnet", None) == []  # not started: nothing to judge
    # an id Claude Code runs as another model, an alias it does not run, a list it ignores
    assert differs("claude-opus-4-1", "") == [
        "started, it runs the session model, written 'claude-opus-4-1'"
    ]
    assert differs("haiku", "") and differs(["sonnet", "opus"], "")
    assert differs("sonnet", "claude-haiku-5-5")


def test_the_editing_tools_claude_code_adds_are_not_the_authors_and_those_listed_stay() -> None:
    # `acceptEdits` and `memory` make Claude Code 2.1.332 list Write and Edit for an agent:
    # those it adds are not judged, those the author listed stay (they were taken out too,
    # so an agent that lists Write under acceptEdits was judged misread)
    roster = ["Read", "Write", "Edit", "Glob"]
    grant = judge_claude._without_edit_grant
    assert grant({"permissionMode": "acceptEdits"}, roster, "Read, Write, Edit, Glob") == roster
    assert grant({"memory": "project"}, roster, ["Read", "Glob"]) == ["Read", "Glob"]
    assert grant({"memory": "project"}, roster, "Read, Write, Glob") == ["Read", "Write", "Glob"]
    assert grant({}, roster, ["Read"]) == roster


def test_a_header_only_claude_code_reads_keeps_its_model_for_the_judge(tmp_path: Path) -> None:
    # an unquoted `: ` in the description: PyYAML refuses the header, the judge read it with
    # our own reader and lost the model, then judged the model the agent ran against none
    import outputs

    path = tmp_path / "executor.md"
    path.write_text(
        "---\nname: executor\ndescription: Runs a plan: edits, tests.\nmodel: sonnet\n---\nGo.\n",
        encoding="utf-8",
    )
    assert outputs.written_values(path)["model"] == "sonnet"
