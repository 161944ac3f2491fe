#!/usr/bin/env python3
"""A real AWS emulator (moto_server) with SigV4 and IAM checks turned on.

Used by the integration tests (Tests/Integration) and by `make demo`.

Python API::

    from emulator import Emulator
    emu = Emulator().start()          # moto_server on a free 127.0.0.1 port, auth ON
    emu.url                           # http://127.0.0.1:PORT
    emu.admin_keys                    # Keys(access_key_id, secret_access_key), Action "*"
    sm = emu.client("secretsmanager") # boto3 client signed with the admin keys
    ro = emu.make_user("ro", get_secret_value_only_policy())
    emu.env(ro)                       # AWS_* variables for a process that should use `ro`
    emu.stop()

CLI::

    python3 scripts/emulator.py serve --seed-sop [--port N] [--env-file PATH] [--pidfile PATH] [--background]

prints `export AWS_...` lines (or writes them to --env-file) and runs until killed.

How auth is switched on (moto's documented way): while moto still accepts anything
(its INITIAL_NO_AUTH_ACTION_COUNT is infinite by default), an IAM user `lwexec-admin`
with an inline `Allow * on *` policy and an access key is created; then
`POST /moto-api/reset-auth` with body `0` makes moto check every later request:
the access key must exist, the SigV4 signature must match, and the user's IAM
policies must allow the action. All later seeding therefore uses the admin key.

Where moto differs from the service in a way lwexec depends on, the server is moto patched here
(`patch_moto`, applied in the moto_server process started by `python3 emulator.py moto-server`):
  * BatchGetSecretValue with Filters leaves out secrets scheduled for deletion, as the service's
    ListSecrets does (moto refuses the whole call with InvalidRequestException "marked deleted");
    by SecretIdList, such a secret is reported in the answer's `Errors` list (moto already does).
    ListSecrets leaves them out unless IncludePlannedDeletion (moto already does).
  * UpdateSecretVersionStage moving AWSCURRENT makes the moved-to version the one GetSecretValue
    and BatchGetSecretValue return without a stage (moto kept returning the old one).
  * RotateSecret with a rotation Lambda (moto's Lambda without Docker runs no code) leaves the secret
    as a successful rotation function would: a new value AWSCURRENT, the old one AWSPREVIOUS.

moto 5.2.1 limits worth knowing (checked by hand, see Tests/Integration/test_emulator.py):
  * Secrets Manager requests are authorized against Resource "*" only: a policy whose
    Resource lists secret ARNs never matches, so a least-privilege user can be limited
    by Action (e.g. only secretsmanager:GetSecretValue) but not by resource.
  * Users can be created after reset-auth with the admin key (IAM calls are checked too).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

REGION = "us-east-1"

ADMIN_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def get_secret_value_only_policy(resources: list[str] | None = None) -> dict[str, Any]:
    """A policy allowing only secretsmanager:GetSecretValue.

    moto 5.2.1 authorizes Secrets Manager calls against the resource "*", so a
    Resource naming ARNs would deny everything; resources default to "*".
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": resources if resources else "*",
            }
        ],
    }


@dataclass(frozen=True)
class Keys:
    access_key_id: str
    secret_access_key: str


def free_port(host: str = "127.0.0.1") -> int:
    """Bind port 0, read the port the kernel chose, close. Racy only against other
    processes picking ports in the same instant; start() retries if the bind fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class EmulatorError(RuntimeError):
    pass


def patch_moto() -> None:
    """Make moto's Secrets Manager answer as the service does where lwexec depends on it (see the
    module docstring): a filtered BatchGetSecretValue leaves out secrets scheduled for deletion."""
    from moto.secretsmanager import models as m

    original = m.SecretsManagerBackend.batch_get_secret_value

    def batch_get_secret_value(self, secret_id_list=None, filters=None, max_results=None, next_token=None):
        if not filters or secret_id_list:
            return original(self, secret_id_list, filters, max_results, next_token)
        values = []
        for secret in list(self.secrets.values()):
            if getattr(secret, "deleted_date", None):
                continue  # scheduled for deletion: not listed, so not in a filtered batch
            if m._matches(secret, filters):
                source = secret.source if isinstance(secret, m.ReplicaSecret) else secret
                values.append(self.get_secret_value(source.secret_id, "", ""))
        page, token = self._get_secret_values_page_and_next_token(values, max_results, next_token)
        return page, [], token

    m.SecretsManagerBackend.batch_get_secret_value = batch_get_secret_value

    original_move = m.SecretsManagerBackend.update_secret_version_stage

    def update_secret_version_stage(self, secret_id, version_stage, remove_from_version_id, move_to_version_id):
        answer = original_move(self, secret_id, version_stage, remove_from_version_id, move_to_version_id)
        if version_stage == "AWSCURRENT" and move_to_version_id:
            # The value without a stage or version is AWSCURRENT's (moto kept the old version's).
            self.secrets[secret_id].set_default_version_id(move_to_version_id)
        return answer

    m.SecretsManagerBackend.update_secret_version_stage = update_secret_version_stage

    original_rotate = m.SecretsManagerBackend.rotate_secret

    def rotate_secret(self, secret_id, client_request_token=None, rotation_lambda_arn=None,
                      rotation_rules=None, rotate_immediately=True):
        answer = original_rotate(self, secret_id, client_request_token, rotation_lambda_arn, rotation_rules,
                                 rotate_immediately)
        secret = self.secrets[secret_id]
        if not (rotate_immediately and secret.rotation_lambda_arn):
            return answer
        # moto's Lambda without Docker runs no code: do what a rotation function's four steps do
        # (a new value as AWSPENDING, then AWSCURRENT moved to it, the old one AWSPREVIOUS), so the
        # secret is left as the service leaves it after a successful rotation (moto left AWSCURRENT's
        # value pointing at an empty version).
        new_id = next(v for v, d in secret.versions.items() if "AWSPENDING" in d["version_stages"])
        old_id = next(v for v, d in secret.versions.items() if "AWSCURRENT" in d["version_stages"])
        secret.versions[new_id]["secret_string"] = __import__("secrets").token_urlsafe(24)
        original_move(self, secret.name, "AWSCURRENT", old_id, new_id)
        secret.set_default_version_id(new_id)
        secret.versions[new_id]["version_stages"] = ["AWSCURRENT"]
        return answer

    m.SecretsManagerBackend.rotate_secret = rotate_secret


def _moto_server(argv: list[str]) -> int:
    """moto_server with patch_moto applied (what Emulator.start runs)."""
    patch_moto()
    from moto.server import main as moto_main
    moto_main(argv)
    return 0


def _die_with_parent() -> None:
    """In the moto_server child (Linux): get SIGTERM when the process that started it
    dies, so a killed test run or demo does not leave a server behind."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort, not on macOS
        pass


class Emulator:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None,
                 region: str = REGION, log_path: str | None = None):
        self.host = host
        self.port = port
        self.region = region
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self._log_file = None
        self._admin: Keys | None = None

    # ------------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        if self.port is None:
            raise EmulatorError("emulator not started")
        return f"http://{self.host}:{self.port}"

    @property
    def admin_keys(self) -> Keys:
        if self._admin is None:
            raise EmulatorError("emulator not started")
        return self._admin

    def start(self, timeout: float = 30.0) -> "Emulator":
        if self.proc is not None:
            return self
        if self.log_path is None:
            fd, self.log_path = tempfile.mkstemp(prefix="moto-server-", suffix=".log")
            os.close(fd)
        self._log_file = open(self.log_path, "ab")
        fixed_port = self.port
        last_error = ""
        for _attempt in range(5):
            port = fixed_port or free_port(self.host)
            env = dict(os.environ)
            env.pop("TEST_SERVER_MODE", None)
            # moto reads this at import time too; make sure auth starts OFF regardless.
            env.pop("INITIAL_NO_AUTH_ACTION_COUNT", None)
            self.proc = subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), "moto-server", "-H", self.host, "-p", str(port)],
                stdin=subprocess.DEVNULL, stdout=self._log_file, stderr=subprocess.STDOUT,
                env=env, start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
            self.port = port
            if self._wait_ready(timeout):
                break
            last_error = self._log_tail()
            self._kill()
            self.port = None
            if fixed_port:
                break
        if self.proc is None:
            raise EmulatorError(f"moto_server did not start; log {self.log_path}:\n{last_error}")
        self._enable_auth()
        return self

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                return False  # e.g. the port was taken between free_port() and bind
            try:
                with urllib.request.urlopen(self.url + "/moto-api/", timeout=1) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        return False

    def _log_tail(self, n: int = 4000) -> str:
        try:
            with open(self.log_path, "rb") as f:  # type: ignore[arg-type]
                return f.read()[-n:].decode(errors="replace")
        except OSError:
            return ""

    def _kill(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def stop(self) -> None:
        self._kill()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ----------------------------------------------------------------------- auth
    def _enable_auth(self) -> None:
        iam = self._boto("iam", Keys("test", "test"))  # auth still off: anything goes
        name = "lwexec-admin"
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName="admin",
                            PolicyDocument=json.dumps(ADMIN_POLICY))
        ak = iam.create_access_key(UserName=name)["AccessKey"]
        self._admin = Keys(ak["AccessKeyId"], ak["SecretAccessKey"])
        req = urllib.request.Request(
            self.url + "/moto-api/reset-auth", data=b"0",
            headers={"Content-Type": "text/plain"}, method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            body = json.loads(r.read())
        if body.get("status") != "ok":
            raise EmulatorError(f"reset-auth failed: {body}")

    def make_user(self, name: str, policy_doc: dict[str, Any]) -> Keys:
        """Create an IAM user with one inline policy and an access key (admin-signed)."""
        iam = self.client("iam")
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName=f"{name}-policy",
                            PolicyDocument=json.dumps(policy_doc))
        ak = iam.create_access_key(UserName=name)["AccessKey"]
        return Keys(ak["AccessKeyId"], ak["SecretAccessKey"])

    # -------------------------------------------------------------------- clients
    def _boto(self, service: str, keys: Keys, region: str | None = None) -> Any:
        import boto3
        from botocore.config import Config
        return boto3.client(
            service, endpoint_url=self.url, region_name=region or self.region,
            aws_access_key_id=keys.access_key_id,
            aws_secret_access_key=keys.secret_access_key,
            config=Config(retries={"max_attempts": 2, "mode": "standard"}),
        )

    def client(self, service: str, keys: Keys | None = None, region: str | None = None) -> Any:
        return self._boto(service, keys or self.admin_keys, region)

    def env(self, keys: Keys | None = None) -> dict[str, str]:
        k = keys or self.admin_keys
        return {
            "AWS_ACCESS_KEY_ID": k.access_key_id,
            "AWS_SECRET_ACCESS_KEY": k.secret_access_key,
            "AWS_REGION": self.region,
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": self.url,
            "AWS_ENDPOINT_URL_STS": self.url,
        }

    # -------------------------------------------------------------------- seeding
    def seed_sop(self) -> dict[str, str]:
        """Create the SOP's example secrets with tags and random values. Returns name->value."""
        sm = self.client("secretsmanager")

        def rnd(n: int = 24) -> str:
            return secrets.token_urlsafe(n)

        specs = [
            ("/non-prod/backend/database_password", rnd(), "non-prod", "backend", "database"),
            ("/non-prod/backend/jwt_secret_key", rnd(32), "non-prod", "backend", "jwt"),
            ("/non-prod/backend/stripe_api_key", "sk_test_" + rnd(18), "non-prod", "backend", "api-key"),
            ("/non-prod/backend/database",
             json.dumps({"username": "admin", "password": rnd()}), "non-prod", "backend", "database"),
            ("/non-prod/redis/auth_token", rnd(), "non-prod", "redis", "token"),
            ("/prod/backend/database_password", rnd(), "prod", "backend", "database"),
            ("/prod/backend/jwt_secret_key", rnd(32), "prod", "backend", "jwt"),
            ("/prod/cloudflare/api_token", rnd(30), "prod", "cloudflare", "api-token"),
            # Retired by the README's clean-up step (`lwexec delete /non-prod/backend/old_api_key`).
            ("/non-prod/backend/old_api_key", rnd(20), "non-prod", "backend", "api-key"),
        ]
        out = {}
        for name, value, envname, service, stype in specs:
            sm.create_secret(
                Name=name, SecretString=value,
                Tags=[
                    {"Key": "Environment", "Value": envname},
                    {"Key": "ManagedBy", "Value": "lwexec-emulator"},
                    {"Key": "Service", "Value": service},
                    {"Key": "SecretType", "Value": stype},
                ],
            )
            out[name] = value
        self.seed_rotation_lambda()
        return out

    ROTATION_LAMBDA = "lwexec-sop-rotation"

    def seed_rotation_lambda(self) -> str:
        """A rotation Lambda for `rotate --lambda` (the README's walk-through): moto's Lambda without
        Docker (its documented `use_docker: False`), whose invocations succeed without running code.
        Returns its ARN."""
        import io
        import urllib.request
        import zipfile
        req = urllib.request.Request(self.url + "/moto-api/config", method="POST",
                                     data=json.dumps({"lambda": {"use_docker": False}}).encode(),
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req).read()
        iam = self.client("iam")
        role = iam.create_role(RoleName=self.ROTATION_LAMBDA, AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                    "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
        code = io.BytesIO()
        with zipfile.ZipFile(code, "w") as z:
            z.writestr("index.py", "def handler(event, context):\n    return None\n")
        fn = self.client("lambda").create_function(
            FunctionName=self.ROTATION_LAMBDA, Runtime="python3.12", Role=role, Handler="index.handler",
            Code={"ZipFile": code.getvalue()})
        return fn["FunctionArn"]


def _export_lines(env: dict[str, str]) -> str:
    return "".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())


def _background(args: argparse.Namespace) -> int:
    """`serve --background`: returns once the server is up and the env file is written (so that
    `serve --background --env-file F && . F` never reads a missing or stale file); the server goes on
    in a process of its own session."""
    if not args.env_file:
        print("emulator.py: --background needs --env-file", file=sys.stderr)
        return 2
    try:
        os.unlink(args.env_file)
    except FileNotFoundError:
        pass
    log = args.env_file + ".log"
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        # Detached: no terminal, and none of the caller's pipes held open (its messages go to `log`).
        os.close(r)
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os._exit(_serve(args, ready_fd=w))
    os.close(w)
    with os.fdopen(r, "rb") as ready:
        line = ready.read()
    if not line:
        os.waitpid(pid, 0)
        print(f"emulator.py: the server did not start; its messages are in {log}", file=sys.stderr)
        return 1
    print(f"emulator running as PID {line.decode().strip()} (messages in {log}); variables in {args.env_file}",
          file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace, ready_fd: int | None = None) -> int:
    emu = Emulator(host=args.host, port=args.port, log_path=args.log)
    def on_signal(signum: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        emu.start()
        if args.seed_sop:
            names = emu.seed_sop()
            print(f"seeded {len(names)} secrets: " + " ".join(names), file=sys.stderr)
        env = emu.env()
        # For the aws CLI / boto3 in a demo shell (botocore reads AWS_DEFAULT_REGION).
        env["AWS_DEFAULT_REGION"] = emu.region
        text = _export_lines(env)
        if args.env_file:
            tmp = args.env_file + ".tmp"
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(text)
            os.replace(tmp, args.env_file)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if args.pidfile:
            with open(args.pidfile, "w") as f:
                f.write(f"{os.getpid()}\n")
        if ready_fd is not None:
            os.write(ready_fd, f"{os.getpid()}\n".encode())
            os.close(ready_fd)
        print(f"moto_server at {emu.url} (auth on, log {emu.log_path}); kill {os.getpid()} to stop",
              file=sys.stderr)
        assert emu.proc is not None
        rc = emu.proc.wait()
        print(f"moto_server exited with {rc}", file=sys.stderr)
        return 1
    except SystemExit:
        return 0
    finally:
        emu.stop()
        if args.pidfile:
            try:
                os.unlink(args.pidfile)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["moto-server"]:
        return _moto_server(argv[1:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="run moto_server with auth on until killed")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=None, help="default: a free port")
    s.add_argument("--seed-sop", action="store_true", help="create the SOP example secrets")
    s.add_argument("--env-file", help="write the export lines here instead of stdout")
    s.add_argument("--pidfile", help="write this process's PID here (removed on exit)")
    s.add_argument("--log", help="moto_server log file (default: a temp file)")
    s.add_argument("--background", action="store_true",
                   help="return once the server is up and --env-file is written; the server keeps running")
    args = p.parse_args(argv)
    if args.cmd == "serve":
        return _background(args) if args.background else _serve(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
