"""`make install` and `make uninstall` into a temporary DESTDIR: the tree package managers expect.

The binaries installed are the ones under test (INSTALL_BIN and INSTALL_BIN-core beside it), stripped;
`make install` alone builds and installs the release binaries.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, lwexec_bin

TREE = {
    "bin/lwexec": None,
    "libexec/lwexec/lwexec-core": None,
    "share/man/man1/lwexec.1": "man/lwexec.1",
    "share/bash-completion/completions/lwexec": "completions/lwexec.bash",
    "share/zsh/site-functions/_lwexec": "completions/_lwexec",
    "share/fish/vendor_completions.d/lwexec.fish": "completions/lwexec.fish",
}


def make(target: str, dest: Path, prefix: str = "/usr/local") -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "-C", str(REPO), target, f"PREFIX={prefix}", f"DESTDIR={dest}",
                           f"INSTALL_BIN={lwexec_bin()}"], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_install_then_uninstall(tmp_path: Path):
    dest = tmp_path / "dest"
    r = make("install", dest)
    assert r.returncode == 0, r.stdout + r.stderr
    root = dest / "usr" / "local"
    installed = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert installed == sorted(TREE)
    for path, source in TREE.items():
        if source:
            assert (root / path).read_bytes() == (REPO / source).read_bytes(), path
            assert (root / path).stat().st_mode & 0o777 == 0o644, path
    for binary in (root / "bin" / "lwexec", root / "libexec" / "lwexec" / "lwexec-core"):
        assert binary.stat().st_mode & 0o777 == 0o755
        if shutil.which("file"):
            assert "not stripped" not in subprocess.run(["file", str(binary)], capture_output=True, text=True).stdout
    # bin/lwexec finds lwexec-core in ../libexec/lwexec (--version is lwexec-core's to answer).
    v = subprocess.run([str(root / "bin" / "lwexec"), "--version"], capture_output=True, text=True)
    assert v.returncode == 0 and v.stdout.strip(), v

    r = make("uninstall", dest)
    assert r.returncode == 0, r.stdout + r.stderr
    assert [p for p in root.rglob("*") if p.is_file()] == []
    assert not (root / "libexec" / "lwexec").exists()
