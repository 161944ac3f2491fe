"""The launcher under test is the one that ships: Embedded Swift, static, not a PIE.

Embedded Swift compiles some things it cannot do at run time into a placeholder text instead of an
error (interpolating an enum or an Optional prints "(cannot print value in embedded Swift)"): the
binary may not hold that text, so no message of the launcher can turn into it.
"""

from __future__ import annotations

import subprocess

from conftest import lwexec_bin


def test_the_launcher_is_embedded_swift_without_the_runtime_s_metadata_lookups():
    symbols = subprocess.run(["nm", str(lwexec_bin())], capture_output=True, text=True, check=True).stdout + "\n"
    assert " swift_allocObject" in symbols  # a Swift program...
    for lookup in ("swift_getTypeByMangledName", "swift_conformsToProtocol", "swift_dynamicCast "):
        assert lookup.strip() + "\n" not in symbols, f"{lookup}: not the Embedded launcher (make build puts it in .build/launcher)"


def test_no_message_can_become_embedded_swift_s_placeholder():
    assert b"cannot print value in embedded Swift" not in lwexec_bin().read_bytes()


def test_static_and_not_a_pie():
    header = subprocess.run(["readelf", "-h", "-l", str(lwexec_bin())], capture_output=True, text=True, check=True).stdout
    assert "EXEC (Executable file)" in header
    assert "INTERP" not in header



def test_no_libcrypto_loader_inside():
    """The module graph keeps libcrypto out of the launcher (test_module_graph.py); the binary shows
    it: no code of LWCrypto (Embedded Swift mangles its symbols `$e8LWCrypto...`) and no loader
    naming the library, which in a static process would bring in a second libc."""
    data = lwexec_bin().read_bytes()
    assert data.count(b"libcrypto") == 0, "the launcher holds a libcrypto loader"
    symbols = subprocess.run(["nm", str(lwexec_bin())], capture_output=True, text=True, check=True).stdout
    assert "10LWEncoding" in symbols  # the control: module names are in the symbols
    assert [ln for ln in symbols.splitlines() if "8LWCrypto" in ln or "lw_crypto" in ln] == []
