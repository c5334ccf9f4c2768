"""Judge each tool's reading of agentmorph's output: loaded as written, misread, or refused;
and whether `agentmorph validate --target` saw the refusal coming. Writes the report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import judge_claude
import opencode_probe
import tools as loaders
import yaml
from outputs import untagged, written_values

from converter.diagnostics import Severity
from converter.errors import ConverterError
from converter.model import Agent
from converter.registry import Format
from converter.targets import file_name

#: the folder that holds the checkout (and ../shared): labels are shown relative to it
BESIDE = Path(__file__).resolve().parent.parent.parent

VERSIONS = {
    "claude": "Claude Code 2.1.332 (`claude -p` with a local mock of the Messages API)",
    "claude-json": "Claude Code 2.1.332 (`claude -p --agents FILE`)",
    "copilot": "GitHub Copilot CLI 1.0.102 (`customAgentsDiscoverJson` on the project and `customAgentsParseMarkdown` on each file, from its native runtime)",
    "gemini": "Gemini CLI 0.61.0 (`loadAgentsFromDirectory` from its bundle, and its `templateString` on each prompt, as a run does)",
    "gemini-command": "Gemini CLI 0.61.0 (`FileCommandLoader.parseAndAdaptFile` from its bundle)",
    "opencode": "OpenCode 1.18.33 (`opencode debug config --pure`, `opencode agent list --pure`, `opencode models --verbose --pure`: ids and variants)",
    "codex": "Codex 0.171.0 (`codex doctor --json`, `codex debug prompt-input`, `codex debug models`)",
    "roo": "@roo-code/types 1.115.0 (`customModesSettingsSchema` after a `yaml` 2.9.1 parse)",
    "kiro": "no runnable loader is published: the documented agent keys (Amazon Q Developer CLI agent-v1 schema, formats.md §6.1)",
    "cursor": "Cursor's subagent loader from @cursor/sdk 1.0.32 (its parser of a file, its file-name filter and naming, from its bundle)",
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


def _validate_issues(fmt: Format, path: Path) -> list[str]:
    """What `agentmorph validate --target` says of an output file: its rule issues (the
    refusals its reading said among them) or why it could not read it."""
    from converter.io.validation import validate_files

    try:
        checked, _ = validate_files([str(path)], target=fmt.name)
    except ConverterError as error:
        return [error.message]
    return [c.error.message for c in checked if c.error] + [
        d.message for c in checked for d in c.issues if d.severity is Severity.WARNING
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


def _judge_gemini(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    found = loaders.gemini(tools_dir, [project])[project]
    by_name = {a["name"]: a for a in found["agents"]}
    errors = {Path(e["path"]).name if e["path"] else "": e["message"] for e in found["errors"]}
    verdicts = []
    for _, path in entries:
        meant = written_values(path)
        agent = by_name.get(meant.get("name"))
        if agent is None:
            verdicts.append(
                (
                    "refused",
                    errors.get(path.name, "not loaded").split("Agent Definition:")[-1].strip(),
                )
            )
            continue
        if agent.get("run_error"):  # loaded, but its prompt fails every run (templateString)
            verdicts.append(("refused", f"every run fails: {agent['run_error']}"))
            continue
        problems = []
        if agent["description"] != meant.get("description"):
            problems.append("description differs")
        if (agent["tools"] or None) != (meant.get("tools") or None):
            problems.append(f"tools read as {agent['tools']}")
        # a closing `---` with more on its line leaves the agent no prompt (its regex)
        prompt, body = (agent.get("prompt") or "").strip(), _body(path).strip()
        if agent.get("kind", "local") == "local" and prompt != body:
            problems.append(f"prompt read as {prompt[:60]!r}")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _body(path: Path) -> str:
    """The prompt of a Markdown agent as its author meant it (our reading of the file)."""
    from converter import api

    raw = path.read_bytes()  # as written: a CR in a prompt stays (no newline translation)
    text = raw.decode("utf-8", "surrogateescape")
    meant = untagged(text)  # `---yaml`: as OpenCode reads it
    try:
        return api.loads(
            raw if meant == text else meant, format="markdown", path=str(path)
        ).instructions
    except ConverterError:
        return ""


def _judge_gemini_command(
    tools_dir: Path, project: Path, entries: list[Any]
) -> list[tuple[str, str]]:
    written = {path: written_values(path) for _, path in entries}
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
    # where it looks: a file its discovery does not load is an agent it never sees
    loaded = set(loaders.copilot_discovered(tools_dir, project)["loaded"])
    verdicts = []
    for source, path in entries:
        parsed, meant = found[str(path)], written_values(path)
        if parsed.get("kind") == "success" and str(path) not in loaded:
            verdicts.append(("refused", f"not loaded from {path.relative_to(project)}"))
            continue
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
        # VS Code's `agents`, written for an agent held to some subagents (`Agent(a, b)`):
        # the CLI ignores it, and the writer says so (formats/_copilot_agents.py)
        own |= {"agents"} if "agents" in meant else set()
        problems = [w for w in parsed.get("warnings", []) if not _only_fields(w, own)]
        # Copilot CLI trims the description (a block scalar's last line break is gone
        # whatever is written): the words are what is compared
        if (agent.get("description") or "").strip() != (meant.get("description") or "").strip():
            problems.append("description differs")
        wanted = meant.get("tools")  # `tools: read, search`: the CLI splits it at the commas
        if isinstance(wanted, str):
            wanted = [name.strip() for name in wanted.split(",") if name.strip()]
        if (agent.get("tools") or ["*"]) != (wanted or ["*"]):  # [*]: every tool
            problems.append(f"tools read as {agent.get('tools')}")
        model = meant.get("model")  # a list of models, in order of preference, is one too
        if (agent.get("models") or None) != ([model] if isinstance(model, str) else model):
            problems.append(f"models read as {agent.get('models')}")
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
        if agent is None and (other := _named_otherwise(agents, rules, path)) is not None:
            # OpenCode names an agent by its header's `name` as its YAML reads it (`017`: 15)
            verdicts.append(("misread", f"loaded as the agent {other!r}, not {name!r}"))
            continue
        if agent is None or name not in rules:
            verdicts.append(("refused", str(config.get("error", "not loaded"))[:300]))
            continue
        meant = written_values(path)
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
        # a longer closing line starts the prompt; a header it cannot parse is the prompt
        prompt, body = (agent.get("prompt") or "").strip(), _body(path).strip()
        if prompt != body:
            problems.append(f"prompt read as {prompt[:60]!r}")
        # OpenCode runs a model only as its catalog spells it (`opencode run --agent` fails
        # for `sonnet` or `claude-sonnet-4-5`); an empty model is its default
        if agent.get("model") and agent["model"] not in _catalog(tools_dir, "opencode"):
            problems.append(f"model {agent['model']!r} is not in OpenCode's catalog: it fails")
        # a variant (a reasoning level) applies only with the agent's own model, and only one
        # that model has (SessionPrompt); else OpenCode drops it without a word
        variant = agent.get("variant")
        if variant and "variant" not in source.agent.extensions.get("opencode", {}):
            variants = _variants(tools_dir).get(agent.get("model") or "")
            if not agent.get("model") or (variants is not None and variant not in variants):
                problems.append(f"variant {variant!r} is ignored with model {agent.get('model')!r}")
        # keys OpenCode reads otherwise than they say: its tools asked which it gives
        problems += opencode_probe.misreads(tools_dir, project, name, meant)
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _catalog(tools_dir: Path, tool: str) -> set[str]:
    """The model ids a tool's own catalog holds, asked once per run (every id, when the
    catalog could not be read: nothing is then judged by it)."""
    if tool not in _MODELS:
        ask = loaders.opencode_models if tool == "opencode" else loaders.codex_models
        _MODELS[tool] = ask(tools_dir)
    return _MODELS[tool] or _ANY


def _variants(tools_dir: Path) -> dict[str, list[str]]:
    """Each model of OpenCode's catalog and its variants, asked once per run."""
    if not _VARIANTS:
        _VARIANTS.update(loaders.opencode_variants(tools_dir))
    return _VARIANTS


_VARIANTS: dict[str, list[str]] = {}


class _Any(set[str]):
    def __contains__(self, item: object) -> bool:
        return True


_ANY = _Any()
_MODELS: dict[str, set[str]] = {}


def _named_otherwise(agents: dict[str, Any], rules: dict[str, Any], path: Path) -> str | None:
    """The agent OpenCode loaded from `path` under another name than its file's: the one of
    a header `name` whose prompt is the file's body."""
    body = _body(path).strip()
    for key, agent in agents.items():
        if key in rules and "name" in agent and (agent.get("prompt") or "").strip() == body:
            return key
    return None


def _opencode_wanted(agent: Agent) -> set[str] | None:
    """The OpenCode tools an agent's list allows (None: all of them), but those its other
    settings take away (Claude Code's `permissionMode: plan` takes editing and commands)."""
    if agent.inherits_all_tools:
        return None
    from converter.targets import denied_tools, vocabulary

    denied = set(denied_tools(agent, "opencode"))
    listed = tuple(t.split("(")[0] for t in agent.tools or ())
    names, _, _ = vocabulary.tools_to("opencode", tuple(t for t in listed if t not in denied))
    permissions = {_OPENCODE_TOOLS[n] for n in names if n in _OPENCODE_TOOLS}
    return {tool for tool, permission in _OPENCODE_TOOLS.items() if permission in permissions}


def _judge_codex(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    warnings, prompt = loaders.codex(tools_dir, project)
    verdicts = []
    for _, path in entries:
        refused = [w for w in warnings if f"/{path.name}" in w]
        if refused:  # (a file Codex cannot parse is read no further here either)
            verdicts.append(("refused", refused[0].split(": ", 1)[-1][:300]))
            continue
        meant = written_values(path)
        problems = []
        if f"{meant.get('name')}: {{" not in prompt:
            problems.append("not among the roles offered")
        model = meant.get("model")
        if model is not None and model not in _catalog(tools_dir, "codex"):
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


def _judge_cursor(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
    """Cursor's own parser (cursor.mjs) against what was meant: the source's name and
    description (on one line, as Cursor reads a header), the prompt, model and readonly."""
    from converter import api
    from converter.frontmatter.cursor_lines import JS_SPACE, one_line
    from converter.targets import escapes

    found = loaders.cursor(tools_dir, [path for _, path in entries])
    verdicts = []
    for source, path in entries:
        read = found[str(path)]
        if not read["loaded"]:
            verdicts.append(("refused", f"not loaded: {read['why']}"))
            continue
        ours = api.loads(path.read_bytes(), format="cursor", path=str(path))
        origin = source.agent.provenance.format if source.agent.provenance else None
        if origin == "cursor":  # a Cursor file of its own (a case): held to what YAML means
            verdicts.append(_cursor_as_meant(read, path))
            continue
        meant = source.agent.description
        if meant and escapes.escapes_meant(source.agent):  # Claude Code's `\n`: line breaks
            meant = escapes.as_breaks(meant)
        problems = []
        if read["name"] != ours.name:
            problems.append(f"name read as {read['name']!r}")
        if meant and read["description"] != one_line(meant):
            problems.append(f"description read as {read['description'][:60]!r}")
        # the prompt as written (a Claude Code reading of the file would close its header at
        # a `---` inside a value's line, where Cursor does not)
        if read["prompt"] != ours.instructions.strip(JS_SPACE):
            problems.append(f"prompt read as {read['prompt'][:60]!r}")
        if read["model"] != (ours.model or "inherit"):
            problems.append(f"model read as {read['model']!r}")
        readonly = ours.extensions.get("cursor", {}).get("readonly") is True
        if (read["permissionMode"] == "readonly") is not readonly:
            problems.append(f"readonly read as {read['permissionMode']}")
        verdicts.append(("misread", "; ".join(problems)) if problems else ("ok", ""))
    return verdicts


def _cursor_as_meant(read: dict[str, Any], path: Path) -> tuple[str, str]:
    """Cursor's reading of a file of its own against what its header means as YAML."""
    from converter.frontmatter import cursor_lines
    from converter.frontmatter import loaders as readers

    meant = readers.meant(path.read_text(encoding="utf-8"), path=str(path))
    wanted = cursor_lines.as_meant(meant.data if meant is not None else {})
    got = {"name": read["name"], "description": read["description"], "model": read["model"],
           "readonly": read["permissionMode"] == "readonly",
           "is_background": read["isBackground"]}  # fmt: skip
    differs = [f"{key} read as {got[key]!r}" for key in wanted if got[key] != wanted[key]]
    return ("misread", "; ".join(differs)) if differs else ("ok", "")


_KIRO_KEYS = {"$schema", "name", "description", "prompt", "mcpServers", "tools", "toolAliases",
              "allowedTools", "toolsSettings", "resources", "hooks", "useLegacyMcpJson",
              "includeMcpJson", "model", "keyboardShortcut", "welcomeMessage"}  # fmt: skip
_KIRO_MD_KEYS = {"name", "description", "tools", "model", "mcpServers", "toolAliases",
                 "allowedTools", "toolsSettings", "resources", "hooks", "includeMcpJson",
                 "includePowers", "permissions", "keyboardShortcut", "welcomeMessage"}  # fmt: skip


def _judge_documented(keys: set[str]) -> Any:
    def judge(tools_dir: Path, project: Path, entries: list[Any]) -> list[tuple[str, str]]:
        verdicts = []
        for _, path in entries:
            meant = written_values(path)
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
    "claude": judge_claude.judge_claude,
    "claude-json": judge_claude.judge_claude_json,
    "gemini": _judge_gemini,
    "gemini-command": _judge_gemini_command,
    "copilot": _judge_copilot,
    "opencode": _judge_opencode,
    "codex": _judge_codex,
    "roo": _judge_roo,
    "kiro": _judge_documented(_KIRO_KEYS),
    "cursor": _judge_cursor,
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
        "warning (Claude Code also starts one agent of each set of tool keys and model, in a",
        "project that is a git repository, as a user's is, and is held to the tools it gives it",
        "and the model it runs; an OpenCode or Codex model must be one its catalog holds, as spelt",
        "there; where an OpenCode agent's keys say otherwise than OpenCode reads them, OpenCode is",
        "asked which tools it gives, `opencode debug agent NAME --tool T`). `validate` misses: files the",
        "tool refused that `agentmorph validate --target` called clean.",
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
