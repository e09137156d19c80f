import BatonCore

/// The board as Markdown: outcomes, then each stage with its items, for a wiki or a chat.
struct MarkdownExport {
    let document: BoardDocument

    var text: String {
        let board = document.board
        var lines = ["# \(markdownEscaped(board.name))", ""]
        if !board.outcomes.isEmpty {
            lines +=
                ["## Outcomes", ""]
                + board.outcomes.map {
                    "- **\(markdownEscaped($0.title))**: \(markdownEscaped(OutcomeText.progressLine($0)))"
                } + [""]
        }
        for stage in board.stages {
            let items = board.openItems(in: stage.id)
            let wip = stage.wipLimit.map { " (WIP \(items.count)/\($0))" } ?? ""
            lines += ["## \(markdownEscaped(stage.name))\(wip)", ""]
            lines += items.isEmpty ? ["_No items._"] : items.map { line(for: $0, in: board) }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func line(for item: Item, in board: Board) -> String {
        var parts = ["- **#\(item.number)** \(markdownEscaped(item.title))"]
        if item.kind != .work { parts.append("_\(item.kind.rawValue)_") }
        let owners = item.owners.compactMap { board.member($0)?.handle }
        if !owners.isEmpty {
            parts.append("owners: " + owners.map { "@\(markdownEscaped($0))" }.joined(separator: " "))
        }
        if item.expedite { parts.append("**expedite**") }
        if let blocked = item.blocked { parts.append("**blocked**: \(markdownEscaped(blocked.reason))") }
        if let due = item.due { parts.append("due \(due)") }
        return parts.joined(separator: " · ")
    }

}

/// Items as CSV (RFC 4180), one row per item, archived ones included. Text for people and
/// spreadsheets, so sanitised like every text output (JSON is the exact export).
struct CSVExport {
    let document: BoardDocument
    static let header = [
        "number", "title", "kind", "stage", "owners", "involved", "outcome", "due", "expedite",
        "blocked", "archived", "revision", "created_at", "updated_at", "notes",
    ]

    var text: String {
        let board = document.board
        var rows = [CSVExport.header]
        for item in document.items {
            let handles = { (ids: [MemberID]) in ids.compactMap { board.member($0)?.handle }.joined(separator: " ") }
            rows.append([
                String(item.number), item.title, item.kind.rawValue, board.stage(item.stage)?.name ?? "",
                handles(item.owners), handles(item.involved), item.outcome.flatMap { board.outcome($0)?.title } ?? "",
                item.due?.description ?? "", String(item.expedite), item.blocked?.reason ?? "", String(item.archived),
                String(item.revision), Timestamp.format(item.createdAt), Timestamp.format(item.updatedAt), item.notes,
            ])
        }
        return rows.map { $0.map(CSVExport.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One field: board text sanitised (line breaks kept), quoted when it holds a comma, a quote or a line break.
    static func field(_ raw: String) -> String {
        let value = DisplayText.sanitize(raw, keepNewlines: true)
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Markdown text: board text sanitised, and Markdown's special characters escaped.
func markdownEscaped(_ text: String) -> String {
    var out = ""
    for character in DisplayText.sanitize(text) {
        if "\\`*_[]<>#|".contains(character) { out.append("\\") }
        out.append(character)
    }
    return out
}
