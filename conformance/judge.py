"""Judge each tool's reading of agentmorph's output: loaded as written, misread, or refused;
and whether `agentmorph validate --target` saw the refusal coming. Writes the report."""

from __future__ import annotations

import datetime
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import tools as loaders
import yaml

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError
from converter.model import Agent
from converter.registry import Format, ReadContext
from converter.targets import file_name

#: the folder that holds the checkout (and ../shared): labels are shown relative to it
BESIDE = Path(__file__).resolve().parent.parent.parent

VERSIONS = {
    "claude": "Claude Code 2.1.332 (`claude -p` with a local mock of the Messages API)",
    "claude-json": "Claude Code 2.1.332 (`claude -p --agents FILE`)",
    "copilot": "GitHub Copilot CLI 1.0.102 (`customAgentsParseMarkdown` from its native runtime)",
    "gemini": "Gemini CLI 0.61.0 (`loadAgentsFromDirectory` from its bundle)",
    "gemini-command": "Gemini CLI 0.61.0 (`FileCommandLoader.parseAndAdaptFile` from its bundle)",
    "opencode": "OpenCode 1.18.33 (`opencode debug config --pure`, `opencode agent list --pure`)",
    "codex": "Codex 0.171.0 (`codex doctor --json`, `codex debug prompt-input`, `codex debug models`)",
    "roo": "@roo-code/types 1.115.0 (`customModesSettingsSchema` after a `yaml` 2.9.1 parse)",
    "kiro": "no runnable loader is published: the documented agent keys (Amazon Q Developer CLI agent-v1 schema, formats.md §6.1)",
    "cursor": "no loader or schema is published: the documented keys (formats.md §7)",
    "kiro-md": "no runnable loader is published: the documented keys of Kiro's Markdown agents (formats.md §6.2, §6.3)",
}


@dataclass
class TargetResult:
    target: str
    total: int = 0
    accepted: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    misread: list[tuple[str, str]] = field(default_factory=list)
    write_errors: list[tuple[str, str]] = field(default_factory=list)
    validate_missed: list[tuple[str, str]] = field(default_factory=list)
    #: agents the tool refuses in their own source file too (not counted: not ours)
    source_refused: list[tuple[str, str]] = field(default_factory=list)


def layout_path(fmt: Format, agent: Agent) -> str:
    layout = fmt.layout or f"{{name}}{fmt.extension}"
    return str(PurePath(layout.format(name=file_name(fmt.file_stem(agent) or agent.name))))


def collects(fmt: Format) -> bool:
    """A format whose one file holds every agent of a project (Roo's .roomodes)."""
    return bool(getattr(fmt, "collects", False))


def slug_of(text: str) -> str:
    """The slug of the one mode in a `.roomodes` text."""
    return str(yaml.safe_load(text)["customModes"][0]["slug"])


def _written(path: Path) -> dict[str, Any]:
    """What agentmorph wrote, as plain values (the header of a Markdown file)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        data: dict[str, Any] = json.loads(text)
        return data
    try:
        if text.startswith("---\n"):
            header = text[4 : text.index("\n---", 3) + 1]
            return yaml.safe_load(header) or {}
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:  # a hand-written case in YAML only Claude Code reads: as meant
        from converter import api

        agent = api.loads(text, format="markdown", path=str(path))
        tools = list(agent.tools) if agent.tools is not None else None
        return {"name": agent.name, "description": agent.description, "tools": tools}


def _validate_issues(fmt: Format, path: Path) -> list[str]:
    """What `agentmorph validate --target` says of an output file."""
    notes = Diagnostics(str(path))
    try:
        context = ReadContext(
            path=str(path), stem=path.stem.removesuffix(".agent"), diagnostics=notes
        )
        for agent in fmt.read_many(path.read_text(encoding="utf-8"), context):
            fmt.validate(agent, notes)
    except ConverterError as error:
        return [error.message]
    return [
        d.message for d in notes if d.code is Code.TARGET_RULE and d.severity is Severity.WARNING
    ]


def run(
    target: str, tools_dir: Path, projects: list[Path], placed: dict[Path, list[Any]]
) -> TargetResult:
    from converter.registry import default_registry

    fmt = default_registry().get(target)
    result = TargetResult(target)
    judge = _JUDGES[target]
    for project in projects:
        entries = placed[project]
        verdicts = judge(tools_dir, project, entries)
        for (source, path), (verdict, detail) in zip(entries, verdicts, strict=True):
            result.total += 1
            if verdict == "ok":
                result.accepted += 1
            elif verdict == "misread":
                result.misread.append((source.label, detail))
            elif verdict == "source":
                result.source_refused.append((source.label, detail))
                result.total -= 1
                if not _validate_issues(fmt, path):
                    result.validate_missed.append((source.label, detail))
            else:
                result.refused.append((source.label, detail))
                if not _validate_issues(fmt, path):
                    result.validate_missed.append((source.label, detail))
    return result


def judge_one(target: str, tools_dir: Path, project: Path, entry: Any) -> tuple[str, str]:
    """One file alone in its project: the tool's verdict ("source" is a refusal here)."""
    verdict, detail = _JUDGES[target](tools_dir, project, [entry])[0]
    return ("refused" if verdict == "source" else verdict), detail


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _judge_claude(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    written = [_written(path) for _, path in entries]
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
        mode = source.agent.extensions.get("claude", {}).get("permissionMode")
        outcome.tools = _without_edit_grant(mode, outcome.tools)
        description = _text(str(meant.get("description", "")).replace("\\n", "\n"))
        if _text(outcome.description) != description:
            problems.append(f"description read as {outcome.description!r:.80}")
        problems += _tools_differ(meant.get("tools"), outcome.tools)
        if outcome.loaded:  # else refused for MCP tools alone, which offline says nothing
            problems += _not_given(meant.get("tools"), meant.get("disallowedTools"), outcome.given)
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


#: what decides the tools Claude Code gives an agent it starts
_TOOL_KEYS = ("tools", "disallowedTools", "mcpServers", "permissionMode")


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
        outcome.given = stand_in.given
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


def _names(value: Any) -> list[str]:
    """A tool list as written (a comma-separated line or a list), each name's base."""
    listed = value.split(",") if isinstance(value, str) else value
    return [str(n).split("(")[0].strip() for n in listed or [] if str(n).strip()]


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
    import re

    # "unrecognized [...]", "recognized but matched no tools in this session [...]"
    lists = re.findall(r"\[([^\]]*)\]", reason.partition("resolved to nothing:")[2])
    return any(n.strip().startswith("mcp__") for found in lists for n in found.split(","))


def _without_edit_grant(mode: Any, tools: list[str] | None) -> list[str] | None:
    """The tools as listed: Claude Code gives an `acceptEdits` agent its editing tools too."""
    if mode != "acceptEdits":
        return tools
    return [t for t in tools or [] if t not in ("Write", "Edit")] or None


def _only_keys(warning: str, allowed: set[str]) -> bool:
    import re

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
    if read and read[0] == "*":  # "All tools except ..." (disallowedTools): not a list
        return [] if wanted is None else [f"tools read as {read}, written {wanted}"]
    if (wanted is None) != (read is None) or (
        wanted is not None and sorted(wanted) != sorted(read or [])
    ):
        return [f"tools read as {read}, written {wanted}"]
    return []


def _judge_claude_json(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
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
        if _text(outcome.description) != _text(meant.get("description")):
            problems.append(f"description read as {outcome.description!r:.80}")
        tools = _without_edit_grant(meant.get("permissionMode"), outcome.tools)
        problems += _tools_differ(meant.get("tools"), tools)
        if outcome.loaded:  # else refused for MCP tools alone, which offline says nothing
            problems += _not_given(meant.get("tools"), meant.get("disallowedTools"), outcome.given)
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _judge_gemini(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    found = loaders.gemini(tools_dir, [project])[project]
    by_name = {a["name"]: a for a in found["agents"]}
    errors = {Path(e["path"]).name if e["path"] else "": e["message"] for e in found["errors"]}
    verdicts = []
    for _, path in entries:
        meant = _written(path)
        agent = by_name.get(meant.get("name"))
        if agent is None:
            verdicts.append(
                (
                    "refused",
                    errors.get(path.name, "not loaded").split("Agent Definition:")[-1].strip(),
                )
            )
            continue
        problems = []
        if agent["description"] != meant.get("description"):
            problems.append("description differs")
        if (agent["tools"] or None) != (meant.get("tools") or None):
            problems.append(f"tools read as {agent['tools']}")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _judge_gemini_command(
    tools_dir: Path, project: Path, entries: list[Any]
) -> list[tuple[str, str]]:
    written = {path: _written(path) for _, path in entries}
    base = project / ".gemini" / "commands"
    found = loaders.gemini_commands(
        tools_dir, base, {path: data.get("description") for path, data in written.items()}
    )
    verdicts = []
    for source, path in entries:
        command = found[str(path)]
        if command is None:
            verdicts.append(("refused", "skipped (invalid TOML, or prompt/description not text)"))
            continue
        problems = []
        if command["name"] != path.stem:
            problems.append(f"named {command['name']!r}")
        prompt = command["prompt"]
        if prompt != source.agent.instructions or prompt != written[path]["prompt"]:
            problems.append("prompt differs")
        # shown on one line, cut to 100 characters: compared with the loader's own display
        if command["description"] != command["meant"]:
            problems.append(f"description read as {command['description']!r}")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _only_fields(warning: str, allowed: set[str]) -> bool:
    if "unknown field" not in warning:
        return False
    keys = [k.strip() for k in warning.split(":", 1)[-1].split(",")]
    return set(keys) <= allowed


def _judge_copilot(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    paths = [path for _, path in entries]
    found = loaders.copilot(tools_dir, paths)
    verdicts = []
    for source, path in entries:
        parsed, meant = found[str(path)], _written(path)
        if parsed.get("kind") != "success":
            origin = source.agent.provenance
            if origin is not None and origin.format == "copilot" and origin.path:
                again = loaders.copilot(tools_dir, [Path(origin.path)])[origin.path]
                if again.get("kind") != "success":  # the author's own file fails as well
                    verdicts.append(("source", parsed.get("message", "")))
                    continue
            verdicts.append(("refused", parsed.get("message", "not loaded")))
            continue
        agent = parsed["agent"]
        # the Copilot CLI ignores keys only VS Code knows (argument-hint, handoffs...): an
        # agent's own keys, written back on purpose, are not ours to drop
        own = {*source.agent.extensions.get("copilot", {}), *source.agent.metadata}
        problems = [w for w in parsed.get("warnings", []) if not _only_fields(w, own)]
        # Copilot CLI trims the description (a block scalar's last line break is gone
        # whatever is written): the words are what is compared
        if (agent.get("description") or "").strip() != (meant.get("description") or "").strip():
            problems.append("description differs")
        if (agent.get("tools") or ["*"]) != (meant.get("tools") or ["*"]):  # [*]: every tool
            problems.append(f"tools read as {agent.get('tools')}")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


#: OpenCode's built-in tools, and the permission each is governed by (edit covers write and
#: patch: OpenCode 1.18 folds them into one permission)
_OPENCODE_TOOLS = {"read": "read", "edit": "edit", "write": "edit", "patch": "edit", "bash": "bash",
                   "grep": "grep", "glob": "glob", "list": "list", "webfetch": "webfetch",
                   "websearch": "websearch", "task": "task", "todowrite": "todowrite",
                   "skill": "skill"}  # fmt: skip


def _allowed(rules: list[dict[str, str]]) -> set[str]:
    """The tools an agent may use under its resolved permission rules (the last match wins)."""
    allowed = set()
    for tool, permission in _OPENCODE_TOOLS.items():
        action, last = "allow", -1
        for number, rule in enumerate(rules):
            if rule.get("pattern") == "*" and rule.get("permission") in ("*", permission):
                action, last = rule.get("action", action), number
        patterned = any(
            r.get("permission") == permission
            and r.get("pattern") != "*"
            and r.get("action") == "allow"
            for r in rules[last + 1 :]
        )  # `bash: {"git *": allow}` after the deny: the tool is there, for those commands
        if action != "deny" or patterned:
            allowed.add(tool)
    return allowed


def _judge_opencode(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    config, rules = loaders.opencode(tools_dir, project)
    agents = config.get("agent", {}) if isinstance(config, dict) else {}
    verdicts = []
    for source, path in entries:
        name = path.stem
        agent = agents.get(name)
        if agent is None or name not in rules:
            verdicts.append(("refused", str(config.get("error", "not loaded"))[:300]))
            continue
        meant = _written(path)
        problems = []
        # keys OpenCode does not know go to the model provider with every request: ours must
        # never, an OpenCode author's own are written back as they were (validate warns)
        own = set(source.agent.metadata) if source.fmt == "opencode" else set()
        options = [k for k in agent.get("options") or {} if k not in own]
        if options:
            problems.append(f"keys passed to the model provider: {', '.join(options)}")
        if agent.get("mode", "all") == "all" and "mode" not in source.agent.extensions.get(
            "opencode", {}
        ):
            problems.append("mode all: a sub-agent also shows up as a primary agent")
        wanted = _opencode_wanted(source.agent)
        if wanted is not None and _allowed(rules[name]) != wanted:
            problems.append(
                f"tools allowed: {sorted(_allowed(rules[name]))}, meant {sorted(wanted)}"
            )
        if agent.get("description") != meant.get("description"):
            problems.append("description differs")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _opencode_wanted(agent: Agent) -> set[str] | None:
    """The OpenCode tools an agent's list allows (None: all of them)."""
    if agent.inherits_all_tools:
        return None
    from converter.targets import vocabulary

    names, _, _ = vocabulary.tools_to("opencode", tuple(t.split("(")[0] for t in agent.tools or ()))
    permissions = {_OPENCODE_TOOLS[n] for n in names if n in _OPENCODE_TOOLS}
    return {tool for tool, permission in _OPENCODE_TOOLS.items() if permission in permissions}


_MODELS: dict[str, set[str]] = {}


def _judge_codex(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    warnings, prompt = loaders.codex(tools_dir, project)
    if "codex" not in _MODELS:
        _MODELS["codex"] = loaders.codex_models(tools_dir)
    verdicts = []
    for _, path in entries:
        meant = _written(path)
        refused = [w for w in warnings if f"/{path.name}" in w]
        if refused:
            verdicts.append(("refused", refused[0].split(": ", 1)[-1][:300]))
            continue
        problems = []
        if f"{meant.get('name')}: {{" not in prompt:
            problems.append("not among the roles offered")
        model = meant.get("model")
        if model is not None and _MODELS["codex"] and model not in _MODELS["codex"]:
            problems.append(f"model {model!r} is not in Codex's catalog")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _judge_roo(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    files = sorted({path for _, path in entries})
    found = loaders.roo(tools_dir, files)
    verdicts = []
    for _, path in entries:
        parsed = found[str(path)]
        if path.name != ".roomodes":
            verdicts.append(("refused", f"Roo reads only <workspace>/.roomodes, not {path.name}"))
        elif not parsed.get("ok"):
            verdicts.append(("refused", "; ".join(parsed.get("issues", []))[:300]))
        else:
            verdicts.append(("ok", ""))
    return verdicts


_KIRO_KEYS = {"$schema", "name", "description", "prompt", "mcpServers", "tools", "toolAliases",
              "allowedTools", "toolsSettings", "resources", "hooks", "useLegacyMcpJson",
              "includeMcpJson", "model", "keyboardShortcut", "welcomeMessage"}  # fmt: skip
_CURSOR_KEYS = {"name", "description", "model", "readonly", "is_background"}
_KIRO_MD_KEYS = {"name", "description", "tools", "model", "mcpServers", "toolAliases",
                 "allowedTools", "toolsSettings", "resources", "hooks", "includeMcpJson",
                 "includePowers", "permissions", "keyboardShortcut", "welcomeMessage"}  # fmt: skip


def _judge_documented(keys: set[str]) -> Any:
    def judge(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
        verdicts = []
        for _, path in entries:
            meant = _written(path)
            unknown = sorted(set(meant) - keys)
            if unknown:
                verdicts.append(("refused", f"undocumented keys: {', '.join(unknown)}"))
            elif not meant.get("description"):
                verdicts.append(("refused", "no description"))
            else:
                verdicts.append(("ok", ""))
        return verdicts

    return judge


_JUDGES = {
    "claude": _judge_claude,
    "claude-json": _judge_claude_json,
    "gemini": _judge_gemini,
    "gemini-command": _judge_gemini_command,
    "copilot": _judge_copilot,
    "opencode": _judge_opencode,
    "codex": _judge_codex,
    "roo": _judge_roo,
    "kiro": _judge_documented(_KIRO_KEYS),
    "cursor": _judge_documented(_CURSOR_KEYS),
    "kiro-md": _judge_documented(_KIRO_MD_KEYS),
}


def write_report(path: Path, results: list[TargetResult], agents: int, corpus: bool) -> None:
    what = (
        "the project's fixtures, the seeds and the corpus" if corpus else "the project's fixtures"
    )
    lines = [
        "# Conformance: agentmorph's outputs judged by each tool's own loader",
        "",
        f"Run `make conformance` ({datetime.date.today().isoformat()}): {agents:,} agents from {what},",
        "converted to every target and read by the tool's own published loader, offline (no",
        'model is called; npm is the only network use, at install time). "As meant": the tool',
        "loaded the agent and read the name, description and tools agentmorph wrote, with no",
        "warning. `validate` misses: files the tool refused that `agentmorph validate --target`",
        "called clean.",
        "",
        "Agents the tool refuses in their own source file as well (an invalid input, passed",
        "through unchanged) are listed apart and not counted.",
        "",
        "| target | loaded as meant | misread | refused | not written | invalid sources | validate misses | loader |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.target} | {r.accepted:,}/{r.total:,} | {len(r.misread):,} | {len(r.refused):,} | "
            f"{len(r.write_errors):,} | {len(r.source_refused):,} | {len(r.validate_missed):,} | "
            f"{VERSIONS[r.target]} |"
        )
    for r in results:
        if not (r.refused or r.misread or r.write_errors or r.source_refused):
            continue
        lines += ["", f"## {r.target}", ""]
        for title, items in (
            ("Refused", r.refused),
            ("Misread", r.misread),
            ("Not written", r.write_errors),
            ("Invalid source (the tool refuses the original too)", r.source_refused),
            ("Validate missed", r.validate_missed),
        ):
            for label, detail in items:
                shown = label.replace(str(BESIDE), "..")
                lines.append(f"- {title}: `{shown}`: {detail}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
