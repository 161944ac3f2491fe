"""Exit status passthrough, signal deaths, 126/127, and lwexec's own 125."""

from __future__ import annotations

import os
import signal
import time

import pytest

from conftest import LW


@pytest.fixture
def app(lw: LW) -> str:
    lw.seed("app/database_password")
    return lw.name("app")


@pytest.mark.parametrize("code", [0, 1, 2, 42, 125, 126, 127, 255])
def test_child_exit_code_is_passed_through(lw: LW, app: str, code: int):
    r = lw.run([app, "--", "/bin/sh", "-c", f"exit {code}"])
    assert r.returncode == code, r


def test_child_exit_code_from_probe(lw: LW, app: str):
    probe = lw.probe(exit_code=42)
    r = lw.run([app, "--", *probe.argv])
    assert r.returncode == 42, r
    assert probe.ran


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL, signal.SIGHUP,
                                 signal.SIGUSR1, signal.SIGINT])
def test_child_killed_by_signal_is_reraised(lw: LW, app: str, sig: signal.Signals):
    r = lw.run([app, "--", "/bin/sh", "-c", f"kill -{sig.name[3:]} $$"])
    assert r.returncode == -sig.value, r


def test_command_not_found_is_127(lw: LW, app: str):
    name = f"lwexec-no-such-command-{lw.uid}"
    r = lw.run([app, "--", name, "arg"])
    assert r.returncode == 127, r
    assert name in r.err, r


def test_missing_absolute_path_is_127(lw: LW, app: str):
    path = str(lw.path("does/not/exist"))
    r = lw.run([app, "--", path])
    assert r.returncode == 127, r
    assert path in r.err, r


def test_command_not_executable_is_126(lw: LW, app: str):
    script = lw.path("not-executable.sh")
    script.write_text("#!/bin/sh\necho should-not-run\n")
    os.chmod(script, 0o644)
    r = lw.run([app, "--", str(script)])
    assert r.returncode == 126, r
    assert b"should-not-run" not in r.stdout
    assert str(script) in r.err, r


def test_directory_as_command_is_126(lw: LW, app: str):
    d = lw.path("a-directory")
    d.mkdir()
    r = lw.run([app, "--", str(d)])
    assert r.returncode == 126, r


def test_arguments_after_double_dash_are_passed_verbatim(lw: LW, app: str):
    args = ["--", "-v", "--pristine", "--secret", "x", "", "a b", "$HOME", "*", "--help"]
    r = lw.run([app, "--", "/bin/sh", "-c", 'printf "[%s]" "$@"', "sh", *args])
    assert r.returncode == 0, r
    assert r.stdout == "".join(f"[{a}]" for a in args).encode(), r


def test_stdin_and_stdout_are_passed_through(lw: LW, app: str):
    data = b"line 1\nbinary \x00\xff\xfe\n" * 1000
    r = lw.run([app, "--", "/bin/cat"], input=data)
    assert r.returncode == 0, r
    assert r.stdout == data


def test_child_stderr_is_passed_through(lw: LW, app: str):
    r = lw.run([app, "--", "/bin/sh", "-c", "echo child-says-hi >&2; exit 3"])
    assert r.returncode == 3, r
    assert "child-says-hi" in r.err


def test_child_keeps_the_working_directory(lw: LW, app: str):
    r = lw.run([app, "--", "/bin/sh", "-c", "pwd -P"])
    assert r.returncode == 0, r
    assert r.out.strip() == str(lw.tmp.resolve())


@pytest.mark.parametrize("args", [
    ["--no-such-flag"],
    ["-Z"],
    ["--quiet=yes"],
])
def test_bad_options_are_125(lw: LW, app: str, args):
    marker = lw.marker()
    r = lw.run([*args, app, "--", *marker.argv])
    assert r.returncode == 125, r
    assert r.err.strip(), r
    assert not marker.ran


def test_unknown_flag_is_named(lw: LW, app: str):
    marker = lw.marker()
    r = lw.run(["--frobnicate", app, "--", *marker.argv])
    assert r.returncode == 125, r
    assert "frobnicate" in r.err, r
    assert not marker.ran


def test_missing_double_dash_is_125(lw: LW, app: str):
    marker = lw.marker()
    r = lw.run([app, *marker.argv])
    assert r.returncode == 125, r
    assert r.err.strip(), r
    assert not marker.ran


def test_lwexec_is_fast_for_a_small_prefix(lw: LW, app: str):
    t = time.monotonic()
    r = lw.run([app, "--", "/bin/true"])
    assert r.returncode == 0, r
    assert time.monotonic() - t < 5, "lwexec took more than 5 s against a local emulator"
