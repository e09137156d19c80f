import Foundation

/// One item event that matters for flow (created, moved, archived, restored), small enough to
/// keep a long history in memory and to sort cheaply. The figure screens keep these instead of
/// whole events.
public struct FlowStep: Equatable, Sendable {
    public enum Kind: Sendable { case created, moved, archived, restored }

    public var at: Date
    public var seq: Int
    public var item: ItemNumber
    public var kind: Kind
    /// The stage created in or moved to; `nil` when the event does not say.
    public var stage: StageID?
    /// The stage moved from.
    public var from: StageID?

    public init(at: Date, seq: Int, item: ItemNumber, kind: Kind, stage: StageID? = nil, from: StageID? = nil) {
        self.at = at
        self.seq = seq
        self.item = item
        self.kind = kind
        self.stage = stage
        self.from = from
    }

    /// The step `event` makes, or `nil` when it does not matter for flow.
    public init?(_ event: Event) {
        guard let number = event.change.item else { return nil }
        switch event.change.kind {
        case .itemCreated:
            self.init(at: event.at, seq: event.seq, item: number, kind: .created, stage: event.change.entityID)
        case .itemMoved:
            guard let to = event.change.after.flatMap({ Int($0) }) else { return nil }
            self.init(
                at: event.at, seq: event.seq, item: number, kind: .moved, stage: to,
                from: event.change.before.flatMap { Int($0) })
        case .itemArchived: self.init(at: event.at, seq: event.seq, item: number, kind: .archived)
        case .itemRestored: self.init(at: event.at, seq: event.seq, item: number, kind: .restored)
        default: return nil
        }
    }

    /// The flow steps of `events`, in time order (by sequence number within the same time).
    public static func steps(from events: [Event]) -> [FlowStep] {
        ordered(events.compactMap(FlowStep.init))
    }

    /// `steps` in time order. The history is normally in time order already; back-dated changes
    /// are sorted in.
    public static func ordered(_ steps: [FlowStep]) -> [FlowStep] {
        let sorted = zip(steps, steps.dropFirst()).allSatisfy { ($0.at, $0.seq) <= ($1.at, $1.seq) }
        return sorted ? steps : steps.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }
    }
}
