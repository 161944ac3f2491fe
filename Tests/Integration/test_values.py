"""Secret values reach the child byte for byte."""

from __future__ import annotations

import base64
import json

import pytest

from conftest import LW

TRICKY = {
    "newlines": "line one\nline two\r\nline three\n",
    "quotes": "it's a \"quoted\" 'value'",
    "dollar": "$HOME ${PATH} $(whoami) $$ $1",
    "backticks": "`id` and `echo pwned`",
    "backslashes": "C:\\temp\\new \\n \\\\ \\x00 \\",
    "emoji": "p\u00e4ssw\u00f6rd \U0001F510\U0001F680 \u2603",
    "cjk": "\u79d8\u5bc6\u306e\u5024 \ube44\ubc00 \u5bc6\u7801",
    "spaces": "   leading and trailing   ",
    "tabs": "\tTAB\t",
    "equals": "a=b=c==",
    "percent": "%s %d %n %%",
    "semicolon": "x; rm -rf / #",
    "single_char": "x",
    "pem": "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASC\nAUAwggE8AgEAAkEA\n-----END PRIVATE KEY-----\n",
}


def test_tricky_values_are_byte_exact(lw: LW):
    for name, value in TRICKY.items():
        lw.seed(f"v/{name}", value)
    probe = lw.probe()
    r = lw.run([lw.name("v"), "--", *probe.argv])
    assert r.returncode == 0, r
    raw = probe.raw()
    for name, value in TRICKY.items():
        assert raw.get(name.upper()) == value.encode("utf-8"), name


def test_large_value_60_kib(lw: LW):
    # 60 KiB of varied printable text, including multibyte characters.
    chunk = "0123456789abcdef-\u00e9\u4e2d\n"
    value = (chunk * (61440 // len(chunk.encode()) + 1)).encode()[:61440].decode("utf-8", "ignore")
    assert len(value.encode()) > 61400
    lw.seed("big/blob", value)
    probe = lw.probe()
    r = lw.run([lw.name("big"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.raw()["BLOB"] == value.encode()


def test_binary_secret_is_standard_base64(lw: LW):
    data = bytes(range(256)) + b"\xff\xfe\x00\x00>>??"  # '+' and '/' in the encoding
    lw.seed("bin/cert_der", binary=data)
    small = b"\x00"
    lw.seed("bin/one_byte", binary=small)
    probe = lw.probe()
    r = lw.run([lw.name("bin"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["CERT_DER"] == base64.b64encode(data).decode()
    assert base64.b64decode(env["CERT_DER"], validate=True) == data
    assert env["ONE_BYTE"] == "AA=="


def test_nul_in_value_fails_without_running_child(lw: LW):
    """moto accepts a NUL in SecretString; an environment variable cannot hold one."""
    lw.seed("nul/fine_value")
    lw.seed("nul/has_nul", "before\x00after-S3cr3t")
    marker = lw.marker()
    r = lw.run([lw.name("nul"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert "has_nul" in r.err, r
    assert b"before" not in r.stderr_bytes and b"after-S3cr3t" not in r.stderr_bytes, r
    assert not marker.ran


# ---------------------------------------------------------------------------- --expand-json
def test_expand_json_object(lw: LW):
    pw = "p-S3cr3t-json-password"
    lw.seed("j/database", json.dumps({"username": "admin", "password": pw}))
    probe = lw.probe()
    r = lw.run(["--expand-json", lw.name("j"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["DATABASE_USERNAME"] == "admin"
    assert env["DATABASE_PASSWORD"] == pw


def test_without_expand_json_the_json_text_is_one_variable(lw: LW):
    text = '{"username": "admin", "password": "p-S3cr3t-raw-json"}'
    lw.seed("j/database", text)
    probe = lw.probe()
    r = lw.run([lw.name("j"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["DATABASE"] == text
    assert "DATABASE_USERNAME" not in env and "DATABASE_PASSWORD" not in env


@pytest.mark.parametrize("value", [
    "plain string value",
    "[1, 2, 3]",
    '["a", {"b": 1}]',
    "42",
    "3.14",
    "true",
    "null",
    '"a json string"',
    "{not json at all",
    "  {\"almost\": \"json\"  ",
])
def test_expand_json_passes_non_objects_unchanged(lw: LW, value):
    lw.seed("j/setting", value)
    probe = lw.probe()
    r = lw.run(["--expand-json", lw.name("j"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["SETTING"] == value
    assert not [k for k in env if k.startswith("SETTING_")]


def test_expand_json_mixed_with_plain_secrets(lw: LW):
    plain = lw.seed("j/jwt_secret_key")
    lw.seed("j/database", json.dumps({"username": "svc", "password": "p-S3cr3t-mixed"}))
    probe = lw.probe()
    r = lw.run(["--expand-json", lw.name("j"), "--", *probe.argv])
    assert r.returncode == 0, r
    env = probe.env()
    assert env["JWT_SECRET_KEY"] == plain
    assert env["DATABASE_USERNAME"] == "svc"
    assert env["DATABASE_PASSWORD"] == "p-S3cr3t-mixed"
