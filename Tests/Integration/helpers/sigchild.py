"""Signal-recording child.

Usage: python3 -I sigchild.py LOG READY [TIMEOUT_SECONDS]

Traps TERM, HUP, USR1, USR2, INT and WINCH; each delivery appends the signal's
name and a newline to LOG. Writes its PID to READY once the handlers are in
place. Exits 0 after it has seen TERM, or 3 after TIMEOUT_SECONDS (default 20).
"""
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
    seen_term = False

    def handler(signum, _frame):
        nonlocal seen_term
        with open(log, "a") as f:
            f.write(NAMES[signum] + "\n")
        if signum == signal.SIGTERM:
            seen_term = True

    for s in NAMES:
        signal.signal(s, handler)
    tmp = ready + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{os.getpid()}\n")
    os.replace(tmp, ready)
    deadline = time.monotonic() + timeout
    while not seen_term and time.monotonic() < deadline:
        time.sleep(0.02)
    return 0 if seen_term else 3


if __name__ == "__main__":
    sys.exit(main())
