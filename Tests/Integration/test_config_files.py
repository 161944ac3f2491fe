"""The shared config and credentials files as the AWS SDKs read them (issue 14): a malformed line fails
the run with the file and line (exit 125, the child never runs, nothing is signed), continuation lines
and sub-properties, whitespace in section headers, `[profile default]` over `[default]`, which sections
are profiles in which file, and a default-location file that cannot be read treated as absent."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import LW, lwexec_bin

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import run_fails, ALLOW_ALL, no_cred_env, write_aws_files  # noqa: E402

FAKE_SECRET = "wJalrXUtnFEMI-not-a-real-key-7f3a"


def keys_env(lw: LW) -> dict[str, str]:
    """The emulator's keys, region and endpoints in the environment (the files then only add settings)."""
    return dict(lw.emulator.env())


def whoami(lw: LW, env: dict, *args: str) -> dict:
    r = lw.run(["whoami", "--json", *args], env=env)
    assert r.returncode == 0, r
    return json.loads(r.out)


# ----------------------------------------------------------------------------- malformed files

MALFORMED = [
    # (config text, line, what the error says)
    ("[profile dev\nregion = eu-west-1\n", 1, "Profile definition must end with ']'"),
    (f"aws_secret_access_key = {FAKE_SECRET}\n[default]\n", 1, "Expected a profile definition"),
    ("[default]\nregion = eu-west-1\n= value\n", 3, "Property did not have a name"),
    (f"[default]\nregion = eu-west-1\naws_secret_access_key : {FAKE_SECRET}\n", 3,
     "Expected an '=' sign defining a property"),
    ("[default]\n  region = eu-west-1\n", 2, "Expected a property definition, found continuation"),
    ("  -continued\n[default]\n", 1, "Expected a profile definition"),
    ("[default]\nservices = x\n[services x]\nsecrets_manager =\n  endpoint_url\n", 5,
     "Expected an '=' sign defining a sub-property"),
]


@pytest.mark.parametrize("config,line,what", MALFORMED, ids=[m[2] for m in MALFORMED])
def test_malformed_config_fails_with_file_and_line(lw: LW, config: str, line: int, what: str):
    lw.seed("app/database_password")
    files = write_aws_files(lw, config)
    r = run_fails(lw, lw.name("app"), {**keys_env(lw), **files})
    first = r.err.splitlines()[0]
    assert first.startswith(f"lwexec: {files['AWS_CONFIG_FILE']} line {line}: {what}"), r
    assert len(r.err.splitlines()) == 2, "a message and a hint"
    assert FAKE_SECRET not in r.err, "the error must not quote the line"


def test_malformed_credentials_file_fails_even_for_another_profile(lw: LW):
    """The SDKs refuse the whole file: a broken line under another profile still fails the run."""
    lw.seed("app/database_password")
    files = write_aws_files(lw, "[default]\nregion = us-east-1\n",
                            "[default]\naws_access_key_id = AKIAEXAMPLE\n[other]\naws_secret_access_key\n")
    r = run_fails(lw, lw.name("app"), {**keys_env(lw), **files})
    assert f"{files['AWS_SHARED_CREDENTIALS_FILE']} line 4: Expected an '=' sign defining a property" in r.err, r


def test_keys_before_a_bad_line_are_never_used(lw: LW):
    """Valid keys above the bad line: lwexec does not sign with what it read before it."""
    lw.seed("app/database_password")
    user = lw.make_user(ALLOW_ALL)
    creds = (f"[default]\naws_access_key_id = {user.access_key_id}\n"
             f"aws_secret_access_key = {user.secret_access_key}\nthis line is broken\n")
    files = write_aws_files(lw, "", creds)
    r = run_fails(lw, lw.name("app"), {**no_cred_env(lw.emulator), **files})
    assert "line 4: Expected an '=' sign" in r.err, r


def test_a_cached_run_fails_too_once_the_file_is_broken(lw: LW):
    """The warm-start launcher serves from the keyring only after reading the files; a broken file fails."""
    value = lw.seed("app/database_password")
    files = write_aws_files(lw, "[default]\nregion = us-east-1\n")
    env = {**keys_env(lw), **files}
    probe = lw.probe()
    r = lw.run(["--cache", lw.name("app"), "--", *probe.argv], env=env)
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == value
    Path(files["AWS_CONFIG_FILE"]).write_text("[default]\nregion = us-east-1\n[profile broken\n")
    r = run_fails(lw, lw.name("app"), env, args=["--cache"])
    assert "line 3: Profile definition must end with ']'" in r.err, r


# ----------------------------------------------------------------------------- what is read

def test_services_sub_properties_with_an_indented_comment(lw: LW):
    value = lw.seed("app/database_password")
    config = ("[default]\nservices = local\n"
              "[services local]\n"
              "secrets_manager =\n"
              "  # the local emulator\n"
              f"  endpoint_url = {lw.emulator.url}\n")
    files = write_aws_files(lw, config)
    env = {k: v for k, v in keys_env(lw).items() if k != "AWS_ENDPOINT_URL_SECRETS_MANAGER"}
    probe = lw.probe()
    r = lw.run([lw.name("app"), "--", *probe.argv], env={**env, **files})
    assert r.returncode == 0, r
    assert probe.env()["DATABASE_PASSWORD"] == value


@pytest.mark.parametrize("header", ["[profile\tdev]", "[profile \tdev \t]", "[   profile dev   ]", "[profile dev] ; note"])
def test_whitespace_in_section_headers(lw: LW, header: str):
    keys = lw.emulator.admin_keys  # in the profile: --profile makes lwexec skip the environment's keys
    files = write_aws_files(lw, f"{header}\nregion = eu-north-1\naws_access_key_id = {keys.access_key_id}\n"
                                f"aws_secret_access_key = {keys.secret_access_key}\n")
    env = {k: v for k, v in no_cred_env(lw.emulator).items() if k != "AWS_REGION"}
    assert whoami(lw, {**env, **files}, "--profile", "dev")["Region"] == "eu-north-1"


@pytest.mark.parametrize("config", [
    "[default]\nregion = ap-south-1\n[profile default]\nregion = eu-north-1\n",
    "[profile default]\nregion = eu-north-1\n[default]\nregion = ap-south-1\n",
], ids=["prefixed-last", "prefixed-first"])
def test_profile_default_wins_over_default(lw: LW, config: str):
    files = write_aws_files(lw, config)
    env = {k: v for k, v in keys_env(lw).items() if k != "AWS_REGION"}
    assert whoami(lw, {**env, **files})["Region"] == "eu-north-1"


def test_prefixed_section_in_credentials_file_is_not_a_profile(lw: LW):
    lw.seed("app/database_password")
    user = lw.make_user(ALLOW_ALL)
    creds = (f"[profile dev]\naws_access_key_id = {user.access_key_id}\n"
             f"aws_secret_access_key = {user.secret_access_key}\n")
    files = write_aws_files(lw, "", creds)
    r = run_fails(lw, lw.name("app"), {**no_cred_env(lw.emulator), **files, "AWS_PROFILE": "dev"})
    assert "profile dev is not in" in r.err, r


def test_invalid_profile_name_is_ignored(lw: LW):
    lw.seed("app/database_password")
    files = write_aws_files(lw, "[profile in valid]\nregion = eu-north-1\n[profile ok]\nregion = eu-north-1\n")
    r = run_fails(lw, lw.name("app"), {**keys_env(lw), **files}, args=["--profile", "in valid"])
    assert "profile in valid is not in" in r.err, r
    assert "known profiles: ok" in r.err, r


# ----------------------------------------------------------------------------- unreadable files

@pytest.fixture
def nobody():
    """Runs lwexec as uid/gid 65534 (needs root and setpriv); yields (argv prefix, a dir nobody can use)."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to run as another user")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    check = subprocess.run(prefix + [str(lwexec_bin()), "--version"], capture_output=True)
    if check.returncode != 0:
        pytest.skip(f"nobody cannot run {lwexec_bin()}: {check.stderr!r}")
    work = tempfile.mkdtemp(prefix="lwexec-cfg-")
    os.chmod(work, 0o755)
    try:
        yield prefix, Path(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_as(lw: LW, prefix: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    argv = [str(lwexec_bin()), lw.name("app"), "--", "/bin/sh", "-c", 'printf %s "$DATABASE_PASSWORD"']
    return subprocess.run(prefix + argv, env=env, capture_output=True, timeout=20, cwd=cwd)


def test_unreadable_default_files_are_absent(lw: LW, nobody):
    """HOME's ~/.aws owned by root and unreadable to the user (HOME=/root in a container run as
    another user): the SDKs treat the default files as absent, and so does lwexec."""
    prefix, work = nobody
    value = lw.seed("app/database_password")
    home = work / "home"
    (home / ".aws").mkdir(parents=True)
    os.chmod(home, 0o755)
    (home / ".aws" / "config").write_text("[default]\nregion = us-east-1\n")
    (home / ".aws" / "credentials").write_text("[default]\naws_access_key_id = AKIAEXAMPLE\n")
    os.chmod(home / ".aws" / "config", 0o600)
    os.chmod(home / ".aws" / "credentials", 0o600)
    for aws_dir_mode in (0o755, 0o700):  # the files unreadable; then the directory itself
        os.chmod(home / ".aws", aws_dir_mode)
        env = lw.full_env(extra_env={"HOME": str(home)})
        p = run_as(lw, prefix, env, work)
        assert p.returncode == 0, p
        assert p.stdout.decode() == value


def test_unreadable_named_file_is_an_error(lw: LW, nobody):
    prefix, work = nobody
    lw.seed("app/database_password")
    config = work / "config"
    config.write_text("[default]\nregion = us-east-1\n")
    os.chmod(config, 0o600)
    for var in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        env = lw.full_env(extra_env={"HOME": str(work), var: str(config)})
        p = run_as(lw, prefix, env, work)
        err = p.stderr.decode()
        assert p.returncode == 125, p
        assert p.stdout == b"", "the child must not run"
        assert f"cannot read {config}: Permission denied" in err, err
        assert var in err, err


# ----------------------------------------------------------------------------- large files (issue 22)
# A file over 8 KiB is checked whole but read a section at a time (ConfigFileIndex): the same errors at
# the same lines, and the same profiles, as the whole parse of a small file.

def generated_profiles(count: int) -> str:
    """`count` profiles as account-vending tools write them (well over 8 KiB for a few hundred)."""
    return "".join(f"[profile acct-{100000000000 + i}-Admin]\nrole_arn = arn:aws:iam::{100000000000 + i}:role/Admin\n"
                   f"source_profile = default\nregion = eu-west-1\n\n" for i in range(count))


@pytest.mark.parametrize("config,line,what", MALFORMED, ids=[m[2] for m in MALFORMED])
def test_malformed_line_after_thousands_of_profiles_fails_at_its_line(lw: LW, config: str, line: int, what: str):
    lw.seed("app/database_password")
    filler = generated_profiles(2000)
    # The bad text after the generated profiles (its line numbers shift by theirs); a leading section
    # keeps "before any section" cases meaning the same thing there.
    text = filler + config if not config.startswith(("aws_", "  ")) else config + filler
    at = line + (filler.count("\n") if text.startswith(filler) else 0)
    files = write_aws_files(lw, text)
    r = run_fails(lw, lw.name("app"), {**keys_env(lw), **files})
    assert r.err.splitlines()[0].startswith(f"lwexec: {files['AWS_CONFIG_FILE']} line {at}: {what}"), r


def test_profile_at_the_end_of_thousands_is_read(lw: LW):
    config = (generated_profiles(5000) + "[profile chosen]\nregion = eu-north-1\n"
              + "[profile acct-100000000007-Admin]\nregion = ap-south-1\n")
    files = write_aws_files(lw, config)
    env = {k: v for k, v in keys_env(lw).items() if k != "AWS_REGION"}
    assert whoami(lw, {**env, **files, "AWS_PROFILE": "chosen"})["Region"] == "eu-north-1"
    # A repeated section adds to the first one, wherever it is.
    assert whoami(lw, {**env, **files, "AWS_PROFILE": "acct-100000000007-Admin"})["Region"] == "ap-south-1"
