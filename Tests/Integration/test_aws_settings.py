"""AWS settings read as the SDKs read them (issue 14): blank environment credentials, and the Lambda
recursion-detection header."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from chaos_proxy import ChaosProxy  # noqa: E402


class HeaderRecorder(ChaosProxy):
    """Forwards to moto and keeps each request's headers (names lowercased)."""

    def __init__(self, upstream: str):
        super().__init__(upstream)
        self.headers: list[dict[str, str]] = []

    def _serve(self, h, body: bytes) -> None:
        with self._lock:
            self.headers.append({k.lower(): v for k, v in h.headers.items()})
        return super()._serve(h, body)


def test_blank_environment_keys_count_as_unset(lw: LW, aws_files):
    # The SDKs go on down the chain past AWS_ACCESS_KEY_ID=" ": here to the credentials file.
    value = lw.seed("app/api_token")
    files = aws_files({"default": lw.emulator.admin_keys})
    env = {**lw.emulator.env(), **files, "AWS_ACCESS_KEY_ID": " ", "AWS_SECRET_ACCESS_KEY": "\t", "AWS_SESSION_TOKEN": " "}
    probe = lw.probe()
    r = lw.run(["-v", lw.name("app"), "--", *probe.argv], env=env)
    assert r.returncode == 0, r
    assert "credentials from profile default" in r.err, r
    assert probe.env()["API_TOKEN"] == value


def test_inside_lambda_every_call_carries_the_trace_header(lw: LW):
    lw.seed("app/api_token")
    trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
    with HeaderRecorder(lw.emulator.url) as proxy:
        env = {**lw.emulator.env(), "AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url,
               "AWS_LAMBDA_FUNCTION_NAME": "my-function", "_X_AMZN_TRACE_ID": trace}
        r = lw.run([lw.name("app"), "--", "true"], env=env)
        assert r.returncode == 0, r
        assert proxy.headers and all(s.get("x-amzn-trace-id") == trace for s in proxy.headers), proxy.headers
        # Not signed, as the SDKs leave it (Lambda and X-Ray may rewrite it on the way).
        assert not any("x-amzn-trace-id" in s["authorization"] for s in proxy.headers)
        proxy.headers.clear()
        env.pop("AWS_LAMBDA_FUNCTION_NAME")
        assert lw.run([lw.name("app"), "--", "true"], env=env).returncode == 0
        assert proxy.headers and not any("x-amzn-trace-id" in s for s in proxy.headers), "sent outside Lambda"


def test_the_profile_ca_bundle_is_used(lw: LW, aws_files):
    # The profile's ca_bundle is the file curl is given: a missing one is named in the error.
    lw.seed("app/api_token")
    files = aws_files({}, {"default": {"ca_bundle": "/nonexistent/lwexec-test-ca.pem"}})
    https = lw.emulator.url.replace("http://", "https://")
    env = {**lw.emulator.env(), **files, "AWS_ENDPOINT_URL_SECRETS_MANAGER": https}
    r = lw.run(["--timeout", "5s", lw.name("app"), "--", "true"], env=env)
    assert r.returncode == 125 and "lwexec-test-ca.pem" in r.err, r
    env["AWS_CA_BUNDLE"] = "/nonexistent/lwexec-env-ca.pem"  # the variable wins over the profile
    r = lw.run(["--timeout", "5s", lw.name("app"), "--", "true"], env=env)
    assert r.returncode == 125 and "lwexec-env-ca.pem" in r.err, r
