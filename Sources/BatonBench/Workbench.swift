import BatonCore
import BatonStore
import Foundation

/// A temporary folder holding one generated board, the environment baton runs in (its own
/// HOME and XDG folders, a 256-colour terminal) and fresh copies of the board for each run.
struct Workbench {
    /// How many items the board holds.
    let items: Int
    let folder: String
    let board: String
    let environment: [String: String]
    let visibleItem: Item
    /// Cards in the first stage, where the selection moves.
    let firstColumnCount: Int
    let eventCount: Int

    init(items: Int) throws {
        self.items = items
        folder = NSTemporaryDirectory() + "baton-bench-\(items)-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        board = folder + "/board.baton"
        var generator = BoardGenerator(items: items)
        let document = generator.document()
        let creator = BoardGenerator.members[0]
        let store = try BoardStore.create(
            board, board: try Board.new(name: document.name, creator: creator),
            by: Actor(account: creator.login ?? "bench", member: creator.id))
        try store.importDocument(document)
        let firstColumn = document.items.filter { $0.stage == BoardGenerator.stages[0].id && !$0.archived }
        guard firstColumn.count > 1, let first = firstColumn.min(by: { $0.position < $1.position }) else {
            throw BenchError(
                "The generated board of \(items) items has fewer than two cards in its first stage; use at least 20 items."
            )
        }
        visibleItem = first
        firstColumnCount = firstColumn.count
        eventCount = document.events.count
        let home = folder + "/home"
        environment = [
            "HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config",
            "XDG_STATE_HOME": home + "/state", "XDG_CACHE_HOME": home + "/cache",
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    /// A fresh copy of the board called `name`, so that every run starts from the same board
    /// (an earlier copy of that name is replaced, with its -wal and -shm).
    func copy(_ name: String) throws -> String {
        let path = folder + "/\(name).baton"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: board, toPath: path)
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
