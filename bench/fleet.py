#!/usr/bin/env python3
"""Fleet simulation: many cold launches at once against Secrets Manager's per-API quotas.

A rollout starts hundreds of tasks at once, each running `lwexec ... -- server`. This starts N
lwexec processes together against the emulator behind a proxy that enforces the service's
request quotas, each API its own token bucket (a one-second burst):

* `ListSecrets`: 100 TPS;
* `BatchGetSecretValue`: 100 TPS;
* `GetSecretValue`: 10,000 TPS;

and answers past them `400 ThrottlingException` (JSON), as AWS does. The proxy
(`serve_quota_proxy`) answers repeated requests from moto's first answer, in a process of its own.

Scenarios (`--scenarios`, comma-separated; default all):

* prefix100: 200 launches at once of `lwexec /rt/app -- /bin/true`, a 100-secret prefix (one
             BatchGetSecretValue, one ListSecrets page, 80 GetSecretValue per task);
* rollout:   a 1000-task rollout, 20 secrets per task (`lwexec /rt/svc -- /bin/true`);
* matrix:    the earlier table: --sizes tasks, 5 secrets, in two modes — prefix (`lwexec
             /fleet/app`) and --secret under the SOP's least-privilege policy (GetSecretValue only).

Each runs with the retry settings of `--settings` (comma-separated):

* default:    nothing set (a launch retries throttling until its deadline, adaptive limiter on);
* standard:   AWS_RETRY_MODE=standard (the same, without the client-side rate limiter);
* adaptive10: AWS_RETRY_MODE=adaptive AWS_MAX_ATTEMPTS=10 (the earlier recommendation).

The `default` rows of prefix100 and rollout are the checks: every task must start (lwexec exits 0,
having exec'd /bin/true) within the default 30 s deadline. Every launch still running at the
deadline + 30 s is killed and counted as failed, so a run is bounded in time. A task count that
this machine cannot start at once can be scaled: `--scale S` divides every quota by S and the
prefix100/rollout task counts by S (N tasks then stand for N*S against the real quotas; the
matrix's --sizes are process counts, not divided).

Reports per row: tasks started, p50/p99/max start time, requests and throttled requests per API;
writes tables between the `fleet*` markers of docs/benchmarks.md, prints a summary, and exits 1
when a check failed.

Usage: bench/fleet.py [--lwexec PATH] [--scenarios prefix100,rollout,matrix]
                      [--settings default,standard,adaptive10] [--sizes 50,200,1000] [--scale S]
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Integration", "helpers"))
from emulator import Emulator, _die_with_parent, get_secret_value_only_policy  # noqa: E402

# lwexec's default --timeout.
DEFAULT_DEADLINE = 30
OPS = ("ListSecrets", "BatchGetSecretValue", "GetSecretValue")
QUOTAS = {"ListSecrets": 100, "BatchGetSecretValue": 100, "GetSecretValue": 10_000}
SETTINGS = {
    "default": ("default", {}),
    "standard": ("`AWS_RETRY_MODE=standard`", {"AWS_RETRY_MODE": "standard"}),
    "adaptive10": ("`AWS_RETRY_MODE=adaptive AWS_MAX_ATTEMPTS=10`",
                   {"AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "10"}),
}
SCENARIOS = ("prefix100", "rollout", "matrix")


class Bucket:
    """A token bucket with a one-second burst. Used from the proxy's event loop only: no lock."""

    def __init__(self, rate: float):
        self.rate, self.tokens, self.t = rate, rate, time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.t) * self.rate)
        self.t = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def serve_quota_proxy(upstream: str, scale: float) -> None:
    """The proxy's process: prints its port, then serves until killed.

    Throttles past each API's own quota (`400 ThrottlingException`, as the service answers) and
    forwards the rest to the emulator unchanged (the Host header too, so SigV4 still verifies).
    moto is one Python process: a thousand tasks' requests would queue in it, and the simulation
    would measure moto instead of the quotas. So the first answer to each distinct request
    (operation, body, caller's access key) comes from moto — signature and IAM checked — and
    identical requests after it get the same answer from the proxy; identical requests that arrive
    while the first is at moto wait for its answer (one flight). One asyncio loop in a process of
    its own: the test helper ChaosProxy's thread per connection could not accept the thousands of
    connections a fleet opens at once on this machine (attempts timed out unanswered), and in the
    launcher's process it would share the GIL with the spawning.

    Control requests: GET /__fleet/stats (requests and throttled per operation, JSON) and
    POST /__fleet/refill (counters to zero, every bucket full).
    """
    import asyncio
    import json
    from concurrent.futures import ThreadPoolExecutor
    from email.utils import formatdate
    from http import HTTPStatus
    from urllib.parse import urlparse

    u = urlparse(upstream)
    quotas = {op: tps / scale for op, tps in QUOTAS.items()}
    st = {"buckets": {op: Bucket(t) for op, t in quotas.items()}, "requests": Counter(), "throttled": Counter()}
    answers: dict[tuple, tuple[int, list, bytes]] = {}
    flights: dict[tuple, asyncio.Future] = {}
    pool = ThreadPoolExecutor(8)
    skip = {"date", "content-length", "transfer-encoding", "connection"}
    throttle_body = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"}).encode()
    throttle_headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", "ThrottlingException")]

    def forward(method: str, path: str, headers: dict, body: bytes) -> tuple[int, list, bytes]:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            return r.status, r.getheaders(), r.read()
        finally:
            conn.close()

    def response(status: int, headers: list, body: bytes) -> bytes:
        reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        head = [f"HTTP/1.1 {status} {reason}", "Date: " + formatdate(usegmt=True)]
        head += [f"{k}: {v}" for k, v in headers if k.lower() not in skip]
        head.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body

    async def answer(method: str, path: str, headers: dict, low: dict, body: bytes) -> bytes:
        op = (low.get("x-amz-target") or "?").split(".")[-1]
        st["requests"][op] += 1
        bucket = st["buckets"].get(op)
        if bucket is not None and not bucket.take():
            st["throttled"][op] += 1
            return response(400, throttle_headers, throttle_body)
        key = (op, body, (low.get("authorization") or "").split("Credential=")[-1].split("/")[0])
        got = answers.get(key)
        if got is None:
            flight = flights.get(key)
            if flight is not None:
                got = await flight
            else:
                flight = flights[key] = asyncio.get_running_loop().create_future()
                try:
                    got = await asyncio.get_running_loop().run_in_executor(pool, forward, method, path, headers, body)
                    if got[0] in (200, 400) and b"Throttling" not in got[2]:
                        answers[key] = got
                except Exception as e:  # noqa: BLE001 - the client sees a 502, as from a failing gateway
                    got = (502, [("Content-Type", "text/plain")], f"proxy: {e}".encode())
                finally:
                    del flights[key]
                    flight.set_result(got)
        return response(*got)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    break
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers: dict[str, str] = {}
                for ln in lines[1:]:
                    if ln:
                        k, _, v = ln.partition(":")
                        headers[k.strip()] = v.strip()
                low = {k.lower(): v for k, v in headers.items()}
                if low.get("expect", "").lower() == "100-continue":
                    writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                n = int(low.get("content-length") or 0)
                body = await reader.readexactly(n) if n else b""
                if path == "/__fleet/stats":
                    out = response(200, [("Content-Type", "application/json")], json.dumps(
                        {"requests": st["requests"], "throttled": st["throttled"]}).encode())
                elif path == "/__fleet/refill":
                    st.update(buckets={op: Bucket(t) for op, t in quotas.items()}, requests=Counter(), throttled=Counter())
                    out = response(200, [], b"")
                else:
                    out = await answer(method, path, headers, low, body)
                writer.write(out)
                await writer.drain()
                if low.get("connection", "").lower() == "close":
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096, limit=1 << 20)
        print(server.sockets[0].getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class QuotaProxy:
    """The quota proxy (`serve_quota_proxy`) in a process of its own: one for the whole run, so
    moto's answers are kept across rows; `refill()` gives each row full buckets and zero counters."""

    def __init__(self, upstream: str, scale: float):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve-proxy", upstream,
                                      "--scale", repr(scale)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent)
        self.port = int(self.proc.stdout.readline())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _call(self, method: str, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def refill(self) -> None:
        self._call("POST", "/__fleet/refill")

    def stats(self) -> tuple[Counter, Counter]:
        d = json.loads(self._call("GET", "/__fleet/stats"))
        return Counter(d["requests"]), Counter(d["throttled"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else 0.0


@dataclass
class Launch:
    times: list[float]
    codes: list[int]
    killed: int
    wall: float
    failures: Counter


def launch(argv: list[str], env: dict, n: int, limit: float, errdir: str, quiet: bool = False) -> Launch:
    """Starts n copies at once (posix_spawn: no fork of this large process), stdout to /dev/null and
    stderr to a file each. A copy still running `limit` seconds after its own start is killed.
    Returns each copy's start-to-exit time and exit code."""
    for f in os.listdir(errdir):
        os.unlink(os.path.join(errdir, f))
    starts = [0.0] * n
    ends = [0.0] * n
    codes: list[int | None] = [None] * n
    pid_index: dict[int, int] = {}
    running: set[int] = set()
    lock = threading.Lock()
    killed = 0
    stop = threading.Event()

    def watchdog():  # a hung launch is killed (and counted as failed), never waited for forever
        nonlocal killed
        while not stop.wait(0.25):
            now = time.monotonic()
            with lock:  # under the lock, a pid in `running` is not reaped: it cannot have been reused
                for pid in list(running):
                    if now - starts[pid_index[pid]] > limit:
                        try:
                            os.kill(pid, signal.SIGKILL)
                            killed += 1
                        except ProcessLookupError:
                            pass
                        running.discard(pid)

    t0 = time.monotonic()
    threading.Thread(target=watchdog, daemon=True).start()
    for i in range(n):
        actions = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 2, os.path.join(errdir, str(i)), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
        with lock:
            starts[i] = time.monotonic()
            pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
            pid_index[pid] = i
            running.add(pid)
    spawned = time.monotonic() - t0
    left = n
    while left:
        # Learn which child ended without reaping it, so the watchdog never signals a reused pid.
        info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
        if info is None:
            continue
        pid = info.si_pid
        with lock:
            _, status = os.waitpid(pid, 0)
            running.discard(pid)
        i = pid_index.get(pid)
        if i is None:
            continue  # not ours
        ends[i] = time.monotonic()
        codes[i] = os.waitstatus_to_exitcode(status)
        left -= 1
    stop.set()
    failures: Counter = Counter()
    for i, c in enumerate(codes):
        if c != 0:
            try:
                text = open(os.path.join(errdir, str(i)), errors="replace").read().strip()
            except OSError:
                text = ""
            # lwexec's error is its last two lines: the message, then the hint.
            last = " / ".join(ln[:200] for ln in text.splitlines()[-2:]) if text else "(no stderr)"
            failures[f"{last} (exit {c}{', killed' if c == -signal.SIGKILL else ''})"] += 1
    if not quiet:
        for msg, k in failures.most_common(3):
            print(f"   {k}× {msg}", flush=True)
        print(f"   ({n} spawned in {spawned:.1f} s)", flush=True)
    return Launch([e - s for s, e in zip(starts, ends)], [int(c) for c in codes], killed,
                  time.monotonic() - t0, failures)


@dataclass
class Row:
    scenario: str
    tasks: int
    stands_for: int
    mode: str
    setting: str
    check: bool
    deadline: int
    ok: int = 0
    late: int = 0
    killed: int = 0
    p50: float = 0.0
    p99: float = 0.0
    mx: float = 0.0
    wall: float = 0.0
    requests: Counter = field(default_factory=Counter)
    throttled: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)

    @property
    def passed(self) -> bool:
        return self.ok == self.tasks and self.mx <= self.deadline

    def api(self, op: str) -> str:
        return f"{self.requests[op]} / {self.throttled[op]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build-bench", "release", "lwexec"))
    ap.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated subset of " + ", ".join(SCENARIOS))
    ap.add_argument("--settings", default="default,standard,adaptive10",
                    help="retry settings to run each scenario with: " + ", ".join(SETTINGS))
    ap.add_argument("--sizes", default=os.environ.get("FLEET_SIZES", "50,200,1000"), help="matrix: tasks per row")
    ap.add_argument("--secrets", type=int, default=5, help="matrix: secrets per task")
    ap.add_argument("--prefix-tasks", type=int, default=200, help="prefix100: launches (before --scale)")
    ap.add_argument("--prefix-secrets", type=int, default=100, help="prefix100: secrets under the prefix")
    ap.add_argument("--rollout-tasks", type=int, default=1000, help="rollout: tasks (before --scale)")
    ap.add_argument("--rollout-secrets", type=int, default=20, help="rollout: secrets per task")
    ap.add_argument("--timeout", type=int, default=None,
                    help="pass --timeout Ns to lwexec (default: none, lwexec's own 30 s)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="divide the quotas (and the prefix100/rollout task counts) by this: "
                         "N tasks then stand for N*scale against the real quotas")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument("--serve-proxy", metavar="UPSTREAM", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve_proxy:
        serve_quota_proxy(a.serve_proxy, a.scale)
        return 0
    scenarios = [s for s in a.scenarios.split(",") if s]
    settings = [s for s in a.settings.split(",") if s]
    for s in scenarios:
        if s not in SCENARIOS:
            ap.error(f"unknown scenario {s!r} (known: {', '.join(SCENARIOS)})")
    for s in settings:
        if s not in SETTINGS:
            ap.error(f"unknown setting {s!r} (known: {', '.join(SETTINGS)})")
    lw = os.path.abspath(a.lwexec)
    if not os.access(lw, os.X_OK):
        ap.error(f"no lwexec at {lw}")
    deadline = a.timeout or DEFAULT_DEADLINE
    load_before = open("/proc/loadavg").read().split()[:3]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    emu = Emulator()
    emu.start()
    proxy = None
    rows: list[Row] = []
    home = tempfile.mkdtemp(prefix="lwexec-fleet-")
    errdir = tempfile.mkdtemp(prefix="lwexec-fleet-err-")
    try:
        sm = emu.client("secretsmanager")
        proxy = QuotaProxy(emu.url, a.scale)  # one for the run: moto answers each distinct request once

        def seed(prefix: str, count: int) -> list[str]:
            names = [f"{prefix}/secret_{i:03d}" for i in range(count)]
            for nm in names:
                sm.create_secret(Name=nm, SecretString="v-" + nm)
            return names

        def run(scenario, n, stands_for, mode, args, keys, setting, check) -> Row | None:
            label, extra = SETTINGS[setting]
            env = {"PATH": os.environ["PATH"], "HOME": home, "LANG": "C.UTF-8",
                   "AWS_EC2_METADATA_DISABLED": "true", **emu.env(keys),
                   "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url, **extra}
            argv = [lw, *([f"--timeout", f"{a.timeout}s"] if a.timeout else []), *args, "--", "/bin/true"]
            # Warm-up: one launch alone fills the answers from moto (and proves the setup works).
            proxy.refill()
            warm = launch(argv, env, 1, deadline + 30, errdir, quiet=True)
            if warm.codes[0] != 0:
                print(f"{scenario} {mode} [{setting}]: the warm-up launch failed ({list(warm.failures)}); skipped",
                      flush=True)
                return None
            time.sleep(1.1)
            proxy.refill()  # full buckets, zero counters
            res = launch(argv, env, n, deadline + 30, errdir)
            requests, throttled = proxy.stats()
            r = Row(scenario, n, stands_for, mode, label, check, deadline,
                    ok=sum(c == 0 for c in res.codes), late=sum(t > deadline for t in res.times),
                    killed=res.killed, p50=pct(res.times, 50), p99=pct(res.times, 99), mx=max(res.times),
                    wall=res.wall, requests=requests, throttled=throttled, failures=res.failures)
            rows.append(r)
            per_api = ", ".join(f"{op} {r.api(op)}" for op in OPS)
            print(f"{scenario} n={n} (stands for {stands_for}) {mode} [{setting}]: {r.ok}/{n} started, "
                  f"p50 {r.p50:.2f}s p99 {r.p99:.2f}s max {r.mx:.2f}s, {r.late} over {deadline}s, {r.killed} killed; "
                  f"requests/throttled: {per_api}", flush=True)
            return r

        def scaled(count: int) -> int:
            return max(1, math.ceil(count / a.scale))

        for scenario in scenarios:
            if scenario == "prefix100":
                seed("/rt/app", a.prefix_secrets)
                n = scaled(a.prefix_tasks)
                for s in settings:
                    run(scenario, n, round(n * a.scale), "prefix", ["/rt/app"], None, s, s == "default")
            elif scenario == "rollout":
                seed("/rt/svc", a.rollout_secrets)
                n = scaled(a.rollout_tasks)
                for s in settings:
                    run(scenario, n, round(n * a.scale), "prefix", ["/rt/svc"], None, s, s == "default")
            elif scenario == "matrix":
                names = seed("/fleet/app", a.secrets)
                reader = emu.make_user("fleet-reader", get_secret_value_only_policy())
                modes = [("prefix", None, ["/fleet/app"]),
                         ("--secret", reader, [x for nm in names for x in ("--secret", nm)])]
                for n in [int(x) for x in a.sizes.split(",") if x]:
                    for mode, keys, args in modes:
                        for s in settings:
                            run(scenario, n, round(n * a.scale), mode, args, keys, s, False)
    finally:
        if proxy:
            proxy.stop()
        emu.stop()
        for d in (home, errdir):
            shutil.rmtree(d, ignore_errors=True)

    if not a.no_doc:
        write_doc(a, rows, scenarios, load_before, started, deadline)
    return summary(rows, deadline)


def summary(rows: list[Row], deadline: int) -> int:
    print("\n== fleet summary ==")
    print(f"{'scenario':<10} {'tasks':>5} {'≙':>5} {'mode':<8} {'retries':<46} {'started':>9} {'p50':>6} {'p99':>6} "
          f"{'max':>6}  {'List req/thr':>13} {'Batch req/thr':>13} {'Get req/thr':>13}  check")
    failed = 0
    for r in rows:
        verdict = ("PASS" if r.passed else "FAIL") if r.check else "-"
        failed += r.check and not r.passed
        print(f"{r.scenario:<10} {r.tasks:>5} {r.stands_for:>5} {r.mode:<8} {r.setting.strip('`'):<46} "
              f"{r.ok:>4}/{r.tasks:<4} {r.p50:>6.2f} {r.p99:>6.2f} {r.mx:>6.2f}  "
              f"{r.api('ListSecrets'):>13} {r.api('BatchGetSecretValue'):>13} {r.api('GetSecretValue'):>13}  {verdict}")
        if r.check and not r.passed:
            for msg, k in r.failures.most_common(3):
                print(f"    {k}× {msg}")
    checks = [r for r in rows if r.check]
    if checks:
        print(f"checks (default settings: every task started within {deadline} s): "
              f"{len(checks) - failed}/{len(checks)} passed")
    return 1 if failed else 0


def write_doc(a, rows: list[Row], scenarios: list[str], load_before, started: str, deadline: int) -> None:
    scaled = a.scale != 1
    quota_text = (f"the quotas divided by {a.scale:g} ({100 / a.scale:g} TPS each for ListSecrets and "
                  f"BatchGetSecretValue, {10_000 / a.scale:g} TPS for GetSecretValue): N tasks here stand for "
                  f"{a.scale:g}×N against the real quotas" if scaled else
                  "100 TPS for ListSecrets, 100 TPS for BatchGetSecretValue and 10,000 TPS for GetSecretValue, "
                  "each its own bucket")
    what = {
        "prefix100": f"{a.prefix_secrets} secrets under one prefix (`lwexec /rt/app -- /bin/true`)",
        "rollout": f"{a.rollout_secrets} secrets per task (`lwexec /rt/svc -- /bin/true`)",
        "matrix": f"{a.secrets} secrets per task, prefix mode and `--secret` mode (GetSecretValue-only policy)",
    }
    doc = open(a.doc).read() if os.path.exists(a.doc) else "# Benchmarks\n"
    for scenario in scenarios:
        mine = [r for r in rows if r.scenario == scenario]
        if not mine:
            continue
        lines = [
            f"Generated by `bench/fleet.py --scenarios {scenario}{f' --scale {a.scale:g}' if scaled else ''}` on "
            f"{started}: N cold launches started at once, {what[scenario]}, "
            f"{f'`--timeout {a.timeout}s`' if a.timeout else f'the default deadline ({deadline} s)'}, against a proxy "
            f"enforcing {quota_text} (one-second burst). A task counts as started when lwexec exec'd "
            f"`/bin/true` (exit 0); times are from spawning lwexec. Load average at start: {' '.join(load_before)}.",
            "",
            "| tasks | stands for | mode | retries | started | p50 (s) | p99 (s) | max (s) | ListSecrets req / throttled "
            "| BatchGetSecretValue req / throttled | GetSecretValue req / throttled |",
            "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in mine:
            started_cell = f"{r.ok}/{r.tasks}" + (" ✗" if r.check and not r.passed else "")
            lines.append(f"| {r.tasks} | {r.stands_for} | `{r.mode}` | {r.setting} | {started_cell} | {r.p50:.2f} | "
                         f"{r.p99:.2f} | {r.mx:.2f} | {r.api('ListSecrets')} | {r.api('BatchGetSecretValue')} | "
                         f"{r.api('GetSecretValue')} |")
        fails = Counter()
        for r in mine:
            fails.update(r.failures)
        if fails:
            lines += ["", "Most common failure messages: " + "; ".join(f"{k}× `{m}`" for m, k in fails.most_common(3)) + "."]
        body = "\n".join(lines)
        tag = ("fleet" if scenario == "matrix" else f"fleet-{scenario}") + (f"-x{a.scale:g}" if scaled else "")
        begin, end = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
        if begin not in doc:
            doc += f"\n{begin}\n{end}\n"
        head, rest = doc.split(begin, 1)
        doc = f"{head}{begin}\n{body}\n{end}{rest.split(end, 1)[1]}"
        print(body)
    open(a.doc, "w").write(doc)


if __name__ == "__main__":
    sys.exit(main())
