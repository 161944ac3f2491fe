"""The rows of docs/signals.md that the older signal tests (test_signals.py, LauncherTests) do not
cover: job-control signals, SIGCONT, SIGCHLD and real-time signals sent to lwexec."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import pytest

from conftest import LW, PY, HELPERS, wait_for

RECORDER = HELPERS / "recorder.py"
# recorder.py records it as "MARK". Sent to lwexec after the signal under test, it reaches the child
# after anything lwexec forwarded before it (see recorder.py), so "not forwarded" and "once" are
# checked against what arrived before the MARK instead of after a sleep.
SENTINEL = signal.SIGRTMIN + 5


def state(pid: int) -> str:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2]


class Run:
    def __init__(self, lw: LW, *signals: str):
        lw.seed("app/db_password")
        self.log, ready = lw.path("signals.log"), lw.path("ready")
        self.p = lw.popen([lw.name("app"), "--", PY, "-I", str(RECORDER), str(self.log), str(ready), *signals],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          # Its own group in pytest's session: a group in a new session would be
                          # orphaned, and the kernel drops SIGTSTP there instead of stopping anyone.
                          start_new_session=False, process_group=0)
        wait_for(ready.exists, 15, "the child")
        self.child = int(ready.read_text())

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def mark(self) -> list[str]:
        """Sends the sentinel to lwexec; returns the child's record once the MARK is in it. A stopped
        lwexec forwards nothing, so this also fails if lwexec stopped."""
        os.kill(self.p.pid, SENTINEL)
        return wait_for(lambda: "MARK" in (lines := self.lines()) and lines, 5,
                        f"the sentinel at the child (lwexec {state(self.p.pid)}, child {state(self.child)})")

    def end(self) -> int:
        if self.p.poll() is None:
            os.kill(self.p.pid, signal.SIGCONT)
            os.kill(self.p.pid, signal.SIGTERM)
        try:
            return self.p.wait(10)
        finally:
            if self.p.poll() is None:
                with contextlib.suppress(ProcessLookupError):  # in a group of its own: killpg misses it
                    os.kill(self.child, signal.SIGKILL)
                os.killpg(self.p.pid, signal.SIGKILL)
                self.p.wait()


@pytest.fixture
def run(lw: LW):
    runs: list[Run] = []

    def start(*signals: str) -> Run:
        r = Run(lw, *signals)
        runs.append(r)
        return r
    yield start
    for r in runs:
        r.end()


def test_tstp_sent_to_lwexec_stops_the_child_and_then_lwexec(run):
    r = run("CONT")
    os.kill(r.p.pid, signal.SIGTSTP)
    wait_for(lambda: state(r.child) == "T", 5, "the child to stop")
    wait_for(lambda: state(r.p.pid) == "T", 5, "lwexec to stop with it")
    os.kill(r.p.pid, signal.SIGCONT)  # only lwexec: it passes SIGCONT on to the stopped child
    wait_for(lambda: state(r.child) != "T" and state(r.p.pid) != "T", 5, "both to continue")
    assert r.mark() == ["CONT", "MARK"]
    assert r.end() == 0
    assert r.lines() == ["CONT", "MARK", "TERM"]


def test_a_group_wide_tstp_and_cont_reach_the_child_once(run):
    """A shell's `kill -TSTP %1` and `fg` signal the whole group: lwexec must not add copies."""
    r = run("CONT")
    os.killpg(r.p.pid, signal.SIGTSTP)
    wait_for(lambda: state(r.child) == "T" and state(r.p.pid) == "T", 5, "the job to stop")
    os.killpg(r.p.pid, signal.SIGCONT)
    wait_for(lambda: state(r.child) != "T" and state(r.p.pid) != "T", 5, "the job to continue")
    assert r.mark() == ["CONT", "MARK"]


def test_cont_is_not_passed_to_a_running_child(run):
    r = run("CONT")
    os.kill(r.p.pid, signal.SIGCONT)
    assert r.mark() == ["MARK"]


def test_a_handled_tstp_does_not_stop_anything(run):
    """A child that handles SIGTSTP itself does not stop, so neither does lwexec."""
    r = run("TSTP")
    os.kill(r.p.pid, signal.SIGTSTP)
    wait_for(lambda: r.lines() == ["TSTP"], 5, "TSTP at the child")
    assert r.mark() == ["TSTP", "MARK"]  # lwexec was still running to forward the MARK
    assert state(r.p.pid) != "T"


def test_sigchld_sent_to_lwexec_is_not_forwarded(run):
    r = run("CHLD")
    os.kill(r.p.pid, signal.SIGCHLD)
    assert r.mark() == ["MARK"] and r.p.poll() is None


@pytest.mark.parametrize("name", ["URG", "ALRM", "PIPE", "RTMIN3", "QUIT"])
def test_other_signals_are_forwarded_once(run, name: str):
    r = run(name)
    num = signal.SIGRTMIN + 3 if name == "RTMIN3" else getattr(signal, "SIG" + name)
    os.kill(r.p.pid, num)
    wait_for(lambda: r.lines() == [name], 5, f"{name} at the child")
    assert r.mark() == [name, "MARK"]
