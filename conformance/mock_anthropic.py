"""A stand-in for the Anthropic Messages API on 127.0.0.1: it records each request Claude Code
sends (its first one lists the agents it loaded) and answers with a minimal message, so
`claude -p` runs offline. No model is ever called.

usage: python mock_anthropic.py PORT LOG [AGENTS.json]

With AGENTS.json (a list of agent names), each answer to the session's own loop asks it to
start the next `BATCH` of them (`Agent` tool calls, in the foreground), as a model would;
each started agent's first request shows the tools Claude Code gave it, and a refusal to
start one comes back in the session's next turn. That turn waits (at most `WAIT` seconds)
until every agent asked for has sent its first request or been refused.
"""

from __future__ import annotations

import http.server
import json
import re
import sys
import threading
import time
from pathlib import Path

from claude_session import PROMPT, is_session, started_as, strings

LOG = sys.argv[2]
AGENTS: list[str] = json.loads(Path(sys.argv[3]).read_text("utf-8")) if len(sys.argv) > 3 else []
STARTED: list[str] = []
#: agents that sent a request of their own, or whose start Claude Code refused
ANSWERED: set[str] = set()
LOCK = threading.Lock()
WAIT = 10.0
#: agents started a turn (Claude Code starts them side by side, in the background)
BATCH = 20


def _is_main(request: dict, body: bytes) -> bool:
    """The session's own loop, at a turn where it may start an agent."""
    return b"Available agent types" in body and bool(request.get("stream")) and is_session(request)


def _note_answers(request: dict, body: bytes) -> None:
    found = started_as(request)
    with LOCK:
        if found:
            ANSWERED.add(found)
        for name in re.findall(rb"Agent '([^']+)' would be spawned with zero tools", body):
            ANSWERED.add(name.decode("utf-8", "replace"))


def _kept(request: dict, body: bytes, main: bool) -> bytes:
    """What the log keeps of a request. The session's first is kept whole (it lists the agents
    Claude Code loaded); its later turns repeat all that came before (the list, every start),
    so only Claude Code's refusals to start an agent are kept; of a started agent's request,
    its task and the tools it was given."""
    if main and STARTED:
        refusals = [
            text[text.find("Agent '") :].split("<", 1)[0].strip()
            for text in strings(request)
            if "would be spawned with zero tools" in text
        ]
        return json.dumps({"refusals": refusals}).encode()
    if started_as(request) is not None:
        tools = [{"name": t.get("name")} for t in request.get("tools", [])]
        kept = {"messages": request["messages"][:2], "tools": tools, "model": request.get("model")}
        return json.dumps(kept).encode()
    return body


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *arguments: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            request = json.loads(body)
        except ValueError:
            request = {}
        _note_answers(request, body)
        main = _is_main(request, body)
        with LOCK, open(LOG, "ab") as log:
            log.write(_kept(request, body, main) + b"\n\x1e\n")
        if AGENTS and main:
            # the agents started at the last turn first run (a turn that starts more while
            # they wait to start ends them unstarted), and `claude -p` ends with its loop
            deadline = time.monotonic() + WAIT
            while time.monotonic() < deadline:
                with LOCK:
                    if set(STARTED) <= ANSWERED:
                        break
                time.sleep(0.02)
            if len(STARTED) < len(AGENTS):
                batch = AGENTS[len(STARTED) : len(STARTED) + BATCH]
                STARTED.extend(batch)
                self._spawn(request.get("model", "x"), batch)
                return
        message = {
            "id": "msg_0", "type": "message", "role": "assistant",
            "model": request.get("model", "x"), "content": [{"type": "text", "text": "ok"}],
            "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        }  # fmt: skip
        if request.get("stream"):
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            start = {**message, "content": [], "stop_reason": None}
            events = [
                ("message_start", {"type": "message_start", "message": start}),
                ("content_block_start", {"type": "content_block_start", "index": 0,
                                         "content_block": {"type": "text", "text": ""}}),
                ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                         "delta": {"type": "text_delta", "text": "ok"}}),
                ("content_block_stop", {"type": "content_block_stop", "index": 0}),
                ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn",
                                   "stop_sequence": None}, "usage": {"output_tokens": 1}}),
                ("message_stop", {"type": "message_stop"}),
            ]  # fmt: skip
            for name, data in events:
                self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
            return
        data = json.dumps(message).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _spawn(self, model: str, agents: list[str]) -> None:
        """A streamed answer that calls the Agent tool once for each of `agents`."""
        start = {"id": "msg_1", "type": "message", "role": "assistant", "model": model,
                 "content": [], "stop_reason": None, "stop_sequence": None,
                 "usage": {"input_tokens": 1, "output_tokens": 1}}  # fmt: skip
        events: list[tuple[str, dict]] = [
            ("message_start", {"type": "message_start", "message": start})
        ]
        for index, agent in enumerate(agents):
            number = len(STARTED) - len(agents) + index
            call = {"type": "tool_use", "id": f"toolu_{number:05d}", "name": "Agent", "input": {}}
            arguments = json.dumps(
                {
                    "description": "probe",
                    "prompt": PROMPT + agent,
                    "subagent_type": agent,
                    "run_in_background": False,
                }
            )
            events += [
                ("content_block_start", {"type": "content_block_start", "index": index,
                                         "content_block": call}),
                ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {
                    "type": "input_json_delta", "partial_json": arguments}}),
                ("content_block_stop", {"type": "content_block_stop", "index": index}),
            ]  # fmt: skip
        events += [
            ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use",
                               "stop_sequence": None}, "usage": {"output_tokens": 1}}),
            ("message_stop", {"type": "message_stop"}),
        ]  # fmt: skip
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.end_headers()
        for name, data in events:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())

    def do_GET(self) -> None:
        self.send_response(404)
        self.end_headers()


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
