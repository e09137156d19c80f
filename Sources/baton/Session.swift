import BatonCore
import BatonStore
import Foundation

/// An open board and the person acting on it, with the lookups every command needs.
struct Session {
    let store: BoardStore
    let actor: Actor
    /// The board's catalog (stages, members, outcomes, statistics); its items too when opened `withItems`, or after `loadItems()`.
    var board: Board

    init(store: BoardStore, account: String, actAs: String?, withItems: Bool = false) throws {
        self.store = store
        board = try withItems ? store.loadBoard() : store.loadCatalog()
        let member: Member?
        if let actAs {
            member = try Session.member(actAs, in: board)
        } else {
            member = board.member(login: account)
        }
        actor = Actor(account: account, member: member?.id)
    }

    /// Hands the board over, leaving only its catalog here, so the taker holds the only copy of the items.
    mutating func takeBoard() -> Board {
        var catalog = board
        catalog.items = [:]
        swap(&catalog, &board)
        return catalog
    }

    /// The member a new board starts with: the account that creates it.
    static func creator(_ account: String) -> Member {
        let handle = String(account.filter { $0.isLetter || $0.isNumber }.prefix(3))
        return Member(
            id: 1, name: SystemAccount.fullName(), handle: handle.count >= 2 ? handle : "me",
            discipline: .business, login: account)
    }

    /// Applies an action, prints its warnings, and returns what happened.
    @discardableResult
    mutating func apply(_ action: Action) throws -> Applied {
        let applied = try store.apply(action, by: actor)
        for warning in applied.change.warnings { Output.warning(warning) }
        board = applied.board
        return applied
    }

    // MARK: Lookups by what people type

    func stage(_ name: String) throws -> Stage {
        if let stage = board.stages.first(where: { $0.name.lowercased() == name.trimmingWhitespace().lowercased() }) {
            return stage
        }
        let names = board.stages.map(\.name).joined(separator: ", ")
        throw BatonError.data("There is no stage named '\(name)'; stages are \(names).")
    }

    func member(_ handle: String) throws -> Member { try Session.member(handle, in: board) }

    static func member(_ handle: String, in board: Board) throws -> Member {
        let key = handle.hasPrefix("@") ? String(handle.dropFirst()).lowercased() : handle.lowercased()
        if let member = board.members.first(where: { $0.handle.lowercased() == key || $0.login == key }) {
            return member
        }
        let known = board.members.map { "\($0.handle) (\($0.name))" }.joined(separator: ", ")
        throw BatonError.data("There is no member with the handle '\(handle)'; members are \(known).")
    }

    func outcome(_ reference: String) throws -> Outcome {
        let key = reference.trimmingWhitespace()
        if let id = Int(key.hasPrefix("#") ? String(key.dropFirst()) : key), let outcome = board.outcome(id) {
            return outcome
        }
        if let outcome = board.outcomes.first(where: { $0.title.lowercased() == key.lowercased() }) { return outcome }
        let known =
            board.outcomes.isEmpty
            ? "there are none yet"
            : "outcomes are " + board.outcomes.map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
        throw BatonError.data("There is no outcome '\(reference)'; \(known).")
    }

    /// Loads every item into `board`, for commands that list or draw them.
    mutating func loadItems() throws {
        board = try store.loadBoard()
    }

    func item(_ number: ItemNumber) throws -> Item {
        guard let item = try board.items[number] ?? store.item(number) else {
            throw BatonError.data("There is no item #\(number); `baton item list` shows the items.")
        }
        return item
    }

    /// Tells events as sentences, naming removed stages too.
    func narrator() throws -> EventNarrator {
        EventNarrator(board: board, removedStages: try store.removedStageNames())
    }

    func handles(_ ids: [MemberID]) -> [String] { ids.compactMap { board.member($0)?.handle } }
    func stageName(_ id: StageID) -> String { board.stage(id)?.name ?? "stage \(id)" }
}
