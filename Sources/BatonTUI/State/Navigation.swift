import BatonCore

extension App {
    /// Selects item `number` (in whichever stage it is), if it is shown.
    static func select(_ number: ItemNumber, _ s: inout AppState) {
        guard let item = s.board.items[number], let index = s.board.stages.firstIndex(where: { $0.id == item.stage }),
            s.columns[item.stage]?.contains(number) == true
        else { return }
        s.stageIndex = index
        s.selectedItem[item.stage] = number
    }

    /// Moves the selection within the current stage by `delta` rows of items, clamped.
    static func moveSelection(_ delta: Int, _ s: inout AppState) {
        guard let stage = s.currentStage, let items = s.columns[stage.id], !items.isEmpty else { return }
        let current = s.currentItem.flatMap { items.firstIndex(of: $0.number) } ?? 0
        s.selectedItem[stage.id] = items[min(items.count - 1, max(0, current + delta))]
        keepSelectionVisible(&s)
    }

    static func selectStage(_ index: Int, _ s: inout AppState) {
        s.stageIndex = min(max(0, index), max(0, s.board.stages.count - 1))
        keepSelectionVisible(&s)
    }

    /// Scrolls stages sideways and the current stage vertically so the selection is on screen.
    static func keepSelectionVisible(_ s: inout AppState) {
        s.stageIndex = min(max(0, s.stageIndex), max(0, s.board.stages.count - 1))
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        if s.stageIndex < s.firstStage { s.firstStage = s.stageIndex }
        if s.stageIndex >= s.firstStage + layout.visibleStages {
            s.firstStage = s.stageIndex - layout.visibleStages + 1
        }
        s.firstStage = max(0, min(s.firstStage, s.board.stages.count - layout.visibleStages))
        if s.lanes != .none { return keepLaneSelectionVisible(&s, layout) }
        guard let stage = s.currentStage, let items = s.columns[stage.id], let item = s.currentItem,
            let index = items.firstIndex(of: item.number)
        else { return }
        let width = layout.width(ofColumn: s.stageIndex - s.firstStage) - 1
        let board = s.board
        let window = CardWindow(count: items.count, rows: layout.bodyHeight) {
            board.items[items[$0]].map { CardLayout.height(of: $0, width: width) } ?? 0
        }
        s.firstRow[stage.id] = window.first(showing: index, from: s.firstRow[stage.id] ?? 0)
    }

    /// With lanes on, the whole board scrolls so that the selected card and its lane header show.
    static func keepLaneSelectionVisible(_ s: inout AppState, _ layout: BoardLayout) {
        if s.laneLayout?.fits(s) != true { s.laneLayout = LaneLayout(s, layout) }
        let lanes = s.laneLayout!
        s.laneScroll = max(0, min(s.laneScroll, lanes.totalHeight - layout.bodyHeight))
        guard let number = s.currentItem?.number, let place = lanes.place(of: number) else { return }
        let headerRow = lanes.bands.first { place.row >= $0.top && place.row < $0.top + $0.height }?.top ?? place.row
        let wanted = place.row - headerRow + place.height - 1 <= layout.bodyHeight ? headerRow : place.row
        if wanted < s.laneScroll { s.laneScroll = wanted }
        if place.row + place.height - 1 > s.laneScroll + layout.bodyHeight {
            s.laneScroll = place.row + place.height - 1 - layout.bodyHeight
        }
    }

    /// How many cards of the current stage fit on one screen, at least one.
    static func pageSize(_ s: AppState) -> Int {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        return max(1, layout.bodyHeight / 4)
    }
}

/// Which card a column shows first, so that the selected card is on screen. The column turns a
/// page at a time rather than a card at a time, keeping one card of context: redrawing a whole
/// column costs about 2 KB over SSH, so it should happen once per page, not on every key.
struct CardWindow {
    let count: Int
    /// Rows the column has for cards.
    let rows: Int
    /// Rows card `index` takes.
    let height: (Int) -> Int

    /// The first card to show so that card `index` is visible, keeping `current` when it already is.
    /// Work is proportional to one screen of cards, whatever the column's length.
    func first(showing index: Int, from current: Int) -> Int {
        if index < current {
            return min(index, topWhenAtBottom(min(index + 1, count - 1)))
        }
        guard !fits(from: current, through: index) else { return current }
        let pageTop = fits(from: index - 1, through: index) ? max(0, index - 1) : index
        return max(0, min(pageTop, topWhenAtBottom(count - 1)))
    }

    /// The first card when card `last` sits at the bottom of the column.
    private func topWhenAtBottom(_ last: Int) -> Int {
        var start = last
        var used = height(last)
        while start > 0, used + height(start - 1) <= rows + 1 {
            start -= 1
            used += height(start)
        }
        return start
    }

    /// Whether cards `start...last` fit; the last card's spacing row may fall off the bottom.
    private func fits(from start: Int, through last: Int) -> Bool {
        guard start >= 0, start <= last else { return start == last + 1 }
        var used = 0
        for card in start...last {
            used += height(card)
            if used > rows + 1 { return false }
        }
        return true
    }
}
