"""One --json key style for every command (issue 16): PascalCase, as the AWS CLI prints what it
gets from AWS (Name, VersionId, SecretList...). `lwexec env --format json` is the environment
itself (variable names as keys) and not part of this."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import LW

PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")


def keys(doc) -> set[str]:
    out: set[str] = set()
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.add(k)
            out |= keys(v)
    elif isinstance(doc, list):
        for v in doc:
            out |= keys(v)
    return out


@pytest.mark.skipif(shutil.which("keyctl") is None, reason="keyctl (keyutils) is not installed")
def test_every_json_output_uses_pascal_case_keys(lw: LW):
    name = lw.name("database_password")
    runs = {
        "write": lw.run(["write", name, "--generate", "--description", "d", "--force", "--json"]),
        "read": lw.run(["read", name, "--json"], leak_check=False),
        "list": lw.run(["list", lw.root, "--json"]),
        "history": lw.run(["history", name, "--json"]),
        "rotate": lw.run(["rotate", name, "--generate", "--yes", "--json"]),
        "whoami": lw.run(["whoami", "--json"]),
        "lint": lw.run(["lint", lw.root, "--json"]),
        "describe": lw.run(["describe", name, "--json"]),
        "tag": lw.run(["tag", name, "Team=payments", "--json"]),
    }
    env_file = lw.path("import.env")
    env_file.write_text("STRIPE_API_KEY=sk-123456789\n")
    runs["import"] = lw.run(["import", lw.root, str(env_file), "--force", "--json"])
    assert lw.run(["--cache", lw.root, "--", "true"]).returncode == 0
    runs["cache list"] = lw.run(["cache", "list", "--json"])
    runs["delete"] = lw.run(["delete", name, "--yes", "--json"])
    for command, r in runs.items():
        assert r.returncode in (0, 1), (command, r)
        found = keys(json.loads(r.out))
        assert found, (command, r.out)
        odd = sorted(k for k in found if not PASCAL.match(k))
        assert not odd, f"lwexec {command} --json: keys not in PascalCase: {odd}"
