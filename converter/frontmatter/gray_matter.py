"""gray-matter's header language, as OpenCode 1.18.33 reads it: a first line of dashes and a
language (`---yaml`, `---json`) opens a header in that language there, and for no other
tool (Claude Code 2.1.332 and Gemini CLI 0.61.0 load no agent, Copilot CLI 1.0.102 calls
the header malformed; each seen with its loader). OpenCode reads `yaml` and `yml` in any
case, and `json` in lower case only (JSON.parse: an object, or the whole file is the
prompt), runs `js` and `javascript`, in any case, as JavaScript, and takes the whole file
for the prompt for another language, `JSON` too (gray-matter has no engine of that name)."""

from __future__ import annotations

import json
from typing import NamedTuple


class Tagged(NamedTuple):
    """A first line that names its header's language."""

    line: str  #: the first line as written, without its line end
    language: str  #: as written, blanks around it taken off
    end: int  #: where the second line starts

    def read_as_data(self) -> bool:
        """gray-matter reads the header (its engines: `yaml`, and the aliases it looks up in
        lower case, `yml`; `json` only by its own name)."""
        return self.language.lower() in ("yaml", "yml") or self.language == "json"

    def run_as_javascript(self) -> bool:
        return self.language.lower() in ("js", "javascript")


def language_tag(text: str) -> Tagged | None:
    """The first line `---LANGUAGE` (gray-matter: the dashes, not a fourth, then the rest of
    the line, trimmed, names the language), or None."""
    if not text.startswith("---") or text[3:4] in ("-", "\n", "\r", ""):
        return None
    newline = text.find("\n")
    if newline == -1:
        return None
    line = text[:newline].removesuffix("\r")
    language = line[3:].strip()
    return Tagged(line, language, newline + 1) if language else None


def plain(text: str, tagged: Tagged) -> str:
    """`text` with `---` alone on its first line (its line end kept): the header meant."""
    return "---" + text[len(tagged.line) :]


def json_object(text: str) -> bool:
    """Whether JavaScript's JSON.parse makes an object of `text` (no NaN or Infinity)."""

    def refuse(constant: str) -> None:
        raise ValueError(constant)

    try:
        return isinstance(json.loads(text, parse_constant=refuse), dict)
    except ValueError:  # json.JSONDecodeError is one
        return False
    except RecursionError:  # nested past Python's stack: the header's reader refuses the
        return text.lstrip().startswith("{")  # depth with its line (Limits.max_depth)
