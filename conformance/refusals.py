"""Whether we say a tool refuses a file exactly when the tool does: files of a tool's own
format with one to three keys set to values of every kind (seeded, so a run is repeatable),
judged by the tool's loader, against what `agentmorph validate` says of each (a rule issue:
`target-rule` or `tool-refuses`). A file the tool refuses that we call clean, or one it
loads that we call refused, is a difference. Gemini CLI, Copilot CLI and Roo check a file
alone in one process; OpenCode and Claude Code need a project each, so their rules are held
by the recorded cases (conformance/cases.py) instead.
"""

from __future__ import annotations

import random
from pathlib import Path

import tools as loaders

from converter.diagnostics import Code, Diagnostics
from converter.errors import ConverterError
from converter.registry import ReadContext, default_registry

#: files per tool in a run, and the seed (a new seed finds new combinations)
COUNT, SEED = 400, 35
#: values of every kind YAML gives: text, numbers (and numbers spelt otherwise, which we
#: keep as written and the tools read as numbers), booleans, null, lists, maps
VALUES = ["text", "'yes'", "5", "0", "-1", "2.5", "true", "", "[]", "[a, b]", "[read_file]",
          "{}", "{a: 1}", "{a: {command: x}}", "'#112233'", "local", "remote", "subagent",
          "null", "0.50", "0x10", "1e3", "+5", ".5", "1.10"]  # fmt: skip
KEYS = {
    "gemini": ["name", "description", "model", "tools", "temperature", "max_turns",
               "timeout_mins", "kind", "display_name", "mcp_servers", "color", "foo"],
    "copilot": ["name", "description", "model", "tools", "infer", "target", "mcp-servers",
                "handoffs", "argument-hint", "disable-model-invocation", "user-invocable"],
}  # fmt: skip
GROUPS = ["[read]", "[]", "[read, read]", "[read, browser]", "[browser, browser]", "[read, nope]",
          "[[edit, {fileRegex: '\\.md$'}]]", "[[edit, {fileRegex: '('}]]", "[[edit]]", "text"]  # fmt: skip
MODE_KEYS = ["slug", "name", "roleDefinition", "groups", "whenToUse", "description",
             "customInstructions", "source"]  # fmt: skip


def _header(tool: str, chosen: random.Random) -> str:
    head = {"name": "api-scout", "description": "Maps the endpoints of a service."}
    for _ in range(chosen.randint(1, 3)):
        head[chosen.choice(KEYS[tool])] = chosen.choice(VALUES)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in head.items()) + "---\nDo the work.\n"


def _modes(chosen: random.Random) -> str:
    modes = []
    for number in range(chosen.randint(1, 2)):
        mode = {
            "slug": f"m{number}",
            "name": "M",
            "roleDefinition": "You plan.",
            "groups": "[read]",
        }
        for _ in range(chosen.randint(1, 2)):
            key = chosen.choice(MODE_KEYS)
            mode[key] = chosen.choice(GROUPS if key == "groups" else VALUES)
        if chosen.random() < 0.2:
            mode.pop(chosen.choice(list(mode)))
        modes.append("  - " + "\n    ".join(f"{k}: {v}" for k, v in mode.items()) + "\n")
    return "customModes:\n" + "".join(modes)


def _we_refuse(target: str, path: Path) -> list[str]:
    fmt = default_registry().get(target)
    said = Diagnostics(str(path))
    context = ReadContext(path=str(path), stem=path.name.split(".")[0], diagnostics=said)
    try:
        for agent in fmt.read_many(path.read_text(encoding="utf-8"), context):
            fmt.validate(agent, said)
    except ConverterError as error:
        return [error.message]
    # a model the tool cannot run, or does not offer (it runs another), is said, though its
    # loader does not check models
    return [
        d.message
        for d in said
        if d.code in (Code.TARGET_RULE, Code.TOOL_REFUSES, Code.TOOL_CANNOT_READ)
        and "cannot run the model" not in d.message
        and "does not offer" not in d.message
    ]


def judge(tools: Path, work: Path) -> tuple[int, int, list[str]]:
    """(files where we agree with the tool, files, each difference)."""
    chosen = random.Random(SEED)
    verdicts: dict[Path, tuple[str, bool, str]] = {}
    for tool, folder, suffix in (("gemini", ".gemini/agents", ".md"),
                                 ("copilot", ".github/agents", ".agent.md")):  # fmt: skip
        (work / tool / folder).mkdir(parents=True)
        files = [work / tool / folder / f"case{n}{suffix}" for n in range(COUNT)]
        for path in files:
            path.write_text(_header(tool, chosen), encoding="utf-8")
        if tool == "gemini":
            found = loaders.gemini(tools, [work / tool])[work / tool]
            refused = {Path(e["path"]).name: e["message"] for e in found["errors"]}
            verdicts.update({p: (tool, p.name in refused, refused.get(p.name, "")) for p in files})
        else:
            parsed = loaders.copilot(tools, files)
            verdicts.update(
                {
                    Path(k): (tool, v["kind"] != "success", v.get("message", ""))
                    for k, v in parsed.items()
                }
            )
    modes = []
    for n in range(COUNT):
        path = work / "roo" / f"case{n}" / ".roomodes"
        path.parent.mkdir(parents=True)
        path.write_text(_modes(chosen), encoding="utf-8")
        modes.append(path)
    checked = loaders.roo(tools, modes)
    verdicts.update(
        {p: ("roo", not checked[str(p)]["ok"], str(checked[str(p)].get("issues"))) for p in modes}
    )
    differences = []
    for path, (tool, refused, why) in verdicts.items():
        said = _we_refuse(tool, path)
        if refused != bool(said):
            body = path.read_text(encoding="utf-8").replace("\n", " | ")
            differences.append(
                f"{tool}: {body} — the tool {'refuses it: ' + why if refused else 'loads it'}; "
                f"we say {said[:1] or 'nothing'}"
            )
    return len(verdicts) - len(differences), len(verdicts), differences


def report(agreed: int, total: int, differences: list[str]) -> list[str]:
    lines = [
        "",
        "## Reading: refusals",
        "",
        f"On {agreed:,}/{total:,} files of Gemini CLI, Copilot CLI and Roo, each with one to "
        "three keys set to values of every kind (seeded), `agentmorph validate` says the file "
        "is refused exactly when the tool's own loader refuses it.",
    ]
    return lines + [f"- Differs: {d}" for d in differences]
