"""PyYAML, imported with its costliest pattern already compiled: every use of PyYAML here
imports it from this module.

PyYAML's pure-Python reader compiles, as its module is imported, the characters YAML does
not call printable as the complement of the printable ones: `[^...\\U00010000-\\U0010ffff]`.
Python's regular expression compiler takes 3.5 ms for that class (58 million instructions,
two fifths of all `import yaml` costs, measured with callgrind), and any run that meets one
header of more than simple lines pays it. The same characters, named as they are (a few
ranges, all below U+10000), compile in a tenth of that time, and `re` keeps what it compiled
by the pattern's text: placed there under PyYAML's text first, the equivalent pattern is what
PyYAML's `re.compile` is given back (tests/test_yaml_import.py holds the two to the same
characters, all 1,114,112 of them). Where `re` keeps no such cache (another Python), PyYAML
simply compiles its own.
"""

from __future__ import annotations

import re
import sys

#: yaml/reader.py's Reader.NON_PRINTABLE, as PyYAML 6.0 writes it
NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
#: the same characters: C0 controls but tab and line breaks, DEL to U+009F but NEL, the
#: surrogates, U+FFFE and U+FFFF
SAME_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def _compile_cheaply() -> None:
    cache = getattr(re, "_cache", None)  # re's own cache: (type, pattern, flags) -> compiled
    if isinstance(cache, dict) and "yaml" not in sys.modules:
        cache.setdefault((str, NON_PRINTABLE, 0), re.compile(SAME_CHARACTERS))


_compile_cheaply()

import yaml as yaml  # noqa: E402  (after the cache holds the pattern; re-exported)
