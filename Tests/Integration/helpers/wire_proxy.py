"""A recording reverse proxy in front of the emulator: what lwexec really sends, and when.

Each request is forwarded verbatim (headers included, so SigV4 still verifies) and logged with
its `X-Amz-Target` and start/end times, so tests can count sequential round trips on the wire
instead of trusting lwexec's own account.
"""

from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class WireProxy:
    def __init__(self, upstream: str, latency: float = 0.0):
        """`latency`: seconds added to every answer, as a network would: the requests of one round
        then overlap clearly even when the emulator answers them one after another."""
        u = urlsplit(upstream)
        self.upstream = (u.hostname, u.port)
        self.calls: list[tuple[str, float, float]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                start = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                target = self.headers.get("X-Amz-Target", "?")
                answer = proxy.answer_instead(target.split(".")[-1], body)
                if answer is None:
                    conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                    conn.request("POST", self.path, body=body, headers=dict(self.headers.items()))
                    resp = conn.getresponse()
                    status, headers = resp.status, resp.getheaders()
                    data = proxy.rewrite(target.split(".")[-1], body, status, resp.read())
                    conn.close()
                else:
                    status, data = answer
                    headers = [("Content-Type", "application/x-amz-json-1.1")]
                if latency:
                    time.sleep(latency)
                self.send_response(status)
                for k, v in headers:
                    if k.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                with proxy.lock:
                    proxy.calls.append((target, start, time.monotonic()))

        # lwexec opens up to 64 connections at once: the default listen backlog (5) would drop SYNs
        # and the retransmits would look like extra round trips.
        ThreadingHTTPServer.request_queue_size = 128
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer_instead(self, operation: str, body: bytes) -> tuple[int, bytes] | None:
        """An answer to send without asking upstream (status, body); None: forward. For subclasses."""
        return None

    def rewrite(self, operation: str, body: bytes, status: int, data: bytes) -> bytes:
        """The upstream answer's body as the client gets it. For subclasses."""
        return data

    def rounds(self) -> int:
        """Sequential round trips: a new round starts when a request begins after every
        request of the current round has ended (parallel requests share a round)."""
        rounds, round_end = 0, -1.0
        for _, start, end in sorted(self.calls, key=lambda c: c[1]):
            if start >= round_end:
                rounds += 1
                round_end = end
            else:
                round_end = max(round_end, end)
        return rounds

    def targets(self) -> list[str]:
        return [t.split(".")[-1] for t, _, _ in sorted(self.calls, key=lambda c: c[1])]

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
