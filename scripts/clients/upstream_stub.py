#!/usr/bin/env python3
"""A stand-in API for real-client runs (standard library only): answers every request 200 with a small JSON
object and appends "METHOD /path" per request to --log. Prints its base URL (http://127.0.0.1:PORT) on stderr. A path
ending in /slow is answered after 3 seconds (longer than a server answers as application/json)."""
import argparse
import http.server
import sys
import time


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--log", required=True)
    args = p.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if self.path.endswith("/slow"):
                time.sleep(3)
            with open(args.log, "a", encoding="utf-8") as log:
                log.write("%s %s\n" % (self.command, self.path))
            body = b'{"object":"user","id":"u1","name":"stub"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = answer

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    sys.stderr.write("http://127.0.0.1:%d\n" % server.server_address[1])
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
