"""--watch: a rotated secret reaches the running command within seconds, by restart or by signal,
with one log line naming the secret (never its value); a failing poll leaves the command running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import LW, PY, wait_for as conftest_wait_for

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402
from wire_proxy import WireProxy  # noqa: E402

# Appends "<pid> <value>" to a log file on every start, then waits; on SIGHUP appends "HUP <pid>".
# With "ignore-term" it ignores SIGTERM, so that only SIGKILL ends it.
CHILD = r"""
import os, signal, sys, time
log, mode = sys.argv[1], sys.argv[2]
def note(text):
    with open(log, "a") as f:
        f.write(text + "\n")
signal.signal(signal.SIGHUP, lambda *_: note("HUP %d" % os.getpid()))
if mode == "ignore-term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
note("%d %s" % (os.getpid(), os.environ.get("DB_PASSWORD", "-")))
while True:
    time.sleep(0.05)
"""


def wait_for(pred, timeout: float, what: str):
    return conftest_wait_for(pred, timeout, what, interval=0.05)


def lines(p: Path) -> list[str]:
    return p.read_text().splitlines() if p.exists() else []


def start(lw: LW, args: list[str], log: Path, mode: str = "plain", env: dict | None = None) -> subprocess.Popen:
    return lw.popen([*args, "--", PY, "-c", CHILD, str(log), mode], env=env,
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stop(p: subprocess.Popen) -> tuple[int, str]:
    if p.poll() is None:
        os.kill(p.pid, signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    return p.returncode, p.stderr.read().decode()


def test_a_rotation_restarts_the_command_with_the_new_value(lw: LW):
    old = lw.seed("app/db_password", "old-value-123456")
    lw.seed("app/other", "unchanged-value-1")
    log = lw.path("starts.log")
    # Secrets Manager through a recording proxy: each poll is one ListSecrets, so the test can wait for
    # polls to have happened instead of sleeping.
    proxy = WireProxy(lw.emulator.url)
    env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
    p = start(lw, ["--watch", "1s", lw.name("app")], log, env=env)
    err = StderrLines(p)

    def polls() -> int:
        return proxy.targets().count("ListSecrets")
    try:
        wait_for(lambda: len(lines(log)) == 1, 15, "the first start")
        first_pid, value = lines(log)[0].split()
        assert value == old
        new = "new-value-654321"
        lw.seeded["rotated"] = new
        lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                               SecretString=new)
        wait_for(lambda: len(lines(log)) >= 2, 10, "the restart")
        second_pid, value = lines(log)[1].split()
        assert value == new and second_pid != first_pid
        # No further restart without a further change: two polls run after the restart, then a second,
        # distinct rotation (app/other) is the sentinel. By its restart, the starts must be exactly the
        # two above and its own, and its log line must name app/other alone.
        after_restart = polls()
        wait_for(lambda: polls() >= after_restart + 2, 10, "two polls after the restart")
        lw.seeded["other rotated"] = "other-value-rotated-2"
        lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/other"),
                                                               SecretString="other-value-rotated-2")
        wait_for(lambda: err.having(lw.name("app/other")) and len(lines(log)) >= 3, 10,
                 "the restart for the sentinel rotation")
        assert len(lines(log)) == 3, lines(log)
    finally:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGTERM)
        try:
            p.wait(10)
        finally:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            err._t.join(5)
            proxy.close()
    rc, text = p.returncode, err.text()
    restarts = err.having("rotated")
    assert len(restarts) == 2, text
    assert lw.name("app/db_password") in restarts[0] and lw.name("app/other") not in restarts[0], text
    assert lw.name("app/other") in restarts[1] and lw.name("app/db_password") not in restarts[1], text
    assert old not in text and new not in text and "other-value-rotated-2" not in text
    assert rc == -signal.SIGTERM, text  # the restarted child died of the forwarded SIGTERM


def test_on_change_signal_sends_the_signal_instead(lw: LW):
    lw.seed("app/db_password", "old-value-123456")
    log = lw.path("starts.log")
    p = start(lw, ["--watch", "1s", "--on-change", "signal:HUP", lw.name("app")], log)
    try:
        wait_for(lambda: len(lines(log)) == 1, 15, "the first start")
        pid = lines(log)[0].split()[0]
        lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                               SecretString="new-value-654321")
        wait_for(lambda: f"HUP {pid}" in lines(log), 10, "SIGHUP at the child")
        assert len([ln for ln in lines(log) if not ln.startswith("HUP")]) == 1  # not restarted
    finally:
        rc, err = stop(p)
    assert "sending SIGHUP" in err and lw.name("app/db_password") in err, err


def test_a_command_ignoring_the_kill_signal_is_killed_after_the_timeout(lw: LW):
    lw.seed("app/db_password", "old-value-123456")
    log = lw.path("starts.log")
    p = start(lw, ["--watch", "1s", "--kill-timeout", "1s", lw.name("app")], log, "ignore-term")
    try:
        wait_for(lambda: len(lines(log)) == 1, 15, "the first start")
        lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                               SecretString="new-value-654321")
        t0 = time.monotonic()
        wait_for(lambda: len(lines(log)) >= 2, 10, "the restart after SIGKILL")
        assert time.monotonic() - t0 >= 0.9
        assert lines(log)[1].split()[1] == "new-value-654321"
    finally:
        # The child ignores TERM: end lwexec and its current child by pid.
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        for ln in lines(log):
            try:
                os.kill(int(ln.split()[0]), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass


class StderrLines:
    """Collects a running process's stderr lines as they come (a thread reads the pipe)."""

    def __init__(self, p: subprocess.Popen):
        self.lines: list[str] = []
        self._t = threading.Thread(target=self._read, args=(p,), daemon=True)
        self._t.start()

    def _read(self, p: subprocess.Popen) -> None:
        for raw in iter(p.stderr.readline, b""):
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def having(self, text: str) -> list[str]:
        return [ln for ln in self.lines if text in ln]

    def text(self) -> str:
        return "\n".join(self.lines)


class Gate(ChaosProxy):
    """Forwards to moto while open; while closed, every request gets 503 ServiceUnavailable."""

    def __init__(self, upstream: str):
        super().__init__(upstream)
        self.closed = False

    def _serve(self, h, body: bytes) -> None:
        if self.closed:
            return self._error(h, 503, "ServiceUnavailable", "Service is unavailable, try again")
        return super()._serve(h, body)


def test_watch_keeps_seeing_rotations_after_the_timeout_has_passed(lw: LW):
    # Each poll has its own deadline: a watch started with --timeout 2s still sees a rotation made
    # long after those 2 s (before: every poll after them "gave up: the deadline passed").
    lw.seed("app/db_password", "old-value-123456")
    log = lw.path("starts.log")
    t0 = time.monotonic()
    p = start(lw, ["--watch", "1s", "--timeout", "2s", lw.name("app")], log)
    try:
        wait_for(lambda: len(lines(log)) == 1, 15, "the first start")
        # A sleep on purpose: time passing is the precondition (the start's 2 s deadline is long gone).
        time.sleep(max(0.0, t0 + 4.0 - time.monotonic()))
        lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                               SecretString="new-value-654321")
        wait_for(lambda: len(lines(log)) >= 2, 10, "the restart with the rotated value")
        assert lines(log)[1].split()[1] == "new-value-654321"
    finally:
        rc, err = stop(p)
    assert "poll failed" not in err, err


def test_a_failing_poll_leaves_the_command_running_and_the_next_poll_recovers(lw: LW):
    lw.seed("app/db_password", "old-value-123456")
    log = lw.path("starts.log")
    with Gate(lw.emulator.url) as gate:
        env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": gate.url}
        p = lw.popen(["--watch", "1s", "--timeout", "2s", lw.name("app"), "--", PY, "-c", CHILD, str(log), "plain"],
                     env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = StderrLines(p)
        try:
            wait_for(lambda: len(lines(log)) == 1, 15, "the first start")
            gate.closed = True
            lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                                   SecretString="new-value-654321")
            wait_for(lambda: err.having("poll failed"), 15, "the warning about the failed poll")
            assert p.poll() is None, "lwexec ended when a poll failed"
            assert len(lines(log)) == 1, "restarted without being able to read the new value"
            gate.closed = False
            wait_for(lambda: len(lines(log)) >= 2, 15, "the restart once polling works again")
            assert lines(log)[1].split()[1] == "new-value-654321"
            wait_for(lambda: err.having("polling works again"), 5, "the recovery notice")
        finally:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGTERM)
            p.wait(10)
            err._t.join(5)
    assert len(err.having("poll failed")) == 1, err.text()  # once per run of failures, not once per poll
    assert "new-value-654321" not in err.text() and "old-value-123456" not in err.text()


def test_watch_needs_a_valid_duration(lw: LW):
    r = lw.run(["--watch", "soon", lw.name("app"), "--", "true"])
    assert r.returncode == 125 and "--watch" in r.err, r
    r = lw.run(["--on-change", "signal:HUP", lw.name("app"), "--", "true"])
    assert r.returncode == 125 and "--on-change needs --watch" in r.err, r
