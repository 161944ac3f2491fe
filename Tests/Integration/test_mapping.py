"""Secret name -> environment variable name."""

from __future__ import annotations

from conftest import LW, lines_naming


def test_names_are_uppercased_and_punctuation_becomes_underscore(lw: LW):
    names = {
        "database_password": "DATABASE_PASSWORD",
        "api-key": "API_KEY",
        "some.thing": "SOME_THING",
        "x+y": "X_Y",
        "m=n": "M_N",
        "u@v": "U_V",
        "MiXed_Case9": "MIXED_CASE9",
    }
    values = {n: lw.seed(f"app/{n}") for n in names}
    probe = lw.probe()
    r = lw.run([lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert lw.secret_vars(env) == {var: values[n] for n, var in names.items()}


def test_exec_subcommand_is_the_same(lw: LW):
    v = lw.seed("app/database_password")
    probe = lw.probe()
    r = lw.run(["exec", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == v


def test_trailing_slash_is_the_same_prefix(lw: LW):
    a = lw.seed("app/alpha")
    b = lw.seed("app/beta")
    envs = []
    for prefix in (lw.name("app"), lw.name("app") + "/"):
        probe = lw.probe()
        r = lw.run([prefix, "--", *probe.argv])
        assert r.returncode == 0, r
        envs.append(lw.secret_vars(probe.env()))
    assert envs[0] == envs[1] == {"ALPHA": a, "BETA": b}


def test_only_direct_children_without_recursive(lw: LW):
    top = lw.seed("p/database_password")
    lw.seed("p/backend/jwt_secret_key")
    lw.seed("p/backend/deeper/token")
    probe = lw.probe()
    r = lw.run([lw.name("p"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"DATABASE_PASSWORD": top}


def test_recursive_joins_path_segments_with_underscore(lw: LW):
    top = lw.seed("p/database_password")
    jwt = lw.seed("p/backend/database_password")
    tok = lw.seed("p/backend/deeper/api-token")
    probe = lw.probe()
    r = lw.run(["--recursive", lw.name("p"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {
        "DATABASE_PASSWORD": top,
        "BACKEND_DATABASE_PASSWORD": jwt,
        "BACKEND_DEEPER_API_TOKEN": tok,
    }


def test_recursive_with_only_nested_secrets(lw: LW):
    v = lw.seed("p/backend/database_password")
    probe = lw.probe()
    r = lw.run([lw.name("p"), "--recursive", "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"BACKEND_DATABASE_PASSWORD": v}


def test_env_prefix_is_prepended(lw: LW):
    v = lw.seed("app/database_password")
    w = lw.seed("app/api-key")
    probe = lw.probe()
    r = lw.run(["--env-prefix", "APP_", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"APP_DATABASE_PASSWORD": v, "APP_API_KEY": w}


def test_name_starting_with_a_digit_is_an_error(lw: LW):
    lw.seed("app/ok_name")
    lw.seed("app/1password_token")
    marker = lw.marker()
    r = lw.run([lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert "1password_token" in r.err, r
    assert not marker.ran


def test_two_secrets_mapping_to_one_variable_is_an_error(lw: LW):
    lw.seed("app/api-key")
    lw.seed("app/api_key")
    marker = lw.marker()
    r = lw.run([lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert "api-key" in r.err and "api_key" in r.err, r
    assert "API_KEY" in r.err, r
    assert not marker.ran


def test_names_differing_only_in_case_collide(lw: LW):
    lw.seed("app/DbPass")
    lw.seed("app/dbpass")
    marker = lw.marker()
    r = lw.run([lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert lines_naming(r.err, "DbPass") and lines_naming(r.err, "dbpass"), r
    assert not marker.ran


def test_recursive_collision_between_path_and_underscore(lw: LW):
    lw.seed("p/a/b")
    lw.seed("p/a_b")
    marker = lw.marker()
    r = lw.run(["--recursive", lw.name("p"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert "a/b" in r.err and "a_b" in r.err, r
    assert not marker.ran
    # Without --recursive only p/a_b is a direct child: no collision.
    probe = lw.probe()
    r = lw.run([lw.name("p"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"A_B": lw.seeded[lw.name("p/a_b")]}
