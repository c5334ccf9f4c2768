"""What tools keep beside their agents (commands, skills, rules, prompt files) is no agent: a
walk passes over it, said; a file or such a folder named on the command line is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from converter.cli import build_app
from converter.io import beside
from converter.io.inputs import expand
from converter.registry import default_registry
from tests.conftest import write_tree

RUNNER = CliRunner()

AGENT = "---\nname: {name}\ndescription: Reviews code.\ntools: Read, Grep\n---\nReview.\n"
#: a slash command as Claude Code reads one: its allowed-tools pre-approve, they do not limit
COMMAND = "---\ndescription: Commit the staged work\nallowed-tools: Bash(git commit:*)\n---\nCommit $ARGUMENTS.\n"
SKILL = "---\nname: {name}\ndescription: Deploys the app. Use when asked to deploy.\n---\nRun the script.\n"

#: a Claude Code plugin: `.claude-plugin/` marks its root (formats.md §1.1)
PLUGIN = {
    ".claude-plugin/plugin.json": '{"name": "review-kit", "version": "1.0.0"}\n',
    "agents/reviewer.md": AGENT.format(name="reviewer"),
    "commands/commit.md": COMMAND,
    "commands/git/push.md": COMMAND,
    "skills/deploy/SKILL.md": SKILL.format(name="deploy"),
    "skills/deploy/reference.md": "---\nname: ref\ndescription: d\n---\nMore.\n",
    "output-styles/terse.md": "---\nname: Terse\ndescription: Short answers\n---\nBe brief.\n",
}

#: a `.claude` folder given as it is: its agents beside its commands, skills and rules
CLAUDE = {
    "agents/reviewer.md": AGENT.format(name="reviewer"),
    # Claude Code loads every Markdown file of .claude/agents as an agent, whatever its name
    "agents/SKILL.md": AGENT.format(name="skilled"),
    "commands/commit.md": COMMAND,
    "skills/deploy/SKILL.md": SKILL.format(name="deploy"),
    "output-styles/terse.md": "---\nname: Terse\ndescription: Short answers\n---\nBe brief.\n",
    "rules/python.md": "---\npaths: ['**/*.py']\n---\nUse type hints.\n",
}


def _convert(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(build_app(), ["convert", *args])
    return result.exit_code, result.output


def _written(out: Path) -> list[str]:
    if out.is_file():  # one file named: -o names the output file
        return [out.name]
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_a_plugin_converts_its_agents_and_passes_over_its_commands_and_skills(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path / "review-kit", PLUGIN)
    out = tmp_path / "out"
    code, output = _convert(str(root), "--to", "opencode", "-o", str(out))
    assert code == 0, output
    # before, each command and skill became an OpenCode agent with every tool
    assert _written(out) == [".opencode/agents/reviewer.md"]
    assert "skipped in the folders walked" in output and "commands/commit.md" in output
    code, output = _convert(str(root), "--to", "opencode", "-o", str(tmp_path / "o2"), "-v")
    for relative in ("commands/git/push.md", "skills/deploy/SKILL.md", "output-styles/terse.md"):
        assert f"{root / relative}: info[input-skipped]: a Claude Code plugin's " in output


def test_a_claude_folder_given_as_it_is_converts_its_agents_only(tmp_path: Path) -> None:
    root = write_tree(tmp_path / ".claude", CLAUDE)
    out = tmp_path / "out"
    code, output = _convert(str(root), "--to", "codex", "-o", str(out), "-v")
    assert code == 0, output
    assert _written(out) == [".codex/agents/reviewer.toml", ".codex/agents/skilled.toml"]
    assert "commit.md: info[input-skipped]: a Claude Code slash command, not an agent" in output
    assert "python.md: info[input-skipped]: a Claude Code rule (memory), not an agent" in output


@pytest.mark.parametrize("named", ["commands", "commands/commit.md", "skills/deploy"])
def test_a_commands_or_skills_folder_or_file_named_is_read_as_asked(
    tmp_path: Path, named: str
) -> None:
    root = write_tree(tmp_path / ".claude", CLAUDE)
    out = tmp_path / "out"
    code, output = _convert(str(root / named), "--to", "opencode", "-o", str(out))
    assert code == 0, output
    assert len(_written(out)) == 1


def test_copilot_prompt_and_instructions_files_are_passed_over_wherever_they_are(
    tmp_path: Path,
) -> None:
    root = write_tree(
        tmp_path / "collection",
        {
            "agents/planner.agent.md": AGENT.format(name="planner"),
            "prompts/write-tests.prompt.md": "---\nmode: agent\ndescription: d\n---\nTest ${file}.\n",
            "instructions/python.instructions.md": "---\napplyTo: '**/*.py'\n---\nHints.\n",
            # a file a tool loads as an agent keeps its name's meaning: an agent
            ".github/agents/tests.prompt.md": AGENT.format(name="tests"),
            "skills/pdf/SKILL.md": SKILL.format(name="pdf"),
        },
    )
    out = tmp_path / "out"
    code, output = _convert(str(root), "--to", "claude", "-o", str(out))
    assert code == 0, output
    assert _written(out) == [".claude/agents/planner.md", ".claude/agents/tests.md"]
    assert "3 files skipped in the folders walked" in output


def test_a_folder_of_commands_only_says_what_was_passed_over(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "kit", {k: v for k, v in PLUGIN.items() if "agents/" not in k})
    code, output = _convert(str(root), "--to", "codex", "-o", str(tmp_path / "out"))
    assert code != 0
    assert "no agent files found" in output and "passed over, as no agent:" in output
    assert "commands/commit.md" in output


def test_a_commands_folder_outside_a_plugin_is_walked(tmp_path: Path) -> None:
    # no `.claude-plugin/` beside it: nothing says these are a tool's commands
    root = write_tree(tmp_path / "mine", {"commands/helper.md": AGENT.format(name="helper")})
    code, output = _convert(str(root), "--to", "codex", "-o", str(tmp_path / "out"))
    assert code == 0, output
    assert _written(tmp_path / "out") == [".codex/agents/helper.toml"]


@pytest.mark.parametrize("pair", sorted(beside._FOLDERS), ids="/".join)
def test_every_tool_folder_of_the_table_is_passed_over_from_its_tool_folder(
    tmp_path: Path, pair: tuple[str, str]
) -> None:
    tool, folder = pair
    root = write_tree(
        tmp_path / tool,
        {"agents/keep.md": AGENT.format(name="keep"), f"{folder}/x/item.md": COMMAND},
    )
    found = expand([str(root)], default_registry())
    assert [job.relative.as_posix() for job in found.jobs if job.relative] == ["agents/keep.md"]
    skipped = [d for d in found.notes if d.span is not None and d.span.path.endswith("item.md")]
    assert len(skipped) == 1 and skipped[0].message.endswith(
        "; skipped (name the file itself to read it)"
    )
    # named, the folder is read as asked
    named = expand([str(root / folder)], default_registry())
    assert [job.relative.as_posix() for job in named.jobs if job.relative] == ["x/item.md"]


def test_a_roo_mode_rules_folder_is_passed_over(tmp_path: Path) -> None:
    root = write_tree(tmp_path / ".roo", {"rules-code/style.md": COMMAND, "rules/all.md": COMMAND})
    found = expand([str(root)], default_registry(), allow_empty=True)
    assert found.jobs == []
    assert sum(1 for d in found.notes if "a Roo Code rule" in d.message) == 2


#: a GitHub issue template has a name and a prompt-like body: each became a Claude Code agent
TEMPLATE = "---\nname: Bug report\nabout: Report a bug\nlabels: bug\n---\n**Describe it**\n"

#: (root, its files, the one agent written, what the summary names): GitHub's templates; a
#: Gemini CLI extension, whose agents/ 0.61 loads as agents and commands/ as commands
ROOTS_WITH_NO_AGENTS_BESIDE = [
    (
        ".github",
        {
            "agents/planner.agent.md": AGENT.format(name="planner"),
            "ISSUE_TEMPLATE/bug_report.md": TEMPLATE,
            "DISCUSSION_TEMPLATE/idea.md": TEMPLATE,
            "PULL_REQUEST_TEMPLATE.md": "---\nname: Pull request\n---\n## Summary\n",
        },
        "planner",
        "3 files skipped in the folders walked",
    ),
    (
        "my-ext",
        {
            "gemini-extension.json": '{"name": "my-ext", "version": "1.0.0"}\n',
            "agents/auditor.md": AGENT.format(name="auditor"),
            "commands/git/commit.toml": 'description = "Commit"\nprompt = "Commit {{args}}."\n',
        },
        "auditor",
        "commands/git/commit.toml",
    ),
]


@pytest.mark.parametrize(("name", "files", "agent", "said"), ROOTS_WITH_NO_AGENTS_BESIDE)
def test_templates_and_an_extensions_commands_are_no_agents(
    tmp_path: Path, name: str, files: dict[str, str], agent: str, said: str
) -> None:
    root = write_tree(tmp_path / name, files)
    out = tmp_path / "out"
    code, output = _convert(str(root), "--to", "claude", "-o", str(out))
    assert code == 0, output
    assert _written(out) == [f".claude/agents/{agent}.md"]
    assert said in output


def test_a_project_root_says_the_tool_folders_it_does_not_enter(tmp_path: Path) -> None:
    # `.claude/commands` and `.claude/skills` beside `.claude/agents` were passed over with
    # nothing said: a user converting a project root did not learn they were left
    root = write_tree(
        tmp_path / "project",
        {
            ".claude/agents/reviewer.md": AGENT.format(name="reviewer"),
            ".claude/commands/commit.md": COMMAND,
            ".claude/skills/deploy/SKILL.md": SKILL.format(name="deploy"),
            ".gemini/commands/plan.toml": 'description = "Plan"\nprompt = "Plan it."\n',
            ".gemini/agents/planner.md": AGENT.format(name="planner"),
            # nothing a user converts: not said
            ".github/workflows/ci.md": "CI notes.\n",
        },
    )
    code, output = _convert(str(root), "--to", "codex", "-o", str(tmp_path / "out"))
    assert code == 0, output
    assert _written(tmp_path / "out") == [
        ".codex/agents/planner.toml",
        ".codex/agents/reviewer.toml",
    ]
    assert "note: 3 folders skipped in the folders walked" in output
    code, output = _convert(str(root), "--to", "codex", "-o", str(tmp_path / "o2"), "-v")
    commands, skills = root / ".claude/commands", root / ".claude/skills"
    assert f"{commands}: info[input-skipped]: Claude Code slash commands, not agents" in output
    assert f"{skills}: info[input-skipped]: Claude Code skills, not agents" in output
    assert "Gemini CLI custom commands, not agents" in output
    assert "workflows" not in output


def test_a_folder_note_names_the_kind_of_file_in_the_plural() -> None:
    assert beside.plural("a Claude Code slash command") == "Claude Code slash commands"
    assert beside.plural("an OpenCode skill") == "OpenCode skills"
    assert beside.plural("a Claude Code rule (memory)") == "Claude Code rules (memory)"
    assert beside.plural("a skill (.agents/skills)") == "skills (.agents/skills)"
    assert beside.plural("a Roo Code rule of one mode") == "Roo Code rules of one mode"
    assert beside.plural("a Kiro steering file") == "Kiro steering files"


def test_an_empty_file_in_a_walked_folder_is_passed_over_not_a_failure(tmp_path: Path) -> None:
    # an empty README.md at a project root failed the whole run ("empty agent file")
    root = write_tree(
        tmp_path / "project",
        {
            ".claude/agents/reviewer.md": AGENT.format(name="reviewer"),
            "README.md": "",
            "n.md": "\n",
        },
    )
    code, output = _convert(str(root), "--to", "codex", "-o", str(tmp_path / "out"), "-v")
    assert code == 0, output
    assert f"{root / 'README.md'}: info[input-skipped]: holds no agent (an empty file)" in output
    assert "3 inputs: 2 skipped, 1 written" in output
    # named on the command line, it is still an error: the user asked for that file
    code, output = _convert(str(root / "README.md"), "--to", "codex")
    assert code == 1 and "empty agent file" in output
    fixed = RUNNER.invoke(build_app(), ["fix", str(root), "--for", "claude"])
    assert fixed.exit_code == 0, fixed.output
    assert "2 skipped, 1 unchanged" in fixed.output
