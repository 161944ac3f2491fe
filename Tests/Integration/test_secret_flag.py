"""--secret NAME[=VAR]: single secrets, also for a user that may only GetSecretValue."""

from __future__ import annotations

import re

import pytest

from conftest import LW


@pytest.fixture
def ro(lw: LW):
    """A user allowed only secretsmanager:GetSecretValue: ListSecrets and
    BatchGetSecretValue are denied, so lwexec must fall back to GetSecretValue.
    (moto can't scope by resource; see scripts/emulator.py.)"""
    return lw.read_only_user()


def test_secret_alone_with_least_privilege_user(lw: LW, ro):
    v = lw.seed("sec/db_pass")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("sec/db_pass"), "--", *probe.argv], keys=ro)
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"DB_PASS": v}


def test_several_secrets_with_least_privilege_user(lw: LW, ro):
    a = lw.seed("sec/db_pass")
    b = lw.seed("other/api-key")
    c = lw.seed("deep/er/path/jwt_secret_key")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("sec/db_pass"), "--secret", lw.name("other/api-key"),
                "--secret", lw.name("deep/er/path/jwt_secret_key"), "--", *probe.argv], keys=ro)
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"DB_PASS": a, "API_KEY": b, "JWT_SECRET_KEY": c}


def test_few_secrets_take_one_round_trip_of_get_secret_value(lw: LW, ro):
    """Under the SOP's least-privilege policy, a handful of --secret flags cost one round trip
    of GetSecretValue calls (10,000 TPS quota), never a denied BatchGetSecretValue first."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "helpers"))
    from wire_proxy import WireProxy

    names = [lw.name(f"few/s{i}") for i in range(3)]
    expected = {f"S{i}": lw.seed(f"few/s{i}") for i in range(3)}
    proxy = WireProxy(lw.emulator.url, latency=0.25)  # rounds are told apart by overlap, as on a network
    try:
        probe = lw.probe()
        args = [a for n in names for a in ("--secret", n)]
        r = lw.run([*args, "--", *probe.argv], keys=ro, extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})
        assert r.returncode == 0, r
        assert lw.secret_vars(probe.env()) == expected
        assert proxy.targets() == ["GetSecretValue"] * 3, proxy.targets()
        assert proxy.rounds() == 1, proxy.calls
    finally:
        proxy.close()


def test_many_secrets_with_least_privilege_user(lw: LW, ro):
    """More than one BatchGetSecretValue batch (20) worth of --secret flags."""
    args, expected = [], {}
    for i in range(23):
        expected[f"S{i}"] = lw.seed(f"many/s{i}")
        args += ["--secret", lw.name(f"many/s{i}")]
    probe = lw.probe()
    r = lw.run([*args, "--", *probe.argv], keys=ro)
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == expected


def test_secret_rename(lw: LW, ro):
    v = lw.seed("sec/db_pass")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("sec/db_pass") + "=PGPASSWORD", "--", *probe.argv], keys=ro)
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"PGPASSWORD": v}


def test_same_secret_twice_under_two_names(lw: LW):
    v = lw.seed("sec/db_pass")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("sec/db_pass") + "=PGPASSWORD",
                "--secret", lw.name("sec/db_pass") + "=DATABASE_PASSWORD", "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"PGPASSWORD": v, "DATABASE_PASSWORD": v}


def test_secret_with_admin_user(lw: LW):
    v = lw.seed("sec/db_pass")
    b = lw.seed("sec/blob", binary=b"\x00\x01binary\xff")
    probe = lw.probe()
    r = lw.run(["--secret", lw.name("sec/db_pass"), "--secret", lw.name("sec/blob"),
                "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"DB_PASS": v, "BLOB": b}


@pytest.mark.parametrize("user", ["admin", "least-privilege"])
def test_missing_secret_is_125_and_named(lw: LW, ro, user):
    lw.seed("sec/db_pass")
    missing = lw.name(f"sec/not_there_{user.replace('-', '_')}")
    marker = lw.marker()
    r = lw.run(["--secret", lw.name("sec/db_pass"), "--secret", missing, "--", *marker.argv],
               keys=ro if user != "admin" else None)
    assert r.returncode == 125, r
    assert missing in r.err, r
    assert not marker.ran


def test_prefix_with_least_privilege_user_is_denied(lw: LW, ro):
    lw.seed("sec/db_pass")
    marker = lw.marker()
    r = lw.run([lw.name("sec"), "--", *marker.argv], keys=ro)
    assert r.returncode == 125, r
    assert re.search(r"AccessDenied|not authori[sz]ed|denied", r.err, re.I), r
    assert not marker.ran
