"""`make bench`: measure agentmorph as whole processes on the real corpus; write docs/benchmarks.md.

Every number is the median of several runs (the machines are shared and noisy), with a
ratio against a floor measured in the same run. Needs ../shared/corpus.

    python bench/run.py [--runs N] [--quick] [--output docs/benchmarks.md]
    BENCH_PEERS=1 python bench/run.py      # also the Node peer rulesync (npm install)
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent
AGENTMORPH = str(BIN / "agentmorph")
PYTHON = sys.executable
TIME = shutil.which("time") or "/usr/bin/time"
#: processes `--jobs auto` uses for a folder here (one per usable CPU)
WORKERS = (
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
)


def measure(
    command: list[str], runs: int, cwd: Path | None = None, fresh: Path | list[Path] | None = None
) -> dict[str, float]:
    """Median and min wall time (s) and median peak memory (MB) of a command.

    `fresh` is an output folder removed before each run (untimed), so every run writes new
    files, as a first conversion does.
    """
    walls, peaks = [], []
    for _ in range(runs):
        for folder in [] if fresh is None else fresh if isinstance(fresh, list) else [fresh]:
            shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "@@ %M", *command], cwd=cwd, capture_output=True, text=True, check=False
        )
        walls.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}"
            )
        marker = [line for line in done.stderr.splitlines() if line.startswith("@@ ")]
        peaks.append(int(marker[-1].split()[1]) / 1024 if marker else float("nan"))
    return {"median": statistics.median(walls), "min": min(walls), "mb": statistics.median(peaks)}


def interleaved(
    commands: dict[str, list[str]],
    runs: int,
    cwd: Path | None = None,
    fresh: dict[str, Path | list[Path]] | None = None,
) -> dict[str, dict[str, float]]:
    """Run the commands in turn, round after round, so load changes hit them alike.

    `fresh` maps a command to its output folder, removed (untimed) before each of its runs.
    """
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(measure(command, 1, cwd, (fresh or {}).get(name)))
    return {
        name: {
            "median": statistics.median(s["median"] for s in found),
            "min": min(s["min"] for s in found),
            "mb": statistics.median(s["mb"] for s in found),
        }
        for name, found in samples.items()
    }


def corpus_markdown() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "SOURCES.md")


def prepare(work: Path, files: list[Path], copies: int, name: str) -> Path:
    folder = work / name
    folder.mkdir()
    for copy in range(copies):
        for path in files:
            suffix = f"-{copy}" if copies > 1 else ""
            shutil.copyfile(path, folder / f"{path.parent.name}__{path.stem}{suffix}.md")
    return folder


def prepare_unique(work: Path, files: list[Path], count: int, name: str) -> Path:
    """`count` agents from the corpus (repeated when it has fewer), each with its own name,
    so that a tool layout (one file per name) holds every one of them."""
    folder = work / name
    folder.mkdir(parents=True)
    for number in range(count):
        text = files[number % len(files)].read_text(encoding="utf-8", errors="replace")
        agent = f"agent-{number:05}"
        text = re.sub(r"^name:.*$", f"name: {agent}", text, count=1, flags=re.M)
        (folder / f"{agent}.md").write_text(text, encoding="utf-8")
    return folder


def scratch_root() -> tuple[str | None, str]:
    """Where the benchmark writes: tmpfs when there is one (disk noise would hide the CPU
    cost), else the system's temporary folder; and how to say it."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return str(shm), "tmpfs (/dev/shm)"
    return None, f"disk ({tempfile.gettempdir()})"


def variants(base: Path, count: int, folder: Path, seed: int = 7) -> Path:
    """`count` variants of one agent: items dropped, reworded, reordered, as real copies are."""
    folder.mkdir(parents=True)
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)
    header_end = lines.index("---\n", 1) + 1 if lines and lines[0] == "---\n" else 0
    words = sorted({w for line in lines[header_end:] for w in line.split() if w.isalpha()})
    randomness = random.Random(seed)
    for number in range(count):
        body = []
        for line in lines[header_end:]:
            roll = randomness.random()
            if line.lstrip().startswith(("-", "*")) and roll < 0.15:
                continue  # this copy lacks the point
            if line.strip() and roll < 0.45:
                parts = line.rstrip("\n").split(" ")
                position = randomness.randrange(len(parts))
                parts[position] = randomness.choice(words) if words else parts[position]
                line = " ".join(parts) + "\n"
            body.append(line)
        (folder / f"variant-{number:03}.md").write_text(
            "".join(lines[:header_end] + body), encoding="utf-8"
        )
    return folder


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 10,000-file scale run")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    options = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"bench: {CORPUS} is absent; the benchmark needs the shared corpus", file=sys.stderr)
        return 2
    runs = 3 if options.quick else options.runs
    files = corpus_markdown()
    # An installed tool has its bytecode compiled (pip does it); an editable checkout on a
    # machine with PYTHONDONTWRITEBYTECODE set would compile every module on every run.
    for package in ("converter", "formats"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    results: list[tuple[str, str, float, float, str]] = []
    notes: list[str] = []
    where, said = scratch_root()
    notes.append(f"Outputs are written to {said}; the *disk* group repeats one row on disk.")
    with tempfile.TemporaryDirectory(prefix="agentmorph-bench-", dir=where) as scratch:
        work = Path(scratch)
        one = ROOT / "fixtures" / "markdown" / "basic.md"
        print("start-up ...", file=sys.stderr, flush=True)
        start = interleaved(
            {
                "bare": [PYTHON, "-c", "pass"],
                "version": [AGENTMORPH, "--version"],
                "one": [AGENTMORPH, "convert", str(one), "--to", "json"],
            },
            max(runs * 3, 9),
            work,
        )
        bare = start["bare"]["median"]
        for name, label in (
            ("bare", "python -c pass (floor)"),
            ("version", "agentmorph --version"),
            ("one", "agentmorph convert one.md --to json"),
        ):
            found = start[name]
            ratio = found["median"] / bare
            results.append(("start-up", label, found["median"], ratio, f"{found['mb']:.0f}"))

        source = prepare(work, files, 1, "corpus")
        print(f"corpus ({len(files)} files) ...", file=sys.stderr, flush=True)
        convert = [AGENTMORPH, "convert"]
        commands = {
            "floor": [PYTHON, str(ROOT / "bench" / "floor.py"), str(source), str(work / "floor")]
        }
        fresh = {"floor": work / "floor"}
        commands["json-1"] = [
            *convert,
            str(source),
            "-o",
            str(work / "json-1"),
            "--to",
            "json",
            "-q",
            "--jobs",
            "1",
        ]
        fresh["json-1"] = work / "json-1"
        for fmt in ("json", "toml", "xml"):
            commands[fmt] = [*convert, str(source), "-o", str(work / fmt), "--to", fmt, "-q"]
            fresh[fmt] = work / fmt
            # the way back reads what the way there wrote: made once here, untimed
            subprocess.run(commands[fmt], check=False, capture_output=True)
            commands[f"{fmt}-back"] = [
                *convert,
                str(work / fmt),
                "-o",
                str(work / f"{fmt}-back"),
                "--to",
                "markdown",
                "-q",
            ]
            fresh[f"{fmt}-back"] = work / f"{fmt}-back"
        corpus = interleaved(commands, runs, fresh=fresh)
        floor = corpus["floor"]
        labels = {
            "floor": f"floor script, {len(files)} files",
            "json-1": "markdown → json, --jobs 1 (one process)",
            **{fmt: f"markdown → {fmt}" for fmt in ("json", "toml", "xml")},
            **{f"{fmt}-back": f"{fmt} → markdown" for fmt in ("json", "toml", "xml")},
        }
        for name, label in labels.items():
            found = corpus[name]
            results.append(
                (
                    "corpus",
                    label,
                    found["median"],
                    found["median"] / floor["median"],
                    f"{found['mb']:.0f}",
                )
            )

        results.extend(codex_rows(work, files, runs))
        results.extend(sync_rows(work, files, runs))
        results.extend(disk_rows(files, runs))

        if not options.quick:
            copies = max(1, round(10_000 / len(files)))
            scaled = prepare(work, files, copies, "scaled")
            count = len(files) * copies
            print(f"scale ({count} files) ...", file=sys.stderr, flush=True)
            scale_runs = max(3, runs // 2)
            big = interleaved(
                {
                    "floor": [
                        PYTHON,
                        str(ROOT / "bench" / "floor.py"),
                        str(scaled),
                        str(work / "floor-big"),
                    ],
                    "ours": [*convert, str(scaled), "-o", str(work / "big"), "--to", "json", "-q"],
                    "ours-1": [
                        *convert,
                        str(scaled),
                        "-o",
                        str(work / "big-1"),
                        "--to",
                        "json",
                        "-q",
                        "--jobs",
                        "1",
                    ],
                },
                scale_runs,
                fresh={"floor": work / "floor-big", "ours": work / "big", "ours-1": work / "big-1"},
            )
            for name, label in (
                ("floor", f"floor script, {count} files"),
                ("ours", f"markdown → json, {count} files"),
                ("ours-1", f"markdown → json, {count} files, --jobs 1"),
            ):
                found = big[name]
                ratio = found["median"] / big["floor"]["median"]
                results.append(("scale", label, found["median"], ratio, f"{found['mb']:.0f}"))

        base = min(files, key=lambda p: abs(p.stat().st_size - 10_000))
        print(
            f"merge (base {base.name}, {base.stat().st_size} bytes) ...",
            file=sys.stderr,
            flush=True,
        )
        merge_times: dict[int, float] = {}
        for count in (2, 5, 20, 100):
            folder = variants(base, count, work / f"family-{count}")
            found = measure(
                [
                    AGENTMORPH,
                    "merge",
                    str(folder),
                    "-o",
                    str(work / f"merged-{count}.md"),
                    "--force",
                    "-q",
                ],
                runs,
            )
            merge_times[count] = found["median"]
            results.append(
                (
                    "merge",
                    f"{count} variants of a {base.stat().st_size / 1000:.0f} KB agent",
                    found["median"],
                    found["median"] / merge_times[2],
                    f"{found['mb']:.0f}",
                )
            )
        growth = merge_times[100] / merge_times[20]
        notes.append(
            f"Merge growth from 20 to 100 variants: {growth:.2f}x (linear would be 5x; 5 log 100 / log 20 = 7.7x)."
        )

        if os.environ.get("BENCH_PEERS") == "1":
            notes.extend(peers(work, files, runs, results))

    write(Path(options.output), results, notes, runs)
    print(Path(options.output).read_text(encoding="utf-8"))
    return 0


Row = tuple[str, str, float, float, str]


def codex_rows(work: Path, files: list[Path], runs: int) -> list[Row]:
    """100 and 1,000 agents → Codex (the issue's yardstick), against the floor script."""
    rows = []
    for count in (100, 1000):
        source = prepare_unique(work, files, count, f"codex-in-{count}")
        out = {n: work / f"codex-{n}-{count}" for n in ("floor", "auto", "one")}
        convert = [AGENTMORPH, "convert", str(source), "--to", "codex", "-q"]
        found = interleaved(
            {
                "floor": [PYTHON, str(ROOT / "bench" / "floor.py"), str(source), str(out["floor"])],
                "auto": [*convert, "-o", str(out["auto"])],
                "one": [*convert, "-o", str(out["one"]), "--jobs", "1"],
            },
            runs,
            fresh=dict(out),
        )
        floor = found["floor"]["median"]
        for name, label in (
            ("floor", f"floor script, {count:,} files"),
            ("auto", f"{count:,} files → codex"),
            ("one", f"{count:,} files → codex, --jobs 1"),
        ):
            median = found[name]["median"]
            rows.append(("codex", label, median, median / floor, f"{found[name]['mb']:.0f}"))
    return rows


TOOL_TARGETS = ("claude", "opencode", "copilot", "gemini", "cursor", "codex", "kiro", "roo")


def sync_rows(work: Path, files: list[Path], runs: int) -> list[Row]:
    """`sync` of 1,000 agents to every tool target: a first run, a run where nothing changed,
    and plain `convert` doing the same work (one process per target), in the same rounds."""
    project = work / "sync-project"
    prepare_unique(project, files, 1000, ".agents")
    targets = ", ".join(f'"{t}"' for t in TOOL_TARGETS)
    (project / "agentmorph.toml").write_text(f"targets = [{targets}]\n", encoding="utf-8")
    generated = [project / ".agentmorph", project / ".roomodes"] + [
        project / f".{folder}" for folder in ("claude", "opencode", "github", "gemini", "cursor",
                                               "codex", "kiro")
    ]  # fmt: skip
    unchanged = work / "sync-unchanged"
    shutil.copytree(project, unchanged)
    subprocess.run([AGENTMORPH, "sync", "-q"], cwd=unchanged, check=True)
    converted = work / "sync-convert"
    script = "; ".join(
        f"{AGENTMORPH} convert .agents -o {converted} --to {t} -q" for t in TOOL_TARGETS
    )
    # the three in turn, round after round (each needs its own folder and clean-up)
    found = _sync_rounds(project, unchanged, script, converted, generated, runs)
    base = found["convert"]["median"]
    rows = []
    for name, label in (
        ("convert", "convert, 1,000 agents x 8 targets (8 processes)"),
        ("first", "sync, 1,000 agents x 8 targets, first run"),
        ("unchanged", "sync, 1,000 agents x 8 targets, nothing changed"),
    ):
        median = found[name]["median"]
        rows.append(("sync", label, median, median / base, f"{found[name]['mb']:.0f}"))
    return rows


def _sync_rounds(
    project: Path, unchanged: Path, script: str, converted: Path, generated: list[Path], runs: int
) -> dict[str, dict[str, float]]:
    samples: dict[str, list[dict[str, float]]] = {"convert": [], "first": [], "unchanged": []}
    for _ in range(runs):
        samples["convert"].append(measure(["sh", "-c", script], 1, project, converted))
        samples["first"].append(measure([AGENTMORPH, "sync", "-q"], 1, project, generated))
        samples["unchanged"].append(measure([AGENTMORPH, "sync", "-q"], 1, unchanged))
    return {
        name: {
            "median": statistics.median(s["median"] for s in found),
            "mb": statistics.median(s["mb"] for s in found),
        }
        for name, found in samples.items()
    }


def disk_rows(files: list[Path], runs: int) -> list[Row]:
    """One row on disk for reference: the corpus → json and the floor, in the same rounds."""
    with tempfile.TemporaryDirectory(prefix="agentmorph-bench-disk-") as scratch:
        work = Path(scratch)
        source = prepare(work, files, 1, "corpus")
        found = interleaved(
            {
                "floor": [PYTHON, str(ROOT / "bench" / "floor.py"), str(source), str(work / "f")],
                "json": [AGENTMORPH, "convert", str(source), "-o", str(work / "j"), "--to",
                         "json", "-q"],
            },
            runs,
            fresh={"floor": work / "f", "json": work / "j"},
        )  # fmt: skip
    floor = found["floor"]["median"]
    return [
        ("disk", f"floor script, {len(files)} files, on disk", floor, 1.0,
         f"{found['floor']['mb']:.0f}"),
        ("disk", "markdown → json, on disk", found["json"]["median"],
         found["json"]["median"] / floor, f"{found['json']['mb']:.0f}"),
    ]  # fmt: skip


def peers(
    work: Path, files: list[Path], runs: int, results: list[tuple[str, str, float, float, str]]
) -> list[str]:
    """The same 1,000-file Claude-agent conversion through rulesync (npm), if it installs."""
    npm = shutil.which("npm")
    if npm is None:
        return ["BENCH_PEERS=1: npm not found; peer skipped."]
    prefix = ROOT / "bench" / ".peers"
    prefix.mkdir(exist_ok=True)
    rulesync = prefix / "node_modules" / ".bin" / "rulesync"
    if not rulesync.exists():
        subprocess.run(
            [npm, "install", "--prefix", str(prefix), "rulesync@17.0.0"],
            check=False,
            capture_output=True,
        )
    if not rulesync.exists():
        return ["BENCH_PEERS=1: rulesync@17.0.0 did not install; peer skipped."]
    project = work / "peer"
    agents = project / ".claude" / "agents"
    agents.mkdir(parents=True)
    claude = [p for p in files if "copilot" not in str(p) and "OpenAgents" not in str(p)]
    for number in range(1000):
        source = claude[number % len(claude)]
        # every copy gets its own name, so both tools write 1,000 agents (not 1,000 collisions)
        text = source.read_text(encoding="utf-8")
        text = re.sub(
            r"(?m)^name:[ \t]*(.*?)[ \t]*$",
            lambda m, n=number: f"name: {m.group(1)}-{n}",
            text,
            count=1,
        )
        (agents / f"{source.stem}-{number}.md").write_text(text, encoding="utf-8")
    target = "codex" if _has_format("codex") else "toml"
    ours_command = [
        AGENTMORPH,
        "convert",
        str(agents),
        "-o",
        str(work / "peer-out"),
        "--to",
        target,
        "-q",
    ]
    # Round after round (theirs, ours, ours in one process), so load changes hit all alike.
    found: dict[str, list[dict[str, float]]] = {"theirs": [], "ours": [], "ours-1": [], "floor": []}
    floor_command = [
        PYTHON,
        str(ROOT / "bench" / "floor.py"),
        str(agents),
        str(work / "peer-floor"),
    ]
    theirs_command = [str(rulesync), "convert", "--from", "claudecode", "--to", "codexcli"]
    theirs_command += ["--features", "subagents"]
    # the first 100 of the same agents, for the 100-file row
    small = work / "peer-100"
    (small / ".claude" / "agents").mkdir(parents=True)
    for path in sorted(agents.iterdir())[:100]:
        shutil.copyfile(path, small / ".claude" / "agents" / path.name)
    ours_100 = [AGENTMORPH, "convert", str(small / ".claude" / "agents"), "-o"]
    ours_100 += [str(work / "peer-out-100"), "--to", target, "-q"]
    found.update({"theirs-100": [], "ours-100": []})
    for _ in range(runs):
        found["floor"].append(measure(floor_command, 1, fresh=work / "peer-floor"))
        found["theirs"].append(measure(theirs_command, 1, project))
        found["ours"].append(measure(ours_command, 1, fresh=work / "peer-out"))
        found["ours-1"].append(measure([*ours_command, "--jobs", "1"], 1, fresh=work / "peer-out"))
        found["theirs-100"].append(measure(theirs_command, 1, small))
        found["ours-100"].append(measure(ours_100, 1, fresh=work / "peer-out-100"))
    theirs_100, ours_100_found = (
        statistics.median(s["median"] for s in found[name]) for name in ("theirs-100", "ours-100")
    )
    theirs, ours, ours_1, floor = (
        {
            "median": statistics.median(s["median"] for s in found[name]),
            "mb": statistics.median(s["mb"] for s in found[name]),
        }
        for name in ("theirs", "ours", "ours-1", "floor")
    )
    processes = WORKERS  # --jobs auto: this many processes, the parent among them
    # Memory of every process of a run (rulesync's and ours with its workers), counted once:
    # the peak of the summed proportional set size (PSS), sampled every 20 ms.
    tree = {
        "theirs": tree_memory(theirs_command, project),
        "ours": tree_memory(ours_command, None, fresh=work / "peer-out"),
        "ours-1": tree_memory([*ours_command, "--jobs", "1"], None, fresh=work / "peer-out"),
    }
    results.append(
        (
            "peer",
            "rulesync convert → codexcli, 1,000 agents",
            theirs["median"],
            1.0,
            f"{theirs['mb']:.0f}",
        )
    )
    results.append(
        (
            "peer",
            f"agentmorph convert → {target}, 1,000 agents",
            ours["median"],
            ours["median"] / theirs["median"],
            f"{ours['mb']:.0f} (x{processes} processes)",
        )
    )
    results.append(
        (
            "peer",
            f"agentmorph convert → {target}, 1,000 agents, --jobs 1",
            ours_1["median"],
            ours_1["median"] / theirs["median"],
            f"{ours_1['mb']:.0f}",
        )
    )
    results.append(
        (
            "peer",
            "floor script (bench/floor.py), the same 1,000 agents",
            floor["median"],
            floor["median"] / theirs["median"],
            f"{floor['mb']:.0f}",
        )
    )
    results.append(("peer", "rulesync convert → codexcli, 100 agents", theirs_100, 1.0, ""))
    results.append(
        (
            "peer",
            f"agentmorph convert → {target}, 100 agents",
            ours_100_found,
            ours_100_found / theirs_100,
            "",
        )
    )
    notes = [
        f"Against rulesync on 100 of these agents: {theirs_100 / ours_100_found:.1f}x faster.",
        f"The floor script is {theirs['median'] / floor['median']:.1f}x faster than rulesync on these "
        f"1,000 agents: the most any converter doing the floor's work could be here.",
        f"Against rulesync on the same 1,000 agents: {theirs['median'] / ours['median']:.1f}x faster "
        f"({processes} processes, {theirs['mb'] / (ours['mb'] * processes):.1f}x less memory counting "
        f"every process at its peak); in one process (--jobs 1) {theirs['median'] / ours_1['median']:.1f}x "
        f"faster and {theirs['mb'] / ours_1['mb']:.1f}x less memory.",
    ]
    if all(tree.values()):
        notes.append(
            f"Memory of all processes of a run, each page counted once (peak summed PSS): rulesync "
            f"{tree['theirs']:.0f} MB, agentmorph {tree['ours']:.0f} MB with workers "
            f"({tree['theirs'] / tree['ours']:.1f}x less), {tree['ours-1']:.0f} MB with --jobs 1 "
            f"({tree['theirs'] / tree['ours-1']:.1f}x less)."
        )
    return notes


def tree_memory(command: list[str], cwd: Path | None, fresh: Path | None = None) -> float:
    """Peak of the summed PSS (MB) of a command's processes; 0 where /proc cannot tell."""
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    peak = 0
    while process.poll() is None:
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.getpgid(int(entry)) != process.pid:
                    continue
                with open(f"/proc/{entry}/smaps_rollup", encoding="ascii") as rollup:
                    total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            except (OSError, ValueError):
                continue  # gone meanwhile, or no smaps_rollup here
        peak = max(peak, total)
        time.sleep(0.02)
    return peak / 1024


def _has_format(name: str) -> bool:
    done = subprocess.run([AGENTMORPH, "formats"], capture_output=True, text=True, check=False)
    return any(line.startswith(name + " ") for line in done.stdout.splitlines())


def write(
    path: Path, results: list[tuple[str, str, float, float, str]], notes: list[str], runs: int
) -> None:
    """Write the report; a section headed "## Earlier runs" in the old file is kept."""
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmarks",
        "",
        f"Measured {today} by `make bench` (bench/run.py) on {machine()}.",
        f"Whole processes, median of {runs} runs (start-up: more, interleaved); the ratio column",
        "compares with the floor of the same group, measured in the same run. Peak memory is the",
        "maximum resident set size reported by GNU time (for a run with workers: of the largest",
        f"process; `--jobs auto` uses {WORKERS} processes here: the parent, which converts its",
        "share and writes, and forked workers).",
        "Machines here are shared and noisy: read ratios rather than absolute times.",
        "",
        "| group | what | median (s) | ratio | peak MB |",
        "|---|---|---|---|---|",
    ]
    for group, what, seconds, ratio, memory in results:
        lines.append(f"| {group} | {what} | {seconds:.3f} | {ratio:.2f}x | {memory} |")
    lines += ["", *[f"- {note}" for note in notes]] if notes else []
    lines += [
        "",
        "## Reproduce",
        "",
        "```sh",
        "make bench                      # needs ../shared/corpus; about five minutes",
        "BENCH_PEERS=1 make bench        # also rulesync@17.0.0 from npm, if npm is present",
        ".venv/bin/python bench/run.py --quick   # fewer runs, no 10,000-file run",
        "make bench-instructions         # instructions executed (callgrind), steady under load",
        "```",
        "",
        "## Reading the numbers",
        "",
        "- Run-to-run noise on these shared machines is large: the floor script alone has",
        "  measured between 0.28 s and 1.0 s on the same 952 files within one hour (the file",
        "  system's speed varies most). Compare ratios from one run, and several runs.",
        "- Bytecode: the benchmark compiles converter/ and formats/ first, as `pip install`",
        "  does. This machine sets PYTHONDONTWRITEBYTECODE=1, so without it an editable",
        "  checkout compiles every module on every run: about 60 ms more per process.",
        "- Folders of 400 inputs or more are converted by one process per CPU (`--jobs auto`):",
        "  the parent converts the first input and loads what only some inputs need (libyaml,",
        "  the repair pass), then forks the workers, which inherit it. The pool is plain pipes:",
        "  one holds every task's number (16 inputs each), and every process, the parent too,",
        "  takes the next one, so a faster process takes more; each worker sends its results",
        "  back pickled through a pipe of its own, and what a dead worker took and never sent",
        "  is converted by the parent. The parent writes every output atomically in input order",
        "  as it comes, while the workers still convert (a batch that replaces no file; two",
        "  inputs that map to one output are found when the second is converted, and the first",
        "  one's file is taken back, so both are refused as if none were written; with `--force`",
        "  every input is converted before any write). Below 400 inputs workers cost more than",
        "  they save here (15",
        "  interleaved rounds, one process against two: 150 inputs 0.122 s against 0.133 s;",
        "  300: 0.177 s against 0.165 s; 450: 0.224 s against 0.210 s). `--jobs 1` rows show",
        "  one process.",
        "- Where one process's time goes (1,000 agents to Codex, in-process timers, per agent):",
        "  reading as each tool reads about 100 us (a header of `key: text` lines, one-line or",
        "  block lists, booleans, nulls, comments and one level of mapping, 941 of 1,000 corpus",
        "  headers here, is read without libyaml, to exactly its answer), writing about 75 us,",
        "  the self-check that reads every",
        "  output back about 70 us, creating the file (O_TMPFILE, os.write, link) about 60 us,",
        "  the output policy and path about 50 us, reading and decoding the input about 40 us.",
        "  Besides that, each run pays about 0.1 s of start-up and about 0.1-0.2 s of first use",
        "  (format modules, the tool vocabulary, patterns): in one process, converting the same",
        "  1,000 agents a second time takes 0.45-0.5 s against 0.65-0.74 s the first time.",
        "- Where the outputs go: tmpfs (`/dev/shm`) when the machine has one, so that the disk's",
        "  noise (it has swung the same floor run from 0.28 s to 1.0 s within an hour here) does",
        "  not hide the CPU cost; the *disk* group repeats one conversion on disk, in the same",
        "  rounds, for reference.",
        "- Codex, the yardstick of the performance issue (goals: 2x the floor in one process, 1.5x",
        "  with the default workers). The same 1,000 agents, 15 interleaved rounds on this",
        "  machine, commit bb1fe94 (the start of this round of work) against the final code:",
        "  one process 2.45x -> 1.96x the floor (medians), default processes 2.41x -> 2.06x",
        "  with 0.78 s of CPU instead of 0.98 s (the table's single run varies by about 15%",
        "  between runs). Workers scale poorly at this size: the parent's start (about 0.08 s)",
        "  and its writes after the last conversion (about 0.08 s) do not overlap the",
        "  conversions, a worker starts about 35 ms after the fork, and each process converts",
        "  about 20% slower side by side than alone (2 CPUs, shared).",
        "  Then the pool of `concurrent.futures` gave way to the plain-pipe pool above: no",
        "  `multiprocessing` or `ctypes` import (about 30 ms), no manager thread, no worker",
        "  waiting for the parent's next task, no worker loading libyaml again. 1,000 agents to",
        "  Codex, 21 interleaved rounds, commit a64735c against the new pool (non-editable",
        "  install): default processes 1.81x -> 1.50x the floor (0.44 s -> 0.37 s), and in a",
        "  quieter hour, where the floor itself ran in 0.17 s, 2.22x -> 1.67x; one process",
        "  unchanged (2.17x that hour). Timeline of one such run (in-process timers): start-up",
        "  and imports to 38 ms, the plan 10 ms, the first input and what it loads 20 ms, libyaml",
        "  14 ms, conversions in both processes 140 ms (each converts about 500 inputs in about",
        "  130 ms of its own), then the writes, 30-45 ms. At 10,000 agents to JSON (3 interleaved",
        "  rounds): 2.95 s with the old pool, 2.15 s with the new, 3.51 s in one process.",
        "  Full `make bench` runs on three occasions (the table holds the last, of code that adds",
        "  formats off the hot path): 1,000 agents to Codex 1.51x, 1.61x and 1.60x the floor with",
        "  workers, 1.99x, 2.01x and 2.02x in one process; the merge of 100 variants 0.82 s,",
        "  0.87 s and 0.72 s; against rulesync at 1,000 agents 3.8x, 3.2x and 3.4x. One more run,",
        "  in a noisier hour, gave 1.80x and 2.30x, and 1.27 s for the merge; an interleaved A/B",
        "  of that merge (9 rounds) against the commit before measured 0.87 s and 0.89 s.",
        "  Two more runs a day later, after the fixes that read tools, models and folders as",
        "  each tool does (a per-agent check of tool names and models, a not-an-agent test in",
        "  folder walks; the table holds the second): 1.49x and 1.86x with workers, 2.00x and",
        "  2.19x in one process, the merge 1.08 s and 0.78 s, while the floor itself took",
        "  0.31 s and 0.20 s (the hour's load). Interleaved against the commit before those",
        "  fixes (15 rounds, non-editable install): one process 2.21x -> 1.98x the floor,",
        "  workers 1.72x -> 1.67x; the merge of 100 variants 1.21 s -> 1.19 s (9 rounds).",
        "- `sync` of 1,000 agents to all 8 tool targets: the first run costs about what 8 plain",
        "  `convert` runs cost (one process, one read per source). With nothing changed, the",
        "  cache spares every conversion and, as git's index does, each output whose size,",
        "  times and inode are as when its content was last checked is not read again; the",
        "  manifest is written only when it changes, by hand as json would write it (json's",
        "  indent makes it encode in Python); the command is parsed without typer, and no YAML",
        "  module loads. 7 interleaved rounds on this machine, old against new: 1.48 s ->",
        "  0.95 s. Roo's one `.roomodes` for 1,000 modes is joined from our own one-mode",
        "  outputs without parsing them again.",
        "- Start-up: `--version` imports nothing but our version (not even `typing`); a plain",
        "  `convert` or `sync` is parsed without typer, and a simple header is read without",
        "  importing PyYAML.",
        "  The start-up group compares with `python -c pass` in the checkout's venv, whose",
        "  editable install adds a path finder to every start. Measured apart in a",
        "  non-editable install (`pip install .` into a fresh venv, 21 interleaved rounds, old",
        "  = commit bb1fe94): bare 21 ms; `agentmorph --version` 2.03x -> 1.72x (pip's",
        "  launcher script imports `re`, about 5 ms, before our code runs; `python -m converter",
        "  --version` is 1.50x); one-file convert 7.9x -> 6.3x. What the one-file convert still",
        "  imports is Python's `typing`, `dataclasses` (with `inspect`), `re`, `enum` and",
        "  `pathlib`, then 28 frozen dataclasses of ours (about 1 ms each to create here).",
        "  Again at the end of this round (21 interleaved rounds, non-editable): bare 17 ms;",
        "  `agentmorph --version` 1.59x, `python -m converter --version` 1.36x; one-file",
        "  convert 6.1x (0.105 s, the same as in the editable checkout, whose bare start pays",
        "  about 22 ms more for the finder). Against that bare start the one-file goal (3x) is",
        "  not met: Python's `dataclasses` with `inspect` cost about 15 ms and our frozen",
        "  dataclasses about 28 ms, before any work. How far the goal is from what Python",
        "  itself costs here (non-editable venv, 21 interleaved rounds, bare 16.7 ms): `python",
        "  -c 'import dataclasses'` alone is 2.45x bare; `import dataclasses, typing, re, enum,",
        "  pathlib, json, signal` (the standard modules the model and the command line use)",
        "  3.06x; one-file convert 5.7x. Creating our 28 frozen dataclasses takes 35 ms (each",
        "  method is compiled by `exec`, six per class), more than the bare start.",
        "  Later (stop 28): the command line's option records and the batch's own records (nine",
        "  of the 21 classes a one-file convert still defined) are `NamedTuple`s now, made",
        "  without `exec` (0.16 ms a class against 0.59 ms, measured); the model's frozen",
        "  dataclasses stay. One-file convert, non-editable, 31 interleaved rounds against",
        "  9e3ee1b: 81.0 -> 76.8 ms median; 1,000 files -> codex in one process 364 -> 359 ms",
        "  (21 rounds, noise), outputs byte-identical.",
        "- Merge (v2: the base variant's section tree, items placed by their neighbours, near-",
        "  duplicates by words or meaning). Sections are compared only with places that share",
        "  a title stem or a heavy word (at most 256 per key), items only with candidate",
        "  clusters found in rapidfuzz's C loop, repeats across sections through an index of",
        "  each item's five rarest words. What made it faster without changing any result (92",
        "  families, generated and real, merged byte-identically before and after): each",
        "  distinct section text is split into words once (the medoid, the weights and the",
        "  vectors share them); ASCII text is normalised by a character table, not a pattern;",
        "  an exact copy of a point is tried against its first phrasing before any key is",
        "  scored; repeated phrasings are judged once; names and numbers are searched only",
        "  where a capital or a digit can be; the output format is found without importing every",
        "  format; the header is written without PyYAML. 100 variants, 15 interleaved rounds,",
        "  commit e40165e against the final code: 2.18 s -> 1.46 s median (0.67x; fastest run",
        "  1.39 s -> 0.99 s); 20 variants 0.52 s -> 0.45 s; 8.4 -> 5.4 billion instructions",
        "  (callgrind, the merge alone). What is left is spread: placing items in clusters",
        "  about 30%, aligning sections 25%, choosing phrasings 18%, the medoid 10%, splitting",
        "  items 7%, reading and start-up the rest; a memo of the near-duplicate judgement and",
        "  clustering in a second process started by `concurrent.futures` were tried and",
        "  measured no faster (the repeated judgements are the cheap ones; the second process",
        "  paid its start and its results; see below for the plain fork that does pay).",
        "  Later, the report named each variant by the shortest path tail that is its own, and",
        "  found it anew for every mention against every other variant: a 100-variant merge",
        "  built 40,000 paths for its report. Found once per report: 1.11 s -> 0.95 s (7",
        "  interleaved rounds on a loaded machine; outputs and reports byte-identical).",
        "- The command's own process: the console script tunes Python's cycle collector for one",
        "  command, as mypy does (what the imports made is frozen, and a collection waits for",
        "  200,000 new objects instead of 700), and once its output is flushed and no thread or",
        "  worker runs it exits without freeing every object one by one (mypy's `hard_exit`).",
        "  A merge of 100 variants keeps hundreds of thousands of objects to its end: the",
        "  collector's passes over them cost about 50 ms, freeing them at exit about 70 ms.",
        "  With that, the medoid counting each prompt's words once, and a place's title",
        "  likenesses kept while its common titles stay the same (93 families still merged",
        "  byte-identically): 100 variants, 15 interleaved rounds, commit f1767f2 against the",
        "  final code, 1.31 s -> 1.17 s median (0.90x; fastest run 1.15 s -> 0.98 s); 20",
        "  variants unchanged (0.37 s). One-file convert 3.15x -> 2.85x bare (15 rounds); 1,000",
        "  files to Codex in one process 1.91 -> 1.87 billion instructions (callgrind; wall",
        "  time within this machine's noise). Two full `make bench` runs of this round's code,",
        "  an hour apart, measured the 100-variant merge at 1.06 s and 1.38 s (bare start",
        "  40 ms and 48 ms): on this machine the hour moves it more than this round's work.",
        "  Then each section's items are clustered apart from every other section's, so a",
        "  merge of 4,000 items or more spreads the sections over the same pool of processes",
        "  (`--jobs`, default auto; the biggest sections first; a worker sends each cluster",
        "  back as its items' places and the parent builds it again from the same items, so",
        "  96 families, 45 generated and 50 real plus the seeds, merged byte-identically with",
        "  workers forced on). The clustering of 100 variants (11,786 items): 196 ms in one",
        "  process, 145 ms in two; the whole merge, 15 interleaved rounds, 0.82 s with",
        "  `--jobs 1` against 0.78 s. The merge rows above use the default `--jobs`.",
        "- Writing a header: a mapping of plain keys to words, one-line texts, booleans,",
        "  integers and lists of those (5,090 of 5,718 corpus headers across the Markdown",
        "  targets) is written without libyaml, to exactly its text; the rest still goes to",
        "  libyaml. The corpus to Claude: 0.93 s -> 0.85 s in one process (9 rounds).",
        "- Instructions, not seconds: on these shared machines a wall-clock A/B swings by 20%",
        "  within minutes, so the last round of work was steered by instruction counts, which do",
        "  not move between runs (`make bench-instructions`, bench/instructions.py: callgrind over",
        "  `agentmorph convert DIR --to codex -o OUT --jobs 1 -q`, 1,000 corpus agents; the floor",
        "  script itself: 1,009 million). From commit d834fd5: header fences found by searching",
        "  for `---` lines instead of testing every line; `# comment` lines, and a mapping of",
        "  simple values under a key (OpenCode's `permission` and `tools` maps, keys such as",
        "  `'*'`, `docs_*` or `a:b`), read without libyaml (an OpenCode output's self-check went",
        "  to libyaml for 417 of the 1,000 agents, now 6); the fast TOML reading extended to",
        "  quoted keys, literal strings, one-line arrays of strings and our own multi-line basic",
        "  strings (one 54 KB prompt holding `'''` cost 5 ms in tomllib's character loop; the",
        "  neutral TOML format's self-check went to tomllib for every agent, now for the 216 with",
        "  tables); a reader sets the provenance of the agent it just made in place instead of",
        "  copying it with `dataclasses.replace`; the four typed-scalar patterns matched as one.",
        "  Codex: 1,878.6 -> 1,688.4 million instructions (-10.1%), OpenCode: 2,586 -> 2,215",
        "  million (-14.4%); with the start-up changes below, Codex 1,658.0 million (-11.7%,",
        "  `make bench-instructions`). Wall clock, 15 interleaved rounds against d834fd5: one",
        "  process 1.95x",
        "  -> 1.83x the floor, default workers 1.82x -> 1.52x (the floor's own median 0.196 s).",
        "  The outputs and every diagnostic of the whole corpus, for all 15 targets, and the",
        "  reading back of 8 targets' outputs, are byte-identical before and after.",
        "  Off the conversion itself: an output that replaces nothing is no longer `stat`-ed for",
        "  being an input under another name (the write refuses any existing file, and then says",
        "  whether it is an input), the inputs' identities are taken only when some output would",
        "  replace a file, and the workers inherit `pickle`, `select` and `signal` instead of",
        "  importing them each.",
        "  XML (`--sections` turns Markdown headings into tags, checks that they turn back, and",
        "  the self-check reads the tags again): the fence mask asks its pattern only of lines",
        "  holding three backticks or tildes, the heading and bold-title patterns only of lines",
        "  starting with `#` or `*`, tag names and titles are cached, and the XML reader no longer",
        "  copies the rest of the text at every tag: 1,000 agents to XML, 6,057 -> 4,881 million",
        "  instructions (-19%), outputs byte-identical. Start-up: six internal records are",
        "  NamedTuples instead of frozen dataclasses (a dataclass costs about 1.1 ms to create",
        "  here, six methods compiled from source; a NamedTuple 0.14 ms), and writing over a file",
        "  no longer imports `tempfile` (shutil, random, bz2, lzma): one-file convert with",
        "  `--force`, 296.7 -> 274.0 million instructions; non-editable, 59 ms against a bare",
        "  11.4 ms (21 interleaved rounds).",
        "- Writes as the outputs come (stop 32): the parent used to write every output after the",
        "  last conversion, 40-45 ms alone on 1,000 files while the worker waited. A batch that",
        "  replaces no file now writes each output as soon as it is converted",
        "  (converter/io/early.py), so the writes share the time of the conversions, and no",
        "  output is held in memory until the end. A collision found later takes the early file,",
        "  and any folder it made, back: the results and files are the same as before (the",
        "  corpus for all 15 targets, and with its 366 name collisions to Codex, byte-identical).",
        "  1,000 agents to Codex with workers, 21 interleaved rounds against the commit before:",
        "  378.6 -> 355.2 ms median; timeline: 4.5 ms from the last conversion to the end,",
        "  against 50 ms. Peak memory summed over the processes: 30 -> 25 MB with workers,",
        "  22 -> 16 MB in one process. Start-up: file-name patterns are compiled only for names",
        "  that have their literal ends (a run compiled all 36 Markdown patterns), rarely used",
        "  patterns on first use, three more internal records are no dataclasses: one-file",
        "  convert 276.1 -> 250.9 million instructions. No reference cycle per file any more",
        "  (`json.dumps` with an indent made some 30 objects in cycles per call; the JSON formats",
        "  write through formats/_json_text.py, the same text; two recursive closures became",
        "  module functions), a failed result keeps no traceback (10,000 inputs refused as",
        "  'output exists' peaked at 228 MB, now 39 MB), and the cycle collector waits for",
        "  200,000 new objects, as mypy's does: its time in a merge of 100 variants 23.6 -> 1.4",
        "  ms, in 1,000 agents to Codex 6.2 -> 2.2 ms. Peak memory, one process, old -> new:",
        "  10,000 agents to JSON 137 -> 34 MB, 1,000 to XML 34 -> 22 MB. Per agent, what was",
        "  made anew and need not be (the self-check's read options, a file's stem, a header's",
        "  limits, a JSON encoder for each TOML string, a tool's name pattern looked up): made",
        "  once. In all, this round: 1,000 agents to Codex in one process 1,657.5 -> 1,575.5",
        "  million instructions (-4.9%), to OpenCode 2,173.7 -> 2,109.2 million (-3.0%),",
        "  one-file convert 276.1 -> 251.0 million (-9.1%); outputs byte-identical.",
        "- Sizes no test had (a round of attacks on this round's code): lists and clashes that",
        "  grew with the square of their length. 50,000 tools in one agent took 20-41 s to Kiro,",
        "  Copilot, OpenCode, Gemini and Roo (each name looked up in a list), 83 s to merge and",
        "  38 s to diff two such agents; now under 2 s, 0.45 s and 0.31 s (sets; properties hold",
        "  the new code to the plain definitions). 2,000 agents of one name made 2,000 errors of",
        "  2,000 paths each (94 MB, 1.73 s, 204 MB of memory); each error now names three and",
        "  counts the rest (0.55 MB, 0.34 s, 21 MB). Already fine at this size: 100,000 headings,",
        "  fences or list items, a 10 MB line, 20,000 YAML keys, anchors or invalid lines, 10,000",
        "  MCP servers, 5,000 modes in one `.roomodes`, 8,000 items merged (each under 5 s).",
        "  Readers that looked each item up from the file's start, found the same way: 10,000",
        "  agents of one opencode.json 8.7 -> 2.2 s, 40,000 keys of a Gemini command 17.3 ->",
        "  1.2 s, 1,000 Codex roles declared in config.toml (parsed once per role) 13.1 -> 0.27 s.",
        "  Bench runs 17 and 18 on this code (an Intel host): Codex 2.00x (one process) and 1.43x",
        "  (workers) the floor at run 17; 1.64x / 1.16x in its group and 2.03x / 1.48x in the",
        "  peer rounds at run 18 (the floor swung from 0.143 s to 0.271 s within it); merge of",
        "  100 variants 1.06 s and 1.07 s (11 interleaved rounds right after run 17, against the",
        "  commit before: 0.97 s against 1.02 s, minimum 0.69 s both).",
        "- Inputs that crashed the process or grew with the square of their size (a second round of",
        "  attacks: every field of every format scaled, 90 textures of 100,000 characters in every",
        "  position, through every target, merge and diff): YAML nested 100,000 deep in compact",
        "  block form (`- - - x`, a 200 KB header) crashed PyYAML's C composer (a segfault: in a",
        "  header, a `.roomodes` read, or one written into); the depth is now measured from the",
        "  parser's events first and refused with its line. A Claude agent of 20,000 tools and",
        "  20,000 denied patterns took 82 s to OpenCode (its deny list worked out again for every",
        "  tool), now 1.1 s; a Gemini command after 100,000 blank lines 115 s (a `\\s*` crossing",
        "  lines, which also gave a key the wrong line), now 0.1 s; a merge of prompts of 13,000",
        "  empty headings or code blocks 15 s (each compared with every earlier one), now 0.25 s; a",
        "  description of 4,000 `<example>` blocks 26 s, now 0.02 s. Detection of a file its named",
        "  format doubts (a plain prompt, an indented header) imported all 17 formats to ask them;",
        "  now none unless one could be sure of it (a one-file convert of a plain prompt 7 ms less;",
        "  1,000 agents to Codex 1,561.2 -> 1,532.3 million instructions). Run 20 on this code (the",
        "  table above; an AMD host): Codex 1.85x / 1.41x in its group (the floor 0.195 s), 2.41x /",
        "  1.76x in the peer rounds (the floor 0.148 s: the host swung within the run); rulesync",
        "  4.1x at 1,000 (the floor 7.3x), 11.9x at 100; merge of 100 variants 0.70 s. Run 19, on",
        "  the previous round's code at the start of this one, on the same host: 2.16x / 1.70x in",
        "  its group, 2.21x / 1.64x in the peer rounds, merge 0.66 s.",
        "- Files their own tool will not load, said as the tool says it (a round on reading): the",
        "  checks run where a file of a tool is read, self-checks included, so each costs every",
        "  conversion to that tool. 1,000 agents, against the round's start (`make",
        "  bench-instructions --checkout`): to Codex 1,529.3 -> 1,550.0 million instructions",
        "  (+1.35%; a role's read-back 20.7 -> 23.4 us), to Claude Code 1,690 -> 1,703 (+0.8%), to",
        "  Gemini CLI 1,573 -> 1,599 (+1.7%), to OpenCode 2,049 -> 2,070 (+1.0%). Two first cuts",
        "  cost more and were mended: a Codex value's line was found (reading the whole file) for",
        "  every role with `sandbox_mode`, +26 million; a Claude agent's tools were all looked up",
        "  where the first one Claude Code has settles it, +3.4% to Claude. Run 21 (the table",
        "  above, before the last checks of the round, 0.5% of the Codex rows' instructions; a",
        "  quiet host, the floor 0.114 s): Codex 1.99x / 1.46x in its group, 2.05x / 1.48x in the",
        "  peer rounds; rulesync 4.8x at 1,000 (the floor 7.0x), 11.3x at 100; merge of 100",
        "  variants 0.43 s.",
        "- The keys of a Codex role, and PyYAML's import (a later round): Codex ignores a role with a",
        "  key it does not know, so every key a role holds is now looked up in the table of the 108",
        "  Codex takes (a dictionary; the writer's loop over the agent's own Codex keys replaced two",
        "  comprehensions: 1,550.3 -> 1,548.5 million instructions to Codex). PyYAML's reader",
        "  compiles, as `import yaml` runs, the characters YAML does not call printable as the",
        "  complement of a class reaching U+10FFFF: 3.5 ms and 58 million instructions, two fifths",
        "  of the import, paid by every run that meets one header of more than simple lines. The",
        "  same characters named as they are compile in a tenth of that, and `re` is given them under",
        "  PyYAML's own pattern before PyYAML is imported (converter/frontmatter/pyyaml.py; a test",
        "  holds the two to the same 2,111 of all 1,114,112 code points): 1,000 agents to Codex",
        "  1,548.5 -> 1,496.5 million instructions (-3.4%), to Claude Code 1,703.9 -> 1,651.4",
        "  (-3.1%; a tool's header reader, made once per run now, not once per file: to Codex",
        "  1,496.5 -> 1,488.6); in wall time, one process, 260.2 -> 259.3 ms (15 interleaved",
        "  rounds, within the noise: a regular expression's compile is instructions the CPU",
        "  runs quickly).",
        "  Run 22 on this code (the table above; a loaded host, the floor 0.199 s in its group,",
        "  0.218 s in the peer rounds): Codex 2.02x / 1.15x in its group, 1.70x / 1.21x in the peer",
        "  rounds; rulesync 4.6x at 1,000 (the floor 5.6x), 9.5x at 100; merge of 100 variants",
        "  0.78 s (its 2-variant row 0.140 s against 0.072 s at run 21: the host).",
        "- Claude Code's tool lists, names and models, read as it reads them (a later round): a",
        "  tool list read through Claude Code's rules, each header's warnings looked at for a",
        "  misread list, a name checked against the ones it does not load: 1,000 agents to Claude",
        "  Code 1,633.9 -> 1,648.7 million instructions (+0.9%), to Codex 1,488.2 -> 1,492.8",
        "  (+0.3%). Run 23 (before the names and models; an Intel host,",
        "  the floor 0.177 s in its group, 0.247 s in the peer rounds): Codex 1.90x / 1.53x in its",
        "  group, 1.91x / 1.42x in the peer rounds; rulesync 3.5x at 1,000 (the floor itself only",
        "  5.0x: rulesync ran faster against the floor here than on any earlier host), 9.0x at",
        "  100; merge of 100 variants 0.81 s; sync with nothing changed 0.55 s. A non-editable",
        "  one-file convert on this host: 5.0x a bare start (bare 11.2 ms, 56.4 ms; 21 interleaved",
        "  rounds), where `import re, typing, dataclasses, pathlib, json` alone is 3.4x.",
        "- Each tool's fence and repeated keys, Gemini CLI's names and models, OpenCode's models",
        "  (a later round): a Gemini file's fence found with str.find (as a lazy regular expression",
        "  it took 2% of a conversion to Gemini's time under cProfile),",
        "  a header's repeated keys and longer closing line looked at for the tool reading it:",
        "  1,000 agents to Codex 1,492.6 -> 1,497.3 million instructions (+0.3%), to Claude Code",
        "  1,648.4 -> 1,656.6 (+0.5%), to Gemini CLI 1,547.2 -> 1,563.9 (+1.1%). Run 24 on this",
        "  code (a loaded host: `python -c pass` 41 ms against 30 ms at run 23,",
        "  the 2-variant merge 0.211 s against 0.120 s; the floor 0.227 s in its group, 0.242 s in",
        "  the peer rounds): Codex 1.94x / 1.34x in its group, 2.16x / 1.45x in the peer rounds;",
        "  rulesync 3.6x at 1,000 (the floor 5.2x), 8.2x at 100; merge of 100 variants 1.12 s;",
        "  sync with nothing changed 0.93 s.",
        "- Each tool's second pass and closing line (OpenCode's `sanitize`), then its YAML parser's",
        "  reading of tabs and of NEL, U+2028 and U+2029 (two later rounds): 1,000 agents to Codex",
        "  1,497.9 -> 1,499.9 million instructions (+0.13%), then 1,500.8 -> 1,505.5 (+0.31%; to",
        "  Claude Code 1,658.7 -> 1,668.2, +0.57%): a header without a tab or such a character pays",
        "  one scan of its text. Runs 27 and 28 on this code (a loaded host: `python -c pass` 53",
        "  and 49 ms against 25-30 ms; the floor 0.356 and 0.336 s in its group): Codex 1.84x /",
        "  1.56x and 2.09x / 1.74x in its group, 2.06x / 1.47x and 2.13x / 1.56x in the peer",
        "  rounds; rulesync 4.3x and 4.0x at 1,000 (the floor 6.4x and 6.2x), 9.9x and 11.4x at",
        "  100; merge of 100 variants 1.31 and 1.42 s (the 2-variant merge 0.175 and 0.194 s);",
        "  sync with nothing changed 1.14 and 1.06 s.",
        "- Each tool's reading of a YAML tag of the file's own (`!Important`), of a header closed by",
        "  `...` and of a Copilot `tools` text (three more small modules imported): 1,000 agents to",
        "  Codex 1,505.8 -> 1,511.8 million instructions (+0.40%; to Claude Code 1,667.4 -> 1,672.3,",
        "  +0.29%). Runs 29 and 30 on this code (`python -c pass` 45 and 43 ms; the floor 0.263 and",
        "  0.186 s in its group, 0.228 and 0.281 s in the peer rounds): Codex 2.05x / 1.58x and",
        "  2.13x / 1.49x in its group, 2.31x / 1.43x and 1.91x / 1.46x in the peer rounds; rulesync",
        "  4.3x at 1,000 in both (the floor 6.2x), 10.4x and 10.2x at 100; merge of 100 variants",
        "  1.12 and 1.36 s (the 2-variant merge 0.143 and 0.212 s); sync with nothing changed 0.94",
        "  and 0.76 s.",
        "- Start-up, and Codex's TOML 1.1 (a later round): the tools' rules are a NamedTuple (as",
        "  a frozen dataclass of 26 fields, its methods compiled from source, they cost 2.3 ms of",
        "  every start), the cycle collector waits for 200,000 new objects from the first import",
        "  on, not from the command's start, and a pattern only a file without a header needs is",
        "  compiled on first use: one-file convert 266.8 -> 254.6 million instructions (-4.6%),",
        "  1,000 agents to Codex 1,510.1 -> 1,503.6 (-0.43%; to Claude Code 1,673.6 -> 1,674.0,",
        "  the same within the noise), outputs byte-identical. Reading a Codex role in TOML 1.1",
        "  costs a file that is TOML 1.0 nothing (tomlkit reads only what tomllib refuses). Runs",
        "  31 and 32 on this code (an AMD EPYC host; `python -c pass` 40 and 37 ms; the floor",
        "  0.254 and 0.252 s in its group, 0.242 and 0.224 s in the peer rounds): Codex 1.45x /",
        "  1.14x and 1.78x / 1.31x in its group, 2.00x / 1.31x and 1.86x / 1.35x in the peer",
        "  rounds; rulesync 4.9x and 4.7x at 1,000 (the floor 6.4x in both), 11.5x and 10.5x at",
        "  100; merge of 100 variants 0.89 and 0.86 s (the 2-variant merge 0.170 and 0.156 s);",
        "  sync with nothing changed 0.81 and 0.75 s. The table above was run 32.",
        "- Stop 43 timed a run with workers (1,000 agents to Codex, wall-clock marks in the",
        "  parent): Python is up at 28 ms, the imports are done at 67 ms and the plan at 92 ms;",
        "  the first conversion, libyaml and the repair passes (loaded once, inherited by the",
        "  worker) and the fork take it to 131 ms; then both processes convert for 180 ms, the",
        "  parent taking 25-30 of the 63 tasks, as it also writes every output (35-47 ms) and",
        "  unpickles the worker's results (11-16 ms: a task of 16 results unpickles in 63-115 us,",
        "  7-8 us of it without their diagnostics, whose enums and frozen dataclasses cost the",
        "  rest). Left as they are: pathlib's private fast join (0.7 ms against 5.8 ms per 1,000",
        "  paths on 3.11) is no faster on 3.12 and gone in 3.13; 58 of the 1,000 headers need",
        "  libyaml, so each process needs it loaded. The merge now keeps two short points that",
        "  each have a word of their own apart, and a list's lead-in with its list (README,",
        "  Merging): the 100-variant merge executes 8,173 -> 8,561 million instructions (+4.7%),",
        "  as the generated variants' random one-word rewordings of two-word lines are now points",
        "  of their own (1,343 -> 1,589 lines merged). Runs 33 and 34 on this code (an AMD EPYC",
        "  host; `python -c pass` 34 and 28 ms; the floor 0.170 and 0.202 s in its group, 0.188",
        "  and 0.184 s in the peer rounds): Codex 1.94x / 1.57x and 1.97x / 1.40x in its group,",
        "  1.73x / 1.48x and 1.82x / 1.49x in the peer rounds; rulesync 4.1x and 4.5x at 1,000",
        "  (the floor 6.1x and 6.7x), 10.1x and 9.7x at 100; merge of 100 variants 0.69 and 0.78",
        "  s (the 2-variant merge 0.125 and 0.128 s); sync with nothing changed 0.60 and 0.80 s.",
        "  The table above was run 34.",
        "- Stop 44 read merges as a user: merging one agent alone changed the words of 822 of",
        "  the corpus's 1,176 agents (a point its author made twice, in two lists, folded into",
        "  one; a closing bold line, a later `You are ...`, the text after a closing tag and a",
        "  tag's attributes lost or moved); now none (README, Merging). A point folds only into",
        "  one that none of its variants made, and an item first joins the cluster its very",
        "  words founded: the 100-variant merge (callgrind, --jobs 1) executes 5,488 -> 5,296",
        "  million instructions (-3.5%) and writes 1,589 -> 1,627 lines, a generated variant's",
        "  own repeated lines kept. Run 35 on this code (a loaded host: `python -c pass` 38 ms,",
        "  the floor 0.261 s in its group, 0.228 s in the peer rounds): Codex 1.75x / 1.28x in",
        "  its group, 1.68x / 1.23x in the peer rounds; rulesync 4.7x at 1,000 (the floor 5.8x),",
        "  11.6x at 100; merge of 100 variants 0.73 s (the 2-variant merge 0.152 s, growth",
        "  2.65x); sync with nothing changed 0.77 s (run 35).",
        "- Stop 45 read merges as a user again: the seeds' merge dropped `input validation and",
        "  sanitization`, `caching strategies` and three other points, each folded into a phrasing",
        "  alike in words that did not say it; over the corpus's families, 195 of 919 folded",
        "  phrasings lost more than a fifth of their words. Now a phrasing folds only into one",
        "  that says it (README, Merging): 787 folded, none so. The check costs the 100-variant",
        "  merge more, and keeps more: its generated variants swap a random word into 30% of the",
        "  lines, and a 4-word point with a word swapped is now a point of its own (1,627 -> 2,020",
        "  lines). Callgrind, --jobs 1: 5,313 -> 6,076 million instructions (+14%; +33% at first,",
        "  cut by testing the cheap word check first, against a cluster's fullest phrasing only,",
        "  with cached word sets); the seeds' merge +1.1%. Runs 36 and 37 on this code: merge of",
        "  100 variants 1.09 s both (the goal of 1 s is missed; 0.73 s at run 35), growth 3.66x",
        "  and 3.16x; conversions unchanged (run 37: Codex 1.69x / 1.16x in its group, 1.88x /",
        "  1.33x in the peer rounds; rulesync 4.4x at 1,000, the floor 5.9x, 11.0x at 100; sync",
        "  with nothing changed 0.75 s). Run 37 was the table then.",
        "- Stop 46 made the 100-variant merge faster without changing a byte of any merge (the",
        "  corpus's 141 families, the seeds and two generated families, with --jobs 1 and 2): the",
        "  main process chooses each section's points while a worker clusters the sections after",
        "  it (it had waited for all the clustering; a worker sends each cluster's facts and order",
        "  of preference with it), and for 400 KB of sections or more an early worker finds the",
        "  base variant, splits the sections into items and works out their facts while the main",
        "  process weighs their words and aligns them; `normalise` uses a byte table and cheaper",
        "  checks go first. The whole command against the stop's start, interleaved: 0.73x to",
        "  0.78x; with --jobs 1 (callgrind) 6,094 -> 5,689 million instructions. Runs 38 (the",
        "  pipeline only), 39 (the early split) and 40: merge of 100 variants 1.010 s, 0.979 s and",
        "  1.067 s (a slower hour: the 2-variant merge 0.147, 0.142 and 0.162 s), growth 3.02x,",
        "  3.13x and 3.07x. A Copilot header that ends in a `|` text now double-quotes it (Copilot",
        "  CLI read it without its last line end), and a cluster whose every phrasing an earlier",
        "  point says folds each where it is said (the generated families' reports change there).",
        "  Run 41 was the table then.",
        "- Stop 47 changed no conversion and no merge's bytes (the 288 digests of stop 46 again);",
        "  a merge's main process now rebuilds the items a worker split without a loop (the",
        "  100-variant family's 2 MB of items: 21.1 -> 9.9 ms, on the main process's path).",
        "  Tried and dropped, measured: the main process finding the base itself (the whole",
        "  command 1.04x, 11 interleaved rounds), the words split once before the fork (1.07x),",
        "  the main process working out half the facts while the worker did the rest (the same",
        "  time to choosing, 12 alternating runs), SHA-256 without OpenSSL (+9 million",
        "  instructions with --jobs 1: loading OpenSSL costs less than hashing without it). Runs",
        "  42 (the stop's start, stop 46's code), 43 and 44 (its end; 44 a loaded hour, the floor",
        "  0.304 s against 0.240 s at run 43): merge of 100 variants 0.758, 0.814 and 0.844 s",
        "  (2-variant 0.165, 0.141 and 0.146 s), growth 2.51x, 2.41x and 2.50x; Codex 1.73x /",
        "  1.20x, 1.92x / 1.29x and 1.88x / 1.20x in the group, 2.01x / 1.53x, 1.98x / 1.35x and",
        "  2.14x / 1.46x in the peer rounds; rulesync 4.4x, 4.5x and 4.6x at 1,000 (the floor",
        "  6.7x, 6.1x and 6.7x), 13.0x, 11.8x and 10.8x at 100; one-file 2.34x, 2.29x and 2.22x,",
        "  --version 0.90x, 0.92x and 0.89x; sync with nothing changed 0.82, 0.84 and 0.84 s.",
        "  Run 44 was the table then.",
        "- Stop 48 changed no merge's bytes (the 288 digests again) and no conversion but where a",
        "  prompt holds a placeholder Gemini CLI fills (said, the prompt kept): 1,000 agents to",
        "  Codex with --jobs 1, 1,509.1 -> 1,511.7 million instructions (+0.17%: each prompt is",
        "  scanned for `{` when written). Runs 45 (the stop's start, stop 47's code) and 46 (its",
        "  end, a loaded hour: `python -c pass` 39 ms against 35, rulesync 1.66 s against 1.40):",
        "  merge of 100 variants 0.839 and 0.965 s (2-variant 0.163 and 0.203 s), growth 2.63x",
        "  and 2.60x; Codex 1.66x / 1.13x and 1.72x / 1.22x in the group, 1.81x / 1.22x and 1.76x",
        "  / 1.21x in the peer rounds; rulesync 4.7x and 5.1x at 1,000 (the floor 5.8x and 6.2x),",
        "  11.1x and 11.2x at 100; one-file 2.41x and 2.36x, --version 0.91x and 0.96x; sync with",
        "  nothing changed 0.81 and 0.90 s. Run 46 was the table then.",
        "- Stop 49 changed no merge's bytes but the one family whose variants are in two languages",
        "  (286 of the 288 digests again; each variant's language is told from its first 3,000",
        "  characters) and no conversion but the models written for Copilot and a model listed in",
        "  one line: 1,000 agents to Codex with --jobs 1, 1,511.7 -> 1,517.2 million instructions",
        "  (+0.36%: a model's text checked for several names, the model module split). Runs 47 and",
        "  48 (its code; 48 after its fixtures, `python -c pass` 31 and 36 ms, the floor 0.262 and",
        "  0.279 s in the group, 0.223 and 0.219 s in the peer rounds): merge of 100 variants 0.753",
        "  and 0.751 s (2-variant 0.154 and 0.106 s), growth 2.88x and 3.02x; Codex 1.48x / 1.05x",
        "  and 1.96x / 1.26x in the group, 1.95x / 1.26x and 1.98x / 1.39x in the peer rounds;",
        "  rulesync 4.7x and 4.5x at 1,000 (rulesync 1.32 and 1.38 s, the floor 5.9x and 6.3x),",
        "  9.9x and 10.7x at 100; one-file 2.29x and 2.10x, --version 0.91x and 0.89x; sync with",
        "  nothing changed 0.78 and 0.88 s. Run 48 was the table then.",
        "- Stop 50 changed no merge's bytes (the 288 digests again) and no conversion but where an",
        "  input holds hidden text (said), a reasoning level goes to OpenCode or is one a target does",
        "  not take, Kiro's subagent tool, a Gemini CLI server's httpUrl: 1,000 agents to Codex with",
        "  --jobs 1, against stop 49's code in the same conditions, 1,533.8 -> 1,564.1 million",
        "  instructions (+2.0%: the 287 agents that are not ASCII are searched for hidden text, their",
        "  bytes first, 1.5 ms in-process). Runs 49 and 50 (its code, 50 before its last fix;",
        "  `python -c pass` 34 and 29 ms, the floor 0.217 and 0.173 s in the group, 0.198 and 0.234 s",
        "  in the peer rounds): merge of 100 variants 0.763 and 0.940 s (2-variant 0.120 and 0.138 s),",
        "  growth 3.08x and 2.82x; Codex 1.64x / 1.24x and 1.98x / 1.42x in the group, 1.86x / 1.48x",
        "  and 1.81x / 1.15x in the peer rounds; rulesync 4.6x and 4.6x at 1,000 (rulesync 1.35 and",
        "  1.23 s, the floor 6.8x and 5.2x), 10.9x and 10.5x at 100; one-file 2.42x and 2.25x,",
        "  --version 0.95x and 0.96x; sync with nothing changed 0.65 and 0.68 s. Run 50 was the",
        "  table then.",
        "- Stop 51 changed no merge's bytes (the 288 digests again) and no conversion but where a",
        "  tool is narrowed by a pattern, a Claude Code MCP server would get a key it drops, Kiro's",
        "  @builtin or its hooks, a Roo mode's display name to Gemini CLI: 1,000 agents to Codex",
        "  with --jobs 1, against stop 50's code in the same conditions, 1,560.1 -> 1,564.5 million",
        "  instructions (+0.28%); 21 interleaved rounds, 428 against 435 ms. Runs 51 and 52 (before",
        "  its last hook and path fixes, which convert none of these agents otherwise; `python -c",
        "  pass` 26 and 27 ms, the floor 0.204 and 0.176 s in the group, 0.220 and 0.182 s in the",
        "  peer rounds): merge of 100 variants 0.727 and 0.841 s (2-variant 0.146",
        "  and 0.124 s), growth 2.79x and 3.16x; Codex 1.72x / 1.29x and 2.06x / 1.47x in the",
        "  group, 1.81x / 1.21x and 2.16x / 1.51x in the peer rounds; rulesync 4.9x and 4.3x at",
        "  1,000 (rulesync 1.30 and 1.18 s, the floor 5.9x and 6.5x), 10.3x and 11.5x at 100;",
        "  one-file 2.23x and 2.34x, --version 0.87x and 0.95x; sync with nothing changed 0.71 and",
        "  0.63 s. Run 52 was the table then.",
        "- Stop 52 changed no conversion of these agents (the corpus to every target differs only for",
        "  two Copilot agents naming an MCP server with dots) and one merge's provisional model in",
        "  a tie that stays a conflict (79 corpus families, a new digest script): 11 interleaved",
        "  rounds of 1,000 agents to Codex, 294 against 303 ms for stop 51's code. Runs 53 and 54",
        "  (its code; `python -c pass` 31 and 30 ms, the floor 0.268 and 0.187 s in the group, 0.202",
        "  and 0.244 s in the peer rounds): merge of 100 variants 0.860 and 0.819 s (2-variant 0.128",
        "  and 0.169 s), growth 2.84x and 2.47x; Codex 1.67x / 1.20x and 1.81x / 1.31x in the group,",
        "  1.86x / 1.48x and 1.79x / 1.25x in the peer rounds; rulesync 4.4x and 4.4x at 1,000",
        "  (rulesync 1.32 and 1.36 s, the floor 6.5x and 5.6x), 11.1x and 10.0x at 100; one-file",
        "  2.46x and 2.18x, --version 0.93x and 0.95x; sync with nothing changed 0.78 and 0.68 s.",
        "  Run 54 was the table then.",
        "- Stop 53 changed these agents' conversions only where meant (the corpus to every target",
        "  against stop 52's code: `QA` and `qa`, one file on macOS and Windows, refused in the",
        "  targets that keep a name's case; three Copilot agents' `agents` lists kept as",
        "  `Agent(a, b)`; eight Gemini CLI outputs list its newer built-in tools) and no merge (the",
        "  79 corpus families' digests): 1,000 agents to Codex with --jobs 1, 1,563.2 -> 1,553.2",
        "  million instructions (-0.6%) against stop 52's code. Run 55 (before its last fixes, which",
        "  convert none of these agents otherwise; `python -c pass` 25 ms, the floor 0.179 s in the",
        "  group, 0.171 s in the peer rounds): merge of 100 variants 0.761 s (2-variant 0.137 s),",
        "  growth 3.21x; Codex 1.81x / 1.32x in the group, 1.81x / 1.38x in the peer rounds;",
        "  rulesync 4.2x at 1,000 (rulesync 1.00 s, faster than at any run before; the floor 5.8x),",
        "  10.4x at 100; one-file 2.30x, --version 0.90x; sync with nothing changed 0.59 s. Run",
        "  56 was the table then.",
        "- Stop 54 changed no conversion of these agents (the corpus to every target, logs too,",
        "  against stop 53's code, but for the 20 Copilot agents with MCP servers, which reach",
        "  Claude Code as the list it takes) and no merge: 1,000 agents to Codex with",
        "  --jobs 1, 1,555.2 -> 1,556.7 million instructions (+0.1%) against stop 53's code",
        "  measured again. Run 57 (`python -c pass` 26 ms, the floor 0.162 s in the group, 0.143 s",
        "  in the peer rounds, its fastest yet): merge of 100 variants 0.618 s (2-variant 0.134",
        "  s), growth 2.66x; Codex 1.95x / 1.31x in the group, 2.16x / 1.56x in the peer rounds;",
        "  rulesync 4.3x at 1,000 (rulesync 0.949 s, faster again; the floor 6.6x), 10.6x at 100;",
        "  one-file 2.29x, --version 0.92x; sync with nothing changed 0.53 s. Run 58 was the",
        "  table then.",
        "- Stop 55 changed no conversion of these agents (the corpus to every target, logs too,",
        "  against stop 54's code) and no merge: 1,000 agents to Codex with --jobs 1, 1,557.2 ->",
        "  1,558.7 million instructions (+0.1%) against stop 54's code. Run 59 (`python -c pass`",
        "  28 ms, the floor 0.165 s in the group, 0.144 s in the peer rounds): merge of 100",
        "  variants 0.580 s (2-variant 0.108 s), growth 2.65x; Codex 1.93x / 1.35x in the group,",
        "  2.13x / 1.50x in the peer rounds; rulesync 4.5x at 1,000 (rulesync 0.968 s; the floor",
        "  6.7x), 10.8x at 100; one-file 2.35x, --version 0.90x; sync with nothing changed 0.56",
        "  s. Run 60 was the table then.",
        "- Stop 56 changed conversions only where meant (the corpus to every target against stop",
        "  55's code: 42 OpenCode and 26 Gemini CLI outputs gain their author's `temperature`,",
        "  `hidden` or `mode`; here, 20 Copilot agents in `.claude/agents` now give Codex their",
        "  `mcp-servers`) and no merge (the 79 corpus families' digests): 1,000 agents to Codex",
        "  with --jobs 1, 1,558.5 -> 1,593.0 million instructions (+2.2%), those 20 agents'",
        "  servers converted and written; their self-check no longer imports tomllib (+4% with",
        "  it). Run 61 (a slower hour: `python -c pass` 32 ms, the floor 0.236 s in the group,",
        "  0.209 s in the peer rounds): merge of 100 variants 0.978 s (2-variant 0.142 s), growth",
        "  2.76x; Codex 1.84x / 1.30x in the group, 2.05x / 1.48x in the peer rounds; rulesync",
        "  4.2x at 1,000 (rulesync 1.307 s; the floor 6.3x), 10.2x at 100; one-file 2.32x,",
        "  --version 0.85x; sync with nothing changed 0.68 s. Run 62 was the table then.",
        "- Stop 57 changed no conversion of these agents (the corpus to every target, logs too,",
        "  against stop 56's code: what it changed are folder walks, which pass over a tool's",
        "  commands, skills and templates, OpenCode's mode files, `fix` and diagnostics) and no",
        "  merge: 1,000 agents to Codex with --jobs 1, 1,592.9 -> 1,600.3 million instructions",
        "  (+0.5%: two more OpenCode file patterns, the walk's checks). Run 63 (`python -c pass`",
        "  35 ms, the floor 0.245 s in the group, 0.190 s in the peer rounds): merge of 100",
        "  variants 0.701 s (2-variant 0.134 s), growth 2.70x; Codex 1.83x / 1.37x in the group,",
        "  1.71x / 1.25x in the peer rounds; rulesync 4.7x at 1,000 (rulesync 1.124 s; the floor",
        "  5.9x), 9.8x at 100; one-file 2.31x, --version 0.90x; sync with nothing changed 0.72",
        "  s. Run 64 was the table then.",
        "- Stop 58 changed the conversion of 25 of the corpus's agents (6 OpenCode agents gain",
        "  their Claude Code colour as a shade, 9 their Copilot `user-invocable: false` as",
        "  `hidden: true`, 10 Copilot agents an OpenCode `mode: primary` as",
        "  `disable-model-invocation: true`) and no merge: 1,000 agents to Codex with --jobs 1,",
        "  1,600.8 -> 1,603.7 million instructions (+0.2%: the settings shared between tools).",
        "  Run 65 (`python -c pass` 28 ms, the floor 0.177 s in the group, 0.153 s in the peer",
        "  rounds): merge of 100 variants 0.618 s (2-variant 0.119 s), growth 2.55x; Codex",
        "  1.87x / 1.57x in the group, 2.01x / 1.44x in the peer rounds; rulesync 4.5x at 1,000",
        "  (rulesync 0.982 s; the floor 6.4x), 10.2x at 100; one-file 2.27x, --version 0.82x;",
        "  sync with nothing changed 0.68 s. Run 66 was the table then.",
        "- Stop 59 changed the conversion of 41 of the corpus's agents, to Cursor only (each",
        "  header line written as the text Cursor's own loader reads) and no merge: 1,000 agents",
        "  to Codex with --jobs 1, 1,603.2 -> 1,602.9 million instructions (no change). Run 67",
        "  (`python -c pass` 27 ms, the floor 0.162 s in the group, 0.149 s in the peer rounds):",
        "  merge of 100 variants 0.686 s (2-variant 0.122 s), growth 2.77x; Codex 1.94x / 1.33x",
        "  in the group, 2.12x / 1.56x in the peer rounds; rulesync 4.5x at 1,000 (rulesync",
        "  1.060 s; the floor 7.1x), 10.9x at 100; one-file 2.51x, --version 0.91x; sync with",
        "  nothing changed 0.55 s. Run 68 was the table then.",
        "- Stop 60 changed the conversion of 3 of the corpus's agents, to Codex only (a",
        "  description's last line end, which Codex trims, not written) and no merge; each",
        "  header read in full is checked for a comment glued to its value: 1,000 agents to",
        "  Codex with --jobs 1, 1,605.2 -> 1,614.0 million instructions (+0.5%; its first",
        "  version, which looked for a Codex role's lines in every role read, cost +27%). Run",
        "  69 (`python -c pass` 25 ms, the floor 0.159 s in the group, 0.145 s in the peer",
        "  rounds): merge of 100 variants 0.564 s (2-variant 0.106 s), growth 2.58x; Codex",
        "  1.96x / 1.41x in the group, 2.10x / 1.48x in the peer rounds; rulesync 4.1x at",
        "  1,000 (rulesync 0.890 s; the floor 6.1x), 10.0x at 100; one-file 2.32x, --version",
        "  0.85x; sync with nothing changed 0.50 s. Run 70 was the table then.",
        "- Stop 61 changed no output of the corpus; each plain value that starts with a digit,",
        "  a sign or a point is checked for another tool's YAML reading (js-yaml's `1_000` and",
        "  dates): 1,000 agents to Codex with --jobs 1, 1,614.2 -> 1,621.0 million",
        "  instructions (+0.4%), to Claude Code +0.9% (its first version, ten patterns compiled",
        "  at start and a check of every string, +1.2% and +1.8%). Run 71 (`python -c pass`",
        "  22 ms, the floor 0.155 s in the group, 0.142 s in the peer rounds): merge of 100",
        "  variants 0.557 s (2-variant 0.099 s), growth 2.65x; Codex 1.96x / 1.32x in the",
        "  group, 2.14x / 1.46x in the peer rounds; rulesync 4.3x at 1,000 (rulesync 0.893 s;",
        "  the floor 6.3x), 9.9x at 100; one-file 2.45x, --version 0.89x; sync with nothing",
        "  changed 0.50 s. Run 72 was the table then.",
        "- Stop 62 changed no output of the corpus; a tool list written for Claude Code is",
        "  checked for a line its reader takes as every tool (`tools: all`, now written as a",
        "  list): 1,000 agents to Codex with --jobs 1, 1,621.0 -> 1,618.6 million instructions",
        "  (no change), to Claude Code 1,855.8 -> 1,858.7 (+0.2%). Run 73 (`python -c pass`",
        "  23 ms, the floor 0.156 s in the group, 0.141 s in the peer rounds): merge of 100",
        "  variants 0.544 s (2-variant 0.100 s), growth 2.60x; Codex 1.97x / 1.33x in the",
        "  group, 2.12x / 1.43x in the peer rounds; rulesync 4.2x at 1,000 (rulesync 0.854 s;",
        "  the floor 6.1x), 9.8x at 100; one-file 2.43x, --version 0.90x; sync with nothing",
        "  changed 0.49 s. Run 74 was the table then.",
        "- Stop 63 changed no output of the corpus but the order of two tools in six Claude",
        "  Code files (an OpenCode agent's `tools: {edit: false, write: false}` is one `edit:",
        "  deny`, written `Write, Edit`): an OpenCode agent's `permission` and `tools` are read",
        "  as OpenCode builds them (switches folded into `edit`, the last rule that matches",
        "  deciding): 1,000 agents to OpenCode 2,230.7 -> 2,242.9 million instructions (+0.55%;",
        "  its first version +4.8%), to Codex no change (1,619.7), to Claude Code +0.3%. Run 75",
        "  (`python -c pass` 24 ms, the floor 0.166 s in the group, 0.141 s in the peer",
        "  rounds): merge of 100 variants 0.561 s (2-variant 0.101 s), growth 2.63x; Codex",
        "  1.98x / 1.50x in the group, 2.13x / 1.50x in the peer rounds; rulesync 4.1x at 1,000",
        "  (rulesync 0.869 s; the floor 6.2x), 9.6x at 100; one-file 2.40x, --version 0.89x;",
        "  sync with nothing changed 0.53 s. Run 76 was the table then.",
        "- Stop 64 changed no output of the corpus: YAML merge keys (`<<: *base`) are applied",
        "  as each tool's parser applies them, and a key that is not text is the text the",
        "  tools make of it: 1,000 agents to Codex 1,621.2 -> 1,624.4 million instructions",
        "  (+0.2%), to Claude Code 1,857.0 -> 1,872.1 (+0.8%: a `<<` key is looked for in",
        "  what is written), to OpenCode +0.4%. Run 77, on a slower host (`python -c pass`",
        "  30 ms, the floor 0.164 s in the group, 0.150 s in the peer rounds): merge of 100",
        "  variants 0.686 s (2-variant 0.107 s), growth 3.06x; Codex 1.98x / 1.75x in the",
        "  group, 2.07x / 1.51x in the peer rounds, where an interleaved A/B right after gave",
        "  240.4 ms against the stop's start's 239.1 ms (15 rounds); rulesync 4.2x at 1,000",
        "  (rulesync 0.950 s; the floor 6.3x), 10.3x at 100; one-file 2.40x, --version 0.90x;",
        "  sync with nothing changed 0.51 s. Run 78 was the table then.",
        "- Stop 65 changed no output of the corpus: YAML's own tags written out (`!!binary`,",
        "  `!!set`) are read as each tool's parser builds them, and odd headers that made",
        "  `fix` or a reader raise an internal error are read or refused: 1,000 agents to Codex",
        "  1,623.5 -> 1,630.0 million instructions (+0.4%; its first version +23%: a role's",
        "  text scanned for `inf`), to Claude Code +0.0%, to OpenCode +0.05%. Run 79 (`python",
        "  -c pass` 23 ms, the floor 0.156 s in the group, 0.139 s in the peer rounds): merge",
        "  of 100 variants 0.538 s (2-variant 0.102 s), growth 2.57x; Codex 1.98x / 1.36x in",
        "  the group, 2.18x / 1.45x in the peer rounds; rulesync 4.2x at 1,000 (rulesync",
        "  0.854 s; the floor 6.1x), 9.5x at 100; one-file 2.45x, --version 0.92x; sync with",
        "  nothing changed 0.50 s. The table above is run 80.",
        "",
        "Groups: *start-up* compares with `python -c pass` in the same environment; *corpus*",
        "converts every Markdown agent of `../shared/corpus` (one process per direction) and",
        "compares with `bench/floor.py` (read, split the frontmatter, PyYAML's C loader, JSON",
        "dump: no repair, no checks, one process); *scale* does the same with the corpus",
        "copied to about 10,000 files; *merge* merges generated variants of one corpus agent of",
        "about 10 KB (items dropped and reworded at random, seeded), ratio against 2 variants;",
        "*codex* converts 100 and 1,000 corpus agents, each renamed to a name of its own, to",
        "Codex's layout against the floor script on the same files; *sync* keeps 1,000 such",
        "agents in all 8 tool layouts (first run, nothing changed) against 8 `convert` runs;",
        "*disk* repeats the corpus conversion on disk; *peer* converts 1,000 Claude agents (and",
        "100 of them) to Codex with rulesync and with agentmorph, round after round.",
    ]
    earlier = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        marker = old.find("\n## Earlier runs")
        earlier = old[marker:] if marker != -1 else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n" + earlier, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
