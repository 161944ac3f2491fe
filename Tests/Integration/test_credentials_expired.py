"""Expired credentials are refused before anything is signed with them, from every source: the message
names the source and says when they expired (ISO 8601, UTC); exit 125, nothing sent to Secrets Manager.
"Expired" is exact (Expiration <= now): credentials a source hands out close to their expiry are used."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import ALLOW_ALL, config_section, keys_section, no_cred_env, write_aws_files, write_exe  # noqa: E402
from fake_servers import ContainerServer, ImdsServer, SSOServer, _Server, iso_in  # noqa: E402
from test_credentials_sources import sso_env, write_token  # noqa: E402

PAST = "2020-01-02T03:04:05Z"
NOW = r"\(it is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ here\); they were not used"


@pytest.fixture
def app(lw: LW):
    return lw.name("app"), lw.seed("app/database_password")


def refused(lw: LW, app, env: dict, source: str, expired_ago: float | None = None, when: str = PAST) -> None:
    """Exit 125, nothing run, and the message: the source, and when its credentials expired (exactly
    `when`, or about `expired_ago` seconds ago for a fake that computes it)."""
    marker = lw.marker()
    r = lw.run([app[0], "--", *marker.argv], env=env)
    assert r.returncode == 125 and not marker.ran, r
    stamp = r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"
    m = re.search("^lwexec: the credentials from " + re.escape(source) + " expired at " + stamp + " " + NOW + "$",
                  r.err, re.M)
    assert m, r
    if expired_ago is None:
        assert m.group(1) == when, r
    else:
        at = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
        assert abs(time.time() - expired_ago - at) < 30, r


def process_env(lw: LW, keys, expiration: str) -> dict:
    answer = json.dumps({"Version": 1, "AccessKeyId": keys.access_key_id, "SecretAccessKey": keys.secret_access_key,
                         "Expiration": expiration})
    script = write_exe(lw.path("creds-helper"), f"#!/bin/sh\necho '{answer}'\n")
    return {**no_cred_env(lw.emulator), **write_aws_files(lw, config_section("p", credential_process=str(script))),
            "AWS_PROFILE": "p"}


def test_credential_process(lw: LW, app):
    refused(lw, app, process_env(lw, lw.make_user(ALLOW_ALL), PAST), "credential_process of profile p")


def test_credentials_close_to_their_expiry_are_still_used(lw: LW, app):
    # Within the cache's 5-minute margin, but not expired: the freshest the source has.
    probe = lw.probe()
    r = lw.run([app[0], "--", *probe.argv], env=process_env(lw, lw.make_user(ALLOW_ALL), iso_in(60)))
    assert r.returncode == 0 and probe.env()["DATABASE_PASSWORD"] == app[1], r


def test_container(lw: LW, app):
    with ContainerServer(lw.make_user(ALLOW_ALL), token=None) as srv:
        srv.expires_in = -7200
        url = srv.url + ContainerServer.PATH
        env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": url}
        refused(lw, app, env, f"container ({url})", expired_ago=7200)


def test_imds(lw: LW, app):
    with ImdsServer(lw.make_user(ALLOW_ALL)) as imds:
        imds.expires_in = -60
        env = {**no_cred_env(lw.emulator), "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url}
        refused(lw, app, env, f"instance role {imds.role} (IMDS at {imds.url})", expired_ago=60)


def test_sso(lw: LW, app):
    with SSOServer(lw.make_user(ALLOW_ALL)) as srv:
        srv.expires_in = -3600
        srv.valid_tokens.add("access-ok")
        write_token(lw, "corp", "access-ok", 3600)
        refused(lw, app, sso_env(lw, srv), f"sso role {srv.role} in account {srv.account} (profile dev)", expired_ago=3600)


class STSServer(_Server):
    """AssumeRole answered with credentials that expired an hour ago."""

    def __init__(self, keys) -> None:
        super().__init__()
        self.keys = keys

    def handle(self, method, path, headers, body):
        xml = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
               f"<AccessKeyId>{self.keys.access_key_id}</AccessKeyId><SecretAccessKey>{self.keys.secret_access_key}"
               f"</SecretAccessKey><SessionToken>tok</SessionToken><Expiration>{PAST}</Expiration></Credentials>"
               "</AssumeRoleResult></AssumeRoleResponse>")
        return 200, {"Content-Type": "text/xml"}, xml


def test_sts_assume_role(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    role = "arn:aws:iam::123456789012:role/expired"
    with STSServer(keys) as sts:
        files = write_aws_files(lw, config_section("r", role_arn=role, source_profile="base"), keys_section("base", keys))
        env = {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "r", "AWS_ENDPOINT_URL_STS": sts.url}
        source = f"role {role} (profile r, from profile base ({env['AWS_SHARED_CREDENTIALS_FILE']}))"
        refused(lw, app, env, source)
        assert sts.requests, "STS was not asked"


def keyring_payloads() -> list[str]:
    """The key ids of lwexec's cached credentials."""
    shown = subprocess.run(["keyctl", "show", "@u"], capture_output=True, text=True, check=True).stdout
    return [ln.split()[0] for ln in shown.splitlines() if "lwexec:v1:cred:" in ln]


@pytest.mark.parametrize("payload", [
    {"exp": 1577934245},  # expired (2020)
    {},                   # no expiration: not an entry lwexec wrote
])
def test_an_unusable_cached_entry_is_fetched_again(lw: LW, app, payload):
    keys = lw.make_user(ALLOW_ALL)
    with ContainerServer(keys, token=None) as srv:
        env = {**no_cred_env(lw.emulator), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        lw.seed("warm/some_value")
        before = set(keyring_payloads())
        first = lw.run(["--cache", lw.name("warm"), "--", "true"], env=env)
        assert first.returncode == 0, first
        ids = [i for i in keyring_payloads() if i not in before]
        assert len(ids) == 1, ids
        # Keys AWS does not know: were the entry used, Secrets Manager would refuse them.
        doc = {"id": "AKIAEXPIREDEXPIRED00", "secret": "not-a-secret", "source": "planted", **payload}
        subprocess.run(["keyctl", "update", ids[0], json.dumps(doc)], check=True, capture_output=True)
        asked = len(srv.requests)
        probe = lw.probe()
        # Another prefix: nothing in the resolution cache, so credentials are needed.
        r = lw.run(["--cache", app[0], "--", *probe.argv], env=env)
        assert r.returncode == 0 and probe.env()["DATABASE_PASSWORD"] == app[1], r
        assert len(srv.requests) == asked + 1, "the container endpoint was not asked again"
