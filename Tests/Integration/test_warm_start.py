"""The two executables: `lwexec` serves a warm `--cache` start by itself, and hands every other run
to `lwexec-core` (beside it, or in ../libexec/lwexec/) with the arguments exactly as typed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import LW, lwexec_bin

pytestmark = pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")


def run_binary(lw: LW, binary: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = lw.full_env()
    return subprocess.run([str(binary), *args], env=env, cwd=lw.tmp, capture_output=True, text=True,
                          timeout=lw.timeout, stdin=subprocess.DEVNULL)


def lone_launcher(lw: LW) -> Path:
    """The `lwexec` executable copied alone into an empty directory: no lwexec-core to hand off to."""
    d = lw.path("lone")
    d.mkdir()
    shutil.copy2(lwexec_bin(), d / "lwexec")
    return d / "lwexec"


def test_a_warm_start_is_served_without_lwexec_core(lw: LW):
    value = lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0  # warms the keyring
    launcher = lone_launcher(lw)
    probe = lw.probe(exit_code=7)
    r = run_binary(lw, launcher, ["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 7, r.stderr  # the child's own status, passed back
    assert probe.env()["API_TOKEN"] == value
    assert "cache hit" in r.stderr and value not in r.stderr + r.stdout


def test_what_the_launcher_cannot_serve_goes_to_lwexec_core(lw: LW):
    launcher = lone_launcher(lw)
    marker = lw.marker()
    # A cache miss needs the network: without lwexec-core it is a clear error, and the child never starts.
    r = run_binary(lw, launcher, ["--cache", lw.name("nothing/cached"), "--", *marker.argv])
    assert r.returncode == 125
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("lwexec: cannot run lwexec-core (") and "No such file or directory" in lines[0]
    assert "libexec/lwexec" in lines[1]
    assert not marker.ran
    # The same run next to lwexec-core works, and so do help and other subcommands.
    lw.seed("nothing/cached/api_token")
    probe = lw.probe()
    r = lw.run(["--cache", lw.name("nothing/cached"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert "API_TOKEN" in probe.env()
    h = lw.run(["--help"])
    assert h.returncode == 0 and "USAGE: lwexec" in h.out


def test_lwexec_core_keeps_the_name_the_user_typed(lw: LW):
    # argv[0] survives the hand-off: a cold run's process reads `lwexec` in ps, not lwexec-core.
    probe = lw.probe()
    lw.seed("app/api_token")
    r = lw.run([lw.name("app"), "--", "/bin/sh", "-c", 'tr "\\0" " " < /proc/$PPID/cmdline > "$0"; exec "$@"',
                str(lw.path("parent-cmdline")), *probe.argv])
    assert r.returncode == 0, r
    cmdline = lw.path("parent-cmdline").read_text().split()
    assert cmdline[0] == str(lwexec_bin()) and cmdline[1] == lw.name("app")


def elf_facts(path: Path) -> tuple[int, bool]:
    """(e_type, has PT_INTERP) of a 64-bit little-endian ELF file."""
    data = path.read_bytes()[:4096]
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, path
    e_type = int.from_bytes(data[16:18], "little")
    phoff = int.from_bytes(data[32:40], "little")
    phentsize, phnum = int.from_bytes(data[54:56], "little"), int.from_bytes(data[56:58], "little")
    types = [int.from_bytes(data[phoff + i * phentsize:phoff + i * phentsize + 4], "little") for i in range(phnum)]
    return e_type, 3 in types  # PT_INTERP


def test_the_launcher_is_static_and_lwexec_core_a_pie():
    # The launcher: no dynamic loader at start (ET_EXEC, no interpreter) — the warm-start budget.
    e_type, interp = elf_facts(lwexec_bin())
    assert (e_type, interp) == (2, False)
    # lwexec-core, which parses everything that comes from the network, keeps PIE (ET_DYN) and ASLR.
    e_type, interp = elf_facts(lwexec_bin().parent / "lwexec-core")
    assert (e_type, interp) == (3, True)
    # ...and full RELRO: bound at load (BIND_NOW), the GOT read-only after (PT_GNU_RELRO).
    dyn = subprocess.run(["readelf", "-d", "-l", str(lwexec_bin().parent / "lwexec-core")], capture_output=True, text=True, check=True).stdout
    assert "GNU_RELRO" in dyn and re.search(r"\(FLAGS_1\).*\bNOW\b|\(BIND_NOW\)|\(FLAGS\).*BIND_NOW", dyn), dyn
