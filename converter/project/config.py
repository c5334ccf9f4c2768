"""A project's configuration: `agentmorph.toml`, or `[tool.agentmorph]` in `pyproject.toml`.

Read with the standard library's `tomllib`; every key is checked, and an unknown key or a
value of the wrong kind is an error carrying the file's `path:line:col` (tomllib keeps no
positions, so the key's line is found in the text: `_locate`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.errors import SourceSpan, UsageError
from converter.options import SECTION_POLICIES

CONFIG_FILE = "agentmorph.toml"
PYPROJECT = "pyproject.toml"
#: where agentmorph keeps the source agents unless the configuration says otherwise
DEFAULT_SOURCE = ".agents"

_TOP_KEYS = ("source", "targets", "include", "exclude", "ignore", "strict", "target")
_TARGET_KEYS = ("sections", "models")


class ConfigError(UsageError):
    """The configuration file cannot be used as written (exit 2)."""


@dataclass(frozen=True, slots=True)
class TargetOptions:
    """Per-target settings: the --sections style, and model names to use instead of the
    vocabulary's (a model id in the target's own naming, still checked against its catalog)."""

    sections: str = "auto"
    models: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    """A project's sync configuration, as read from its file."""

    #: the project's root: paths in the configuration are relative to it
    root: Path
    #: the file read (None: the defaults, no file)
    path: Path | None = None
    source: str = DEFAULT_SOURCE
    targets: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: diagnostic codes never shown
    ignore: frozenset[str] = frozenset()
    #: warnings count as errors: nothing is written, exit 3
    strict: bool = False
    per_target: Mapping[str, TargetOptions] = field(default_factory=dict)

    def options_for(self, target: str) -> TargetOptions:
        return self.per_target.get(target, TargetOptions())


def find_config(start: Path) -> Path | None:
    """The configuration governing `start`: the nearest `agentmorph.toml`, or `pyproject.toml`
    with a `[tool.agentmorph]` table, in `start` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        project = folder / PYPROJECT
        if project.is_file() and re.search(
            r"^[ \t]*\[tool\.agentmorph[\].]", project.read_text("utf-8", "replace"), re.M
        ):
            return project
    return None


def load_config(path: Path, *, tool_targets: Mapping[str, str], codes: frozenset[str]) -> Config:
    """Read and check one configuration file.

    `tool_targets` maps every name and alias a target may be given by to its canonical name;
    `codes` are the diagnostic codes `ignore` may list.

    Raises:
        ConfigError: the file is not TOML, or a key or value is not one we know.
    """
    try:
        text = path.read_bytes().decode("utf-8")
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}", span=SourceSpan(str(path))) from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError(
            "not valid TOML here: nested deeper than the TOML reader goes",
            span=SourceSpan(str(path)),
        ) from None
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_position(str(error))
        if line is None and "end of document" in str(error):
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
        raise ConfigError(
            f"not valid TOML: {str(error).split(' (at')[0]}",
            span=SourceSpan(str(path), line, column),
        ) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "agentmorph")
        document = document.get("tool", {}).get("agentmorph", {})
    checker = _Checker(path, text, prefix, tool_targets, codes)
    return checker.config(document)


class _Checker:
    def __init__(
        self,
        path: Path,
        text: str,
        prefix: tuple[str, ...],
        tool_targets: Mapping[str, str],
        codes: frozenset[str],
    ) -> None:
        self.path, self.text, self.prefix = path, text, prefix
        self.tool_targets, self.codes = tool_targets, codes

    def fail(self, table: tuple[str, ...], key: str, message: str, hint: str | None = None) -> None:
        line, column = _locate(self.text, self.prefix + table, key)
        raise ConfigError(message, span=SourceSpan(str(self.path), line, column), hint=hint)

    def config(self, document: dict[str, Any]) -> Config:
        for key in document:
            if key not in _TOP_KEYS:
                self.fail((), key, f"unknown key {key!r}", f"known keys: {', '.join(_TOP_KEYS)}")
        source = self.string((), document, "source", DEFAULT_SOURCE)
        self.inside((), "source", source)
        targets = tuple(
            self.target_name((), "targets", t) for t in self.strings((), document, "targets")
        )
        per_target = {}
        tables = document.get("target", {})
        if not isinstance(tables, dict):
            self.fail((), "target", "'target' must be a table of per-target settings")
        for name, settings in tables.items():
            canonical = self.target_name(("target",), name, name)
            if not isinstance(settings, dict):
                self.fail(("target",), name, f"[target.{name}] must be a table")
            per_target[canonical] = self.target_options(("target", name), settings)
        ignore = self.strings((), document, "ignore")
        for code in ignore:
            if code not in self.codes:
                self.fail(
                    (), "ignore", f"unknown diagnostic code {code!r}", _close(code, self.codes)
                )
        strict = document.get("strict", False)
        if not isinstance(strict, bool):
            self.fail((), "strict", "'strict' must be true or false")
        return Config(
            root=self.path.parent,
            path=self.path,
            source=source,
            targets=tuple(dict.fromkeys(targets)),
            include=self.strings((), document, "include"),
            exclude=self.strings((), document, "exclude"),
            ignore=frozenset(ignore),
            strict=strict,
            per_target=per_target,
        )

    def inside(self, table: tuple[str, ...], key: str, folder: str) -> None:
        """A folder the configuration names must be inside the project (links resolved): a
        configuration that came with a repository must not make sync read the user's
        files from elsewhere (`../`, `~/.claude`, a link out) into the project."""
        root = self.path.parent.resolve()
        resolved = (root / folder).resolve()
        if Path(folder).is_absolute() or not resolved.is_relative_to(root):
            self.fail(
                table,
                key,
                f"{key} {folder!r} is outside the project ({root}): sync reads and writes only "
                "inside it",
                "move the agents into the project, or put agentmorph.toml in a folder that "
                "holds both",
            )

    def target_options(self, table: tuple[str, ...], settings: dict[str, Any]) -> TargetOptions:
        for key in settings:
            if key not in _TARGET_KEYS:
                self.fail(
                    table, key, f"unknown key {key!r}", f"known keys: {', '.join(_TARGET_KEYS)}"
                )
        sections = self.string(table, settings, "sections", "auto")
        if sections not in SECTION_POLICIES:
            self.fail(table, "sections", f"sections must be one of {', '.join(SECTION_POLICIES)}")
        models = settings.get("models", {})
        if not isinstance(models, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in models.items()
        ):
            self.fail(table, "models", 'models must be a table of model = "name in this tool"')
        return TargetOptions(sections, tuple(sorted(models.items())))

    def target_name(self, table: tuple[str, ...], key: str, name: Any) -> str:
        canonical = self.tool_targets.get(str(name).lower()) if isinstance(name, str) else None
        if canonical is None:
            self.fail(
                table,
                key,
                f"{name!r} is not a tool target",
                _close(str(name), set(self.tool_targets)),
            )
        return str(canonical)

    def string(self, table: tuple[str, ...], values: dict[str, Any], key: str, default: str) -> str:
        value = values.get(key, default)
        if not isinstance(value, str) or not value:
            self.fail(table, key, f"{key!r} must be a non-empty string")
        return str(value)

    def strings(self, table: tuple[str, ...], values: dict[str, Any], key: str) -> tuple[str, ...]:
        value = values.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(table, key, f"{key!r} must be a list of strings")
        return tuple(value)


def _close(word: str, known: set[str] | frozenset[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.5)
    return f"did you mean {' or '.join(repr(c) for c in close)}?" if close else None


def _toml_position(message: str) -> tuple[int | None, int | None]:
    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (None, None)


def _locate(text: str, table: tuple[str, ...], key: str) -> tuple[int, int]:
    """The 1-based line and column where `key` is set inside `[table]`; the table's header
    when the key is not found on a line of its own (an inline table), else line 1."""
    current: tuple[str, ...] = ()
    header_line: int | None = 1 if not table else None
    quoted = re.escape(key)
    pattern = re.compile(rf"^(\s*)(?:{quoted}|\"{quoted}\"|'{quoted}')\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header[1].split("."))
            if current == (*table, key):
                return number, line.index("[") + 1
            if current == table:
                header_line = number
            continue
        if current == table:
            found = pattern.match(line)
            if found:
                return number, len(found[1]) + 1
    return header_line or 1, 1
