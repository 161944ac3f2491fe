"""Small loopback servers standing in for AWS credential endpoints in the integration tests.

Each runs a ThreadingHTTPServer on 127.0.0.1:<free port> in a daemon thread, records the
requests it saw (method, path, headers) and hands out the keys it was given — real IAM user
keys from moto, so what lwexec fetches is accepted when it signs Secrets Manager calls.

* ImdsServer: IMDSv2 (token PUT with the TTL header, then GETs that must carry the token).
* ContainerServer: ECS/EKS credentials endpoint that checks the Authorization header.
* SSOServer: the IAM Identity Center portal (GetRoleCredentials) and OIDC CreateToken.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def iso_in(seconds: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Server:
    """Base: start()/stop(), .url, .requests; subclasses implement handle(h) -> (status, headers, body)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: Any) -> None:  # quiet
                pass

            def _any(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                outer.requests.append({"method": self.command, "path": self.path,
                                       "headers": {k.lower(): v for k, v in self.headers.items()},
                                       "body": body})
                status, headers, payload = outer.handle(self.command, self.path,
                                                        {k.lower(): v for k, v in self.headers.items()}, body)
                data = payload if isinstance(payload, bytes) else payload.encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_POST = _any

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> "_Server":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], Any]:
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _json(status: int, obj: Any) -> tuple[int, dict[str, str], str]:
    return status, {"Content-Type": "application/json"}, json.dumps(obj)


class ImdsServer(_Server):
    TOKEN = "imds-session-token-xyz"
    expires_in = 6 * 3600  # seconds from now of the credentials' Expiration (negative: already expired)

    def __init__(self, keys, role: str = "lwexec-instance-role", region: str = "us-east-1",
                 session_token: str | None = None, v1_only: bool = False) -> None:
        """`v1_only`: an IMDSv1 endpoint, which answers the token request 405 and needs no token."""
        super().__init__()
        self.keys, self.role, self.region, self.session_token = keys, role, region, session_token
        self.v1_only = v1_only

    def handle(self, method, path, headers, body):
        if path == "/latest/api/token":
            if self.v1_only:
                return 405, {}, "method not allowed"
            if method != "PUT" or "x-aws-ec2-metadata-token-ttl-seconds" not in headers:
                return 400, {}, "bad token request"
            return 200, {}, self.TOKEN
        if not self.v1_only and headers.get("x-aws-ec2-metadata-token") != self.TOKEN:
            return 401, {}, "missing or bad token"
        if path == "/latest/meta-data/iam/security-credentials/":
            return 200, {}, self.role + "\n"
        if path == f"/latest/meta-data/iam/security-credentials/{self.role}":
            creds = {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": self.keys.access_key_id,
                     "SecretAccessKey": self.keys.secret_access_key, "Expiration": iso_in(self.expires_in),
                     "LastUpdated": iso_in(0)}
            if self.session_token:
                creds["Token"] = self.session_token
            return _json(200, creds)
        if path == "/latest/meta-data/placement/region":
            return 200, {}, self.region
        return 404, {}, "not found"


class ContainerServer(_Server):
    PATH = "/v1/credentials"
    expires_in = 6 * 3600  # seconds from now of the credentials' Expiration (negative: already expired)

    def __init__(self, keys, token: str | None) -> None:
        super().__init__()
        self.keys, self.token = keys, token

    def handle(self, method, path, headers, body):
        if path != self.PATH:
            return _json(404, {"code": "NotFound", "message": "no such path"})
        if self.token is not None and headers.get("authorization") != self.token:
            return _json(401, {"code": "AccessDenied", "message": "Authorization token is missing or wrong"})
        return _json(200, {"AccessKeyId": self.keys.access_key_id, "SecretAccessKey": self.keys.secret_access_key,
                           "Expiration": iso_in(self.expires_in)})


class SSOServer(_Server):
    """Portal: GET /federation/credentials?role_name&account_id with x-amz-sso_bearer_token.
    OIDC: POST /token with grantType refresh_token. Valid access tokens are in .valid_tokens."""

    expires_in = 3600  # seconds from now of the role credentials' expiration (negative: already expired)

    def __init__(self, keys, account: str = "123456789012", role: str = "Dev",
                 refresh_token: str = "refresh-1") -> None:
        super().__init__()
        self.keys, self.account, self.role = keys, account, role
        self.valid_tokens: set[str] = set()
        self.refresh_token = refresh_token
        self.refreshes = 0

    def handle(self, method, path, headers, body):
        u = urlparse(path)
        if u.path == "/federation/credentials" and method == "GET":
            q = parse_qs(u.query)
            if headers.get("x-amz-sso_bearer_token") not in self.valid_tokens:
                return (401, {"Content-Type": "application/json", "x-amzn-ErrorType": "UnauthorizedException"},
                        json.dumps({"message": "Session token not found or invalid"}))
            if q.get("role_name") != [self.role] or q.get("account_id") != [self.account]:
                return (403, {"Content-Type": "application/json", "x-amzn-ErrorType": "ForbiddenException"},
                        json.dumps({"message": "No access"}))
            return _json(200, {"roleCredentials": {
                "accessKeyId": self.keys.access_key_id, "secretAccessKey": self.keys.secret_access_key,
                "sessionToken": None, "expiration": int((time.time() + self.expires_in) * 1000)}})
        if u.path == "/token" and method == "POST":
            req = json.loads(body or b"{}")
            if req.get("grantType") != "refresh_token" or req.get("refreshToken") != self.refresh_token:
                return (400, {"Content-Type": "application/json", "x-amzn-ErrorType": "InvalidGrantException"},
                        json.dumps({"error": "invalid_grant"}))
            self.refreshes += 1
            new = f"access-refreshed-{self.refreshes}"
            self.valid_tokens.add(new)
            self.refresh_token = f"refresh-{self.refreshes + 1}"
            return _json(200, {"accessToken": new, "expiresIn": 3600, "tokenType": "Bearer",
                               "refreshToken": self.refresh_token})
        return _json(404, {"message": "not found"})
