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
}
