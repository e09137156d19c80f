import BatonCore
import Foundation

/// Every field of an item, its notes, comments and history, as scrolling lines.
enum DetailView {
    static func lines(_ number: ItemNumber, _ s: AppState) -> [StyledLine] {
        guard let item = s.board.items[number] else {
            return [[("#\(number) is no longer on the board.", .messageError)]]
        }
        let board = s.board
        let wrapWidth = max(10, s.width - 8)
        let wrapped = { (text: String, indent: String, role: StyleRole) -> [StyledLine] in
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
                DisplayText.wrap(
                    DisplayText.sanitize(String(paragraph).replacingOccurrences(of: "\t", with: "    ")), to: wrapWidth
                )
                .map { [(indent + $0, role)] }
            }
        }
        var lines: [StyledLine] = wrapped("#\(item.number) \(item.title)", "", .title) + [[]]
        func field(_ label: String, _ value: StyledLine) {
            lines.append([(label.padding(toLength: 11, withPad: " ", startingAt: 0), .label)] + value)
        }
        field(
            "Stage",
            [
                (
                    "\(board.stage(item.stage)?.name ?? "?") · \(Age.short(since: item.stageSince, now: s.now)) in it",
                    .normal
                )
            ])
        field("Kind", [(item.kind.rawValue, .badge)])
        field("Owners", people(item.owners, board, involved: false))
        field("Involved", people(item.involved, board, involved: true))
        field(
            "Outcome",
            [(item.outcome.flatMap { board.outcome($0) }.map { "\($0.id). \($0.title)" } ?? "none", .outcome)])
        field("Due", [(item.due?.description ?? "none", .normal)])
        field("Expedite", [(item.expedite ? "yes" : "no", item.expedite ? .cardExpedite : .normal)])
        if let blocked = item.blocked {
            let by = blocked.by.flatMap { board.member($0)?.handle } ?? "someone"
            field(
                "Blocked",
                [("\(blocked.reason) (by \(by), \(Age.short(since: blocked.since, now: s.now)) ago)", .blocked)])
        }
        field("Revision", [("\(item.revision), changed \(Age.short(since: item.updatedAt, now: s.now)) ago", .dim)])
        lines += [[], [("Notes", .label)]]
        lines += item.notes.isEmpty ? [[("  none · E edits them", .dim)]] : wrapped(item.notes, "  ", .normal)
        guard let detail = s.detail else { return lines + [[], [("Loading comments and history…", .dim)]] }
        lines += [[], [("Comments", .label)]]
        if detail.comments.isEmpty { lines.append([("  none · c adds one", .dim)]) }
        for comment in detail.comments {
            let who = comment.author.flatMap { board.member($0)?.handle } ?? comment.account
            lines.append([("  \(who)", .label), (" \(Age.short(since: comment.at, now: s.now)) ago", .dim)])
            lines += wrapped(comment.text, "    ", .normal)
        }
        lines += [[], [("History", .label)]]
        let narrator = EventNarrator(board: board)
        for event in detail.events.reversed() {
            let sentence = DisplayText.wrap(DisplayText.sanitize(narrator.sentence(event)), to: max(10, wrapWidth - 10))
            lines.append([
                (
                    "  \(Age.short(since: event.at, now: s.now)) ago ".padding(
                        toLength: 12, withPad: " ", startingAt: 0), .dim
                ),
                (sentence[0], .normal),
            ])
            lines += sentence.dropFirst().map { [(String(repeating: " ", count: 12) + $0, .normal)] }
        }
        return lines
    }

    static func people(_ ids: [MemberID], _ board: Board, involved: Bool) -> StyledLine {
        let members = ids.compactMap { board.member($0) }
        if members.isEmpty { return [("none", .dim)] }
        return members.flatMap { m -> StyledLine in
            let role: StyleRole =
                m.discipline == .it
                ? (involved ? .involvedIT : .ownerIT) : (involved ? .involvedBusiness : .ownerBusiness)
            return [("\(m.handle) \(m.name) (\(m.discipline == .it ? "IT" : "business"))", role), ("  ", .normal)]
        }
    }
}
