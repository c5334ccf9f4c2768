"""A tool's own file written back to that tool: byte for byte, and nothing said of changes
that were not made (a coarser tool name, a model list cut to one)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from converter import Diagnostics, convert, dumps, loads
from tests.conftest import SHARED

# VS Code names, each finer than the Copilot alias a translation would write (`fetch` is
# `web`, which also allows web search), and a model list (in order of preference)
COPILOT = (
    "---\nname: fixer\ndescription: Fixes failing tests.\n"
    "tools: ['edit/editFiles', 'search', 'runCommands', 'fetch', 'unknownTool']\n"
    "model: ['GPT-5 (copilot)', 'Claude Sonnet 4.5']\n---\nFix the tests.\n"
)


def test_a_copilot_file_written_back_is_unchanged_and_hears_only_of_unknown_names() -> None:
    done = convert(COPILOT, "copilot", path=".github/agents/fixer.agent.md")
    assert done.text == COPILOT
    codes = {d.code.value for d in done.diagnostics}
    assert "tools-widened" not in codes  # the names written are the author's own
    assert "field-dropped" not in codes  # the model list is written as it was
    said = [d.message for d in done.diagnostics if d.code.value == "tool-unmapped"]
    assert said == ["copilot has no name for unknownTool; written as is"]


def test_a_copilot_file_written_anew_still_says_what_its_names_became() -> None:
    # no description: Copilot requires one, so the header is written anew, in its aliases
    text = COPILOT.replace("description: Fixes failing tests.\n", "")
    done = convert(text, "copilot", path=".github/agents/fixer.agent.md")
    assert done.text != text
    assert "tools-widened" in {d.code.value for d in done.diagnostics}


@pytest.mark.corpus
def test_no_own_file_of_the_corpus_written_back_unchanged_hears_of_a_change() -> None:
    checked = 0
    for path in sorted((SHARED / "corpus").rglob("*.agent.md")):
        data = path.read_bytes()
        done = convert(data, "copilot", path=str(path))
        if done.text.encode("utf-8") != data:
            continue
        checked += 1
        changes = [d for d in done.diagnostics if d.code.value in (
            "tools-widened", "field-dropped", "model-unmapped")]  # fmt: skip
        assert not changes, (path.name, changes)
    assert checked > 100  # 223 at this writing


# Kiro CLI's names of now (`read`, `shell`): written anew they are Amazon Q's `fs_read`,
# `execute_bash`, and `fs_read` also allows Grep and Glob
KIRO = (
    '{\n  "name": "reviewer",\n  "description": "Reviews diffs",\n'
    '  "prompt": "Run git diff first.",\n  "tools": ["read", "shell", "@git"],\n'
    '  "allowedTools": ["read"],\n  "model": "claude-sonnet-4.5"\n}\n'
)
CODEX = (
    '# the team\'s reviewer\nname = "reviewer"\ndescription = "Reviews diffs"\n'
    'sandbox_mode = "read-only"\ndeveloper_instructions = """\nRun git diff first.\n"""\n'
)
GEMINI_COMMAND = '# review the staged change\ndescription="Reviews"\nprompt = """\nReview.\n"""\n'


@pytest.mark.parametrize(
    ("target", "path", "text"),
    [
        ("kiro", ".kiro/agents/reviewer.json", KIRO),
        ("kiro", ".kiro/agents/reviewer.json", KIRO.replace("\n", "\r\n")),
        ("codex", ".codex/agents/reviewer.toml", CODEX),
        ("gemini-command", ".gemini/commands/review.toml", GEMINI_COMMAND),
    ],
)
def test_a_whole_file_of_the_tool_comes_back_byte_for_byte(
    target: str, path: str, text: str
) -> None:
    done = convert(text, target, path=path)
    assert done.text == text
    assert not [d for d in done.diagnostics if d.severity.value == "warning"]


def test_a_changed_agent_is_written_anew_and_says_what_its_names_became() -> None:
    agent = loads(KIRO, path=".kiro/agents/reviewer.json")
    diags = Diagnostics()
    text = dumps(replace(agent, description="Reviews diffs, tersely"), "kiro", diagnostics=diags)
    assert '"fs_read"' in text and "Reviews diffs, tersely" in text
    assert "tools-widened" in {d.code.value for d in diags}
    codex = loads(CODEX, path=".codex/agents/reviewer.toml")
    assert "# the team" not in dumps(replace(codex, instructions="Be brief.\n"), "codex")


def test_a_kiro_prompt_from_a_file_is_not_written_back_as_a_reference(tmp_path: Path) -> None:
    # its text was read from the file; written elsewhere, the reference would point nowhere
    (tmp_path / ".kiro" / "agents").mkdir(parents=True)
    (tmp_path / ".kiro" / "prompts").mkdir()
    (tmp_path / ".kiro" / "prompts" / "r.md").write_text("Review.\n")
    source = tmp_path / ".kiro" / "agents" / "r.json"
    source.write_text(KIRO.replace('"Run git diff first."', '"file://../prompts/r.md"'))
    done = convert(source.read_bytes(), "kiro", path=str(source))
    assert '"prompt": "Review.\\n"' in done.text


def test_normalize_writes_the_tools_file_anew() -> None:
    assert convert(CODEX, "codex", path="r.toml", normalize=True).text != CODEX


def test_a_model_the_tool_cannot_run_is_not_kept_by_writing_the_file_back() -> None:
    # Codex 0.171 misreads a role whose model is not in its catalog (make conformance)
    done = convert(CODEX.replace('sandbox_mode', 'model = "gpt-5-codex"\nsandbox_mode'), "codex",
                   path=".codex/agents/reviewer.toml")  # fmt: skip
    assert "gpt-5-codex" not in done.text
    assert "model-unmapped" in {d.code.value for d in done.diagnostics}
