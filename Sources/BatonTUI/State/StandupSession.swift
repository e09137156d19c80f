import BatonCore
import Foundation

/// Everything the TUI knows about stand-ups.
public struct StandupSession: Equatable, Sendable {
    /// The stand-up running on the board, whoever facilitates it.
    public var running: Standup?
    /// When the previous stand-up ended.
    public var lastEnded: Date?
    /// Other sessions follow the facilitator's stand-up unless this is switched off.
    public var following = true
    /// The setup screen's choices.
    public var setup: StandupSetup?
    /// The selected line in the speaker's list of items.
    public var itemIndex = 0
    /// Waiting for `y` to end the stand-up.
    public var confirmingEnd = false
    /// The record shown after a stand-up ends.
    public var summary: StandupRecord?
    /// Mark, on the board, the items changed since the last stand-up.
    public var markChanged = false
    /// The items changed since the last stand-up (from the history).
    public var changedItems: Set<ItemNumber> = []

    public init() {}
}

/// Who takes part and in which order, before a stand-up starts.
public struct StandupSetup: Equatable, Sendable {
    /// Every member, in speaking order.
    public var order: [MemberID]
    /// Those who take part.
    public var present: Set<MemberID>
    /// The highlighted line.
    public var cursor = 0
    public var turnLength: TimeInterval = Standup.defaultTurnLength

    /// The speakers, in order.
    public var participants: [MemberID] { order.filter(present.contains) }
}

extension AppState {
    /// True when this session runs the current stand-up.
    public var isFacilitating: Bool {
        guard let running = standup.running, let me = actor.member else { return false }
        return running.facilitator == me
    }

    /// The speaker's items in stand-up order: owned first, then involved; blocked first; aged marked.
    public var speakerItems: [SpeakerItem] {
        guard let speaker = standup.running?.speaker else { return [] }
        return StandupChanges.speakerItems(
            speaker, on: board, at: now, ageThreshold: StandupChanges.defaultAgeThreshold)
    }
}
