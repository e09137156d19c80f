import BatonCore

/// Swimlanes as horizontal bands across the visible stages: each band has a header row and is as
/// tall as its tallest column; the whole board scrolls by rows (`AppState.laneScroll`).
public struct LaneLayout: Sendable {
    /// One lane across the visible stages.
    public struct Band: Sendable {
        public var lane: Lane
        /// First row of the band (its header), counted from the top of all bands.
        public var top: Int
        /// Rows of the band, header included.
        public var height: Int
        /// For each visible column, its cards and their first row within the band (after the header).
        public var cards: [[(number: ItemNumber, row: Int, height: Int)]]
    }

    public var bands: [Band] = []
    /// What the layout was made for: terminal size and the first visible stage.
    public var key: (width: Int, height: Int, firstStage: Int) = (0, 0, 0)

    /// Rows of all bands together.
    public var totalHeight: Int { bands.last.map { $0.top + $0.height } ?? 0 }

    /// The bands of the visible stages of `s` with lanes on.
    public init(_ s: AppState, _ layout: BoardLayout) {
        key = (s.width, s.height, s.firstStage)
        let stages = Array(s.board.stages.dropFirst(s.firstStage).prefix(layout.visibleStages))
        var perLane: [Int: (lane: Lane, columns: [[(number: ItemNumber, row: Int, height: Int)]])] = [:]
        for (column, stage) in stages.enumerated() {
            let width = layout.width(ofColumn: column) - 1
            for number in s.columns[stage.id] ?? [] {
                guard let item = s.board.items[number], let lane = s.lane(of: item) else { continue }
                var entry = perLane[lane.rank] ?? (lane, Array(repeating: [], count: stages.count))
                let row = entry.columns[column].last.map { $0.row + $0.height } ?? 0
                entry.columns[column].append((number, row, CardLayout.height(of: item, width: width)))
                perLane[lane.rank] = entry
            }
        }
        var top = 0
        for rank in perLane.keys.sorted() {
            let entry = perLane[rank]!
            let tallest = entry.columns.map { $0.last.map { $0.row + $0.height } ?? 0 }.max() ?? 0
            let height = 1 + max(1, tallest)
            bands.append(Band(lane: entry.lane, top: top, height: height, cards: entry.columns))
            top += height
        }
    }

    /// True when the layout still fits `s`'s size and visible stages.
    func fits(_ s: AppState) -> Bool {
        key == (s.width, s.height, s.firstStage)
    }

    /// Where the card of item `number` is: its first row from the top of all bands and its height.
    public func place(of number: ItemNumber) -> (row: Int, height: Int)? {
        for band in bands {
            for column in band.cards {
                if let card = column.first(where: { $0.number == number }) {
                    return (band.top + 1 + card.row, card.height)
                }
            }
        }
        return nil
    }

    /// The card in visible column `column` at `row` rows from the top of all bands, if any.
    public func card(column: Int, row: Int) -> ItemNumber? {
        guard let band = bands.first(where: { row >= $0.top && row < $0.top + $0.height }),
            band.cards.indices.contains(column)
        else { return nil }
        let inBand = row - band.top - 1
        return band.cards[column].first { inBand >= $0.row && inBand < $0.row + $0.height - 1 }?.number
    }
}
