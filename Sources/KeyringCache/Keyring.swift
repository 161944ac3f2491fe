import CKeyutils
import Glibc

/// Why the keyring cannot be used; the caller then runs uncached.
public struct KeyringError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var errno: Int32

    public var description: String {
        let text = "\(operation): \(String(cString: strerror(errno)))"
        // The kernel's per-user key quota: 20,000 bytes and 200 keys for a user other than root by default.
        return errno == EDQUOT ? text + " (your key quota: /proc/sys/kernel/keys/maxbytes and maxkeys)" : text
    }

    /// Errors that mean "no keyring here" (seccomp, quota, old kernel) rather than a bug.
    public var isUnavailable: Bool { [EDQUOT, EPERM, ENOSYS, EACCES, ENOMEM].contains(errno) }
}

/// The named keyring `lwexec` under the user keyring: values live in kernel memory, never on disk.
///
/// Every key gets a kernel expiry and permissions for the possessor and the owning user only.
/// The user keyring is reached by its special id, so a new session keyring of the same user still finds it.
public struct Keyring: Sendable {
    public let serial: key_serial_t
    public static let name = "lwexec"
    /// Possessor and owning user: view, read, write, search, link, setattr. No group, no other.
    static let permissions: key_perm_t = 0x3f3f_0000

    /// The named keyring (`lwexec` unless a test names another), created when `create` is true and it does not exist yet.
    public static func open(named name: String = Keyring.name, create: Bool) throws(KeyringError) -> Keyring? {
        let found = keyctl_search(KEY_SPEC_USER_KEYRING, "keyring", name, 0)
        if found >= 0 { return Keyring(serial: key_serial_t(found)) }
        let err = errno
        guard err == ENOKEY || err == EKEYEXPIRED || err == EKEYREVOKED else { throw KeyringError(operation: "keyctl_search", errno: err) }
        guard create else { return nil }
        let id = add_key("keyring", name, nil, 0, KEY_SPEC_USER_KEYRING)
        guard id >= 0 else { throw KeyringError(operation: "add_key keyring", errno: errno) }
        _ = keyctl_setperm(id, permissions)
        return Keyring(serial: id)
    }

    /// The payload of the `user` key with this description, or nil when absent or expired.
    public func read(_ description: String) -> [UInt8]? {
        let id = keyctl_search(serial, "user", description, 0)
        guard id >= 0 else { return nil }
        var buffer: UnsafeMutableRawPointer?
        let n = keyctl_read_alloc(key_serial_t(id), &buffer)
        guard n >= 0, let buffer else { return nil }
        defer { free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: Int(n)))
    }

    /// Creates or replaces a `user` key, expiring after `timeout` seconds. At most `maxPayload` bytes.
    public func write(_ description: String, _ payload: [UInt8], timeout: Int) throws(KeyringError) {
        let id = payload.withUnsafeBytes { add_key("user", description, $0.baseAddress, $0.count, serial) }
        guard id >= 0 else { throw KeyringError(operation: "add_key", errno: errno) }
        _ = keyctl_setperm(id, Self.permissions)
        guard keyctl_set_timeout(id, UInt32(clamping: max(1, timeout))) >= 0 else {
            let err = errno
            _ = keyctl_unlink(id, serial)
            throw KeyringError(operation: "keyctl_set_timeout", errno: err)
        }
    }

    /// Removes the key with this description, if present.
    public func remove(_ description: String) {
        if let id = find(description) { unlink(id) }
    }

    /// The `user` key with this description, if present.
    public func find(_ description: String) -> key_serial_t? {
        let id = keyctl_search(serial, "user", description, 0)
        return id >= 0 ? key_serial_t(id) : nil
    }

    /// Unlinks one key from this keyring (the kernel frees it once nothing else links it).
    public func unlink(_ id: key_serial_t) {
        _ = keyctl_unlink(id, serial)
    }

    /// Unlinks this keyring from the user keyring (tests clean up with it).
    public func destroy() {
        _ = keyctl_unlink(serial, KEY_SPEC_USER_KEYRING)
    }

    /// One key linked directly in the keyring, as `keyctl describe` names it.
    public struct Key: Sendable {
        public var id: key_serial_t
        /// `user` for everything lwexec writes.
        public var type: String
        public var description: String
    }

    /// Every key directly in the keyring, of any type (one this process may not view is left out:
    /// it has no description to go by).
    public func keys() -> [Key] {
        var buffer: UnsafeMutableRawPointer?
        let n = keyctl_read_alloc(serial, &buffer)
        guard n >= 0, let buffer else { return [] }
        defer { free(buffer) }
        let ids = UnsafeRawBufferPointer(start: buffer, count: Int(n)).bindMemory(to: key_serial_t.self)
        var out: [Key] = []
        for id in ids {
            var desc: UnsafeMutablePointer<CChar>?
            guard keyctl_describe_alloc(id, &desc) >= 0, let desc else { continue }
            defer { free(desc) }
            // "type;uid;gid;perm;description"
            let parts = String(cString: desc).split(separator: ";", maxSplits: 4, omittingEmptySubsequences: false)
            if parts.count == 5 { out.append(Key(id: id, type: String(parts[0]), description: String(parts[4]))) }
        }
        return out
    }

    /// Descriptions of every `user` key directly in the keyring.
    public func descriptions() -> [String] {
        keys().filter { $0.type == "user" }.map { $0.description }
    }

    /// The largest payload one `user` key holds (the kernel's `user` key type refuses more: EINVAL).
    public static let maxPayload = 32_767

    /// What every key lwexec writes is named with.
    public static let ownPrefix = "lwexec:"
}
