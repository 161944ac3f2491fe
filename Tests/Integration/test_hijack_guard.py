"""The hijack guard (issue 15): a secret may not set a variable that changes how the command, its
shell or its interpreter loads code — unless the run says `--allow-variable NAME`. On fresh
resolutions, in `lwexec env`, and on cache hits served by the static launcher."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import LW


def refused(r, marker, secret: str, variable: str) -> None:
    assert r.returncode == 125, r
    assert not marker.ran, f"the child ran\n{r}"
    lines = r.err.strip().splitlines()
    assert len(lines) == 2, r
    assert secret in lines[0] and variable in lines[0] and "refuses" in lines[0], r
    assert f"--allow-variable {variable}" in lines[1], r


@pytest.mark.parametrize("rel,variable", [
    ("bash_env", "BASH_ENV"), ("ld_preload", "LD_PRELOAD"), ("ld_library_path", "LD_LIBRARY_PATH"),
    ("node_options", "NODE_OPTIONS"), ("path", "PATH"), ("pythonpath", "PYTHONPATH"), ("ps4", "PS4"),
    ("java_tool_options", "JAVA_TOOL_OPTIONS"), ("perl5opt", "PERL5OPT"), ("gconv_path", "GCONV_PATH"),
    # issue 22: one per family added (docs/security.md lists each family with its documentation)
    ("git_config_parameters", "GIT_CONFIG_PARAMETERS"), ("git_ssh_command", "GIT_SSH_COMMAND"),
    ("git_config_value_3", "GIT_CONFIG_VALUE_3"), ("ssh_askpass", "SSH_ASKPASS"), ("lessopen", "LESSOPEN"),
    ("editor", "EDITOR"), ("java_opts", "JAVA_OPTS"), ("dotnet_startup_hooks", "DOTNET_STARTUP_HOOKS"),
    ("coreclr_profiler_path_64", "CORECLR_PROFILER_PATH_64"), ("erl_aflags", "ERL_AFLAGS"),
    ("elixir_erl_options", "ELIXIR_ERL_OPTIONS"), ("phprc", "PHPRC"), ("php_ini_scan_dir", "PHP_INI_SCAN_DIR"),
    ("npm_config_script_shell", "NPM_CONFIG_SCRIPT_SHELL"), ("bundle_gemfile", "BUNDLE_GEMFILE"),
    ("lua_init_5_4", "LUA_INIT_5_4"), ("r_profile_user", "R_PROFILE_USER"), ("openssl_conf", "OPENSSL_CONF"),
    ("prompt_command", "PROMPT_COMMAND"), ("xdg_config_home", "XDG_CONFIG_HOME"),
])
def test_a_secret_that_would_load_code_stops_the_run(lw: LW, rel: str, variable: str):
    lw.seed("web/database_password", f"pw-{lw.uid}-0001")
    lw.seed(f"web/{rel}", "$(id > /tmp/lwexec-hijacked)")
    marker = lw.marker()
    r = lw.run([lw.name("web"), "--", *marker.argv])
    refused(r, marker, lw.name(f"web/{rel}"), variable)


def test_the_bash_env_attack_does_not_run(lw: LW):
    # What the review did: a bash entrypoint and a BASH_ENV secret that runs `id`.
    out = lw.path("hijacked")
    lw.seed("web/bash_env", str(lw.path("evil.sh")))
    lw.path("evil.sh").write_text(f"id > {out}\n")
    r = lw.run([lw.name("web"), "--", "bash", "-c", "true"])
    assert r.returncode == 125 and not out.exists(), r


def _git_repo(lw: LW):
    repo = lw.path("repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _seed_git_fsmonitor(lw: LW, out) -> None:
    # What the probe did (issue 22): three secrets make `git status` run a command of their choosing.
    lw.seed("web/git_config_count", "1")
    lw.seed("web/git_config_key_0", "core.fsmonitor")
    lw.seed("web/git_config_value_0", f"touch {out}; false")


def test_the_git_config_attack_does_not_run(lw: LW):
    repo = _git_repo(lw)
    out = lw.path("fsmonitor-ran")
    _seed_git_fsmonitor(lw, out)
    r = lw.run([lw.name("web"), "--", "git", "-C", str(repo), "status", "--short"])
    assert r.returncode == 125 and not out.exists(), r
    lines = r.err.strip().splitlines()
    assert len(lines) == 2, r
    assert re.search(r"secret \S+/web/git_config_\w+ would set GIT_CONFIG_\w+, which .*git.*; lwexec refuses it$", lines[0]), r
    assert "--allow-variable GIT_CONFIG_" in lines[1], r


def test_allow_variable_takes_a_pattern_matched_name(lw: LW):
    # GIT_CONFIG_KEY_0 and GIT_CONFIG_VALUE_0 are guarded by pattern: --allow-variable names them exactly,
    # and then the command really gets them (here: git runs the configured command, as it would without lwexec).
    repo = _git_repo(lw)
    out = lw.path("fsmonitor-ran")
    _seed_git_fsmonitor(lw, out)
    allow = ["--allow-variable", "GIT_CONFIG_COUNT", "--allow-variable", "GIT_CONFIG_KEY_0"]
    r = lw.run([*allow, lw.name("web"), "--", "git", "-C", str(repo), "status", "--short"])
    assert r.returncode == 125 and "GIT_CONFIG_VALUE_0" in r.err.splitlines()[0] and not out.exists(), r
    r = lw.run([*allow, "--allow-variable", "GIT_CONFIG_VALUE_0", lw.name("web"), "--", "git", "-C", str(repo),
                "status", "--short"])
    assert r.returncode == 0 and out.exists(), r


def test_allow_variable_lets_one_name_through(lw: LW):
    lw.seed("web/node_options", "--max-old-space-size=512")
    lw.seed("web/ld_preload", "/usr/lib/libjemalloc.so")
    probe = lw.probe()
    r = lw.run(["--allow-variable", "NODE_OPTIONS", lw.name("web"), "--", *probe.argv])
    assert r.returncode == 125 and "LD_PRELOAD" in r.err and "NODE_OPTIONS" not in r.err.splitlines()[0], r
    # The child's loader names the missing library on stderr: that is the child speaking, not lwexec.
    r = lw.run(["--allow-variable", "NODE_OPTIONS", "--allow-variable=LD_PRELOAD", lw.name("web"), "--", *probe.argv],
               leak_check=False)
    assert r.returncode == 0, r
    env = probe.env()
    assert env["NODE_OPTIONS"] == "--max-old-space-size=512" and env["LD_PRELOAD"] == "/usr/lib/libjemalloc.so"


def test_an_explicit_variable_name_is_guarded_too(lw: LW):
    lw.seed("web/innocent", "/tmp/x.so")
    marker = lw.marker()
    r = lw.run(["--secret", f"{lw.name('web/innocent')}=LD_AUDIT", "--", *marker.argv])
    refused(r, marker, lw.name("web/innocent"), "LD_AUDIT")


def test_env_prints_nothing_for_a_guarded_secret(lw: LW):
    lw.seed("web/bash_env", "/tmp/evil.sh")
    r = lw.run(["env", lw.name("web"), "--format", "shell"])
    assert r.returncode == 125 and r.out == "" and "BASH_ENV" in r.err, r
    r = lw.run(["env", "--allow-variable", "BASH_ENV", lw.name("web"), "--format", "shell"], leak_check="stderr")
    assert r.returncode == 0 and "BASH_ENV=" in r.out, r


def test_an_ordinary_variable_ending_like_a_guarded_one_passes(lw: LW):
    lw.seed("web/app_path", "/srv/app")
    lw.seed("web/old_ld_preload", "kept")  # OLD_LD_PRELOAD: not read by the loader
    probe = lw.probe()
    r = lw.run([lw.name("web"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert probe.env()["APP_PATH"] == "/srv/app" and probe.env()["OLD_LD_PRELOAD"] == "kept"


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_the_guard_holds_on_a_cache_hit(lw: LW):
    # Cached while allowed; a later run that does not allow it is refused by the launcher's cache hit.
    lw.seed("web/node_options", "--max-old-space-size=512")
    first = lw.run(["-v", "--cache", "--allow-variable", "NODE_OPTIONS", lw.name("web"), "--", "true"])
    assert first.returncode == 0 and re.search(r"cached as", first.err), first
    marker = lw.marker()
    r = lw.run(["--cache", lw.name("web"), "--", *marker.argv])
    refused(r, marker, lw.name("web/node_options"), "NODE_OPTIONS")
    again = lw.run(["-v", "--cache", "--allow-variable", "NODE_OPTIONS", lw.name("web"), "--", "true"])
    assert again.returncode == 0 and "cache hit" in again.err, again


def test_allow_variable_takes_a_variable_name(lw: LW):
    r = lw.run(["--allow-variable", "not a name", lw.name("web"), "--", "true"])
    assert r.returncode == 125 and "--allow-variable" in r.err, r


# ------------------------------------------------------------------ writers: refuse what runs would refuse
def test_write_refuses_a_secret_that_would_load_code(lw: LW):
    name = f"{lw.root}/bash_env"
    r = lw.run(["write", name], input="/tmp/evil.sh\n")
    assert r.returncode == 125 and "BASH_ENV" in r.err and "--force" in r.err, r
    assert lw.run(["read", name]).returncode != 0, "the secret was written anyway"
    r = lw.run(["write", name, "--force"], input="/tmp/evil.sh\n")
    assert r.returncode == 0 and "warning" in r.err and "BASH_ENV" in r.err, r


def test_import_refuses_ld_preload_in_a_dotenv_file(lw: LW):
    env = lw.path("app.env")
    env.write_text("DATABASE_PASSWORD=pw-value-123\nexport LD_PRELOAD=/tmp/evil.so\n")
    r = lw.run(["import", lw.root, str(env)])
    assert r.returncode == 125 and "LD_PRELOAD" in r.err, r
    listed = lw.run(["list", lw.root])
    assert "database_password" not in listed.out, "import wrote part of the file before refusing"


def test_write_and_import_refuse_nul_bytes(lw: LW):
    r = lw.run(["write", f"{lw.root}/api_key"], input="abc\0def\n")
    assert r.returncode == 125 and "NUL" in r.err, r
    env = lw.path("nul.env")
    env.write_bytes(b'API_KEY="abc\\x00def"\nOTHER_KEY="a\0b"\n')
    r = lw.run(["import", lw.root, str(env)])
    assert r.returncode == 125 and "NUL" in r.err, r


def test_lint_reports_a_secret_that_would_load_code(lw: LW):
    lw.seed("backend/node_options", "--require /tmp/x.js")
    r = lw.run(["lint", lw.root, "--json"])
    import json
    rules = {(f["Secret"], f["Rule"]) for f in json.loads(r.out)}
    assert (lw.name("backend/node_options"), "loads-code") in rules, r


def test_write_import_and_lint_know_the_new_families(lw: LW):
    # The same list guards every door: write, import and lint refuse or report a pattern-matched name.
    name = f"{lw.root}/git_config_value_0"
    r = lw.run(["write", name], input="touch /tmp/x\n")
    assert r.returncode == 125 and "GIT_CONFIG_VALUE_0" in r.err and "--force" in r.err, r
    env = lw.path("app.env")
    env.write_text("DATABASE_PASSWORD=pw-value-123\nPHPRC=/tmp/evil\n")
    r = lw.run(["import", lw.root, str(env)])
    assert r.returncode == 125 and "PHPRC" in r.err, r
    lw.seed("backend/erl_aflags", "-eval 'os:cmd(\"id\")'")
    r = lw.run(["lint", lw.root, "--json"])
    import json
    rules = {(f["Secret"], f["Rule"]) for f in json.loads(r.out)}
    assert (lw.name("backend/erl_aflags"), "loads-code") in rules, r


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_a_pattern_matched_name_is_refused_on_a_cache_hit(lw: LW):
    lw.seed("web/git_config_key_0", "core.pager")
    first = lw.run(["-v", "--cache", "--allow-variable", "GIT_CONFIG_KEY_0", lw.name("web"), "--", "true"])
    assert first.returncode == 0 and "cached as" in first.err, first
    marker = lw.marker()
    r = lw.run(["--cache", lw.name("web"), "--", *marker.argv])
    refused(r, marker, lw.name("web/git_config_key_0"), "GIT_CONFIG_KEY_0")


# ------------------------------------------------------------------ a tampered cache entry
def _entry_key(r) -> str:
    desc = re.search(r"cached as (lwexec:v1:env:[0-9a-f]+)", r.err).group(1)
    import subprocess
    return subprocess.run(["keyctl", "search", "@u", "user", desc], capture_output=True, text=True, check=True).stdout.strip()


def _rewrite(key: str, edit) -> None:
    import subprocess
    text = subprocess.run(["keyctl", "pipe", key], capture_output=True, check=True).stdout.decode()
    subprocess.run(["keyctl", "pupdate", key], input=edit(text).encode(), check=True)


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
@pytest.mark.parametrize("edit", [
    lambda t: t.replace('"ttl":300', '"ttl":1e400'),                        # trapped the launcher (SIGILL)
    lambda t: t.replace('"ttl":300', '"ttl":9223372036854775807'),          # overflowed created + ttl
    lambda t: t.replace('"vars":[', '"vars":[["API_TOKEN","injected","x",false],'),  # a name twice
    lambda t: t.replace('"API_TOKEN"', '"API TOKEN"'),                      # not a variable name
    lambda t: t[: len(t) // 2],                                             # cut short
], ids=["ttl-1e400", "ttl-overflow", "duplicate-name", "invalid-name", "truncated"])
def test_a_tampered_cache_entry_is_a_miss_never_a_crash(lw: LW, edit):
    value = lw.seed("app/api_token", f"token-{lw.uid}-abcdef")
    first = lw.run(["-v", "--cache", lw.name("app"), "--", "true"])
    assert first.returncode == 0, first
    _rewrite(_entry_key(first), edit)
    probe = lw.probe()
    r = lw.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert "cache hit" not in r.err, r
    assert probe.env()["API_TOKEN"] == value


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_a_cache_entry_rewritten_to_set_bash_env_does_not_reach_the_child(lw: LW):
    lw.seed("app/api_token", f"token-{lw.uid}-abcdef")
    first = lw.run(["-v", "--cache", lw.name("app"), "--", "true"])
    _rewrite(_entry_key(first), lambda t: t.replace('"vars":[', '"vars":[["BASH_ENV","/tmp/evil.sh","/x",false],'))
    marker = lw.marker()
    r = lw.run(["--cache", lw.name("app"), "--", *marker.argv])
    assert r.returncode == 125 and "BASH_ENV" in r.err and not marker.ran, r
