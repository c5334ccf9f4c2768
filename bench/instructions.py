"""Instruction counts of whole runs (callgrind): a measure that does not move with the load.

On shared machines a wall-clock A/B swings by 20% within minutes; the number of instructions
a run executes is the same run after run, so a change of 1% shows. It counts CPU work only:
not system calls, page faults or cache misses, which `make bench` measures in seconds.

    python bench/instructions.py [--count N] [--targets codex,xml] [--checkout DIR ...]

Each target converts the same N corpus agents (each renamed to a name of its own) in one
process (`--jobs 1`); the floor script converts them too. `--checkout` compares other
checkouts of this repository (an older commit's `git worktree`) with the same Python and
packages. Needs valgrind and ../shared/corpus; says so and exits 0 when either is absent.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CORPUS, PYTHON, ROOT, corpus_markdown, prepare_unique, scratch_root

_TOTAL = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(command: list[str], cwd: Path) -> int:
    """The instructions `command` executes, as callgrind counts them (every process it forks
    is counted too: --trace-children)."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--trace-children=yes",
            *command,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    counts = [int(found) for found in _TOTAL.findall(done.stderr)]
    if done.returncode != 0 or not counts:
        raise SystemExit(f"instructions: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return sum(counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="agents to convert (1000)")
    parser.add_argument("--targets", default="codex", help="comma-separated targets (codex)")
    parser.add_argument(
        "--checkout",
        action="append",
        default=[],
        help="another checkout to count as well (repeatable); this one is always counted",
    )
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed; nothing counted", file=sys.stderr)
        return 0
    if not CORPUS.is_dir():
        print(f"instructions: {CORPUS} is absent; nothing counted", file=sys.stderr)
        return 0
    checkouts = [ROOT, *(Path(c).resolve() for c in options.checkout)]
    for checkout in checkouts:  # compiled, as an install is: no module compiled per run
        for package in ("converter", "formats"):
            subprocess.run(
                [PYTHON, "-m", "compileall", "-q", str(checkout / package)],
                check=True,
                capture_output=True,
            )
    where, said = scratch_root()
    with tempfile.TemporaryDirectory(prefix="agentmorph-instructions-", dir=where) as scratch:
        work = Path(scratch)
        source = prepare_unique(work, corpus_markdown(), options.count, "agents")
        floor = instructions(
            [PYTHON, str(ROOT / "bench" / "floor.py"), str(source), str(work / "floor")], ROOT
        )
        print(f"{options.count:,} agents, outputs on {said}; millions of instructions")
        print(f"floor script: {floor / 1e6:,.1f}")
        for target in options.targets.split(","):
            for checkout in checkouts:
                out = work / f"out-{target}-{checkouts.index(checkout)}"
                # `python -m converter` from the checkout runs that checkout's code
                convert = [PYTHON, "-m", "converter", "convert", str(source), "--to", target]
                count = instructions([*convert, "-o", str(out), "--jobs", "1", "-q"], checkout)
                shown = "this checkout" if checkout == ROOT else str(checkout)
                print(f"{target} ({shown}): {count / 1e6:,.1f} ({count / floor:.2f}x the floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
