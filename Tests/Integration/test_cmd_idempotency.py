"""A write whose answer is lost is retried with the same ClientRequestToken: exactly one version."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import LW

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from fault_proxy import FaultProxy  # noqa: E402


@pytest.fixture
def proxy_for(lw: LW):
    proxies = []

    def make(drop: dict[str, int]) -> FaultProxy:
        p = FaultProxy(lw.emulator.port, drop)
        proxies.append(p)
        return p
    yield make
    for p in proxies:
        p.stop()


def run_through(lw: LW, proxy: FaultProxy, args: list[str], value: str):
    return lw.run(args, input=value, extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})


def test_lost_put_secret_value_answer_makes_one_version(lw: LW, proxy_for):
    name = lw.name("database_password")
    lw.seed("database_password", "before-value-0000")
    proxy = proxy_for({"PutSecretValue": 1})
    r = run_through(lw, proxy, ["write", name], "after-value-1111")
    lw.seeded["after"] = "after-value-1111"
    assert r.returncode == 0, r
    assert proxy.dropped["PutSecretValue"] == 1 and proxy.seen["PutSecretValue"] == 2
    sm = lw.emulator.client("secretsmanager")
    versions = sm.list_secret_version_ids(SecretId=name, IncludeDeprecated=True)["Versions"]
    assert len(versions) == 2  # the seeded one and exactly one new one
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "after-value-1111"


def test_lost_create_secret_answer_makes_one_secret_and_version(lw: LW, proxy_for):
    name = lw.name("stripe_api_key")
    proxy = proxy_for({"CreateSecret": 1})
    r = run_through(lw, proxy, ["write", name], "sk_test_once-2222")
    lw.seeded["v"] = "sk_test_once-2222"
    assert r.returncode == 0, r
    assert r.out.startswith(f"created {name}")
    assert proxy.dropped["CreateSecret"] == 1 and proxy.seen["CreateSecret"] == 2
    sm = lw.emulator.client("secretsmanager")
    versions = sm.list_secret_version_ids(SecretId=name, IncludeDeprecated=True)["Versions"]
    assert len(versions) == 1
    assert sm.get_secret_value(SecretId=name)["SecretString"] == "sk_test_once-2222"


def test_lost_manual_rotation_answer_makes_one_version(lw: LW, proxy_for):
    name = lw.name("jwt_secret_key")
    lw.seed("jwt_secret_key", "before-rotate-0000")
    proxy = proxy_for({"PutSecretValue": 1})
    r = run_through(lw, proxy, ["rotate", name], "after-rotate-3333")
    lw.seeded["r"] = "after-rotate-3333"
    assert r.returncode == 0, r
    assert proxy.seen["PutSecretValue"] == 2
    versions = lw.emulator.client("secretsmanager").list_secret_version_ids(SecretId=name, IncludeDeprecated=True)["Versions"]
    assert len(versions) == 2
