"""`make conformance`: agentmorph's outputs judged by each tool's own loader, run offline.

Installs the tools' pinned npm packages (conformance/package-lock.json) into a cache folder
outside the repository, converts the project's fixtures (and, when ../shared is beside the
checkout, the seeds and the whole corpus) to every target, runs each tool's loader on the
result, and writes docs/conformance.md: per target, how many agents the tool loaded as
meant, and every one it refused or misread. It also checks that `agentmorph validate
--target` never calls clean a file the tool refuses.

It first re-records the verdicts on the hand-written cases in fixtures/conformance/ (what
tests/test_conformance_cases.py holds `validate --target` to, offline).

    python conformance/run.py [--no-corpus] [--targets claude,gemini] [--output FILE]
    python conformance/run.py --cases      # only re-record the cases' verdicts
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import cases  # noqa: E402
import codex_keys  # noqa: E402
import corpus_reading  # noqa: E402
import judge  # noqa: E402
import reading  # noqa: E402
import refusals  # noqa: E402
import servers  # noqa: E402

from converter import api  # noqa: E402
from converter.diagnostics import Diagnostics  # noqa: E402
from converter.errors import ConverterError  # noqa: E402
from converter.io import batch  # noqa: E402
from converter.io.inputs import expand  # noqa: E402
from converter.model import Agent  # noqa: E402
from converter.registry import default_registry  # noqa: E402

TARGETS = (
    "claude",
    "claude-json",
    "copilot",
    "gemini",
    "gemini-command",
    "opencode",
    "codex",
    "roo",
    "kiro",
    "kiro-md",
    "cursor",
)
FIXTURE_FOLDERS = ("markdown", "claude", "claude-json", "copilot", "gemini", "gemini-command",
                   "opencode", "codex", "kiro", "kiro-md", "roo", "cursor", "json", "toml", "xml",
                   "family", "project")  # fmt: skip


@dataclass
class Source:
    """One agent to convert: where it came from, and the agent."""

    label: str
    agent: Agent
    #: the format it was read with (None: detected)
    fmt: str | None = None


def install() -> Path:
    """The pinned tools, installed once per lock file into a cache folder (npm install from the lock)."""
    lock = (HERE / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock).hexdigest()[:12]
    base = Path(
        os.environ.get("AGENTMORPH_TOOLS", Path.home() / ".cache" / "agentmorph-conformance")
    )
    tools = base / digest
    stamp = tools / ".installed"
    if not stamp.exists():
        tools.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HERE / name, tools / name)
        print(
            f"conformance: installing the tools into {tools} (npm install from the lock) ...",
            file=sys.stderr,
            flush=True,
        )
        # npm install with the lock in place installs its exact versions (npm ci refuses locks
        # that name only this platform's optional packages, as npm 11 writes them)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund"],
            cwd=tools,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(digest)
    return tools


#: corpus folders whose files are one tool's, read with that tool's format (their names do
#: not follow the tool's layout); the others are Claude-style Markdown
CORPUS_FORMATS = {
    "github__awesome-copilot": "copilot",
    "google-gemini__gemini-cli": "gemini",
    "darrenhinde__OpenAgentsControl": "opencode",
}


def _source_format(path: Path) -> str | None:
    parts = path.parts
    if "fixtures" in parts:
        folder = parts[parts.index("fixtures") + 1]
        return folder if folder in TARGETS else None
    if "seeds" in parts:
        return "markdown"
    for folder, fmt in CORPUS_FORMATS.items():
        if folder in parts and path.suffix == ".md":
            return fmt
    return None


def sources(corpus: bool) -> list[Source]:
    """Every agent to convert: the project's fixtures, then the seeds and the corpus."""
    registry = default_registry()
    roots = [str(ROOT / "fixtures" / name) for name in FIXTURE_FOLDERS]
    if corpus and (SHARED / "corpus").is_dir():
        roots += [str(SHARED / "seeds"), str(SHARED / "corpus")]
    found: list[Source] = []
    for root in roots:
        for job in expand([root], registry, allow_empty=True).jobs:
            if (
                job.source is None
                or ".golden" in job.source.name
                or (job.source.name.endswith(".txt") and "seeds" not in str(job.source))
            ):
                continue
            try:
                fmt = _source_format(job.source)
                settings = batch.Settings(
                    target=registry.get("json"), source_format=registry.get(fmt) if fmt else None
                )
                agents, _ = batch.read_agents(job, settings, registry, None, Diagnostics(job.shown))
            except ConverterError:
                continue
            found.extend(
                Source(f"{job.shown}#{n}" if len(agents) > 1 else job.shown, a, fmt)
                for n, a in enumerate(agents)
            )
    return found


def write_outputs(
    target: str, agents: list[Source], work: Path
) -> tuple[list[Path], dict[Path, list[tuple[Source, Path]]], list[tuple[str, str]]]:
    """Each agent converted into a project folder in the tool's layout; agents whose output
    paths collide go to separate projects."""
    fmt = default_registry().get(target)
    projects: list[Path] = []
    placed: dict[Path, list[tuple[Source, Path]]] = {}
    used: list[set[str]] = []
    errors: list[tuple[str, str]] = []
    collected: dict[Path, list[str]] = {}
    for source in agents:
        diagnostics = Diagnostics(source.label)
        try:
            text = api.write_with(fmt, source.agent, diagnostics=diagnostics)
            api.check_writable(fmt, source.agent, text, source.label)
        except ConverterError as error:
            errors.append((source.label, error.message))
            continue
        relative = judge.layout_path(fmt, source.agent)
        key = f"{relative}#{judge.slug_of(text)}" if judge.collects(fmt) else relative
        slot = next((n for n, names in enumerate(used) if key not in names), None)
        if slot is None:
            slot = len(projects)
            projects.append(work / f"{target}-{slot}")
            used.append(set())
            placed[projects[slot]] = []
        used[slot].add(key)
        path = projects[slot] / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if judge.collects(fmt):
            collected.setdefault(path, []).append(text)  # one file, written once below
        else:
            path.write_text(text, encoding="utf-8")
        placed[projects[slot]].append((source, path))
    for path, parts in collected.items():
        path.write_text(fmt.combine(parts, None, replace=False), encoding="utf-8")  # type: ignore[attr-defined]
    return projects, placed, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-corpus", action="store_true", help="only the project's fixtures")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--output", default=str(ROOT / "docs" / "conformance.md"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--cases", action="store_true", help="only re-record the cases")
    options = parser.parse_args()
    unknown = [t for t in options.targets.split(",") if t not in TARGETS]
    if unknown:  # before installing anything: a tool target has a loader to judge it
        parser.error(
            f"--targets: no loader judges {', '.join(unknown)}; the targets are "
            + ", ".join(TARGETS)
        )
    tools = install()
    with tempfile.TemporaryDirectory(prefix="agentmorph-cases-") as scratch:
        cases.save(cases.record(tools, Path(scratch)))
    print(f"conformance: verdicts recorded in {cases.VERDICTS}", file=sys.stderr, flush=True)
    if options.cases:
        return 0
    agents = sources(not options.no_corpus)
    print(f"conformance: {len(agents)} agents to convert", file=sys.stderr, flush=True)
    results: list[judge.TargetResult] = []
    work = Path(tempfile.mkdtemp(prefix="agentmorph-conformance-"))
    try:
        for target in options.targets.split(","):
            print(f"conformance: {target} ...", file=sys.stderr, flush=True)
            projects, placed, errors = write_outputs(target, agents, work)
            result = judge.run(target, tools, projects, placed)
            result.write_errors = errors
            result.total += len(errors)
            results.append(result)
            print(
                f"conformance: {target}: {result.accepted}/{result.total} loaded as meant",
                file=sys.stderr,
                flush=True,
            )
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"conformance: outputs kept in {work}", file=sys.stderr)
    judge.write_report(Path(options.output), results, len(agents), not options.no_corpus)
    misread = 0
    # what we read of a tool's own files, judged by the tool (conformance/reading.py), and
    # the MCP servers we write, started by Claude Code (conformance/servers.py)
    for target, label, judged, told in (
        ("opencode", "opencode.json", reading.opencode, reading.report),
        ("codex", "codex roles", reading.codex, reading.codex_report),
        ("roo", ".roomodes", reading.roo, reading.roo_report),
        ("gemini", "refusals (Gemini CLI, Copilot CLI, Roo)", refusals.judge, refusals.report),
        ("codex", "codex role keys", codex_keys.judge, codex_keys.report),
        ("gemini,copilot,opencode", "the corpus (Gemini CLI, Copilot CLI, OpenCode)",
         corpus_reading.judge, corpus_reading.report),
        ("claude,claude-json", "MCP servers started by Claude Code", servers.judge,
         servers.report),
    ):  # fmt: skip
        if not set(target.split(",")) & set(options.targets.split(",")):
            continue
        if judged is corpus_reading.judge and (
            options.no_corpus or not corpus_reading.corpus_files()
        ):
            continue
        with tempfile.TemporaryDirectory(prefix="agentmorph-reading-") as scratch:
            meant, total, differences = judged(tools, Path(scratch))
        misread += total - meant
        print(f"conformance: {label} read: {meant}/{total}", file=sys.stderr, flush=True)
        with Path(options.output).open("a", encoding="utf-8") as report:
            report.write("\n".join(told(meant, total, differences)) + "\n")
    print(Path(options.output).read_text(encoding="utf-8").split("\n## ")[0])
    failed = [r.target for r in results if r.accepted < r.total or r.validate_missed]
    return 1 if failed or misread else 0


if __name__ == "__main__":
    sys.exit(main())
