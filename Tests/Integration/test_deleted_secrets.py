"""Secrets scheduled for deletion (issue 23, item 1): not part of a prefix, however the service says so.

The service's ListSecrets leaves them out; BatchGetSecretValue may leave them out, list them under
`Errors`, or (as the emulator did) refuse the whole batch. A launch of the prefix runs with the
other secrets in every case, in one round trip when nothing is deleted; any other per-secret error
fails the launch naming the secret and its code. `read`, `history` and `--secret` of a deleted
secret say so, when, and how to restore it.
"""

from __future__ import annotations

import sys

from conftest import LW, HELPERS  # noqa: F401

if str(HELPERS) not in sys.path:
    sys.path.insert(0, str(HELPERS))
from batch_proxy import BatchProxy  # noqa: E402
from wire_proxy import WireProxy  # noqa: E402

SERVICE_MESSAGE = "You can't perform this operation on the secret because it was marked for deletion."


def seed_prefix(lw: LW) -> tuple[str, str]:
    lw.seed("app/api_key", f"api-{lw.uid}-value")
    lw.seed("app/old_api_key", f"old-{lw.uid}-value")
    return lw.name("app"), lw.name("app/old_api_key")


def schedule_deletion(lw: LW, name: str) -> None:
    lw.emulator.client("secretsmanager").delete_secret(SecretId=name, RecoveryWindowInDays=7)


def test_prefix_launch_leaves_out_a_secret_scheduled_for_deletion(lw: LW):
    prefix, old = seed_prefix(lw)
    schedule_deletion(lw, old)
    proxy = WireProxy(lw.emulator.url)
    try:
        probe = lw.probe()
        r = lw.run([prefix, "--", *probe.argv], extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})
        assert r.returncode == 0, r
        env = probe.env()
        assert env["API_KEY"] == f"api-{lw.uid}-value" and "OLD_API_KEY" not in env
        assert proxy.targets() == ["BatchGetSecretValue"], proxy.targets()
    finally:
        proxy.close()


def run_through(lw: LW, proxy: BatchProxy, prefix: str):
    probe = lw.probe()
    r = lw.run([prefix, "--", *probe.argv], extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})
    return r, probe


def test_whole_batch_refused_for_a_deleted_secret_falls_back_without_it(lw: LW):
    prefix, _ = seed_prefix(lw)
    gone = lw.name("app/gone_api_key")  # the proxy answers as if it were scheduled for deletion
    proxy = BatchProxy(lw.emulator.url, "refuse", gone, "InvalidRequestException", SERVICE_MESSAGE)
    try:
        r, probe = run_through(lw, proxy, prefix)
        assert r.returncode == 0, r
        assert proxy.rewritten == 1
        env = probe.env()
        assert env["API_KEY"] == f"api-{lw.uid}-value" and env["OLD_API_KEY"] == f"old-{lw.uid}-value"
        assert "GONE_API_KEY" not in env
    finally:
        proxy.close()


def test_deleted_secret_listed_under_errors_is_left_out(lw: LW):
    prefix, _ = seed_prefix(lw)
    gone = lw.name("app/gone_api_key")
    proxy = BatchProxy(lw.emulator.url, "errors", gone, "InvalidRequestException", SERVICE_MESSAGE)
    try:
        r, probe = run_through(lw, proxy, prefix)
        assert r.returncode == 0, r
        assert proxy.rewritten == 1 and proxy.targets() == ["BatchGetSecretValue"]
        env = probe.env()
        assert env["API_KEY"] == f"api-{lw.uid}-value" and "GONE_API_KEY" not in env
    finally:
        proxy.close()


def test_other_error_under_errors_fails_naming_the_secret_and_code(lw: LW):
    prefix, _ = seed_prefix(lw)
    locked = lw.name("app/locked_api_key")
    proxy = BatchProxy(lw.emulator.url, "errors", locked, "AccessDeniedException",
                       "User is not authorized to perform secretsmanager:GetSecretValue")
    try:
        marker = lw.marker()
        r = lw.run([prefix, "--", *marker.argv], extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})
        assert r.returncode == 125, r
        assert not marker.ran
        assert f"cannot read secret {locked}: AccessDeniedException" in r.err, r
    finally:
        proxy.close()


def assert_says_scheduled(r, name: str, day: str):
    assert r.returncode == 125, r
    assert f"{name} is scheduled for deletion" in r.err, r
    assert day in r.err, r  # when: the date DescribeSecret gives
    assert f"aws secretsmanager restore-secret --secret-id {name}" in r.err, r


def test_read_history_and_secret_flag_of_a_deleted_secret(lw: LW):
    _, old = seed_prefix(lw)
    schedule_deletion(lw, old)
    deleted = lw.emulator.client("secretsmanager").describe_secret(SecretId=old)["DeletedDate"]
    day = deleted.strftime("%Y-%m-%d")
    for args in (["read", old], ["history", old]):
        r = lw.run(args)
        assert_says_scheduled(r, old, day)
    marker = lw.marker()
    r = lw.run(["--secret", old, "--", *marker.argv])
    assert r.returncode == 125 and not marker.ran, r
    assert f"secret {old} is scheduled for deletion" in r.err, r
    assert f"restore-secret --secret-id {old}" in r.err, r
