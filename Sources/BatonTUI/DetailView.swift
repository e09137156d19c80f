import BatonCore
import Foundation

/// Every field of an item, its notes, comments and history, as scrolling lines.
enum DetailView {
    static func lines(_ number: ItemNumber, _ s: AppState) -> [StyledLine] {
        guard let item = s.board.items[number] else { return [[("#\(number) is no longer on the board.", .messageError)]] }
        let board = s.board
        var lines: [StyledLine] = [[("#\(item.number) ", .number), (item.title, .title)], []]
        func field(_ label: String, _ value: StyledLine) { lines.append([(label.padding(toLength: 11, withPad: " ", startingAt: 0), .label)] + value) }
        field("Stage", [("\(board.stage(item.stage)?.name ?? "?") · \(Age.short(since: item.stageSince, now: s.now)) in it", .normal)])
        field("Kind", [(item.kind.rawValue, .badge)])
        field("Owners", people(item.owners, board, involved: false))
        field("Involved", people(item.involved, board, involved: true))
        field("Outcome", [(item.outcome.flatMap { board.outcome($0) }.map { "\($0.id). \($0.title)" } ?? "none", .outcome)])
        field("Due", [(item.due?.description ?? "none", .normal)])
        field("Expedite", [(item.expedite ? "yes" : "no", item.expedite ? .cardExpedite : .normal)])
        if let blocked = item.blocked {
            let by = blocked.by.flatMap { board.member($0)?.handle } ?? "someone"
            field("Blocked", [("\(blocked.reason) (by \(by), \(Age.short(since: blocked.since, now: s.now)) ago)", .blocked)])
        }
        field("Revision", [("\(item.revision), changed \(Age.short(since: item.updatedAt, now: s.now)) ago", .dim)])
        lines += [[], [("Notes", .label)]]
        lines += item.notes.isEmpty ? [[("  none · E edits them", .dim)]] : item.notes.split(separator: "\n", omittingEmptySubsequences: false).map { [("  " + $0, .normal)] }
        guard let detail = s.detail else { return lines + [[], [("Loading comments and history…", .dim)]] }
        lines += [[], [("Comments", .label)]]
        if detail.comments.isEmpty { lines.append([("  none · c adds one", .dim)]) }
        for comment in detail.comments {
            let who = comment.author.flatMap { board.member($0)?.handle } ?? comment.account
            lines.append([("  \(who)", .label), (" \(Age.short(since: comment.at, now: s.now)) ago", .dim)])
            lines += comment.text.split(separator: "\n", omittingEmptySubsequences: false).map { [("    " + $0, .normal)] }
        }
        lines += [[], [("History", .label)]]
        let narrator = EventNarrator(board: board)
        for event in detail.events.reversed() {
            lines.append([("  \(Age.short(since: event.at, now: s.now)) ago ".padding(toLength: 12, withPad: " ", startingAt: 0), .dim),
                          (narrator.sentence(event), .normal)])
        }
        return lines
    }

    static func people(_ ids: [MemberID], _ board: Board, involved: Bool) -> StyledLine {
        let members = ids.compactMap { board.member($0) }
        if members.isEmpty { return [("none", .dim)] }
        return members.flatMap { m -> StyledLine in
            let role: StyleRole = m.discipline == .it ? (involved ? .involvedIT : .ownerIT) : (involved ? .involvedBusiness : .ownerBusiness)
            return [("\(m.handle) \(m.name) (\(m.discipline == .it ? "IT" : "business"))", role), ("  ", .normal)]
        }
    }
}

/// Each outcome with a progress bar, its values and how many linked items sit in each stage.
enum OutcomesView {
    static let linesPerOutcome = 4

    static func lines(_ s: AppState) -> [StyledLine] {
        if s.board.outcomes.isEmpty {
            return [[("No outcomes yet. Add one from the shell:", .normal)],
                    [("  baton outcome add \"Onboarding takes 3 days, not 10\" --metric \"onboarding time\" --unit days --baseline 10 --target 3", .dim)]]
        }
        let barWidth = max(10, min(40, s.width - 30))
        return s.board.outcomes.enumerated().flatMap { index, outcome -> [StyledLine] in
            let selected = index == s.outcomeIndex
            let filled = Int((outcome.progress * Double(barWidth)).rounded())
            let unit = outcome.unit.isEmpty ? "" : " \(outcome.unit)"
            var lines: [StyledLine] = [[(selected ? "▸ " : "  ", .selection), ("\(outcome.id). \(outcome.title)", selected ? .cardSelected : .title)]]
            lines.append([("  ", .normal), (String(repeating: "█", count: filled), .progressDone),
                          (String(repeating: "░", count: barWidth - filled), .progressTodo),
                          (" \(Int((outcome.progress * 100).rounded()))%  \(outcome.metric) \(formatNumber(outcome.current))\(unit)", .normal),
                          (" (from \(formatNumber(outcome.baseline)) to \(formatNumber(outcome.target))\(outcome.targetDate.map { " by \($0)" } ?? ""))", .dim)])
            lines.append([("  ", .normal), (linked(outcome.id, s.board), .dim)])
            return lines + [[]]
        }
    }

    static func linked(_ id: OutcomeID, _ board: Board) -> String {
        var counts: [StageID: Int] = [:]
        for item in board.items.values where item.outcome == id && !item.archived { counts[item.stage, default: 0] += 1 }
        let parts = board.stages.map { "\($0.name) \(counts[$0.id] ?? 0)" }
        return "items: " + parts.joined(separator: " · ")
    }

    /// Keeps the selected outcome on screen.
    static func scroll(_ s: AppState) -> Int {
        let rows = max(1, s.height - 3)
        return max(0, (s.outcomeIndex + 1) * linesPerOutcome - rows)
    }
}
