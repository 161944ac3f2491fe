"""Which secrets are under a prefix: path boundary, case-sensitive.

Secrets Manager's own `name` filter is a plain, case-sensitive string prefix
(`/p/x` also matches `/p/x-old/a` and `/p/xy`), so lwexec has to apply the
boundary itself.
"""

from __future__ import annotations

import pytest

from conftest import LW


@pytest.fixture
def tree(lw: LW) -> dict[str, str]:
    return lw.seed_many({
        "x/a": None,
        "x/b": None,
        "x/sub/c": None,
        "x-old/a": None,
        "x-old/sub/c": None,
        "xy": None,
        "xy/a": None,
        "X/a": None,
        "X/sub/c": None,
    })


@pytest.mark.parametrize("suffix", ["", "/"])
def test_sibling_with_same_start_is_not_under_prefix(lw: LW, tree, suffix):
    probe = lw.probe()
    r = lw.run([lw.name("x") + suffix, "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {"A": tree["x/a"], "B": tree["x/b"]}


def test_recursive_keeps_the_boundary(lw: LW, tree):
    probe = lw.probe()
    r = lw.run(["--recursive", lw.name("x"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {
        "A": tree["x/a"],
        "B": tree["x/b"],
        "SUB_C": tree["x/sub/c"],
    }


def test_matching_is_case_sensitive(lw: LW, tree):
    probe = lw.probe()
    r = lw.run(["--recursive", lw.name("X"), "--", *probe.argv])
    assert r.returncode == 0, r
    assert lw.secret_vars(probe.env()) == {
        "A": tree["X/a"],
        "SUB_C": tree["X/sub/c"],
    }


def test_prefix_that_is_only_a_string_prefix_has_no_secrets(lw: LW, tree):
    """`/root/x-o` is a string prefix of `/root/x-old/a` but not a path prefix."""
    marker = lw.marker()
    r = lw.run([lw.name("x-o"), "--", *marker.argv])
    assert r.returncode == 125, r
    assert lw.name("x-o") in r.err, r
    assert not marker.ran


def test_two_prefixes_are_merged(lw: LW, tree):
    probe = lw.probe()
    r = lw.run([lw.name("x-old"), lw.name("xy"), "--", *probe.argv])
    assert r.returncode == 0, r
    # x-old/a and xy/a both map to A: the later prefix wins (see test_precedence).
    assert lw.secret_vars(probe.env()) == {"A": tree["xy/a"]}
