"""The README is executed: every `lwexec` and `aws` command in its shell blocks runs, in the order the
README shows them, against an emulator seeded as `make demo` seeds it (issue 23, item 12).

A README command that fails breaks `make test`. Each command runs in bash on a terminal (a pty), as a
person types it: where lwexec asks for confirmation, the test answers as the prompt asks (`yes`, or
the secret's name). The command a README line hands to lwexec (`python manage.py runserver`,
`make test`, `./server`) is a stand-in that records that it ran. Placeholders the reader fills in
(`REGION`, `ACCOUNT`, `NAME`, `OLD_VERSION`) are filled in from the emulator.

Lines that do not run against an emulator are not executed here, each for a reason that is tested
elsewhere: `make demo`/`make test`/`make install`/`make dist`/`make deb`, `tar` and `apt-get`
(CI runs them: .ci/run, test_release.py).
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, lwexec_bin

sys.path.insert(0, str(REPO / "scripts"))
from emulator import Emulator  # noqa: E402

# What a README command may end with other than exit 0, and the words that say why. Keyed by the
# command as the README writes it (comments stripped).
EXPECTED_FAILURES = {
    # The first audit of the demo's secrets (made without the SOP's tags) finds errors; --fix and the
    # rotation below fix them, and the README's second audit passes.
    "lwexec lint /non-prod /prod#1": (1, "error(s)"),
    # A dry run changes nothing: it says what --fix would set, and the audit still fails.
    "lwexec lint /non-prod /prod --fix --dry-run": (1, "would set ManagedBy=Manual"),
    # --fix sets tags and descriptions; what it cannot fix (rotation in /prod/) is the next step's.
    "lwexec lint /non-prod /prod --fix": (1, "1 error(s)"),
    # Within 24 hours of the rotation just above: the SOP's grace period refuses, and says how long.
    "lwexec delete /prod/backend/jwt_secret_key --version-id OLD_VERSION":
        (125, "the SOP keeps the previous one for a grace period"),
}

RUNS_ELSEWHERE = re.compile(r"^(make|tar|apt-get|docker)\b")


@dataclass
class Command:
    line: int
    text: str


def readme_commands() -> list[Command]:
    """Every command in the README's sh and console blocks, in order (a trailing `# comment` dropped)."""
    out: list[Command] = []
    fence = None
    for n, raw in enumerate((REPO / "README.md").read_text().splitlines(), 1):
        if raw.startswith("```"):
            fence = None if fence is not None else raw[3:].strip()
            continue
        if fence not in ("sh", "console"):
            continue
        text = raw.strip()
        if fence == "console":
            if not text.startswith("$ "):
                continue
            text = text[2:]
        if not text or text.startswith("#") or RUNS_ELSEWHERE.match(text):
            continue
        out.append(Command(n, without_comment(text)))
    return out


def without_comment(text: str) -> str:
    """The command without a trailing `# comment` (a `#` after a blank, outside quotes)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and i > 0 and text[i - 1] in " \t":
            return text[:i].rstrip()
    return text


class Walkthrough:
    def __init__(self, tmp: Path, emulator: Emulator):
        self.tmp, self.emulator = tmp, emulator
        self.bin = tmp / "bin"
        self.bin.mkdir()
        (self.bin / "lwexec").symlink_to(lwexec_bin())
        self.ran = tmp / "ran.log"
        stand_in = f"#!/bin/sh\necho \"$0 $*\" >> {self.ran}\n"
        for name in ("python", "make"):
            (self.bin / name).write_text(stand_in)
            (self.bin / name).chmod(0o755)
        (tmp / "server").write_text(stand_in)
        (tmp / "server").chmod(0o755)
        home = tmp / "home"
        home.mkdir()
        self.env = {"PATH": f"{self.bin}:{os.environ['PATH']}", "HOME": str(home), "LANG": "C.UTF-8",
                    "TERM": "dumb", "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1",
                    **emulator.env(), "AWS_DEFAULT_REGION": emulator.region}

    def fill(self, text: str) -> str:
        """The reader's placeholders, from the emulator."""
        text = text.replace("arn:aws:lambda:REGION:ACCOUNT:function:NAME",
                            f"arn:aws:lambda:{self.emulator.region}:123456789012:function:{Emulator.ROTATION_LAMBDA}")
        if "OLD_VERSION" in text:
            name = next(w for w in text.split() if w.startswith("/"))
            stages = self.emulator.client("secretsmanager").describe_secret(SecretId=name)["VersionIdsToStages"]
            old = next(v for v, s in stages.items() if "AWSPREVIOUS" in s)
            text = text.replace("OLD_VERSION", old)
        return text

    def run(self, text: str, timeout: float = 60) -> tuple[int, str]:
        """Runs `text` in bash on a pty; answers confirmation prompts. Returns (status, output)."""
        # A line the README gives for fish (`... | source`) runs in fish; the rest in bash.
        shell = ["fish", "--no-config", "-c", text] if text.endswith("| source") else \
            ["bash", "--noprofile", "--norc", "-c", text]
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(self.tmp)
            os.execvpe(shell[0], shell, self.env)
        out = b""
        answered = 0
        deadline = time.monotonic() + timeout
        try:
            while True:
                left = deadline - time.monotonic()
                assert left > 0, f"`{text}` did not finish within {timeout}s:\n{out.decode(errors='replace')}"
                r, _, _ = select.select([fd], [], [], left)
                if not r:
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the pty closed, the command is done
                    break
                if not chunk:
                    break
                out += chunk
                tail = out.decode(errors="replace").rstrip(" ")
                if tail.count("Type ") > answered and tail.endswith(":"):
                    answered += 1
                    name = next(w for w in text.split() if w.startswith("/"))
                    os.write(fd, b"yes\n" if tail.endswith("Type yes:") else name.encode() + b"\n")
        finally:
            _, status = os.waitpid(pid, 0)
            os.close(fd)
        return os.waitstatus_to_exitcode(status), out.decode(errors="replace")


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory):
    emulator = Emulator().start()
    emulator.seed_sop()
    try:
        yield Walkthrough(tmp_path_factory.mktemp("readme"), emulator)
    finally:
        emulator.stop()


def test_the_readme_shows_the_sop_walkthrough():
    """What the walk-through must cover, so that dropping a step from the README fails here too."""
    texts = [c.text for c in readme_commands()]
    for step in ["lwexec write ", "lwexec tag ", "lwexec lint ", "--pending", "--promote", "lwexec read ",
                 "lwexec history ", "lwexec env ", "lwexec import ", "lwexec delete ", "lwexec cache clear",
                 "lwexec describe "]:
        assert any(step in t for t in texts), f"the README shows no `{step.strip()}`"


def test_every_readme_command_runs_in_order(walkthrough: Walkthrough):
    commands = readme_commands()
    assert len(commands) >= 20, commands
    seen: dict[str, int] = {}
    for c in commands:
        seen[c.text] = seen.get(c.text, 0) + 1
        text = walkthrough.fill(c.text)
        status, out = walkthrough.run(text)
        want, words = EXPECTED_FAILURES.get(f"{c.text}#{seen[c.text]}", EXPECTED_FAILURES.get(c.text, (0, None)))
        assert status == want, f"README.md line {c.line}: `{c.text}` exited {status} (expected {want}):\n{out}"
        if words:
            assert words in out, f"README.md line {c.line}: `{c.text}`:\n{out}"
    ran = walkthrough.ran.read_text()
    for stand_in in ("python manage.py runserver", "make test", "./server"):
        assert stand_in.split()[-1] in ran, f"{stand_in} never ran:\n{ran}"
