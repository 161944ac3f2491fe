"""The emulator itself: auth really on, and the moto behaviours the other tests rely on.

These run without the lwexec binary. If one fails after a moto upgrade, the
assumptions written in scripts/emulator.py (and the lwexec tests built on them)
need another look.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from conftest import REPO, LW
from emulator import Keys

pytestmark = pytest.mark.emulator_only


def _code(e: ClientError) -> str:
    # moto answers auth failures with an XML body that botocore's JSON parser keeps
    # whole in Error.Message; the real code is inside it.
    return e.response["Error"]["Code"] + " " + e.response["Error"].get("Message", "")


def raw_call(url: str, target: str, body: dict, keys: Keys, region: str = "us-east-1"):
    """One signed Secrets Manager JSON call; returns (status, headers, body bytes)."""
    req = AWSRequest(method="POST", url=url + "/", data=json.dumps(body).encode(),
                     headers={"Content-Type": "application/x-amz-json-1.1",
                              "X-Amz-Target": "secretsmanager." + target})
    SigV4Auth(Credentials(keys.access_key_id, keys.secret_access_key),
              "secretsmanager", region).add_auth(req)
    r = urllib.request.Request(url + "/", data=req.body, headers=dict(req.headers), method="POST")
    try:
        with urllib.request.urlopen(r, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_admin_key_works_and_auth_is_enforced(lw: LW):
    name = lw.name("auth/probe")
    value = lw.seed(name)
    assert lw.emulator.client("secretsmanager").get_secret_value(SecretId=name)["SecretString"] == value

    wrong_secret = Keys(lw.emulator.admin_keys.access_key_id, "not-the-right-secret-key-at-all")
    with pytest.raises(ClientError) as e:
        lw.emulator.client("secretsmanager", wrong_secret).get_secret_value(SecretId=name)
    assert "SignatureDoesNotMatch" in _code(e.value)

    with pytest.raises(ClientError) as e:
        lw.emulator.client("secretsmanager", Keys("AKIAUNKNOWNKEY000000", "x")).list_secrets()
    assert "InvalidClientTokenId" in _code(e.value)


def test_bad_signature_raw_shape(lw: LW):
    keys = Keys(lw.emulator.admin_keys.access_key_id, "wrong")
    status, headers, body = raw_call(lw.emulator.url, "ListSecrets", {}, keys)
    assert status == 403
    assert b"<Code>SignatureDoesNotMatch</Code>" in body


def test_least_privilege_user(lw: LW):
    name = lw.name("lp/one")
    value = lw.seed(name)
    ro = lw.read_only_user()
    sm = lw.emulator.client("secretsmanager", ro)
    assert sm.get_secret_value(SecretId=name)["SecretString"] == value
    for call in (lambda: sm.list_secrets(),
                 lambda: sm.batch_get_secret_value(SecretIdList=[name])):
        with pytest.raises(ClientError) as e:
            call()
        assert "AccessDenied" in _code(e.value)
    status, headers, body = raw_call(lw.emulator.url, "BatchGetSecretValue",
                                     {"SecretIdList": [name]}, ro)
    assert status == 403 and b"<Code>AccessDenied</Code>" in body
    assert b"secretsmanager:BatchGetSecretValue" in body


def test_resource_scoped_policy_is_not_supported_by_moto(lw: LW):
    """moto authorizes Secrets Manager calls against Resource "*": a policy listing the
    secret's ARN denies even that secret. (If this starts failing, moto learned
    resource scoping, and the --secret tests could scope their user by ARN.)"""
    name = lw.name("lp/arn")
    lw.seed(name)
    arn = lw.emulator.client("secretsmanager").describe_secret(SecretId=name)["ARN"]
    keys = lw.make_user({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": [arn]}]})
    with pytest.raises(ClientError) as e:
        lw.emulator.client("secretsmanager", keys).get_secret_value(SecretId=name)
    assert "AccessDenied" in _code(e.value)


def test_name_filter_is_a_case_sensitive_plain_prefix(lw: LW):
    """lwexec must add the path boundary itself: moto (like AWS) matches raw prefixes."""
    for n in ("x/a", "x-old/a", "X/a", "xy"):
        lw.seed(n)
    sm = lw.emulator.client("secretsmanager")

    def names(prefix: str) -> set[str]:
        return {s["Name"] for s in sm.list_secrets(
            Filters=[{"Key": "name", "Values": [prefix]}])["SecretList"]}

    r = lw.root
    assert names(f"{r}/x") == {f"{r}/x/a", f"{r}/x-old/a", f"{r}/xy"}
    assert names(f"{r}/x/") == {f"{r}/x/a"}
    assert names(f"{r}/X/") == {f"{r}/X/a"}


def test_pagination_shapes(lw: LW):
    for i in range(25):
        lw.seed(f"pg/s{i:02d}", f"v{i}")
    sm = lw.emulator.client("secretsmanager")
    flt = [{"Key": "name", "Values": [lw.root + "/pg/"]}]
    first = sm.list_secrets(Filters=flt, MaxResults=10)
    assert len(first["SecretList"]) == 10 and first.get("NextToken")
    batch = sm.batch_get_secret_value(Filters=flt, MaxResults=20)
    assert len(batch["SecretValues"]) == 20 and batch.get("NextToken")
    rest = sm.batch_get_secret_value(Filters=flt, MaxResults=20, NextToken=batch["NextToken"])
    assert len(rest["SecretValues"]) == 5


def test_secrets_scheduled_for_deletion_as_the_service_answers(lw: LW):
    """ListSecrets and a filtered BatchGetSecretValue leave them out; by id, they come under Errors."""
    lw.seed("del/kept", "kept-value")
    lw.seed("del/gone", "gone-value")
    sm = lw.emulator.client("secretsmanager")
    sm.delete_secret(SecretId=lw.name("del/gone"), RecoveryWindowInDays=7)
    flt = [{"Key": "name", "Values": [lw.root + "/del/"]}]
    assert [s["Name"] for s in sm.list_secrets(Filters=flt)["SecretList"]] == [lw.name("del/kept")]
    listed = sm.list_secrets(Filters=flt, IncludePlannedDeletion=True)["SecretList"]
    assert sorted(s["Name"] for s in listed) == [lw.name("del/gone"), lw.name("del/kept")]
    batch = sm.batch_get_secret_value(Filters=flt)
    assert [v["Name"] for v in batch["SecretValues"]] == [lw.name("del/kept")] and not batch.get("Errors")
    by_id = sm.batch_get_secret_value(SecretIdList=[lw.name("del/kept"), lw.name("del/gone")])
    assert [v["Name"] for v in by_id["SecretValues"]] == [lw.name("del/kept")]
    assert [(e["SecretId"], e["ErrorCode"]) for e in by_id["Errors"]] == [(lw.name("del/gone"), "InvalidRequestException")]


def test_moving_awscurrent_changes_the_value_read_without_a_stage(lw: LW):
    """UpdateSecretVersionStage (a rotation's last step) changes what GetSecretValue returns."""
    name = lw.name("stage/key")
    lw.seed("stage/key", "old-value")
    sm = lw.emulator.client("secretsmanager")
    old = sm.describe_secret(SecretId=name)["VersionIdsToStages"]
    new = sm.put_secret_value(SecretId=name, SecretString="new-value", VersionStages=["AWSPENDING"])["VersionId"]
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "old-value"
    sm.update_secret_version_stage(SecretId=name, VersionStage="AWSCURRENT", MoveToVersionId=new,
                                   RemoveFromVersionId=next(iter(old)))
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "new-value"
    batch = sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": [lw.root + "/stage/"]}])
    assert [v["SecretString"] for v in batch["SecretValues"]] == ["new-value"]


def test_nul_in_secret_string_is_accepted_by_moto(lw: LW):
    name = lw.name("nul")
    lw.emulator.client("secretsmanager").create_secret(Name=name, SecretString="a\x00b")
    got = lw.emulator.client("secretsmanager").get_secret_value(SecretId=name)["SecretString"]
    assert got == "a\x00b"


def test_cli_serve_seeds_sop_and_stops(tmp_path):
    env_file, pidfile = tmp_path / "emu.env", tmp_path / "emu.pid"
    p = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "emulator.py"), "serve", "--seed-sop",
         "--env-file", str(env_file), "--pidfile", str(pidfile)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not pidfile.exists() and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.05)
        assert pidfile.exists(), p.stderr.read().decode() if p.poll() is not None else "timeout"
        assert int(pidfile.read_text()) == p.pid
        env = {}
        for line in env_file.read_text().splitlines():
            assert line.startswith("export ")
            k, _, v = line[len("export "):].partition("=")
            env[k] = v.strip("'")
        assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_STS"} <= set(env)
        import boto3
        sm = boto3.client("secretsmanager", endpoint_url=env["AWS_ENDPOINT_URL_SECRETS_MANAGER"],
                          region_name=env["AWS_REGION"],
                          aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
        secrets = {s["Name"]: {t["Key"] for t in s.get("Tags", [])}
                   for s in sm.list_secrets()["SecretList"]}
        expected = {"/non-prod/backend/database_password", "/non-prod/backend/jwt_secret_key",
                    "/non-prod/backend/stripe_api_key", "/non-prod/backend/database",
                    "/non-prod/redis/auth_token", "/prod/backend/database_password",
                    "/prod/backend/jwt_secret_key", "/prod/cloudflare/api_token", "/non-prod/backend/old_api_key"}
        assert set(secrets) == expected
        for tags in secrets.values():
            assert tags == {"Environment", "ManagedBy", "Service", "SecretType"}
        db = json.loads(sm.get_secret_value(SecretId="/non-prod/backend/database")["SecretString"])
        assert db["username"] == "admin" and db["password"]
        with pytest.raises(ClientError):
            boto3.client("secretsmanager", endpoint_url=env["AWS_ENDPOINT_URL_SECRETS_MANAGER"],
                         region_name="us-east-1", aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key="wrong").list_secrets()
        os.kill(p.pid, signal.SIGTERM)
        assert p.wait(10) == 0
        assert not pidfile.exists()
        url = env["AWS_ENDPOINT_URL_SECRETS_MANAGER"]
        with pytest.raises(OSError):  # moto_server went away with it
            urllib.request.urlopen(url + "/moto-api/", timeout=2)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_serve_in_the_background_returns_once_the_env_file_is_usable(tmp_path):
    """The README's one-liner `serve --background --env-file F && . F` sourced a file that did not
    exist yet (the server takes about a second): --background returns only once it does."""
    env_file, pid_file = tmp_path / "emu.env", tmp_path / "emu.pid"
    env_file.write_text("export STALE=1\n")  # a previous run's file is never what gets sourced
    script = (f"{sys.executable} {REPO / 'scripts' / 'emulator.py'} serve --seed-sop --env-file {env_file} "
              f"--pidfile {pid_file} --background && . {env_file} && echo \"endpoint=$AWS_ENDPOINT_URL_SECRETS_MANAGER\"")
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    try:
        assert r.returncode == 0, r
        endpoint = r.stdout.strip().removeprefix("endpoint=")
        assert endpoint.startswith("http://127.0.0.1:"), r
        assert "STALE" not in env_file.read_text()
        with urllib.request.urlopen(endpoint + "/moto-api/") as answer:  # up already, no waiting
            assert answer.status == 200
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
