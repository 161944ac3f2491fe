"""lwexec lint: the SOP audit; exit 1 on findings, 0 when clean."""

from __future__ import annotations

import json

from conftest import LW


def tags(lw: LW, stype: str, **over: str) -> list[dict[str, str]]:
    t = {"Environment": "non-prod", "ManagedBy": "Terraform", "Service": f"t{lw.uid}", "SecretType": stype} | over
    return [{"Key": k, "Value": v} for k, v in t.items() if v]


def test_clean_secrets_exit_0(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    sm.create_secret(Name=lw.name("jwt_secret_key"), SecretString="x" * 40, Tags=tags(lw, "jwt_secret_key"))
    sm.create_secret(Name=lw.name("database_password"), SecretString="y" * 40, Tags=tags(lw, "database_password"))
    sm.rotate_secret(SecretId=lw.name("database_password"), RotationRules={"AutomaticallyAfterDays": 30})
    r = lw.run(["lint", lw.root])
    assert r.returncode == 0, r
    assert r.out == "" and "2 secret(s) checked, 0 finding(s)" in r.err


def test_findings_one_per_line_exit_1(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    sm.create_secret(Name=lw.name("db_pw"), SecretString="a" * 20, Tags=tags(lw, "db_pw"))
    sm.create_secret(Name=lw.name("stripe_api_key"), SecretString="b" * 20,
                     Tags=tags(lw, "stripe_api_key", Service="frontend", ManagedBy=""))
    sm.rotate_secret(SecretId=lw.name("stripe_api_key"), RotationRules={"AutomaticallyAfterDays": 120})
    sm.create_secret(Name=lw.name("nested/Api-Key"), SecretString="c" * 20)
    r = lw.run(["lint", lw.root])
    assert r.returncode == 1, r
    lines = r.out.splitlines()
    by = {}
    for ln in lines:
        name, rule, _ = ln.split(": ", 2)
        by.setdefault(name, []).append(rule)
    assert by[lw.name("db_pw")] == ["descriptive-type", "rotation-disabled"]
    assert by[lw.name("stripe_api_key")] == ["tag-missing", "tag-mismatch", "rotation-interval"]
    assert by[lw.name("nested/Api-Key")][0] == "naming-pattern"
    assert by[lw.name("nested/Api-Key")].count("tag-missing") == 4
    assert f"{lw.root}/database_password" in r.out  # the corrected name
    r = lw.run(["lint", lw.root, "--json"])
    assert r.returncode == 1, r
    findings = json.loads(r.out)
    assert {f["rule"] for f in findings} >= {"descriptive-type", "tag-missing", "tag-mismatch", "rotation-interval", "naming-pattern"}
    assert all(set(f) == {"secret", "rule", "message", "fix"} for f in findings)


def test_lint_failure_is_125(lw: LW):
    r = lw.run(["lint", lw.root], extra_env={"AWS_SECRET_ACCESS_KEY": "wrong-key-for-signature"})
    assert r.returncode == 125, r
