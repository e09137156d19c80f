import Foundation

/// A whole board as one document: what `baton export --format json` writes and `baton import` reads.
public struct BoardDocument: Codable, Equatable, Sendable {
    /// Always `baton-board`; tells a baton document from any other JSON.
    public var format: String
    /// The document format's version.
    public var version: Int
    public var name: String
    public var nextItemNumber: ItemNumber
    public var stages: [Stage]
    public var members: [Member]
    public var outcomes: [Outcome]
    /// Every item, archived ones included, by number.
    public var items: [Item]
    public var comments: [Comment]
    /// The full history, oldest first.
    public var events: [Event]

    public static let formatName = "baton-board"
    public static let currentVersion = 1

    public init(board: Board, comments: [Comment], events: [Event]) {
        format = BoardDocument.formatName
        version = BoardDocument.currentVersion
        name = board.name
        nextItemNumber = board.nextItemNumber
        stages = board.stages
        members = board.members
        outcomes = board.outcomes
        items = board.items.values.sorted { $0.number < $1.number }
        self.comments = comments
        self.events = events
    }

    /// The board the document describes.
    public var board: Board {
        Board(name: name, stages: stages, members: members, outcomes: outcomes,
              items: Dictionary(uniqueKeysWithValues: items.map { ($0.number, $0) }), nextItemNumber: nextItemNumber)
    }

    /// A JSON encoder that writes documents the same way every time (sorted keys, times in milliseconds).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// A JSON decoder for documents written by `encoder()`.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// Every way the document breaks the board's invariants, as sentences; empty when it is sound.
    public func problems() -> [String] {
        var problems = Invariants.check(board)
        if format != BoardDocument.formatName { problems.append("The document's format is '\(format)', not '\(BoardDocument.formatName)'.") }
        if version > BoardDocument.currentVersion { problems.append("The document is of version \(version); this baton reads up to \(BoardDocument.currentVersion).") }
        if Set(items.map(\.number)).count != items.count { problems.append("Some item numbers appear twice.") }
        let numbers = Set(items.map(\.number))
        for comment in comments where !numbers.contains(comment.item) {
            problems.append("Comment \(comment.id) is on #\(comment.item), which does not exist.")
        }
        if Set(comments.map(\.id)).count != comments.count { problems.append("Some comment ids appear twice.") }
        if zip(events, events.dropFirst()).contains(where: { $0.seq >= $1.seq }) {
            problems.append("The history's sequence numbers are not strictly increasing.")
        }
        return problems
    }
}

/// Times as text: UTC ISO 8601 with milliseconds (`2026-11-29T21:04:55.123Z`).
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(millis.floorDiv(1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(millis.floorMod(1000)))
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000) }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}
