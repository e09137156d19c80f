import BatonCore
import Foundation

/// Each outcome with a progress bar, its values and how many linked items sit in each stage.
enum OutcomesView {
    static let linesPerOutcome = 5

    static func lines(_ s: AppState) -> [StyledLine] {
        if s.board.outcomes.isEmpty {
            return [
                [("No outcomes yet. Add one from the shell:", .normal)],
                [
                    (
                        "  baton outcome add \"Onboarding takes 3 days, not 10\" --metric \"onboarding time\" --unit days --baseline 10 --target 3",
                        .dim
                    )
                ],
            ]
        }
        let stats = Dictionary(uniqueKeysWithValues: s.insights.outcomes.map { ($0.outcome.id, $0) })
        var lines = s.board.outcomes.enumerated().flatMap { index, outcome in
            outcomeLines(outcome, stats[outcome.id], selected: index == s.outcomeIndex, s)
        }
        if let unlinked = s.insights.balance?.unlinked, !unlinked.isEmpty {
            let parts = unlinked.map {
                "\($0.items.count) in \(DisplayText.sanitize(s.board.stage($0.stage)?.name ?? "?"))"
            }
            lines.append([
                (
                    "Active work that serves no outcome: " + parts.joined(separator: ", ") + " · l shows them",
                    .pairingGap
                )
            ])
        }
        return lines
    }

    /// Title; progress bar; value, range, date and trend; linked items per stage and recent finishes.
    static func outcomeLines(_ outcome: Outcome, _ stats: OutcomeStats?, selected: Bool, _ s: AppState) -> [StyledLine]
    {
        let barWidth = max(10, min(40, (s.width - 4) / 2))
        let filled = Int((outcome.progress * Double(barWidth)).rounded())
        let unit = outcome.unit.isEmpty ? "" : " \(outcome.unit)"
        let title = DisplayText.truncate(
            DisplayText.sanitize("\(outcome.id). \(outcome.title)"), to: max(1, s.width - 4))
        let due = stats?.timeLeftText.map { "  " + $0 } ?? outcome.targetDate.map { "  by \($0)" } ?? ""
        var items: StyledLine = [("  ", .normal)]
        for (index, count) in (stats?.openPerStage ?? []).enumerated() where count.count > 0 {
            items.append(
                (String(repeating: "▇", count: min(count.count, 12)), FlowView.bands[index % FlowView.bands.count]))
            items.append((" \(count.count) \(DisplayText.sanitize(s.board.stage(count.stage)?.name ?? "?"))  ", .dim))
        }
        if items.count == 1 { items.append(("no open items serve it", .dim)) }
        if let stats {
            items.append(("· finished \(stats.finishedLast7Days) in 7 days, \(stats.finishedLast30Days) in 30", .dim))
        }
        return [
            [(selected ? "▸ " : "  ", .selection), (title, selected ? .cardSelected : .title)],
            [
                ("  ", .normal), (String(repeating: "█", count: filled), .progressDone),
                (String(repeating: "░", count: barWidth - filled), .progressTodo),
                (" \(Int((outcome.progress * 100).rounded()))%", .label),
            ],
            [
                ("  \(outcome.metric): \(formatNumber(outcome.current))\(unit)", .normal),
                ("  from \(formatNumber(outcome.baseline)) to \(formatNumber(outcome.target))", .dim),
                (due, stats?.isOverdue == true ? .blocked : .dim),
                ("  " + sparkline(outcome.history.map(\.value)), .outcome),
            ],
            items, [],
        ]
    }

    /// The recorded values as a sparkline (`▁▃▅█`), the last 16 at most.
    static func sparkline(_ values: [Double]) -> String {
        let recent = values.suffix(16)
        guard recent.count > 1, let low = recent.min(), let high = recent.max() else { return "" }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(recent.map { high == low ? bars[3] : bars[Int(((($0 - low) / (high - low)) * 7).rounded())] })
    }

    /// Keeps the selected outcome on screen.
    static func scroll(_ s: AppState) -> Int {
        let rows = max(1, s.height - 3)
        return max(0, (s.outcomeIndex + 1) * linesPerOutcome - rows)
    }
}
