import BatonCore

/// Where things go on the board screen; shared by `update` (to keep the selection visible) and the views.
public struct BoardLayout: Equatable, Sendable {
    public static let minColumnWidth = 24
    /// Smallest terminal the screens fit in; smaller ones get a notice.
    public static let minWidth = 20, minHeight = 7

    public let width: Int
    public let height: Int
    public let visibleStages: Int
    public let columnWidth: Int

    public init(width: Int, height: Int, stageCount: Int) {
        self.width = width
        self.height = height
        visibleStages = max(1, min(max(1, stageCount), (width + 1) / (BoardLayout.minColumnWidth + 1)))
        columnWidth = max(1, (width - (visibleStages - 1)) / visibleStages)
    }

    public var isTooSmall: Bool { width < BoardLayout.minWidth || height < BoardLayout.minHeight }
    /// First row of the cards.
    public var bodyTop: Int { 3 }
    /// Rows available to cards.
    public var bodyHeight: Int { max(0, height - 5) }
    /// The x of the n-th visible stage column.
    public func columnX(_ n: Int) -> Int { n * (columnWidth + 1) }

    /// The width of the n-th visible column: the last one takes the columns left over.
    public func width(ofColumn n: Int) -> Int {
        n == visibleStages - 1 ? max(1, width - columnX(n)) : columnWidth
    }
}

/// How a card is laid out in a column of a given width.
public struct CardLayout: Sendable {
    public let title: [String]
    public let blocked: Bool

    public init(item: Item, width: Int) {
        let prefix = (item.expedite ? "⚡" : "") + "#\(item.number) "
        let room = max(1, width - 1)
        var lines = DisplayText.wrap(prefix + DisplayText.sanitize(item.title), to: room)
        if lines.count > 2 {
            lines = [lines[0], DisplayText.truncate(lines[1...].joined(separator: " "), to: room)]
        }
        title = lines
        blocked = item.blocked != nil
    }

    /// Rows the card takes, including the blank row after it.
    public var height: Int { title.count + 1 + (blocked ? 1 : 0) + 1 }

    public static func height(of item: Item, width: Int) -> Int {
        CardLayout(item: item, width: width).height
    }
}
