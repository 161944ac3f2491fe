"""The layering, read from the package graph (`swift package describe --type json`).

The warm-start launcher reads only local input; everything that talks to the network lives in
modules it cannot reach. These tests hold that with the module graph, not with run-time checks:
adding `AWSClient` (or any HTTP code) to the launcher's closure fails here before it ships. So
does libcrypto: the static launcher cannot load a shared library (a second libc), so the modules
over it (`CCrypto` and `LWCrypto`, HMAC, randomness and digests for signing) are out of its
closure; it hashes its cache keys with `LWEncoding`'s pure-Swift SHA-256.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO

NETWORK = {"AWSHTTP", "CCurl", "AWSClient", "AWSSigV4", "SecretsManager"}
AWS = NETWORK | {"AWSConfig"}
# What loads libcrypto (with dlopen, on first use): nothing the static launcher may reach.
LIBCRYPTO = {"CCrypto", "LWCrypto"}


def describe(package_dir) -> dict[str, list[str]]:
    swift = shutil.which("swift")
    assert swift, "swift is needed to read the package graph"
    out = subprocess.run([swift, "package", "describe", "--type", "json"], cwd=package_dir, capture_output=True,
                         check=True, timeout=120).stdout
    return {t["name"]: t.get("target_dependencies", []) for t in json.loads(out)["targets"]}


@pytest.fixture(scope="module")
def graph() -> dict[str, list[str]]:
    return describe(REPO)


# What the Embedded package adds of its own: the stand-in for the Glibc overlay and a runtime piece.
EMBEDDED_ONLY = {"Glibc", "LWGlibcShims", "LWEmbeddedRuntime"}


def closure(graph: dict[str, list[str]], target: str) -> set[str]:
    seen: set[str] = set()
    todo = [target]
    while todo:
        for dep in graph[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def test_the_graph_is_read_and_reaches_the_network_from_lwexec_core(graph):
    # The control: the reading finds HTTP code where it is, so the tests below can fail.
    assert {"AWSHTTP", "CCurl", "AWSClient"} <= closure(graph, "lwexec-core")


@pytest.mark.parametrize("target", ["lwexec", "ExecCore", "KeyringCache"])
def test_the_launcher_side_reaches_no_network_code(graph, target):
    reached = closure(graph, target)
    assert reached & NETWORK == set(), f"{target} reaches {sorted(reached & NETWORK)}"


@pytest.mark.parametrize("target", ["lwexec", "ExecCore", "KeyringCache", "AWSConfig", "SecretResolution"])
def test_the_launcher_side_cannot_reach_libcrypto(graph, target):
    reached = closure(graph, target)
    assert reached & LIBCRYPTO == set(), f"{target} reaches {sorted(reached & LIBCRYPTO)}"


def test_signing_reaches_libcrypto(graph):
    # The control: libcrypto is found where it is, so the test above can fail.
    assert LIBCRYPTO <= closure(graph, "AWSSigV4")
    assert LIBCRYPTO <= closure(graph, "lwexec-core")


def test_configuration_is_network_free(graph):
    assert closure(graph, "AWSConfig") & NETWORK == set()


@pytest.mark.parametrize("target", ["SecretResolution", "LWSystem", "Launcher", "OutputMask", "SecretPolicy", "EnvFormats"])
def test_rules_and_plumbing_have_no_aws_dependency(graph, target):
    assert closure(graph, target) & AWS == set(), f"{target} reaches {sorted(closure(graph, target) & AWS)}"


def test_the_executables_are_thin(graph):
    assert graph["lwexec"] == ["ExecCore"]
    assert graph["lwexec-core"] == ["LwexecCLI"]


def test_the_embedded_launcher_is_built_from_the_launcher_closure(graph):
    """embedded/Package.swift compiles the same targets, with the same dependencies, as the main
    package's `lwexec`: its sources are symlinks to them, and its graph may not drift."""
    embedded = describe(REPO / "embedded")
    shared = {t: [d for d in deps if d not in EMBEDDED_ONLY] for t, deps in embedded.items() if t not in EMBEDDED_ONLY}
    closure_of_lwexec = closure(graph, "lwexec") | {"lwexec"}
    assert set(shared) == closure_of_lwexec
    for target, deps in shared.items():
        assert sorted(deps) == sorted(graph[target]), target
    for target in shared:
        source = REPO / "embedded" / "Sources" / target
        assert source.is_symlink() and source.resolve() == (REPO / "Sources" / target).resolve(), target
