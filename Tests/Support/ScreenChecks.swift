import BatonHarness
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// glibc's `wcwidth`, which its headers hide from Swift behind feature macros.
@_silgen_name("wcwidth")
private func systemWCWidth(_ character: Int32) -> Int32

/// A UTF-8 character type for this thread's `wcwidth`, whatever the test process's locale is
/// (created once, never changed: safe to share).
nonisolated(unsafe) private let utf8Locale: locale_t? = newlocale(Int32(1) << LC_CTYPE, "C.UTF-8", nil)

/// The columns a terminal (tmux counts with the same `wcwidth`) gives each scalar of `line`:
/// the starting column of every scalar, in order.
public func visualColumns(of line: String) -> [(scalar: Unicode.Scalar, column: Int)] {
    let previous = utf8Locale.map { uselocale($0) }
    defer { if let previous { uselocale(previous) } }
    var column = 0
    return line.unicodeScalars.map { scalar in
        defer { column += max(0, Int(systemWCWidth(Int32(bitPattern: scalar.value)))) }
        return (scalar, column)
    }
}

/// The rows of `screen` whose column borders (`│`, `┼`) are not at the columns of the border
/// row (the first with `┼`), each as "row N: columns …"; empty when every border is aligned.
public func misalignedBorders(in screen: String) -> [String] {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func borders(_ row: String) -> [Int] {
        visualColumns(of: row).filter { $0.scalar == "│" || $0.scalar == "┼" }.map(\.column)
    }
    guard let expected = rows.first(where: { $0.contains("┼") }).map(borders) else {
        return ["no border row (┼) on the screen"]
    }
    return rows.enumerated().compactMap { index, row in
        let found = borders(row)
        return found.isEmpty || found == expected ? nil : "row \(index): borders at \(found), expected \(expected)"
    }
}

/// The columns `line` takes on a terminal.
public func visualWidth(of line: String) -> Int {
    guard let last = visualColumns(of: line).last else { return 0 }
    return last.column + max(1, Int(systemWCWidth(Int32(bitPattern: last.scalar.value))))
}

/// The rows of `screen` that take more than `width` columns.
public func overlongRows(in screen: String, width: Int) -> [String] {
    screen.split(separator: "\n").map(String.init).filter { visualWidth(of: $0) > width }
}

/// `stty -g` of a pane's terminal before and after the program, written by the wrapper shell
/// (pass `before` and `after` to `TmuxSession.baton`), to prove the terminal was left as found.
public enum Stty {
    public static let saveBefore = "stty -g > stty-before"
    public static let saveAfter = "stty -g > stty-after"

    /// Records an issue unless the wrapper shell wrote the same settings before and after.
    public static func expectUnchanged(_ box: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let settings = try? settings(box) else {
            Issue.record("the wrapper shell wrote no stty settings", sourceLocation: sourceLocation)
            return
        }
        #expect(
            !settings.before.isEmpty && settings.before == settings.after,
            "stty settings changed: before \(settings.before) after \(settings.after)", sourceLocation: sourceLocation)
    }

    /// The two settings the wrapper shell wrote.
    public static func settings(_ box: Sandbox) throws -> (before: String, after: String) {
        let before = try String(contentsOfFile: box.path("stty-before"), encoding: .utf8)
        let after = try String(contentsOfFile: box.path("stty-after"), encoding: .utf8)
        return (before, after)
    }
}
