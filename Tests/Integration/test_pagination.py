"""Many secrets under one prefix: every one arrives (ListSecrets pages of 100,
BatchGetSecretValue batches of 20 on the lwexec side)."""

from __future__ import annotations

import pytest

from conftest import LW


@pytest.mark.parametrize("count", [20, 21, 25, 100, 101, 120])
def test_all_secrets_arrive(lw: LW, count: int):
    # Distinct, checkable values; names sort differently as strings and numbers.
    expected = {}
    for i in range(count):
        expected[f"KEY_{i}"] = lw.seed(f"many/key_{i}", f"value-{i:04d}-{lw.uid}")
    # A neighbour that must not leak in through the raw name filter.
    lw.seed("many-more/key_0", f"neighbour-{lw.uid}")
    probe = lw.probe()
    r = lw.run([lw.name("many"), "--", *probe.argv])
    assert r.returncode == 0, r
    got = lw.secret_vars(probe.env())
    missing = sorted(set(expected) - set(got), key=lambda k: int(k.split("_")[1]))
    assert not missing, f"{len(missing)} of {count} secrets missing, e.g. {missing[:5]}"
    assert got == expected


def test_pagination_with_recursive_and_nested_pages(lw: LW):
    expected = {}
    for i in range(45):
        expected[f"A_S{i}"] = lw.seed(f"r/a/s{i}", f"a-{i}-{lw.uid}")
        expected[f"B_S{i}"] = lw.seed(f"r/b/s{i}", f"b-{i}-{lw.uid}")
    probe = lw.probe()
    r = lw.run(["--recursive", lw.name("r"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == expected


@pytest.mark.parametrize("count,max_rounds", [(3, 1), (20, 1), (21, 3), (84, 3), (100, 4), (120, 5)])
def test_sequential_round_trips_on_the_wire(lw: LW, count: int, max_rounds: int):
    """Up to 20 secrets in one round trip (BatchGetSecretValue); then one ListSecrets round per page of
    100 names and one GetSecretValue round per 64 remaining values (counted at a proxy, not by lwexec):
    the values past the first 20 use GetSecretValue's quota, 100 times BatchGetSecretValue's."""
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "helpers"))
    from wire_proxy import WireProxy

    for i in range(count):
        lw.seed(f"rt/key_{i}", f"rt-{i}-{lw.uid}")
    proxy = WireProxy(lw.emulator.url, latency=0.25)
    try:
        probe = lw.probe()
        r = lw.run([lw.name("rt"), "--", *probe.argv], extra_env={"AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url})
        assert r.returncode == 0, r
        assert len(lw.secret_vars(probe.env())) == count
        assert proxy.rounds() <= max_rounds, f"{proxy.rounds()} sequential round trips: {proxy.targets()}"
        # The scarce quotas (100 requests/s each) are spent once per prefix and page; the rest is GetSecretValue.
        calls = {op: proxy.targets().count(op) for op in ("BatchGetSecretValue", "ListSecrets", "GetSecretValue")}
        listed = count > 20
        assert calls == {"BatchGetSecretValue": 1, "ListSecrets": -(-count // 100) if listed else 0,
                         "GetSecretValue": count - 20 if listed else 0}, calls
    finally:
        proxy.close()
