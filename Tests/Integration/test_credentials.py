"""Credentials, region and endpoint resolution, and the failures around them."""

from __future__ import annotations

import re
import time

import pytest

from conftest import LW, endpoint_env
from emulator import ADMIN_POLICY, Keys

DEAD = "http://127.0.0.1:1"


@pytest.fixture
def app(lw: LW) -> tuple[str, str]:
    v = lw.seed("app/database_password")
    return lw.name("app"), v


def test_env_keys_work(lw: LW, app):
    prefix, v = app
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_no_credentials_is_125(lw: LW, app):
    prefix, _ = app
    marker = lw.marker()
    t = time.monotonic()
    r = lw.run([prefix, "--", *marker.argv], env=endpoint_env(lw.emulator))
    assert r.returncode == 125, r
    assert re.search(r"credential", r.err, re.I), r
    assert not marker.ran
    assert time.monotonic() - t < 10, "looking for credentials should not hang"


def test_wrong_secret_key_is_125_and_mentions_signature(lw: LW, app):
    prefix, _ = app
    marker = lw.marker()
    wrong = "wRoNg" + lw.emulator.admin_keys.secret_access_key[5:]
    r = lw.run([prefix, "--", *marker.argv],
               extra_env={"AWS_SECRET_ACCESS_KEY": wrong})
    assert r.returncode == 125, r
    assert re.search(r"signature", r.err, re.I), r
    assert not marker.ran


def test_unknown_access_key_is_125(lw: LW, app):
    prefix, _ = app
    marker = lw.marker()
    r = lw.run([prefix, "--", *marker.argv],
               extra_env={"AWS_ACCESS_KEY_ID": "AKIAUNKNOWN0" + lw.uid[:8].upper(),
                          "AWS_SECRET_ACCESS_KEY": "unknown-secret-key-" + lw.uid})
    assert r.returncode == 125, r
    assert re.search(r"InvalidClientTokenId|security token|credential", r.err, re.I), r
    assert not marker.ran


@pytest.mark.parametrize("how", ["flag", "service-env", "global-env"])
def test_unreachable_endpoint_is_named_quickly(lw: LW, app, how):
    prefix, _ = app
    marker = lw.marker()
    args, extra = [prefix, "--", *marker.argv], {}
    if how == "flag":
        args = ["--endpoint-url", DEAD, *args]
    elif how == "service-env":
        extra = {"AWS_ENDPOINT_URL_SECRETS_MANAGER": DEAD}
    t = time.monotonic()
    if how == "global-env":
        r = lw.run(args, extra_env={"AWS_ENDPOINT_URL": DEAD},
                   unset=["AWS_ENDPOINT_URL_SECRETS_MANAGER"])
    else:
        r = lw.run(args, extra_env=extra)
    elapsed = time.monotonic() - t
    assert r.returncode == 125, r
    assert "127.0.0.1:1" in r.err, r
    assert not marker.ran
    assert elapsed < 10, f"took {elapsed:.1f}s to give up on a refused connection"


# ---------------------------------------------------------------------------- endpoints
def _only_creds(lw: LW) -> dict[str, str]:
    k = lw.emulator.admin_keys
    return {"AWS_ACCESS_KEY_ID": k.access_key_id, "AWS_SECRET_ACCESS_KEY": k.secret_access_key,
            "AWS_REGION": "us-east-1"}


def test_endpoint_from_flag(lw: LW, app):
    prefix, v = app
    probe = lw.probe()
    r = lw.run(["--endpoint-url", lw.emulator.url, prefix, "--", *probe.argv], env=_only_creds(lw))
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_endpoint_from_global_env(lw: LW, app):
    prefix, v = app
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv], env=_only_creds(lw),
               extra_env={"AWS_ENDPOINT_URL": lw.emulator.url})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_endpoint_flag_beats_env(lw: LW, app):
    prefix, v = app
    probe = lw.probe()
    r = lw.run(["--endpoint-url", lw.emulator.url, prefix, "--", *probe.argv], env=_only_creds(lw),
               extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": DEAD, "AWS_ENDPOINT_URL": DEAD})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_service_endpoint_env_beats_global(lw: LW, app):
    prefix, v = app
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv], env=_only_creds(lw),
               extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": lw.emulator.url,
                          "AWS_ENDPOINT_URL": DEAD})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


# ---------------------------------------------------------------------------- profiles
@pytest.fixture
def profile_keys(lw: LW) -> Keys:
    return lw.make_user(ADMIN_POLICY)


def _bogus(lw: LW) -> Keys:
    return Keys("AKIABOGUS000" + lw.uid[:8].upper(), "bogus-secret-" + lw.uid)


def test_profile_from_aws_profile(lw: LW, app, aws_files, profile_keys):
    prefix, v = app
    files = aws_files({"default": _bogus(lw), "ci": profile_keys},
                      {"default": {"region": "eu-west-1"}, "ci": {"region": "us-east-1"}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv], env={**env, **files, "AWS_PROFILE": "ci"})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_profile_from_flag(lw: LW, app, aws_files, profile_keys):
    prefix, v = app
    files = aws_files({"default": _bogus(lw), "ci": profile_keys},
                      {"default": {"region": "eu-west-1"}, "ci": {"region": "us-east-1"}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    probe = lw.probe()
    r = lw.run(["--profile", "ci", prefix, "--", *probe.argv], env={**env, **files})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_profile_flag_beats_aws_profile(lw: LW, app, aws_files, profile_keys):
    prefix, v = app
    files = aws_files({"broken": _bogus(lw), "ci": profile_keys},
                      {"broken": {"region": "us-east-1"}, "ci": {"region": "us-east-1"}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    probe = lw.probe()
    r = lw.run(["--profile", "ci", prefix, "--", *probe.argv],
               env={**env, **files, "AWS_PROFILE": "broken"})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_profile_with_bogus_keys_fails(lw: LW, app, aws_files):
    """Proves the profile's keys are the ones used (and that a bad key is caught)."""
    prefix, _ = app
    files = aws_files({"ci": _bogus(lw)}, {"ci": {"region": "us-east-1"}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    marker = lw.marker()
    r = lw.run([prefix, "--", *marker.argv], env={**env, **files, "AWS_PROFILE": "ci"})
    assert r.returncode == 125, r
    assert not marker.ran


def test_missing_profile_is_125_and_named(lw: LW, app, aws_files, profile_keys):
    prefix, _ = app
    files = aws_files({"ci": profile_keys}, {"ci": {"region": "us-east-1"}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    marker = lw.marker()
    name = f"no-such-profile-{lw.uid}"
    r = lw.run(["--profile", name, prefix, "--", *marker.argv], env={**env, **files})
    assert r.returncode == 125, r
    assert name in r.err, r
    assert not marker.ran


def test_env_keys_beat_default_profile(lw: LW, app, aws_files):
    prefix, v = app
    files = aws_files({"default": _bogus(lw)}, {"default": {"region": "us-east-1"}})
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv], extra_env=files)
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


# ---------------------------------------------------------------------------- regions
@pytest.fixture
def two_regions(lw: LW) -> dict[str, str]:
    """The same secret name with a different value in two regions."""
    return {
        "us-east-1": lw.seed("reg/region_value", f"east-{lw.uid}"),
        "eu-west-1": lw.seed("reg/region_value", f"west-{lw.uid}", region="eu-west-1"),
    }


@pytest.mark.parametrize("flag,env_region", [("us-east-1", "eu-west-1"), ("eu-west-1", "us-east-1")])
def test_region_flag_beats_aws_region(lw: LW, two_regions, flag, env_region):
    probe = lw.probe()
    r = lw.run(["--region", flag, lw.name("reg"), "--", *probe.argv],
               extra_env={"AWS_REGION": env_region})
    assert r.returncode == 0, r
    assert probe.env()["REGION_VALUE"] == two_regions[flag]


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_region_from_aws_region(lw: LW, two_regions, region):
    probe = lw.probe()
    r = lw.run([lw.name("reg"), "--", *probe.argv], extra_env={"AWS_REGION": region})
    assert r.returncode == 0, r
    assert probe.env()["REGION_VALUE"] == two_regions[region]


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_region_from_profile_config(lw: LW, two_regions, aws_files, region):
    files = aws_files({"ci": lw.emulator.admin_keys}, {"ci": {"region": region}})
    env = {k: val for k, val in endpoint_env(lw.emulator).items() if k != "AWS_REGION"}
    probe = lw.probe()
    r = lw.run(["--profile", "ci", lw.name("reg"), "--", *probe.argv], env={**env, **files})
    assert r.returncode == 0, r
    assert probe.env()["REGION_VALUE"] == two_regions[region]
