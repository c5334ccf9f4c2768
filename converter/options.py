"""Options of reading and writing, and the one place where the safety limits' defaults live.

Plain frozen values: no I/O, no format knowledge. The command line builds its option
defaults from these (converter/cli/spec.py), so a default is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: the largest input read, in bytes (README, "Safety"; --max-size raises it)
MAX_BYTES = 16 * 1024 * 1024
#: YAML values visited with aliases expanded; stops "billion laughs" documents
MAX_NODES = 100_000
#: nesting depth of YAML, JSON and TOML collections
MAX_DEPTH = 64
#: the deepest nesting read whatever --max-depth says: what is read is then walked by
#: recursive code (writers, the self-check) that Python's recursion limit bounds (a value
#: 400 deep under --max-depth 100000 ended in "unexpected RecursionError", exit 70)
DEPTH_CEILING = 200
NEVER_DEEPER = f"nothing deeper than {DEPTH_CEILING} levels is read, whatever --max-depth says"
#: the most sections (headings or tags) a merge aligns, in all its variants together: 100
#: variants of 200 sections, in about 10 s (converter/merging/types.py says why)
MAX_SECTIONS = 20_000

#: what `--sections` accepts (converter.prompt.restyle applies them)
SECTION_POLICIES = ("auto", "keep", "markdown", "xml")


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for one input (README, "Safety")."""

    max_bytes: int = MAX_BYTES
    max_nodes: int = MAX_NODES
    max_depth: int = MAX_DEPTH


@lru_cache(maxsize=16)
def _limits(max_nodes: int, max_depth: int) -> Limits:
    """One `Limits` per pair of values: `ReadOptions.limits` is asked for every header."""
    return Limits(max_nodes=max_nodes, max_depth=max_depth)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: a name to use when the input has none, and safety limits."""

    #: the agent's name when the input carries none (stdin, or a bare prompt)
    name: str | None = None
    max_nodes: int = MAX_NODES
    max_depth: int = MAX_DEPTH

    @property
    def limits(self) -> Limits:
        return _limits(self.max_nodes, self.max_depth)


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How to write: `normalize` ignores the remembered source layout and writes canonically."""

    normalize: bool = False
