"""--cache: values served from the kernel keyring, isolated per identity, never on disk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import LW, lwexec_bin

pytestmark = pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")


def proc_keys() -> list[str]:
    with open("/proc/keys") as f:
        return f.read().splitlines()


def cache_lines(r) -> list[str]:
    return [ln for ln in r.err.splitlines() if "cache" in ln]


def test_second_run_is_served_from_the_keyring(lw: LW):
    value = lw.seed("app/api_token")
    probe = lw.probe()
    first = lw.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert first.returncode == 0, first
    assert any("cached as" in ln for ln in cache_lines(first)), first
    # Change the secret: a cached run must still see the old value, an uncached one the new.
    lw.emulator.client("secretsmanager").put_secret_value(SecretId=lw.name("app/api_token"), SecretString="rotated-" + value)
    lw.seeded["rotated"] = "rotated-" + value
    cached = lw.probe()
    r = lw.run(["-v", "--cache", lw.name("app"), "--", *cached.argv])
    assert r.returncode == 0, r
    assert any("cache hit" in ln for ln in cache_lines(r)), r
    assert cached.env()["API_TOKEN"] == value
    fresh = lw.probe()
    assert lw.run(["--no-cache", lw.name("app"), "--", *fresh.argv]).returncode == 0
    assert fresh.env()["API_TOKEN"] == "rotated-" + value


def test_environment_variable_turns_the_cache_on_and_ttl_expires(lw: LW):
    lw.seed("app/api_token")
    assert lw.run(["--cache-ttl", "3s", lw.name("app"), "--", "true"], extra_env={"LWEXEC_CACHE": "1"}).returncode == 0
    hit = lw.run(["-v", "--cache-ttl", "3s", lw.name("app"), "--", "true"], extra_env={"LWEXEC_CACHE": "1"})
    assert any("cache hit" in ln for ln in cache_lines(hit)), hit
    # A sleep on purpose: the TTL running out is the behaviour under test (a 3 s TTL leaves a slow run
    # time to hit before it expires).
    time.sleep(3.2)
    miss = lw.run(["-v", "--cache-ttl", "3s", lw.name("app"), "--", "true"], extra_env={"LWEXEC_CACHE": "1"})
    assert not any("cache hit" in ln for ln in cache_lines(miss)), miss


def test_keys_have_expiry_and_owner_only_permissions(lw: LW):
    lw.seed("app/api_token")
    r = lw.run(["-v", "--cache", lw.name("app"), "--", "true"])
    key = re.search(r"cached as (lwexec:v1:env:[0-9a-f]+)", r.err).group(1)
    line = next(ln for ln in proc_keys() if key in ln)
    fields = line.split()
    assert fields[3] != "perm", f"no kernel expiry: {line}"
    assert fields[4] == "3f3f0000", f"permissions must be possessor+user only: {line}"
    ring = next(ln for ln in proc_keys() if ln.endswith(" keyring   lwexec: 1") or re.search(r"keyring\s+lwexec:", ln))
    assert ring.split()[4] == "3f3f0000", ring


def test_a_new_session_keyring_still_hits(lw: LW):
    lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    env = lw.full_env()
    p = subprocess.run(["keyctl", "session", "-", str(lwexec_bin()), "-v", "--cache", lw.name("app"), "--", "true"],
                       env=env, capture_output=True, timeout=20)
    assert p.returncode == 0, p
    assert b"cache hit" in p.stderr, p.stderr


def test_another_identity_never_gets_cached_values(lw: LW):
    lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    # A user allowed only GetSecretValue cannot list a prefix: it must get an error, not the cached values.
    other = lw.read_only_user()
    marker = lw.marker()
    r = lw.run(["-v", "--cache", lw.name("app"), "--", *marker.argv], keys=other)
    assert r.returncode == 125, r
    assert not marker.ran
    assert not any("cache hit" in ln for ln in cache_lines(r)), r


def test_values_larger_than_one_key_round_trip(lw: LW):
    big = "B" * 40_000 + "-end"
    lw.seed("app/certificate_bundle", big)
    lw.seed("app/second_bundle", "C" * 30_000)
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    probe = lw.probe()
    r = lw.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert any("cache hit" in ln for ln in cache_lines(r)), r
    assert probe.env()["CERTIFICATE_BUNDLE"] == big


def test_options_that_change_the_result_are_part_of_the_key(lw: LW):
    lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    probe = lw.probe()
    r = lw.run(["-v", "--cache", "--env-prefix", "APP_", lw.name("app"), "--", *probe.argv])
    assert not any("cache hit" in ln for ln in cache_lines(r)), r
    assert "APP_API_TOKEN" in probe.env()


def test_cache_list_never_shows_values_and_clear_drops_entries(lw: LW):
    value = lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    listed = lw.run(["cache", "list"])
    assert lw.name("app") in listed.out and value not in listed.out, listed
    as_json = lw.run(["cache", "list", "--json"])
    assert lw.name("app") in as_json.out and value not in as_json.out
    cleared = lw.run(["cache", "clear", lw.name("app")])
    assert cleared.returncode == 0 and "cleared 1" in cleared.out, cleared
    assert lw.name("app") not in lw.run(["cache", "list"]).out
    r = lw.run(["-v", "--cache", lw.name("app"), "--", "true"])
    assert not any("cache hit" in ln for ln in cache_lines(r)), r


def test_stale_values_serve_only_when_aws_is_unreachable(lw: LW):
    lw.seed("app/api_token")
    value = lw.seeded[lw.name("app/api_token")]
    args = ["--cache", "--cache-ttl", "1s", "--timeout", "3s", lw.name("app"), "--"]
    assert lw.run(args + ["true"]).returncode == 0
    time.sleep(1.2)  # on purpose: the 1 s TTL must have run out, stale values are what is tested
    # Same identity, region and endpoint (so the same cache key), but AWS is now unreachable:
    # the emulator is only reachable through a proxy that refuses connections.
    unreachable = {"NO_PROXY": "", "no_proxy": "", "http_proxy": "http://127.0.0.1:9"}
    probe = lw.probe()
    r = lw.run(args + probe.argv, extra_env=unreachable)
    assert r.returncode == 0, r
    assert probe.env()["API_TOKEN"] == value
    assert any("warning" in ln and "cached values" in ln for ln in r.err.splitlines()), r
    marker = lw.marker()
    r = lw.run(["--stale-if-error", "0"] + args + marker.argv, extra_env=unreachable)
    assert r.returncode == 125 and not marker.ran, r


def test_over_quota_for_a_normal_user_runs_uncached(lw: LW):
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to run as another user")
    shared = tempfile.mkdtemp(prefix="lwexec-nobody-")
    os.chmod(shared, 0o777)
    try:
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        check = subprocess.run(nobody + [str(lwexec_bin()), "--version"], capture_output=True)
        if check.returncode != 0:
            pytest.skip(f"nobody cannot run {lwexec_bin()}: {check.stderr!r}")
        big = "Q" * 30_000  # more than a normal user's 20,000-byte keyring quota
        lw.seed("app/large_value", big)
        env = lw.full_env(extra_env={"HOME": shared})
        p = subprocess.run(nobody + [str(lwexec_bin()), "-v", "--cache", lw.name("app"), "--", "/bin/sh", "-c",
                                     'printf %s "$LARGE_VALUE" | wc -c'],
                           env=env, capture_output=True, timeout=20, cwd=shared)
        assert p.returncode == 0, p
        assert p.stdout.strip() == b"30000", p
        notes = [ln for ln in p.stderr.decode().splitlines() if "cache not used" in ln]
        assert len(notes) == 1 and "quota" in notes[0].lower(), p.stderr
        assert big.encode() not in p.stderr
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_assumed_role_credentials_are_cached_until_near_expiry(lw: LW):
    """A warm start makes no STS call: the role's temporary keys come from the keyring."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "helpers"))
    from cred_support import (ASSUME_ONLY, assert_identity, assumed_role_arn, config_section, keys_section,
                              make_role, no_cred_env, write_aws_files)
    from wire_proxy import WireProxy

    lw.seed("one/api_token")
    two = lw.seed("two/api_token")
    # The source user may assume the role but read no secret: every run that gets a value used the role.
    user = lw.make_user(ASSUME_ONLY)
    role = make_role(lw.emulator, f"cache-{lw.uid}")
    files = write_aws_files(lw, config_section("app", role_arn=role, source_profile="base"), keys_section("base", user))
    sts = WireProxy(lw.emulator.url)
    try:
        env = {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "app", "AWS_ENDPOINT_URL_STS": sts.url}
        first = lw.run(["-v", "--cache", lw.name("one"), "--", "true"], env=env)
        assert first.returncode == 0, first
        assert len(sts.calls) >= 1, "the first run must assume the role"
        calls_after_first = len(sts.calls)
        # Another prefix: the resolution cache misses, so Secrets Manager is called, but STS is not.
        probe = lw.probe()
        second = lw.run(["-v", "--cache", lw.name("two"), "--", *probe.argv], env=env)
        assert second.returncode == 0, second
        assert probe.env()["API_TOKEN"] == two  # read with the cached keys, which are the role's
        assert len(sts.calls) == calls_after_first, f"STS was called again: {sts.calls}"
        assert any("from the cache" in ln for ln in second.err.splitlines()), second
        # Without --cache nothing is read from or written to the keyring.
        third = lw.run(["-v", lw.name("two"), "--", "true"], env=env)
        assert third.returncode == 0 and len(sts.calls) == calls_after_first + 1, third
        assert_identity(lw, env, assumed_role_arn(role))
    finally:
        sts.close()


def test_a_write_by_lwexec_drops_cached_entries_holding_the_secret(lw: LW):
    lw.seed("app/api_token")
    assert lw.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    w = lw.run(["write", "--force", lw.name("app/api_token")], input="new-value-from-write\n")
    assert w.returncode == 0, w
    lw.seeded["written"] = "new-value-from-write"
    probe = lw.probe()
    r = lw.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert not any("cache hit" in ln for ln in cache_lines(r)), r
    assert probe.env()["API_TOKEN"] == "new-value-from-write"
