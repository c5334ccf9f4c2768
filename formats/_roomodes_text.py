"""The text of Roo's `.roomodes` when modes are put into a file already there: the file's
own text kept (comments, quoting, order); a private helper of the `roo` target."""

from __future__ import annotations

import functools
import re
from typing import Any

from converter import fields
from converter.errors import LimitError, OutputError
from converter.options import MAX_DEPTH


def kept_text(
    existing: str,
    count: int,
    texts: dict[int, str],
    removed: set[int],
    modes: list[Any],
    load: Any,
) -> str | None:
    """`existing` (holding `count` modes) with each mode we write put in, replacing the mode
    of its slug where it stands or after the file's own, the rest of its text kept as it is
    (comments, quoting, order: a team's hand-kept file), the modes at `removed` taken out;
    a JSON file stays JSON. None when the file is not laid out so that this is safe: the
    caller then writes the list anew."""
    if existing.lstrip().startswith("{"):
        import json

        data = json.loads(existing)
        if not isinstance(data, dict):
            return None
        data["customModes"] = modes
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    key = re.search(r"(?m)^customModes:[ \t]*(?:#.*)?\n", existing)
    rest = existing[key.end() :] if key else ""
    if key is None or re.search(r"(?m)^(?:[^\s#-]|-[^ \t\n]|---|\.\.\.)", rest):
        return None  # a flow list, another key after it, a document marker
    item = re.search(r"(?m)^( *)- ", rest)
    indent = item[1] if item else ""
    starts = [m.start() for m in re.finditer(rf"(?m)^{indent}- ", rest)]
    if len(starts) != count:
        return None
    head = existing[: key.end()] + rest[: starts[0] if starts else len(rest)]
    spans = [rest[a:b] for a, b in zip(starts, [*starts[1:], len(rest)], strict=True)]
    for slot in removed:  # its text goes; blank and comment lines after it stay
        old = spans[slot].splitlines(keepends=True)
        cut = len(old)
        while cut > 1 and between_items(old[cut - 1], indent):
            cut -= 1
        spans[slot] = "".join(old[cut:]) if cut < len(old) else ""
    for slot, part in sorted(texts.items()):
        body = part[len("customModes:\n") :]
        if not part.startswith("customModes:\n") or body.endswith("...\n"):
            return None
        lines = body.splitlines(keepends=True)
        written = "".join(indent + line if line.strip() else line for line in lines)
        if slot < count:  # replaced where it stands; blank and comment lines after it stay
            old = spans[slot].splitlines(keepends=True)
            cut = len(old)
            while cut > 1 and between_items(old[cut - 1], indent):
                cut -= 1
            spans[slot] = written + "".join(old[cut:])
        else:
            if spans and not spans[-1].endswith("\n"):
                spans[-1] += "\n"
            spans.append(written)
    text = head + "".join(spans)
    # held to the whole list written anew: the same modes, read back
    return text if (load(text) or {}).get("customModes") == modes else None


def between_items(line: str, indent: str) -> bool:
    """A blank line, or a comment no deeper than the list's dashes (deeper, it could be a
    line of a block scalar: a prompt's `# Heading`)."""
    stripped = line.lstrip(" ")
    return not line.strip() or (
        stripped.startswith("#") and len(line) - len(stripped) <= len(indent)
    )


def loader() -> Any:
    """PyYAML's safe loader, its C one where PyYAML has it: for text `modes_in` has read
    (which checks a file's depth first) and what we write ourselves."""
    from converter.frontmatter.pyyaml import yaml

    return functools.partial(yaml.load, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def modes_in(text: str, load: Any) -> list[Any]:
    """The modes of a `.roomodes` there; JSON through JSON (PyYAML refuses the surrogate
    escapes JSON writers give an emoji).

    Raises:
        OutputError: the file is not one we can read (it is never merged into, or replaced).
    """
    if text.lstrip().startswith("{"):
        data = fields.parse_json(text, ".roomodes")
    else:
        from converter.frontmatter import yaml_walk
        from converter.frontmatter.pyyaml import yaml

        try:
            # PyYAML's C composer crashed on a file nested 100,000 deep: the depth first
            yaml_walk.refuse_deep(text, path=".roomodes", max_depth=MAX_DEPTH)
            data = load(text)
        except LimitError as error:
            at = f" at line {error.span.line}" if error.span and error.span.line else ""
            why = error.message
            raise OutputError(f"the .roomodes there is not YAML we can read: {why}{at}") from None
        except (yaml.YAMLError, ValueError, RecursionError) as error:  # ValueError: 5,000 digits
            mark = getattr(error, "problem_mark", None)
            why = getattr(error, "problem", None) or str(error).split(":")[0]
            at = f" at line {mark.line + 1}" if mark is not None else ""
            raise OutputError(f"the .roomodes there is not YAML we can read: {why}{at}") from None
    modes = (data or {}).get("customModes") if isinstance(data, dict) else None
    if modes is not None and not isinstance(modes, list):
        raise OutputError("the .roomodes there holds a customModes that is not a list of modes")
    return list(modes or [])
