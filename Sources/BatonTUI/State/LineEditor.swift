import Foundation

/// Editable text with a cursor, for prompts (one line) and notes (several lines).
///
/// Works on `Character`s, so wide and combining characters move and delete as one.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index in `characters` the cursor stands before.
    public private(set) var cursor: Int
    public let multiline: Bool

    public init(_ text: String = "", multiline: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.multiline = multiline
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let text): insert(text)
        case .enter where multiline: insert("\n")
        case .tab where multiline: insert("\t")
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = lineStart()
        case .end, .ctrl("e"): cursor = lineEnd()
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                cursor -= 1
                characters.remove(at: cursor)
            }
        case .delete: if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("k"): characters.removeSubrange(cursor..<lineEnd())
        case .ctrl("u"):
            let start = lineStart()
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("w"):
            let start = wordStart()
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"), .ctrlLeft: cursor = wordStart()
        case .alt("f"), .ctrlRight: cursor = wordEnd()
        case .up where multiline: moveVertically(-1)
        case .down where multiline: moveVertically(1)
        default: return false
        }
        return true
    }

    public mutating func insert(_ text: String) {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let new = Array(multiline ? unified : unified.replacingOccurrences(of: "\n", with: " "))
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    private func lineStart() -> Int {
        guard multiline else { return 0 }
        var i = cursor
        while i > 0 && characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd() -> Int {
        guard multiline else { return characters.count }
        var i = cursor
        while i < characters.count && characters[i] != "\n" { i += 1 }
        return i
    }

    private func wordStart() -> Int {
        var i = cursor
        while i > 0 && characters[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    private func wordEnd() -> Int {
        var i = cursor
        while i < characters.count && characters[i].isWhitespace { i += 1 }
        while i < characters.count && !characters[i].isWhitespace { i += 1 }
        return i
    }

    private mutating func moveVertically(_ step: Int) {
        let column = cursor - lineStart()
        if step < 0 {
            let start = lineStart()
            guard start > 0 else { return }
            cursor = start - 1
        } else {
            let end = lineEnd()
            guard end < characters.count else { return }
            cursor = end + 1
        }
        cursor = min(lineStart() + column, lineEnd())
    }
}
