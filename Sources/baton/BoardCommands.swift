import ArgumentParser
import BatonCore
import BatonStore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new board (default ./board.baton) with stages Backlog, Ready, Doing and Done.",
        discussion: """
            The board is a file, or a board in a PostgreSQL database when PATH is an address: \
            `baton init postgres://HOST/DB?board=claims` (any libpq URI or connection string; board=NAME \
            is 1 to 40 lowercase letters, digits and _, default main). One database holds many boards; \
            the database and your role must exist, and the role must be allowed to create schemas there.

            With --shared GROUP the board is set up for everyone in that Unix group on this server: \
            the folder is created if needed with group GROUP, setgid and mode 2770 (an existing folder \
            you own gets the group, setgid and group access), and the board gets group GROUP and mode \
            0660, so the -wal and -shm files SQLite keeps beside it stay writable for every member. \
            You must be a member of GROUP (or root). `baton check` reports sharing problems later.
            """)
    @Argument(help: "Where to create the board: a file, or a database address.") var path: String =
        BoardLocator.fileName
    @Option(help: "The board's name (default: the folder's name, or board=NAME in a database).") var name: String?
    @Flag(help: "Fill the board with a believable sample squad, outcomes and items.") var sample = false
    @Option(
        help: ArgumentHelp(
            "Share the board with this Unix group: folder group-owned, setgid, 2770; board 0660.",
            valueName: "group"))
    var shared: String?

    func run() throws {
        let full = BoardLocator.absolute(path, from: FileManager.default.currentDirectoryPath)
        let account = SystemAccount.current()
        let group = try shared.map(Sharing.Group.named)
        let boardName = try name ?? Init.defaultName(full)
        let board = try Board.new(name: boardName.isEmpty ? "Board" : boardName, creator: Session.creator(account))
        let store = try BoardStore.create(full, board: board, by: Actor(account: account, member: 1), sharedWith: group)
        if sample { try SampleBoard.fill(store, account: account) }
        let shareNote = group.map { " shared with the group \($0.name) (folder mode 2770, board 0660)" } ?? ""
        Output.line("Created \(store.path)" + shareNote + (sample ? " with a sample squad." : "."))
    }

    /// The folder's name for a file; the board's name in a database, capitalised (`claims`: Claims).
    static func defaultName(_ location: String) throws -> String {
        guard PostgresAddress.isAddress(location) else {
            return URL(fileURLWithPath: location).deletingLastPathComponent().lastPathComponent
        }
        return try PostgresAddress(location).board.replacingOccurrences(of: "_", with: " ").capitalized
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
        for event in events {
            // On a board in a database, the role is named where it is not the account's own.
            let role = event.role.flatMap { $0 == event.account ? nil : " (database role \($0))" } ?? ""
            Output.line("\(Human.time(event.at))  \(narrator.sentence(event))\(role)")
        }
    }

    static func startOfDay(_ day: Day) -> Date {
        var parts = tm()
        parts.tm_year = Int32(day.year - 1900)
        parts.tm_mon = Int32(day.month - 1)
        parts.tm_mday = Int32(day.day)
        parts.tm_isdst = -1
        return Date(timeIntervalSince1970: TimeInterval(mktime(&parts)))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check the board's storage, its invariants, and how it is shared (a file) or what your role may do (a database).",
        discussion: """
            Sharing is checked too: a network filesystem, and for a board in a group-shared folder \
            (setgid or group-writable) a folder or file the group may not write, a board whose group \
            differs from the folder's, a folder without setgid, and -wal/-shm files left by one user \
            that the others cannot write. Each problem is printed with the command that fixes it. \
            Exits 65 when there is any problem (warnings alone, such as a FUSE filesystem, do not fail).
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session: Session
        do {
            // A database role's rights decide whether it may write; nothing is migrated there.
            session = try global.session(access: global.isDatabase ? .automatic : .readOnly)
        } catch let error as BatonError where error.category == .permission || error.category == .io {
            // A board the account cannot open is often a sharing problem: say which and how to fix it.
            let sharing = Sharing.diagnose(board: BoardLocator.locate(flag: global.board).path)
            if sharing.isEmpty { throw error }
            if output.json {
                try Output.json(
                    CheckReport(
                        board: BoardLocator.locate(flag: global.board).path, ok: false,
                        problems: [error.message], sharing: sharing))
            } else {
                Check.print(sharing)
            }
            throw error
        }
        let problems = try session.store.check()
        let sharing = Sharing.diagnose(board: session.store.path)
        let failing = problems.count + sharing.filter { $0.severity == .error }.count
        let readOnlyRole = global.isDatabase && session.store.isReadOnly
        if output.json {
            try Output.json(
                CheckReport(
                    board: session.store.path, ok: failing == 0, problems: problems, sharing: sharing,
                    mayWrite: !session.store.isReadOnly || !global.isDatabase ? nil : false))
        } else {
            problems.forEach { Output.line($0) }
            Check.print(sharing)
            if readOnlyRole {
                Output.line(
                    "warning: your database role may only read this board; ask the database's owner to grant it write access (the README's \"Boards in PostgreSQL\" shows how)."
                )
            }
            if failing == 0 {
                Output.line(
                    "\(session.store.path): OK (\(session.board.stats.values.map(\.total).reduce(0, +)) items, \(session.board.stages.count) stages)."
                )
            }
        }
        if failing > 0 { throw BatonError.data("The board has \(failing) problems; see above.") }
    }

    /// Each sharing problem, then the command that fixes it.
    static func print(_ sharing: [SharingProblem]) {
        for problem in sharing {
            Output.line((problem.severity == .warning ? "warning: " : "") + problem.message)
            Output.line("  fix: \(problem.fix)")
        }
    }

    struct CheckReport: Codable {
        var board: String
        var ok: Bool
        var problems: [String]
        var sharing: [SharingProblem]
        /// False for a board in a database that the role may only read (absent otherwise).
        var mayWrite: Bool?
    }
}
