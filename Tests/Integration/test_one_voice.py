"""One voice across every command (issue 23, items 5 to 10): a first word that is not a command,
the habits people bring (export, version, describe, --json, --output json), audits of nothing,
suggestions that never cross environments, AWS errors through one table in every command, and a
plaintext file written without a word."""

from __future__ import annotations

import json
import os
import stat
import subprocess

from conftest import LW

COMMANDS_HINT = "lwexec: lwexec --help lists the commands; a secret prefix starts with / (e.g. /non-prod/backend)"


# ---------------------------------------------------------------- item 5: words that are not commands

def test_a_first_word_that_is_neither_a_command_nor_a_path_is_an_unknown_command(lw: LW):
    name = lw.name("backend/database_password")
    cases = [
        (["show", name], "lwexec: unknown command 'show'; did you mean 'describe' or 'read'?"),
        # Following the old advice (`lwexec get -- NAME`) gives the same answer, not "no secrets under get".
        (["get", "--", name], "lwexec: unknown command 'get'; did you mean 'read'?"),
        # Through the launcher's fast path too (--cache is its case).
        (["--cache", "get", "--", "true"], "lwexec: unknown command 'get'; did you mean 'read'?"),
        (["-v", "frobnicate", "--", "true"], "lwexec: unknown command 'frobnicate'"),
    ]
    for args, first in cases:
        r = lw.run(args)
        assert r.returncode == 125, r
        assert r.err.splitlines() == [first, COMMANDS_HINT], r
    r = lw.run(["non-prod/backend", "--", "true"])
    assert r.returncode == 125, r
    assert r.err.splitlines() == [
        "lwexec: 'non-prod/backend' is neither a command nor a secret path; did you mean /non-prod/backend?",
        "lwexec: secret paths start with / (e.g. /non-prod/backend); lwexec --help lists the commands",
    ], r
    # An explicit `exec` still takes any prefix.
    r = lw.run(["exec", "--allow-empty", "backend", "--", "true"])
    assert r.returncode == 0, r


def test_version_and_export_are_commands(lw: LW):
    version = lw.run(["version"])
    assert version.returncode == 0 and version.out.strip(), version
    assert version.out == lw.run(["--version"]).out
    lw.seed("backend/database_password", f"pw-{lw.uid}-123456")
    env = lw.run(["env", lw.name("backend")], leak_check=False)
    export = lw.run(["export", lw.name("backend")], leak_check=False)
    assert export.returncode == 0 and export.out == env.out and "DATABASE_PASSWORD=" in export.out, export
    help_text = lw.run(["--help"]).out
    for command in ("describe", "version", "export"):
        assert command in help_text, command


def test_describe_shows_metadata_and_tags_and_json_outputs_carry_tags(lw: LW):
    name = lw.name("database_password")
    lw.seed("database_password", f"pw-{lw.uid}-123456")
    assert lw.run(["tag", name, "--description", "db password"]).returncode == 0
    r = lw.run(["describe", name])
    assert r.returncode == 0, r
    lines = r.out.splitlines()
    assert lines[0] == f"name:          {name}", r
    assert "description:   db password" in lines, r
    assert "rotation:      off" in lines, r
    assert "tags:          Environment=non-prod" in lines, r
    assert "               ManagedBy=Manual" in lines, r
    assert f"               Service=t{lw.uid}" in lines, r
    tags = [{"Key": "Environment", "Value": "non-prod"}, {"Key": "ManagedBy", "Value": "Manual"},
            {"Key": "SecretType", "Value": "database_password"}, {"Key": "Service", "Value": f"t{lw.uid}"}]
    described = json.loads(lw.run(["describe", name, "--json"]).out)
    assert described["Name"] == name and described["Tags"] == tags and described["RotationEnabled"] is False
    assert [v["VersionStages"] for v in described["Versions"]] == [["AWSCURRENT"]]
    listed = json.loads(lw.run(["list", lw.root, "--json"]).out)
    assert listed[0]["Tags"] == tags
    read = json.loads(lw.run(["read", name, "--json"], leak_check=False).out)
    assert read["Tags"] == tags
    missing = lw.run(["describe", lw.name("database_pasword")])
    assert missing.returncode == 125 and missing.err.splitlines() == [
        f"lwexec: secret {lw.name('database_pasword')} was not found in us-east-1 ({lw.emulator.url})",
        f"lwexec: did you mean {name}? (lwexec list {lw.root}/ shows what exists)",
    ], missing


# ---------------------------------------------------------------- item 6: audits of nothing

def test_lint_of_an_empty_prefix_fails_unless_allow_empty(lw: LW):
    lw.seed("backend/database_password", f"pw-{lw.uid}-123456")
    typo = lw.name("backnd")
    r = lw.run(["lint", typo])
    assert r.returncode == 1, r
    assert r.out.splitlines() == [
        f"{typo}: error: empty-prefix: no secrets under {typo} in us-east-1 ({lw.emulator.url}) "
        f"(did you mean {lw.name('backend')}? --allow-empty passes an empty prefix)"], r
    assert r.err.splitlines() == ["lwexec: 0 secret(s) checked: 1 error(s), 0 warning(s), 0 note(s)"], r
    found = json.loads(lw.run(["lint", typo, "--json"]).out)
    assert [(f["Secret"], f["Rule"], f["Severity"]) for f in found] == [(typo, "empty-prefix", "error")]
    r = lw.run(["lint", typo, "--allow-empty"])
    assert r.returncode == 0 and r.out == "", r


def test_list_of_a_prefix_with_only_sub_paths_says_what_is_there(lw: LW):
    lw.seed("backend/api_key", f"k-{lw.uid}-123456")
    lw.seed("backend/database_password", f"pw-{lw.uid}-123456")
    r = lw.run(["list", lw.root])
    assert r.returncode == 0 and r.out == "", r
    assert r.err.splitlines() == [
        f"lwexec: no secrets directly under {lw.root} (2 in sub-paths, e.g. {lw.name('backend/api_key')}); "
        f"lwexec list {lw.root} --recursive shows them"], r
    r = lw.run(["list", lw.name("backnd")])
    assert r.returncode == 0 and r.out == "", r
    assert r.err.splitlines() == [
        f"lwexec: no secrets under {lw.name('backnd')} in us-east-1 ({lw.emulator.url}); did you mean {lw.name('backend')}?"], r


# ---------------------------------------------------------------- item 7: suggestions stay in their environment

def test_suggestions_never_change_the_environment_segment(lw: LW):
    region = "il-central-1"  # a region of its own: the names the suggestions draw from are this test's
    lw.seed(f"/non-prod/t{lw.uid}/backend/api_key", f"np-{lw.uid}-123456", region=region)
    lw.seed(f"/prod/t{lw.uid}/backend/api_key", f"p-{lw.uid}-123456", region=region)
    typed = f"/nonprod/t{lw.uid}/backend"
    r = lw.run(["--region", region, typed, "--", "true"])
    assert r.returncode == 125, r
    assert r.err.splitlines() == [f"lwexec: no secrets under {typed}",
                                  f"lwexec: did you mean /non-prod/t{lw.uid}/backend? (--allow-empty runs without it)"], r
    # A name not found: close names from the nearest path that has any, in the typed environment only.
    r = lw.run(["--region", region, "read", f"/non-prod/t{lw.uid}/backnd/api_key"])
    assert r.returncode == 125 and r.err.splitlines()[1] == f"lwexec: did you mean /non-prod/t{lw.uid}/backend/api_key? " \
        f"(lwexec list /non-prod/t{lw.uid}/ --recursive shows what exists)", r
    r = lw.run(["--region", region, "read", f"/nonprod/t{lw.uid}/backend/api_key"])
    assert r.returncode == 125 and r.err.splitlines()[1] == f"lwexec: did you mean /non-prod/t{lw.uid}/backend/api_key? " \
        "(lwexec list / --recursive shows what exists)", r


# ---------------------------------------------------------------- item 8: one table for AWS errors

def test_an_unknown_access_key_gets_the_same_hint_from_every_command(lw: LW):
    env = {**lw.emulator.env(), "AWS_ACCESS_KEY_ID": "AKIAUNKNOWN000000000", "AWS_SECRET_ACCESS_KEY": "x" * 40}
    hint = "lwexec: the access key id is not known to AWS: check AWS_PROFILE and your keys (`lwexec whoami` shows who you are)"
    for args in ([lw.root, "--", "true"], ["list", lw.root], ["lint", lw.root], ["describe", lw.name("x")]):
        r = lw.run(args, env=env)
        assert r.returncode == 125, (args, r)
        assert r.err.splitlines()[-1] == hint, (args, r)
        assert r.err.splitlines()[0].startswith("lwexec: secretsmanager:"), (args, r)
        assert r.err.splitlines()[0].endswith("The security token included in the request is invalid."), (args, r)


def test_access_denied_gets_a_hint_from_list_and_lint(lw: LW):
    keys = lw.read_only_user()
    for args in (["list", lw.root], ["lint", lw.root]):
        r = lw.run(args, keys=keys)
        assert r.returncode == 125, (args, r)
        first, second = r.err.splitlines()
        assert first.startswith(f"lwexec: access denied: secretsmanager:ListSecrets on prefix {lw.root}: "), r
        assert second == f"lwexec: grant secretsmanager:ListSecrets on prefix {lw.root} to this identity " \
            "(`lwexec whoami` shows who you are)", r


def test_not_found_names_region_endpoint_and_close_names_everywhere(lw: LW):
    lw.seed("backend/jwt_secret_key", f"jwt-{lw.uid}-1234567")
    wrong = lw.name("backend/jwt_secret")
    expected = [f"lwexec: secret {wrong} was not found in us-east-1 ({lw.emulator.url})",
                f"lwexec: did you mean {lw.name('backend/jwt_secret_key')}? (lwexec list {lw.name('backend')}/ shows what exists)"]
    for args in (["delete", wrong, "--yes"], ["--secret", wrong, "--", "true"], ["env", "--secret", wrong],
                 ["tag", wrong], ["describe", wrong]):
        r = lw.run(args)
        assert r.returncode == 125, (args, r)
        assert r.err.splitlines() == expected, (args, r)


def test_whoami_failing_does_not_suggest_whoami(lw: LW):
    env = {**lw.emulator.env(), "AWS_ACCESS_KEY_ID": "AKIAUNKNOWN000000000", "AWS_SECRET_ACCESS_KEY": "x" * 40}
    r = lw.run(["whoami"], env=env)
    assert r.returncode == 125, r
    assert "whoami" not in r.err.splitlines()[-1], r
    assert r.err.splitlines()[-1] == "lwexec: the access key id is not known to AWS: check AWS_PROFILE and your keys", r


def test_whoami_with_a_role_whose_source_is_invalid_does_not_suggest_whoami(lw: LW, aws_files):
    from conftest import endpoint_env
    from emulator import Keys
    files = aws_files({"src": Keys("AKIAUNKNOWN000000000", "x" * 40)},
                      {"r": {"role_arn": "arn:aws:iam::123456789012:role/nobody", "source_profile": "src"}})
    r = lw.run(["whoami", "--profile", "r"], env={**endpoint_env(lw.emulator), **files})
    assert r.returncode == 125, r
    assert "sts:AssumeRole failed" in r.err.splitlines()[0], r
    assert r.err.splitlines()[-1] == "lwexec: the source credentials are not valid: check them", r


# ---------------------------------------------------------------- item 9: flags as people type them

def test_env_json_tag_json_and_delete_json(lw: LW):
    name = lw.name("backend/api_key")
    lw.seed("backend/api_key", f"k-{lw.uid}-123456")
    a = lw.run(["env", lw.name("backend"), "--json"], leak_check=False)
    b = lw.run(["env", lw.name("backend"), "--format", "json"], leak_check=False)
    assert a.returncode == 0 and a.out == b.out and json.loads(a.out)["API_KEY"].startswith("k-"), a
    r = lw.run(["env", lw.name("backend"), "--json", "--format", "shell"])
    assert r.returncode == 125 and r.err.splitlines()[0] == "lwexec: --json and --format shell cannot be used together", r
    r = lw.run(["tag", name, "Team=payments", "--json"])
    assert r.returncode == 0, r
    assert json.loads(r.out) == {"Name": name, "DryRun": False, "Description": None, "Tags": [
        {"Key": "Environment", "Value": "non-prod"}, {"Key": "ManagedBy", "Value": "Manual"},
        {"Key": "SecretType", "Value": "backend_api_key"}, {"Key": "Service", "Value": f"t{lw.uid}"},
        {"Key": "Team", "Value": "payments"}]}, r
    r = lw.run(["delete", name, "--yes", "--json"])
    assert r.returncode == 0, r
    doc = json.loads(r.out)
    assert sorted(doc) == ["ARN", "DeletionDate", "Name", "RecoveryWindowInDays"] and doc["Name"] == name, r
    assert doc["RecoveryWindowInDays"] == 30 and doc["DeletionDate"].endswith("Z"), r


def test_output_json_and_unknown_options_name_the_subcommands_options(lw: LW):
    for args in (["list", lw.root, "--output", "json"], ["list", lw.root, "-o", "json"], ["list", lw.root, "--output=json"]):
        r = lw.run(args)
        assert r.returncode == 125, r
        assert r.err.splitlines()[1] == "lwexec: use --json for JSON (lwexec list --help lists its options)", r
    r = lw.run(["list", lw.root, "--recursve"])
    assert r.returncode == 125, r
    assert r.err.splitlines() == ["lwexec: unknown option '--recursve'",
                                  "lwexec: did you mean --recursive? (lwexec list --help lists its options)"], r
    r = lw.run(["--cahce", lw.root, "--", "true"])
    assert r.returncode == 125, r
    assert r.err.splitlines() == ["lwexec: unknown option '--cahce'",
                                  "lwexec: did you mean --cache? (lwexec exec --help lists its options)"], r
    r = lw.run(["generate", "--output", "json"])
    assert r.returncode == 125, r
    assert r.err.splitlines()[1] == "lwexec: lwexec generate prints no JSON (lwexec generate --help lists its options)", r


# ---------------------------------------------------------------- item 10: a plaintext file, said out loud

def run_to(lw: LW, args: list[str], target) -> subprocess.CompletedProcess:
    p = lw.popen(args, stdin=subprocess.DEVNULL, stdout=target, stderr=subprocess.PIPE)
    _, err = p.communicate(timeout=lw.timeout)
    return subprocess.CompletedProcess(args, p.returncode, None, err.decode())


def test_a_regular_file_on_stdout_is_restricted_to_the_owner_and_named(lw: LW):
    value = lw.seed("backend/api_key", f"k-{lw.uid}-123456")
    target = lw.path("out.env")
    old = os.umask(0o022)
    try:
        with open(target, "w") as f:
            r = run_to(lw, ["env", lw.name("backend")], f)
    finally:
        os.umask(old)
    assert r.returncode == 0, r
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text().startswith("API_KEY=") and value in target.read_text()
    assert r.stderr.splitlines() == [
        f"lwexec: {target} now holds secret values in plain text; lwexec made it readable by you only (mode 0600)",
        f"lwexec: to keep no copy on disk, give them to the command instead: lwexec {lw.name('backend')} -- CMD "
        "(add --cache to start fast from the kernel keyring)",
    ], r
    # read too, and never for /dev/null or a pipe.
    target2 = lw.path("value.txt")
    with open(target2, "w") as f:
        r = run_to(lw, ["read", lw.name("backend/api_key")], f)
    assert r.returncode == 0 and stat.S_IMODE(os.stat(target2).st_mode) == 0o600, r
    assert r.stderr.splitlines() == [
        f"lwexec: {target2} now holds secret values in plain text; lwexec made it readable by you only (mode 0600)",
        f"lwexec: to keep no copy on disk, give them to the command instead: lwexec --secret {lw.name('backend/api_key')} -- CMD "
        "(add --cache to start fast from the kernel keyring)",
    ], r
    with open(os.devnull, "w") as f:
        r = run_to(lw, ["env", lw.name("backend")], f)
    assert r.returncode == 0 and r.stderr == "", r
    r = lw.run(["env", lw.name("backend")], leak_check="stderr")
    assert r.returncode == 0 and r.err == "", r
