"""The agents in OpenCode's configuration file (`opencode.json`, `opencode.jsonc`, Kilo's
`kilo.json`), as OpenCode reads them; a private helper of the `opencode` target.

What OpenCode 1.18.33 does with such a file (formats.md §2; checked with `opencode debug
agent NAME` and `opencode agent list` on files written for it):
- the text is JSONC: `//` and `/* */` comments and trailing commas are allowed;
- `agent.<id>` is an agent known by its key (a `name` in it is only what the list shows), and
  each entry of the legacy `mode` map is a primary agent, merged over `agent.<id>`;
- `prompt` is taken as written (not trimmed); an agent with `disable: true` is not loaded;
- `{file:path}` anywhere in the text becomes that file's text, trimmed (the path relative to
  the configuration's folder, `~/` the home folder); a missing file makes OpenCode refuse
  the whole configuration. `{env:NAME}` becomes the environment variable's value.
We read a referenced file only inside the configuration's project: a configuration taken
from a collection could name `~/.ssh/id_rsa`, whose text would then land in a written agent.
Environment variables are never read (the output would hold this machine's secrets).
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from converter import fields
from converter.diagnostics import Code, Diagnostics, Severity
from converter.errors import LimitError, SourceSpan, ValidationError
from converter.options import MAX_BYTES
from converter.targets.kinds import kind_text, takes
from formats._referenced import project_root, read_referenced

#: the names OpenCode (and Kilo, its fork) give the file (formats.md §2)
CONFIG_NAMES = ("opencode.json", "opencode.jsonc", "kilo.json", "kilo.jsonc")
#: OpenCode 1.18.33's own agents (`opencode agent list` in an empty project): an entry of
#: one of these names without a prompt only sets that agent's model, permissions...
NATIVE = frozenset(["build", "plan", "general", "explore", "compaction", "summary", "title"])
#: a project's configuration folder: a reference from a file in it may name the project
_CONFIG_FOLDERS = (".opencode", ".kilocode", ".kilo")
_FILE = re.compile(r"\{file:([^}]+)\}")  # OpenCode's own patterns (its config loader)
_ENV = re.compile(r"\{env:([^}]+)\}")
#: what JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator)
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_JS_SPACE += "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
#: a string (kept), a comment (blanked), or a comma before a closing bracket (dropped). A
#: string or block comment left open is one token to the line's or the text's end, kept as
#: written for the JSON error to point at: tried again from each later quote or `/*`, 40,000
#: escaped quotes took 15 s (the square of their number), though none could close.
_JSONC = re.compile(
    r'"(?:[^"\\\n]|\\.)*+"?|//[^\n]*|/\*.*?(?:\*/|\Z)|,(?=(?:\s|//[^\n]*|/\*.*?\*/)*[}\]])',
    re.S,
)


_AGENT_MAP = re.compile(r'"(?:agent|mode)"\s*:\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{')


@dataclass(frozen=True, slots=True)
class Entry:
    """One agent of the file: its id, its settings but the prompt, the prompt, its line."""

    name: str
    data: dict[str, Any]
    prompt: str
    line: int


def is_config(path: str | None, text: str) -> bool:
    """Whether the `opencode` target's input is the configuration file, not a Markdown agent:
    JSONC text (an object, or a comment first), unless its name says Markdown. By content,
    not only by name: our own Markdown output is read back under the input's name."""
    if path and path.endswith(".md"):
        return False
    return text.lstrip(_JS_SPACE).startswith(("{", "//", "/*"))


def sniff(text: str) -> float:
    """How sure we are that `text` is OpenCode's configuration: its schema named, or agents
    nested under "agent" (`claude --agents` takes agents at the top). Other JSON is left to
    the file's name (opencode.json), read only when the name says so."""
    head = text.lstrip(_JS_SPACE)[:4096]
    if not head.startswith("{"):
        return 0.0
    return 0.9 if "opencode.ai/config" in head or _AGENT_MAP.search(head) else 0.35


def entries(
    text: str, path: str, diags: Diagnostics, max_depth: int, kinds: Mapping[str, str]
) -> list[Entry]:
    """The agents OpenCode loads from the file, in its order; `kinds`, the kinds of value
    its schema takes for an agent's keys (the `opencode` target's rules).

    Raises:
        ParseError: not JSONC. ValidationError: not an object, an agent that is not one, or
            a `{file:...}` reference to a file that is not there (OpenCode refuses the file).
    """
    plain = _JSONC.sub(_blank, text.removeprefix("\ufeff"))
    config, repeated = fields.parse_json_noting_repeats(plain, path, max_depth=max_depth)
    if not isinstance(config, dict):
        raise ValidationError("expected a JSON object", span=SourceSpan(path, 1, 1))
    places = _KeyPlaces(plain)
    if repeated:
        _say_repeated(repeated, config, places, diags)
    merged: dict[str, dict[str, Any]] = {}
    for key, primary in (("agent", False), ("mode", True)):
        section = config.get(key)
        if section is None:
            continue
        if not isinstance(section, dict):
            raise ValidationError(f"'{key}' must be an object of agents", span=places.span(path))
        for name, entry in section.items():
            if not isinstance(entry, dict):
                raise ValidationError(
                    f"agent {name!r} must be an object", span=places.span(path, name)
                )
            # a legacy mode is a primary agent, merged over the agent of its name
            merged[name] = {
                **merged.get(name, {}),
                **entry,
                **({"mode": "primary"} if primary else {}),
            }
    found = []
    budget = [MAX_BYTES]  # bytes of referenced files, over the whole configuration
    for name, entry in merged.items():
        line = places.line(name)
        entry = _resolved(entry, path, line, diags, budget)
        if name in NATIVE and "prompt" not in entry:
            # not converted, but one value of a kind OpenCode refuses fails the whole file
            for key, value in entry.items():
                if key in kinds and not takes(kinds[key], value):
                    diags.add(
                        Code.TOOL_REFUSES,
                        f"OpenCode refuses this whole configuration: {name}.{key} = {value!r} "
                        f"(it takes {kind_text(kinds[key])})",
                        line=line,
                    )
            diags.add(
                Code.INPUT_SKIPPED,
                f"{name!r} is OpenCode's own agent, with its own prompt: this entry only sets "
                f"its {', '.join(sorted(entry)) or 'nothing'}; not an agent to convert",
                line=line,
                severity=Severity.INFO,
            )
            continue
        if entry.get("disable") is True:
            # input-skipped, not file-not-loaded: the file's other agents are loaded
            diags.add(
                Code.INPUT_SKIPPED,
                f"OpenCode does not load the agent {name!r} (disable: true); left out",
                line=line,
                severity=Severity.INFO,
            )
            continue
        prompt = entry.pop("prompt", "")
        found.append(Entry(name, entry, prompt if isinstance(prompt, str) else "", line))
        if not isinstance(prompt, str):
            diags.add(
                Code.FIELD_DROPPED,
                f"agent {name!r}: prompt {prompt!r} is not text; OpenCode fails on it, read as none",
                line=line,
                field="prompt",
            )
    return found


def label(diags: Diagnostics, first: int, entry: Entry) -> None:
    """Notes from `first` on are about `entry`: each says its name, and its line if none."""
    diags.items[first:] = [
        replace(
            d,
            message=f"{entry.name}: {d.message}",
            span=replace(d.span, line=d.span.line or entry.line),
        )
        if d.span
        else d
        for d in diags.items[first:]
    ]


def _blank(match: re.Match[str]) -> str:
    """A comment as spaces (its line breaks kept, so that lines still match the file)."""
    found = match[0]
    if found[0] == '"' or (found[0] == "/" and found[1] == "*" and not _closed(found)):
        return found  # a string; or a comment left open, an error JSON points at
    return re.sub(r"[^\n]", " ", found)


def _closed(comment: str) -> bool:
    return len(comment) >= 4 and comment.endswith("*/")


#: a JSON string, and the colon after it when it is a key
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"(\s*:)?')
_BREAK = re.compile("\n")


def _say_repeated(
    repeated: list[tuple[str, Any]],
    config: dict[str, Any],
    places: _KeyPlaces,
    diags: Diagnostics,
) -> None:
    """A key an agent writes twice, or an agent written twice: OpenCode's JSONC parser keeps
    the last, as we do, and says nothing; said here, as the first is lost."""
    maps = [config[key] for key in ("agent", "mode") if isinstance(config.get(key), dict)]
    owner: dict[int, str | None] = {id(agents): None for agents in maps}
    owner.update((id(e), n) for agents in maps for n, e in agents.items() if isinstance(e, dict))
    for key, where in repeated:
        if id(where) in owner:
            name = owner[id(where)]
            what = f"{name}: key {key!r}" if name else f"agent {key!r}"
            diags.add(
                Code.DUPLICATE_KEY,
                f"{what} appears more than once; the last one is kept, as OpenCode reads it",
                line=places.line(name or key),
            )


class _KeyPlaces:
    """The line of each key's first place in a configuration, found in one pass: an agent
    looked up from the file's start each (a search and a count per agent) made 10,000
    agents take 8.7 s, four times 5,000's, and could land inside another key (`"\\\\"` in
    `"\\"\\\\"`). Only whole strings followed by a colon are keys here, as written; errors
    about an agent point there too."""

    def __init__(self, text: str) -> None:
        self.first: dict[str, int] = {}
        for match in _STRING.finditer(text):
            if match[1] is not None:
                self.first.setdefault(match[0][: match.start(1) - match.start()], match.start())
        self.breaks = [found.start() for found in _BREAK.finditer(text)]

    def span(self, path: str, name: str | None = None) -> SourceSpan:
        """Where the key `name` is first written (line and column), else the file's start."""
        at = None if name is None else self.first.get(json.dumps(name, ensure_ascii=False))
        if at is None:
            return SourceSpan(path, 1, 1)
        row = bisect_right(self.breaks, at)
        return SourceSpan(path, row + 1, at - (self.breaks[row - 1] if row else -1))

    def line(self, name: str) -> int:
        """The 1-based line where the key `name` is first written; 1 when it is not."""
        return self.span("", name).line or 1


def _resolved(value: Any, path: str, line: int, diags: Diagnostics, budget: list[int]) -> Any:
    """`value` with each `{file:...}` OpenCode reads replaced by the file's text; `budget`
    holds how many more bytes of referenced files may be read for this configuration."""
    if isinstance(value, dict):
        return {key: _resolved(item, path, line, diags, budget) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item, path, line, diags, budget) for item in value]
    if not isinstance(value, str):
        return value
    for variable in dict.fromkeys(_ENV.findall(value)):
        diags.add(
            Code.PROMPT_IN_FILE,
            f"OpenCode puts the environment variable {variable} here when it loads the file; "
            "'{env:" + variable + "}' is kept as written",
            line=line,
        )
    return _FILE.sub(lambda found: _file_text(found, path, line, diags, budget), value)


def _file_text(
    found: re.Match[str], path: str, line: int, diags: Diagnostics, budget: list[int]
) -> str:
    where = SourceSpan(path, line)
    root = project_root(path, _CONFIG_FOLDERS, step_out=True) if os.path.isfile(path) else None
    got = read_referenced(found[1], path, root, max_bytes=budget[0], strict=False)
    if got.status in ("no-path", "outside"):
        diags.add(
            Code.PROMPT_IN_FILE,
            f"OpenCode reads {found[0]!r} beside its configuration file, and this one was "
            "given without its path; the reference is kept as written"
            if got.status == "no-path"
            else f"OpenCode reads {found[0]!r} from outside the configuration's project; not "
            "read here (a configuration from elsewhere could name any file of this machine), "
            "so the reference is kept as written",
            line=line,
        )
        return found[0]
    if got.status in ("missing", "not-a-file"):
        missing = "does not exist" if got.status == "missing" else "is not a file"
        raise ValidationError(
            f"bad file reference {found[0]!r}: {got.shown} {missing}, and OpenCode refuses the "
            "whole configuration",
            span=where,
        )
    if got.status == "too-big":
        raise LimitError(
            f"{found[0]!r}: the files this configuration names hold more than {MAX_BYTES} bytes",
            span=where,
        )
    if got.status == "unreadable":
        raise ValidationError(f"cannot read {found[0]!r}: {got.reason}", span=where)
    budget[0] -= got.size
    diags.add(
        Code.PROMPT_IN_FILE,
        f"{found[0]!r} read from {got.shown}, trimmed as OpenCode does",
        line=line,
        severity=Severity.INFO,
    )
    return got.text.strip(_JS_SPACE)
