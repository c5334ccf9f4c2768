"""Every command-line transcript in tests/transcripts/ runs as written (tests/transcript.py)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter.cli import build_app
from tests import transcript
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "transcripts"
RUNNER = CliRunner()


def _run(step: transcript.Step, scratch: Path) -> transcript.Step:
    command = step.command.replace("$TMP", str(scratch))
    words = shlex.split(command)
    done = transcript.Step(step.command, step.stdin)
    if words[0] == "write":
        path = Path(words[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.stdin or "", encoding="utf-8")
        return done
    if words[0] == "show":
        done.stdout = Path(words[1]).read_text(encoding="utf-8").replace(str(scratch), "$TMP")
        return done
    assert words[0] == "agentmorph", f"a transcript step runs agentmorph, not {words[0]!r}"
    result = RUNNER.invoke(build_app(), words[1:], input=step.stdin)
    done.stdout = result.stdout.replace(str(scratch), "$TMP")
    done.stderr = result.stderr.replace(str(scratch), "$TMP")
    done.exit = result.exit_code
    return done


@pytest.mark.parametrize("path", transcript.files(FOLDER), ids=lambda p: p.stem)
def test_transcript(path: Path, tmp_path: Path, update_goldens: bool) -> None:
    expected = transcript.parse(path.read_text(encoding="utf-8"))
    actual = transcript.Transcript(expected.preamble, [_run(s, tmp_path) for s in expected.steps])
    if update_goldens:
        path.write_text(transcript.render(actual), encoding="utf-8")
        return
    for want, got in zip(expected.steps, actual.steps, strict=True):
        where = f"{path.name}: $ {want.command}"
        assert got.stdout == want.stdout, f"{where}: stdout differs (pytest --update-goldens)"
        assert got.stderr == want.stderr, f"{where}: stderr differs (pytest --update-goldens)"
        assert got.exit == want.exit, f"{where}: exit {got.exit}, expected {want.exit}"


def test_transcripts_round_trip_through_their_own_format() -> None:
    for path in transcript.files(FOLDER):
        text = path.read_text(encoding="utf-8")
        assert transcript.render(transcript.parse(text)) == text, path.name


def _run_process(step: transcript.Step, scratch: Path) -> transcript.Step:
    """A step through the real entry point, as a user runs it: a plain call takes the path
    that parses without typer (converter/cli/__init__.py), anything else typer."""
    import os
    import subprocess
    import sys

    words = shlex.split(step.command.replace("$TMP", str(scratch)))
    if words[0] != "agentmorph":
        return _run(step, scratch)
    done = transcript.Step(step.command, step.stdin)
    result = subprocess.run(
        [sys.executable, "-m", "converter", *words[1:]],
        input=step.stdin or "",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"},
    )
    done.stdout = result.stdout.replace(str(scratch), "$TMP")
    done.stderr = result.stderr.replace(str(scratch), "$TMP")
    done.exit = result.returncode
    return done


@pytest.mark.parametrize("path", transcript.files(FOLDER), ids=lambda p: p.stem)
def test_transcript_through_the_real_entry_point(path: Path, tmp_path: Path) -> None:
    """The fast path (no typer) says exactly what the typer path says."""
    expected = transcript.parse(path.read_text(encoding="utf-8"))
    for want in expected.steps:
        got = _run_process(want, tmp_path)
        where = f"{path.name}: $ {want.command}"
        assert (got.stdout, got.exit) == (want.stdout, want.exit), where
        assert got.stderr == want.stderr, where
