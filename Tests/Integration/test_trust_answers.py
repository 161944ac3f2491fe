"""Never a partial environment, held against answers that are wrong in every way a decoder can
meet (issue 12): each case here started the child with part of its secrets, looped until the
deadline, accepted a secret under another name, trapped, or grew without bound before.

A proxy in front of moto forwards every request (signatures still verify) and rewrites the
answers of the operation under test. Every case must end the same way: exit 125, one clear
message naming the call, and the child never started."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402

JSON_TYPE = {"Content-Type": "application/x-amz-json-1.1"}


class RewriteProxy(ChaosProxy):
    """Forwards to moto; `rewrite(op, request, answer) -> (status, headers, body) | None` may replace
    the answer to any request (None: the service's answer unchanged; `answer` is None when the service
    did not answer 200). Counts requests per operation."""

    def __init__(self, upstream: str, rewrite) -> None:
        super().__init__(upstream)
        self.rewrite = rewrite
        self.calls: dict[str, int] = {}

    def _serve(self, h, body: bytes) -> None:
        op = (h.headers.get("X-Amz-Target") or "").split(".")[-1]
        with self._lock:
            self.calls[op] = self.calls.get(op, 0) + 1
        import http.client
        conn = http.client.HTTPConnection(self.up_host, self.up_port, timeout=30)
        try:
            conn.request(h.command, h.path, body=body, headers=dict(h.headers.items()))
            r = conn.getresponse()
            status, headers, data = r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()
        request = json.loads(body or b"{}")
        answer = json.loads(data) if status == 200 else None
        replaced = self.rewrite(op, request, answer)
        if replaced is None:
            return self._answer(h, status, headers, data)
        if callable(replaced):  # the handler writes the answer itself
            return replaced(h)
        status, extra, out = replaced
        self._answer(h, status, {**JSON_TYPE, **extra}, out if isinstance(out, bytes) else json.dumps(out).encode())


def run_through(lw: LW, proxy: RewriteProxy, args: list[str], timeout: str = "5s"):
    marker = lw.marker()
    env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
    r = lw.run(["--timeout", timeout, *args, "--", *marker.argv], env=env, timeout=40)
    return r, marker


def assert_refused(r, marker, *words: str) -> None:
    assert r.returncode == 125, r
    assert not marker.ran, f"the child started although lwexec failed\n{r}"
    first = r.err.strip().splitlines()[0]
    assert first.startswith("lwexec:"), r
    for w in words:
        assert w in r.err, f"{w!r} not in the message\n{r}"
    assert len(r.err.strip().splitlines()) <= 3, r


@pytest.fixture
def big(lw: LW):
    """25 secrets: round 1's BatchGetSecretValue returns 20 and a NextToken, so ListSecrets runs."""
    lw.seed_many({f"big/secret_{i:02d}": f"value-{i:02d}-{lw.uid}" for i in range(25)})
    return lw.name("big")


def listing(fn):
    return lambda op, req, ans: fn(ans) if op == "ListSecrets" and ans is not None else None


@pytest.mark.parametrize("case,rewrite,words", [
    ("empty object", listing(lambda a: (200, {}, {})), ["ListSecrets", "SecretList"]),
    ("SecretList not a list", listing(lambda a: (200, {}, {**a, "SecretList": "x"})), ["ListSecrets", "SecretList"]),
    ("entries without Name", listing(lambda a: (200, {}, {**a, "SecretList": [
        {k: v for k, v in e.items() if k != "Name"} for e in a["SecretList"]]})), ["ListSecrets", "SecretList[0].Name"]),
    ("Name not a string", listing(lambda a: (200, {}, {**a, "SecretList": [
        {**e, "Name": 7} for e in a["SecretList"]]})), ["ListSecrets", "Name"]),
    ("NextToken not a string", listing(lambda a: (200, {}, {**a, "NextToken": 7})), ["ListSecrets", "NextToken"]),
    ("a name twice", listing(lambda a: (200, {}, {**a, "SecretList": a["SecretList"] + a["SecretList"][:1]})),
     ["ListSecrets", "twice"]),
    ("a date too large for any clock", listing(lambda a: (200, {}, {**a, "SecretList": [
        {**e, "LastChangedDate": 1e300} for e in a["SecretList"]]})), ["ListSecrets", "LastChangedDate"]),
])
def test_a_malformed_listing_never_starts_the_child(lw: LW, big: str, case: str, rewrite, words):
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, [big])
    assert_refused(r, marker, *words)


def test_a_repeating_next_token_is_an_error_not_a_loop(lw: LW, big: str):
    # Every ListSecrets page points at itself: a loop, not a listing. (moto refuses the unknown token,
    # so the proxy answers every page itself.)
    page = {"SecretList": [{"Name": f"{big}/secret_{i:02d}"} for i in range(25)], "NextToken": "same-token"}

    def rewrite(op, req, ans):
        return (200, {}, page) if op == "ListSecrets" else None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, [big], timeout="30s")
        calls = proxy.calls.get("ListSecrets", 0)
    assert_refused(r, marker, "ListSecrets", "NextToken", "loops")
    assert calls == 2, f"{calls} ListSecrets calls: the loop was followed"


def test_a_value_for_a_secret_not_asked_for_is_refused(lw: LW, big: str):
    other = lw.seed("elsewhere/intruder", f"intruder-{lw.uid}")

    def rewrite(op, req, ans):
        if op == "GetSecretValue" and req.get("SecretId", "").endswith("secret_24"):
            return 200, {}, {**ans, "Name": lw.name("elsewhere/intruder"), "SecretString": other}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, [big])
    assert_refused(r, marker, "GetSecretValue", "not asked for", lw.name("elsewhere/intruder"))


def test_a_named_secret_answered_under_another_name_is_refused(lw: LW):
    lw.seed("one/api_key", f"key-{lw.uid}")
    lw.seed("one/other_key", f"other-{lw.uid}")

    def rewrite(op, req, ans):
        if op == "GetSecretValue":
            return 200, {}, {**ans, "Name": lw.name("one/other_key")}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, ["--secret", lw.name("one/api_key")])
    assert_refused(r, marker, "not asked for", lw.name("one/other_key"))


def test_a_batch_page_with_a_name_twice_is_refused(lw: LW):
    lw.seed_many({f"small/s{i}": f"v{i}-{lw.uid}" for i in range(3)})

    def rewrite(op, req, ans):
        if op == "BatchGetSecretValue":
            return 200, {}, {**ans, "SecretValues": ans["SecretValues"] + ans["SecretValues"][:1]}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, [lw.name("small")])
    assert_refused(r, marker, "BatchGetSecretValue", "twice")


def test_a_batch_page_without_secret_values_is_refused(lw: LW):
    lw.seed_many({f"small/s{i}": f"v{i}-{lw.uid}" for i in range(3)})

    def rewrite(op, req, ans):
        if op == "BatchGetSecretValue":
            return 200, {}, {"Errors": []}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, ["--allow-empty", lw.name("small")])
    assert_refused(r, marker, "BatchGetSecretValue", "SecretValues")


def test_a_hostile_date_header_does_not_trap(lw: LW):
    # A clock-skew refusal whose Date lies in the year 99999999999999: it cannot be believed, so no
    # correction is learned and the refusal is reported (before: SIGILL in the date arithmetic).
    lw.seed("one/api_key", f"key-{lw.uid}")

    def rewrite(op, req, ans):
        def answer(h):
            body = json.dumps({"__type": "InvalidSignatureException", "message": "Signature expired"}).encode()
            h.send_response_only(400)
            h.send_header("Date", "Sun, 29 Nov 99999999999999 10:02:35 GMT")
            h.send_header("Content-Type", JSON_TYPE["Content-Type"])
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        return answer
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, ["--secret", lw.name("one/api_key")])
    assert_refused(r, marker, "InvalidSignatureException")


def test_an_endless_answer_is_cut_off(lw: LW):
    # A chunked answer that never ends: lwexec stops reading at its cap and says so (before: it grew
    # to gigabytes until the deadline).
    lw.seed("one/api_key", f"key-{lw.uid}")
    sent = {"bytes": 0}

    def rewrite(op, req, ans):
        def answer(h):
            h.send_response_only(200)
            h.send_header("Content-Type", JSON_TYPE["Content-Type"])
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"x" * 65536
            frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
            h.wfile.write(b'4\r\n{"a"\r\n')
            try:
                while sent["bytes"] < (1 << 30):  # bounded: 1 GiB at most
                    h.wfile.write(frame)
                    sent["bytes"] += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            h.close_connection = True
        return answer
    t = time.monotonic()
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, ["--secret", lw.name("one/api_key")], timeout="60s")
    assert_refused(r, marker, "16 MiB")
    assert sent["bytes"] < (64 << 20), f"{sent['bytes']} bytes were read before lwexec stopped"
    assert time.monotonic() - t < 30, "the cap, not the deadline, ended the run"


def test_terminal_escapes_in_a_service_message_never_reach_the_terminal(lw: LW):
    lw.seed("one/api_key", f"key-{lw.uid}")
    hostile = "denied \x1b]0;owned\x07\x1b[2J\x1b[31mred\u009b0m and a\nsecond line"

    def rewrite(op, req, ans):
        if op == "GetSecretValue":
            return 400, {"x-amzn-ErrorType": "AccessDeniedException"}, {"__type": "AccessDeniedException", "message": hostile}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        r, marker = run_through(lw, proxy, ["--secret", lw.name("one/api_key")])
    assert r.returncode == 125 and not marker.ran, r
    assert b"\x1b" not in r.stderr_bytes and b"\x07" not in r.stderr_bytes and "\u009b".encode() not in r.stderr_bytes, r
    assert "\\x1b]0;owned\\x07" in r.err and "\\x9b0m" in r.err and "\\nsecond line" in r.err, r
