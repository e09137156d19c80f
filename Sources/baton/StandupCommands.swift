import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton standup`: the record of stand-ups, and a few steps for scripts (the TUI is the main way to run one).
struct StandupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standup",
        abstract: "List and show stand-ups; start one, pass the baton and end it from a script.",
        discussion: """
            A stand-up is usually run in the board (key S). `baton standup show` prints the summary of \
            one (by default the last) as text, Markdown or JSON, to paste into a chat or a wiki.
            """,
        subcommands: [
            StandupList.self, StandupShow.self, StandupStatus.self, StandupStart.self, StandupNext.self,
            StandupEnd.self,
        ]
    )
}

struct StandupList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the stand-ups, the most recent first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session()
        let now = Date()
        let records = try session.store.standups()
        let reports = try records.map { record in
            StandupReport(
                record, summary: try record.summary ?? session.store.standupSummary(of: record.standup, at: now),
                board: session.board, now: now)
        }
        if output.json { return try Output.json(reports) }
        if reports.isEmpty { return Output.line("No stand-ups yet; start one with S in the board.") }
        let idWidth = reports.map { String($0.id).count }.max() ?? 1
        for report in reports {
            let length = report.running ? "running" : StandupReport.clock(report.duration)
            let figures =
                "blockers raised \(report.blockersRaised.count), cleared \(report.blockersCleared.count); "
                + "moved \(report.itemsMoved.count); action items \(report.actionItems.count)"
            Output.line(
                DisplayText.fit(String(report.id), to: idWidth) + "  \(Human.time(report.startedAt))  "
                    + DisplayText.fit(length, to: 7) + "  \(report.facilitator.handle)  "
                    + report.speakers.map(\.handle).joined(separator: " ") + "  (\(figures))")
        }
    }
}

struct StandupShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a stand-up's summary: duration, time per speaker, blockers, moves, action items.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }
    @OptionGroup var global: GlobalOptions
    @Argument(help: "last (the default) or a stand-up's id.") var which: String = "last"
    @Option(help: "text, markdown or json.") var format: Format = .text

    func run() throws {
        let session = try global.session()
        let record: StandupRecord
        if which.lowercased() == "last" {
            guard let last = try session.store.lastStandup() else {
                throw BatonError.data("No stand-up has ended yet; run one with S in the board.")
            }
            record = last
        } else {
            guard let id = Int(which), id > 0 else {
                throw BatonError.usage("Give `last` or a stand-up's id, such as `baton standup show 3`.")
            }
            guard let found = try session.store.standup(id) else {
                throw BatonError.data("There is no stand-up \(id); `baton standup list` shows the stand-ups.")
            }
            record = found
        }
        let now = Date()
        let report = StandupReport(
            record, summary: try record.summary ?? session.store.standupSummary(of: record.standup, at: now),
            board: session.board, now: now)
        switch format {
        case .json: try Output.json(report)
        case .markdown: Output.raw(report.markdown())
        case .text: Output.line(report.text())
        }
    }
}

struct StandupStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether a stand-up runs, who facilitates and who speaks.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try global.session()
        guard let standup = try session.store.runningStandup() else { return Output.line("No stand-up is running.") }
        Output.line(StandupStep.describe(standup, board: session.board, at: Date()))
    }
}

struct StandupStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a stand-up facilitated by you (or --as), with the baton at the first speaker.")
    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("speaker"),
        help: ArgumentHelp(
            "A speaker's handle, in speaking order (repeatable; default: every member, business and IT alternating).",
            valueName: "handle"))
    var speakers: [String] = []
    @Option(help: "Shuffle the default order with this seed (the same seed gives the same order).") var seed: UInt64?
    @Option(help: "Seconds per turn.") var turn: Int = Int(Standup.defaultTurnLength)

    func run() throws {
        let session = try global.session()
        guard let facilitator = session.actor.member else {
            throw BatonError.usage("You are not a member of this board; say who facilitates with --as HANDLE.")
        }
        if !speakers.isEmpty && seed != nil { throw BatonError.usage("Give either --speaker or --seed, not both.") }
        let order =
            try speakers.isEmpty
            ? (seed.map { StandupOrder.shuffled(session.board.members, seed: $0) }
                ?? StandupOrder.alternating(session.board.members))
            : speakers.map { try session.member($0).id }
        let standup = try session.store.startStandup(
            facilitator: facilitator, participants: order,
            turnLength: TimeInterval(turn), by: session.actor)
        Output.line(
            "Started stand-up \(standup.id). "
                + StandupStep.describe(standup, board: session.board, at: standup.startedAt))
    }
}

struct StandupNext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Pass the baton of the running stand-up to the next speaker.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try global.session()
        guard var standup = try session.store.runningStandup() else {
            throw BatonError.data("No stand-up is running; start one with `baton standup start`.")
        }
        let now = Date()
        guard standup.next(at: now) else {
            throw BatonError.data("Everyone has spoken; end the stand-up with `baton standup end`.")
        }
        try session.store.updateStandup(standup)
        Output.line(StandupStep.describe(standup, board: session.board, at: now))
    }
}

struct StandupEnd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "End the running stand-up and store its summary.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Notes to keep with it; - reads them from standard input.") var notes: String?

    func run() throws {
        let session = try global.session()
        guard let record = try session.store.endRunningStandup(at: Date(), notes: try notes.map(readTextArgument))
        else {
            throw BatonError.data("No stand-up is running; nothing was changed.")
        }
        let length = StandupReport.clock(record.standup.duration(at: Date()))
        Output.line(
            "Ended stand-up \(record.standup.id) after \(length); `baton standup show last` prints its summary.")
    }
}

/// Sentences about a running stand-up.
enum StandupStep {
    static func describe(_ standup: Standup, board: Board, at now: Date) -> String {
        let facilitator = StandupReport.Person(standup.facilitator, board)
        var text = "\(facilitator.name) (\(facilitator.handle)) facilitates"
        if let speaker = standup.speaker {
            let person = StandupReport.Person(speaker, board)
            text += "; \(person.name) (\(person.handle), \(person.discipline ?? "?")) has the baton"
            text +=
                standup.isPaused
                ? " (paused)."
                : " (\(StandupReport.clock(standup.elapsed(at: now))) of \(StandupReport.clock(standup.turnLength)))."
        } else {
            text += "; everyone has spoken."
        }
        return text
    }
}
