#!/usr/bin/env python3
"""Fleet simulation: N concurrent cold launches against the real Secrets Manager quotas.

A rollout starts hundreds of tasks at once, each running `lwexec ... -- server`. This starts
N lwexec processes together against the emulator behind a proxy that enforces the service's
request quotas per second (token buckets, a one-second burst):

* `ListSecrets` and `BatchGetSecretValue` together: 100 TPS;
* `GetSecretValue`: 10,000 TPS;

and answers past them `400 ThrottlingException` (JSON), as AWS does. The proxy is the test
helper ChaosProxy with the quota check in front of its forwarding.

Two modes, each with --secrets secrets per task:
* prefix:   `lwexec /fleet/app -- true` (admin identity: one BatchGetSecretValue per task);
* --secret: `lwexec --secret /fleet/app/s0 ... -- true` under the SOP's least-privilege policy
            (GetSecretValue only): the BatchGetSecretValue by id is denied, then parallel
            GetSecretValue.
and two retry settings: the default (standard, 3 attempts) and AWS_RETRY_MODE=adaptive with
AWS_MAX_ATTEMPTS=10. Reports success, p50/p99 start time, requests and throttled requests,
between the `fleet` markers of docs/benchmarks.md.

Usage: bench/fleet.py [--lwexec PATH] [--sizes 50,200,1000] [--secrets 5] [--timeout 30]
"""
from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Integration", "helpers"))
from emulator import Emulator, get_secret_value_only_policy  # noqa: E402
from chaos_proxy import ChaosProxy  # noqa: E402

# A thousand clients connect at once: the default listen backlog (5) would drop SYNs.
ThreadingHTTPServer.request_queue_size = 4096


class Bucket:
    def __init__(self, rate: float):
        self.rate, self.tokens, self.t = rate, rate, time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.t) * self.rate)
            self.t = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


class QuotaProxy(ChaosProxy):
    """ChaosProxy that throttles past the service quotas instead of a fixed count.

    The emulator is one Python process: a thousand tasks' requests would queue in it, and the
    simulation would measure moto instead of the quotas. So the first answer to each distinct
    request (operation, body, caller's access key) comes from moto — signature and IAM checked —
    and identical requests after it get the same answer from the proxy, as fast as it can.
    """

    QUOTAS = {"ListSecrets": "list", "BatchGetSecretValue": "list", "GetSecretValue": "get"}

    def __init__(self, upstream: str, list_tps: float = 100, get_tps: float = 10_000):
        super().__init__(upstream)
        self.buckets = {"list": Bucket(list_tps), "get": Bucket(get_tps)}
        self.requests: Counter[str] = Counter()
        self.throttled: Counter[str] = Counter()
        self.answers: dict[tuple, tuple[int, dict, bytes]] = {}
        self._httpd.handle_error = lambda *a: None  # clients that gave up: not worth a traceback

    def _serve(self, h, body: bytes) -> None:
        op = (h.headers.get("X-Amz-Target") or "?").split(".")[-1]
        with self._lock:
            self.requests[op] += 1
        bucket = self.buckets.get(self.QUOTAS.get(op, ""))
        if bucket is not None and not bucket.take():
            with self._lock:
                self.throttled[op] += 1
            return self._error(h, 400, "ThrottlingException", "Rate exceeded")
        auth = h.headers.get("Authorization") or ""
        key = (op, body, auth.split("Credential=")[-1].split("/")[0])
        cached = self.answers.get(key)
        if cached is not None:
            return self._answer(h, *cached)
        conn = http.client.HTTPConnection(self.up_host, self.up_port, timeout=30)
        try:
            conn.request(h.command, h.path, body=body, headers=dict(h.headers.items()))
            r = conn.getresponse()
            answer = (r.status, dict(r.getheaders()), r.read())
        finally:
            conn.close()
        if answer[0] in (200, 400) and b"Throttling" not in answer[2]:
            self.answers[key] = answer
        return self._answer(h, *answer)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def launch(argv: list[str], env: dict, n: int, limit: float) -> tuple[list[float], list[int], float]:
    """Starts n copies at once; returns each one's start-to-exit time, exit codes, total time."""
    procs, starts = [], []
    t0 = time.monotonic()
    for _ in range(n):
        starts.append(time.monotonic())
        procs.append(subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    ends = [0.0] * n
    pid_index = {p.pid: i for i, p in enumerate(procs)}
    codes = [None] * n
    left = n
    # Read stderr pipes in threads so a chatty child never blocks.
    errs = [b""] * n

    def drain(i):
        errs[i] = procs[i].stderr.read()
    threads = [threading.Thread(target=drain, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    def overdue():  # a hung launch is killed (and counted as failed), never waited for forever
        for p in procs:
            if p.returncode is None:
                try:
                    p.kill()
                except ProcessLookupError:
                    pass
    timer = threading.Timer(limit, overdue)
    timer.start()
    while left:
        pid, status = os.waitpid(-1, 0)
        if pid in pid_index:
            i = pid_index[pid]
            ends[i] = time.monotonic()
            codes[i] = os.waitstatus_to_exitcode(status)
            procs[i].returncode = codes[i]
            left -= 1
    timer.cancel()
    for t in threads:
        t.join(1)
    failures = Counter(e.decode(errors="replace").strip().splitlines()[-1][:160] for e, c in zip(errs, codes) if c != 0 and e)
    if failures:
        print("   failures:", dict(failures.most_common(3)), flush=True)
    return [e - s for s, e in zip(starts, ends)], codes, time.monotonic() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build-bench", "release", "lwexec"))
    ap.add_argument("--sizes", default=os.environ.get("FLEET_SIZES", "50,200,1000"))
    ap.add_argument("--secrets", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="divide the quotas by this: N tasks then stand for N*scale against the real quotas")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    lw = os.path.abspath(a.lwexec)
    load_before = open("/proc/loadavg").read().split()[:3]

    emu = Emulator()
    emu.start()
    proxy = None
    try:
        sm = emu.client("secretsmanager")
        names = [f"/fleet/app/secret_{i}" for i in range(a.secrets)]
        for nm in names:
            sm.create_secret(Name=nm, SecretString="v-" + nm)
        reader = emu.make_user("fleet-reader", get_secret_value_only_policy())
        home = tempfile.mkdtemp(prefix="lwexec-fleet-")
        rows = []
        settings = [("standard, 3 attempts (default)", {}),
                    ("adaptive, 10 attempts", {"AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "10"})]
        modes = [("prefix", None, ["/fleet/app"]),
                 ("--secret", reader, [x for nm in names for x in ("--secret", nm)])]
        for n in sizes:
            for mode, keys, args in modes:
                for label, extra in settings:
                    proxy = QuotaProxy(emu.url, 100 / a.scale, 10_000 / a.scale).start()
                    env = {"PATH": os.environ["PATH"], "HOME": home, "LANG": "C.UTF-8",
                           "AWS_EC2_METADATA_DISABLED": "true", **emu.env(keys),
                           "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url, **extra}
                    time.sleep(1.1)  # full buckets
                    times, codes, total = launch([lw, "--timeout", f"{a.timeout}s", *args, "--", "/bin/true"],
                                                 env, n, a.timeout + 30)
                    ok = sum(c == 0 for c in codes)
                    req = sum(proxy.requests.values())
                    thr = sum(proxy.throttled.values())
                    row = (n, mode, label, ok, pct(times, 50), pct(times, 99), max(times), req, thr,
                           Counter({k: v for k, v in proxy.requests.items()}))
                    rows.append(row)
                    print(f"n={n} {mode} {label}: {ok}/{n} ok, p50 {row[4]:.2f}s p99 {row[5]:.2f}s max {row[6]:.2f}s, "
                          f"{req} requests, {thr} throttled {dict(proxy.throttled)}", flush=True)
                    proxy.stop()
                    proxy = None
        write_doc(a, rows, load_before)
    finally:
        if proxy:
            proxy.stop()
        emu.stop()
    return 0


def write_doc(a, rows, load_before) -> None:
    scaled = a.scale != 1
    lines = [
        f"Generated by `bench/fleet.py{f' --scale {a.scale:g}' if scaled else ''}` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: N cold launches "
        f"started at once, {a.secrets} secrets each, `--timeout {a.timeout}s`, against a proxy enforcing "
        + (f"the quotas divided by {a.scale:g} ({100 / a.scale:g} TPS for ListSecrets + BatchGetSecretValue, "
           f"{10_000 / a.scale:g} TPS for GetSecretValue): N tasks here stand for {a.scale:g}×N against the real quotas"
           if scaled else "100 TPS for ListSecrets + BatchGetSecretValue and 10,000 TPS for GetSecretValue")
        + f" (one-second burst). Load average at start: {' '.join(load_before)}.",
        "",
        "| tasks | stands for | mode | retries | succeeded | p50 start (s) | p99 start (s) | max (s) | requests | throttled |",
        "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, mode, label, ok, p50, p99, mx, req, thr, _ in rows:
        lines.append(f"| {n} | {int(n * a.scale)} | `{mode}` | {label} | {ok}/{n} | {p50:.2f} | {p99:.2f} | {mx:.2f} | {req} | {thr} |")
    body = "\n".join(lines)
    tag = "fleet" if not scaled else f"fleet-x{a.scale:g}"
    begin, end = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
    doc = open(a.doc).read() if os.path.exists(a.doc) else "# Benchmarks\n"
    if begin not in doc:
        doc += f"\n{begin}\n{end}\n"
    head, rest = doc.split(begin, 1)
    open(a.doc, "w").write(f"{head}{begin}\n{body}\n{end}{rest.split(end, 1)[1]}")
    print(body)


if __name__ == "__main__":
    sys.exit(main())
