"""The Claude Code judges: what Claude Code 2.1.332 lists of each written agent (`claude -p`
against a local mock of the Messages API), and what it gives each one it starts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import tools as loaders
from outputs import plain_text, written_values

from converter.targets import escapes


def judge_claude(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    written = [written_values(path) for _, path in entries]
    names = [str(w.get("name")) for w in written]
    # every agent is also started, as a model would have it: Claude Code refuses to start
    # one none of whose tools it knows (though it lists it), and gives nothing for a name it
    # does not know (though it lists it too)
    start, like = _one_per_tool_list(names, written)
    outcomes = _as_started(loaders.claude(tools_dir, project, names, start=start), like)
    verdicts = []
    for (source, _), meant, name in zip(entries, written, names, strict=True):
        outcome = outcomes[name]
        if not outcome.loaded and not _only_mcp_refused(outcome.reason):
            verdicts.append(("refused", outcome.reason))
            continue
        # Claude Code notes keys it does not use; the agent's own portable keys are written
        # on purpose (it ignores them), any other key is ours and must not be there
        ours = set(source.agent.metadata)
        problems = [w for w in outcome.warnings if not _only_keys(w, ours)]
        own = source.agent.extensions.get("claude", {})
        outcome.tools = _without_edit_grant(own, outcome.tools, meant.get("tools"))
        # a literal \n was meant as a line break, but inside a Windows path (`C:\new`)
        description = plain_text(escapes.as_breaks(str(meant.get("description", ""))))
        if plain_text(outcome.description) != description:
            problems.append(f"description read as {outcome.description!r:.80}")
        problems += _tools_differ(meant.get("tools"), outcome.tools)
        if outcome.loaded:  # else refused for MCP tools alone, which offline says nothing
            problems += _not_given(meant.get("tools"), meant.get("disallowedTools"), outcome.given)
            if outcome.given == [] and meant.get("tools") not in (None, [], ""):
                problems.append("started, it is given no tool")  # `tools: 5`, a map
            problems += _model_differs(meant.get("model"), outcome.model)
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


#: what decides the tools Claude Code gives an agent it starts, and the model it runs
_TOOL_KEYS = ("tools", "disallowedTools", "mcpServers", "permissionMode", "model")


def _one_per_tool_list(
    names: list[str], written: list[dict[str, Any]]
) -> tuple[list[str], dict[str, str]]:
    """One agent to start for each set of tool keys (starting each of 1,247 agents takes
    minutes; the tools given depend on these keys alone), and for each agent the one
    started in its stead."""
    first: dict[str, str] = {}
    like: dict[str, str] = {}
    for name, header in zip(names, written, strict=True):
        key = json.dumps([header.get(k) for k in _TOOL_KEYS], sort_keys=True, default=str)
        like[name] = first.setdefault(key, name)
    return list(first.values()), like


def _as_started(outcomes: dict[str, Any], like: dict[str, str]) -> dict[str, Any]:
    """Each agent given what the agent started in its stead was given, or refused as it was."""
    for name, started in like.items():
        outcome, stand_in = outcomes.get(name), outcomes.get(started)
        if name == started or outcome is None or stand_in is None or not outcome.loaded:
            continue
        outcome.given, outcome.model = stand_in.given, stand_in.model
        if not stand_in.loaded and stand_in.reason.startswith("refused when started"):
            outcome.loaded = False
            outcome.reason = stand_in.reason.replace(f"'{started}'", f"'{name}'")
    return outcomes


#: Claude Code 2.1.332's own table of old tool names (read from its bundle): an agent that
#: lists an old name is given the tool by its new one
_CLAUDE_RENAMED = {
    "Task": "Agent", "KillShell": "TaskStop", "KillBash": "TaskStop", "ListPeers": "ListAgents",
    "Brief": "SendUserMessage", "ListMcpResources": "ListMcpResourcesTool",
    "ReadMcpResource": "ReadMcpResourceTool", "ReadMcpResourceDir": "ReadMcpResourceDirTool",
    "ProposeGoal": "SetGoal",
}  # fmt: skip
#: tools `claude -p` 2.1.332 gives no started agent though it has them elsewhere (its
#: session has none by these names: started alone, each is "unrecognized"): not judged here
_NOT_IN_PRINT_MODE = frozenset(
    {"TodoWrite", "AskUserQuestion", "ExitPlanMode", "EnterPlanMode", "TaskCreate", "TaskGet",
     "TaskList", "TaskUpdate", "LSP"}
)  # fmt: skip
#: this build searches through Bash: an agent given Bash is not given Glob and Grep too
_SEARCH = frozenset({"Glob", "Grep"})


#: Claude Code 2.1.332's aliases, each with the family of the model it runs (`opusplan` is
#: Sonnet outside plan mode); `inherit` runs the session's model
_ALIASES = {"sonnet": "sonnet", "opus": "opus", "haiku": "haiku", "fable": "fable",
            "best": "opus", "opusplan": "sonnet"}  # fmt: skip


def _model_differs(written: Any, ran: str | None) -> list[str]:
    """What a started agent ran other than the model written for it: an alias runs its
    family's model, an id that very model, no model (or `inherit`) the session's ("")."""
    if ran is None:  # not started: nothing to judge
        return []
    if written is None or isinstance(written, dict | bool | int | float) or written == "":
        written = "inherit"  # names no model: read as none, as Claude Code runs it
    word = str(written).strip().lower()
    word = word.removesuffix("[1m]")
    if word == "inherit":
        wanted_ok = ran == ""
    elif word in _ALIASES:
        wanted_ok = (ran == "" and word in ("opus", "best")) or _ALIASES[word] in ran.split("-")
    else:
        wanted_ok = ran == str(written)
    return (
        [] if wanted_ok else [f"started, it runs {ran or 'the session model'}, written {written!r}"]
    )


def _names(value: Any) -> list[str]:
    """A tool list as written (a comma-separated line or a list), each name's base."""
    listed = value.split(",") if isinstance(value, str) else value
    if isinstance(listed, dict):  # a map: the names switched on (`disallowedTools: {Bash: 1}`)
        listed = [name for name, on in listed.items() if on]
    if not isinstance(listed, list):  # `tools: 5`: no list of names
        return []
    return [str(n).split("(")[0].strip() for n in listed if str(n).strip()]


def _not_given(tools: Any, denied: Any, given: list[str] | None) -> list[str]:
    """What a started agent was not given of the tools written for it as Claude Code's, and
    was given of those denied to it. Not judged: MCP tools (no server is configured here),
    and names agentmorph said it wrote as they are (no Claude Code tool, or a retired one)."""
    from converter.targets import spelling, vocabulary

    if given is None:
        # asked to start, it neither sent a request nor was refused within the mock's wait
        return ["asked to start, it never ran"]
    problems = []
    if tools not in (None, "*", ["*"]):
        missing = [
            name
            for name in _names(tools)
            if _CLAUDE_RENAMED.get(name, name) not in given
            and vocabulary.is_known("claude", name)
            and not spelling.why("claude", name)
            and not name.startswith("mcp__")
            and name not in _NOT_IN_PRINT_MODE
            and not (name in _SEARCH and "Bash" in given)
        ]
        if missing:
            problems.append(f"started, it is given nothing for {', '.join(missing)}")
    leaked = [n for n in _names(denied) if _CLAUDE_RENAMED.get(n, n) in given]
    if leaked:
        problems.append(f"started, it is given {', '.join(leaked)}, which it is denied")
    return problems


def _only_mcp_refused(reason: str) -> bool:
    """Refused to start because none of its tools resolved here, where one of them is an MCP
    tool: with its server configured (none is, offline) the agent would have that tool and
    start, so the refusal says nothing of what we wrote."""

    # "unrecognized [...]", "recognized but matched no tools in this session [...]"
    lists = re.findall(r"\[([^\]]*)\]", reason.partition("resolved to nothing:")[2])
    return any(n.strip().startswith("mcp__") for found in lists for n in found.split(","))


def _without_edit_grant(
    own: dict[str, Any], tools: list[str] | None, meant: Any
) -> list[str] | None:
    """The tools as listed: Claude Code 2.1.332 gives an `acceptEdits` agent its editing
    tools too, and an agent with a `memory` Write and Edit for its memory files (its roster
    lists them); those the author listed stay."""
    if own.get("permissionMode") != "acceptEdits" and not own.get("memory"):
        return tools
    listed = set(_names(meant)) if meant not in (None, "*", ["*"]) else set()
    return [t for t in tools or [] if t not in ("Write", "Edit") or t in listed] or None


def _only_keys(warning: str, allowed: set[str]) -> bool:

    keys = re.findall(r'"([^"]+)"', warning.split("apply:", 1)[-1])
    return bool(keys) and set(keys) <= allowed


def _tools_differ(meant: Any, read: list[str] | None) -> list[str]:
    if meant in ([], "") and read is None:
        # Claude Code 2.1.332 lists an agent of `tools: []` as having "All tools" and starts
        # it with none (a recorded case starts one: fixtures/conformance/claude/no-tools.md)
        return []
    wanted = None if meant in (None, "*", ["*"]) else meant
    if isinstance(wanted, str):
        wanted = [t.strip() for t in wanted.split(",") if t.strip()]
    elif wanted is not None and not isinstance(wanted, list):  # `tools: 5`, a map
        return [f"tools read as {read}, written {wanted!r}"]
    elif wanted is not None:  # `[Grep, 2, null]`: names and what is not one
        wanted = [str(t) for t in wanted]
    if read and read[0] == "*":  # "All tools except ..." (disallowedTools): not a list
        return [] if wanted is None else [f"tools read as {read}, written {wanted}"]
    if (wanted is None) != (read is None) or (
        wanted is not None and sorted(wanted) != sorted(read or [])
    ):
        return [f"tools read as {read}, written {wanted}"]
    return []


def judge_claude_json(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    merged: dict[str, Any] = {}
    for _, path in entries:
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    names = [next(iter(json.loads(path.read_text(encoding="utf-8")))) for _, path in entries]
    # `claude --agents` refuses the whole object for one bad agent: take out the one it
    # names, and run again
    refused: dict[str, str] = {}
    while True:
        agents_file = project / "all.agents.json"
        agents_file.write_text(json.dumps({k: v for k, v in merged.items() if k not in refused}))
        kept = [n for n in names if n not in refused]
        start, like = _one_per_tool_list(kept, [merged[n] for n in kept])
        outcomes, error = loaders.claude_json(tools_dir, project, kept, agents_file, start)
        outcomes = _as_started(outcomes, like)
        culprit = next((n for n in names if n not in refused and error.startswith(f"{n}.")), None)
        if not error or culprit is None:
            break
        refused[culprit] = error
    outcomes.update({n: loaders.Outcome(False, reason=refused[n]) for n in refused})
    verdicts = []
    for name in names:
        outcome, meant = outcomes[name], merged[name]
        if not outcome.loaded and not _only_mcp_refused(outcome.reason):
            verdicts.append(("refused", outcome.reason))
            continue
        problems = []
        if plain_text(outcome.description) != plain_text(meant.get("description")):
            problems.append(f"description read as {outcome.description!r:.80}")
        tools = _without_edit_grant(meant, outcome.tools, meant.get("tools"))
        problems += _tools_differ(meant.get("tools"), tools)
        if outcome.loaded:  # else refused for MCP tools alone, which offline says nothing
            problems += _not_given(meant.get("tools"), meant.get("disallowedTools"), outcome.given)
            if outcome.given == [] and meant.get("tools") not in (None, [], ""):
                problems.append("started, it is given no tool")  # `tools: 5`, a map
            problems += _model_differs(meant.get("model"), outcome.model)
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts
