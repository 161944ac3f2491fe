"""lwexec write / read: the SOP's naming, tags and descriptions; values in and out byte for byte."""

from __future__ import annotations

import base64
import json

from conftest import LW


def sm(lw: LW):
    return lw.emulator.client("secretsmanager")


def tags_of(lw: LW, name: str) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in sm(lw).describe_secret(SecretId=name).get("Tags", [])}


def test_write_creates_with_tags_and_description_then_read_is_verbatim(lw: LW):
    name = lw.name("database_password")
    value = "p@ss 'w\"ord' $HOME `x` \\n\nsecond line"
    lw.seeded[name] = value
    r = lw.run(["write", name, "--description", "PostgreSQL password", "--tag", "Team=core"], input=value + "\n")
    assert r.returncode == 0, r
    assert r.out.startswith(f"created {name} (version ")
    d = sm(lw).describe_secret(SecretId=name)
    assert d["Description"] == "PostgreSQL password"
    assert tags_of(lw, name) == {"Environment": "non-prod", "Service": f"t{lw.uid}",
                                 "SecretType": "database_password", "ManagedBy": "Manual", "Team": "core"}
    # One trailing newline from stdin is dropped; read adds none to a pipe.
    r = lw.run(["read", name], leak_check="stderr")
    assert r.returncode == 0, r
    assert r.stdout == value.encode()
    r = lw.run(["read", name, "--json"], leak_check="stderr")
    rec = json.loads(r.out)
    assert rec["SecretString"] == value and rec["Name"] == name and "AWSCURRENT" in rec["VersionStages"]


def test_write_existing_adds_a_version_keeps_managed_by_and_skips_unchanged(lw: LW):
    name = lw.name("jwt_secret_key")
    sm(lw).create_secret(Name=name, SecretString="first-value-123",
                         Tags=[{"Key": "ManagedBy", "Value": "Terraform"}, {"Key": "Service", "Value": "wrong"}])
    lw.seeded[name] = "first-value-123"
    r = lw.run(["write", name, "--keep-trailing-newline"], input="second-value-456\n")
    assert r.returncode == 0, r
    assert r.out.startswith(f"updated {name}")
    assert sm(lw).get_secret_value(SecretId=name)["SecretString"] == "second-value-456\n"
    t = tags_of(lw, name)
    assert t["ManagedBy"] == "Terraform" and t["Service"] == f"t{lw.uid}" and t["SecretType"] == "jwt_secret_key"
    versions = len(sm(lw).list_secret_version_ids(SecretId=name)["Versions"])
    r = lw.run(["write", name, "--skip-unchanged", "--keep-trailing-newline", "--json"], input="second-value-456\n")
    assert r.returncode == 0, r
    assert json.loads(r.out)["Result"] == "unchanged"
    assert len(sm(lw).list_secret_version_ids(SecretId=name)["Versions"]) == versions
    r = lw.run(["read", name, "--stage", "AWSPREVIOUS"], leak_check=False)
    assert r.stdout == b"first-value-123"


def test_write_generate_never_prints_the_value(lw: LW):
    name = lw.name("api_token")
    r = lw.run(["write", name, "--generate", "--length", "48"])
    assert r.returncode == 0, r
    value = sm(lw).get_secret_value(SecretId=name)["SecretString"]
    assert len(base64.b64decode(value)) == 48
    assert value not in r.out + r.err


def test_naming_rejections_explain_and_suggest(lw: LW):
    r = lw.run(["write", lw.name("db_pw"), "--generate"])
    assert r.returncode == 125, r
    assert "descriptive" in r.err and "\"pw\" → \"password\"" in r.err
    assert f"use {lw.root}/database_password instead" in r.err
    r = lw.run(["write", f"/staging/t{lw.uid}/DatabasePassword", "--generate"])
    assert r.returncode == 125, r
    assert "prod, non-prod" in r.err and "snake_case" in r.err
    assert f"/non-prod/t{lw.uid}/database_password" in r.err
    # The environment list comes from LWEXEC_ENVIRONMENTS.
    r = lw.run(["write", f"/staging/t{lw.uid}/api_key", "--generate"], extra_env={"LWEXEC_ENVIRONMENTS": "staging,prod"})
    assert r.returncode == 0, r
    # --force writes with a warning.
    r = lw.run(["write", lw.name("db_pw"), "--generate", "--force"])
    assert r.returncode == 0, r
    assert "warning" in r.err and "--force" in r.err
    assert sm(lw).describe_secret(SecretId=lw.name("db_pw"))["Name"] == lw.name("db_pw")


def test_no_value_and_missing_secret_fail_with_125(lw: LW):
    r = lw.run(["write", lw.name("api_key")])  # stdin is /dev/null
    assert r.returncode == 125, r
    assert "no value" in r.err
    r = lw.run(["read", lw.name("missing_key")])
    assert r.returncode == 125, r
    assert "was not found" in r.err
    r = lw.run(["write", lw.name("api_key"), "--value", "x"])
    assert r.returncode == 125, r


def test_write_without_a_description_warns_off_a_terminal(lw: LW):
    name = lw.name("api_key")
    r = lw.run(["write", name, "--force"], input="v-123456789\n")
    assert r.returncode == 0, r
    assert f"warning: {name} has no description; the SOP asks for one (lwexec tag {name} --description" in r.err, r
    r = lw.run(["write", name, "--force", "--description", "the API key"], input="v-223456789\n")
    assert r.returncode == 0 and "no description" not in r.err, r


def test_write_with_a_description_on_a_secret_made_with_the_aws_cli_sets_everything(lw: LW):
    # Before: PutSecretValue stored the value, then UpdateSecret (without a ClientRequestToken) failed:
    # exit 125 with the value live and description and tags missing.
    sm = lw.emulator.client("secretsmanager")
    name = lw.name("database_password")
    sm.create_secret(Name=name, SecretString="old-value-1234567")
    r = lw.run(["write", name, "--description", "PostgreSQL password", "--force"], input="new-value-7654321")
    assert r.returncode == 0, r
    d = sm.describe_secret(SecretId=name)
    assert d["Description"] == "PostgreSQL password"
    assert {t["Key"] for t in d["Tags"]} >= {"Environment", "ManagedBy", "Service", "SecretType"}
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "new-value-7654321"
