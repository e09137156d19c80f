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

    /// Applies `key` as the keymap's `prompt` mode (or `notes`, for several lines) says, or types
    /// it; returns false when the key neither edits nor types.
    public mutating func handle(_ key: Key, keymap: Keymap = .standard) -> Bool {
        if let command = keymap.command(for: key, in: multiline ? .notes : .prompt), edit(command) { return true }
        return type(key)
    }

    /// Types a character, a paste, or (with several lines) a tab; false for any other key.
    public mutating func type(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let text): insert(text)
        case .tab where multiline: insert("\t")
        default: return false
        }
        return true
    }

    /// Carries out an editing command; false for a command that does not edit text.
    public mutating func edit(_ command: Command) -> Bool {
        switch command {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .lineStart: cursor = lineStart()
        case .lineEnd: cursor = lineEnd()
        case .wordLeft: cursor = wordStart()
        case .wordRight: cursor = wordEnd()
        case .lineUp where multiline: moveVertically(-1)
        case .lineDown where multiline: moveVertically(1)
        case .newLine where multiline: insert("\n")
        case .deleteBack:
            if cursor > 0 {
                cursor -= 1
                characters.remove(at: cursor)
            }
        case .deleteForward: if cursor < characters.count { characters.remove(at: cursor) }
        case .deleteToEnd: characters.removeSubrange(cursor..<lineEnd())
        case .deleteToStart: delete(from: lineStart())
        case .deleteWord: delete(from: wordStart())
        default: return false
        }
        return true
    }

    /// Deletes from `start` up to the cursor.
    private mutating func delete(from start: Int) {
        characters.removeSubrange(start..<cursor)
        cursor = start
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
