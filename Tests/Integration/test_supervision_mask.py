"""--mask: secret values in the child's stdout and stderr become *****, split writes included;
everything else passes byte for byte, and the exit status is the child's."""

from __future__ import annotations

import pytest

from conftest import LW, PY

# Writes its arguments one by one to stdout or stderr (a pipe to lwexec), and after each waits until
# lwexec has read it (the pipe is empty again: FIONREAD), so that each piece reaches lwexec in a read of
# its own; a poll with a deadline instead of a pause that a slow machine could outrun.
WRITER = r"""
import fcntl, os, stat, struct, sys, termios, time
fd = 1 if sys.argv[1] == "out" else 2
if not stat.S_ISFIFO(os.fstat(fd).st_mode):
    sys.exit("WRITER needs a pipe to lwexec on fd %d" % fd)
def unread():
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
for piece in sys.argv[2:-1]:
    os.write(fd, piece.encode("utf-8", "surrogateescape"))
    deadline = time.monotonic() + 10
    while unread() and time.monotonic() < deadline:
        time.sleep(0.001)
sys.exit(int(sys.argv[-1]))
"""


@pytest.fixture
def secret(lw: LW) -> str:
    return lw.seed("app/db_password", "hunter2-Xy9-long-value")


def test_values_are_masked_in_stdout_and_stderr(lw: LW, secret: str):
    app = lw.name("app")
    out = lw.run(["--mask", app, "--", "/bin/sh", "-c",
                  'echo "pw=$DB_PASSWORD."; echo "err $DB_PASSWORD" >&2; exit 7'])
    assert out.returncode == 7, out
    assert out.out == "pw=*****.\n", out
    assert "err *****\n" in out.err, out


def test_a_value_split_across_writes_is_masked(lw: LW, secret: str):
    app = lw.name("app")
    pieces = ["before ", secret[:3], secret[3:11], secret[11:], " after\n"]
    r = lw.run(["--mask", app, "--", PY, "-c", WRITER, "out", *pieces, "0"])
    assert r.returncode == 0, r
    assert r.out == "before ***** after\n", r


def test_other_output_is_byte_identical(lw: LW, secret: str):
    app = lw.name("app")
    # Bytes of every value, a near miss of the secret, and no trailing newline.
    script = (r"import sys; sys.stdout.buffer.write(bytes(range(256)) * 3 + b'hunter2-Xy9-long-valu' "
              r"+ b'\r\n\x1b[31mred\x1b[0m' + b'hunter2')")
    r = lw.run(["--mask", app, "--", PY, "-c", script])
    expected = bytes(range(256)) * 3 + b"hunter2-Xy9-long-valu\r\n\x1b[31mred\x1b[0mhunter2"
    assert r.returncode == 0 and r.stdout == expected, r


def test_short_values_are_not_masked(lw: LW):
    lw.seed("app/pin", "12345")
    r = lw.run(["--mask", lw.name("app"), "--", "/bin/sh", "-c", 'echo "pin $PIN"'], leak_check=False)
    assert r.out == "pin 12345\n", r


def test_large_output_passes_through(lw: LW, secret: str):
    app = lw.name("app")
    script = ("import os, sys\nline = ('x' * 99 + '\\n') * 1000\nfor i in range(20):\n"
              "    sys.stdout.write(line)\nsys.stdout.write(os.environ['DB_PASSWORD'])\n")
    r = lw.run(["--mask", app, "--", PY, "-c", script])
    assert r.returncode == 0, r
    assert len(r.stdout) == 20 * 100_000 + 5 and r.stdout.endswith(b"x\n*****"), r.stdout[-40:]


def test_a_child_killed_by_a_signal_is_passed_on(lw: LW, secret: str):
    r = lw.run(["--mask", lw.name("app"), "--", "/bin/sh", "-c", 'echo $DB_PASSWORD; kill -TERM $$'])
    assert r.returncode == -15 and r.out == "*****\n", r
