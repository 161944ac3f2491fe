"""Integration harness: drives the built `lwexec` binary against moto_server with auth on.

* The binary: $LWEXEC_BIN, default <repo>/.build/launcher/lwexec (the Embedded launcher `make build`
  puts beside the debug lwexec-core). When it is missing,
  every test that needs it is skipped with that reason; the emulator's own checks
  (marked `emulator_only`, test_emulator.py) still run.
* One moto_server for the whole session (scripts/emulator.py), SigV4 + IAM enforced.
  moto's state is shared, so every test works under its own root `/non-prod/t<hex>`.
* `lw.run()` runs lwexec with a CLEAN environment: PATH, HOME (an empty temp dir,
  no ~/.aws), LANG=C.UTF-8, AWS_EC2_METADATA_DISABLED=true, and proxy variables
  that point any https:// or non-loopback http:// request at a dead local port (a
  guard, for an HTTP stack that honours them, against a misrouted request leaving
  the machine: real AWS or the instance metadata address), plus the emulator's
  AWS_* variables unless the test passes its own `env`.
* Every run is checked for leaks: no seeded secret value (>= 8 chars) and no
  secret access key may appear in lwexec's stdout or stderr (leak_check="stderr"
  when the test's child prints a secret to stdout on purpose, False for none).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from emulator import Emulator, Keys, get_secret_value_only_policy  # noqa: E402

HELPERS = HERE / "helpers"
ENVDUMP = HELPERS / "envdump.py"
SIGCHILD = HELPERS / "sigchild.py"
# An absolute interpreter: a pyenv shim on PATH needs HOME/PYENV_* that the clean env lacks.
PY = sys.executable

# Any request that does not go to loopback hits this closed port instead of the internet.
DEAD_PROXY = "http://127.0.0.1:9"


def lwexec_bin() -> Path:
    return Path(os.environ.get("LWEXEC_BIN") or REPO / ".build" / "launcher" / "lwexec")


def _bin_ok() -> bool:
    p = lwexec_bin()
    return p.is_file() and os.access(p, os.X_OK)


# ----------------------------------------------------------------------------- pytest hooks
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("lwexec_timeout", "seconds one lwexec run may take before it is killed",
                  default="20")


# Tools the suite needs. Some tests are marked to skip without one (for a developer's partial
# machine); under CI (CI=true) a missing tool fails the run instead, so a green CI never hides
# tests that did not run. scripts/bootstrap installs them all.
REQUIRED_TOOLS = ["keyctl", "tmux", "zsh", "fish", "dash", "git", "aws", "mandoc", "setpriv", "unshare", "nsenter", "readelf", "make"]


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI") != "true":
        return
    missing = [t for t in REQUIRED_TOOLS if shutil.which(t) is None]
    if os.geteuid() != 0:
        missing.append("root (the PID-namespace and other-user tests)")
    if missing:
        raise pytest.UsageError(f"CI needs {', '.join(missing)}: run scripts/bootstrap (these tests would be skipped)")


def pytest_report_header(config: pytest.Config) -> str:
    state = "found" if _bin_ok() else "MISSING -> tests that need it are skipped"
    return f"lwexec binary: {lwexec_bin()} ({state})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _bin_ok():
        return
    skip = pytest.mark.skip(
        reason=f"lwexec binary not found or not executable at {lwexec_bin()} "
               f"(build it with `make build`, or set LWEXEC_BIN)")
    for item in items:
        if "emulator_only" not in item.keywords:
            item.add_marker(skip)


# ----------------------------------------------------------------------------- helpers
@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: bytes
    stderr_bytes: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")

    def __str__(self) -> str:
        return (f"\nlwexec {' '.join(self.args)}\n  -> exit {self.returncode}\n"
                f"  stdout: {self.out[:2000]!r}\n  stderr: {self.err[:4000]!r}")

    __repr__ = __str__  # what pytest shows next to a failed `assert ..., r`


def lines_naming(text: str, var: str) -> list[str]:
    """Lines of `text` that contain `var` as a whole identifier."""
    pat = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(var)}(?![A-Za-z0-9_])")
    return [ln for ln in text.splitlines() if pat.search(ln)]


def wait_for(pred, timeout: float, what: str, interval: float = 0.02):
    """Polls `pred` until it returns something truthy (returned), or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def parse_environ(data: bytes) -> dict[str, bytes]:
    env: dict[str, bytes] = {}
    for entry in data.split(b"\0"):
        if not entry:
            continue
        k, sep, v = entry.partition(b"=")
        assert sep, f"malformed environ entry {entry!r}"
        assert k.decode() not in env, f"duplicate variable {k!r} in the child's environment"
        env[k.decode("utf-8", "surrogateescape")] = v
    return env


class Probe:
    """A child command that dumps its exact environment to a file."""

    def __init__(self, path: Path, exit_code: int | None = None):
        self.path = path
        self.argv = [PY, "-I", str(ENVDUMP), str(path)]
        if exit_code is not None:
            self.argv.append(str(exit_code))

    @property
    def ran(self) -> bool:
        return self.path.exists()

    def raw(self) -> dict[str, bytes]:
        assert self.ran, "the child did not run (no environment dump)"
        return parse_environ(self.path.read_bytes())

    def env(self) -> dict[str, str]:
        """The child's environment, values decoded as UTF-8 (strict: a bad byte fails)."""
        return {k: v.decode("utf-8") for k, v in self.raw().items()}


class Marker:
    """A child that only creates a file; used to prove the child did NOT run."""

    def __init__(self, path: Path):
        self.path = path
        self.argv = ["/bin/sh", "-c", 'echo ran > "$1"', "sh", str(path)]

    @property
    def ran(self) -> bool:
        return self.path.exists()


@dataclass
class LW:
    emulator: Emulator
    tmp: Path
    uid: str
    timeout: float
    seeded: dict[str, str] = field(default_factory=dict)      # name -> value as seen in env
    secret_keys: list[str] = field(default_factory=list)
    _n: int = 0

    # -------------------------------------------------------------- names and seeding
    @property
    def root(self) -> str:
        """This test's private path root; nothing else in moto lives under it."""
        return f"/non-prod/t{self.uid}"

    def name(self, rel: str) -> str:
        return rel if rel.startswith("/") else f"{self.root}/{rel}"

    def seed(self, name: str, value: str | None = None, binary: bytes | None = None,
             keys: Keys | None = None, region: str | None = None) -> str:
        """Create a secret (relative names go under self.root). Returns the value the
        child should see: the string, or base64 of the binary."""
        full = self.name(name)
        sm = self.emulator.client("secretsmanager", keys, region)
        if binary is not None:
            sm.create_secret(Name=full, SecretBinary=binary)
            seen = base64.b64encode(binary).decode()
        else:
            if value is None:
                value = f"S3cr3t-VALUE-{uuid.uuid4()}"
            sm.create_secret(Name=full, SecretString=value)
            seen = value
        self.seeded[full if region is None else f"{region}|{full}"] = seen
        return seen

    def seed_many(self, items: Mapping[str, str]) -> dict[str, str]:
        return {n: self.seed(n, v) for n, v in items.items()}

    def make_user(self, policy: dict) -> Keys:
        keys = self.emulator.make_user(f"u{self.uid}-{self._next()}", policy)
        self.secret_keys.append(keys.secret_access_key)
        return keys

    def read_only_user(self) -> Keys:
        """A user allowed only secretsmanager:GetSecretValue (not List/BatchGet)."""
        return self.make_user(get_secret_value_only_policy())

    def secret_vars(self, env: Mapping[str, str]) -> dict[str, str]:
        """The variables of `env` whose value is one of this test's seeded values."""
        values = set(self.seeded.values())
        return {k: v for k, v in env.items() if v in values}

    # -------------------------------------------------------------- children
    def _next(self) -> int:
        self._n += 1
        return self._n

    def probe(self, exit_code: int | None = None) -> Probe:
        return Probe(self.tmp / f"env-{self._next()}.bin", exit_code)

    def marker(self) -> Marker:
        return Marker(self.tmp / f"marker-{self._next()}")

    def path(self, name: str) -> Path:
        return self.tmp / name

    # -------------------------------------------------------------- environment
    @property
    def home(self) -> Path:
        h = self.tmp / "home"
        h.mkdir(exist_ok=True)
        return h

    def base_env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "AWS_EC2_METADATA_DISABLED": "true",
            "http_proxy": DEAD_PROXY,
            "https_proxy": DEAD_PROXY,
            "HTTPS_PROXY": DEAD_PROXY,
            "no_proxy": "127.0.0.1,localhost",
            "NO_PROXY": "127.0.0.1,localhost",
        }

    def full_env(self, env: Mapping[str, str] | None = None,
                 extra_env: Mapping[str, str] | None = None, keys: Keys | None = None,
                 unset: Iterable[str] = ()) -> dict[str, str]:
        e = self.base_env()
        e.update(self.emulator.env(keys) if env is None else env)
        e.update(extra_env or {})
        for k in unset:
            e.pop(k, None)
        return e

    # -------------------------------------------------------------- running
    def popen(self, args: Sequence[str], env: Mapping[str, str] | None = None,
              extra_env: Mapping[str, str] | None = None, keys: Keys | None = None,
              unset: Iterable[str] = (), **kw) -> subprocess.Popen:
        full = self.full_env(env, extra_env, keys, unset)
        self._remember_keys(full)
        kw.setdefault("start_new_session", True)
        return subprocess.Popen([str(lwexec_bin()), *args], env=full, cwd=self.tmp, **kw)

    def run(self, args: Sequence[str], env: Mapping[str, str] | None = None,
            extra_env: Mapping[str, str] | None = None, input: bytes | str | None = None,
            timeout: float | None = None, keys: Keys | None = None,
            unset: Iterable[str] = (), leak_check: bool | str = True) -> Result:
        """Run lwexec ARGS; leak_check=True scans stdout and stderr for secrets,
        "stderr" only stderr (for a child that prints secrets on purpose), False none."""
        if isinstance(input, str):
            input = input.encode()
        p = self.popen(args, env, extra_env, keys, unset,
                       stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        limit = timeout if timeout is not None else self.timeout
        try:
            out, err = p.communicate(input, timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(p)
            out, err = p.communicate()
            pytest.fail(f"lwexec {' '.join(args)} did not finish within {limit}s "
                        f"(killed).\nstdout: {out[:2000]!r}\nstderr: {err[:4000]!r}")
        r = Result(list(args), p.returncode, out, err)
        if leak_check:
            self.assert_no_leak(r, stdout=leak_check is True)
        return r

    def _remember_keys(self, env: Mapping[str, str]) -> None:
        k = env.get("AWS_SECRET_ACCESS_KEY")
        if k and k not in self.secret_keys:
            self.secret_keys.append(k)

    def assert_no_leak(self, r: Result, stdout: bool = True) -> None:
        secrets = [v for v in self.seeded.values() if len(v) >= 8]
        secrets += [k for k in self.secret_keys if k]
        secrets.append(self.emulator.admin_keys.secret_access_key)
        streams = [("stdout", r.stdout)] if stdout else []
        streams.append(("stderr", r.stderr_bytes))
        for stream, data in streams:
            for s in secrets:
                assert s.encode() not in data, (
                    f"a secret ({s[:4]}...) appeared in lwexec's {stream}\n{r}")


def _kill_group(p: subprocess.Popen) -> None:
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        p.kill()


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("moto") / "moto-server.log"
    emu = Emulator(log_path=str(log))
    try:
        emu.start()
    except Exception as e:  # noqa: BLE001
        emu.stop()
        pytest.fail(f"could not start moto_server: {e}")
    yield emu
    emu.stop()


@pytest.fixture
def lw(emulator: Emulator, tmp_path: Path, pytestconfig: pytest.Config) -> LW:
    return LW(emulator=emulator, tmp=tmp_path, uid=uuid.uuid4().hex[:10],
              timeout=float(pytestconfig.getini("lwexec_timeout")))


@pytest.fixture
def aws_files(lw: LW):
    """Write an AWS shared credentials file and config file under the test's temp dir.

    aws_files(credentials={"name": Keys}, config={"name": {"region": ...}}) -> dict of
    AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE to put in the environment.
    """
    def write(credentials: Mapping[str, Keys], config: Mapping[str, Mapping[str, str]] | None = None):
        cred = lw.tmp / "aws-credentials"
        conf = lw.tmp / "aws-config"
        cred.write_text("".join(
            f"[{n}]\naws_access_key_id = {k.access_key_id}\n"
            f"aws_secret_access_key = {k.secret_access_key}\n\n" for n, k in credentials.items()))
        parts = []
        for n, settings in (config or {}).items():
            header = "[default]" if n == "default" else f"[profile {n}]"
            parts.append(header + "\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()))
        conf.write_text("\n".join(parts))
        for k in credentials.values():
            lw.secret_keys.append(k.secret_access_key)
        return {"AWS_SHARED_CREDENTIALS_FILE": str(cred), "AWS_CONFIG_FILE": str(conf)}
    return write


def endpoint_env(emulator: Emulator) -> dict[str, str]:
    """Only the endpoint (and region) part of the emulator env, no credentials."""
    e = emulator.env()
    return {k: v for k, v in e.items() if k.startswith("AWS_ENDPOINT_URL") or k == "AWS_REGION"}


__all__ = ["LW", "Result", "Probe", "Marker", "lines_naming", "endpoint_env", "PY",
           "SIGCHILD", "ENVDUMP", "lwexec_bin"]


@pytest.fixture
def term(lw: LW):
    """A real terminal (tmux running bash) for the test; see helpers/tmux_session.py."""
    if str(HELPERS) not in sys.path:
        sys.path.insert(0, str(HELPERS))
    from tmux_session import Tmux
    t = Tmux(lw, lwexec_bin())
    t.start()
    yield t
    t.stop()
