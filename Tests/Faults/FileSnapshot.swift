import Foundation

/// The exact bytes and mode of a file, to prove that a refused operation changed nothing.
struct FileSnapshot: Equatable {
    let bytes: Data?
    let mode: Int?

    /// Reads `path` now; a missing file is a snapshot too (nil bytes), so "nothing created" is checkable.
    init(_ path: String) {
        bytes = FileManager.default.contents(atPath: path)
        mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }
}
