"""The built-in formats and tool targets: one module each, listed in one explicit table.

Values are "module:Class" strings, imported on first use by `converter.registry`.
To add a format, write `formats/<name>_format.py` and add one line here (README, "Adding a format").
"""

from __future__ import annotations

BUILTIN_FORMATS: dict[str, str] = {
    "markdown": "formats.markdown_format:MarkdownFormat",
    "json": "formats.json_format:JsonFormat",
    "toml": "formats.toml_format:TomlFormat",
    "xml": "formats.xml_format:XmlFormat",
}
