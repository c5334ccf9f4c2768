"""agentmorph: convert AI coding-agent definitions between formats and tools without loss.

>>> from converter import loads, dumps
>>> agent = loads("---\\nname: reviewer\\ndescription: Reviews diffs.\\n---\\nBe terse.\\n")
>>> agent.name, agent.tools
('reviewer', None)
>>> print(dumps(agent, "json").splitlines()[3])
  "name": "reviewer",
"""

from __future__ import annotations

__version__ = "0.2.0"

# Not `from typing import TYPE_CHECKING`: importing typing costs `agentmorph --version` a
# fifth of its time. Type checkers treat a name TYPE_CHECKING as true wherever it comes from.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from converter.api import Conversion, convert, dump, dumps, load, loads
    from converter.diagnostics import Code, Diagnostic, Diagnostics, Severity
    from converter.errors import (
        ConverterError,
        InputError,
        InternalError,
        LimitError,
        OutputError,
        ParseError,
        SourceSpan,
        UnknownFormatError,
        UsageError,
        ValidationError,
    )
    from converter.merging import MergeOptions, MergeResult, merge
    from converter.model import Agent, Provenance
    from converter.options import Limits, ReadOptions, WriteOptions
    from converter.registry import Format, ReadContext, WriteContext

# Public names load on first use (PEP 562), so `agentmorph --version` and scripts that need
# one part do not pay for the rest (the merge engine's rapidfuzz, YAML, ...).
_HOMES = {
    "converter.api": ("Conversion", "convert", "dump", "dumps", "load", "loads"),
    "converter.diagnostics": ("Code", "Diagnostic", "Diagnostics", "Severity"),
    "converter.errors": (
        "ConverterError", "InputError", "InternalError", "LimitError", "OutputError",
        "ParseError", "SourceSpan", "UnknownFormatError", "UsageError", "ValidationError",
    ),
    "converter.merging": ("MergeOptions", "MergeResult", "merge"),
    "converter.model": ("Agent", "Provenance"),
    "converter.options": ("Limits", "ReadOptions", "WriteOptions"),
    "converter.registry": ("Format", "ReadContext", "WriteContext"),
}  # fmt: skip
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'converter' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Agent",
    "Code",
    "Conversion",
    "ConverterError",
    "Diagnostic",
    "Diagnostics",
    "Format",
    "InputError",
    "InternalError",
    "LimitError",
    "Limits",
    "MergeOptions",
    "MergeResult",
    "OutputError",
    "ParseError",
    "Provenance",
    "ReadContext",
    "ReadOptions",
    "Severity",
    "SourceSpan",
    "UnknownFormatError",
    "UsageError",
    "ValidationError",
    "WriteContext",
    "WriteOptions",
    "__version__",
    "convert",
    "dump",
    "dumps",
    "load",
    "loads",
    "merge",
]
