"""agentmorph: convert AI coding-agent definitions between formats and tools without loss.

>>> from converter import loads, dumps
>>> agent = loads("---\\nname: reviewer\\ndescription: Reviews diffs.\\n---\\nBe terse.\\n")
>>> agent.name, agent.tools
('reviewer', None)
>>> print(dumps(agent, "json").splitlines()[3])
  "name": "reviewer",
"""

from __future__ import annotations

from converter._version import __version__
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
from converter.merge import MergeOptions, MergeResult, merge
from converter.model import Agent, Provenance
from converter.registry import Format, ReadContext, ReadOptions, WriteContext, WriteOptions

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
