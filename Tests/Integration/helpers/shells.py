"""Real interactive shells under tmux, for testing completion the way a user meets it.

    with Shell.start("zsh", tmp, env, completions_dir) as sh:
        line = sh.complete("lwexec /non-prod/b")   # types it, presses Tab, returns the line

`complete` types the text, presses Tab, then types an end marker: the shell handles keys
in order, so once the marker shows, the completion is done and the line holds its result
(no fixed sleeps). Each shell gets its own tmux server (-L), a private rc file that loads
the script the way it is installed, and lwexec first on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Mapping

PROMPT = "READY> "
MARK = "#Z"


class Shell:
    def __init__(self, name: str, socket: str, tmp: Path):
        self.name = name
        self.socket = socket
        self.tmp = tmp

    # ------------------------------------------------------------------ set-up
    @classmethod
    def start(cls, name: str, tmp: Path, env: Mapping[str, str], completions: Path,
              lwexec: Path) -> "Shell":
        home = tmp / f"{name}-home"
        bindir = tmp / "bin"
        home.mkdir(parents=True, exist_ok=True)
        bindir.mkdir(exist_ok=True)
        if not (bindir / "lwexec").exists():
            (bindir / "lwexec").symlink_to(lwexec)
        e = dict(env)
        e.update({"PATH": f"{bindir}:{env.get('PATH', '/usr/bin:/bin')}", "HOME": str(home),
                  "TERM": "xterm-256color", "LANG": "C.UTF-8"})
        argv = cls._argv(name, home, completions, e)
        sh = cls(name, f"lwexec-cmp-{uuid.uuid4().hex[:8]}", tmp)
        envargs = [f"{k}={v}" for k, v in e.items()]
        subprocess.run(["tmux", "-L", sh.socket, "-f", "/dev/null", "new-session", "-d", "-x", "220",
                        "-y", "50", "env", "-i", *envargs, *argv], check=True, cwd=tmp)
        sh.wait_for(lambda screen: PROMPT.rstrip() in screen, 15, "the first prompt")
        return sh

    @staticmethod
    def _argv(name: str, home: Path, completions: Path, env: dict[str, str]) -> list[str]:
        if name == "bash":
            rc = home / ".bashrc"
            rc.write_text(f"PS1='{PROMPT}'\nsource {completions / 'lwexec.bash'}\n")
            return ["bash", "--noprofile", "--rcfile", str(rc), "-i"]
        if name == "zsh":
            fdir = home / "zfunc"
            fdir.mkdir(exist_ok=True)
            shutil.copy(completions / "_lwexec", fdir / "_lwexec")
            (home / ".zshrc").write_text(
                f"PS1='{PROMPT}'\nfpath=({fdir} $fpath)\nautoload -Uz compinit && compinit -u -D\n")
            env["ZDOTDIR"] = str(home)
            return ["zsh", "-i"]
        conf = home / ".config" / "fish"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "config.fish").write_text(
            "set -g fish_greeting\n"
            f"function fish_prompt; printf '{PROMPT}'; end\n"
            f"source {completions / 'lwexec.fish'}\n")
        env["XDG_CONFIG_HOME"] = str(home / ".config")
        env["XDG_DATA_HOME"] = str(home / ".local" / "share")
        return ["fish", "-i"]

    # ------------------------------------------------------------------ driving
    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True,
                              capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J")

    def wait_for(self, ready, timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.02)
        raise AssertionError(f"{self.name}: timed out waiting for {what}; screen:\n{screen}")

    def complete(self, text: str, timeout: float = 10) -> str:
        """Types `text`, presses Tab, and returns the line as completion left it (marker removed)."""
        self.tmux("send-keys", "-l", text)
        self.tmux("send-keys", "Tab")
        self.tmux("send-keys", "-l", MARK)
        screen = self.wait_for(lambda s: MARK in s, timeout, f"the completion of {text!r}")
        line = next(ln for ln in reversed(screen.splitlines()) if MARK in ln)
        result = line.split(PROMPT, 1)[-1]
        result = result[:result.index(MARK)]
        self.clear()
        return result

    def clear(self) -> None:
        """Empties the line (end, then kill back to the prompt: nothing is ever run by accident),
        then clears the screen of completion listings, and waits for a clean prompt."""
        self.tmux("send-keys", "C-e")
        self.tmux("send-keys", "C-u")
        self.wait_for(lambda s: self._last_line(s) == PROMPT.rstrip(), 10, "an empty line")
        self.tmux("send-keys", "-l", "clear")
        self.tmux("send-keys", "Enter")
        self.wait_for(lambda s: s.strip() == PROMPT.rstrip(), 10, "a clear screen")

    @staticmethod
    def _last_line(screen: str) -> str:
        lines = [ln.rstrip() for ln in screen.splitlines() if ln.startswith(PROMPT.rstrip())]
        return lines[-1] if lines else ""

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def __enter__(self) -> "Shell":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def available(name: str) -> bool:
    return shutil.which(name) is not None and shutil.which("tmux") is not None


__all__ = ["Shell", "available", "PROMPT", "MARK"]
