import BatonCore
import Foundation

/// Things that happen, fed to `update`.
public enum Msg: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The clock moved on (ages and timers).
    case tick(Date)
    /// A change of ours was stored: the updated board slice, the items it touched and its events.
    case saved(slice: Board, items: [ItemNumber], events: [Event], warnings: [String])
    /// A change of ours was refused; nothing was stored.
    case saveFailed(BatonError)
    /// Reading from the board failed (an item's detail, the history, other writers' changes);
    /// nothing of ours is lost.
    case readFailed(BatonError)
    /// Someone else changed the board: the catalog as it is now holding the items that changed
    /// (merged in place, never a copy of the whole board), their events, and any other items
    /// that were reloaded.
    case changedElsewhere(slice: Board, events: [Event], items: [ItemNumber] = [])
    /// The database that holds the board stopped answering (false) or answers again (true).
    case reachabilityChanged(Bool)
    case detailLoaded(ItemNumber, ItemDetail)
    /// The board is open in this session (its presence id), with the problems found in the
    /// settings, key and theme files (`FILE:LINE: sentence`).
    case opened(session: String, problems: [String])
    /// A draft from a session that ended without saving, to offer back.
    case restoreDraft(PromptPurpose, String)
    /// What the user's own editor saved for the open prompt (`Effect.editOutside`).
    case editedOutside(String)
    /// The user's own editor could not be used, or failed; nothing changed.
    case editorFailed(BatonError)
    /// The board's history since the last stand-up, for the stand-up's lists of changes.
    case historyLoaded([Event])
    /// The flow steps of the whole history, for the figure screens.
    case flowStepsLoaded([FlowStep])
    /// The running stand-up (anyone's) and when the previous one ended, as the board file says.
    case standupChanged(running: Standup?, lastEnded: Date?)
    /// A stand-up this session facilitated has ended: its record with the summary.
    case standupEnded(StandupRecord)
    /// Who has the board open now.
    case presenceChanged([Presence])
    /// The board file was deleted, moved or replaced while open.
    case boardVanished
    /// The screen as last drawn scrolls no further than this (nil: it does not scroll); sent by
    /// the loop when it changes (`Frame.scrollLimit`).
    case scrollLimit(Int?)
}

/// Work for the runtime, done in order; results come back as `Msg`s. Each effect carries what
/// it needs, so the runtime never reads the state to carry one out.
public enum Effect: Equatable, Sendable {
    case apply([Action])
    case loadDetail(ItemNumber)
    /// Load the history since the last stand-up, which ended at `since` (nil: since the start).
    case loadHistory(since: Date?)
    /// Load the flow steps of the whole history (once; later changes arrive as events).
    case loadFlowSteps
    /// Start a stand-up facilitated by `facilitator`, with these speakers in this order; the
    /// previous one ended at `lastEnded`.
    case startStandup(
        facilitator: MemberID, participants: [MemberID], turnLength: TimeInterval, by: Actor, lastEnded: Date?)
    /// Store the running stand-up's new state (speaker, pause).
    case updateStandup(Standup)
    /// End the stand-up and store its summary.
    case endStandup(Standup)
    /// Hand `text`, being written for `purpose`, to the user's own editor (`Msg.editedOutside`).
    case editOutside(PromptPurpose, text: String)
    case quit
}

extension Msg {
    /// Whether the screen may look different once `update` has handled this message in `state`.
    /// A tick matters only while a stand-up's timer runs or when the minute changes (ages are
    /// shown to the minute), so an idle board is not drawn again every time the runtime wakes.
    public func mayChangeView(_ state: AppState) -> Bool {
        // The frame drawn already shows the scroll clamped.
        if case .scrollLimit = self { return false }
        guard case .tick(let now) = self else { return true }
        return state.standup.running != nil || Self.minute(now) != Self.minute(state.now)
    }

    private static func minute(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }
}
