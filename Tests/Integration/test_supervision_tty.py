"""Terminal job control through lwexec, in a real terminal (tmux running bash): Ctrl-Z stops the job
and bash shows it Stopped, `fg` resumes it and it reads the terminal; Ctrl-C reaches the child once;
with --mask the child still has a terminal (pty) of the right size, and resizes reach it."""

from __future__ import annotations

import os
import re
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
from conftest import LW, PY, lwexec_bin

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

# Sentinels instead of sleeps: it prints CONT when continued (so the test types only once `fg` has
# resumed it), and MARK for SIGRTMIN+5, which the test sends to lwexec (its parent, printed as "ppid")
# after the signal under test: lwexec forwards signals in the order it reads them, lowest number first,
# so a second INT that lwexec forwarded would print before the MARK.
SENTINEL = signal.SIGRTMIN + 5
READER = ("import os, signal, sys\n"
          "signal.signal(signal.SIGINT, lambda *_: print('INT', flush=True))\n"
          "signal.signal(signal.SIGWINCH, lambda *_: print('WINCH', os.get_terminal_size(), flush=True))\n"
          "signal.signal(signal.SIGCONT, lambda *_: print('CONT', flush=True))\n"
          f"signal.signal({int(SENTINEL)}, lambda *_: print('MARK', flush=True))\n"
          "print('ppid', os.getppid(), flush=True)\n"
          "print('tty', sys.stdout.isatty(), os.get_terminal_size(), flush=True)\n"
          "print('pw', os.environ['DB_PASSWORD'], flush=True)\n"
          "print('got', sys.stdin.readline().strip(), flush=True)\n")


@pytest.mark.parametrize("mask", [False, True], ids=["plain", "mask"])
def test_ctrl_z_stops_the_job_and_fg_resumes_it(lw: LW, term: Tmux, mask: bool):
    secret = lw.seed("app/db_password")
    term.run_script([*(["--mask"] if mask else []), lw.name("app"), "--", PY, "-c", READER])
    screen = term.wait_for("pw ")
    assert "tty True os.terminal_size(columns=100, lines=30)" in screen, screen
    assert (secret in screen) != mask, screen
    if mask:
        assert "pw *****" in screen
    term.keys("C-z")
    screen = term.wait_for("Stopped")
    term.keys("fg", "Enter")
    term.wait_for("CONT")  # continued: what is typed now goes to the child
    term.keys("hello", "Enter")
    term.wait_for("got hello")
    term.keys("echo status=$?", "Enter")
    screen = term.wait_for("status=0")
    assert "INT" not in screen


@pytest.mark.parametrize("mask", [False, True], ids=["plain", "mask"])
def test_ctrl_c_reaches_the_child_once_and_resizes_reach_it(lw: LW, term: Tmux, mask: bool):
    lw.seed("app/db_password")
    term.run_script([*(["--mask"] if mask else []), lw.name("app"), "--", PY, "-c", READER])
    screen = term.wait_for("pw ")
    lwexec = int(re.search(r"ppid (\d+)", screen).group(1))
    comm = Path(f"/proc/{lwexec}/comm").read_text().strip()
    assert comm in ("lwexec", "lwexec-core"), f"the child's parent is {comm}, not lwexec"
    term.keys("C-c")
    term.wait_for("INT")
    term.tmux("resize-window", "-x", "90", "-y", "25")
    screen = term.wait_for("WINCH os.terminal_size(columns=90, lines=25)")
    os.kill(lwexec, SENTINEL)
    screen = term.wait_for("MARK")
    assert screen.split("MARK")[0].count("INT") == 1, screen
    term.keys("bye", "Enter")
    screen = term.wait_for("got bye")
    assert screen.count("INT") == 1, screen
