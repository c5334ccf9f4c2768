"""What the mock Messages API and the Claude Code loader agree on: the prompt `claude -p`
is given, the task each started agent is given, and how a request tells which agent sent it."""

from __future__ import annotations

from typing import Any

#: what `claude -p` is asked: the session's own requests begin with it
SESSION = "agentmorph-conformance-session"
#: the task each agent is started with (its requests name it so)
PROMPT = "say ok as "


def first_user_text(request: dict[str, Any]) -> str:
    messages = request.get("messages") or [{}]
    first = messages[0].get("content") if isinstance(messages[0], dict) else None
    if isinstance(first, str):
        return first
    return " ".join(p.get("text", "") for p in first or [] if isinstance(p, dict))


def is_session(request: dict[str, Any]) -> bool:
    """A request of the session's own loop (not of a started agent, nor a side request)."""
    return any(line.strip() == SESSION for line in first_user_text(request).splitlines())


def started_as(request: dict[str, Any]) -> str | None:
    """The agent a request comes from, if a started agent's: its task is a line of its own
    that names it (names may hold spaces: `claude --agents` takes any); the task may follow
    a message of context."""
    if is_session(request):
        return None
    for message in (request.get("messages") or [])[:2]:
        content = message.get("content") if isinstance(message, dict) else None
        parts = [content] if isinstance(content, str) else content or []
        for part in parts:
            text = part if isinstance(part, str) else part.get("text", "")
            for line in text.splitlines() if isinstance(text, str) else ():
                if line.startswith(PROMPT):
                    return line[len(PROMPT) :].strip()
    return None


def strings(value: Any) -> list[str]:
    """Every text in a request, however deep (a refusal may come in a tool result or a note)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []
