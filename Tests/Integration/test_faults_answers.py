"""Faults in the service's answers, beyond test_credentials_faults.py (which covers a few
throttles, 503s or resets then recovery, persistent 503, answers slower than the deadline and
clock skew): throttling storms, other 5xx, persistent resets, answers cut short, malformed JSON,
wrong content types, very large answers, and faults that hit only the later round trips of a
large prefix or one of several parallel GetSecretValue calls.

Every run either succeeds with every secret, or exits 125 with a clear message within its
deadline: never a hang, never the child started with part of its environment."""

from __future__ import annotations

import json
import socket
import struct
import sys
import time
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402

DEADLINE = 4.0  # --timeout for these runs
SLACK = 3.0     # process start, moto, the proxy: generous on a loaded 2-core machine


class MangleProxy(ChaosProxy):
    """ChaosProxy that rewrites or breaks the answers to chosen requests.

    `fault(op, request_body) -> bool` picks the requests (after `skip` matching ones), and
    `kind` says what they get instead of the service's answer."""

    def __init__(self, upstream: str, kind: str, ops: tuple[str, ...] = (), match: bytes = b"", skip: int = 0):
        super().__init__(upstream)
        self.kind, self.ops, self.match, self.skip = kind, ops, match, skip
        self.hits = 0

    def _serve(self, h, body: bytes) -> None:
        op = (h.headers.get("X-Amz-Target") or "").split(".")[-1]
        hit = (not self.ops or op in self.ops) and self.match in body
        if hit:
            with self._lock:
                self.skip -= 1
                hit = self.skip < 0
                if hit:
                    self.hits += 1
        if not hit:
            return super()._serve(h, body)
        with self._lock:
            self.faults += 1
        k = self.kind
        if k == "throttle":
            return self._error(h, 400, "ThrottlingException", "Rate exceeded")
        if k == "denied":
            return self._error(h, 400, "AccessDeniedException", "not authorized to perform GetSecretValue")
        if k == "500":
            return self._answer(h, 500, {"Content-Type": "application/x-amz-json-1.1"},
                                b'{"__type":"InternalServiceError","message":"internal failure"}')
        if k == "502-html":
            return self._answer(h, 502, {"Content-Type": "text/html"},
                                b"<html><body><h1>502 Bad Gateway</h1></body></html>")
        if k == "reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return None
        # The rest answer 200 with something wrong in it.
        answer = self._upstream(h, body)
        if k == "truncated-json":  # a complete HTTP message whose JSON stops halfway
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"}, answer[: len(answer) // 2])
        if k == "garbage":
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"}, b"\x00\xffnot json at all{{{")
        if k == "html-200":
            return self._answer(h, 200, {"Content-Type": "text/html"}, b"<html><body>Captive portal: log in</body></html>")
        if k == "empty-200":
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"}, b"")
        if k == "wrong-shape":  # valid JSON, the wrong types
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"},
                                b'{"SecretValues":{"Name":1},"SecretList":"x","NextToken":7}')
        if k == "list-bad-token":  # a short ListSecrets page whose NextToken is not a string
            doc = json.loads(answer)
            doc["SecretList"], doc["NextToken"] = doc.get("SecretList", [])[:3], 7
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(doc).encode())
        if k == "json-as-text":  # the right answer, labelled text/plain: fine to accept
            return self._answer(h, 200, {"Content-Type": "text/plain"}, answer)
        if k == "huge":  # the right answer padded with 16 MiB of an unknown member
            doc = json.loads(answer)
            doc["Padding"] = "x" * (16 << 20)
            return self._answer(h, 200, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(doc).encode())
        if k == "cut-connection":  # Content-Length promises the whole answer; half arrives, then EOF
            h.send_response_only(200)
            h.send_header("Content-Type", "application/x-amz-json-1.1")
            h.send_header("Content-Length", str(len(answer)))
            h.end_headers()
            h.wfile.write(answer[: len(answer) // 2])
            h.wfile.flush()
            h.close_connection = True
            return None
        raise AssertionError(k)

    def _upstream(self, h, body: bytes) -> bytes:
        import http.client
        conn = http.client.HTTPConnection(self.up_host, self.up_port, timeout=30)
        try:
            conn.request(h.command, h.path, body=body, headers=dict(h.headers.items()))
            return conn.getresponse().read()
        finally:
            conn.close()


def through(lw: LW, proxy: ChaosProxy, keys=None, **extra: str) -> dict:
    return {**lw.emulator.env(keys), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url, **extra}


def outcome(lw: LW, args: list[str], env: dict, expect: dict[str, str]) -> tuple[int, str, float]:
    """Runs lwexec ARGS -- probe. Asserts: exit 0 with every expected variable, or exit 125, a
    message, and no child at all; within the deadline. Returns (status, stderr, seconds)."""
    probe = lw.probe()
    t = time.monotonic()
    r = lw.run(["--timeout", f"{DEADLINE:g}s", *args, "--", *probe.argv], env=env, timeout=DEADLINE + 20)
    took = time.monotonic() - t
    assert took < DEADLINE + SLACK, f"took {took:.1f}s with --timeout {DEADLINE:g}s\n{r}"
    if r.returncode == 0:
        seen = probe.env()
        for var, value in expect.items():
            assert seen.get(var) == value, f"{var} missing or wrong in the child's environment\n{r}"
    else:
        assert r.returncode == 125, r
        assert not probe.ran, f"the child started although lwexec failed\n{r}"
        assert r.err.strip().startswith("lwexec:") or "lwexec" in r.err.splitlines()[0], r
    return r.returncode, r.err, took


@pytest.fixture
def app(lw: LW):
    values = {f"APP_SECRET_{i}": lw.seed(f"app/app_secret_{i}") for i in range(3)}
    return lw.name("app"), values


@pytest.fixture
def big(lw: LW):
    """25 secrets: past one BatchGetSecretValue page, so ListSecrets and a second batch round run."""
    values = {f"S_{i:02d}": lw.seed(f"big/s_{i:02d}", f"big-value-{i:02d}-{lw.uid}") for i in range(25)}
    return lw.name("big"), values


# ----------------------------------------------------------------------------- every request
@pytest.mark.parametrize("kind,words", [
    ("throttle", ["Throttling"]),
    ("500", ["InternalServiceError", "500"]),
    ("502-html", ["502"]),
    ("reset", ["connection", "reset", "Connection", "recv", "receive"]),
    ("cut-connection", ["transfer", "connection", "closed", "partial", "receive", "Connection"]),
])
def test_persistent_transport_and_server_faults_exit_125_in_time(lw: LW, app, kind, words):
    with MangleProxy(lw.emulator.url, kind) as proxy:
        code, err, _ = outcome(lw, [app[0]], through(lw, proxy, AWS_MAX_ATTEMPTS="2"), app[1])
    assert code == 125 and proxy.hits >= 1
    assert any(w in err for w in words), err


def test_throttling_storm_with_many_attempts_stops_at_the_deadline(lw: LW, app):
    """AWS_MAX_ATTEMPTS=50 under constant throttling: the deadline, not the attempts, ends it."""
    with MangleProxy(lw.emulator.url, "throttle") as proxy:
        code, err, took = outcome(lw, [app[0]], through(lw, proxy, AWS_MAX_ATTEMPTS="50", AWS_RETRY_MODE="adaptive"), app[1])
    assert code == 125 and proxy.hits >= 2, err
    assert "Throttling" in err or "deadline" in err or "timed out" in err, err


@pytest.mark.parametrize("kind", ["truncated-json", "garbage", "html-200", "empty-200", "wrong-shape"])
def test_malformed_answers_are_a_clear_error(lw: LW, app, kind):
    with MangleProxy(lw.emulator.url, kind, ops=("BatchGetSecretValue",)) as proxy:
        code, err, _ = outcome(lw, [app[0]], through(lw, proxy, AWS_MAX_ATTEMPTS="2"), app[1])
    assert proxy.hits >= 1 and code == 125, err
    assert "BatchGetSecretValue" in err or "JSON" in err, err


def test_a_right_answer_with_a_wrong_content_type_is_accepted(lw: LW, app):
    with MangleProxy(lw.emulator.url, "json-as-text") as proxy:
        code, err, _ = outcome(lw, [app[0]], through(lw, proxy), app[1])
    assert code == 0 and proxy.hits >= 1, err


def test_an_answer_past_the_size_cap_is_refused(lw: LW, app):
    """16 MiB of padding in one answer: past HTTPResponse.maxBodyBytes (16 MiB), so a clear 125 naming
    the cap, no child, no retry of a refused answer."""
    with MangleProxy(lw.emulator.url, "huge", ops=("BatchGetSecretValue",)) as proxy:
        code, err, _ = outcome(lw, [app[0]], through(lw, proxy), app[1])
    assert proxy.hits == 1, err
    assert code == 125 and "larger than 16 MiB" in err, err


# ----------------------------------------------------------------------------- later round trips only
@pytest.mark.parametrize("kind", ["500", "garbage", "truncated-json", "reset", "throttle"])
def test_a_fault_in_a_later_batch_never_starts_a_partial_environment(lw: LW, big, kind):
    """The first BatchGetSecretValue (20 values) succeeds, the names are listed, and one of the
    GetSecretValue calls for the rest fails: nothing runs."""
    with MangleProxy(lw.emulator.url, kind, ops=("GetSecretValue",), skip=1) as proxy:
        code, err, _ = outcome(lw, [big[0]], through(lw, proxy, AWS_MAX_ATTEMPTS="2"), big[1])
    assert proxy.hits >= 1
    assert code == 125, err


def test_a_fault_in_list_secrets_never_starts_a_partial_environment(lw: LW, big):
    with MangleProxy(lw.emulator.url, "garbage", ops=("ListSecrets",)) as proxy:
        code, err, _ = outcome(lw, [big[0]], through(lw, proxy, AWS_MAX_ATTEMPTS="2"), big[1])
    assert proxy.hits >= 1 and code == 125, err


@pytest.mark.parametrize("kind", ["denied", "500", "garbage"])
def test_one_failing_get_among_parallel_gets_runs_nothing(lw: LW, kind):
    """--secret under least privilege: BatchGetSecretValue is denied, then one GetSecretValue per
    secret in parallel; one of them fails, the others succeed: exit 125, no child."""
    names = [lw.name(f"ro/secret_{i}") for i in range(4)]
    values = {f"SECRET_{i}": lw.seed(f"ro/secret_{i}") for i in range(4)}
    keys = lw.read_only_user()
    with MangleProxy(lw.emulator.url, kind, ops=("GetSecretValue",), match=names[2].encode()) as proxy:
        args = [x for n in names for x in ("--secret", n)]
        code, err, _ = outcome(lw, args, through(lw, proxy, keys, AWS_MAX_ATTEMPTS="2"), values)
    assert proxy.hits >= 1 and code == 125, err
    if kind != "garbage":  # an unreadable answer is blamed on the endpoint, not on one secret
        assert "secret_2" in err, err


def test_wrong_shape_with_allow_empty_never_runs_the_child_without_secrets(lw: LW, app):
    """A BatchGetSecretValue answer whose SecretValues is not a list is malformed, not an empty
    page: with --allow-empty the latter would start the child without its secrets."""
    with MangleProxy(lw.emulator.url, "wrong-shape", ops=("BatchGetSecretValue",)) as proxy:
        code, err, _ = outcome(lw, ["--allow-empty", app[0]], through(lw, proxy), app[1])
    assert proxy.hits >= 1 and code == 125, err


def test_a_malformed_list_page_never_starts_a_partial_environment(lw: LW, big):
    """A ListSecrets page cut short with a NextToken that is not a string: ending the listing
    there would start the child with 20 of its 25 secrets."""
    with MangleProxy(lw.emulator.url, "list-bad-token", ops=("ListSecrets",)) as proxy:
        code, err, _ = outcome(lw, [big[0]], through(lw, proxy), big[1])
    assert proxy.hits >= 1 and code == 125, err
