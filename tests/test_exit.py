"""The console script's fast exit (converter/cli/__init__.py `run`): every byte of the output
written, every exit code kept, and Python's ordinary exit whenever work is still running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from converter import cli
from tests.conftest import FIXTURES

AGENTMORPH = [sys.executable, "-m", "converter"]


def _agent(path: Path, lines: int) -> Path:
    body = "".join(f"- Point {n} of a long prompt, written out in full.\n" for n in range(lines))
    path.write_text(f"---\nname: long\ndescription: A long one.\n---\n{body}", encoding="utf-8")
    return path


def test_output_larger_than_any_buffer_is_written_whole(tmp_path: Path) -> None:
    source = _agent(tmp_path / "long.md", 40_000)  # about 2 MB of JSON
    printed = tmp_path / "printed.json"
    with printed.open("wb") as stdout:
        done = subprocess.run(
            [*AGENTMORPH, "convert", str(source), "--to", "json"], stdout=stdout, check=False
        )
    assert done.returncode == 0
    written = tmp_path / "written.json"
    subprocess.run([*AGENTMORPH, "convert", str(source), "-o", str(written)], check=True)
    assert printed.stat().st_size > 2_000_000
    assert printed.read_bytes() == written.read_bytes()


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["--version"], 0),
        (["convert", str(FIXTURES / "markdown" / "basic.md"), "--to", "json"], 0),
        (["convert", "missing.md", "--to", "json"], 1),
        (["convert", str(FIXTURES / "markdown" / "basic.md"), "--to", "nowhere"], 2),
        (["--help"], 0),
    ],
)
def test_the_exit_code_is_the_commands(arguments: list[str], code: int, tmp_path: Path) -> None:
    done = subprocess.run(
        [*AGENTMORPH, *arguments], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == code
    assert done.stdout or done.stderr  # what it said reached us before the exit


def test_work_still_running_gets_pythons_ordinary_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    exits: list[int] = []
    monkeypatch.setattr(os, "_exit", exits.append)
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        cli._leave(0)  # a thread runs: Python's exit waits for it
    finally:
        release.set()
        worker.join()
    cli._leave("a message")  # sys.exit("...") prints it: Python does that
    assert exits == []
    # nothing left running (the test runner's own threads aside): exits now, 0 for None
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.delitem(sys.modules, "multiprocessing", raising=False)
    cli._leave(None)
    assert exits == [0]


FULL = Path("/dev/full")  # Linux: every write fails with "No space left on device"


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "arguments",
    [
        ["convert", str(FIXTURES / "markdown" / "basic.md"), "--to", "json"],
        ["merge", str(FIXTURES / "markdown" / "basic.md"), str(FIXTURES / "markdown" / "basic.md")],
        ["formats"],
        ["--version"],
        ["--help"],
        ["convert", "--help"],
    ],
)
def test_a_full_disk_on_stdout_is_an_error_not_a_traceback(arguments: list[str]) -> None:
    with FULL.open("w") as stdout:
        done = subprocess.run(
            [*AGENTMORPH, *arguments], stdout=stdout, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 1
    assert "cannot write the output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


_CLOSED_PIPE = """
import sys

class Closed:  # what writing to a pipe whose reader is gone raises
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass

    def fileno(self):
        return 1

sys.stdout = Closed()
sys.argv = ["agentmorph", *sys.argv[1:]]
from converter.cli import run
run()
"""


def test_a_closed_pipe_on_stdout_ends_quietly() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CLOSED_PIPE, "convert", str(FIXTURES / "markdown" / "basic.md"),
         "--to", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr, done.stdout) == (1, "", "")


def test_out_says_which_stream_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    from converter.cli.report import out
    from converter.errors import OutputError

    class Full:
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    with pytest.raises(OutputError) as raised:
        out("text")
    assert (
        raised.value.render() == "<stdout>: error: cannot write the output: No space left on device"
    )
