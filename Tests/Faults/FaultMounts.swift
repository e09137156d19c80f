import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A filesystem mounted for one test: a small tmpfs, or a read-only bind mount. Tests call
/// `unmount()` in a `defer`; deinit unmounts too, so a failed test leaves no mount behind.
final class Mount {
    let path: String
    private let box: Sandbox
    private var mounted = true

    /// Mounts a tmpfs of `size` (such as "1m") at `path`, made if needed, with mode 0755.
    init(tmpfsAt path: String, size: String, in box: Sandbox) throws {
        self.path = path
        self.box = box
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Mount.tool(box, "/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path])
    }

    /// Binds `source` at `path` (made if needed) and remounts the binding read-only.
    init(readOnlyBindOf source: String, at path: String, in box: Sandbox) throws {
        self.path = path
        self.box = box
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Mount.tool(box, "/bin/mount", ["--bind", source, path])
        do {
            try Mount.tool(box, "/bin/mount", ["-o", "remount,ro,bind", path])
        } catch {
            unmount()
            throw error
        }
    }

    deinit { unmount() }

    /// Unmounts (lazily when something still holds it open); safe to call more than once.
    func unmount() {
        guard mounted else { return }
        mounted = false
        if (try? box.run("/bin/umount", [path]))?.status != 0 { _ = try? box.run("/bin/umount", ["-l", path]) }
    }

    private static func tool(_ box: Sandbox, _ path: String, _ arguments: [String]) throws {
        let result = try box.run(path, arguments)
        try #require(
            result.status == 0,
            "\(path) \(arguments.joined(separator: " ")) failed (the fault tests run as root): \(result.transcript)")
    }
}

/// A file that takes all the free space of the filesystem holding `folder`, until `remove()`.
struct Filler {
    let path: String

    /// Writes zeros into `folder/filler` until the filesystem is full.
    init(filling folder: String) throws {
        path = folder + "/filler"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0, "could not create \(path)")
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        try #require(errno == ENOSPC, "filling \(folder) stopped with errno \(errno), not ENOSPC")
        // Single bytes too, so that not even a partial page is left.
        var byte: UInt8 = 0
        while write(descriptor, &byte, 1) == 1 {}
    }

    func remove() { unlink(path) }
}
