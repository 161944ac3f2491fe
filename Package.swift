// swift-tools-version:6.0
import PackageDescription

/// lwexec: run a command with AWS Secrets Manager secrets in its environment.
///
/// One library target per concern, a thin executable that only parses and wires.
/// See docs/ARCHITECTURE.md for what each target holds and may depend on.
let package = Package(
    name: "lwexec",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lwexec", targets: ["lwexec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C system libraries: headers plus thin typed shims, nothing else.
        // No pkgConfig here on purpose: linking libcurl costs ~3.4 ms at every start,
        // so the shim loads it with dlopen on first network use (see shim.h).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Like libcurl, libcrypto is loaded on first use (see shim.h): no pkgConfig, no link.
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CKeyutils", pkgConfig: "libkeyutils",
                       providers: [.apt(["libkeyutils-dev"])]),

        // A small JSON reader and writer (numbers keep their text). Pure.
        .target(name: "LWJSON"),
        // Hashing, HMAC, randomness and encodings over libcrypto.
        .target(name: "LWCrypto", dependencies: ["CCrypto"]),
        // AWS Signature Version 4, stage by stage.
        .target(name: "AWSSigV4", dependencies: ["LWCrypto"]),
        // HTTP over libcurl, loaded with dlopen on first use.
        .target(name: "AWSHTTP", dependencies: ["CCurl"]),
        // Config files, credentials, region, endpoints, JSON, errors, retries: a signed JSON client.
        .target(name: "AWSCore", dependencies: ["AWSSigV4", "AWSHTTP", "LWCrypto", "LWJSON"]),
        // Typed Secrets Manager operations.
        .target(name: "SecretsManager", dependencies: ["AWSCore", "LWCrypto"]),
        // Prefixes -> secrets -> environment; pure rules behind a protocol.
        .target(name: "SecretResolution", dependencies: ["SecretsManager", "AWSCore", "LWCrypto"]),
        // Resolved environments and temporary credentials cached in the kernel keyring.
        .target(name: "KeyringCache", dependencies: ["CKeyutils", "AWSCore", "LWCrypto", "SecretResolution"]),
        // prctl, signalfd and pty calls that the Glibc module does not expose (header only, nothing linked).
        .systemLibrary(name: "CSupervision"),
        // Streaming multi-pattern masking of the child's output (--mask). Pure.
        .target(name: "OutputMask"),
        // posix_spawn, signal forwarding, exit status, supervision (subreaper, job control, --mask, --watch).
        .target(name: "Launcher", dependencies: ["CSupervision", "OutputMask"]),
        // The SOP's rules: naming convention, required tags, rotation schedule, audit. Pure.
        .target(name: "SecretPolicy"),
        // dotenv / shell / JSON environment writers and a dotenv reader. Pure.
        .target(name: "EnvFormats", dependencies: ["LWJSON"]),
        // Commands, the fast path, error rendering.
        .target(name: "LwexecCLI", dependencies: [
            "AWSCore", "SecretsManager", "SecretResolution", "Launcher", "SecretPolicy", "EnvFormats", "KeyringCache",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lwexec", dependencies: ["LwexecCLI"]),
        .executableTarget(name: "launcher-probe", dependencies: ["Launcher"],
                          path: "Tests/LauncherProbe"),

        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LWCryptoTests", dependencies: ["LWCrypto"]),
        .testTarget(name: "AWSCoreTests", dependencies: ["AWSCore"]),
        .testTarget(name: "SecretResolutionTests", dependencies: ["SecretResolution"]),
        .testTarget(name: "LwexecCLITests", dependencies: ["LwexecCLI"]),
        .testTarget(name: "KeyringCacheTests", dependencies: ["KeyringCache"]),
        .testTarget(name: "LauncherTests", dependencies: ["Launcher"]),
        .testTarget(name: "SecretPolicyTests", dependencies: ["SecretPolicy"]),
        .testTarget(name: "EnvFormatsTests", dependencies: ["EnvFormats"]),
        .testTarget(name: "OutputMaskTests", dependencies: ["OutputMask"]),
    ]
)
