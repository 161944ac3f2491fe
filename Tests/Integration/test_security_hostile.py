"""Hostile secret values in lwexec's error paths: nothing of a value, a secret access key or a
session token reaches lwexec's own output (every run is scanned by the harness; these seed
values chosen to survive or subvert a careless formatter: option names, printf directives,
terminal escapes, 64 KiB), and the values that do reach the child arrive byte for byte."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402


def hostile(tag: str) -> dict[str, str]:
    """Values that each carry a unique marker, so a leak of any part is caught."""
    u = uuid.uuid4().hex[:12]
    return {
        "option": f"--pristine --help -v {tag}{u}",
        "format": f"%s%n%x%p%99999999s%{{}}{{0}}${{HOME}}$(id)`id`{tag}{u}",
        "ansi": f"\x1b[31m\x1b]0;owned\x07\x1b[2J\x1b[?1049h\r{tag}{u}\x1b[0m",
        "big": (f"{tag}{u}-" + "A" * 65536)[:65536],
        "newline": f"line1\nlwexec: fake message\n{tag}{u}",
    }


def seed_hostile(lw: LW, where: str, tag: str) -> dict[str, str]:
    return {k: lw.seed(f"{where}/{k}_value", v) for k, v in hostile(tag).items()}


def no_control_bytes(err: str) -> None:
    """lwexec's own messages carry no terminal escapes (names are SOP-restricted; values never appear)."""
    assert "\x1b" not in err and "\x07" not in err, repr(err)


def test_collision_with_hostile_values_prints_names_only(lw: LW):
    seed_hostile(lw, "col", "col")
    lw.seed("col/api-key", "--help %n \x1b[31m colliding-value-1")
    lw.seed("col/api_key", "-v %s%s%s \x1b]0;x\x07 colliding-value-2")
    marker = lw.marker()
    r = lw.run(["-v", lw.name("col"), "--", *marker.argv])
    assert r.returncode == 125 and not marker.ran, r
    assert "api-key" in r.err and "api_key" in r.err, r
    no_control_bytes(r.err)


def test_nul_value_among_hostile_values_prints_no_value(lw: LW):
    seed_hostile(lw, "nul", "nul")
    lw.seed("nul/has_nul", "%s%n\x1b[31m-before\x00after-hostile")
    marker = lw.marker()
    r = lw.run(["-v", lw.name("nul"), "--", *marker.argv])
    assert r.returncode == 125 and not marker.ran, r
    assert "has_nul" in r.err, r
    assert b"before" not in r.stderr_bytes and b"after-hostile" not in r.stderr_bytes, r
    no_control_bytes(r.err)


def test_invalid_variable_name_with_hostile_values(lw: LW):
    seed_hostile(lw, "inv", "inv")
    lw.seed("inv/9starts_with_digit", "%n%n%n\x1b[2J-digit-value")
    marker = lw.marker()
    r = lw.run(["-v", lw.name("inv"), "--", *marker.argv])
    assert r.returncode == 125 and not marker.ran, r
    no_control_bytes(r.err)


def test_denied_after_some_values_were_fetched(lw: LW):
    """--secret under least privilege: three GetSecretValue succeed, one is denied (by the proxy):
    the message names the denied secret; none of the fetched values appears."""
    names = [lw.name(f"den/{k}_value") for k in seed_hostile(lw, "den", "den")]
    keys = lw.read_only_user()
    target = names[1].encode()

    class Deny(ChaosProxy):
        def _serve(self, h, body):
            if target in body and (h.headers.get("X-Amz-Target") or "").endswith("GetSecretValue"):
                return self._error(h, 400, "AccessDeniedException",
                                   "User is not authorized to perform: secretsmanager:GetSecretValue")
            return super()._serve(h, body)

    marker = lw.marker()
    with Deny(lw.emulator.url) as proxy:
        env = {**lw.emulator.env(keys), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
        r = lw.run(["-v", *[x for n in names for x in ("--secret", n)], "--", *marker.argv], env=env)
    assert r.returncode == 125 and not marker.ran, r
    assert "format_value" in r.err and "denied" in r.err.lower(), r
    no_control_bytes(r.err)


def test_verbose_success_with_hostile_values_is_exact_and_silent(lw: LW):
    values = seed_hostile(lw, "ok", "ok")
    probe = lw.probe()
    r = lw.run(["-v", lw.name("ok"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    for k, v in values.items():
        assert env[f"{k.upper()}_VALUE"] == v, k
    no_control_bytes(r.err)


def test_session_token_and_secret_key_never_printed(lw: LW):
    """A (hostile) session token the emulator rejects: the error path must not echo it."""
    lw.seed("tok/plain", "plain-secret-value-123")
    token = "FwoGZXIvYXdzE%s%n\x1b[31m" + uuid.uuid4().hex * 8
    lw.secret_keys.append(token)
    marker = lw.marker()
    r = lw.run(["-v", lw.name("tok"), "--", *marker.argv], extra_env={"AWS_SESSION_TOKEN": token})
    # moto may ignore the token (success) or reject it (125); either way it never appears.
    assert r.returncode in (0, 125), r
    assert token[-32:].encode() not in r.stderr_bytes + r.stdout, r
    no_control_bytes(r.err)


@pytest.mark.parametrize("value", ["--help", "-v", "--", "--pristine", "-s"])
def test_values_that_look_like_options_are_only_values(lw: LW, value):
    lw.seed("opt/flag_like", value)
    probe = lw.probe()
    r = lw.run([lw.name("opt"), "--", *probe.argv], leak_check=False)
    assert r.returncode == 0 and r.out == "", r
    assert probe.env()["FLAG_LIKE"] == value


def test_pristine_child_has_only_the_hostile_secrets(lw: LW):
    values = seed_hostile(lw, "pri", "pri")
    probe = lw.probe()
    r = lw.run(["--pristine", lw.name("pri"), "--", *probe.argv],
               extra_env={"INHERITED_TOKEN": "must-not-pass-through"})
    assert r.returncode == 0, r
    env = probe.env()
    assert set(env) == {f"{k.upper()}_VALUE" for k in values}, sorted(env)
