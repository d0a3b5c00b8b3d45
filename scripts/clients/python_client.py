#!/usr/bin/env python3
"""Drive an MCP server with the official Python SDK client (`mcp`, pinned by setup.sh) and print a JSON summary.

  python_client.py --era modern|legacy|auto [--list] [--call NAME [--args JSON]] [--elicit accept|decline|cancel]
                   (--url URL [--header 'Name: value']... | --stdio [--env K=V]... -- COMMAND ARGS...)

Eras:
  modern  protocol 2026-07-28 without a handshake: one explicit server/discover (unless --no-discover), then every
          request carries the per-request _meta (mode='2026-07-28' of mcp.Client)
  legacy  the 2025-11-25 initialize handshake (mode='legacy')
  auto    the SDK's own negotiation: server/discover probe, fall back to initialize (mode='auto', its default)

--elicit makes the client declare the elicitation capability and answer every elicitation (2025-11-25
elicitation/create request, or 2026-07-28 input_required result) with that action; `accept` sends --elicit-content,
or else a form filled from the requested schema (defaults, `true` for booleans, the first enum value). Without
--elicit no elicitation capability is declared.

The summary (stdout, one JSON object) has: client, era, protocolVersion, serverInfo, capabilities, discover,
tools (names, or full definitions with --full-tools), timingsMs (connected/listed/called/closed), call (the CallToolResult as the SDK parsed it), elicitations
(what the server asked and what was answered), ok, and error ({type, message, code?}) when something failed.
Exit code 0 when ok, 1 on a failure (the summary still printed), 2 on bad usage or a missing SDK.
Any python3 can run it: unless the pinned mcp (versions.env) is importable, it re-runs itself with the virtual
environment scripts/clients/setup.sh installs ($MCP_PYTHON_CLIENT_PYTHON, else the default cache directory).
A stdio server inherits this process's environment plus --env values; its stderr goes to this process's stderr.
"""
import argparse
import asyncio
import json
import os
import sys
import time
import traceback

CLIENT_NAME = "openapi-mcp-python-harness"
HERE = os.path.dirname(os.path.abspath(__file__))


def pinned_version():
    with open(os.path.join(HERE, "versions.env"), encoding="utf-8") as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            if key == "PYTHON_MCP_VERSION":
                return value
    raise SystemExit("python_client.py: versions.env names no PYTHON_MCP_VERSION")


def ensure_sdk():
    """Re-run this script with the virtual environment setup.sh made, unless the pinned mcp is importable here."""
    pinned = pinned_version()
    try:
        from importlib.metadata import version
        if version("mcp") == pinned:
            return
    except Exception:
        pass
    cache = os.environ.get("OPENAPI_MCP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "openapi-mcp")
    venv = os.path.join(cache, "clients", "python-mcp-%s" % pinned)
    python = os.environ.get("MCP_PYTHON_CLIENT_PYTHON") or os.path.join(venv, "bin", "python")
    if os.environ.get("OPENAPI_MCP_HARNESS_REEXEC") or not os.path.exists(python):
        sys.stderr.write("python_client.py: mcp %s is not installed; run scripts/clients/setup.sh first\n" % pinned)
        sys.exit(2)
    os.environ["OPENAPI_MCP_HARNESS_REEXEC"] = "1"
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


def parse_args(argv):
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1:]
    else:
        command = []
    p = argparse.ArgumentParser(description="Drive an MCP server with the Python SDK client.")
    p.add_argument("--era", choices=["modern", "legacy", "auto"], default="auto")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="Streamable HTTP endpoint, e.g. http://127.0.0.1:3000/mcp")
    target.add_argument("--stdio", action="store_true", help="launch the command after -- and talk over stdio")
    p.add_argument("--header", action="append", default=[], help="HTTP header 'Name: value' (repeatable)")
    p.add_argument("--env", action="append", default=[], help="K=V for the stdio server (repeatable)")
    p.add_argument("--list", action="store_true", help="send tools/list (implied by --full-tools)")
    p.add_argument("--full-tools", action="store_true", help="include full tool definitions in the summary")
    p.add_argument("--call", metavar="NAME", help="call this tool")
    p.add_argument("--args", default="{}", help="tool arguments as a JSON object")
    p.add_argument("--resources", action="store_true", help="send resources/list and resources/templates/list")
    p.add_argument("--read", metavar="URI", help="send resources/read of this URI")
    p.add_argument("--elicit", choices=["accept", "decline", "cancel"], help="answer elicitations this way")
    p.add_argument("--elicit-content", help="JSON object sent as the content of an accepted form elicitation")
    p.add_argument("--no-discover", action="store_true", help="modern era: do not send server/discover")
    p.add_argument("--timeout", type=float, default=60.0, help="hang guard for the whole run, seconds")
    args = p.parse_args(argv)
    if args.stdio and not command:
        p.error("--stdio needs the server command after --")
    if args.url and command:
        p.error("a command after -- is only for --stdio")
    args.command = command
    try:
        args.arguments = json.loads(args.args)
        args.content = json.loads(args.elicit_content) if args.elicit_content else None
    except ValueError as e:
        p.error("--args / --elicit-content must be JSON: %s" % e)
    if not isinstance(args.arguments, dict):
        p.error("--args must be a JSON object")
    return args


def fill_form(schema):
    """A form answer built from the requested schema: defaults first, then a plausible value per type."""
    content = {}
    for name, prop in ((schema or {}).get("properties") or {}).items():
        if "default" in prop:
            value = prop["default"]
        elif prop.get("type") == "boolean":
            value = True
        elif prop.get("enum"):
            value = prop["enum"][0]
        elif prop.get("oneOf"):
            value = prop["oneOf"][0].get("const")
        elif prop.get("type") in ("number", "integer"):
            value = prop.get("minimum", 0)
        elif prop.get("type") == "array":
            value = []
        else:
            value = "yes"
        content[name] = value
    # a confirmation form's boolean must say yes when the answer is `accept`, whatever its default
    for name, prop in ((schema or {}).get("properties") or {}).items():
        if prop.get("type") == "boolean":
            content[name] = True
    return content


def dump(model):
    return model.model_dump(by_alias=True, mode="json", exclude_none=True) if model is not None else None


async def run(args, summary):
    import mcp
    import mcp_types as types
    from mcp import Client, StdioServerParameters

    summary["client"]["version"] = getattr(mcp, "__version__", None) or _dist_version("mcp")
    elicitations = []

    async def on_elicit(context, params):
        asked = dump(params)
        if args.elicit == "accept":
            mode = getattr(params, "mode", "form")
            content = None
            if mode != "url":
                content = args.content if args.content is not None else fill_form(asked.get("requestedSchema"))
            answer = types.ElicitResult(action="accept", content=content)
        else:
            answer = types.ElicitResult(action=args.elicit)
        elicitations.append({"request": asked, "answer": dump(answer)})
        return answer

    mode = {"modern": "2026-07-28", "legacy": "legacy", "auto": "auto"}[args.era]
    if args.stdio:
        env = dict(os.environ)
        for kv in args.env:
            k, _, v = kv.partition("=")
            env[k] = v
        server = StdioServerParameters(command=args.command[0], args=args.command[1:], env=env)
        summary["transport"] = "stdio"
    else:
        server = args.url
        summary["transport"] = "http"
        if args.header:
            from mcp.client.streamable_http import streamable_http_client
            from mcp.shared._httpx_utils import create_mcp_http_client

            headers = {}
            for h in args.header:
                k, _, v = h.partition(":")
                headers[k.strip()] = v.strip()
            server = streamable_http_client(args.url, http_client=create_mcp_http_client(headers=headers))
    kwargs = {"mode": mode, "client_info": types.Implementation(name=CLIENT_NAME, version="1"), "cache": None}
    if args.elicit:
        kwargs["elicitation_callback"] = on_elicit
    started = time.monotonic()
    timings = summary["timingsMs"] = {}

    def mark(name):
        timings[name] = round((time.monotonic() - started) * 1000)

    async with Client(server, **kwargs) as client:
        mark("connected")
        summary["protocolVersion"] = client.protocol_version
        summary["era"] = "legacy" if client.session.initialize_result is not None else "modern"
        if args.era == "modern" and not args.no_discover:
            raw = await client.session.send_discover("2026-07-28")
            summary["discover"] = raw
            client.session.adopt(types.DiscoverResult.model_validate(raw))
        elif client.session.discover_result is not None and args.era == "auto":
            summary["discover"] = dump(client.session.discover_result)
        summary["serverInfo"] = dump(client.server_info)
        summary["capabilities"] = dump(client.server_capabilities)
        if args.list or args.full_tools:
            listed = await client.list_tools()
            tools = [dump(t) for t in listed.tools]
            summary["tools"] = tools if args.full_tools else [t["name"] for t in tools]
            summary["toolsListExtras"] = {k: v for k, v in dump(listed).items() if k != "tools"}
            mark("listed")
        if args.resources:
            summary["resources"] = dump(await client.list_resources())
            summary["resourceTemplates"] = dump(await client.list_resource_templates())
        if args.read:
            summary["read"] = dump(await client.read_resource(args.read))
            mark("read")
        if args.call:
            summary["call"] = {"name": args.call, "arguments": args.arguments}
            try:
                result = await client.call_tool(args.call, args.arguments)
            finally:
                summary["elicitations"] = elicitations
            summary["call"]["result"] = dump(result)
            mark("called")
    mark("closed")
    summary["ok"] = True


def _dist_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return None


def describe(exc):
    """The innermost meaningful exception of an anyio ExceptionGroup, as {type, message, code?}."""
    group = getattr(__builtins__, "BaseExceptionGroup", None) or getattr(
        __import__("builtins"), "BaseExceptionGroup", ())
    while group and isinstance(exc, group) and exc.exceptions:
        exc = exc.exceptions[0]
    info = {"type": type(exc).__name__, "message": str(exc)}
    error = getattr(exc, "error", None)
    if error is not None and getattr(error, "code", None) is not None:
        info["code"] = error.code
        if getattr(error, "data", None) is not None:
            info["data"] = error.data
    return info


def main():
    args = parse_args(sys.argv[1:])
    ensure_sdk()
    summary = {"client": {"name": "python-mcp", "version": None}, "requestedEra": args.era, "ok": False}
    try:
        asyncio.run(asyncio.wait_for(run(args, summary), args.timeout))
    except BaseException as e:  # the summary must be printed whatever happened
        if isinstance(e, KeyboardInterrupt):
            raise
        summary["error"] = describe(e)
        if os.environ.get("HARNESS_DEBUG"):
            traceback.print_exc()
    print(json.dumps(summary, indent=2))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
