"""What we read from a tool's own configuration, judged by the tool: the agents of OpenCode's
`opencode.json(c)` as we read them, against the agents `opencode debug config` resolves.

Each configuration (the fixtures' and one written here with a `{file:...}` prompt) is placed
at a project's root. An agent is read as meant when both sides have it and agree on its
prompt, description, mode, model and temperature (ours written back as OpenCode writes them:
its mode defaults to `all`, our reading keeps a model as the catalog names it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tools as loaders

from converter import dumps
from converter.diagnostics import Diagnostics
from converter.errors import ConverterError
from converter.registry import ReadContext, default_registry
from formats import _opencode_config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "opencode"
#: a configuration with what the fixture lacks: a prompt in another file, a comment line
_WITH_FILE = """{
  // a prompt kept in a file beside the configuration, and one inline with a trailing space
  "agent": {
    "from-file": {"description": "Reads its prompt from a file.", "prompt": "{file:./prompts/review.md}"},
    "inline": {"description": "Inline.", "prompt": "Line one\\nLine two ", "mode": "all"},
    "build": {"temperature": 0.2},
  },
}
"""
_PROMPT_FILE = "\n\n  # Review\n\nCheck the change.\u00a0\n\n"


def configurations(work: Path) -> list[Path]:
    """Projects each holding one configuration at its root."""
    projects = []
    sources = sorted(p for p in FIXTURES.glob("*.json*") if ".golden." not in p.name)
    for number, source in enumerate([*sources, None]):
        project = work / f"read-opencode-{number}"
        project.mkdir(parents=True)
        if source is None:
            (project / "prompts").mkdir()
            (project / "prompts" / "review.md").write_text(_PROMPT_FILE, encoding="utf-8")
            (project / "opencode.jsonc").write_text(_WITH_FILE, encoding="utf-8")
        else:
            (project / "opencode.jsonc").write_bytes(source.read_bytes())
        projects.append(project)
    return projects


def opencode(tools_dir: Path, work: Path) -> tuple[int, int, list[str]]:
    """(agents read as meant, agents in all, what differs) over every configuration."""
    fmt = default_registry().get("opencode")
    meant = total = 0
    differences: list[str] = []
    for project in configurations(work):
        config = project / "opencode.jsonc"
        resolved, _ = loaders.opencode(tools_dir, project)
        theirs = {  # OpenCode's own agents, only given settings, are no agents to convert
            name: entry
            for name, entry in (resolved.get("agent") or {}).items()
            if entry.get("disable") is not True
            and not (name in _opencode_config.NATIVE and "prompt" not in entry)
        }
        context = ReadContext(path=str(config), diagnostics=Diagnostics(str(config)))
        ours = {a.name: a for a in fmt.read_many(config.read_text(encoding="utf-8"), context)}
        for name in sorted(set(theirs) | set(ours)):
            total += 1
            if name not in ours or name not in theirs:
                side = "we read" if name in ours else "OpenCode loads"
                differences.append(f"{config.name}: only {side} the agent {name!r}")
                continue
            found = _differences(_as_written(ours[name]), theirs[name])
            if found:
                differences.append(f"{config.name}: {name}: {'; '.join(found)}")
            else:
                meant += 1
    return meant, total, differences


def _as_written(agent: Any) -> dict[str, Any]:
    """Our reading as an OpenCode agent: the header we write, and the prompt."""
    import yaml

    text = dumps(agent, "opencode")
    header = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    return {**header, "prompt": agent.instructions}


def _differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    found = []
    for key, default in (("prompt", ""), ("description", None), ("mode", "all")):
        if ours.get(key, default) != theirs.get(key, default):
            found.append(f"{key}: we read {ours.get(key)!r}, OpenCode {theirs.get(key)!r}")
    for key in ("model", "temperature"):
        if key in theirs and ours.get(key) != theirs[key]:
            found.append(f"{key}: we read {ours.get(key)!r}, OpenCode {theirs[key]!r}")
    return found


def _section(title: str, sentence: str, differences: list[str]) -> list[str]:
    """A section of docs/conformance.md: what was read as the tool reads it, and each
    difference."""
    lines = ["", f"## Reading: {title}", "", sentence]
    return lines + [f"- Differs: {json.dumps(d, ensure_ascii=False)[1:-1]}" for d in differences]


def report(meant: int, total: int, differences: list[str]) -> list[str]:
    return _section(
        "OpenCode's configuration",
        f"{meant:,}/{total:,} agents of `opencode.json(c)` read as OpenCode 1.18.33 resolves "
        "them (`opencode debug config --pure`): the same agents, and for each the same prompt "
        "(a `{file:...}` one included), description, mode, model and temperature.",
        differences,
    )


#: a Codex project: roles declared in `.codex/config.toml`, with and without their own name
#: and description, one role file no table declares, one without a name (Codex ignores it)
_CODEX_CONFIG = """[agents]
max_threads = 4

[agents.reviewer]
description = "Reviews diffs for correctness."
config_file = "agents/review-role.toml"

[agents.planner]
description = "Described in the configuration."
config_file = "./agents/planner.toml"
"""
_CODEX_ROLES = {
    "review-role.toml": 'sandbox_mode = "read-only"\ndeveloper_instructions = "Review."\n',
    "planner.toml": 'name = "planner"\ndescription = "Its own description."\n'
    'developer_instructions = "Plan."\n',
    "plain.toml": 'name = "plain"\ndescription = "Undeclared."\ndeveloper_instructions = "x"\n',
    "nameless.toml": 'description = "No name."\ndeveloper_instructions = "x"\n',
    # Codex trims a role's name and description (Rust's white space, not U+001C)
    "spaced.toml": 'name = " spaced\\t"\ndescription = """\nOver lines.\n"""\n'
    'developer_instructions = """\nx\n"""\n',
    "kept.toml": 'name = "kept"\ndescription = "\\u3000Kept.\\u001c"\ndeveloper_instructions = "x"\n',
}


def codex(tools_dir: Path, work: Path) -> tuple[int, int, list[str]]:
    """(roles read as meant, roles in all, what differs): the roles Codex offers (`codex debug
    prompt-input`), by name and description, against the agents we read from the same files;
    a file we read but say Codex ignores (`tool-refuses`) agrees with Codex not offering it."""
    project = work / "read-codex"
    agents_dir = project / ".codex" / "agents"
    agents_dir.mkdir(parents=True)
    (project / ".codex" / "config.toml").write_text(_CODEX_CONFIG, encoding="utf-8")
    for name, text in _CODEX_ROLES.items():
        (agents_dir / name).write_text(text, encoding="utf-8")
    _, prompt = loaders.codex(tools_dir, project)
    theirs = _offered_roles(prompt)
    fmt = default_registry().get("codex")
    ours: dict[str, str | None] = {}
    for path in sorted(agents_dir.glob("*.toml")):
        diags = Diagnostics(str(path))
        agent = fmt.read(
            path.read_text(encoding="utf-8"), ReadContext(str(path), path.stem, diagnostics=diags)
        )
        refused = any(d.code.value == "tool-refuses" for d in diags)
        ours[agent.name] = None if refused else agent.description or ""
    meant = total = 0
    differences: list[str] = []
    for name in sorted(set(ours) | set(theirs) - {"default", "explorer", "worker"}):
        total += 1
        mine, codex_says = ours.get(name), theirs.get(name)
        if mine == codex_says:
            meant += 1
        else:
            differences.append(f"{name}: we read {mine!r}, Codex offers {codex_says!r}")
    return meant, total, differences


def _offered_roles(prompt: str) -> dict[str, str]:
    """Each role Codex offers the model, and its description (`name: {` ... `}` blocks in
    the spawn tool's description)."""
    import re

    try:  # the prompt is JSON: its texts as the model gets them
        text = next(_texts_holding(json.loads(prompt), "Available roles:"))
    except (ValueError, StopIteration):
        text = prompt.replace("\\n", "\n")
    start = text.find("Available roles:")
    blocks = (
        re.findall(r"(?m)^([^\n{}]+?): \{\n(.*?)\n\}", text[start:], re.S) if start >= 0 else []
    )
    return {name: body.split("\n- This role's", 1)[0] for name, body in blocks}


def _texts_holding(value: Any, part: str) -> Iterator[str]:
    """Each text in a JSON value that holds `part`."""
    if isinstance(value, str):
        if part in value:
            yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts_holding(item, part)


def codex_report(meant: int, total: int, differences: list[str]) -> list[str]:
    return _section(
        "Codex's role registry",
        f"{meant:,}/{total:,} Codex roles read as Codex 0.171 offers them (`codex debug "
        "prompt-input`): a role file `.codex/config.toml` declares takes its name and "
        "description from there when it has none, its own win, and one Codex ignores is said.",
        differences,
    )


#: `.roomodes` files as teams keep them: a comment, flow lists, a file-restricted group, and
#: JSON with an emoji escaped as a surrogate pair (as Python's json.dumps writes it)
_ROO_YAML = """# our modes
customModes:
  - slug: docs-writer  # by hand
    name: "📝 Docs Writer"
    roleDefinition: You write docs.
    whenToUse: For documentation.
    customInstructions: Keep it short.
    groups: [read, [edit, {fileRegex: '\\\\.md$', description: Markdown}]]
  - slug: tester
    name: Tester
    roleDefinition: |
      You test.

      # Always
      - run the suite
    groups: [read, command]
"""
_ROO_JSON = json.dumps(
    {"customModes": [{"slug": "planner", "name": "🗺️ Planner", "roleDefinition": "You plan.",
                      "groups": ["read", "mcp"]}]}
)  # fmt: skip


def roo(tools_dir: Path, work: Path) -> tuple[int, int, list[str]]:
    """(modes read as meant, modes in all, what differs): each mode as Roo parses and checks
    it (the `yaml` package and @roo-code/types' schema), against the agent we read written
    back as a mode: slug, name, groups, when to use, and the prompt."""
    import yaml

    fmt = default_registry().get("roo")
    meant = total = 0
    differences: list[str] = []
    for number, text in enumerate((_ROO_YAML, _ROO_JSON)):
        project = work / f"read-roo-{number}"
        project.mkdir(parents=True)
        path = project / ".roomodes"
        path.write_text(text, encoding="utf-8")
        theirs = {m["slug"]: m for m in loaders.roo(tools_dir, [path])[str(path)].get("modes", [])}
        context = ReadContext(path=str(path), diagnostics=Diagnostics(str(path)))
        ours = {}
        try:
            agents = fmt.read_many(text, context)
        except ConverterError as error:
            differences.append(f"{path.name} #{number}: we refuse it: {error.message}")
            agents = []
        for agent in agents:
            (mode,) = yaml.safe_load(dumps(agent, "roo"))["customModes"]
            ours[mode["slug"]] = mode
        for slug in sorted(set(theirs) | set(ours)):
            total += 1
            if slug not in ours or slug not in theirs:
                differences.append(f"only {'we read' if slug in ours else 'Roo loads'} {slug!r}")
                continue
            mine, roo_mode = ours[slug], theirs[slug]
            found = [
                f"{key}: we read {mine.get(key)!r}, Roo {roo_mode.get(key)!r}"
                for key in ("name", "groups", "whenToUse")
                if (mine.get(key) or None) != (roo_mode.get(key) or None)
            ]
            if _roo_prompt(mine) != _roo_prompt(roo_mode):
                found.append(
                    f"prompt: we read {_roo_prompt(mine)!r}, Roo {_roo_prompt(roo_mode)!r}"
                )
            if found:
                differences.append(f"{slug}: {'; '.join(found)}")
            else:
                meant += 1
    return meant, total, differences


def _roo_prompt(mode: dict[str, Any]) -> str:
    """A mode's prompt as Roo puts it together: its role, then its custom instructions."""
    parts = (mode.get("roleDefinition") or "", mode.get("customInstructions") or "")
    return "\n\n".join(part.strip("\n") for part in parts if part).strip()


def roo_report(meant: int, total: int, differences: list[str]) -> list[str]:
    return _section(
        "Roo's `.roomodes`",
        f"{meant:,}/{total:,} modes read as Roo parses and checks them (the `yaml` package, "
        "@roo-code/types' schema): a hand-kept YAML file (comments, flow lists, a "
        "file-restricted group) and a JSON one with an escaped emoji; the same slug, name, "
        "groups, when to use and prompt.",
        differences,
    )
