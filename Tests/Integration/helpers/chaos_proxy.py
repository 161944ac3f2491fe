"""A fault-injecting HTTP proxy in front of the emulator, for the credential/transport tests.

It forwards requests unchanged (the Host header too, so SigV4 signatures still verify at moto)
except for the faults it is told to inject:

* throttle=N    — the first N requests get 400 ThrottlingException
* unavailable=N — the first N requests get 503 ServiceUnavailable
* reset=N       — the first N connections are reset (RST) without an answer
* always=True   — the fault above applies to every request, not only the first N
* slow=S        — every answer is held S seconds (past lwexec's deadline)
* skew=S        — the proxy's clock runs S seconds ahead: a request whose X-Amz-Date is more than
                  5 minutes from it gets 400 InvalidSignatureException ("Signature expired") with the
                  proxy's Date header, as AWS does; every answer carries the proxy's Date.
"""

from __future__ import annotations

import http.client
import json
import socket
import struct
import threading
import time
from datetime import datetime, timezone
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse


class ChaosProxy:
    def __init__(self, upstream: str, throttle: int = 0, unavailable: int = 0, reset: int = 0,
                 slow: float = 0.0, skew: float = 0.0, always: bool = False) -> None:
        u = urlparse(upstream)
        self.up_host, self.up_port = u.hostname, u.port
        self.throttle, self.unavailable, self.reset = throttle, unavailable, reset
        self.slow, self.skew, self.always = slow, skew, always
        self.seen = 0
        self.faults = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:
                pass

            def _any(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                outer._serve(self, body)

            do_GET = do_PUT = do_POST = _any

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> "ChaosProxy":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _now(self) -> float:
        return time.time() + self.skew

    def _answer(self, h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
        h.send_response_only(status)
        h.send_header("Date", formatdate(self._now(), usegmt=True))
        for k, v in headers.items():
            if k.lower() not in ("date", "content-length", "transfer-encoding", "connection"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _error(self, h, status: int, code: str, message: str) -> None:
        with self._lock:
            self.faults += 1
        body = json.dumps({"__type": code, "message": message}).encode()
        self._answer(h, status, {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code}, body)

    def _serve(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        with self._lock:
            self.seen += 1
            n = self.seen
        if self.reset and (self.always or n <= self.reset):
            with self._lock:
                self.faults += 1
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return
        if self.throttle and (self.always or n <= self.throttle):
            return self._error(h, 400, "ThrottlingException", "Rate exceeded")
        if self.unavailable and (self.always or n <= self.unavailable):
            return self._error(h, 503, "ServiceUnavailable", "Service is unavailable, try again")
        if self.slow:
            self._stop.wait(self.slow)
            if self._stop.is_set():
                return
        amz = h.headers.get("X-Amz-Date")
        if self.skew and amz:
            signed = datetime.strptime(amz, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).timestamp()
            if abs(signed - self._now()) > 300:
                now = datetime.fromtimestamp(self._now(), timezone.utc).strftime("%Y%m%dT%H%M%SZ")
                return self._error(h, 400, "InvalidSignatureException",
                                   f"Signature expired: {amz} is now earlier than {now} (5 min.)")
        conn = http.client.HTTPConnection(self.up_host, self.up_port, timeout=30)
        try:
            conn.request(h.command, h.path, body=body, headers=dict(h.headers.items()))
            r = conn.getresponse()
            data = r.read()
            self._answer(h, r.status, dict(r.getheaders()), data)
        finally:
            conn.close()
