import BatonHarness
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whether this process may create Unix users and groups and run programs as them (root, with
/// the shadow tools and setpriv), as tests of permissions need: root itself bypasses them.
public let canManageAccounts =
    getuid() == 0
    && ["/usr/sbin/groupadd", "/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/groupdel"]
        .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    && Paths.tool("setpriv") != nil

/// A Unix account made for one test.
public struct TestAccount: Sendable {
    public let name: String
    public let uid: uid_t
    public let gid: gid_t
}

/// A group and three accounts made for one test: `ana` and `bo` in the group, `cy` outside it.
/// Removed again by `remove()`, which the tests call in a `defer`.
public final class TestAccounts {
    public let group: String
    public private(set) var ana: TestAccount!
    public private(set) var bo: TestAccount!
    public private(set) var cy: TestAccount!
    private let box: Sandbox
    private var made: [String] = []

    public init(_ box: Sandbox) throws {
        self.box = box
        let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        group = "bt\(tag)"
        try tool("/usr/sbin/groupadd", [group])
        ana = try user("bt\(tag)a", inGroup: true)
        bo = try user("bt\(tag)b", inGroup: true)
        cy = try user("bt\(tag)c", inGroup: false)
    }

    private func user(_ name: String, inGroup: Bool) throws -> TestAccount {
        // -M: no home folder; -N: no group of its own. Outside the group: the default group.
        try tool("/usr/sbin/useradd", ["-M", "-N", "-s", "/bin/sh"] + (inGroup ? ["-g", group] : []) + [name])
        made.append(name)
        let entry = try #require(getpwnam(name), "useradd made no account \(name)")
        return TestAccount(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    public func remove() {
        for name in made { _ = try? box.run("/usr/sbin/userdel", [name]) }
        _ = try? box.run("/usr/sbin/groupdel", [group])
    }

    private func tool(_ path: String, _ arguments: [String]) throws {
        let result = try box.run(path, arguments)
        try #require(result.status == 0, "\(path) \(arguments.joined(separator: " ")) failed: \(result.transcript)")
    }
}

extension Sandbox {
    /// The baton binary where test accounts may run it: the build's own when every folder
    /// above it can be searched by others, else a copy with mode 0755 inside the sandbox.
    public func reachableBinary() throws -> String {
        let binary = try Paths.requireBinary()
        var path = binary, reachable = true
        while path != "/" && !path.isEmpty {
            var info = stat()
            if stat(path, &info) != 0 || info.st_mode & 0o001 == 0 {
                reachable = false
                break
            }
            path = (path as NSString).deletingLastPathComponent
        }
        if reachable { return binary }
        let copy = self.path("bin/baton")
        try FileManager.default.createDirectory(atPath: self.path("bin"), withIntermediateDirectories: true)
        try Self.copyExecutable(binary, to: copy)
        #expect(chmod(self.path("bin"), 0o755) == 0 && chmod(copy, 0o755) == 0)
        return copy
    }

    /// Copies a program through a descriptor closed on exec. A copy still open for writing cannot
    /// be run (ETXTBSY), and a process another test starts meanwhile would otherwise inherit
    /// the descriptor and keep it open for as long as it lives.
    private static func copyExecutable(_ source: String, to target: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CLIError.unavailable("cannot create \(target): errno \(errno)") }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw CLIError.unavailable("cannot write \(target): errno \(errno)") }
                offset += written
            }
        }
    }

    /// Runs `binary` as `account` (real and effective ids, with its groups), or as root for nil.
    public func run(
        _ binary: String, as account: TestAccount?, _ arguments: [String],
        env: [String: String?] = [:]
    ) throws -> CLIResult {
        guard let account else { return try run(binary, arguments, env: env) }
        let setpriv = try #require(Paths.tool("setpriv"))
        return try run(
            setpriv, ["--reuid=\(account.uid)", "--regid=\(account.gid)", "--init-groups", binary] + arguments, env: env
        )
    }
}
