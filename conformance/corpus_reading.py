"""Whether we read a real agent file as its tool reads it: every Markdown agent of the corpus
placed as a Gemini CLI agent and as a GitHub Copilot CLI agent (one project each), and every
24th as an OpenCode agent (it takes a process of about 4 s a file), loaded by the tool's own
loader, against our reading of the same file as that tool's.

A file is read as the tool reads it when: the tool loads it and we read the same description
and prompt, saying no refusal (a model it cannot run may still be said: it loads, and fails
when it runs); or the tool loads it otherwise than we read it and we say so (`tool-misreads`,
`tool-cannot-read`); or the tool does not load it and we say why (a rule issue, a refusal, or
a file we cannot read either). Anything else is a difference.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import tools as loaders

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError
from converter.io import textio
from converter.registry import ReadContext, default_registry

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
#: every how many corpus files one is read as an OpenCode agent
OPENCODE_STRIDE = 24
_REFUSED = (Code.TOOL_REFUSES, Code.TOOL_CANNOT_READ)
_SAID = (Code.TARGET_RULE, *_REFUSED)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*.md") if p.name not in ("SOURCES.md", "README.md"))


def judge(tools_dir: Path, work: Path) -> tuple[int, int, list[str]]:
    """(files read as the tool reads them, files judged, what differs), Gemini CLI, Copilot
    CLI and OpenCode together."""
    files = corpus_files()
    meant = total = 0
    differences: list[str] = []
    for target, loaded in (("gemini", _gemini), ("copilot", _copilot), ("opencode", _opencode)):
        found = loaded(tools_dir, work / target, files)
        for path in found:
            difference = _compare(target, path, found[path])
            total += 1
            if difference is None:
                meant += 1
            else:
                differences.append(f"{target}: {path.parent.name}/{path.name}: {difference}")
    return meant, total, differences


def _gemini(tools_dir: Path, work: Path, files: list[Path]) -> dict[Path, dict[str, Any]]:
    placed = {}
    for number, path in enumerate(files):
        project = work / f"p{number}"
        (project / ".gemini" / "agents").mkdir(parents=True)
        shutil.copyfile(path, project / ".gemini" / "agents" / path.name)
        placed[path] = project
    found: dict[Path, dict[str, Any]] = {}
    projects = list(placed.values())
    for start in range(0, len(projects), 200):
        found.update(loaders.gemini(tools_dir, projects[start : start + 200]))
    out = {}
    for path, project in placed.items():
        agents, errors = found[project]["agents"], found[project]["errors"]
        reason = "; ".join(e["message"][:200] for e in errors) or "nothing loaded"
        out[path] = agents[0] if agents else {"error": reason}
        if agents and agents[0].get("run_error"):  # it loads, and every run of it fails
            out[path] = {"error": f"every run fails: {agents[0]['run_error']}"}
    return out


def _copilot(tools_dir: Path, work: Path, files: list[Path]) -> dict[Path, dict[str, Any]]:
    placed = {}
    for number, path in enumerate(files):
        folder = work / f"p{number}" / ".github" / "agents"
        folder.mkdir(parents=True)
        placed[path] = folder / f"{path.stem}.agent.md"
        shutil.copyfile(path, placed[path])
    found = loaders.copilot(tools_dir, list(placed.values()))
    out = {}
    for path, where in placed.items():
        result = found[str(where)]
        ok = result.get("kind") == "success"
        out[path] = result["agent"] if ok else {"error": str(result.get("message", "?"))[:200]}
    return out


def _opencode(tools_dir: Path, work: Path, files: list[Path]) -> dict[Path, dict[str, Any]]:
    def one(numbered: tuple[int, Path]) -> dict[str, Any]:
        number, path = numbered
        project = work / f"p{number}"
        (project / ".opencode" / "agents").mkdir(parents=True)
        shutil.copyfile(path, project / ".opencode" / "agents" / path.name)
        config, _ = loaders.opencode(tools_dir, project)
        if "error" in config:
            return {"error": str(config["error"])[-200:]}
        agents = list((config.get("agent") or {}).values())
        return agents[0] if agents else {"error": "not loaded"}

    chosen = files[::OPENCODE_STRIDE]
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(chosen, pool.map(one, enumerate(chosen)), strict=True))


def _compare(target: str, path: Path, theirs: dict[str, Any]) -> str | None:
    fmt = default_registry().get(target)
    notes = Diagnostics(str(path))
    decoded = textio.decode(path.read_bytes(), str(path))
    context = ReadContext(
        str(path), path.stem, diagnostics=notes, bom=decoded.bom, crlf=decoded.newline == "\r\n"
    )
    try:
        agents = fmt.read_many(decoded.text, context)
        for agent in agents:
            fmt.validate(agent, notes)
    except ConverterError as error:
        return (
            f"we cannot read it ({error.message}); the tool loads it"
            if "error" not in theirs
            else None
        )
    said = [d for d in notes if d.severity is Severity.WARNING]
    if "error" in theirs:
        return (
            None
            if any(d.code in _SAID for d in said)
            else f"the tool refuses it: {theirs['error']}"
        )
    agent = agents[0]
    differs = []
    if (theirs.get("description") or "") != (agent.description or ""):
        differs.append("description")
    # (a file of CRLF lines: the tool keeps them in the prompt, the model holds LF lines)
    if (theirs.get("prompt") or "").replace("\r\n", "\n").strip() != agent.instructions.strip():
        differs.append("prompt")
    told = any(d.code in (Code.TOOL_MISREADS, Code.TOOL_CANNOT_READ) for d in said)
    if differs and not told:
        return f"the tool reads another {' and '.join(differs)}, and we do not say so"
    # OpenCode loads an agent whose model it cannot run, which fails when it runs (said so)
    refused = [d.message for d in said if d.code is Code.TOOL_REFUSES and target != "opencode"]
    if not differs and refused:
        return f"the tool loads it as we read it; we say it refuses it: {refused[0]}"
    return None


def report(meant: int, total: int, differences: list[str]) -> list[str]:
    lines = [
        "",
        "## Reading: the corpus as each tool's agents",
        "",
        f"{meant:,}/{total:,} corpus agent files read as the tool reads them, each placed as a "
        "Gemini CLI 0.61.0 agent and as a GitHub Copilot CLI 1.0.102 agent (and every "
        f"{OPENCODE_STRIDE}th as an OpenCode 1.18.33 agent) and loaded by the tool's own "
        "loader: the same description and prompt where it loads one, and where it refuses the "
        "file or reads it otherwise, we say so.",
    ]
    lines += [f"- {difference}" for difference in differences[:40]]
    if len(differences) > 40:
        lines.append(f"- ... and {len(differences) - 40:,} more")
    return lines
