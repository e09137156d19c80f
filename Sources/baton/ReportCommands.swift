import ArgumentParser
import BatonCore
import Foundation

/// `baton report ...`: flow and outcome figures from the board and its history.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print flow and outcome figures as text, markdown or JSON.",
        subcommands: [ReportFlow.self, ReportOutcomes.self])
}

/// How a report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

struct ReportFormatOptions: ParsableArguments {
    @Option(help: "text, markdown or json.") var format: ReportFormat = .text
    @Flag(name: .long, help: "Same as --format json.") var json = false

    var chosen: ReportFormat { json ? .json : format }
}

struct ReportFlow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Ages in stage, cycle time, throughput per week and the cumulative flow diagram.",
        discussion: """
            Cycle time runs from an item's first entry into an active stage to its last entry into a \
            done stage; median and 85th percentile are over the items finished in the window. \
            Throughput counts items finished per ISO week. The diagram shows the open items per stage \
            at the end of each day. Ages are flagged past 14 days in queue stages and 5 days in active \
            stages unless --older-than says otherwise.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many weeks to cover, 1 to 104.") var weeks: Int = 8
    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("Flag open items in queue and active stages older than this many days.", valueName: "days"))
    var olderThan: Double?
    @Option(help: "Width of the diagram in columns (at least 20).") var width: Int = 72
    @Option(help: "Height of the diagram in rows (at least 6).") var height: Int = 16
    @OptionGroup var output: ReportFormatOptions

    func run() throws {
        guard (1...104).contains(weeks) else { throw BatonError.usage("--weeks must be between 1 and 104.") }
        guard width >= 20, height >= 6 else {
            throw BatonError.usage("The diagram needs --width of at least 20 and --height of at least 6.")
        }
        if let olderThan, !(olderThan > 0) { throw BatonError.usage("--older-than must be a positive number of days.") }
        let session = try global.session(access: .readOnly, withItems: true)
        let events = try session.store.events()
        let window = FlowWindow(now: Date(), weeks: weeks, timeZone: .current)
        let limits = olderThan.map { AgeLimits(queue: $0 * 86_400, active: $0 * 86_400) } ?? AgeLimits()
        let report = Flow.report(board: session.board, events: events, window: window, limits: limits)
        switch output.chosen {
        case .json: try Output.json(FlowJSON(report, board: session.board))
        case .text:
            FlowText(report: report, board: session.board, markdown: false, width: width, height: height).lines.forEach
            { Output.line($0) }
        case .markdown:
            FlowText(report: report, board: session.board, markdown: true, width: width, height: height).lines.forEach {
                Output.line($0)
            }
        }
    }
}

struct ReportOutcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract:
            "Each outcome's progress, trend, time left, linked items and finished items; and active work serving no outcome."
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: ReportFormatOptions

    func run() throws {
        let session = try global.session(access: .readOnly, withItems: true)
        let now = Date()
        let completions = Flow.completions(board: session.board, events: try session.store.events())
        let stats = OutcomeStats.compute(board: session.board, completions: completions, now: now, timeZone: .current)
        let balance = Balance.compute(board: session.board)
        switch output.chosen {
        case .json: try Output.json(OutcomesJSON(stats, balance: balance, board: session.board))
        case .text, .markdown:
            OutcomesText(stats: stats, balance: balance, board: session.board, markdown: output.chosen == .markdown)
                .lines.forEach { Output.line($0) }
        }
    }
}

/// Durations and markdown for reports.
enum ReportText {
    /// `4.2 days`.
    static func days(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "none" }
        let value = seconds / 86_400
        return String(format: "%.1f", value) + (String(format: "%.1f", value) == "1.0" ? " day" : " days")
    }

    /// `31d`, `5h`, `12m`.
    static func age(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
    }

    /// Board text made safe inside markdown (and its tables).
    static func md(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Days as a number for JSON, to two decimals.
    static func jsonDays(_ seconds: TimeInterval?) -> Double? {
        seconds.map { ($0 / 86_400 * 100).rounded() / 100 }
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

/// `report flow` as text or markdown.
struct FlowText {
    let report: FlowReport
    let board: Board
    let markdown: Bool
    let width: Int
    let height: Int

    var lines: [String] {
        let window = report.window
        let span = "the last \(ReportText.plural(window.weeks, "week")) (\(window.days.first!) to \(window.days.last!))"
        var out: [String] =
            markdown
            ? ["# Flow: \(ReportText.md(board.name))", "", "Covers \(span).", ""]
            : ["Flow of \(board.name), \(span)", ""]
        out +=
            markdown
            ? [
                "## Age in stage", "", "| Stage | Open | Limit | Past the limit | Oldest past the limit |",
                "|---|---:|---:|---:|---|",
            ]
            : ["Age in stage:"]
        let nameWidth = board.stages.map { DisplayText.width(of: DisplayText.sanitize($0.name)) }.max() ?? 0
        for ages in report.ages {
            let limit = ages.limit.map { ReportText.age($0) } ?? "none"
            let oldest = ages.over.prefix(5).map {
                "#\($0.number) \(ReportText.age($0.age))\($0.blocked ? " (blocked)" : "")"
            }
            let more = ages.over.count > 5 ? ", and \(ages.over.count - 5) more" : ""
            if markdown {
                out.append(
                    "| \(ReportText.md(ages.stage.name)) | \(ages.open) | \(limit) | \(ages.over.count) | \(oldest.joined(separator: ", "))\(more) |"
                )
            } else {
                let name = DisplayText.fit(DisplayText.sanitize(ages.stage.name), to: nameWidth)
                let detail =
                    ages.limit == nil
                    ? "no age limit"
                    : ages.over.isEmpty
                        ? "none past \(limit)"
                        : "\(ages.over.count) past \(limit): " + oldest.joined(separator: ", ") + more
                out.append("  \(name)  \(String(ages.open).leftPad(5)) open, \(detail)")
            }
        }
        let cycle = report.cycleTime
        let cycleLine =
            cycle.count == 0
            ? "no item with a cycle time finished in these weeks"
            : "\(ReportText.plural(cycle.count, "item")) finished: median \(ReportText.days(cycle.median)), 85th percentile \(ReportText.days(cycle.percentile85))"
        out +=
            markdown
            ? [
                "", "## Cycle time", "", cycleLine.prefix(1).uppercased() + cycleLine.dropFirst() + ".", "",
                "## Throughput per week", "", "| Week | Monday | Finished |", "|---|---|---:|",
            ]
            : ["", "Cycle time: \(cycleLine).", "", "Throughput per week:"]
        let most = max(1, report.throughput.map(\.count).max() ?? 1)
        for week in report.throughput {
            if markdown {
                out.append("| \(week.week) | \(week.monday) | \(week.count) |")
            } else {
                let bar = String(repeating: "█", count: Int((Double(week.count) / Double(most) * 30).rounded(.up)))
                out.append("  \(week.week)  \(String(week.count).leftPad(4))" + (bar.isEmpty ? "" : "  \(bar)"))
            }
        }
        let diagram = FlowDiagram.render(report.cumulativeFlow, width: width, height: height)
        out +=
            markdown
            ? ["", "## Cumulative flow", "", "```text"] + diagram + ["```"]
            : ["", "Cumulative flow (open items per stage at the end of each day):"] + diagram
        return out
    }
}

/// `report outcomes` as text or markdown.
struct OutcomesText {
    let stats: [OutcomeStats]
    let balance: Balance
    let board: Board
    let markdown: Bool

    var lines: [String] {
        var out: [String] = markdown ? ["# Outcomes: \(ReportText.md(board.name))", ""] : []
        if stats.isEmpty {
            out.append("There are no outcomes yet; `baton outcome add` adds one.")
            out.append("")
        }
        for s in stats {
            let goal = s.outcome
            let items = s.openPerStage.map { "\(board.stage($0.stage)?.name ?? "?") \($0.count)" }.joined(
                separator: " · ")
            let trend =
                s.trend.isEmpty
                ? "no values recorded"
                : OutcomeStats.sparkline(s.trend) + (s.trend.count > 1 ? "  " : "")
                    + s.trend.suffix(6).map(formatNumber).joined(separator: " → ")
            let due = goal.targetDate.map { "\($0), \(s.timeLeftText ?? "")" } ?? "none"
            let finished = "\(s.finishedLast7Days) in the last 7 days, \(s.finishedLast30Days) in the last 30 days"
            let body = [
                OutcomeText.progressLine(goal), "Trend: \(trend)", "Target date: \(due)",
                "Open items: \(items)", "Finished: \(finished)",
            ]
            if markdown {
                out +=
                    ["## \(goal.id). \(ReportText.md(goal.title))", ""] + body.map { "- " + ReportText.md($0) } + [""]
            } else {
                out += ["\(goal.id). \(goal.title)"] + body.map { "   " + $0 } + [""]
            }
        }
        if markdown { out += ["## Active work serving no outcome", ""] }
        if balance.unlinked.isEmpty {
            out.append("All active work serves an outcome.")
        } else {
            for group in balance.unlinked {
                let name = board.stage(group.stage)?.name ?? "?"
                let verb = group.items.count == 1 ? "serves" : "serve"
                let more = group.items.count > 20 ? " and \(group.items.count - 20) more" : ""
                let line =
                    "\(ReportText.plural(group.items.count, "item")) in \(name) \(verb) no outcome: "
                    + group.items.prefix(20).map { "#\($0)" }.joined(separator: " ") + more
                out.append(markdown ? "- " + ReportText.md(line) : line)
            }
        }
        return out
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
