"""credential_process runs in a process group of its own, which lwexec ends (SIGTERM, then SIGKILL
after a grace period) when it gives up on the helper and when lwexec itself is ended by SIGINT,
SIGTERM or SIGHUP while the helper runs; a helper that prompts gets the terminal meanwhile."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LW, wait_for

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import ALLOW_ALL, config_section, no_cred_env, write_aws_files, write_exe  # noqa: E402


def gone(pid: int) -> bool:
    """True when `pid` no longer runs (exited, or a zombie left for its new parent to reap)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def read_pid(path: Path) -> int | bool:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return False
    return int(text) if text.endswith("\n") else False


def hanging_helper(lw: LW, body: str) -> tuple[Path, Path, Path]:
    """A shell helper that records its pid and a detached grandchild's, runs `body`, then hangs.
    The grandchild ignores SIGTERM (as a careless agent might), so only SIGKILL ends it."""
    helper_pid, grand_pid = lw.path("helper.pid"), lw.path("grandchild.pid")
    script = write_exe(lw.path("hanging-helper"), f"""#!/bin/sh
(trap '' TERM; exec sleep 1000) &
echo $! > {shlex.quote(str(grand_pid))}
{body}
echo $$ > {shlex.quote(str(helper_pid))}
exec sleep 1000
""")
    return script, helper_pid, grand_pid


def profile_env(lw: LW, command: str) -> dict:
    return {**no_cred_env(lw.emulator), **write_aws_files(lw, config_section("p", credential_process=command)),
            "AWS_PROFILE": "p"}


def test_a_helper_and_its_grandchild_are_gone_after_the_deadline(lw: LW):
    script, helper_pid, grand_pid = hanging_helper(lw, "")
    marker = lw.marker()
    r = lw.run(["--timeout", "2", lw.name("app"), "--", *marker.argv], env=profile_env(lw, str(script)))
    assert r.returncode == 125 and not marker.ran, r
    assert "credential_process of profile p did not finish before the deadline" in r.err, r
    pids = read_pid(helper_pid), read_pid(grand_pid)
    assert all(pids), (pids, r)
    wait_for(lambda: gone(pids[0]) and gone(pids[1]), 3, "the helper and its grandchild to be gone")


def test_a_grandchild_left_by_a_helper_with_unusable_output_is_ended(lw: LW):
    # The helper exits at once with output lwexec cannot use; what it left running goes with it.
    grand_pid = lw.path("grandchild.pid")
    script = write_exe(lw.path("bad-helper"), f"""#!/bin/sh
(trap '' TERM; exec sleep 1000) >/dev/null 2>&1 &
echo $! > {shlex.quote(str(grand_pid))}
echo 'not json'
""")
    r = lw.run([lw.name("app"), "--", "true"], env=profile_env(lw, str(script)))
    assert r.returncode == 125 and "credential_process of profile p printed malformed output: not JSON" in r.err, r
    pid = read_pid(grand_pid)
    assert pid, r
    wait_for(lambda: gone(pid), 3, "the grandchild to be gone")


def agent_helper(lw: LW, agent_redirect: str):
    """A credential_process that starts an agent (`sleep 1000`, its output sent to `agent_redirect`),
    writes the agent's PID to a file and answers with a new user's keys. Returns (script, PID file)."""
    keys = lw.make_user(ALLOW_ALL)
    agent_pid = lw.path("agent.pid")
    answer = json.dumps({"Version": 1, "AccessKeyId": keys.access_key_id, "SecretAccessKey": keys.secret_access_key})
    script = write_exe(lw.path("agent-helper"), f"""#!/bin/sh
sleep 1000 {agent_redirect} &
echo $! > {shlex.quote(str(agent_pid))}
echo {shlex.quote(answer)}
""")
    return script, agent_pid


def test_an_agent_left_by_a_helper_that_succeeds_keeps_running(lw: LW):
    # Deliberate: a helper whose answer is used may leave an agent running (it has its own group).
    app = lw.name("app"), lw.seed("app/database_password")
    script, agent_pid = agent_helper(lw, agent_redirect=">/dev/null 2>&1")
    probe = lw.probe()
    r = lw.run([app[0], "--", *probe.argv], env=profile_env(lw, str(script)))
    assert r.returncode == 0 and probe.env()["DATABASE_PASSWORD"] == app[1], r
    pid = read_pid(agent_pid)
    try:
        assert pid and not gone(pid)
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)


def test_a_grandchild_holding_the_pipes_does_not_keep_lwexec_waiting(lw: LW):
    # `sh -c 'agent & echo …'`: the helper is done once it exits and what it wrote is read; before,
    # lwexec waited for the pipes to close, until the deadline.
    app = lw.name("app"), lw.seed("app/database_password")
    script, agent_pid = agent_helper(lw, agent_redirect="")  # the agent keeps the helper's stdout and stderr
    probe = lw.probe()
    r = lw.run(["--timeout", "10", app[0], "--", *probe.argv], env=profile_env(lw, str(script)))
    pid = read_pid(agent_pid)
    if pid:
        os.kill(pid, signal.SIGKILL)
    assert r.returncode == 0 and probe.env()["DATABASE_PASSWORD"] == app[1], r


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_the_helper_goes_when_lwexec_is_ended_by_a_signal(lw: LW, sig: signal.Signals):
    script, helper_pid, grand_pid = hanging_helper(lw, "")
    p = lw.popen([lw.name("app"), "--", "true"], env=profile_env(lw, str(script)),
                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        pids = wait_for(lambda: (h := read_pid(helper_pid)) and (g := read_pid(grand_pid)) and (h, g), 20,
                        "the helper to start")
        os.kill(p.pid, sig)
        p.wait(10)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    # lwexec dies of the signal itself (a shell says 128+N), after ending the helper's group.
    assert p.returncode == -sig, (p.returncode, p.stderr.read())
    assert gone(pids[0]) and gone(pids[1]), pids


def test_a_helper_that_prompts_gets_the_terminal(lw: LW, term):
    keys = lw.make_user(ALLOW_ALL)
    app = lw.name("app"), lw.seed("app/database_password")
    answer = json.dumps({"Version": 1, "AccessKeyId": keys.access_key_id, "SecretAccessKey": keys.secret_access_key})
    script = write_exe(lw.path("prompting-helper"), f"""#!/bin/sh
printf 'MFA code: ' > /dev/tty
read code < /dev/tty
[ "$code" = 123456 ] || exit 3
echo {shlex.quote(answer)}
""")
    probe = lw.probe()
    run = lw.path("run.sh")
    env = lw.full_env(profile_env(lw, str(script)))
    run.write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
                   + shlex.join([str(term.lwexec), app[0], "--", *probe.argv]) + "\necho \"status=$?\"\n")
    term.keys(f"bash {run}", "Enter")
    term.wait_for("MFA code:")
    term.keys("123456", "Enter")
    term.wait_for("status=0")
    assert probe.env()["DATABASE_PASSWORD"] == app[1]


def test_ctrl_c_at_a_helper_prompt_ends_its_group_and_lwexec(lw: LW, term):
    helper_pid, grand_pid = lw.path("helper.pid"), lw.path("grandchild.pid")
    # sh starts a background job with SIGINT ignored: only lwexec's ending of the group reaches it.
    script = write_exe(lw.path("prompting-helper"), f"""#!/bin/sh
sleep 1000 &
echo $! > {shlex.quote(str(grand_pid))}
echo $$ > {shlex.quote(str(helper_pid))}
printf 'MFA code: ' > /dev/tty
read code < /dev/tty
""")
    run = lw.path("run.sh")
    env = lw.full_env(profile_env(lw, str(script)))
    run.write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
                   + shlex.join([str(term.lwexec), lw.name("app"), "--", "true"]) + "\necho \"status=$?\"\n")
    term.keys(f"bash {run}", "Enter")
    term.wait_for("MFA code:")
    pids = read_pid(helper_pid), read_pid(grand_pid)
    term.keys("C-c")
    term.wait_for("status=130")
    wait_for(lambda: gone(pids[0]) and gone(pids[1]), 3, "the helper and its grandchild to be gone")
