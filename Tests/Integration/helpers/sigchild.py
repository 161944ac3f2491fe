"""Signal-recording child.

Usage: python3 -I sigchild.py LOG READY [TIMEOUT_SECONDS]

READY gets a JSON object once the child is set up: its "pid", and the signals it
inherited as "ignored" (SIG_IGN) or "blocked" (in the signal mask); lwexec must
hand the child default dispositions and an empty mask.

Records every delivery of TERM, HUP, USR1, USR2, INT and WINCH by appending the
signal's name and a newline to LOG, and of the sentinel SIGRTMIN+5 as "MARK".
Exits 0 after it has seen TERM, or 3 after TIMEOUT_SECONDS (default 20).

The sentinel orders "nothing else arrived" without a sleep: a test sends it to
lwexec after the signal under test. lwexec reads its signals from a signalfd,
lowest number first, and forwards them in that order, and this child takes them
lowest number first too, so every copy of the standard signal that lwexec
forwarded is in LOG before the MARK (see test_supervision_group_kill.py).

Counting deliveries exactly needs care: two copies of a standard signal that are
pending at the same time merge into one in the kernel, and Python runs a
handler once for several C-level deliveries. So the signals stay blocked and the
child spins on a non-blocking sigtimedwait(): each copy is taken off the pending
set as soon as it arrives, before a second copy (say, a Ctrl-C that lwexec wrongly
forwards on top of the terminal's own) could merge with it. It costs one busy CPU
while the child lives, which is why the tests keep it short.
"""
import json
import os
import signal
import sys
import time

SENTINEL = signal.SIGRTMIN + 5
NAMES = {
    int(signal.SIGTERM): "TERM",
    int(signal.SIGHUP): "HUP",
    int(signal.SIGUSR1): "USR1",
    int(signal.SIGUSR2): "USR2",
    int(signal.SIGINT): "INT",
    int(signal.SIGWINCH): "WINCH",
    int(SENTINEL): "MARK",
}
# What READY reports: the standard signals only (the sentinel is the test's own).
WATCHED = [signal.Signals(n) for n in NAMES if n != SENTINEL]


def main() -> int:
    log, ready = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    ignored = sorted(s.name for s in WATCHED if signal.getsignal(s) == signal.SIG_IGN)
    inherited_mask = signal.pthread_sigmask(signal.SIG_BLOCK, list(NAMES))
    state = {"pid": os.getpid(), "ignored": ignored,
             "blocked": sorted(str(getattr(s, "name", s)) for s in inherited_mask)}
    tmp = ready + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f)
    os.replace(tmp, ready)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = signal.sigtimedwait(list(NAMES), 0)
        if info is None:
            continue
        with open(log, "a") as f:
            f.write(NAMES[info.si_signo] + "\n")
        if info.si_signo == signal.SIGTERM:
            return 0
    return 3


if __name__ == "__main__":
    sys.exit(main())
