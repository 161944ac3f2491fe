"""A region AWS does not list (issue 23, item 4): named at once, with the closest listed regions.

`--region eu-wset-1` used to print nothing until the deadline passed. lwexec-core now says at once,
before any network call, that the region is not one the vendored partition data lists and which
listed regions are closest, and goes on (new regions appear before the tables update); a failure
after retries names the region and the endpoint it used.
"""

from __future__ import annotations

import select
import subprocess
import time

from conftest import LW


def test_unlisted_region_is_named_at_once_and_the_failure_names_region_and_endpoint(lw: LW):
    lw.seed("app/api_key", f"api-{lw.uid}-value")
    marker = lw.marker()
    started = time.monotonic()
    p = lw.popen(["--region", "eu-wset-1", "--timeout", "4", lw.name("app"), "--", *marker.argv],
                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        ready, _, _ = select.select([p.stderr], [], [], 3)
        assert ready, "nothing on stderr within 3 s"
        first = p.stderr.readline().decode()
        assert time.monotonic() - started < 3
        assert first == "lwexec: eu-wset-1 is not a region AWS lists; did you mean eu-west-1?\n", first
        assert p.poll() is None  # lwexec goes on
        rest = p.communicate(timeout=30)[1].decode()
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == 125 and not marker.ran, rest
    assert "eu-wset-1" in rest and lw.emulator.url in rest, rest


def test_listed_region_gives_no_warning(lw: LW):
    lw.seed("app/api_key", f"api-{lw.uid}-value")
    probe = lw.probe()
    r = lw.run(["--region", "us-east-1", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0 and r.err == "", r


def test_region_the_tables_do_not_list_yet_warns_and_runs(lw: LW):
    # Shaped like an AWS region, not yet in the vendored tables: a warning, and the launch goes on.
    r = lw.run(["--region", "eu-west-9", "--timeout", "3", "whoami"])
    assert r.err.startswith("lwexec: eu-west-9 is not a region AWS lists; did you mean eu-west-1, eu-west-2 or eu-west-3?\n"), r
