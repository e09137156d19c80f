import ArgumentParser
import BatonCore
import BatonStore
import Foundation

struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Copy a whole board, with its history, comments and stand-ups, to a new board file or database board.",
        discussion: """
            FROM and TO are each a board file or a database address (postgres://HOST/DB?board=NAME, or \
            host=HOST dbname=DB board=NAME). TO must not exist yet: baton never overwrites a board. The \
            copy reads one consistent snapshot and appears complete or not at all; FROM is never changed. \
            A progress bar shows on standard error when it is a terminal.

              baton copy board.baton postgres://db.example.com/squads?board=claims
              baton copy 'host=db dbname=squads board=claims' claims-backup.baton
            """)
    @Argument(help: "The board to copy: a file or a database address.") var from: String
    @Argument(help: "The new board: a file or a database address.") var to: String

    func run() throws {
        let folder = FileManager.default.currentDirectoryPath
        let source = try BoardStore.open(BoardLocator.absolute(from, from: folder), access: .readOnly)
        let copied = try ProgressBar.showing("Copying") { bar in
            try source.copy(to: BoardLocator.absolute(to, from: folder), progress: bar.update)
        }
        let rows = { (table: String) in copied.rows[table] ?? 0 }
        Output.line(
            "Copied \(try copied.board.loadCatalog().name) to \(copied.board.path): \(counted(rows("item"), "item")), \(counted(rows("comment"), "comment")), \(rows("event")) history \(rows("event") == 1 ? "entry" : "entries") and \(counted(rows("standup"), "stand-up"))."
        )
        if copied.nulTexts > 0 {
            Output.line(
                "\(counted(copied.nulTexts, "text")) held a NUL character, which a database cannot store; each was copied with \u{FFFD} in its place."
            )
        }
    }
}

struct Boards: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the boards in a PostgreSQL database.",
        discussion: """
            ADDRESS is a libpq connection string or URI (postgres://HOST/DB); without it, --board or \
            $BATON_BOARD is used when it names a database. Each board is listed with its name for \
            board=NAME, its title, its open items and whether your database role may read and write it.
            """)
    @Argument(help: "The database: postgres://HOST/DB or host=HOST dbname=DB.") var address: String?
    @Option(name: .long, help: ArgumentHelp("The board whose database to list.", valueName: "address"))
    var board: String?
    @OptionGroup var output: JSONFlag

    func run() throws {
        guard let database = address ?? board ?? ProcessInfo.processInfo.environment["BATON_BOARD"] else {
            throw BatonError.usage("Name the database to list, such as `baton boards postgres://HOST/DB`.")
        }
        let boards = try BoardStore.boards(in: database)
        if output.json { return try Output.json(boards) }
        if boards.isEmpty {
            return Output.line("There are no boards in that database yet; create one with `baton init`.")
        }
        let width = max(4, boards.map(\.name.count).max() ?? 0)
        for board in boards {
            let access = board.mayWrite ? "read and write" : board.mayRead ? "read only" : "no access"
            let title = board.title.map { "\($0), \(counted(board.items ?? 0, "open item"))" } ?? "—"
            Output.line(
                "\(board.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(title)  (\(access); made \(Human.time(board.createdAt)) by \(board.createdBy))"
            )
        }
    }
}
