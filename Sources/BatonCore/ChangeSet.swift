import Foundation

/// What other sessions changed since this one last looked: their events, and the catalog as it
/// is now holding only the items those events touched (a slice, for merging in place).
public struct ChangeSet: Equatable, Sendable {
    /// Other sessions' events, oldest first; empty when they changed only presence or a stand-up.
    public var events: [Event]
    /// The name, stages with their statistics, members and outcomes, and the changed items.
    public var slice: Board
    /// The items the events touched.
    public var items: [ItemNumber]

    public init(events: [Event], slice: Board, items: [ItemNumber]) {
        self.events = events
        self.slice = slice
        self.items = items
    }
}
