"""The keyring cache at its edges (issue 22 item 5): an entry too large to be served is never
written, and `cache clear` / `cache list` deal with every `lwexec:` key, readable or not.

Each test runs lwexec and keyctl inside a user namespace of its own (`unshare --user
--map-root-user`, entered again with `nsenter`): the kernel gives every user namespace its own
user keyring, so clearing "everything" here never touches the keyring of the machine's user (or of
another test run going on at the same time). Root inside maps to root outside, so the key quota is
root's, as for the rest of the suite.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess

import pytest

from conftest import LW, lwexec_bin

pytestmark = pytest.mark.skipif(shutil.which("keyctl") is None or shutil.which("nsenter") is None,
                                reason="keyctl (keyutils) and nsenter (util-linux) are needed")

# What one `user` key holds, and the parts the launcher reads back (ResolutionCache.maxParts).
KEY_PAYLOAD = 32_767
MAX_PARTS = 63
MAX_ENTRY = KEY_PAYLOAD * MAX_PARTS  # 2,064,321 bytes


class PrivateKeyring:
    """A user namespace kept alive by a `sleep`; commands enter it with nsenter."""

    def __init__(self, lw: LW):
        self.lw = lw
        self.holder = subprocess.Popen(["unshare", "--user", "--map-root-user", "sleep", "infinity"])
        # The namespace exists once the holder's uid map is written: wait for that, not for a time.
        from conftest import wait_for
        wait_for(lambda: open(f"/proc/{self.holder.pid}/uid_map").read().strip() != "", 5, "the user namespace")
        self.enter = ["nsenter", "--user", "--target", str(self.holder.pid)]

    def close(self) -> None:
        self.holder.kill()
        self.holder.wait()

    def keyctl(self, *args: str, input: bytes | None = None) -> str:
        p = subprocess.run(self.enter + ["keyctl", *args], input=input, capture_output=True, check=True)
        return p.stdout.decode().strip()

    def run(self, args: list[str], extra_env: dict[str, str] | None = None):
        """lwexec ARGS inside the namespace, with the harness's clean environment and leak check."""
        from conftest import Result
        env = self.lw.full_env(extra_env=extra_env)
        p = subprocess.run(self.enter + [str(lwexec_bin()), *args], env=env, capture_output=True,
                           timeout=self.lw.timeout * 3, cwd=self.lw.tmp)
        r = Result(list(args), p.returncode, p.stdout, p.stderr)
        self.lw.assert_no_leak(r)
        return r

    def ring(self) -> str:
        """The id of the lwexec keyring under this namespace's user keyring (created if missing)."""
        found = subprocess.run(self.enter + ["keyctl", "search", "@u", "keyring", "lwexec"], capture_output=True)
        if found.returncode == 0:
            return found.stdout.decode().strip()
        return self.keyctl("newring", "lwexec", "@u")

    def add(self, description: str, payload: bytes) -> str:
        return self.keyctl("padd", "user", description, self.ring(), input=payload)

    def descriptions(self) -> list[str]:
        """Descriptions of every key directly in the lwexec keyring (none when there is no keyring)."""
        found = subprocess.run(self.enter + ["keyctl", "search", "@u", "keyring", "lwexec"], capture_output=True)
        if found.returncode != 0:
            return []
        ids = self.keyctl("rlist", found.stdout.decode().strip()).split()
        out = []
        for i in ids:
            # "type;uid;gid;perm;description"
            out.append(self.keyctl("rdescribe", i).split(";", 4)[4])
        return out


@pytest.fixture
def ns(lw: LW):
    k = PrivateKeyring(lw)
    yield k
    k.close()


def entry_json(prefix: str, variables: dict[str, str], *, ttl: int = 300, created: int | None = None) -> bytes:
    """A cache entry as lwexec writes it (CacheEntry.encoded)."""
    import time
    doc = {"v": 1, "created": int(time.time()) if created is None else created, "ttl": ttl, "stale": 3600,
           "id": "0123456789ab", "prefixes": [prefix], "secrets": [],
           "vars": [[k, v, f"{prefix}/{k.lower()}", False] for k, v in variables.items()], "notices": []}
    return json.dumps(doc, separators=(",", ":")).encode()


def write_split(ns: PrivateKeyring, key: str, data: bytes) -> int:
    """Writes `data` as lwexec splits it: parts `KEY#i` of 32,767 bytes, then the manifest head."""
    parts = [data[i:i + KEY_PAYLOAD] for i in range(0, len(data), KEY_PAYLOAD)]
    for i, part in enumerate(parts):
        ns.add(f"{key}#{i}", part)
    ns.add(key, f"P{len(parts)}:{hashlib.sha256(data).hexdigest()}".encode())
    return len(parts)


# ------------------------------------------------------------------ an entry too large to be served
def test_an_entry_too_large_to_serve_is_not_written_and_a_stale_one_goes(lw: LW, ns: PrivateKeyring):
    """34 secrets of 61,000 bytes: the environment still fits the kernel's 2 MiB, but the entry is over
    the 63 keys of 32,767 bytes the cache reads back. Before, it was written (69 keys, "cached as"),
    never served, never listed, never cleared, and written again by every run."""
    lw.seed("app/api_token")
    first = ns.run(["-v", "--cache", lw.name("app"), "--", "true"])
    assert first.returncode == 0, first
    key = re.search(r"cached as (lwexec:v1:env:[0-9a-f]+)", first.err).group(1)
    for i in range(34):
        lw.seed(f"app/bundle_{i:02d}", chr(ord("a") + i % 26) * 61_000)
    # Make the small entry a miss (as an expired one would be) while it stays in the keyring.
    ns.add(key, b"P3:" + b"0" * 64)
    for attempt in range(2):
        probe = lw.probe()
        r = ns.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
        assert r.returncode == 0, r
        assert len(probe.env()) >= 35 and probe.env()["BUNDLE_33"] == "h" * 61_000
        assert "cache hit" not in r.err and "cached as" not in r.err, (attempt, r)
        notes = [ln for ln in r.err.splitlines() if "not cached" in ln]
        assert len(notes) == 1, r
        m = re.fullmatch(r"lwexec: not cached: the entry is ([\d,]+) bytes, over the ([\d,]+)-byte limit of the "
                         r"keyring cache \(63 keys of 32,767 bytes\); nothing was stored", notes[0])
        assert m, notes[0]
        assert int(m.group(1).replace(",", "")) > MAX_ENTRY and m.group(2) == f"{MAX_ENTRY:,}", notes[0]
        left = [d for d in ns.descriptions() if d.startswith("lwexec:v1:env:")]
        assert left == [], f"the stale entry or parts of the new one are still there: {left}"


def test_the_largest_entry_the_cache_reads_back_is_served(lw: LW, ns: PrivateKeyring):
    """Just under the limit: stored in 63 keys and served by the warm-start launcher."""
    for i in range(31):
        lw.seed(f"app/bundle_{i:02d}", chr(ord("a") + i % 26) * 65_000)
    first = ns.run(["-v", "--cache", lw.name("app"), "--", "true"])
    assert first.returncode == 0 and "cached as" in first.err, first
    key = re.search(r"cached as (lwexec:v1:env:[0-9a-f]+)", first.err).group(1)
    parts = [d for d in ns.descriptions() if d.startswith(key + "#")]
    assert 60 <= len(parts) <= MAX_PARTS, len(parts)
    probe = lw.probe()
    r = ns.run(["-v", "--cache", lw.name("app"), "--", *probe.argv])
    assert r.returncode == 0 and "cache hit" in r.err, r
    assert probe.env()["BUNDLE_30"] == "e" * 65_000


# ------------------------------------------------------------------ unreadable keys: list and clear
def unreadable_keys(ns: PrivateKeyring, lw: LW) -> dict[str, str]:
    """Keys lwexec cannot parse, as an old version, a crash or another program leaves them."""
    keys = {}
    # A head whose parts are gone (the kernel expired or someone unlinked them).
    keys["headless"] = "lwexec:v1:env:" + "1" * 40
    ns.add(keys["headless"], b"P2:" + b"a" * 64)
    # A tampered payload that is JSON but not a valid entry (a name that is no variable name).
    keys["tampered"] = "lwexec:v1:env:" + "2" * 40
    ns.add(keys["tampered"], entry_json(lw.name("app"), {"1BAD NAME": "x"}))
    # Not JSON at all.
    keys["garbage"] = "lwexec:v1:env:" + "3" * 40
    ns.add(keys["garbage"], b"\x00\xffnot an entry")
    # An entry an earlier lwexec wrote over the limit: 64 valid parts, never read back.
    keys["oversize"] = "lwexec:v1:env:" + "4" * 40
    assert write_split(ns, keys["oversize"], entry_json(lw.name("app"), {"BIG": "z" * (KEY_PAYLOAD * 63)})) == 64
    # A part whose head is gone.
    keys["orphan"] = "lwexec:v1:env:" + "5" * 40
    ns.add(keys["orphan"] + "#0", b"{")
    # Another version's or another program's key under the lwexec: name.
    keys["foreign"] = "lwexec:v9:something:else"
    ns.add(keys["foreign"], b"foreign")
    # A name list and a credential that do not parse either.
    keys["names"] = "lwexec:v1:names:" + "6" * 40
    ns.add(keys["names"], b"v0\nnot-v1")
    keys["cred"] = "lwexec:v1:cred:" + "7" * 40
    ns.add(keys["cred"], b"[]")
    return keys


def test_cache_clear_removes_every_lwexec_key_readable_or_not(lw: LW, ns: PrivateKeyring):
    lw.seed("app/api_token")
    assert ns.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    keys = unreadable_keys(ns, lw)
    ns.add("someone-elses-key", b"kept")  # not lwexec's: left alone
    cleared = ns.run(["cache", "clear"])
    assert cleared.returncode == 0, cleared
    assert cleared.out.strip() == "cleared 7 entries (6 unreadable) and 1 cached credential", cleared
    left = ns.descriptions()
    assert left == ["someone-elses-key"], f"not cleared: {sorted(set(left) - {'someone-elses-key'})} (made {keys})"
    assert ns.run(["cache", "list"]).out.strip() == "no cached entries"


def test_cache_list_shows_unreadable_entries(lw: LW, ns: PrivateKeyring):
    lw.seed("app/api_token")
    assert ns.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    keys = unreadable_keys(ns, lw)
    listed = ns.run(["cache", "list"])
    assert listed.returncode == 0, listed
    rows = listed.out.splitlines()
    assert rows[0].split() == ["IDENTITY", "PREFIXES", "/", "SECRETS", "VARS", "AGE", "STATE"], listed
    readable = [r for r in rows[1:] if "unreadable" not in r]
    unreadable = [r for r in rows[1:] if "unreadable" in r]
    assert len(readable) == 1 and lw.name("app") in readable[0], listed
    expect = {
        keys["headless"]: "unreadable: its parts are missing",
        keys["tampered"]: "unreadable: not a valid entry",
        keys["garbage"]: "unreadable: not a valid entry",
        keys["oversize"]: "unreadable: 64 parts, more than the 63 lwexec reads",
        keys["orphan"]: "unreadable: parts without a head",
        keys["foreign"]: "unreadable: not a key this lwexec writes",
    }  # name lists and credentials are not listed, readable or not (`cache clear` drops them)
    assert len(unreadable) == len(expect), listed
    for key, state in expect.items():
        row = next((r for r in unreadable if key in r), None)
        assert row is not None and row.endswith(state), (key, state, listed.out)
    # Where the payload still says what it was for, the prefix is shown.
    assert lw.name("app") in next(r for r in unreadable if keys["oversize"] in r)

    doc = json.loads(ns.run(["cache", "list", "--json"]).out)
    assert len(doc) == 7
    good = [e for e in doc if e["Readable"]]
    bad = {e["Key"]: e for e in doc if not e["Readable"]}
    assert len(good) == 1 and good[0]["Prefixes"] == [lw.name("app")]
    assert set(bad) == set(expect)
    for key, state in expect.items():
        assert bad[key]["Reason"] == state.removeprefix("unreadable: "), bad[key]
    assert bad[keys["oversize"]]["Prefixes"] == [lw.name("app")]
    assert "Prefixes" not in bad[keys["headless"]]


def test_cache_clear_prefix_removes_unreadable_entries_that_name_it(lw: LW, ns: PrivateKeyring):
    lw.seed("app/api_token")
    lw.seed("other/api_token")
    assert ns.run(["--cache", lw.name("app"), "--", "true"]).returncode == 0
    assert ns.run(["--cache", lw.name("other"), "--", "true"]).returncode == 0
    keys = unreadable_keys(ns, lw)
    elsewhere = "lwexec:v1:env:" + "8" * 40
    ns.add(elsewhere, entry_json(lw.name("other"), {"1BAD": "x"}))
    cleared = ns.run(["cache", "clear", lw.name("app")])
    assert cleared.returncode == 0, cleared
    # The readable entry, the tampered one and the oversized one name the prefix; the others cannot be told.
    assert cleared.out.strip() == "cleared 3 entries (2 unreadable)", cleared
    left = set(ns.descriptions())
    assert keys["tampered"] not in left and not any(d.startswith(keys["oversize"]) for d in left), left
    assert {keys["headless"], keys["garbage"], keys["orphan"] + "#0", elsewhere} <= left
    listed = ns.run(["cache", "list", "--json"]).out
    assert lw.name("other") in listed
    assert not any(e.get("Prefixes") == [lw.name("app")] for e in json.loads(listed))
