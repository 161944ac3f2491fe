"""lwexec rotate / generate / delete: rotation modes, randomness, confirmation, version clean-up."""

from __future__ import annotations

import base64
import json
import re

from conftest import LW


def sm(lw: LW):
    return lw.emulator.client("secretsmanager")


def current(lw: LW, name: str) -> str:
    return sm(lw).get_secret_value(SecretId=name)["SecretString"]




def test_generate(lw: LW):
    r = lw.run(["generate"], leak_check=False)
    assert r.returncode == 0, r
    assert len(base64.b64decode(r.out.strip(), validate=True)) == 32 and r.out.endswith("\n")
    r2 = lw.run(["generate"], leak_check=False)
    assert r2.out != r.out
    r = lw.run(["generate", "--format", "hex", "--length", "20"], leak_check=False)
    assert re.fullmatch(r"[0-9a-f]{40}\n", r.out), r
    r = lw.run(["generate", "--format", "alnum", "--length", "40"], leak_check=False)
    assert re.fullmatch(r"[A-Za-z0-9]{40}\n", r.out), r
    r = lw.run(["generate", "--length", "4"])
    assert r.returncode == 125 and "at least 16" in r.err, r


def test_manual_rotation_from_stdin_and_generate(lw: LW):
    name = lw.name("jwt_secret_key")
    lw.seed("jwt_secret_key", "old-value-0000")
    old = sm(lw).describe_secret(SecretId=name)
    old_version = next(v for v, s in old["VersionIdsToStages"].items() if "AWSCURRENT" in s)
    r = lw.run(["rotate", name], input="new-value-1111\n")
    assert r.returncode == 0, r
    lw.seeded["new"] = "new-value-1111"
    assert current(lw, name) == "new-value-1111"
    new_version = re.search(r"new AWSCURRENT version (\S+),", r.out).group(1)
    assert f"previous {old_version} is now AWSPREVIOUS" in r.out
    assert "restart the consumers" in r.out and f"--version-id {old_version}" in r.out
    r = lw.run(["rotate", name, "--generate", "--json"])
    assert r.returncode == 0, r
    out = json.loads(r.out)
    assert out["Mode"] == "manual" and out["PreviousVersionId"] == new_version
    assert len(base64.b64decode(current(lw, name))) == 32


def test_configured_rotation_and_its_absence(lw: LW):
    name = lw.name("database_password")
    lw.seed("database_password", "db-value-0000")
    r = lw.run(["rotate", name])
    assert r.returncode == 125, r
    assert "no rotation configured" in r.err and "--generate" in r.err
    sm(lw).rotate_secret(SecretId=name, RotationRules={"AutomaticallyAfterDays": 30})
    r = lw.run(["rotate", name])
    assert r.returncode == 0, r
    assert "rotation started" in r.out


def test_delete_needs_confirmation_off_a_terminal(lw: LW):
    name = lw.name("old_api_key")
    lw.seed("old_api_key", "old-api-key-0000")
    r = lw.run(["delete", name])
    assert r.returncode == 125, r
    assert "--yes" in r.err
    assert sm(lw).describe_secret(SecretId=name).get("DeletedDate") is None
    r = lw.run(["delete", name, "--recovery-days", "7", "--yes"])
    assert r.returncode == 0, r
    assert "scheduled for deletion" in r.out and "restore-secret" in r.out
    assert sm(lw).describe_secret(SecretId=name).get("DeletedDate") is not None
    r = lw.run(["delete", name, "--recovery-days", "3", "--yes"])
    assert r.returncode == 125, r
    other = lw.name("gone_api_key")
    lw.seed("gone_api_key", "gone-api-key-0000")
    r = lw.run(["delete", other, "--force-delete-without-recovery", "--yes"])
    assert r.returncode == 0 and "no recovery" in r.out, r


def test_version_cleanup_refuses_current_and_respects_grace_period(lw: LW):
    name = lw.name("jwt_secret_key")
    lw.seed("jwt_secret_key", "first-value-0000")
    sm(lw).put_secret_value(SecretId=name, SecretString="second-value-1111")
    lw.seeded["second"] = "second-value-1111"
    stages = sm(lw).describe_secret(SecretId=name)["VersionIdsToStages"]
    cur = next(v for v, s in stages.items() if "AWSCURRENT" in s)
    prev = next(v for v, s in stages.items() if "AWSPREVIOUS" in s)
    r = lw.run(["delete", name, "--version-id", cur, "--yes"])
    assert r.returncode == 125 and "AWSCURRENT" in r.err, r
    r = lw.run(["delete", name, "--version-id", prev, "--yes"])
    assert r.returncode == 125 and "24 hours" in r.err and "--skip-grace-period" in r.err, r
    # Just rotated: nearly all of the 24 hours are left, never more (it said "about 25 h left").
    assert re.search(r"\((23 h [45]\d|24 h 0) min left\)", r.err), r
    r = lw.run(["delete", name, "--version-id", prev, "--yes", "--skip-grace-period"])
    assert r.returncode == 0, r
    versions = sm(lw).list_secret_version_ids(SecretId=name, IncludeDeprecated=True)["Versions"]
    assert next(v for v in versions if v["VersionId"] == prev)["VersionStages"] == []
    assert current(lw, name) == "second-value-1111"
