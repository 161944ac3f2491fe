// swift-tools-version:6.0
import PackageDescription

/// The warm-start launcher `lwexec` in Embedded Swift: no runtime metadata, no reflection, a static
/// executable a few MB instead of twelve, that starts within a tenth of a millisecond of C
/// (docs/benchmarks.md).
///
/// Built from the **same sources** as the main package's `lwexec` target: every directory under
/// Sources/ but `Glibc`, `LWGlibcShims` and `LWEmbeddedRuntime` is a symlink to ../../Sources/<name>
/// (SwiftPM takes no target path outside a package). SwiftPM compiles a target one way per build, so
/// the Embedded build is this second package, driven by the Makefile (`make launcher`, and
/// `make check-embedded` to build it alone); the main package keeps its normal-runtime `lwexec` for
/// `swift build` and the unit tests. Which toolchain it needs, and why: CONTRIBUTING.md.
///
/// The toolchain's paths come from the Makefile, not from here (scripts/embedded-launcher):
/// `-Xcc -ivfsoverlay <overlay>` so that `import SwiftGlibc` finds the toolchain's glibc module map,
/// as the compiler does by itself outside Embedded mode, and `-L <embedded lib dir>` for the Unicode
/// tables.
let embedded: [SwiftSetting] = [
    .enableExperimentalFeature("Embedded"),
    // Embedded Swift compiles whole modules only.
    .unsafeFlags(["-wmo"]),
]

/// Static and not a PIE, as the main package's launcher (docs/ARCHITECTURE.md). Libraries the Embedded
/// link does not pull in by itself: the Unicode tables (String hashing, comparison, lowercased), libm
/// (`ceil`, for Dictionary sizing) and libkeyutils (module maps' `link` is not applied in Embedded).
let staticLauncher: [LinkerSetting] = [
    .unsafeFlags(["-Xclang-linker", "-static", "-Xclang-linker", "-no-pie"]),
    .linkedLibrary("swiftUnicodeDataTables"), .linkedLibrary("m"), .linkedLibrary("keyutils"),
]

func shared(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps + ["Glibc"], swiftSettings: embedded)
}

let package = Package(
    name: "lwexec-embedded",
    products: [.executable(name: "lwexec", targets: ["lwexec"])],
    targets: [
        // What the toolchain's Glibc overlay adds to glibc's headers, for Embedded (which has no Glibc
        // module): errno, the variadic calls, SIG_DFL/SIG_IGN, environ, and CommandLine.
        .target(name: "LWGlibcShims"),
        .target(name: "Glibc", dependencies: ["LWGlibcShims"], swiftSettings: embedded),
        // `_swift_stdlib_strtod_clocale` (Double(String)), which the Embedded stdlib references.
        .target(name: "LWEmbeddedRuntime"),
        .systemLibrary(name: "CKeyutils"),
        .systemLibrary(name: "CSupervision"),

        // The launcher's closure in the main package, target for target (test_module_graph.py
        // checks that this list is that closure).
        shared("LWSystem", []),
        shared("LWJSON", []),
        shared("LWEncoding", []),
        shared("OutputMask", []),
        shared("Launcher", ["CSupervision", "OutputMask", "LWSystem"]),
        shared("AWSConfig", ["LWEncoding", "LWSystem"]),
        shared("SecretResolution", ["LWEncoding", "LWJSON", "LWSystem"]),
        shared("KeyringCache", ["CKeyutils", "AWSConfig", "LWEncoding", "LWJSON", "SecretResolution"]),
        shared("ExecCore", ["AWSConfig", "SecretResolution", "KeyringCache", "Launcher", "LWSystem"]),
        .executableTarget(name: "lwexec", dependencies: ["ExecCore", "Glibc", "LWEmbeddedRuntime"],
                          swiftSettings: embedded, linkerSettings: staticLauncher),
    ]
)
