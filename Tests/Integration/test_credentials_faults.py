"""A fault-injecting proxy in front of moto: throttling, 503s, connection resets, answers slower
than the deadline, a server clock two hours ahead. lwexec recovers within its deadline or exits
125 with a clear message — never hangs, never starts the child with part of its secrets."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402


@pytest.fixture
def app(lw: LW):
    return lw.name("app"), lw.seed("app/database_password"), lw.seed("app/api_key")


def through(lw: LW, proxy: ChaosProxy, **extra: str) -> dict:
    return {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url, "AWS_ENDPOINT_URL_STS": proxy.url, **extra}


def run_ok(lw: LW, app, env: dict, args=()):
    probe = lw.probe()
    t = time.monotonic()
    r = lw.run([*args, app[0], "--", *probe.argv], env=env)
    assert r.returncode == 0, r
    seen = probe.env()
    assert seen["DATABASE_PASSWORD"] == app[1] and seen["API_KEY"] == app[2]
    return r, time.monotonic() - t


def run_fails(lw: LW, app, env: dict, args=()):
    marker = lw.marker()
    t = time.monotonic()
    r = lw.run([*args, app[0], "--", *marker.argv], env=env)
    assert r.returncode == 125, r
    assert not marker.ran, "the child started although resolution failed"
    return r, time.monotonic() - t


@pytest.mark.parametrize("fault", [{"throttle": 2}, {"unavailable": 2}, {"reset": 2}])
def test_recovers_from_transient_faults(lw: LW, app, fault):
    with ChaosProxy(lw.emulator.url, **fault) as proxy:
        _, took = run_ok(lw, app, through(lw, proxy))
        assert proxy.faults == 2 and took < 10


def test_adaptive_mode_recovers_from_throttling(lw: LW, app):
    with ChaosProxy(lw.emulator.url, throttle=3) as proxy:
        run_ok(lw, app, through(lw, proxy, AWS_RETRY_MODE="adaptive", AWS_MAX_ATTEMPTS="5"))
        assert proxy.faults == 3


def test_persistent_503_exits_125_within_the_deadline(lw: LW, app):
    with ChaosProxy(lw.emulator.url, unavailable=1, always=True) as proxy:
        r, took = run_fails(lw, app, through(lw, proxy, AWS_MAX_ATTEMPTS="3"))
        assert "ServiceUnavailable" in r.err or "503" in r.err, r
        assert took < 10


def test_max_attempts_one_does_not_retry(lw: LW, app):
    with ChaosProxy(lw.emulator.url, throttle=1) as proxy:
        r, _ = run_fails(lw, app, through(lw, proxy, AWS_MAX_ATTEMPTS="1"))
        assert proxy.seen >= 1 and "Throttling" in r.err, r


def test_bad_retry_mode_is_a_clear_error(lw: LW, app):
    r = lw.run([app[0], "--", "true"], extra_env={"AWS_RETRY_MODE": "turbo"})
    assert r.returncode == 125 and "AWS_RETRY_MODE must be standard or adaptive" in r.err, r


def test_slow_answers_are_cut_at_the_deadline(lw: LW, app):
    with ChaosProxy(lw.emulator.url, slow=30) as proxy:
        r, took = run_fails(lw, app, through(lw, proxy), args=["--timeout", "3s"])
        assert took < 6, f"took {took:.1f}s with --timeout 3s"
        assert "timed out" in r.err or "deadline" in r.err, r


def test_server_clock_two_hours_ahead(lw: LW, app):
    with ChaosProxy(lw.emulator.url, skew=7200) as proxy:
        r, took = run_ok(lw, app, through(lw, proxy, AWS_MAX_ATTEMPTS="2"), args=["-v"])
        assert proxy.faults >= 1, "the proxy never refused a request signed with the local clock"
        assert "clock skew" in r.err and took < 10, r


def test_whoami_with_clock_skew_on_sts(lw: LW):
    with ChaosProxy(lw.emulator.url, skew=-7200) as proxy:
        r = lw.run(["whoami"], env=through(lw, proxy))
        assert r.returncode == 0 and "arn:aws:iam::123456789012:user/" in r.out, r
