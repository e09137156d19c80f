import BatonCore
import BatonStore
import Foundation

/// Finds the board to use, in the order DESIGN §6 gives: a file, or a board in a database.
enum BoardLocator {
    static let fileName = "board.baton"

    /// Where the board is, and whether it is the user's default board (created on first use).
    enum Location: Equatable {
        case explicit(String)
        case defaultBoard(String)

        var path: String {
            switch self {
            case .explicit(let p), .defaultBoard(let p): return p
            }
        }
    }

    /// `--board`, else `$BATON_BOARD`, else the nearest board.baton upwards, else the default board.
    static func locate(
        flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        from folder: String = FileManager.default.currentDirectoryPath
    ) -> Location {
        if let flag, !flag.isEmpty { return .explicit(absolute(flag, from: folder)) }
        if let env = environment["BATON_BOARD"], !env.isEmpty { return .explicit(absolute(env, from: folder)) }
        if let found = nearest(from: folder) { return .explicit(found) }
        return .defaultBoard(defaultPath(environment))
    }

    static func defaultPath(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/baton/" + fileName }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/baton/" + fileName
    }

    static func nearest(from folder: String) -> String? {
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = current.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// `path` made absolute from `folder`; a database address is returned as it is.
    static func absolute(_ path: String, from folder: String) -> String {
        if PostgresAddress.isAddress(path) { return path }
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/")
            ? expanded : URL(fileURLWithPath: folder).appendingPathComponent(expanded).standardizedFileURL.path
    }
}
