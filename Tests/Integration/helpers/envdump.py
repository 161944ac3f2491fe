"""Child-environment probe: write the exact environment this process was exec'd with.

Usage: python3 -I envdump.py OUT [EXIT_CODE]

Reads /proc/self/environ (the execve() block, byte-exact, before the interpreter
touches anything: Python may set LC_CTYPE when coercing a C locale) and writes it
to OUT unchanged: NUL-terminated `NAME=VALUE` entries. Falls back to os.environb
where /proc is missing. The write goes through a temp file + rename so a reader
never sees half a file.
"""
import os
import sys


def main() -> int:
    out = sys.argv[1]
    try:
        with open("/proc/self/environ", "rb") as f:
            data = f.read()
    except OSError:
        data = b"".join(k + b"=" + v + b"\0" for k, v in os.environb.items())
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out)
    return int(sys.argv[2]) if len(sys.argv) > 2 else 0


if __name__ == "__main__":
    sys.exit(main())
