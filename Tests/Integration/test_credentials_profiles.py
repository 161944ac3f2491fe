"""Profiles: static keys, source_profile chains of assumed roles, credential_source, and the
messages of every broken profile configuration (all against moto with signature checks on)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import (run_fails, ALLOW_ALL, ASSUME_ONLY, assert_identity, assumed_role_arn,  # noqa: E402
                          config_section, keys_section, make_role, no_cred_env, write_aws_files)


@pytest.fixture
def app(lw: LW):
    return lw.name("app"), lw.seed("app/database_password")


@pytest.fixture
def user(lw: LW):
    return lw.make_user(ALLOW_ALL)


@pytest.fixture
def source(lw: LW):
    """A user that may assume roles but read no secret: with it as the source, a run that gets the
    secret proves the role was assumed."""
    return lw.make_user(ASSUME_ONLY)


def run_ok(lw: LW, prefix: str, value: str, env: dict, args=()):
    probe = lw.probe()
    r = lw.run([*args, prefix, "--", *probe.argv], env=env)
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == value
    return r


def test_config_file_static_keys(lw: LW, app, user):
    # keys written under [profile dev] in the config file, nothing in the credentials file
    files = write_aws_files(lw, "[profile dev]\n" + keys_section("x", user).split("\n", 1)[1])
    run_ok(lw, *app, {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "dev"})


def test_credentials_file_overrides_config(lw: LW, app, user):
    bogus = "[profile dev]\naws_access_key_id = AKIABOGUS0000000\naws_secret_access_key = bogus\n"
    files = write_aws_files(lw, bogus, keys_section("dev", user))
    run_ok(lw, *app, {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "dev"})


def test_source_profile_chain_of_two_roles(lw: LW, app, source):
    # Only the last role may read secrets: neither the source user nor the middle role can.
    r1 = make_role(lw.emulator, f"r1-{lw.uid}", policy=ASSUME_ONLY)
    r2 = make_role(lw.emulator, f"r2-{lw.uid}")
    config = (config_section("base")
              + config_section("middle", role_arn=r1, source_profile="base", role_session_name="mid-session")
              + config_section("top", role_arn=r2, source_profile="middle", external_id="ext-123",
                               duration_seconds="1800"))
    files = write_aws_files(lw, config, keys_section("base", source))
    env = {**no_cred_env(lw.emulator), **files}
    run_ok(lw, *app, env, args=["--profile", "top"])
    info = assert_identity(lw, env, assumed_role_arn(r2), args=["--profile", "top"])
    assert r2 in info["CredentialSource"], info
    assert_identity(lw, env, assumed_role_arn(r1, "mid-session"), args=["--profile", "middle"])


def test_role_profile_with_own_keys_as_source(lw: LW, app, source):
    r1 = make_role(lw.emulator, f"self-{lw.uid}")
    files = write_aws_files(lw, config_section("me", role_arn=r1, source_profile="me"), keys_section("me", source))
    env = {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "me"}
    run_ok(lw, *app, env)
    assert_identity(lw, env, assumed_role_arn(r1))


def test_credential_source_environment(lw: LW, app, source):
    r1 = make_role(lw.emulator, f"env-{lw.uid}")
    files = write_aws_files(lw, config_section("ci", role_arn=r1, credential_source="Environment"))
    env = {**lw.emulator.env(source), **files}
    run_ok(lw, *app, env, args=["--profile", "ci"])
    who = lw.run(["whoami", "--profile", "ci"], env=env)
    assert who.returncode == 0 and f"assumed-role/env-{lw.uid}/" in who.out, who
    assert_identity(lw, env, assumed_role_arn(r1), args=["--profile", "ci"])


def test_assume_role_denied_names_the_role(lw: LW, app, user):
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/nobody"}, "Action": "sts:AssumeRole"}]}
    r1 = make_role(lw.emulator, f"deny-{lw.uid}", trust=trust)
    files = write_aws_files(lw, config_section("ci", role_arn=r1, source_profile="base"), keys_section("base", user))
    r = run_fails(lw, *app[:1], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "ci"})
    assert "AssumeRole" in r.err and r1 in r.err and "lwexec whoami" in r.err, r


# ------------------------------------------------------------------ broken configurations
def test_unknown_profile(lw: LW, app, user):
    files = write_aws_files(lw, config_section("dev", region="us-east-1"), keys_section("dev", user))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files}, args=["--profile", "nope"])
    assert "profile nope" in r.err and "dev" in r.err, r


def test_missing_source_profile(lw: LW, app):
    files = write_aws_files(lw, config_section("ci", role_arn="arn:aws:iam::123456789012:role/x", source_profile="gone"))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "ci"})
    assert "source_profile = gone" in r.err and "no profile gone" in r.err, r


def test_role_loop_is_named(lw: LW, app):
    arn = "arn:aws:iam::123456789012:role/x"
    config = (config_section("a", role_arn=arn, source_profile="b") + config_section("b", role_arn=arn, source_profile="c")
              + config_section("c", role_arn=arn, source_profile="a"))
    files = write_aws_files(lw, config)
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "a"})
    assert "source_profile loop: a -> b -> c -> a" in r.err, r


def test_role_without_source(lw: LW, app):
    files = write_aws_files(lw, config_section("ci", role_arn="arn:aws:iam::123456789012:role/x"))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "ci"})
    assert "no source_profile or credential_source" in r.err, r


def test_bad_credential_source(lw: LW, app):
    files = write_aws_files(lw, config_section("ci", role_arn="arn:aws:iam::123456789012:role/x", credential_source="Laptop"))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "ci"})
    assert "credential_source = Laptop" in r.err, r


def test_no_credentials_anywhere_lists_every_source(lw: LW, app):
    r = run_fails(lw, app[0], no_cred_env(lw.emulator))
    for source in ["environment", "web identity", "sso", "credential_process", "container", "instance metadata"]:
        assert source in r.err, r


def test_whoami_text_never_shows_secrets(lw: LW, user):
    r = lw.run(["whoami"], env=lw.emulator.env(user))
    assert r.returncode == 0, r
    assert "arn:aws:iam::123456789012:user/" in r.out and "environment" in r.out, r
    assert user.access_key_id not in r.out and user.access_key_id[-4:] in r.out, r


def test_mfa_without_a_terminal(lw: LW, app, user):
    r1 = make_role(lw.emulator, f"mfa-{lw.uid}")
    files = write_aws_files(lw, config_section("ci", role_arn=r1, source_profile="base",
                                               mfa_serial="arn:aws:iam::123456789012:mfa/me"),
                            keys_section("base", user))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "ci"})
    assert "MFA code for arn:aws:iam::123456789012:mfa/me" in r.err and "no terminal" in r.err, r


def test_profile_retry_and_fips_settings_are_read(lw: LW, app, user):
    files = write_aws_files(lw, config_section("dev", max_attempts="0"), keys_section("dev", user))
    r = run_fails(lw, app[0], {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "dev"})
    assert "max_attempts in profile dev" in r.err, r
