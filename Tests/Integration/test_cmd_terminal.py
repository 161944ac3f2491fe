"""On a terminal: write prompts twice without echo, read ends with a newline, delete and rotate ask first."""

from __future__ import annotations

import fcntl
import os
import select
import termios
import time

from conftest import LW


class Term:
    """lwexec on a new pty that is its controlling terminal (stdin, stdout and stderr)."""

    def __init__(self, lw: LW, args: list[str], extra_env: dict[str, str] | None = None):
        self.master, slave = os.openpty()
        try:
            self.p = lw.popen(args, extra_env=extra_env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                              preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        finally:
            os.close(slave)
        self.out = b""

    def expect(self, text: bytes, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.out:
            left = deadline - time.monotonic()
            assert left > 0, f"did not see {text!r}; got {self.out!r}"
            if select.select([self.master], [], [], left)[0]:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    assert text in self.out, f"EOF before {text!r}; got {self.out!r}"
                self.out += chunk

    def echo_is_off(self) -> bool:
        return not termios.tcgetattr(self.master)[3] & termios.ECHO

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 10) -> int:
        rc = self.p.wait(timeout)
        try:
            while chunk := os.read(self.master, 4096):
                self.out += chunk
        except OSError:
            pass
        os.close(self.master)
        return rc


def test_write_prompts_twice_without_echo_and_read_adds_a_newline(lw: LW):
    name = lw.name("database_password")
    t = Term(lw, ["write", name])
    t.expect(b"Value for " + name.encode() + b": ")
    assert t.echo_is_off()
    t.send(b"typed-secret-4242\n")
    t.expect(b"Again, to confirm: ")
    t.send(b"typed-secret-4242\n")
    # A new secret without --description: at a terminal lwexec asks for one, as the SOP's procedure does.
    t.expect(b"Description of " + name.encode())
    t.send(b"PostgreSQL password for non-prod backend\n")
    assert t.finish() == 0, t.out
    assert b"typed-secret-4242" not in t.out  # never echoed
    assert b"\x1b[32mcreated\x1b[0m " + name.encode() in t.out  # colour for a person
    sm = lw.emulator.client("secretsmanager")
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "typed-secret-4242"
    assert sm.describe_secret(SecretId=name)["Description"] == "PostgreSQL password for non-prod backend"
    t = Term(lw, ["read", name])
    assert t.finish() == 0
    assert t.out.endswith(b"typed-secret-4242\r\n")
    t = Term(lw, ["list", lw.root], extra_env={"NO_COLOR": "1"})
    assert t.finish() == 0
    assert b"\x1b[" not in t.out and b"DATABASE_PASSWORD" in t.out


def test_prompt_mismatch_and_ctrl_c_restore_the_terminal(lw: LW):
    t = Term(lw, ["write", lw.name("api_key")])
    t.expect(b"Value for ")
    t.send(b"one-value-1\n")
    t.expect(b"Again")
    t.send(b"other-value-2\n")
    assert t.finish() == 125
    assert b"differ" in t.out
    t = Term(lw, ["write", lw.name("api_key")])
    t.expect(b"Value for ")
    assert t.echo_is_off()
    t.send(b"\x03")
    t.p.wait(10)
    assert termios.tcgetattr(t.master)[3] & termios.ECHO, "echo left off after Ctrl-C"
    t.finish()


def test_delete_asks_for_the_name(lw: LW):
    name = lw.name("old_api_key")
    lw.seed("old_api_key", "old-value-9999")
    t = Term(lw, ["delete", name])
    t.expect(b"Type the name to confirm: ")
    t.send(b"wrong\n")
    assert t.finish() == 125
    sm = lw.emulator.client("secretsmanager")
    assert sm.describe_secret(SecretId=name).get("DeletedDate") is None
    t = Term(lw, ["delete", name])
    t.expect(b"Type the name to confirm: ")
    t.send(name.encode() + b"\n")
    assert t.finish() == 0, t.out
    assert sm.describe_secret(SecretId=name).get("DeletedDate") is not None


def test_a_slow_answer_shows_one_transient_line_on_a_terminal_only(lw: LW):
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "helpers"))
    from chaos_proxy import ChaosProxy
    lw.seed("app/api_token")
    with ChaosProxy(lw.emulator.url, slow=3.0) as proxy:
        env = {"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
        t = Term(lw, ["--timeout", "10s", lw.name("app"), "--", "true"], extra_env=env)
        t.expect(b"lwexec: waiting for BatchGetSecretValue (2 s)")
        assert t.finish(20) == 0, t.out
        # Erased when done: the line is overwritten, not left behind with a newline.
        assert t.out.endswith(b"\r\x1b[K"), t.out
        assert b"waiting for BatchGetSecretValue (2 s)\xe2\x80\xa6\r\n" not in t.out
        # In a pipe, nothing.
        r = lw.run(["--timeout", "10s", lw.name("app"), "--", "true"], extra_env=env, timeout=30)
        assert r.returncode == 0 and "waiting" not in r.err, r


def test_promote_and_prod_rotation_ask_for_the_name(lw: LW):
    sm = lw.emulator.client("secretsmanager")
    name = lw.name("database_password")
    lw.seed("database_password", "db-old-value-0000")
    pending = sm.put_secret_value(SecretId=name, SecretString="db-new-value-1111", VersionStages=["AWSPENDING"])["VersionId"]
    lw.seeded["new"] = "db-new-value-1111"
    t = Term(lw, ["rotate", name, "--promote"])
    t.expect(b"Type the name to confirm: ")
    t.send(b"wrong\n")
    assert t.finish() == 125 and b"nothing was changed" in t.out, t.out
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "db-old-value-0000"
    t = Term(lw, ["rotate", name, "--promote"])
    t.expect(f"Make version {pending} of {name} AWSCURRENT".encode())
    t.expect(b"Type the name to confirm: ")
    t.send(name.encode() + b"\n")
    assert t.finish() == 0, t.out
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "db-new-value-1111"

    prod = f"/prod/t{lw.uid}/jwt_secret_key"
    lw.seed(prod, "prod-jwt-value-0000")
    t = Term(lw, ["rotate", prod, "--generate"])
    t.expect(f"Rotate {prod} now".encode())
    t.send(b"no\n")
    assert t.finish() == 125, t.out
    assert sm.get_secret_value(SecretId=prod)["SecretString"] == "prod-jwt-value-0000"
