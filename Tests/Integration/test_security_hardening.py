"""Process hardening (issue 15): no core dump of lwexec holds a secret, the same user's other
processes cannot read lwexec's memory or environment, and the child keeps the limits it was given."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import LW, lwexec_bin

SETPRIV = shutil.which("setpriv")


def core_limits(text: str) -> tuple[str, str]:
    """(soft, hard) of 'Max core file size' in a /proc/PID/limits text."""
    line = next(ln for ln in text.splitlines() if ln.startswith("Max core file size"))
    soft, hard = line.split()[4:6]
    return soft, hard


def test_lwexec_cannot_dump_core_and_the_child_keeps_its_limit(lw: LW):
    lw.seed("app/api_token")
    out = lw.path("limits")
    script = f'cat /proc/$PPID/limits > {out}.lwexec; cat /proc/self/limits > {out}.child'
    # `ulimit -c unlimited` in the parent shell, then lwexec, whose child reports both limits.
    p = subprocess.run(["/bin/sh", "-c", f'ulimit -c unlimited && exec "$0" "$@"', str(lwexec_bin()),
                        lw.name("app"), "--", "/bin/sh", "-c", script],
                       env=lw.full_env(), cwd=lw.tmp, capture_output=True, timeout=30)
    assert p.returncode == 0, p
    assert core_limits(Path(f"{out}.lwexec").read_text())[0] == "0", "lwexec may still dump core"
    assert core_limits(Path(f"{out}.child").read_text()) == ("unlimited", "unlimited"), "the child's limit changed"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run lwexec as another user")
def test_the_same_user_cannot_read_lwexecs_environment_or_memory(lw: LW, tmp_path_factory):
    # lwexec's own environment holds AWS_SECRET_ACCESS_KEY; its child runs as the same user and tries.
    assert SETPRIV, "setpriv (util-linux) is needed"
    lw.seed("app/api_token")
    place = Path(tempfile.mkdtemp(prefix="lwexec-user-"))
    try:
        os.chmod(place, 0o755)
        for name in ("lwexec", "lwexec-core"):
            shutil.copy2(lwexec_bin().parent / name, place / name)
        home = place / "home"
        home.mkdir()
        os.chown(home, 65534, 65534)
        env = {**lw.full_env(), "HOME": str(home)}
        probe = ('for f in environ mem; do if cat /proc/$PPID/$f > /dev/null 2>&1; then echo "$f readable"; '
                 'else echo "$f denied"; fi; done')
        p = subprocess.run([SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                            str(place / "lwexec"), lw.name("app"), "--", "/bin/sh", "-c", probe],
                           env=env, cwd=place, capture_output=True, timeout=30)
        assert p.returncode == 0, p
        assert p.stdout.decode().split("\n")[:2] == ["environ denied", "mem denied"], p
    finally:
        shutil.rmtree(place, ignore_errors=True)


# ------------------------------------------------------------------ byte-exact pass-through
def _run_bytes(lw: LW, argv: list[bytes], extra_env: dict[bytes, bytes]) -> subprocess.CompletedProcess:
    env = {k.encode(): v.encode() for k, v in lw.full_env().items()}
    env.update(extra_env)
    return subprocess.run([os.fsencode(lwexec_bin()), *argv], env=env, cwd=lw.tmp, capture_output=True, timeout=30)


@pytest.mark.parametrize("cache", [False, True], ids=["fresh", "warm-start"])
def test_arguments_that_are_not_utf8_reach_the_child_exactly(lw: LW, cache: bool):
    lw.seed("app/api_token")
    name = b"caf\xe9.txt"
    (lw.tmp / os.fsdecode(name)).write_bytes(b"found\n")
    flags = [b"--cache"] if cache else [b"--no-cache"]
    if cache:
        assert _run_bytes(lw, [*flags, lw.name("app").encode(), b"--", b"true"], {}).returncode == 0
    p = _run_bytes(lw, [*flags, lw.name("app").encode(), b"--", b"cat", name], {})
    assert p.returncode == 0 and p.stdout == b"found\n", p


@pytest.mark.parametrize("cache", [False, True], ids=["fresh", "warm-start"])
def test_inherited_variables_that_are_not_utf8_reach_the_child_exactly(lw: LW, cache: bool):
    lw.seed("app/api_token")
    dump = lw.path("environ")
    flags = [b"--cache"] if cache else [b"--no-cache"]
    extra = {b"LEGACY": b"caf\xe9", b"N\xe9W": b"\xff\xfe", b"PLAIN": b"ok"}
    if cache:
        assert _run_bytes(lw, [*flags, lw.name("app").encode(), b"--", b"true"], extra).returncode == 0
    p = _run_bytes(lw, [*flags, lw.name("app").encode(), b"--", b"/bin/sh", b"-c", b'cat /proc/$$/environ > "$0"',
                        os.fsencode(dump)], extra)
    assert p.returncode == 0, p
    entries = dump.read_bytes().split(b"\0")
    for k, v in extra.items():
        assert k + b"=" + v in entries, (k, [e for e in entries if e.startswith(k[:1])])
