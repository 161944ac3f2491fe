import Glibc
import LWSystem

/// Why the kernel refused to start the command with E2BIG ("Argument list too long"), worked out
/// only after `posix_spawn` failed with it, so a launch that works pays nothing for it.
///
/// Linux (`fs/exec.c`) copies the program's path, every argument and every `NAME=value` string,
/// each with its NUL, onto the new program's stack, and counts one pointer per argument and
/// variable. It refuses with E2BIG when that total is over a quarter of the stack limit
/// (`ulimit -s`; at most 6 MiB, at least 128 KiB: what `getconf ARG_MAX` shows below 24 MiB of
/// stack), or when one string is over `MAX_ARG_STRLEN` (32 pages: 131,072 bytes with its NUL).
/// Sizes here count the same way. A script adds its interpreter line to the count, so a total a
/// few bytes under the limit can still be refused (`Cause.unexplained`).
public struct ArgumentSpace: Equatable, Sendable {
    /// The most bytes one argument or variable may take, with its NUL (`MAX_ARG_STRLEN`).
    public static let maxStringBytes = 131_072
    /// The most the arguments and environment may take whatever the stack limit (`_STK_LIM / 4 * 3`).
    static let maxTotalBytes = 6 << 20

    public enum Cause: Equatable, Sendable {
        /// Everything together, `used` bytes, is over `limit`; `quarterOfStack` when the stack limit set it.
        case total(used: Int, limit: Int, quarterOfStack: Bool)
        /// One variable is over `maxStringBytes`.
        case variable(name: String, bytes: Int)
        /// One argument (0 is the command) is over `maxStringBytes`.
        case argument(index: Int, bytes: Int)
        /// Nothing is over by this count (a script's interpreter line, or a kernel that counts otherwise).
        case unexplained(used: Int, limit: Int)
    }

    /// A variable and the bytes it takes (`NAME=value` and its NUL).
    public struct Variable: Equatable, Sendable {
        public var name: String
        public var bytes: Int
    }

    public var cause: Cause
    /// The largest variables the command got that lwexec set (not inherited): the secrets, largest first, at most three.
    public var largestSecrets: [Variable]

    /// The diagnosis for `spec` started as `path`, with the process's own stack limit, and its own
    /// environment as what was inherited (lwexec never changes it): a variable that is not in it
    /// with the same value came from a secret.
    static func diagnose(path: String, spec: LaunchSpec) -> ArgumentSpace {
        var limit = rlimit()
        let stack = getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 ? limit.rlim_cur : rlim_t.max
        return diagnose(path: path, arguments: spec.arguments, environment: spec.environment,
                        inherited: ProcessEnvironment.current().raw, stackLimit: stack)
    }

    /// The diagnosis from the parts the kernel counts.
    static func diagnose(path: String, arguments: [[UInt8]], environment: [(name: [UInt8], value: [UInt8])],
                         inherited: [(name: [UInt8], value: [UInt8])], stackLimit: rlim_t) -> ArgumentSpace {
        let quarter = Int(clamping: stackLimit / 4)  // unlimited (RLIM_INFINITY, all ones) is a huge quarter too
        let limit = max(min(maxTotalBytes, quarter), maxStringBytes)
        let pointer = MemoryLayout<UnsafeRawPointer>.size
        var used = path.utf8.count + 1 + (max(arguments.count, 1) + environment.count) * pointer
        var longArgument: (index: Int, bytes: Int)?
        for (i, a) in arguments.enumerated() {
            used += a.count + 1
            if a.count + 1 > maxStringBytes && longArgument == nil { longArgument = (i, a.count + 1) }
        }
        var inheritedEntries = Set<[UInt8]>()
        for e in inherited { inheritedEntries.insert(e.name + [0x3D] + e.value) }
        var secrets: [Variable] = []
        var longVariable: Variable?
        for e in environment {
            let bytes = e.name.count + e.value.count + 2
            used += bytes
            let name = String(decoding: e.name, as: UTF8.self)
            if bytes > maxStringBytes && longVariable == nil { longVariable = Variable(name: name, bytes: bytes) }
            if !inheritedEntries.contains(e.name + [0x3D] + e.value) { secrets.append(Variable(name: name, bytes: bytes)) }
        }
        secrets.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let cause: Cause
        if used > limit {
            cause = .total(used: used, limit: limit, quarterOfStack: quarter < maxTotalBytes && quarter >= maxStringBytes)
        } else if let v = longVariable {
            cause = .variable(name: v.name, bytes: v.bytes)
        } else if let a = longArgument {
            cause = .argument(index: a.index, bytes: a.bytes)
        } else {
            cause = .unexplained(used: used, limit: limit)
        }
        return ArgumentSpace(cause: cause, largestSecrets: Array(secrets.prefix(3)))
    }

    /// What happened, after `lwexec: CMD: cannot run: `.
    var message: String {
        switch cause {
        case .total(let used, let limit, let quarterOfStack):
            let why = quarterOfStack ? "a quarter of the stack limit, ulimit -s"
                : limit == Self.maxTotalBytes ? "the most Linux allows" : "the least Linux allows"
            return "the environment lwexec built is too large for the kernel: \(grouped(used)) bytes with the arguments, "
                + "over its limit of \(grouped(limit)) (\(why))"
        case .variable(let name, let bytes):
            return "the variable \(name) is \(grouped(bytes)) bytes, over the kernel's limit of \(grouped(Self.maxStringBytes)) for one variable"
        case .argument(let index, let bytes):
            return "argument \(index) is \(grouped(bytes)) bytes, over the kernel's limit of \(grouped(Self.maxStringBytes)) for one argument"
        case .unexplained(let used, let limit):
            return "Argument list too long (the arguments and environment take \(grouped(used)) bytes of the kernel's \(grouped(limit)))"
        }
    }

    /// What to do, or nil when lwexec set nothing that could be left out.
    var hint: String? {
        switch cause {
        case .variable:
            return "a value this large cannot go through the environment; give the command only the secrets it needs with --secret"
        case .argument:
            return nil
        case .total, .unexplained:
            guard !largestSecrets.isEmpty else { return nil }
            var list = ""
            for (i, v) in largestSecrets.enumerated() {
                list += (i > 0 ? ", " : "") + "\(v.name) (\(grouped(v.bytes)) bytes)"
            }
            return "the largest secrets: \(list); give the command only the secrets it needs with --secret"
        }
    }
}

private func grouped(_ n: Int) -> String { NumberText.grouped(n) }
