import BatonCore
import Foundation

/// The figures behind the outcomes, flow and balance screens: computed in `update` when the
/// board or its history changes while one of them is open, never while drawing.
public struct Insights: Equatable, Sendable {
    public var flow: FlowReport?
    public var outcomes: [OutcomeStats] = []
    public var balance: Balance?
    /// The moment the figures are for.
    public var computedAt: Date?

    public init() {}

    /// How long figures stay good for a screen that opens again without any change: ages move on.
    static let freshFor: TimeInterval = 60

    /// Weeks of history the flow screen covers.
    public static let weeks = 8

    /// The figures for `s`'s board and history at `s.now`.
    public static func compute(_ s: AppState) -> Insights {
        var insights = Insights()
        let window = FlowWindow(now: s.now, weeks: weeks, timeZone: s.timeZone)
        let report = Flow.report(board: s.board, steps: s.flowSteps ?? [], window: window, limits: s.ageLimits)
        insights.flow = report
        insights.outcomes = OutcomeStats.compute(
            board: s.board, completions: report.completions, now: s.now, timeZone: s.timeZone)
        insights.balance = Balance.compute(board: s.board, limit: s.personalLimit)
        insights.computedAt = s.now
        return insights
    }
}

extension App {
    /// Opens a screen that shows figures: loads the history the first time, and computes the
    /// figures unless nothing changed since they were last computed.
    static func openInsight(_ screen: AppScreen, _ s: inout AppState) -> [Effect] {
        s.screen = screen
        s.scroll = 0
        let age = s.insights.computedAt.map { s.now.timeIntervalSince($0) } ?? .infinity
        if s.insightsStale || !(0..<Insights.freshFor).contains(age) { computeInsights(&s) }
        guard s.flowSteps == nil, s.pendingReads.insert(.flowSteps).inserted else { return [] }
        return [.loadFlowSteps]
    }

    /// Recomputes the figures if a screen showing them is open; otherwise they are computed when one opens.
    static func refreshInsights(_ s: inout AppState) {
        switch s.screen {
        case .outcomes, .flow, .balance: computeInsights(&s)
        default: s.insightsStale = true
        }
    }

    private static func computeInsights(_ s: inout AppState) {
        s.insights = Insights.compute(s)
        s.insightsStale = false
    }

    /// The history and the flow steps grow by `events` (ours or someone else's), where loaded.
    static func record(_ events: [Event], _ s: inout AppState) {
        guard !events.isEmpty else { return }
        // Appended in place: a long history is never copied for a few new events.
        if let known = s.history.map({ $0.last?.seq ?? 0 }) {
            let new = events.filter { $0.seq > known }
            if !new.isEmpty { s.history!.append(contentsOf: new) }
        }
        if let known = s.flowSteps.map({ $0.last?.seq ?? 0 }) {
            let new = events.filter { $0.seq > known }.compactMap(FlowStep.init)
            guard !new.isEmpty else { return }
            let inOrder = s.flowSteps!.last.map { last in (last.at, last.seq) <= (new[0].at, new[0].seq) } ?? true
            s.flowSteps!.append(contentsOf: new)
            if !inOrder || FlowStep.ordered(new) != new { s.flowSteps = FlowStep.ordered(s.flowSteps!) }
        }
    }

    /// Shows the active items that serve no outcome on the board, so they can be linked with `o`.
    static func showUnlinked(_ s: inout AppState) {
        s.screen = .board
        setFilter("outcome:none active", &s, keepQuery: true)
        let shown = s.columns.values.reduce(0) { $0 + $1.count }
        let verb = shown == 1 ? "serves" : "serve"
        s.message = Message(
            "\(counted(shown, "active item")) \(verb) no outcome; select one and press o to link it · Esc clears the filter."
        )
    }
}
