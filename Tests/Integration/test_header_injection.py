"""A control character in a credential value never reaches the wire (issue 22, item 1).

A line break in a header value ends the header: `AWS_SESSION_TOKEN=$'tok\\r\\nX-Injected: yes'` put a
header of its own on the wire, and a continuation line in `aws_access_key_id` a raw line break into
Authorization. Each source is tried with such a value: lwexec exits 125 naming the source, and the
endpoint it would have called records no request at all (lwexec's exit is the sentinel: every request
it makes is answered before it exits).
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from cred_support import ALLOW_ALL, config_section, no_cred_env, write_aws_files  # noqa: E402
from fake_servers import ContainerServer, ImdsServer, SSOServer, _json, iso_in  # noqa: E402

INJECTED = "tok\r\nX-Injected: yes"
SK = "wJalrXUtnFEMIbPxRfiCYEXAMPLEKEY"


class WireRecorder:
    """A TCP listener standing in for Secrets Manager and STS: records the raw bytes of every
    connection and answers 400. What it saw is what went on the wire."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.seen: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            c.settimeout(2)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                self.seen.append(data)
                c.sendall(self.answer(c, data))
            except OSError:
                pass
            c.close()

    def answer(self, conn: socket.socket, head: bytes) -> bytes:
        return b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def wire():
    w = WireRecorder()
    yield w
    w.close()


def wire_env(wire: WireRecorder) -> dict[str, str]:
    return {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_SECRETS_MANAGER": wire.url, "AWS_ENDPOINT_URL_STS": wire.url,
            "AWS_MAX_ATTEMPTS": "1"}


def refused(lw: LW, env: dict, what: str, source: str, args=()) -> None:
    marker = lw.marker()
    r = lw.run([*args, "/non-prod/backend", "--", *marker.argv], env=env)
    assert r.returncode == 125, r
    assert not marker.ran
    assert f"{what} from {source} contains a control character (U+000D)" in r.err, r
    assert "X-Injected" not in r.err, r


def test_session_token_from_the_environment(lw: LW, wire):
    env = {**wire_env(wire), "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": SK,
           "AWS_SESSION_TOKEN": INJECTED}
    refused(lw, env, "the session token", "environment")
    assert wire.seen == [], wire.seen


def test_access_key_continuation_line_in_the_credentials_file(lw: LW, wire):
    # A continuation line folds into the value with a line break (the profile-parser rules).
    files = write_aws_files(lw, "", "[default]\naws_access_key_id = AKID\n  X-Injected: yes\naws_secret_access_key = wJalrXUtnFEMIbPxRfiCYEXAMPLEKEY\n")
    env = {**wire_env(wire), **files}
    marker = lw.marker()
    r = lw.run(["/non-prod/backend", "--", *marker.argv], env=env)
    assert r.returncode == 125 and not marker.ran, r
    assert "the access key id from profile default" in r.err and "control character (U+000A)" in r.err, r
    assert wire.seen == [], wire.seen


def test_credential_process_output(lw: LW, wire):
    script = lw.tmp / "creds.py"
    script.write_text("import json\nprint(json.dumps({'Version': 1, 'AccessKeyId': 'AKID', 'SecretAccessKey': 'wJalrXUtnFEMIbPxRfiCYEXAMPLEKEY', "
                      f"'SessionToken': {INJECTED!r}, 'Expiration': {iso_in(3600)!r}}}))\n")
    files = write_aws_files(lw, config_section("default", credential_process=f"{sys.executable} {script}"))
    env = {**wire_env(wire), **files}
    refused(lw, env, "the session token", "credential_process of profile default")
    assert wire.seen == [], wire.seen


class HostileContainer(ContainerServer):
    def handle(self, method, path, headers, body):
        return _json(200, {"AccessKeyId": "AKID", "SecretAccessKey": SK, "Token": INJECTED, "Expiration": iso_in(3600)})


def test_container_answer(lw: LW, wire):
    with HostileContainer(None, token=None) as srv:
        env = {**wire_env(wire), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        refused(lw, env, "the session token", f"container ({srv.url + ContainerServer.PATH})")
    assert wire.seen == [], wire.seen


@pytest.mark.parametrize("via", ["variable", "file"])
def test_container_authorization_token(lw: LW, wire, via):
    with ContainerServer(None, token="Bearer x") as srv:
        env = {**wire_env(wire), "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url + ContainerServer.PATH}
        if via == "variable":
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = INJECTED
            source = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
        else:
            f = lw.tmp / "token"
            f.write_text(INJECTED)
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = str(f)
            source = f"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ({f})"
        refused(lw, env, "the container authorization token", source)
        assert srv.requests == [], srv.requests
    assert wire.seen == [], wire.seen


def test_imds_answer(lw: LW, wire):
    with ImdsServer(lw.make_user(ALLOW_ALL), session_token=INJECTED) as imds:
        env = {**wire_env(wire), "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url}
        refused(lw, env, "the session token", f"instance role lwexec-instance-role (IMDS at {imds.url})")
    assert wire.seen == [], wire.seen


class HostileImdsToken(ImdsServer):
    def handle(self, method, path, headers, body):
        if path == "/latest/api/token":
            return 200, {}, "tok\r\nX-Injected: yes"
        return super().handle(method, path, headers, body)


def test_imds_session_token_is_not_sent_back(lw: LW, wire):
    with HostileImdsToken(lw.make_user(ALLOW_ALL)) as imds:
        env = {**wire_env(wire), "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url}
        marker = lw.marker()
        r = lw.run(["/non-prod/backend", "--", *marker.argv], env=env)
        assert r.returncode == 125 and not marker.ran, r
        assert "issued a session token with a control character (U+000D)" in r.err, r
        assert [q["method"] for q in imds.requests] == ["PUT"], imds.requests
    assert wire.seen == [], wire.seen


class HostileSSO(SSOServer):
    def handle(self, method, path, headers, body):
        if path.startswith("/federation/credentials"):
            return _json(200, {"roleCredentials": {"accessKeyId": "AKID", "secretAccessKey": SK,
                                                   "sessionToken": INJECTED, "expiration": 4102444800000}})
        return super().handle(method, path, headers, body)


def sso_files(lw: LW, srv: SSOServer, access: str) -> dict[str, str]:
    import hashlib
    start = "https://example.awsapps.com/start"
    d = lw.home / ".aws" / "sso" / "cache"
    d.mkdir(parents=True, exist_ok=True)
    (d / (hashlib.sha1(start.encode()).hexdigest() + ".json")).write_text(json.dumps(
        {"startUrl": start, "region": "us-east-1", "accessToken": access, "expiresAt": iso_in(3600)}))
    config = config_section("dev", sso_start_url=start, sso_region="us-east-1", sso_account_id=srv.account,
                            sso_role_name=srv.role)
    return {**write_aws_files(lw, config), "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": srv.url,
            "AWS_ENDPOINT_URL_SSO_OIDC": srv.url}


def test_sso_answer(lw: LW, wire):
    with HostileSSO(None) as srv:
        env = {**wire_env(wire), **sso_files(lw, srv, "access-ok")}
        refused(lw, env, "the session token", f"sso role {srv.role} in account {srv.account} (profile dev)")
    assert wire.seen == [], wire.seen


def test_sso_access_token_from_the_cache_file(lw: LW, wire):
    with SSOServer(None) as srv:
        env = {**wire_env(wire), **sso_files(lw, srv, INJECTED)}
        refused(lw, env, "the SSO access token", "the SSO login of profile dev")
        assert srv.requests == [], srv.requests
    assert wire.seen == [], wire.seen


class HostileSTS(WireRecorder):
    """Answers AssumeRole with a session token holding a line break (a raw CR LF in the XML text)."""

    def answer(self, conn: socket.socket, data: bytes) -> bytes:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")), 0)
        while len(rest) < length:
            rest += conn.recv(65536)
        body = (f"<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId>"
                f"<SecretAccessKey>wJalrXUtnFEMIbPxRfiCYEXAMPLEKEY</SecretAccessKey><SessionToken>tok\r\nX-Injected: yes</SessionToken>"
                f"<Expiration>{iso_in(3600)}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>").encode()
        return (b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: "
                + str(len(body)).encode() + b"\r\n\r\n" + body)


def test_sts_answer(lw: LW, wire):
    sts = HostileSTS()
    try:
        config = (config_section("dev", role_arn="arn:aws:iam::123456789012:role/r", source_profile="base")
                  + config_section("base", aws_access_key_id="AKIDBASE", aws_secret_access_key=SK))
        env = {**wire_env(wire), **write_aws_files(lw, config), "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_STS": sts.url}
        marker = lw.marker()
        r = lw.run(["/non-prod/backend", "--", *marker.argv], env=env)
        assert r.returncode == 125 and not marker.ran, r
        assert "the session token from" in r.err and "control character (U+000D)" in r.err, r
        assert len(sts.seen) == 1, sts.seen  # the AssumeRole call, signed with the base keys
    finally:
        sts.close()
    assert wire.seen == [], wire.seen


# ------------------------------------------------------------------ no proxy for container and IMDS (item 2)
@pytest.fixture
def proxy():
    """A proxy that records every request it is handed (raw bytes) and answers 502."""
    w = WireRecorder()
    yield w
    w.close()


def proxied_env(lw: LW, proxy: WireRecorder, variable: str) -> dict[str, str]:
    # The emulator (127.0.0.1) stays direct; the credential endpoints below are named `localhost`,
    # which NO_PROXY does not cover: only lwexec's own rule keeps them off the proxy.
    return {**no_cred_env(lw.emulator), variable: proxy.url, "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"}


@pytest.mark.parametrize("variable", ["http_proxy", "ALL_PROXY", "all_proxy"])
def test_container_credentials_never_go_through_a_proxy(lw: LW, proxy, variable):
    name, value = lw.name("app"), lw.seed("app/database_password")
    with ContainerServer(lw.make_user(ALLOW_ALL), token="Bearer pod-token") as srv:
        env = {**proxied_env(lw, proxy, variable),
               "AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.url.replace("127.0.0.1", "localhost") + ContainerServer.PATH,
               "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer pod-token"}
        probe = lw.probe()
        r = lw.run([name, "--", *probe.argv], env=env)
        assert r.returncode == 0, r
        assert probe.env()["DATABASE_PASSWORD"] == value
        assert srv.requests and srv.requests[-1]["headers"]["authorization"] == "Bearer pod-token"
    assert proxy.seen == [], proxy.seen


@pytest.mark.parametrize("variable", ["http_proxy", "ALL_PROXY"])
def test_instance_metadata_never_goes_through_a_proxy(lw: LW, proxy, variable):
    name, value = lw.name("app"), lw.seed("app/database_password")
    with ImdsServer(lw.make_user(ALLOW_ALL)) as imds:
        env = {**proxied_env(lw, proxy, variable), "AWS_EC2_METADATA_DISABLED": "false",
               "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url.replace("127.0.0.1", "localhost")}
        probe = lw.probe()
        r = lw.run([name, "--", *probe.argv], env=env)
        assert r.returncode == 0, r
        assert probe.env()["DATABASE_PASSWORD"] == value
        assert [q["method"] for q in imds.requests][:1] == ["PUT"], imds.requests
    assert proxy.seen == [], proxy.seen


def test_secrets_manager_still_honours_the_proxy(lw: LW, proxy):
    """The rule is for the credential endpoints only: a Secrets Manager endpoint outside NO_PROXY goes
    through http_proxy as before (here the recording proxy, which answers 400)."""
    env = {**lw.emulator.env(), "http_proxy": proxy.url, "no_proxy": "", "NO_PROXY": "", "AWS_MAX_ATTEMPTS": "1"}
    marker = lw.marker()
    r = lw.run([lw.name("app"), "--", *marker.argv], env=env)
    assert r.returncode == 125 and not marker.ran, r
    assert proxy.seen and proxy.seen[0].startswith(b"POST http://127.0.0.1:"), proxy.seen
