"""What Claude Code knows of an agent header: its keys, and the layout every Claude-style
Markdown agent shares (the `markdown` format and the `claude` target read it alike).

Claude Code 2.1.x frontmatter (formats.md §1.1; docs.anthropic.com/en/docs/claude-code/sub-agents):
`name` and `description` are required, `tools` is a comma list or a YAML list, and the keys
below are its own. Other keys are accepted and ignored (its debug log names them).
"""

from __future__ import annotations

import json
from typing import Any

from converter import fields, targets
from converter.diagnostics import Code, Diagnostics, Severity
from converter.targets import TargetRules, scoped
from converter.targets.vocabulary import means_every_tool

#: keys Claude Code understands that no other tool shares: read into `extensions["claude"]`
#: and written back at the top level
CLAUDE_KEYS = (
    "disallowedTools", "color", "effort", "permissionMode", "mcpServers", "hooks", "maxTurns",
    "autoCompactWindow", "skills", "initialPrompt", "memory", "background", "omitClaudeMd",
    "isolation", "observer", "observerMessage", "observeSubagents", "observeToolResults",
    "cacheTtl",
)  # fmt: skip

#: the colours Claude Code shows; it ignores any other value
CLAUDE_COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")

#: the Claude layout as a lossless format reads and writes it: names pass unchanged, nothing
#: is required, a model list is kept, and OpenCode's map of tool switches (a common sight in
#: Claude-style files) is kept in OpenCode's extension
#: what Claude Code does with an agent whose header it cannot parse (the header reads as
#: empty): a plugin agent gets a placeholder description, a project agent is left out
CLAUDE_CONSEQUENCE = (
    "leaves a project agent out, and gives a plugin agent the placeholder description "
    "'Agent from <plugin> plugin'"
)

#: Claude Code 2.1.332 splits a tool list at commas and whitespace (in a YAML list and in the
#: --agents JSON too), and ":" ends a name: "Microsoft Docs" would become two tools
CLAUDE_TOOL_NAME_FORBIDS = r"[\s,:]"

CLAUDE_LAYOUT = TargetRules(
    tool="claude",
    display="Claude Code",
    header_reader="claude",
    header_parser="bun",  # Bun's YAML parser (converter/frontmatter/tabs.py, breaks.py)
    keys=CLAUDE_KEYS,
    required=(),
    tools="comma",
    native=True,
    names_as_written=True,
    model_lists=True,
    # ... and the values 2.1.332 takes for these; another it ignores, with a warning in its
    # debug log ("Agent file ... has invalid permissionMode 'ask'. Valid options: ...";
    # `manual` it reads as `default`)
    allowed_values={
        "color": CLAUDE_COLORS,
        "permissionMode": (
            "acceptEdits",
            "auto",
            "bypassPermissions",
            "default",
            "dontAsk",
            "plan",
            "manual",
        ),
        "memory": ("user", "project", "local"),
        "isolation": ("worktree", "remote"),
    },
    switch_extension="opencode",
    metadata=True,
)

#: Claude Code 2.1.332 starts an agent of an empty tool list (`tools: []`, `tools:`) with no
#: tool, and refuses to start one whose every name is unknown. "none" is how we once wrote
#: no tools: it is read back as no tools, and said (Claude Code refuses it)
NO_TOOLS = "none"


def comma_line(names: tuple[str, ...], rules: TargetRules) -> str | None:
    """The comma line of a tool list; None where it would not be read back as these names
    (Claude's reader takes the lines `none` and `all` as meant): those go in a YAML list."""
    line = fields.join_tools(names)
    if line is None or rules.header_reader != "claude":
        return line
    return None if line == NO_TOOLS or means_every_tool(line) else line


def tools_meant(
    raw: Any, listed: tuple[str, ...]
) -> tuple[tuple[str, ...] | None, str, Severity] | None:
    """A tool list Claude Code does not read as its author meant, as meant, and what to say
    of it; None for any other list. An empty list gives the agent no tool (Claude Code
    lists it as having all tools, but starts it with none)."""
    if raw == NO_TOOLS:
        return (
            (),
            (
                "Claude Code refuses to start an agent of 'tools: none' (it has no tool 'none'); "
                "read as no tools, which is written 'tools: []'"
            ),
            Severity.WARNING,
        )
    if isinstance(raw, str) and means_every_tool(raw):  # a list names its tools (as "none")
        return (
            None,
            (
                f"Claude Code refuses to start an agent of 'tools: {raw if isinstance(raw, str) else ', '.join(map(str, raw))}' "
                "(it has no tool by that name); read as every tool, as meant, which is written "
                "by leaving 'tools' out"
            ),
            Severity.WARNING,
        )
    if not listed:
        return (
            (),
            (
                "an empty 'tools' gives the agent no tool (Claude Code lists it as having all "
                "tools, but starts it with none); read as no tools"
            ),
            Severity.INFO,
        )
    return None


#: Claude Code 2.1.332 gives an agent whose `tools` is a map no tool (started against the
#: mock API: `{bash: false, read: true}` starts with none)
SWITCHES = (
    "Claude Code reads no map of tool switches: it starts this agent with no tool; read as "
    "meant, which is written with the ones switched off as 'disallowedTools'"
)


def as_claude_reads(raw: Any, *, blanks: bool = False) -> tuple[Any, str | None]:
    """`tools` as Claude Code 2.1.332 reads it, and what to say where that is not what is
    written. It keeps the names of a list and passes over the rest (numbers, blanks, lists);
    a value that is neither text nor a list (a number, `true`, a map) gives the agent no
    tool. Each was started against the mock API (`make conformance`'s recorded cases):
    `tools: 5`, `true`, `[5]`, `['']` and `{Read: true}` start with no tool; `[Read, 5]` and
    `[Read, [Grep]]` with Read. `blanks`: keep blank names (the lossless format keeps an
    agent's every name, `tools: ['']` included)."""
    if raw is None or isinstance(raw, str):
        return raw, None
    if not isinstance(raw, list):
        return [], (
            f"Claude Code reads 'tools: {_shown(raw)}' as no tool (it takes a comma line or a "
            "list of names, and starts this agent with none); read as no tools"
        )
    if all(isinstance(item, str) and (blanks or item.strip()) for item in raw):
        return raw, None  # every item a name: the common case, nothing to show
    names, passed = _names_of(raw, blanks)
    return names, (
        f"Claude Code passes over what in 'tools' is not a name ({passed})"
        + ("" if names else ", and starts this agent with no tool")
        + "; left out"
    )


def tools_unread(written: Any) -> str | None:
    """What `validate` says of a `tools` as written that Claude Code does not read as a
    list of names (`as_claude_reads`); None when it does."""
    if isinstance(written, dict) and written and all(isinstance(v, bool) for v in written.values()):
        return (
            "Claude Code starts an agent whose 'tools' is a map of switches with no tool; the "
            "tools it may use go in a list, the ones switched off in 'disallowedTools' (as "
            "convert writes them)"
        )
    passed = not_names(written)
    if passed is None:
        return None
    if not isinstance(written, list):
        return (
            f"Claude Code starts an agent of 'tools: {passed}' with no tool; list the tools it "
            "may use, or leave 'tools' out for every tool"
        )
    none_left = not _names_of(written, False)[0]
    return f"Claude Code gives the agent nothing for {passed} in 'tools' (not names of tools)" + (
        ", and starts it with no tool" if none_left else ""
    )


def not_names(value: Any) -> str | None:
    """What of a tool list as written Claude Code passes over, shown (all of `5` or a map,
    the rest of a list); None when it passes over nothing."""
    if value is None or isinstance(value, str):
        return None
    if not isinstance(value, list):
        return _shown(value)
    return _names_of(value, False)[1] or None


def _split_as_claude(listed: list[Any], diags: Diagnostics, line: int | None) -> list[Any]:
    """Each name of a list split where Claude Code 2.1.332 splits it: at every comma, inside
    parentheses too, then at spaces outside them (started with it: `[Read Grep, Glob]` gets
    Read, Grep and Glob; `['Bash(git add:*)']` stays one name; `['Agent(a, b)']` is 'Agent(a'
    and 'b)', where the comma line `tools: Agent(a, b)` is one name, as meant)."""
    parts = [
        (item, [n for piece in str(item).split(",") for n in _words(piece)]) for item in listed
    ]
    split = [part for _, found in parts for part in found]
    if split == listed:
        return listed
    shown = "; ".join(
        f"{_shown(item)} as {', '.join(found if '(' not in item else map(repr, found)) or 'nothing'}"
        for item, found in parts
        if found != [item]
    )
    diags.add(
        Code.TOOL_MISREADS,
        f"Claude Code splits a tool name in a list at spaces and commas (inside parentheses "
        f"too; the comma line `tools: Agent(a, b)` keeps them): {shown}",
        line=line,
        field="tools",
    )
    return split


def listed(names: list[str], rules: TargetRules, *, lossless: bool) -> list[str]:
    """A tool list written as a YAML list (its names cannot all go on one comma line): for
    Claude Code, `Agent(a, b)` is one entry per agent, as it cuts each entry at its commas."""
    if lossless or rules.header_reader != "claude":
        return names
    out: list[str] = []
    for name in names:
        agents = scoped.agents_named(name)
        out.extend([f"{agents[0]}({a})" for a in agents[1]] if agents else [name])
    return out


def _words(piece: str) -> list[str]:
    """A piece of a list's name cut at spaces outside parentheses; a `(` left open runs to
    the end (`Bash(echo a` is one name)."""
    words: list[str] = []
    depth, start = 0, None
    for at, char in enumerate(piece):
        if char.isspace() and depth <= 0:
            if start is not None:
                words.append(piece[start:at])
            start, depth = None, 0
            continue
        start = at if start is None else start
        depth += 1 if char == "(" else -1 if char == ")" else 0
    if start is not None:
        words.append(piece[start:].rstrip())
    return words


def _names_of(listed: list[Any], blanks: bool) -> tuple[list[str], str]:
    """The names of a list as written, and the rest shown ("" when there is none)."""
    names = [item for item in listed if isinstance(item, str) and (blanks or item.strip())]
    return names, ", ".join(_shown(item) for item in listed if item not in names)


def _shown(value: Any) -> str:
    """A value as YAML's flow style would show it (`true`, `{"Read": true}`), cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def read_tools(
    raw: Any, rules: TargetRules, diags: Diagnostics, line: int | None, *, lossless: bool
) -> tuple[str, ...] | None:
    """A present `tools` of a Claude-style header: as Claude Code reads it, but for the
    lists it misreads, which are read as meant (`tools_meant`); each difference said."""
    raw, passed_over = as_claude_reads(raw, blanks=lossless)
    if passed_over is not None:
        diags.add(Code.TOOL_MISREADS, passed_over, line=line, field="tools")
        if not raw:
            return ()
    if isinstance(raw, list) and not lossless:  # the lossless format keeps any name
        raw = _split_as_claude(raw, diags, line)
    listed = fields.tools_field(raw, diags, line)
    meant = tools_meant(raw, listed)
    if meant is None:
        return targets.read_tools(listed, rules)
    tools, message, severity = meant
    diags.add(Code.TOOL_MISREADS, message, line=line, field="tools", severity=severity)
    return tools


def denied_tools_named(scoped: list[str]) -> str:
    """The tools named before the patterns (`Bash(rm *)`: Bash), each once."""
    return ", ".join(dict.fromkeys(entry.split("(", 1)[0].strip() for entry in scoped))


def denied_patterns(value: object) -> list[str]:
    """A deny list's entries that name a tool with a pattern (`Bash(rm *)`); the list is a
    text cut at its commas, or a list of texts."""
    if isinstance(value, str):
        entries = [entry.strip() for entry in value.split(",")]
    else:
        entries = (
            [e.strip() for e in value if isinstance(e, str)] if isinstance(value, list) else []
        )
    return [entry for entry in entries if "(" in entry and entry.endswith(")")]


def say_denied_patterns(
    value: object, diags: Diagnostics, line: int | None, *, as_rule: bool = False
) -> None:
    """A pattern in `disallowedTools` (`Bash(rm *)`) takes the whole tool away: Claude Code
    2.1.332 gives such an agent no Bash (a recorded case). Said when a file is read (a
    misreading), and by `validate` as a rule (`as_rule`)."""
    scoped = denied_patterns(value)
    if not scoped:
        return
    named = denied_tools_named(scoped)
    if as_rule:
        message = (
            f"Claude Code takes {named} away whole for a pattern in 'disallowedTools'; deny "
            f"one command in a settings file's permissions.deny, or leave {named} out of 'tools'"
        )
    else:
        message = (
            f"Claude Code takes {named} away whole for "
            f"{', '.join(f'`{d}`' for d in scoped)} in 'disallowedTools': a pattern there "
            f"limits no command (a settings file's permissions.deny does); the agent has no {named}"
        )
    diags.add(
        Code.TARGET_RULE if as_rule else Code.TOOL_MISREADS,
        message,
        line=line,
        field="extensions.claude.disallowedTools",
    )
