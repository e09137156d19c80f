import Glibc

/// Watches a board file, its SQLite `-wal` file and their folder with inotify, so another
/// session's change wakes the event loop.
///
/// Poll `descriptor` with `EventLoop`; when it is readable, call `drain()`, then check the
/// store for changes (the watcher says only that something may have changed).
public final class FileWatcher {
    /// The inotify descriptor to poll, or -1 when inotify is unavailable.
    public let descriptor: Int32
    private let path: String
    private let walPath: String
    private let fileName: String
    private let walName: String
    private var fileWatch: Int32 = -1
    private var walWatch: Int32 = -1
    private var folderWatch: Int32 = -1

    private static let fileMask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVE_SELF | IN_DELETE_SELF | IN_ATTRIB)
    private static let folderMask = UInt32(IN_CREATE | IN_MOVED_TO)

    /// Starts watching the file at `path`; never fails (without inotify, `descriptor` is -1).
    public init(path: String) {
        self.path = path
        walPath = path + "-wal"
        let slash = path.lastIndex(of: "/")
        fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        walName = fileName + "-wal"
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return }
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        folderWatch = inotify_add_watch(descriptor, folder, Self.folderMask)
        fileWatch = inotify_add_watch(descriptor, path, Self.fileMask)
        walWatch = inotify_add_watch(descriptor, walPath, Self.fileMask)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads every pending event; true if any concerned the board or its `-wal` file.
    /// Re-arms watches on files that were replaced, deleted or created meanwhile.
    public func drain() -> Bool {
        guard descriptor >= 0 else { return false }
        var changed = false
        let capacity = 8192
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            if count <= 0 { break }
            if handleEvents(UnsafeRawBufferPointer(start: buffer, count: count)) { changed = true }
        }
        return changed
    }

    /// Walks the `inotify_event` records in `bytes`; true if any was relevant.
    private func handleEvents(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var relevant = false
        var offset = 0
        let header = 16
        while offset + header <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameBytes = bytes[(offset + header)..<min(bytes.count, offset + header + length)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            if handle(watch: watch, mask: mask, name: name) { relevant = true }
            offset += header + length
        }
        return relevant
    }

    /// Handles one event; true if it concerned the board or its `-wal` file.
    private func handle(watch: Int32, mask: UInt32, name: String) -> Bool {
        let gone = UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)
        if watch == folderWatch {
            if name == fileName {
                rearmFile()
                return true
            }
            if name == walName {
                rearmWAL()
                return true
            }
            return false
        }
        if watch == fileWatch {
            if mask & gone != 0 { rearmFile() }
            return true
        }
        if watch == walWatch {
            if mask & gone != 0 { rearmWAL() }
            return true
        }
        return false
    }

    private func rearmFile() {
        if fileWatch >= 0 { inotify_rm_watch(descriptor, fileWatch) }
        fileWatch = inotify_add_watch(descriptor, path, Self.fileMask)
    }

    private func rearmWAL() {
        if walWatch >= 0 { inotify_rm_watch(descriptor, walWatch) }
        walWatch = inotify_add_watch(descriptor, walPath, Self.fileMask)
    }
}
