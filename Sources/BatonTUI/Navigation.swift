import BatonCore

extension App {
    /// Selects item `number` (in whichever stage it is), if it is shown.
    static func select(_ number: ItemNumber, _ s: inout AppState) {
        guard let item = s.board.items[number], let index = s.board.stages.firstIndex(where: { $0.id == item.stage }),
              s.columns[item.stage]?.contains(number) == true else { return }
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
        if s.stageIndex >= s.firstStage + layout.visibleStages { s.firstStage = s.stageIndex - layout.visibleStages + 1 }
        s.firstStage = max(0, min(s.firstStage, s.board.stages.count - layout.visibleStages))
        if s.lanes != .none { return keepLaneSelectionVisible(&s, layout) }
        guard let stage = s.currentStage, let items = s.columns[stage.id], let item = s.currentItem,
              let index = items.firstIndex(of: item.number) else { return }
        let first = min(s.firstRow[stage.id] ?? 0, index)
        // Walk up from the selection while the cards still fit: work proportional to one screen.
        let width = layout.width(ofColumn: s.stageIndex - s.firstStage) - 1
        let board = s.board
        let height = { (i: Int) in board.items[items[i]].map { CardLayout.height(of: $0, width: width) } ?? 0 }
        var start = index
        var rows = height(index) - 1
        while start > first, rows + height(start - 1) <= layout.bodyHeight {
            start -= 1
            rows += height(start)
        }
        s.firstRow[stage.id] = start
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
        if place.row + place.height - 1 > s.laneScroll + layout.bodyHeight { s.laneScroll = place.row + place.height - 1 - layout.bodyHeight }
    }

    /// How many cards of the current stage fit on one screen, at least one.
    static func pageSize(_ s: AppState) -> Int {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        return max(1, layout.bodyHeight / 4)
    }
}
