#!/usr/bin/env python3
"""`--watch` soak: a long-running `lwexec --watch` sees every rotation while its credentials expire.

Runs `lwexec --watch 1s --timeout 2s /soak/app -- CHILD` for --duration seconds (at least 60)
against the emulator (moto_server, SigV4 + IAM checks on), through a recording proxy, with:

* rotations (`put_secret_value` of /soak/app/db_password) at 5 s, 30 s and 55 s after the start;
  each must be seen: CHILD writes "<pid> <DB_PASSWORD>" to a file at each start, and the script
  waits on that file for a new pid with the new value (no blind sleep decides a check);
* temporary credentials that expire during the run: lwexec gets its credentials only from a
  loopback container-credentials server (AWS_CONTAINER_CREDENTIALS_FULL_URI, with an
  authorization token) that answers every request with fresh STS credentials from moto
  (AssumeRole: a new key each time) whose Expiration is --cred-ttl (20) seconds ahead. lwexec
  refreshes temporary credentials within 5 minutes of their expiry, so every poll fetches again:
  the number of fetches is reported, and must be several.

Checks (exit 1 if any fails): the first start has the first value; each rotation restarts the
command with its value (and nothing else restarts it); lwexec re-fetched credentials, including
after the first ones expired; no Secrets Manager request was signed with credentials past the
Expiration they were handed out with; no "--watch poll failed" line in lwexec's stderr; lwexec
was still running at the end; no secret value or secret key in its stderr. Prints a one-screen
result and writes it between the `soak` markers of docs/benchmarks.md.

Usage: bench/soak.py [--lwexec PATH] [--duration 65] [--cred-ttl 20] [--no-doc]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Integration", "helpers"))
from emulator import Emulator  # noqa: E402
from chaos_proxy import ChaosProxy  # noqa: E402
from fake_servers import ContainerServer  # noqa: E402

PREFIX = "/soak/app"
ROTATED = f"{PREFIX}/db_password"
ROTATIONS = (5.0, 30.0, 55.0)
TOKEN = "soak-container-token"

# Appends "<pid> <DB_PASSWORD>" to the log at each start, then waits to be stopped.
CHILD = r"""
import os, sys, time
with open(sys.argv[1], "a") as f:
    f.write("%d %s\n" % (os.getpid(), os.environ.get("DB_PASSWORD", "-")))
while True:
    time.sleep(3600)
"""


class ShortLivedCredentials(ContainerServer):
    """The container endpoint, handing out fresh STS credentials that expire `ttl` seconds later."""

    def __init__(self, issue, ttl: float, token: str) -> None:
        super().__init__(None, token)
        self.issue, self.ttl = issue, ttl
        self.handed: list[tuple[float, str, float]] = []  # (time, access key id, expiry as time.time())
        self.lock = threading.Lock()

    def handle(self, method, path, headers, body):
        if path != self.PATH:
            return 404, {"Content-Type": "application/json"}, json.dumps({"code": "NotFound", "message": "no such path"})
        if headers.get("authorization") != self.token:
            return 401, {"Content-Type": "application/json"}, json.dumps({"code": "AccessDenied", "message": "bad token"})
        c = self.issue()
        now = time.time()
        expiry = now + self.ttl
        with self.lock:
            self.handed.append((now, c["AccessKeyId"], expiry))
        return 200, {"Content-Type": "application/json"}, json.dumps({
            "AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"], "Token": c["SessionToken"],
            "Expiration": datetime.fromtimestamp(expiry, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})


class RecordingProxy(ChaosProxy):
    """Forwards to the emulator unchanged; records (time, operation, access key id) of each request."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.log: list[tuple[float, str, str]] = []

    def _serve(self, h, body: bytes) -> None:
        op = (h.headers.get("X-Amz-Target") or "?").split(".")[-1]
        key = (h.headers.get("Authorization") or "").split("Credential=")[-1].split("/")[0]
        with self._lock:
            self.log.append((time.time(), op, key))
        return super()._serve(h, body)


def starts(path: str) -> list[tuple[str, str]]:
    try:
        with open(path) as f:
            return [tuple(ln.split(" ", 1)) for ln in f.read().splitlines() if " " in ln]  # type: ignore[misc]
    except FileNotFoundError:
        return []


def wait_for(pred, timeout: float):
    """Polls pred (every 20 ms) until it returns something truthy; None after timeout seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.02)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build-bench", "release", "lwexec"))
    ap.add_argument("--duration", type=float, default=65.0, help="seconds lwexec runs (at least 60)")
    ap.add_argument("--cred-ttl", type=float, default=20.0, help="seconds until the handed-out credentials expire")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    a = ap.parse_args()
    lw = os.path.abspath(a.lwexec)
    if not os.access(lw, os.X_OK):
        ap.error(f"no lwexec at {lw}")
    duration = max(a.duration, ROTATIONS[-1] + 5)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    emu = Emulator().start()
    creds = proxy = None
    proc = None
    stderr_lines: list[str] = []
    tmp = tempfile.mkdtemp(prefix="lwexec-soak-")
    startlog = os.path.join(tmp, "starts.log")
    rotations: list[dict] = []
    values: list[str] = []
    other = ""
    try:
        sm = emu.client("secretsmanager")
        values = [f"soak-value-{i}-{os.urandom(6).hex()}" for i in range(len(ROTATIONS) + 1)]
        sm.create_secret(Name=ROTATED, SecretString=values[0])
        sm.create_secret(Name=f"{PREFIX}/other", SecretString=f"soak-other-{os.urandom(6).hex()}")
        other = sm.get_secret_value(SecretId=f"{PREFIX}/other")["SecretString"]
        iam, sts = emu.client("iam"), emu.client("sts")
        iam.create_role(RoleName="soak-task", AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}))
        iam.put_role_policy(RoleName="soak-task", PolicyName="read-secrets", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                "secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue",
                "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], "Resource": "*"}]}))
        role = "arn:aws:iam::123456789012:role/soak-task"
        n_issued = [0]
        issued_secrets: list[str] = []

        def issue():
            n_issued[0] += 1
            c = sts.assume_role(RoleArn=role, RoleSessionName=f"soak-{n_issued[0]}")["Credentials"]
            issued_secrets.append(c["SecretAccessKey"])
            return c

        creds = ShortLivedCredentials(issue, a.cred_ttl, TOKEN).start()
        proxy = RecordingProxy(emu.url).start()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "LANG": "C.UTF-8",
               "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": emu.region,
               "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url, "AWS_ENDPOINT_URL_STS": emu.url,
               "AWS_CONTAINER_CREDENTIALS_FULL_URI": creds.url + ContainerServer.PATH,
               "AWS_CONTAINER_AUTHORIZATION_TOKEN": TOKEN}
        argv = [lw, "--watch", "1s", "--timeout", "2s", PREFIX, "--", sys.executable, "-c", CHILD, startlog]

        t0 = time.monotonic()
        proc = subprocess.Popen(argv, env=env, cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)

        def drain():
            for raw in proc.stderr:
                stderr_lines.append(raw.decode(errors="replace").rstrip("\n"))
        drainer = threading.Thread(target=drain, daemon=True)
        drainer.start()

        first = wait_for(lambda: starts(startlog), 15)
        first_start = (time.monotonic() - t0) if first else None
        for i, at in enumerate(ROTATIONS, 1):
            delay = t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # the schedule; the checks below wait on the child's file
            if proc.poll() is not None:
                rotations.append({"at": at, "seen": None})
                continue
            before = len(starts(startlog))
            sm.put_secret_value(SecretId=ROTATED, SecretString=values[i])
            put = time.monotonic()
            got = wait_for(lambda: [s for s in starts(startlog)[before:] if s[1] == values[i]], 15)
            rotations.append({"at": at, "seen": (time.monotonic() - put) if got else None,
                              "pid": got[0][0] if got else None})
        delay = t0 + duration - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        running_at_end = proc.poll() is None
        ran_for = time.monotonic() - t0
        if running_at_end:
            os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        drainer.join(5)
        handed = list(creds.handed)
        sm_log = list(proxy.log)
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for s in (creds, proxy):
            if s is not None:
                s.stop()
        emu.stop()

    log = starts(startlog)
    shutil.rmtree(tmp, ignore_errors=True)

    # ---------------------------------------------------------------- checks
    expiry_of = {key: exp for _, key, exp in handed}
    first_expiry = handed[0][2] if handed else None
    after_expiry = [t for t, _, _ in handed if first_expiry and t > first_expiry]
    stale = [(t, op) for t, op, key in sm_log if key in expiry_of and t > expiry_of[key]]
    unknown = [(t, op) for t, op, key in sm_log if key not in expiry_of]
    failed_polls = [ln for ln in stderr_lines if "--watch poll failed" in ln]
    leaked = [s for s in values + [other] + issued_secrets if any(s in ln for ln in stderr_lines)]
    pids = [p for p, _ in log]
    ops: dict[str, int] = {}
    for _, op, _ in sm_log:
        ops[op] = ops.get(op, 0) + 1

    checks = [
        ("first start with the first value", bool(log) and log[0][1] == values[0],
         f"after {first_start:.2f} s" if first_start is not None else "never started"),
    ]
    for i, r in enumerate(rotations, 1):
        checks.append((f"rotation at {r['at']:.0f} s seen (restart with the new value)", r["seen"] is not None,
                       f"restarted {r['seen']:.2f} s after put_secret_value" if r["seen"] is not None else "not seen"))
    checks += [
        ("no other restart (one start per value, new pid each)",
         [v for _, v in log] == values and len(set(pids)) == len(pids),
         f"{len(log)} starts"),
        ("credentials re-fetched during the run (several)", len(handed) >= 5, f"{len(handed)} fetches"),
        ("credentials re-fetched after the first ones expired", len(after_expiry) > 0,
         f"{len(after_expiry)} fetches after {a.cred_ttl:g} s"),
        ("no request signed with expired credentials", not stale and not unknown and bool(sm_log),
         f"{len(stale)} past expiry, {len(unknown)} with keys not handed out, of {len(sm_log)}"),
        ("no '--watch poll failed' in stderr", not failed_polls, f"{len(failed_polls)} lines"),
        ("lwexec still running at the end", running_at_end, f"ran {ran_for:.0f} s"),
        ("no secret value or key in stderr", not leaked, f"{len(leaked)} found"),
    ]
    ok = all(c[1] for c in checks)
    polls = ops.get("ListSecrets", 0)
    lines = [
        f"Generated by `bench/soak.py` on {when}: `lwexec --watch 1s --timeout 2s {PREFIX} -- CHILD` for "
        f"{ran_for:.0f} s against the emulator, rotations at {', '.join(f'{x:g}' for x in ROTATIONS)} s, credentials "
        f"from a loopback container endpoint (fresh STS keys at each request, expiring after {a.cred_ttl:g} s).",
        "",
        "| check | result | |",
        "| --- | --- | --- |",
    ] + [f"| {name} | {'pass' if good else '**FAIL**'} | {detail} |" for name, good, detail in checks] + [
        "",
        f"Secrets Manager requests: {', '.join(f'{k} {v}' for k, v in sorted(ops.items()))} "
        f"(~{polls / max(ran_for, 1):.2f} polls/s); credential fetches: {len(handed)} "
        f"(~{len(handed) / max(polls, 1):.2f} per poll); stderr lines: {len(stderr_lines)}. "
        f"Result: **{'PASS' if ok else 'FAIL'}**.",
    ]
    body = "\n".join(lines)
    print(body)
    if failed_polls or not ok:
        print("\nlwexec stderr (last 15 lines):")
        for ln in stderr_lines[-15:]:
            print("  " + ln)
    if not a.no_doc:
        write_doc(a.doc, body)
    return 0 if ok else 1


def write_doc(path: str, body: str) -> None:
    begin, end = "<!-- soak:begin -->", "<!-- soak:end -->"
    doc = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    if begin not in doc:
        doc += f"\n{begin}\n{end}\n"
    head, rest = doc.split(begin, 1)
    open(path, "w").write(f"{head}{begin}\n{body}\n{end}{rest.split(end, 1)[1]}")


if __name__ == "__main__":
    sys.exit(main())
