import Foundation

/// What the store asks of the engine that holds a board: transactions, and a way to tell that
/// someone else committed. The domain code above it is the same for every engine.
protocol StoreEngine: AnyObject {
    /// Where the board is, as users name it in messages: a file's path or a database address.
    var location: String { get }
    /// Whether this session may only read.
    var isReadOnly: Bool { get }
    /// False once the board this session opened can no longer be reached where it was (a file
    /// deleted or replaced); from then on nothing may be written through it.
    var isStillThere: Bool { get }

    /// Runs `body` in a transaction that sees one consistent board.
    func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T
    /// Runs `body` as one change: the board locked against other writers first, retried while
    /// they hold it (within a time budget), committed durably.
    func write<T>(_ body: (any SQLDatabase) throws -> T) throws -> T
    /// A write of something that is not part of the board's history (presence), which may
    /// trade durability for speed.
    func quickWrite(_ body: (any SQLDatabase) throws -> Void) throws
    /// A number that changes whenever another session commits to the board.
    func changeCounter() throws -> Int
    /// The database role this session writes as, which its history entries record (nil: a file).
    var role: String? { get }
    /// False since a call failed because the server did not answer, until one succeeds again.
    var isReachable: Bool { get }
    /// What wakes a session when another one may have committed.
    func changeSignal() -> any ChangeSignal
    /// What is wrong with the storage itself, in sentences, inside `read`: `unreadable` when its
    /// rows may not be read at all (a damaged file; nothing else is checked then), `problems`
    /// for the rest (rows that refer to rows that do not exist). Both empty when it is sound.
    func damage(_ db: any SQLDatabase) throws -> (unreadable: [String], problems: [String])
}
