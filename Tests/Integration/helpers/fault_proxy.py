"""A loopback HTTP proxy that loses answers: the fault a retried write must survive.

FaultProxy(upstream_port, drop={"PutSecretValue": 1}) listens on 127.0.0.1:<free port>
and relays each HTTP/1.1 request byte for byte (the Host header, and so the SigV4
signature, unchanged) to moto on its own upstream connection. For an operation named
in `drop` (by X-Amz-Target), the first N requests are delivered to moto and processed,
but instead of relaying the answer the proxy closes the client's connection: the
client sees the connection die after its request was done, exactly a lost answer.

`seen[op]` counts requests per operation, so a test can prove the retry happened.
Only loopback is used; the proxy stops with stop() (threads are daemons).
"""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter


def _read_message(sock: socket.socket, buf: bytes) -> tuple[bytes | None, bytes]:
    """One HTTP message (headers + Content-Length body) from sock; (None, b"") at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    m = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    length = int(m.group(1)) if m else 0
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length], rest[length:]


class FaultProxy:
    def __init__(self, upstream_port: int, drop: dict[str, int]):
        self.upstream = ("127.0.0.1", upstream_port)
        self.drop = dict(drop)
        self.seen: Counter[str] = Counter()
        self.dropped: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._srv.bind(("127.0.0.1", 0))
        self._srv.listen(16)
        self._srv.settimeout(0.2)
        self.port = self._srv.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stop.set()
        self._srv.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._srv.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(10)
        buf = b""
        try:
            while True:
                request, buf = _read_message(client, buf)
                if request is None:
                    return
                m = re.search(rb"(?im)^x-amz-target:\s*\S+?\.(\w+)\s*$", request)
                op = m.group(1).decode() if m else ""
                with socket.create_connection(self.upstream, timeout=10) as up:
                    up.sendall(request)
                    answer, _ = _read_message(up, b"")
                with self._lock:
                    self.seen[op] += 1
                    lose = self.dropped[op] < self.drop.get(op, 0)
                    if lose:
                        self.dropped[op] += 1
                if lose or answer is None:
                    return  # the request was processed; its answer is lost
                client.sendall(answer)
        except OSError:
            return
        finally:
            client.close()
