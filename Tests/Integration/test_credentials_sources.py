"""Web identity (moto STS), IMDS (moto's and our own), container credentials and SSO (our own
loopback servers handing out real moto IAM keys), and the message of each broken source."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import (ALLOW_ALL, assert_identity, assumed_role_arn, config_section, make_role,  # noqa: E402
                          no_cred_env, set_free_actions, write_aws_files)
from fake_servers import ContainerServer, ImdsServer, SSOServer, iso_in  # noqa: E402

DEAD = "http://127.0.0.1:9"


@pytest.fixture
def app(lw: LW):
    return lw.name("app"), lw.seed("app/database_password")


def run_ok(lw: LW, app, env: dict, args=()):
    probe = lw.probe()
    r = lw.run([*args, app[0], "--", *probe.argv], env=env)
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == app[1]
    return r


def run_fails(lw: LW, app, env: dict, args=()):
    marker = lw.marker()
    r = lw.run([*args, app[0], "--", *marker.argv], env=env)
    assert r.returncode == 125, r
    assert not marker.ran
    return r


# ------------------------------------------------------------------ web identity
@pytest.fixture
def one_unsigned_action(lw: LW):
    """moto checks every action once auth is on, and answers an unsigned AssumeRoleWithWebIdentity
    with a 500; moto's reset-auth lets exactly the next action through unauthenticated."""
    yield lambda: set_free_actions(lw.emulator, 1)
    set_free_actions(lw.emulator, 0)


def test_web_identity_from_environment(lw: LW, app, one_unsigned_action):
    role = make_role(lw.emulator, f"web-{lw.uid}")
    token = lw.tmp / "token"
    token.write_text("eyJhbGciOiJSUzI1NiJ9.e30.sig\n")
    env = {**no_cred_env(lw.emulator), "AWS_WEB_IDENTITY_TOKEN_FILE": str(token), "AWS_ROLE_ARN": role,
           "AWS_ROLE_SESSION_NAME": "ci-run"}
    one_unsigned_action()
    run_ok(lw, app, env)  # the STS call is the free one; Secrets Manager calls are checked with the role's keys
    # The identity those keys belong to: the role, in the session the environment names.
    one_unsigned_action()
    assert_identity(lw, env, assumed_role_arn(role, "ci-run"))


def test_web_identity_missing_token_file(lw: LW, app):
    env = {**no_cred_env(lw.emulator), "AWS_WEB_IDENTITY_TOKEN_FILE": str(lw.tmp / "nope"),
           "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/x"}
    r = run_fails(lw, app, env)
    assert "web identity token file" in r.err and "does not exist" in r.err, r


def test_web_identity_without_role(lw: LW, app):
    env = {**no_cred_env(lw.emulator), "AWS_WEB_IDENTITY_TOKEN_FILE": str(lw.tmp / "t")}
    r = run_fails(lw, app, env)
    assert "AWS_ROLE_ARN is not" in r.err, r


# ------------------------------------------------------------------ IMDS
def test_moto_imds_answers_but_its_keys_are_refused(lw: LW):
    """moto 5.2.1 serves IMDS on its own port, but hands out the fixed key `test-key`, which
    moto itself rejects once auth is on — hence our own IMDS server below."""
    url = lw.emulator.url
    req = urllib.request.Request(url + "/latest/api/token", method="PUT",
                                 headers={"X-aws-ec2-metadata-token-ttl-seconds": "21600"})
    assert urllib.request.urlopen(req, timeout=5).read()
    creds = json.loads(urllib.request.urlopen(url + "/latest/meta-data/iam/security-credentials/default-role",
                                              timeout=5).read())
    assert creds["AccessKeyId"] == "test-key"
    env = {**no_cred_env(lw.emulator), "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": url}
    r = lw.run(["whoami"], env=env)
    assert r.returncode == 125 and "InvalidClientTokenId" in r.err, r


def test_imds_v2_credentials_and_region(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with ImdsServer(keys, region="us-east-1", session_token=None) as imds:
        env = {**no_cred_env(lw.emulator), "AWS_EC2_METADATA_DISABLED": "false",
               "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url}
        env.pop("AWS_REGION")
        run_ok(lw, app, env)
        assert any(q["method"] == "PUT" for q in imds.requests)
        assert any(q["path"].endswith("/placement/region") for q in imds.requests)
        who = lw.run(["whoami", "--json"], env=env)
        assert who.returncode == 0, who
        assert "IMDS" in json.loads(who.out)["CredentialSource"], who


@pytest.mark.parametrize("disabled_by", [None, "env", "profile"])
def test_imds_v1_fallback_and_its_switch(lw: LW, app, aws_files, disabled_by):
    keys = lw.make_user(ALLOW_ALL)
    with ImdsServer(keys, region="us-east-1", v1_only=True) as imds:
        env = {**no_cred_env(lw.emulator), "AWS_EC2_METADATA_DISABLED": "false",
               "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url}
        if disabled_by == "env":
            env["AWS_EC2_METADATA_V1_DISABLED"] = "true"
        elif disabled_by == "profile":
            env.update(aws_files({}, {"default": {"ec2_metadata_v1_disabled": "true"}}))
        if disabled_by is None:
            run_ok(lw, app, env)
            assert any("security-credentials" in q["path"] for q in imds.requests)
        else:
            r = run_fails(lw, app, env)
            assert "IMDSv1 is disabled" in r.err, r
            assert not any("security-credentials" in q["path"] for q in imds.requests), "IMDSv1 was used anyway"


def test_unreachable_imds_is_reported_quickly(lw: LW, app):
    env = {**no_cred_env(lw.emulator), "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": DEAD}
    r = run_fails(lw, app, env)
    assert "no AWS credentials found" in r.err and "IMDS at http://127.0.0.1:9 is unreachable" in r.err, r


# ------------------------------------------------------------------ container
@pytest.mark.parametrize("via", ["token", "token_file"])
def test_container_credentials_with_authorization(lw: LW, app, via):
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token="Bearer pod-identity-token") as srv:
        env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        if via == "token":
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "Bearer pod-identity-token"
        else:
            f = lw.tmp / "eks-token"
            f.write_text("Bearer pod-identity-token\n")
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = str(f)
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "stale-token-the-file-wins"
        run_ok(lw, app, env)
        assert srv.requests[-1]["headers"]["authorization"] == "Bearer pod-identity-token"


def test_container_wrong_token(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token="Bearer right") as srv:
        env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH,
               "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer wrong"}
        r = run_fails(lw, app, env)
        assert "container credentials from" in r.err and "Authorization token is missing or wrong" in r.err, r


def test_container_plain_http_elsewhere_is_refused(lw: LW, app):
    env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://203.0.113.9/creds"}
    r = run_fails(lw, app, env)
    assert "plain http to 203.0.113.9" in r.err, r


def test_container_plain_http_to_a_name_that_only_looks_like_loopback_is_refused(lw: LW, app):
    # The old allowlist was a string prefix: "127." in a host name let the token go out in clear.
    env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.attacker.example:45999/creds",
           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer secret-pod-token"}
    r = run_fails(lw, app, env)
    assert "plain http to 127.attacker.example" in r.err and "not a loopback address" in r.err, r


def test_container_plain_http_to_localhost_resolves_to_loopback(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token=None) as srv:
        url = srv.url.replace("127.0.0.1", "localhost") + ContainerServer.PATH
        run_ok(lw, app, {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": url})
        assert srv.requests, "the container endpoint was not asked"


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_another_container_token_never_gets_cached_credentials(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token="Bearer token-a") as srv:
        base = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        prefix, _ = app
        first = lw.run(["--cache", prefix, "--", "true"], env={**base, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer token-a"})
        assert first.returncode == 0, first
        marker = lw.marker()
        r = lw.run(["--cache", prefix, "--", *marker.argv], env={**base, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer token-b"})
        assert r.returncode == 125 and not marker.ran, "token B was served what token A cached\n" + str(r)
        assert srv.requests[-1]["headers"]["authorization"] == "Bearer token-b"


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_cache_clear_also_drops_cached_credentials(lw: LW, app):
    import subprocess
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token=None) as srv:
        env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        r = lw.run(["-v", "--cache", app[0], "--", "true"], env=env)
        assert r.returncode == 0 and "credentials cached in the keyring" in r.err, r

    def cred_keys() -> list[str]:
        shown = subprocess.run(["keyctl", "show", "@u"], capture_output=True, text=True).stdout
        return [ln for ln in shown.splitlines() if "lwexec:v1:cred:" in ln]
    assert cred_keys(), "no cached credential to clear"
    cleared = lw.run(["cache", "clear"])
    assert cleared.returncode == 0 and "cached credential" in cleared.out, cleared
    assert cred_keys() == [], "cache clear left cached credentials"


# ------------------------------------------------------------------ SSO
START = "https://example.awsapps.com/start"


def sso_env(lw: LW, srv: SSOServer, legacy: bool = False) -> dict:
    if legacy:
        config = config_section("dev", sso_start_url=START, sso_region="us-east-1", sso_account_id=srv.account,
                                sso_role_name=srv.role)
    else:
        config = (config_section("dev", sso_session="corp", sso_account_id=srv.account, sso_role_name=srv.role)
                  + f"[sso-session corp]\nsso_start_url = {START}\nsso_region = us-east-1\n")
    return {**no_cred_env(lw.emulator), **write_aws_files(lw, config), "AWS_PROFILE": "dev",
            "AWS_ENDPOINT_URL_SSO": srv.url, "AWS_ENDPOINT_URL_SSO_OIDC": srv.url}


def write_token(lw: LW, key: str, access: str, expires_in: int, refresh: str | None = "refresh-1") -> Path:
    d = lw.home / ".aws" / "sso" / "cache"
    d.mkdir(parents=True, exist_ok=True)
    tok = {"startUrl": START, "region": "us-east-1", "accessToken": access, "expiresAt": iso_in(expires_in)}
    if refresh:
        tok.update(refreshToken=refresh, clientId="client-1", clientSecret="client-secret-1",
                   registrationExpiresAt=iso_in(86400))
    p = d / (hashlib.sha1(key.encode()).hexdigest() + ".json")
    p.write_text(json.dumps(tok))
    return p


@pytest.mark.parametrize("legacy", [False, True])
def test_sso_with_a_valid_token(lw: LW, app, legacy):
    keys = lw.make_user(ALLOW_ALL)
    with SSOServer(keys) as srv:
        srv.valid_tokens.add("access-ok")
        write_token(lw, START if legacy else "corp", "access-ok", 3600)
        run_ok(lw, app, sso_env(lw, srv, legacy))
        assert srv.requests[-1]["headers"]["x-amz-sso_bearer_token"] == "access-ok"


def test_sso_expired_token_is_refreshed_and_written_back(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with SSOServer(keys) as srv:
        cache = write_token(lw, "corp", "access-old", -60)
        run_ok(lw, app, sso_env(lw, srv))
        assert srv.refreshes == 1
        saved = json.loads(cache.read_text())
        assert saved["accessToken"] == "access-refreshed-1" and saved["refreshToken"] == "refresh-2"


def test_sso_expired_token_without_refresh_says_login(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with SSOServer(keys) as srv:
        write_token(lw, START, "access-old", -60, refresh=None)
        r = run_fails(lw, app, sso_env(lw, srv, legacy=True))
        assert "SSO session of profile dev has expired" in r.err and "run: aws sso login --profile dev" in r.err, r


def test_sso_without_login(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    with SSOServer(keys) as srv:
        r = run_fails(lw, app, sso_env(lw, srv))
        assert "no SSO login found for profile dev" in r.err and "aws sso login --profile dev" in r.err, r


def test_sso_session_section_missing(lw: LW, app):
    env = {**no_cred_env(lw.emulator), "AWS_PROFILE": "dev",
           **write_aws_files(lw, config_section("dev", sso_session="corp", sso_account_id="1", sso_role_name="r"))}
    r = run_fails(lw, app, env)
    assert "no [sso-session corp]" in r.err, r
