"""A header closed by a line of more than `---` (`-----`, `--- end`): what each tool does with
it, said as a diagnostic, and the header as the tool reads it."""

from __future__ import annotations

from converter.diagnostics import Code, Diagnostics
from converter.frontmatter import split


def fenced(parts: split.Split, long_fence: str) -> str:
    """The header as written, its closing dashes cut to '---' where the tool reads a longer
    line otherwise: its own file is written back as the tool reads it as meant."""
    if parts.long_fence_line is None or not long_fence:
        return parts.header
    fence = parts.header.rstrip("\r\n")
    return fence.rpartition("\n")[0] + "\n---" + parts.header[len(fence) :]


#: what a tool does with a header whose closing line holds more than `---` (`-----`,
#: `--- end`; `Reader.long_fence`), each checked with its own loader: GitHub Copilot CLI
#: 1.0.102 refuses the agent ("missing or malformed YAML frontmatter"); Claude Code 2.1.332
#: and OpenCode 1.18.33 close it on the first three dashes and start the prompt with the rest
#: of the line; Gemini CLI's case ("no-prompt") is said by its format; the lossless Markdown
#: format reads it as '---'
_SAID = {
    "refused": (
        Code.TOOL_REFUSES,
        "{tool} does not load this agent: the line that closes its header holds more than "
        "'---' ({line!r})",
    ),
    "prompt": (
        Code.TOOL_MISREADS,
        "{tool} closes the header on the first three dashes of this line and starts the "
        "prompt with the rest of it ({rest!r})",
    ),
    "": (
        Code.FRONTMATTER_REPAIRED,
        "the line that closes the header holds more than '---' ({line!r}); read as '---'",
    ),
}


def report(parts: split.Split, diags: Diagnostics, tool: str, long_fence: str) -> None:
    """Say what `tool` does with a closing line of more than `---` (`long_fence`)."""
    said = _SAID.get(long_fence)
    if parts.long_fence_line is not None and said is not None:
        line = parts.header.rstrip("\r\n").rpartition("\n")[2]
        shown = line if len(line) <= 40 else line[:37] + "..."
        message = said[1].format(tool=tool, line=shown, rest=shown[3:])
        diags.add(said[0], message, line=parts.long_fence_line)
