"""Signal recorder for the signal-table tests (test_supervision_signals.py).

Usage: python3 -I recorder.py LOG READY SIGNAL...

Records each listed signal it receives as "NAME si_code" lines in LOG, through handlers (so the
default action of unlisted signals, e.g. SIGTSTP stopping the process, stays in force). SIGTERM
ends it with exit 0 after recording. Writes READY with its pid when set up.
"""
import os
import signal
import sys
import time

log, ready = sys.argv[1], sys.argv[2]
wanted = [getattr(signal, "SIG" + n) if not n.startswith("RTMIN") else signal.SIGRTMIN + int(n[5:] or 0)
          for n in sys.argv[3:]]


def name(num: int) -> str:
    if num >= signal.SIGRTMIN:
        return "RTMIN%d" % (num - signal.SIGRTMIN)
    return signal.Signals(num).name[3:]


def record(num: int, _frame) -> None:
    with open(log, "a") as f:
        f.write(name(num) + "\n")
    if num == signal.SIGTERM:
        sys.exit(0)


for s in wanted + [signal.SIGTERM]:
    signal.signal(s, record)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.replace(ready + ".tmp", ready)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    time.sleep(0.02)
sys.exit(3)
