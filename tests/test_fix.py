"""`agentmorph fix` and how each tool reads a header (converter/frontmatter/loaders.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from converter import Diagnostics, loads
from converter.errors import ConverterError
from converter.frontmatter import loaders
from converter.frontmatter.fix import fix_text
from converter.frontmatter.split import split
from converter.frontmatter.yaml12 import load_mapping
from converter.io.fixing import FixStatus, fix_files
from tests.conftest import FIXTURES, SHARED
from tests.goldens import assert_golden
from tests.test_own_servers import AS_MAP

MARKDOWN = sorted((FIXTURES / "markdown").glob("*.md"))
TOOLS = ["claude", "strict-yaml"]


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_fix_gives_the_golden_file(path: Path, update_goldens: bool) -> None:
    text = path.read_text(encoding="utf-8")
    fixed = fix_text(text, TOOLS, path=path.name)
    golden = FIXTURES / "fix" / path.name
    if fixed.text is None:
        assert not golden.exists() or update_goldens, f"{path.name} needs no fix now"
        if update_goldens and golden.exists():
            golden.unlink()
        return
    assert_golden(fixed.text, golden, update=update_goldens)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_a_fixed_file_is_read_as_meant_by_every_tool_and_keeps_its_body(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    meant = loaders.meant(text, path=path.name)
    fixed = fix_text(text, loaders.YAML_LOADERS, path=path.name).text or text
    if meant is None:
        assert fixed == text
        return
    for loader in map(loaders.LOADERS.get, loaders.YAML_LOADERS):
        assert loader is not None
        reading = loaders.read_as(loader, fixed, meant.data, path=path.name)
        assert reading.verdict is loaders.Verdict.AS_MEANT, (loader.key, reading.detail)
    before, after = split(text, path="a"), split(fixed, path="b")
    assert before is not None and after is not None
    assert after.body == before.body
    assert fix_text(fixed, loaders.YAML_LOADERS, path=path.name).text is None  # idempotent


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_a_file_fixed_for_cursor_is_read_by_it_as_meant(path: Path) -> None:
    # Cursor reads lines of text, not YAML (cursor_lines.py): fixed for it alone
    text = path.read_text(encoding="utf-8")
    meant = loaders.meant(text, path=path.name)
    fixed = fix_text(text, ["cursor"], path=path.name).text or text
    if meant is None:
        assert fixed == text
        return
    reading = loaders.read_as(loaders.LOADERS["cursor"], fixed, meant.data, path=path.name)
    if reading.verdict is loaders.Verdict.FAILS:  # no prompt: nothing a header fix can change
        assert "no prompt" in reading.detail
        return
    assert reading.verdict is loaders.Verdict.AS_MEANT, reading.detail
    before, after = split(text, path="a"), split(fixed, path="b")
    assert before is not None and after is not None and after.body == before.body
    assert fix_text(fixed, ["cursor"], path=path.name).text is None  # idempotent


def test_fix_reads_a_stray_key_header_as_meant() -> None:
    text = (FIXTURES / "markdown" / "stray-keys.md").read_text()
    assert loads(text, format="markdown").metadata == {
        "user": "Write the notes for 2.3",
        "assistant": "I will use the stray-keys agent",
    }  # Claude Code's reading, reported as tool-misreads
    fixed = fix_text(text, TOOLS).text
    assert fixed is not None
    agent = loads(fixed, format="markdown")
    assert agent.metadata == {}
    assert agent.description is not None and agent.description.endswith('stray-keys agent"')


def test_a_file_that_needs_nothing_is_not_written(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    shutil.copyfile(FIXTURES / "markdown" / "basic.md", source)
    os.utime(source, (1_000_000, 1_000_000))
    results, _ = fix_files([str(source)])
    assert [r.status for r in results] == [FixStatus.UNCHANGED]
    assert source.stat().st_mtime == 1_000_000


def test_fix_keeps_crlf_bom_and_permissions(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    text = (FIXTURES / "markdown" / "unquoted-colon.md").read_text()
    source.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode())
    source.chmod(0o640)
    results, _ = fix_files([str(source)])
    assert [r.status for r in results] == [FixStatus.FIXED]
    data = source.read_bytes()
    assert (
        data.startswith("\ufeff".encode())
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    assert source.stat().st_mode & 0o777 == 0o640


def _corpus() -> list[Path]:
    found = [p for p in (SHARED / "corpus").rglob("*.md") if p.name != "SOURCES.md"]
    return sorted(found) + sorted((SHARED / "seeds").glob("*"))


@pytest.mark.corpus
def test_fix_on_the_corpus_gives_strict_yaml_that_keeps_everything_meant(tmp_path: Path) -> None:
    copies: dict[Path, Path] = {}
    for number, path in enumerate(_corpus()):
        copy = tmp_path / f"{number:04}{''.join(path.suffixes[-2:]) or '.md'}"
        if path.suffix == ".txt":
            copy = copy.with_suffix(".md")
        shutil.copyfile(path, copy)
        os.utime(copy, (1_000_000, 1_000_000))
        copies[copy] = path
    before = {copy: copy.read_bytes() for copy in copies}
    results, _ = fix_files([str(tmp_path)], tools=loaders.YAML_LOADERS)
    assert not [r for r in results if r.status is FixStatus.FAILED]
    fixed = {Path(str(r.job.source)) for r in results if r.status is FixStatus.FIXED}
    for copy in copies:
        text = before[copy].decode("utf-8")
        meant = loaders.meant(text.replace("\r\n", "\n"), path=str(copy))
        after = copy.read_bytes()
        if copy not in fixed:
            assert after == before[copy] and copy.stat().st_mtime == 1_000_000
            continue
        new = after.decode("utf-8").replace("\r\n", "\n")
        parts = split(new, path=str(copy), claude=True)
        assert parts is not None and parts.intended is None
        data, _ = load_mapping(parts.yaml_text, path=str(copy), first_line=2)  # no repair
        assert meant is not None and data == meant.data
        old_parts = split(text.replace("\r\n", "\n"), path="x")
        assert old_parts is not None and parts.body == old_parts.body
    assert fixed, "the corpus holds files that need a fix (the seeds do)"


def test_a_number_where_text_is_meant_is_quoted_and_a_number_meant_is_left() -> None:
    # the tools' YAML parsers read `description: 1.10` as 1.1 (Gemini CLI refuses the agent)
    # and `temperature: 0.50` as 0.5, which is what its author meant
    text = "---\nname: a-b\ndescription: 1.10\ntemperature: 0.50\nversion: 1.10\n---\nx\n"
    fixed = fix_text(text, ["gemini", "copilot", "opencode"], path="a.md")
    assert fixed.text == text.replace("description: 1.10", "description: '1.10'")
    assert fixed.keys == ("description",)
    assert {r.verdict for r in fixed.readings} == {loaders.Verdict.FAILS}
    assert fix_text(fixed.text, ["gemini", "claude"], path="a.md").text is None


@pytest.mark.parametrize(
    ("written", "tools", "fixed", "said"),
    [
        # a key written twice: js-yaml and yaml 2 refuse it; the earlier one becomes comments
        (
            "---\nname: a\ndescription: |\n  first\n  more\ndescription: e\n---\nx\n",
            ["gemini", "copilot", "claude"],
            "---\nname: a\n# description: |\n#   first\n#   more\ndescription: e\n---\nx\n",
            "the first 'description'",
        ),
        # a longer closing line: Copilot CLI refuses it, OpenCode starts the prompt with it
        (
            "---\nname: a\ndescription: d\n-----\nx\n",
            ["copilot"],
            "---\nname: a\ndescription: d\n---\nx\n",
            "the fences",
        ),
        (
            "---\nname: a\ndescription: d\n-----\nx\n",
            ["opencode"],
            "---\nname: a\ndescription: d\n---\nx\n",
            "the fences",
        ),
        # Gemini CLI: a space after the dashes refuses the file, or leaves it no prompt
        (
            "---  \nname: a\ndescription: d\n---\nx\n",
            ["gemini"],
            "---\nname: a\ndescription: d\n---\nx\n",
            "the fences",
        ),
        (
            "---\nname: a\ndescription: d\n--- \nx\n",
            ["gemini"],
            "---\nname: a\ndescription: d\n---\nx\n",
            "the fences",
        ),
    ],
)
def test_fix_rewrites_what_a_tools_own_loader_refuses_or_misreads(
    written: str, tools: list[str], fixed: str, said: str
) -> None:
    found = fix_text(written, tools)
    assert any(r.verdict is not loaders.Verdict.AS_MEANT for r in found.readings)
    assert found.text == fixed and said in found.keys
    # and every tool reads the fixed file as meant, Claude Code too
    again = fix_text(fixed, [*tools, "claude", "strict-yaml"])
    assert again.text is None, again.readings


def test_fix_for_gemini_takes_the_byte_order_mark_off(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_bytes("\ufeff---\r\nname: a\r\ndescription: d\r\n---\r\nx\r\n".encode())
    results, _ = fix_files([str(source)], tools=["gemini"])
    assert [r.status for r in results] == [FixStatus.FIXED] and "the byte-order mark" in results[
        0
    ].keys
    assert source.read_bytes() == b"---\r\nname: a\r\ndescription: d\r\n---\r\nx\r\n"
    results, _ = fix_files([str(source)], tools=["gemini", "claude"])  # nothing left to do
    assert [r.status for r in results] == [FixStatus.UNCHANGED]


def test_a_header_ended_by_yaml_document_end_is_closed_by_fix() -> None:
    # `...` ends a YAML document, but no tool ends a header there (each tool's loader:
    # Gemini CLI and Copilot CLI refuse the agent, Claude Code leaves it out, OpenCode
    # takes the whole file for the prompt)
    text = "---\nname: rev\ndescription: Reviews code\n... \nYou review.\n...\n"
    with pytest.raises(ConverterError) as raised:
        split(text, path="a.md")
    assert "line 4 holds '...'" in (raised.value.hint or "")
    fixed = fix_text(text, loaders.YAML_LOADERS, path="a.md")
    assert fixed.text == "---\nname: rev\ndescription: Reviews code\n---\nYou review.\n...\n"
    assert "the fences" in fixed.keys
    verdicts = {r.loader.key: r.verdict for r in fixed.readings}
    assert verdicts["opencode"] is loaders.Verdict.DIFFERS  # the whole file as the prompt
    assert verdicts["gemini"] is loaders.Verdict.FAILS
    assert fix_text(fixed.text, loaders.YAML_LOADERS, path="a.md").text is None


def test_a_document_end_after_no_header_is_not_taken_for_one() -> None:
    text = "---\nA rule above prose, not a header\n...\nmore\n"
    with pytest.raises(ConverterError) as raised:
        fix_text(text, TOOLS, path="a.md")
    assert "unterminated" in str(raised.value)
    # a file whose header closes keeps a later '...' as prompt text
    closed = "---\nname: a\ndescription: d\n---\nSteps:\n...\n"
    assert fix_text(closed, TOOLS, path="a.md").text is None


def test_a_list_marker_on_the_tools_line_is_not_a_tool() -> None:
    # `tools: - Read` is refused by every tool ("block sequence entries are not allowed in
    # this context"); its author wrote a list's marker, not a tool named '-'
    text = "---\nname: a\ndescription: d\ntools: - Read\n---\nbody\n"
    meant = loaders.meant(text, path="a.md")
    assert meant is not None and meant.data["tools"] == "Read"
    assert fix_text(text, TOOLS, path="a.md").text == text.replace("- Read", "Read")


def test_a_comment_on_a_rewritten_value_is_kept() -> None:
    # a value written again took the comments on its lines with it (`max_turns: 1_0  # ten`
    # became `max_turns: 10`): one at the end of the value's only line stays there, others
    # go on lines of their own above it; a `#` inside a quoted text is the text's
    text = (
        "---\nname: a\ndescription: d\nmax_turns: 1_0  # ten --- not twelve\n"
        "tools:\n  # read only\n  - Read\n  - 0x1F\t# hex\n# end\n"
        'model: "017 # id"\n---\nbody\n'
    )
    fixed = fix_text(text, ["claude", "copilot"], path="a.md")
    assert fixed.text is not None and fixed.keys == ("max_turns", "tools")
    assert "max_turns: 10  # ten - - - not twelve\n" in fixed.text
    assert "\n# read only\n# hex\ntools:\n- Read\n- '0x1F'\n# end\n" in fixed.text
    assert fix_text(fixed.text, ["claude", "copilot"], path="a.md").text is None
    # a block text's comment on its indicator line is a comment (glued, it is spaced out),
    # and a block text that says what was meant is not named as written again
    text = "---\nname: a\ndescription: |#c\n  text\nmodel: 017 # m\n---\nx\n"
    fixed = fix_text(text, ["claude"], path="a.md")
    assert fixed.text == text.replace("|#c", "| #c").replace("017 # m", "'017' # m")
    assert fixed.keys == ("the comments in 'description'", "model")
    # a comment a tool reads as the value's text (Claude Code's `d # e`) is the value's
    fixed = fix_text("---\nname: a\ndescription: d # e\n---\nx\n", ["claude"], path="a.md")
    assert fixed.text == "---\nname: a\ndescription: 'd # e'\n---\nx\n"


def test_a_comment_holding_dashes_inside_a_value_is_kept_with_its_dashes_spaced() -> None:
    # Claude Code closes the header at the first '---', a comment's too: the value is kept
    # as written, every comment with it, and only the dashes are spaced out
    text = (
        "---\nname: a\ndescription: d\nmcp-servers:\n  # the server\n  docs:\n"
        "    args: [\n      'serve',\n      # --- set the port ---\n      '--port'\n    ]\n"
        "---\nbody\n"
    )
    fixed = fix_text(text, ["claude", "gemini"], path="a.md")
    assert fixed.text == text.replace("# --- set the port ---", "# - - - set the port - - -")
    assert fixed.keys == ("the comments in 'mcp-servers'",)


@pytest.mark.parametrize(
    ("lead", "line", "said"),
    [
        ("\n", 2, "comes after a blank line"),
        ("\n \n\t\n", 4, "comes after 3 blank lines"),
        ("  ", 1, "has blanks before its dashes"),
    ],
)
def test_a_header_below_the_first_line_is_said_and_moved_up_by_fix(
    lead: str, line: int, said: str
) -> None:
    # no tool looks past the first line for a header (Gemini CLI 0.61.0: "Missing mandatory
    # YAML frontmatter"; Copilot CLI 1.0.102: "missing or malformed YAML frontmatter"; Claude
    # Code 2.1.332 leaves the agent out; OpenCode 1.18.33 takes the whole file for the prompt)
    header = "---\nname: rev\ndescription: Reviews code\n---\nYou review.\n"
    diags = Diagnostics()
    agent = loads(lead + header, format="claude", path="rev.md", diagnostics=diags)
    assert agent.instructions == lead + header  # the whole file, as the tools read it
    notes = [d.message for d in diags if d.code.value == "no-frontmatter"]
    assert notes and f"the header on line {line} {said}" in notes[0] and "fix" in notes[0]
    fixed = fix_text(lead + header, loaders.YAML_LOADERS, path="rev.md")
    assert fixed.text == header and fixed.keys == ("the header's place",)
    verdicts = {r.loader.key: r.verdict for r in fixed.readings}
    assert verdicts["opencode"] is loaders.Verdict.DIFFERS  # the whole file as the prompt
    assert verdicts["gemini"] is loaders.Verdict.FAILS


@pytest.mark.parametrize(
    "text",
    [
        "<!-- fill in the name -->\n---\nname: rev\ndescription: d\n---\nbody\n",
        "\n---\nNote: a rule in a prompt, then prose.\n\nDo the work.\n",  # never closed
        "\n---\nStep: one\n---\nDo the work.\n",  # closed, but naming no agent
        # a header indented as a whole (pasted from a code block), its prompt too
        "\n    ---\n    name: a\n    description: d\n    ---\n    body\n",
        "  ---\n  name: a\n  ---\n  body\n",  # indented by two, from the first line
    ],
)
def test_a_comment_above_a_header_or_a_rule_in_a_prompt_is_left_to_its_author(text: str) -> None:
    fixed = fix_text(text, TOOLS, path="a.md")
    assert fixed.text is None
    # each tool's reading of a header kept below a comment or indented (`validate --for`),
    # none of a rule
    kept = text.startswith("<!--") or "  name:" in text
    assert bool(fixed.readings) == kept
    assert all(r.verdict is not loaders.Verdict.AS_MEANT for r in fixed.readings)
    diags = Diagnostics()
    loads(text, format="claude", path="a.md", diagnostics=diags)
    said = " ".join(d.message for d in diags if d.code.value == "no-frontmatter")
    assert ("move the comment below the header" in said) == text.startswith("<!--")
    assert ("take the indentation off its lines" in said) == ("  name:" in text)
    assert "'agentmorph fix' moves it up" not in said


def test_fix_says_what_it_leaves_and_moves_what_it_can(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from converter.cli import build_app

    noted = tmp_path / "noted.md"
    noted.write_text("<!-- fill in -->\n---\nname: a\ndescription: d\n---\nbody\n")
    blank = tmp_path / "blank.md"
    blank.write_text("\n---\nname: b\ndescription: d\n---\nbody\n")
    result = CliRunner().invoke(build_app(), ["fix", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"left: {noted}: no header on the first line" in result.stderr
    assert noted.read_text().startswith("<!-- fill in -->")  # the author's to move
    assert blank.read_text() == "---\nname: b\ndescription: d\n---\nbody\n"


@pytest.mark.parametrize("flag", ["--dry-run", "-n"])
def test_a_dry_run_lists_and_shows_what_it_would_fix_writes_nothing_and_exits_0(
    tmp_path: Path, flag: str
) -> None:
    from typer.testing import CliRunner

    from converter.cli import build_app

    broken = tmp_path / "broken.md"
    text = "---\nname: a\ndescription: Use when: the user asks\n---\nbody\n"
    broken.write_text(text)
    result = CliRunner().invoke(build_app(), ["fix", str(tmp_path), flag, "--diff"])
    assert result.exit_code == 0, result.output
    assert f"would fix: {broken}: description" in result.stderr
    assert "+description:" in result.stdout  # the change, shown
    assert broken.read_text() == text
    checked = CliRunner().invoke(build_app(), ["fix", str(tmp_path), flag, "--check"])
    assert checked.exit_code == 1 and broken.read_text() == text  # --check's exit stays


def test_fix_writes_claude_code_servers_as_the_list_it_starts() -> None:
    # read as meant, but Claude Code 2.1.332 starts none of a map of servers, and skips a
    # server with a number in its args (conformance/servers.py)
    fixed = fix_text(AS_MAP, ["claude", "copilot"])
    claude, copilot = fixed.readings
    assert claude.verdict is loaders.Verdict.DIFFERS
    assert "mcpServers is a map" in claude.detail and "args[1] 8080, PORT 8080 not" in claude.detail
    assert copilot.verdict is loaders.Verdict.AS_MEANT  # not its key: it starts none anyway
    assert fixed.text is not None and fixed.keys == ("mcpServers",)
    assert (
        "mcpServers:\n- ping:\n    command: python3\n    args:\n    - server.py\n    - '8080'\n"
        in fixed.text
    )
    assert fix_text(fixed.text, ["claude", "copilot"]).text is None  # fixed once for all
    assert fix_text(AS_MAP, ["copilot"]).text is None  # Claude Code's key, not copilot's


def test_fix_quotes_a_number_in_copilots_servers_which_it_refuses_the_agent_for() -> None:
    text = AS_MAP.replace("mcpServers", "mcp-servers")
    fixed = fix_text(text, ["copilot"])
    (copilot,) = fixed.readings
    assert copilot.verdict is loaders.Verdict.FAILS and "refuses the agent" in copilot.detail
    assert fixed.text is not None and "  ping:\n" in fixed.text and "- '8080'" in fixed.text


@pytest.mark.parametrize("tool", ["claude", "copilot"])
def test_fix_writes_a_tools_text_of_quoted_names_as_the_list_it_means(tool: str) -> None:
    # Claude Code 2.1.332 and Copilot CLI 1.0.102 cut the text at its commas: the quotes
    # stay, and 'azure-mcp/*' names no tool; validate said so, fix left the file as it was
    text = "---\nname: a\ndescription: d\ntools: read, 'azure-mcp/*', \"edit\"\n---\nHelp.\n"
    fixed = fix_text(text, [tool, "strict-yaml"])
    reading = fixed.readings[0]
    assert reading.verdict is loaders.Verdict.DIFFERS
    assert "'azure-mcp/*', \"edit\" keep their quotes" in reading.detail
    assert fixed.text is not None and fixed.keys == ("tools",)
    header = split(fixed.text, path="a.md")
    assert header is not None
    data = load_mapping(header.yaml_text, path="a.md", first_line=2)[0]
    assert data is not None and data["tools"] == ["read", "azure-mcp/*", "edit"]
    assert fix_text(fixed.text, [tool, "strict-yaml"]).text is None  # fixed once for all
    # a text without quotes is read as meant: left alone; a strict reader alone has no opinion
    assert fix_text(text.replace("'", "").replace('"', ""), [tool]).text is None
    assert fix_text(text, ["strict-yaml"]).text is None


def test_a_fixed_header_past_a_limit_is_that_limits_error_not_an_internal_one() -> None:
    from converter.errors import InternalError, LimitError
    from converter.options import Limits

    # each line invalid for every tool (a comma first, then ' ,'), so each is written again;
    # written in full, the header holds more values than the limit
    lines = "".join(f"k{i}: ,v ,w\n" for i in range(600))
    text = f"---\nname: x\ndescription: y\n{lines}---\nBody\n"
    with pytest.raises(LimitError):
        try:
            fix_text(text, ["gemini", "copilot"], path="x.md", limits=Limits(max_nodes=1000))
        except InternalError as error:  # (stop 60: "please report this")
            raise AssertionError(error.message) from None
