"""A stand-in for the Anthropic Messages API on 127.0.0.1: it records each request Claude Code
sends (its first one lists the agents it loaded) and answers with a minimal message, so
`claude -p` runs offline. No model is ever called.

usage: python mock_anthropic.py PORT LOG [AGENT]

With AGENT, the first answer to the main loop (the request that lists the agents) asks it to
run that agent (an `Agent` tool call), so Claude Code starts it as it would for a model.
"""

from __future__ import annotations

import http.server
import json
import sys

LOG = sys.argv[2]
SPAWN = sys.argv[3] if len(sys.argv) > 3 else None
SPAWNED: list[bool] = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *arguments: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        with open(LOG, "ab") as log:
            log.write(body + b"\n\x1e\n")
        try:
            request = json.loads(body)
        except ValueError:
            request = {}
        if SPAWN and not SPAWNED and b"Available agent types" in body and request.get("stream"):
            SPAWNED.append(True)
            self._spawn(request.get("model", "x"))
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

    def _spawn(self, model: str) -> None:
        """A streamed answer that calls the Agent tool for SPAWN."""
        call = {"type": "tool_use", "id": "toolu_01", "name": "Agent", "input": {}}
        arguments = json.dumps({"description": "probe", "prompt": "say ok", "subagent_type": SPAWN})
        start = {"id": "msg_1", "type": "message", "role": "assistant", "model": model,
                 "content": [], "stop_reason": None, "stop_sequence": None,
                 "usage": {"input_tokens": 1, "output_tokens": 1}}  # fmt: skip
        events = [
            ("message_start", {"type": "message_start", "message": start}),
            ("content_block_start", {"type": "content_block_start", "index": 0,
                                     "content_block": call}),
            ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {
                "type": "input_json_delta", "partial_json": arguments}}),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
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
