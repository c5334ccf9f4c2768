"""The format registry: the base class every format implements, lookup, and detection.

Built-in formats come from the explicit table in `formats/__init__.py`, imported on first use;
plugins from the `agentmorph.formats` entry-point group, loaded after them and never allowed to
replace one silently. No registration by import side effect.
"""

from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

from converter.diagnostics import Code, Diagnostics
from converter.errors import DetectionError, SourceSpan, UnknownFormatError
from converter.io.beside import plugin_agents_added
from converter.io.globs import glob_specificity, matches_glob, pattern_shape, where
from converter.model import Agent
from converter.options import ReadOptions, WriteOptions

ENTRY_POINT_GROUP = "agentmorph.formats"


@dataclass(slots=True)
class ReadContext:
    """What a reader knows besides the text: where it came from, and where notes go."""

    path: str = "<input>"
    stem: str | None = None  # the file's name without extension (a name derived from it)
    options: ReadOptions = field(default_factory=ReadOptions)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    bom: bool = False  # the file began with a byte-order mark (taken off the text)
    crlf: bool = False  # its lines ended in CRLF (made LF in the text)


@dataclass(slots=True)
class WriteContext:
    """What a writer gets besides the agent: options, and where to note losses."""

    options: WriteOptions = field(default_factory=WriteOptions)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


class Format(ABC):
    """One format or tool target: metadata plus a symmetric `read` and `write`."""

    #: canonical lowercase name, e.g. "markdown"
    name: ClassVar[str]
    #: lowercase alternative names
    aliases: ClassVar[tuple[str, ...]] = ()
    takes_bom: ClassVar[bool] = True  # False: its tool refuses a file that starts with a BOM
    #: glob patterns for file names, most specific first; matched against the path's tail
    filenames: ClassVar[tuple[str, ...]] = ()
    #: the extension our output files get, with its dot
    extension: ClassVar[str]
    #: the model fields this format carries (see `converter.model.FIELDS`)
    carries: ClassVar[frozenset[str]]
    #: one line for `agentmorph formats`
    summary: ClassVar[str] = ""

    def sniff(self, text: str) -> float:
        """How sure (0..1) this format is that `text` is written in it."""
        return 0.0

    @abstractmethod
    def read(self, text: str, context: ReadContext) -> Agent:
        """Parse `text` into an agent. Raises a `ConverterError` subclass, nothing else."""

    @abstractmethod
    def write(self, agent: Agent, context: WriteContext) -> str:
        """Serialise `agent`; report anything it cannot carry into `context.diagnostics`."""

    def read_many(self, text: str, context: ReadContext) -> list[Agent]:
        """Every agent in `text`; formats that hold several (Roo's `.roomodes`) override it."""
        return [self.read(text, context)]

    def file_stem(self, agent: Agent) -> str | None:
        """The name the tool knows the agent by (tool targets): alike ones collide early."""
        return None

    def validate(self, agent: Agent, diagnostics: Diagnostics) -> None:  # noqa: B027
        """Report what this format's tool would reject or ignore (tool targets override it)."""

    #: where the tool looks for its agents, with {name} (tool targets): `-o DIR` writes there
    layout: ClassVar[str | None] = None
    #: read(write(agent)) == agent for every agent (the neutral formats); a tool target maps
    #: and drops, and says so in diagnostics
    lossless: ClassVar[bool] = True
    #: "agent", or "command" (slash commands: written when asked, never walked or gathered)
    kind: ClassVar[str] = "agent"
    #: `init` makes it a target by default (not a second form of another target's agents)
    project_default: ClassVar[bool] = True


#: a built-in format's row: "module:Class", then its aliases and file-name patterns (repeated
#: from the class so lookups need not import every format; the contract test compares them)
_Names = tuple[str, ...]
Entry = tuple[str, _Names, _Names] | tuple[str, _Names, _Names, str]


class Registry:
    """Formats by name: built-ins from a table of import paths, then entry-point plugins."""

    def __init__(
        self, table: Mapping[str, str | Entry], *, plugins: bool = True, sure: str | None = None
    ) -> None:
        self._table = {
            name: (row, None, None) if isinstance(row, str) else row[:3]
            for name, row in table.items()
        }
        #: a row's fourth part, what its files define (`Format.kind`); None: ask the class
        self._kinds = {
            name: None if isinstance(row, str) else (row[3] if len(row) > 3 else "agent")
            for name, row in table.items()
        }
        self._plugins_enabled = plugins
        self._loaded: dict[str, Format] = {}
        self._plugins: dict[str, Format] | None = None
        self._by_suffix: dict[str, list[tuple[str, str]]] | None = None
        self._named_cache: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self._literal_heads: tuple[str, ...] | None = None
        self._endings_only = False
        #: notes from loading plugins (clashes, failures), for the CLI to show
        self.diagnostics = Diagnostics("<plugins>")
        #: what every head a built-in is sure of has (formats/__init__.py); None: any may be
        self._sure: re.Pattern[str] | str | None = sure

    def builtin(self, name: str) -> Format:
        """One built-in format, imported on first use."""
        if name not in self._loaded:
            self._loaded[name] = _instantiate(self._table[name][0])
        return self._loaded[name]

    def builtins(self) -> dict[str, Format]:
        return {name: self.builtin(name) for name in self._table}

    @property
    def plugins_loaded(self) -> bool:
        """True once entry-point plugins were looked for (their notes are then complete)."""
        return self._plugins is not None

    def plugins(self) -> dict[str, Format]:
        if self._plugins is None:
            self._plugins = self._load_plugins() if self._plugins_enabled else {}
        return self._plugins

    def __iter__(self) -> Iterator[Format]:
        yield from self.builtins().values()
        yield from self.plugins().values()

    def _aliases(self, name: str) -> tuple[str, ...]:
        aliases = self._table[name][1]
        return aliases if aliases is not None else self.builtin(name).aliases

    def _filenames(self, name: str) -> tuple[str, ...]:
        filenames = self._table[name][2]
        return filenames if filenames is not None else self.builtin(name).filenames

    def get(self, name: str) -> Format:
        """The format called `name` (or an alias of it), case-insensitively.

        Raises:
            UnknownFormatError: with close matches in its hint.
        """
        wanted = name.strip().lower()
        for builtin in self._table:
            if wanted == builtin or wanted in self._aliases(builtin):
                return self.builtin(builtin)
        for fmt in self.plugins().values():
            if wanted == fmt.name or wanted in fmt.aliases:
                return fmt
        known = [n for fmt in self for n in (fmt.name, *fmt.aliases)]
        raise UnknownFormatError(name, known)

    def detect(self, path: str | None, text: str) -> Format:
        """The format of an input: by file name, then by content; ties break by name.

        A file-name match wins unless its format rejects the content (sniff < 0.3) while
        another format is sure of it (>= 0.8): `.txt` agents are often frontmatter Markdown.

        Raises:
            DetectionError: nothing claims the name and nothing recognises the content.
        """
        head = text[:4096]
        if path:
            path = where(path)  # the folder it is in, whatever was typed
            # The usual case: a built-in claims the name and accepts the content: only those
            # formats are imported and asked.
            named = self._named_in(path)
            if len(named) == 1:  # the common case: one format claims the name; ask it once
                only = self.builtin(named[0][1])
                if _safe_sniff(only, head) >= 0.3:
                    return only
            found = (
                self._rank(
                    [self.builtin(n) for _, n in named],
                    path,
                    head,
                    specific={n: s for s, n in named},
                )
                if len(named) > 1
                else None
            )
            if found is not None and min(1.0, _safe_sniff(found, head)) >= 0.3:
                return found
            if named and not self._could_be_sure(head):
                # none could be sure of what the name's format doubts: the name decides
                asked = [self.builtin(n) for _, n in named]
                specific = {n: s for s, n in named}
                return self._rank(asked, path, head, specific=specific) or asked[0]
        found = self._rank(self.builtins().values(), path, head)
        if found is None:
            # Plugins are consulted for what no built-in claims (and by name, via --from):
            # loading entry points costs start-up time, and built-ins are never overridden.
            found = self._rank(self, path, head)
        if found is not None:
            return found
        raise DetectionError(
            "cannot tell the format of this input from its name or its content",
            span=SourceSpan(path or "<stdin>"),
            hint="name it with --from, e.g. --from markdown (see 'agentmorph formats')",
        )

    def _could_be_sure(self, head: str) -> bool:
        """Whether some built-in could be sure (sniff >= 0.8) of `head`, without asking it."""
        if isinstance(self._sure, str):
            self._sure = re.compile(self._sure)
        return self._sure is None or self._sure.search(head) is not None

    def _named_in(self, path: str) -> list[tuple[int, str]]:
        """(specificity, name) of the built-ins claiming `path`, once per folder and ending."""
        folder, _, file = path.replace("\\", "/").rpartition("/")
        if self._literal_heads is None:  # patterns that name a file, not only its ending
            lasts = [p.rpartition("/")[2].lower() for p in self.patterns()]
            self._literal_heads = tuple(h for h in (x.split("*")[0] for x in lasts) if h)
            # The cache key is the file's ending from its first dot: sound only while every
            # wildcard pattern is "*.ending" ("*-agent.md" would need the whole name).
            self._endings_only = all(
                not x.startswith("*") or (x[1:].startswith(".") and "*" not in x[1:]) for x in lasts
            )
        cacheable = self._endings_only and not file.lower().startswith(self._literal_heads)
        key = (folder, file[file.find(".") :] if "." in file else file)
        found = self._named_cache.get(key) if cacheable else None
        if found is None:
            found = [
                (max(glob_specificity(p, path) for p in self._filenames(n)), n)
                for n in self._named(path)
            ]
            found = plugin_agents_added(found, folder, file)  # converter/io/beside.py
            if cacheable and len(self._named_cache) < 4096:
                self._named_cache[key] = found
        return found

    def _named(self, path: str) -> list[str]:
        """Built-ins whose file-name patterns match `path`; only patterns that end the way
        the path ends are tried (an index by last suffix: detection runs once per file)."""
        if self._by_suffix is None:
            index: dict[str, list[tuple[str, str]]] = {}
            for name in self._table:
                for pattern in self._filenames(name):
                    index.setdefault(_suffix(pattern), []).append((name, pattern))
            self._by_suffix = index
        tried = self._by_suffix.get(_suffix(path), []) + self._by_suffix.get("", [])
        if not tried:
            return []
        # The path's last parts, lowercased, once (not once per pattern): "agents/x.md"...
        deepest = max(pattern_shape(pattern)[0] for _, pattern in tried)
        parts = path.replace("\\", "/").lower().rsplit("/", deepest)
        tails = {depth: "/".join(parts[-depth:]) for depth in range(1, len(parts) + 1)}
        found: dict[str, None] = {}
        for name, pattern in tried:
            depth = pattern_shape(pattern)[0]
            if depth in tails and matches_glob(pattern, tails[depth]):
                found[name] = None
        return list(found)

    def _rank(
        self,
        formats: Iterable[Format],
        path: str | None,
        head: str,
        specific: dict[str, int] | None = None,
    ) -> Format | None:
        candidates = list(formats)
        named = []
        if path:
            for fmt in candidates:
                specificity = (
                    specific[fmt.name]
                    if specific is not None and fmt.name in specific
                    else max((glob_specificity(p, path) for p in fmt.filenames), default=0)
                )
                if specificity:
                    named.append((specificity, fmt))
        scores: dict[str, float] = {}

        def sniff(fmt: Format) -> float:
            if fmt.name not in scores:  # sniffing costs: only as far as the decision needs
                scores[fmt.name] = min(1.0, max(0.0, _safe_sniff(fmt, head)))
            return scores[fmt.name]

        if named:
            best = max(named, key=lambda r: (r[0], sniff(r[1]), _reverse(r[1].name)))[1]
            if sniff(best) >= 0.3:
                return best
        by_content = max(candidates, key=lambda f: (sniff(f), _reverse(f.name)), default=None)
        if named and by_content is not None and sniff(by_content) < 0.8:
            return max(named, key=lambda r: (r[0], sniff(r[1]), _reverse(r[1].name)))[1]
        if by_content is not None and sniff(by_content) >= (0.8 if named else 0.5):
            return by_content
        return None

    def by_ending(self, path: str) -> Format | None:
        """The first format (built-ins in table order, then plugins) with a `*.ending`
        pattern that `path` ends with: what an output named `merged.toml` is written as.
        Built-ins are matched from the table, so only the one found is imported."""
        for name in self._table:
            if any(p.startswith("*.") and path.endswith(p[1:]) for p in self._filenames(name)):
                return self.builtin(name)
        for fmt in self.plugins().values():
            if any(p.startswith("*.") and path.endswith(p[1:]) for p in fmt.filenames):
                return fmt
        return None

    def patterns(self, *, kind: str | None = None) -> list[str]:
        """Every built-in format's file-name patterns (without importing the formats); with
        `kind`, only those of formats whose files define that ("agent")."""
        return [
            pattern
            for name in self._table
            if kind is None or (self._kinds[name] or self.builtin(name).kind) == kind
            for pattern in self._filenames(name)
        ]

    def claims(self, path: str) -> bool:
        """Whether some format's file-name patterns match `path` (cached as detection is)."""
        return bool(self._named_in(path)) or any(
            glob_specificity(p, path) for fmt in self.plugins().values() for p in fmt.filenames
        )

    def _load_plugins(self) -> dict[str, Format]:
        from importlib.metadata import entry_points

        taken = {n for name in self._table for n in (name, *self._aliases(name))}
        loaded: dict[str, Format] = {}
        for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            try:
                fmt = entry.load()()
            except Exception as error:  # a broken plugin must not break the tool
                self.diagnostics.add(Code.PLUGIN_FAILED, f"plugin {entry.name!r}: {error}")
                continue
            if not isinstance(fmt, Format):
                self.diagnostics.add(Code.PLUGIN_FAILED, f"plugin {entry.name!r} is not a Format")
                continue
            if fmt.name in taken or fmt.name in loaded:
                self.diagnostics.add(
                    Code.PLUGIN_NAME_CLASH,
                    f"plugin {entry.name!r} calls itself {fmt.name!r}, which is taken; ignored",
                )
                continue
            loaded[fmt.name] = fmt
        return loaded


def _suffix(text: str) -> str:
    """The last `.suffix` of a name or pattern, lowercase ("" when it has none or ends in *)."""
    tail = text.replace("\\", "/").rsplit("/", 1)[-1].lower()
    dot = tail.rfind(".")
    suffix = tail[dot:] if dot != -1 else ""
    return "" if any(char in suffix for char in "*?[") else suffix


def _instantiate(target: str) -> Format:
    module_name, _, class_name = target.partition(":")
    instance: Format = getattr(importlib.import_module(module_name), class_name)()
    return instance


def _safe_sniff(fmt: Format, text: str) -> float:
    try:
        return float(fmt.sniff(text))
    except Exception:  # a sniffer that fails on junk simply does not claim it
        return 0.0


def _reverse(name: str) -> tuple[int, ...]:
    """Sort key that prefers the alphabetically first name under `max`."""
    return tuple(-ord(c) for c in name)


@cache
def default_registry() -> Registry:
    """The process-wide registry of built-in formats and installed plugins."""
    from formats import BUILTIN_FORMATS, SURE_BY_CONTENT

    return Registry(BUILTIN_FORMATS, sure=SURE_BY_CONTENT)
