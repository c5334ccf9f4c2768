"""Commands an agent runs around its own tool calls, between the tools that have them
(vocabulary.toml [hooks]): Claude Code's `hooks` (an event's list of `{matcher, hooks: [{type:
command, command, timeout}]}`, its matcher a tool name, names joined by `|`, or a pattern) and
Kiro CLI's (an event's list of `{matcher, command, timeout_ms}`, its matcher one tool name);
GitHub Copilot CLI reads Claude Code's form in a custom agent, matched by Claude Code's names,
and its own flat form (`preToolUse: [{bash, matcher, timeoutSec}]`), read here too.
Both give the command the event as JSON on its standard input and block the tool call when it
exits with 2, so a guard written for one guards in the other; what cannot be carried (another
event, a hook that is not a command, a pattern of names) is said.

Code names no tool: the facts are data.
"""

from __future__ import annotations

import re
import shlex
from typing import Any, NamedTuple

from converter.diagnostics import Code, Diagnostics
from converter.targets import vocabulary

#: a matcher of plain names (`Edit|Write`): Claude Code compares each with the tool's name
_NAMES = re.compile(r"[A-Za-z0-9_]+(?:\|[A-Za-z0-9_]+)*")
#: every tool of one MCP server, as Claude Code's matchers name them
_SERVER = re.compile(r"mcp__([A-Za-z0-9_-]+)__\.\*")
#: a server's name alone (`mcp__git`) stands for every tool of it: `mcp__git__.*` there
_SERVER_NAME = re.compile(r"^mcp__[A-Za-z0-9_-]+$")
#: names as one whole pattern (`^(Bash|mcp__git__.*)$`)
_ANCHORED = re.compile(r"\^\((.*)\)\$")


class Hook(NamedTuple):
    event: str  #: the event's concept ("before_tool")
    tools: tuple[str, ...] | None  #: canonical tool names it matches; None: every tool
    command: str
    seconds: float | None


def for_tool(source: str, value: Any, target: str, diags: Diagnostics | None) -> Any:
    """`source`'s hooks as `target` writes them; None when none can be carried (said)."""
    table = vocabulary.table().get("hooks", {})
    if source not in table or target not in table:
        return None
    if not isinstance(value, dict):  # `hooks: [a, b]`: no event to carry, but a loss all the same
        if diags is not None:
            diags.add(
                Code.FIELD_DROPPED,
                f"{target} cannot take these {source} hooks: {value!r} is no map of hook "
                "events; not written",
                field=f"extensions.{source}.hooks",
            )
        return None
    found, lost = _read(source, table[source], value)
    written, unmapped = _write(target, table[target], found)
    if diags is not None and (lost or unmapped):
        diags.add(
            Code.FIELD_DROPPED,
            f"{target} cannot take these {source} hooks: {'; '.join(lost + unmapped)}",
            field=f"extensions.{source}.hooks",
        )
    return written or None


def _read(tool: str, shape: dict[str, Any], value: dict[str, Any]) -> tuple[list[Hook], list[str]]:
    """The hooks `tool` writes as `value`, and what cannot be carried."""
    found: list[Hook] = []
    lost: list[str] = []
    own = shape.get("own", {})
    for event, entries in value.items():
        concept = shape["events"].get(event)
        if concept is None and event in own.get("events", {}) and isinstance(entries, list):
            _read_own(tool, own, event, entries, found, lost)
            continue
        if concept is None or not isinstance(entries, list):
            lost.append(f"{event} (no such event there)")
            continue
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            tools, why = _matched(shape.get("names", tool), entry.get("matcher"))
            if why:
                lost.append(f"{event} for {why}")
                continue
            for command, seconds, others in _commands(shape, entry):
                if command is None:
                    lost.append(f"{event}: a hook that runs no command")
                    continue
                found.append(Hook(concept, tools, command, seconds))
                if others:
                    lost.append(f"{event}: a hook's {', '.join(others)}")
    return found, lost


def _read_own(
    tool: str,
    own: dict[str, Any],
    event: str,
    entries: list[Any],
    found: list[Hook],
    lost: list[str],
) -> None:
    """Hooks in a tool's own form beside the one it writes (Copilot CLI's flat entries: a
    command under `bash` or `command`, a matcher of its own tool names joined by `|`)."""
    for entry in (e for e in entries if isinstance(e, dict)):
        command = next((entry[k] for k in own["commands"] if isinstance(entry.get(k), str)), None)
        if entry.get("type", "command") != "command" or command is None:
            lost.append(f"{event}: a hook that runs no command")
            continue
        matcher = entry.get("matcher")
        tools = None
        if matcher not in (None, "", "*", ".*"):
            if not isinstance(matcher, str) or not _NAMES.fullmatch(matcher):
                lost.append(f"{event} for the pattern `{matcher}`")
                continue
            tools = vocabulary.tools_from(tool, matcher.split("|"))
        timeout = next((entry[k] for k in own["timeouts"] if _number(entry.get(k))), None)
        found.append(Hook(own["events"][event], tools, command, timeout))
        others = [k for k in entry if k not in own["carried"]]
        if entry.get("powershell", command) != command:
            others.append("powershell")
        if others:
            lost.append(f"{event}: a hook's {', '.join(others)}")


def _commands(
    shape: dict[str, Any], entry: dict[str, Any]
) -> list[tuple[str | None, Any, list[str]]]:
    """(command, timeout in seconds, keys not carried) of each hook an entry holds; a
    command in exec form (Claude Code's `args`) is one shell command, each part quoted."""
    key, per_second = shape["timeout"], shape["per_second"]
    hooks = entry.get(shape["nested"]) if shape.get("nested") else [entry]
    done = []
    for hook in hooks if isinstance(hooks, list) else ():
        if not isinstance(hook, dict):
            continue
        command = hook.get("command")
        typed = hook.get("type", "command") == "command"
        args = hook.get("args")
        if (
            isinstance(command, str)
            and isinstance(args, list)
            and all(isinstance(a, str) for a in args)
        ):
            command = shlex.join([command, *args])
        timeout = hook.get(key)
        seconds = timeout / per_second if _number(timeout) else None
        carried = {"type", "command", "args", "matcher", key}
        others = [k for k in hook if k not in carried]
        done.append((command if typed and isinstance(command, str) else None, seconds, others))
    return done


def _matched(tool: str, matcher: Any) -> tuple[tuple[str, ...] | None, str]:
    """The canonical tools a matcher names (None: every tool), or why it cannot be said."""
    if matcher in (None, "", "*"):
        return None, ""
    if not isinstance(matcher, str):
        return None, f"the matcher {matcher!r}"
    if tool != vocabulary.canonical():
        return vocabulary.tools_from(tool, [matcher]), ""
    bare = _ANCHORED.fullmatch(matcher)
    names = []
    for part in (bare.group(1) if bare else matcher).split("|"):
        server = _SERVER.fullmatch(part)
        if not server and not _NAMES.fullmatch(part):
            return None, f"the pattern `{matcher}`"
        names.append(f"mcp__{server.group(1)}" if server else part)
    return vocabulary.tools_from(tool, names), ""


def _write(
    target: str, shape: dict[str, Any], hooks: list[Hook]
) -> tuple[dict[str, Any], list[str]]:
    """`hooks` in `target`'s form, and the tools it has no name for."""
    events = {concept: event for event, concept in shape["events"].items()}
    written: dict[str, list[Any]] = {}
    unmapped: list[str] = []
    for hook in hooks:
        named = shape.get("names", target)  # Copilot CLI's matchers: Claude Code's names
        matchers = [None] if hook.tools is None else _matchers(named, hook.tools, unmapped)
        for matcher in matchers:
            entry = _entry(shape, matcher, hook)
            if entry not in written.setdefault(events[hook.event], []):
                written[events[hook.event]].append(entry)
    return {event: entries for event, entries in written.items() if entries}, unmapped


def _matchers(target: str, tools: tuple[str, ...], unmapped: list[str]) -> list[str | None]:
    names, missing, _ = vocabulary.tools_to(target, tools)
    unmapped += [f"a hook for {name} (no such tool)" for name in missing]
    if target == vocabulary.canonical():  # one matcher of names joined by `|`
        said = [_SERVER_NAME.sub(r"\g<0>__.*", n) for n in names]
        if said != names and len(said) > 1:  # a pattern, searched for: anchored
            return [f"^({'|'.join(said)})$"]
        return ["|".join(said)] if said else []
    return list(dict.fromkeys(names))  # one entry per tool name


def _entry(shape: dict[str, Any], matcher: str | None, hook: Hook) -> dict[str, Any]:
    command: dict[str, Any] = {"type": "command"} if shape.get("nested") else {}
    command["command"] = hook.command
    if hook.seconds is not None:
        timeout = hook.seconds * shape["per_second"]
        command[shape["timeout"]] = int(timeout) if float(timeout).is_integer() else timeout
    if not shape.get("nested"):
        return ({"matcher": matcher} if matcher else {}) | command
    return ({"matcher": matcher} if matcher else {}) | {shape["nested"]: [command]}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def say_unheard(tool: str, display: str, value: Any, diags: Diagnostics, line: int | None) -> None:
    """What in a tool's own hooks it never acts on, case and all: an event it has no hook for
    (a Kiro agent's `preToolUse` copied into Claude Code's header loads, unsaid), a matcher's
    tool name it does not have (`bash`, Kiro's `execute_bash` in a Claude Code header)."""
    events = vocabulary.table().get("hook_events", {}).get(tool)
    if not events or not isinstance(value, dict):
        return
    said = []
    for event in (e for e in value if e not in events):
        near = next((e for e in events if e.lower() == str(event).lower()), None)
        said.append(f"{event!r} (its spelling: {near})" if near else repr(event))
    if said:
        diags.add(
            Code.TOOL_MISREADS,
            f"{display} has no hook event {', '.join(said)}: "
            + ("those hooks never run" if len(said) > 1 else "its hooks never run"),
            line=line,
            field=f"extensions.{tool}.hooks",
        )
    unknown = [_unknown(tool, name) for name in _matched_names(tool, value, events)]
    if any(unknown):
        diags.add(
            Code.TOOL_MISREADS,
            f"{display} has no tool {', '.join(u for u in unknown if u)} that a hook's matcher "
            "names: the hook never runs for it",
            line=line,
            field=f"extensions.{tool}.hooks",
        )


def _matched_names(tool: str, value: dict[str, Any], events: list[str]) -> list[str]:
    """The tool names the matchers of a tool's own hooks name (patterns aside), once each."""
    names: dict[str, None] = {}
    for event in (e for e in value if e in events):
        for entry in value[event] if isinstance(value[event], list) else ():
            matcher = entry.get("matcher") if isinstance(entry, dict) else None
            if not isinstance(matcher, str) or matcher in ("", "*"):
                continue
            if tool != vocabulary.canonical():  # one tool name
                names[matcher] = None
            elif _NAMES.fullmatch(matcher):  # names joined by `|` (a pattern is not checked)
                names.update(dict.fromkeys(matcher.split("|")))
    return list(names)


def _unknown(tool: str, name: str) -> str:
    """`name` with a hint, where `tool` has no tool by it; "" where it has."""
    if vocabulary.is_known(tool, name):
        return ""
    spelling = vocabulary.spelled(tool, name)
    meaning = vocabulary.foreign_meaning(name)
    if spelling:
        return f"{name!r} (its spelling: {spelling})"
    if meaning:
        return f"{name!r} ({' and '.join(meaning[0])}'s name for {', '.join(meaning[1])})"
    return repr(name)
