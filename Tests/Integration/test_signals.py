"""Signals sent to lwexec reach the child exactly once; so does Ctrl-C on a terminal."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import struct
import subprocess
import termios
import threading
from pathlib import Path

import pytest

from conftest import LW, PY, SIGCHILD, wait_for

FORWARDED = [signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGINT, signal.SIGWINCH]
# helpers/sigchild.py records this one as "MARK": sent to lwexec after the signal under test, it
# arrives after every copy of that signal that lwexec forwarded (lowest number first, in order),
# so "exactly once" is checked against everything recorded before it, not after a sleep.
SENTINEL = signal.SIGRTMIN + 5


def log_lines(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


@pytest.fixture
def app(lw: LW) -> str:
    lw.seed("app/database_password")
    return lw.name("app")


def mark(p: subprocess.Popen, log: Path) -> list[str]:
    """Sends the sentinel to lwexec; returns the child's record once the sentinel is in it."""
    marks = log_lines(log).count("MARK")
    os.kill(p.pid, SENTINEL)
    return wait_for(lambda: (lines := log_lines(log)).count("MARK") > marks and lines, 5, "the sentinel at the child")


def _finish(p: subprocess.Popen, timeout: float = 10) -> int:
    try:
        return p.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        raise AssertionError("lwexec did not exit after its child saw SIGTERM")


def test_each_signal_is_forwarded_exactly_once(lw: LW, app: str):
    log, ready = lw.path("signals.log"), lw.path("ready")
    p = lw.popen([app, "--", PY, "-I", str(SIGCHILD), str(log), str(ready), "20"],
                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(ready.exists, 15, "the child to install its handlers")
        state = json.loads(ready.read_text())
        assert state["pid"] != p.pid
        assert state["ignored"] == [] and state["blocked"] == [], state
        expected: list[str] = []
        for sig in FORWARDED:
            os.kill(p.pid, sig)
            expected.append(sig.name[3:])
            wait_for(lambda: len(log_lines(log)) >= len(expected), 5, f"{sig.name} at the child")
            expected.append("MARK")
            assert mark(p, log) == expected
            assert p.poll() is None, "lwexec exited on a forwarded signal"
        os.kill(p.pid, signal.SIGTERM)
        rc = _finish(p)
        out, err = p.communicate()
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    assert log_lines(log) == expected + ["TERM"], err
    assert rc == 0, err  # the child exits 0 after TERM, lwexec passes it through


def test_term_then_child_death_by_signal_is_reported(lw: LW, app: str):
    """A child that does NOT trap TERM dies of the forwarded signal; lwexec dies the same way."""
    ready = lw.path("ready")
    p = lw.popen([app, "--", "/bin/sh", "-c", f'echo $$ > "{ready}.tmp"; mv "{ready}.tmp" "{ready}"; exec sleep 30'],
                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(ready.exists, 15, "the child to start")
        child = int(ready.read_text())
        wait_for(lambda: Path(f"/proc/{child}/comm").read_text() == "sleep\n", 5, "sh to exec sleep")
        os.kill(p.pid, signal.SIGTERM)
        rc = p.wait(10)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    assert rc == -signal.SIGTERM


def test_ctrl_c_on_a_terminal_reaches_child_once(lw: LW, app: str):
    log, ready = lw.path("signals.log"), lw.path("ready")
    master, slave = os.openpty()

    def make_controlling_tty() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    try:
        p = lw.popen([app, "--", PY, "-I", str(SIGCHILD), str(log), str(ready), "20"],
                     stdin=slave, stdout=slave, stderr=slave,
                     start_new_session=True, preexec_fn=make_controlling_tty)
    finally:
        os.close(slave)
    output = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    t = threading.Thread(target=drain, daemon=True)
    t.start()
    try:
        wait_for(ready.exists, 15, "the child to install its handlers")
        child = json.loads(ready.read_text())["pid"]
        # The child leads its own group and gets the terminal's foreground: wait for that handover,
        # so that the Ctrl-C goes to the child's group (not, still, to lwexec's).
        wait_for(lambda: os.tcgetpgrp(master) == child, 5, "the child's group to own the terminal")
        attrs = termios.tcgetattr(master)
        assert attrs[3] & termios.ISIG and attrs[6][termios.VINTR] == b"\x03"
        os.write(master, b"\x03")
        wait_for(lambda: "INT" in log_lines(log), 5, "SIGINT at the child")
        assert mark(p, log) == ["INT", "MARK"], bytes(output)  # no second copy (terminal + forwarded)
        assert p.poll() is None, "lwexec died of the terminal's SIGINT"
        # A terminal resize: the kernel sends SIGWINCH to the foreground process group.
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 111, 0, 0))
        wait_for(lambda: "WINCH" in log_lines(log), 5, "SIGWINCH at the child")
        assert mark(p, log) == ["INT", "MARK", "WINCH", "MARK"], bytes(output)
        os.kill(p.pid, signal.SIGTERM)
        rc = _finish(p)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        t.join(5)
        os.close(master)
    assert log_lines(log) == ["INT", "MARK", "WINCH", "MARK", "TERM"], bytes(output)
    assert rc == 0, bytes(output)


def _names(mask: int) -> list[str]:
    out = []
    for i in range(1, 65):
        if mask & (1 << (i - 1)):
            try:
                out.append(signal.Signals(i).name)
            except ValueError:
                out.append(str(i))
    return out


def _mask(status: str, field: str) -> int:
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1], 16)
    raise AssertionError(f"no {field} in /proc/self/status")


def test_child_starts_with_default_signal_state(lw: LW, app: str):
    """No standard signal ignored or blocked in the child: lwexec may ignore SIGPIPE or
    block signals for itself, but SIG_IGN and the mask survive exec, so it must reset
    them (posix_spawnattr_setsigdefault / setsigmask).

    Only signals 1-31 are checked: glibc's posix_spawn itself leaves its internal
    signals 32 and 33 (SIGCANCEL, SIGSETXID) ignored in every child it spawns (seen
    with glibc 2.36); the child's own libc takes them over again at startup."""
    r = lw.run([app, "--", "/bin/cat", "/proc/self/status"])
    assert r.returncode == 0, r
    standard = (1 << 31) - 1
    ign, blk = _mask(r.out, "SigIgn") & standard, _mask(r.out, "SigBlk") & standard
    assert ign == 0, f"the child inherited ignored signals: {_names(ign)}"
    assert blk == 0, f"the child inherited blocked signals: {_names(blk)}"
