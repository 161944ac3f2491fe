import Glibc
import Testing
@testable import Launcher
import LWSystem

/// E2BIG explained from what the kernel counts (fs/exec.c): the total against a quarter of the stack
/// limit, and each string against MAX_ARG_STRLEN.
@Suite struct ArgumentSpaceTests {
    typealias Entry = (name: [UInt8], value: [UInt8])

    func entry(_ name: String, _ value: String) -> Entry { (Array(name.utf8), Array(value.utf8)) }

    func diagnose(arguments: [String] = ["true"], environment: [Entry], inherited: [Entry] = [],
                  stack: rlim_t = 8 << 20) -> ArgumentSpace {
        ArgumentSpace.diagnose(path: "/bin/true", arguments: arguments.map { Array($0.utf8) }, environment: environment,
                               inherited: inherited, stackLimit: stack)
    }

    @Test func theTotalOverAQuarterOfTheStackNamesTheLargestSecrets() {
        let inherited = [entry("PATH", "/usr/bin:/bin"), entry("HOME", "/root")]
        let secrets = (0..<40).map { entry("BUNDLE_\($0)", String(repeating: "v", count: 61_000 - $0)) }
        let space = diagnose(environment: inherited + secrets, inherited: inherited)
        // path + NUL, argv, each NAME=value + NUL, one pointer per argument and variable.
        let used = 10 + 5 + (18 + 1 + 10 + 1) + secrets.reduce(0) { $0 + $1.name.count + $1.value.count + 2 } + 43 * 8
        #expect(space.cause == .total(used: used, limit: 2_097_152, quarterOfStack: true))
        #expect(space.largestSecrets.map(\.name) == ["BUNDLE_0", "BUNDLE_1", "BUNDLE_2"])
        #expect(space.largestSecrets.map(\.bytes) == [61_010, 61_009, 61_008])
        let error = LaunchError.tooLarge(command: "true", space: space)
        #expect(error.exitCode == 126)
        #expect(error.message == "lwexec: true: cannot run: the environment lwexec built is too large for the kernel: "
                + "\(NumberText.grouped(used)) bytes with the arguments, over its limit of 2,097,152 (a quarter of the stack limit, ulimit -s)")
        #expect(error.hint == "lwexec: the largest secrets: BUNDLE_0 (61,010 bytes), BUNDLE_1 (61,009 bytes), "
                + "BUNDLE_2 (61,008 bytes); give the command only the secrets it needs with --secret")
    }

    @Test func theLimitIsAtMostSixMiBAndAtLeast128KiB() {
        let big = [entry("A", String(repeating: "a", count: 100_000))]
        #expect(diagnose(environment: big, stack: rlim_t.max).cause
                == .unexplained(used: 10 + 5 + 100_003 + 16, limit: 6 << 20))
        if case .total(_, let limit, let quarter) = diagnose(environment: big + big, stack: 64 << 10).cause {
            #expect(limit == 131_072 && !quarter)
        } else {
            Issue.record("200 KB over a 64 KiB stack is over the kernel's 128 KiB floor")
        }
        let message = LaunchError.tooLarge(command: "x", space: diagnose(environment: big + big, stack: 64 << 10)).message
        #expect(message.hasSuffix("over its limit of 131,072 (the least Linux allows)"))
    }

    @Test func oneVariableOverMaxArgStrlenIsNamed() {
        // 131,072 bytes with its NUL pass; one more does not.
        let fits = entry("OK", String(repeating: "o", count: 131_068))
        #expect(diagnose(environment: [fits]).cause == .unexplained(used: 10 + 5 + 131_072 + 16, limit: 2_097_152))
        let space = diagnose(environment: [fits, entry("CERTIFICATE_CHAIN", String(repeating: "c", count: 140_000))])
        #expect(space.cause == .variable(name: "CERTIFICATE_CHAIN", bytes: 140_019))
        let error = LaunchError.tooLarge(command: "/bin/sh", space: space)
        #expect(error.message == "lwexec: /bin/sh: cannot run: the variable CERTIFICATE_CHAIN is 140,019 bytes, "
                + "over the kernel's limit of 131,072 for one variable")
        #expect(error.hint == "lwexec: a value this large cannot go through the environment; "
                + "give the command only the secrets it needs with --secret")
    }

    @Test func anArgumentOverMaxArgStrlenIsNumbered() {
        let space = diagnose(arguments: ["echo", "a", String(repeating: "x", count: 200_000)], environment: [])
        #expect(space.cause == .argument(index: 2, bytes: 200_001))
        #expect(LaunchError.tooLarge(command: "echo", space: space).hint == nil)
    }

    @Test func inheritedVariablesAreNotCalledSecrets() {
        let inherited = [entry("HUGE", String(repeating: "h", count: 90_000)), entry("MORE", String(repeating: "m", count: 90_000))]
        let space = diagnose(environment: inherited + [entry("TOKEN", "t")], inherited: inherited, stack: 512 << 10)
        #expect(space.largestSecrets == [ArgumentSpace.Variable(name: "TOKEN", bytes: 8)])
        // A secret overriding an inherited variable has another value: it is the secret's.
        let overridden = diagnose(environment: [entry("HUGE", "secret")], inherited: inherited)
        #expect(overridden.largestSecrets.map(\.name) == ["HUGE"])
        #expect(LaunchError.tooLarge(command: "x", space: diagnose(environment: inherited, inherited: inherited, stack: 512 << 10)).hint == nil)
    }

    @Test func sizesAreGroupedByThousands() {
        #expect(NumberText.grouped(0) == "0" && NumberText.grouped(999) == "999" && NumberText.grouped(1000) == "1,000")
        #expect(NumberText.grouped(2_097_152) == "2,097,152" && NumberText.grouped(-1234) == "-1,234")
    }
}
