"""lwexec lint: the SOP audit; exit 1 on findings, 0 when clean."""

from __future__ import annotations

import json

from conftest import LW


def tags(lw: LW, stype: str, **over: str) -> list[dict[str, str]]:
    t = {"Environment": "non-prod", "ManagedBy": "Terraform", "Service": f"t{lw.uid}", "SecretType": stype} | over
    return [{"Key": k, "Value": v} for k, v in t.items() if v]


def test_clean_secrets_exit_0(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    sm.create_secret(Name=lw.name("jwt_secret_key"), SecretString="x" * 40, Tags=tags(lw, "jwt_secret_key"), Description="JWT")
    sm.create_secret(Name=lw.name("database_password"), SecretString="y" * 40, Tags=tags(lw, "database_password"),
                     Description="Postgres")
    sm.rotate_secret(SecretId=lw.name("database_password"), RotationRules={"AutomaticallyAfterDays": 30})
    r = lw.run(["lint", lw.root])
    assert r.returncode == 0, r
    assert r.out == "" and "2 secret(s) checked: 0 error(s), 0 warning(s), 0 note(s)" in r.err


def test_findings_one_per_line_with_severity_exit_1(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    sm.create_secret(Name=lw.name("db_pw"), SecretString="a" * 20, Tags=tags(lw, "db_pw"))
    sm.create_secret(Name=lw.name("stripe_api_key"), SecretString="b" * 20, Description="Stripe",
                     Tags=tags(lw, "stripe_api_key", Service="frontend", ManagedBy=""))
    sm.rotate_secret(SecretId=lw.name("stripe_api_key"), RotationRules={"AutomaticallyAfterDays": 120})
    sm.create_secret(Name=lw.name("nested/Api-Key"), SecretString="c" * 20)
    r = lw.run(["lint", lw.root])
    assert r.returncode == 1, r
    by = {}
    for ln in r.out.splitlines():
        name, severity, rule, _ = ln.split(": ", 3)
        by.setdefault(name, []).append((severity, rule))
    assert by[lw.name("db_pw")] == [("error", "descriptive-type"), ("error", "tag-mismatch"), ("warning", "description-missing"),
                                    ("note", "rotation-disabled")], r
    assert by[lw.name("stripe_api_key")] == [("error", "tag-missing"), ("error", "tag-mismatch"), ("note", "rotation-interval")], r
    assert by[lw.name("nested/Api-Key")][0] == ("error", "naming-pattern")
    assert f"lwexec write {lw.root}/database_password" in r.out  # the corrected name, as a command
    assert f"lwexec tag {lw.name('db_pw')} SecretType=database_password" in r.out
    r = lw.run(["lint", lw.root, "--json"])
    assert r.returncode == 1, r
    findings = json.loads(r.out)
    assert {f["Rule"] for f in findings} >= {"descriptive-type", "tag-missing", "tag-mismatch", "rotation-interval", "naming-pattern"}
    assert all(set(f) == {"Secret", "Severity", "Rule", "Message", "Fix"} for f in findings)


def test_warnings_and_notes_alone_exit_0(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    sm.create_secret(Name=lw.name("database_password"), SecretString="y" * 40, Tags=tags(lw, "database_password"))
    r = lw.run(["lint", lw.root])
    assert r.returncode == 0, r
    assert [ln.split(": ")[1:3] for ln in r.out.splitlines()] == [["warning", "description-missing"], ["note", "rotation-disabled"]], r


def test_the_sop_walk_through_with_lwexec_passes_lint_in_non_prod(lw: LW):
    # Create as the SOP says, with lwexec: the prefix is clean (no error, no warning).
    for name, desc in [("database_password", "PostgreSQL password for non-prod backend"), ("stripe_api_key", "Stripe test key")]:
        w = lw.run(["write", lw.name(name), "--generate", "--description", desc, "--force"])
        assert w.returncode == 0, w
    r = lw.run(["lint", lw.root, "--json"])
    assert r.returncode == 0, r
    assert {f["Severity"] for f in json.loads(r.out)} <= {"note"}, r


def test_lint_fix_repairs_what_the_aws_cli_left(lw: LW):
    # Made by hand with the aws CLI, as the SOP's method 1 without its tagging steps.
    sm = lw.emulator.client("secretsmanager")
    name = f"/non-prod/t{lw.uid}/database_password"
    sm.create_secret(Name=name, SecretString="z" * 40)
    sm.tag_resource(SecretId=name, Tags=[{"Key": "ManagedBy", "Value": "lwexec"}, {"Key": "Team", "Value": "core"}])
    root = f"/non-prod/t{lw.uid}"
    before = lw.run(["lint", root])
    assert before.returncode == 1 and "tag-missing" in before.out and "tag-invalid" in before.out, before
    dry = lw.run(["lint", root, "--fix", "--dry-run"])
    assert "would set" in dry.out and dry.returncode == 1, dry
    assert lw.run(["lint", root]).out == before.out, "--dry-run changed something"
    fixed = lw.run(["lint", root, "--fix"])
    assert f"{name}: set Environment=non-prod, ManagedBy=Manual, SecretType=database_password, Service=t{lw.uid}" in fixed.out, fixed
    assert fixed.returncode == 0, fixed
    after = lw.run(["lint", root, "--json"])
    assert after.returncode == 0 and {f["Rule"] for f in json.loads(after.out)} == {"rotation-disabled"}, after
    t = {x["Key"]: x["Value"] for x in sm.describe_secret(SecretId=name)["Tags"]}
    assert t["Team"] == "core" and t["ManagedBy"] == "Manual"
    assert sm.describe_secret(SecretId=name)["Description"] == "database password for non-prod t" + lw.uid


def test_tag_sets_required_tags_and_description(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    name = f"/non-prod/t{lw.uid}/jwt_secret_key"
    sm.create_secret(Name=name, SecretString="j" * 40, Tags=[{"Key": "ManagedBy", "Value": "Terraform"}])
    r = lw.run(["tag", name, "Team=core", "--description", "JWT signing key"])
    assert r.returncode == 0, r
    d = sm.describe_secret(SecretId=name)
    t = {x["Key"]: x["Value"] for x in d["Tags"]}
    assert t == {"Environment": "non-prod", "ManagedBy": "Terraform", "Service": f"t{lw.uid}", "SecretType": "jwt_secret_key",
                 "Team": "core"}, t
    assert d["Description"] == "JWT signing key"
    again = lw.run(["tag", name])
    assert again.out.strip() == f"{name}: nothing to change", again


def test_rotate_schedule_configures_rotation(lw: LW):
    # moto would run the Lambda; the proxy answers RotateSecret itself and keeps what was asked.
    from test_trust_answers import RewriteProxy
    sm = lw.emulator.client("secretsmanager")
    name = lw.name("database_password")
    arn = sm.create_secret(Name=name, SecretString="p" * 40)["ARN"]
    asked = []

    def rewrite(op, req, ans):
        if op == "RotateSecret":
            asked.append(req)
            return 200, {}, {"ARN": arn, "Name": name, "VersionId": "v2"}
        return None
    lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
        r = lw.run(["rotate", name, "--schedule", "30d", "--lambda", lambda_arn], env=env)
    assert r.returncode == 0 and "rotation started" in r.out, r
    assert asked and asked[0]["RotationLambdaARN"] == lambda_arn and asked[0]["RotationRules"] == {"AutomaticallyAfterDays": 30}
    assert asked[0]["ClientRequestToken"]
    bad = lw.run(["rotate", name, "--schedule", "2w"])
    assert bad.returncode != 0 and "--schedule takes whole days" in bad.err, bad


def test_lint_failure_is_125(lw: LW):
    r = lw.run(["lint", lw.root], extra_env={"AWS_SECRET_ACCESS_KEY": "wrong-key-for-signature"})
    assert r.returncode == 125, r
