"""What tools keep beside their agents and is no agent: commands, skills, rules, prompt files.

A tool's folder holds more than agents: Claude Code's `.claude/commands` and `.claude/skills`,
Copilot's `.github/prompts`, a Claude Code plugin's `commands/` beside its `agents/`
(formats.md §1.3, §3.1, §4.2, §5.3, §6.3, §7, §8, §9.2). Their files have a header with a
description and a prompt, so a walk read them as agents: a slash command became an agent
with every tool (its `allowed-tools` pre-approve tools, they do not limit them), a skill an
agent its tool never runs. A walk now passes over each such file, said (`input-skipped`), as
it passes over a tool's commands from a project root (said once for each such folder,
`.claude/commands`, which that walk does not enter). A folder named on the command line
that is one of these (`agentmorph convert .claude/commands`), or a skill's own folder, is
read as asked.
"""

from __future__ import annotations

import os
from pathlib import Path

#: (a tool's folder, a folder in it) → what each file of that folder is, no agent
_FOLDERS: dict[tuple[str, str], str] = {
    # formats.md §1.3: commands and skills; the docs: output styles and rules (memory)
    (".claude", "commands"): "a Claude Code slash command",
    (".claude", "skills"): "a Claude Code skill",
    (".claude", "output-styles"): "a Claude Code output style",
    (".claude", "rules"): "a Claude Code rule (memory)",
    # opencode.ai/docs/commands and /skills: singular and plural folders, as its agents'
    (".opencode", "command"): "an OpenCode command",
    (".opencode", "commands"): "an OpenCode command",
    (".opencode", "skill"): "an OpenCode skill",
    (".opencode", "skills"): "an OpenCode skill",
    # formats.md §3.1: Gemini CLI's custom commands (read when named: `gemini-command`)
    (".gemini", "commands"): "a Gemini CLI custom command",
    (".gemini", "skills"): "a Gemini CLI skill",
    # formats.md §4.2, §4.3: Codex's prompts and skills (`.agents/skills`)
    (".codex", "prompts"): "a Codex custom prompt",
    (".codex", "skills"): "a Codex skill",
    (".agents", "skills"): "a skill (.agents/skills)",
    # formats.md §5.3: Copilot's prompt files and instructions
    (".github", "prompts"): "a Copilot prompt file",
    (".github", "instructions"): "a Copilot instructions file",
    (".github", "skills"): "a Copilot skill",
    # GitHub's own templates (docs.github.com: "Configuring issue templates"), any case
    (".github", "issue_template"): "a GitHub issue template",
    (".github", "discussion_template"): "a GitHub discussion template",
    (".github", "pull_request_template"): "a GitHub pull request template",
    # formats.md §6.3: Kiro's steering (rules), prompts and specs
    (".kiro", "steering"): "a Kiro steering file",
    (".kiro", "prompts"): "a Kiro prompt",
    (".kiro", "specs"): "a Kiro spec",
    (".kiro", "skills"): "a Kiro skill",
    # formats.md §7: Cursor's rules and commands; §8.1: Roo's rules and commands
    (".cursor", "rules"): "a Cursor rule",
    (".cursor", "commands"): "a Cursor command",
    (".cursor", "skills"): "a Cursor skill",
    (".roo", "rules"): "a Roo Code rule",
    (".roo", "commands"): "a Roo Code slash command",
    # formats.md §8.2 to §8.5: Cline, Windsurf, Continue, Factory; §13: rulesync's own
    (".clinerules", "workflows"): "a Cline workflow",
    (".windsurf", "rules"): "a Windsurf rule",
    (".windsurf", "workflows"): "a Windsurf workflow",
    (".devin", "rules"): "a Devin rule",
    (".continue", "rules"): "a Continue rule",
    (".continue", "prompts"): "a Continue prompt",
    (".factory", "commands"): "a Factory command",
    (".rulesync", "commands"): "a rulesync command",
    (".rulesync", "rules"): "a rulesync rule",
    (".rulesync", "skills"): "a rulesync skill",
}

#: a Claude Code plugin's folders that hold no agent (`.claude-plugin/` beside them marks a
#: plugin's root; its agents are in `agents/`: formats.md §1.1)
_PLUGIN_FOLDERS = {
    "commands": "a Claude Code plugin's slash command",
    "skills": "a Claude Code plugin's skill",
    "output-styles": "a Claude Code plugin's output style",
    "hooks": "a Claude Code plugin's hook",
}

#: a Gemini CLI extension's folders that hold no agent (`gemini-extension.json` beside them;
#: its agents are in `agents/`, as 0.61.0's extension loader reads them)
_EXTENSION_FOLDERS = {
    "commands": "a Gemini CLI extension's custom command",
    "skills": "a Gemini CLI extension's skill",
    "hooks": "a Gemini CLI extension's hook",
}

#: folders where a tool loads every Markdown file as an agent, whatever its name
_AGENT_FOLDERS = frozenset({"agents", "agent", "chatmodes", "cli-agents", "droids", "modes"})

#: GitHub's templates of one file (docs.github.com: "Creating a pull request template")
_TEMPLATES = {
    "pull_request_template.md": "a GitHub pull request template",
    "issue_template.md": "a GitHub issue template",
}

#: the name of a skill's file (the Agent Skills format, formats.md §9.2)
SKILL_FILE = "skill.md"


#: the format of a plugin's agents, by the mark of its root: Claude Code loads a plugin's
#: `agents/*.md` as its own agents (formats.md §1.1), Gemini CLI 0.61 an extension's (its
#: extension loader), so they are read as theirs; a root with both is Claude Code's first
PLUGIN_AGENTS = {".claude-plugin": "claude", "gemini-extension.json": "gemini"}


def plugin_agents_added(
    found: list[tuple[int, str]], folder: str, file: str
) -> list[tuple[int, str]]:
    """The formats claiming `folder/file` by name, as (specificity, name), with the format of
    a plugin's agents ahead of them when `folder` is a plugin's `agents/` (registry.py)."""
    fmt = plugin_agents(folder) if file.endswith(".md") and folder.endswith("/agents") else None
    if fmt is None or any(name == fmt for _, name in found):
        return found
    return [*found, (max((s for s, _ in found), default=0) + 1, fmt)]


def plugin_agents(folder_path: str) -> str | None:
    """The format of the agents in `folder_path` when it is a plugin's `agents/` folder."""
    return next((fmt for mark, fmt in PLUGIN_AGENTS.items() if marked(folder_path, mark)), None)


def marked(folder_path: str, mark: str) -> bool:
    """Whether `folder_path` is an `agents/` folder with `mark` (a plugin's) beside it."""
    root = os.path.dirname(folder_path)
    return os.path.basename(folder_path) == "agents" and os.path.exists(os.path.join(root, mark))


def folder(parent: str, name: str, path: str) -> str | None:
    """What a folder `name` in a folder named `parent` holds when that is no agent, or None.
    `path` is the folder's own path (a plugin's root is found beside it)."""
    found = _FOLDERS.get((parent, name)) or _FOLDERS.get((parent, name.lower()))
    if found is None and parent == ".roo" and name.startswith("rules-"):
        found = "a Roo Code rule of one mode"  # `.roo/rules-<slug>/`: formats.md §8.1
    plugin = os.path.join(os.path.dirname(path), ".claude-plugin")
    if found is None and name in _PLUGIN_FOLDERS and os.path.isdir(plugin):
        found = _PLUGIN_FOLDERS[name]
    extension = os.path.join(os.path.dirname(path), "gemini-extension.json")
    if found is None and name in _EXTENSION_FOLDERS and os.path.isfile(extension):
        found = _EXTENSION_FOLDERS[name]
    return found


def file(name: str, parent: str) -> str | None:
    """What a file holds when its name says it is no agent (a skill, a Copilot prompt file),
    or None. In a folder whose tool loads every file as an agent, a file is one."""
    if not name.endswith((".md", ".MD")) or parent in _AGENT_FOLDERS:
        return None
    lowered = name.lower()
    if lowered == SKILL_FILE:
        return "a skill (SKILL.md, the Agent Skills format)"
    if lowered.endswith(".prompt.md"):
        return "a Copilot prompt file (.prompt.md)"
    if lowered.endswith(".instructions.md"):
        return "a Copilot instructions file (.instructions.md)"
    if lowered in _TEMPLATES:  # GitHub reads these in the root, docs/ and .github/
        return _TEMPLATES[lowered]
    return None


def named(root: Path) -> bool:
    """Whether a folder named on the command line is itself (or is inside) one of these
    folders, or a skill's own folder: then its files are read as asked."""
    parts = root.parts
    for index in range(1, len(parts)):
        prefix = os.path.join(*parts[: index + 1])
        if folder(parts[index - 1], parts[index], prefix) is not None:
            return True
    return os.path.isfile(root / "SKILL.md")


def plural(what: str) -> str:
    """A folder's files, from what one of them is: `a Claude Code skill` → `Claude Code
    skills`, `a Roo Code rule of one mode` → `Roo Code rules of one mode`."""
    words = what.split(" ", 1)[1].split(" ")
    # the noun is the last word before a qualifier (`of one mode`, `(memory)`)
    end = next((i for i, w in enumerate(words) if i and (w == "of" or w[0] == "(")), len(words))
    noun = words[end - 1]
    words[end - 1] = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return " ".join(words)


#: the end of the note that says a whole folder was passed over (`.claude/commands`)
FOLDER_NOTE_END = "not agents; skipped (name a file of it to read it)"


def folder_note(what: str) -> str:
    """The note for a tool's folder of no agent that a walk does not enter."""
    return f"{plural(what)}, {FOLDER_NOTE_END}"


def reason(what: str) -> str:
    """The note's reason for a file passed over (converter/io/not_agents.py words the rest)."""
    return f"{what}, not an agent"
