"""Rotation flows of the SOP (issue 23, items 2 and 3).

A rotation Lambda that does not exist is named as the service names it, and lwexec says what state
rotation was left in and how to turn it off. Two-phase manual rotation: --pending writes AWSPENDING
only, --promote moves AWSCURRENT to it (the old value becomes AWSPREVIOUS); one-step rotation of a
password asks first; rotation in /prod/ asks as delete does; a --watch consumer restarts at
--promote, not at --pending.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys

from conftest import LW, PY, HELPERS, wait_for

if str(HELPERS) not in sys.path:
    sys.path.insert(0, str(HELPERS))
from wire_proxy import WireProxy  # noqa: E402
from test_supervision_watch import lines, stop  # noqa: E402  (the watch tests' own helpers)

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:no-such-rotation"


def sm(lw: LW):
    return lw.emulator.client("secretsmanager")


def stages(lw: LW, name: str) -> dict[str, list[str]]:
    return sm(lw).describe_secret(SecretId=name)["VersionIdsToStages"]


def value(lw: LW, name: str, stage: str = "AWSCURRENT") -> str:
    return sm(lw).get_secret_value(SecretId=name, VersionStage=stage)["SecretString"]


# ------------------------------------------------------------------------------------ item 2
def test_missing_rotation_lambda_is_named_and_the_state_left_is_told(lw: LW):
    name = lw.name("backend/database_password")
    lw.seed("backend/database_password", "db-value-0000-aaaa")
    r = lw.run(["rotate", name, "--schedule", "30d", "--lambda", LAMBDA])
    assert r.returncode == 125, r
    assert "was not found in" not in r.err, r  # not "secret ... was not found"
    assert f"{LAMBDA} was not found (ResourceNotFoundException)" in r.err, r
    # Read back: the service kept the schedule although the rotation failed (moto does, as the issue saw).
    assert f"rotation of {name} is now on (every 30 days, Lambda {LAMBDA})" in r.err, r
    assert f"lwexec rotate {name} --off" in r.err, r
    assert sm(lw).describe_secret(SecretId=name)["RotationEnabled"] is True
    r = lw.run(["rotate", name, "--off"])
    assert r.returncode == 0, r
    assert f"rotation off for {name}" in r.out, r
    assert sm(lw).describe_secret(SecretId=name)["RotationEnabled"] is False


# ------------------------------------------------------------------------------------ item 3
def test_pending_then_promote(lw: LW):
    name = lw.name("backend/database_password")
    lw.seed("backend/database_password", "db-old-value-0000")
    old = next(v for v, s in stages(lw, name).items() if "AWSCURRENT" in s)
    r = lw.run(["rotate", name, "--generate", "--pending"])
    assert r.returncode == 0, r
    m = re.search(r"new AWSPENDING version (\S+)", r.out)
    assert m, r
    pending = m.group(1)
    assert f"lwexec read {name} --stage AWSPENDING" in r.out, r
    assert f"lwexec rotate {name} --promote" in r.out, r
    assert stages(lw, name)[pending] == ["AWSPENDING"]
    assert value(lw, name) == "db-old-value-0000"
    new = value(lw, name, "AWSPENDING")
    lw.seeded["pending"] = new
    assert len(base64.b64decode(new)) == 32

    r = lw.run(["rotate", name, "--promote"])
    assert r.returncode == 125 and "--yes" in r.err, r
    assert value(lw, name) == "db-old-value-0000"
    r = lw.run(["rotate", name, "--promote", "--yes"])
    assert r.returncode == 0, r
    assert f"promoted version {pending} of {name} to AWSCURRENT; previous {old} is now AWSPREVIOUS" in r.out, r
    assert value(lw, name) == new
    after = stages(lw, name)
    assert after[pending] == ["AWSCURRENT"] and after[old] == ["AWSPREVIOUS"], after

    r = lw.run(["rotate", name, "--promote", "--yes"])
    assert r.returncode == 125 and f"{name} has no AWSPENDING version" in r.err and "--pending" in r.err, r


def test_pending_value_from_stdin(lw: LW):
    name = lw.name("backend/service_account")
    lw.seed("backend/service_account", "sa-old-value-0000")
    r = lw.run(["rotate", name, "--pending"], input="sa-new-value-1111\n")
    lw.seeded["new"] = "sa-new-value-1111"
    assert r.returncode == 0, r
    assert value(lw, name, "AWSPENDING") == "sa-new-value-1111"
    assert value(lw, name) == "sa-old-value-0000"


def test_one_step_rotation_of_a_password_asks_and_points_at_pending(lw: LW):
    name = lw.name("backend/database_password")
    lw.seed("backend/database_password", "db-old-value-0000")
    r = lw.run(["rotate", name, "--generate"])
    assert r.returncode == 125, r
    assert "--pending" in r.err and "--yes" in r.err, r
    assert value(lw, name) == "db-old-value-0000"
    r = lw.run(["rotate", name, "--generate", "--yes"])
    assert r.returncode == 0 and "rotated" in r.out, r
    lw.seeded["new"] = value(lw, name)
    assert value(lw, name) != "db-old-value-0000"


def test_rotation_in_prod_needs_confirmation(lw: LW):
    name = f"/prod/t{lw.uid}/jwt_secret_key"
    lw.seed(name, "prod-jwt-value-0000")
    r = lw.run(["rotate", name, "--generate"])
    assert r.returncode == 125, r
    assert "refusing to rotate" in r.err and "--yes" in r.err, r
    assert value(lw, name) == "prod-jwt-value-0000"
    r = lw.run(["rotate", name, "--generate", "--yes"])
    assert r.returncode == 0, r
    lw.seeded["new"] = value(lw, name)


CHILD = r"""
import os, signal, sys
with open(sys.argv[1], "a") as f:
    f.write("%d %s\n" % (os.getpid(), os.environ.get("DATABASE_PASSWORD", "-")))
signal.pause()
"""


def test_watch_restarts_at_promote_not_at_pending(lw: LW):
    name = lw.name("app/database_password")
    lw.seed("app/database_password", "db-old-value-0000")
    log = lw.path("starts.log")
    proxy = WireProxy(lw.emulator.url)
    env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
    p = lw.popen(["--watch", "1s", lw.name("app"), "--", PY, "-c", CHILD, str(log)], env=env,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def starts() -> list[str]:
        return lines(log)

    def polls() -> int:
        return proxy.targets().count("ListSecrets")
    try:
        wait_for(lambda: len(starts()) == 1, 15, "the first start")
        r = lw.run(["rotate", name, "--generate", "--pending"])
        assert r.returncode == 0, r
        lw.seeded["pending"] = value(lw, name, "AWSPENDING")
        seen = polls()
        wait_for(lambda: polls() >= seen + 2, 10, "two polls after --pending")
        assert len(starts()) == 1, starts()
        r = lw.run(["rotate", name, "--promote", "--yes"])
        assert r.returncode == 0, r
        wait_for(lambda: len(starts()) == 2, 10, "the restart after --promote")
        assert starts()[1].split()[1] == lw.seeded["pending"]
    finally:
        stop(p)
        proxy.close()
