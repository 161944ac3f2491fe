"""lwexec env: exactly exec's environment, as dotenv / shell / JSON, read back by real parsers."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess

import pytest
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


# What fish's single quotes read as escapes (\\' and \\\\), and what each shell might run.
SHELL_HOSTILE = HOSTILE | BRACE | {
    "fish_escape": "a\\'; touch {sentinel} #",
    "fish_backslashes": "x\\\\'; touch {sentinel}; echo '",
    "only_quote": "'",
    "only_backslash": "\\",
    "two_quotes": "''",
    "quote_backslash": "'\\",
    "substitution": "$(touch {sentinel}) (touch {sentinel}) `touch {sentinel}`",
    "tabs": "\tcol1\tcol2\t",
    "trailing_newlines": "x\n\n",
    "only_newline": "\n",
    "trailing_spaces": "spaces   ",
    "fish_specials": "{a,b} * ? ~ %self $status ; & | < >",
    "unicode_quote": "x'\u0301y \u00e9\U0001F510",
}

# Each shell reads the output as its users do: `eval "$(...)"` or `. file` in POSIX shells, `| source` in fish.
SHELLS = {
    "bash": ["bash", "-c", 'eval "$(cat "$0")" && env -0'],
    "dash": ["dash", "-c", '. "$0" && env -0'],
    "zsh": ["zsh", "-c", 'eval "$(cat "$0")" && env -0'],
    "zsh-rc_quotes": ["zsh", "-o", "rcquotes", "-c", '. "$0" && env -0'],
    "fish": ["fish", "-c", 'cat $argv[1] | source; and env -0', "--"],
}


@pytest.mark.parametrize("shell", SHELLS)
def test_shell_reads_back_exactly_and_runs_nothing(lw: LW, shell: str):
    # issue 22: fish ran `touch PWNED` from the value a\'; touch PWNED #. Every shell must read back every
    # value byte for byte, and nothing in a value may run (the sentinel file must not exist).
    argv = SHELLS[shell]
    if shutil.which(argv[0]) is None and os.environ.get("CI") != "true":
        pytest.skip(f"{argv[0]} is not installed")
    sentinel = lw.path("PWNED")
    values = {k: v.replace("{sentinel}", str(sentinel)) for k, v in SHELL_HOSTILE.items()}
    seed(lw, values)
    # Secrets Manager refuses an empty SecretString; an empty value comes from a JSON key.
    lw.seed("app/blob", json.dumps({"empty": "", "quote": "'"}))
    values |= {"blob_empty": "", "blob_quote": "'"}
    r = lw.run(["env", lw.name("app"), "--expand-json", "--format", "shell"], leak_check="stderr")
    assert r.returncode == 0, r
    script = lw.path("vars.sh")
    script.write_bytes(r.stdout)
    out = subprocess.run([*argv, str(script)], capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": str(lw.home)}, cwd=lw.tmp)
    assert not sentinel.exists(), f"{shell} ran code from a value"
    assert out.returncode == 0, out
    env = dict(e.split(b"=", 1) for e in out.stdout.split(b"\0") if e)
    want = {k.encode(): v.encode() for k, v in expected(values).items()}
    assert {k: env.get(k) for k in want} == want, out.stderr


def test_fish_does_not_run_the_value_from_issue_22(lw: LW):
    # The probe's value alone: the POSIX quoting 'a\'\''; touch ... #' made fish run touch.
    sentinel = lw.path("PWNED")
    value = f"a\\'; touch {sentinel} #"
    lw.seed("app/api_key", value)
    r = lw.run(["env", lw.name("app"), "--format", "shell"], leak_check="stderr")
    assert r.returncode == 0, r
    out = subprocess.run(["fish", "-c", "source; and printf %s $API_KEY"], input=r.stdout, capture_output=True,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(lw.home)}, cwd=lw.tmp)
    assert not sentinel.exists(), "fish ran code from a value"
    assert out.returncode == 0 and out.stdout == value.encode(), out


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
