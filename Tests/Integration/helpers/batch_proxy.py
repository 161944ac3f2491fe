"""A loopback proxy in front of the emulator that answers BatchGetSecretValue as other services do.

Secrets Manager may tell a caller about a secret it cannot return in more than one way; moto
(with scripts/emulator.py's patch) leaves a secret scheduled for deletion out of a filtered batch,
as the service's ListSecrets does. BatchProxy(upstream, mode, secret, code, message) relays every
request verbatim (SigV4 still verifies) and, for a BatchGetSecretValue by name filter whose
filter covers `secret`, answers instead:

* mode "refuse": the whole call refused, HTTP 400 `{"__type": code, "message": message}`, as
  the emulator did before it modelled the service;
* mode "errors": moto's answer with `secret` added under `Errors` (SecretId, ErrorCode, Message).

`targets` lists the X-Amz-Target operations seen, in order.
"""

from __future__ import annotations

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class BatchProxy:
    def __init__(self, upstream: str, mode: str, secret: str, code: str, message: str):
        assert mode in ("refuse", "errors")
        u = urlsplit(upstream)
        self.upstream = (u.hostname, u.port)
        self.targets: list[str] = []
        self.rewritten = 0
        lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                op = self.headers.get("X-Amz-Target", "?").split(".")[-1]
                with lock:
                    proxy.targets.append(op)
                covers = False
                if op == "BatchGetSecretValue":
                    req = json.loads(body or b"{}")
                    for f in req.get("Filters", []):
                        if f.get("Key") == "name" and any(secret.startswith(v) for v in f.get("Values", [])):
                            covers = True
                if covers and mode == "refuse":
                    with lock:
                        proxy.rewritten += 1
                    self._answer(400, json.dumps({"__type": code, "message": message}).encode())
                    return
                conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                conn.request("POST", self.path, body=body, headers=dict(self.headers.items()))
                resp = conn.getresponse()
                data = resp.read()
                conn.close()
                if covers and resp.status == 200:
                    answer = json.loads(data)
                    answer.setdefault("Errors", []).append({"SecretId": secret, "ErrorCode": code, "Message": message})
                    data = json.dumps(answer).encode()
                    with lock:
                        proxy.rewritten += 1
                self._answer(resp.status, data)

            def _answer(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        ThreadingHTTPServer.request_queue_size = 128
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
