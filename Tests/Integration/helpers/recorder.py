"""Signal recorder for the signal-table tests (test_supervision_signals.py).

Usage: python3 -I recorder.py LOG READY SIGNAL...

Records each listed signal it receives as a "NAME" line in LOG, and the sentinel SIGRTMIN+5 as
"MARK". Only the listed signals (and SIGTERM and the sentinel) are blocked and taken with
sigtimedwait, so the default action of unlisted signals (e.g. SIGTSTP stopping the process) stays in
force, and a listed one is taken as a handled one would be (a listed SIGTSTP stops nothing). SIGTERM
ends it with exit 0 after recording. Writes READY with its pid when set up.

The sentinel orders "nothing else arrived" without a sleep: the test sends it to lwexec after the
signal under test. lwexec reads signals from a signalfd, lowest number first, and forwards them in
that order; sigtimedwait here also takes the lowest pending number first, and one thread writes LOG,
so whatever lwexec forwarded before the sentinel is in LOG before the MARK line.
"""
import os
import signal
import sys
import time

log, ready = sys.argv[1], sys.argv[2]
SENTINEL = signal.SIGRTMIN + 5
wanted = [getattr(signal, "SIG" + n) if not n.startswith("RTMIN") else signal.SIGRTMIN + int(n[5:] or 0)
          for n in sys.argv[3:]]
taken = sorted({int(s) for s in wanted + [signal.SIGTERM, SENTINEL]})


def name(num: int) -> str:
    if num == SENTINEL:
        return "MARK"
    if num >= signal.SIGRTMIN:
        return "RTMIN%d" % (num - signal.SIGRTMIN)
    return signal.Signals(num).name[3:]


signal.pthread_sigmask(signal.SIG_BLOCK, taken)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.replace(ready + ".tmp", ready)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    info = signal.sigtimedwait(taken, 0.5)
    if info is None:
        continue
    with open(log, "a") as f:
        f.write(name(info.si_signo) + "\n")
    if info.si_signo == signal.SIGTERM:
        sys.exit(0)
sys.exit(3)
