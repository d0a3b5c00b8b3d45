#!/usr/bin/env python3
"""A minimal MCP server that records every message it receives, for finding out what real clients send.

It speaks just enough of both protocol eras to let a client get through listing tools and calling one:

  modern (2026-07-28): server/discover, tools/list, tools/call, all stateless; `delete_item` answers with an
      `input_required` result carrying an elicitation/create request and is completed by the client's retry;
  legacy (2025-11-25): initialize, notifications/initialized, tools/list, tools/call; `delete_item` sends an
      elicitation/create request to the client (on HTTP inside the call's SSE stream).

--persona picks which eras it serves and how a legacy-only server answers a request it does not know before
`initialize` (how real legacy servers differ):

  dual                serves both eras (what openapi-mcp is going to do)
  modern              2026-07-28 only; `initialize` gets an error naming the supported versions
  legacy              2025-11-25 only; a pre-initialize request gets -32601 (stdio) / HTTP 400 with a body
  legacy-silent       stdio: pre-initialize requests are never answered (openapi-mcp's tools/list today)
  legacy-exit         stdio: the process exits on a pre-initialize request
  legacy-400-text     HTTP: 400 with a text/plain body
  legacy-400-json     HTTP: 400 with a JSON object that is not JSON-RPC (openapi-mcp today: a serialized
                      exception)
  legacy-404 / legacy-405 / legacy-500   HTTP: that status with an empty body

Every line received and sent (stdio) or every HTTP request and response (HTTP) is appended to --log as one
JSON object per line: {"seq", "dir": "in"|"out", ...}. Logs go to stderr; stdout carries protocol only.

  stub_server.py --persona dual --log wire.jsonl                       # stdio
  stub_server.py --transport http --port 0 --persona dual --log w.jsonl  # prints "listening on URL" to stderr

Standard library only, so it runs wherever python3 (3.8+) does.
"""
import argparse
import base64
import json
import queue
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODERN = "2026-07-28"
LEGACY_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
META_VERSION = "io.modelcontextprotocol/protocolVersion"
META_CAPS = "io.modelcontextprotocol/clientCapabilities"
SERVER_INFO = {"name": "stub-server", "version": "0.1.0"}

TOOLS = [
    {
        "name": "echo",
        "description": "Returns its arguments.",
        "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}},
        "outputSchema": {"type": "object", "properties": {"echo": {"type": "object"}}, "required": ["echo"]},
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "delete_item",
        "description": "Deletes an item after the user confirms.",
        "inputSchema": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
        "annotations": {"destructiveHint": True},
    },
]
CONFIRM_SCHEMA = {
    "type": "object",
    "properties": {"confirm": {"type": "boolean", "title": "Delete it?", "default": False}},
    "required": ["confirm"],
}


class Log:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8") if path else None
        self.lock = threading.Lock()
        self.seq = 0

    def write(self, entry):
        if not self.file:
            return
        with self.lock:
            self.seq += 1
            self.file.write(json.dumps({"seq": self.seq, "t": round(time.time(), 3), **entry}) + "\n")
            self.file.flush()


def result(msg_id, body):
    return {"jsonrpc": "2.0", "id": msg_id, "result": body}


def error(msg_id, code, message, data=None):
    err = {"code": code, "message": message}
    if data is not None:
        err["data"] = data
    return {"jsonrpc": "2.0", "id": msg_id, "error": err}


def tool_text(value, structured=True):
    body = {"content": [{"type": "text", "text": json.dumps(value)}]}
    if structured:
        body["structuredContent"] = value
    return body


def deletion_outcome(item_id, response):
    """The tool result once the user answered the confirmation (`response` is an ElicitResult)."""
    accepted = response.get("action") == "accept" and (response.get("content") or {}).get("confirm") is True
    if accepted:
        return tool_text({"deleted": item_id}, structured=False)
    body = tool_text({"deleted": None, "action": response.get("action")}, structured=False)
    body["isError"] = True
    return body


class Server:
    """Protocol logic shared by both transports; transports call `modern()` / `legacy_*()`."""

    def __init__(self, persona, omit=()):
        self.persona = persona
        self.omit = set(omit)
        self.serves_modern = persona in ("dual", "modern")
        self.serves_legacy = persona != "modern"

    # ---- modern era: every request stands alone ----
    def modern(self, msg):
        """Returns (http_status, response) for a request carrying the modern _meta."""
        status, answer = self._modern(msg)
        for field in self.omit:
            (answer.get("result") or {}).pop(field, None)
        return status, answer

    def _modern(self, msg):
        msg_id, method, params = msg.get("id"), msg.get("method"), msg.get("params") or {}
        meta = params.get("_meta") or {}
        version = meta.get(META_VERSION)
        if version != MODERN:
            supported = [MODERN] + (LEGACY_VERSIONS[:1] if self.serves_legacy else [])
            return 400, error(msg_id, -32022, "Unsupported protocol version",
                              {"supported": supported, "requested": version})
        if META_CAPS not in meta:
            return 400, error(msg_id, -32602, "Missing io.modelcontextprotocol/clientCapabilities in _meta")
        caps = meta[META_CAPS] or {}
        stamp = {"_meta": {"io.modelcontextprotocol/serverInfo": SERVER_INFO}}
        if method == "server/discover":
            supported = [MODERN] + (LEGACY_VERSIONS[:1] if self.serves_legacy else [])
            return 200, result(msg_id, {"resultType": "complete", "supportedVersions": supported,
                                        "capabilities": {"tools": {}}, "ttlMs": 0, "cacheScope": "public",
                                        **stamp})
        if method == "tools/list":
            return 200, result(msg_id, {"resultType": "complete", "tools": TOOLS, "ttlMs": 0,
                                        "cacheScope": "public", **stamp})
        if method == "tools/call":
            name, args = params.get("name"), params.get("arguments") or {}
            if name == "echo":
                return 200, result(msg_id, {"resultType": "complete", **tool_text({"echo": args}), **stamp})
            if name == "delete_item":
                responses = params.get("inputResponses") or {}
                if "confirm" in responses:
                    state = json.loads(base64.urlsafe_b64decode(params.get("requestState") or "e30="))
                    return 200, result(msg_id, {"resultType": "complete",
                                                **deletion_outcome(state.get("id"), responses["confirm"]), **stamp})
                if "elicitation" not in caps:
                    return 400, error(msg_id, -32021, "delete_item needs the user's confirmation",
                                      {"requiredCapabilities": {"elicitation": {}}})
                state = base64.urlsafe_b64encode(json.dumps({"id": args.get("id")}).encode()).decode()
                return 200, result(msg_id, {
                    "resultType": "input_required",
                    "inputRequests": {"confirm": {"method": "elicitation/create", "params": {
                        "mode": "form", "message": "Delete item %s?" % args.get("id"),
                        "requestedSchema": CONFIRM_SCHEMA}}},
                    "requestState": state, **stamp})
            return 200, error(msg_id, -32602, "Unknown tool: %s" % name)
        return 404, error(msg_id, -32601, "Method not found: %s" % method)

    # ---- legacy era ----
    @staticmethod
    def initialize(msg):
        requested = (msg.get("params") or {}).get("protocolVersion")
        version = requested if requested in LEGACY_VERSIONS else LEGACY_VERSIONS[0]
        return result(msg.get("id"), {"protocolVersion": version, "capabilities": {"tools": {}},
                                      "serverInfo": SERVER_INFO})

    def modern_only_initialize(self, msg):
        return error(msg.get("id"), -32022, "This server speaks only MCP %s; initialize is not supported" % MODERN,
                     {"supported": [MODERN], "requested": (msg.get("params") or {}).get("protocolVersion")})

    @staticmethod
    def legacy_request(msg, session):
        """Answers a legacy request; returns a response, or ("elicit", request) to ask the client first."""
        msg_id, method, params = msg.get("id"), msg.get("method"), msg.get("params") or {}
        if method == "ping":
            return result(msg_id, {})
        if method == "tools/list":
            return result(msg_id, {"tools": TOOLS})
        if method == "tools/call":
            name, args = params.get("name"), params.get("arguments") or {}
            if name == "echo":
                return result(msg_id, tool_text({"echo": args}))
            if name == "delete_item":
                if "elicitation" not in (session.get("capabilities") or {}):
                    return result(msg_id, {"content": [{"type": "text", "text": "needs elicitation"}],
                                           "isError": True})
                return ("elicit", {"jsonrpc": "2.0", "id": "elicit-%s" % uuid.uuid4().hex[:8],
                                   "method": "elicitation/create",
                                   "params": {"mode": "form", "message": "Delete item %s?" % args.get("id"),
                                              "requestedSchema": CONFIRM_SCHEMA}})
            return error(msg_id, -32602, "Unknown tool: %s" % name)
        return error(msg_id, -32601, "Method not found: %s" % method)


def is_modern(msg):
    params = msg.get("params")
    return isinstance(params, dict) and isinstance(params.get("_meta"), dict) and META_VERSION in params["_meta"]


# ---------------------------------------------------------------- stdio
def serve_stdio(server, log):
    out_lock = threading.Lock()
    session = {}  # one legacy session per process
    pending = {}  # elicitation request id -> (call message, item id)

    def send(msg):
        line = json.dumps(msg)
        log.write({"dir": "out", "msg": msg})
        with out_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    for raw in sys.stdin:
        raw = raw.rstrip("\n")
        if not raw:
            continue
        try:
            msg = json.loads(raw)
        except ValueError:
            log.write({"dir": "in", "raw": raw})
            send(error(None, -32700, "Parse error"))
            continue
        log.write({"dir": "in", "msg": msg})
        if "method" not in msg:  # a response to our elicitation request
            call = pending.pop(msg.get("id"), None)
            if call:
                send(result(call[0]["id"], deletion_outcome(call[1], msg.get("result") or {"action": "cancel"})))
            continue
        is_request = "id" in msg
        if server.serves_modern and is_modern(msg):
            if is_request:
                send(server.modern(msg)[1])
            continue
        method = msg.get("method")
        if method == "initialize":
            if not server.serves_legacy:
                send(server.modern_only_initialize(msg))
                continue
            session["capabilities"] = (msg.get("params") or {}).get("capabilities") or {}
            session["initialized"] = True
            send(server.initialize(msg))
            continue
        if not is_request:
            continue
        if not session.get("initialized") and server.persona != "dual":
            if server.persona == "legacy-silent":
                continue
            if server.persona == "legacy-exit":
                print("stub: exiting on a request before initialize", file=sys.stderr)
                sys.exit(1)
            send(error(msg.get("id"), -32601, "Method not found: %s" % method))
            continue
        answer = server.legacy_request(msg, session)
        if isinstance(answer, tuple):
            pending[answer[1]["id"]] = (msg, (msg.get("params") or {}).get("arguments", {}).get("id"))
            send(answer[1])
        else:
            send(answer)


# ---------------------------------------------------------------- Streamable HTTP
def serve_http(server, log, host, port):
    sessions = {}  # session id -> {"capabilities", "waiting": {request id: Queue}}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def _record_in(self, body):
            entry = {"dir": "in", "http": {"method": self.command, "path": self.path,
                                           "headers": dict(self.headers.items())}}
            try:
                entry["msg"] = json.loads(body) if body else None
            except ValueError:
                entry["raw"] = body.decode("utf-8", "replace")
            log.write(entry)
            return entry.get("msg")

        def _reply(self, status, body=None, content_type="application/json", headers=None):
            data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if data:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            log.write({"dir": "out", "status": status, "headers": headers or {},
                       "msg": body if isinstance(body, dict) else None,
                       "raw": data.decode("utf-8", "replace") if data and not isinstance(body, dict) else None})

        def _sse_event(self, msg):
            data = ("event: message\ndata: %s\n\n" % json.dumps(msg)).encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
            log.write({"dir": "out", "sse": True, "msg": msg})

        def do_GET(self):
            self._record_in(b"")
            self._reply(405, headers={"Allow": "POST"})

        def do_DELETE(self):
            self._record_in(b"")
            sid = self.headers.get("Mcp-Session-Id")
            with lock:
                existed = sessions.pop(sid, None) is not None
            if existed:
                self._reply(200)
            else:
                self._reply(405, headers={"Allow": "POST"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            msg = self._record_in(self.rfile.read(length))
            if not isinstance(msg, dict):
                self._reply(400, error(None, -32700, "Parse error"))
                return
            if server.serves_modern and is_modern(msg):
                if "id" not in msg:
                    self._reply(202)
                    return
                status, answer = server.modern(msg)
                self._reply(status, answer)
                return
            method, sid = msg.get("method"), self.headers.get("Mcp-Session-Id")
            if method == "initialize":
                if not server.serves_legacy:
                    self._reply(400, server.modern_only_initialize(msg))
                    return
                sid = uuid.uuid4().hex
                with lock:
                    sessions[sid] = {"capabilities": (msg.get("params") or {}).get("capabilities") or {},
                                     "waiting": {}}
                self._reply(200, server.initialize(msg), headers={"Mcp-Session-Id": sid})
                return
            with lock:
                session = sessions.get(sid)
            if session is None:
                self._no_session(msg)
                return
            if "method" not in msg:  # the client's answer to our elicitation request
                q = session["waiting"].get(msg.get("id"))
                if q:
                    q.put(msg.get("result") or {"action": "cancel"})
                self._reply(202)
                return
            if "id" not in msg:
                self._reply(202)
                return
            answer = server.legacy_request(msg, session)
            if not isinstance(answer, tuple):
                self._reply(200, answer)
                return
            # elicitation inside the call's SSE stream, then the call's result on the same stream
            ask = answer[1]
            q = queue.Queue()
            session["waiting"][ask["id"]] = q
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            log.write({"dir": "out", "status": 200, "headers": {"Content-Type": "text/event-stream"}})
            self._sse_event(ask)
            try:
                response = q.get(timeout=60)
            except queue.Empty:
                response = {"action": "cancel"}
            session["waiting"].pop(ask["id"], None)
            item = ((msg.get("params") or {}).get("arguments") or {}).get("id")
            self._sse_event(result(msg["id"], deletion_outcome(item, response)))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _no_session(self, msg):
            persona = server.persona
            if persona == "dual" or persona == "modern":
                self._reply(400, error(msg.get("id"), -32600, "Bad Request: no valid session; send initialize "
                                       "first or use MCP %s" % MODERN))
            elif persona == "legacy-400-text":
                self._reply(400, b"java.lang.IllegalStateException: Session ID required\n\tat Example.doPost",
                            content_type="text/plain")
            elif persona == "legacy-400-json":
                self._reply(400, {"cause": None, "message": "Session ID required in mcp-session-id header",
                                  "jsonRpcError": {"code": -32601, "message": "Session ID required"}})
            elif persona in ("legacy-404", "legacy-405", "legacy-500"):
                self._reply(int(persona[-3:]))
            else:  # legacy: what the TypeScript SDK's 2025 server answers
                self._reply(400, error(None, -32000, "Bad Request: No valid session ID provided"))

    httpd = ThreadingHTTPServer((host, port), Handler)
    httpd.daemon_threads = True
    print("stub: listening on http://%s:%d/mcp" % (host, httpd.server_address[1]), file=sys.stderr, flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


def main():
    personas = ["dual", "modern", "legacy", "legacy-silent", "legacy-exit", "legacy-400-text", "legacy-400-json",
                "legacy-404", "legacy-405", "legacy-500"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transport", choices=["stdio", "http"], default="stdio")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--persona", choices=personas, default="dual")
    parser.add_argument("--log", help="append every message as a JSON line to this file")
    parser.add_argument("--omit", action="append", default=[], metavar="FIELD",
                        help="leave this field out of every modern result (e.g. ttlMs), to see how strict clients are")
    args = parser.parse_args()
    server, log = Server(args.persona, args.omit), Log(args.log)
    log.write({"dir": "start", "pid": __import__("os").getpid(), "persona": args.persona,
               "transport": args.transport})
    if args.transport == "stdio":
        serve_stdio(server, log)
    else:
        serve_http(server, log, args.host, args.port)


if __name__ == "__main__":
    main()
