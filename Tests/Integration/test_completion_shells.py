"""Tab completion in real bash, zsh and fish (under tmux) against the emulator.

The scripts are the committed ones (completions/), loaded as installed: bash sources
lwexec.bash, zsh finds _lwexec on fpath through compinit, fish sources lwexec.fish.
"""

from __future__ import annotations

import pytest

from conftest import LW, REPO, lwexec_bin
from helpers.shells import Shell, available

SHELLS = ["bash", "zsh", "fish"]


@pytest.fixture(params=SHELLS)
def shell_name(request: pytest.FixtureRequest) -> str:
    if not available(request.param):
        pytest.skip(f"{request.param} or tmux is not installed (scripts/bootstrap installs them)")
    return request.param


def seed(lw: LW) -> None:
    lw.seed_many({"backend/database_password": "v-db-1234567", "backend/jwt_secret_key": "v-jwt-1234567",
                  "batch/x/token": "v-batch-1234567"})
    (lw.tmp / "zz_unique_file.txt").write_text("x")


def test_prefixes_names_and_the_command(lw: LW, shell_name: str):
    seed(lw)
    root = lw.root
    with Shell.start(shell_name, lw.tmp, lw.full_env(), REPO / "completions", lwexec_bin()) as sh:
        # `exec` is the default subcommand; a prefix completes one segment, with no space after `/`.
        assert sh.complete(f"lwexec {root}/bac") == f"lwexec {root}/backend/"
        assert sh.complete(f"lwexec exec -r {root}/bat") == f"lwexec exec -r {root}/batch/"
        # Secret names complete whole, then a space.
        assert sh.complete(f"lwexec read {root}/backend/j") == f"lwexec read {root}/backend/jwt_secret_key "
        assert sh.complete(f"lwexec --secret {root}/backend/d") == f"lwexec --secret {root}/backend/database_password "
        # After `--` the words are the command's: files, as the shell would.
        assert sh.complete(f"lwexec {root}/backend -- cat zz_uni") == f"lwexec {root}/backend -- cat zz_unique_file.txt "
        # Subcommands and options still complete.
        assert sh.complete("lwexec hist") == "lwexec history "
        assert sh.complete("lwexec --recu") == "lwexec --recursive "


def test_silent_without_credentials(lw: LW, shell_name: str):
    seed(lw)
    env = lw.full_env(unset=["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])
    with Shell.start(shell_name, lw.tmp, env, REPO / "completions", lwexec_bin()) as sh:
        assert sh.complete(f"lwexec {lw.root}/bac") == f"lwexec {lw.root}/bac"
        screen = sh.screen()
        assert "lwexec:" not in screen and "rror" not in screen, screen


def test_an_empty_word_completes_too(lw: LW, shell_name: str):
    """`--profile <Tab>` and `read <Tab>` with nothing typed yet (fish completed nothing there)."""
    seed(lw)
    with Shell.start(shell_name, lw.tmp, lw.full_env(), REPO / "completions", lwexec_bin()) as sh:
        aws = lw.tmp / f"{shell_name}-home" / ".aws"
        aws.mkdir(parents=True, exist_ok=True)
        (aws / "config").write_text("[profile devbox]\nregion = us-east-1\n")
        assert sh.complete("lwexec --profile ") == "lwexec --profile devbox "
        assert sh.complete("lwexec read --profile ") == "lwexec read --profile devbox "
        # Every secret name starts with `/`: at least that much is completed, whatever else moto holds.
        assert sh.complete("lwexec read ").startswith("lwexec read /")
