"""Who wins when a variable comes from two places, and how overrides are announced."""

from __future__ import annotations

from conftest import LW, lines_naming

INHERITED = "inherited-value-7f3a9c"


def test_later_prefix_overrides_earlier(lw: LW):
    lw.seed("common/shared_token")
    later = lw.seed("service/shared_token")
    only_common = lw.seed("common/common_only")
    probe = lw.probe()
    r = lw.run([lw.name("common"), lw.name("service"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"SHARED_TOKEN": later, "COMMON_ONLY": only_common}
    assert len(lines_naming(r.err, "SHARED_TOKEN")) == 1, r
    assert not lines_naming(r.err, "COMMON_ONLY"), r


def test_prefix_order_matters(lw: LW):
    earlier = lw.seed("common/shared_token")
    lw.seed("service/shared_token")
    probe = lw.probe()
    r = lw.run([lw.name("service"), lw.name("common"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["SHARED_TOKEN"] == earlier


def test_secret_flag_overrides_prefixes(lw: LW):
    lw.seed("app/database_password")
    explicit = lw.seed("other/db_pw_override")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("other/db_pw_override") + "=DATABASE_PASSWORD",
                lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"DATABASE_PASSWORD": explicit}
    assert len(lines_naming(r.err, "DATABASE_PASSWORD")) == 1, r


def test_secret_flag_wins_whatever_the_argument_order(lw: LW):
    lw.seed("app/database_password")
    explicit = lw.seed("other/db_pw_override")
    probe = lw.probe()
    r = lw.run([lw.name("app"), "--secret", lw.name("other/db_pw_override") + "=DATABASE_PASSWORD",
                "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == explicit


def test_secrets_override_inherited_environment(lw: LW):
    v = lw.seed("app/database_password")
    probe = lw.probe()
    r = lw.run([lw.name("app"), "--", *probe.argv],
               extra_env={"DATABASE_PASSWORD": INHERITED, "UNRELATED_VAR": "kept"})
    assert r.returncode == 0, r
    env = probe.env()
    assert env["DATABASE_PASSWORD"] == v
    assert env["UNRELATED_VAR"] == "kept"
    assert len(lines_naming(r.err, "DATABASE_PASSWORD")) == 1, r
    assert INHERITED not in r.err and INHERITED not in r.out, r
    assert not lines_naming(r.err, "UNRELATED_VAR"), r


def test_no_override_no_announcement(lw: LW):
    lw.seed("app/database_password")
    probe = lw.probe()
    r = lw.run([lw.name("app"), "--", *probe.argv], extra_env={"UNRELATED_VAR": "kept"})
    assert r.returncode == 0, r
    assert not lines_naming(r.err, "DATABASE_PASSWORD"), r


def test_quiet_silences_override_lines(lw: LW):
    lw.seed("common/shared_token")
    later = lw.seed("service/shared_token")
    db = lw.seed("service/database_password")
    probe = lw.probe()
    for q in ("-q", "--quiet"):
        r = lw.run([q, lw.name("common"), lw.name("service"), "--", *probe.argv],
                   extra_env={"DATABASE_PASSWORD": INHERITED})
        assert r.returncode == 0, r
        env = probe.env()
        assert env["SHARED_TOKEN"] == later and env["DATABASE_PASSWORD"] == db
        assert not lines_naming(r.err, "SHARED_TOKEN"), r
        assert not lines_naming(r.err, "DATABASE_PASSWORD"), r


def test_keep_env_lets_inherited_environment_win(lw: LW):
    lw.seed("app/database_password")
    other = lw.seed("app/jwt_secret_key")
    probe = lw.probe()
    r = lw.run(["--keep-env", lw.name("app"), "--", *probe.argv],
               extra_env={"DATABASE_PASSWORD": INHERITED})
    assert r.returncode == 0, r
    env = probe.env()
    assert env["DATABASE_PASSWORD"] == INHERITED
    assert env["JWT_SECRET_KEY"] == other
    assert INHERITED not in r.err, r


def test_pristine_child_gets_only_the_secrets(lw: LW):
    v = lw.seed("app/database_password")
    w = lw.seed("app/jwt_secret_key")
    # `env` is found through lwexec's own PATH even though the child gets none.
    r = lw.run(["--pristine", lw.name("app"), "--", "env", "-0"],
               extra_env={"UNRELATED_VAR": "dropped"}, leak_check="stderr")
    assert r.returncode == 0, r
    entries = [e for e in r.stdout.split(b"\0") if e]
    env = dict(e.decode().split("=", 1) for e in entries)
    assert env == {"DATABASE_PASSWORD": v, "JWT_SECRET_KEY": w}, r
    assert lw.emulator.admin_keys.secret_access_key.encode() not in r.stdout


def test_pristine_exact_environ_block(lw: LW):
    v = lw.seed("app/database_password")
    probe = lw.probe()
    r = lw.run(["--pristine", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.raw() == {"DATABASE_PASSWORD": v.encode()}
