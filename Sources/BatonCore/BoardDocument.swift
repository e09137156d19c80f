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
        Board(
            name: name, stages: stages, members: members, outcomes: outcomes,
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
        if format != BoardDocument.formatName {
            problems.append("The document's format is '\(format)', not '\(BoardDocument.formatName)'.")
        }
        if version > BoardDocument.currentVersion {
            problems.append(
                "The document is of version \(version); this baton reads up to \(BoardDocument.currentVersion).")
        }
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
        let fields = [
            (Int(parts.tm_year) + 1900, 4, "-"), (Int(parts.tm_mon) + 1, 2, "-"), (Int(parts.tm_mday), 2, "T"),
            (Int(parts.tm_hour), 2, ":"), (Int(parts.tm_min), 2, ":"), (Int(parts.tm_sec), 2, "."),
            (Int(millis.floorMod(1000)), 3, "Z"),
        ]
        return fields.map { String($0.0).leftPadded($0.1) + $0.2 }.joined()
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, the form `format` writes; `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 24, bytes.last == UInt8(ascii: "Z") else { return nil }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }) else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            let digits = bytes[start..<start + length]
            guard digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            Day(year: year, month: month, day: day) != nil,
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var millis = 0
        if bytes.count == 24 {
            guard bytes[19] == UInt8(ascii: "."), let fraction = number(20, 3) else { return nil }
            millis = fraction
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(Int64(timegm(&parts)) * 1000 + Int64(millis)) / 1000)
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}
