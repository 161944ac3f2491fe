"""Signal-recording child.

Usage: python3 -I sigchild.py LOG READY [TIMEOUT_SECONDS]

READY gets a JSON object once the child is set up: its "pid", and the signals it
inherited as "ignored" (SIG_IGN) or "blocked" (in the signal mask); lwexec must
hand the child default dispositions and an empty mask.

Records every delivery of TERM, HUP, USR1, USR2, INT and WINCH by appending the
signal's name and a newline to LOG. Exits 0 after it has seen TERM, or 3 after
TIMEOUT_SECONDS (default 20).

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

NAMES = {
    signal.SIGTERM: "TERM",
    signal.SIGHUP: "HUP",
    signal.SIGUSR1: "USR1",
    signal.SIGUSR2: "USR2",
    signal.SIGINT: "INT",
    signal.SIGWINCH: "WINCH",
}


def main() -> int:
    log, ready = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    ignored = sorted(s.name for s in NAMES if signal.getsignal(s) == signal.SIG_IGN)
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
            f.write(NAMES[signal.Signals(info.si_signo)] + "\n")
        if info.si_signo == signal.SIGTERM:
            return 0
    return 3


if __name__ == "__main__":
    sys.exit(main())
