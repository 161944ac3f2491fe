"""Exit status passthrough, signal deaths, 126/127, and lwexec's own 125."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from conftest import LW, Result


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


# ------------------------------------------------------------------ an environment too large for the kernel (E2BIG)
def _argument_limit(stack: int) -> int:
    """Linux's limit on argv + envp (fs/exec.c): a quarter of the stack rlimit, at most 6 MiB, at least 128 KiB."""
    return max(min(6 << 20, stack // 4), 128 << 10)


def _run_with_stack(lw: LW, args: list[str], stack: int | None = None):
    """lwexec ARGS with its soft stack limit set to `stack` bytes (ulimit -s), leak-checked."""
    import resource
    import subprocess

    def limit():
        if stack is not None:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, resource.getrlimit(resource.RLIMIT_STACK)[1]))
    p = lw.popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    out, err = p.communicate(timeout=lw.timeout * 2)
    r = Result(list(args), p.returncode, out, err)
    lw.assert_no_leak(r)
    return r


def _assert_too_large(r, command: str, limit: int, largest: list[str]):
    lines = r.err.splitlines()
    assert r.returncode == 126, r
    assert len(lines) == 2, r
    m = re.fullmatch(rf"lwexec: {re.escape(command)}: cannot run: the environment lwexec built is too large for the "
                     rf"kernel: ([\d,]+) bytes with the arguments, over its limit of ([\d,]+) \(.+\)", lines[0])
    assert m, lines[0]
    assert int(m.group(1).replace(",", "")) > limit and m.group(2) == f"{limit:,}", lines[0]
    m = re.fullmatch(r"lwexec: the largest secrets: (.+); give the command only the secrets it needs with --secret",
                     lines[1])
    assert m, lines[1]
    assert [part.split(" (")[0] for part in m.group(1).split(", ")] == largest, lines[1]


def test_an_environment_over_the_kernel_limit_says_so_and_names_the_largest_secrets(lw: LW):
    """40 secrets of ~61 KB (2.4 MB): the kernel's E2BIG was "cannot run: Argument list too long"."""
    import resource
    for i in range(40):
        lw.seed(f"big/bundle_{i:02d}", chr(ord("a") + i % 26) * (61_000 - i))
    marker = lw.marker()
    r = lw.run([lw.name("big"), "--", *marker.argv])
    assert not marker.ran
    _assert_too_large(r, "/bin/sh", _argument_limit(resource.getrlimit(resource.RLIMIT_STACK)[0]),
                      ["BUNDLE_00", "BUNDLE_01", "BUNDLE_02"])


def test_the_warm_start_explains_e2big_too(lw: LW):
    """The launcher serving a cache hit reports the same diagnosis (with a 2 MiB stack: a 512 KiB limit)."""
    for i in range(10):
        lw.seed(f"big/bundle_{i:02d}", chr(ord("a") + i) * (61_000 - 10 * i))
    largest = ["BUNDLE_00", "BUNDLE_01", "BUNDLE_02"]
    first = _run_with_stack(lw, ["--cache", lw.name("big"), "--", "true"], stack=2 << 20)  # lwexec-core, caches
    _assert_too_large(first, "true", 512 << 10, largest)
    hit = _run_with_stack(lw, ["-v", "--cache", lw.name("big"), "--", "true"], stack=2 << 20)
    assert hit.err.splitlines()[0].startswith("lwexec: cache hit "), hit
    _assert_too_large(Result(hit.args, hit.returncode, hit.stdout, "\n".join(hit.err.splitlines()[1:]).encode()),
                      "true", 512 << 10, largest)


def test_one_value_over_the_kernel_limit_for_a_single_variable_is_named(lw: LW):
    """Each variable ("NAME=value") is limited to 128 KiB (MAX_ARG_STRLEN) whatever the total."""
    lw.seed("one/certificate_chain", "c" * 140_000)
    lw.seed("one/api_token")
    marker = lw.marker()
    r = lw.run([lw.name("one"), "--", *marker.argv])
    assert r.returncode == 126 and not marker.ran, r
    assert r.err.splitlines() == [
        "lwexec: /bin/sh: cannot run: the variable CERTIFICATE_CHAIN is 140,019 bytes, over the kernel's limit of "
        "131,072 for one variable",
        "lwexec: a value this large cannot go through the environment; give the command only the secrets it needs "
        "with --secret",
    ], r
