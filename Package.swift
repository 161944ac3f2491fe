// swift-tools-version:6.0
import PackageDescription

/// lwexec: run a command with AWS Secrets Manager secrets in its environment. Linux only (glibc,
/// the kernel keyring, signalfd, prctl): no Apple platform is declared.
///
/// Unsafe flags only on the two executables (the static link of the launcher, full RELRO of
/// lwexec-core); the release build's compiler flags are the Makefile's (RELEASE_FLAGS).
///
/// One library target per concern, a thin executable that only parses and wires.
/// See docs/ARCHITECTURE.md for what each target holds and may depend on.
/// The warm-start launcher `lwexec` is linked statically and without PIE: no dynamic loader and no
/// relocations run at each start (their share of a warm start is in docs/benchmarks.md).
/// It reads only local, same-user input (arguments, environment, ~/.aws files, its own keyring
/// entries); everything that talks to the network runs in lwexec-core, a PIE. See docs/ARCHITECTURE.md.
/// (The link warns that `dlopen` in a static program needs the build's glibc at run time: the
/// normal-runtime Swift library references it. Nothing of lwexec's calls it here: the launcher cannot
/// reach the libcurl or libcrypto loaders, by the module graph (test_module_graph.py).)
let staticLauncher: [LinkerSetting] = [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]


/// `-z now` with the default `-z relro`: full RELRO for lwexec-core, as hardened distributions build.
let fullRELRO: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-z", "-Xlinker", "now"], .when(platforms: [.linux]))]

let package = Package(
    name: "lwexec",
    products: [
        .executable(name: "lwexec", targets: ["lwexec"]),
        .executable(name: "lwexec-core", targets: ["lwexec-core"]),
    ],
    dependencies: [
        // Pinned to the version the build machines serve (Package.resolved is not committed: CONTRIBUTING.md).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C system libraries: headers plus thin typed shims, nothing else.
        // No pkgConfig here on purpose: linking libcurl costs milliseconds at every start (docs/benchmarks.md),
        // so the shim loads it with dlopen on first network use (see shim.h).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Like libcurl, libcrypto is loaded on first use (see shim.h): no pkgConfig, no link.
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CKeyutils", pkgConfig: "libkeyutils",
                       providers: [.apt(["libkeyutils-dev"])]),

        // The system plumbing every part shares: whole reads and writes, files, the clock, wait statuses,
        // the one posix_spawn (signal mask and dispositions reset), the process environment as bytes, and
        // how lwexec speaks on stderr (Logger, UserFacingError). Glibc only.
        .target(name: "LWSystem"),
        // A small JSON reader and writer (numbers keep their text). Pure.
        .target(name: "LWJSON"),
        // Hex, base64 and SHA-256 fingerprints (cache keys) in pure Swift: what the launcher may use.
        .target(name: "LWEncoding"),
        // SHA-256, SHA-1, HMAC-SHA256 and randomness over libcrypto (dlopen'ed on first use), for
        // signing: out of the static launcher's reach (test_module_graph.py).
        .target(name: "LWCrypto", dependencies: ["CCrypto"]),
        // AWS Signature Version 4, stage by stage.
        .target(name: "AWSSigV4", dependencies: ["LWCrypto", "LWEncoding"]),
        // HTTP over libcurl, loaded with dlopen on first use.
        .target(name: "AWSHTTP", dependencies: ["CCurl", "LWSystem"]),
        // What is known about AWS without a network call: the shared files and profiles, region,
        // endpoints from the services' rule sets, and the credential plan (its identity keys the cache).
        // No HTTP: the warm-start launcher's only AWS dependency (Tests/Integration/test_module_graph.py holds it so).
        .target(name: "AWSConfig", dependencies: ["LWEncoding", "LWSystem"]),
        // Talking to AWS: fetching the planned credentials (STS, SSO, IMDS, containers, processes), the
        // signed transport, retries, error decoding, a JSON client.
        .target(name: "AWSClient", dependencies: ["AWSConfig", "AWSSigV4", "AWSHTTP", "LWCrypto", "LWEncoding", "LWJSON", "LWSystem"]),
        // Prefixes -> secrets -> environment: the rules, behind a store protocol. No AWS dependency.
        .target(name: "SecretResolution", dependencies: ["LWEncoding", "LWJSON", "LWSystem"]),
        // Typed Secrets Manager operations, and the store the resolver fetches from.
        .target(name: "SecretsManager", dependencies: ["AWSClient", "SecretResolution", "LWCrypto", "LWEncoding"]),
        // Resolved environments and temporary credentials cached in the kernel keyring.
        .target(name: "KeyringCache", dependencies: ["CKeyutils", "AWSConfig", "LWEncoding", "LWJSON", "SecretResolution"]),
        // prctl, signalfd and pty calls that the Glibc module does not expose (header only, nothing linked).
        .systemLibrary(name: "CSupervision"),
        // Streaming multi-pattern masking of the child's output (--mask). Pure.
        .target(name: "OutputMask"),
        // posix_spawn, signal forwarding, exit status, supervision (subreaper, job control, --mask, --watch).
        .target(name: "Launcher", dependencies: ["CSupervision", "OutputMask", "LWSystem"]),
        // The SOP's rules: naming convention, required tags, rotation schedule, audit. Pure.
        .target(name: "SecretPolicy"),
        // dotenv / shell / JSON environment writers and a dotenv reader. Pure.
        .target(name: "EnvFormats", dependencies: ["LWJSON"]),
        // Commands, the fast path, error rendering.
        .target(name: "LwexecCLI", dependencies: [
            "AWSConfig", "AWSClient", "SecretsManager", "SecretResolution", "Launcher", "SecretPolicy", "EnvFormats",
            "KeyringCache", "ExecCore", "LWCrypto", "LWEncoding", "LWSystem",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The exec path without the parser or the network: options, the fast parse, the cache lookup, the launch.
        .target(name: "ExecCore", dependencies: ["AWSConfig", "SecretResolution", "KeyringCache", "Launcher", "LWSystem"]),
        // `lwexec`: the warm-start launcher (a cache hit, served here) that hands every other run to lwexec-core.
        .executableTarget(name: "lwexec", dependencies: ["ExecCore"],
                          linkerSettings: staticLauncher),
        // `lwexec-core`: the whole program (every subcommand, help, completions, the network).
        // Full RELRO: every symbol bound at load, the GOT then read-only (this executable parses all network input).
        .executableTarget(name: "lwexec-core", dependencies: ["LwexecCLI"], linkerSettings: fullRELRO),
        .executableTarget(name: "launcher-probe", dependencies: ["Launcher"],
                          path: "Tests/LauncherProbe"),

        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LWCryptoTests", dependencies: ["LWCrypto", "LWEncoding"]),
        .testTarget(name: "LWEncodingTests", dependencies: ["LWEncoding"]),
        .testTarget(name: "LWSystemTests", dependencies: ["LWSystem"]),
        .testTarget(name: "AWSConfigTests", dependencies: ["AWSConfig", "LWEncoding", "LWJSON"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "AWSConfig"]),
        .testTarget(name: "SecretResolutionTests", dependencies: ["SecretResolution", "SecretsManager"]),
        .testTarget(name: "LwexecCLITests", dependencies: ["LwexecCLI"]),
        .testTarget(name: "ExecCoreTests", dependencies: ["ExecCore", "KeyringCache"]),
        .testTarget(name: "KeyringCacheTests", dependencies: ["KeyringCache"]),
        .testTarget(name: "LauncherTests", dependencies: ["Launcher"]),
        .testTarget(name: "SecretPolicyTests", dependencies: ["SecretPolicy"]),
        .testTarget(name: "EnvFormatsTests", dependencies: ["EnvFormats"]),
        .testTarget(name: "OutputMaskTests", dependencies: ["OutputMask"]),
    ]
)
