import BatonCore
import Foundation

/// An item as scripts see it in `--json` output: names and handles instead of internal ids.
struct ItemSummary: Codable {
    var number: ItemNumber
    var title: String
    var notes: String
    var kind: ItemKind
    var stage: String
    var owners: [String]
    var involved: [String]
    var outcome: String?
    var due: Day?
    var expedite: Bool
    var blocked: String?
    var blockedSince: Date?
    var archived: Bool
    var revision: Int
    var createdAt: Date
    var updatedAt: Date
    var stageSince: Date
    var comments: [CommentSummary]?

    init(_ item: Item, _ session: Session, comments: [Comment]? = nil) {
        number = item.number
        title = item.title
        notes = item.notes
        kind = item.kind
        stage = session.stageName(item.stage)
        owners = session.handles(item.owners)
        involved = session.handles(item.involved)
        outcome = item.outcome.flatMap { session.board.outcome($0)?.title }
        due = item.due
        expedite = item.expedite
        blocked = item.blocked?.reason
        blockedSince = item.blocked?.since
        archived = item.archived
        revision = item.revision
        createdAt = item.createdAt
        updatedAt = item.updatedAt
        stageSince = item.stageSince
        self.comments = comments?.map { CommentSummary($0, session) }
    }
}

/// A comment in `--json` output.
struct CommentSummary: Codable {
    var author: String
    var at: Date
    var text: String

    init(_ comment: Comment, _ session: Session) {
        author = comment.author.flatMap { session.board.member($0)?.handle } ?? comment.account
        at = comment.at
        text = comment.text
    }
}

/// Short human forms of times and dates.
enum Human {
    /// `2026-11-29 21:04` in local time.
    static func time(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }
}
