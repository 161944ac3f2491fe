"""The committed completions and man page are what the binary generates, and the man page
is clean under mandoc and names every variable lwexec reads.

After changing the command definitions: `scripts/generate-docs` (or `make docs`) and commit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, lwexec_bin

FILES = ["completions/lwexec.bash", "completions/_lwexec", "completions/lwexec.fish", "man/lwexec.1"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    subprocess.run([str(REPO / "scripts" / "generate-docs"), str(lwexec_bin()), str(out)], check=True)
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_file_matches_the_binary(generated: Path, name: str):
    committed = (REPO / name).read_text()
    assert committed == (generated / name).read_text(), (
        f"{name} differs from what the binary generates: run scripts/generate-docs and commit the result")


def test_man_page_is_clean_under_mandoc():
    if shutil.which("mandoc") is None:
        pytest.fail("mandoc is not installed (scripts/bootstrap installs it)")
    r = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", str(REPO / "man" / "lwexec.1")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout and not r.stderr, r.stdout + r.stderr


def test_man_page_names_every_variable_lwexec_reads():
    literals = set()
    for src in (REPO / "Sources").rglob("*.swift"):
        literals |= set(re.findall(r'"((?:AWS|LWEXEC)_[A-Z0-9_]*[A-Z0-9])"', src.read_text()))
    page = (REPO / "man" / "lwexec.1").read_text()
    environment = page.split(".Sh ENVIRONMENT", 1)[1].split("\n.Sh ", 1)[0]
    missing = sorted(v for v in literals if not re.search(rf"\bEv {v}\b", environment))
    assert not missing, f"describe these in ENVIRONMENT of scripts/lwexec.1.in: {missing}"


def test_man_page_documents_every_subcommand_and_option():
    page = (REPO / "man" / "lwexec.1").read_text()
    rendered = subprocess.run(["mandoc", "-T", "ascii", "-O", "width=200"], input=page, capture_output=True,
                              text=True).stdout if shutil.which("mandoc") else page
    help_text = subprocess.run([str(lwexec_bin()), "--experimental-dump-help"], capture_output=True, text=True).stdout
    rendered = re.sub(".\b", "", rendered)  # bold and underline by overstrike
    options = set(re.findall(r'"kind" : "long",\s*"name" : "([a-z-]+)"', help_text))
    assert "secret" in options
    missing = sorted(o for o in options if f"--{o}" not in rendered)
    assert not missing, missing
    for sub in re.findall(r'"commandName" : "([a-z-]+)"', help_text):
        assert sub in rendered, sub


def test_man_directory_holds_only_rendered_pages():
    """`man -l man/*` shows each file there: a template with `@COMMANDS@` would be a second, broken page."""
    for f in (REPO / "man").iterdir():
        assert f.suffix == ".1", f"{f.name} is not a man page: keep sources outside man/"
        assert not re.search(r"@[A-Z_]+@", f.read_text()), f"{f.name} holds an unrendered placeholder"


def test_man_description_names_every_command():
    page = (REPO / "man" / "lwexec.1").read_text()
    description = page.split(".Sh DESCRIPTION", 1)[1].split("\n.Sh ", 1)[0]
    help_text = subprocess.run([str(lwexec_bin()), "--experimental-dump-help"], capture_output=True, text=True).stdout
    root = __import__("json").loads(help_text)["command"]
    names = [s["commandName"] for s in root["subcommands"]
             if s.get("shouldDisplay", True) and s["commandName"] not in ("help", "exec")]
    assert "tag" in names
    missing = [n for n in names if not re.search(rf"\b{n}\b", description)]
    assert not missing, f"DESCRIPTION omits {missing}"


def test_write_help_names_the_managed_by_tag_it_sets():
    out = subprocess.run([str(lwexec_bin()), "write", "--help"], capture_output=True, text=True).stdout
    flat = " ".join(out.split())
    assert "ManagedBy=Manual is added" in flat and "ManagedBy=lwexec" not in flat, out


def test_example_dockerfile_names_files_that_exist():
    text = (REPO / "examples" / "Dockerfile").read_text()
    paths = set(re.findall(r"\b((?:Sources|scripts|Tests)/[\w./-]+)", text))
    assert paths, "the Dockerfile names no repository path (the test would check nothing)"
    # VersionStamp.swift is written by scripts/stamp-version, so its folder is what must exist.
    missing = [p for p in paths if not (REPO / p).exists() and not (p.endswith("VersionStamp.swift") and (REPO / p).parent.is_dir())]
    assert not missing, missing
