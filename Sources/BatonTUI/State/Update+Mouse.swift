import BatonCore

extension App {
    /// A left click: on the board it selects the stage or card under it (a click on the selected
    /// card opens it); on the outcomes screen it selects the outcome.
    static func click(x: Int, y: Int, _ s: inout AppState) -> [Effect] {
        switch s.screen {
        case .board: return clickBoard(x: x, y: y, &s)
        case .outcomes:
            let index = (y - 1 + OutcomesView.scroll(s)) / OutcomesView.linesPerOutcome
            if s.board.outcomes.indices.contains(index) { s.outcomeIndex = index }
        default: break
        }
        return []
    }

    static func clickBoard(x: Int, y: Int, _ s: inout AppState) -> [Effect] {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        let column = min(layout.visibleStages - 1, x / (layout.columnWidth + 1))
        let index = s.firstStage + column
        guard y >= 1, y < layout.bodyTop + layout.bodyHeight, s.board.stages.indices.contains(index) else { return [] }
        let stage = s.board.stages[index]
        let selectedBefore = s.stageIndex == index ? s.currentItem?.number : nil
        s.stageIndex = index
        guard y >= layout.bodyTop, let number = card(at: y, in: stage, column: column, layout, s) else {
            keepSelectionVisible(&s)
            return []
        }
        if selectedBefore == number, let item = s.board.items[number] { return itemCommand(.openDetail, item, &s) }
        s.selectedItem[stage.id] = number
        keepSelectionVisible(&s)
        return []
    }

    /// The card drawn at row `y` of a stage's column, if any.
    static func card(at y: Int, in stage: Stage, column: Int, _ layout: BoardLayout, _ s: AppState) -> ItemNumber? {
        if s.lanes != .none {
            let lanes = s.laneLayout.flatMap { $0.fits(s) ? $0 : nil } ?? LaneLayout(s, layout)
            return lanes.card(column: column, row: y - layout.bodyTop + s.laneScroll)
        }
        let numbers = s.columns[stage.id] ?? []
        let width = layout.width(ofColumn: column) - 1
        var top = layout.bodyTop
        let first = s.firstRow[stage.id] ?? 0
        for number in numbers.dropFirst(first) {
            guard let item = s.board.items[number], top <= y else { return nil }
            let height = CardLayout.height(of: item, width: width)
            if y < top + height - 1 { return number }
            top += height
        }
        return nil
    }
}
