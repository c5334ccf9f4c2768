"""The built-in formats and tool targets: one module each, listed in one explicit table.

Formats are imported on first use by `converter.registry`.
To add a format, write `formats/<name>_format.py` and add one line here (README, "Adding a format").
"""

from __future__ import annotations

# name: ("module:Class", aliases, file-name patterns); the aliases and patterns repeat the
# class's own, so that lookups import only the formats they need (tests/test_registry.py
# checks that they agree).
BUILTIN_FORMATS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "markdown": (
        "formats.markdown_format:MarkdownFormat",
        ("md", "frontmatter", "claude-md"),
        ("*.md", "*.markdown"),
    ),
    "json": ("formats.json_format:JsonFormat", ("agentmorph-json", "canonical"), ("*.json",)),
    "toml": ("formats.toml_format:TomlFormat", ("agentmorph-toml",), ("*.toml",)),
    "xml": ("formats.xml_format:XmlFormat", ("xml-tagged", "tagged"), ("*.xml", "*.txt")),
    # tool targets
    "claude": ("formats.claude_format:ClaudeFormat", ("claude-code",), (".claude/agents/*.md",)),
    "opencode": (
        "formats.opencode_format:OpencodeFormat",
        ("kilo",),
        (".opencode/agent/*.md", ".opencode/agents/*.md"),
    ),
    "copilot": (
        "formats.copilot_format:CopilotFormat",
        ("github-copilot", "vscode"),
        ("*.agent.md", ".github/agents/*.md"),
    ),
    "gemini": ("formats.gemini_format:GeminiFormat", ("gemini-cli",), (".gemini/agents/*.md",)),
    "cursor": ("formats.cursor_format:CursorFormat", (), (".cursor/agents/*.md",)),
    "claude-json": (
        "formats.claude_json_format:ClaudeJsonFormat",
        ("claude-agents",),
        ("*.agents.json",),
    ),
    "codex": (
        "formats.codex_format:CodexFormat",
        ("codex-cli", "codexcli"),
        (".codex/agents/*.toml",),
    ),
    "kiro": (
        "formats.kiro_format:KiroFormat",
        ("kiro-cli", "amazon-q", "q-cli"),
        (".kiro/agents/*.json", ".amazonq/cli-agents/*.json"),
    ),
    "roo": (
        "formats.roo_format:RooFormat",
        ("roo-code", "zoo", "roomodes"),
        (".roomodes", "custom_modes*.yaml", "*.roomodes"),
    ),
}
