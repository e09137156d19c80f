import BatonCore
import Foundation

/// A stand-up's summary with people named, as `baton standup show` prints it (text, Markdown, JSON).
struct StandupReport: Encodable {
    /// A member as the report names them.
    struct Person: Encodable {
        var id: MemberID
        var name: String
        var handle: String
        var discipline: String?

        init(_ id: MemberID, _ board: Board) {
            let member = board.member(id)
            self.id = id
            name = member?.name ?? "member \(id)"
            handle = member?.handle ?? "#\(id)"
            discipline = member?.discipline.rawValue
        }
    }

    struct Speaker: Encodable {
        var id: MemberID
        var name: String
        var handle: String
        var discipline: String?
        /// Seconds spoken.
        var spoken: Double
        /// Seconds past the turn length.
        var overtime: Double
        var spoke: Bool
    }

    struct Blocker: Encodable {
        var item: ItemNumber
        var title: String
        var reason: String
        var by: String?
        var at: Date
    }
    struct Move: Encodable {
        var item: ItemNumber
        var title: String
        var from: String
        var to: String
        var by: String?
    }
    struct ActionItem: Encodable {
        var item: ItemNumber
        var title: String
        var owner: String
    }

    var id: StandupID
    var startedAt: Date
    var endedAt: Date?
    var running: Bool
    /// Seconds from start to end (to now while it runs).
    var duration: Double
    /// Seconds per turn.
    var turnLength: Double
    var facilitator: Person
    var speakers: [Speaker]
    var blockersRaised: [Blocker]
    var blockersCleared: [Blocker]
    var itemsMoved: [Move]
    var actionItems: [ActionItem]
    var notes: String

    init(_ record: StandupRecord, summary: StandupSummary, board: Board, now: Date) {
        let standup = record.standup
        func handle(_ id: MemberID?) -> String? { id.map { Person($0, board).handle } }
        id = standup.id
        startedAt = standup.startedAt
        endedAt = standup.endedAt
        running = standup.isRunning
        duration = Self.ms(summary.duration)
        turnLength = summary.turnLength
        facilitator = Person(standup.facilitator, board)
        speakers = summary.speakers.map { time in
            let person = Person(time.member, board)
            return Speaker(
                id: time.member, name: person.name, handle: person.handle, discipline: person.discipline,
                spoken: Self.ms(time.spoken), overtime: Self.ms(time.overtime), spoke: time.spoke)
        }
        blockersRaised = summary.blockersRaised.map {
            Blocker(item: $0.item, title: $0.title, reason: $0.reason, by: handle($0.by), at: $0.at)
        }
        blockersCleared = summary.blockersCleared.map {
            Blocker(item: $0.item, title: $0.title, reason: $0.reason, by: handle($0.by), at: $0.at)
        }
        itemsMoved = summary.itemsMoved.map {
            Move(item: $0.item, title: $0.title, from: $0.from, to: $0.to, by: handle($0.by))
        }
        actionItems = summary.actionItems.map {
            ActionItem(item: $0.item, title: $0.title, owner: Person($0.owner, board).handle)
        }
        notes = standup.notes
    }

    /// Seconds to the millisecond, as stored.
    private static func ms(_ seconds: TimeInterval) -> Double { (seconds * 1000).rounded() / 1000 }

    /// `m:ss`, or `h:mm:ss` from an hour on; whole seconds, rounded down.
    static func clock(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    private var heading: String {
        "Stand-up \(id), \(Human.time(startedAt))" + (running ? " (running)" : "")
    }

    // MARK: Text

    /// Plain text for a terminal.
    func text() -> String {
        var lines = [
            heading, "", "Duration:     \(Self.clock(duration))" + (running ? " so far" : ""),
            "Facilitator:  \(facilitator.name) (\(facilitator.handle))", "Turn length:  \(Self.clock(turnLength))", "",
            "Time per speaker:",
        ]
        let nameWidth =
            speakers.map {
                DisplayText.width(of: DisplayText.sanitize("\($0.name) (\($0.handle), \($0.discipline ?? "?"))"))
            }.max() ?? 0
        for speaker in speakers {
            let label = DisplayText.fit(
                DisplayText.sanitize("\(speaker.name) (\(speaker.handle), \(speaker.discipline ?? "?"))"), to: nameWidth
            )
            let time =
                speaker.spoke
                ? Self.clock(speaker.spoken)
                    + (speaker.overtime >= 1 ? "  (+\(Self.clock(speaker.overtime)) over)" : "")
                : "did not speak"
            lines.append("  \(label)  \(time)")
        }
        lines += section("Blockers raised", blockersRaised.map { "#\($0.item) \($0.title): \($0.reason)" + by($0.by) })
        lines += section(
            "Blockers cleared",
            blockersCleared.map {
                "#\($0.item) \($0.title)" + ($0.reason.isEmpty ? "" : " (was: \($0.reason))") + by($0.by)
            })
        lines += section(
            "Items moved", itemsMoved.map { "#\($0.item) \($0.title): \($0.from) -> \($0.to)" + by($0.by) })
        lines += section("Action items", actionItems.map { "#\($0.item) \($0.title) (\($0.owner))" })
        if !notes.isEmpty {
            lines += ["", "Notes:"] + notes.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private func section(_ title: String, _ entries: [String]) -> [String] {
        ["", "\(title): \(entries.isEmpty ? "none" : String(entries.count))"] + entries.map { "  \($0)" }
    }

    private func by(_ handle: String?) -> String { handle.map { " [\($0)]" } ?? "" }

    // MARK: Markdown

    /// Markdown for a chat or a wiki; board text is escaped so it cannot break the layout.
    func markdown() -> String {
        var lines = [
            "## \(markdownEscaped(heading))", "",
            "- **Duration:** \(Self.clock(duration))" + (running ? " so far" : ""),
            "- **Facilitator:** \(markdownEscaped(facilitator.name)) (@\(markdownEscaped(facilitator.handle)))",
            "- **Turn length:** \(Self.clock(turnLength))",
            "- **Blockers raised:** \(blockersRaised.count), **cleared:** \(blockersCleared.count)",
            "- **Items moved:** \(itemsMoved.count)", "- **Action items:** \(actionItems.count)", "",
            "### Time per speaker", "", "| Speaker | Discipline | Time | Overtime |", "| --- | --- | ---: | ---: |",
        ]
        for speaker in speakers {
            let time = speaker.spoke ? Self.clock(speaker.spoken) : "did not speak"
            let over = speaker.overtime >= 1 ? "+" + Self.clock(speaker.overtime) : ""
            lines.append(
                "| \(markdownEscaped(speaker.name)) (@\(markdownEscaped(speaker.handle))) | \(speaker.discipline ?? "") | \(time) | \(over) |"
            )
        }
        lines += mdSection(
            "Blockers raised",
            blockersRaised.map {
                "**#\($0.item)** \(markdownEscaped($0.title)): \(markdownEscaped($0.reason))" + mdBy($0.by)
            })
        lines += mdSection(
            "Blockers cleared",
            blockersCleared.map {
                "**#\($0.item)** \(markdownEscaped($0.title))"
                    + ($0.reason.isEmpty ? "" : " (was: \(markdownEscaped($0.reason)))") + mdBy($0.by)
            })
        lines += mdSection(
            "Items moved",
            itemsMoved.map {
                "**#\($0.item)** \(markdownEscaped($0.title)): \(markdownEscaped($0.from)) → \(markdownEscaped($0.to))"
                    + mdBy($0.by)
            })
        lines += mdSection(
            "Action items",
            actionItems.map { "**#\($0.item)** \(markdownEscaped($0.title)) (@\(markdownEscaped($0.owner)))" })
        if !notes.isEmpty {
            lines +=
                ["", "### Notes", ""]
                + notes.split(separator: "\n", omittingEmptySubsequences: false).map { markdownEscaped(String($0)) }
        }
        return lines.joined(separator: "\n")
    }

    private func mdSection(_ title: String, _ entries: [String]) -> [String] {
        ["", "### \(title)", ""] + (entries.isEmpty ? ["- none"] : entries.map { "- \($0)" })
    }

    private func mdBy(_ handle: String?) -> String { handle.map { " (by @\(markdownEscaped($0)))" } ?? "" }

}
