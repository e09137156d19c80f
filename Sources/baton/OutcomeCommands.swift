import ArgumentParser
import BatonCore

/// `baton outcome ...`: the goals the squad steers by.
struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Add, change, record and show outcome goals.",
        subcommands: [OutcomeAdd.self, OutcomeEdit.self, OutcomeSet.self, OutcomeShow.self, OutcomeList.self])
}

struct OutcomeAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an outcome: a metric with baseline, target and current value.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The outcome, such as 'Onboarding takes 3 days, not 10'.") var title: String
    @Option(help: "What is measured, such as 'onboarding time'.") var metric: String
    @Option(help: "The unit, such as days or %.") var unit: String = ""
    @Option(help: "Where the metric started.") var baseline: Double
    @Option(help: "Where it should get to.") var target: Double
    @Option(help: "Its value now (default: the baseline).") var current: Double?
    @Option(name: .customLong("by"), help: "Target date, YYYY-MM-DD.") var targetDate: Day?

    func run() throws {
        var session = try global.session()
        let applied = try session.apply(
            .addOutcome(
                NewOutcome(
                    title: title, metric: metric, unit: unit, baseline: baseline,
                    target: target, current: current, targetDate: targetDate)))
        Output.line("Added outcome \(applied.board.outcomes.last!.id): \(title)")
    }
}

struct OutcomeEdit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an outcome's definition.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The outcome, by id or title.") var outcome: String
    @Option(help: "A new title.") var title: String?
    @Option(help: "A new metric name.") var metric: String?
    @Option(help: "A new unit.") var unit: String?
    @Option(help: "A new baseline.") var baseline: Double?
    @Option(help: "A new target.") var target: Double?
    @Option(name: .customLong("by"), help: "Target date, YYYY-MM-DD, or none.") var targetDate: Clearable<Day>?

    func run() throws {
        var session = try global.session()
        let goal = try session.outcome(outcome)
        let patch = OutcomePatch(
            title: title, metric: metric, unit: unit, baseline: baseline, target: target,
            targetDate: targetDate.map { $0.optional })
        guard patch != OutcomePatch() else {
            throw BatonError.usage("Say what to change: --title, --metric, --unit, --baseline, --target or --by.")
        }
        let applied = try session.apply(.editOutcome(goal.id, patch))
        Output.line(
            applied.events.isEmpty ? "Outcome \(goal.id) already had those values." : "Outcome \(goal.id) updated.")
    }
}

struct OutcomeSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Record a new current value of an outcome's metric.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The outcome, by id or title.") var outcome: String
    @Argument(help: "The new current value.") var value: Double

    func run() throws {
        var session = try global.session()
        let goal = try session.outcome(outcome)
        let applied = try session.apply(.recordOutcome(goal.id, value: value))
        Output.line(OutcomeText.progressLine(applied.board.outcome(goal.id)!))
    }
}

struct OutcomeShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an outcome, its progress, its history and its items.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The outcome, by id or title.") var outcome: String
    @OptionGroup var output: JSONFlag

    func run() throws {
        var session = try global.session()
        let goal = try session.outcome(outcome)
        if output.json { return try Output.json(goal) }
        try session.loadItems()
        var lines = ["\(goal.id). \(goal.title)", OutcomeText.progressLine(goal)]
        if let date = goal.targetDate { lines.append("Target date: \(date)") }
        lines +=
            ["", "Values:"] + goal.history.map { "  \(Human.time($0.at))  \(formatNumber($0.value)) \(goal.unit)" }
        let items = session.board.items.values.filter { $0.outcome == goal.id && !$0.archived }
        lines +=
            ["", "Items:"]
            + session.board.stages.map { stage in
                let here = items.filter { $0.stage == stage.id }.sorted(by: Board.displayOrder)
                return "  \(stage.name): "
                    + (here.isEmpty ? "none" : here.map { "#\($0.number)" }.joined(separator: " "))
            }
        lines.forEach { Output.line($0) }
    }
}

struct OutcomeList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the outcomes with their progress.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        if output.json { return try Output.json(session.board.outcomes) }
        for goal in session.board.outcomes {
            Output.line("\(goal.id). \(goal.title)")
            Output.line("   " + OutcomeText.progressLine(goal))
        }
    }
}

/// Outcomes as text.
enum OutcomeText {
    /// `onboarding time: 7 days (baseline 10, target 3)  [████░░░░░░] 43%`
    static func progressLine(_ goal: Outcome, barWidth: Int = 20) -> String {
        let unit = goal.unit.isEmpty ? "" : " \(goal.unit)"
        let filled = Int((goal.progress * Double(barWidth)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        return
            "\(goal.metric): \(formatNumber(goal.current))\(unit) (baseline \(formatNumber(goal.baseline)), target \(formatNumber(goal.target)))  [\(bar)] \(Int((goal.progress * 100).rounded()))%"
    }
}
