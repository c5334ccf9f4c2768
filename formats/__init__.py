"""The built-in formats and tool targets: one module each, listed in one explicit table.

Formats are imported on first use by `converter.registry`.
To add a format, write `formats/<name>_format.py` and add one line here (README, "Adding a format").
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's costs start-up time: the table is read on every run
if TYPE_CHECKING:
    from converter.registry import Entry

# name: ("module:Class", aliases, file-name patterns[, kind]); the aliases, patterns and a
# kind other than "agent" repeat the class's own, so that lookups and folder walks import
# only the formats they need (tests/test_registry.py checks that they agree).
BUILTIN_FORMATS: dict[str, Entry] = {
    "markdown": (
        "formats.markdown_format:MarkdownFormat",
        ("md", "frontmatter", "claude-md"),
        ("*.md", "*.markdown"),
    ),
    "json": ("formats.json_format:JsonFormat", ("agentmorph-json", "canonical"), ("*.json",)),
    "toml": ("formats.toml_format:TomlFormat", ("agentmorph-toml",), ("*.toml",)),
    "xml": ("formats.xml_format:XmlFormat", ("xml-tagged", "tagged"), ("*.xml", "*.txt")),
    # tool targets
    "claude": (
        "formats.claude_format:ClaudeFormat",
        ("claude-code",),
        (".claude/agents/*.md", ".claude/agents/*/*.md", ".claude/agents/*/*/*.md"),
    ),
    "opencode": (
        "formats.opencode_format:OpencodeFormat",
        ("kilo",),
        (
            ".opencode/agent/*.md",
            ".opencode/agents/*.md",
            ".opencode/agent/*/*.md",
            ".opencode/agents/*/*.md",
            ".opencode/agent/*/*/*.md",
            ".opencode/agents/*/*/*.md",
            ".kilo/agent/*.md",
            ".kilo/agents/*.md",
            ".kilocode/agent/*.md",
            ".kilocode/agents/*.md",
            ".opencode/mode/*.md",
            ".opencode/modes/*.md",
            "opencode.json",
            "opencode.jsonc",
            "kilo.json",
            "kilo.jsonc",
        ),
    ),
    "copilot": (
        "formats.copilot_format:CopilotFormat",
        ("github-copilot", "vscode"),
        # Copilot CLI 1.0.102 loads the folders inside .github/agents too (its discovery:
        # `team/x.md` is agent `team--x`)
        (
            "*.agent.md",
            ".github/agents/*.md",
            ".github/agents/*/*.md",
            ".github/agents/*/*/*.md",
            "*.chatmode.md",
            ".github/chatmodes/*.md",
        ),
    ),
    "gemini": (
        "formats.gemini_format:GeminiFormat",
        ("gemini-cli",),
        (".gemini/agents/*.md", ".gemini/agents/*/*.md", ".gemini/agents/*/*/*.md"),
    ),
    "gemini-command": (
        "formats.gemini_command_format:GeminiCommandFormat",
        ("gemini-commands",),
        (".gemini/commands/*.toml", ".gemini/commands/*/*.toml"),
        "command",
    ),
    "cursor": (
        "formats.cursor_format:CursorFormat",
        (),
        tuple(
            f".cursor/agents/{depth}*.{ending}"
            for ending in ("md", "mdc", "markdown")
            for depth in ("", "*/", "*/*/")
        ),
    ),
    "claude-json": (
        "formats.claude_json_format:ClaudeJsonFormat",
        ("claude-agents",),
        ("*.agents.json",),
    ),
    "codex": (
        "formats.codex_format:CodexFormat",
        ("codex-cli", "codexcli"),
        (".codex/agents/*.toml", ".codex/agents/*/*.toml", ".codex/agents/*/*/*.toml"),
    ),
    "kiro": (
        "formats.kiro_format:KiroFormat",
        ("kiro-cli", "amazon-q", "q-cli"),
        (".kiro/agents/*.json", ".amazonq/cli-agents/*.json"),
    ),
    "kiro-md": (
        "formats.kiro_md_format:KiroMdFormat",
        ("kiro-markdown",),
        (".kiro/agents/*.md", ".kiro/agents/*/*.md"),
    ),
    "roo": (
        "formats.roo_format:RooFormat",
        ("roo-code", "zoo", "roomodes"),
        (".roomodes", "custom_modes*.yaml", "*.roomodes"),
    ),
}

# What every head (the first 4,096 characters) some built-in is sure of (its `sniff` gives
# 0.8 or more) has: a JSON or XML document's opening, a frontmatter fence, Roo's
# `customModes:`, or a TOML key line a format looks for. When the format a file's name
# says doubts its content and this does not match, no other could claim it, so detection
# imports no other format (tests/test_registry.py holds every built-in's sniff to it).
SURE_BY_CONTENT = (
    r"(?m)\A[\s\ufeff]*[{<]|\A---|\A[\s\ufeff]*customModes:"
    r'|^[ \t]*(?:developer_instructions|prompt|name|"\$schema"|version|instructions)\s*='
)
