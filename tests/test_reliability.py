"""Regression tests for the hostile and unlucky cases of the reliability issue, each through
the command line: no input destroyed, nothing outside -o, no hang, bounded memory, clean
errors. (Data-loss cases with exact messages are transcripts: tests/transcripts/.)"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter.cli import build_app
from tests.conftest import FIXTURES, ctrl_c_as_from_a_terminal

RUNNER = CliRunner()
APP = build_app()
BASIC = FIXTURES / "markdown" / "basic.md"
AGENTMORPH = [sys.executable, "-m", "converter"]
#: a command that should take a second is given this long before it counts as a hang
HANG = 60


def run(*arguments: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(APP, list(arguments), input=stdin)


def test_an_output_never_escapes_the_output_folder_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / ".codex").symlink_to(elsewhere)  # a cloned repository can hold such a link
    result = run(
        "convert", str(BASIC), str(BASIC.with_name("comments.md")), "-o", str(out), "--to", "codex"
    )
    assert result.exit_code == 1
    assert "would leave" in result.stderr
    assert list(elsewhere.rglob("*")) == []


@pytest.mark.parametrize("force", [False, True])
def test_an_input_under_another_name_is_never_written_over(tmp_path: Path, force: bool) -> None:
    """A hard link to the input where the output goes is the input: refused as one (not
    "use --force"), with or without --force, and left as it was."""
    source = tmp_path / "in.md"
    shutil.copyfile(BASIC, source)
    out = tmp_path / "out"
    out.mkdir()
    os.link(source, out / "in.json")  # the name the output gets
    result = run("convert", str(source), "-o", str(out), "--to", "json", *(["--force"] * force))
    assert result.exit_code == 1
    assert "is an input; agentmorph never writes over its inputs" in result.stderr
    assert "--force" not in result.stderr.split("hint:")[-1]
    assert source.read_bytes() == BASIC.read_bytes()


def test_standard_input_obeys_the_size_limit_while_reading() -> None:
    # `yes |` never ends: reading must stop at the limit instead of filling the memory
    producer = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        done = subprocess.run(
            [*AGENTMORPH, "convert", "-", "--from", "markdown", "--to", "json", "--name", "x",
             "--max-size", "1000000"],
            stdin=producer.stdout, capture_output=True, text=True, timeout=HANG,
        )  # fmt: skip
    finally:
        producer.kill()
    assert done.returncode == 1
    assert "over the 1,000,000-byte limit" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_stops_a_command_waiting_on_standard_input() -> None:
    process = subprocess.Popen(
        [*AGENTMORPH, "convert", "-", "--from", "markdown", "--to", "json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=ctrl_c_as_from_a_terminal,
    )  # fmt: skip
    _wait_reading_stdin(process.pid)  # (not a fixed time: a host may start it slower)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=HANG)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr


def _wait_reading_stdin(pid: int) -> None:
    """Until the process blocks reading a pipe, or sleeps for 0.1 s where the kernel does not
    name its wait (Linux's /proc; elsewhere a second)."""
    deadline, asleep = time.monotonic() + HANG, 0
    while time.monotonic() < deadline and asleep < 5:
        try:
            if "pipe" in Path(f"/proc/{pid}/wchan").read_text():
                return
        except OSError:
            time.sleep(1.0)
            return
        asleep = asleep + 1 if _state(pid) == "S" else 0
        time.sleep(0.02)


def test_a_fifo_in_an_input_folder_is_skipped_not_opened(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copyfile(BASIC, source / "a.md")
    os.mkfifo(source / "p.md")
    for command in (
        ["convert", str(source), "-o", str(tmp_path / "out"), "--to", "json"],
        ["validate", str(source)],
        ["merge", str(source), "-o", str(tmp_path / "merged.md")],
    ):
        done = subprocess.run([*AGENTMORPH, *command], capture_output=True, text=True, timeout=HANG)
        assert "input-skipped" in done.stderr, command
        assert "p.md" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_link_loop_is_an_error_of_that_file_only(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copyfile(BASIC, source / "a.md")
    (source / "loop.md").symlink_to(source / "loop.md")
    result = run("convert", str(source), "-o", str(tmp_path / "out"), "--to", "json")
    assert result.exit_code == 1
    assert "loop.md: error: a symbolic link loop" in result.stderr
    assert (tmp_path / "out" / "a.json").exists()
    assert "Traceback" not in result.stderr


def test_a_link_to_a_folder_is_noted(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copyfile(BASIC, source / "a.md")
    (source / "more").symlink_to(FIXTURES / "family")
    result = run("convert", str(source), "-o", str(tmp_path / "out"), "--to", "json")
    assert result.exit_code == 0
    assert "symlink-skipped" in result.stderr and "a link to a folder" in result.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and prctl")
def test_workers_die_when_their_parent_is_killed(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(1500):
        shutil.copyfile(BASIC, source / f"a{number:04}.md")
    parent = subprocess.Popen(
        [*AGENTMORPH, "convert", str(source), "-o", str(tmp_path / "out"), "--to", "json",
         "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + HANG
    while not workers and time.monotonic() < deadline and parent.poll() is None:
        workers = _children(parent.pid)
        time.sleep(0.02)
    if not workers:
        pytest.skip("the batch ended before its workers could be seen")
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"}
        time.sleep(0.05)
    assert not alive, f"workers {alive} outlived their parent"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_later_run_removes_the_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(["true"], check=True)  # noqa: F841  (its pid is gone now)
    stale = out / f".a.json.agentmorph-{_dead_pid()}-abcd1234.tmp"
    live = out / f".a.json.agentmorph-{os.getpid()}-abcd1234.tmp"
    other = out / ".a.json.XXXX.tmp"  # not ours: never touched
    for path in (stale, live, other):
        path.write_text("partial")
    result = run("convert", str(BASIC), "-o", str(out / "a.json"), "--force")
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    assert live.exists() and other.exists()


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("big.json", '{"name": "a", "metadata": {"x": ' + "1" * 5000 + "}}", "5,000 digits"),
        ("big.toml", 'name = "a"\n[metadata]\nx = ' + "1" * 5000 + "\n", "4,300 digits"),
        ("surrogate.json", '{"name": "a", "instructions": "\\udfff"}', "lone surrogate"),
        ("deep.json", '{"name": "a", "metadata": {"x": ' + "[" * 500 + "]" * 500 + "}}", "deeper than 64"),
        ("deep.toml", 'name = "a"\n[metadata]\nx = ' + "[" * 400 + "]" * 400 + "\n", "deeper than 64"),
        ("utf16.md", "\ufeff---\nname: a\n---\n", "UTF-16 is not supported"),
        ("empty.md", "", "empty agent file"),
    ],
)  # fmt: skip
def test_bad_values_are_clean_errors(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16") if name.startswith("utf16") else text.encode())
    for command in (
        ["convert", str(path), "--to", "markdown"],
        ["validate", str(path)],
        ["diff", str(path), str(path)],
        ["merge", str(path), str(path)],
    ):
        result = run(*command)
        assert result.exit_code == 1, (command, result.stderr)
        assert message in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout


def test_a_huge_yaml_integer_is_kept_as_text() -> None:
    text = "---\nname: a\ndescription: d\nx: " + "1" * 5000 + "\n---\nBody.\n"
    result = run("convert", "-", "--from", "markdown", "--to", "json", stdin=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["x"] == "1" * 5000


def test_metadata_nested_within_the_limit_converts_to_markdown_and_back(tmp_path: Path) -> None:
    # written under x-agentmorph it is nested two levels deeper: the self-check allows that
    source = tmp_path / "a.json"
    source.write_text('{"name": "a", "metadata": {"x": ' + "[" * 62 + "]" * 62 + "}}")
    result = run("convert", str(source), "-o", str(tmp_path / "a.md"))
    assert result.exit_code == 0, result.stderr


def test_a_value_a_format_cannot_hold_is_refused_not_written_unreadable(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_text('{"name": "a", "instructions": "a\\u0000b"}')
    out = tmp_path / "x.md"
    result = run("convert", str(source), "-o", str(out))
    assert result.exit_code == 1
    assert "cannot hold a NUL character" in result.stderr
    assert not out.exists()
    assert run("convert", str(source), "-o", str(tmp_path / "x.toml")).exit_code == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["convert", str(BASIC), "--to", "json", "--max-size", "-5"],
        ["convert", str(BASIC), "--to", "json", "--max-depth", "-1"],
        ["convert", str(BASIC), "--to", "json", "--max-nodes", "0"],
        ["merge", str(BASIC), "--item-threshold", "5"],
        ["merge", str(BASIC), "--item-threshold", "-1"],
        ["merge", str(BASIC), "--item-threshold", "nan"],
        ["merge", str(BASIC), "--section-threshold", "nan"],
        ["convert", str(BASIC), "--to", "json", "--jobs", "0"],
    ],
)
def test_bad_option_values_are_usage_errors(arguments: list[str]) -> None:
    result = run(*arguments)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_notes_in_a_variants_folder_are_not_merged(tmp_path: Path) -> None:
    folder = tmp_path / "variants"
    folder.mkdir()
    shutil.copyfile(BASIC, folder / "a.md")
    shutil.copyfile(BASIC, folder / "b.md")
    (folder / "notes.txt").write_text("Remember to ask about the chef.\n")
    result = run("merge", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "chef" not in result.stdout
    assert "notes.txt" in result.stderr and "input-skipped" in result.stderr


def test_a_long_non_ascii_name_is_cut_to_255_bytes_not_120_characters(tmp_path: Path) -> None:
    name = "é" * 200  # 400 bytes
    source = tmp_path / "a.md"
    source.write_text(f"---\nname: {name}\ndescription: d\n---\nBody.\n", encoding="utf-8")
    out = tmp_path / "out"
    # OpenCode names an agent after its file, so the name is kept (only made a file name)
    result = run("convert", str(source), str(BASIC), "-o", str(out), "--to", "opencode")
    assert result.exit_code == 0, result.stderr
    written = [p.name for p in (out / ".opencode" / "agents").iterdir() if p.name.startswith("é")]
    assert written and 200 < len(written[0].encode()) <= 255


def test_a_huge_header_is_refused_without_calling_it_an_alias_bomb() -> None:
    text = "---\nname: a\n" + "".join(f"k{n}: v\n" for n in range(60_000)) + "---\nBody.\n"
    result = run("convert", "-", "--from", "markdown", "--to", "json", stdin=text)
    assert result.exit_code == 1
    assert "alias bomb" not in result.stderr
    assert "--max-nodes" in result.stderr


@pytest.mark.parametrize("count", [20_000])
def test_many_headings_convert_without_quadratic_time(tmp_path: Path, count: int) -> None:
    # At 20,000 sections a quadratic step takes minutes; linear work takes about a second.
    # The bound only tells a hang from a slow machine: speed is measured by make bench.
    body = "".join(f"## Heading {n}\n\nText {n}.\n\n" for n in range(count))
    source = tmp_path / "a.md"
    source.write_text(f"---\nname: a\ndescription: d\n---\n{body}")
    for command in (
        ["convert", str(source), "-o", str(tmp_path / "a.xml")],
        [
            "convert",
            str(tmp_path / "a.xml"),
            "-o",
            str(tmp_path / "b.md"),
            "--sections",
            "markdown",
        ],
        ["diff", str(source), str(tmp_path / "b.md")],
    ):
        done = subprocess.run([*AGENTMORPH, *command], capture_output=True, text=True, timeout=HANG)
        assert done.returncode in (0, 1), done.stderr


def test_item_matching_does_bounded_work_per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    # merge's index of one section's items: past FULL_SCAN keys a query scores at most
    # CANDIDATES of them, and past the budget only exact duplicates are found
    from converter.merging.clusters import KeyIndex

    index = KeyIndex()
    words = [f"word{n}x" for n in range(40)]
    for n in range(3_000):  # every key shares its words with many others
        index.append(" ".join(sorted({words[n % 40], words[(n * 7) % 40], f"unique{n}"})))
    before = index.spent
    found = index.matches(index.keys[1234], 70)
    assert index.spent - before <= KeyIndex.CANDIDATES
    assert found[0] == 1234
    monkeypatch.setattr(KeyIndex, "BUDGET", index.spent)
    assert index.exhausted
    assert index.matches(index.keys[77], 70) == [77]  # an exact duplicate is still found
    assert index.matches(index.keys[77] + "s", 70) == []


def test_a_limited_match_is_the_head_of_the_full_one() -> None:
    # callers that want the best few ask rapidfuzz for them only: the same answer, sooner
    from converter.merging.clusters import KeyIndex

    index = KeyIndex()
    for n in range(1_500):  # past FULL_SCAN: candidates come from the stem postings
        index.append(f"item number {n % 300} about topic {n % 97}")
    for probe in ("item number 12 about topic 12", "topic 5 about item", "nothing alike"):
        full = index.matches(probe, 60)
        for limit in (1, 3, 32):
            assert index.matches(probe, 60, limit=limit) == full[:limit]
    assert len(index.matches("item number 12 about topic 12", 60)) > 32


def test_a_section_of_many_items_merges_and_diffs_in_bounded_time(tmp_path: Path) -> None:
    # 20,000 items in one section: quadratic matching takes many minutes; bounded work
    # a few seconds (the bound only tells a hang from a slow machine)
    def item(n: int) -> str:  # words unlike each other's: no two items are near-duplicates
        digest = hashlib.sha256(str(n).encode()).hexdigest()
        return f"- Check {digest[:12]} against {digest[12:24]}\n"

    for variant in ("a", "b"):
        items = "".join(item(n if n % 3 else -n) for n in range(20_000))
        if variant == "b":
            items = "".join(item(n if n % 2 else -n) for n in range(20_000))
        (tmp_path / f"{variant}.md").write_text(
            f"---\nname: big\ndescription: d\n---\n## Rules\n\n{items}"
        )
    merged = tmp_path / "merged.md"
    for command in (
        ["merge", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(merged), "-q"],
        ["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md")],
    ):
        done = subprocess.run([*AGENTMORPH, *command], capture_output=True, text=True, timeout=HANG)
        assert done.returncode in (0, 1), done.stderr
    text = merged.read_text()
    assert text.count(item(0)) == 1  # in both: said once
    assert item(1) in text and item(-2) in text and item(-3) in text  # in one each


def test_items_too_long_for_edit_distance_are_only_matched_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # edit distance costs the product of two lengths: one item of 6 MB against its copy
    # ran for hours; past FUZZY_CHARS an item is found equal or not at all
    from rapidfuzz import fuzz, process

    from converter import Agent
    from converter.merging import clusters, meaning, merge
    from converter.prompt import items

    longest = items.FUZZY_CHARS

    def checked(function):  # type: ignore[no-untyped-def]
        def call(query, choices, *arguments, **options):  # type: ignore[no-untyped-def]
            shown = [query] + ([choices] if isinstance(choices, str) else list(choices))
            assert len(query) <= longest or all(len(c) <= longest for c in shown[1:])
            return function(query, choices, *arguments, **options)

        return call

    monkeypatch.setattr(clusters.process, "extract", checked(process.extract))
    monkeypatch.setattr(clusters.process, "extractOne", checked(process.extractOne))
    monkeypatch.setattr(meaning.fuzz, "ratio", checked(fuzz.ratio))
    monkeypatch.setattr(items.fuzz, "token_sort_ratio", checked(fuzz.token_sort_ratio))
    numbers = "v" + "1." * (longest * 2) + "1"
    words = " ".join(f"w{n}" for n in range(longest // 2))
    first = Agent(name="a", instructions=f"- {numbers}\n\n{words}\n\n- short point\n")
    second = Agent(name="a", instructions=f"- {numbers}2\n\n{words} more\n\n- short point\n")
    merged = merge([first, second]).agent.instructions
    assert merged.count("short point") == 1  # short items still match
    assert numbers + "\n" in merged and numbers + "2\n" in merged  # long ones: only if equal


def test_patterns_over_long_input_keep_no_state_per_character() -> None:
    # a repeated group that may backtrack costs the regex engine memory per repetition:
    # megabytes of input had cost hundreds of megabytes (a tool list, a name, a JSON line)
    import re
    import tracemalloc

    from converter.fields import split_tools
    from converter.merging.meaning import facts
    from converter.prompt import restyle
    from converter.registry import default_registry
    from formats import json_format

    size = 300_000
    claude_names = re.compile(default_registry().get("claude").rules.name_pattern)
    cases = [
        (lambda: split_tools("Read" + "x" * size), size),
        (lambda: claude_names.fullmatch("a-" * size + "a"), 2 * size),
        (lambda: restyle._LEAD.match(" \n" * size + "text"), 2 * size),
        (lambda: facts.__wrapped__("- " + "1." * size + "1"), 2 * size),
        (lambda: list(json_format._TOP_KEY.finditer('    "' + 'a\\"' * size + '"\n')), 3 * size),
    ]
    for run, length in cases:
        tracemalloc.start()
        try:
            run()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 4 * length + 100_000, f"{peak:,} bytes for {length:,} characters"
