"""Diagnostics: warnings and notes with stable kebab-case codes, collected, never printed here.

Codes are frozen strings: add new ones, never rename one (tools and scripts match on them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from converter.errors import SourceSpan


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"


class Code(StrEnum):
    """Every diagnostic code the project emits. README lists them with their meaning."""

    FRONTMATTER_REPAIRED = "frontmatter-repaired"
    TOOL_MISREADS = "tool-misreads"
    TOOL_CANNOT_READ = "tool-cannot-read"
    NO_FRONTMATTER = "no-frontmatter"
    NAME_FROM_FILENAME = "name-from-filename"
    DUPLICATE_KEY = "duplicate-key"
    VALUE_COERCED = "value-coerced"
    VALUE_IS_COMMENT = "value-is-comment"
    YAML11_VALUE_KEPT = "yaml11-value-kept"
    NUMBER_KEPT_AS_TEXT = "number-kept-as-text"
    UNKNOWN_KEY = "unknown-key"
    FIELD_DROPPED = "field-dropped"
    FIELD_IN_EXTENSION = "field-in-extension"
    PLUGIN_NAME_CLASH = "plugin-name-clash"
    PLUGIN_FAILED = "plugin-failed"
    SYMLINK_SKIPPED = "symlink-skipped"
    INPUT_SKIPPED = "input-skipped"
    SECTIONS_KEPT = "sections-kept"
    TOOL_UNMAPPED = "tool-unmapped"
    TOOL_FOREIGN = "tool-foreign"
    TOOLS_WIDENED = "tools-widened"
    TOOLS_NOT_RESTRICTED = "tools-not-restricted"
    MODEL_UNMAPPED = "model-unmapped"
    NAME_CHANGED = "name-changed"
    VALUE_DERIVED = "value-derived"
    TARGET_RULE = "target-rule"
    PROMPT_IN_FILE = "prompt-in-file"
    REMOTE_AGENT = "remote-agent"
    FILE_NOT_LOADED = "file-not-loaded"
    TOOL_REFUSES = "tool-refuses"
    LANGUAGES_DIFFER = "languages-differ"
    HIDDEN_TEXT = "hidden-text"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One note about an input or a conversion: what happened and where."""

    code: Code
    message: str
    severity: Severity = Severity.WARNING
    span: SourceSpan | None = None
    #: the model field concerned, e.g. "description" or "metadata.color"
    field: str | None = None

    def render(self) -> str:
        """`path:line:col: warning[code]: message`, the form editors and CI parse."""
        where = f"{self.span}: " if self.span else ""
        return f"{where}{self.severity}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "code": str(self.code),
            "severity": str(self.severity),
            "message": self.message,
            "path": self.span.path if self.span else None,
            "line": self.span.line if self.span else None,
            "column": self.span.column if self.span else None,
            "field": self.field,
        }


class Diagnostics:
    """An append-only collector bound to one input path; readers and writers report into it."""

    __slots__ = ("items", "path")

    def __init__(self, path: str = "<input>") -> None:
        self.path = path
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: Code,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        span = SourceSpan(self.path, line, column)
        self.items.append(Diagnostic(code, message, severity, span, field))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
