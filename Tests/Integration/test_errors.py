"""lwexec's own failures: exit 125, a useful stderr, the child never runs, nothing leaks."""

from __future__ import annotations

import re

from conftest import LW


def test_empty_prefix_fails_and_suggests_closest(lw: LW):
    lw.seed("backend/database_password")
    lw.seed("frontend/api_key")
    marker = lw.marker()
    wrong = lw.name("backnd")
    r = lw.run([wrong, "--", *marker.argv])
    assert r.returncode == 125, r
    assert wrong in r.err, r
    assert lw.name("backend") in r.err, r
    assert not marker.ran


def test_empty_prefix_with_trailing_slash(lw: LW):
    lw.seed("backend/database_password")
    marker = lw.marker()
    r = lw.run([lw.name("backnd") + "/", "--", *marker.argv])
    assert r.returncode == 125, r
    assert lw.name("backnd") in r.err, r
    assert not marker.ran


def test_allow_empty_runs_the_child(lw: LW):
    probe = lw.probe()
    r = lw.run(["--allow-empty", lw.name("nothing-here"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.ran


def test_one_empty_prefix_among_several_fails(lw: LW):
    lw.seed("backend/database_password")
    marker = lw.marker()
    r = lw.run([lw.name("backend"), lw.name("missing"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert lw.name("missing") in r.err, r
    assert not marker.ran


def test_allow_empty_still_delivers_the_other_prefixes(lw: LW):
    v = lw.seed("backend/database_password")
    probe = lw.probe()
    r = lw.run(["--allow-empty", lw.name("backend"), lw.name("missing"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_verbose_never_prints_values(lw: LW):
    lw.seed("app/database_password")
    lw.seed("app/jwt_secret_key")
    lw.seed("app/stripe_api_key")
    for flag in ("-v", "--verbose"):
        probe = lw.probe()
        r = lw.run([flag, lw.name("app"), "--", *probe.argv],
                   extra_env={"DATABASE_PASSWORD": "inherited-old-value"})
        assert r.returncode == 0, r   # leak check in lw.run covers stdout and stderr
        assert len(probe.env()) > 0
        assert "inherited-old-value" not in r.err


def test_errors_never_print_values(lw: LW):
    """Several failure paths, each with real secrets fetched before the failure."""
    lw.seed("app/database_password")
    lw.seed("app/api-key")
    lw.seed("app/api_key")          # collision -> error after values were fetched
    lw.seed("app2/database_password")
    lw.seed("app2/0day_token")       # digit -> error after values were fetched
    for args in ([lw.name("app")], [lw.name("app2")], ["-v", lw.name("app")],
                 ["-v", lw.name("app2")], ["-v", lw.name("app2"), lw.name("nope")]):
        marker = lw.marker()
        r = lw.run([*args, "--", *marker.argv])
        assert r.returncode == 125, r
        assert not marker.ran


def test_no_prefix_and_no_secret_is_a_usage_error(lw: LW):
    marker = lw.marker()
    r = lw.run(["--", *marker.argv])
    assert r.returncode == 125, r
    assert r.err.strip(), r
    assert not marker.ran


def test_missing_command_is_a_usage_error(lw: LW):
    lw.seed("app/database_password")
    r = lw.run([lw.name("app"), "--"])
    assert r.returncode == 125, r
    assert r.err.strip(), r


def test_error_lines_go_to_stderr_not_stdout(lw: LW):
    marker = lw.marker()
    r = lw.run([lw.name("nothing"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert r.stdout == b"", r
    assert re.search(re.escape(lw.name("nothing")), r.err), r
