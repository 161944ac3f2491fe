"""A real terminal for tests: a private tmux server running bash, typed into and read from."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from pathlib import Path


class Tmux:
    def __init__(self, lw, lwexec: Path):
        self.socket = f"lw{uuid.uuid4().hex[:8]}"
        self.lw = lw
        self.lwexec = lwexec

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def start(self) -> None:
        self.tmux("new-session", "-d", "-x", "100", "-y", "30", "bash --norc --noprofile")
        self.keys("PS1='$ '", "Enter")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J")

    def wait_for(self, text: str, timeout: float = 10, count: int = 1) -> str:
        """The screen once `text` shows on it `count` times; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.screen()
            if s.count(text) >= count:
                return s
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear:\n{self.screen()}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def script(self, args: list[str]) -> Path:
        """A script that exports the test's environment and execs lwexec ARGS."""
        env = self.lw.full_env()
        script = self.lw.path(f"run-{uuid.uuid4().hex[:6]}.sh")
        script.write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
                          + "exec " + " ".join(shlex.quote(a) for a in [str(self.lwexec), *args]) + "\n")
        return script

    def run_script(self, args: list[str]) -> None:
        """Types `bash RUN` where RUN exports the test's environment and execs lwexec ARGS."""
        self.keys(f"bash {self.script(args)}", "Enter")
