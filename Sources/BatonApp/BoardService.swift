import BatonCore
import BatonTUI
import Foundation

/// A change of ours as the board stored it: the slice to merge, the items it touched, its
/// events and any warnings about it.
public struct SavedChange: Sendable {
    public var slice: Board
    public var items: [ItemNumber]
    public var events: [Event]
    public var warnings: [String]

    public init(slice: Board, items: [ItemNumber], events: [Event], warnings: [String]) {
        self.slice = slice
        self.items = items
        self.events = events
        self.warnings = warnings
    }
}

/// What the loop needs from the board it shows, whatever keeps it: reads, saves, other
/// writers' changes, presence and stand-ups. Errors are `BatonError`s with a sentence for the user.
public protocol BoardService: AnyObject {
    /// Names the board (drafts are kept per board).
    var path: String { get }
    var isReadOnly: Bool { get }
    /// False once the board was deleted, moved or replaced under this session.
    var isStillThere: Bool { get }
    /// False while the database that holds the board does not answer (a file always does).
    var isReachable: Bool { get }

    /// Stores one action as `actor` (possibly on another thread than the loop's).
    func apply(_ action: Action, by actor: Actor) throws -> SavedChange
    /// Notes events this session saved as its own, so that they never come back as another
    /// session's (right after the save, on the same thread, before any later look).
    func sawOwn(_ events: [Event])
    /// An item's comments and history.
    func detail(of item: ItemNumber) throws -> ItemDetail
    /// The history since `since` (nil: all of it).
    func history(since: Date?) throws -> [Event]
    func flowSteps() throws -> [FlowStep]
    /// The catalog holding only `item` as it is stored now; nil when there is no such item.
    func current(_ item: ItemNumber) throws -> Board?

    /// Descriptors the loop waits on besides the terminal: readable when other writers may have
    /// changed the board or background work has finished.
    var descriptors: [Int32] { get }
    /// How long the loop may sleep, given what else it waits for (`longest`, in milliseconds).
    func timeout(_ longest: Int32) -> Int32
    /// Other sessions' changes since the last call, nil when there are none; `ready` are the
    /// descriptors that woke the loop. Called as a look that may run on another thread than the
    /// loop's, one at a time.
    func changes(ready: [Int32]) throws -> ChangeSet?
    /// Starts reading the flow steps of the whole history in the background.
    func startReadingHistory()
    /// The flow steps read in the background, up to date, once they are there (then never again).
    func finishedHistory(ready: [Int32]) -> [FlowStep]?

    func updatePresence(_ row: Presence) throws
    func presence() throws -> [Presence]
    func removePresence(session: String) throws

    func startStandup(
        facilitator: MemberID, participants: [MemberID], turnLength: TimeInterval, by actor: Actor,
        at now: Date
    ) throws -> Standup
    func updateStandup(_ standup: Standup) throws
    func endStandup(_ standup: Standup, at now: Date) throws -> StandupRecord
    func runningStandup() throws -> Standup?
    /// When the last stand-up ended, if one has.
    func lastStandupEnd() throws -> Date?
}
