import BatonCore
import Foundation

/// Everything baton prints goes through here: board text is sanitised, JSON is stable, errors go to stderr.
enum Output {
    /// Prints text for people: every control character from board data becomes a visible placeholder.
    static func line(_ text: String = "") {
        print(DisplayText.sanitize(text.replacingOccurrences(of: "\t", with: "    "), keepNewlines: true))
    }

    /// Prints an already sanitised and styled line as is.
    static func raw(_ text: String) {
        print(text)
    }

    /// Prints a value as pretty, key-sorted JSON.
    static func json<T: Encodable>(_ value: T) throws {
        let data = try BoardDocument.encoder().encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A warning on stderr.
    static func warning(_ text: String) {
        FileHandle.standardError.write(Data("baton: warning: \(DisplayText.sanitize(text))\n".utf8))
    }

    /// An error on stderr: one sentence.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("baton: \(DisplayText.sanitize(text))\n".utf8))
    }
}
