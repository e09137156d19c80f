import BatonCore
import Foundation

/// The flow screen: the cumulative flow diagram, throughput per week, cycle time and ages.
enum FlowView {
    static let bands: [StyleRole] = [.band1, .band2, .band3, .band4]

    static func lines(_ s: AppState) -> [StyledLine] {
        guard let report = s.insights.flow else { return [[("Reading the history…", .dim)]] }
        if s.flowSteps == nil { return [[("Reading the history…", .dim)]] }
        var lines: [StyledLine] = [[("Cumulative flow, last \(Insights.weeks) weeks", .title)]]
        lines += diagram(report.cumulativeFlow, s)
        lines += [[], [("Throughput", .title), ("  items finished per week", .dim)]]
        let most = max(1, report.throughput.map(\.count).max() ?? 1)
        let barRoom = max(5, min(40, s.width - 20))
        for week in report.throughput {
            let bar = String(repeating: "█", count: week.count * barRoom / most)
            lines.append([("  \(week.week)  ", .label), (bar, .progressDone), (" \(week.count)", .normal)])
        }
        let cycle = report.cycleTime
        lines += [
            [],
            [("Cycle time", .title), ("  from the first active stage to done, items finished in the window", .dim)],
        ]
        lines.append([
            ("  \(counted(cycle.count, "item"))", .normal),
            (
                "  median \(days(cycle.median))  85% within \(days(cycle.percentile85))  longest \(days(cycle.longest))",
                .normal
            ),
        ])
        lines += [[], [("Age in stage", .title), ("  past the limit (queue 14 d, active 5 d)", .dim)]]
        for stage in report.ages {
            let over = stage.over.prefix(8).map { "#\($0.number) \(days($0.age))" }.joined(separator: "  ")
            lines.append([
                ("  " + DisplayText.fit(DisplayText.sanitize(stage.stage.name), to: 14), .label),
                ("\(stage.open) \(stage.stage.role == .done ? "in it" : "open")", .normal),
                (stage.over.isEmpty ? "" : "  \(stage.over.count) too old: ", .ageOld), (over, .ageOld),
            ])
        }
        return lines
    }

    /// The diagram (with its axes and legend) with each band in its own role.
    static func diagram(_ cfd: CumulativeFlow, _ s: AppState) -> [StyledLine] {
        let grid = FlowDiagram.grid(cfd, width: max(20, min(s.width - 2, 100)), height: max(6, min(s.height - 8, 18)))
        return grid.rows.map { row in
            var line: StyledLine = []
            for cell in row {
                let role: StyleRole = cell.band.map { bands[$0 % bands.count] } ?? .dim
                if let last = line.last, last.role == role {
                    line[line.count - 1].text.append(cell.character)
                } else {
                    line.append((String(cell.character), role))
                }
            }
            return line
        }
    }

    static func days(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "–" }
        let days = seconds / 86_400
        return days < 1 ? "\(Int((seconds / 3600).rounded())) h" : String(format: "%.1f d", days)
    }
}

/// The co-creation balance: owners by discipline per stage, pairing gaps, and each person's load.
enum BalanceView {
    static func lines(_ s: AppState) -> [StyledLine] {
        guard let balance = s.insights.balance else { return [] }
        let board = s.board
        var lines: [StyledLine] = [
            [("Owners per stage", .title)],
            [
                ("  " + "".fit(14), .dim), ("business".fit(10), .ownerBusiness), ("IT".fit(10), .ownerIT),
                ("both".fit(10), .progressDone), ("neither", .pairingGap),
            ],
        ]
        for pairing in balance.pairing {
            let name = DisplayText.fit(DisplayText.sanitize(board.stage(pairing.stage)?.name ?? "?"), to: 14)
            lines.append([
                ("  " + name, .label), ("\(pairing.businessOnly)".fit(10), .ownerBusiness),
                ("\(pairing.itOnly)".fit(10), .ownerIT),
                ("\(pairing.both)".fit(10), .progressDone),
                ("\(pairing.neither)", pairing.neither > 0 ? .pairingGap : .normal),
            ])
        }
        lines += [[], [("Pairing gaps", .title), ("  active items lacking a business or an IT owner", .dim)]]
        if balance.gaps.isEmpty { lines.append([("  none: every active item has a business and an IT owner", .dim)]) }
        for (index, gap) in balance.gaps.enumerated() {
            let selected = index == s.gapIndex
            let missing =
                gap.lacksBusiness && gap.lacksIT ? "no owner" : gap.lacksBusiness ? "needs business" : "needs IT"
            let title = board.items[gap.number].map { DisplayText.sanitize($0.title) } ?? ""
            lines.append([
                (selected ? "▸ " : "  ", .selection), ("#\(gap.number) ", selected ? .cardSelected : .number),
                (missing.fit(15), .pairingGap), (DisplayText.truncate(title, to: max(5, s.width - 25)), .normal),
            ])
        }
        lines += [
            [], [("Load in active stages", .title), ("  ■ owned  □ involved, limit \(s.personalLimit) each", .dim)],
        ]
        let barWidth = max(s.personalLimit + 1, balance.load.map(\.count).max() ?? 0)
        for load in balance.load {
            guard let member = board.member(load.member) else { continue }
            let role: StyleRole = member.discipline == .it ? .ownerIT : .ownerBusiness
            lines.append([
                ("  " + DisplayText.sanitize(member.handle).fit(6), role),
                (
                    (String(repeating: "■", count: load.owned.count)
                        + String(repeating: "□", count: load.involved.count)).fit(barWidth),
                    load.overloaded ? .blocked : .progressDone
                ),
                (
                    "  \(load.count)/\(load.limit)" + (load.overloaded ? "  overloaded" : ""),
                    load.overloaded ? .blocked : .dim
                ),
            ])
        }
        if balance.unlinkedCount > 0 {
            let verb = balance.unlinkedCount == 1 ? "serves" : "serve"
            lines += [
                [],
                [("\(counted(balance.unlinkedCount, "active item")) \(verb) no outcome · l shows them", .pairingGap)],
            ]
        }
        return lines
    }

    /// Keeps the selected gap on screen.
    static func scroll(_ s: AppState) -> Int {
        let gapsTop = (s.insights.balance?.pairing.count ?? 0) + 4
        return max(0, gapsTop + s.gapIndex + 2 - max(1, s.height - 3))
    }
}
