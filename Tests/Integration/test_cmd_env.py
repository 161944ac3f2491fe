"""lwexec env: exactly exec's environment, as dotenv / shell / JSON, read back by real parsers."""

from __future__ import annotations

import io
import json
import subprocess

from dotenv import dotenv_values

from conftest import LW

HOSTILE = {
    "newlines": "line one\nline two\r\nline three\n",
    "quotes": "it's a \"quoted\" 'value'",
    "dollar": "$HOME $(whoami) $$ $1 cost: 5$",
    "backticks": "`id` and `echo pwned`",
    "backslashes": "C:\\temp\\new \\n \\\\ \\x00 \\",
    "hash": "a #not a comment # x",
    "leading_hash": "#start",
    "spaces": "   padded   ",
    "emoji": "p\u00e4ssw\u00f6rd \U0001F510 \u79d8\u5bc6",
    "equals": "a=b=c==",
    "cr_only": "a\rb",
    "mixed": "it's $HOME and \\ and \"q\" #x",
    "pem": "-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n",
}
# python-dotenv expands ${...} whatever the quoting; checked with interpolate=False.
BRACE = {"brace": "${PATH} and ${X:-y}"}


def seed(lw: LW, values: dict[str, str]) -> None:
    for k, v in values.items():
        lw.seed(f"app/{k}", v)


def expected(values: dict[str, str]) -> dict[str, str]:
    return {k.upper(): v for k, v in values.items()}


def test_dotenv_reads_back_exactly_with_python_dotenv(lw: LW):
    seed(lw, HOSTILE | BRACE)
    r = lw.run(["env", lw.name("app")], leak_check="stderr")
    assert r.returncode == 0, r
    want = expected(HOSTILE | BRACE)
    raw = dotenv_values(stream=io.StringIO(r.out), interpolate=False)
    assert dict(raw) == want
    interpolated = dotenv_values(stream=io.StringIO(r.out))
    assert {k: v for k, v in interpolated.items() if k != "BRACE"} == {k: v for k, v in want.items() if k != "BRACE"}
    # The reader that would expand ${...} is named on stderr, with the variable, not the value.
    assert "BRACE: python-dotenv expands" in r.err
    # A file on disk, as docker compose and load_dotenv read it.
    path = lw.path("app.env")
    path.write_bytes(r.stdout)
    assert dict(dotenv_values(path, interpolate=False)) == want


def test_dotenv_names_values_a_shell_would_run(lw: LW):
    # `set -a; . ./.env` ran a $(...) inside a double-quoted value: dotenv is for dotenv readers, and
    # a line a shell would run is named on stderr (with the variable, never the value).
    out = lw.path("ran")
    lw.seed("app/api_key", f"it's $(touch {out})")
    r = lw.run(["env", lw.name("app")], leak_check="stderr")
    assert r.returncode == 0, r
    notes = [ln for ln in r.err.splitlines() if "not safe to source" in ln]
    assert len(notes) == 1 and "API_KEY" in notes[0] and "touch" not in notes[0], r


def test_shell_is_safe_to_eval(lw: LW):
    seed(lw, HOSTILE | BRACE)
    r = lw.run(["env", lw.name("app"), "--format", "shell"], leak_check="stderr")
    assert r.returncode == 0, r
    # Evaluate in bash and dump the exported variables NUL-separated.
    script = r.out + "\nfor v in " + " ".join(expected(HOSTILE | BRACE)) + '; do printf "%s=%s\\0" "$v" "${!v}"; done'
    out = subprocess.run(["bash", "-c", 'eval "$0"', script], capture_output=True, check=True, env={"PATH": "/usr/bin:/bin"})
    got = dict(e.split("=", 1) for e in out.stdout.decode().split("\0") if e)
    assert got == expected(HOSTILE | BRACE)
    # And in a POSIX sh: the same exports.
    out = subprocess.run(["sh", "-c", r.out + "\nenv -0"], capture_output=True, check=True, env={"PATH": "/usr/bin:/bin"})
    env = dict(e.split("=", 1) for e in out.stdout.decode().split("\0") if e)
    assert {k: env[k] for k in expected(HOSTILE)} == expected(HOSTILE)


def test_json_and_equality_with_exec(lw: LW):
    seed(lw, HOSTILE)
    lw.seed("shared/region_name", "eu-west-1")
    args = [lw.name("shared"), lw.name("app"), "--env-prefix", "APP_"]
    r = lw.run(["env", *args, "--format", "json"], leak_check="stderr")
    assert r.returncode == 0, r
    got = json.loads(r.out)
    probe = lw.probe()
    e = lw.run([*args, "--pristine", "--", *probe.argv])
    assert e.returncode == 0, e
    assert got == probe.env()
    assert got["APP_QUOTES"] == HOSTILE["quotes"] and got["APP_REGION_NAME"] == "eu-west-1"


def test_env_fails_like_exec(lw: LW):
    r = lw.run(["env", lw.name("nothing_here")])
    assert r.returncode == 125, r
    assert "no secrets under" in r.err
    r = lw.run(["env", lw.name("nothing_here"), "--allow-empty", "--format", "json"])
    assert r.returncode == 0, r
    assert json.loads(r.out) == {}
