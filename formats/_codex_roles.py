"""The role registry of Codex's `config.toml` (what `[agents.<name>]` says of a role file),
and the faults for which Codex ignores a role file; a private helper of the `codex` target.

Codex 0.171 (formats.md §4.1; checked with `codex debug prompt-input` and `codex doctor`):
a table `[agents.reviewer]` with `config_file = "agents/reviewer.toml"` (relative to the
config's folder) declares the role `reviewer`. The role file may then leave out `name` and
`description`: the key names the role and the table's `description` describes it; a name or
description in the file wins. A role file no table declares must have both, or Codex ignores
it ("agent role file ... must define a non-empty `name`"); so it does for blank or missing
instructions, a value that is not text, and a key it does not know (`refusals`).
"""

from __future__ import annotations

import os
import re
from stat import S_ISREG
from typing import Any, NamedTuple

from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import ConverterError
from converter.options import MAX_BYTES
from formats import _toml_text as toml_text

#: `[agents]` keys that are settings for every role, not roles (formats.md §4.1)
_SETTINGS = frozenset({"max_threads", "max_depth", "job_max_runtime_seconds"})


class Declared(NamedTuple):
    """The table that declares a role file: its key, its values, the config it is in."""

    name: str
    entry: dict[str, Any]
    config: str


def declaring(role_path: str) -> Declared | str | None:
    """The `[agents.<name>]` table of the `.codex/config.toml` above `role_path` whose
    `config_file` is that file; a text when the config cannot be read; None when no
    table declares it (or the file is not in a `.codex` folder)."""
    folder = os.path.dirname(os.path.realpath(role_path))
    tool_folder = next(
        (f for f in (folder, os.path.dirname(folder)) if os.path.basename(f) == ".codex"), None
    )
    if tool_folder is None:
        return None
    found = _declared_in(os.path.join(tool_folder, "config.toml"), tool_folder)
    return found if not isinstance(found, dict) else found.get(os.path.realpath(role_path))


#: config.toml's declarations by the file's path and identity (its size, times and inode):
#: a folder of roles reads and resolves it once, not once per role (1,000 roles took 13 s)
_DECLARED: dict[tuple[str, int, int, int], dict[str, Declared] | str] = {}


def _declared_in(config: str, tool_folder: str) -> dict[str, Declared] | str | None:
    """Each role file config.toml declares (by its real path: the first table naming it), or
    a text when the file cannot be read; None when there is no such file."""
    try:
        stat = os.stat(config)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode) or stat.st_size > MAX_BYTES:
        return None
    key = (config, stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if key not in _DECLARED:
        if len(_DECLARED) >= 16:  # a library caller's long run: keep the cache small
            _DECLARED.clear()
        _DECLARED[key] = _read_declarations(config, tool_folder)
    return _DECLARED[key]


def _read_declarations(config: str, tool_folder: str) -> dict[str, Declared] | str:
    try:
        with open(config, encoding="utf-8", newline="") as file:  # no newline translated
            text = file.read()
        data = toml_text.load(text, config, toml11=True)  # TOML 1.1, as Codex reads it
    except OSError as error:
        return f"{config}: {error.strerror or error}"
    except ValueError:  # UnicodeDecodeError
        return f"{config}: not UTF-8"
    except ConverterError as error:  # invalid TOML, with its line; nested too deep
        line = f":{error.span.line}" if error.span and error.span.line else ""
        return f"{config}{line}: {error.message}"
    agents = data.get("agents")
    found: dict[str, Declared] = {}
    if not isinstance(agents, dict):
        return found
    shown = os.path.join(os.path.basename(tool_folder), "config.toml")
    for name, entry in agents.items():
        if name in _SETTINGS or not isinstance(entry, dict):
            continue
        config_file = entry.get("config_file")
        if not isinstance(config_file, str) or "\0" in config_file:
            continue
        path = os.path.realpath(os.path.join(tool_folder, config_file))
        found.setdefault(path, Declared(name, entry, shown))
    return found


#: the role file's keys Codex deserializes as text: another kind of value fails the file
_TEXT_KEYS = ("name", "description", "developer_instructions", "model")


def refusals(data: dict[str, Any], lines: KeyLines) -> list[tuple[str, str, int | None]]:
    """Why Codex 0.171 ignores this role file, as (message, key, line) for each reason: it
    logs "Ignoring malformed agent role definition" (`codex doctor`, checked through
    conformance/tools.py) for a name, description, instructions or model that is not text,
    a name that is empty or blank, a blank description, and instructions that are missing
    or blank. A missing name or description is said by the caller (config.toml may give
    them). Instructions written after a `[table]` line belong to that table in TOML: where
    they are is said, as that is what the author meant."""
    found: list[tuple[str, str, int | None]] = []
    for key in _TEXT_KEYS:
        value = data.get(key)
        if key in data and not isinstance(value, str):
            kind = _KINDS.get(type(value), type(value).__name__)
            found.append((f"its {key} is {kind}, not text", key, lines.of(key)))
    name, description = data.get("name"), data.get("description")
    if isinstance(name, str) and _blank(name):
        found.append(("its name is empty", "name", lines.of("name")))
    if isinstance(description, str) and _blank(description):
        found.append(("its description is blank", "description", lines.of("description")))
    prompt = data.get("developer_instructions")
    if isinstance(prompt, str) and _blank(prompt):
        found.append(("its developer_instructions are blank", "developer_instructions",
                      lines.of("developer_instructions")))  # fmt: skip
    elif "developer_instructions" not in data:
        found.append(
            (
                "it has no developer_instructions" + misplaced(data, "developer_instructions"),
                "developer_instructions",
                lines.of("developer_instructions"),
            )
        )
    return found


def misplaced(data: dict[str, Any], key: str) -> str:
    """Where a key missing at the top of a role file was written, when a table below holds
    it (what its author meant), as the end of a message; else nothing."""
    table = _table_holding(data, key)
    if table is None:
        return ""
    return (
        f"; [{table}] holds one: in TOML every key after a [table] line is that table's, so "
        "if it is the role's, move it above the first table"
    )


#: Rust's white space (`char::is_whitespace`: Unicode's White_Space), what Codex trims from
#: a role's text; Python's `str.isspace` also takes U+001C to U+001F, which Rust keeps
RUST_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _blank(text: str) -> bool:
    """Empty or only white space (Codex trims before it checks), without copying a prompt."""
    return not text or (text.isspace() and not text.strip(RUST_SPACE))


def trimmed(data: dict[str, Any], lines: KeyLines, diags: Diagnostics) -> dict[str, Any]:
    """The role with its name and description as Codex reads them: without the white space
    at their ends. Codex 0.171 trims both (`name = " reviewer "` is the role `reviewer`; a
    description in a multi-line string is offered to the model without its last line break;
    seen with `codex debug prompt-input`). Each one trimmed is said."""
    found = dict(data)
    for key in ("name", "description"):
        value = data.get(key)
        if isinstance(value, str):
            found[key] = as_read(value, key, diags, Code.VALUE_COERCED, lines)
    return found


def as_read(
    text: str, key: str, diags: Diagnostics, code: Code, lines: KeyLines | None = None
) -> str:
    """`text` without the white space at its ends, as Codex reads a role's name and
    description, said (at its line in `lines`, with `code`) where that changes it; a blank
    one as it is (Codex refuses it: said by `refusals`). The line is looked for only then:
    finding it reads the whole file, its instructions too."""
    kept = text.strip(RUST_SPACE)
    if kept == text or not kept:
        return text
    start = text.find(kept)
    ends = [f"{end!r} at its {where}" for end, where in
            ((text[:start], "start"), (text[start + len(kept):], "end")) if end]  # fmt: skip
    done = "so is it read here" if code is Code.VALUE_COERCED else "written so"
    diags.add(
        code,
        f"Codex reads the {key} without the white space around it ({' and '.join(ends)}); {done}",
        line=None if lines is None else lines.of(key),
        field=key,
        severity=Severity.INFO,
    )
    return kept


_KINDS = {int: "a number", float: "a number", bool: "true or false", list: "a list",
          dict: "a table"}  # fmt: skip


class KeyLines:
    """The 1-based line of each key's first `key = ...` line (bare or quoted), found in one
    pass over the text the first time a line is asked for (a role with thousands of
    misspelt keys is read once, not once per key)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, int] | None = None

    def of(self, key: str) -> int | None:
        if self._found is None:
            self._found = {}
            for number, line in enumerate(self._text.split("\n"), 1):
                match = _KEY_LINE.match(line)
                if match is not None:
                    self._found.setdefault(next(g for g in match.groups() if g is not None), number)
        return self._found.get(key)


_KEY_LINE = re.compile(r"""[ \t]*+(?:([A-Za-z0-9_-]++)|"([^"\\\n]*+)"|'([^'\n]*+)')[ \t]*+=""")


def _table_holding(data: dict[str, Any], key: str, depth: int = 0) -> str | None:
    """The dotted name of the first table (or array of tables) below the top that holds
    `key`, searched a few levels down."""
    if depth > 3:
        return None
    for name, value in data.items():
        tables = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for table in tables:
            if not isinstance(table, dict):
                continue
            if key in table:
                return str(name)
            deeper = _table_holding(table, key, depth + 1)
            if deeper is not None:
                return f"{name}.{deeper}"
    return None
