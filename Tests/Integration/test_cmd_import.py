"""lwexec import: dotenv / JSON files into secrets; created, updated, unchanged."""

from __future__ import annotations

import json

from conftest import LW


def values(lw: LW) -> dict[str, str]:
    sm = lw.emulator.client("secretsmanager")
    out = {}
    for s in sm.list_secrets(Filters=[{"Key": "name", "Values": [lw.root + "/"]}])["SecretList"]:
        out[s["Name"]] = sm.get_secret_value(SecretId=s["Name"])["SecretString"]
    return out


def test_import_dotenv_then_reimport_reports_unchanged_and_updated(lw: LW):
    env = lw.path(".env")
    env.write_text("# local dev\nexport STRIPE_API_KEY=sk_test_abcdef123\nDATABASE_PASSWORD='p #ss'\n"
                   "JWT_SECRET_KEY=\"multi\\nline\"\n")
    r = lw.run(["import", lw.root, str(env)])
    assert r.returncode == 0, r
    assert [ln.split()[0] for ln in r.out.splitlines()] == ["created"] * 3, r
    assert "3 created, 0 updated, 0 unchanged" in r.err
    assert values(lw) == {lw.name("stripe_api_key"): "sk_test_abcdef123", lw.name("database_password"): "p #ss",
                          lw.name("jwt_secret_key"): "multi\nline"}
    tags = {t["Key"]: t["Value"] for t in lw.emulator.client("secretsmanager").describe_secret(
        SecretId=lw.name("stripe_api_key"))["Tags"]}
    assert tags["SecretType"] == "stripe_api_key" and tags["ManagedBy"] == "Manual"
    env.write_text("STRIPE_API_KEY=sk_test_changed999\nDATABASE_PASSWORD='p #ss'\n")
    r = lw.run(["import", lw.root, str(env), "--json"])
    assert r.returncode == 0, r
    report = {i["Name"]: i["Result"] for i in json.loads(r.out)}
    assert report == {lw.name("stripe_api_key"): "updated", lw.name("database_password"): "unchanged"}


def test_import_json_from_stdin(lw: LW):
    doc = json.dumps({"REDIS_AUTH_TOKEN": "tok-\"quoted\"-1234", "API_KEY": "k-5678-abcd"})
    r = lw.run(["import", lw.root, "-"], input=doc)
    assert r.returncode == 0, r
    assert values(lw) == {lw.name("redis_auth_token"): "tok-\"quoted\"-1234", lw.name("api_key"): "k-5678-abcd"}


def test_import_checks_every_name_before_writing(lw: LW):
    env = lw.path("bad.env")
    env.write_text("API_KEY=fine-value-1\nDB_PW=bad-name-value\n")
    r = lw.run(["import", lw.root, str(env)])
    assert r.returncode == 125, r
    assert f"{lw.root}/db_pw" in r.err and f"{lw.root}/database_password" in r.err
    assert values(lw) == {}
    r = lw.run(["import", lw.root, str(env), "--dry-run"])
    assert r.returncode == 125, r
    bad = lw.path("broken.env")
    bad.write_text("A='unterminated\n")
    r = lw.run(["import", lw.root, str(bad)])
    assert r.returncode == 125 and "line 1" in r.err, r
