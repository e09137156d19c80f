/// The rules every piece of text must meet before it is stored.
public enum TextRules {
    /// Longest title, in characters.
    public static let maxTitle = 300
    /// Longest notes, in UTF-8 bytes.
    public static let maxNotes = 64 * 1024
    /// Longest comment, in UTF-8 bytes.
    public static let maxComment = 16 * 1024
    /// Longest name of a stage, member, board, metric or unit, in characters.
    public static let maxName = 80

    /// A one-line text such as a title or a name: trimmed, 1...`limit` characters, no control characters.
    public static func line(_ text: String, _ what: String, limit: Int) throws -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw BatonError.data("The \(what) is empty; give at least one visible character.")
        }
        if let bad = trimmed.unicodeScalars.first(where: { isControl($0) || $0 == "\n" || $0 == "\t" }) {
            throw BatonError.data("The \(what) contains \(describe(bad)); use one line of printable text.")
        }
        guard trimmed.count <= limit else {
            throw BatonError.data("The \(what) has \(trimmed.count) characters; at most \(limit) are allowed.")
        }
        return trimmed
    }

    /// A multi-line text such as notes or a comment: at most `limitBytes`, newline and tab allowed.
    public static func block(_ text: String, _ what: String, limitBytes: Int, allowEmpty: Bool) throws -> String {
        if !allowEmpty && text.trimmingWhitespace().isEmpty {
            throw BatonError.data("The \(what) is empty; write some text.")
        }
        if let bad = text.unicodeScalars.first(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) {
            throw BatonError.data(
                "The \(what) contains \(describe(bad)); only newlines and tabs are allowed as control characters.")
        }
        guard text.utf8.count <= limitBytes else {
            throw BatonError.data(
                "The \(what) is \(text.utf8.count) bytes long; at most \(limitBytes) bytes are allowed.")
        }
        return text
    }

    /// A title of an item or outcome.
    public static func title(_ text: String) throws -> String { try line(text, "title", limit: maxTitle) }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "a line break"
        case "\t": return "a tab"
        case "\u{1B}": return "an escape character (U+001B)"
        default: return "the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4))"
        }
    }
}

/// "1 item", "3 items": a count with its noun in the right number.
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// The string padded on the left with `pad` to at least `width` characters.
    public func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
