"""What makes a tool leave out an agent of its own format, said when such a file is read
(`tool-refuses`): no description, no name or one it cannot take, a name, description,
model or tool list of another kind than it takes, a tool name a strict tool lacks. Each
rule was checked with the tool's own loader (conformance/tools.py); the agent is converted
all the same."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from converter.diagnostics import Code, Diagnostics
from converter.model import Agent
from converter.targets import vocabulary
from converter.targets.kinds import kind_text, takes
from converter.targets.rules import TargetRules


def say_if_refused(agent: Agent, rules: TargetRules, diags: Diagnostics) -> None:
    """Say that the tool will refuse this agent, which has no description: the loaders of
    Claude Code 2.1.332 ("Missing required "description" field"), GitHub Copilot CLI 1.0.102
    ("description: Required") and Gemini CLI 0.61 refuse one, a header-less file too
    (checked with each through conformance/tools.py). It is converted all the same (a
    description derived where the target needs one); a walk passes over a header-less one."""
    if not agent.description:
        diags.add(
            Code.TOOL_REFUSES,
            f"{rules.display or rules.tool} does not load an agent without a description",
            line=1,
        )


def say_if_not_its_file(
    path: str, tool: str, suffix: str, diags: Diagnostics, *, unless: str = ""
) -> None:
    """Say that the tool never loads this file: its folder walk takes only names ending in
    `suffix`, letter case and all (Claude Code 2.1.332, Gemini CLI 0.61.0 and OpenCode
    1.18.33 left out `x.MD`, Codex 0.171 `x.TOML`, each seen with its loader), where ours
    reads any case; `unless` names what would make the tool load it all the same."""
    if path.lower().endswith(suffix) and not path.endswith(suffix):
        shown = path.replace("\\", "/").rpartition("/")[2]
        diags.add(
            Code.FILE_NOT_LOADED,
            f"{tool} loads only files whose names end in {suffix!r}, in these letters: it never "
            f"loads {shown!r}{f' unless {unless}' if unless else ''} (rename it "
            f"{shown[: -len(suffix)] + suffix!r})",
            line=1,
        )


def say_if_unnamed(
    agent: Agent, rules: TargetRules, diags: Diagnostics, *, slug: tuple[str, str] | None = None
) -> None:
    """Say that the tool will not load this agent for its name: Claude Code 2.1.332 leaves
    out, unsaid, an agent whose header has no name or an empty one; Gemini CLI 0.61 refuses
    one ("name: Required") and one whose name is not a `slug` (a pattern and its words; its
    nameSchema: "Name must be a valid slug"). Checked with each loader through
    conformance/tools.py. The agent is converted all the same, named after its file where
    the header has no name."""
    if agent.provenance is None or not agent.provenance.raw_header:
        return  # no header at all: said once, as an agent without a description
    lines = agent.provenance.field_lines
    tool = rules.display or rules.tool
    if "name" not in lines or not agent.name:
        why = "without a name" if "name" not in lines else "whose name is empty"
    elif slug is not None and not re.fullmatch(slug[0], agent.name):
        why = f"whose name is not {slug[1]} ({agent.name!r})"
    else:
        return
    diags.add(Code.TOOL_REFUSES, f"{tool} does not load an agent {why}", line=lines.get("name", 1))


def say_if_mistyped(
    key: str,
    value: Any,
    rules: TargetRules,
    diags: Diagnostics,
    line: int | None,
    as_written: str | None = None,
) -> None:
    """Say that the tool will not load this agent for the kind of its name, description,
    model or tools (its `core_types`): GitHub Copilot CLI 1.0.102 ("frontmatter is
    malformed: model: Expected string, received number") and Gemini CLI 0.61 ("description:
    Expected string, received number"; `model:` with no value: "received null") refuse the
    agent, OpenCode 1.18 its whole configuration ("Expected object | undefined, got
    ["read"] tools"). Checked with each loader through conformance/tools.py; the value is
    read all the same (`as_written`: the text we keep where the tool reads a number)."""
    if value is None and key == "description":
        return  # said as an agent without a description (say_if_refused)
    if key == "name" and key not in rules.core_types and key not in rules.key_types:
        return say_named_as_read(value, rules, diags, line, as_written)  # (kinds.keys_by_kind)
    kind = rules.core_types.get(key) or rules.key_types.get(key)  # (a text key of its own)
    if kind is not None and not takes(kind, value):
        try:  # as YAML spells it: `true`, `["x"]`
            written = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):  # an alias that holds itself
            written = ""
        shown = written if 0 < len(written) <= 60 else _KINDS.get(type(value), "another value")
        if as_written is not None:  # kept as written here, a number to the tool (`007`: 7)
            read = _BUILT.get(type(value).__name__, f"the number {shown}")
            shown = f"{as_written[:60]}, which its YAML reads as {read}"  # (schemas.Date)
        what = f"{'has no value' if value is None else f'is {shown}'}; it takes {kind_text(kind)}"
        diags.add(
            Code.TOOL_REFUSES, refusal(rules, f"an agent whose {key} {what}"), line=line, field=key
        )


def say_named_as_read(
    value: Any, rules: TargetRules, diags: Diagnostics, line: int | None, written: str | None
) -> None:
    """Say the name a tool gives an agent whose `name` its YAML reads as a number or a date:
    OpenCode 1.18.33 names it by JavaScript's text of that value (`017` is its agent "15",
    `1_000` and `1e3` "1000", `1:30` "90", a date its long English text; each seen with its
    loader through conformance/tools.py). The name is read as written, as meant."""
    tool = rules.display or rules.tool
    if isinstance(value, bool) or not isinstance(value, int | float):
        named = f"by the date its YAML reads in {written!r} (in JavaScript's words)"
    else:
        named = f"{_js_number(value)!r} (its YAML reads {written!r} as a number)"
    diags.add(
        Code.TOOL_MISREADS,
        f"{tool} names this agent {named}; read as written, as meant, and 'agentmorph fix' "
        f"quotes it so that {tool} does too",
        line=line,
        field="name",
    )


def _js_number(value: float) -> str:
    """A number as JavaScript's String() writes it (15, 1.5, 1000 for 1e3, Infinity)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def refusal(rules: TargetRules, what: str) -> str:
    """`rules`' tool refuses `what` ("an agent whose ..."): that agent, or for OpenCode 1.18.33
    its whole configuration ("Configuration is invalid at .opencode/agent/x.md": `opencode
    agent list` lists no agent at all, seen with its loader)."""
    tool = rules.display or rules.tool
    if rules.whole_config:
        return f"{tool} refuses its whole configuration, so loads no agent at all, for {what}"
    return f"{tool} does not load {what}"


_KINDS: dict[type, str] = {str: "a long text", list: "a long list", dict: "a long map"}
#: what js-yaml builds of a value kept here as the text written (schemas.Date, schemas.Binary)
_BUILT = {"Date": "a date", "Binary": "bytes"}


def strict_names(tool: str) -> bool:
    """Whether the tool refuses an agent whose list names a tool it has not (Gemini CLI
    0.61: "tools.0: Invalid tool name"; vocabulary.toml's strict_tool_names)."""
    return bool(vocabulary.table().get("strict_tool_names", {}).get(tool))


def say_unknown_names(
    rules: TargetRules, names: list[Any] | tuple[Any, ...], diags: Diagnostics, line: int | None
) -> None:
    """Each name as written that a strict tool has no tool for: it refuses the agent."""
    for name in names:
        if isinstance(name, str) and not _known(rules.tool, name):
            spelt = vocabulary.spelled(rules.tool, name)  # `READ_FILE`: its name is read_file
            diags.add(
                Code.TARGET_RULE,
                f"{rules.display or rules.tool} has no tool {name!r}"
                + (f" (its name is {spelt!r})" if spelt else "")
                + " and refuses the agent",
                line=line,
                field="tools",
            )


#: a batch asks of the same few names again and again (every read of the tool's files,
#: self-checks included); the vocabulary does not change while the process runs
_known = functools.lru_cache(maxsize=4096)(vocabulary.is_known)


def say_if_too_big(
    text: str, rules: TargetRules, diags: Diagnostics, *, crlf: bool, bom: bool, written: bool
) -> None:
    """Say that the tool skips this agent's file for its size: Claude Code 2.1.332 and GitHub
    Copilot CLI 1.0.102 load no agent file of more than 1 MiB ("file exceeds the 1 MiB size
    limit", Copilot CLI's discovery; Claude Code's loadMarkdownFilesFromDir, unsaid), both
    checked with their loaders at 1,048,576 and 1,048,577 bytes. The prompt is never cut:
    the file is read, or written, whole, and said."""
    most = rules.max_file_bytes
    if most is None or len(text) <= most // 4:  # 4 bytes at most a character: cheap for all
        return
    size = len(text.encode("utf-8", "surrogatepass")) + 3 * bom + (text.count("\n") if crlf else 0)
    if size <= most:
        return
    tool = rules.display or rules.tool
    what = "is written with" if written else "has"
    diags.add(
        Code.TOOL_REFUSES,
        f"{tool} skips an agent file of more than {most:,} bytes (1 MiB); this one {what} "
        f"{size:,}, so {tool} does not load it (its prompt is kept whole)",
        line=1,
    )


def say_if_written_too_big(text: str, agent: Agent, fmt: str, rules: TargetRules, diags: Diagnostics,
                           normalize: bool) -> None:  # fmt: skip
    """`say_if_too_big` for a file as written: with the line ends and byte-order mark of its
    source where it is written back in its own format (api.write_with restores them)."""
    source = agent.provenance
    restored = source is not None and source.format == fmt and not normalize
    crlf = restored and source is not None and source.newline == "\r\n"
    bom = restored and source is not None and source.bom
    most = rules.max_file_bytes
    if most is None or len(text) <= most // 4:  # as in say_if_too_big: cheap for all
        return
    if (  # the file written back as read: reading said it
        restored
        and source is not None
        and source.raw_header is not None
        and len(text) == len(source.raw_header) + len(agent.instructions)
        and text == source.raw_header + agent.instructions
    ):
        return
    say_if_too_big(text, rules, diags, crlf=crlf, bom=bom, written=True)
