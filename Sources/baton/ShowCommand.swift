import ArgumentParser
import BatonCore
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print the board as text: stages side by side when the terminal is wide enough, else one after another.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Columns to use (default: the terminal's width).") var width: Int?
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try global.session(access: .readOnly, withItems: true)
        if output.json {
            return try Output.json(
                BoardSummary(name: session.board.name, stages: session.board.stages.map { StageSummary($0, session) }))
        }
        let text = BoardText(board: session.board, you: session.actor.member, colour: Terminal.colour, now: Date())
        for line in text.lines(width: max(20, width ?? Terminal.width)) { Output.raw(line) }
    }

    struct BoardSummary: Codable {
        var name: String
        var stages: [StageSummary]
    }

    struct StageSummary: Codable {
        var name: String
        var role: StageRole
        var wipLimit: Int?
        var items: [ItemSummary]

        init(_ stage: Stage, _ session: Session) {
            name = stage.name
            role = stage.role
            wipLimit = stage.wipLimit
            items = session.board.openItems(in: stage.id).map { ItemSummary($0, session) }
        }
    }
}

/// The board drawn as plain text lines; every piece of board text is sanitised and clipped.
struct BoardText {
    let board: Board
    let you: MemberID?
    let colour: Bool
    let now: Date
    /// Narrowest column for side-by-side stages.
    static let minColumn = 22

    func lines(width: Int) -> [String] {
        var out = [header()]
        let gap = 3
        let column = (width - gap * (board.stages.count - 1)) / max(1, board.stages.count)
        if column >= BoardText.minColumn {
            let blocks = board.stages.map { stageBlock($0, width: column) }
            let height = blocks.map(\.count).max() ?? 0
            for row in 0..<height {
                out.append(
                    blocks.map { $0.indices.contains(row) ? $0[row] : String(repeating: " ", count: column) }
                        .joined(separator: " │ ").trimmingTrailingSpaces())
            }
        } else {
            for stage in board.stages {
                out += [""] + stageBlock(stage, width: width).map { $0.trimmingTrailingSpaces() }
            }
        }
        return out
    }

    private func header() -> String {
        let open = board.items.values.filter { !$0.archived }.count
        var parts = [safe(board.name), "\(open) items"]
        if let you, let member = board.member(you) { parts.append("you: \(safe(member.handle))") }
        let over = board.stages.filter { s in s.wipLimit.map { (board.stats[s.id]?.open ?? 0) > $0 } ?? false }
        if !over.isEmpty { parts.append("over WIP: " + over.map { safe($0.name) }.joined(separator: ", ")) }
        return style(parts.joined(separator: " · "), bold: true)
    }

    private func stageBlock(_ stage: Stage, width: Int) -> [String] {
        let items = board.openItems(in: stage.id)
        let limit = stage.wipLimit.map { "/\($0)" } ?? ""
        let overLimit = stage.wipLimit.map { items.count > $0 } ?? false
        let title = DisplayText.fit("\(safe(stage.name)) (\(items.count)\(limit))\(overLimit ? " !" : "")", to: width)
        var lines = [style(title, bold: true, red: overLimit), String(repeating: "─", count: width)]
        for item in items { lines += card(item, width: width) + [String(repeating: " ", count: width)] }
        return lines
    }

    private func card(_ item: Item, width: Int) -> [String] {
        let number = "#\(item.number) "
        let indent = String(repeating: " ", count: number.count)
        var titleLines = DisplayText.wrap(safe(item.title), to: max(1, width - number.count))
        if titleLines.count > 2 {
            titleLines = [
                titleLines[0], DisplayText.truncate(titleLines[1] + " " + titleLines[2], to: width - number.count),
            ]
        }
        var lines = titleLines.enumerated().map {
            DisplayText.fit(($0.offset == 0 ? number : indent) + $0.element, to: width)
        }
        if item.expedite { lines[0] = style(lines[0], bold: true) }
        var meta: [String] = []
        if item.kind != .work { meta.append(item.kind.rawValue) }
        meta += item.owners.compactMap { board.member($0).map { "@" + safe($0.handle) } }
        meta += item.involved.compactMap { board.member($0).map { "(" + safe($0.handle) + ")" } }
        if item.expedite { meta.append("⚡expedite") }
        if board.hasPairingGap(item) { meta.append("◐pair?") }
        meta.append(Age.short(since: item.stageSince, now: now))
        lines.append(DisplayText.fit(indent + meta.joined(separator: " "), to: width))
        if let blocked = item.blocked {
            lines.append(style(DisplayText.fit(indent + "⛔ " + safe(blocked.reason), to: width), red: true))
        }
        return lines
    }

    private func safe(_ text: String) -> String { DisplayText.sanitize(text) }

    private func style(_ text: String, bold: Bool = false, red: Bool = false) -> String {
        guard colour, bold || red else { return text }
        return (bold ? "\u{1B}[1m" : "") + (red ? "\u{1B}[31m" : "") + text + "\u{1B}[0m"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
