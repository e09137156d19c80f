import ArgumentParser
import BatonCore
import BatonStore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new board file (default ./board.baton) with stages Backlog, Ready, Doing and Done.")
    @Argument(help: "Where to create the board.") var path: String = BoardLocator.fileName
    @Option(help: "The board's name (default: the folder's name).") var name: String?
    @Flag(help: "Fill the board with a believable sample squad, outcomes and items.") var sample = false

    func run() throws {
        let full = BoardLocator.absolute(path, from: FileManager.default.currentDirectoryPath)
        let account = SystemAccount.current()
        let boardName = name ?? URL(fileURLWithPath: full).deletingLastPathComponent().lastPathComponent
        let board = try Board.new(name: boardName.isEmpty ? "Board" : boardName, creator: Session.creator(account))
        let store = try BoardStore.create(full, board: board, by: Actor(account: account, member: 1))
        if sample { try SampleBoard.fill(store, account: account) }
        Output.line("Created \(full)" + (sample ? " with a sample squad." : "."))
    }
}

struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rename the board.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new name.") var name: String

    func run() throws {
        var session = try global.session()
        try session.apply(.renameBoard(name))
        Output.line("The board is now called \(session.board.name).")
    }
}

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the history: who changed what, and when.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only changes from this day (YYYY-MM-DD, local time) on.") var since: Day?
    @Option(help: "Only changes to this item.") var item: ItemRef?
    @Option(help: "Only the last N changes.") var limit: Int?
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        if let limit, limit < 1 { throw BatonError.usage("--limit must be at least 1.") }
        let events = try session.store.events(item: item?.number, since: since.map(Log.startOfDay), limit: limit)
        if output.json { return try Output.json(events) }
        let narrator = try session.narrator()
        for event in events { Output.line("\(Human.time(event.at))  \(narrator.sentence(event))") }
    }

    static func startOfDay(_ day: Day) -> Date {
        var parts = tm()
        parts.tm_year = Int32(day.year - 1900); parts.tm_mon = Int32(day.month - 1); parts.tm_mday = Int32(day.day)
        parts.tm_isdst = -1
        return Date(timeIntervalSince1970: TimeInterval(mktime(&parts)))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the board file's integrity and the board's invariants.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session(access: .readOnly)
        let problems = try session.store.check()
        if output.json {
            try Output.json(CheckReport(board: session.store.path, ok: problems.isEmpty, problems: problems))
        } else if problems.isEmpty {
            Output.line("\(session.store.path): OK (\(session.board.stats.values.map(\.total).reduce(0, +)) items, \(session.board.stages.count) stages).")
        } else {
            problems.forEach { Output.line($0) }
        }
        if !problems.isEmpty { throw BatonError.data("The board has \(problems.count) problems; see above.") }
    }

    struct CheckReport: Codable {
        var board: String
        var ok: Bool
        var problems: [String]
    }
}
