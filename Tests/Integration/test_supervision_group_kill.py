"""One delivery per signal when a whole process group is signalled (docs/signals.md, "Group-wide kills
and systemd"): the child runs in a process group of its own, so `kill -TERM -PGID` (a shell's
`kill %1`, timeout(1)) reaches lwexec, which forwards it once, and not the child a second time.

"Exactly once" without a sleep: the child takes SIGTERM and a sentinel real-time signal with
sigtimedwait and records each one's sender. The test sends the sentinel to lwexec after the signal
under test; lwexec forwards signals in the order it reads them, and a pending SIGTERM is read before a
real-time signal (lowest number first), so by the time the sentinel reaches the child every copy that
lwexec forwarded is there too, and so is any copy the kernel delivered directly (sent before).
The sender tells the copies apart: lwexec's forwarded copy has lwexec's pid, the kernel's copy of a
group kill has the test's.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

import pytest

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).parent / "helpers"))
from tmux_session import Tmux  # noqa: E402
from conftest import LW, PY, lwexec_bin, wait_for

SENTINEL = signal.SIGRTMIN + 5

# argv: LOG READY AFTER. Records "TERM <sender>" per SIGTERM until the sentinel arrives, then takes
# any SIGTERM still pending, writes LOG and exits 0 (AFTER=exit) or dies of SIGTERM (AFTER=raise).
# Each copy is taken as soon as it arrives (a spin on sigtimedwait(0)) so that two copies of SIGTERM
# are not merged into one while pending; the sender check catches a merge anyway.
CHILD = f"""
import os, signal, sys, time
log, ready, after = sys.argv[1:4]
sentinel = {int(SENTINEL)}
watched = [signal.SIGTERM, sentinel]
signal.pthread_sigmask(signal.SIG_BLOCK, watched)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.replace(ready + ".tmp", ready)
seen = []
def take(info):
    seen.append("TERM %d" % info.si_pid)
    with open(log + ".live", "a") as f:
        f.write(seen[-1] + "\\n")
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    info = signal.sigtimedwait(watched, 0)
    if info is None:
        continue
    if info.si_signo == sentinel:
        while (info := signal.sigtimedwait([signal.SIGTERM], 0)) is not None:
            take(info)
        break
    take(info)
with open(log, "w") as f:
    f.write("".join(line + "\\n" for line in seen))
if after == "raise":
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    time.sleep(5)
    sys.exit(99)
sys.exit(0)
"""


class Run:
    """lwexec in a session of its own (the test survives a kill of lwexec's group) running CHILD."""

    def __init__(self, lw: LW, after: str = "exit"):
        lw.seed("app/db_password")
        self.log, ready = lw.path("terms.log"), lw.path("ready")
        self.p = lw.popen([lw.name("app"), "--", PY, "-c", CHILD, str(self.log), str(ready), after],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True)
        wait_for(ready.exists, 15, "the child")
        self.child = int(ready.read_text())

    def live(self) -> list[str]:
        p = Path(str(self.log) + ".live")
        return p.read_text().splitlines() if p.exists() else []

    def finish(self) -> tuple[int, list[str]]:
        """Sends the sentinel to lwexec and returns lwexec's status and what the child recorded."""
        os.kill(self.p.pid, SENTINEL)
        rc = self.p.wait(10)
        return rc, self.log.read_text().splitlines()

    def cleanup(self) -> None:
        """After a failure: the child is not in lwexec's group, so a kill of that group would miss it."""
        if self.p.poll() is None:
            for pid in (self.child, self.p.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.p.wait()


@pytest.fixture
def run(lw: LW):
    runs: list[Run] = []

    def start(after: str = "exit") -> Run:
        r = Run(lw, after)
        runs.append(r)
        return r
    yield start
    for r in runs:
        r.cleanup()


def test_the_child_has_a_process_group_of_its_own(run):
    r = run()
    assert os.getpgid(r.child) == r.child != os.getpgid(r.p.pid) == r.p.pid
    assert os.getsid(r.child) == os.getsid(r.p.pid), "a group, not a session: the terminal stays shared"
    assert r.finish() == (0, [])


def test_a_group_wide_term_reaches_the_child_once(run):
    """`kill -TERM -PGID` (a shell's `kill %1`, timeout(1)): once, from lwexec."""
    r = run()
    os.killpg(r.p.pid, signal.SIGTERM)
    rc, seen = r.finish()
    assert seen == [f"TERM {r.p.pid}"], f"lwexec is {r.p.pid}, the test {os.getpid()}"
    assert rc == 0


def test_a_term_to_lwexec_alone_reaches_the_child_once_and_its_death_is_passed_on(run):
    """kill -TERM <lwexec> (docker stop, systemd KillMode=mixed or process): once, and lwexec ends the
    way the child did (killed by SIGTERM: 143 in a shell)."""
    r = run("raise")
    os.kill(r.p.pid, signal.SIGTERM)
    rc, seen = r.finish()
    assert seen == [f"TERM {r.p.pid}"]
    assert rc == -signal.SIGTERM


def test_signalling_each_process_separately_reaches_the_child_twice(run):
    """What systemd's default KillMode=control-group does: SIGTERM to every process of the unit, one
    by one. lwexec cannot tell that from a SIGTERM meant for the child alone, so the child gets its
    own copy and lwexec's: docs/signals.md recommends KillMode=mixed for that reason. (The child's copy
    is sent first and awaited only so that the two cannot merge into one while pending.)"""
    r = run()
    os.kill(r.child, signal.SIGTERM)
    wait_for(lambda: r.live() == [f"TERM {os.getpid()}"], 5, "the child's own SIGTERM")
    os.kill(r.p.pid, signal.SIGTERM)
    rc, seen = r.finish()
    assert seen == [f"TERM {os.getpid()}", f"TERM {r.p.pid}"]
    assert rc == 0


# ----------------------------------------------------------------------------- in a real terminal
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

# Reports whether it leads a process group of its own that is the terminal's foreground, and reads a line.
TTY_CHILD = """
import os, sys
print("group own=%s fg=%s" % (os.getpgrp() == os.getpid(), os.tcgetpgrp(0) == os.getpgrp()), flush=True)
print("got", sys.stdin.readline().strip(), flush=True)
"""


@needs_tmux
def test_at_a_terminal_the_child_has_its_own_foreground_group(lw: LW, term: Tmux):
    lw.seed("app/db_password")
    script = term.script([lw.name("app"), "--", PY, "-c", TTY_CHILD])
    term.keys(f"bash {script}; echo after=$?", "Enter")
    term.wait_for("group own=True fg=True")
    term.keys("hello", "Enter")
    screen = term.wait_for("after=0")
    assert "got hello" in screen


@needs_tmux
def test_kill_percent_1_on_a_stopped_job_reaches_the_child_once(lw: LW, term: Tmux):
    """Ctrl-Z, then the shell's `kill %1` (SIGTERM and SIGCONT to the job's group)."""
    lw.seed("app/db_password")
    log, ready = lw.path("terms.log"), lw.path("ready")
    script = term.script([lw.name("app"), "--", PY, "-c", CHILD, str(log), str(ready), "exit"])
    term.keys(f"bash {script}", "Enter")
    wait_for(ready.exists, 15, "the child")
    child = int(ready.read_text())
    term.keys("C-z")
    term.wait_for("Stopped")
    lwexec = int(Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[1])
    # `wait -f`: a plain `wait` returns as soon as the continued job changes state, before it ends.
    term.keys(f"kill %1; kill -{int(SENTINEL)} {lwexec}; wait -f %1; echo status=$?", "Enter")
    screen = term.wait_for("status=0")
    wait_for(log.exists, 10, "the child's record")  # written just before it exits
    assert log.read_text().splitlines() == [f"TERM {lwexec}"], screen


@needs_tmux
def test_in_a_pipeline_the_child_still_reads_the_terminal_and_ctrl_c_reaches_it_once(lw: LW, term: Tmux):
    """lwexec shares its group with `cat` here, and that group owns the terminal: the child stays in it
    (taking the terminal would stop a `less` at the end of the pipeline). `cat` ignores SIGINT so that
    the child's report of it gets through."""
    lw.seed("app/db_password")
    reader = ("import os, signal, sys\n"
              "signal.signal(signal.SIGINT, lambda *_: print('caught-int', flush=True))\n"
              "print('group own=%s' % (os.getpgrp() == os.getpid()), flush=True)\n"
              "print('got', sys.stdin.readline().strip(), flush=True)\n")
    script = term.script([lw.name("app"), "--", PY, "-c", reader])
    term.keys(f"bash {script} | (trap '' INT; exec cat)", "Enter")
    term.wait_for("group own=False")
    term.keys("C-c")
    term.wait_for("caught-int")
    term.keys("hello", "Enter")
    screen = term.wait_for("got hello")
    assert screen.count("caught-int") == 1, screen


@needs_tmux
def test_a_watch_restart_gives_the_terminal_to_the_new_child(lw: LW, term: Tmux):
    lw.seed("app/db_password", "old-value-123456")
    reader = ("import os, sys\n"
              "print('start', os.environ['DB_PASSWORD'][:3], 'fg=%s' % (os.tcgetpgrp(0) == os.getpgrp()), flush=True)\n"
              "print('got', sys.stdin.readline().strip(), flush=True)\n")
    script = term.script(["--watch", "1s", lw.name("app"), "--", PY, "-c", reader])
    term.keys(f"bash {script}", "Enter")
    term.wait_for("start old fg=True")
    lw.seeded["rotated"] = "new-value-654321"
    lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/db_password"),
                                                           SecretString="new-value-654321")
    term.wait_for("start new fg=True", 15)
    term.keys("hello", "Enter")
    term.wait_for("got hello")
    term.keys("echo rc=$?", "Enter")
    term.wait_for("rc=0")
