"""Releases (docs/release.md): `make dist`'s tarball and `make deb`'s package.

* The tarball: its tree (the `make install` tree under one top directory), run from where it was
  extracted, and what `lwexec` says when it is copied without `lwexec-core`.
* The .deb: its control fields, its files and lintian; then installed with apt on a clean Debian
  bookworm root made by mmdebstrap from Debian's packages (dependencies from Debian), used in a
  chroot (`--version`, the man page, bash completion, a prefix resolved against the emulator), and
  removed and purged.

The packages are LWEXEC_DIST and LWEXEC_DEB when given (.ci/run passes the release build's), else
built here from LWEXEC_BIN with `make dist` / `make deb PACKAGE_BIN=...`. A .deb needs a release
build (static Swift runtime): from a debug LWEXEC_BIN (`make test`) the .deb tests are skipped,
except under CI, where they fail. A missing tool (mmdebstrap, lintian, dpkg-deb, unshare, chroot)
fails them: scripts/bootstrap installs them. The clean root takes ~20 s to make and is made afresh
each run; the network must reach deb.debian.org, as for apt on the host.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import signal
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import LW, REPO, Result, lwexec_bin

# The tree both packages hold, relative to the prefix (the tarball's top directory, or /usr).
BINARIES = ["bin/lwexec", "libexec/lwexec/lwexec-core"]
DIST_FILES = {
    **{b: None for b in BINARIES},
    "share/man/man1/lwexec.1": "man/lwexec.1",
    "share/bash-completion/completions/lwexec": "completions/lwexec.bash",
    "share/zsh/site-functions/_lwexec": "completions/_lwexec",
    "share/fish/vendor_completions.d/lwexec.fish": "completions/lwexec.fish",
    "share/doc/lwexec/README.md": "README.md",
    "share/doc/lwexec/NOTICE": "NOTICE",
    "share/doc/lwexec/copyright": None,
    "share/doc/lwexec/licenses/README": None,
    "share/doc/lwexec/licenses/Apache-2.0": "LICENSE",
    "share/doc/lwexec/licenses/swift.LICENSE.txt": None,
    "share/doc/lwexec/licenses/swift-argument-parser.LICENSE.txt": None,
    "share/doc/lwexec/licenses/GPL-3": None,
    "share/doc/lwexec/licenses/LGPL-2.1": None,
    "share/doc/lwexec/licenses/LGPL-2": None,
}
DEB_FILES = [
    "/usr/bin/lwexec",
    "/usr/libexec/lwexec/lwexec-core",
    "/usr/share/man/man1/lwexec.1.gz",
    "/usr/share/bash-completion/completions/lwexec",
    "/usr/share/zsh/vendor-completions/_lwexec",
    "/usr/share/fish/vendor_completions.d/lwexec.fish",
    "/usr/share/doc/lwexec/README.md",
    "/usr/share/doc/lwexec/NOTICE",
    "/usr/share/doc/lwexec/copyright",
    "/usr/share/doc/lwexec/changelog.Debian.gz",
    "/usr/share/lintian/overrides/lwexec",
]
# What lwexec-core links (dpkg-shlibdeps) and what it dlopens (libcurl.so.4, libcrypto.so.3).
DEPENDS = {"libc6", "libgcc-s1", "libkeyutils1", "libcurl4", "libssl3"}

MIRRORS = ["deb http://deb.debian.org/debian bookworm main",
           "deb http://deb.debian.org/debian bookworm-updates main",
           "deb http://deb.debian.org/debian-security bookworm-security main"]
MMDEBSTRAP_TIMEOUT = 300
APT_TIMEOUT = 300


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    assert not missing, f"{', '.join(missing)} not installed: run scripts/bootstrap"


def run(argv: list[str], timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """Runs argv in its own process group; on timeout kills the group and fails."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    p = subprocess.Popen(argv, start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE if kw.pop("capture_output") else None,
                         stderr=subprocess.PIPE, **kw)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        pytest.fail(f"{' '.join(argv)} did not finish within {timeout}s (killed)\n{out}\n{err}")
    return subprocess.CompletedProcess(argv, p.returncode, out, err)


def upstream_version(reported: str) -> str:
    """The Debian upstream version for what `lwexec --version` says (scripts/package-lib.sh's rule)."""
    m = re.fullmatch(r"v?(\d+(?:\.[0-9A-Za-z]+)+)(?:-(\d+)-g([0-9a-f]+))?(-dirty)?", reported)
    if m:
        v = m[1] + (f"+{m[2]}.g{m[3]}" if m[2] else "")
        return v + ((".dirty" if "+" in v else "+dirty") if m[4] else "")
    m = re.fullmatch(r"([0-9a-f]{4,40})(-dirty)?", reported)
    assert m, f"unexpected --version {reported!r}"
    base = re.search(r'static let string = "([0-9][0-9A-Za-z.]*)"',
                     (REPO / "Sources/AWSConfig/Version.swift").read_text())[1]
    return f"{base}+git.{m[1]}" + (".dirty" if m[2] else "")


def swift_runtime_is_inside(core: Path) -> bool:
    """True for a release build: lwexec-core needs no library from the Swift toolchain."""
    d = run(["readelf", "-d", str(core)])
    assert d.returncode == 0, d.stderr
    return not re.search(r"NEEDED.*\[lib(swift|Foundation|dispatch|BlocksRuntime)", d.stdout)


def build(target: str, out: Path) -> Path:
    need("make")
    r = run(["make", "-s", "-C", str(REPO), target, f"PACKAGE_BIN={lwexec_bin()}", f"DIST_DIR={out}"],
            timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return Path(r.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("LWEXEC_DIST")
    return Path(given) if given else build("dist", tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("LWEXEC_DEB")
    if given:
        return Path(given)
    if not swift_runtime_is_inside(Path(f"{lwexec_bin()}-core")):
        why = (f"{lwexec_bin()} is a debug build (shared Swift runtime), which makes no .deb: "
               "set LWEXEC_DEB to the package `make deb` made, or LWEXEC_BIN to a release build")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test the release .deb: {why} (see .ci/run)")
        pytest.skip(why)
    need("dpkg-deb", "dpkg-shlibdeps")
    return build("deb", tmp_path_factory.mktemp("deb"))


def reported_version(binary: Path) -> str:
    r = run([str(binary), "--version"], timeout=20)
    assert r.returncode == 0 and r.stdout.strip(), r
    return r.stdout.strip()


# ----------------------------------------------------------------------------- the tarball
def test_dist_is_the_install_tree_under_one_directory(dist: Path, tmp_path: Path):
    m = re.fullmatch(r"lwexec-(.+)-linux-(.+)\.tar\.gz", dist.name)
    assert m, dist.name
    assert m[2] == os.uname().machine
    top = dist.name.removesuffix(".tar.gz")
    with tarfile.open(dist) as tar:
        members = tar.getmembers()
        assert all(t.name == top or t.name.startswith(top + "/") for t in members)
        assert all(t.uid == 0 and t.gid == 0 and (t.isfile() or t.isdir()) for t in members)
        files = {t.name.removeprefix(top + "/"): t for t in members if t.isfile()}
        assert sorted(files) == sorted(DIST_FILES)
        for path, t in files.items():
            assert t.mode == (0o755 if path in BINARIES else 0o644), path
        tar.extractall(tmp_path / "x", filter="tar")
    root = tmp_path / "x" / top
    for path, source in DIST_FILES.items():
        if source:
            assert (root / path).read_bytes() == (REPO / source).read_bytes(), path
    for b in BINARIES:
        sections = run(["readelf", "-S", "-W", str(root / b)]).stdout
        assert ".symtab" not in sections and ".debug_info" not in sections, f"{b} is not stripped"
    # lwexec's license and the licenses of what is linked in, with how to relink the LGPL parts.
    copyright = (root / "share/doc/lwexec/copyright").read_text()
    assert_copyright(copyright)
    assert "Apache-2.0: lwexec itself" in (root / "share/doc/lwexec/licenses/README").read_text()
    assert "Runtime Library Exception" in (root / "share/doc/lwexec/licenses/swift-argument-parser.LICENSE.txt").read_text()
    # Extracted anywhere, bin/lwexec finds libexec/lwexec/lwexec-core; the version names the tarball.
    version = reported_version(root / "bin" / "lwexec")
    assert upstream_version(version) == m[1]


def assert_copyright(copyright: str) -> None:
    """packaging/copyright as shipped: lwexec under Apache-2.0, every statically linked part named,
    and how to relink the launcher against another glibc or libkeyutils (the LGPL's terms)."""
    paragraphs = copyright.split("\n\n")
    files_star = next(p for p in paragraphs if p.startswith("Files: *\n"))
    assert "\nLicense: Apache-2.0\n" in files_star + "\n", files_star
    assert any(p.startswith("License: Apache-2.0\n") for p in paragraphs), "no stand-alone Apache-2.0 paragraph"
    launcher = next(p for p in paragraphs if p.startswith("Files: usr/bin/lwexec\n"))
    assert "License: Apache-2.0 and " in launcher and "LGPL-2.1+ and LGPL-2+" in launcher, launcher
    assert "Relinking" in launcher and "make release" in launcher, launcher
    for part in ("swift-argument-parser", "libstdc++", "GNU C Library", "libkeyutils", "botocore"):
        assert part in copyright, part
    for gone in ("undecided", "@YEARS@", "no LICENSE"):
        assert gone not in copyright, gone


def test_lwexec_copied_alone_names_its_second_file(dist: Path, tmp_path: Path):
    top = dist.name.removesuffix(".tar.gz")
    bindir = tmp_path / "image" / "usr" / "local" / "bin"
    bindir.mkdir(parents=True)
    with tarfile.open(dist) as tar:   # what `COPY lwexec /usr/local/bin/` does
        (bindir / "lwexec").write_bytes(tar.extractfile(f"{top}/bin/lwexec").read())
    (bindir / "lwexec").chmod(0o755)
    prefix = bindir.parent

    r = run([str(bindir / "lwexec"), "--version"], timeout=20)
    assert r.returncode == 125 and r.stdout == "", r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("lwexec: cannot run lwexec-core (") and "No such file or directory" in lines[0]
    assert lines[1] == (f"lwexec: lwexec is two files: copy lwexec-core too, beside lwexec in {bindir}/ or as "
                        f"{prefix}/libexec/lwexec/lwexec-core (the layout of the release tarball and of make install)")

    # lwexec-core there but not runnable (here: not executable) is said as such, not "copy it".
    (bindir / "lwexec-core").write_text("not a program\n")
    r = run([str(bindir / "lwexec"), "--version"], timeout=20)
    assert r.returncode == 125, r
    lines = r.stderr.strip().splitlines()
    assert "Permission denied" in lines[0]
    assert lines[1].startswith(f"lwexec: {bindir}/lwexec-core is there but could not be executed"), r.stderr


# ----------------------------------------------------------------------------- the .deb
def deb_field(deb: Path, name: str) -> str:
    r = run(["dpkg-deb", "--field", str(deb), name])
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_deb_fields_files_and_lintian(deb: Path):
    need("dpkg-deb", "lintian")
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    assert deb_field(deb, "Package") == "lwexec"
    assert deb_field(deb, "Architecture") == arch
    version = deb_field(deb, "Version")
    assert re.fullmatch(r"[0-9][0-9A-Za-z.+~]*-[0-9A-Za-z.+~]+", version), version
    assert deb.name == f"lwexec_{version}_{arch}.deb"
    depends = {d.split()[0] for d in deb_field(deb, "Depends").split(", ")}
    assert depends == DEPENDS
    assert "glibc" in deb_field(deb, "Built-Using")   # the static launcher holds libc.a

    listing = run(["dpkg-deb", "--contents", str(deb)]).stdout.splitlines()
    entries = {ln.split()[-1].removeprefix("."): ln.split() for ln in listing}
    files = sorted(p for p, f in entries.items() if f[0].startswith("-"))
    assert files == sorted(DEB_FILES)
    assert all(f[1] == "root/root" for f in entries.values())
    r = run(["dpkg-deb", "--fsys-tarfile", str(deb)], text=False)
    with tarfile.open(fileobj=io.BytesIO(r.stdout)) as tar:
        assert_copyright(tar.extractfile("./usr/share/doc/lwexec/copyright").read().decode())
        assert tar.extractfile("./usr/share/doc/lwexec/NOTICE").read() == (REPO / "NOTICE").read_bytes()
    for p in files:
        assert entries[p][0] == ("-rwxr-xr-x" if p.startswith(("/usr/bin/", "/usr/libexec/")) else "-rw-r--r--"), p

    # Lintian-clean at error, warning and info level: packaging/lintian-overrides (shipped in the
    # package) holds the exceptions, docs/release.md says why.
    r = run(["lintian", "--fail-on", "error,warning,info", str(deb)], timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.fixture
def debian_root(tmp_path: Path):
    """A fresh minimal bookworm root (mmdebstrap --variant=apt, plus man-db and bash-completion, from
    Debian's mirrors), made as a tarball in a private mount namespace (unshare mode: no mount can
    outlive it), extracted here and deleted afterwards (~400 MB)."""
    need("mmdebstrap", "unshare", "chroot", "tar")
    tarball = tmp_path / "root.tar"
    r = run(["mmdebstrap", "--mode=unshare", "--variant=apt", "--include=man-db,bash-completion", "--quiet",
             "bookworm", str(tarball), *MIRRORS], timeout=MMDEBSTRAP_TIMEOUT)
    assert r.returncode == 0, f"mmdebstrap failed:\n{r.stdout}\n{r.stderr}"
    root = tmp_path / "root"
    root.mkdir()
    r = run(["tar", "-C", str(root), "-xf", str(tarball)], timeout=120)
    assert r.returncode == 0, r.stderr
    tarball.unlink()
    shutil.copy2("/etc/resolv.conf", root / "etc" / "resolv.conf")
    yield root
    # Nothing is mounted in it (in_root mounts /proc in a private namespace); checked all the same.
    assert not os.path.ismount(root / "proc"), f"{root}/proc is mounted: left in place"
    shutil.rmtree(root)


def in_root(root: Path, argv: list[str], env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """argv run chrooted in `root`, with /proc mounted there in a private mount namespace (gone with it)."""
    base = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
            "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        if env is None and k in os.environ:
            base[k] = os.environ[k]   # apt reaches the mirror as the host does
    base.update(env or {})
    # Absolute paths: env's PATH is the chroot's, and the host's chroot is in /usr/sbin.
    return run([shutil.which("unshare"), "--mount", f"--mount-proc={root}/proc", shutil.which("chroot"), str(root), *argv],
               env=base, timeout=timeout)


def test_deb_installs_works_and_purges_on_a_clean_debian(deb: Path, debian_root: Path, lw: LW):
    root = debian_root
    shutil.copy2(deb, root / "tmp" / "lwexec.deb")
    r = in_root(root, ["apt-get", "update", "-qq"], timeout=APT_TIMEOUT)
    assert r.returncode == 0, r.stdout + r.stderr
    r = in_root(root, ["apt-get", "install", "-y", "-q", "--no-install-recommends", "/tmp/lwexec.deb"],
                timeout=APT_TIMEOUT)
    assert r.returncode == 0, r.stdout + r.stderr
    status = in_root(root, ["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n",
                            "lwexec", "libcurl4", "libssl3", "libkeyutils1"]).stdout.split("\n")
    assert sorted(filter(None, status)) == ["libcurl4 installed", "libkeyutils1 installed",
                                            "libssl3 installed", "lwexec installed"]
    listed = set(in_root(root, ["dpkg", "-L", "lwexec"]).stdout.split())
    assert set(DEB_FILES) <= listed

    # On PATH, finds /usr/libexec/lwexec/lwexec-core, reports the package's version.
    r = in_root(root, ["lwexec", "--version"])
    assert r.returncode == 0, r
    assert deb_field(deb, "Version").startswith(upstream_version(r.stdout.strip()) + "-")

    # man finds the page; bash-completion loads the completion on demand.
    r = in_root(root, ["man", "-w", "lwexec"])
    assert (r.returncode, r.stdout.strip()) == (0, "/usr/share/man/man1/lwexec.1.gz"), r
    assert gzip.decompress((root / "usr/share/man/man1/lwexec.1.gz").read_bytes()) == (REPO / "man/lwexec.1").read_bytes()
    r = in_root(root, ["bash", "-c", ". /usr/share/bash-completion/bash_completion && __load_completion lwexec "
                       "&& complete -p lwexec"])
    assert r.returncode == 0 and r.stdout.strip().endswith(" lwexec") and "-F __lwexec_main" in r.stdout, r
    for path, source in [("usr/share/zsh/vendor-completions/_lwexec", "completions/_lwexec"),
                         ("usr/share/fish/vendor_completions.d/lwexec.fish", "completions/lwexec.fish")]:
        assert (root / path).read_bytes() == (REPO / source).read_bytes(), path

    # A prefix resolved against the emulator (the chroot shares the host's loopback): libcurl and
    # libcrypto, loaded at run time, came from Debian with the package's dependencies.
    value = lw.seed("app/api_token")
    env = lw.full_env()
    env.update(PATH="/usr/bin:/bin", HOME="/root")
    r = in_root(root, ["lwexec", lw.name("app"), "--", "printenv", "API_TOKEN"], env=env, timeout=lw.timeout)
    lw.assert_no_leak(Result(["(chroot)"], r.returncode, b"", r.stderr.encode()), stdout=False)
    assert (r.returncode, r.stdout) == (0, value + "\n"), r

    # Removed, then purged: nothing of it is left.
    r = in_root(root, ["apt-get", "remove", "-y", "-q", "lwexec"], timeout=APT_TIMEOUT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (root / "usr/bin/lwexec").exists()
    r = in_root(root, ["dpkg", "--purge", "lwexec"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert in_root(root, ["dpkg-query", "-W", "-f", "${db:Status-Status}", "lwexec"]).stdout.strip() in ("", "not-installed")
    for path in DEB_FILES:
        assert not (root / path.lstrip("/")).exists(), path
    for d in ("usr/libexec/lwexec", "usr/share/doc/lwexec"):
        assert not (root / d).exists(), d
