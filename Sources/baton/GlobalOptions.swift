import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// Options every board command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The board: a file, or a database address (postgres://HOST/DB?board=NAME).", valueName: "board"))
    var board: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Act as the member with this handle (the account is recorded too).", valueName: "handle"))
    var actAs: String?

    /// Whether the board named is in a database (as --board or $BATON_BOARD say).
    var isDatabase: Bool { PostgresAddress.isAddress(BoardLocator.locate(flag: board).path) }

    /// Opens the board, creating the default board on first use, and works out who is acting;
    /// `withItems` loads every item at once, for commands that show them.
    func session(access: BoardStore.Access = .automatic, withItems: Bool = false) throws -> Session {
        let location = BoardLocator.locate(flag: board)
        let account = SystemAccount.current()
        if case .defaultBoard(let path) = location, !FileManager.default.fileExists(atPath: path) {
            _ = try BoardStore.create(
                path, board: try Board.new(name: "My board", creator: Session.creator(account)),
                by: Actor(account: account, member: 1))
        }
        let store = try BoardStore.open(location.path, access: access)
        return try Session(store: store, account: account, actAs: actAs, withItems: withItems)
    }
}

/// `--json` for commands that list or show things.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}
