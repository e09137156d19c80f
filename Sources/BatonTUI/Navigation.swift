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
        guard let stage = s.currentStage, let items = s.columns[stage.id], let item = s.currentItem,
              let index = items.firstIndex(of: item.number) else { return }
        let first = min(s.firstRow[stage.id] ?? 0, index)
        // Walk up from the selection while the cards still fit: work proportional to one screen.
        let width = layout.width(ofColumn: s.stageIndex - s.firstStage) - 1
        let board = s.board
        let height = { (i: Int) in board.items[items[i]].map { CardLayout.height(of: $0, width: width) } ?? 0 }
        let header = s.lanes == .none ? 0 : 1
        let state = s
        var start = index
        var rows = height(index) - 1 + header
        while start > first {
            // The first card drawn always carries its lane's header; the old first keeps its own only if it starts a lane.
            let keeps = state.startsLane(items, at: start, first: start - 1) ? 0 : header
            let added = height(start - 1) + header - keeps
            if rows + added > layout.bodyHeight { break }
            rows += added
            start -= 1
        }
        s.firstRow[stage.id] = start
    }

    /// How many cards of the current stage fit on one screen, at least one.
    static func pageSize(_ s: AppState) -> Int {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        return max(1, layout.bodyHeight / 4)
    }
}
