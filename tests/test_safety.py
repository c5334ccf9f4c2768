"""Output safety: links, read-only folders, concurrent writers, interruption, untouched inputs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter.cli import build_app
from tests.conftest import FIXTURES, SHARED, ctrl_c_as_from_a_terminal

RUNNER = CliRunner()
APP = build_app()
BASIC = FIXTURES / "markdown" / "basic.md"
AGENTMORPH = [sys.executable, "-m", "converter"]


def _tree(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(count):
        shutil.copyfile(BASIC, source / f"agent-{number:04}.md")
    return source


def test_links_out_of_the_input_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    shutil.copyfile(BASIC, outside)
    source = _tree(tmp_path, 1)
    (source / "link.md").symlink_to(outside)
    result = RUNNER.invoke(
        APP, ["convert", str(source), "-o", str(tmp_path / "out"), "--to", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert "symlink-skipped" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["agent-0000.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = RUNNER.invoke(APP, ["convert", str(BASIC), "-o", str(locked / "a.json")])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_an_output_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = RUNNER.invoke(APP, ["convert", str(BASIC), "-o", str(blocker / "a.json")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_processes_writing_one_folder_leave_whole_files(tmp_path: Path) -> None:
    source = _tree(tmp_path, 60)
    out = tmp_path / "out"
    command = [*AGENTMORPH, "convert", str(source), "-o", str(out), "--to", "json", "--force", "-q"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, stderr=subprocess.PIPE)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    written = sorted(out.iterdir())
    assert [p.name for p in written] == [f"agent-{n:04}.json" for n in range(60)]  # no temp files
    for path in written:
        assert json.loads(path.read_text())["name"] == "changelog-writer"


def test_without_force_the_second_writer_never_overwrites(tmp_path: Path) -> None:
    source = _tree(tmp_path, 20)
    out = tmp_path / "out"
    command = [*AGENTMORPH, "convert", str(source), "-o", str(out), "--to", "json", "-q"]
    runs = [subprocess.run(command, capture_output=True, text=True, check=False) for _ in range(2)]
    assert runs[0].returncode == 0
    assert runs[1].returncode == 1 and "not overwritten" in runs[1].stderr
    assert len(list(out.iterdir())) == 20


@pytest.mark.parametrize(
    ("jobs", "how"),
    [
        ("1", "sigterm"),
        ("2", "sigterm"),  # to the parent alone, as a service manager sends it
        ("2", "ctrl-c"),  # SIGINT to the whole process group, as a terminal sends it
    ],
)
def test_an_interrupt_stops_a_batch_without_partial_files(
    tmp_path: Path, jobs: str, how: str
) -> None:
    source = _tree(tmp_path, 3000)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*AGENTMORPH, "convert", str(source), "-o", str(out), "--to", "json", "--jobs", jobs],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: worker processes are in it
        preexec_fn=ctrl_c_as_from_a_terminal,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    if how == "sigterm":
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the batch finished before the signal arrived")
    assert process.returncode == 130, stderr  # (what it said, should it ever differ)
    assert "interrupted after" in stderr and "no partial file" in stderr
    assert "Traceback" not in stderr  # not from the parent, not from a worker
    # outputs are written as they come: the count told is the files there
    told = re.search(r"\((\d+) written\)", stderr)
    assert told is not None and int(told.group(1)) == len(list(out.iterdir())), stderr
    for path in out.iterdir():
        assert not path.name.startswith("."), f"temporary file left: {path.name}"
        assert json.loads(path.read_text())["name"] == "changelog-writer"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # workers (--jobs 2) stop with the batch
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a process of the interrupted batch outlived it")


@pytest.mark.corpus
def test_no_command_alters_a_corpus_file(tmp_path: Path) -> None:
    files = sorted(p for p in (SHARED / "corpus").rglob("*") if p.is_file())
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    sample = [str(p) for p in files if p.suffix == ".md"][:40]
    commands = [
        ["convert", str(SHARED / "corpus"), "-o", str(tmp_path / "json"), "--to", "json", "-q"],
        ["convert", *sample[:5], "-o", str(tmp_path / "xml"), "--to", "xml", "-q"],
        ["convert", sample[0], "--to", "markdown", "--normalize", "--check"],
        ["merge", *sample[:4], "-o", str(tmp_path / "merged.md"), "-q"],
        ["diff", sample[0], sample[1]],
    ]
    for arguments in commands:
        subprocess.run([*AGENTMORPH, *arguments], capture_output=True, check=False, timeout=300)
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    assert after == before


def test_an_unwritable_location_is_a_clear_error_even_for_root() -> None:
    # /proc refuses new files to every user, root included
    result = RUNNER.invoke(APP, ["convert", str(BASIC), "-o", "/proc/agentmorph-test/a.json"])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr
