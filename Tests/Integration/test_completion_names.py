"""The completion protocol without a shell: what `lwexec ---completion` answers, how fast,
from where (the keyring's name lists), and that it is silent when it cannot answer."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from conftest import LW, endpoint_env

needs_keyctl = pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")


def ask(lw: LW, word: str, sub: str = "exec", arg: str = "positional@0", env=None, **kw):
    """Runs the request bash's script makes for `lwexec SUB WORD<TAB>`; returns (result, seconds)."""
    words = ["lwexec", sub, word]
    started = time.monotonic()
    r = lw.run(["---completion", sub, "--", arg, "2", str(len(word)), *words], env=env, **kw)
    return r, time.monotonic() - started


def names_keys() -> list[str]:
    out = subprocess.run(["keyctl", "show", "@u"], capture_output=True, text=True).stdout
    return [ln.split()[-1] for ln in out.splitlines() if "lwexec:v1:names:" in ln]


@needs_keyctl
def test_cold_then_warm_from_the_keyring(lw: LW):
    lw.seed_many({"backend/database_password": "v-1234567890", "backend/db/replica": "v-2234567890",
                  "frontend/api_key": "v-3234567890"})
    cold, cold_s = ask(lw, f"{lw.root}/")
    assert cold.returncode == 0 and cold.err == "", cold
    assert cold.out.split() == [f"{lw.root}/backend/", f"{lw.root}/frontend/"]
    assert any(k.startswith("lwexec:v1:names:") for k in names_keys())
    # Served from the keyring, not the network: every request would go to a dead proxy now. (How fast
    # is bench's business, not a timed assertion here.)
    dead = {"http_proxy": "http://127.0.0.1:9", "no_proxy": "", "NO_PROXY": ""}
    warm, warm_s = ask(lw, f"{lw.root}/b", extra_env=dead)
    assert warm.out.split() == [f"{lw.root}/backend/"], warm
    print(f"cold {cold_s * 1000:.0f} ms, warm {warm_s * 1000:.0f} ms")
    # A write drops the lists: the new secret shows at the next Tab.
    w = lw.run(["write", lw.name("billing/api_key"), "--force"], input="v-4234567890")
    assert w.returncode == 0, w
    assert ask(lw, f"{lw.root}/")[0].out.split() == [f"{lw.root}/backend/", f"{lw.root}/billing/", f"{lw.root}/frontend/"]


def test_names_complete_whole_and_follow_the_typed_profile(lw: LW, aws_files):
    lw.seed_many({"app/jwt_secret_key": "v-5234567890", "app/db/url": "v-6234567890"})
    r, _ = ask(lw, f"{lw.root}/app/", sub="read")
    assert r.out.split() == [f"{lw.root}/app/db/url", f"{lw.root}/app/jwt_secret_key"], r
    files = aws_files({"dev": lw.emulator.admin_keys})
    env = {**endpoint_env(lw.emulator), **files}
    words = ["lwexec", "--profile", "dev", f"{lw.root}/a"]
    r = lw.run(["---completion", "exec", "--", "positional@0", "3", str(len(words[3])), *words], env=env)
    assert r.out.split() == [f"{lw.root}/app/"], r


@pytest.mark.parametrize("case", ["no-credentials", "no-endpoint", "denied", "bad-profile"])
def test_silent_and_empty_when_it_cannot_answer(lw: LW, case: str):
    lw.seed("app/x", "v-7234567890")
    env = lw.full_env()
    if case == "no-credentials":
        env = endpoint_env(lw.emulator)
    elif case == "no-endpoint":
        env["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = "http://127.0.0.1:9"
    elif case == "denied":
        env = {**endpoint_env(lw.emulator), **lw.emulator.env(lw.read_only_user())}
    else:
        env["AWS_PROFILE"] = "nope"
    r, seconds = ask(lw, f"{lw.root}/", env=env, extra_env={"LWEXEC_COMPLETION_TIMEOUT": "1s"})
    assert (r.returncode, r.out.strip(), r.err) == (0, "", ""), r
    assert seconds < 2.5


def test_nothing_for_the_words_after_the_terminator(lw: LW):
    lw.seed("app/x", "v-8234567890")
    words = ["lwexec", f"{lw.root}/app", "--", f"{lw.root}/"]
    r = lw.run(["---completion", "exec", "--", "positional@0", "3", str(len(words[3])), *words])
    assert (r.returncode, r.out.strip(), r.err) == (0, "", "")


def test_names_a_secret_cannot_have_are_never_offered(lw: LW):
    # A hostile endpoint lists a "name" with $(...): bash's compgen -W would run it on Tab.
    from test_trust_answers import RewriteProxy
    lw.seed("app/api_key", "v-7234567890")
    evil = f"{lw.root}/app/$(touch {lw.path('pwned')})"

    def rewrite(op, req, ans):
        if op == "ListSecrets" and ans is not None:
            return 200, {}, {**ans, "SecretList": ans["SecretList"] + [{"Name": evil}, {"Name": f"{lw.root}/app/a\x1b[2Jb"}]}
        return None
    with RewriteProxy(lw.emulator.url, rewrite) as proxy:
        env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url}
        r, _ = ask(lw, f"{lw.root}/app/", sub="read", env=env)
        assert proxy.calls.get("ListSecrets"), "the completion did not list"
    assert r.returncode == 0 and r.out.split() == [f"{lw.root}/app/api_key"], r
