"""credential_process: run without a shell, JSON Version 1, errors quote stderr but never stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import LW, PY

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import ALLOW_ALL, config_section, no_cred_env, write_aws_files, write_exe  # noqa: E402


@pytest.fixture
def app(lw: LW):
    return lw.name("app"), lw.seed("app/database_password")


def process_script(lw: LW, stdout: str, stderr: str = "", code: int = 0, name: str = "creds tool.py") -> Path:
    d = lw.tmp / "bin dir"
    d.mkdir(exist_ok=True)
    return write_exe(d / name, f"#!{PY}\nimport sys\nsys.stdout.write({stdout!r})\n"
                               f"sys.stderr.write({stderr!r})\nsys.exit({code})\n")


def profile_env(lw: LW, script: Path, extra_args: str = "") -> dict:
    cmd = f'"{script}"' + extra_args
    return {**no_cred_env(lw.emulator), **write_aws_files(lw, config_section("p", credential_process=cmd)),
            "AWS_PROFILE": "p"}


def creds_json(keys, **extra) -> str:
    return json.dumps({"Version": 1, "AccessKeyId": keys.access_key_id, "SecretAccessKey": keys.secret_access_key, **extra})


def test_process_credentials_work(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    script = process_script(lw, creds_json(keys, Expiration="2099-01-01T00:00:00Z"))
    probe = lw.probe()
    r = lw.run([app[0], "--", *probe.argv], env=profile_env(lw, script, " --flag 'two words'"))
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == app[1]


def test_arguments_are_split_like_a_shell(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    d = lw.tmp / "bin dir"
    d.mkdir(exist_ok=True)
    out = lw.tmp / "argv.json"
    script = write_exe(d / "argv tool.py", f"#!{PY}\nimport json, sys\n"
                       f"open({str(out)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
                       f"print({creds_json(keys)!r})\n")
    r = lw.run([app[0], "--", "true"], env=profile_env(lw, script, r""" a\ b "c \"d\"" 'e $f' $HOME"""))
    assert r.returncode == 0, r
    assert json.loads(out.read_text()) == ["a b", 'c "d"', "e $f", "$HOME"]


def test_malformed_output_quotes_stderr_never_stdout(lw: LW, app):
    keys = lw.make_user(ALLOW_ALL)
    leaky = '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s"' % (keys.access_key_id, keys.secret_access_key)
    script = process_script(lw, leaky, stderr="warning: token cache is stale\n")
    marker = lw.marker()
    r = lw.run([app[0], "--", *marker.argv], env=profile_env(lw, script))
    assert r.returncode == 125 and not marker.ran, r
    assert "credential_process of profile p printed malformed output" in r.err, r
    assert "token cache is stale" in r.err, r
    assert keys.secret_access_key not in r.err and keys.access_key_id not in r.err, r


def test_wrong_version_is_malformed(lw: LW, app):
    script = process_script(lw, json.dumps({"Version": 2, "AccessKeyId": "AKIAX", "SecretAccessKey": "sk"}))
    r = lw.run([app[0], "--", "true"], env=profile_env(lw, script))
    assert r.returncode == 125 and "Version must be 1" in r.err, r


def test_failing_process_quotes_its_stderr(lw: LW, app):
    script = process_script(lw, "SECRET-STDOUT-SHOULD-NOT-SHOW", stderr="login required: run sso-helper login\n", code=3)
    marker = lw.marker()
    r = lw.run([app[0], "--", *marker.argv], env=profile_env(lw, script))
    assert r.returncode == 125 and not marker.ran, r
    assert "exited with status 3" in r.err and "login required" in r.err, r
    assert "SECRET-STDOUT-SHOULD-NOT-SHOW" not in r.err, r


def test_missing_program(lw: LW, app):
    env = {**no_cred_env(lw.emulator),
           **write_aws_files(lw, config_section("p", credential_process="/nonexistent/tool --x")), "AWS_PROFILE": "p"}
    r = lw.run([app[0], "--", "true"], env=env)
    assert r.returncode == 125 and "could not start /nonexistent/tool" in r.err, r


def test_unterminated_quote(lw: LW, app):
    env = {**no_cred_env(lw.emulator),
           **write_aws_files(lw, config_section("p", credential_process="tool 'oops")), "AWS_PROFILE": "p"}
    r = lw.run([app[0], "--", "true"], env=env)
    assert r.returncode == 125 and "no closing single quote" in r.err, r


def test_a_credential_process_during_watch_gets_an_empty_signal_mask(lw: LW, app):
    # The --watch supervisor blocks every signal; a credential_process it starts for a poll must not
    # inherit that mask (it could not be stopped by SIGTERM). Each run records its SigBlk line.
    import os
    import signal
    import subprocess
    from conftest import wait_for
    keys = lw.make_user(ALLOW_ALL)
    record = lw.path("sigblk")
    d = lw.tmp / "bin dir"
    d.mkdir(exist_ok=True)
    script = write_exe(d / "creds.py", f"#!{PY}\nimport sys\n"
                       f"blk = [l for l in open('/proc/self/status') if l.startswith('SigBlk')][0]\n"
                       f"open({str(record)!r}, 'a').write(blk)\n"
                       f"sys.stdout.write({creds_json(keys)!r})\n")
    env = profile_env(lw, script)
    p = lw.popen(["--watch", "1s", app[0], "--", PY, "-c", "import time; time.sleep(60)"], env=env,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # The first line is the start's, before the supervisor runs; later ones are the polls'.
        lines = wait_for(lambda: (r := record.read_text().splitlines() if record.exists() else []) and len(r) >= 3 and r,
                         20, "credential_process runs during --watch polls")
    finally:
        os.kill(p.pid, signal.SIGTERM)
        p.wait(10)
    assert all(ln.split()[1] == "0000000000000000" for ln in lines), lines
