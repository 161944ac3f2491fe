"""lwexec list / history: names, variables, rotation, versions; never values."""

from __future__ import annotations

import json

from conftest import LW


def test_list_table_json_and_recursive(lw: LW):
    lw.seed("database_password")
    lw.seed("stripe_api_key")
    lw.seed("deeper/auth_token")
    lw.emulator.client("secretsmanager").rotate_secret(
        SecretId=lw.name("stripe_api_key"), RotationRules={"AutomaticallyAfterDays": 90})
    r = lw.run(["list", lw.root])
    assert r.returncode == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["NAME", "VARIABLE", "LAST", "CHANGED", "ROTATION", "NEXT", "ROTATION"]
    assert "\x1b[" not in r.out  # not a terminal: no colour
    assert len(lines) == 3
    assert lines[1].split()[:2] == [lw.name("database_password"), "DATABASE_PASSWORD"]
    assert "off" in lines[1] and "on (90d)" in lines[2]
    r = lw.run(["list", lw.root, "--recursive", "--json"])
    assert r.returncode == 0, r
    items = json.loads(r.out)
    assert [i["Name"] for i in items] == [lw.name(n) for n in ("database_password", "deeper/auth_token", "stripe_api_key")]
    assert items[1]["Variable"] == "DEEPER_AUTH_TOKEN"
    assert items[2]["RotationEnabled"] is True and items[2]["NextRotationDate"].endswith("Z")
    assert items[0]["NextRotationDate"] is None


def test_list_empty_prefix(lw: LW):
    r = lw.run(["list", lw.name("nothing")])
    assert r.returncode == 0, r
    assert r.out == "" and "no secrets under" in r.err


def test_history_includes_deprecated_versions(lw: LW):
    name = lw.name("jwt_secret_key")
    lw.seed("jwt_secret_key", "version-one-aaaa")
    sm = lw.emulator.client("secretsmanager")
    sm.put_secret_value(SecretId=name, SecretString="version-two-bbbb")
    sm.put_secret_value(SecretId=name, SecretString="version-three-cccc")
    lw.seeded["v2"], lw.seeded["v3"] = "version-two-bbbb", "version-three-cccc"
    r = lw.run(["history", name, "--json"])
    assert r.returncode == 0, r
    versions = json.loads(r.out)
    assert len(versions) == 3
    stages = sorted(tuple(v["VersionStages"]) for v in versions)
    assert stages == [(), ("AWSCURRENT",), ("AWSPREVIOUS",)]
    assert [v["Deprecated"] for v in versions].count(True) == 1
    r = lw.run(["history", name])
    assert r.returncode == 0, r
    assert "(deprecated)" in r.out and "AWSCURRENT" in r.out and "AWSPREVIOUS" in r.out
    # (A missing secret is not checked here: moto answers ListSecretVersionIds for one with HTTP 500.)
