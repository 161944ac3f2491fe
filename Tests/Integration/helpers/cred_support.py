"""Shared set-up for the credential-chain integration tests: roles in moto, AWS files, environments."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

ACCOUNT = "123456789012"  # moto's account
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
# For the identity a role is assumed FROM (a source user, or the middle role of a chain): it may assume
# roles and ask who it is, but read no secret (moto checks the policies of users and of assumed roles).
# A run that gets a secret with it as the source therefore proves that the role was assumed.
ASSUME_ONLY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:GetCallerIdentity"], "Resource": "*"}]}
TRUST_ANYONE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
    {"Effect": "Allow", "Principal": {"Federated": "*"}, "Action": "sts:AssumeRoleWithWebIdentity"},
]}


def make_role(emulator, name: str, policy: dict | None = None, trust: dict | None = None) -> str:
    """An IAM role in moto (inline policy, default allow-all) that anyone may assume; returns its ARN."""
    iam = emulator.client("iam")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust or TRUST_ANYONE))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName=f"{name}-p", PolicyDocument=json.dumps(policy or ALLOW_ALL))
    return arn


def assumed_role_arn(role_arn: str, session: str | None = None) -> str:
    """The STS identity of a session of `role_arn`, as a pattern: lwexec's default session name is
    lwexec-<epoch seconds>."""
    role = role_arn.rsplit("/", 1)[1]
    name = re.escape(session) if session else r"lwexec-\d+"
    return rf"arn:aws:sts::{ACCOUNT}:assumed-role/{re.escape(role)}/{name}"


def assert_identity(lw, env: dict, pattern: str, args=()) -> dict:
    """`lwexec whoami --json` in `env`: its Arn must match `pattern` whole. Returns the JSON."""
    who = lw.run(["whoami", "--json", *args], env=env)
    assert who.returncode == 0, who
    info = json.loads(who.out)
    assert re.fullmatch(pattern, info["Arn"]), f"whoami says {info['Arn']}, expected {pattern}\n{who}"
    assert info["Account"] == ACCOUNT, who
    return info


def write_aws_files(lw, config: str, credentials: str = "") -> dict[str, str]:
    """Writes the config and credentials files verbatim; returns the variables that point at them."""
    conf, cred = lw.tmp / "config", lw.tmp / "credentials"
    conf.write_text(config)
    cred.write_text(credentials)
    return {"AWS_CONFIG_FILE": str(conf), "AWS_SHARED_CREDENTIALS_FILE": str(cred)}


def no_cred_env(emulator) -> dict[str, str]:
    """Region and the emulator's Secrets Manager and STS endpoints, and no credentials."""
    e = emulator.env()
    return {k: v for k, v in e.items() if k.startswith("AWS_ENDPOINT_URL") or k == "AWS_REGION"}


def set_free_actions(emulator, n: int) -> None:
    """moto's documented switch: let the next `n` actions through unauthenticated (0: check all)."""
    req = urllib.request.Request(emulator.url + "/moto-api/reset-auth", data=str(n).encode(),
                                 headers={"Content-Type": "text/plain"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        assert json.loads(r.read()).get("status") == "ok"


def keys_section(name: str, keys) -> str:
    return f"[{name}]\naws_access_key_id = {keys.access_key_id}\naws_secret_access_key = {keys.secret_access_key}\n"


def config_section(name: str, **settings: str) -> str:
    head = "[default]" if name == "default" else f"[profile {name}]"
    return head + "\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()) + "\n"


def write_exe(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o755)
    return path


def run_fails(lw, prefix: str, env: dict, args=()):
    """Runs lwexec ARGS PREFIX -- marker and asserts exit 125 with the child never started."""
    marker = lw.marker()
    r = lw.run([*args, prefix, "--", *marker.argv], env=env)
    assert r.returncode == 125, r
    assert not marker.ran, "the child ran although lwexec failed"
    return r
