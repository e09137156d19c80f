import BatonCore

/// The archived items, last archived first, one row each: number, title, the stage it goes back
/// to, and when and by whom it was archived. Only the rows that fit are laid out.
enum ArchiveView {
    /// Rows above the list: the title line and a blank.
    static let headerRows = 2

    static func lines(_ s: AppState) -> [StyledLine] {
        let count = s.archive.count
        let matching = s.filter.isEmpty ? "" : " matching the filter"
        let title = "Archive · \(counted(count, "archived item"))\(matching), last archived first"
        var lines: [StyledLine] = [[(title, .title)], []]
        guard count > 0 else {
            let hint = s.filter.isEmpty ? "d on the board archives an item" : "/ changes the filter"
            return lines + [[("Nothing here: \(hint).", .dim)]]
        }
        let rows = max(1, s.height - 3 - headerRows)
        let first = max(0, min(s.archiveIndex - rows + 1, count - rows))
        for index in first..<min(count, first + rows) {
            guard let item = s.board.items[s.archive[index]] else { continue }
            lines.append(row(item, selected: index == s.archiveIndex, s))
        }
        return lines
    }

    /// `▸ #12 Title · Doing · 3d ago by ana`, the title cut to what the width leaves.
    static func row(_ item: Item, selected: Bool, _ s: AppState) -> StyledLine {
        let stage = DisplayText.sanitize(s.board.stage(item.stage)?.name ?? "?")
        let by = item.updatedBy.flatMap { s.board.member($0) }.map { " by " + DisplayText.sanitize($0.handle) } ?? ""
        let facts = " · \(stage) · \(Age.short(since: item.updatedAt, now: s.now)) ago\(by)"
        let number = "#\(item.number) "
        let room = max(1, s.width - 4 - DisplayText.width(of: number) - DisplayText.width(of: facts))
        let title = DisplayText.truncate(DisplayText.sanitize(item.title), to: room)
        return [
            (selected ? "▸ " : "  ", .selection), (number, selected ? .cardSelected : .label),
            (title, selected ? .cardSelected : .title), (facts, .dim),
        ]
    }
}
