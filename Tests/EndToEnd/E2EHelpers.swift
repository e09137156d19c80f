import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sandbox with an empty `init` board (Backlog, Ready, Doing, Done) and two more members.
func boardSandbox(sample: Bool = false) throws -> Sandbox {
    let box = try Sandbox.withBoard(sample: sample, prefix: "baton-e2e")
    try box.ok("member", "add", "Ana Lima", "--handle", "ana", "--discipline", "business")
    try box.ok("member", "add", "Bo Chen", "--handle", "bo", "--discipline", "it")
    return box
}

/// The screen's rows, without the status message row (second from the bottom), which differs
/// between two moments for reasons of its own.
func rowsWithoutMessage(_ screen: String) -> [String] {
    var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if rows.last == "" { rows.removeLast() }
    if rows.count >= 2 { rows.remove(at: rows.count - 2) }
    return rows
}

/// The row of `screen` that contains `text`, if any.
func row(containing text: String, in screen: String) -> String? {
    screen.split(separator: "\n").map(String.init).first { $0.contains(text) }
}

/// How many column separators come before `text` on its row: 0 for the first stage, 1 for the second ...
func column(of text: String, in screen: String) -> Int? {
    guard let line = row(containing: text, in: screen), let range = line.range(of: text) else { return nil }
    return line[..<range.lowerBound].filter { $0 == "│" }.count
}

/// Whether the four stage headers of the `init` board are on the screen, side by side.
func showsBoardHeaders(_ screen: String) -> Bool {
    guard let line = row(containing: " Backlog ", in: screen) else { return false }
    return ["│ Ready ", "│ Doing ", "│ Done "].allSatisfy { line.contains($0) }
}

// MARK: - Cards, selection and presence on the board screen

/// A card's title row on the board screen.
struct CardOnScreen: Equatable {
    let number: Int
    /// 0 for the first stage, 1 for the second ...
    let column: Int
    let row: Int
    /// Whether it carries the selection bar (▌).
    let selected: Bool
}

/// The cells of a board row, one per stage (split at the column separators).
func cells(of line: some StringProtocol) -> [Substring] {
    line.split(separator: "│", omittingEmptySubsequences: false).map { Substring($0) }
}

/// Every card whose title row (`#N …`, maybe after ▌ and ⚡) is on the screen.
func cards(in screen: String) -> [CardOnScreen] {
    var found: [CardOnScreen] = []
    for (rowIndex, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for (columnIndex, cell) in cells(of: line).enumerated() {
            var text = cell.drop { $0 == " " }
            let selected = text.first == "▌"
            text = text.drop { $0 == "▌" || $0 == "⚡" }
            guard text.first == "#" else { continue }
            let digits = text.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), text.dropFirst(1 + digits.count).first == " " else { continue }
            found.append(CardOnScreen(number: number, column: columnIndex, row: rowIndex, selected: selected))
        }
    }
    return found
}

/// The selected card, if one is on the screen.
func selectedCard(in screen: String) -> CardOnScreen? { cards(in: screen).first { $0.selected } }

/// The text of card #`number` (its title and badge rows, in its column), or nil when it is not shown.
func card(_ number: Int, in screen: String) -> String? {
    guard let found = cards(in: screen).first(where: { $0.number == number }) else { return nil }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    var text: [String] = []
    for line in lines[found.row...] {
        let row = cells(of: line)
        guard found.column < row.count else { break }
        let cell = row[found.column]
        let bare = cell.drop { $0 == " " || $0 == "▌" || $0 == "⚡" }
        if bare.isEmpty
            || (!text.isEmpty && bare.first == "#" && cards(in: String(line)).contains { $0.column == found.column })
        {
            break
        }
        text.append(String(cell))
    }
    return text.joined(separator: "\n")
}

/// The handles the header lists after "here:" (the others who have the board open).
func presentHandles(in screen: String) -> Set<String> {
    guard let header = screen.split(separator: "\n").first, let here = header.range(of: "here: ") else { return [] }
    let list = header[here.upperBound...].components(separatedBy: " · ")[0]
    return Set(list.split(separator: " ").map(String.init))
}

extension TmuxSession {
    /// A session on the sandbox's board acting as the member `handle` (`--as`), named after it.
    static func board(as handle: String, in box: Sandbox, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try TmuxSession.baton(
            ["--board", box.boardPath, "--as", handle], in: box, name: handle, width: width, height: height)
    }

    /// Waits until the header lists exactly `handles` as the others here; returns that screen.
    @discardableResult
    func waitForPresence(_ handles: Set<String>, timeout: Double = 5) throws -> String {
        try waitUntil("“here: \(handles.sorted().joined(separator: " "))” in the header", timeout: timeout) {
            presentHandles(in: $0) == handles
        }
    }

    /// Moves the selection with h/j/k/l, one key at a time, until card #`number` is selected;
    /// returns that screen.
    @discardableResult
    func select(item number: Int, timeout: Double = 5) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try waitUntil("a selected card and #\(number)", timeout: timeout) {
            selectedCard(in: $0) != nil && cards(in: $0).contains { $0.number == number }
        }
        while true {
            guard let current = selectedCard(in: screen),
                let target = cards(in: screen).first(where: { $0.number == number })
            else {
                throw TmuxError.timedOut("#\(number) to be selectable", timeout, screen)
            }
            if current.number == number { return screen }
            let key =
                current.column < target.column
                ? "l"
                : current.column > target.column
                    ? "h"
                    : current.row < target.row ? "j" : "k"
            try send(key)
            screen = try waitUntil(
                "the selection to leave #\(current.number)", timeout: max(0.5, deadline.timeIntervalSinceNow)
            ) {
                selectedCard(in: $0).map { $0 != current } ?? false
            }
        }
    }
}

/// Size and modification time of every file under `root`, by relative path, except those
/// `skip` names (by relative path): to prove that nothing was written.
func fileSnapshot(_ root: URL, skip: (String) -> Bool = { _ in false }) -> [String: String] {
    var snapshot: [String: String] = [:]
    let base = root.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
    while let relative = walker.nextObject() as? String {
        guard !skip(relative),
            let attributes = try? FileManager.default.attributesOfItem(atPath: base + "/" + relative),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { continue }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        snapshot[relative] = "\(size) bytes, modified \(modified)"
    }
    return snapshot
}
