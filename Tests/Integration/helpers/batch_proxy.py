"""A loopback proxy in front of the emulator that answers BatchGetSecretValue as other services do.

Secrets Manager may tell a caller about a secret it cannot return in more than one way; moto
(with scripts/emulator.py's patch) leaves a secret scheduled for deletion out of a filtered batch,
as the service's ListSecrets does. BatchProxy(upstream, mode, secret, code, message) relays every
request verbatim (SigV4 still verifies) and, for a BatchGetSecretValue by name filter whose
filter covers `secret`, answers instead:

* mode "refuse": the whole call refused, HTTP 400 `{"__type": code, "message": message}`, as
  the emulator did before it modelled the service;
* mode "errors": moto's answer with `secret` added under `Errors` (SecretId, ErrorCode, Message).

A WireProxy: `targets()` lists the operations seen, in order; `rewritten` counts the answers changed.
"""

from __future__ import annotations

import json
import threading

from wire_proxy import WireProxy


class BatchProxy(WireProxy):
    def __init__(self, upstream: str, mode: str, secret: str, code: str, message: str):
        assert mode in ("refuse", "errors")
        self.mode, self.secret, self.code, self.message = mode, secret, code, message
        self.rewritten = 0
        self.count_lock = threading.Lock()
        super().__init__(upstream)

    def covers(self, operation: str, body: bytes) -> bool:
        """A BatchGetSecretValue whose name filter covers the secret."""
        if operation != "BatchGetSecretValue":
            return False
        filters = json.loads(body or b"{}").get("Filters", [])
        return any(f.get("Key") == "name" and any(self.secret.startswith(v) for v in f.get("Values", []))
                   for f in filters)

    def answer_instead(self, operation: str, body: bytes) -> tuple[int, bytes] | None:
        if self.mode != "refuse" or not self.covers(operation, body):
            return None
        with self.count_lock:
            self.rewritten += 1
        return 400, json.dumps({"__type": self.code, "message": self.message}).encode()

    def rewrite(self, operation: str, body: bytes, status: int, data: bytes) -> bytes:
        if self.mode != "errors" or status != 200 or not self.covers(operation, body):
            return data
        answer = json.loads(data)
        answer.setdefault("Errors", []).append({"SecretId": self.secret, "ErrorCode": self.code, "Message": self.message})
        with self.count_lock:
            self.rewritten += 1
        return json.dumps(answer).encode()
