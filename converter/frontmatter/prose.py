"""The prose keys of a header (description, when to use), and prose YAML cut at ` #`."""

from __future__ import annotations

import re
from typing import Any

#: keys whose value is prose, not structure: their words are what the author meant
TEXT_KEYS = frozenset(("description", "when_to_use", "when-to-use"))


def comment_cut(yaml_text: str, data: dict[str, Any]) -> dict[str, str]:
    """Prose that YAML cut at ` #` (it starts a comment): `description: Fixes issue #12`
    reads "Fixes issue". Key → the text as written, for the prose keys so cut."""
    found: dict[str, str] = {}
    if "#" not in yaml_text:  # most headers: nothing to cut, nothing to search
        return found
    for key in TEXT_KEYS:
        value = data.get(key)
        if not isinstance(value, str):
            continue
        match = re.search(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]+(.*?)[ \t]*$", yaml_text)
        if match is None or match.group(1)[:1] in ("'", '"', "|", ">"):
            continue
        written = match.group(1)
        cut = re.split(r"[ \t]#", written, maxsplit=1)
        if len(cut) == 2 and cut[0].rstrip() == value:
            found[key] = written
    return found
