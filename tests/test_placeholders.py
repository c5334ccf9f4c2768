"""Placeholders a tool fills in a prompt when it runs it: Gemini CLI's `${word}` in a
subagent (its templateString: a word it has no input for fails every run) and `{{args}}`,
`!{...}`, `@{...}` in a command. The prompt is kept byte for byte; what the tool will do with
it is said, both ways (conformance/gemini.mjs runs the bundle's own templateString)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from converter import Diagnostics, dumps, loads
from converter.cli import build_app
from converter.diagnostics import Code
from converter.io.validation import validate_files
from converter.targets.placeholders import found

RUNNER = CliRunner()
APP = build_app()
JS = (
    "---\nname: js-expert\ndescription: Writes JavaScript.\n---\n"
    "Greet with `Hello ${name}`, fetch `/api/${id}` and `${ spaced }`; `${HOME:-/}`.\n"
    "The task: ${query}\n"
)
COMMAND = 'description = "Commits."\nprompt = """\nWrite a message for !{git diff --staged}.\nNotes: {{args}}\n"""\n'


def _said(agent_text: str, target: str, path: str = "agent.md") -> tuple[str, Diagnostics]:
    diags = Diagnostics(path)
    agent = loads(agent_text, path=path, diagnostics=diags)
    written = dumps(agent, format=target, diagnostics=diags)
    return written, diags


def _codes(diags: Diagnostics) -> dict[Code, str]:
    return {d.code: d.message for d in diags.items}


def test_gemini_fills_only_the_inputs_of_a_run_and_fails_on_any_other_word() -> None:
    filled, failing = found(JS, "gemini")
    assert filled == ["${query}"]
    assert failing == ["${name}", "${id}"]  # not `${ spaced }` nor `${HOME:-/}`: its \w+ only
    assert found("`${ spaced }` ${HOME:-/} ${{ secrets.X }}", "gemini") == ([], [])


def test_a_prompt_gemini_would_fail_is_written_as_it_is_and_said() -> None:
    written, diags = _said(JS, "gemini")
    assert written.endswith(JS.split("---\n", 2)[2])  # the prompt, byte for byte
    said = _codes(diags)
    assert "${name}, ${id}" in said[Code.TOOL_REFUSES] and "${ id }" in said[Code.TOOL_REFUSES]
    assert "${query}" in said[Code.TOOL_MISREADS]


def test_no_other_target_says_anything_of_gemini_s_placeholders() -> None:
    for target in ("claude", "codex", "opencode", "copilot", "json", "markdown"):
        _, diags = _said(JS, target)
        assert Code.TOOL_REFUSES not in _codes(diags), target
        assert Code.TOOL_MISREADS not in _codes(diags), target


def test_reading_a_gemini_agent_says_its_runs_fail_and_validate_counts_it(tmp_path: Path) -> None:
    folder = tmp_path / ".gemini" / "agents"
    folder.mkdir(parents=True)
    (folder / "js.md").write_text(JS, encoding="utf-8")
    (folder / "fine.md").write_text(JS.replace("${name}", "$name").replace("${id}", "$id"))
    checked, _ = validate_files([str(folder)])
    issues = {Path(c.job.shown).name: [d.code for d in c.issues] for c in checked}
    assert issues == {"fine.md": [], "js.md": [Code.TOOL_REFUSES]}


def test_validate_target_gemini_calls_a_claude_agent_that_gemini_would_fail(tmp_path: Path) -> None:
    path = tmp_path / "js.md"
    path.write_text(JS, encoding="utf-8")
    checked, _ = validate_files([str(path)], target="gemini")  # read as Gemini reads it
    assert [d.code for d in checked[0].issues] == [Code.TOOL_REFUSES]
    checked, _ = validate_files([str(path)], target="gemini", source_format="markdown")
    assert [d.code for d in checked[0].issues] == [Code.TARGET_RULE]  # as it would convert
    result = RUNNER.invoke(APP, ["validate", str(path), "--target", "gemini"])
    assert result.exit_code == 1 and "${name}, ${id}" in result.output


def test_a_gemini_agent_s_query_is_said_when_another_tool_sends_it_as_text(tmp_path: Path) -> None:
    folder = tmp_path / ".gemini" / "agents"
    folder.mkdir(parents=True)
    (folder / "q.md").write_text("---\nname: q\ndescription: d\n---\nDo ${query} by ${today}.\n")
    result = RUNNER.invoke(APP, ["convert", str(folder / "q.md"), "--to", "claude"])
    assert result.exit_code == 0
    assert "warning[tool-misreads]: Gemini CLI fills ${query}, ${today}" in result.output
    assert "in a subagent's prompt" in result.output
    assert "a Claude Code agent gets them as text" in result.output


def test_a_command_s_placeholders_are_said_for_every_target_but_a_command() -> None:
    path = "proj/.gemini/commands/commit.toml"
    for target in ("claude", "codex", "gemini", "roo", "kiro"):
        written, diags = _said(COMMAND, target, path)
        assert "!{git diff --staged}" in written  # the prompt as written
        message = _codes(diags)[Code.TOOL_MISREADS]
        assert "!{git diff --staged}, {{args}}" in message, target
    for target in ("gemini-command", "json", "toml"):
        _, diags = _said(COMMAND, target, path)
        assert Code.TOOL_MISREADS not in _codes(diags), target


def test_text_a_command_would_run_or_fill_is_said_when_an_agent_becomes_one() -> None:
    agent = "---\nname: c\ndescription: d\n---\nRun !{ls {{args}}} and read @{README.md}; !{open\n"
    written, diags = _said(agent, "gemini-command")
    assert "!{ls {{args}}}" in written
    message = _codes(diags)[Code.TOOL_MISREADS]
    assert "!{ls {{args}}}, @{README.md}, !{open↵" in message


def test_strict_refuses_to_write_an_agent_gemini_would_fail(tmp_path: Path) -> None:
    path = tmp_path / "js.md"
    path.write_text(JS, encoding="utf-8")
    out = tmp_path / "out.md"
    result = RUNNER.invoke(
        APP, ["convert", str(path), "--to", "gemini", "-o", str(out), "--strict"]
    )
    assert result.exit_code != 0 and not out.exists()


def test_copilot_s_tool_references_are_said_when_another_tool_gets_them_as_text() -> None:
    """VS Code's custom agents read `#tool:<name>` in the body as a reference to that tool;
    any other tool sends the text, and names its tools otherwise."""
    copilot = (
        "---\ndescription: Audits.\n---\nSave notes with #tool:memory and #tool:edit/editFiles.\n"
    )
    diags = Diagnostics(".github/agents/audit.agent.md")
    agent = loads(copilot, path=".github/agents/audit.agent.md", diagnostics=diags)
    written = dumps(agent, format="claude", diagnostics=diags)
    assert "#tool:memory and #tool:edit/editFiles." in written  # the prompt as written
    assert _codes(diags)[Code.TOOL_MISREADS] == (
        "GitHub Copilot reads #tool:memory, #tool:edit/editFiles in a custom agent's prompt "
        "as references to its tools; a Claude Code agent gets them as text"
    )
    back = Diagnostics("audit.md")
    dumps(agent, format="copilot", diagnostics=back)  # its own tool: nothing to say
    assert Code.TOOL_MISREADS not in _codes(back)
