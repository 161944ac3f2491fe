"""lwexec as PID 1 (in a PID namespace, as in a container) and with --subreaper: orphans are reaped,
and when the main command exits the rest get SIGTERM (SIGKILL after --kill-timeout) before lwexec
exits with the main command's status."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import LW, PY, lwexec_bin, wait_for

needs_unshare = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare(1) for a PID namespace")

# Leaves an orphan behind (a python that records the signal that ends it) and a short-lived orphan
# (`sleep 0.1`: then a zombie unless someone reaps it; its pid in MARKER.short). Sentinels instead of pauses: it
# waits until the orphan is set up and the short-lived one is gone from /proc (a zombie stays there
# until reaped; exit 4 if that does not happen within 10 s), then until RELEASE exists ("-": at once),
# and exits 3.
MAIN = r"""
import os, subprocess, sys, time
marker, mode, release = sys.argv[1], sys.argv[2], sys.argv[3]
orphan = r'''
import os, signal, sys, time
marker, mode = sys.argv[1], sys.argv[2]
def on_term(*_):
    open(marker, "w").write("TERM")
    if mode == "obey":
        sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
open(marker + ".ready", "w").write(str(os.getpid()))
time.sleep(30)
'''
# Double fork: the intermediate exits at once, so both grandchildren are orphans.
subprocess.Popen([sys.executable, "-c", "import subprocess, sys; "
                  "subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2], sys.argv[3]]); "
                  "short = subprocess.Popen(['sleep', '0.1']); "
                  "open(sys.argv[2] + '.short', 'w').write(str(short.pid))", orphan, marker, mode]).wait()
def wait(pred, seconds):
    deadline = time.monotonic() + seconds
    while not pred():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
wait(lambda: os.path.exists(marker + ".ready"), 15)
short = int(open(marker + ".short").read())
if not wait(lambda: not os.path.exists("/proc/%d" % short), 10):
    sys.exit(4)  # the short-lived orphan was never reaped
if release != "-":
    wait(lambda: os.path.exists(release), 15)
sys.exit(3)
"""


def parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2:].split()[1])


def zombies_under(pid: int) -> list[int]:
    """Zombie children of `pid` (host view)."""
    out = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for c in children:
        try:
            stat = Path(f"/proc/{c}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2] == "Z":
            out.append(int(c))
    return out


def run_main(lw: LW, prefix: list[str], extra: list[str], mode: str):
    lw.seed("app/db_password")
    marker = lw.path("orphan")
    cmd = [*prefix, str(lwexec_bin()), *extra, lw.name("app"), "--", PY, "-c", MAIN, str(marker), mode, "-"]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=lw.full_env(), cwd=lw.tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        raise
    return p.returncode, err.decode(), marker, time.monotonic() - t0


@needs_unshare
def test_as_pid_1_orphans_get_sigterm_and_the_status_is_the_main_commands(lw: LW):
    rc, err, marker, took = run_main(lw, ["unshare", "--pid", "--fork", "--mount-proc"], [], "obey")
    assert rc == 3, err  # 4: lwexec as PID 1 left the short-lived orphan a zombie
    assert marker.read_text() == "TERM", err
    assert took < 5, took  # the orphan obeyed TERM: no wait for the kill timeout


@needs_unshare
def test_as_pid_1_an_orphan_ignoring_sigterm_is_killed_after_the_timeout(lw: LW):
    rc, err, marker, took = run_main(lw, ["unshare", "--pid", "--fork", "--mount-proc"],
                                     ["--kill-timeout", "1s"], "ignore")
    assert rc == 3, err
    assert marker.read_text() == "TERM"
    assert 1.0 <= took < 8, took


@needs_unshare
def test_as_pid_1_a_term_from_outside_reaches_the_child(lw: LW):
    """`docker stop`: SIGTERM from outside the namespace (no visible sender) is forwarded."""
    lw.seed("app/db_password")
    ready = lw.path("ready")
    script = f"import signal, sys, time; signal.signal(signal.SIGTERM, lambda *_: sys.exit(42)); " \
             f"open({str(ready)!r}, 'w').close(); time.sleep(30)"
    p = subprocess.Popen(["unshare", "--pid", "--fork", "--mount-proc", str(lwexec_bin()), lw.name("app"), "--",
                          PY, "-c", script], env=lw.full_env(), cwd=lw.tmp, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 15
        while not ready.exists():
            assert time.monotonic() < deadline, "child did not start"
            time.sleep(0.02)
        lwexec_pid = int(Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()[0])
        assert "NSpid:" in Path(f"/proc/{lwexec_pid}/status").read_text()
        ns_pids = [ln for ln in Path(f"/proc/{lwexec_pid}/status").read_text().splitlines()
                   if ln.startswith("NSpid:")][0].split()
        assert ns_pids[-1] == "1", ns_pids  # lwexec is PID 1 inside
        os.kill(lwexec_pid, signal.SIGTERM)
        assert p.wait(10) == 42
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_subreaper_reaps_orphans_and_terms_the_rest(lw: LW):
    lw.seed("app/db_password")
    marker, release = lw.path("orphan"), lw.path("release")
    p = subprocess.Popen([str(lwexec_bin()), "--subreaper", lw.name("app"), "--", PY, "-c", MAIN, str(marker),
                          "obey", str(release)], env=lw.full_env(), cwd=lw.tmp, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        def pid_in(suffix: str) -> int:
            f = Path(str(marker) + suffix)
            return int(wait_for(lambda: f.exists() and f.read_text(), 15, f"the pid in {f.name}"))
        short, orphan = pid_in(".short"), pid_in(".ready")
        # Once the intermediate process has exited, the orphans are lwexec's (the subreaper's), not init's.
        wait_for(lambda: parent(orphan) == p.pid, 10, "lwexec, the subreaper, to adopt the orphan")
        # So the short-lived orphan went to lwexec too, and only lwexec can reap it: a poll until it is
        # gone from /proc (a zombie stays there), instead of a pause and a look.
        wait_for(lambda: not Path(f"/proc/{short}").exists(), 10, "the exited orphan to be reaped")
        assert zombies_under(p.pid) == [], "an exited orphan was not reaped"
        release.touch()
        rc = p.wait(10)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    assert rc == 3, p.stderr.read()
    assert marker.read_text() == "TERM"


@pytest.mark.parametrize("warm", [False, True])
def test_supervisor_pins_no_directory(lw: LW, warm: bool):
    """Once the child runs, lwexec's own working directory is `/` (dumb-init's rule): it pins no mount
    for the child's life. The child keeps the directory it was started in. Both executables: a cold
    start is supervised by lwexec-core, a warm one by the launcher."""
    lw.seed("app/db_password")
    work = lw.path("work")
    work.mkdir()
    ready = lw.path("ready")
    script = f"import os, sys; open({str(ready)!r}, 'w').write(os.getcwd()); sys.stdin.read()"
    args = ["--cache", lw.name("app"), "--", PY, "-c", script] if warm else [lw.name("app"), "--", PY, "-c", script]
    if warm:
        r = lw.run(["--cache", lw.name("app"), "--", "true"])
        assert r.returncode == 0, r
    p = subprocess.Popen([str(lwexec_bin()), *args], env=lw.full_env(), cwd=work, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(lambda: ready.exists() and ready.read_text(), 15, "the child to start")
        assert ready.read_text() == str(work)
        # lwexec moves right after the spawn returns, which may be after the child wrote `ready`.
        wait_for(lambda: os.readlink(f"/proc/{p.pid}/cwd") == "/", 5, "lwexec to leave the starting directory")
        p.stdin.close()
        assert p.wait(10) == 0, p.stderr.read()
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
