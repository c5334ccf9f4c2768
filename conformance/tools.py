"""Each tool's own loader, run offline on a project folder of agentmorph's output.

Every function takes the tools folder (the pinned npm packages, installed by run.py) and a
project folder holding the tool's layout, and returns {agent name or file: Outcome}: what
the tool loaded (name, description, tools, ...) or why it refused the file. No model is
ever called; the only network use is npm's, at install time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import claude_session

HERE = Path(__file__).resolve().parent


@dataclass
class Outcome:
    """What one tool made of one agent: loaded (with what it read) or refused (why)."""

    loaded: bool
    name: str | None = None
    description: str | None = None
    tools: list[str] | None = None
    model: str | None = None
    #: keys the tool passes on as provider options (OpenCode), or warns about
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""
    #: the tools a started agent was given (Claude Code), where it was started
    given: list[str] | None = None
    #: the MCP servers Claude Code connected for a started agent ("[Agent: x] Connected to
    #: MCP server 'y'"): where its tools are all, theirs are deferred, not in `given`
    servers: list[str] = field(default_factory=list)


def _env(home: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), **more)
    return env


def _bin(tools: Path, name: str) -> str:
    return str(tools / "node_modules" / ".bin" / name)


def claude(
    tools: Path,
    project: Path,
    names: list[str],
    *,
    agents_file: Path | None = None,
    start: list[str] | None = None,
    trust: bool = False,
) -> dict[str, Outcome]:
    """Claude Code 2.1.x: `claude -p` against a local mock of the Messages API; its first
    request lists the agents it loaded ("Available agent types ..."). The mock has it start
    the agents named in `start`, as a model would: an agent it refuses to start is not
    loaded, and each started agent's first request shows the tools it was given
    (`Outcome.given`). `trust`: the project trusted, so that its agents' MCP servers start
    (untrusted, Claude Code skips them: "the folder its definition file came from is not
    trusted")."""
    home = Path(tempfile.mkdtemp(prefix="cc-home-"))
    _git_project(project)
    if trust:  # the project's folder trusted, as after its dialog: its agents' MCP servers start
        config = {"projects": {str(project): {"hasTrustDialogAccepted": True}}}
        (home / ".claude.json").write_text(json.dumps(config), encoding="utf-8")
    log = home / "requests.log"
    port = _free_port()
    asked = home / "start.json"
    asked.write_text(json.dumps(start or []), encoding="utf-8")
    mock = subprocess.Popen(
        [sys.executable, str(HERE / "mock_anthropic.py"), str(port), str(log), str(asked)]
    )
    try:
        _wait_for(port)
        command = [
            _bin(tools, "claude"),
            "-p",
            claude_session.SESSION,
            "--debug-file",
            str(home / "debug.log"),
        ]
        if agents_file is not None:
            command += ["--agents", str(agents_file)]
        if start:
            command += ["--allowedTools", "Agent"]
        env = _env(
            home,
            ANTHROPIC_BASE_URL=f"http://127.0.0.1:{port}",
            ANTHROPIC_API_KEY="sk-offline",
            DISABLE_AUTOUPDATER="1",
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
        )
        done = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=180 + len(start or ()), check=False,
        )  # fmt: skip
        roster = _claude_roster(log)
        refused, given, ran = _started(log)
        problem = (done.stderr + done.stdout).strip() if done.returncode else ""
        debug = (
            (home / "debug.log").read_text(errors="replace")
            if (home / "debug.log").exists()
            else ""
        )
    finally:
        mock.kill()
        mock.wait()
    found: dict[str, Outcome] = {}
    for name in names:
        entry = _roster_entry(roster, name, names)
        if entry is None:
            why = _claude_reason(debug, name) or problem[:400] or "not in the agent list"
            found[name] = Outcome(False, reason=why)
            continue
        description, listed = entry
        if name in refused:
            why = f"refused when started: {refused[name]}"
            found[name] = Outcome(False, name, description, listed, reason=why)
            continue
        found[name] = Outcome(
            True, name, description, listed, model=ran.get(name),
            warnings=_claude_warnings(debug, name), given=given.get(name),
            servers=re.findall(rf"\[Agent: {re.escape(name)}\] Connected to MCP server '([^']+)'", debug),
        )  # fmt: skip
    if not os.environ.get("KEEP_HOME"):
        shutil.rmtree(home, ignore_errors=True)
    return found


def claude_json(
    tools: Path, project: Path, names: list[str], agents_file: Path, start: list[str]
) -> tuple[dict[str, Outcome], str]:
    """`claude -p --agents FILE`, the agents named in `start` started; also the configuration
    error it gives, if any (then none is started)."""
    found = claude(tools, project, names, agents_file=agents_file, start=start)
    error = ""
    for outcome in found.values():
        if "Invalid --agents configuration" in outcome.reason:
            error = outcome.reason.split("Invalid --agents configuration:", 1)[1].strip()
    return found, error


_ROSTER = re.compile(
    r"Available agent types (?:for the Agent tool|and the tools they have access to):\n"
)


def _claude_roster(log: Path) -> str:
    if not log.exists():
        return ""
    for raw in log.read_bytes().split(b"\n\x1e\n"):
        if b"Available agent types" not in raw:
            continue
        for text in claude_session.strings(json.loads(raw)):
            # 2.1.332's words; 2.1.117's "Available agent types and the tools they have
            # access to:" (checked with both, `make conformance` and older installs)
            found = _ROSTER.search(text)
            if found is not None:
                return "\n" + text[found.end() :]
    return ""


def _started(log: Path) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """From the mock's log: why Claude Code refused to start each agent it refused ("Agent
    'x' would be spawned with zero tools..."), and the tools each started agent was given
    and the model it ran (those of its first request; "" names the session's model, for
    an agent that runs it)."""
    refused: dict[str, str] = {}
    given: dict[str, list[str]] = {}
    ran: dict[str, str] = {}
    session = None
    if not log.exists():
        return refused, given, ran
    for raw in log.read_bytes().split(b"\n\x1e\n"):
        if not raw.strip():
            continue
        request = json.loads(raw)
        agent = claude_session.started_as(request)
        if agent is None and claude_session.is_session(request):
            session = session or request.get("model")
        if agent is not None and agent not in given:
            given[agent] = [str(t.get("name")) for t in request.get("tools", [])]
            model = str(request.get("model") or "")
            ran[agent] = "" if model == session else model
        for text in (
            claude_session.strings(request) if b"would be spawned with zero tools" in raw else []
        ):
            for found in re.finditer(
                r"Agent '([^']+)' would be spawned with zero tools[^<\n]*", text
            ):
                refused.setdefault(found.group(1), found.group(0).split("<")[0].strip())
    return refused, given, ran


_BUILTIN = (
    "claude",
    "Explore",
    "general-purpose",
    "Plan",
    "statusline-setup",
    "output-style-setup",
)


def _roster_entry(roster: str, name: str, names: list[str]) -> tuple[str, list[str] | None] | None:
    start = roster.find(f"\n- {name}: ")
    if start == -1:
        return None
    body = roster[start + len(name) + 5 :]
    ends = [body.find(f"\n- {other}: ") for other in (*names, *_BUILTIN) if other != name]
    ends = [e for e in ends if e != -1]
    stop = min(ends) if ends else len(body)
    # the list ends with a blank line and the tool's own instructions
    tail = re.search(r"\)\n\n(?!- )", body[:stop])
    if (
        tail is not None
        and names[-1:]
        and all(f"\n- {n}: " not in body[tail.end() : stop] for n in names)
    ):
        stop = tail.start() + 1
    text = body[:stop]
    marker = text.rfind(" (Tools: ")
    if marker == -1:
        return text.rstrip("\n"), None
    tools_text = text[marker + len(" (Tools: ") :].rstrip("\n")
    tools_text = tools_text[:-1] if tools_text.endswith(")") else tools_text
    if tools_text in ("All tools", "*"):
        return text[:marker], None
    if tools_text.startswith("All tools except "):
        denied = [t.strip() for t in tools_text.removeprefix("All tools except ").split(",")]
        return text[:marker], ["*", *(f"-{t}" for t in denied)]
    return text[:marker], [t.strip() for t in tools_text.split(",")]


def _claude_reason(debug: str, name: str) -> str:
    found = [
        line.split("] ", 1)[-1]
        for line in debug.splitlines()
        if f"/{name}.md" in line and ("[ERROR]" in line or "[WARN]" in line)
    ]
    return "; ".join(found)[:400]


def _claude_warnings(debug: str, name: str) -> list[str]:
    return [
        line.split("] ", 1)[-1]
        for line in debug.splitlines()
        if f"/{name}.md" in line and "does not recognize" in line
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)


def gemini(tools: Path, projects: list[Path]) -> dict[Path, dict[str, Any]]:
    """Gemini CLI 0.61: `loadAgentsFromDirectory` from its bundle, per project."""
    dirs = [str(p / ".gemini" / "agents") for p in projects]
    done = subprocess.run(
        ["node", str(HERE / "gemini.mjs"), str(tools), *dirs],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    raw = json.loads(done.stdout)
    return {p: raw[str(p / ".gemini" / "agents")] for p in projects}


def gemini_commands(tools: Path, base: Path, meant: dict[Path, str | None]) -> dict[str, Any]:
    """Gemini CLI 0.61: `FileCommandLoader.parseAndAdaptFile` from its bundle, per file under
    the commands folder `base` (None where it skips the file), with the loader's display of
    the description meant for it."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as told:
        json.dump({str(p): d for p, d in meant.items()}, told)
        told.flush()
        done = subprocess.run(
            ["node", str(HERE / "gemini_commands.mjs"), str(tools), str(base), told.name,
             *map(str, meant)],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"conformance: gemini_commands.mjs failed: {done.stderr[-2000:]}")
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def copilot_runtime(tools: Path) -> Path:
    """The native runtime Copilot CLI unpacks on its first run (done here, offline)."""
    home = tools / "copilot-home"
    found = sorted(home.rglob("prebuilds/*/runtime.node"))
    if not found:
        subprocess.run(
            [_bin(tools, "copilot"), "--version"],
            env=_env(home),
            capture_output=True,
            timeout=300,
            check=False,
        )
        found = sorted(home.rglob("prebuilds/*/runtime.node"))
    if not found:
        raise SystemExit("conformance: the Copilot CLI did not unpack its runtime")
    return found[-1]


def copilot(tools: Path, files: list[Path]) -> dict[str, Any]:
    """GitHub Copilot CLI 1.0.x: `customAgentsParseMarkdown` on each file."""
    return _per_file("copilot.cjs", copilot_runtime(tools), files)


def _per_file(script: str, first: Path, files: list[Path]) -> dict[str, Any]:
    """A node script's verdict on each file, 400 files a run (a command line's length)."""
    found: dict[str, Any] = {}
    for start in range(0, len(files), 400):
        chunk = [str(f) for f in files[start : start + 400]]
        done = subprocess.run(
            ["node", str(HERE / script), str(first), *chunk],
            capture_output=True, text=True, timeout=600, check=True,
        )  # fmt: skip
        found.update(json.loads(done.stdout))
    return found


def copilot_discovered(tools: Path, project: Path) -> dict[str, list[str]]:
    """GitHub Copilot CLI 1.0.x: `customAgentsDiscoverJson` on a project (its folders of
    agents: `.github/agents`, and `.claude/agents` too), with a scratch home: the files it
    loads (`loaded`) and its messages for those it found and failed (`failed`)."""
    home = Path(tempfile.mkdtemp(prefix="copilot-home-"))
    try:
        done = subprocess.run(
            ["node", str(HERE / "copilot_discover.cjs"), str(copilot_runtime(tools)),
             str(project), str(home)],
            capture_output=True, text=True, timeout=600, check=True, env=_env(home),
        )  # fmt: skip
    finally:
        shutil.rmtree(home, ignore_errors=True)
    found: dict[str, list[str]] = json.loads(done.stdout)
    return found


def roo(tools: Path, files: list[Path]) -> dict[str, Any]:
    """Roo Code: `customModesSettingsSchema` from @roo-code/types after the `yaml` parse."""
    done = subprocess.run(
        ["node", str(HERE / "roo.cjs"), str(tools), *[str(f) for f in files]],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def cursor(tools: Path, files: list[Path]) -> dict[str, Any]:
    """Cursor: its subagent loader's parser from @cursor/sdk's bundle, on each file."""
    return _per_file("cursor.mjs", tools, files)


def opencode(tools: Path, project: Path) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]]]:
    """OpenCode 1.18: the resolved configuration (`debug config`) and every agent's resolved
    permission rules (`agent list`), in a project folder with a scratch home."""
    home = project.parent / f"{project.name}-home"
    home.mkdir(exist_ok=True)
    subprocess.run(["git", "init", "-q", str(project)], check=False, capture_output=True)
    env = _env(home, OPENCODE_DISABLE_AUTOUPDATE="1", OPENCODE_DISABLE_MODELS_FETCH="1")
    # OpenCode (a Bun binary) may exit before a pipe drains: its output goes to files
    said: list[str] = []
    config = _to_file([_bin(tools, "opencode"), "debug", "config", "--pure"], project, env, said)
    listing = _to_file([_bin(tools, "opencode"), "agent", "list", "--pure"], project, env)
    try:
        resolved = json.loads(config)
    except ValueError:  # "Configuration is invalid at ...", and why, on its standard error
        why = re.sub(r"\x1b\[[0-9;]*m", "", "".join(said)).replace(str(project) + "/", "")
        resolved = {"error": (why.strip() or config)[-2000:]}
    return resolved, _opencode_rules(listing)


def _git_project(project: Path) -> None:
    """The project a git repository with one commit, as a user's is: Claude Code 2.1.332
    starts an agent of `isolation: worktree` in a git worktree of it, and none outside one
    (asked to start, it never ran)."""
    if (project / ".git").exists():
        return
    me = ["-c", "user.name=agentmorph", "-c", "user.email=conformance@agentmorph.invalid"]
    for command in (["init", "-q"], [*me, "commit", "-q", "--allow-empty", "-m", "project"]):
        subprocess.run(["git", "-C", str(project), *command], check=False, capture_output=True)


def opencode_tool_on(tools: Path, project: Path, agent: str, tool: str) -> bool | None:
    """Whether OpenCode 1.18 gives the agent a tool, asked of the tool itself: `opencode debug
    agent NAME --tool T` with arguments the tool refuses, so that nothing runs ("Tool T is
    disabled for agent NAME", or the tool's own "called with invalid arguments"); None when
    it says neither. About 2 s a call: only where the permission map alone cannot tell."""
    home = project.parent / f"{project.name}-home"
    home.mkdir(exist_ok=True)
    env = _env(home, OPENCODE_DISABLE_AUTOUPDATE="1", OPENCODE_DISABLE_MODELS_FETCH="1")
    command = [_bin(tools, "opencode"), "debug", "agent", agent, "--pure", "--tool", tool]
    errors: list[str] = []
    said = _to_file([*command, "--params", '{"agentmorph_probe": 1}'], project, env, errors)
    said += "".join(errors)
    if f"Tool {tool} is disabled" in said:
        return False
    return True if "invalid arguments" in said else None


def _to_file(
    command: list[str], cwd: Path, env: dict[str, str], errors: list[str] | None = None
) -> str:
    """The command's standard output (its standard error into `errors`, when given)."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err if errors is not None else subprocess.DEVNULL,
            timeout=300,
            check=False,
        )
        out.seek(0)
        err.seek(0)
        if errors is not None:
            errors.append(err.read())
        return out.read()


def _opencode_rules(text: str) -> dict[str, list[dict[str, str]]]:
    rules: dict[str, list[dict[str, str]]] = {}
    for match in re.finditer(
        r"(?m)^(\S[^\n]*?) \((?:primary|subagent|all)\)\n(\s*\[.*?\n\s*\])", text, re.DOTALL
    ):
        try:
            rules[match.group(1)] = json.loads(match.group(2))
        except ValueError:
            continue
    return rules


def opencode_models(tools: Path) -> set[str]:
    """The model ids OpenCode's bundled catalog holds (with dummy keys, offline)."""
    return set(opencode_variants(tools))


def opencode_variants(tools: Path) -> dict[str, list[str]]:
    """Each model of OpenCode's bundled catalog (with dummy keys, offline) and the names of its
    variants (`models --verbose`: the id, then the model as JSON)."""
    home = tools / "opencode-home"
    home.mkdir(exist_ok=True)
    keys = {
        k: "offline"
        for k in (
            "ANTHROPIC_API_KEY",
            "OPENAI_API_KEY",
            "GEMINI_API_KEY",
            "GOOGLE_GENERATIVE_AI_API_KEY",
        )
    }
    env = _env(home, OPENCODE_DISABLE_AUTOUPDATE="1", OPENCODE_DISABLE_MODELS_FETCH="1", **keys)
    found: dict[str, list[str]] = {}
    # OpenCode 1.18.33 (a Bun program) now and then exits before its output to a pipe is all
    # written (seen here: 100,446 of 176,818 bytes, once in a dozen runs), which cut the
    # catalog short and made 56 of its models "not in its catalog": it writes to a file, as
    # its other commands here do, and a listing cut all the same is asked for again
    command = [_bin(tools, "opencode"), "models", "--verbose", "--pure"]
    for _ in range(5):
        found, whole = _variants(_to_file(command, home, env))
        if whole:
            break
    return found


def _variants(text: str) -> tuple[dict[str, list[str]], bool]:
    """`opencode models --verbose`'s models and their variants, and whether the listing ends
    whole (its last model's JSON complete)."""
    found: dict[str, list[str]] = {}
    at, decoder = 0, json.JSONDecoder()
    while (brace := text.find("\n{", at)) != -1:
        name = text[text.rfind("\n", 0, brace) + 1 : brace].strip()
        try:
            model, at = decoder.raw_decode(text, brace + 1)
        except ValueError:
            return found, False
        if "/" in name and isinstance(model, dict):
            found[name] = sorted(model.get("variants") or {})
    return found, bool(found)


def codex(tools: Path, project: Path) -> tuple[list[str], str]:
    """Codex 0.171: its start-up warnings (`doctor --json`: a malformed role is ignored) and
    the roles the model is offered (`debug prompt-input`), with a scratch CODEX_HOME."""
    home = project.parent / f"{project.name}-codex"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f'[projects."{project}"]\ntrust_level = "trusted"\n')
    subprocess.run(["git", "init", "-q", str(project)], check=False, capture_output=True)
    env = _env(home, CODEX_HOME=str(home))
    doctor = subprocess.run(
        [_bin(tools, "codex"), "doctor", "--json"], cwd=project, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    warnings: list[str] = []
    try:
        details = json.loads(doctor.stdout)["checks"]["config.load"]["details"]
        warnings = []
        for k, v in details.items():  # one warning is a text, several a list of them
            if k.startswith("startup warning"):
                found = v if isinstance(v, list) else [v]
                warnings += [w for w in found if isinstance(w, str) and not w.strip().isdigit()]
        warnings = [w for w in warnings if w.strip()]
    except (ValueError, KeyError):
        warnings = [doctor.stdout[-2000:] + doctor.stderr[-2000:]]
    prompt = subprocess.run(
        [_bin(tools, "codex"), "debug", "prompt-input", "hi"], cwd=project, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    return warnings, prompt.stdout


def codex_models(tools: Path) -> set[str]:
    home = tools / "codex-home"
    home.mkdir(exist_ok=True)
    done = subprocess.run(
        [_bin(tools, "codex"), "debug", "models"], env=_env(home, CODEX_HOME=str(home)),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    try:
        return {m["slug"] for m in json.loads(done.stdout)["models"]}
    except (ValueError, KeyError):
        return set()
