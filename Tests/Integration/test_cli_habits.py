"""Habits users bring (issue 16): global options before the subcommand, typos of subcommands, a
command without `--`, bare `lwexec`, `help foo`, chamber's `write NAME VALUE`, and `--require`."""

from __future__ import annotations

from conftest import LW


def test_global_options_before_the_subcommand(lw: LW, aws_files):
    lw.seed("redis/auth_token", f"tok-{lw.uid}-123456")
    r = lw.run(["--region", "us-east-1", "env", lw.name("redis"), "--format", "shell"], leak_check="stderr")
    assert r.returncode == 0 and "AUTH_TOKEN=" in r.out, r
    files = aws_files({"default": lw.emulator.admin_keys})
    env = {**{k: v for k, v in lw.emulator.env().items() if not k.startswith("AWS_ACCESS") and not k.startswith("AWS_SECRET")}, **files}
    r = lw.run(["--profile", "default", "whoami"], env=env)
    assert r.returncode == 0 and "profile" in r.out, r
    r = lw.run(["-v", "write", lw.name("redis/api_key"), "--description", "X", "--force"], input="v-1234567890")
    assert r.returncode == 0 and "created" in r.out, r


def test_a_typo_of_a_subcommand_is_named_not_taken_for_a_prefix(lw: LW):
    r = lw.run(["lsit", "/non-prod/backend"])
    assert r.returncode == 125, r
    assert r.err.splitlines()[0] == "lwexec: unknown command 'lsit'; did you mean 'list'?", r


def test_a_command_without_double_dash_is_shown_with_it(lw: LW):
    r = lw.run(["/non-prod/backend", "python3", "-c", "print(1)"])
    assert r.returncode == 125, r
    assert r.err.splitlines() == [
        "lwexec: missing -- before the command python3",
        "lwexec: put -- between the prefixes and the command: lwexec /non-prod/backend -- python3 -c 'print(1)'",
    ], r


def test_bare_lwexec_prints_a_short_usage(lw: LW):
    r = lw.run([])
    assert r.returncode == 0 and r.out.startswith("usage: lwexec") and "lwexec --help" in r.out, r


def test_help_for_an_unknown_command_is_an_error(lw: LW):
    r = lw.run(["help", "lsit"])
    assert r.returncode == 125 and "no such command: lsit" in r.err and "'list'" in r.err, r
    assert lw.run(["help", "write"]).returncode == 0


def test_write_name_value_says_where_values_come_from(lw: LW):
    r = lw.run(["write", lw.name("api_key"), "myvalue"])
    assert r.returncode == 125 and "pipe it in" in r.err and "--generate" in r.err, r
    assert "myvalue" not in r.err.split("(")[0]


def test_require_names_every_missing_variable_before_anything_runs(lw: LW):
    lw.seed("app/database_password", f"pw-{lw.uid}-123456")
    marker = lw.marker()
    r = lw.run(["--require", "DATABASE_PASSWORD", "--require", "JWT_SECRET_KEY", "--require", "REDIS_URL",
                lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125 and not marker.ran, r
    assert "required variables missing: JWT_SECRET_KEY, REDIS_URL" in r.err, r
    required = lw.path("required.txt")
    required.write_text("# what the app needs\nDATABASE_PASSWORD\n\nHOME\n")
    probe = lw.probe()
    r = lw.run(["--require-file", str(required), lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0 and probe.ran, r  # HOME is inherited: the child gets it
    r = lw.run(["--pristine", "--require-file", str(required), lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125 and "HOME" in r.err and not marker.ran, r
    r = lw.run(["env", "--require", "JWT_SECRET_KEY", lw.name("app")])
    assert r.returncode == 125 and r.out == "" and "JWT_SECRET_KEY" in r.err, r


def test_not_found_suggests_the_closest_names_and_names_the_region(lw: LW):
    lw.seed("backend/jwt_secret_key", f"jwt-{lw.uid}-1234567")
    lw.seed("backend/database_password", f"pw-{lw.uid}-1234567")
    for args in (["read", lw.name("backend/jwt_secret")], ["history", lw.name("backend/jwt_secret")],
                 ["rotate", lw.name("backend/jwt_secret"), "--generate"]):
        r = lw.run(args)
        assert r.returncode == 125, r
        lines = r.err.splitlines()
        assert f"secret {lw.name('backend/jwt_secret')} was not found in us-east-1" in lines[0], r
        assert f"did you mean {lw.name('backend/jwt_secret_key')}?" in lines[1], r


def test_expand_json_beside_a_plain_secret_follows_the_documented_rule(lw: LW):
    # The SOP's own example set: /non-prod/backend/database (a JSON object with a password key)
    # beside database_password. The plain secret wins, and the override is announced.
    lw.seed("backend/database", '{"username": "app", "password": "json-pw-1234567"}')
    plain = lw.seed("backend/database_password", f"plain-pw-{lw.uid}")
    probe = lw.probe()
    r = lw.run(["--expand-json", lw.name("backend"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["DATABASE_PASSWORD"] == plain and env["DATABASE_USERNAME"] == "app"
    assert any("DATABASE_PASSWORD" in ln and "plain secret wins" in ln for ln in r.err.splitlines()), r


def test_a_collision_hint_works_when_followed(lw: LW):
    lw.seed("svc/api-key", "first-value-123")
    lw.seed("svc/api_key", "second-value-456")
    r = lw.run([lw.name("svc"), "--", "true"])
    assert r.returncode == 125 and "both map to API_KEY" in r.err, r
    # The hint: name the secrets with --secret NAME=VAR instead of the prefix.
    assert "--secret NAME=VAR instead of the prefix" in r.err, r
    probe = lw.probe()
    r = lw.run(["--secret", f"{lw.name('svc/api-key')}=API_KEY_DASH", "--secret", f"{lw.name('svc/api_key')}=API_KEY", "--",
                *probe.argv])
    assert r.returncode == 0 and probe.env()["API_KEY_DASH"] == "first-value-123" and probe.env()["API_KEY"] == "second-value-456", r
