import BatonCore
import Foundation

/// The figures behind the outcomes, flow and balance screens: computed in `update` when the
/// board or its history changes while one of them is open, never while drawing.
public struct Insights: Equatable, Sendable {
    public var flow: FlowReport?
    public var outcomes: [OutcomeStats] = []
    public var balance: Balance?

    public init() {}

    /// Weeks of history the flow screen covers.
    public static let weeks = 8

    /// The figures for `s`'s board and history at `s.now`.
    public static func compute(_ s: AppState) -> Insights {
        var insights = Insights()
        let window = FlowWindow(now: s.now, weeks: weeks, timeZone: s.timeZone)
        let report = Flow.report(board: s.board, events: s.history ?? [], window: window, limits: s.ageLimits)
        insights.flow = report
        insights.outcomes = OutcomeStats.compute(board: s.board, completions: report.completions, now: s.now, timeZone: s.timeZone)
        insights.balance = Balance.compute(board: s.board, limit: s.personalLimit)
        return insights
    }
}

extension App {
    /// Opens a screen that shows figures: loads the history the first time, computes the figures.
    static func openInsight(_ screen: AppScreen, _ s: inout AppState) -> [Effect] {
        s.screen = screen
        s.scroll = 0
        s.insights = Insights.compute(s)
        return s.history == nil ? [.loadHistory] : []
    }

    /// Recomputes the figures if a screen showing them is open.
    static func refreshInsights(_ s: inout AppState) {
        switch s.screen {
        case .outcomes, .flow, .balance: s.insights = Insights.compute(s)
        default: break
        }
    }

    /// The history grows by `events` (ours or someone else's), if it is loaded.
    static func record(_ events: [Event], _ s: inout AppState) {
        guard s.history != nil, !events.isEmpty else { return }
        let known = s.history!.last?.seq ?? 0
        s.history! += events.filter { $0.seq > known }
    }

    /// Shows the active items that serve no outcome on the board, so they can be linked with `o`.
    static func showUnlinked(_ s: inout AppState) {
        s.screen = .board
        setFilter("outcome:none active", &s, keepQuery: true)
        let shown = s.columns.values.reduce(0) { $0 + $1.count }
        let verb = shown == 1 ? "serves" : "serve"
        s.message = Message("\(counted(shown, "active item")) \(verb) no outcome; select one and press o to link it · Esc clears the filter.")
    }
}
